"""Connection failures said in plain words (shared by the IMAP and SMTP adapters).

Each failure is a problem in plain words, a stable code and the values a fix needs (the
host, the port, which server): the front ends word the fix (the CLI names its flags)."""

from __future__ import annotations

import socket
import ssl
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from followup.mail.accounts.account import ServerSettings


@dataclass(frozen=True, slots=True)
class NetworkProblem:
    problem: str
    code: str
    params: dict[str, Any] = field(default_factory=dict)


def server_params(settings: ServerSettings, what: str) -> dict[str, Any]:
    """The values a fix needs about the `what` ("IMAP", "SMTP") server and who logs in."""
    return {
        "host": settings.host,
        "port": settings.port,
        "user": settings.user,
        "what": what,
        "protocol": what.lower(),
    }


def no_starttls(settings: ServerSettings, what: str, *, code: str) -> NetworkProblem:
    """The account asks for STARTTLS and the `what` ("IMAP", "SMTP") server does not offer it."""
    return NetworkProblem(
        f"the {what} server {settings.host}:{settings.port} offers no STARTTLS",
        code,
        server_params(settings, what),
    )


def network_problem(exc: BaseException, host: str, port: int, what: str) -> NetworkProblem:
    """What went wrong connecting to the `what` ("IMAP", "SMTP") server host:port."""
    where = f"{what} server {host}:{port}"
    params = {"host": host, "port": port, "what": what, "protocol": what.lower()}

    def problem(text: str, code: str) -> NetworkProblem:
        return NetworkProblem(text, code, params)

    if isinstance(exc, socket.gaierror):
        return problem(f"cannot find the host {host!r}", "mail.unknown-host")
    if isinstance(exc, ConnectionRefusedError):
        return problem(f"nothing answers on {host}:{port}", "mail.nothing-answers")
    # smtplib reports a read timeout as "Connection unexpectedly closed: timed out".
    if isinstance(exc, (TimeoutError, socket.timeout)) or "timed out" in str(exc):
        return problem(f"the {where} did not answer in time", "mail.timeout")
    if isinstance(exc, ssl.SSLCertVerificationError):
        return problem(
            f"the certificate of the {where} could not be verified ({exc.verify_message})",
            "mail.untrusted-certificate",
        )
    if isinstance(exc, ssl.SSLError):
        return problem(
            f"TLS with the {where} failed ({exc.reason or exc}): the port may expect a "
            "different security",
            "mail.tls-failed",
        )
    if isinstance(exc, ConnectionResetError | BrokenPipeError | EOFError):
        return problem(
            f"the {where} closed the connection: the security setting may not match the port",
            "mail.connection-closed",
        )
    return problem(f"the {where} failed: {exc}", "mail.server-failed")
