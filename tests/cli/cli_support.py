"""Helpers the CLI tests import by name (a unique module name, unlike conftest)."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from pathlib import Path
from typing import Any

from click.testing import Result

Run = Callable[..., Result]


def database_rows(home: Path) -> dict[str, list[tuple[Any, ...]]]:
    """Every row of every table of the home's SQLite database (empty if there is none)."""
    path = home / "followup.db"
    if not path.exists():
        return {}
    with sqlite3.connect(path) as connection:
        tables = [
            r[0]
            for r in connection.execute(
                "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name"
            )
        ]
        return {t: connection.execute(f'SELECT * FROM "{t}"').fetchall() for t in tables}
