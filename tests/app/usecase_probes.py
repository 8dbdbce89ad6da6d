"""The world of test_app_usecase_owners.py (imported by name): owners A and B in one database,
each with a context of its own, and what A owns as A's own use cases show it.

Besides SearchBuilder's search (builder.py), A has what makes a leak visible at the level of
the use cases: mail accounts ("work", like B, and "a-private", which B lacks), preferences
of its own (a zone, a country and a playbook override B doesn't have), a complete profile, a
kept draft text and a held outbox message. B has an account "work" of its own and a
complete profile (so that a refusal of B is about whose the row is, not a missing profile).

Each world (SQLite or PostgreSQL, B empty or A's twin) is built once per session
(`WorldTemplates`) and copied for each test, the way app_databases.py copies its templates.
"""

from __future__ import annotations

import itertools
import re
import shutil
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
from builder import (
    ACCOUNT,
    FIXED_NOW,
    FOLDER,
    Search,
    TwoOwners,
    build_two_owners,
    outbox_values,
    owned_rows,
)
from sqlalchemy import delete, select, update
from sqlalchemy.engine import make_url

from followup.app.clock import FixedClock
from followup.app.context import Context
from followup.app.root import build_context
from followup.config import load_settings
from followup.errors import UserError
from followup.mail.accounts.account import Account, Security, ServerSettings, save_account
from followup.store import fastwrite, open_store, sqlite_path
from followup.store.fastread import FastReader
from followup.store.fastwrite import FastUnitOfWork
from followup.store.scope import Scope

ACCEPTED = "accepted"
A_ONLY_ACCOUNT = "a-private"  # an account A has and B has not
B_ADDRESS = "b@b.example"
A_ADDRESS = "alex@a.example"
B_NAME = "Bea Roe"
# A's reminders: an hour and a notification target B doesn't have.
A_REMINDERS = {"remind.hour": "6", "remind.targets": '{"a-phone": "ntfy"}'}
# A's preferences: none of them the deployment's, so B reading A's is visible.
A_PREFS = {
    "pref.user_tz": "Asia/Tokyo",
    "pref.user_country": "JP",
    "pref.playbook_overrides": '{"timing.weekly_cap_days": 5}',
}
A_KEPT_TEXT = "Subject: Thank you\n\nHi Lee, thank you for the panel. (A's own words)"
# Never reached: a refused connection on this machine if a probe ever got that far.
SERVER = ServerSettings("127.0.0.1", 1, Security.NONE, "alex")


def refused(attempt: Callable[[], object]) -> str:
    """The code of the UserError that refused `attempt`, or "accepted"."""
    try:
        attempt()
    except UserError as error:
        return error.code
    return ACCEPTED


def context_for(home: Path, url: str, owner_id: int) -> Context:
    settings = load_settings({"FOLLOWUP_HOME": str(home), "FOLLOWUP_DATABASE_URL": url})
    return build_context(settings, owner_id=owner_id, clock=FixedClock(FIXED_NOW))


@dataclass
class World:
    """Owner A's search and B's (None: B has no search) with a context for each."""

    owners: TwoOwners
    ctx_a: Context
    ctx_b: Context
    a_actions: tuple[str, ...]  # the ids of A's planned actions, as A's own plan has them
    held_id: int  # A's held (failed) outbox message

    @property
    def a(self) -> Search:
        return self.owners.a

    @property
    def b(self) -> Search | None:
        return self.owners.b

    def close(self) -> None:
        self.ctx_a.close()
        self.ctx_b.close()


# A's own wording of a template: B must neither see nor use it.
A_TEMPLATE_NAME = "final-note.email.j2"
A_TEMPLATE = "Subject: A's own final note\n\nWords only A uses.\n"


