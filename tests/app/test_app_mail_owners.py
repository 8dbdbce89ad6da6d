"""Two owners in one database, each with a mail account of the same name: owner B's outbox,
review queue, quarantine, held messages and sync state never show A's, and B can't settle
A's outbox message or review item by its number (it is "not found" for B)."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from dataclasses import replace
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
from builder import ACCOUNT, FIXED_NOW, FOLDER, SEEN_MESSAGE_IDS, outbox_values

from followup.app.clock import FixedClock
from followup.app.context import Context
from followup.app.root import build_context
from followup.config import load_settings
from followup.errors import UserError
from followup.mail.accounts.account import Account, Security, ServerSettings, save_account
from followup.mail.outbox import held_messages
from followup.mail.sync import state as sync_state
from followup.store.owners import create_owner
from followup.store.store import Store

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "mail"))
from servers import Dovecot, MailUser, SmtpServer

SERVER = ServerSettings("127.0.0.1", 1, Security.NONE, "alex")


def context_for(home: Path, url: str, owner_id: int) -> Context:
    settings = load_settings(
        {"FOLLOWUP_HOME": str(home), "FOLLOWUP_DATABASE_URL": url, "FOLLOWUP_USER_TZ": "UTC"}
    )
    return build_context(settings, owner_id=owner_id, clock=FixedClock(FIXED_NOW))


def _save_account(store: Store, account: Account) -> None:
    with store.uow() as uow:
        save_account(uow.settings, account)


@pytest.fixture
def owners(
    two_owners: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> Iterator[tuple[Any, Context, Context]]:
    """A's and B's contexts; each owner has the account the builder's rows name, and its
    secret (environment variables are per account name, whatever the owner)."""
    for store, address in (
        (two_owners.store_a, "alex@a.example"),
        (two_owners.store_b, "b@b.example"),
    ):
        _save_account(store, Account(address=address, imap=SERVER, smtp=SERVER, name=ACCOUNT))
    monkeypatch.setenv("FOLLOWUP_MAIL_PASSWORD_WORK", "unused")
    url = two_owners.store_a.url
    ctx_a = context_for(tmp_path / "home", url, two_owners.store_a.owner_id)
    ctx_b = context_for(tmp_path / "home", url, two_owners.store_b.owner_id)
    yield two_owners, ctx_a, ctx_b
    ctx_a.close()
    ctx_b.close()


def test_b_lists_none_of_a_s_outbox_reviews_or_quarantine(
    owners: tuple[Any, Context, Context],
) -> None:
    from followup.app.mail.sending import list_outbox
    from followup.app.mail.syncing import quarantined, reviews

    two, ctx_a, ctx_b = owners
    a, b = two.a, two.b
    assert [r.id for r in list_outbox(ctx_a, ACCOUNT)] == [a.outbox_id]
    assert [i.id for i in reviews(ctx_a, ACCOUNT)] == [a.review_id]
    assert [i.id for i in quarantined(ctx_a, ACCOUNT)] == [a.quarantine_id]
    assert [r.id for r in list_outbox(ctx_b, ACCOUNT)] == ([b.outbox_id] if b else [])
    assert [i.id for i in reviews(ctx_b, ACCOUNT)] == ([b.review_id] if b else [])
    assert [i.id for i in quarantined(ctx_b, ACCOUNT)] == ([b.quarantine_id] if b else [])


def test_b_sees_none_of_a_s_held_messages_or_sync_state(
    owners: tuple[Any, Context, Context],
) -> None:
    two, _, _ = owners
    with two.store_a.uow() as uow:
        failed = uow.outbox.insert(
            outbox_values(key="a-only.failed", app_id=two.a.app_id, state="failed", live=False)
        )
    assert [r.id for r in held_messages(two.store_a)] == [failed]
    assert held_messages(two.store_b) == []
    saved_a = sync_state.load(two.store_a, ACCOUNT, FOLDER)
    saved_b = sync_state.load(two.store_b, ACCOUNT, FOLDER)
    assert saved_a is not None and saved_a.uidvalidity == two.a.uidvalidity
    assert saved_b == (None if two.b is None else replace(saved_a, uidvalidity=two.b.uidvalidity))
    assert sync_state.folder_names(two.store_b, ACCOUNT) == ([FOLDER] if two.b else [])
    known_b = sync_state.known_ids(two.store_b, ACCOUNT, FOLDER, list(SEEN_MESSAGE_IDS))
    assert known_b == (set(SEEN_MESSAGE_IDS) if two.b else set())
    # Forgetting B's folder leaves A's.
    sync_state.reset_folder(two.store_b, ACCOUNT, FOLDER)
    assert sync_state.load(two.store_a, ACCOUNT, FOLDER) == saved_a


def test_b_cannot_settle_a_s_outbox_message_by_its_number(
    owners: tuple[Any, Context, Context],
) -> None:
    from followup.app.mail.sending import (
        Confirmation,
        OutboxMessage,
        cancel_message,
        confirm_message,
        list_outbox,
        retry_message,
    )

    two, ctx_a, ctx_b = owners
    a_row = two.a.outbox_id
    attempts = (
        lambda: confirm_message(ctx_b, Confirmation(a_row, True, ACCOUNT)),
        lambda: confirm_message(ctx_b, Confirmation(a_row, False, ACCOUNT)),
        lambda: retry_message(ctx_b, OutboxMessage(a_row, ACCOUNT)),
        lambda: cancel_message(ctx_b, OutboxMessage(a_row, ACCOUNT)),
    )
    for attempt in attempts:
        with pytest.raises(UserError) as refused:
            attempt()
        assert refused.value.code == "outbox.not-found"
        assert refused.value.params == {"id": a_row, "account": ACCOUNT}
    (mine,) = list_outbox(ctx_a, ACCOUNT)
    assert (mine.id, mine.state, mine.attempts) == (a_row, "retry", 1)  # untouched
    # A can: the refusal was about whose it is, not about the message.
    assert cancel_message(ctx_a, OutboxMessage(a_row, ACCOUNT)).state == "cancelled"


def test_b_cannot_settle_a_s_review_item(owners: tuple[Any, Context, Context]) -> None:
    from followup.app.mail.syncing import ReviewAnswer, reviews, settle_review

    two, ctx_a, ctx_b = owners
    for app_id in (None, two.b.app_id if two.b else two.a.app_id):
        with pytest.raises(UserError) as refused:
            settle_review(ctx_b, ReviewAnswer(two.a.review_id, app_id, ACCOUNT))
        assert (refused.value.code, refused.value.params) == (
            "review.not-found",
            {"id": two.a.review_id},
        )
    assert [i.id for i in reviews(ctx_a, ACCOUNT)] == [two.a.review_id]
    assert settle_review(ctx_a, ReviewAnswer(two.a.review_id, None, ACCOUNT)) is None
    assert reviews(ctx_a, ACCOUNT) == []
    assert [i.id for i in reviews(ctx_b, ACCOUNT)] == ([two.b.review_id] if two.b else [])


def test_an_outbox_message_of_another_account_is_not_found_either(
    owners: tuple[Any, Context, Context],
) -> None:
    from followup.app.mail.sending import OutboxMessage, cancel_message

    two, ctx_a, _ = owners
    _save_account(
        two.store_a, Account(address="alex@a.example", imap=SERVER, smtp=SERVER, name="default")
    )
    with pytest.raises(UserError) as refused:
        cancel_message(ctx_a, OutboxMessage(two.a.outbox_id, "default"))
    assert refused.value.code == "outbox.not-found"


# ---- one mailbox, two owners: each owner's sync keeps its own state ----------------------


@pytest.mark.mail
def test_two_owners_syncing_one_mailbox_each_keep_their_own_state(
    servers: tuple[Dovecot, SmtpServer],
    tmp_path: Path,
    database_url: str,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from followup.app.mail.syncing import SyncRequest, sync_once

    dovecot, _ = servers
    user: MailUser = dovecot.add_user()
    for n in range(3):
        dovecot.deliver(
            user,
            (
                f"From: friend{n}@else.example\r\nTo: {user.address}\r\nSubject: hi {n}\r\n"
                f"Message-ID: <owners-{n}@else.example>\r\n\r\nhello\r\n"
            ).encode(),
        )
    monkeypatch.setenv("FOLLOWUP_MAIL_PASSWORD_DEFAULT", user.password)
    ctx_a = context_for(tmp_path / "home", database_url, 1)
    try:
        owner_b = create_owner(ctx_a.store().engine, "B", FIXED_NOW)
        ctx_b = context_for(tmp_path / "home", database_url, owner_b.id)
        server = ServerSettings("127.0.0.1", dovecot.port, Security.NONE, user.name)
        for ctx in (ctx_a, ctx_b):
            account = Account(address=user.address, imap=server, smtp=server)  # "default"
            _save_account(ctx.store(), account)
        assert sync_once(ctx_a, SyncRequest()).new == 3
        assert sync_once(ctx_b, SyncRequest()).new == 3  # A's messages seen are not B's
        assert sync_once(ctx_a, SyncRequest()).new == 0
        dovecot.deliver(
            user, b"From: x@else.example\r\nMessage-ID: <owners-9@else.example>\r\n\r\nx\r\n"
        )
        clock = FixedClock(FIXED_NOW + timedelta(minutes=5))
        assert sync_once(ctx_b.with_clock(clock), SyncRequest()).new == 1
        assert sync_once(ctx_a, SyncRequest()).new == 1
        ctx_b.close()
    finally:
        ctx_a.close()
