"""Imported first by the scripts in bench/, so that each runs as `python bench/NAME.py`.

Run as a script, a file's own folder comes first on sys.path, and this folder holds
inspect.py (the mail benchmark, named so by its issue): the standard library's `inspect`,
which dataclasses and asyncio import, would be read from here instead. This module imports
the standard one while bench/ is off the path, so the name is taken for good, then puts the
folder back (bench/today.py imports bench/cli.py) and the checkout's src/ first, so a
script measures the code next to it.

With `python -P`, or when a test loads a script by its path, bench/ is not on sys.path:
the scripts then skip this import, and nothing needs fixing.
"""

from __future__ import annotations

import sys
from pathlib import Path  # imports no `inspect` (tests/test_bench_path.py runs each script)

HERE = Path(__file__).resolve().parent
SRC = HERE.parent / "src"

_path = list(sys.path)
sys.path[:] = [p for p in _path if Path(p or ".").resolve() != HERE]
import inspect  # noqa: E402, F401  (the standard library's, while bench/ is off the path)

sys.path[:] = [str(SRC), *(p for p in _path if p != str(SRC))]
