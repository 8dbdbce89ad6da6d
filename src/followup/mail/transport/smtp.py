"""The SMTP adapter: one message, sent step by step so the caller knows the phase.

SMTP can't be exactly-once: once the message text has gone after DATA, the server may keep it
even if its 250 never reaches us. So the caller commits "sending" in `before_data` (called
after MAIL and RCPT were accepted, right before DATA), and any failure after the server said
354 is reported as UNKNOWN, never as a retry.
"""

from __future__ import annotations

import re
import smtplib
import ssl
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from enum import StrEnum
from typing import TYPE_CHECKING

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

_NETWORK_ERRORS = (OSError, smtplib.SMTPServerDisconnected, ssl.SSLError, EOFError)
_LINE_START_DOT = re.compile(rb"(?m)^\.")
_BARE_EOL = re.compile(rb"\r\n|\r|\n")


class SmtpError(UserError):
    """The SMTP server could not be used: the problem in plain words, a code and the values a
    fix needs (host, port)."""

    default_code = "smtp.failed"

    @classmethod
    def of(cls, found: NetworkProblem) -> SmtpError:
        return cls(found.problem, code=found.code, params=found.params)


class SendOutcome(StrEnum):
    SENT = "sent"  # 250 after the message text
    FAILED = "failed"  # a permanent refusal (5xx): sending again won't help
    RETRY = "retry"  # a temporary refusal (4xx) or any error before DATA: safe to send again
    UNKNOWN = "unknown"  # the connection broke after the text began: the server may have it


@dataclass(frozen=True, slots=True)
class SendResult:
    outcome: SendOutcome
    detail: str
    code: int | None = None


def _login(smtp: smtplib.SMTP, account: Account, secret: Secret) -> None:
    user = account.smtp.user
    if secret.kind == "xoauth2":
        token = secret.xoauth2_string(user)
        smtp.auth("XOAUTH2", lambda challenge=None: token, initial_response_ok=True)
    else:
        smtp.login(user, secret.value)


def _connect(account: Account) -> smtplib.SMTP:
    from followup.mail.accounts.account import Security

    settings = account.smtp
    try:
        if settings.security is Security.SSL:
            return smtplib.SMTP_SSL(
                settings.host,
                settings.port,
                timeout=account.timeout,
                context=account.tls_context(),
            )
        return smtplib.SMTP(settings.host, settings.port, timeout=account.timeout)
    except _NETWORK_ERRORS as exc:
        raise SmtpError.of(network_problem(exc, settings.host, settings.port, "SMTP")) from None


def _greet(smtp: smtplib.SMTP, account: Account, secret: Secret) -> None:
    """EHLO, STARTTLS when the account asks for it, then the login."""
    from followup.mail.accounts.account import Security

    settings = account.smtp
    smtp.ehlo()
    if settings.security is Security.STARTTLS:
        if not smtp.has_extn("starttls"):
            raise SmtpError.of(no_starttls(settings, "SMTP", code="smtp.no-starttls"))
        smtp.starttls(context=account.tls_context())
        smtp.ehlo()
    if settings.user:
        _login(smtp, account, secret)


def open_smtp(account: Account, secret: Secret) -> smtplib.SMTP:
    """Connect, say EHLO, STARTTLS when asked, log in. Failures become `SmtpError`."""
    smtp = _connect(account)
    try:
        _greet(smtp, account, secret)
    except (SmtpError, smtplib.SMTPResponseException, *_NETWORK_ERRORS) as exc:
        _close(smtp)
        if isinstance(exc, SmtpError):
            raise
        raise _greeting_failure(exc, account) from None
    return smtp


