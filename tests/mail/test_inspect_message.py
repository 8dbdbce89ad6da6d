"""`inspect_message` keeps its contract fields; `followup inspect` prints them."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from followup.cli.inspect_cmd import inspect
from followup.mail.reading.inspect import inspect_message

FIXTURES = Path(__file__).parent.parent / "fixtures" / "mail"
CONTRACT = {
    "class", "message_id", "in_reply_to", "references", "from", "subject", "return_date",
    "failed_recipients", "invite",
}  # fmt: skip
INVITE_CONTRACT = {
    "method", "uid", "sequence", "start", "end", "tz", "organizer", "attendees", "location",
    "video_link",
}  # fmt: skip


def test_every_fixture_has_the_contract_fields_and_is_json() -> None:
    for path in FIXTURES.glob("*.eml"):
        result = inspect_message(path.read_bytes())
        assert set(result) >= CONTRACT, path.name
        json.dumps(result)
        if result["invite"] is not None:
            assert set(result["invite"]) >= INVITE_CONTRACT, path.name
            for attendee in result["invite"]["attendees"]:
                assert set(attendee) >= {"name", "email", "role"}


def test_outlook_invite_in_utc_with_the_windows_zone_and_teams_link() -> None:
    result = inspect_message((FIXTURES / "outlook_invite_teams.eml").read_bytes())
    invite = result["invite"]
    assert result["class"] == "invitation"
    assert invite["start"] == "2026-03-24T16:00:00Z"  # 09:00 Pacific daylight time
    assert invite["end"] == "2026-03-24T17:30:00Z"
    assert invite["tz"] == "Pacific Standard Time"
    assert invite["tz_iana"] == "America/Los_Angeles"
    assert invite["video_link"].startswith("https://teams.microsoft.com/l/meetup-join/")
    assert invite["organizer"] == "taylor.brooks@contoso.com"
    emails = [a["email"] for a in invite["attendees"]]
    assert "confroom4b-redmond@contoso.com" not in emails


def test_interviewers_leave_out_the_user() -> None:
    result = inspect_message(
        (FIXTURES / "google_invite.eml").read_bytes(), user_addresses=["alice.candidate@gmail.com"]
    )
    assert result["invite"]["interviewers"] == [
        "dana.reyes@acme.com",
        "sam.lee@acme.com",
        "morgan.blake@acme.com",
    ]


def test_bounce_fields() -> None:
    result = inspect_message((FIXTURES / "postfix_bounce.eml").read_bytes())
    assert result["class"] == "bounce"
    assert result["failed_recipients"] == ["m.hoffmann@umbrella-corp.com"]
    assert result["invite"] is None


def test_cli_json() -> None:
    path = str(FIXTURES / "gmail_vacation.eml")
    outcome = CliRunner().invoke(inspect, [path, "--json"])
    assert outcome.exit_code == 0, outcome.output
    result = json.loads(outcome.output)
    assert (result["class"], result["return_date"]) == ("auto-reply", "2026-03-16")


def test_cli_human_output_names_the_class_and_the_invite() -> None:
    outcome = CliRunner().invoke(inspect, [str(FIXTURES / "zoom_invite.eml")])
    assert outcome.exit_code == 0
    assert "class:        invitation" in outcome.output
    assert "https://initech.zoom.us/j/86611223344" in outcome.output


def test_cli_missing_file_is_one_line_exit_2(tmp_path: Path) -> None:
    outcome = CliRunner().invoke(inspect, [str(tmp_path / "missing.eml")])
    assert outcome.exit_code == 2
    assert outcome.output.count("\n") == 1
    assert "no such file" in outcome.output


def test_cli_empty_file_is_bad_input(tmp_path: Path) -> None:
    empty = tmp_path / "empty.eml"
    empty.write_bytes(b"")
    outcome = CliRunner().invoke(inspect, [str(empty)])
    assert outcome.exit_code == 2
    assert "is empty" in outcome.output


def test_cli_garbage_file_still_answers(tmp_path: Path) -> None:
    garbage = tmp_path / "garbage.eml"
    garbage.write_bytes(bytes(range(256)) * 4)
    outcome = CliRunner().invoke(inspect, [str(garbage), "--json"])
    assert outcome.exit_code == 0
    assert json.loads(outcome.output)["class"] == "other"


def test_cli_human_output_says_what_is_unsure(tmp_path: Path) -> None:
    message = tmp_path / "unsure.eml"
    message.write_bytes(
        b"From: Gareth Lloyd <gareth@millbrook-studio.example>\r\n"
        b"To: sam@example.org\r\nSubject: Re: Friday\r\nIn-Reply-To: <t1@example.org>\r\n"
        b"Date: Wed, 2 Dec 2026 10:00:00 +0000\r\n\r\n"
        b"Hi Sam, we talked it over and we've decided not to proceed. Thanks for your time.\r\n"
    )
    outcome = CliRunner().invoke(inspect, [str(message)])
    assert outcome.exit_code == 0, outcome.output
    unsure = [line for line in outcome.stdout.splitlines() if line.startswith("unsure:")]
    assert len(unsure) == 1 and "may be a rejection" in unsure[0], outcome.stdout
    assert unsure[0].endswith("(sync asks you in `followup review`)")
