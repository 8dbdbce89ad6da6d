"""Sync into the real store: replies, out-of-office, bounces, invitations and hand-sent mail
become touches, interviews and flags; unsure matches wait in the review queue."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from email.utils import format_datetime
from pathlib import Path
from typing import Any

import pytest
from servers import Dovecot, MailUser

from followup.domain.model import ActionKind, Direction, InterviewKind, PersonRole, TouchKind
from followup.mail.accounts.account import Account
from followup.mail.accounts.secrets import Secret
from followup.mail.outbox import Outbox, OutboxDrafts, OutboxRow, OutgoingMessage
from followup.mail.sync import state as sync_state
from followup.mail.sync.apply import StoreHandler
from followup.mail.sync.syncer import Syncer

pytestmark = pytest.mark.mail

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "mail"
USER_ALIASES = ["alice.candidate@gmail.com", "alice.candidate@outlook.com"]
NOW = datetime(2026, 3, 12, 16, 0, tzinfo=UTC)
CANDIDATE = USER_ALIASES[0]


@pytest.fixture
def store(mail_store: Any) -> Any:
    return mail_store


@pytest.fixture
def syncer(store: Any, account: Account, secret: Secret) -> Syncer:
    """A syncer of the account's folders into the store (the user's aliases are theirs)."""
    addresses = [account.address, *USER_ALIASES]
    handler = StoreHandler(store, account.name, addresses, drafts=OutboxDrafts())
    return Syncer(store, account, secret, handler)


def _acme(store: Any) -> tuple[Any, Any]:
    app = store.add_application(
        "Acme",
        "Senior Backend Engineer",
        created_at=NOW - timedelta(days=20),
        country="US",
        tz="America/New_York",
        company_domain="acme.com",
    )
    dana = store.add_person(
        app.id, "Dana Reyes", email="dana.reyes@acme.com", role=PersonRole.INTERVIEWER
    )
    store.add_interview(
        app.id,
        NOW - timedelta(days=2),
        InterviewKind.ON_SITE,
        end=NOW - timedelta(days=2) + timedelta(hours=1),
        person_ids=[dana.id],
    )
    return app, dana


def _recorder() -> Any:
    def record(uow: Any, row: OutboxRow) -> None:
        if uow.touches.by_message_id(row.message_id) is None:
            uow.touches.add(
                row.app_id,
                row.sent_at,
                "email",
                Direction.OUT,
                kind=TouchKind(row.touch_kind),
                person_id=row.person_id,
                action_id=row.action_id,
                message_id=row.message_id,
            )

    return record


@pytest.fixture
def outbox(store: Any, account: Account, secret: Secret) -> Outbox:
    """An outbox that records what it sends as touches, as the application's does."""
    return Outbox(store, account, lambda: secret, record=_recorder())


def _thanks(app: Any, dana: Any, action_id: str, subject: str, body: str) -> OutgoingMessage:
    """A thank-you to Dana, due now."""
    return OutgoingMessage(
        to=(dana.email,),
        subject=subject,
        body=body,
        send_after=NOW,
        action_id=action_id,
        app_id=app.id,
        person_id=dana.id,
        kind="thank-you",
    )


def _kinds(store: Any, app_id: int) -> list[tuple[str, str]]:
    return [(t.direction.value, t.kind.value) for t in store.history(app_id).touches]


