"""The error of bad CLI input: one line on stderr, exit code 2, nothing written."""

from __future__ import annotations

from typing import IO, Any

import click

BAD_INPUT = 2
UNEXPECTED = 1


class UsageProblem(click.ClickException):
    """Bad input; the message names the problem and the fix: `problem (fix: ...)`."""

    exit_code = BAD_INPUT

    def show(self, file: IO[Any] | None = None) -> None:
        click.echo(f"error: {self.format_message()}", err=True)


def one_line(text: str) -> str:
    return " ".join(text.split())
