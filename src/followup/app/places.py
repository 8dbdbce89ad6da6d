"""Where the data lives, checked before anything is opened: a data home that can't be
created or written, and a SQLite path that looks mistyped (SQLite would silently create an
empty database there), are refused with one line instead of a traceback or an empty search.
"""

from __future__ import annotations

import os
from pathlib import Path

from followup.app.errors import InputError


def usable_home(home: Path) -> None:
    """The data home exists (made private if new) and can be written."""
    from followup.store.privacy import private_dir

    try:
        private_dir(home)
    except OSError as exc:
        raise InputError(
            f"cannot use the data home {home}: {exc.strerror or exc}",
            code="home.unusable",
            params={"home": str(home)},
        ) from None
    if not os.access(home, os.W_OK | os.X_OK):
        raise InputError(
            f"cannot write in the data home {home}",
            code="home.unusable",
            params={"home": str(home)},
        )


def check_database_place(url: str, source: str | None) -> None:
    """A SQLite database the user named (not the default in the home) must sit in an
    existing directory, and a missing file must not look like a typo of one that exists."""
    if source in (None, "default"):
        return
    from followup.store import sqlite_path

    path = sqlite_path(url)
    if path is None:
        return
    path = path.expanduser()
    if not path.parent.is_dir():
        raise InputError(
            f"no directory {path.parent} for the database {path}",
            code="database.no-directory",
            params={"path": str(path), "directory": str(path.parent)},
        )
    if path.exists():
        return
    import difflib

    siblings = sorted(p.name for p in path.parent.iterdir() if p.suffix in (".db", ".sqlite"))
    close = difflib.get_close_matches(path.name, siblings, n=1, cutoff=0.75)
    if close:
        raise InputError(
            f"no database {path}; did you mean {path.parent / close[0]}?",
            code="database.mistyped",
            params={"path": str(path), "suggestion": str(path.parent / close[0])},
        )
