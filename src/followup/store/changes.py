"""Has anything been written since? A cheap probe, so a front end may keep what it computed
from the data (the plans of every application) until the data changes.

On SQLite, `PRAGMA data_version` on a connection of its own changes whenever any other
connection (this process's store, the CLI, a mail sync) commits. Other databases have no
such counter here: `version()` is None, which means "cannot tell" (compute again).
"""

from __future__ import annotations

import sqlite3

from followup.store import sqlite_path


class ChangeProbe:
    def __init__(self, url: str) -> None:
        path = sqlite_path(url)
        self._connection: sqlite3.Connection | None = None
        if path is not None and path.is_file():
            self._connection = sqlite3.connect(
                f"file:{path}?mode=ro", uri=True, check_same_thread=False
            )

    def version(self) -> int | None:
        if self._connection is None:
            return None
        row = self._connection.execute("PRAGMA data_version").fetchone()
        return int(row[0])

    def close(self) -> None:
        if self._connection is not None:
            self._connection.close()
            self._connection = None
