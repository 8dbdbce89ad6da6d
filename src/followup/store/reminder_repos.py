"""The reminders' rows: claimed once per (owner, day, target, kind, subject), then marked.

`claim` runs in its own short writer transaction (the caller's unit of work), so the claim
is committed before anything is sent; `mark_sent` / `mark_failed` run in another one after.
A conditional UPDATE decides who got the row ("0 rows updated": someone else did).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any

from sqlalchemy import func

from followup.store import queries
from followup.store.checks import check_text
from followup.store.mail_tables import as_utc
from followup.store.reminder_tables import interview_questions, reminder_sends
from followup.store.repositories import Repository

CLAIMABLE = ("pending", "retry")


@dataclass(frozen=True, slots=True)
class ReminderKey:
    day: date
    target: str
    kind: str = "daily"
    subject_key: str = ""


@dataclass(frozen=True, slots=True)
class ReminderRow:
    key: ReminderKey
    state: str
    attempts: int
    last_error: str
    title: str
    sent_at: datetime | None


def _where(key: ReminderKey) -> list[Any]:
    c = reminder_sends.c
    return [
        c.day == key.day,
        c.target == key.target,
        c.kind == key.kind,
        c.subject_key == key.subject_key,
    ]


def _row(m: Any) -> ReminderRow:
    return ReminderRow(
        ReminderKey(m["day"], m["target"], m["kind"], m["subject_key"]),
        m["state"],
        m["attempts"],
        m["last_error"],
        m["title"],
        as_utc(m["sent_at"]),
    )


class Reminders(Repository):
    """One owner's reminder rows."""

    def get(self, key: ReminderKey) -> ReminderRow | None:
        found = (
            self.scope.execute(self.scope.select(reminder_sends).where(*_where(key)))
            .mappings()
            .first()
        )
        return None if found is None else _row(found)

    def claim(
        self,
        key: ReminderKey,
        title: str,
        *,
        now: datetime,
        lease: timedelta,
        max_attempts: int,
        also: tuple[str, ...] = (),
    ) -> bool:
        """Take the row for sending (made pending first if new). False: sent, being sent,
        unsure, given up, or claimed by another process a moment ago."""
        values = {
            "day": key.day,
            "target": key.target,
            "kind": key.kind,
            "subject_key": key.subject_key,
            "state": "pending",
            "attempts": 0,
            "last_error": "",
            "title": title,
            "created_at": now,
            "updated_at": now,
        }
        if self.get(key) is None:
            self._insert_ignoring_conflict(values)
        result = self.scope.execute(
            self.scope.update(reminder_sends)
            .where(
                *_where(key),
                reminder_sends.c.state.in_((*CLAIMABLE, *also)),
                reminder_sends.c.attempts < max_attempts,
            )
            .values(
                state="sending",
                attempts=reminder_sends.c.attempts + 1,
                claimed_until=as_utc(now + lease),
                title=title,
                updated_at=as_utc(now),
            )
        )
        return bool(result.rowcount == 1)

    def _insert_ignoring_conflict(self, values: dict[str, Any]) -> None:
        row = self.scope.owned(reminder_sends, values)
        if self.scope.dialect == "postgresql":
            from sqlalchemy.dialects.postgresql import insert as dialect_insert
        else:
            from sqlalchemy.dialects.sqlite import insert as dialect_insert  # type: ignore[assignment]
        self.scope.execute(dialect_insert(reminder_sends).values(row).on_conflict_do_nothing())

    def mark(self, key: ReminderKey, state: str, now: datetime, error: str = "") -> None:
        """Settle a claimed row: sent, retry (with the error) or failed."""
        self.scope.execute(
            self.scope.update(reminder_sends)
            .where(*_where(key), reminder_sends.c.state == "sending")
            .values(
                state=state,
                claimed_until=None,
                last_error=error,
                updated_at=as_utc(now),
                sent_at=as_utc(now) if state == "sent" else None,
            )
        )

    def expire(self, now: datetime) -> int:
        """`sending` rows whose sender's lease ran out (it crashed) become `unknown`."""
        result = self.scope.execute(
            self.scope.update(reminder_sends)
            .where(
                reminder_sends.c.state == "sending",
                reminder_sends.c.claimed_until <= as_utc(now),
            )
            .values(state="unknown", claimed_until=None, updated_at=as_utc(now))
        )
        return int(result.rowcount)

    def rows(self, since: date | None = None) -> list[ReminderRow]:
        query = self.scope.select(reminder_sends).order_by(
            reminder_sends.c.day, reminder_sends.c.kind, reminder_sends.c.target
        )
        if since is not None:
            query = query.where(reminder_sends.c.day >= since)
        return [_row(m) for m in self.scope.execute(query).mappings()]


class Questions(Repository):
    """The questions the user saved for their interviews."""

    def add(self, interview_id: int, text: str) -> int:
        check_text(text, "question")
        queries.interview_row(self.scope, interview_id)  # NotFoundError for another owner's
        last = self.scope.execute(
            self.scope.select(interview_questions, func.max(interview_questions.c.position)).where(
                interview_questions.c.interview_id == interview_id
            )
        ).scalar_one_or_none()
        return self.scope.insert(
            interview_questions,
            {"interview_id": interview_id, "position": (last or 0) + 1, "text": text},
        )

    def of(self, interview_id: int) -> list[str]:
        query = (
            self.scope.select(interview_questions, interview_questions.c.text)
            .where(interview_questions.c.interview_id == interview_id)
            .order_by(interview_questions.c.position)
        )
        return [str(t) for t in self.scope.execute(query).scalars()]
