"""People's mail that uses hiring words in other senses, and outcomes said plainly (heldout15
taught them): each test writes its own message, with a twin that looks alike but reads the
other way, so that neither side can pass by accident."""

from __future__ import annotations

import pytest
from mail_samples import USER, message

from followup.mail.reading.classify import MessageClass, MessageInfo, classify_message

PERSON = "Dale Marsh <dale@northfield-energy.example>"


def classify(subject: str, body: str, sender: str = PERSON, extra: str = "") -> MessageInfo:
    return classify_message(message(sender, subject, body, extra), user_addresses=[USER])


def test_a_decision_not_to_proceed_in_mail_about_no_application_stays_a_reply() -> None:
    body = "We decided not to proceed, so the baseload piece is all we take for Q3."
    info = classify("Re: Q3 firm gas", body)
    assert info.kind is MessageClass.REPLY, info.evidence
    assert info.uncertain  # the user is asked what it means
    assert classify("Re: Q3 firm gas", "Sounds fine, baseload it is.").uncertain == ()
    assert classify("Re: Your application", body).kind is MessageClass.REJECTION
    quoted = f"{body}\r\n\r\nOn Mon, Alice wrote:\r\n> Thanks for the interview on Friday."
    assert classify("Re: Friday", quoted).kind is MessageClass.REJECTION


def test_a_rejection_that_names_the_reader_needs_no_other_hiring_word() -> None:
    body = "I'm sorry to say you were unsuccessful on this occasion."
    assert classify("Re: Friday", body).kind is MessageClass.REJECTION
    body = "I'm sorry to say the bid was unsuccessful on this occasion."
    assert classify("Re: Friday", body).kind is MessageClass.REPLY


def test_the_user_s_own_name_is_no_hiring_word() -> None:
    sender = "Amelie Rousseau <amelie@orange.example>"
    body = (
        "Nous avons décidé de ne pas donner suite pour la cuisine.\r\n\r\n"
        "Le 20/10/2026, Alice Candidate a écrit :\r\n> Voici le devis."
    )
    assert classify("Re: Devis", body, sender).kind is MessageClass.REPLY
    body = body.replace("la cuisine", "votre candidature")
    assert classify("Re: Devis", body, sender).kind is MessageClass.REJECTION


def test_another_thing_than_a_person_is_no_one_chosen() -> None:
    body = "Our position is unchanged. We decided not to proceed with the other vendor."
    assert classify("Re: Storage", body).kind is MessageClass.REPLY
    body = "Our position is unchanged. We decided not to proceed with your application."
    assert classify("Re: Storage", body).kind is MessageClass.REJECTION


@pytest.mark.parametrize(
    ("body", "kind"),
    [
        ("The team feels it's not the right fit at this time.", MessageClass.REJECTION),
        ("Honestly, it is not the right fit for the role.", MessageClass.REJECTION),
        ("That venue is not the right fit, let's find another.", MessageClass.REPLY),
        ("The analyst position has been withdrawn after the budget cut.", MessageClass.REJECTION),
        ("The analyst position has not been withdrawn, we're still hiring.", MessageClass.REPLY),
    ],
)
def test_a_judgement_or_a_post_taken_back(body: str, kind: MessageClass) -> None:
    info = classify("Re: Growth analyst interview", body)
    assert info.kind is kind, info.evidence


def test_a_person_passing_on_a_failure_notice_is_no_bounce() -> None:
    notice = (
        "---------- Forwarded message ---------\r\n"
        "From: Mail Delivery Subsystem <mailer-daemon@googlemail.com>\r\n"
        "Date: Wed, Oct 14, 2026 at 10:31 PM\r\n"
        "Subject: Delivery Status Notification (Failure)\r\n\r\n"
        "Address not found\r\n550 5.1.1 The email account that you tried to reach does not exist."
    )
    sender = "Jonah Leclerc <jonah@leclerc.example>"
    body = f"Alice - my mail to Marta came back, do you have another address?\r\n\r\n{notice}"
    subject = "Fwd: Delivery Status Notification (Failure)"
    assert classify(subject, body, sender).kind is MessageClass.REPLY
    relay = "Relay <relay@gateway.example>"
    alone = classify(
        "Delivery Status Notification (Failure)", notice.split("\r\n\r\n", 1)[1], relay
    )
    assert alone.kind is MessageClass.BOUNCE, alone.evidence


