"""Shapes heldout26 taught: a calendar whose lines fell where its part's headers go, a
calendar sent as plain text, a calendar that cannot be read but says by its method what it
is, a read receipt written as text with no disposition-notification part, and Exchange's
zone names whose commas the VTIMEZONE escapes. Each test writes its own message, in other
words than the batch, beside a twin that looks alike but is read the other way."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from mail_samples import USER, message

from followup.mail.reading.classify import MessageClass, MessageInfo, classify_message
from followup.mail.reading.ics import parse_invite

PERSON = "Ruth Okonjo <ruth.okonjo@lantern-analytics.example>"

REPLY_LINES = (
    "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nMETHOD:REPLY\r\nBEGIN:VEVENT\r\n"
    "UID:k7-2027-ro\r\nSUMMARY:Case study review\r\n"
    "ATTENDEE;PARTSTAT=DECLINED;CN=Ruth:mailto:ruth.okonjo@lantern-analytics.example\r\n"
    f"ORGANIZER;CN=Alice:mailto:{USER}\r\nDTSTART:20270420T090000Z\r\nDURATION:PT45M\r\n"
    "END:VEVENT\r\nEND:VCALENDAR\r\n"
)


def mixed(subject: str, part: str) -> bytes:
    return (
        f"From: {PERSON}\r\nTo: {USER}\r\nSubject: {subject}\r\n"
        "Date: Fri, 16 Apr 2027 10:00:00 +0000\r\nMessage-ID: <c1@lantern-analytics.example>\r\n"
        'MIME-Version: 1.0\r\nContent-Type: multipart/mixed; boundary="==b26"\r\n\r\n'
        f"--==b26\r\n{part}\r\n--==b26--\r\n"
    ).encode()


def classify(raw: bytes) -> MessageInfo:
    return classify_message(raw, user_addresses=[USER])


def test_a_calendar_whose_lines_stand_where_the_part_headers_go() -> None:
    # the part's own Content-Type comes after the calendar's lines, then an empty body
    part = REPLY_LINES + "Content-Type: text/calendar; method=REPLY; charset=UTF-8\r\n\r\n"
    info = classify(mixed("Event Invitation Reply (Declined): Case study review", part))
    assert info.kind is MessageClass.CALENDAR_RESPONSE, info.evidence
    assert info.invite is not None and info.invite.start == datetime(2027, 4, 20, 9, tzinfo=UTC)
    # a line no header may hold ends the header block early: the rest is the body
    broken = REPLY_LINES.replace("CN=Ruth:", "CN=Ruth Okonjo:") + "\r\n"
    info = classify(mixed("Event Invitation Reply (Declined): Case study review", broken))
    assert info.kind is MessageClass.CALENDAR_RESPONSE, info.evidence


def test_a_calendar_sent_as_plain_text_is_read_as_a_calendar() -> None:
    info = classify(message(PERSON, "Case study review", REPLY_LINES))
    assert info.kind is MessageClass.CALENDAR_RESPONSE, info.evidence
    # a person pasting one under words of their own wrote a message
    pasted = "Here is what my calendar sent you, in case it got lost:\r\n\r\n" + REPLY_LINES
    assert classify(message(PERSON, "Re: Case study review", pasted)).kind is MessageClass.REPLY


ANSWER, CANCEL, INVITE = (
    MessageClass.CALENDAR_RESPONSE,
    MessageClass.CANCELLATION,
    MessageClass.INVITATION,
)


@pytest.mark.parametrize(
    ("content_type", "body", "kind"),
    [
        ("text/calendar; method=REPLY", "", ANSWER),
        ("text/calendar; method=COUNTER", "BEGIN:VCALENDAR\r\nDTSTART:2027", ANSWER),
        ("text/calendar; method=CANCEL", "not a calendar at all", CANCEL),
        ("text/calendar", "BEGIN:VCALENDAR\r\nMETHOD:CANCEL\r\nX:\xff", CANCEL),
        ("text/calendar; method=REQUEST", "", INVITE),
        ("text/calendar", "", INVITE),
    ],
)  # fmt: skip
def test_an_unreadable_calendar_is_what_its_method_says(
    content_type: str, body: str, kind: MessageClass
) -> None:
    info = classify(mixed("Case study review", f"Content-Type: {content_type}\r\n\r\n{body}"))
    assert info.kind is kind, info.evidence


@pytest.mark.parametrize(
    ("subject", "body"),
    [
        (
            "Return Receipt (displayed) - Analyst application",
            "This is a Return Receipt for the mail that you sent to ruth.okonjo@lantern-"
            'analytics.example with subject "Analyst application".\r\n\r\nNote: This Return '
            "Receipt only acknowledges that the message was displayed on the recipient's "
            "computer.",
        ),
        (
            "Empfangsbestätigung (angezeigt) - Bewerbung",
            "Dies ist eine Empfangsbestätigung für die Nachricht, die Sie an Ruth gesendet haben."
            "\r\n\r\nBeachten Sie: Diese Empfangsbestätigung sagt nur aus, dass die Nachricht "
            "angezeigt wurde.",
        ),
    ],
)
def test_a_read_receipt_written_as_text_is_no_reply(subject: str, body: str) -> None:
    info = classify(message(PERSON, subject, body))
    assert info.kind is MessageClass.OTHER, info.evidence
    answering = message(PERSON, subject, body, "In-Reply-To: <a1@gmail.example>\r\n")
    assert classify(answering).kind is MessageClass.OTHER


def test_a_person_writing_about_read_receipts_is_a_reply() -> None:
    body = (
        "Hi Alice - my mail program sends a return receipt for every message on its own, so "
        "ignore that one. The case study is fine; let's talk on Tuesday."
    )
    info = classify(message(PERSON, "Re: Return Receipt (displayed) - Analyst application", body))
    assert info.kind is MessageClass.REPLY, info.evidence


def test_an_exchange_zone_name_with_escaped_commas_is_its_own_vtimezone() -> None:
    zone = "(UTC+01:00) Amsterdam, Berlin, Bern, Rom, Stockholm, Wien"
    lines = [
        "BEGIN:VCALENDAR", "METHOD:REQUEST", "BEGIN:VTIMEZONE",
        "TZID:" + zone.replace(",", "\\,"),
        "BEGIN:STANDARD", "DTSTART:16010101T030000", "TZOFFSETFROM:+0200", "TZOFFSETTO:+0100",
        "RRULE:FREQ=YEARLY;INTERVAL=1;BYDAY=-1SU;BYMONTH=10", "END:STANDARD",
        "BEGIN:DAYLIGHT", "DTSTART:16010101T020000", "TZOFFSETFROM:+0100", "TZOFFSETTO:+0200",
        "RRULE:FREQ=YEARLY;INTERVAL=1;BYDAY=-1SU;BYMONTH=3", "END:DAYLIGHT", "END:VTIMEZONE",
        "BEGIN:VEVENT", "UID:ex-1", "DTSTAMP:20270301T000000Z",
        f'DTSTART;TZID="{zone}":20270309T100000', f'DTEND;TZID="{zone}":20270309T110000',
        f'RECURRENCE-ID;TZID="{zone}":20270630T100000', "END:VEVENT", "END:VCALENDAR",
    ]  # fmt: skip
    invite = parse_invite(("\r\n".join(lines) + "\r\n").encode())
    assert invite is not None
    assert invite.start == datetime(2027, 3, 9, 9, 0, tzinfo=UTC)  # CET, before the change
    assert invite.end == datetime(2027, 3, 9, 10, 0, tzinfo=UTC)
    assert invite.recurrence_id == datetime(2027, 6, 30, 8, 0, tzinfo=UTC)  # CEST
    assert not [p for p in invite.problems if "unknown time zone" in p]