def test_reply_to_a_sent_thank_you_is_recorded_and_pauses_nudges(
    dovecot: Dovecot, store: Any, outbox: Outbox, mail_user: MailUser, syncer: Syncer
) -> None:
    from followup.planner import PlanDefaults, plan_application
    from followup.playbook import load_playbook

    app, dana = _acme(store)
    thanks = _thanks(
        app,
        dana,
        "thanks-1",
        "Thank you - Senior Backend Engineer interview",
        "Dear Dana,\n\nThank you.\n\nBest regards,\nAlice",
    )
    row = outbox.enqueue(thanks, NOW)
    outbox.run(NOW)
    assert _kinds(store, app.id) == [("out", "thank-you")]
    playbook, defaults = load_playbook("seed"), PlanDefaults("America/New_York", "US")
    later = NOW + timedelta(days=9)
    before = _nudge(plan_application(store.history(app.id), playbook, later, defaults))
    reply = (
        f"From: Dana Reyes <dana.reyes@acme.com>\r\nTo: {mail_user.address}\r\n"
        f"Subject: Re: Thank you - Senior Backend Engineer interview\r\n"
        f"Date: {format_datetime(NOW + timedelta(days=1))}\r\n"
        f"Message-ID: <reply-1@acme.com>\r\nIn-Reply-To: {row.message_id}\r\n"
        f"References: {row.message_id}\r\n\r\nThanks Alice, we'll be in touch next week.\r\n"
    ).encode()
    dovecot.deliver(mail_user, reply)
    report = syncer.sync(NOW + timedelta(days=1))
    assert report.folders[0].outcomes == {"reply": 1}
    # the outbox's copy in Sent is not recorded twice
    assert report.folders[1].outcomes == {"already-recorded": 1}
    touches = store.history(app.id).touches
    assert [(t.direction.value, t.kind.value, t.message_id) for t in touches] == [
        ("out", "thank-you", row.message_id),
        ("in", "reply", "<reply-1@acme.com>"),
    ]
    after = _nudge(plan_application(store.history(app.id), playbook, later, defaults))
    # The reply paused the nudge: it now comes a week after the reply, not after the thanks.
    assert after.earliest > before.earliest
    assert after.earliest.date() >= (NOW + timedelta(days=8)).date()


def _nudge(plan: Any) -> Any:
    (nudge,) = [
        a for a in plan.actions if a.kind in (ActionKind.ESTIMATE_REQUEST, ActionKind.STATUS_CHECK)
    ]
    return nudge


def _contact(
    store: Any, company: str, role: str, days_ago: int, name: str, email: str
) -> tuple[Any, Any]:
    """An application at `company`, made `days_ago`, whose mail comes from the domain of
    `email`, with one person there: `name`."""
    domain = email.partition("@")[2]
    created = NOW - timedelta(days=days_ago)
    app = store.add_application(company, role, created_at=created, company_domain=domain)
    return app, store.add_person(app.id, name, email=email)


def _message(sender: str, to: str, subject: str, message_id: str, text: str) -> bytes:
    """A plain message dated NOW."""
    return (
        f"From: {sender}\r\nTo: {to}\r\nSubject: {subject}\r\nMessage-ID: {message_id}\r\n"
        f"Date: {format_datetime(NOW)}\r\n\r\n{text}\r\n"
    ).encode()


def _sync_inbox(dovecot: Dovecot, user: MailUser, syncer: Syncer, message: bytes) -> Any:
    """What a sync made of `message`, delivered to the inbox: its outcomes by kind."""
    dovecot.deliver(user, message)
    return syncer.sync(NOW).folders[0].outcomes


def _deliver_fixture(dovecot: Dovecot, user: MailUser, name: str) -> None:
    dovecot.deliver(user, (FIXTURES / name).read_bytes())


def test_out_of_office_becomes_a_touch_with_its_return_date(
    dovecot: Dovecot, store: Any, mail_user: MailUser, syncer: Syncer
) -> None:
    app, _ = _contact(store, "Initech", "Analyst", 30, "Priya Nair", "priya.nair@initech.io")
    _deliver_fixture(dovecot, mail_user, "gmail_vacation.eml")
    syncer.sync(NOW)
    (touch,) = store.history(app.id).touches
    assert (touch.direction, touch.kind) == (Direction.IN, TouchKind.AUTO_REPLY)
    assert touch.return_date == date(2026, 3, 16)


