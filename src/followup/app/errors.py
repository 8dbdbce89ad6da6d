"""The refusal of a use case for input the user can fix."""

from __future__ import annotations

from followup.errors import UserError


class InputError(UserError):
    """Bad input: nothing was written. Raised with a code and its parameters; each front end
    words the fix (followup.cli.fixes for the CLI)."""
