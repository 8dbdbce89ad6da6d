"""References of a reply: the thread with the same person, oldest first, up to the answer."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from followup.app.mail.sending import thread_of as _thread
from followup.domain.model import Application, Channel, Direction, History, Touch

T0 = datetime(2026, 3, 3, 15, tzinfo=UTC)


def _touch(n: int, person: int, message_id: str | None, direction: Direction) -> Touch:
    return Touch(
        id=n,
        app_id=1,
        at=T0 + timedelta(days=n),
        channel=Channel.EMAIL,
        direction=direction,
        person_id=person,
        message_id=message_id,
    )


def test_references_follow_the_thread_with_that_person() -> None:
    history = History(
        application=Application(id=1, company="Acme", role="Engineer", created_at=T0),
        touches=(
            _touch(3, 1, "<reply@acme.com>", Direction.IN),
            _touch(1, 1, "<thanks@me>", Direction.OUT),
            _touch(2, 2, "<other-person@me>", Direction.OUT),
            _touch(4, 1, None, Direction.OUT),  # a call: no message
            _touch(5, 1, "<later@acme.com>", Direction.IN),
        ),
    )
    assert _thread(history, "<reply@acme.com>") == ("<thanks@me>", "<reply@acme.com>")
    assert _thread(history, "<unknown@x>") == ()
    assert _thread(history, None) == ()
