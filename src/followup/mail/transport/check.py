"""An account check (`followup account test`): log in to the IMAP and SMTP servers of an
account and say in plain words what is wrong, if anything."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from followup.errors import UserError
from followup.mail.transport.imap import MailboxError, open_mailbox
from followup.mail.transport.smtp import SmtpError, check_login

if TYPE_CHECKING:
    from followup.mail.accounts.account import Account
    from followup.mail.accounts.secrets import Secret


@dataclass(frozen=True, slots=True)
class Check:
    """One line of an account check: what was tried, and whether it worked. A failure has
    the code and params of its problem, for a front end to word the fix."""

    what: str
    ok: bool
    detail: str
    code: str | None = None
    params: dict[str, Any] = field(default_factory=dict)

    @classmethod
    def failed(cls, what: str, error: UserError) -> Check:
        return cls(what, False, error.problem, error.code, dict(error.params))

    def as_dict(self) -> dict[str, Any]:
        return {"what": self.what, "ok": self.ok, "detail": self.detail, "code": self.code}


def test_account(account: Account, secret: Secret) -> list[Check]:
    """Log in to the IMAP and SMTP servers; each failure is said in plain words."""

    def imap_check() -> str:
        with open_mailbox(account, secret) as box:
            sent = box.special_folder("sent")
            return f"logged in as {account.imap.user}; sent folder: {sent or 'none found'}"

    def smtp_check() -> str:
        check_login(account, secret)
        return f"logged in as {account.smtp.user}"

    checks = []
    for what, run, errors in (
        (f"IMAP {account.imap.host}:{account.imap.port}", imap_check, MailboxError),
        (f"SMTP {account.smtp.host}:{account.smtp.port}", smtp_check, SmtpError),
    ):
        checks.append(_run_check(what, run, errors))
    return checks


def _run_check(what: str, run: Callable[[], str], errors: type[UserError]) -> Check:
    try:
        return Check(what, True, run())
    except errors as exc:
        return Check.failed(what, exc)
