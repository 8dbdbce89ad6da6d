"""Idempotent mail writes, through the use cases, on SQLite and PostgreSQL: the same invitation
applied twice (a double submit, or two processes at once) adds one interview and one set of
people; the same action sent twice queues one outbox message, and the real SMTP server
(aiosmtpd delivering into Dovecot) receives it once."""

from __future__ import annotations

import sys
import threading
from collections.abc import Callable, Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import TypeVar
from zoneinfo import ZoneInfo

import pytest

from followup.app.clock import FixedClock
from followup.app.context import Context
from followup.app.mail.files import InvitationFile, import_invitation
from followup.app.root import build_context
from followup.config import load_settings
from followup.errors import UserError
from followup.mail.reading.invite_changes import ChangeKind

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "mail"))
from outbox_rounds import add_interview_yesterday, add_mail_account, save_profile
from servers import Dovecot, SmtpServer

T = TypeVar("T")
FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "mail"
INVITE_UID = "5k2q8v1n3m7p0r4t6w9y1b3d5f@google.com"
ME = "alice.candidate@gmail.com"
NEW_YORK = ZoneInfo("America/New_York")
NOW = datetime(2026, 3, 11, 15, 0, tzinfo=UTC)  # Wednesday 11:00 in New York


def context_for(home: Path, url: str) -> Context:
    settings = load_settings(
        {
            "FOLLOWUP_HOME": str(home),
            "FOLLOWUP_DATABASE_URL": url,
            "FOLLOWUP_USER_TZ": "America/New_York",
            "FOLLOWUP_USER_COUNTRY": "US",
        }
    )
    return build_context(settings, clock=FixedClock(NOW))


@pytest.fixture
def contexts(tmp_path: Path, database_url: str) -> Iterator[tuple[Context, Context]]:
    """Two contexts over one database, each with its own connections: two processes."""
    first, second = (context_for(tmp_path / "home", database_url) for _ in range(2))
    for ctx in (first, second):
        ctx.store()  # opened here: a thread then reads through it (sqlite3 objects stay put)
    yield first, second
    first.close()
    second.close()


def at_once(*calls: Callable[[], T]) -> list[T | BaseException]:
    """Run the calls in threads released together; each one's result or exception."""
    barrier = threading.Barrier(len(calls))
    results: list[T | BaseException] = [RuntimeError("did not finish")] * len(calls)

    def run(index: int, call: Callable[[], T]) -> None:
        barrier.wait()
        try:
            results[index] = call()
        except BaseException as exc:
            results[index] = exc

    threads = [threading.Thread(target=run, args=(i, c)) for i, c in enumerate(calls)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    return results


# ---- invitations ------------------------------------------------------------------------


def _acme(ctx: Context) -> int:
    with ctx.uow() as uow:
        app = uow.applications.add(
            "Acme",
            "Senior Backend Engineer",
            created_at=NOW - timedelta(days=10),
            company_domain="acme.com",
        )
        uow.people.add(app.id, "Dana Reyes", email="dana.reyes@acme.com")
    return app.id


def _invitation() -> InvitationFile:
    return InvitationFile((FIXTURES / "google_invite.eml").read_bytes(), user_addresses=(ME,))


def _interviews_and_people(ctx: Context, app_id: int) -> tuple[int, list[str]]:
    with ctx.uow(write=False) as uow:
        history = uow.histories.get(app_id)
    return len(history.interviews), sorted(str(p.email) for p in history.people)


PEOPLE = ["dana.reyes@acme.com", "morgan.blake@acme.com", "sam.lee@acme.com"]


def test_the_same_invitation_submitted_twice_adds_one_interview(
    contexts: tuple[Context, Context],
) -> None:
    ctx, _ = contexts
    app_id = _acme(ctx)
    (first,) = import_invitation(ctx, _invitation())
    (second,) = import_invitation(ctx, _invitation())
    assert (first.change, second.change) == (ChangeKind.ADD, ChangeKind.IGNORE)
    assert second.interview_id == first.interview_id
    assert _interviews_and_people(ctx, app_id) == (1, PEOPLE)
    with ctx.uow(write=False) as uow:
        interview = uow.interviews.by_ical_uid(INVITE_UID)
        assert interview is not None and len(interview.person_ids) == 3


def test_the_same_invitation_from_two_processes_at_once_adds_one_interview(
    contexts: tuple[Context, Context],
) -> None:
    first, second = contexts
    app_id = _acme(first)
    results = at_once(
        lambda: import_invitation(first, _invitation()),
        lambda: import_invitation(second, _invitation()),
    )
    changes = sorted(r[0].change for r in results if isinstance(r, list))
    assert changes == [ChangeKind.ADD, ChangeKind.IGNORE], results
    assert _interviews_and_people(first, app_id) == (1, PEOPLE)


# ---- sending ----------------------------------------------------------------------------


@pytest.mark.mail
def test_the_same_action_sent_twice_queues_one_message_that_arrives_once(
    contexts: tuple[Context, Context],
    servers: tuple[Dovecot, SmtpServer],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from followup.app.mail.access import access_of
    from followup.app.mail.sending import (
        SendRequest,
        list_outbox,
        queue_action,
        run_outbox,
        send_action,
    )

    first, second = contexts
    dovecot, smtp = servers
    sam, dana = dovecot.add_user(), dovecot.add_user()
    monkeypatch.setenv("FOLLOWUP_MAIL_PASSWORD_DEFAULT", sam.password)
    add_mail_account(first, dovecot, smtp, sam)
    save_profile(first)
    action_id = add_interview_yesterday(first, dana, "Acme")
    request = SendRequest(action_id, at_once=True)

    # Two processes submit the same send at the same moment, then the user submits again.
    results = at_once(
        lambda: queue_action(first, access_of(first), request),
        lambda: queue_action(second, access_of(second), request),
    )
    again = queue_action(first, access_of(first), request)
    ids = {getattr(r, "id", r) for r in [*results, again]}
    assert len(ids) == 1 and isinstance(again.id, int), results
    assert [r.id for r in list_outbox(first)] == [again.id]

    (row,) = run_outbox(first)
    assert (row.state, row.recorded) == ("sent", True)
    run_outbox(second)  # another run finds nothing left to send
    assert len(dovecot.messages(dana)) == 1
    assert len(dovecot.messages(sam, "Sent")) == 1

    # Sent and recorded: the action is done, a third submit is refused and sends nothing.
    with pytest.raises(UserError) as refused:
        send_action(second, request)
    assert refused.value.code == "action.not-planned"
    assert [r.id for r in list_outbox(second)] == [again.id]
    assert len(dovecot.messages(dana)) == 1
    with first.uow(write=False) as uow:
        touches = uow.touches.by_message_id(row.message_id)
    assert touches is not None and touches.action_id == action_id
