"""The IMAP adapter: connect with the account's security, find special folders, search by
header, APPEND once. Connection problems become `MailboxError` with a plain sentence.

imapclient 4 has a bug with `fetch('1:*')` (mjs/imapclient#666), so callers always pass
explicit UID lists.
"""

from __future__ import annotations

import contextlib
import re
import socket
import ssl
from collections.abc import Iterator, Sequence
from contextlib import contextmanager, suppress
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from followup.mail.accounts import Account
    from followup.mail.secrets import Secret

SPECIAL_FLAGS = {"sent": b"\\Sent", "drafts": b"\\Drafts"}
_APPENDUID = re.compile(rb"APPENDUID \d+ (\d+)")


class MailboxError(Exception):
    """The IMAP server could not be used; the message names the problem and the fix."""


def describe_network_error(exc: BaseException, host: str, port: int, what: str) -> str:
    """A plain sentence for a connection failure (shared by the IMAP and SMTP adapters)."""
    where = f"{what} server {host}:{port}"
    if isinstance(exc, socket.gaierror):
        return f"cannot find the host {host!r}: check the {what} host name"
    if isinstance(exc, ConnectionRefusedError):
        return f"nothing answers on {host}:{port}: check the {what} host and port"
    # smtplib reports a read timeout as "Connection unexpectedly closed: timed out".
    if isinstance(exc, (TimeoutError, socket.timeout)) or "timed out" in str(exc):
        return f"the {where} did not answer in time: check the port, the network or a firewall"
    if isinstance(exc, ssl.SSLCertVerificationError):
        return (
            f"the certificate of the {where} could not be verified ({exc.verify_message}): "
            "check the host name, or give the server's CA certificate with --ca-file"
        )
    if isinstance(exc, ssl.SSLError):
        return (
            f"TLS with the {where} failed ({exc.reason or exc}): the port may expect a "
            "different security; try --security starttls (ports 143/587) or ssl (993/465)"
        )
    if isinstance(exc, ConnectionResetError | BrokenPipeError | EOFError):
        return f"the {where} closed the connection: the security setting may not match the port"
    return f"the {where} failed: {exc}"


class Mailbox:
    """A logged-in IMAP connection with the few operations followup needs."""

    def __init__(self, client: Any) -> None:
        self.client = client
        self._special: dict[str, str | None] = {}

    def special_folder(self, kind: str) -> str | None:
        """The \\Sent or \\Drafts folder (SPECIAL-USE, else the usual names)."""
        if kind not in self._special:
            self._special[kind] = self.client.find_special_folder(SPECIAL_FLAGS[kind])
        return self._special[kind]

    def search_header(self, folder: str, header: str, value: str) -> list[int]:
        """UIDs in `folder` whose `header` contains `value` (read-only select)."""
        if not self.client.folder_exists(folder):
            return []
        self.client.select_folder(folder, readonly=True)
        return list(self.client.search(["HEADER", header, value]))

    def contains(self, folders: Sequence[str | None], header: str, value: str) -> str | None:
        """The first folder holding a message with that header value, else None."""
        for folder in folders:
            if folder and self.search_header(folder, header, value):
                return folder
        return None

    def append(self, folder: str, message: bytes, flags: Sequence[bytes] = ()) -> int | None:
        """APPEND and return the new UID when the server says it (UIDPLUS)."""
        response = self.client.append(folder, message, flags=tuple(flags))
        match = _APPENDUID.search(response if isinstance(response, bytes) else b"")
        return int(match.group(1)) if match else None

    def close(self) -> None:
        try:
            self.client.logout()
        except Exception:
            with suppress(Exception):
                self.client.shutdown()


def _open(account: Account) -> Any:
    from imapclient import IMAPClient
    from imapclient.exceptions import IMAPClientError

    from followup.mail.accounts import Security

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
        raise MailboxError(
            describe_network_error(exc, settings.host, settings.port, "IMAP")
        ) from None
    except IMAPClientError as exc:
        raise MailboxError(
            f"the IMAP server {settings.host}:{settings.port} misbehaved: {exc}"
        ) from None


def _secure_and_login(client: Any, account: Account, secret: Secret) -> None:
    from followup.mail.accounts import Security

    settings = account.imap
    if settings.security is Security.STARTTLS:
        if not client.has_capability("STARTTLS"):
            raise MailboxError(
                f"the IMAP server {settings.host}:{settings.port} offers no STARTTLS: use "
                "--imap-security ssl (port 993) or none for a local test server"
            )
        client.starttls(account.tls_context())
    if secret.kind == "xoauth2":
        client.oauth2_login(settings.user, secret.value)
    else:
        client.login(settings.user, secret.value)


def connect(account: Account, secret: Secret) -> Mailbox:
    """Connect and log in, translating every failure into a `MailboxError`."""
    from imapclient.exceptions import IMAPClientError, LoginError

    settings = account.imap
    client = _open(account)
    try:
        _secure_and_login(client, account, secret)
    except MailboxError:
        _abandon(client)
        raise
    except LoginError:
        _abandon(client)
        raise MailboxError(
            f"the IMAP server refused the login of {settings.user!r}: wrong user name or "
            "password (Gmail and Outlook want an app password or OAuth2)"
        ) from None
    except (OSError, ssl.SSLError, EOFError) as exc:
        _abandon(client)
        raise MailboxError(
            describe_network_error(exc, settings.host, settings.port, "IMAP")
        ) from None
    except IMAPClientError as exc:
        _abandon(client)
        raise MailboxError(f"the IMAP server {settings.host} refused: {exc}") from None
    return Mailbox(client)


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
            f"the IMAP server {account.imap.host} failed during the operation: {exc}"
        ) from exc
    finally:
        box.close()
