"""Built data kept on disk between runs, as Python keeps bytecode: the shipped lint rules
and playbooks.

Checking and compiling rules.yaml (YAML nodes, the schema, about 170 patterns and their
needles) costs a good part of `followup draft`'s and `followup lint`'s start-up; reading
the pickled result back costs a fifth of it. A shipped playbook read back needs no YAML
parser at all (importing PyYAML compiles a dozen patterns).

The file's name is a digest of everything the value was built from: the text, the Python
version, and the size and time of the modules that define its classes. Anything else (a
changed text, an edited module, a new Python) names another file, so a stale value is
never read. The folder is the platform's user cache (`$XDG_CACHE_HOME/followup` on
Linux); a cache that can't be read or written is only slower, never an error.
"""

from __future__ import annotations

import copyreg
import hashlib
import io
import pickle
import sys
from collections.abc import Callable, Iterable
from pathlib import Path
from types import MappingProxyType
from typing import Any, TypeVar

T = TypeVar("T")
FORMAT = 1  # raise to drop every kept file of an older layout
# Frozen values hold read-only mappings; pickle keeps them as dicts wrapped again on load.
_DISPATCH = copyreg.dispatch_table.copy()
_DISPATCH[MappingProxyType] = lambda m: (read_only, (dict(m),))


def read_only(mapping: dict[Any, Any]) -> MappingProxyType[Any, Any]:
    return MappingProxyType(mapping)


def cache_dir() -> Path:
    from followup.config import user_dir

    return user_dir("cache")


def digest(text: str, modules: Iterable[str]) -> str:
    """What names a kept value: its source text and the code that builds and defines it."""
    parts = [str(FORMAT), sys.version, text]
    for name in modules:
        stat = Path(name).stat()
        parts.append(f"{name}:{stat.st_size}:{stat.st_mtime_ns}")
    return hashlib.sha256("\0".join(parts).encode()).hexdigest()[:40]


def kept(
    name: str, text: str, modules: Iterable[str], build: Callable[[], T], folder: Path | None = None
) -> T:
    """`build()`, or what an earlier run kept of it for the same text and code."""
    where = (folder or cache_dir()) / f"{name}-{digest(text, modules)}.pickle"
    try:
        value: T = pickle.loads(where.read_bytes())  # the user's own cache, as trusted as bytecode
        return value
    except Exception:  # missing, unreadable or broken: build it again
        pass
    value = build()
    try:
        where.parent.mkdir(parents=True, exist_ok=True)
        data = io.BytesIO()
        pickler = pickle.Pickler(data, protocol=pickle.HIGHEST_PROTOCOL)
        pickler.dispatch_table = _DISPATCH
        pickler.dump(value)
        import tempfile  # only to write (it imports random, shutil and more)

        with tempfile.NamedTemporaryFile(dir=where.parent, delete=False) as out:
            out.write(data.getvalue())
        Path(out.name).replace(where)  # whole or not at all, for a process reading at once
    except Exception:  # a full disk, a value pickle can't keep: only slower next time
        pass
    return value
