"""The web app's manners over HTTP (in-process, the same ASGI app `followup serve` runs):
host and CSRF guards, 404 and 500 pages, forms shown again with their problems, escaping."""

from __future__ import annotations

import logging
import re
import sqlite3
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path

import pytest
from starlette.testclient import TestClient
from webtools import BASE, NOW

from followup.app.applications import NewApplication, add_application
from followup.app.context import Context
from followup.app.people import NewPerson, add_person
from followup.web.app import create_app
from followup.web.security import CSRF_COOKIE


def token(client: TestClient) -> str:
    value: str = client.get("/api/session").json()["csrf_token"]
    return value


def count_apps(ctx: Context) -> int:
    from followup.app.applications import list_applications

    return len(list_applications(ctx))


def test_unsafe_requests_need_the_csrf_token(client: TestClient, web_ctx: Context) -> None:
    form = {"company": "Acme", "role": "SRE"}
    fresh = TestClient(client.app, base_url=BASE)  # no cookie yet
    assert fresh.post("/apps/new", data=form).status_code == 403
    assert client.post("/apps/new", data=form).status_code == 403  # cookie, no token
    wrong = {**form, "csrf_token": "0" * 64}
    assert client.post("/apps/new", data=wrong).status_code == 403
    api = client.post("/api/applications", json=form)
    assert api.status_code == 403
    assert count_apps(web_ctx) == 0  # nothing written
    ok = client.post(
        "/apps/new", data={**form, "csrf_token": token(client)}, follow_redirects=False
    )
    assert ok.status_code == 303
    other = {**form, "role": "Platform Engineer"}  # the same company and role again asks first
    api = client.post("/api/applications", json=other, headers={"X-CSRF-Token": token(client)})
    assert api.status_code == 201
    assert count_apps(web_ctx) == 2


def test_the_token_belongs_to_its_cookie(client: TestClient) -> None:
    mine = token(client)
    other = TestClient(client.app, base_url=BASE)
    other.get("/")
    refused = other.post(
        "/api/applications", json={"company": "A", "role": "B"}, headers={"X-CSRF-Token": mine}
    )
    assert refused.status_code == 403


def test_other_hosts_and_origins_are_refused(client: TestClient) -> None:
    rebound = client.get("/api/applications", headers={"Host": "attacker.example:8150"})
    assert rebound.status_code == 400  # DNS rebinding: the name is not ours
    assert client.get("/", headers={"Host": "localhost:8150"}).status_code == 200
    cross = client.post(
        "/api/applications",
        json={"company": "A", "role": "B"},
        headers={"X-CSRF-Token": token(client), "Origin": "https://attacker.example"},
    )
    assert cross.status_code == 403


def test_security_headers(web_ctx: Context, secret: bytes) -> None:
    fresh = TestClient(create_app(web_ctx, secret), base_url=BASE)
    response = fresh.get("/")
    assert "script-src 'self'" in response.headers["content-security-policy"]
    assert response.headers["x-frame-options"] == "DENY"
    assert response.headers["referrer-policy"] == "no-referrer"
    cookie = response.headers["set-cookie"]
    assert cookie.startswith(f"{CSRF_COOKIE}=") and "HttpOnly" in cookie
    assert "SameSite=Strict" in cookie


@pytest.mark.parametrize(
    "path",
    [
        "/apps/4242",
        "/apps/abc",
        "/apps/4242/interviews/new",
        "/actions/4242-i1-thank-you-p1/draft",
        "/actions/nonsense/draft",
        "/no/such/page",
    ],
)
def test_wrong_ids_are_404_pages(client: TestClient, path: str) -> None:
    response = client.get(path)
    assert response.status_code == 404
    assert response.headers["content-type"].startswith("text/html")
    assert "<h1>Not found</h1>" in response.text
    assert "Traceback" not in response.text


def test_wrong_ids_in_the_api_are_404_json(client: TestClient) -> None:
    response = client.get("/api/applications/4242")
    assert response.status_code == 404
    assert response.json()["error"]["code"].endswith("not-found")


def test_invalid_forms_come_back_with_messages_next_to_fields(
    client: TestClient, web_ctx: Context
) -> None:
    response = client.post(
        "/apps/new",
        data={
            "company": "Acme",
            "role": "",
            "country": "XX",
            "tz": "Mars/Base",
            "csrf_token": token(client),
        },
    )
    assert response.status_code == 400
    errors = dict(re.findall(r'<p class="error" id="e-(\w+)">([^<]*)</p>', response.text))
    assert errors == {"role": "Role is required."}
    assert 'value="Acme"' in response.text  # what was typed is kept
    response = client.post(
        "/apps/new",
        data={"company": "Acme", "role": "SRE", "country": "XX", "csrf_token": token(client)},
    )
    errors = dict(re.findall(r'<p class="error" id="e-(\w+)">([^<]*)</p>', response.text))
    assert errors == {"country": "Unknown country &#39;XX&#39;."}
    assert count_apps(web_ctx) == 0

    app = add_application(web_ctx, NewApplication("Acme", "SRE"))
    response = client.post(
        f"/apps/{app.id}/interviews/new",
        data={"start": "2026-03-40T10:00", "kind": "video", "csrf_token": token(client)},
    )
    assert response.status_code == 400
    assert 'id="e-start"' in response.text and "not a valid date" in response.text
    response = client.post(
        f"/apps/{app.id}/interviews/new",
        data={
            "start": "2026-03-03T10:00",
            "end": "2026-03-03T09:00",
            "kind": "video",
            "csrf_token": token(client),
        },
    )
    assert response.status_code == 400
    assert 'id="e-end"' in response.text


