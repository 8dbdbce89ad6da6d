"""Mail in old or odd containers: Outlook's TNEF meeting items (winmail.dat) with no
calendar part, mail with a Sender and no From, a bounce with no From."""

from __future__ import annotations

import base64
import logging

import pytest

from followup.mail.reading.classify import MessageClass, classify_message
from followup.mail.reading.parse import parse_message
from followup.mail.reading.rules import load_rules
from followup.mail.reading.tnef import is_tnef, meeting_by_shape, tnef_meeting

USER = "pat.seeker@example.org"
SIGNATURE = b"\x78\x9f\x3e\x22"


def container(message_class: bytes, utf16: bool = False) -> bytes:
    """A TNEF container's start: signature, key, and the message class among other bytes."""
    name = message_class.decode().encode("utf-16-le") if utf16 else message_class
    return SIGNATURE + b"\x01\x00\x01\x06\x90\x08\x00" + bytes(40) + name + b"\x00" + bytes(60)


def with_tnef(subject: str, text: str | None, data: bytes) -> bytes:
    encoded = base64.encodebytes(data).decode()
    head = (
        "From: Lee Morgan <lee.morgan@firm.example>\r\n"
        f"To: {USER}\r\nSubject: {subject}\r\nMessage-ID: <t1@firm.example>\r\n"
        "MIME-Version: 1.0\r\n"
    )
    tnef = (
        'Content-Type: application/ms-tnef; name="winmail.dat"\r\n'
        "Content-Transfer-Encoding: base64\r\n\r\n" + encoded
    )
    if text is None:
        return (head + tnef).encode()
    return (
        head + 'Content-Type: multipart/mixed; boundary="b"\r\n\r\n--b\r\n'
        "Content-Type: text/plain\r\n\r\n" + text + "\r\n--b\r\n" + tnef + "\r\n--b--\r\n"
    ).encode()


@pytest.mark.parametrize(
    ("message_class", "utf16", "expected"),
    [
        (b"IPM.Microsoft Schedule.MtgReq", False, MessageClass.INVITATION),
        (b"IPM.Microsoft Schedule.MtgRespP", False, MessageClass.CALENDAR_RESPONSE),
        (b"IPM.Microsoft Schedule.MtgRespN", False, MessageClass.CALENDAR_RESPONSE),
        (b"IPM.Microsoft Schedule.MtgCncl", False, MessageClass.CANCELLATION),
        (b"IPM.Schedule.Meeting.Request", True, MessageClass.INVITATION),
        (b"IPM.Schedule.Meeting.Resp.Tent", True, MessageClass.CALENDAR_RESPONSE),
        (b"IPM.Schedule.Meeting.Canceled", True, MessageClass.CANCELLATION),
    ],
)
def test_a_meeting_item_in_a_tnef_part_is_read_by_its_message_class(
    message_class: bytes, utf16: bool, expected: MessageClass
) -> None:
    raw = with_tnef("Project sync", "See you there.", container(message_class, utf16))
    assert classify_message(raw, user_addresses=[USER]).kind is expected


def test_a_tnef_note_is_no_meeting() -> None:
    raw = with_tnef("RE: Project sync", "Thanks, that works.", container(b"IPM.Note"))
    assert classify_message(raw, user_addresses=[USER]).kind is MessageClass.REPLY
    assert tnef_meeting(b"not a container IPM.Microsoft Schedule.MtgReq") is None


@pytest.mark.parametrize(
    ("subject", "text", "expected"),
    [
        ("Accepted: Interview", None, MessageClass.CALENDAR_RESPONSE),
        ("Zugesagt: Gespräch", "", MessageClass.CALENDAR_RESPONSE),
        ("Canceled: Interview", None, MessageClass.CANCELLATION),
        ("Interview", "When: 3 May 2027 10:00-11:00\r\nWhere: Room 4\r\n", MessageClass.INVITATION),
        # a person's reply beside an unreadable container stays a reply
        ("RE: Interview", "When is the second round? Where do I go?", MessageClass.REPLY),
    ],
)
def test_an_unreadable_tnef_meeting_is_read_by_outlooks_shape(
    subject: str, text: str | None, expected: MessageClass
) -> None:
    raw = with_tnef(subject, text, SIGNATURE + bytes(200))
    assert classify_message(raw, user_addresses=[USER]).kind is expected


