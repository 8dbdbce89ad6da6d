"""A sync that meets hostile mail first still reads the reply that comes after it: a message
past a cap is quarantined with the reason, one whose time zone would expand forever is read
without expanding it, and none of them blocks later mail."""

from __future__ import annotations

import json
import time
from datetime import UTC, datetime
from email.utils import format_datetime
from pathlib import Path

import pytest
from servers import Dovecot, MailUser
from test_sync_cli import _mail, home, run  # noqa: F401  (the `home` fixture is used)

pytestmark = pytest.mark.mail

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "hostile"


def _calendar_mail(events: int) -> bytes:
    """An invitation mail whose calendar holds `events` events (a hard cap is 1,000)."""
    stamp = "20260310T090000Z"
    body = "".join(
        "BEGIN:VEVENT\r\n"
        f"UID:flood-{n}@acme.com\r\nDTSTAMP:{stamp}\r\n"
        f"DTSTART:20260320T{9 + n % 8:02d}0000Z\r\nDTEND:20260320T{10 + n % 8:02d}0000Z\r\n"
        f"SUMMARY:Interview {n}\r\nORGANIZER:mailto:dana@acme.com\r\n"
        f"ATTENDEE;CN=Person {n}:mailto:person{n}@acme.com\r\n"
        "END:VEVENT\r\n"
        for n in range(events)
    )
    calendar = (
        "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//Acme//Scheduler//EN\r\nMETHOD:REQUEST\r\n"
        f"{body}END:VCALENDAR\r\n"
    )
    return (
        "From: Dana Reyes <dana@acme.com>\r\nTo: sam@example.test\r\n"
        "Subject: Interview invitations\r\nMessage-ID: <flood@acme.com>\r\n"
        f"Date: {format_datetime(datetime.now(UTC))}\r\nMIME-Version: 1.0\r\n"
        'Content-Type: text/calendar; charset="utf-8"; method=REQUEST\r\n\r\n'
        f"{calendar}"
    ).encode()


def test_hostile_mail_first_does_not_stop_the_reply_after_it(
    home: Path,  # noqa: F811
    dovecot: Dovecot,
    mail_user: MailUser,
) -> None:
    dovecot.deliver(mail_user, _calendar_mail(1500))
    dovecot.deliver(mail_user, (FIXTURES / "vtimezone_minutely.eml").read_bytes())
    dovecot.deliver(mail_user, (FIXTURES / "attendee_injection.eml").read_bytes())
    reply = _mail("Dana Reyes <dana@acme.com>", "Re: next steps", "<after@acme.com>")
    dovecot.deliver(mail_user, reply)

    started = time.monotonic()
    report = json.loads(run("sync", "--json").output)
    took = time.monotonic() - started

    assert report[0]["folder"] == "INBOX" and report[0]["new"] == 4
    assert took < 30  # bounded work: the flood and the zone are read in well under that
    shown = json.loads(run("app", "show", "1", "--json").output)
    assert "reply" in [t["kind"] for t in shown["touches"]]
    quarantined = json.loads(run("review", "quarantined", "--json").output)
    flood = [q for q in quarantined if q["message_id"] == "<flood@acme.com>"]
    assert len(flood) == 1 and "too large" in flood[0]["reason"]
    people = json.loads(run("person", "list", "--json").output)
    assert all("," not in (p["email"] or "") for p in people)
    assert all("\n" not in p["name"] and "\r" not in p["name"] for p in people)
    assert len(people) < 20  # no person per flooded attendee


def test_import_ics_refuses_a_calendar_past_the_cap_and_writes_nothing(
    home: Path,  # noqa: F811
    tmp_path: Path,
) -> None:
    flood = tmp_path / "export.ics"
    raw = _calendar_mail(1500)
    flood.write_bytes(raw[raw.index(b"BEGIN:VCALENDAR") :])
    before = json.loads(run("app", "show", "1", "--json").output)
    result = run("import-ics", str(flood), code=2)
    assert "too large" in result.stderr and "(fix: " in result.stderr
    assert json.loads(run("app", "show", "1", "--json").output) == before