def fill_world(owners: TwoOwners, home: Path) -> tuple[int, tuple[str, ...]]:
    """Add to the two searches what makes a leak visible to the use cases (the module's
    docstring); (A's held outbox message, A's planned action ids)."""
    from followup.app.planning import plan_applications
    from followup.app.profile import ProfileChanges, set_profile
    from followup.app.profile import UowSettings as Settings
    from followup.drafts.profile import save_text
    from followup.drafts.user_templates import store_template

    url = owners.store_a.url
    ctx_a = context_for(home, url, owners.store_a.owner_id)
    ctx_b = context_for(home, url, owners.store_b.owner_id)
    try:
        with ctx_a.uow() as uow:
            for name in (ACCOUNT, A_ONLY_ACCOUNT):
                save_account(uow.settings, Account(A_ADDRESS, imap=SERVER, smtp=SERVER, name=name))
            for key, value in (A_PREFS | A_REMINDERS).items():
                uow.settings.set(key, value)
            held_id = uow.outbox.insert(
                outbox_values(
                    key="a-only.failed", app_id=owners.a.app_id, state="failed", live=False
                )
            )
        ctx_a.forget_prefs()
        complete = {
            "email": A_ADDRESS,
            "phone": "+1 555 0100",
            "qualifications": "ten years of SQL",
        }
        set_profile(ctx_a, ProfileChanges(values=complete))
        a_actions = tuple(a.id for p in plan_applications(ctx_a) for a in p.plan.actions)
        assert a_actions, "A has no planned action to name"
        with ctx_a.uow() as uow:
            save_text(Settings(uow), a_actions[0], A_KEPT_TEXT)
            store_template(Settings(uow), A_TEMPLATE_NAME, A_TEMPLATE)
        with ctx_b.uow() as uow:
            save_account(uow.settings, Account(B_ADDRESS, imap=SERVER, smtp=SERVER, name=ACCOUNT))
        b_profile = {"name": B_NAME, "email": B_ADDRESS, "phone": "+1 555 0199"}
        set_profile(ctx_b, ProfileChanges(values=b_profile | {"qualifications": "Go, Rust"}))
    finally:
        ctx_a.close()
        ctx_b.close()
    return held_id, a_actions


