"""`followup lint`: check a draft against the content rules before it is sent.

Exit codes: 0 no error-level finding, 1 at least one error, 2 bad input.
"""

from __future__ import annotations

import itertools
from typing import TYPE_CHECKING, Any

import click

from followup.cli.common import ROW_ID, context, emit, json_option
from followup.cli.errors import UsageProblem, one_line

if TYPE_CHECKING:
    from followup.lint import LintResult


def read_draft(file: str) -> str:
    """The draft's text from a file or "-" (stdin), refusing what cannot be a draft."""
    name = "standard input" if file == "-" else file
    try:
        with click.open_file(file, "rb") as stream:
            data: bytes = stream.read()
    except OSError as exc:
        raise UsageProblem(
            f"cannot read {name}: {exc.strerror or exc} (fix: check the path)"
        ) from None
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise UsageProblem(
            f"{name} is not UTF-8 text (byte 0x{data[exc.start]:02x} at offset {exc.start}) "
            "(fix: save the draft as UTF-8)"
        ) from None
    if not text.strip():
        raise UsageProblem(
            f"the draft in {name} is empty (fix: pass a file with the message, or pipe it in)"
        )
    return text


# What never reaches the terminal from a draft: bell, backspace, vertical tab, form feed and
# carriage return (they could move the cursor over what is shown).
_CONTROL = dict.fromkeys([7, 8, 11, 12, 13])
_STYLES: dict[str, dict[str, Any]] = {
    "error": {"fg": "white", "bg": "red", "bold": True},
    "warning": {"fg": "black", "bg": "yellow"},
}


def _clean(text: str) -> str:
    return text.translate(_CONTROL)


def _highlighted(text: str, result: LintResult) -> str:
    """The draft with each finding's span in its severity's colours (click drops the colours
    when the output is no terminal), tabs set to every 8 columns."""
    marks: list[str | None] = [None] * len(text)
    for f in sorted(result.findings, key=lambda f: f.severity.value != "error"):
        kind = "error" if f.severity.value == "error" else "warning"
        for at in range(f.start, min(max(f.end, f.start + 1), len(text))):
            marks[at] = kind
    shown: list[tuple[str, str | None]] = []
    column = 0
    for char, mark in zip(text, marks, strict=True):
        if ord(char) in _CONTROL:
            continue
        piece = " " * (8 - column % 8) if char == "\t" else char
        column = 0 if char == "\n" else column + len(piece)
        shown.append((piece, mark))
    return "".join(
        "".join(p for p, _ in group)
        if mark is None
        else click.style("".join(p for p, _ in group), **_STYLES[mark])
        for mark, group in itertools.groupby(shown, key=lambda pm: pm[1])
    )


def show_human(text: str, result: LintResult) -> None:
    """The draft with each finding's text highlighted, then the findings, one a line."""
    click.echo(_highlighted(text.rstrip("\n"), result))
    click.echo()
    for f in result.findings:
        line = text.count("\n", 0, f.start) + 1
        column = f.start - (text.rfind("\n", 0, f.start) + 1) + 1
        colour = "red" if f.severity.value == "error" else "yellow"
        severity = click.style(f.severity.value, fg=colour)
        rule = click.style(f.rule, bold=True)
        click.echo(f"{severity} {line}:{column} {rule} {_clean(f.message)}")
        click.echo(click.style(f"    fix: {_clean(f.hint)}", dim=True))
    s = result.stats
    errors = len(result.errors)
    warnings = len(result.findings) - errors
    spoken = f", about {s.spoken_seconds:.0f} s spoken" if s.spoken_seconds is not None else ""
    click.echo(
        f"{errors} error(s), {warnings} warning(s); {s.words} words in "
        f"{s.paragraphs} paragraph(s){spoken}"
    )


@click.command("lint")
@click.option(
    "--kind", required=True, help="Message kind, e.g. thank-you, status-check, voicemail."
)
@click.option(
    "--app", "app_id", type=ROW_ID, help="Check names, company and role against this application."
)
@click.option("--person", "person_id", type=ROW_ID, help="The recipient (a person id of --app).")
@click.option("--recipient", help="The recipient's name, when not using --app/--person.")
@click.option("--company", help="The company's name, when not using --app.")
@click.option("--role", help="The role, when not using --app.")
@click.option(
    "--offer",
    "has_offer",
    is_flag=True,
    default=None,
    help="An offer exists: pay may be discussed.",
)
@click.option("--employer-raised-pay", is_flag=True, default=None, help="They raised pay first.")
@click.option(
    "--linkedin-limit",
    type=click.IntRange(1, 3000),
    help="Characters of a LinkedIn note (default 200).",
)
@click.option(
    "--rules",
    "rules_file",
    help="Your own rules file (YAML, as the shipped rules.yaml) instead of the shipped rules.",
)
@json_option
@click.argument("file", default="-", required=False)
def lint(
    *,
    kind: str,
    app_id: int | None,
    person_id: int | None,
    recipient: str | None,
    company: str | None,
    role: str | None,
    has_offer: bool | None,
    employer_raised_pay: bool | None,
    linkedin_limit: int | None,
    rules_file: str | None,
    file: str,
) -> None:
    """Check a draft (FILE, or "-" for standard input) against the content rules.

    Exit code 0 when no error-level finding, 1 when there is one, 2 for bad input.
    """
    from followup.app.linting import LintRequest, lint_message
    from followup.cli.fixes import worded
    from followup.errors import UserError
    from followup.lint import LintRulesError

    overrides: dict[str, object] = {
        "recipient_name": recipient,
        "company": company,
        "role": role,
        "has_offer": has_offer,
        "employer_raised_pay": employer_raised_pay,
        "linkedin_limit": linkedin_limit,
    }
    if person_id is not None and app_id is None:
        raise UsageProblem("--person needs --app (fix: give the application the person belongs to)")
    request = LintRequest(
        read_draft(file), kind, app_id, person_id, overrides, rules_file=rules_file
    )
    try:
        result = lint_message(context(), request)
    except LintRulesError as exc:
        raise UsageProblem(str(exc)) from None
    except UserError as exc:  # `lint` also runs on its own, outside the followup group
        raise UsageProblem(one_line(worded(exc))) from None
    emit(result.to_dict(), lambda: show_human(request.text, result))
    if not result.ok:
        raise click.exceptions.Exit(1)  # an error-level finding: do not send it as it is
