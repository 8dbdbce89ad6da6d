"""One builder of a realistic job search, for the tests of tests/app (imported by name:
`from builder import SearchBuilder`, the way tests/cli imports cli_support).

    search = SearchBuilder(store).build()      # fills the store's owner, returns the ids
    owners = build_two_owners(url, twin=True)  # owner A (local) and B, in a new database

Every search it builds uses the same natural keys (emails, Message-IDs, the iCalendar UID,
the outbox key, the mail account and folder, setting names, action ids), so two owners
built with it collide on every one of them: a lookup by natural key that forgot its owner
would find the other owner's row. What differs between owners is the company and the values
(`company=`, `candidate=`, `uidvalidity=`). Times come from FIXED_NOW, never the clock.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from typing import Any, NamedTuple
from zoneinfo import ZoneInfo

from followup.alerts.codec import posting_to_json
from followup.alerts.model import Posting
from followup.domain.model import (
    Channel,
    Direction,
    InterviewKind,
    PersonRole,
    TouchKind,
)
from followup.store import LOCAL_OWNER_ID, open_store
from followup.store.dump import owned_tables
from followup.store.mail_repos import FolderRow, FoundAt
from followup.store.mail_tables import mail_outbox, mail_review
from followup.store.owners import create_owner
from followup.store.reminder_repos import ReminderKey
from followup.store.store import Store
from followup.store.tables import interviews, people
from followup.store.uow import UnitOfWork

FIXED_NOW = datetime(2026, 3, 10, 9, 0, tzinfo=UTC)
NEW_YORK = ZoneInfo("America/New_York")
BERLIN = ZoneInfo("Europe/Berlin")

# Natural keys: the same in every search the builder makes.
DANA_EMAIL = "dana.chen@acme.example"
LEE_EMAIL = "lee.park@acme.example"
ICAL_UID = "panel-2026-03-12@acme.example"
TOUCH_ACTION = "i1-thank-you-dana"
TOUCH_MESSAGE_ID = "<thanks-dana-20260311@mail.example>"
SKIP_ACTION = "i1-thank-you-lee"
OUTBOX_ACTION = "i1-status-check"
OUTBOX_KEY = OUTBOX_ACTION + ":5d41402abc4b2a76"
OUTBOX_MESSAGE_ID = "<status-check-20260310@mail.example>"
ACCOUNT = "work"
FOLDER = "INBOX"
SEEN_MESSAGE_IDS = ("<invite-1@acme.example>", "<reply-2@acme.example>")
QUARANTINE_MESSAGE_ID = "<broken-3@acme.example>"
REVIEW_MESSAGE_ID = "<maybe-4@recruiting.example>"
PROFILE_KEY = "profile.name"
ALERT_SOURCE = "greenhouse:acme"
ALERT_KEY = "greenhouse:acme#4011"
ALERT_PERIOD = "daily:2026-03-09"
ALERT_DELIVERY_KEY = "alerts.delivery"
ALERT_DELIVERY = json.dumps({"frequency": "weekly", "hour": 7, "tz": "UTC", "per_company": 2})
DUE_ACTION = OUTBOX_ACTION

OUTBOX_STATE = "retry"  # sent once, refused for now (421), its sender's lease expired
OUTBOX_LEASE_EXPIRED = FIXED_NOW - timedelta(minutes=10)
NEXT_DUE = FIXED_NOW + timedelta(days=4)
REMINDER_SENT = ReminderKey(date(2026, 3, 10), "phone")  # the day's reminder, sent
REMINDER_SENDING = ReminderKey(date(2026, 3, 10), "email")  # being sent (leased)
REMINDER_LEASE = timedelta(minutes=2)


@dataclass(frozen=True, slots=True)
class Search:
    """What SearchBuilder wrote for one owner: its row ids and public ids."""

    owner_id: int
    company: str
    candidate: str
    app_id: int
    app_public_id: str
    dana_id: int
    dana_public_id: str
    lee_id: int
    interview_id: int
    interview_public_id: str
    touch_id: int
    outbox_id: int
    outbox_public_id: str
    review_id: int
    review_public_id: str
    quarantine_id: int
    uidvalidity: int
    alert_search_id: int = 0
    alert_token: str = ""
    alert_postings: tuple[int, int, int] = (0, 0, 0)  # delivered, waiting, a duplicate
    alert_digest_id: int = 0

    @property
    def person_ids(self) -> tuple[int, int]:
        return (self.dana_id, self.lee_id)


def owned_rows(uow: Any) -> dict[str, list[dict[str, Any]]]:
    """Every row the unit of work's owner has, by table, in primary-key order."""
    return {
        table.name: [
            dict(r)
            for r in uow.scope.execute(
                uow.scope.select(table).order_by(*table.primary_key.columns)
            ).mappings()
        ]
        for table in owned_tables()
    }


