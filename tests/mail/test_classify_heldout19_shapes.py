"""Shapes heldout19 taught: other candidates still being seen are no rejection, a job scam
met on a chat app is spam, and a leaver's mailbox answering for them is an out-of-office
note. Each test writes its own message, in other words than the batch, beside a twin that
looks alike but is read the other way, so that neither side can pass by accident."""

from __future__ import annotations

import pytest
from mail_samples import USER, message

from followup.mail.reading.classify import MessageClass, MessageInfo, classify_message

PERSON = "Rosa Llorente <rosa.llorente@vinalopo-agro.example>"


def classify(subject: str, body: str, extra: str = "") -> MessageInfo:
    return classify_message(message(PERSON, subject, body, extra), user_addresses=[USER])


@pytest.mark.parametrize(
    ("body", "kind"),
    [
        ("Hola Alice, aún hablamos con otros candidatos; te escribo el viernes.", "reply"),
        ("Wir führen noch Gespräche mit anderen Kandidaten und melden uns bald.", "reply"),
        ("Vi träffar fortfarande andra kandidater, jag hör av mig.", "reply"),
        ("Lamentablemente hemos decidido avanzar con otros candidatos.", "rejection"),
        ("Tras las entrevistas, hemos decidido seguir adelante con otros candidatos.", "rejection"),
    ],
)
def test_other_candidates_are_a_rejection_only_when_chosen(body: str, kind: str) -> None:
    info = classify("Re: Técnica de calidad", body, "In-Reply-To: <q1@gmail.example>\r\n")
    assert str(info.kind) == kind, info.evidence


def test_a_job_paid_daily_and_met_on_a_chat_app_is_spam() -> None:
    body = "Remote tasks from your phone, no experience required. Write to our agent on WhatsApp."
    info = classify("Part-time role for you", body)
    assert info.kind is MessageClass.OTHER, info.evidence
    assert any("spam wording" in e for e in info.evidence)
    reply = "Landed in Alicante - message me on WhatsApp when you're near the station."
    assert classify("Re: Saturday", reply).kind is MessageClass.REPLY


def test_a_leavers_mailbox_answering_for_them_is_an_out_of_office_note() -> None:
    body = (
        "Rosa Llorente is no longer with the company and this mailbox is no longer monitored.\n"
        "Please write to seleccion@vinalopo-agro.example.\n\nThis is an automated message."
    )
    info = classify("Re: Técnica de calidad", body)
    assert info.kind is MessageClass.AUTO_REPLY, info.evidence
    person = (
        "Hi Alice, I moved to another firm last month, but I passed your CV to Jaume, "
        "who runs the lab now. He'd like to hear about your audits - expect his call."
    )
    assert classify("Re: Técnica de calidad", person).kind is MessageClass.REPLY
