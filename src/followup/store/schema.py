"""Schema version: a cheap check at every open, Alembic only when the database is behind.

Importing Alembic costs a good part of a second, so `ensure_current` first reads the stored
revision with one query and compares it with `REVISIONS`, the append-only list of the
migrations this code ships. Only a database that is behind (or new) runs Alembic, under a
lock so two processes opening a new database at once don't both migrate it.
"""

from __future__ import annotations

import logging

from sqlalchemy import Connection, Engine, inspect, text

from followup.store.engine import WRITE_OPTION
from followup.store.errors import SchemaTooNewError
from followup.store.schema_revisions import HEAD, REVISIONS

VERSION_TABLE = "alembic_version"
log = logging.getLogger(__name__)
_PG_LOCK_ID = 7_326_001  # any constant; names the migration lock among advisory locks


def stored_revision(connection: Connection) -> str | None:
    if not inspect(connection).has_table(VERSION_TABLE):
        return None
    row = connection.execute(text(f"SELECT version_num FROM {VERSION_TABLE}")).first()
    return None if row is None else str(row[0])


def check_revision(revision: str | None) -> bool:
    """True when the database is current; raises when it is newer than this code."""
    if revision is None or revision in REVISIONS:
        return revision == HEAD
    raise SchemaTooNewError(
        f"the database schema is at revision {revision}, newer than this followup knows "
        f"(latest {HEAD})",
        "upgrade followup (pip install --upgrade followup) before using this database",
    )


def ensure_current(engine: Engine) -> None:
    with engine.connect() as connection:
        revision = stored_revision(connection)
    if not check_revision(revision):
        upgrade(engine)


def upgrade(engine: Engine) -> None:
    """Migrate to HEAD in one transaction, holding the migration lock."""
    from alembic import command
    from alembic.config import Config

    with engine.execution_options(**{WRITE_OPTION: True}).begin() as connection:
        if connection.dialect.name == "postgresql":
            connection.execute(text("SELECT pg_advisory_xact_lock(:id)"), {"id": _PG_LOCK_ID})
        revision = stored_revision(connection)
        if check_revision(revision):
            return  # another process migrated while we waited for the lock
        log.info("migrating the database from revision %s to %s", revision or "(new)", HEAD)
        config = Config()
        config.set_main_option("script_location", "followup.store:migrations")
        config.attributes["connection"] = connection
        command.upgrade(config, HEAD)
