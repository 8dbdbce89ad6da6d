"""What the concurrency tests of the outbox share (tests/mail/test_concurrency_*.py): a data
home over a database (SQLite or PostgreSQL, opened as the CLI opens it), an account on the
test's Dovecot and aiosmtpd, real `followup` processes started on it, and the counts that
say whether each message went out once: at the SMTP sink and in the mailbox, by Message-ID.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from email.parser import BytesHeaderParser
from email.policy import default as default_policy
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from servers import Dovecot, MailUser, SmtpServer

from followup.app.clock import Clock
from followup.app.context import Context
from followup.app.root import build_context
from followup.config import load_settings
from followup.mail.outbox import Outbox, OutboxRow, OutboxState, OutgoingMessage

SRC = Path(__file__).resolve().parents[2] / "src"


def start_followup(*args: str, env: Mapping[str, str] | None = None) -> subprocess.Popen[str]:
    """`followup ARGS` as a process of its own, from this checkout's sources: with `env`
    on top of this process's environment."""
    return subprocess.Popen(
        [sys.executable, "-m", "followup", *args],
        env={**os.environ, "PYTHONPATH": str(SRC), **(env or {})},
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


NEW_YORK = ZoneInfo("America/New_York")
CLI_TIMEOUT = 90.0  # seconds a `followup` process may take before the test gives up on it
# What must never reach the user, whoever else is running at the same time.
NEVER_SHOWN = ("database is locked", "Traceback", "deadlock", "could not serialize")


def message_id_of(data: bytes) -> str:
    parsed = BytesHeaderParser(policy=default_policy).parsebytes(data)
    return str(parsed.get("Message-ID", "")).strip()


def sink_counts(smtp: SmtpServer) -> Counter[str]:
    """How often the SMTP server accepted each Message-ID (every DATA it stored)."""
    return Counter(message_id_of(r.data) for r in list(smtp.received))


def folder_counts(dovecot: Dovecot, user: MailUser, folder: str) -> Counter[str]:
    """How many messages of each Message-ID a folder holds (read with PEEK)."""
    client = dovecot.client(user)
    try:
        client.select_folder(folder, readonly=True)
        uids = client.search(["ALL"])
        if not uids:
            return Counter()
        fetched = client.fetch(uids, ["BODY.PEEK[HEADER.FIELDS (MESSAGE-ID)]"])
    finally:
        client.logout()
    found: Counter[str] = Counter()
    for data in fetched.values():
        header = next(v for k, v in data.items() if k.startswith(b"BODY"))
        found[message_id_of(header)] += 1
    return found


@dataclass
class Finished:
    args: tuple[str, ...]
    code: int
    out: str
    err: str

    def describe(self) -> str:
        return f"followup {' '.join(self.args)} -> {self.code}\n{self.out}\n{self.err}"


@dataclass
class Home:
    """A data home over `url`, with the account "default" of `user` on the test servers."""

    path: Path
    url: str
    dovecot: Dovecot
    smtp: SmtpServer
    user: MailUser
    contexts: list[Context] = field(default_factory=list)

    @classmethod
    def make(cls, path: Path, url: str, dovecot: Dovecot, smtp: SmtpServer, user: MailUser) -> Home:
        path.mkdir(parents=True, exist_ok=True)
        home = cls(path, url, dovecot, smtp, user)
        add_mail_account(home.context(), dovecot, smtp, user)
        return home

    def settings(self) -> dict[str, str]:
        return {
            "FOLLOWUP_HOME": str(self.path),
            "FOLLOWUP_DATABASE_URL": self.url,
            "FOLLOWUP_USER_TZ": "America/New_York",
            "FOLLOWUP_USER_COUNTRY": "US",
        }

    def context(self, clock: Clock | None = None) -> Context:
        """A context as the CLI builds it (the production engine), on the system clock."""
        ctx = build_context(load_settings(self.settings()), clock=clock)
        self.contexts.append(ctx)
        return ctx

    def close(self) -> None:
        for ctx in self.contexts:
            ctx.close()

    # ---- followup processes ------------------------------------------------------------

    def env(self) -> dict[str, str]:
        return {
            **os.environ,
            **self.settings(),
            "FOLLOWUP_MAIL_PASSWORD": self.user.password,
            "PYTHONPATH": str(SRC),
        }

    def start(self, *args: str) -> subprocess.Popen[str]:
        """`followup ARGS` as a process of its own."""
        return start_followup(*args, env=self.env())

    @staticmethod
    def finish(process: subprocess.Popen[str], args: Sequence[str] = ()) -> Finished:
        try:
            out, err = process.communicate(timeout=CLI_TIMEOUT)
        except subprocess.TimeoutExpired:
            process.kill()
            out, err = process.communicate()
            raise AssertionError(f"followup {' '.join(args)} hung:\n{out}\n{err}") from None
        return Finished(tuple(args), process.returncode, out, err)

    def run_together(self, *commands: Sequence[str]) -> list[Finished]:
        """Start every command at once; wait for all of them."""
        started = [(self.start(*c), c) for c in commands]
        return [self.finish(p, c) for p, c in started]

    def run(self, *args: str) -> Finished:
        return self.finish(self.start(*args), args)

    @staticmethod
    def stop(process: subprocess.Popen[str], args: Sequence[str] = ()) -> Finished:
        """SIGTERM, then wait (`sync --watch` ends cleanly between two exchanges)."""
        process.send_signal(signal.SIGTERM)
        return Home.finish(process, args)

    # ---- the outbox ----------------------------------------------------------------------

    def outbox(self, ctx: Context | None = None) -> Outbox:
        from followup.app.mail.access import access_of, outbox_of

        ctx = ctx or self.context()
        return outbox_of(ctx, access_of(ctx))

    def queue(self, outbox: Outbox, recipients: Sequence[MailUser], tag: str) -> list[OutboxRow]:
        """One message due now to each recipient (the user's own address lands in INBOX)."""
        now = datetime.now(UTC)
        rows = []
        for n, recipient in enumerate(recipients):
            message = numbered_message(recipient, tag, n, now - timedelta(minutes=1))
            rows.append(outbox.enqueue(message, now))
        return rows

    def rows(self, outbox: Outbox, ids: Iterable[int]) -> list[OutboxRow]:
        return [outbox.get(i) for i in ids]

    def wait_settled(self, outbox: Outbox, ids: Sequence[int], timeout: float = 30.0) -> None:
        """Until every row is sent with its copy in Sent (or the time is up)."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            rows = self.rows(outbox, ids)
            if all(r.state is OutboxState.SENT and r.copy_state == "done" for r in rows):
                return
            time.sleep(0.1)

    # ---- what must hold ------------------------------------------------------------------

    def assert_each_once(
        self,
        rows: Sequence[OutboxRow],
        recipients: Sequence[MailUser],
        *,
        sent: bool = True,
        what: str = "",
    ) -> None:
        """Each row's message accepted once by the SMTP server, delivered once, one copy in
        Sent; with `sent`, every row also says so (not needs-confirmation, not unsure)."""
        self.smtp.wait_idle()
        sink = sink_counts(self.smtp)
        in_sent = folder_counts(self.dovecot, self.user, "Sent")
        inboxes = {u.name: folder_counts(self.dovecot, u, "INBOX") for u in set(recipients)}
        outbox = self.outbox()
        problems = []
        for row, recipient in zip(rows, recipients, strict=True):
            now = outbox.get(row.id)
            mid = row.message_id
            counts = (sink[mid], inboxes[recipient.name][mid], in_sent[mid])
            if counts != (1, 1, 1):
                problems.append(f"{row.id}: (smtp, inbox, sent) = {counts}, {now.state}")
            if sent and (now.state is not OutboxState.SENT or now.copy_state != "done"):
                problems.append(f"{row.id}: {now.state}, copy {now.copy_state}: {now.last_error}")
        assert not problems, f"{what}: " + "; ".join(problems)


def assert_quiet(results: Iterable[Finished], codes: Sequence[int] = (0,)) -> None:
    """Every process ended with one of `codes` and showed the user nothing it must not."""
    for result in results:
        assert result.code in codes, result.describe()
        shown = result.out + result.err
        assert not any(bad in shown for bad in NEVER_SHOWN), result.describe()


def later(minutes: float) -> datetime:
    return datetime.now(UTC) + timedelta(minutes=minutes)


def numbered_message(to: MailUser, tag: str, n: int, send_after: datetime) -> OutgoingMessage:
    """Message `n` of the batch `tag`, to `to`: its action id is "tag-n"."""
    return OutgoingMessage(
        to=(to.address,),
        subject=f"{tag}, message {n}",
        body=f"Message {n} of {tag}.",
        send_after=send_after,
        action_id=f"{tag}-{n}",
    )


def add_mail_account(ctx: Context, dovecot: Dovecot, smtp: SmtpServer, user: MailUser) -> None:
    """`user`'s account on the test's Dovecot and aiosmtpd, as Sam Rivera, by the use case."""
    from followup.app.mail.accounts import NewAccount, add_account

    add_account(
        ctx,
        NewAccount(
            address=user.address,
            display_name="Sam Rivera",
            imap_host="127.0.0.1",
            imap_port=dovecot.port,
            imap_security="none",
            smtp_host="127.0.0.1",
            smtp_port=smtp.port,
            smtp_security="none",
            user=user.name,
            test=False,
        ),
    )


def add_interview_yesterday(ctx: Context, recipient: MailUser, company: str) -> str:
    """An application at `company` with an on-site interview yesterday with Dana (whose
    address is `recipient`'s): the planned thank-you's action id."""
    from followup.app.schedule import plan_of
    from followup.domain.model import InterviewKind, PersonRole

    now = ctx.now()
    yesterday = (now.astimezone(NEW_YORK) - timedelta(days=1)).replace(
        hour=10, minute=0, second=0, microsecond=0
    )
    with ctx.uow() as uow:
        app = uow.applications.add(
            company, "Data Engineer", created_at=now - timedelta(days=20), country="US",
            tz="America/New_York",
        )  # fmt: skip
        person = uow.people.add(
            app.id, "Dana Chen", email=recipient.address, role=PersonRole.INTERVIEWER
        )
        uow.interviews.add(
            app.id,
            yesterday,
            InterviewKind.ON_SITE,
            end=yesterday + timedelta(hours=1),
            person_ids=[person.id],
            notes={person.id: "the migration of their batch jobs to streaming"},
        )
        plan = plan_of(ctx, uow.histories.get(app.id))
    (thanks,) = [a for a in plan.actions if a.kind.value == "thank-you"]
    return thanks.id


def save_profile(ctx: Context) -> None:
    from followup.drafts.model import Profile
    from followup.drafts.profile import save_profile as save

    class Settings:
        def __init__(self, uow: Any) -> None:
            self.settings = uow.settings

        def get_setting(self, key: str) -> str | None:
            return self.settings.get(key)  # type: ignore[no-any-return]

        def set_setting(self, key: str, value: str) -> None:
            self.settings.set(key, value)

    with ctx.uow() as uow:
        save(
            Settings(uow),
            Profile(
                name="Sam Rivera",
                phone="+1 555 0100",
                email="sam.rivera@example.org",
                signoff="Sincerely",
                qualifications="six years of building data pipelines in Python and SQL",
            ),
        )
