"""`followup inspect` without an account: the message's recipient stands for the user, who is
then never listed among the interviewers."""

from __future__ import annotations

from pathlib import Path

from followup.mail.reading.inspect import inspect_message, recipient_addresses
from followup.mail.reading.parse import parse_message

FIXTURES = Path(__file__).parent.parent / "fixtures" / "mail"


def _invite(to: str, extra: str = "") -> bytes:
    ics = (
        "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nMETHOD:REQUEST\r\nPRODID:-//t//t//EN\r\n"
        "BEGIN:VEVENT\r\nUID:inspect-user-1@acme.example\r\nSEQUENCE:0\r\n"
        "DTSTAMP:20260301T090000Z\r\nDTSTART:20260310T150000Z\r\nDTEND:20260310T160000Z\r\n"
        "SUMMARY:Interview\r\nORGANIZER;CN=Dana Reyes:mailto:dana@acme.example\r\n"
        "ATTENDEE;CN=Dana Reyes;ROLE=REQ-PARTICIPANT:mailto:dana@acme.example\r\n"
        "ATTENDEE;CN=Sam Lee;ROLE=REQ-PARTICIPANT:mailto:sam@acme.example\r\n"
        "ATTENDEE;CN=Bo Candidate;ROLE=REQ-PARTICIPANT:mailto:bo@home.example\r\n"
        "END:VEVENT\r\nEND:VCALENDAR\r\n"
    )
    return (
        f"{extra}From: Dana Reyes <dana@acme.example>\r\nTo: {to}\r\n"
        "Subject: Invitation: Interview\r\nMessage-ID: <i1@acme.example>\r\n"
        "MIME-Version: 1.0\r\nContent-Type: text/calendar; method=REQUEST; charset=utf-8\r\n"
        f"\r\n{ics}"
    ).encode()


def test_the_to_address_stands_for_the_user_without_an_account() -> None:
    result = inspect_message(_invite("Bo Candidate <bo@home.example>"))
    assert result["class"] == "invitation"
    assert result["invite"]["interviewers"] == ["dana@acme.example", "sam@acme.example"]
    assert result["user_addresses"] == ["bo@home.example"]
    assert result["user_addresses_assumed"] is True


def test_delivered_to_wins_over_a_to_list() -> None:
    raw = _invite(
        "Bo Candidate <bo@home.example>, Sam Lee <sam@acme.example>",
        extra="Delivered-To: bo@home.example\r\n",
    )
    assert recipient_addresses(parse_message(raw)) == ("bo@home.example",)
    assert "bo@home.example" not in inspect_message(raw)["invite"]["interviewers"]


def test_of_several_to_addresses_the_one_outside_the_senders_domain_is_the_user() -> None:
    raw = _invite("Bo <bo@home.example>, Sam <sam@mail.acme.example>")
    assert recipient_addresses(parse_message(raw)) == ("bo@home.example",)
    result = inspect_message(raw)
    assert result["user_addresses_assumed"] is True
    assert result["invite"]["interviewers"] == ["dana@acme.example", "sam@acme.example"]


def test_a_cc_colleague_does_not_hide_the_one_outside_recipient() -> None:
    raw = _invite("Bo <bo@home.example>, Sam <sam@acme.example>", extra="Cc: hr@acme.example\r\n")
    assert recipient_addresses(parse_message(raw)) == ("bo@home.example",)


def test_several_outside_recipients_and_no_delivery_header_assume_nobody() -> None:
    raw = _invite("Bo <bo@home.example>, Kit <kit@elsewhere.example>, Sam <sam@acme.example>")
    assert recipient_addresses(parse_message(raw)) == ()
    assert inspect_message(raw)["user_addresses_assumed"] is False


def test_given_addresses_are_used_as_given() -> None:
    raw = _invite("Bo Candidate <bo@home.example>")
    result = inspect_message(raw, user_addresses=["sam@acme.example"])
    assert result["user_addresses_assumed"] is False
    assert "bo@home.example" in result["invite"]["interviewers"]


def test_google_fixture_without_me_leaves_the_user_out() -> None:
    result = inspect_message((FIXTURES / "google_invite.eml").read_bytes())
    assert "alice.candidate@gmail.com" not in result["invite"]["interviewers"]


def test_an_icloud_relay_address_gives_way_to_the_email_parameter() -> None:
    ics = (
        "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nMETHOD:REQUEST\r\nPRODID:-//t//t//EN\r\n"
        "BEGIN:VEVENT\r\nUID:relay-1@home.example\r\nDTSTAMP:20260301T090000Z\r\n"
        "DTSTART:20260310T150000Z\r\nDTEND:20260310T160000Z\r\nSUMMARY:Coffee\r\n"
        "ORGANIZER;CN=Noah;EMAIL=noah@home.example:mailto:2_ABCDEF@imip.relay.example\r\n"
        "ATTENDEE;CN=Noah;EMAIL=noah@home.example:mailto:2_ABCDEF@imip.relay.example\r\n"
        "ATTENDEE;CN=Bo;EMAIL=bo@home2.example:mailto:bo@home2.example\r\n"
        "ATTENDEE;CN=Kim;EMAIL=not an address:mailto:kim@acme.example\r\n"
        "END:VEVENT\r\nEND:VCALENDAR\r\n"
    )
    raw = (
        "From: Noah <noreply@relay.example>\r\nTo: bo@home2.example\r\nSubject: Invitation\r\n"
        "MIME-Version: 1.0\r\nContent-Type: text/calendar; method=REQUEST\r\n\r\n" + ics
    ).encode()
    invite = inspect_message(raw)["invite"]
    assert invite["organizer"] == "noah@home.example"
    assert invite["interviewers"] == ["noah@home.example", "kim@acme.example"]
