"""Raw messages from the paths a user names: a saved message (.eml), a folder of them (a
Maildir's cur/ and new/ included, walked in name order) or an mbox file (split into its
messages). The reading of the files, at the CLI's edge; what is read is classified below it.
"""

from __future__ import annotations

import mailbox
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

MAX_MESSAGE_BYTES = 50 * 1024 * 1024
_MBOX_START = b"From "


@dataclass(frozen=True, slots=True)
class Found:
    """One message (`raw`), or why a file gave none (`problem`); `name` says where it was:
    the path, with `#N` for the N-th message of an mbox."""

    name: str
    raw: bytes = b""
    problem: str | None = None


def files(paths: tuple[Path, ...]) -> list[Path | Found]:
    """The files under the paths, in the order given (a folder's by name, hidden ones left
    out), or a Found with the problem of a folder that holds none."""
    out: list[Path | Found] = []
    for path in paths:
        if path.is_dir():
            inside = sorted(p for p in path.rglob("*") if p.is_file() and not _hidden(p, path))
            out.extend(inside or [Found(str(path), problem="a folder with no files")])
        else:
            out.append(path)
    return out


def _hidden(file: Path, root: Path) -> bool:
    return any(part.startswith(".") for part in file.relative_to(root).parts)


def read(path: Path) -> Iterator[Found]:
    """The messages of one file: one, or each of an mbox's."""
    name = str(path)
    try:
        with path.open("rb") as handle:
            head = handle.read(len(_MBOX_START))
        size = path.stat().st_size
    except FileNotFoundError:
        yield Found(name, problem="no such file")
        return
    except OSError as exc:
        yield Found(name, problem=f"cannot be read ({exc.strerror or type(exc).__name__})")
        return
    if head == _MBOX_START:
        yield from _mbox(path)
        return
    if size > MAX_MESSAGE_BYTES:
        yield Found(name, problem="larger than 50 MB")
        return
    try:
        raw = path.read_bytes()
    except OSError as exc:
        yield Found(name, problem=f"cannot be read ({exc.strerror or type(exc).__name__})")
        return
    if not raw.strip():
        yield Found(name, problem="empty")
        return
    yield Found(name, raw)


def _mbox(path: Path) -> Iterator[Found]:
    """The messages of an mbox file; a file of one message whose first line is an mbox
    "From " line is read the same way (the line is not part of the message)."""
    box = mailbox.mbox(path, create=False)
    try:
        keys = box.keys()
        for number, key in enumerate(keys, start=1):
            raw = box.get_bytes(key)
            name = f"{path}#{number}" if len(keys) > 1 else str(path)
            if len(raw) > MAX_MESSAGE_BYTES:
                yield Found(name, problem="larger than 50 MB")
            elif raw.strip():
                yield Found(name, raw)
    except OSError as exc:
        yield Found(str(path), problem=f"cannot be read ({exc.strerror or type(exc).__name__})")
    finally:
        box.close()