def open_world(
    owners: TwoOwners,
    facts: tuple[int, tuple[str, ...]],
    home: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> World:
    for name in ("WORK", "A_PRIVATE"):  # secrets are read by account name, whatever the owner
        monkeypatch.setenv(f"FOLLOWUP_MAIL_PASSWORD_{name}", "unused")
    url = owners.store_a.url
    ctx_a = context_for(home, url, owners.store_a.owner_id)
    ctx_b = context_for(home, url, owners.store_b.owner_id)
    held_id, a_actions = facts
    return World(owners, ctx_a, ctx_b, a_actions, held_id)


def _pg_admin(url: str) -> Any:
    import psycopg

    parsed = make_url(url)
    host, port = parsed.query["host"], parsed.query["port"]
    assert isinstance(host, str) and isinstance(port, str)
    return psycopg.connect(
        host=host,
        port=int(port),
        user=parsed.username,
        dbname="postgres",
        autocommit=True,
    )


@dataclass
class WorldTemplates:
    """Worlds built once per session (two searches and `fill_world`), keyed by (backend,
    twin), copied for each test: a file copy on SQLite, CREATE DATABASE ... TEMPLATE on
    PostgreSQL."""

    directory: Path
    new_pg_database: Callable[[], str]
    built: dict[tuple[str, bool], tuple[str, int, Search, Search | None, Any]] = field(
        default_factory=dict
    )
    numbers: Iterator[int] = field(default_factory=itertools.count)

    def _template(self, backend: str, twin: bool) -> tuple[str, int, Search, Search | None, Any]:
        key = (backend, twin)
        if key not in self.built:
            if backend == "sqlite":
                url = f"sqlite:///{self.directory / f'world-{twin}.db'}"
            else:
                url = self.new_pg_database()
            owners = build_two_owners(url, twin=twin)
            facts = fill_world(owners, self.directory / "home")
            owners.store_a.close()  # no connection may stay on a template
            self.built[key] = (url, owners.store_b.owner_id, owners.a, owners.b, facts)
        return self.built[key]

    def copy_to(self, url: str, twin: bool) -> tuple[TwoOwners, Any]:
        """A world at `url` (a SQLite file to write, or a PostgreSQL database, made again
        from the template), and its facts for `open_world`."""
        backend = make_url(url).get_backend_name()
        template, owner_b, a, b, facts = self._template(backend, twin)
        if backend == "sqlite":
            source, target = sqlite_path(template), sqlite_path(url)
            assert source is not None and target is not None
            for suffix in ("", "-wal"):
                if Path(f"{source}{suffix}").exists():
                    shutil.copyfile(f"{source}{suffix}", f"{target}{suffix}")
        else:
            with _pg_admin(url) as admin:
                database = make_url(url).database
                admin.execute(f'DROP DATABASE IF EXISTS "{database}"')
                admin.execute(
                    f'CREATE DATABASE "{database}" TEMPLATE "{make_url(template).database}"'
                )
        store_a = open_store(url)
        return TwoOwners(store_a, store_a.as_owner(owner_b), a, b), facts

    def sqlite_url(self) -> str:
        return f"sqlite:///{self.directory / f'copy-{next(self.numbers)}.db'}"


def remove(owners: TwoOwners) -> None:
    owners.store_a.close()
    url = owners.store_a.url
    path = sqlite_path(url)
    if path is not None:
        for suffix in ("", "-wal", "-shm"):
            Path(f"{path}{suffix}").unlink(missing_ok=True)
    else:
        with _pg_admin(url) as admin:
            admin.execute(f'DROP DATABASE IF EXISTS "{make_url(url).database}" WITH (FORCE)')


# ---- what A owns, seen through A's store and A's own use cases ----------------------------


def snapshot(world: World) -> dict[str, Any]:
    """Every row A owns, and what A's use cases show of it: compared before and after."""
    from followup.app.mail.accounts import show_account
    from followup.app.mail.sending import list_outbox
    from followup.app.mail.syncing import quarantined, reviews
    from followup.app.planning import held_messages, plan_applications, plan_record
    from followup.app.preferences import show_preferences
    from followup.app.profile import show_profile
    from followup.app.records import history_record

    store = world.owners.store_a
    with store.uow(write=False) as uow:
        found: dict[str, Any] = owned_rows(uow)
        found["schedule"] = uow.schedule.due(FIXED_NOW + timedelta(days=365))
    ctx = world.ctx_a  # kept open from one snapshot to the next; its caches dropped
    ctx.forget_prefs()
    planned = plan_applications(ctx)
    found |= {
        "use:histories": [history_record(p.history, p.plan) for p in planned],
        "use:plan": plan_record(planned, ctx.playbook),
        "use:prefs": show_preferences(ctx),
        "use:profile": show_profile(ctx),
        "use:held": held_messages(ctx),
        "use:outbox": list_outbox(ctx, ACCOUNT),
        "use:reviews": reviews(ctx, ACCOUNT),
        "use:quarantined": quarantined(ctx, ACCOUNT),
        "use:accounts": [show_account(ctx, n) for n in (ACCOUNT, A_ONLY_ACCOUNT)],
    }
    return found


# ---- the owner scope broken on purpose (to show that every probe can fail) ----------------


@contextmanager
def forgetful(mutation: str, owner_a: int) -> Iterator[None]:
    """Break the owner scope one way, for the time of the block:

    - "every-owner": the statements of the store, of the fast reader and of the sqlite3 unit
      of work lose their owner;
    - "every-owner-but-settings": the same but for the settings (where both owners have an
      account "work" and a profile, and a lookup of one would fail on two rows before the
      use case ever reached A's outbox message, review item or application);
    - "rows-written-as-a": every insert and upsert is stamped with A's owner id.
    """
    with pytest.MonkeyPatch.context() as patch:
        if mutation in ("every-owner", "every-owner-but-settings"):
            keep = {"settings"} if mutation == "every-owner-but-settings" else set()
            scoped = Scope.select, Scope.update, Scope.delete

            def forget(n: int, unscoped: Callable[..., Any]) -> Callable[..., Any]:
                def statement(scope: Scope, table: Any, *cols: Any) -> Any:
                    if table.name in keep:
                        return scoped[n](scope, table, *cols)
                    return unscoped(table, *cols)

                return statement

            patch.setattr(
                Scope, "select", forget(0, lambda t, *cols: select(*cols) if cols else select(t))
            )
            patch.setattr(Scope, "update", forget(1, update))
            patch.setattr(Scope, "delete", forget(2, delete))
            run = FastReader._select

            def read(reader: FastReader, sql: str, params: Any = ()) -> Any:
                if keep and " FROM settings " in f"{sql} ":
                    return run(reader, sql, params)
                return run(reader, sql.replace("owner_id = ?", "? > 0"), params)

            patch.setattr(FastReader, "_select", read)
            compiled = fastwrite.catalogue

            def unscoped() -> dict[str, Any]:
                found = compiled()
                forgot = r"\w+\.owner_id = :owner_id"
                sql = {n: re.sub(forgot, ":owner_id > 0", t) for n, t in found["sql"].items()}
                return {**found, "sql": sql}

            patch.setattr(fastwrite, "catalogue", unscoped)
        elif mutation == "rows-written-as-a":
            owned = Scope.owned
            patch.setattr(Scope, "owned", lambda s, t, v: owned(s, t, v) | {"owner_id": owner_a})
            bound = FastUnitOfWork.bound
            patch.setattr(
                FastUnitOfWork, "bound", lambda u, t, v: bound(u, t, v) | {"owner_id": owner_a}
            )
        else:
            raise AssertionError(mutation)
        yield


MUTATIONS = ("every-owner-but-settings", "every-owner", "rows-written-as-a")


def folder_of(world: World) -> Any:
    """B's saved state of the builder's folder (None: B never synced it)."""
    from followup.mail.sync import state as sync_state

    return sync_state.load(world.owners.store_b, ACCOUNT, FOLDER)
