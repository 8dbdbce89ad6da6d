"""The whole pipeline in-process through the CLI: every source served by a local server
(recorded responses, odd ones included), de-duplication across sources, matching, the digest
arriving in the real SMTP server once, a second run sending nothing, and a job saved as an
application."""

from __future__ import annotations

import json
from email import message_from_bytes, policy
from pathlib import Path
from typing import Any

import pytest
from boards import Boards
from click.testing import CliRunner, Result
from servers import Dovecot, MailUser, SmtpServer
from test_outbox_cli import add_account

from followup.app.alerts.searches import unsubscribe
from followup.app.root import build_context
from followup.cli.main import cli
from followup.config import load_settings

pytestmark = pytest.mark.mail

GOOD = {
    "greenhouse:acme": ("/gh/v1/boards/acme/jobs?content=true", "greenhouse_acme.json"),
    "remoteok": ("/rok/api", "remoteok.json"),
    "lever:talentbridge": ("/lever/v0/postings/talentbridge?mode=json", "lever_talentbridge.json"),
    "ashby:globex": (
        "/ashby/posting-api/job-board/globex?includeCompensation=true",
        "ashby_globex.json",
    ),
    "smartrecruiters:initech": (
        "/sr/v1/companies/initech/postings?limit=100",
        "smartrecruiters_initech.json",
    ),
    "recruitee:umbrella": ("/recruitee/umbrella/api/offers/", "recruitee_umbrella.json"),
    "personio:hooli": ("/personio/hooli/xml?language=en", "personio_hooli.xml"),
    "hn": ("/hn/api/v1/search_by_date?tags=story,author_whoishiring", "hn_search.json"),
}
FEEDS = {"/feeds/wwr.rss": "wwr.rss", "/feeds/jobs.atom": "jobs.atom", "/careers": "career.html"}


def run(*args: str, code: int = 0, stdin: str | None = None) -> Result:
    result = CliRunner().invoke(cli, list(args), input=stdin, catch_exceptions=False)
    assert result.exit_code == code, (args, result.exit_code, result.output, result.stderr)
    return result


def as_json(*args: str) -> Any:
    return json.loads(run(*args, "--json").stdout)


@pytest.fixture
def home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, boards: Boards) -> Path:
    home = tmp_path / "home"
    monkeypatch.setenv("FOLLOWUP_HOME", str(home))
    monkeypatch.setenv("FOLLOWUP_USER_TZ", "America/New_York")
    base = boards.url
    config = {
        "base_urls": {
            "greenhouse": base + "/gh",
            "remoteok": base + "/rok",
            "lever": base + "/lever",
            "ashby": base + "/ashby",
            "smartrecruiters": base + "/sr",
            "recruitee": base + "/recruitee/{name}",
            "personio": base + "/personio/{name}",
            "hn": base + "/hn",
        },
        "timeout": 2,
        "deadline": 1,
        "max_mb": 1,
        "retries": 0,
        "per_host_interval": 0,
        "unsubscribe_url": "https://alerts.example/unsubscribe",
    }
    monkeypatch.setenv("FOLLOWUP_ALERTS", json.dumps(config))
    for spec, (path, fixture) in GOOD.items():
        boards.serve(path, fixture, etag=f'"{spec}-1"')
    boards.serve("/hn/api/v1/items/46100000", "hn_item.json")
    for path, fixture in FEEDS.items():
        boards.serve(path, fixture, content_type="application/xml")
    boards.serve("/feeds/moved", "not_a_feed.html", content_type="text/html")
    boards.serve("/lever/v0/postings/emptyco?mode=json", body=b"")
    boards.serve("/ashby/posting-api/job-board/broken?includeCompensation=true", body=b"{[")
    boards.serve("/feeds/huge", behaviour="huge")
    boards.serve("/feeds/endless", behaviour="endless")
    for spec in [*GOOD, "lever:emptyco", "ashby:broken"]:
        run("alerts", "source", "add", spec)
    for path in [*FEEDS, "/feeds/moved", "/feeds/huge", "/feeds/endless"]:
        run("alerts", "source", "add", base + path)
    return home


