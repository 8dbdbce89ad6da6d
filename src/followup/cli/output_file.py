"""Files a command writes the user's data to (backups, exports, the calendar): made 0600,
and an existing file is replaced only with --force."""

from __future__ import annotations

import os
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

import click

from followup.cli.errors import UsageProblem

F = TypeVar("F", bound=Callable[..., Any])
FILE_MODE = 0o600


def force_option(command: F) -> F:
    return click.option("--force", is_flag=True, help="Replace FILE if it exists.")(command)


def _exists(path: Path) -> UsageProblem:
    return UsageProblem(f"{path} already exists (fix: name another file, or add --force)")


def check_new(path: Path | None, force: bool) -> None:
    """Refuse an existing file before any work is done (nothing written)."""
    if path is not None and str(path) != "-" and not force and path.exists():
        raise _exists(path)


def write_private(path: Path | None, data: bytes, force: bool) -> None:
    """`data` to `path` (standard output for None or "-"), readable by the user only."""
    if path is None or str(path) == "-":
        sys.stdout.buffer.write(data)
        sys.stdout.buffer.flush()
        return
    flags = os.O_WRONLY | os.O_CREAT | (os.O_TRUNC if force else os.O_EXCL)
    try:
        handle = os.open(path, flags, FILE_MODE)
    except FileExistsError:
        raise _exists(path) from None
    except OSError as exc:
        raise UsageProblem(
            f"cannot write {path}: {exc.strerror} (fix: name a file in a folder you can write)"
        ) from None
    with os.fdopen(handle, "wb") as stream:
        os.fchmod(stream.fileno(), FILE_MODE)  # a replaced file keeps its old mode otherwise
        stream.write(data)
