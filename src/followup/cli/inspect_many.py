"""`followup inspect` over many messages: files, folders (a Maildir too) and mbox files.

One line a message (its class, where it is, the first reason), then the count of each
class; `--json` gives each reading with its "file". A file that cannot be read is named on
standard error and the rest are read; the exit code is 2 when no message could be read.
A progress bar goes to standard error while a terminal watches.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

import click

from followup.cli.common import emit
from followup.cli.errors import UsageProblem
from followup.cli.message_files import Found, files, read


def inspect_many(
    paths: tuple[Path, ...],
    user_addresses: tuple[str, ...],
    messages: Iterable[Found] | None = None,
) -> None:
    """Read every message under `paths` (or `messages`, already read from them)."""
    from followup.app.mail.files import MessageFile, inspect_file

    readings: list[dict[str, Any]] = []
    problems: list[dict[str, str]] = []
    for found in _with_progress(files(paths)) if messages is None else messages:
        if found.problem is not None:
            problems.append({"file": found.name, "problem": found.problem})
            click.echo(f"warning: {found.name}: {found.problem}; left out", err=True)
            continue
        reading = inspect_file(MessageFile(found.raw, user_addresses))
        readings.append({"file": found.name, **reading})
    if not readings:
        raise UsageProblem(
            "no message could be read from "
            + ", ".join(str(p) for p in paths)
            + " (fix: pass .eml files, a folder of them or an mbox file)"
        )
    counts = Counter(r["class"] for r in readings)
    summary = {"messages": len(readings), "classes": dict(counts.most_common())}
    emit(
        {"readings": readings, "unread": problems, **summary},
        lambda: _human(readings, counts, len(problems)),
    )


def _with_progress(items: list[Path | Found]) -> Iterator[Found]:
    """Each message of the files, with a bar on a terminal's standard error."""
    from followup.cli.progress import bars

    with bars("reading") as advance:
        for done, item in enumerate(items, start=1):
            yield from _messages(item)
            if len(items) >= 20:
                advance("files", done, len(items))


def _messages(item: Path | Found) -> Iterator[Found]:
    if isinstance(item, Found):
        yield item
    else:
        yield from read(item)


def _human(readings: list[dict[str, Any]], counts: Counter[str], unread: int) -> None:
    width = max(len(c) for c in counts)
    for reading in readings:
        reason = reading["evidence"][0] if reading["evidence"] else ""
        click.echo(f"{reading['class']:<{width}}  {reading['file']}  {reason}".rstrip())
    total = len(readings)
    parts = ", ".join(f"{n} {kind}" for kind, n in counts.most_common())
    tail = f"; {unread} file{'s' if unread != 1 else ''} left out" if unread else ""
    click.echo(f"{total} message{'s' if total != 1 else ''}: {parts}{tail}")