@pytest.mark.parametrize(
    ("subject", "body", "kind"),
    [
        # a word of regret beside someone else, or beside going on with something else
        ("Re: Room", "Unfortunately someone else booked the big room. 4B?", MessageClass.REPLY),
        ("Re: Final round", "Unfortunately we went with someone else.", MessageClass.REJECTION),
        (
            "Re: Budget",
            "Unfortunately our position stands; we'll not be moving forward with the upgrade.",
            MessageClass.REPLY,
        ),
        (
            "Re: Analyst role",
            "Unfortunately we'll not be moving forward with you.",
            MessageClass.REJECTION,
        ),
        # a post taken back, and a job that is no post
        ("Re: Job 5521", "The nightly job has been withdrawn until the fix.", MessageClass.REPLY),
        ("Re: Friday", "The analyst role has been withdrawn, sorry.", MessageClass.REJECTION),
        # good news and joining said of someone else, and to the reader
        (
            "Welcome Maria",
            "I'm pleased to announce that Maria will join the team in May.",
            MessageClass.REPLY,
        ),
        ("Re: Lease", "Glad to hear the contract was signed! Drinks?", MessageClass.REPLY),
        ("Re: Friday", "Congratulations! We'd love you to join the team.", MessageClass.OFFER),
        (
            "Esito",
            "Abbiamo il piacere di comunicarle che a breve riceverà il contratto.",
            MessageClass.OFFER,
        ),
        (
            "Notizie",
            "Abbiamo il piacere di annunciare che Marco firmerà il contratto.",
            MessageClass.REPLY,
        ),
        # a rejection that names no application, after a word of the interview day
        (
            "Re: Friday",
            "Thanks for coming in. We've decided not to proceed. All the best.",
            MessageClass.REJECTION,
        ),
        ("Re: Friday", "Thanks for the quote. We've decided not to proceed.", MessageClass.REPLY),
    ],
)
def test_cues_said_of_the_application_and_to_the_reader(
    subject: str, body: str, kind: MessageClass
) -> None:
    info = classify(subject, body)
    assert info.kind is kind, info.evidence


def _forward(note: str, passed: str) -> str:
    return (
        f"{note}\r\n\r\n-----Original Message-----\r\nFrom: Jen Park\r\nSent: Monday\r\n"
        f"Subject: Data Analyst\r\n\r\n{passed}"
    )


@pytest.mark.parametrize(
    ("subject", "body", "kind"),
    [
        (
            "FW: Data Analyst - Harlow Bank",
            _forward("Sadly, see below.", "Kim, we've decided not to proceed with Alice."),
            MessageClass.REJECTION,
        ),
        (
            "FW: Data Analyst - Harlow Bank",
            _forward("See below!!", "Kim, we'd like to make Alice an offer: 85k, March start."),
            MessageClass.OFFER,
        ),
        # the forward names someone else, or it is a reply quoting the decision
        (
            "FW: Data Analyst - Harlow Bank",
            _forward("FYI.", "Kim, we've decided not to proceed with Jordan."),
            MessageClass.REPLY,
        ),
        (
            "Re: Data Analyst - Harlow Bank",
            _forward("Thanks Jen.", "Kim, we've decided not to proceed with Alice."),
            MessageClass.REPLY,
        ),
    ],
)
def test_a_recruiter_passing_on_the_employer_s_decision(
    subject: str, body: str, kind: MessageClass
) -> None:
    info = classify(subject, body, "Kim Duval <kim@brightline-talent.example>")
    assert info.kind is kind, info.evidence


