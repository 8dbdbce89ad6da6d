"""Confirmations that what the user sent arrived, written by a program without its marks:
an application's (ATS mail), a message's (an automatic reply, or a notice); a person's
answer in the same words stays a reply. Each test fails without the reading it names."""

from __future__ import annotations

from mail_samples import USER, message

from followup.mail.reading.classify import MessageClass, MessageInfo, classify_message

CAREERS = "Tidewell Careers <jobs@tidewell-foods.example>"


def classify(raw: bytes) -> MessageInfo:
    return classify_message(raw, user_addresses=[USER])


def test_a_companys_own_application_receipt_is_ats_mail() -> None:
    body = (
        "Dear Alice,\r\n\r\nWe have received your application for the Quality Lead role and "
        "will review it with care. We answer every applicant within three weeks.\r\n\r\n"
        "Tidewell Recruitment"
    )
    info = classify(message(CAREERS, "Your application to Tidewell", body))
    assert info.kind is MessageClass.ATS, info.evidence
    german = "Vielen Dank für Ihre Bewerbung. Wir melden uns in den nächsten Wochen."
    info = classify(message(CAREERS, "Eingangsbestätigung", german))
    assert info.kind is MessageClass.ATS, info.evidence


def test_a_receipt_that_asks_something_or_answers_the_user_is_a_persons() -> None:
    asks = "Thank you for your application! Could you send me your notice period?"
    info = classify(message(CAREERS, "Your application to Tidewell", asks))
    assert info.kind is MessageClass.REPLY, info.evidence
    answer = "Thank you for your application, I have passed it to the hiring manager."
    info = classify(message(CAREERS, "Re: Quality Lead application", answer))
    assert info.kind is MessageClass.REPLY, info.evidence


def test_a_message_receipt_answering_the_user_is_an_automatic_reply() -> None:
    body = "Thank you for your email. We have received your message and will answer soon."
    info = classify(message("Info <info@tidewell-foods.example>", "Re: My visit", body))
    assert info.kind is MessageClass.AUTO_REPLY, info.evidence


def test_a_web_forms_receipt_is_a_notice() -> None:
    body = "Thanks for getting in touch - we usually answer within two working days."
    info = classify(message("Tidewell <hello@tidewell-foods.example>", "Your enquiry", body))
    assert info.kind is MessageClass.OTHER, info.evidence
