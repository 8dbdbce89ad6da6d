"""TLS for real: IMAP over TLS and STARTTLS, SMTP STARTTLS and TLS from the first byte, with
the servers' certificate trusted through the account's CA file (or refused without it)."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from datetime import UTC, datetime
from typing import Any

import pytest
from servers import Dovecot, MailUser, SmtpServer

from followup.cli.mail_fixes import mail_fix
from followup.mail.accounts.account import Account, Security, ServerSettings
from followup.mail.accounts.secrets import Secret
from followup.mail.outbox import Outbox, OutboxState, OutgoingMessage
from followup.mail.transport import check

pytestmark = pytest.mark.mail

NOW = datetime(2026, 3, 4, 15, 0, tzinfo=UTC)


@pytest.fixture(params=["starttls", "ssl"])
def tls_smtp(request: pytest.FixtureRequest, dovecot: Dovecot) -> Iterator[SmtpServer]:
    server = SmtpServer(dovecot, tls=request.param)
    server.start()
    yield server
    server.stop()


def _account(dovecot: Dovecot, smtp: SmtpServer, user: MailUser) -> Account:
    # IMAP the other way round from SMTP, so both IMAP modes are exercised too.
    imap = (
        ServerSettings("127.0.0.1", dovecot.tls_port, Security.SSL, user.name)
        if smtp.tls == "starttls"
        else ServerSettings("127.0.0.1", dovecot.port, Security.STARTTLS, user.name)
    )
    return Account(
        address=user.address,
        imap=imap,
        smtp=ServerSettings("127.0.0.1", smtp.port, Security(smtp.tls or "none"), user.name),
        timeout=5.0,
        ca_file=str(dovecot.ca_file),
    )


def test_send_over_tls_arrives_once(
    dovecot: Dovecot,
    tls_smtp: SmtpServer,
    mail_store: Any,
    mail_user: MailUser,
    other_user: MailUser,
) -> None:
    account = _account(dovecot, tls_smtp, mail_user)
    secret = Secret("password", mail_user.password)
    assert [c.ok for c in check.test_account(account, secret)] == [True, True]
    outbox = Outbox(mail_store, account, lambda: secret)
    row = outbox.enqueue(
        OutgoingMessage(
            to=(other_user.address,),
            subject="Thanks",
            body="Thank you.\n",
            send_after=NOW,
            action_id="tls-1",
        ),
        NOW,
    )
    outbox.run(NOW)
    assert outbox.get(row.id).state is OutboxState.SENT
    assert len(dovecot.messages(other_user)) == 1
    assert len(dovecot.messages(mail_user, "Sent")) == 1


def test_an_untrusted_certificate_is_named(
    dovecot: Dovecot, tls_smtp: SmtpServer, mail_user: MailUser
) -> None:
    account = replace(_account(dovecot, tls_smtp, mail_user), ca_file=None)
    checks = check.test_account(account, Secret("password", mail_user.password))
    assert [c.ok for c in checks] == [False, False]
    assert all("could not be verified" in c.detail for c in checks)
    assert {c.code for c in checks} == {"mail.untrusted-certificate"}
    # The CLI words the fix: the certificate of a self-hosted server is given with --ca-file.
    assert all("--ca-file" in (mail_fix(c.code, c.params) or "") for c in checks)