def test_bounce_flags_the_address_and_records_no_reply(
    dovecot: Dovecot, store: Any, mail_user: MailUser, syncer: Syncer
) -> None:
    app, kenji = _contact(
        store, "Contoso", "Data Analyst", 30, "Kenji Tanaka", "k.tanaka@contoso.com"
    )
    store.add_touch(
        app.id,
        NOW - timedelta(days=1),
        "email",
        Direction.OUT,
        kind=TouchKind.STATUS_CHECK,
        person_id=kenji.id,
        message_id="<DM6PR12MB42501F3A2B4C5D6E7F8091A2B3C4D@DM6PR12MB4250.namprd12.prod.outlook.com>",
    )
    _deliver_fixture(dovecot, mail_user, "exchange_ndr.eml")
    syncer.sync(NOW)
    assert store.person(kenji.id).email_bounced
    kinds = _kinds(store, app.id)
    assert ("in", "reply") not in kinds
    assert kinds == [("out", "status-check"), ("in", "bounce")]


def test_invitation_creates_moves_and_cancels_an_interview(
    dovecot: Dovecot, store: Any, mail_user: MailUser, syncer: Syncer
) -> None:
    app, _ = _acme(store)
    _deliver_fixture(dovecot, mail_user, "google_invite.eml")
    syncer.sync(NOW)
    invited = store.interview_by_ical_uid("5k2q8v1n3m7p0r4t6w9y1b3d5f@google.com")
    assert invited is not None
    assert invited.start == datetime(2026, 3, 25, 13, 0, tzinfo=UTC)
    names = sorted(store.person(pid).name for pid in invited.person_ids)
    assert names == ["Dana Reyes", "Morgan Blake", "Sam Lee"]
    _deliver_fixture(dovecot, mail_user, "google_invite_update.eml")
    syncer.sync(NOW)
    moved = store.interview_by_ical_uid("5k2q8v1n3m7p0r4t6w9y1b3d5f@google.com")
    assert moved.id == invited.id
    assert moved.start == datetime(2026, 3, 26, 9, 0, tzinfo=UTC)
    assert moved.ical_sequence == 1
    _deliver_fixture(dovecot, mail_user, "google_cancel.eml")
    syncer.sync(NOW)
    assert store.interview_by_ical_uid("5k2q8v1n3m7p0r4t6w9y1b3d5f@google.com").cancelled
    assert _kinds(store, app.id).count(("in", "invitation")) == 3


def test_unsure_match_goes_to_the_review_queue(
    dovecot: Dovecot, store: Any, account: Account, mail_user: MailUser, syncer: Syncer
) -> None:
    for role in ("Backend Engineer", "Platform Engineer"):
        store.add_application(
            "Acme", role, created_at=NOW - timedelta(days=9), company_domain="acme.com"
        )
    message = _message(
        "Jo Recruiter <jo@acme.com>",
        CANDIDATE,
        "Schedule your phone screen",
        "<screen@acme.com>",
        "When are you free for a call?",
    )
    assert _sync_inbox(dovecot, mail_user, syncer, message) == {"review": 1}
    (item,) = sync_state.reviews(store, account.name)
    assert (item.message_id, item.sender) == ("<screen@acme.com>", "jo@acme.com")
    assert len(item.candidates) == 2
    assert all(not store.history(a.id).touches for a in store.applications())


def test_mail_sent_by_hand_counts_as_a_touch(
    dovecot: Dovecot, store: Any, mail_user: MailUser, syncer: Syncer
) -> None:
    app, dana = _acme(store)
    message = _message(
        f"{mail_user.address}",
        "Dana Reyes <dana.reyes@acme.com>",
        "Quick question",
        "<by-hand@example.test>",
        "Hi Dana, one more thing...",
    )
    dovecot.deliver(mail_user, message, folder="Sent")
    syncer.sync(NOW)
    (touch,) = store.history(app.id).touches
    assert (touch.direction, touch.person_id, touch.message_id) == (
        Direction.OUT,
        dana.id,
        "<by-hand@example.test>",
    )