@pytest.mark.parametrize(
    ("subject", "body", "kind"),
    [
        ("Re: Designer", "The team felt you weren't quite the right fit.", MessageClass.REJECTION),
        ("Re: Q3 gas", "Their desk wasn't quite the right fit for us.", MessageClass.REPLY),
        ("Re: Designer", "Your application hasn't been successful.", MessageClass.REJECTION),
        # these name no application: a word of hiring elsewhere in the message places them
        ("Re: Designer role", "We're unable to take things further.", MessageClass.REJECTION),
        ("Re: Designer role", "We've decided to hire internally.", MessageClass.REJECTION),
        ("Re: Warehouse", "We've decided to hire internally.", MessageClass.REPLY),
        ("Re: Designer", "Delighted to tell you: you got the job!", MessageClass.OFFER),
        ("Re: Designer", "Did you get the job at Acme in the end?", MessageClass.REPLY),
        ("Re: Designer", "Attached is your contract of employment.", MessageClass.OFFER),
        ("Re: The flat", "Attached is your tenancy contract for the flat.", MessageClass.REPLY),
    ],
)
def test_outcomes_said_in_more_words(subject: str, body: str, kind: MessageClass) -> None:
    info = classify(subject, body)
    assert info.kind is kind, info.evidence


def test_exchange_s_auto_response_suppress_on_a_person_s_reply_in_a_thread() -> None:
    suppress = "X-Auto-Response-Suppress: All\r\n"
    thread = f"{suppress}In-Reply-To: <CAKq1b7Lx0@mail.gmail.com>\r\n"
    body = "Thanks Alice, the numbers look right. I'll send the signed copy tomorrow."
    assert classify("RE: Contract", body, extra=thread).kind is MessageClass.REPLY
    # outside a thread it marks a program's notice; with out-of-office wording, a rule's answer
    assert classify("Contract signed", body, extra=suppress).kind is MessageClass.OTHER
    away = "I am out of the office until Monday with no access to email."
    assert classify("RE: Contract", away, extra=thread).kind is not MessageClass.REPLY


@pytest.mark.parametrize(
    ("subject", "body", "kind"),
    [
        ("Re: Interview", "Sorry, we went with another designer.", MessageClass.REJECTION),
        (
            "Re: Interview",
            "We went with another interview format: a case study.",
            MessageClass.REPLY,
        ),
        (
            "Re: Interview",
            "Sadly we've gone with another supplier for the room.",
            MessageClass.REPLY,
        ),
        ("AW: Bewerbung", "Leider müssen wir Ihnen heute absagen.", MessageClass.REJECTION),
        (
            "AW: Vorstellungsgespräch",
            "Leider müssen wir das Gespräch morgen absagen. Passt Freitag?",
            MessageClass.REPLY,
        ),
    ],
)
def test_a_thing_chosen_or_a_meeting_called_off_is_no_rejection(
    subject: str, body: str, kind: MessageClass
) -> None:
    info = classify(subject, body)
    assert info.kind is kind, info.evidence


@pytest.mark.parametrize(
    ("sender", "subject", "kind"),
    [
        ("Careers <careers@fernhill.example>", "An update from Fernhill", MessageClass.REJECTION),
        ("Rosa Lind <rosa@fernhill.example>", "Re: Senior Analyst", MessageClass.REJECTION),
        ("Rosa Lind <rosa@fernhill.example>", "An update from Fernhill", MessageClass.REPLY),
    ],
)
def test_a_hiring_sender_or_a_job_title_in_the_subject_places_a_rejection(
    sender: str, subject: str, kind: MessageClass
) -> None:
    body = "Thank you for your time. After careful consideration we decided not to proceed."
    info = classify(subject, body, sender)
    assert info.kind is kind, info.evidence