def ask_about_a_reply(
    sync: Any,
    message_id: str,
    uid: int,
    reason: str,
    candidates: list[int],
    *,
    now: datetime = FIXED_NOW,
    sender: str = "jobs@recruiting.example",
    raw: bytes | None = None,
) -> None:
    """A review item in INBOX of ACCOUNT: a reply "Your application" from `sender` (with
    its message `raw` kept, as for one handed in as a file)."""
    sync.add_review(
        ACCOUNT,
        FoundAt(FOLDER, uid, message_id),
        sender=sender,
        subject="Your application",
        kind="reply",
        reason=reason,
        candidates=candidates,
        now=now,
        raw=raw,
    )


def settings_for(candidate: str) -> dict[str, str]:
    """The settings SearchBuilder stores for a candidate: profile keys and a preference."""
    return {
        PROFILE_KEY: candidate,
        "profile.signoff": f"Best,\n{candidate}",
        "drafts.ai": "off",
        ALERT_DELIVERY_KEY: ALERT_DELIVERY,
    }


def outbox_values(
    *,
    key: str = OUTBOX_KEY,
    app_id: int | None = None,
    person_id: int | None = None,
    state: str = OUTBOX_STATE,
    claimed_until: datetime | None = OUTBOX_LEASE_EXPIRED,
    live: bool = True,
    sender: str = "alex@mail.example",
) -> dict[str, Any]:
    """Every NOT NULL column of mail_outbox (and the usual nullable ones) for one message of
    OUTBOX_ACTION; `live`: it may still go out, so it holds the action's one live slot."""
    message = (
        f"From: {sender}\r\nTo: {DANA_EMAIL}\r\nMessage-ID: {OUTBOX_MESSAGE_ID}\r\n"
        "Subject: Checking in\r\n\r\nHi Dana, any news on the Data Engineer role?\r\n"
    ).encode()
    return {
        "key": key,
        "account": ACCOUNT,
        "action_id": OUTBOX_ACTION,
        "app_id": app_id,
        "person_id": person_id,
        "mode": "send",
        "state": state,
        "message": message,
        "message_id": OUTBOX_MESSAGE_ID,
        "mail_from": sender,
        "rcpt_tos": json.dumps([DANA_EMAIL]),
        "send_after": FIXED_NOW - timedelta(hours=1),
        "claimed_until": claimed_until,
        "attempts": 1,
        "last_error": "421 4.7.0 try again later",
        "created_at": FIXED_NOW - timedelta(hours=2),
        "updated_at": FIXED_NOW - timedelta(minutes=15),
        "sent_at": None,
        "copy_state": "none",
        "recorded": False,
        "force_reason": None,
        "touch_kind": TouchKind.STATUS_CHECK.value,
        "live_action_id": OUTBOX_ACTION if live else None,
    }