def test_broken_invitation_does_not_stop_the_sync(
    dovecot: Dovecot, store: Any, mail_user: MailUser, syncer: Syncer
) -> None:
    _contact(store, "Soylent", "Engineer", 9, "Scheduling", "scheduling@soylent.example")
    _deliver_fixture(dovecot, mail_user, "broken_ics.eml")
    _deliver_fixture(dovecot, mail_user, "gmail_reply.eml")
    report = syncer.sync(NOW)
    assert sum(report.folders[0].outcomes.values()) == 2
    assert store.interview_by_ical_uid("jv-88812-interview") is None


def test_unrelated_mail_is_left_alone(
    dovecot: Dovecot, store: Any, account: Account, mail_user: MailUser, syncer: Syncer
) -> None:
    _acme(store)
    message = _message(
        "Mum <mum@family.example>", CANDIDATE, "Sunday lunch", "<lunch@family.example>", "Coming?"
    )
    assert _sync_inbox(dovecot, mail_user, syncer, message) == {"unrelated": 1}
    assert sync_state.reviews(store, account.name) == []


def test_a_draft_sent_from_the_mail_client_closes_its_action(
    dovecot: Dovecot, store: Any, outbox: Outbox, mail_user: MailUser, syncer: Syncer
) -> None:
    from followup.mail.outbox import OutboxState

    app, dana = _acme(store)
    thanks = _thanks(app, dana, "1-i1-thank-you-p1", "Thank you", "Dear Dana,\n\nThank you.\n")
    row = outbox.enqueue(thanks, NOW, drafts=True)
    outbox.run(NOW)
    assert store.history(app.id).touches == ()  # a draft is not a contact yet
    # The user opens the draft in their client and sends it: it lands in Sent.
    (draft,) = dovecot.messages(mail_user, "Drafts")
    dovecot.deliver(mail_user, draft, folder="Sent")
    report = syncer.sync(NOW + timedelta(hours=1))
    assert report.folders[1].outcomes == {"draft-sent": 1}
    (touch,) = store.history(app.id).touches
    assert (touch.kind, touch.action_id, touch.direction) == (
        TouchKind.THANK_YOU,
        "1-i1-thank-you-p1",
        Direction.OUT,
    )
    assert outbox.get(row.id).state is OutboxState.SENT


def _imip(method: str, sequence: int, start: datetime, sent: datetime, number: int) -> bytes:
    """A plain iMIP message from Dana about the same event (UID) as its other versions."""
    stamp, begin = sent.strftime("%Y%m%dT%H%M%SZ"), start.strftime("%Y%m%dT%H%M%SZ")
    finish = (start + timedelta(hours=1)).strftime("%Y%m%dT%H%M%SZ")
    status = "CANCELLED" if method == "CANCEL" else "CONFIRMED"
    calendar = (
        f"BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//Acme//Scheduler//EN\r\nMETHOD:{method}\r\n"
        f"BEGIN:VEVENT\r\nUID:onsite-42@acme.com\r\nSEQUENCE:{sequence}\r\nDTSTAMP:{stamp}\r\n"
        f"DTSTART:{begin}\r\nDTEND:{finish}\r\nSUMMARY:Acme - on-site interview\r\n"
        f"STATUS:{status}\r\nLOCATION:Acme HQ\\, 5th floor\r\n"
        "ORGANIZER;CN=Dana Reyes:mailto:dana.reyes@acme.com\r\n"
        "ATTENDEE;CN=Dana Reyes:mailto:dana.reyes@acme.com\r\n"
        "ATTENDEE;CN=Alice Candidate:mailto:alice.candidate@gmail.com\r\n"
        "END:VEVENT\r\nEND:VCALENDAR\r\n"
    )
    return (
        "From: Dana Reyes <dana.reyes@acme.com>\r\nTo: alice.candidate@gmail.com\r\n"
        f"Subject: {'Canceled' if method == 'CANCEL' else 'Invitation'}: on-site interview\r\n"
        f"Date: {format_datetime(sent)}\r\nMessage-ID: <imip-{number}@acme.com>\r\n"
        f"MIME-Version: 1.0\r\nContent-Type: text/calendar; charset=UTF-8; method={method}\r\n"
        f"\r\n{calendar}"
    ).encode()


