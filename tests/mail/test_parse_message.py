"""Parsing raw bytes: headers, ids, subjects, bodies in any charset, reports, limits."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest

from followup.mail.reading.parse import message_ids, parse_message
from followup.mail.reading.text import decode_bytes, header_text, normalize_subject, reply_text

FIXTURES = Path(__file__).parent.parent / "fixtures" / "mail"


def parse(name: str):
    return parse_message((FIXTURES / name).read_bytes())


def test_gmail_reply_headers_and_new_text() -> None:
    message = parse("gmail_reply.eml")
    assert message.message_id == (
        "<CAH4x9Lm0Q7tP2wS5n8vR1kJ3bX6yZ0aC4dE7fG8hI9jK2lM3nO@mail.gmail.com>"
    )
    assert message.in_reply_to == message.references
    assert message.from_ is not None and message.from_.email == "dana.reyes@acme.com"
    assert message.from_.domain == "acme.com"
    assert message.date == datetime(2026, 3, 16, 16, 40, 55, tzinfo=UTC)
    new = reply_text(message.text)
    assert "decision by Friday" in new
    assert "on-call" not in new  # quoted text is not part of the reply


def test_outlook_quote_block_is_cut() -> None:
    new = reply_text(parse("outlook_reply.eml").text)
    assert new.endswith("Sam")
    assert "Sent:" not in new and "move forward" not in new


@pytest.mark.parametrize(
    ("subject", "normalized"),
    [
        ("Re: Thank you", "thank you"),
        ("RE: AW: Fwd: Thank you", "thank you"),
        ("SV: VS: Tack", "tack"),
        ("WG: TR: RV: Entrevista", "entrevista"),
        ("[EXT] Re: [acme-jobs] Next steps", "next steps"),
        ("Re[2]: Offer", "offer"),
        ("Automatic reply: Thank you", "thank you"),
        ("Accepted: Technical interview", "technical interview"),
        ("  Re:   Thank   you  ", "thank you"),
        ("Regarding the role", "regarding the role"),
        ("", ""),
    ],
)
def test_normalize_subject(subject: str, normalized: str) -> None:
    assert normalize_subject(subject) == normalized


def test_message_ids() -> None:
    assert message_ids("<a@b> <c@d>") == ("<a@b>", "<c@d>")
    assert message_ids("a@b") == ("<a@b>",)
    assert message_ids("<a@b") == ("<a@b>",)
    assert message_ids("not an id") == ()
    assert message_ids(None) == ()


def test_latin1_declared_utf8_is_read_and_reported() -> None:
    message = parse("wrong_charset.eml")
    assert "für Ihre Nachricht" in message.text
    assert message.from_ is not None and message.from_.name == "Jürgen Müller"
    assert any("did not fit" in p for p in message.problems)


@pytest.mark.parametrize(
    ("data", "charset", "text"),
    [
        ("café".encode(), "utf-8", "café"),
        ("café".encode("latin-1"), "utf-8", "café"),
        ("café".encode(), "x-no-such-charset", "café"),
        ("café".encode("cp1252"), None, "café"),
        (b"\x81\x8d", "utf-8", "\ufffd\ufffd"),
    ],
)
def test_decode_bytes_never_raises(data: bytes, charset: str | None, text: str) -> None:
    assert decode_bytes(data, charset)[0] == text


def test_malformed_mime_keeps_what_it_can() -> None:
    message = parse("malformed_mime.eml")
    assert "we would like to meet you again" in message.text
    assert message.message_id is None
    assert message.date is None
    assert any("Date" in p for p in message.problems)
    assert any("defect" in p for p in message.problems)


def test_postfix_delivery_report() -> None:
    message = parse("postfix_bounce.eml")
    assert message.report_type == "delivery-status"
    [status] = message.delivery_status
    assert (status.recipient, status.action, status.status) == (
        "m.hoffmann@umbrella-corp.com",
        "failed",
        "5.1.1",
    )
    assert message.returned_message_id == "<177365185901.2231.5521@alice-laptop>"


def test_google_sends_the_calendar_twice() -> None:
    parts = parse("google_invite.eml").calendar_parts
    assert [(p.content_type, p.method, p.filename) for p in parts] == [
        ("text/calendar", "REQUEST", None),
        ("application/ics", None, "invite.ics"),
    ]
    assert parts[0].data.replace(b"\r\n", b"\n") == parts[1].data.replace(b"\r\n", b"\n")


def test_huge_message_is_cut_and_reported() -> None:
    raw = b"From: a@b.example\r\nSubject: big\r\n\r\n" + b"x" * 5000
    message = parse_message(raw, max_bytes=1000)
    assert message.truncated
    assert message.subject == "big"
    assert len(message.text) < 1000
    assert any("larger than" in p for p in message.problems)


def test_empty_and_headerless_input() -> None:
    assert parse_message(b"").problems
    message = parse_message(b"just some words without headers")
    assert message.message_id is None and message.from_ is None


def test_html_only_body_becomes_text() -> None:
    message = parse("workday_notification.eml")
    assert message.text.startswith("Dear Alice Candidate,")
    assert "<p>" not in message.text


def test_header_lookup_is_case_insensitive() -> None:
    message = parse("exchange_ooo_de.eml")
    assert message.header("auto-submitted") == "auto-generated"
    assert message.header("X-AUTO-RESPONSE-SUPPRESS") == "All"
    assert message.header("X-Missing") is None
    assert message.header_all("references") == ["<177338890011.3312.4417@alice-laptop>"]


def test_exchange_report_returns_headers_not_attachments() -> None:
    message = parse("exchange_ndr.eml")
    assert message.attached_headers == ()
    assert dict(message.returned_headers)["X-Followup-Key"] == "app-12-status-check-1"


def test_attached_message_outside_a_report() -> None:
    raw = (
        b"From: a@b.example\r\nSubject: Fwd\r\n"
        b'Content-Type: multipart/mixed; boundary="b"\r\n\r\n'
        b"--b\r\nContent-Type: text/plain\r\n\r\nsee below\r\n"
        b"--b\r\nContent-Type: message/rfc822\r\n\r\n"
        b"From: c@d.example\r\nMessage-ID: <inner@d.example>\r\n\r\ninner text\r\n--b--\r\n"
    )
    message = parse_message(raw)
    assert message.attached_message_ids == ("<inner@d.example>",)
    assert message.returned_message_id is None
    assert "inner text" in message.text


@pytest.mark.parametrize(
    ("value", "text"),
    [
        ("Re: =?utf-8?q?Vielen_Dank_f=C3=BCr?= das Gespräch", "Re: Vielen Dank für das Gespräch"),
        ("=?iso-8859-1?Q?J=FCrgen?= <j@x.de>", "Jürgen <j@x.de>"),
        ("=?no-such-charset?Q?caf=E9?=", "café"),
        ("=?utf-8?Q?unterminated", "=?utf-8?Q?unterminated"),
        ("folded\r\n\tvalue", "folded value"),
        ("Gr\udcc3\udcbc\udcc3\udc9fe", "Grüße"),  # raw 8-bit UTF-8, escaped by the parser
    ],
)
def test_header_text(value: str, text: str) -> None:
    assert header_text(value) == text


def test_multipart_whose_declared_boundary_the_body_never_uses_is_read_as_text() -> None:
    raw = (
        b"From: MAILER-DAEMON@relay.example.net\r\nTo: ana@example.org\r\n"
        b"Subject: Undelivered Mail Returned to Sender\r\nMIME-Version: 1.0\r\n"
        b'Content-Type: multipart/report; report-type=delivery-status; boundary="AAA.1"\r\n'
        b"\r\n--AAA.2\r\nContent-Type: text/plain\r\n\r\n"
        b"<bo@example.com>: host mx.example.com said: 550 5.1.1 no such user\r\n"
        b"\r\n--AAA.2\r\nContent-Type: message/delivery-status\r\n\r\n"
        b"Reporting-MTA: dns; relay.example.net\r\n\r\n"
        b"Final-Recipient: rfc822; bo@example.com\r\nAction: failed\r\nStatus: 5.1.1\r\n"
        b"\r\n--AAA.2--\r\n"
    )
    message = parse_message(raw)
    assert "550 5.1.1 no such user" in message.text
    assert [s.recipient for s in message.delivery_status] == ["bo@example.com"]


def test_report_blocks_run_together_are_one_status_per_recipient() -> None:
    raw = (
        b"From: Postmaster <postmaster@webmail.example.net>\r\nTo: ana@example.org\r\n"
        b"Subject: Undeliverable: hello\r\nMIME-Version: 1.0\r\n"
        b'Content-Type: multipart/report; report-type=delivery-status; boundary="b"\r\n'
        b"\r\n--b\r\nContent-Type: text/html\r\n\r\n<p>Not delivered</p>\r\n"
        b"--b\r\nContent-Type: message/delivery-status\r\n\r\n"
        b"Reporting-MTA: dns; out.webmail.example.net\r\n"
        b"Final-Recipient: rfc822; one@example.com\r\nAction: failed\r\nStatus: 5.2.2\r\n"
        b"Final-Recipient: rfc822; two@example.com\r\nAction: failed\r\nStatus: 5.1.1\r\n"
        b"\r\n--b--\r\n"
    )
    statuses = parse_message(raw).delivery_status
    assert [(s.recipient, s.status) for s in statuses] == [
        ("one@example.com", "5.2.2"),
        ("two@example.com", "5.1.1"),
    ]