def test_text_is_shown_as_text_never_markup(client: TestClient, web_ctx: Context) -> None:
    hostile = '<script>alert("x")</script>'
    app = add_application(web_ctx, NewApplication(hostile, "SRE", notes=hostile))
    add_person(web_ctx, NewPerson(app.id, name=hostile))
    for path in ("/board", f"/apps/{app.id}"):
        page = client.get(path).text
        assert hostile not in page
        assert "&lt;script&gt;alert(&#34;x&#34;)&lt;/script&gt;" in page


def test_a_database_error_is_a_500_page_and_one_log_line(
    client: TestClient, web_ctx: Context, caplog: pytest.LogCaptureFixture
) -> None:
    add_application(web_ctx, NewApplication("Acme", "SRE"))
    database = Path(web_ctx.settings.home) / "followup.db"
    with sqlite3.connect(database) as broken:
        broken.execute("DROP TABLE app_schedule")
        broken.execute("ALTER TABLE applications RENAME TO gone")
    caplog.set_level(logging.ERROR, logger="followup.web")
    response = client.get("/board")
    assert response.status_code == 500
    assert "Something went wrong" in response.text
    assert "Traceback" not in response.text and "sqlite" not in response.text.lower()
    lines = [r.getMessage() for r in caplog.records if r.name == "followup.web"]
    assert lines == ["GET /board failed: OperationalError"]
    api = client.get("/api/applications")
    assert api.status_code == 500 and api.json()["error"]["code"] == "internal"


@pytest.fixture
def db_client(
    database_url: str, monkeypatch: pytest.MonkeyPatch, secret: bytes
) -> Iterator[TestClient]:
    """The app over `database_url`: SQLite, and PostgreSQL (server mode's database)."""
    from followup.app.clock import FixedClock
    from followup.app.root import build_context
    from followup.config import load_settings

    monkeypatch.setenv("FOLLOWUP_DATABASE_URL", database_url)
    ctx = build_context(load_settings(), clock=FixedClock(NOW))
    with TestClient(create_app(ctx, secret), base_url=BASE) as test_client:
        yield test_client
    ctx.close()


def test_the_api_answers_with_the_clis_records(db_client: TestClient) -> None:
    client = db_client
    headers = {"X-CSRF-Token": token(client)}
    created = client.post(
        "/api/applications",
        json={"company": "Acme", "role": "SRE", "country": "US"},
        headers=headers,
    ).json()
    app_id = created["id"]
    person = client.post(
        f"/api/applications/{app_id}/people",
        json={"name": "Dana Chen", "email": "dana@acme.example"},
        headers=headers,
    ).json()
    interview = client.post(
        f"/api/applications/{app_id}/interviews",
        json={
            "start": "2026-03-03T10:00:00",
            "kind": "on-site",
            "person_ids": [person["id"]],
            "notes": {str(person["id"]): "the batch jobs they move to streaming"},
        },
        headers=headers,
    )
    assert interview.status_code == 201, interview.text
    today = client.get("/api/today").json()
    (group,) = today["applications"]
    assert [a["kind"] for a in group["actions"]] == ["thank-you"]
    action_id = group["actions"][0]["id"]
    done = client.post(f"/api/actions/{action_id}/done", headers=headers).json()
    assert done == {"action_id": action_id, "already": False}
    again = client.post(f"/api/actions/{action_id}/done", headers=headers).json()
    assert again["already"] is True
    detail = client.get(f"/api/applications/{app_id}").json()
    assert action_id not in detail["action_ids"] and detail["stage"] == "waiting"
    moved = client.post(
        f"/api/applications/{app_id}/outcome", json={"outcome": "offer"}, headers=headers
    ).json()
    assert moved["outcome"] == "offer"
    assert datetime.fromisoformat(moved["outcome_at"])


def test_the_web_secret_is_private_and_never_logged(
    web_ctx: Context, secret: bytes, caplog: pytest.LogCaptureFixture
) -> None:
    path = Path(web_ctx.settings.home) / "web-secret"
    assert path.stat().st_mode & 0o777 == 0o600
    assert path.read_text().strip().encode() == secret
    caplog.set_level(logging.INFO, logger="followup")
    logging.getLogger("followup.web").info("oops: %s", secret.decode())
    assert secret.decode() not in caplog.text