def test_a_stale_cancellation_arriving_late_leaves_the_moved_interview(
    dovecot: Dovecot, store: Any, mail_user: MailUser, syncer: Syncer
) -> None:
    """Sequence 0 books it, sequence 2 moves it, then the older sequence-1 cancellation
    arrives out of order: it must not cancel the newer booking."""
    app, dana = _acme(store)
    first, moved_to = NOW + timedelta(days=6), NOW + timedelta(days=7, hours=2)
    dovecot.deliver(mail_user, _imip("REQUEST", 0, first, NOW - timedelta(hours=5), 1))
    syncer.sync(NOW)
    booked = store.interview_by_ical_uid("onsite-42@acme.com")
    assert booked is not None and booked.start == first
    # the user's own address is no interviewer: one person, an on-site interview
    assert (booked.person_ids, booked.kind) == ((dana.id,), InterviewKind.ON_SITE)
    dovecot.deliver(mail_user, _imip("REQUEST", 2, moved_to, NOW - timedelta(hours=1), 2))
    syncer.sync(NOW)
    dovecot.deliver(mail_user, _imip("CANCEL", 1, first, NOW - timedelta(hours=3), 3))
    report = syncer.sync(NOW)
    assert report.folders[0].outcomes == {"cancellation": 1}  # read and recorded, not applied
    kept = store.interview_by_ical_uid("onsite-42@acme.com")
    assert kept.id == booked.id and not kept.cancelled
    assert (kept.start, kept.ical_sequence) == (moved_to, 2)
    assert len(store.history(app.id).touches) == 3  # each message is still a contact


def test_a_decision_date_named_in_a_reply_becomes_the_new_deadline(
    dovecot: Dovecot, store: Any, mail_user: MailUser, syncer: Syncer
) -> None:
    """Acme interviewed on Tue 10 Mar; Dana's reply on Fri 13 Mar says they will decide by
    Fri 20 Mar (the quoted older mail's 31 March does not count): the next status check is
    the first business day after that, Mon 23 Mar."""
    from zoneinfo import ZoneInfo

    from followup.planner import PlanDefaults, plan_application
    from followup.playbook import load_playbook

    app, _ = _acme(store)
    playbook, defaults = load_playbook("seed"), PlanDefaults("America/New_York", "US")
    later = NOW + timedelta(days=2)
    before = _nudge(plan_application(store.history(app.id), playbook, later, defaults))
    assert before.kind is ActionKind.ESTIMATE_REQUEST  # no timeframe given yet
    reply = (
        "From: Dana Reyes <dana.reyes@acme.com>\r\nTo: alice.candidate@gmail.com\r\n"
        "Subject: Re: Thank you\r\nMessage-ID: <decide@acme.com>\r\n"
        f"Date: {format_datetime(NOW + timedelta(days=1))}\r\n\r\n"
        "Hi Alice,\r\n\r\nThanks for your patience. We will decide by Friday, March 20.\r\n\r\n"
        "Dana\r\n\r\nOn Tue, Mar 10, 2026 at 5:00 PM Alice <alice.candidate@gmail.com> wrote:\r\n"
        "> Could you tell me if you still decide by March 31?\r\n"
    ).encode()
    dovecot.deliver(mail_user, reply)
    report = syncer.sync(NOW + timedelta(days=1))
    assert report.folders[0].outcomes == {"reply": 1}
    (touch,) = store.history(app.id).touches
    assert (touch.kind, touch.decision_by) == (TouchKind.REPLY, date(2026, 3, 20))
    after = _nudge(plan_application(store.history(app.id), playbook, later, defaults))
    assert after.kind is ActionKind.STATUS_CHECK
    assert after.earliest.astimezone(ZoneInfo("America/New_York")).date() == date(2026, 3, 23)
