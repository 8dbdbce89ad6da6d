"""`followup lint`: check a draft against the content rules before it is sent.

Exit codes: 0 no error-level finding, 1 at least one error, 2 bad input.
"""

from __future__ import annotations

import json
from typing import TYPE_CHECKING

import click

from followup.cli.errors import UsageProblem

if TYPE_CHECKING:
    from followup.lint import LintContext, LintResult
    from followup.store import Reader

PROFILE_NAME, PROFILE_PHONE, PROFILE_SIGNOFF = "profile.name", "profile.phone", "profile.signoff"


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


def context_from_store(
    reader: Reader, app_id: int, person_id: int | None, kind: str
) -> LintContext:
    from followup.lint import CandidateProfile, context_for, load_rules
    from followup.store import StoreError

    try:
        history = reader.history(app_id)
    except StoreError as exc:
        raise UsageProblem(f"{exc.problem} (fix: {exc.fix})") from None
    if person_id is not None and history.person(person_id) is None:
        known = ", ".join(f"{p.id} ({p.name})" for p in history.people) or "none yet"
        raise UsageProblem(
            f"no person with id {person_id} at application {app_id} "
            f"(fix: use one of the people there: {known})"
        )
    settings = reader.settings()
    signoff = settings.get(PROFILE_SIGNOFF)
    profile = CandidateProfile(
        name=settings.get(PROFILE_NAME),
        phone=settings.get(PROFILE_PHONE),
        signoffs=(*load_rules().signoffs, signoff) if signoff else None,
    )
    others = tuple(a.company for a in reader.applications() if a.id != app_id)
    return context_for(history, person_id, kind, profile, other_companies=others)


def build_context(
    kind: str, app_id: int | None, person_id: int | None, overrides: dict[str, object]
) -> LintContext:
    from dataclasses import replace

    from followup.lint import LintContext

    if person_id is not None and app_id is None:
        raise UsageProblem("--person needs --app (fix: give the application the person belongs to)")
    if app_id is None:
        ctx = LintContext(kind=kind)
    else:
        from followup.store import StoreError, open_reader

        try:
            reader = open_reader()
        except StoreError as exc:
            raise UsageProblem(str(exc)) from None
        try:
            ctx = context_from_store(reader, app_id, person_id, kind)
        finally:
            reader.close()
    changes = {k: v for k, v in overrides.items() if v is not None}
    return replace(ctx, **changes)  # type: ignore[arg-type]


def show_human(text: str, result: LintResult) -> None:
    """The draft with each finding's text highlighted, then the findings, one a line."""
    from rich.console import Console
    from rich.text import Text

    console = Console(highlight=False, soft_wrap=True)
    shown = Text(text.rstrip("\n"))
    for f in sorted(result.findings, key=lambda f: f.severity.value != "error"):
        style = "bold white on red" if f.severity.value == "error" else "black on yellow"
        shown.stylize(style, f.start, max(f.end, f.start + 1))
    console.print(shown)
    console.print()
    for f in result.findings:
        line = text.count("\n", 0, f.start) + 1
        column = f.start - (text.rfind("\n", 0, f.start) + 1) + 1
        colour = "red" if f.severity.value == "error" else "yellow"
        # Text pieces, not markup: the message quotes the draft, which may hold "[...]"
        console.print(
            Text.assemble(
                (f.severity.value, colour), f" {line}:{column} ", (f.rule, "bold"), f" {f.message}"
            )
        )
        console.print(Text(f"    fix: {f.hint}", style="dim"))
    s = result.stats
    errors = len(result.errors)
    warnings = len(result.findings) - errors
    spoken = f", about {s.spoken_seconds:.0f} s spoken" if s.spoken_seconds is not None else ""
    console.print(
        f"{errors} error(s), {warnings} warning(s); {s.words} words in "
        f"{s.paragraphs} paragraph(s){spoken}"
    )


@click.command("lint")
@click.option(
    "--kind", required=True, help="Message kind, e.g. thank-you, status-check, voicemail."
)
@click.option(
    "--app", "app_id", type=int, help="Check names, company and role against this application."
)
@click.option("--person", "person_id", type=int, help="The recipient (a person id of --app).")
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
@click.option("--json", "as_json", is_flag=True, help="Print the result as JSON.")
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
    as_json: bool,
    file: str,
) -> None:
    """Check a draft (FILE, or "-" for standard input) against the content rules.

    Exit code 0 when no error-level finding, 1 when there is one, 2 for bad input.
    """
    from followup.lint import LintRulesError, lint_text, load_rules

    try:
        rules = load_rules(rules_file)
    except LintRulesError as exc:
        raise UsageProblem(str(exc)) from None
    kinds = rules.kinds
    if kind not in kinds:
        raise UsageProblem(f"unknown message kind {kind!r} (fix: use one of: {', '.join(kinds)})")
    overrides: dict[str, object] = {
        "recipient_name": recipient,
        "company": company,
        "role": role,
        "has_offer": has_offer,
        "employer_raised_pay": employer_raised_pay,
        "linkedin_limit": linkedin_limit,
    }
    text = read_draft(file)
    ctx = build_context(kind, app_id, person_id, overrides)
    result = lint_text(text, ctx, rules)
    if as_json:
        click.echo(json.dumps(result.to_dict(), indent=2))
    else:
        show_human(text, result)
    if not result.ok:
        raise click.exceptions.Exit(1)  # an error-level finding: do not send it as it is
