"""The incremental sync engine against a real Dovecot, with a recording handler."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

import pytest
from servers import Dovecot, MailUser

from followup.mail.accounts.account import Account
from followup.mail.accounts.secrets import Secret
from followup.mail.sync import state as sync_state
from followup.mail.sync.model import BadMessage, Envelope, FolderState
from followup.mail.sync.syncer import Syncer, content_types, message_id_of

pytestmark = pytest.mark.mail

NOW = datetime(2026, 3, 10, 9, 0, tzinfo=UTC)


def _mail(n: int, *, extra: str = "", message_id: bool = True) -> bytes:
    mid = f"Message-ID: <m{n}@acme.example>\r\n" if message_id else ""
    return (
        f"From: Dana Chen <dana@acme.example>\r\nTo: sam@example.test\r\n"
        f"Subject: Message {n}\r\n{mid}{extra}\r\nHello {n}\r\n"
    ).encode()


def _deliver(dovecot: Dovecot, user: MailUser, count: int) -> None:
    """Messages 0 to count - 1 into the user's INBOX, in order."""
    for n in range(count):
        dovecot.deliver(user, _mail(n))


@dataclass
class Recorder:
    bodies: bool = False
    seen: list[tuple[str, int, str, bool]] = field(default_factory=list)
    bad: set[str] = field(default_factory=set)
    after_each: list[object] = field(default_factory=list)

    def wants_body(self, envelope: Envelope) -> bool:
        return self.bodies or "text/calendar" in envelope.content_types

    def handle(self, envelope: Envelope, raw: bytes | None, now: datetime) -> str:
        self.seen.append((envelope.role, envelope.uid, envelope.message_id, raw is not None))
        for hook in self.after_each:
            hook()  # type: ignore[operator]
        if envelope.message_id in self.bad:
            raise BadMessage("broken on purpose")
        return "recorded"


def test_new_mail_once_then_a_cheap_no_change_sync(
    dovecot: Dovecot, mail_store: Any, account: Account, secret: Secret, mail_user: MailUser
) -> None:
    _deliver(dovecot, mail_user, 3)
    dovecot.deliver(mail_user, _mail(9), folder="Sent")
    handler = Recorder()
    syncer = Syncer(mail_store, account, secret, handler)
    report = syncer.sync(NOW)
    assert report.new == 4
    assert [(r, m) for r, _, m, _ in handler.seen] == [
        ("inbox", "<m0@acme.example>"),
        ("inbox", "<m1@acme.example>"),
        ("inbox", "<m2@acme.example>"),
        ("sent", "<m9@acme.example>"),
    ]
    assert not any(body for *_, body in handler.seen)  # headers only unless asked
    again = syncer.sync(NOW)
    assert again.new == 0
    assert [f.unchanged for f in again.folders] == [True, True]
    saved = sync_state.load(mail_store, account.name, "INBOX")
    assert saved is not None and saved.last_uid == 3 and saved.highestmodseq  # CONDSTORE
    dovecot.deliver(mail_user, _mail(3))
    third = syncer.sync(NOW)
    assert third.new == 1
    assert handler.seen[-1][2] == "<m3@acme.example>"


def test_progress_is_told_after_each_batch(
    dovecot: Dovecot, mail_store: Any, account: Account, secret: Secret, mail_user: MailUser
) -> None:
    _deliver(dovecot, mail_user, 5)
    syncer = Syncer(mail_store, account, secret, Recorder())
    syncer.batch = 2
    told: list[tuple[str, int, int]] = []
    syncer.on_progress = lambda folder, done, total: told.append((folder, done, total))
    syncer.sync(NOW)
    assert told == [("INBOX", 2, 5), ("INBOX", 4, 5), ("INBOX", 5, 5)]
    told.clear()
    syncer.sync(NOW)
    assert told == []  # nothing new: nothing to tell


def test_sync_never_marks_mail_read(
    dovecot: Dovecot, mail_store: Any, account: Account, secret: Secret, mail_user: MailUser
) -> None:
    dovecot.deliver(mail_user, _mail(1))
    handler = Recorder(bodies=True)
    Syncer(mail_store, account, secret, handler).sync(NOW)
    assert handler.seen[0][3] is True  # the whole message was read...
    flags = dovecot.flags(mail_user)
    assert all(b"\\Seen" not in f for f in flags)  # ...and is still unread


def test_uidvalidity_change_recognises_messages_by_message_id(
    dovecot: Dovecot, mail_store: Any, account: Account, secret: Secret, mail_user: MailUser
) -> None:
    _deliver(dovecot, mail_user, 3)
    handler = Recorder()
    syncer = Syncer(mail_store, account, secret, handler)
    syncer.sync(NOW)
    dovecot.bump_uidvalidity(mail_user)
    dovecot.deliver(mail_user, _mail(3))
    report = syncer.sync(NOW)
    assert report.folders[0].uidvalidity_changed
    assert [m for _, _, m, _ in handler.seen] == [f"<m{n}@acme.example>" for n in range(4)]
    assert report.folders[0].outcomes == {"known": 3, "recorded": 1}


