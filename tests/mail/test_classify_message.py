"""Each real-world message shape under tests/fixtures/mail is classified right."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from followup.domain.model import TouchKind
from followup.mail.reading.classify import MessageClass, classify_message

FIXTURES = Path(__file__).parent.parent / "fixtures" / "mail"
USER = ("alice.candidate@gmail.com", "alice@alice-home.net", "alice.candidate@outlook.com")


def classify(name: str):
    return classify_message((FIXTURES / name).read_bytes(), user_addresses=USER)


@pytest.mark.parametrize(
    ("name", "kind", "ats"),
    [
        ("gmail_reply.eml", MessageClass.REPLY, False),
        ("outlook_reply.eml", MessageClass.REPLY, False),
        ("wrong_charset.eml", MessageClass.REPLY, False),
        ("exchange_ooo_de.eml", MessageClass.AUTO_REPLY, False),
        ("gmail_vacation.eml", MessageClass.AUTO_REPLY, False),
        ("postfix_bounce.eml", MessageClass.BOUNCE, False),
        ("exchange_ndr.eml", MessageClass.BOUNCE, False),
        ("delayed_dsn.eml", MessageClass.OTHER, False),
        ("greenhouse_rejection.eml", MessageClass.REJECTION, True),
        ("lever_interview.eml", MessageClass.INVITATION, True),
        ("workday_notification.eml", MessageClass.ATS, True),
        ("google_invite.eml", MessageClass.INVITATION, False),
        ("google_invite_update.eml", MessageClass.INVITATION, False),
        ("outlook_invite_teams.eml", MessageClass.INVITATION, False),
        ("zoom_invite.eml", MessageClass.INVITATION, False),
        ("google_cancel.eml", MessageClass.CANCELLATION, False),
        ("accepted_reply.eml", MessageClass.CALENDAR_RESPONSE, False),
        ("offer.eml", MessageClass.OFFER, False),
        ("broken_ics.eml", MessageClass.INVITATION, False),
        ("outlook_ooo_en.eml", MessageClass.AUTO_REPLY, False),
        ("smartrecruiters_rejection_de.eml", MessageClass.REJECTION, True),
        ("ashby_schedule.eml", MessageClass.ATS, True),
    ],
)
def test_fixture_class(name: str, kind: MessageClass, ats: bool) -> None:
    info = classify(name)
    assert info.kind is kind, info.evidence
    assert info.ats is ats
    assert info.evidence, "every class names its evidence"


def test_every_fixture_is_in_the_table() -> None:
    listed = {p.name for p in FIXTURES.glob("*.eml")}
    tested = {
        "gmail_reply.eml", "outlook_reply.eml", "wrong_charset.eml", "exchange_ooo_de.eml",
        "gmail_vacation.eml", "postfix_bounce.eml", "exchange_ndr.eml", "delayed_dsn.eml",
        "greenhouse_rejection.eml", "lever_interview.eml", "workday_notification.eml",
        "google_invite.eml", "google_invite_update.eml", "outlook_invite_teams.eml",
        "zoom_invite.eml", "google_cancel.eml", "accepted_reply.eml", "offer.eml",
        "broken_ics.eml", "malformed_mime.eml", "outlook_ooo_en.eml",
        "smartrecruiters_rejection_de.eml", "ashby_schedule.eml",
    }  # fmt: skip
    assert listed == tested


def test_postfix_bounce_names_the_failed_recipient_and_the_returned_message() -> None:
    info = classify("postfix_bounce.eml")
    assert info.failed_recipients == ("m.hoffmann@umbrella-corp.com",)
    assert info.original_message_id == "<177365185901.2231.5521@alice-laptop>"
    assert info.touch_kind is TouchKind.BOUNCE


def test_exchange_ndr_returns_the_original_message_id() -> None:
    info = classify("exchange_ndr.eml")
    assert info.failed_recipients == ("k.tanaka@contoso.com",)
    assert info.original_message_id == (
        "<DM6PR12MB42501F3A2B4C5D6E7F8091A2B3C4D@DM6PR12MB4250.namprd12.prod.outlook.com>"
    )


def test_delay_warning_is_not_a_bounce_but_keeps_the_recipient() -> None:
    info = classify("delayed_dsn.eml")
    assert info.kind is MessageClass.OTHER
    assert info.failed_recipients == ()
    assert info.delayed_recipients == ("hr@hooli.xyz",)
    assert "warning" in info.evidence[0]


def test_out_of_office_return_dates() -> None:
    assert classify("exchange_ooo_de.eml").return_date == date(2026, 3, 16)
    assert classify("outlook_ooo_en.eml").return_date == date(2026, 3, 16)  # US month/day
    assert classify("gmail_vacation.eml").return_date == date(2026, 3, 16)


def test_exchange_ooo_subject_is_decoded_across_encoded_words() -> None:
    info = classify("exchange_ooo_de.eml")
    assert info.subject == "Automatische Antwort: Vielen Dank für das Gespräch"
    assert info.normalized_subject == "vielen dank für das gespräch"


def test_auto_response_suppress_alone_is_not_an_auto_reply() -> None:
    raw = (
        b"From: Sam Lee <sam.lee@acme.com>\r\nTo: alice.candidate@gmail.com\r\n"
        b"Subject: Re: Thank you\r\nMessage-ID: <a1@acme.com>\r\n"
        b"X-Auto-Response-Suppress: All\r\n\r\nThanks Alice, talk soon.\r\n"
    )
    info = classify_message(raw)
    # a sender asking for no auto-replies is a program (alerts, DocuSign, Exchange robots):
    # automated mail, neither an auto-reply nor a person's reply, and it says why
    assert info.kind is MessageClass.OTHER
    assert any("X-Auto-Response-Suppress" in e for e in info.evidence)


def test_a_bounce_from_a_raw_8bit_sender_reads_without_errors_logged(
    caplog: pytest.LogCaptureFixture,
) -> None:
    raw = (
        "From: Administrateur système <postmaster@bocage.example>\r\n"
        "To: alice.candidate@gmail.com\r\nSubject: Non remis : Candidature\r\n"
        "Return-Path: <>\r\n\r\n"
        "Impossible de joindre le ou les destinataires suivants :\r\n\r\n"
        "      r.girard@bocage.example\r\n"
        "            <srv.bocage.example #5.1.1>\r\n"
    ).encode()
    with caplog.at_level("INFO", logger="flufl.bounce"):
        info = classify_message(raw, user_addresses=USER)
    assert info.kind is MessageClass.BOUNCE
    assert info.failed_recipients == ("r.girard@bocage.example",)
    # flufl.bounce's detectors lower-case From: a Header object made them fail, each failure
    # logged with its traceback
    assert not [r for r in caplog.records if r.levelname == "ERROR"]


def test_a_notification_naming_an_absence_far_down_is_no_out_of_office() -> None:
    steps = "".join(
        f"Step {n}: review the shared plan and leave your comments.\n" for n in range(20)
    )
    raw = (
        "From: Katrin Vogel <k.vogel@lahn.example>\r\nTo: alice.candidate@gmail.com\r\n"
        "Subject: Katrin Vogel shared a plan with you\r\nAuto-Submitted: auto-generated\r\n"
        f"\r\nKatrin Vogel shared a plan with you.\n\n{steps}\n"
        "Katrin is out of the office until 6 November.\n"
    ).encode()
    info = classify_message(raw, user_addresses=USER)
    # a vacation program's note says it first; this one's first 800 characters are a notice
    assert info.kind is MessageClass.OTHER


def test_greenhouse_rejection_keeps_both_facts() -> None:
    info = classify("greenhouse_rejection.eml")
    assert info.kind is MessageClass.REJECTION
    assert info.ats_vendor == "greenhouse"
    assert info.touch_kind is TouchKind.REJECTION


def test_lever_invitation_is_ats_and_invitation() -> None:
    info = classify("lever_interview.eml")
    assert info.ats_vendor == "lever"
    assert info.invite is not None
    assert info.invite.organizer is not None
    assert info.invite.organizer.sent_by == "no-reply@hire.lever.co"


def test_quoted_text_does_not_make_a_reply_a_rejection() -> None:
    # the user's own quoted words mention "decided to move forward"; the reply itself does not
    assert classify("outlook_reply.eml").kind is MessageClass.REPLY


def test_google_invite_sent_twice_in_one_message_gives_one_invite() -> None:
    assert len(classify("google_invite.eml").invites) == 1


def test_the_users_own_message_is_not_a_reply() -> None:
    raw = (
        b"From: Alice Candidate <alice.candidate@gmail.com>\r\nTo: sam.lee@acme.com\r\n"
        b"Subject: Thank you\r\n\r\nThank you for your time today.\r\n"
    )
    info = classify_message(raw, user_addresses=USER)
    assert info.kind is MessageClass.OTHER
    assert info.from_user


@pytest.mark.parametrize(
    ("raw", "kind"),
    [
        pytest.param(
            b"From: Sam Lee <sam.lee@acme.com>\r\nSubject: Next steps\r\n"
            b"Auto-Submitted: no\r\n\r\nCan you do Tuesday?\r\n",
            MessageClass.REPLY,
            id="auto-submitted-no-is-a-human-message",
        ),
        pytest.param(
            b"From: Weekly Digest <digest@news.example>\r\nSubject: Top stories this week\r\n"
            b"Precedence: bulk\r\nList-Id: <digest.news.example>\r\n\r\nHello\r\n",
            MessageClass.OTHER,
            id="newsletter-with-bulk-precedence-is-other-not-auto-reply",
        ),
    ],
)
def test_headers_that_do_not_make_an_auto_reply(raw: bytes, kind: MessageClass) -> None:
    assert classify_message(raw).kind is kind


def test_robot_sender_with_recruiting_subject_is_ats_without_vendor() -> None:
    raw = (
        b"From: Acme Careers <no-reply@acme.com>\r\nSubject: Your application to Acme\r\n"
        b"\r\nThanks for applying, we will review your application.\r\n"
    )
    info = classify_message(raw)
    assert (info.kind, info.ats, info.ats_vendor) == (MessageClass.ATS, True, None)


@pytest.mark.parametrize(
    ("subject", "body", "kind"),
    [
        ("Update", "We will not be moving forward with your application.", MessageClass.REJECTION),
        ("Update", "Unfortunately, you were ultimately not selected.", MessageClass.REJECTION),
        ("Update", "The position has been filled.", MessageClass.REJECTION),
        ("Ihre Bewerbung", "Leider müssen wir Ihnen absagen.", MessageClass.REJECTION),
        ("Candidature", "Votre candidature n'a pas été retenue.", MessageClass.REJECTION),
        ("Update", "We extended an offer to another candidate.", MessageClass.REJECTION),
        ("Great news", "We are pleased to offer you the role.", MessageClass.OFFER),
        ("Next steps", "Please find your offer letter attached.", MessageClass.OFFER),
        ("Next steps", "Could you share your availability?", MessageClass.REPLY),
        ("Update", "We regret to inform you that we will not proceed.", MessageClass.REJECTION),
        (
            "Schedule",
            "We regret to inform you that Sam is ill; can we move to Friday?",
            MessageClass.REPLY,
        ),
    ],
)
def test_wording_table(subject: str, body: str, kind: MessageClass) -> None:
    raw = (
        f"From: Dana Reyes <dana.reyes@acme.com>\r\nSubject: {subject}\r\n"
        f"Content-Type: text/plain; charset=utf-8\r\n\r\n{body}\r\n"
    ).encode()
    assert classify_message(raw).kind is kind


@pytest.mark.parametrize(
    "subject",
    [
        "Automatic reply: Thank you",
        "Out of Office: Thank you",
        "Auto: Thank you",
        "Abwesenheitsnotiz: Danke",
        "Réponse automatique : Merci",
        "Respuesta automática: Gracias",
        "Automatisch antwoord: Bedankt",
        "Autosvar: Tack",
        "[EXT] Automatic reply: Thank you",
    ],
)
def test_auto_reply_subjects(subject: str) -> None:
    raw = (
        f"From: Sam Lee <sam.lee@acme.com>\r\nSubject: {subject}\r\n"
        "Content-Type: text/plain; charset=utf-8\r\n\r\nI am away.\r\n"
    ).encode()
    assert classify_message(raw).kind is MessageClass.AUTO_REPLY


@pytest.mark.parametrize(
    "header",
    ["X-Autoreply: yes", "X-Autorespond: on", "X-Autogenerated: Reply", "Precedence: auto_reply"],
)
def test_auto_reply_headers(header: str) -> None:
    raw = f"From: Sam Lee <sam.lee@acme.com>\r\nSubject: Re: Hi\r\n{header}\r\n\r\nAway\r\n"
    assert classify_message(raw.encode()).kind is MessageClass.AUTO_REPLY


def test_x_failed_recipients_makes_a_bounce() -> None:
    raw = (
        b"From: Mail Delivery System <mailer-daemon@mx.example>\r\n"
        b"Subject: Mail delivery failed: returning message to sender\r\n"
        b"X-Failed-Recipients: gone@acme.com\r\n\r\nA message could not be delivered.\r\n"
    )
    info = classify_message(raw)
    assert info.kind is MessageClass.BOUNCE
    assert "gone@acme.com" in info.failed_recipients


def test_broken_calendar_is_reported_not_raised() -> None:
    info = classify("broken_ics.eml")
    assert info.problems
    assert info.invite is not None
    assert info.invite.uid == "jv-88812-interview"
    assert info.invite.start is None
    assert any("DTSTART" in p for p in info.invite.problems)


def test_malformed_mime_reports_problems_and_keeps_what_it_could_read() -> None:
    info = classify("malformed_mime.eml")
    assert info.problems
    assert info.message_id is None
    assert info.date is None
    assert info.from_ is not None and info.from_.email == "hr@soylent.example"
    assert info.in_reply_to == ("<177365185901.2231.5521@alice-laptop>",)


def test_bounce_with_the_original_attached_outside_a_report() -> None:
    raw = (
        b"From: Mail Delivery System <MAILER-DAEMON@mx.example>\r\n"
        b"Subject: Returned mail: see transcript for details\r\n"
        b'Content-Type: multipart/mixed; boundary="b"\r\n\r\n'
        b"--b\r\nContent-Type: text/plain\r\n\r\n"
        b"550 5.1.1 <gone@acme.com>... User unknown\r\n"
        b"--b\r\nContent-Type: message/rfc822\r\n\r\n"
        b"From: alice@alice-home.net\r\nTo: gone@acme.com\r\nSubject: Thank you\r\n"
        b"Message-ID: <sent-7@alice-laptop>\r\n\r\nThank you for today.\r\n"
        b"--b--\r\n"
    )
    info = classify_message(raw)
    assert info.kind is MessageClass.BOUNCE
    assert info.original_message_id == "<sent-7@alice-laptop>"


def test_qmail_bounce_with_the_original_pasted_into_the_text() -> None:
    raw = (
        b"From: MAILER-DAEMON@qmail.example\r\nSubject: failure notice\r\n\r\n"
        b"Hi. This is the qmail-send program at qmail.example.\r\n"
        b"I'm afraid I wasn't able to deliver your message to the following addresses.\r\n\r\n"
        b"<gone@acme.com>:\r\nSorry, no mailbox here by that name. (#5.1.1)\r\n\r\n"
        b"--- Below this line is a copy of the message.\r\n\r\n"
        b"From: alice@alice-home.net\r\nMessage-ID: <sent-8@alice-laptop>\r\n"
        b"Subject: Thank you\r\n\r\nThank you for today.\r\n"
    )
    info = classify_message(raw)
    assert info.kind is MessageClass.BOUNCE
    assert info.original_message_id == "<sent-8@alice-laptop>"
    assert "gone@acme.com" in info.failed_recipients  # found by flufl.bounce's qmail detector


def test_forwarded_message_headers_are_kept_but_are_no_bounce() -> None:
    raw = (
        b"From: Dana Reyes <dana.reyes@acme.com>\r\nSubject: Fwd: Interview feedback\r\n"
        b'Content-Type: multipart/mixed; boundary="b"\r\n\r\n'
        b"--b\r\nContent-Type: text/plain\r\n\r\nSee below, great feedback!\r\n"
        b"--b\r\nContent-Type: message/rfc822\r\n\r\n"
        b"From: sam.lee@acme.com\r\nMessage-ID: <fb-1@acme.com>\r\nSubject: Feedback\r\n\r\n"
        b"Strong candidate.\r\n--b--\r\n"
    )
    info = classify_message(raw)
    assert info.kind is MessageClass.REPLY
    assert info.original_message_id is None


def test_read_receipt_is_not_a_reply() -> None:
    raw = (
        b"From: Sam Lee <sam.lee@acme.com>\r\nSubject: Read: Thank you\r\n"
        b'Content-Type: multipart/report; report-type=disposition-notification; boundary="r"\r\n'
        b"\r\n--r\r\nContent-Type: text/plain\r\n\r\nYour message was read.\r\n"
        b"--r\r\nContent-Type: message/disposition-notification\r\n\r\n"
        b"Final-Recipient: rfc822; sam.lee@acme.com\r\n"
        b"Disposition: manual-action/MDN-sent-manually; displayed\r\n--r--\r\n"
    )
    info = classify_message(raw)
    assert info.kind is MessageClass.OTHER
    assert "disposition-notification" in info.evidence[0]


def test_gateway_notice_names_the_envelope_recipient_not_the_quoted_sender() -> None:
    raw = (
        b"From: post_master@gateway.example.net\r\nTo: alice.candidate@gmail.com\r\n"
        b"Subject: Re: Interview\r\nIn-Reply-To: <a1@mail.gmail.com>\r\n"
        b"Content-Type: text/plain\r\n\r\n"
        b"Error: the address is not a valid user\r\n\r\n"
        b"Server reply:\r\n550 - Requested action not taken: unknown user\r\n\r\n"
        b"Details of the message:\r\n  MAIL FROM: alice.candidate@gmail.com\r\n"
        b"  RCPT TO: 5550101@gateway.example.net\r\n  From: kim@example.org\r\n"
    )
    info = classify_message(raw, user_addresses=USER)
    assert info.kind is MessageClass.BOUNCE
    assert info.failed_recipients == ("5550101@gateway.example.net",)


def test_person_writing_from_postmaster_address_is_read_as_a_reply() -> None:
    raw = (
        b"From: Tom Hale <postmaster@freight.example.com>\r\n"
        b"To: Alice Candidate <alice.candidate@gmail.com>\r\n"
        b"Subject: Your emails to our careers address\r\nMessage-ID: <t1@freight.example.com>\r\n"
        b"Content-Type: text/plain\r\n\r\n"
        b"Hi Alice,\r\n\r\nour filter held back your two messages to careers@ by mistake;\r\n"
        b"I have released them and they reached the recruiting team.\r\n\r\nTom\r\n"
    )
    assert classify_message(raw, user_addresses=USER).kind is MessageClass.REPLY
    named_as_system = raw.replace(b"Tom Hale", b"Mail Gateway")
    assert classify_message(named_as_system, user_addresses=USER).kind is not MessageClass.REPLY
