"""Shapes heldout24 taught: out-of-office notes a program did not mark that say their return
in the same sentence as the absence, name the week of their answer, or come without a Date
header; a note calling itself automatic that names the day it answers; a localized subject
prefix with its accents dropped; an inbox rule's own message; a delivery report's block
with no Action and a 4.x status. Each test writes its own message beside a twin that looks
alike but is read the other way, so that neither side can pass by accident."""

from __future__ import annotations

import pytest
from mail_samples import USER, message

from followup.mail.reading.classify import MessageClass, MessageInfo, classify_message

PERSON = "Ines Carvalho <ines.carvalho@tidewater-ports.example>"


def classify(subject: str, body: str, extra: str = "") -> MessageInfo:
    return classify_message(message(PERSON, subject, body, extra), user_addresses=[USER])


@pytest.mark.parametrize(
    ("body", "kind"),
    [
        ("Out of the office until Thursday 19 March, returning the Monday after.", "auto"),
        ("I am on study leave and will be back on Tuesday 24 March.", "auto"),
        ("I am out of the office until Thursday. I will return Monday; see you then.", "reply"),
        ("I'm back in the office on Monday and will send the contract then.", "reply"),
    ],
)
def test_a_return_said_with_the_absence(body: str, kind: str) -> None:
    info = classify("Re: Harbour planner role", body, "In-Reply-To: <h1@gmail.example>\r\n")
    expected = MessageClass.AUTO_REPLY if kind == "auto" else MessageClass.REPLY
    assert info.kind is expected, info.evidence


@pytest.mark.parametrize(
    ("body", "kind"),
    [
        (
            "I am on annual leave this week and will reply to mail next week.",
            MessageClass.AUTO_REPLY,
        ),
        (
            "I am on annual leave today. We decide next week; I will answer you soon.",
            MessageClass.REPLY,
        ),
    ],
)
def test_the_week_named_in_the_notice_itself(body: str, kind: MessageClass) -> None:
    info = classify("Re: Harbour planner role", body, "In-Reply-To: <h2@gmail.example>\r\n")
    assert info.kind is kind, info.evidence


def test_a_day_is_named_without_a_date_header() -> None:
    raw = (
        f"From: {PERSON}\r\nTo: {USER}\r\nSubject: Re: Harbour planner role\r\n"
        "Message-ID: <h3@tidewater-ports.example>\r\nContent-Type: text/plain\r\n\r\n"
        "I am away until 20 March and will respond when I return.\r\n"
    ).encode()
    info = classify_message(raw, user_addresses=[USER])
    assert info.kind is MessageClass.AUTO_REPLY, info.evidence
    # no day named, and something said of its own: a person's answer
    person = raw.replace(
        b"until 20 March and will respond when I return.",
        b"this week, but I passed your portfolio to Marta.",
    )
    assert classify_message(person, user_addresses=[USER]).kind is MessageClass.REPLY


def test_a_note_calling_itself_automatic_that_names_its_answer_day() -> None:
    body = "Thanks for writing. This is an automatic response: I will reply after 30 March."
    assert classify("Re: Harbour planner role", body).kind is MessageClass.AUTO_REPLY
    notice = "Thanks for writing. This is an automatic response: your form was received."
    assert classify("Re: Harbour planner role", notice).kind is not MessageClass.REPLY


@pytest.mark.parametrize(
    ("subject", "kind"),
    [
        ("Automaticka odpoved: Harbour planner role", MessageClass.AUTO_REPLY),
        (
            "Arpus biroja atrasanas automatiska atbilde: Harbour planner role",
            MessageClass.AUTO_REPLY,
        ),
        ("Automatic odds: Harbour planner role", MessageClass.REPLY),
    ],
)
def test_a_localized_prefix_without_its_accents(subject: str, kind: MessageClass) -> None:
    info = classify(subject, "Thanks, Ines")
    assert info.kind is kind, info.evidence


def test_an_inbox_rule_reply_unless_it_forwards() -> None:
    extra = (
        "Auto-Submitted: auto-generated\r\n"
        "X-MS-Exchange-Generated-Message-Source: Mailbox Rules Agent\r\n"
    )
    body = "Thanks for writing, I read mail on Fridays and will answer then."
    assert classify("Thank you for your message", body, extra).kind is MessageClass.AUTO_REPLY
    forwarded = classify("FW: Harbour planner role", body, extra)
    assert forwarded.kind is not MessageClass.AUTO_REPLY, forwarded.evidence


def _report(status: str, action: str) -> bytes:
    return (
        f"From: noreply@gatekeep.example\r\nTo: {USER}\r\nSubject: Re: Harbour planner role\r\n"
        "Date: Fri, 13 Mar 2026 10:00:00 +0000\r\nMIME-Version: 1.0\r\n"
        'Content-Type: multipart/report; report-type=delivery-status; boundary="b"\r\n\r\n'
        "--b\r\nContent-Type: text/plain\r\n\r\nYour message is held until you confirm.\r\n"
        "--b\r\nContent-Type: message/delivery-status\r\n\r\n"
        "Reporting-MTA: dns; gatekeep.example\r\n"
        f"\r\nFinal-Recipient: rfc822; ines.carvalho@tidewater-ports.example\r\n{action}"
        f"Status: {status}\r\n--b--\r\n"
    ).encode()


def test_a_report_block_without_action_is_a_failure_only_when_not_transient() -> None:
    held = classify_message(_report("4.7.0", ""), user_addresses=[USER])
    assert held.kind is MessageClass.OTHER, held.evidence
    refused = classify_message(_report("5.1.1", ""), user_addresses=[USER])
    assert refused.kind is MessageClass.BOUNCE, refused.evidence
    assert refused.failed_recipients == ("ines.carvalho@tidewater-ports.example",)


@pytest.mark.parametrize(
    ("body", "kind"),
    [
        ("Thank you for your message. I am out of the office until 20 March.", "auto"),
        ("I am out of the office until 20 March. Thanks for your message, Monday works.", "reply"),
    ],
)
def test_a_template_thanks_before_it_says_the_writer_is_away(body: str, kind: str) -> None:
    info = classify("Re: Harbour planner role", body, "In-Reply-To: <h4@gmail.example>\r\n")
    expected = MessageClass.AUTO_REPLY if kind == "auto" else MessageClass.REPLY
    assert info.kind is expected, info.evidence
