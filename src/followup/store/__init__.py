"""The store: applications, people, interviews, touches and skips in SQLite or PostgreSQL.

Importing this package is cheap: SQLAlchemy is imported only when a store is opened.

    store = open_store()                # the configured database, migrated if behind
    reader = open_reader()              # read-only; the fast sqlite3 path when it can

All SQL lives in this package, in repositories reached through
`UnitOfWork(engine, owner_id)` (followup.store.uow), each statement scoped to that owner by
`followup.store.scope`. `Store` (followup.store.store) is a database opened for one owner;
`store.uow()` gives its unit of work, and its one-call methods return the frozen values of
followup.domain.model:

- reads: application(id), applications(), person(id), people(app_id=None),
  people_by_email(email), interview(id), interview_by_ical_uid(uid),
  touch_by_message_id(message_id), history(app_id), histories(app_ids=None),
  get_setting(key), settings()
- writes (each validated first, then one transaction): add_application, update_application,
  set_outcome, add_person, update_person, add_interview, update_interview, add_touch,
  add_skip, set_setting, delete_setting
- `engine` for the adapters that keep their own tables in the same database (mail)

Problems the user can fix raise StoreError subclasses (NotFoundError, InvalidDataError,
SchemaTooNewError, UnusableDatabaseError), each with `problem` and `fix`.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Protocol

from followup.store.errors import (
    ConflictError,
    InvalidDataError,
    NotFoundError,
    SchemaTooNewError,
    StoreError,
    UnusableDatabaseError,
)

if TYPE_CHECKING:
    from collections.abc import Callable, Iterable, Iterator
    from datetime import datetime

    from followup.domain.model import Application, History
    from followup.store.fastwrite import FastUnitOfWork
    from followup.store.store import Store

LOCAL_OWNER_ID = 1  # the one owner of the embedded mode (followup.store.owners)

__all__ = [
    "LOCAL_OWNER_ID",
    "ConflictError",
    "InvalidDataError",
    "NotFoundError",
    "Reader",
    "SchemaTooNewError",
    "Store",
    "StoreError",
    "UnusableDatabaseError",
    "open_fast_unit",
    "open_reader",
    "open_store",
]


class Reader(Protocol):
    """What both `Store` and the fast SQLite reader offer for reading."""

    url: str

    def applications(self) -> list[Application]: ...
    def history(self, app_id: int) -> History: ...
    def histories(self, app_ids: Iterable[int] | None = None) -> Iterator[History]: ...
    def settings(self) -> dict[str, str]: ...
    def get_setting(self, key: str) -> str | None: ...
    def change_summary(self, change_id: int) -> str | None: ...
    def close(self) -> None: ...


def __getattr__(name: str) -> object:
    """`followup.store.Store` without importing SQLAlchemy with the package."""
    if name == "Store":
        from followup.store.store import Store

        return Store
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def _configured_url(url: str | None) -> str:
    if url is not None:
        return url
    from followup.config import load_settings

    return load_settings().database_url


def open_store(url: str | None = None, owner_id: int = LOCAL_OWNER_ID) -> Store:
    """The store at `url` (default: the configured database), migrated to this code's schema.

    Raises SchemaTooNewError when the database was migrated by a newer followup, and
    UnusableDatabaseError when the URL can't be used (bad URL, no driver, no server).
    """
    import logging

    from sqlalchemy.exc import ArgumentError, NoSuchModuleError, OperationalError

    from followup.config import mask_secret
    from followup.store.engine import create_store_engine, normalize_url
    from followup.store.schema import ensure_current
    from followup.store.store import Store

    given = _configured_url(url)
    shown = mask_secret(given)
    logging.getLogger(__name__).debug("opening the store at %s", shown)
    try:
        url = normalize_url(given)
        engine = create_store_engine(url)
    except (ArgumentError, NoSuchModuleError, ValueError, ImportError) as exc:
        # ImportError: the URL names a driver that is not installed (postgresql:// means
        # psycopg2; followup's `postgres` extra installs psycopg 3: postgresql+psycopg://)
        raise UnusableDatabaseError(
            f"cannot use the database URL {shown}: {_first_line(exc)}",
            "check FOLLOWUP_DATABASE_URL (e.g. postgresql+psycopg://user@host/db; "
            "PostgreSQL needs the `postgres` extra)",
        ) from None
    try:
        ensure_current(engine)
    except OperationalError as exc:
        engine.dispose()
        raise UnusableDatabaseError(
            f"cannot open the database {shown}: {_first_line(exc.orig or exc)}",
            "check that the database server runs and the URL, user and password are right",
        ) from None
    except BaseException:
        engine.dispose()
        raise
    return Store(engine, url, owner_id)


def _first_line(exc: BaseException) -> str:
    text = str(exc).strip()
    return text.splitlines()[0] if text else type(exc).__name__


def sqlite_path(url: str) -> Path | None:
    """The file of a plain `sqlite:///path` URL, else None (no SQLAlchemy needed)."""
    for prefix in ("sqlite:///", "sqlite+pysqlite:///"):
        if url.startswith(prefix):
            rest = url[len(prefix) :]
            if rest and "?" not in rest and rest != ":memory:":
                return Path(rest)
    return None


def _private_file(url: str) -> Path | None:
    """The file of a SQLite URL, kept private to the user (no SQLAlchemy needed)."""
    path = sqlite_path(url)
    if path is not None and path.is_file():
        from followup.store.privacy import private_sqlite

        private_sqlite(path)
    return path


def open_reader(url: str | None = None, owner_id: int = LOCAL_OWNER_ID) -> Reader:
    """A read-only view: the fast sqlite3 reader on a current SQLite file, else a Store."""
    from followup.store.fastread import open_fast_reader
    from followup.store.schema_revisions import HEAD

    url = _configured_url(url)
    path = _private_file(url)
    if path is not None:
        reader = open_fast_reader(path, HEAD, owner_id)
        if reader is not None:
            return reader
    return open_store(url, owner_id)


def open_fast_unit(url: str, owner_id: int, clock: Callable[[], datetime]) -> FastUnitOfWork | None:
    """The sqlite3 unit of work of the everyday writes on a current SQLite file (None: use
    the store's; followup.store.fastwrite)."""
    from followup.store.fastwrite import open_fast_unit as open_unit
    from followup.store.schema_revisions import HEAD

    path = _private_file(url)
    return None if path is None else open_unit(path, HEAD, owner_id, clock)
