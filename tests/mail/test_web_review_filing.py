"""The web app's Review page over a real mailbox: a reply the sync (real Dovecot) could not
place between two applications is listed, filed from the page under the second one (the
message fetched again over IMAP), and shows on that application's timeline."""

from __future__ import annotations

from pathlib import Path

import pytest
from cli_runs import run
from servers import Dovecot, MailUser
from starlette.testclient import TestClient
from test_sync_cli import _mail, home  # noqa: F401 (the same search and account)

from followup.app.root import build_context
from followup.config import load_settings
from followup.web.app import create_app
from followup.web.secret import load_web_secret

pytestmark = pytest.mark.mail


def test_a_reply_filed_from_the_review_page_is_recorded(
    home: Path,  # noqa: F811
    dovecot: Dovecot,
    mail_user: MailUser,
) -> None:
    dovecot.deliver(mail_user, _mail("Jo <jo@acme.com>", "Phone screen", "<r2@acme.com>"))
    run("sync")
    ctx = build_context(load_settings())
    try:
        app = create_app(ctx, load_web_secret(home))
        with TestClient(app, base_url="http://127.0.0.1:8150") as client:
            token = client.get("/api/session").json()["csrf_token"]
            (item,) = client.get("/api/review").json()
            assert sorted(item["candidates"]) == [1, 2]
            assert "Phone screen" in client.get("/review").text
            assert "Phone screen" not in client.get("/apps/2").text
            answer = client.post(
                f"/review/{item['id']}/file",
                data={"csrf_token": token, "app_id": "2"},
                follow_redirects=False,
            )
            assert answer.status_code == 303
            assert answer.headers["location"] == "/apps/2#timeline"
            timeline = client.get("/apps/2").text.split('id="timeline"', 1)[1]
            assert "Received: reply by email" in timeline and "Phone screen" in timeline
            assert client.get("/api/review").json() == []
            assert "Nothing to review." in client.get("/review").text
    finally:
        ctx.close()
