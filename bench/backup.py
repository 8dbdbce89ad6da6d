"""How long a full backup and a restore take for a large search (10,000 applications by
default, generated: followup.app.sample), on SQLite in a temporary home.

Prints the time of each, and, as the baseline measured in the same run, the time to read
every row of the same database (what any backup must at least do), with the ratios.
The target is under 10 s each.

    python bench/backup.py [--applications 10000] [--reuse DIR]

Generating the search takes minutes; `--reuse DIR` times again on the one an earlier run
generated (the directory it printed, holding `a/`).
"""

from __future__ import annotations

import contextlib

with contextlib.suppress(ModuleNotFoundError):  # bench/ is off sys.path: python -P, or a test
    import benchpath  # noqa: F401  (first: see bench/benchpath.py)

import argparse
import shutil
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path

from followup.app.clock import FixedClock
from followup.app.root import build_context
from followup.app.sample import generate_search
from followup.app.transfer import backup_bytes, restore
from followup.config import load_settings

NOW = datetime(2026, 3, 18, 12, tzinfo=UTC)


def context_in(home: Path):  # type: ignore[no-untyped-def]
    home.mkdir(mode=0o700, parents=True, exist_ok=True)
    settings = load_settings({"FOLLOWUP_HOME": str(home), "FOLLOWUP_USER_TZ": "UTC"})
    return build_context(settings, clock=FixedClock(NOW))


def read_everything(home: Path) -> int:
    """The baseline: every row of every table, read with sqlite3."""
    import sqlite3

    with sqlite3.connect(home / "followup.db") as conn:
        names = [r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")]
        return sum(len(conn.execute(f'SELECT * FROM "{n}"').fetchall()) for n in names)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--applications", type=int, default=10_000)
    parser.add_argument("--reuse", type=Path, help="A directory an earlier run generated.")
    args = parser.parse_args()
    root = args.reuse or Path(tempfile.mkdtemp(prefix="followup-bench-backup-"))
    source = context_in(root / "a")
    if args.reuse is None:
        started = time.perf_counter()
        generate_search(source, args.applications)
        took = time.perf_counter() - started
        print(f"generated {args.applications} applications in {took:.1f} s")
    else:
        shutil.rmtree(root / "b", ignore_errors=True)

    started = time.perf_counter()
    rows = read_everything(root / "a")
    baseline = time.perf_counter() - started

    started = time.perf_counter()
    data = backup_bytes(source)
    backup_time = time.perf_counter() - started
    source.close()

    target = context_in(root / "b")
    target.store()  # a new database is migrated when first opened: not part of a restore
    started = time.perf_counter()
    restored = restore(target, data)
    restore_time = time.perf_counter() - started
    target.close()
    assert sum(restored.rows.values()) == rows - 1 - 1, (rows, restored.rows)  # owner, alembic

    print(f"{rows} rows, backup {len(data) / 1e6:.1f} MB (in {root})")
    print(f"read every row (sqlite3, baseline): {baseline:6.2f} s")
    for name, value in (("backup", backup_time), ("restore into an empty home", restore_time)):
        print(f"{name + ':':36s}{value:6.2f} s  ({value / baseline:.1f}x the baseline)")
    verdict = "within" if max(backup_time, restore_time) < 10 else "OVER"
    print(f"target: under 10 s each: {verdict}")


if __name__ == "__main__":
    main()
