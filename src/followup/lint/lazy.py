"""A regular expression compiled on its first use.

Most of the shipped rules' patterns are never run on a given draft: a pattern none of whose
keys the draft holds is skipped (see lint.keys). Yet a compiled pattern read back from the
kept rules (followup.kept) is compiled again by pickle, which was most of the rules' load
in `followup draft` and `followup lint`. A `LazyPattern` keeps its source and flags, is
kept as them, and compiles when a check first runs it.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Iterator
from typing import Any


class LazyPattern:
    """What the checks use of a `re.Pattern`, compiled when first needed."""

    __slots__ = ("_compiled", "flags", "pattern")

    def __init__(self, pattern: str, flags: int = 0) -> None:
        self.pattern = pattern
        self.flags = flags
        self._compiled: re.Pattern[str] | None = None

    @classmethod
    def of(cls, compiled: re.Pattern[str]) -> LazyPattern:
        """One already compiled (the process that checked the rules has it at hand)."""
        lazy = cls(compiled.pattern, compiled.flags)
        lazy._compiled = compiled
        return lazy

    @property
    def compiled(self) -> re.Pattern[str]:
        if self._compiled is None:
            self._compiled = re.compile(self.pattern, self.flags)
        return self._compiled

    def finditer(
        self, text: str, pos: int = 0, endpos: int = sys.maxsize
    ) -> Iterator[re.Match[str]]:
        return self.compiled.finditer(text, pos, endpos)

    def match(self, text: str, pos: int = 0, endpos: int = sys.maxsize) -> re.Match[str] | None:
        return self.compiled.match(text, pos, endpos)

    def search(self, text: str, pos: int = 0, endpos: int = sys.maxsize) -> re.Match[str] | None:
        return self.compiled.search(text, pos, endpos)

    def __reduce__(self) -> tuple[Any, ...]:
        return (LazyPattern, (self.pattern, self.flags))  # the source, never the compiled code

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, LazyPattern):
            return NotImplemented
        return (self.pattern, self.flags) == (other.pattern, other.flags)

    def __hash__(self) -> int:
        return hash((self.pattern, self.flags))

    def __repr__(self) -> str:
        return f"LazyPattern({self.pattern!r}, {self.flags!r})"
