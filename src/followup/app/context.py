"""The context every use case runs in: one owner's data, the clock, their preferences and
secrets. Built once per front end by the composition root (followup.app.root).

The database is opened lazily and once: `uow()` for a transaction through the store, and
`reader()` for listing commands, which on a current SQLite file read through the standard
library's sqlite3 (no SQLAlchemy at start-up; followup.store.fastread), as do the everyday
writes (`everyday_uow()`, followup.store.fastwrite).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import TYPE_CHECKING, Any
from zoneinfo import ZoneInfo

from followup.app.clock import Clock, SystemClock
from followup.app.prefs import Preferences, preferences_from

LOCAL_OWNER_ID = 1  # followup.store.LOCAL_OWNER_ID (not imported: no store at start-up)

if TYPE_CHECKING:
    from followup.config import Settings
    from followup.mail.accounts.secrets import SecretStore
    from followup.playbook import Playbook
    from followup.store import Reader
    from followup.store.fastwrite import FastUnitOfWork
    from followup.store.store import Store
    from followup.store.uow import UnitOfWork

    WriteUnit = UnitOfWork | FastUnitOfWork  # what the everyday writes run in


@dataclass
class Context:
    settings: Settings  # the deployment's settings (config file, environment)
    owner_id: int
    clock: Clock = field(default_factory=SystemClock)
    # A token command (XOAUTH2) runs a program of the user's: only in the local embedded mode.
    local: bool = True
    _store: Store | None = None
    _reader: Reader | None = None
    _prefs: Preferences | None = None
    _playbook: Playbook | None = None
    _secrets: SecretStore | None = None
    _closers: list[Any] = field(default_factory=list)
    # The id of the last change this context's use cases logged (None: none yet).
    last_change: int | None = None
    # A view of the past (`--as-of`): what was recorded with a later date is left out. Off
    # for the live clock, where a message dated a minute ahead (a sender's clock) counts.
    as_of_view: bool = False

    # ---- data --------------------------------------------------------------------------

    def store(self) -> Store:
        if self._store is None:
            from followup.store import open_store

            self._store = open_store(self.settings.database_url, self.owner_id)
            self._closers.append(self._store.close)
        return self._store

    def uow(self, *, write: bool = True, logged: bool = True) -> UnitOfWork:
        """One transaction over the owner's data (a writer's on SQLite unless write=False).
        What a writing unit changes goes to the change log (`followup undo`) unless
        logged=False; `last_change` is then its id."""
        unit = self.store().uow(write=write, clock=self.now if logged else None)
        unit.on_change = self._changed
        return unit

    def everyday_uow(self) -> WriteUnit:
        """A logged writing unit for the everyday writes (`app add`, `touch add`, `done`): on
        a current SQLite file, one on the standard sqlite3 module that writes what `uow()`
        writes (no SQLAlchemy at start-up; followup.store.fastwrite), else `uow()`."""
        if self._store is None:
            from followup.store import open_fast_unit

            unit = open_fast_unit(self.settings.database_url, self.owner_id, self.now)
            if unit is not None:
                unit.on_change = self._changed
                return unit
        return self.uow()

    def _changed(self, change_id: int) -> None:
        self.last_change = change_id

    def reader(self) -> Reader:
        """A read-only view of the owner's data: the store if open, else the fast reader."""
        if self._store is not None:
            return self._store
        if self._reader is None:
            from followup.store import open_reader

            self._reader = open_reader(self.settings.database_url, self.owner_id)
            self._closers.append(self._reader.close)
        return self._reader

    def close(self) -> None:
        while self._closers:
            self._closers.pop()()
        self._store = None
        self._reader = None

    # ---- the owner ---------------------------------------------------------------------

    @property
    def prefs(self) -> Preferences:
        if self._prefs is None:
            stored = {k: v for k, v in self.reader().settings().items() if k.startswith("pref.")}
            self._prefs = preferences_from(stored, self.settings)
        return self._prefs

    def forget_prefs(self) -> None:
        """After a use case changed them: read again on next use."""
        self._prefs = None
        self._playbook = None

    def with_prefs(self, prefs: Preferences) -> Context:
        """The same owner and data planned by other preferences (ones being set, not yet
        committed). Shares the open database; the original context still closes it."""
        from dataclasses import replace

        return replace(self, _prefs=prefs, _playbook=None, _closers=[])

    @property
    def playbook(self) -> Playbook:
        """The owner's playbook with their overrides (PlaybookError if invalid), loaded once."""
        if self._playbook is None:
            from followup.playbook import load_playbook

            prefs = self.prefs
            self._playbook = load_playbook(prefs.playbook, prefs.playbook_overrides or None)
        return self._playbook

    @property
    def secrets(self) -> SecretStore:
        if self._secrets is None:
            from followup.mail.accounts.secrets import SecretStore

            # The process's environment belongs to whoever runs it on their own machine (the
            # local mode), never to a server's users; keyring entries without an owner's name
            # are the local owner's, every other owner's are kept under their own name.
            self._secrets = SecretStore(
                allow_commands=self.local,
                owner="" if self.owner_id == LOCAL_OWNER_ID else f"owner-{self.owner_id}",
                use_environment=self.local,
            )
        return self._secrets

    # ---- time --------------------------------------------------------------------------

    @property
    def zone(self) -> ZoneInfo:
        return ZoneInfo(self.prefs.user_tz)

    def now(self) -> datetime:
        """The current time in the owner's zone."""
        return self.clock.now().astimezone(self.zone)

    def with_clock(self, clock: Clock) -> Context:
        """The same owner and data seen at another time (`--as-of`, tests)."""
        self.clock = clock
        return self
