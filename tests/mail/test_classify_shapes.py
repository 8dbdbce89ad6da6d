"""The shapes the issue names, one by one: mail-system senders, report actions, automated
mail that is not human, human outcomes, uncertain wording, day-first dates, charsets."""

from __future__ import annotations

from datetime import date

import pytest
from mail_samples import USER, message

from followup.mail.reading.classify import MessageClass, classify_message
from followup.mail.reading.ics import calendar_parts
from followup.mail.reading.parse import CalendarPart, parse_message
from followup.mail.reading.text import decode_bytes


def kind(raw: bytes) -> MessageClass:
    return classify_message(raw, user_addresses=[USER]).kind


NOTICE = (
    "This message was created automatically by mail delivery software.\r\n\r\n"
    "A message that you sent could not be delivered to one or more of its recipients.\r\n\r\n"
    "  dana@acme.example\r\n    550 5.1.1 User unknown\r\n"
)


@pytest.mark.parametrize(
    "sender",
    [
        "MAILER-DAEMON <>",
        "mailer-daemon",
        "<MAILER-DAEMON>",
        "MAILER-DAEMON",
        "post_master@mx.example",
        "Postmaster <postmaster@mx.example>",
        "Mail Delivery Subsystem <mailer-daemon@googlemail.com>",
        "MAILER-DAEMON@mx.example (Mail Delivery System)",
        "System Administrator <admin@mx.example>",
    ],
)
def test_every_mail_system_sender_is_a_bounce(sender: str) -> None:
    info = classify_message(
        message(sender, "Mail delivery failed", NOTICE, "Return-Path: <>\r\n"),
        user_addresses=[USER],
    )
    assert info.kind is MessageClass.BOUNCE, info.evidence
    assert info.failed_recipients == ("dana@acme.example",)


def _report(action: str, *, status: str = "5.1.1", recipient: str = "dana@acme.example") -> bytes:
    body = (
        "--r1\r\nContent-Type: text/plain\r\n\r\nDelivery failed.\r\n"
        "--r1\r\nContent-Type: message/delivery-status\r\n\r\nReporting-MTA: dns; mx.example"
        f"\r\n\r\nFinal-Recipient: rfc822; {recipient}\r\nAction: {action}\r\n"
        f"Status: {status}\r\n\r\n"
        "--r1\r\nContent-Type: text/rfc822-headers\r\n\r\n"
        f"From: {USER}\r\nTo: {recipient}\r\nMessage-ID: <sent-1@alice-home.net>\r\n\r\n--r1--"
    )
    return message(
        "Mail Delivery System <MAILER-DAEMON@mx.example>",
        "Re: Application - Undeliverable",
        body,
        "Auto-Submitted: auto-replied\r\n",
        'multipart/report; report-type=delivery-status; boundary="r1"',
    )


@pytest.mark.parametrize(
    "action", ["failed", "Failed", "expired", "failed (bad destination mailbox)", "X-unknown"]
)
def test_report_actions_that_are_failures(action: str) -> None:
    info = classify_message(_report(action), user_addresses=[USER])
    assert info.kind is MessageClass.BOUNCE, info.evidence
    assert info.failed_recipients == ("dana@acme.example",)
    assert info.original_message_id == "<sent-1@alice-home.net>"


def test_a_delay_is_a_warning_never_a_failure() -> None:
    info = classify_message(_report("delayed", status="4.4.7"), user_addresses=[USER])
    assert info.kind is MessageClass.OTHER
    assert info.failed_recipients == ()
    assert info.delayed_recipients == ("dana@acme.example",)


def test_failed_recipients_are_real_addresses_only() -> None:
    extra = (
        f"Return-Path: <>\r\nX-Failed-Recipients: dana@acme.example, {USER}, "
        "|/usr/bin/procmail, /var/mail/alice, m1@sender.example\r\n"
    )
    raw = message("MAILER-DAEMON@mx.example", "Mail delivery failed", NOTICE, extra)
    info = classify_message(raw, user_addresses=[USER])
    assert info.failed_recipients == ("dana@acme.example",)


