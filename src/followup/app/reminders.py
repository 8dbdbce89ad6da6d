"""Reminders that find the user: the day's follow-ups and each interview's preparation, sent
at the user's hour in their zone to their own mailbox (through the outbox) and to their
notification targets (apprise URLs).

Never twice per (day, target, reminder): each send is a row claimed before it is sent, in a
committed transaction of its own, and marked after (followup.store.reminder_repos).

A crash between the send and the mark leaves the row `sending`; when its lease runs out it
becomes `unknown`. What then differs by target:
- a notification target: the reminder may have arrived, and a notification service can't be
  asked, so it is **never sent again** (a second copy is worse than a missing one); the run
  reports it as unsure. At most once.
- the mailbox: the send is a hand-over to the outbox, keyed by the reminder (one live
  message per key), and the outbox itself never sends twice (it checks Sent and INBOX for
  the message before sending again): the row is claimed again and the hand-over repeated,
  which finds the message already queued. Exactly once, as far as the outbox can tell.

A target that fails is marked `retry` and tried again by the next run (up to MAX_ATTEMPTS),
reported, and never stops the other targets.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import TYPE_CHECKING

from followup.app.errors import InputError
from followup.app.reminder_compose import (
    DAILY,
    Opener,
    Reminder,
    daily_items,
    daily_reminder,
    prep_kind_due,
    prep_reminder,
)
from followup.errors import UserError

if TYPE_CHECKING:
    from followup.app.context import Context
    from followup.notify.secrets import NotifySecrets
    from followup.store.reminder_repos import ReminderKey

EMAIL_TARGET = "email"
LEASE = timedelta(minutes=2)
MAX_ATTEMPTS = 5
HOUR_KEY, EMAIL_KEY, ACCOUNT_KEY, TARGETS_KEY = (
    "remind.hour",
    "remind.email",
    "remind.account",
    "remind.targets",
)
DEFAULT_HOUR = 8
_NAME_CHARS = frozenset("abcdefghijklmnopqrstuvwxyz0123456789-_")


@dataclass(frozen=True, slots=True)
class ReminderSettings:
    hour: int = DEFAULT_HOUR
    email: bool = False
    account: str = "default"
    targets: dict[str, str] = field(default_factory=dict)  # name -> service (never the URL)

    @property
    def target_names(self) -> list[str]:
        return [EMAIL_TARGET] * self.email + sorted(self.targets)


@dataclass(frozen=True, slots=True)
class ReminderSetup:
    hour: int | None = None
    email: bool | None = None
    account: str | None = None


@dataclass(frozen=True, slots=True)
class NewTarget:
    name: str
    url: str


@dataclass(frozen=True, slots=True)
class RemindRun:
    send: bool = False
    any_hour: bool = False  # send the day's reminder now, even before the user's hour


@dataclass(frozen=True, slots=True)
class Delivery:
    reminder: str  # the reminder's kind
    day: str
    target: str
    outcome: str  # sent | already | failed | retry | unsure | busy
    problem: str = ""


@dataclass(frozen=True, slots=True)
class RemindReport:
    as_of: datetime
    hour: int
    reminders: tuple[Reminder, ...]
    deliveries: tuple[Delivery, ...] = ()
    waiting: bool = False  # the day's reminder waits for the user's hour

    def record(self) -> dict[str, object]:
        return {
            "as_of": self.as_of.isoformat(),
            "hour": self.hour,
            "waiting_for_hour": self.waiting,
            "reminders": [
                {
                    "kind": r.kind,
                    "day": r.day.isoformat(),
                    "interview_id": int(r.subject_key) if r.subject_key else None,
                    "title": r.title,
                    "body": r.body,
                    "items": [vars_of(i) for i in r.items],
                }
                for r in self.reminders
            ],
            "deliveries": [vars_of(d) for d in self.deliveries],
        }


def vars_of(value: object) -> dict[str, object]:
    return {name: getattr(value, name) for name in value.__slots__}  # type: ignore[attr-defined]


# ---- settings ----------------------------------------------------------------------------


def reminder_settings(ctx: Context) -> ReminderSettings:
    stored = ctx.reader().settings()
    targets = json.loads(stored.get(TARGETS_KEY, "{}"))
    return ReminderSettings(
        hour=int(stored.get(HOUR_KEY, DEFAULT_HOUR)),
        email=stored.get(EMAIL_KEY) == "on",
        account=stored.get(ACCOUNT_KEY, "default"),
        targets=dict(targets),
    )


def set_reminders(ctx: Context, data: ReminderSetup) -> ReminderSettings:
    if data.hour is not None and not 0 <= data.hour <= 23:
        raise InputError(
            f"{data.hour} is not an hour of the day",
            code="remind.hour",
            params={"hour": data.hour},
        )
    with ctx.uow() as uow:
        if data.hour is not None:
            uow.settings.set(HOUR_KEY, str(data.hour))
        if data.email is not None:
            uow.settings.set(EMAIL_KEY, "on" if data.email else "off")
        if data.account is not None:
            uow.settings.set(ACCOUNT_KEY, data.account)
        mailbox = data.email or data.account is not None
        if mailbox and uow.settings.get(EMAIL_KEY) == "on":  # a mailbox needs its account
            from followup.mail.accounts.account import load_account

            load_account(uow.settings, uow.settings.get(ACCOUNT_KEY) or "default")
    return reminder_settings(ctx)


def notify_secrets(ctx: Context) -> NotifySecrets:
    from followup.app.context import LOCAL_OWNER_ID
    from followup.notify.secrets import NotifySecrets

    owner = "" if ctx.owner_id == LOCAL_OWNER_ID else f"owner-{ctx.owner_id}"
    return NotifySecrets(owner=owner, use_environment=ctx.local)


def check_target_name(name: str) -> str:
    if not name or len(name) > 40 or set(name) - _NAME_CHARS or name == EMAIL_TARGET:
        raise InputError(
            f"{name!r} can't name a notification target",
            code="remind.target-name",
            params={"name": name},
        )
    return name


def add_target(ctx: Context, data: NewTarget) -> str:
    """Check the URL, keep it with the secrets, and the target's name with the settings.
    Returns the service's name; nothing is kept when the URL is not an apprise URL."""
    from followup.notify.targets import scheme_of

    name = check_target_name(data.name)
    service = scheme_of(data.url, name)
    notify_secrets(ctx).put(name, data.url.strip())
    _save_targets(ctx, reminder_settings(ctx).targets | {name: service})
    return service