def _greeting_failure(exc: Exception, account: Account) -> SmtpError:
    """What a failure between connecting and being logged in means for the user."""
    settings = account.smtp
    if isinstance(exc, smtplib.SMTPAuthenticationError):
        return SmtpError(
            f"the SMTP server refused the login of {settings.user!r} ({exc.smtp_code}): wrong "
            "user name or password",
            code="mail.login-refused",
            params=server_params(settings, "SMTP"),
        )
    if isinstance(exc, smtplib.SMTPNotSupportedError):
        return SmtpError(
            f"the SMTP server {settings.host} offers no login",
            code="smtp.no-login",
            params=server_params(settings, "SMTP"),
        )
    if isinstance(exc, smtplib.SMTPResponseException):
        return SmtpError(
            f"the SMTP server {settings.host} refused: {exc.smtp_code} {exc.smtp_error!r}",
            code="smtp.failed",
            params=server_params(settings, "SMTP"),
        )
    return SmtpError.of(network_problem(exc, settings.host, settings.port, "SMTP"))


def check_login(account: Account, secret: Secret) -> None:
    smtp = open_smtp(account, secret)
    _close(smtp, polite=True)


def _close(smtp: smtplib.SMTP, polite: bool = False) -> None:
    try:
        if polite:
            smtp.quit()
        else:
            smtp.close()
    except Exception:
        smtp.close()


def _refusal(code: int, text: bytes, when: str) -> SendResult:
    detail = f"{when}: {code} {text.decode(errors='replace')}"
    if 400 <= code < 500:
        return SendResult(SendOutcome.RETRY, detail, code)
    return SendResult(SendOutcome.FAILED, detail, code)


def message_text(data: bytes) -> bytes:
    """The DATA payload: CRLF line ends, dot-stuffed, ending in CRLF.CRLF (RFC 5321 4.5.2)."""
    text = _LINE_START_DOT.sub(b"..", _BARE_EOL.sub(b"\r\n", data))
    if not text.endswith(b"\r\n"):
        text += b"\r\n"
    return text + b".\r\n"


def send_message(
    account: Account,
    secret: Secret,
    mail_from: str,
    rcpt_tos: Sequence[str],
    data: bytes,
    *,
    before_data: Callable[[], None],
) -> SendResult:
    """Send one message; `before_data` runs after RCPT was accepted, right before DATA."""
    try:
        smtp = open_smtp(account, secret)
    except SmtpError as exc:
        return SendResult(SendOutcome.RETRY, str(exc))
    try:
        return _envelope(smtp, mail_from, rcpt_tos, before_data) or _text(smtp, data)
    finally:
        _close(smtp, polite=True)


def _envelope(
    smtp: smtplib.SMTP, mail_from: str, rcpt_tos: Sequence[str], before_data: Callable[[], None]
) -> SendResult | None:
    """MAIL FROM, RCPT TO each recipient, then DATA: None once the server waits for the text,
    else why it won't take the message (nothing was sent: safe to try again)."""
    try:
        code, text = smtp.mail(mail_from)
        if code != 250:
            return _refusal(code, text, "MAIL FROM refused")
        for rcpt in rcpt_tos:
            code, text = smtp.rcpt(rcpt)
            if code not in (250, 251):
                smtp.rset()
                return _refusal(code, text, f"recipient {rcpt} refused")
        before_data()
        smtp.putcmd("data")
        code, text = smtp.getreply()
        if code != 354:
            return _refusal(code, text, "DATA refused")
    except _NETWORK_ERRORS as exc:
        return SendResult(SendOutcome.RETRY, f"connection lost before the message was sent: {exc}")
    return None


def _text(smtp: smtplib.SMTP, data: bytes) -> SendResult:
    """The message text: from here on the server may keep the message whatever happens to
    the connection."""
    try:
        smtp.send(message_text(data))
        code, text = smtp.getreply()
    except _NETWORK_ERRORS as exc:
        return SendResult(
            SendOutcome.UNKNOWN, f"connection lost after the message text was sent: {exc}"
        )
    if code == 250:
        return SendResult(SendOutcome.SENT, text.decode(errors="replace"), code)
    return _refusal(code, text, "message refused")
