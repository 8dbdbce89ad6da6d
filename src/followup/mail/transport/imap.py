"""The IMAP adapter: connect with the account's security, find special folders, search by
header, APPEND once, read folders without marking mail as read, wait with IDLE. Connection
problems become `MailboxError` with a plain sentence.

`Mailbox` is the only way in: no caller outside `followup.mail.transport` touches the
imapclient object. imapclient 4 has a bug with `fetch('1:*')` (mjs/imapclient#666), so
callers always pass explicit UID lists.
"""

from __future__ import annotations

import contextlib
import re
import ssl
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager, suppress
from typing import TYPE_CHECKING, Any

from followup.errors import UserError
from followup.mail.transport.network import (
    NetworkProblem,
    network_problem,
    no_starttls,
    server_params,
)

if TYPE_CHECKING:
    from followup.mail.accounts.account import Account
    from followup.mail.accounts.secrets import Secret

SPECIAL_FLAGS = {"sent": b"\\Sent", "drafts": b"\\Drafts"}
_APPENDUID = re.compile(rb"APPENDUID \d+ (\d+)")


_NEW_MAIL = (b"EXISTS", b"RECENT")  # IDLE responses that announce new mail
BODY = "BODY.PEEK[]"  # the whole message, without setting \Seen


class MailboxError(UserError):
    """The IMAP server could not be used: the problem in plain words, a code and the values
    a fix needs (host, port)."""

    default_code = "imap.failed"

    @classmethod
    def of(cls, found: NetworkProblem) -> MailboxError:
        return cls(found.problem, code=found.code, params=found.params)


class FolderError(MailboxError):
    """The server refused an operation on one folder (gone, renamed, or not allowed)."""

    def __init__(self, folder: str, reason: str) -> None:
        super().__init__(
            f"the IMAP server refused the folder {folder!r}: {reason}",
            code="imap.folder-refused",
            params={"folder": folder, "reason": reason},
        )
        self.folder = folder
        self.reason = reason


class Mailbox:
    """A logged-in IMAP connection with the few operations followup needs."""

    def __init__(self, client: Any) -> None:
        self._client = client
        self._special: dict[str, str | None] = {}

    def special_folder(self, kind: str) -> str | None:
        """The \\Sent or \\Drafts folder (SPECIAL-USE, else the usual names)."""
        if kind not in self._special:
            self._special[kind] = self._client.find_special_folder(SPECIAL_FLAGS[kind])
        return self._special[kind]

    def has_capability(self, name: str) -> bool:
        return bool(self._client.has_capability(name))

    def ensure_folder(self, folder: str) -> None:
        """Create `folder` unless it exists."""
        if not self._client.folder_exists(folder):
            self._client.create_folder(folder)

    def folder_status(self, folder: str, items: Sequence[bytes]) -> dict[bytes, Any]:
        """STATUS of `folder` (no select); a folder the server refuses raises `FolderError`."""
        from imapclient.exceptions import IMAPClientError

        try:
            return dict(self._client.folder_status(folder, list(items)))
        except IMAPClientError as exc:
            raise FolderError(folder, str(exc)) from exc

    def uids_after(self, folder: str, last_uid: int) -> list[int]:
        """Select `folder` read-only (EXAMINE) and return its UIDs above `last_uid`, in order.
        (`UID SEARCH n:*` always answers the highest UID, even below n: dropped here.)"""
        self._client.select_folder(folder, readonly=True)
        found = self._client.search(["UID", f"{last_uid + 1}:*"])
        return sorted(uid for uid in found if uid > last_uid)

    def fetch(self, uids: Sequence[int], items: Sequence[str]) -> dict[int, dict[bytes, Any]]:
        """FETCH `items` of the selected folder's `uids` (an explicit list, never `1:*`)."""
        if not uids:
            return {}
        return dict(self._client.fetch(list(uids), list(items)))

    def fetch_whole(self, uids: Sequence[int]) -> dict[int, bytes]:
        """The raw bytes of the selected folder's messages `uids`, read with PEEK (they stay
        unread); a message the server does not return is left out."""
        fetched = self.fetch(uids, [BODY])
        return {uid: bytes(data[b"BODY[]"]) for uid, data in fetched.items() if b"BODY[]" in data}

    def search_header(self, folder: str, header: str, value: str) -> list[int]:
        """UIDs in `folder` whose `header` contains `value` (read-only select)."""
        if not self._client.folder_exists(folder):
            return []
        self._client.select_folder(folder, readonly=True)
        return list(self._client.search(["HEADER", header, value]))

    def contains(self, folders: Sequence[str | None], header: str, value: str) -> str | None:
        """The first folder holding a message with that header value, else None."""
        for folder in folders:
            if folder and self.search_header(folder, header, value):
                return folder
        return None

    def append(self, folder: str, message: bytes, flags: Sequence[bytes] = ()) -> int | None:
        """APPEND and return the new UID when the server says it (UIDPLUS)."""
        response = self._client.append(folder, message, flags=tuple(flags))
        match = _APPENDUID.search(response if isinstance(response, bytes) else b"")
        return int(match.group(1)) if match else None

    @contextmanager
    def idle(
        self, folder: str, seen_uidnext: int | None = None
    ) -> Iterator[Callable[[float], bool]]:
        """IDLE on `folder` (selected read-only) for the length of the block. The block gets
        `new_mail(timeout)`: waits up to `timeout` seconds, True when new mail arrived.

        Mail that arrived after the last sync but before the IDLE began sends no EXISTS: with
        `seen_uidnext` (the UIDNEXT the last sync saw) a folder that moved on since answers
        True at once."""
        selected = self._client.select_folder(folder, readonly=True)
        uidnext = selected.get(b"UIDNEXT")
        moved_on = [None not in (seen_uidnext, uidnext) and int(uidnext) != seen_uidnext]
        self._client.idle()

        def new_mail(timeout: float) -> bool:
            if moved_on[0]:
                moved_on[0] = False
                return True
            responses = self._client.idle_check(timeout=timeout)
            return any(len(r) > 1 and r[1] in _NEW_MAIL for r in responses)

        try:
            yield new_mail
        finally:
            self._client.idle_done()

    def close(self) -> None:
        try:
            self._client.logout()
        except Exception:
            with suppress(Exception):
                self._client.shutdown()


