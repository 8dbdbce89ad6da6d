"""The SMTP adapter against a real aiosmtpd server delivering into Dovecot."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from servers import Dovecot, MailUser, SmtpServer

from followup.mail.accounts.account import Account
from followup.mail.accounts.secrets import Secret
from followup.mail.transport.smtp import (
    SendOutcome,
    SendResult,
    SmtpError,
    check_login,
    message_text,
    send_message,
)

pytestmark = pytest.mark.mail


def _message(sender: MailUser, rcpt: MailUser, marker: str) -> bytes:
    return (
        f"From: {sender.address}\r\nTo: {rcpt.address}\r\nSubject: {marker}\r\n"
        f"Message-ID: <{marker}@example.test>\r\n\r\n.leading dot stays\r\nbody\r\n"
    ).encode()


Send = Callable[..., SendResult]


@pytest.fixture
def send(account: Account, secret: Secret, mail_user: MailUser, other_user: MailUser) -> Send:
    """Send a message marked `marker` from `mail_user` to `other_user`; "before-data" is noted
    in `phases` when the adapter calls back right before DATA."""

    def send(
        marker: str, phases: list[str] | None = None, timeout: float | None = None
    ) -> SendResult:
        noted = [] if phases is None else phases
        return send_message(
            account if timeout is None else account.with_timeout(timeout),
            secret,
            mail_user.address,
            [other_user.address],
            _message(mail_user, other_user, marker),
            before_data=lambda: noted.append("before-data"),
        )

    return send


def test_message_arrives_in_the_recipient_mailbox(
    dovecot: Dovecot, send: Send, other_user: MailUser
) -> None:
    phases: list[str] = []
    result = send("hello-1", phases)
    assert result.outcome is SendOutcome.SENT, result.detail
    assert phases == ["before-data"]
    inbox = dovecot.messages(other_user)
    assert len(inbox) == 1
    assert b"Subject: hello-1" in inbox[0]
    assert b"\r\n.leading dot stays\r\n" in inbox[0]


def test_drop_after_store_is_unknown_not_retry(
    dovecot: Dovecot, smtp_server: SmtpServer, send: Send, other_user: MailUser
) -> None:
    smtp_server.faults.drop_after_store = True
    result = send("dropped")
    assert result.outcome is SendOutcome.UNKNOWN
    assert len(dovecot.messages(other_user)) == 1  # the server kept it all the same


@pytest.mark.parametrize(
    ("where", "reply", "outcome"),
    [
        ("data", "451 4.3.0 try again later", SendOutcome.RETRY),
        ("data", "554 5.7.1 message refused", SendOutcome.FAILED),
        ("rcpt", "450 4.2.1 mailbox busy", SendOutcome.RETRY),
        ("rcpt", "550 5.1.1 no such user", SendOutcome.FAILED),
    ],
)
def test_refusals(
    dovecot: Dovecot,
    smtp_server: SmtpServer,
    send: Send,
    other_user: MailUser,
    where: str,
    reply: str,
    outcome: SendOutcome,
) -> None:
    setattr(smtp_server.faults, f"{where}_reply", reply)
    phases: list[str] = []
    result = send("refused", phases)
    assert result.outcome is outcome
    assert reply.split(maxsplit=1)[0] in result.detail
    assert phases == (["before-data"] if where == "data" else [])
    assert dovecot.messages(other_user) == []


def test_slow_server_after_data_is_unknown(smtp_server: SmtpServer, send: Send) -> None:
    smtp_server.faults.delay = 3.0
    result = send("slow", timeout=0.5)
    assert result.outcome is SendOutcome.UNKNOWN


def test_wrong_password_is_said_plainly(account: Account, mail_user: MailUser) -> None:
    with pytest.raises(SmtpError, match="refused the login"):
        check_login(account, Secret("password", "not-the-password"))


def test_dot_stuffing_and_line_ends() -> None:
    assert message_text(b"a\n.b\r\n..c") == b"a\r\n..b\r\n...c\r\n.\r\n"
