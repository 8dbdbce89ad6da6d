"""Two owners in one database: A (the local owner) with a full search, and B.

`two_owners` fills the test's `database_url` (SQLite, and PostgreSQL marked `postgres`)
twice: once with B empty, and once with B holding a twin of A's search (same emails,
Message-IDs, keys, account and folder; another company and other values), so a lookup by
natural key that forgot its owner finds the wrong row. Each test gets a fresh copy of a
database built once per session (app_databases.py); `build_two_owners` (builder.py) builds
one directly on any URL.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from app_databases import Templates, TwoOwnerCopies
from builder import TwoOwners


@pytest.fixture(scope="session")
def two_owner_templates(tmp_path_factory: pytest.TempPathFactory) -> Templates:
    return Templates(tmp_path_factory.mktemp("two-owner-templates"))


@pytest.fixture
def two_owner_copies(request: pytest.FixtureRequest) -> Iterator[TwoOwnerCopies]:
    copies = TwoOwnerCopies(request)
    yield copies
    copies.remove()


@pytest.fixture(params=[False, True], ids=["b-empty", "b-twin"])
def two_owners(
    request: pytest.FixtureRequest, database_url: str, two_owner_copies: TwoOwnerCopies
) -> TwoOwners:
    """(store_a, store_b, a, b) at `database_url` (SQLite and PostgreSQL): A filled by
    SearchBuilder, B empty or holding A's twin."""
    return two_owner_copies.make_at(database_url, twin=request.param)


@pytest.fixture
def twin_owners(database_url: str, two_owner_copies: TwoOwnerCopies) -> TwoOwners:
    """Both owners with a full search at `database_url` (both have a due schedule row...)."""
    return two_owner_copies.make_at(database_url, twin=True)


@pytest.fixture(params=[False, True], ids=["b-empty", "b-twin"])
def sqlite_two_owners(
    request: pytest.FixtureRequest, two_owner_copies: TwoOwnerCopies
) -> TwoOwners:
    """`two_owners` on SQLite only, for the fast sqlite3 reader."""
    return two_owner_copies.make("sqlite", twin=request.param)


@pytest.fixture(scope="module")
def servers() -> Iterator[Any]:
    """A Dovecot and an aiosmtpd of the test module's own (tests/mail/servers.py, which the
    modules that use them put on the path)."""
    from servers import running_servers

    with running_servers() as found:
        yield found
