"""Automated mail that looks personal (heldout13): spam and notices in a person's name, known
by general signals. Each test writes its own message, in other words than the batch, and
fails without the signal it names; the replies beside them keep the signal from taking a
person's mail."""

from __future__ import annotations

import pytest
from mail_samples import USER, message

from followup.mail.reading.classify import MessageClass, MessageInfo, classify_message

PERSON = "Oren Vasquez <oren.vasquez@tideline-freight.example>"


def classify(raw: bytes) -> MessageInfo:
    return classify_message(raw, user_addresses=[USER])


def test_a_mail_administrator_by_name_only_needs_a_sign_that_mail_came_back() -> None:
    sender = "Mail Administrator <postbox-team@quota-check.example>"
    body = "Your inbox is nearly out of space. Sign in to keep receiving messages."
    info = classify(message(sender, "Storage warning", body))
    assert info.kind is MessageClass.OTHER, info.evidence
    returned = classify(message(sender, "Undeliverable: Storage warning", body))
    assert returned.kind is MessageClass.BOUNCE, returned.evidence


def test_two_phrases_of_unsolicited_mail_make_spam_one_does_not() -> None:
    body = "Act now: this special promotion closes at midnight for our partners."
    info = classify(message(PERSON, "quick note", body))
    assert info.kind is MessageClass.OTHER, info.evidence
    assert any("spam wording" in e for e in info.evidence)
    reply = "Thanks, the form is on the portal - click here if the link in my last mail fails."
    assert classify(message(PERSON, "Re: the customs form", reply)).kind is MessageClass.REPLY


def test_spam_that_offers_a_job_makes_no_offer() -> None:
    body = "Dear friend, we are pleased to offer you a role as a parcel agent. Act now!"
    info = classify(message(PERSON, "Opportunity", body))
    assert info.kind is MessageClass.OTHER, info.evidence
    # the same words in a thread the user started are read as words
    threaded = message(PERSON, "Re: Opportunity", body, "In-Reply-To: <a1@gmail.example>\r\n")
    assert classify(threaded).kind is MessageClass.OFFER


def test_a_to_that_names_no_one_is_bulk_mail() -> None:
    raw = message(PERSON, "Office move on Friday", "Desks will be packed on Thursday night.")
    hidden = raw.replace(f"To: {USER}".encode(), b"To: undisclosed-recipients:;")
    info = classify(hidden)
    assert info.kind is MessageClass.OTHER, info.evidence
    assert classify(raw).kind is MessageClass.REPLY


def test_a_to_of_groups_that_list_no_member_is_bulk_mail() -> None:
    raw = message(PERSON, "Release 3.1 is out", "Footnotes can now be numbered per chapter.")
    for group in ("Tool-Announce:;", '"Members, all years":;', "Readers:;, Press:;"):
        hidden = raw.replace(f"To: {USER}".encode(), f"To: {group}".encode())
        info = classify(hidden)
        assert info.kind is MessageClass.OTHER, (group, info.evidence)
    # a group that lists its members, the user among them, is written to them
    panel = raw.replace(f"To: {USER}".encode(), f"To: Panel: ruth@lab.example, {USER};".encode())
    assert classify(panel).kind is MessageClass.REPLY
    # and one that lists no one is no mark when the user is copied in by name
    copied = raw.replace(f"To: {USER}".encode(), f"To: Hiring team:;\r\nCc: {USER}".encode())
    assert classify(copied).kind is MessageClass.REPLY


def test_a_platform_sending_in_a_persons_name_is_known_by_its_sender_header() -> None:
    extra = "Sender: surveys@guest-pulse.example\r\n"
    info = classify(message(PERSON, "How was your trip?", "Tell us about your stay.", extra))
    assert info.kind is MessageClass.OTHER, info.evidence


def test_a_mailing_list_manager_is_known_by_the_end_of_its_address() -> None:
    sender = "climbing-request@lists.cragclub.example"
    info = classify(message(sender, "Your subscription", "Confirm to join the list."))
    assert info.kind is MessageClass.OTHER, info.evidence


def test_a_service_writing_for_a_person_names_itself_with_via() -> None:
    sender = '"Oren Vasquez (via Boxfold)" <share@boxfold.example>'
    info = classify(message(sender, "Oren shared a file", "Oren shared freight-rates.xlsx"))
    assert info.kind is MessageClass.OTHER, info.evidence


def test_a_greeting_that_names_an_address_is_a_programs() -> None:
    body = "Dear alice.candidate,\n\nPlease review the attached statement at your convenience."
    info = classify(message(PERSON, "Statement", body))
    assert info.kind is MessageClass.OTHER, info.evidence
    assert any("greets an address" in e for e in info.evidence)


def test_a_bulk_mailer_is_known_by_its_x_mailer() -> None:
    extra = "X-Mailer: PHPMailer 6.9.1 (https://github.com/PHPMailer/PHPMailer)\r\n"
    info = classify(message(PERSON, "Our spring catalogue", "Forty new products.", extra))
    assert info.kind is MessageClass.OTHER, info.evidence


@pytest.mark.parametrize(
    "sender",
    [
        "Front Desk Copier <scanner@tideline-freight.example>",
        "Phone System <voicemail@tideline-freight.example>",
        "Corporate Communications <corporate.communications@tideline-freight.example>",
    ],
)
def test_office_machines_and_company_announcements_are_programs(sender: str) -> None:
    info = classify(message(sender, "For Alice", "Attached."))
    assert info.kind is MessageClass.OTHER, info.evidence


@pytest.mark.parametrize(
    "footer",
    [
        "This inbox isn't monitored.",
        "This is an automated reminder.",
        "If you didn't request this, ignore this email.",
        "Vous recevez cet e-mail car vous avez un compte.",
    ],
)
def test_transactional_footers_in_more_words(footer: str) -> None:
    body = f"Your plan renews on 3 May.\n\n{footer}"
    info = classify(message("Tideline <team@tideline-freight.example>", "Renewal", body))
    assert info.kind is MessageClass.OTHER, info.evidence


def test_the_users_name_joined_to_other_words_is_no_recruiting_word() -> None:
    sender = "Builds <notifications@ci.example>"
    subject = "[alice-candidate/site] Run failed: Alice Candidate's deploy"
    info = classify(message(sender, subject, "The deploy job failed."))
    assert info.kind is MessageClass.OTHER, info.evidence
    assert not info.ats