def test_dropped_connection_mid_sync_resumes_without_repeats(
    dovecot: Dovecot, mail_store: Any, account: Account, secret: Secret, mail_user: MailUser
) -> None:
    _deliver(dovecot, mail_user, 7)
    handler = Recorder()
    kicked: list[bool] = []

    def kick_once() -> None:
        if len(handler.seen) == 3 and not kicked:
            kicked.append(True)
            dovecot.doveadm("kick", mail_user.name)

    handler.after_each.append(kick_once)
    syncer = Syncer(mail_store, account, secret, handler)
    syncer.batch = 2
    report = syncer.sync(NOW)
    assert kicked and report.reconnects >= 1
    ids = [m for _, _, m, _ in handler.seen]
    # The batch in flight when the connection dropped may be handed over again only if it was
    # not recorded; every message is handled once.
    assert sorted(set(ids)) == sorted(f"<m{n}@acme.example>" for n in range(7))
    assert len(ids) == len(set(ids))


def test_bad_message_is_kept_aside_and_the_sync_goes_on(
    dovecot: Dovecot, mail_store: Any, account: Account, secret: Secret, mail_user: MailUser
) -> None:
    _deliver(dovecot, mail_user, 3)
    handler = Recorder(bad={"<m1@acme.example>"})
    report = Syncer(mail_store, account, secret, handler).sync(NOW)
    assert report.folders[0].outcomes == {"recorded": 2, "quarantined": 1}
    items = sync_state.quarantined(mail_store, account.name)
    assert [(i.message_id, i.reason) for i in items] == [("<m1@acme.example>", "broken on purpose")]


def test_calendar_mail_is_read_whole(
    dovecot: Dovecot, mail_store: Any, account: Account, secret: Secret, mail_user: MailUser
) -> None:
    invite = (
        b"From: recruiter@acme.example\r\nTo: sam@example.test\r\nSubject: Invitation\r\n"
        b"Message-ID: <inv@acme.example>\r\nMIME-Version: 1.0\r\n"
        b'Content-Type: multipart/alternative; boundary="b"\r\n\r\n--b\r\n'
        b"Content-Type: text/plain\r\n\r\nJoin us\r\n--b\r\n"
        b"Content-Type: text/calendar; method=REQUEST\r\n\r\nBEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n"
        b"--b--\r\n"
    )
    dovecot.deliver(mail_user, invite)
    dovecot.deliver(mail_user, _mail(1))
    handler = Recorder()
    Syncer(mail_store, account, secret, handler).sync(NOW)
    assert [(m, body) for _, _, m, body in handler.seen] == [
        ("<inv@acme.example>", True),
        ("<m1@acme.example>", False),
    ]


def test_message_without_message_id_gets_a_stable_stand_in() -> None:
    headers = b"From: a@b\r\nSubject: x\r\n"
    assert message_id_of(headers) == message_id_of(headers)
    assert message_id_of(headers).endswith("@no-message-id.invalid>")
    assert message_id_of(b"Message-Id:  <X@y>\r\n") == "<X@y>"
    assert content_types((b"text", b"plain", None, None, None, b"7bit", 3, 1)) == {"text/plain"}


def test_a_remembered_sent_folder_that_is_gone_is_found_again(
    dovecot: Dovecot, mail_store: Any, account: Account, secret: Secret, mail_user: MailUser
) -> None:
    dovecot.deliver(mail_user, _mail(1), folder="Sent")
    handler = Recorder()
    syncer = Syncer(mail_store, account, secret, handler)
    # As if the last sync had read a Sent folder that has since been renamed away:
    store: Any = mail_store
    sync_state.save(store, account.name, "Old Sent", FolderState(1, 0, 1, None), NOW)
    report = syncer.sync(NOW)
    assert report.reconnects == 1
    assert [f.folder for f in report.folders] == ["INBOX", "Sent"]
    assert [m for _, _, m, _ in handler.seen] == ["<m1@acme.example>"]
    assert sync_state.folder_names(store, account.name) == ["INBOX", "Sent"]


def test_an_unreachable_server_is_not_retried(
    mail_store: Any, account: Account, secret: Secret, caplog: pytest.LogCaptureFixture
) -> None:
    import socket
    from dataclasses import replace

    from followup.mail.transport.imap import MailboxError

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        closed = s.getsockname()[1]
    unreachable = replace(account, imap=replace(account.imap, port=closed))
    with pytest.raises(MailboxError, match="nothing answers"):
        Syncer(mail_store, unreachable, secret, Recorder()).sync(NOW)
    assert "reconnecting" not in caplog.text
