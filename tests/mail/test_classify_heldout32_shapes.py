"""Shapes heldout32 taught: a To made only of groups that list no one is a list held out of
sight; a rejection told of someone else (the writer's own bid, a third person) in a sentence
that does not address the reader is business news; an offer the reader is asked to make is
written on the hiring side. Each test writes its own message, in other words than the
batch, beside a twin that looks alike but is read the other way."""

from __future__ import annotations

from mail_samples import USER, message

from followup.mail.reading.classify import MessageClass, MessageInfo, classify_message

COLLEAGUE = "Nadia Brandt <nadia.brandt@corvel-mills.example>"
RECRUITER = "Owen Tate <owen.tate@corvel-mills.example>"


def classify(raw: bytes) -> MessageInfo:
    return classify_message(raw, user_addresses=[USER])


def _to(to: str, body: str) -> bytes:
    return (
        f"From: {COLLEAGUE}\r\nTo: {to}\r\nSubject: Parking from Monday\r\n"
        "Date: Fri, 13 Mar 2026 10:00:00 +0000\r\nMessage-ID: <g1@corvel-mills.example>\r\n"
        f"MIME-Version: 1.0\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n{body}\r\n"
    ).encode()


def test_a_memo_to_a_group_that_lists_no_one_is_not_a_reply() -> None:
    body = "From Monday the east car park is closed for resurfacing. Use the west gate."
    info = classify(_to("Site Staff:;", body))
    assert info.kind is MessageClass.OTHER, info.evidence


def test_a_person_writing_to_a_group_that_lists_the_user_writes_a_reply() -> None:
    body = "Alice, can you take the west gate keys on Monday? I'm in Leeds."
    info = classify(_to(f"Gate Rota: Alice Candidate <{USER}>, ed@corvel-mills.example;", body))
    assert info.kind is MessageClass.REPLY, info.evidence


def test_others_told_they_were_unsuccessful_is_business_news() -> None:
    body = (
        "Alice,\n\nWe saw four printers for the catalogue job. Hollis Print won it; the other "
        "three heard this morning that they were unsuccessful.\n\nCan you send Hollis the "
        "artwork by Friday?\n\nNadia"
    )
    info = classify(message(COLLEAGUE, "Catalogue printer", body))
    assert info.kind is MessageClass.REPLY, info.evidence
    assert info.uncertain, "the user is asked what it means"


def test_the_reader_told_they_were_unsuccessful_is_a_rejection() -> None:
    body = (
        "Dear Alice,\n\nThank you for interviewing for the planner role. I'm sorry to say "
        "that you were unsuccessful this time.\n\nOwen"
    )
    info = classify(message(RECRUITER, "Planner role", body))
    assert info.kind is MessageClass.REJECTION, info.evidence


def test_our_own_bid_not_retained_is_business_news() -> None:
    body = (
        "Salut Alice,\n\nNotre candidature pour le marché de la mairie n'a pas été retenue, "
        "le lot est allé à un plus gros cabinet. On en reparle jeudi ?\n\nNadia"
    )
    info = classify(message(COLLEAGUE, "Marché de la mairie", body))
    assert info.kind is MessageClass.REPLY, info.evidence


def test_the_readers_candidature_not_retained_is_a_rejection() -> None:
    body = (
        "Bonjour Alice,\n\nNous vous remercions de votre intérêt. Votre candidature au poste "
        "de chargée d'études n'a pas été retenue.\n\nOwen Tate"
    )
    info = classify(message(RECRUITER, "Votre candidature", body))
    assert info.kind is MessageClass.REJECTION, info.evidence


def test_an_offer_letter_the_reader_is_asked_to_draft_is_a_reply() -> None:
    body = (
        "Alice,\n\nWe'd like to hire Tariq for the dyeing supervisor job. Could you draft the "
        "offer letter from the template so I can sign it tomorrow?\n\nNadia"
    )
    info = classify(message(COLLEAGUE, "Offer letter for Tariq Hale", body))
    assert info.kind is MessageClass.REPLY, info.evidence
    assert info.uncertain, "the user is asked what it means"


def test_an_offer_letter_prepared_for_the_reader_is_an_offer() -> None:
    body = (
        "Hi Alice,\n\nGreat news - I'm preparing your offer letter for the planner role now "
        "and will send it over this afternoon.\n\nOwen"
    )
    info = classify(message(RECRUITER, "Planner role", body))
    assert info.kind is MessageClass.OFFER, info.evidence


def test_an_agency_passing_on_that_they_decided_not_to_proceed_is_a_rejection() -> None:
    body = "Hi Alice, Corvel came back on the planner role. Sadly they decided not to proceed."
    info = classify(message(RECRUITER, "Corvel update", body))
    assert info.kind is MessageClass.REJECTION, info.evidence


def test_an_employer_naming_its_own_application_portal_still_rejects() -> None:
    body = (
        "Dear Alice, after reading everything sent through our application portal, we have "
        "decided to move forward with other candidates."
    )
    info = classify(message(RECRUITER, "Planner role", body))
    assert info.kind is MessageClass.REJECTION, info.evidence
