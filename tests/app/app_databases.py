"""Fresh databases holding two owners' searches, for the tests of tests/app (imported by
name, `from app_databases import ...`; the fixtures in conftest.py use them).

Building a search migrates a new database and writes through the repositories (half a
second); the tests here run a few hundred probes, so each kind of database is built once per
session into a template and every test gets a fresh copy of it: a file copy on SQLite,
CREATE DATABASE ... TEMPLATE on PostgreSQL.
"""

from __future__ import annotations

import itertools
import os
import shutil
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
from builder import Search, TwoOwners, build_two_owners
from sqlalchemy.engine import make_url

from followup.store import open_store, sqlite_path


@dataclass
class Templates:
    """Databases built once per session, keyed by (backend, twin): URL, B's owner id, and
    the searches of A and B."""

    directory: Path
    built: dict[tuple[str, bool], tuple[str, int, Search, Search | None]] = field(
        default_factory=dict
    )
    numbers: Iterator[int] = field(default_factory=itertools.count)


class TwoOwnerCopies:
    """Fresh copies of the session's templates for one test; removed at its end."""

    def __init__(self, request: pytest.FixtureRequest) -> None:
        self.request = request
        self.templates: Templates = request.getfixturevalue("two_owner_templates")
        self.made: list[tuple[TwoOwners, str | None]] = []

    def _cluster(self) -> Any:
        return self.request.getfixturevalue("postgres_cluster")  # fails or skips without PG

    def _template(self, backend: str, twin: bool) -> tuple[str, int, Search, Search | None]:
        key = (backend, twin)
        if key not in self.templates.built:
            if backend == "sqlite":
                template_url = f"sqlite:///{self.templates.directory / f'twin-{twin}.db'}"
            else:
                template_url = self._cluster().new_database()
            built = build_two_owners(template_url, twin=twin)
            built.store_a.close()  # no connection may stay on a template
            self.templates.built[key] = (template_url, built.store_b.owner_id, built.a, built.b)
        return self.templates.built[key]

    def make(self, backend: str, *, twin: bool) -> TwoOwners:
        """A copy in a new database of its own."""
        number = next(self.templates.numbers)
        if backend == "sqlite":
            return self.make_at(
                f"sqlite:///{self.templates.directory / f'copy-{number}.db'}", twin=twin
            )
        return self.make_at(self._cluster().url(f"copy_{os.getpid()}_{number}"), twin=twin)

    def make_at(self, url: str, *, twin: bool) -> TwoOwners:
        """A copy at `url`: a SQLite file to write, or a PostgreSQL database (made again
        from the template if it exists, e.g. an empty `database_url`)."""
        backend = make_url(url).get_backend_name()
        template_url, owner_b, a, b = self._template(backend, twin)
        database = None
        if backend == "sqlite":
            source, target = sqlite_path(template_url), sqlite_path(url)
            assert source is not None and target is not None
            for suffix in ("", "-wal"):  # the WAL is checkpointed at close; copied if left
                if Path(f"{source}{suffix}").exists():
                    shutil.copyfile(f"{source}{suffix}", f"{target}{suffix}")
                    Path(f"{target}{suffix}").chmod(0o600)  # private, as the store keeps it
        else:
            database = make_url(url).database
            with self._cluster().admin() as admin:
                admin.execute(f'DROP DATABASE IF EXISTS "{database}"')
                template = make_url(template_url).database
                admin.execute(f'CREATE DATABASE "{database}" TEMPLATE "{template}"')
        store_a = open_store(url)
        owners = TwoOwners(store_a, store_a.as_owner(owner_b), a, b)
        self.made.append((owners, database))
        return owners

    def remove(self) -> None:
        for owners, database in self.made:
            owners.store_a.close()  # B's store shares the engine
            url = owners.store_a.url
            if database is None:
                path = sqlite_path(url)
                for suffix in ("", "-wal", "-shm"):
                    Path(f"{path}{suffix}").unlink(missing_ok=True)
            else:
                with self._cluster().admin() as admin:
                    admin.execute(f'DROP DATABASE IF EXISTS "{database}" WITH (FORCE)')
