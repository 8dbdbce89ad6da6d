"""Private by default: the data home is 0700 and the database files 0600.

A job search holds names, addresses, notes on people and mail settings: no other local user
may read them. New files and directories are created private; ones found looser (an older
followup, a restore, a umask of 022) are tightened with a warning.
"""

from __future__ import annotations

import logging
import os
import stat
from pathlib import Path

log = logging.getLogger(__name__)

DIR_MODE = 0o700
FILE_MODE = 0o600
SQLITE_SIDE_FILES = ("-wal", "-shm", "-journal")


def private_dir(path: Path) -> None:
    """Create `path` (and missing parents) 0700; tighten it if it exists looser."""
    if not path.exists():
        path.mkdir(mode=DIR_MODE, parents=True, exist_ok=True)
        path.chmod(DIR_MODE)  # mkdir's mode is filtered by the umask
        return
    _tighten(path, DIR_MODE, "directory")


def private_file(path: Path) -> None:
    """Create `path` empty with 0600 if missing (an empty file is an empty SQLite
    database); tighten it if it exists looser."""
    if not path.exists():
        path.parent.mkdir(mode=DIR_MODE, parents=True, exist_ok=True)
        descriptor = os.open(path, os.O_CREAT | os.O_WRONLY, FILE_MODE)
        os.close(descriptor)
        return
    _tighten(path, FILE_MODE, "file")


def private_sqlite(path: Path) -> None:
    """The database file and the journal files SQLite keeps beside it."""
    private_file(path)
    for suffix in SQLITE_SIDE_FILES:
        side = path.with_name(path.name + suffix)
        if side.exists():
            _tighten(side, FILE_MODE, "file")


def _tighten(path: Path, mode: int, what: str) -> None:
    try:
        current = stat.S_IMODE(path.stat().st_mode)
        if current & ~mode & 0o777 == 0:
            return
        path.chmod(current & mode)
    except OSError as exc:  # not ours to change (another user's file): say so, go on
        log.warning("could not make the %s %s private: %s", what, path, exc)
        return
    log.warning(
        "the %s %s could be read by other users (mode %o); made it private (%o)",
        what,
        path,
        current,
        current & mode,
    )
