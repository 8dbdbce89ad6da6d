"""Importing invitations into the store: add, update by SEQUENCE, cancel, never go back."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path

import pytest
from click.testing import CliRunner

from followup.cli.main import cli
from followup.domain.model import InterviewKind
from followup.mail.reading.ics import Invite, parse_invite
from followup.mail.reading.invite_changes import ChangeKind, interview_change, interview_kind
from followup.store import open_store

FIXTURES = Path(__file__).parent.parent / "fixtures" / "mail"
ME = "alice.candidate@gmail.com"
MARCH = datetime(2026, 3, 1, tzinfo=UTC)


@pytest.fixture
def store():
    opened = open_store()
    yield opened
    opened.close()


def run(*args: str) -> list[dict[str, object]]:
    me = ["--me", ME, "--me", "alice.candidate@outlook.com"]
    outcome = CliRunner().invoke(cli, ["import-ics", *args, *me, "--json"])
    assert outcome.exit_code == 0, outcome.output
    return json.loads(outcome.output)


def test_invite_update_cancel_and_stale_versions(store) -> None:
    acme = store.add_application("Acme", "Senior Backend Engineer", created_at=MARCH,
                                 company_domain="acme.com")  # fmt: skip
    dana = store.add_person(acme.id, "Dana Reyes", email="dana.reyes@acme.com")
    [added] = run(str(FIXTURES / "google_invite.eml"))
    assert (added["change"], added["app_id"]) == ("add", acme.id)
    interview = store.interview_by_ical_uid("5k2q8v1n3m7p0r4t6w9y1b3d5f@google.com")
    assert interview is not None and interview.id == added["interview_id"]
    assert interview.start == datetime(2026, 3, 25, 13, 0, tzinfo=UTC)
    assert interview.kind is InterviewKind.VIDEO
    assert interview.video_link == "https://meet.google.com/xyz-abcd-efg"
    people = {p.email: p for p in store.people(acme.id)}
    assert set(people) == {"dana.reyes@acme.com", "sam.lee@acme.com", "morgan.blake@acme.com"}
    assert people["dana.reyes@acme.com"].id == dana.id  # the known contact is reused
    assert dana.id in interview.person_ids

    assert run(str(FIXTURES / "google_invite.eml"))[0]["change"] == "ignore"  # the same again
    [update] = run(str(FIXTURES / "google_invite_update.eml"))
    assert update["change"] == "update" and update["interview_id"] == interview.id
    moved = store.interview_by_ical_uid(interview.ical_uid)
    assert moved.start == datetime(2026, 3, 26, 9, 0, tzinfo=UTC) and moved.ical_sequence == 1

    [stale] = run(str(FIXTURES / "google_invite.eml"))  # the older version arrives late
    assert stale["change"] == "ignore" and "older" in stale["reason"]
    assert store.interview_by_ical_uid(interview.ical_uid).ical_sequence == 1

    [cancel] = run(str(FIXTURES / "google_cancel.eml"))
    assert cancel["change"] == "cancel"
    assert store.interview_by_ical_uid(interview.ical_uid).cancelled


def test_ics_file_with_explicit_application(store) -> None:
    app = store.add_application("Contoso", "Data Analyst", created_at=MARCH)
    [result] = run(str(FIXTURES / "ics" / "outlook.ics"), "--app", str(app.id))
    assert result["change"] == "add"
    interview = store.interview_by_ical_uid(str(result["uid"]))
    assert interview.start == datetime(2026, 3, 24, 16, 0, tzinfo=UTC)
    names = {p.name for p in store.people(app.id)}
    assert names == {"Ken Tanaka", "Rosa Diaz"}  # not the user, not the room


def test_unclear_application_is_bad_input(store) -> None:
    store.add_application("Acme", "Backend", created_at=MARCH, company_domain="acme.com")
    store.add_application("Acme", "Data", created_at=MARCH, company_domain="acme.com")
    outcome = CliRunner().invoke(cli, ["import-ics", str(FIXTURES / "google_invite.eml")])
    assert outcome.exit_code == 2
    assert "cannot tell which application" in outcome.output and "--app" in outcome.output
    assert store.interview_by_ical_uid("5k2q8v1n3m7p0r4t6w9y1b3d5f@google.com") is None


def test_file_without_invitation_is_bad_input(store) -> None:
    outcome = CliRunner().invoke(cli, ["import-ics", str(FIXTURES / "gmail_reply.eml")])
    assert outcome.exit_code == 2
    assert outcome.output.startswith("error: no invitation found")


def test_accepted_reply_changes_nothing(store) -> None:
    app = store.add_application("Acme", "Backend", created_at=MARCH)
    [result] = run(str(FIXTURES / "accepted_reply.eml"), "--app", str(app.id))
    assert result["change"] == "ignore" and result["interview_id"] is None


def invite(**fields: object) -> Invite:
    base: dict[str, object] = {"method": "REQUEST", "uid": "u1", "start": MARCH}
    return Invite(**(base | fields))  # type: ignore[arg-type]


def test_interview_change_rules() -> None:
    assert interview_change(invite(method="REPLY"), None).kind is ChangeKind.IGNORE
    assert interview_change(invite(start=None), None).kind is ChangeKind.IGNORE
    assert interview_change(invite(method="CANCEL"), None).kind is ChangeKind.IGNORE
    assert interview_change(invite(), None).kind is ChangeKind.ADD


def test_interview_kind_guess() -> None:
    google = parse_invite((FIXTURES / "ics" / "google.ics").read_bytes())
    assert google is not None
    assert interview_kind(google, 3) is InterviewKind.VIDEO
    assert interview_kind(google, 4) is InterviewKind.PANEL
    assert interview_kind(invite(location="Phone call"), 1) is InterviewKind.PHONE
    assert interview_kind(invite(location="Acme HQ, 5th floor"), 1) is InterviewKind.ON_SITE
