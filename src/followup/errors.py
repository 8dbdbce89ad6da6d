"""The one base of every refusal the user can fix: a code, its parameters and the problem.

Below the front ends nothing words a fix: a use case, the store or an adapter says what is
wrong (`problem`, in plain words), names it with a stable `code` ("application.not-found")
and hands the values a fix needs as `params`. Each front end words the fix its own way: the
CLI names the command and flag (followup.cli.fixes), the web app marks the form field.
Nothing here imports anything.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any


class UserError(Exception):
    """A request refused for a reason the user can fix; nothing was written."""

    default_code = "invalid-input"

    def __init__(
        self,
        problem: str,
        fix: str | None = None,
        *,
        code: str | None = None,
        params: Mapping[str, Any] | None = None,
    ) -> None:
        super().__init__(problem if fix is None else f"{problem} (fix: {fix})")
        self.problem = problem
        self.code = code or self.default_code
        self.params: dict[str, Any] = dict(params or {})
        # A fix worded where the error was raised: kept only where no front end has its own
        # wording for the code yet (followup.cli.fixes words the CLI's).
        self.fix = fix
