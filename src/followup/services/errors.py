"""The error of a use case refused for input the user can fix."""

from __future__ import annotations


class InputError(Exception):
    """Bad input: nothing was written. str() is `problem (fix: ...)`."""

    def __init__(self, problem: str, fix: str) -> None:
        super().__init__(f"{problem} (fix: {fix})")
        self.problem = problem
        self.fix = fix
