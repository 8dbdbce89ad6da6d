"""Outcome shapes read without a phrase for them (heldout8 to heldout10 taught them): each
test writes its own message, in other words than those batches, and each has a twin that
looks alike but is no outcome, so that neither side can pass by accident."""

from __future__ import annotations

import pytest
from mail_samples import USER, message

from followup.mail.reading.classify import MessageClass, MessageInfo, classify_message

PERSON = "Ines Moreau <ines@vantage-atelier.example>"


def classify(subject: str, body: str, sender: str = PERSON, extra: str = "") -> MessageInfo:
    return classify_message(message(sender, subject, body, extra), user_addresses=[USER])


# (shape, body, what it is): a choice made for someone else, a negation that stops the
# application, a post named as filled, a phrase whose clause is about something else, a
# phrase in a script written without spaces; each with a twin that is no outcome
SHAPES = [
    ("chosen", "After the last round we chose someone who has run a studio before.", "rejection"),
    ("chosen", "We've selected another candidate for the curator post.", "rejection"),
    ("chosen", "I picked another slot for our call, see the invite.", "reply"),
    ("stopped", "Sadly we are not able to proceed with your application any further.", "rejection"),
    ("stopped", "We won't be continuing the process with you.", "rejection"),
    ("stopped", "I can't continue our chat today; could we finish on Monday?", "reply"),
    ("filled", "Quick note: the studio manager vacancy has already been filled.", "rejection"),
    ("filled", "Good news, the studio manager vacancy has not been filled yet.", "reply"),
    ("filled", "The vacancy you saw has been filled, but we're opening a similar one.", "reply"),
    ("other topic", "The board decided not to proceed with your application.", "rejection"),
    ("other topic", "Say the board decided not to proceed with the warehouse project.", "reply"),
    ("other offer", "I'm happy to offer you the studio manager role.", "offer"),
    ("other offer", "I'm happy to offer a few notes on your portfolio.", "reply"),
    ("other offer", "We would like to offer you the studio manager position.", "offer"),
    ("other offer", "We would like to offer you a free trial of our course.", "reply"),
    ("stopped", "We cannot continue to offer you the archive service.", "reply"),
    ("unspaced script", "検討の結果、今回は採用を見送ることとなりました。", "rejection"),
    ("unspaced script", "次回の面接の日程をご相談させてください。", "reply"),
    ("no match", "Unfortunately your profile doesn't match what we need now.", "rejection"),
    ("no match", "Unfortunately the code you sent does not match our records.", "reply"),
    ("from within", "In the end we promoted from within for the studio role.", "rejection"),
    ("from within", "We like to promote from within; growth is real here.", "reply"),
]


@pytest.mark.parametrize(("shape", "body", "kind"), SHAPES)
def test_an_outcome_is_read_by_its_shape(shape: str, body: str, kind: str) -> None:
    info = classify("Re: Studio manager", body)
    assert str(info.kind) == kind, (shape, info.evidence)


def test_an_unmarked_absence_note_naming_another_address_is_an_out_of_office() -> None:
    body = "I am on parental leave and not reading mail. Please write to office@atelier.example."
    info = classify("Re: Our call", body)
    assert info.kind is MessageClass.AUTO_REPLY, info.evidence
    assert info.uncertain  # no program marked it: the user is asked as well
    body = "I am on parental leave, but happy to talk next month. Write any time."
    assert classify("Re: Our call", body).kind is MessageClass.REPLY


def test_a_job_alert_from_an_ats_vendor_is_no_ats_mail() -> None:
    extra = "List-Unsubscribe: <https://jobs.example/unsub>\r\n"
    body = "Hi Alice, here are jobs you might like this week: Curator, Registrar."
    sender = "Studio Jobs <no-reply@greenhouse.io>"
    assert classify("Alice, 4 openings", body, sender, extra).kind is MessageClass.OTHER
    assert classify("Your application", "We got it.", sender).kind is MessageClass.ATS


def test_x_failed_recipients_without_an_address_is_no_bounce() -> None:
    sender = "Mail Delivery System <Mailer-Daemon@relay.example>"
    body = "Your message has not yet been delivered; delivery will be retried for 4 days."
    info = classify("Warning: message delayed", body, sender, "X-Failed-Recipients: none\r\n")
    assert info.kind is MessageClass.OTHER, info.evidence
    info = classify(
        "Mail delivery failed", "failed", sender, "X-Failed-Recipients: a@b.example\r\n"
    )
    assert info.kind is MessageClass.BOUNCE, info.evidence


def test_a_quoted_file_name_is_no_statement() -> None:
    sender = "Files <no-reply@files.example>"
    body = 'Ruth shared "Offer letter - studio manager.pdf" with you. Open the file.'
    info = classify('Ruth shared "Offer letter - studio manager.pdf"', body, sender)
    assert info.kind is MessageClass.OTHER, info.evidence
    body = "Please find your offer letter for the studio manager role attached."
    assert classify("Re: Studio manager", body).kind is MessageClass.OFFER


def test_a_program_address_writing_of_interviews_is_no_ats_mail() -> None:
    extra = "List-Unsubscribe: <https://practice.example/unsub>\r\n"
    sender = "Practice Hub <newsletter@practice.example>"
    info = classify("Ten interview questions to practise", "Warm up here.", sender, extra)
    assert info.kind is MessageClass.OTHER, info.evidence
    info = classify(
        "Your interview is confirmed", "See you Monday.", "Hub <no-reply@practice.example>"
    )
    assert info.kind is MessageClass.ATS, info.evidence