@pytest.mark.parametrize(
    ("extra", "sender"),
    [
        ("Return-Path: <>\r\n", "Server <www-data@web01.example.net>"),
        ("Auto-Submitted: auto-generated\r\n", "Sam Lee <sam@acme.example>"),
        ("Precedence: bulk\r\n", "Sam Lee <sam@acme.example>"),
        ("Precedence: list\r\nList-Id: <dev.lists.example.org>\r\n", "Ann <ann@x.example>"),
        ("X-Auto-Response-Suppress: All\r\n", "Alerts <alerts@monitor.example>"),
        ("Feedback-ID: 1:campaign:esp\r\n", "Shop <news@shop.example>"),
        ("List-Unsubscribe: <mailto:u@shop.example>\r\n", "Shop <deals@shop.example>"),
        ("X-Campaign-Id: 77\r\n", "Shop <deals@shop.example>"),
        ("", "GitHub <noreply@github.com>"),
        ("", "Cron Daemon <root@build.example>"),
        ("X-Zendesk-From-Account-Id: 1\r\n", "Support <support@acme.example>"),
        ("RT-Ticket: rt #1\r\n", "IT <rt@acme.example>"),
        ("X-Boxtrapper: yes\r\n", "Bob <bob@free.example>"),
    ],
)
def test_automated_mail_is_other_never_a_reply_nor_an_out_of_office(
    extra: str, sender: str
) -> None:
    info = classify_message(message(sender, "Re: your note", "Hello", extra))
    assert info.kind is MessageClass.OTHER, info.evidence
    assert info.evidence


def test_a_ticket_system_autoreply_subject_is_still_automated() -> None:
    raw = message("IT <rt@acme.example>", "[rt #8841] AutoReply: Laptop", "Hi", "RT-Ticket: 1\r\n")
    assert kind(raw) is MessageClass.OTHER


@pytest.mark.parametrize(
    "subject",
    [
        "Auto reply: Application",
        "Automatic reply: Application",
        "Respuesta automática: Application",
        "Réponse automatique : Application",
        "Automatisch antwoord: Application",
        "Resposta automática: Application",
        "Risposta automatica: Application",
        "Autosvar: Application",
        "自動応答: Application",
        "自動返信: Application",
        "自动回复: Application",
        "Автоответ: Application",
        "Automatyczna odpowiedź: Application",
        "Automatická odpověď: Application",
        "Otomatik yanıt: Application",
        "[EXT] Out of Office: Application",
    ],
)
def test_out_of_office_subjects_in_many_languages(subject: str) -> None:
    assert kind(message("Sam Lee <sam@acme.example>", subject)) is MessageClass.AUTO_REPLY


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("we have decided not to progress your application at this stage", "rejection"),
        ("we will not be moving forward with your application", "rejection"),
        ("we decided to move forward with other candidates", "rejection"),
        ("the position has been filled", "rejection"),
        ("you were unsuccessful on this occasion", "rejection"),
        ("we are pleased to offer you the role", "offer"),
        ("we'd like to extend an offer for the Data Engineer role", "offer"),
        ("we would like to offer you the position", "offer"),
    ],
)
def test_outcomes_in_a_person_s_reply(text: str, expected: str) -> None:
    raw = message("Sam Lee <sam@acme.example>", "Re: Data Engineer", f"Dear Alice,\r\n{text}.")
    assert str(kind(raw)) == expected


@pytest.mark.parametrize(
    "text",
    [
        "Unfortunately the team has put the role on hold for now.",
        "I think it is not the right fit, but let me check with the manager.",
        "We can discuss the offer details on Monday.",
    ],
)
def test_uncertain_wording_stays_a_reply_and_is_marked_for_review(text: str) -> None:
    info = classify_message(message("Sam Lee <sam@acme.example>", "Re: Data Engineer", text))
    assert info.kind is MessageClass.REPLY
    assert info.uncertain and "may be a rejection or an offer" in info.uncertain[0]


def test_a_plain_reply_is_not_uncertain() -> None:
    info = classify_message(message("Sam Lee <sam@acme.example>", "Re: Hi", "Tuesday works."))
    assert info.kind is MessageClass.REPLY and info.uncertain == ()


