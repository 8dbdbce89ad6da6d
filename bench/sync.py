"""Benchmark of the IMAP sync against a private Dovecot holding 20,000 messages.

Prints the initial sync rate of followup's sync (messages/s), the rate of a bare imapclient
header fetch of the same fields in the same run (the baseline), their ratio, and the time of
a sync when nothing changed. Targets: at least half the bare rate; under 50 ms for no change.

    /work/venv/bin/python bench/sync.py [--messages 20000]

Needs Debian's dovecot-imapd (as root it runs Dovecot as `nobody`).
"""

from __future__ import annotations

import contextlib

with contextlib.suppress(ModuleNotFoundError):  # bench/ is off sys.path: python -P, or a test
    import benchpath  # noqa: F401  (first: see bench/benchpath.py)

import argparse
import shutil
import statistics
import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT / "src"), str(ROOT / "tests" / "mail")]

from servers import Dovecot, MailUser  # noqa: E402

from followup.mail.accounts.account import Account, Security, ServerSettings  # noqa: E402
from followup.mail.accounts.secrets import Secret  # noqa: E402
from followup.mail.sync.model import Envelope  # noqa: E402
from followup.mail.sync.syncer import BATCH, HEADER_ITEM, Syncer  # noqa: E402

NOW = datetime(2026, 3, 10, 9, 0, tzinfo=UTC)


def _message(n: int) -> bytes:
    """Like a real mailbox: one message in 20 from a company of the job search (a reply in a
    thread every 5th of those), the rest from everyone else."""
    domain = f"company{n % 13}.example" if n % 20 == 0 else f"sender{n % 500}.example"
    reply = f"In-Reply-To: <sent-{n - 1}@example.test>\r\n" if n % 100 == 0 else ""
    return (
        f"From: Person {n % 97} <p{n % 97}@{domain}>\r\n"
        f"To: sam@example.test\r\nSubject: Message number {n}\r\n"
        f"Date: Tue, 03 Mar 2026 10:{n % 60:02d}:00 +0000\r\n"
        f"Message-ID: <bench-{n}@{domain}>\r\n{reply}"
        f"MIME-Version: 1.0\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n"
        f"Hello,\r\n\r\nthis is message {n} of the benchmark.\r\n{'x' * 400}\r\n"
    ).encode()


def fill(dovecot: Dovecot, user: MailUser, count: int) -> float:
    client = dovecot.client(user)
    started = time.perf_counter()
    try:
        for start in range(0, count, 500):
            client.multiappend(
                "INBOX", [_message(n) for n in range(start, min(count, start + 500))]
            )
    finally:
        client.logout()
    return time.perf_counter() - started


def bare_fetch(dovecot: Dovecot, user: MailUser) -> tuple[int, float]:
    """The baseline: imapclient alone, the same header fields and batches, nothing kept."""
    client = dovecot.client(user)
    started = time.perf_counter()
    try:
        client.select_folder("INBOX", readonly=True)
        uids = sorted(client.search(["UID", "1:*"]))
        count = 0
        for start in range(0, len(uids), BATCH):
            count += len(client.fetch(uids[start : start + BATCH], [HEADER_ITEM, "BODYSTRUCTURE"]))
    finally:
        client.logout()
    return count, time.perf_counter() - started


class CountingHandler:
    """Takes every message without reading bodies: measures the sync machinery itself."""

    def __init__(self) -> None:
        self.count = 0

    def wants_body(self, envelope: Envelope) -> bool:
        return "text/calendar" in envelope.content_types

    def handle(self, envelope: Envelope, raw: bytes | None, now: datetime) -> str:
        self.count += 1
        return "ignored"


def our_sync(
    store: Any, account: Account, secret: Secret, handler: Any = None
) -> tuple[Syncer, int, float]:
    syncer = Syncer(store, account, secret, handler or CountingHandler())
    started = time.perf_counter()
    report = syncer.sync(NOW)
    return syncer, report.new, time.perf_counter() - started


def classified_sync(directory: Path, account: Account, secret: Secret) -> float:
    """The same sync with the real handler: every message classified and matched against a
    job search of 20 applications (the handler decides which bodies to fetch)."""
    from followup.mail.sync.apply import StoreHandler
    from followup.store import open_store

    store = open_store(f"sqlite:///{directory / 'classified.db'}")
    try:
        for n in range(20):
            app = store.add_application(
                f"Company {n}", "Engineer", created_at=NOW, company_domain=f"company{n}.example"
            )
            store.add_person(app.id, f"Person {n}", email=f"p{n}@company{n}.example")
        handler = StoreHandler(store, account.name, [account.address], drafts=None)
        _, count, seconds = our_sync(store, account, secret, handler)
    finally:
        store.close()
    return count / seconds


def measure(
    directory: Path, dovecot: Dovecot, user: MailUser, bare_rate: float, no_change_runs: int
) -> None:
    """followup's sync on the same mailbox: initial, no change, with the real handler."""
    from followup.store import open_store

    store = open_store(f"sqlite:///{directory / 'bench.db'}")
    account = Account(
        address=user.address,
        imap=ServerSettings("127.0.0.1", dovecot.port, Security.NONE, user.name),
        smtp=ServerSettings("127.0.0.1", 1, Security.NONE, user.name),
    )
    secret = Secret("password", user.password)
    syncer, our_n, our_s = our_sync(store, account, secret)
    no_change = []
    for _ in range(no_change_runs):
        started = time.perf_counter()
        assert syncer.sync(NOW).new == 0
        no_change.append(time.perf_counter() - started)
    store.close()
    our_rate = our_n / our_s
    print(
        f"followup initial sync:        {our_n} messages in {our_s:.2f} s = "
        f"{our_rate:,.0f} messages/s"
    )
    print(f"ratio followup / bare: {our_rate / bare_rate:.2f} (target >= 0.50)")
    print(
        f"no-change sync (login, STATUS INBOX and Sent, logout): median "
        f"{statistics.median(no_change) * 1000:.1f} ms, max {max(no_change) * 1000:.1f} ms "
        f"over {len(no_change)} runs (target < 50 ms)"
    )
    classified_rate = classified_sync(directory, account, secret)
    print(
        f"followup initial sync with classification and matching (StoreHandler, 20 "
        f"applications): {classified_rate:,.0f} messages/s = "
        f"{classified_rate / bare_rate:.2f} of bare"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--messages", type=int, default=20_000)
    parser.add_argument("--no-change-runs", type=int, default=20)
    args = parser.parse_args()

    directory = Path(tempfile.mkdtemp(prefix="followup-bench-"))
    directory.chmod(0o755)
    dovecot = Dovecot(directory / "dovecot")
    dovecot.dir.mkdir()
    dovecot.dir.chmod(0o755)
    dovecot.start()
    try:
        user = dovecot.add_user()
        fill_s = fill(dovecot, user, args.messages)
        print(f"filled {args.messages} messages in {fill_s:.1f} s (MULTIAPPEND)")
        bare_fetch(dovecot, user)  # warm Dovecot's index and cache for both measurements
        bare_n, bare_s = bare_fetch(dovecot, user)
        print(
            f"bare imapclient header fetch: {bare_n} messages in {bare_s:.2f} s = "
            f"{bare_n / bare_s:,.0f} messages/s"
        )
        measure(directory, dovecot, user, bare_n / bare_s, args.no_change_runs)
    finally:
        dovecot.stop()
        shutil.rmtree(directory, ignore_errors=True)


if __name__ == "__main__":
    main()