def remove_target(ctx: Context, name: str) -> None:
    targets = reminder_settings(ctx).targets
    if name not in targets:
        raise InputError(
            f"there is no notification target {name!r}",
            code="remind.no-target",
            params={"name": name},
        )
    targets.pop(name)
    _save_targets(ctx, targets)
    notify_secrets(ctx).delete(name)


def _save_targets(ctx: Context, targets: dict[str, str]) -> None:
    with ctx.uow() as uow:
        uow.settings.set(TARGETS_KEY, json.dumps(targets, sort_keys=True))


# ---- composing ---------------------------------------------------------------------------


def _compose(ctx: Context, opener: Opener, prefs: ReminderSettings) -> tuple[list[Reminder], bool]:
    """The reminders due now, and whether the day's one waits for the user's hour."""
    from followup.app.planning import today as todays_view

    now = ctx.now()
    view = todays_view(ctx)
    reminders = []
    waiting = now.hour < prefs.hour
    pairs = [(a, g.history) for g in view.groups for a in g.actions]
    if pairs and not waiting:
        reminders.append(daily_reminder(now.date(), daily_items(pairs, now), opener))
    with ctx.uow(write=False) as uow:
        for planned in view.planned:
            for interview in planned.history.interviews:
                kind = prep_kind_due(interview, now, ctx.zone, prefs.hour)
                if kind is not None:
                    questions = uow.questions.of(interview.id)
                    reminders.append(
                        prep_reminder(interview, planned.history, questions, kind, ctx.zone)
                    )
    return reminders, waiting


def run_reminders(ctx: Context, data: RemindRun, opener: Opener) -> RemindReport:
    """Compose what is due now; with `send`, deliver each reminder to each target once."""
    prefs = reminder_settings(ctx)
    if data.any_hour:
        prefs = ReminderSettings(0, prefs.email, prefs.account, prefs.targets)
    reminders, waiting = _compose(ctx, opener, prefs)
    report = RemindReport(ctx.now(), prefs.hour, tuple(reminders), waiting=waiting)
    if not data.send:
        return report
    deliveries = [d for r in reminders for d in _deliver(ctx, r, prefs)]
    deliveries += _unsure(ctx)
    return RemindReport(report.as_of, prefs.hour, report.reminders, tuple(deliveries), waiting)


def _key(reminder: Reminder, target: str) -> ReminderKey:
    from followup.store.reminder_repos import ReminderKey

    return ReminderKey(reminder.day, target, reminder.kind, reminder.subject_key)