def test_the_same_shape_without_a_tnef_part_is_no_meeting() -> None:
    rules = load_rules()
    words = (rules.calendar_response_subjects, rules.calendar_cancel_subjects)
    assert meeting_by_shape("Accepted: Interview", "", *words) == "response"
    assert meeting_by_shape("Afvist: Interview", "", *words) == "response"
    assert meeting_by_shape("Abgesagt: Interview", "", *words) == "cancel"
    raw = (
        f"From: Lee Morgan <lee.morgan@firm.example>\r\nTo: {USER}\r\n"
        "Subject: Accepted: Interview\r\n\r\nGreat, I accept the new time.\r\n"
    ).encode()
    info = classify_message(raw, user_addresses=[USER])
    # read by its words as an answer to an invitation, never as a TNEF meeting
    assert not any("TNEF" in reason for reason in info.evidence), info.evidence
    assert info.kind is MessageClass.CALENDAR_RESPONSE


def test_tnef_parts_by_type_or_name() -> None:
    assert is_tnef("application/ms-tnef", None)
    assert is_tnef("application/octet-stream", "WINMAIL.DAT")
    assert not is_tnef("application/octet-stream", "report.dat")


def test_a_sender_without_a_from_is_the_author() -> None:
    raw = (
        f"Sender: Ewa Nowak <ewa@port.example>\r\nTo: {USER}\r\nSubject: Re: Intro\r\n"
        "In-Reply-To: <x1@example.org>\r\n\r\nHappy to introduce you, call me Tuesday.\r\n"
    ).encode()
    parsed = parse_message(raw)
    assert parsed.from_ is not None and parsed.from_.email == "ewa@port.example"
    assert classify_message(raw, user_addresses=[USER]).kind is MessageClass.REPLY
    with_from = raw.replace(b"Sender:", b"From: Jo <jo@port.example>\r\nSender:")
    from_ = parse_message(with_from).from_
    assert from_ is not None and from_.email == "jo@port.example"


def test_a_bounce_without_from_logs_no_traceback(caplog: pytest.LogCaptureFixture) -> None:
    raw = (
        f"Return-Path: <>\r\nTo: {USER}\r\nSubject: Delivery failure\r\n\r\n"
        "Your message to <r.nwosu@bank.example> could not be delivered.\r\n"
        "The remote server said: 550 5.1.1 Recipient unknown.\r\n"
    ).encode()
    with caplog.at_level(logging.ERROR):
        info = classify_message(raw, user_addresses=[USER])
    assert info.kind is MessageClass.BOUNCE
    assert not [r for r in caplog.records if r.exc_info]


def test_a_person_forwarding_a_bounce_attached_whole_is_no_bounce() -> None:
    notice = (
        "From: Mail Delivery System <MAILER-DAEMON@mx.firm.example>\r\n"
        "To: lee.morgan@firm.example\r\nSubject: Undelivered Mail Returned to Sender\r\n"
        "Content-Type: text/plain\r\n\r\n"
        "<pat@old.example>: host mx.old.example said: 550 5.1.1 User unknown\r\n"
    )
    head = (
        f"From: Lee Morgan <lee.morgan@firm.example>\r\nTo: {USER}\r\n"
        "Subject: Fwd: Undelivered Mail Returned to Sender\r\nMIME-Version: 1.0\r\n"
        'Content-Type: multipart/mixed; boundary="f"\r\n\r\n'
    )
    own = "--f\r\nContent-Type: text/plain\r\n\r\nMy answer to you came back, see below.\r\n"
    raw = head + own + "--f\r\nContent-Type: message/rfc822\r\n\r\n" + notice + "--f--\r\n"
    parsed = parse_message(raw.encode())
    assert parsed.text[: parsed.attached_text_at].strip().endswith("see below.")
    assert classify_message(raw.encode(), user_addresses=[USER]).kind is MessageClass.REPLY
    # the same notice attached under no words of the sender's own is still the notice's
    alone = (head + "--f\r\nContent-Type: message/rfc822\r\n\r\n" + notice + "--f--\r\n").encode()
    assert parse_message(alone).attached_text_at == 0