class SearchBuilder:
    """Fills one owner's search in `store` (the owner `store` was opened for)."""

    def __init__(
        self,
        store: Store,
        *,
        company: str = "Acme",
        candidate: str = "Alex Doe",
        uidvalidity: int = 1111,
    ) -> None:
        self.store = store
        self.company = company
        self.candidate = candidate
        self.uidvalidity = uidvalidity

    def build(self) -> Search:
        with self.store.uow() as uow:
            return self._fill(uow)

    def _fill(self, uow: UnitOfWork) -> Search:
        app = uow.applications.add(
            self.company,
            "Data Engineer",
            created_at=(FIXED_NOW - timedelta(days=20)).astimezone(BERLIN),
            country="US",
            tz="America/New_York",
            company_domain="acme.example",
            notes=f"{self.company}: referred by a former colleague",
        )
        dana = uow.people.add(
            app.id,
            "Dana Chen",
            email=DANA_EMAIL,
            role=PersonRole.HIRING_MANAGER,
            connection=True,
            tz="America/New_York",
            title="Engineering Manager",
        )
        lee = uow.people.add(app.id, "Lee Park", email=LEE_EMAIL, role=PersonRole.RECRUITER)
        start = datetime(2026, 3, 5, 10, 0, tzinfo=NEW_YORK)
        interview = uow.interviews.add(
            app.id,
            start,
            InterviewKind.PANEL,
            end=start + timedelta(hours=2),
            person_ids=[dana.id, lee.id],
            notes={dana.id: "asked about the data platform rewrite", lee.id: "start in May"},
            decision_by=date(2026, 3, 20),
            video_link="https://meet.example/panel",
            ical_uid=ICAL_UID,
            ical_sequence=1,
        )
        touch = uow.touches.add(
            app.id,
            datetime(2026, 3, 5, 18, 30, tzinfo=NEW_YORK),
            Channel.EMAIL,
            Direction.OUT,
            kind=TouchKind.THANK_YOU,
            person_id=dana.id,
            action_id=TOUCH_ACTION,
            message_id=TOUCH_MESSAGE_ID,
            summary="thanked Dana for the panel",
        )
        uow.skips.add(app.id, SKIP_ACTION, FIXED_NOW - timedelta(days=4), "thanked Lee by phone")
        for key, value in settings_for(self.candidate).items():
            uow.settings.set(key, value)
        outbox_id = uow.outbox.insert(outbox_values(app_id=app.id, person_id=dana.id))
        sync = uow.sync_state
        sync.save_folder(ACCOUNT, FOLDER, FolderRow(self.uidvalidity, 42, 43, 9001), FIXED_NOW)
        sync.remember(
            ACCOUNT,
            FOLDER,
            fresh=[
                {
                    "uidvalidity": self.uidvalidity,
                    "uid": 40 + n,
                    "message_id": message_id,
                    "outcome": "touch",
                    "seen_at": FIXED_NOW - timedelta(hours=3),
                }
                for n, message_id in enumerate(SEEN_MESSAGE_IDS, start=1)
            ],
            known=[],
        )
        broken = FoundAt(FOLDER, 44, QUARANTINE_MESSAGE_ID)
        reason = "could not parse the MIME structure"
        sync.quarantine(ACCOUNT, broken, reason=reason, now=FIXED_NOW - timedelta(hours=3))
        reason = "two applications match the sender"
        asked = FIXED_NOW - timedelta(hours=3)
        # kept as for a message handed in as a file: its bytes are the owner's too
        raw = f"Message-ID: {REVIEW_MESSAGE_ID}\r\nSubject: Your application\r\n\r\nHi\r\n"
        ask_about_a_reply(
            sync, REVIEW_MESSAGE_ID, 45, reason, [app.id], now=asked, raw=raw.encode()
        )
        (quarantined,) = sync.quarantined(ACCOUNT)
        (review,) = sync.reviews(ACCOUNT)
        uow.schedule.set(app.id, NEXT_DUE, DUE_ACTION, FIXED_NOW)
        alerts = self._fill_alerts(uow)
        uow.questions.add(interview.id, f"What would {self.candidate} work on first?")
        for key in (REMINDER_SENT, REMINDER_SENDING):
            title = f"reminder for {self.candidate}"
            lease = REMINDER_LEASE
            uow.reminders.claim(key, title, now=FIXED_NOW, lease=lease, max_attempts=5)
        uow.reminders.mark(REMINDER_SENT, "sent", FIXED_NOW)
        return Search(
            **alerts,
            owner_id=uow.owner_id,
            company=self.company,
            candidate=self.candidate,
            app_id=app.id,
            app_public_id=uow.applications.public_id(app.id),
            dana_id=dana.id,
            dana_public_id=_public_id(uow, people, dana.id),
            lee_id=lee.id,
            interview_id=interview.id,
            interview_public_id=_public_id(uow, interviews, interview.id),
            touch_id=touch.id,
            outbox_id=outbox_id,
            outbox_public_id=_public_id(uow, mail_outbox, outbox_id),
            review_id=review.id,
            review_public_id=_public_id(uow, mail_review, review.id),
            quarantine_id=quarantined.id,
            uidvalidity=self.uidvalidity,
        )

    def _fill_alerts(self, uow: UnitOfWork) -> dict[str, Any]:
        """A source, a saved search, three postings (one carried by a digest, one waiting,
        one a duplicate of the first) under the same natural keys in every search."""
        seen = FIXED_NOW - timedelta(days=1)
        uow.alerts.add_source(ALERT_SOURCE, seen)
        # unique across owners (one-click unsubscribe finds the search by it alone)
        token = f"unsubscribe-{self.candidate}-{self.company}".replace(" ", "-")
        search_id = uow.alerts.add_search(
            {
                "name": "Data",
                "query": "data engineer",
                "filters": "{}",
                "paused": False,
                "unsubscribe_token": token,
                "created_at": seen,
            }
        )
        postings = []
        for n, key in enumerate([ALERT_KEY, "remoteok#90211", "lever:talentbridge#5d0c"]):
            postings.append(
                uow.alerts.add_posting(
                    {
                        "key": key,
                        "url_key": f"jobs.example/{n}",
                        "title_key": f"{self.company.lower()}|data engineer {n}",
                        "data": posting_to_json(
                            Posting(key, str(n), "Data Engineer", self.company, f"https://j/{n}")
                        ),
                        "signature": None,
                        "at": seen,
                        "seen_at": seen,
                        "duplicate_of": ALERT_KEY if n == 2 else None,
                    }
                )
            )
        uow.alerts.add_matches(
            [
                {"search_id": search_id, "posting_id": p, "reasons": "data", "matched_at": seen}
                for p in postings[:2]
            ]
        )
        digest = uow.alerts.add_digest(
            {"period": ALERT_PERIOD, "items": 1, "outbox_key": None, "created_at": seen},
            postings[:1],
        )
        return {
            "alert_search_id": search_id,
            "alert_token": token,
            "alert_postings": tuple(postings),
            "alert_digest_id": digest,
        }


def _public_id(uow: UnitOfWork, table: Any, row_id: int) -> str:
    found = uow.scope.execute(
        uow.scope.select(table, table.c.public_id).where(table.c.id == row_id)
    ).scalar_one()
    return str(found)


class TwoOwners(NamedTuple):
    store_a: Store
    store_b: Store
    a: Search
    b: Search | None  # None: B has no data


def build_two_owners(url: str, *, twin: bool) -> TwoOwners:
    """A new database at `url` filled by SearchBuilder: A (owner 1), then owner B, empty
    or holding a twin of A's search."""
    store_a = open_store(url)
    assert store_a.owner_id == LOCAL_OWNER_ID
    a = SearchBuilder(store_a).build()
    owner_b = create_owner(store_a.engine, "B", FIXED_NOW)
    assert owner_b.id != store_a.owner_id
    store_b = store_a.as_owner(owner_b.id)
    b = None
    if twin:
        b = SearchBuilder(store_b, company="Globex", candidate="Sam Roe", uidvalidity=2222).build()
    return TwoOwners(store_a, store_b, a, b)