def _deliver(ctx: Context, reminder: Reminder, prefs: ReminderSettings) -> list[Delivery]:
    done = []
    for target in prefs.target_names:
        key = _key(reminder, target)
        day = reminder.day.isoformat()
        now = ctx.now()
        with ctx.uow() as uow:
            uow.reminders.expire(now)
            claimable = ("unknown",) if target == EMAIL_TARGET else ()
            claimed = uow.reminders.claim(
                key,
                reminder.title,
                now=now,
                lease=LEASE,
                max_attempts=MAX_ATTEMPTS,
                also=claimable,
            )
            row = None if claimed else uow.reminders.get(key)
        if not claimed:
            outcome = "already" if row is not None and row.state == "sent" else "busy"
            done.append(
                Delivery(reminder.kind, day, target, outcome, row.last_error if row else "")
            )
            continue
        try:
            if target == EMAIL_TARGET:
                state = _hand_to_outbox(ctx, reminder, prefs.account)
            else:
                _notify(ctx, reminder, target)
                state = "sent"
            problem = ""
        except UserError as exc:
            state, problem = "retry", exc.problem
        except Exception as exc:  # any target's failure is its own: the others still go
            state, problem = "retry", _redacted(f"{type(exc).__name__}: {exc}")
        with ctx.uow() as uow:
            row = uow.reminders.get(key)
            attempts = row.attempts if row is not None else MAX_ATTEMPTS
            if state == "retry" and attempts >= MAX_ATTEMPTS:
                state = "failed"
            uow.reminders.mark(key, state, ctx.now(), problem)
        done.append(Delivery(reminder.kind, day, target, state, problem))
    return done


def _redacted(text: str) -> str:
    from followup.mail.accounts.secrets import RedactSecrets

    return RedactSecrets.redact(text)


def _notify(ctx: Context, reminder: Reminder, target: str) -> None:
    from followup.notify.targets import send_notification

    url = notify_secrets(ctx).get(target)
    send_notification(url, reminder.title, reminder.body, name=target)


def _hand_to_outbox(ctx: Context, reminder: Reminder, account: str) -> str:
    """Queue the reminder to the user's own address (once per reminder key) and run the
    outbox; the reminder row's state from the outbox row's."""
    from followup.app.mail.access import access_of, outbox_of
    from followup.mail.outbox.compose import OutgoingMessage
    from followup.mail.outbox.machine import OutboxError
    from followup.mail.outbox.states import OutboxState

    access = access_of(ctx, account)
    access.secret()
    outbox = outbox_of(ctx, access)
    now = ctx.now()
    action = f"reminder.{reminder.kind}.{reminder.day.isoformat()}.{reminder.subject_key}"
    message = OutgoingMessage(
        to=(access.account.address,),
        subject=reminder.title,
        body=reminder.body,
        send_after=now,
        action_id=action,
    )
    try:
        row_id = outbox.enqueue(message, now).id
    except OutboxError as exc:
        if exc.code != "outbox.action-queued":
            raise
        row_id = int(exc.params["id"])
    outbox.run(now)
    row = outbox.get(row_id)
    if row.state is OutboxState.SENT:
        return "sent"
    if row.state is OutboxState.FAILED:
        raise UserError(row.last_error or "the mail server refused it", code="notify.failed")
    if row.state in (OutboxState.PENDING, OutboxState.RETRY):
        raise UserError(row.last_error or "the outbox will try again", code="notify.failed")
    return "sent"  # unsure: the outbox holds it for the user (`today` lists it)


def _unsure(ctx: Context) -> list[Delivery]:
    """Rows of the last days that may not have arrived (a crash mid-send), to report."""
    since = ctx.now().date() - timedelta(days=2)
    with ctx.uow(write=False) as uow:
        rows = uow.reminders.rows(since)
    return [
        Delivery(r.key.kind, r.key.day.isoformat(), r.key.target, r.state, r.last_error)
        for r in rows
        if r.state in ("unknown", "failed")
    ]


def is_daily(reminder: Reminder) -> bool:
    return reminder.kind == DAILY


@dataclass(frozen=True, slots=True)
class QuestionInput:
    interview_id: int
    text: str


def save_question(ctx: Context, data: QuestionInput) -> list[str]:
    """Keep a question for an interview's preparation; every question of it, in order."""
    with ctx.uow() as uow:
        uow.questions.add(data.interview_id, data.text.strip())
        return uow.questions.of(data.interview_id)
