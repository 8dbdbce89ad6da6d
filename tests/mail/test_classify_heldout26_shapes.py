"""Shapes heldout26 taught: a read receipt written as text with no disposition-notification
part. Each test writes its own message, in other words than the batch, beside a twin that
looks alike but is read the other way."""

from __future__ import annotations

import pytest
from mail_samples import USER, message

from followup.mail.reading.classify import MessageClass, MessageInfo, classify_message

PERSON = "Ruth Okonjo <ruth.okonjo@lantern-analytics.example>"


def classify(raw: bytes) -> MessageInfo:
    return classify_message(raw, user_addresses=[USER])


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