def _ooo(sender: str, body: str, extra: str = "") -> bytes:
    return message(sender, "Automatic reply: Application", body, extra)


@pytest.mark.parametrize(
    ("sender", "extra", "expected"),
    [
        ("Sam <sam@acme.co.uk>", "", date(2026, 4, 5)),  # a British sender: day first
        ("Sam <sam@acme.de>", "", date(2026, 4, 5)),
        ("Sam <sam@acme.com>", "Content-Language: en-GB\r\n", date(2026, 4, 5)),
        ("Sam <sam@acme.com>", "Content-Language: en-US\r\n", date(2026, 5, 4)),
        ("Sam <sam@acme.us>", "", date(2026, 5, 4)),
    ],
)
def test_a_slashed_return_date_is_read_by_the_sender_s_locale(
    sender: str, extra: str, expected: date
) -> None:
    info = classify_message(_ooo(sender, "I'm away, returning 05/04/2026.", extra))
    assert info.kind is MessageClass.AUTO_REPLY
    assert info.return_date == expected


def test_an_ambiguous_return_date_is_kept_uncertain() -> None:
    info = classify_message(_ooo("Sam <sam@acme.com>", "I'm out, returning 04/05."))
    assert info.return_date is None
    assert info.uncertain and "04/05" in info.uncertain[0]


def test_the_date_s_own_form_decides() -> None:
    assert classify_message(_ooo("Sam <sam@acme.com>", "Back on 04/25.")).return_date == date(
        2026, 4, 25
    )
    assert classify_message(_ooo("Sam <sam@acme.com>", "Back on 25/04.")).return_date == date(
        2026, 4, 25
    )


@pytest.mark.parametrize(
    ("data", "charset", "expected"),
    [
        (b"Hi +AOk-t+AOk-", "unicode-1-1-utf-7", "Hi été"),
        (b"Hi +AOk-t+AOk-", "utf-7", "Hi été"),
        ("Café déjà vu".encode(), "iso-8859-1", "Café déjà vu"),  # UTF-8 under a Latin-1 label
        ("“Quoted” – 10 €".encode("cp1252"), "iso-8859-1", "“Quoted” – 10 €"),
        ("“Quoted” – 10 €".encode("cp1252"), "windows-1252", "“Quoted” – 10 €"),
    ],
)
def test_legacy_and_mislabelled_charsets(data: bytes, charset: str, expected: str) -> None:
    assert decode_bytes(data, charset)[0] == expected


def test_a_utf7_body_is_read_in_a_message() -> None:
    raw = message(
        "Sam <sam@acme.example>", "Re: Hi", "Gr+APwA3w-e", content_type="text/plain; charset=utf-7"
    )
    assert parse_message(raw).text == "Grüße"


@pytest.mark.parametrize("sequence", [0, 7, 2147483647, 2147483648, 12345678901234567890])
def test_any_sequence_number_is_kept_exactly(sequence: int) -> None:
    data = (
        "BEGIN:VCALENDAR\r\nMETHOD:REQUEST\r\nBEGIN:VEVENT\r\nUID:s@acme.example\r\n"
        "DTSTAMP:20260301T000000Z\r\nDTSTART:20260310T100000Z\r\n"
        f"SEQUENCE:{sequence}\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n"
    ).encode()
    read = calendar_parts((CalendarPart(data, "text/calendar", "REQUEST", None),))
    assert [i.sequence for i in read.invites] == [sequence]


def test_an_uncertain_reply_goes_to_review_even_when_its_application_is_clear() -> None:
    from followup.mail.reading.match import Candidates, SentMessage, match_message

    sent = "<sent-1@alice-home.net>"
    candidates = Candidates(sent=(SentMessage(sent, app_id=1),))
    extra = f"In-Reply-To: {sent}\r\n"
    unsure = message("Sam <sam@acme.example>", "Re: Role", "Unfortunately it is on hold.", extra)
    match = match_message(classify_message(unsure), candidates)
    assert match.app_id == 1 and match.needs_review
    assert "not read for sure" in match.reason
    plain = message("Sam <sam@acme.example>", "Re: Role", "Tuesday at 3 works.", extra)
    assert not match_message(classify_message(plain), candidates).needs_review
