"""`followup sync --watch`: sync, then wait on IMAP IDLE for new mail in INBOX, and again.

IDLE watches one folder per connection; servers drop an IDLE after 30 minutes, so it is
re-issued every 29. The loop checks its stop event every second, so SIGTERM or Ctrl-C ends it
cleanly between two IMAP exchanges (the handler only sets the event). A dropped connection
is retried with a growing pause; the sync itself resumes from its saved state.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable
from datetime import datetime

from followup.mail.sync.syncer import Syncer, SyncReport
from followup.mail.transport.imap import MailboxError, open_mailbox

log = logging.getLogger(__name__)

IDLE_RENEW = 29 * 60.0  # seconds: under the 30 minutes after which servers end an IDLE
CHECK_EVERY = 1.0  # seconds between looks at the stop event


def wait_for_mail(syncer: Syncer, stop: threading.Event, renew: float = IDLE_RENEW) -> bool:
    """IDLE on INBOX until new mail (True) or the stop event or the renewal time (False)."""
    seen = syncer.seen_uidnext("INBOX")
    with open_mailbox(syncer.account, syncer.secret) as box, box.idle("INBOX", seen) as new_mail:
        started = time.monotonic()
        while not stop.is_set() and time.monotonic() - started < renew:
            if new_mail(CHECK_EVERY):
                return True
    return False


def watch(
    syncer: Syncer,
    now: Callable[[], datetime],
    stop: threading.Event,
    on_report: Callable[[SyncReport], None] = lambda report: None,
    renew: float = IDLE_RENEW,
) -> None:
    """Sync whenever INBOX changes, until `stop` is set."""
    pause = 1.0
    while not stop.is_set():
        try:
            on_report(syncer.sync(now()))
            pause = 1.0
            while not stop.is_set():
                # New mail or a renewal: either way a sync (cheap when nothing changed)
                # also catches what arrived between two IDLEs.
                wait_for_mail(syncer, stop, renew)
                if not stop.is_set():
                    on_report(syncer.sync(now()))
        except MailboxError as exc:
            log.warning("watch: %s; trying again in %.0f s", exc, pause)
            stop.wait(pause)
            pause = min(pause * 2, 300.0)
