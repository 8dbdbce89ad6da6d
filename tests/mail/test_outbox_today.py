"""`followup today` puts the outbox messages that wait for the user first ("Needs your
attention"), each with the command that settles it; the messages are really held, by a real
SMTP server that dropped the connection or refused the message."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner, Result
from servers import SmtpServer

from followup.cli.main import cli
from followup.domain.model import PersonRole
from followup.mail.accounts.account import Account
from followup.mail.accounts.secrets import Secret
from followup.mail.outbox import Outbox, OutboxState, OutgoingMessage
from followup.mail.outbox import held_messages as held_rows
from followup.mail.outbox.held import held_from_outbox_row
from followup.store import open_store
from followup.store.fastread import FastReader

pytestmark = pytest.mark.mail

NOW = datetime(2026, 3, 12, 16, 0, tzinfo=UTC)
AS_OF = "2026-03-12T12:00"  # NOW in New York


@pytest.fixture
def store(followup_home: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Any]:
    """The store `followup today` reads: the default database of the data home."""
    monkeypatch.setenv("FOLLOWUP_USER_TZ", "America/New_York")
    monkeypatch.setenv("FOLLOWUP_USER_COUNTRY", "US")
    followup_home.mkdir(mode=0o700, parents=True, exist_ok=True)  # private, as followup keeps it
    opened = open_store()
    yield opened
    opened.close()


def today(*args: str) -> Result:
    result = CliRunner().invoke(cli, ["today", "--as-of", AS_OF, *args], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    return result


def _send(store: Any, account: Account, secret: Secret, subject: str, to: str) -> Any:
    app = store.add_application("Acme", "Data Engineer", created_at=NOW - timedelta(days=9))
    dana = store.add_person(app.id, "Dana Chen", email=to, role=PersonRole.INTERVIEWER)
    outbox = Outbox(store, account, lambda: secret)
    row = outbox.enqueue(
        OutgoingMessage(
            to=(to,),
            subject=subject,
            body="Dear Dana,\n\nThank you.\n\nSam",
            send_after=NOW,
            action_id=f"{app.id}-i1-thank-you-p{dana.id}",
            app_id=app.id,
            person_id=dana.id,
            kind="thank-you",
        ),
        NOW,
    )
    outbox.run(NOW)
    return outbox.get(row.id)


def test_held_messages_come_first_with_the_command_that_settles_them(
    store: Any, account: Account, secret: Secret, smtp_server: SmtpServer
) -> None:
    smtp_server.faults.drop_after_store = True  # kept by the server, the 250 never arrives
    unsure = _send(store, account, secret, "Thank you, Dana", "dana@acme.example")
    smtp_server.wait_idle()
    smtp_server.reset()
    smtp_server.faults.data_reply = "554 5.7.1 message refused"
    refused = _send(store, account, secret, "Thank you - Data Engineer", "lee@acme.example")
    assert (unsure.state, refused.state) == (
        OutboxState.NEEDS_CONFIRMATION,
        OutboxState.FAILED,
    )

    output = today().output
    assert output.startswith("Needs your attention (2):\n")
    attention, _, rest = output.partition("\n\n")
    assert rest.startswith("Today, ")
    assert f"outbox {unsure.id}: thank-you to dana@acme.example (Acme) - needs-confirmation" in (
        attention
    )
    assert "subject: Thank you, Dana" in attention
    assert f"it arrived:     followup outbox confirm {unsure.id} --sent" in attention
    assert f"it did not:     followup outbox confirm {unsure.id} --resend" in attention
    assert f"outbox {refused.id}: thank-you to lee@acme.example (Acme) - failed" in attention
    assert "problem: message refused: 554 5.7.1 message refused" in attention
    assert f"send it again:  followup outbox retry {refused.id}" in attention

    data = json.loads(today("--json").output)
    assert set(data) == {"as_of", "applications", "held_messages", "missed"}
    first, second = data["held_messages"]
    assert (first["id"], first["state"], first["company"]) == (
        unsure.id,
        "needs-confirmation",
        "Acme",
    )
    assert first["commands"] == [
        f"followup outbox confirm {unsure.id} --sent",
        f"followup outbox confirm {unsure.id} --resend",
    ]
    assert (first["to"], first["subject"], first["kind"]) == (
        ["dana@acme.example"],
        "Thank you, Dana",
        "thank-you",
    )
    assert (second["id"], second["state"]) == (refused.id, "failed")
    assert second["commands"] == [f"followup outbox retry {refused.id}"]
    assert "554" in second["problem"]


def test_the_fast_reader_and_the_store_see_the_same_held_messages(
    store: Any, account: Account, secret: Secret, smtp_server: SmtpServer
) -> None:
    smtp_server.faults.data_reply = "550 5.1.1 no such user"
    from followup.app.planning import held_messages
    from followup.app.root import build_context

    _send(store, account, secret, "Thank you", "nobody@acme.example")
    ctx = build_context()
    try:
        assert isinstance(ctx.reader(), FastReader)  # the path `followup today` takes
        fast = held_messages(ctx)
    finally:
        ctx.close()
    assert fast == [held_from_outbox_row(row) for row in held_rows(store)]
    assert [h.state for h in fast] == ["failed"]


def test_today_with_held_messages_still_starts_without_sqlalchemy(
    store: Any,
    account: Account,
    secret: Secret,
    smtp_server: SmtpServer,
    fresh_python: Callable[[str], str],
) -> None:
    smtp_server.faults.data_reply = "550 5.1.1 no such user"
    _send(store, account, secret, "Thank you", "nobody@acme.example")
    code = (
        "import sys; from followup.cli.main import cli; "
        f"code = cli.main(['today', '--as-of', '{AS_OF}'], standalone_mode=False); "
        "print(code, 'sqlalchemy' in sys.modules)"
    )
    output = fresh_python(code)
    assert output.startswith("Needs your attention (1):")
    assert output.strip().splitlines()[-1] == "0 False"


def test_no_held_message_no_section(
    store: Any, account: Account, secret: Secret, smtp_server: SmtpServer
) -> None:
    sent = _send(store, account, secret, "Thank you", "dana@acme.example")
    assert sent.state is OutboxState.SENT  # a message that went out waits for nobody
    output = today().output
    assert "Needs your attention" not in output and output.startswith("Today, ")
    data = json.loads(today("--json").output)
    assert data["held_messages"] == [] and "applications" in data