def _open(account: Account) -> Any:
    from imapclient import IMAPClient
    from imapclient.exceptions import IMAPClientError

    from followup.mail.accounts.account import Security

    settings = account.imap
    try:
        return IMAPClient(
            settings.host,
            port=settings.port,
            ssl=settings.security is Security.SSL,
            # Loading the CA bundle costs ~25 ms: only when TLS is used from the start.
            ssl_context=account.tls_context() if settings.security is Security.SSL else None,
            timeout=account.timeout,
        )
    except (OSError, ssl.SSLError, EOFError) as exc:
        raise MailboxError.of(network_problem(exc, settings.host, settings.port, "IMAP")) from None
    except IMAPClientError as exc:
        raise MailboxError(
            f"the IMAP server {settings.host}:{settings.port} misbehaved: {exc}",
            code="imap.failed",
            params=server_params(account.imap, "IMAP"),
        ) from None


def _secure_and_login(client: Any, account: Account, secret: Secret) -> None:
    from followup.mail.accounts.account import Security

    settings = account.imap
    if settings.security is Security.STARTTLS:
        if not client.has_capability("STARTTLS"):
            raise MailboxError.of(no_starttls(settings, "IMAP", code="imap.no-starttls"))
        client.starttls(account.tls_context())
    if secret.kind == "xoauth2":
        client.oauth2_login(settings.user, secret.value)
    else:
        client.login(settings.user, secret.value)


def connect(account: Account, secret: Secret) -> Mailbox:
    """Connect and log in, translating every failure into a `MailboxError`."""
    from imapclient.exceptions import IMAPClientError

    client = _open(account)
    try:
        _secure_and_login(client, account, secret)
    except (MailboxError, IMAPClientError, OSError, ssl.SSLError, EOFError) as exc:
        _abandon(client)
        if isinstance(exc, MailboxError):
            raise
        raise _login_failure(exc, account) from None
    return Mailbox(client)


def _login_failure(exc: Exception, account: Account) -> MailboxError:
    """What a failure between connecting and being logged in means for the user."""
    from imapclient.exceptions import LoginError

    settings = account.imap
    if isinstance(exc, LoginError):
        return MailboxError(
            f"the IMAP server refused the login of {settings.user!r}: wrong user name or password",
            code="mail.login-refused",
            params=server_params(settings, "IMAP"),
        )
    if isinstance(exc, (OSError, ssl.SSLError, EOFError)):
        return MailboxError.of(network_problem(exc, settings.host, settings.port, "IMAP"))
    return MailboxError(
        f"the IMAP server {settings.host} refused: {exc}",
        code="imap.failed",
        params=server_params(settings, "IMAP"),
    )


def _abandon(client: Any) -> None:
    """Drop a connection that failed half-way (its socket may be gone already)."""
    with contextlib.suppress(Exception):
        client.shutdown()


@contextmanager
def open_mailbox(account: Account, secret: Secret) -> Iterator[Mailbox]:
    from imapclient.exceptions import IMAPClientError

    box = connect(account, secret)
    try:
        yield box
    except (IMAPClientError, OSError, EOFError) as exc:
        raise MailboxError(
            f"the IMAP server {account.imap.host} failed during the operation: {exc}",
            code="imap.failed",
            params=server_params(account.imap, "IMAP"),
        ) from exc
    finally:
        box.close()
