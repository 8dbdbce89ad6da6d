"""A progress bar on standard error for long work, shown only while a terminal watches it
(never in --json output, pipes or logs)."""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

from followup.cli.common import wants_json

Advance = Callable[[str, int, int], None]  # (what, done, total)


def watched() -> bool:
    return sys.stderr.isatty() and not wants_json()


@contextmanager
def bars(verb: str) -> Iterator[Advance]:
    """`advance(what, done, total)` draws one bar per `what` ("reading INBOX"); the bars
    vanish when the work is done, leaving the command's own output."""
    if not watched():
        yield _unwatched
        return
    from rich.console import Console
    from rich.progress import Progress

    tasks: dict[str, Any] = {}
    with Progress(console=Console(stderr=True), transient=True) as progress:

        def advance(what: str, done: int, total: int) -> None:
            if what not in tasks:
                tasks[what] = progress.add_task(f"{verb} {what}", total=total)
            progress.update(tasks[what], completed=done, total=total)

        yield advance


def _unwatched(what: str, done: int, total: int) -> None:
    """No terminal: nothing drawn."""