def test_the_digest_arrives_once_with_new_jobs_only(
    home: Path, boards: Boards, dovecot: Dovecot, smtp_server: SmtpServer, mail_user: MailUser
) -> None:
    add_account(dovecot, smtp_server, mail_user)
    run("alerts", "add", "Data", 'title:"data engineer" OR python')
    run("alerts", "add", "Rust", "rust -php", "--mode", "remote")
    run("alerts", "add", "Never", "cobol")
    run("alerts", "delivery", "--frequency", "daily", "--hour", "8", "--per-company", "2")

    dry = as_json("alerts", "run", "--dry-run", "--now")
    by_source = {s["source"]: s for s in dry["sources"]}
    errors = {k: v["error"] for k, v in by_source.items() if v["error"]}
    base = boards.url
    assert set(errors) == {
        "lever:emptyco",
        "ashby:broken",
        base + "/feeds/moved",
        base + "/feeds/huge",
        base + "/feeds/endless",
    }
    assert "empty body" in errors["lever:emptyco"]
    assert "invalid JSON" in errors["ashby:broken"]
    assert "HTML page that has no job postings" in errors[base + "/feeds/moved"]
    assert "more than 1 MB" in errors[base + "/feeds/huge"]
    assert "did not finish" in errors[base + "/feeds/endless"]
    # the same Acme job on RemoteOK (tracking parameters) and reposted by an agency on Lever
    assert by_source["remoteok"]["duplicates"] == 1 and by_source["remoteok"]["new"] == 1
    assert by_source["lever:talentbridge"]["duplicates"] == 1
    assert by_source["hn:whoishiring"]["new"] == 2
    digest = dry["digest"]
    assert digest["status"] == "dry-run"
    assert digest["headers"] == {
        "List-Unsubscribe": digest["headers"]["List-Unsubscribe"],
        "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
    }
    assert digest["headers"]["List-Unsubscribe"].startswith("<https://alerts.example/unsubscribe/")
    titles = [line for line in digest["text"].splitlines() if " at " in line]
    assert "Senior Data Engineer at Acme Analytics" in titles
    assert "Senior Rust Engineer at Pennypacker Labs" in titles
    assert "Data Engineer (Senior) at Talentbridge" not in titles  # a duplicate
    assert not smtp_server.received  # a dry run sends nothing...

    sent = as_json("alerts", "run", "--send", "--now")  # ...and records nothing
    assert sent["digest"]["status"] == "sent"
    assert sent["digest"]["items"] == digest["items"]
    assert all(
        s["unchanged"]
        for s in sent["sources"]
        if s["source"] in GOOD and s["source"] != "hn:whoishiring"
    )
    (received,) = smtp_server.received
    assert received.rcpt_tos == [mail_user.address]
    message = message_from_bytes(received.data, policy=policy.default)
    assert message["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert message["List-Unsubscribe"].strip() == digest["headers"]["List-Unsubscribe"]
    html = message.get_body(("html",))
    assert html is not None and "Senior Data Engineer" in html.get_content()
    text = message.get_body(("plain",))
    assert text is not None and "Python Developer at Vandelay Industries" in text.get_content()
    dates = [d[:10] for d in text.get_content().split("posted ")[1:]]
    assert dates == sorted(dates, reverse=True) and len(dates) > 3

    again = as_json("alerts", "run", "--send", "--now")
    assert again["digest"]["status"] == "already-sent"
    run("alerts", "delivery", "--frequency", "instant")
    instant = as_json("alerts", "run", "--send", "--now")
    assert instant["matches"] == 0
    assert instant["digest"]["status"] == "nothing-new"
    assert len(smtp_server.received) == 1

    job = digest["items"][0]["job"]
    saved = as_json("alerts", "save", str(job))
    again_saved = as_json("alerts", "save", str(job))
    assert saved["id"] == again_saved["id"]
    (app,) = as_json("app", "list")
    assert app["id"] == saved["id"]
    assert app["stage"] == "saved"  # found, not applied for: nothing is followed up yet
    shown = as_json("app", "show", str(app["id"]))
    assert "Job: https://" in json.dumps(shown)

    # the one-click unsubscribe (what the web app's POST endpoint calls) pauses every search
    token = digest["headers"]["List-Unsubscribe"].strip("<>").rsplit("/", 1)[1]
    ctx = build_context(load_settings())
    try:
        assert unsubscribe(ctx, "not-a-token") == 0
        assert unsubscribe(ctx, token) == 3
    finally:
        ctx.close()
    assert all(s["paused"] for s in as_json("alerts", "list"))


def test_a_dry_run_writes_the_html_and_bad_input_writes_nothing(home: Path, tmp_path: Path) -> None:
    run("alerts", "add", "Go", "golang OR go")
    out = tmp_path / "digest.html"
    result = run("alerts", "run", "--dry-run", "--now", "--out", str(out))
    assert "Go Engineer at Kramerica" in result.stdout
    assert "List-Unsubscribe-Post: List-Unsubscribe=One-Click" in result.stdout
    assert out.read_text(encoding="utf-8").startswith("<!doctype html>")
    bad = run("alerts", "add", "Broken", "golang AND (rust", code=2)
    assert "column 12" in bad.stderr and "Traceback" not in bad.output
    assert [s["name"] for s in as_json("alerts", "list")] == ["Go"]
    test = as_json("alerts", "test", "1")
    assert {(h["title"], tuple(h["why"])) for h in test} == {("Go Engineer", ("go",))}


def test_a_dry_run_prints_the_digest_whatever_the_hour(home: Path) -> None:
    run("alerts", "add", "Go", "golang OR go")
    # the digest's hour can be any now: a dry run shows what it would send all the same
    run("alerts", "delivery", "--hour", "23")
    shown = run("alerts", "run", "--dry-run").stdout
    assert "The digest that would be sent (not sent, nor marked as sent)" in shown
    assert "\n1 new match\n" in shown  # one match: no plural
    assert "Subject: 1 new job for your saved searches" in shown
    assert "Go Engineer at Kramerica" in shown and "matched: Go" in shown
    data = as_json("alerts", "run", "--dry-run")
    assert data["digest"]["status"] == "dry-run"
    (item,) = data["digest"]["items"]
    assert item["title"] == "Go Engineer" and item["company"] == "Kramerica"
    assert item["url"] == "https://kramerica.example/careers/go-engineer"
    assert item["searches"] == ["Go"]
    assert item["posted_at"].startswith("2026-11-29")
    assert data["digest"]["text"] and data["digest"]["html"].startswith("<!doctype html>")


def test_show_reads_as_text_and_names_are_one_a_search(home: Path) -> None:
    run(
        "alerts", "add", "Remote Python", "python -php", "--mode", "remote", "--location",
        "berlin", "--min-salary", "90000", "--currency", "eur", "--within-days", "7",
    )  # fmt: skip
    shown = run("alerts", "show", "1").stdout
    assert shown.splitlines() == [
        "search 1: Remote Python",
        "  query: python -php",
        "  location: berlin",
        "  work mode: remote",
        "  salary: at least EUR 90,000 a year (jobs that state none: kept)",
        "  posted in the last 7 days",
        "  paused: no",
    ]
    assert "(" not in shown.replace("(jobs", "")  # no tuples, no enum reprs
    taken = run("alerts", "add", "remote python", "rust", code=2)
    assert "already have a saved search named 'Remote Python' (search 1)" in taken.stderr
    assert "pick another name" in taken.stderr and "Traceback" not in taken.output
    run("alerts", "add", "Rust", "rust")
    renamed = run("alerts", "edit", "2", "--name", " Remote  Python ", code=2)
    assert "search 1" in renamed.stderr
    assert [s["name"] for s in as_json("alerts", "list")] == ["Remote Python", "Rust"]
    run("alerts", "edit", "1", "--name", "Remote python")  # its own name, recased: fine


def test_a_run_tells_its_progress_source_by_source(home: Path) -> None:
    from followup.app.alerts.runs import RunRequest, run_alerts

    told: list[tuple[str, int, int]] = []
    ctx = build_context(load_settings())
    try:
        report = run_alerts(ctx, RunRequest(), lambda what, done, of: told.append((what, done, of)))
    finally:
        ctx.close()
    count = len(report.sources)
    assert count == len(GOOD) + len(FEEDS) + 5  # every source added by the fixture
    assert told == [("sources", n, count) for n in range(count + 1)]
