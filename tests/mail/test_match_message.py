"""Matching a classified message to an application: evidence order and review cases."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

from followup.domain.model import (
    Application,
    Channel,
    Direction,
    History,
    Person,
    Touch,
    TouchKind,
)
from followup.mail.reading.classify import classify_message
from followup.mail.reading.match import (
    ApplicationRef,
    Candidates,
    Contact,
    SentMessage,
    candidates_from_histories,
    match_message,
)

FIXTURES = Path(__file__).parent.parent / "fixtures" / "mail"
USER = ("alice.candidate@gmail.com", "alice@alice-home.net", "alice.candidate@outlook.com")
MARCH = datetime(2026, 3, 1, tzinfo=UTC)
GMAIL_SENT_ID = "<CAJp8K3N6w1E4t0Zr+Q2m7hX8yT9uV0wA1bC2dE3fG4hI5jK6L7@mail.gmail.com>"


def info(name: str, **kwargs: object):
    return classify_message((FIXTURES / name).read_bytes(), user_addresses=USER, **kwargs)


def raw(from_: str, subject: str, extra: str = "") -> bytes:
    return (
        f"From: {from_}\r\nTo: alice.candidate@gmail.com\r\nSubject: {subject}\r\n"
        f"Date: Tue, 17 Mar 2026 10:00:00 +0000\r\n{extra}\r\nHello Alice\r\n"
    ).encode()


ACME_BACKEND = ApplicationRef(1, "Acme", "Senior Backend Engineer", "acme.com", MARCH)
ACME_DATA = ApplicationRef(2, "Acme", "Data Engineer", "acme.com", MARCH)
UMBRELLA = ApplicationRef(3, "Umbrella Corp", "Platform Engineer", "umbrella-corp.com", MARCH)


def test_in_reply_to_a_sent_message_wins_over_everything() -> None:
    candidates = Candidates(
        sent=(SentMessage(GMAIL_SENT_ID, app_id=1, action_id="a1-thank-you", person_id=10),),
        contacts=(Contact("dana.reyes@acme.com", 2, 20),),  # the same recruiter, another role
        applications=(ACME_BACKEND, ACME_DATA),
    )
    match = match_message(info("gmail_reply.eml"), candidates, user_addresses=USER)
    assert (match.app_id, match.person_id, match.action_id) == (1, 10, "a1-thank-you")
    assert not match.needs_review
    assert match.evidence[0].kind == "in-reply-to"
    assert match.confidence >= 0.99


def test_bounce_is_tied_to_the_sent_message_it_returned() -> None:
    candidates = Candidates(
        sent=(SentMessage("<177365185901.2231.5521@alice-laptop>", app_id=3, person_id=30),),
        applications=(UMBRELLA,),
    )
    match = match_message(info("postfix_bounce.eml"), candidates)
    assert (match.app_id, match.person_id) == (3, 30)
    assert match.evidence[0].kind == "returned-message-id"


def test_references_match_when_in_reply_to_is_unknown() -> None:
    message = raw(
        "Sam Lee <sam.lee@acme.com>",
        "Re: Follow-up",
        "In-Reply-To: <unknown@x>\r\nReferences: <sent-1@alice> <unknown@x>\r\n",
    )
    candidates = Candidates(
        sent=(SentMessage("sent-1@alice", app_id=2),), applications=(ACME_DATA,)
    )
    match = match_message(classify_message(message), candidates)
    assert match.app_id == 2
    assert match.evidence[0].kind == "references"


def test_gmail_thread_id_matches() -> None:
    candidates = Candidates(
        sent=(SentMessage("<other@alice>", app_id=2, thread_id="1790011223344556677"),),
        applications=(ACME_BACKEND, ACME_DATA),
    )
    message = classify_message(
        raw("Sam Lee <sam.lee@acme.com>", "Quick question"), thread_id="1790011223344556677"
    )
    match = match_message(message, candidates)
    assert match.app_id == 2
    assert match.evidence[0].kind == "thread"


def test_known_contact_with_one_application_is_accepted() -> None:
    candidates = Candidates(
        contacts=(Contact("sam.lee@acme.com", 1, 11),), applications=(ACME_BACKEND, UMBRELLA)
    )
    match = match_message(classify_message(raw("Sam <sam.lee@acme.com>", "Hi")), candidates)
    assert (match.app_id, match.person_id, match.needs_review) == (1, 11, False)
    assert [e.kind for e in match.evidence] == ["contact", "company-domain"]


def test_company_domain_with_one_application_is_accepted() -> None:
    candidates = Candidates(applications=(ACME_BACKEND, UMBRELLA))
    match = match_message(classify_message(raw("Lee <new.person@acme.com>", "Hi")), candidates)
    assert (match.app_id, match.needs_review) == (1, False)
    assert match.evidence[0].kind == "company-domain"


def test_two_applications_at_one_employer_need_review() -> None:
    candidates = Candidates(applications=(ACME_BACKEND, ACME_DATA))
    message = classify_message(raw("Recruiting <jobs@acme.com>", "Schedule your phone screen"))
    match = match_message(message, candidates)
    assert match.app_id is None
    assert match.needs_review
    assert "2 applications" in match.reason and "Acme" in match.reason


def test_weak_subject_narrows_but_still_asks() -> None:
    candidates = Candidates(
        sent=(SentMessage("<s1@alice>", app_id=2, subject="Data Engineer - thank you"),),
        applications=(ACME_BACKEND, ACME_DATA),
    )
    message = classify_message(raw("Recruiting <jobs@acme.com>", "RE: Data Engineer - thank you"))
    match = match_message(message, candidates)
    assert match.app_id == 2
    assert match.needs_review, "a subject is weak support only: never a silent guess"
    assert "suggested" in match.reason
    assert match.confidence <= 0.6


def test_subject_alone_is_only_a_suggestion() -> None:
    candidates = Candidates(
        sent=(SentMessage("<s1@alice>", app_id=3, subject="Thank you"),), applications=(UMBRELLA,)
    )
    message = classify_message(raw("Someone <someone@elsewhere.example>", "Re: Thank you"))
    match = match_message(message, candidates)
    assert (match.app_id, match.needs_review) == (3, True)
    assert "weak" in match.reason


def test_free_mail_sender_domain_is_no_evidence() -> None:
    gmail_company = ApplicationRef(5, "Tiny Startup", "Engineer", "gmail.com", MARCH)
    message = classify_message(raw("Founder <founder@gmail.com>", "Let's talk"))
    match = match_message(message, Candidates(applications=(gmail_company,)))
    assert match.app_id is None
    assert match.needs_review  # a human reply nobody can place goes to the review queue


def test_ats_message_with_a_company_reply_to_matches_by_domain() -> None:
    candidates = Candidates(applications=(ACME_BACKEND, UMBRELLA))
    match = match_message(info("greenhouse_rejection.eml"), candidates)
    assert (match.app_id, match.needs_review) == (3, False)
    assert match.evidence[0].detail == "umbrella-corp.com"  # Reply-To, not greenhouse-mail.io


def test_ats_domain_is_no_evidence_but_the_company_name_is_a_hint() -> None:
    initech = ApplicationRef(
        4, "Initech", "Data Engineer", "initech.io", datetime(2026, 3, 1, tzinfo=UTC)
    )
    workday_app = ApplicationRef(8, "Workday", "Engineer", "myworkday.com", MARCH)
    candidates = Candidates(applications=(initech, workday_app, ACME_BACKEND))
    match = match_message(info("workday_notification.eml"), candidates)
    assert match.app_id == 4
    assert match.needs_review
    assert [e.kind for e in match.evidence] == ["company-name"]


def test_ats_scheduling_mail_matches_through_the_recruiters_reply_to() -> None:
    initech = ApplicationRef(4, "Initech", "Data Engineer", "initech.io", MARCH)
    candidates = Candidates(
        contacts=(Contact("priya.nair@initech.io", 4, 40),), applications=(initech, ACME_BACKEND)
    )
    match = match_message(info("ashby_schedule.eml"), candidates)
    assert (match.app_id, match.person_id, match.needs_review) == (4, 40, False)
    assert match.evidence[0].kind == "contact"


def test_unrelated_newsletter_is_neither_matched_nor_queued() -> None:
    message = classify_message(
        raw("Digest <digest@news.example>", "This week", "List-Id: <d.news.example>\r\n")
    )
    match = match_message(message, Candidates(applications=(ACME_BACKEND,)))
    assert (match.app_id, match.needs_review) == (None, False)


def test_invitation_attendee_is_contact_evidence() -> None:
    candidates = Candidates(
        contacts=(Contact("k.tanaka@contoso.com", 7, 70),),
        applications=(ApplicationRef(7, "Contoso", "Data Analyst", "contoso.com", MARCH),),
    )
    match = match_message(info("outlook_invite_teams.eml"), candidates, user_addresses=USER)
    assert match.app_id == 7
    assert {e.kind for e in match.evidence} >= {"invite-contact", "company-domain"}


def test_candidates_from_histories_reads_sent_touches_people_and_domains() -> None:
    app = Application(1, "Acme", "Senior Backend Engineer", MARCH, company_domain="acme.com")
    history = History(
        application=app,
        people=(Person(10, 1, "Dana Reyes", email="Dana.Reyes@acme.com"),),
        touches=(
            Touch(1, 1, MARCH, Channel.EMAIL, Direction.OUT, TouchKind.THANK_YOU,
                  person_id=10, action_id="a1", message_id=GMAIL_SENT_ID),
            Touch(2, 1, MARCH, Channel.EMAIL, Direction.IN, TouchKind.REPLY, message_id="<in@x>"),
        ),
    )  # fmt: skip
    candidates = candidates_from_histories([history])
    assert [s.message_id for s in candidates.sent] == [GMAIL_SENT_ID]
    assert candidates.contacts == (Contact("dana.reyes@acme.com", 1, 10),)
    assert candidates.applications[0].domain == "acme.com"
    match = match_message(info("gmail_reply.eml"), candidates, user_addresses=USER)
    assert (match.app_id, match.person_id, match.action_id) == (1, 10, "a1")
