"""Fixtures of the whole suite: a private data home per test, and a throw-away PostgreSQL.

PostgreSQL: one cluster per test session (per xdist worker), started from Debian's
`postgresql` package in a temp dir with its unix socket there; each test that asks for it
gets a database of its own. If PostgreSQL cannot start, the tests that need it fail when
FOLLOWUP_REQUIRE_POSTGRES=1 (CI), and otherwise skip with the reason.
"""

from __future__ import annotations

import contextlib
import itertools
import os
import pwd
import shutil
import socket
import subprocess
import sys
import tempfile
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, settings

from followup.config import SETTINGS

# CI runs on a busy 2-core machine: a slow example is not a failure (speed is measured by
# bench/, not by tests). Tests that set their own @settings keep these defaults otherwise.
settings.register_profile("followup", deadline=None, suppress_health_check=[HealthCheck.too_slow])
settings.load_profile("followup")


@pytest.fixture(autouse=True)
def followup_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Every test gets an empty data home; the caller's settings don't leak in."""
    for spec in SETTINGS:
        monkeypatch.delenv(spec.env, raising=False)
        monkeypatch.delenv(spec.env + "_FILE", raising=False)
    monkeypatch.delenv("FOLLOWUP_CONFIG", raising=False)
    home = tmp_path / "followup-home"
    monkeypatch.setenv("FOLLOWUP_HOME", str(home))
    return home


class MemoryKeyring:
    """An in-memory keyring backend: a headless test machine has no OS keyring."""

    def __init__(self) -> None:
        self.passwords: dict[tuple[str, str], str] = {}

    def get_password(self, service: str, username: str) -> str | None:
        return self.passwords.get((service, username))

    def set_password(self, service: str, username: str, password: str) -> None:
        self.passwords[(service, username)] = password

    def delete_password(self, service: str, username: str) -> None:
        self.passwords.pop((service, username), None)


SRC = Path(__file__).resolve().parents[1] / "src"


@pytest.fixture
def fresh_python() -> Callable[[str], str]:
    """fresh_python(code) -> what `code` prints, run by a new Python process that imports
    followup from src/ (with this test's environment): for what only a fresh interpreter
    shows, such as which modules an import pulls in."""

    def run(code: str) -> str:
        env = dict(os.environ, PYTHONPATH=str(SRC))
        command = [sys.executable, "-c", code]
        return subprocess.run(command, capture_output=True, text=True, env=env, check=True).stdout

    return run


@pytest.fixture
def imported_by(fresh_python: Callable[[str], str]) -> Callable[[str], set[str]]:
    """imported_by(code) -> the names of the modules a new Python process has loaded once it
    has run `code` (see fresh_python)."""

    def modules(code: str) -> set[str]:
        return set(fresh_python(code + "\nimport sys\nprint(*sys.modules)").split())

    return modules


@pytest.fixture
def memory_keyring() -> Iterator[MemoryKeyring]:
    """The keyring of this test: in memory, put back as it was afterwards."""
    import keyring
    from keyring.backend import KeyringBackend

    class Backend(MemoryKeyring, KeyringBackend):
        priority = 1

        def __init__(self) -> None:
            MemoryKeyring.__init__(self)

    previous = keyring.get_keyring()
    backend = Backend()
    keyring.set_keyring(backend)
    yield backend
    keyring.set_keyring(previous)


class PostgresCluster:
    """A private PostgreSQL server: `initdb` into a temp dir, `pg_ctl start`, trust auth."""

    def __init__(self, bindir: Path, directory: Path) -> None:
        self.bindir = bindir
        self.directory = directory
        self.data = directory / "data"
        self.port = _free_port()
        self._counter = itertools.count(1)
        self._owner = "postgres" if os.geteuid() == 0 else None

    def _run(self, *args: str) -> None:
        command = [str(self.bindir / args[0]), *args[1:]]
        if self._owner:
            command = ["runuser", "-u", self._owner, "--", *command]
        result = subprocess.run(command, capture_output=True, text=True, timeout=120, check=False)
        if result.returncode != 0:
            raise RuntimeError(f"{args[0]} failed: {(result.stderr or result.stdout).strip()}")

    def start(self) -> None:
        if self._owner:
            user = pwd.getpwnam(self._owner)
            os.chown(self.directory, user.pw_uid, user.pw_gid)
        self._run(
            "initdb",
            "-D",
            str(self.data),
            "-A",
            "trust",
            "-U",
            "followup",
            "-N",
            "-E",
            "UTF8",
            "--locale=C",
        )
        options = (
            f"-p {self.port} -k {self.directory} -c listen_addresses=127.0.0.1 "
            "-c fsync=off -c synchronous_commit=off -c full_page_writes=off"
        )
        self._run(
            "pg_ctl",
            "-D",
            str(self.data),
            "-o",
            options,
            "-l",
            str(self.directory / "server.log"),
            "-w",
            "-t",
            "60",
            "start",
        )

    def stop(self) -> None:
        with contextlib.suppress(Exception):
            self._run("pg_ctl", "-D", str(self.data), "-m", "immediate", "-w", "stop")

    def url(self, database: str) -> str:
        return f"postgresql+psycopg://followup@/{database}?host={self.directory}&port={self.port}"

    def admin(self) -> Any:
        """A connection to the `postgres` database, in autocommit (CREATE DATABASE and such)."""
        import psycopg

        return psycopg.connect(
            host=str(self.directory),
            port=self.port,
            user="followup",
            dbname="postgres",
            autocommit=True,
        )

    def new_database(self) -> str:
        """The URL of a new, empty database."""
        name = f"test_{os.getpid()}_{next(self._counter)}"
        with self.admin() as conn:
            conn.execute(f'CREATE DATABASE "{name}"')
        return self.url(name)


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _postgres_bindir() -> Path | None:
    """The newest installed server's bin directory (/usr/lib/postgresql/<version>/bin)."""
    found = [p.parent for p in Path("/usr/lib/postgresql").glob("*/bin/initdb")]
    found.sort(key=lambda p: int(p.parent.name) if p.parent.name.isdigit() else 0)
    return found[-1] if found else None


def _unavailable(reason: str) -> None:
    message = f"PostgreSQL is not available: {reason}"
    if os.environ.get("FOLLOWUP_REQUIRE_POSTGRES") == "1":
        pytest.fail(message + " (FOLLOWUP_REQUIRE_POSTGRES=1)", pytrace=False)
    pytest.skip(
        message + " - install Debian's postgresql package (scripts/test does) "
        "to run the store tests on PostgreSQL too"
    )


@pytest.fixture(scope="session")
def postgres_cluster() -> Iterator[PostgresCluster]:
    bindir = _postgres_bindir()
    if bindir is None:
        _unavailable("no /usr/lib/postgresql/*/bin/initdb")
    assert bindir is not None
    directory = Path(tempfile.mkdtemp(prefix="followup-pg-"))
    cluster = PostgresCluster(bindir, directory)
    try:
        cluster.start()
    except Exception as exc:  # what failed is in the message; the test run says it
        shutil.rmtree(directory, ignore_errors=True)
        _unavailable(str(exc))
    yield cluster
    cluster.stop()
    shutil.rmtree(directory, ignore_errors=True)


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def database_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """The URL of an empty database, once on SQLite and once on PostgreSQL."""
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'store.db'}"
    cluster: PostgresCluster = request.getfixturevalue("postgres_cluster")
    return cluster.new_database()
