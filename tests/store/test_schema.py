"""Migrations: the shipped revisions build exactly the tables of `tables.py`, run only when
the database is behind, and a database newer than the code is refused."""

from __future__ import annotations

import subprocess
import sys
from datetime import UTC, datetime
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text

from followup.store import SchemaTooNewError, open_reader, open_store
from followup.store.schema import stored_revision
from followup.store.schema_revisions import HEAD, REVISIONS
from followup.store.tables import metadata

SRC = Path(__file__).resolve().parents[2] / "src"
_NOON = datetime(2026, 3, 3, 12, tzinfo=UTC)


def test_the_migrations_match_the_tables(database_url: str) -> None:
    """Every table of the store (the mail tables included) is what the migrations built."""
    from alembic.autogenerate import compare_metadata
    from alembic.migration import MigrationContext

    import followup.store.alert_tables  # (adds the alert tables to `metadata`)
    import followup.store.mail_tables  # noqa: F401  (adds the mail tables to `metadata`)
    from followup.store import reminder_tables  # noqa: F401  (and the reminders')

    open_store(database_url).close()
    engine = create_engine(database_url)
    with engine.connect() as connection:
        context = MigrationContext.configure(connection, opts={"compare_type": True})
        differences = compare_metadata(context, metadata)
        assert stored_revision(connection) == HEAD
    engine.dispose()
    assert differences == []


def test_the_revision_list_is_alembics_chain() -> None:
    from alembic.config import Config
    from alembic.script import ScriptDirectory

    config = Config()
    config.set_main_option("script_location", "followup.store:migrations")
    scripts = ScriptDirectory.from_config(config)
    chain = [s.revision for s in scripts.walk_revisions()]
    assert list(reversed(chain)) == list(REVISIONS)
    assert scripts.get_current_head() == HEAD


def _opens_with_alembic(url: str) -> bool:
    """Whether opening the store imported Alembic (it does only to migrate)."""
    code = (
        "import sys; from followup.store import open_store; "
        f"open_store({url!r}).close(); print('alembic' in sys.modules)"
    )
    result = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        env={"PYTHONPATH": str(SRC), "PATH": "/usr/bin:/bin"},
        check=True,
    )
    return result.stdout.strip() == "True"


def test_alembic_runs_only_when_the_database_is_behind(database_url: str) -> None:
    assert _opens_with_alembic(database_url) is True  # new database: migrated
    assert _opens_with_alembic(database_url) is False  # current: one cheap query


def test_a_database_newer_than_the_code_is_refused(database_url: str) -> None:
    store = open_store(database_url)
    with store.engine.begin() as connection:
        connection.execute(text("UPDATE alembic_version SET version_num = '9999'"))
    store.close()
    with pytest.raises(SchemaTooNewError, match="upgrade followup"):
        open_store(database_url)
    with pytest.raises(SchemaTooNewError):
        open_reader(database_url)


def test_a_database_behind_is_upgraded_keeping_its_data(database_url: str) -> None:
    """A database left at the first revision (an older followup) is migrated on open."""
    from alembic import command
    from alembic.config import Config

    store = open_store(database_url)
    app = store.add_application("Acme", "SRE", created_at=_NOON)
    with store.engine.begin() as connection:
        config = Config()
        config.set_main_option("script_location", "followup.store:migrations")
        config.attributes["connection"] = connection
        command.downgrade(config, REVISIONS[0])
        assert stored_revision(connection) == REVISIONS[0]
    store.close()

    reopened = open_store(database_url)
    with reopened.engine.connect() as connection:
        assert stored_revision(connection) == HEAD
    assert reopened.applications() == [app]
    reopened.close()


def test_a_new_database_opened_by_several_processes_is_migrated_once(database_url: str) -> None:
    """The migration lock: concurrent first opens wait for one another instead of failing."""
    code = (
        "import sys; from followup.store import open_store; "
        "open_store(sys.argv[1]).close(); print('ok')"
    )
    processes = [
        subprocess.Popen(
            [sys.executable, "-c", code, database_url],
            text=True,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            env={"PYTHONPATH": str(SRC), "PATH": "/usr/bin:/bin"},
        )
        for _ in range(4)
    ]
    for process in processes:
        stdout, stderr = process.communicate(timeout=120)
        assert process.returncode == 0, stderr
        assert stdout.strip() == "ok"
    engine = create_engine(database_url)
    with engine.connect() as connection:
        assert stored_revision(connection) == HEAD
        rows = connection.execute(text("SELECT count(*) FROM alembic_version")).scalar_one()
    engine.dispose()
    assert rows == 1
