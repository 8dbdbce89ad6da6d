"""Shapes heldout22 taught, from public test mail of bounce parsers: a complaint report that
carries the message complained of without a feedback-report part, a mail app's request to
leave a list sent as an automatic answer, and a multipart whose boundary line lost its
folding whitespace. Each test writes its own message beside a twin read the other way."""

from __future__ import annotations

import pytest
from mail_samples import USER, message

from followup.mail.reading.classify import MessageClass, classify_message
from followup.mail.reading.parse import parse_message

ATTACHED = (
    "--rep-1\r\nContent-Type: message/rfc822\r\n\r\n"
    f"From: Alice Candidate <{USER}>\r\nTo: l.berg@portmail.example\r\n"
    "Subject: My availability\r\nMessage-ID: <a1@gmail.example>\r\n\r\n"
    "Hello Lars, I am free on Tuesday.\r\n--rep-1--\r\n"
)


@pytest.mark.parametrize(
    ("subject", "note", "kind"),
    [
        ("complaint about message from 192.0.2.14", "", MessageClass.OTHER),
        (
            "Spam complaint: mail received from 192.0.2.14",
            "A reader marked this.",
            MessageClass.OTHER,
        ),
        (
            "Fwd: complaint about message from 192.0.2.14",
            "Alice, ignore this - Lars",
            MessageClass.REPLY,
        ),
        ("My availability", "Lars asked me to pass this on.", MessageClass.REPLY),
    ],
)
def test_a_complaint_report_carrying_the_message(
    subject: str, note: str, kind: MessageClass
) -> None:
    own = f"--rep-1\r\nContent-Type: text/plain\r\n\r\n{note}\r\n" if note else ""
    raw = message(
        "staff@portmail.example",
        subject,
        own + ATTACHED,
        content_type='multipart/mixed; boundary="rep-1"',
    )
    assert classify_message(raw, user_addresses=[USER]).kind is kind


def test_a_complaint_subject_without_a_message_is_a_persons() -> None:
    raw = message(
        "Nora Vik <nora.vik@portmail.example>", "Abuse report drill on Friday", "Bring a laptop."
    )
    assert classify_message(raw, user_addresses=[USER]).kind is MessageClass.REPLY


@pytest.mark.parametrize(
    ("extra", "subject", "kind"),
    [
        (
            "Auto-Submitted: auto-replied\r\nX-Apple-Unsubscribe: true\r\n",
            "unsubscribe",
            MessageClass.OTHER,
        ),
        (
            "Auto-Submitted: auto-replied\r\n",
            "Automatic reply: unsubscribe",
            MessageClass.AUTO_REPLY,
        ),
    ],
)
def test_a_mail_apps_unsubscribe_request(extra: str, subject: str, kind: MessageClass) -> None:
    body = "I am away until 4 May." if kind is MessageClass.AUTO_REPLY else "Sent by the mail app."
    raw = message("Ola Dahl <ola.dahl@cloudmail.example>", subject, body, extra)
    assert classify_message(raw, user_addresses=[USER]).kind is kind


@pytest.mark.parametrize("fold", ["", "\t"])
def test_a_boundary_line_that_lost_its_fold(fold: str) -> None:
    raw = (
        f"From: Ola Dahl <ola.dahl@cloudmail.example>\r\nTo: {USER}\r\nSubject: Re: Panel\r\n"
        "MIME-Version: 1.0\r\nContent-Type: multipart/alternative;\r\n"
        f'{fold}boundary="alt-9"\r\n\r\n--alt-9\r\nContent-Type: text/plain\r\n\r\n'
        "Thursday at ten suits the panel.\r\n--alt-9--\r\n"
    ).encode()
    assert "Thursday at ten" in parse_message(raw).text
