"""`followup interview`: interviews, with who was there and what stood out."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

import click

from followup.app.records import interview_record
from followup.cli.changes_cmd import delete_command
from followup.cli.common import ROW_ID, context, emit, json_option, parse_date, parse_datetime
from followup.cli.errors import UsageProblem
from followup.domain.model import InterviewKind

KINDS = click.Choice([k.value for k in InterviewKind])
F = TypeVar("F", bound=Callable[..., Any])


@click.group()
def interview() -> None:
    """Interviews (add, list, set, delete)."""


def parse_notes(items: tuple[str, ...]) -> dict[int, str]:
    notes: dict[int, str] = {}
    for item in items:
        key, sep, text = item.partition("=")
        if not sep or not key.strip().isdigit() or not text.strip():
            raise UsageProblem(
                f"--note {item!r} is not PERSON_ID=TEXT "
                '(fix: write e.g. --note "3=their move to streaming")'
            )
        notes[int(key)] = text.strip()
    return notes


def people_options(with_help: str, note_help_end: str) -> Callable[[F], F]:
    """--with (who was there) and --note (what stood out with each), worded for a command."""
    with_option = click.option(
        "--with", "person_ids", type=ROW_ID, multiple=True, metavar="PERSON_ID", help=with_help
    )
    note_option = click.option(
        "--note",
        "notes",
        multiple=True,
        metavar="PERSON_ID=TEXT",
        help="The topic that stood out talking to that person, in a few words, e.g. "
        '3="their move to streaming"' + note_help_end,
    )
    return lambda command: with_option(note_option(command))


@interview.command("add")
@click.option("--app", "app_id", type=ROW_ID, required=True, help="The application's id.")
@click.option(
    "--at",
    "start",
    required=True,
    metavar="DATETIME",
    help="When it starts, e.g. 2026-03-03T10:00 (your zone) or 2026-03-03T10:00-05:00.",
)
@click.option("--end", metavar="DATETIME", help="When it ends (the thank-you window opens then).")
@click.option("--kind", type=KINDS, required=True, help="What kind of interview.")
@people_options(
    "A person you met (repeat for a panel); add them with `person add`.",
    "; the thank-you makes it a sentence to them.",
)
@click.option(
    "--decision-by", metavar="DATE", help="The date they said they would decide by (YYYY-MM-DD)."
)
@click.option(
    "--no-follow-up",
    is_flag=True,
    help="They asked you not to follow up: only thank-yous are planned.",
)
@click.option("--location", help="Where it takes place.")
@click.option("--video-link", help="The link of a video interview.")
@json_option
def add(
    *,
    app_id: int,
    start: str,
    end: str | None,
    kind: str,
    person_ids: tuple[int, ...],
    notes: tuple[str, ...],
    decision_by: str | None,
    no_follow_up: bool,
    location: str | None,
    video_link: str | None,
) -> None:
    """Record an interview and print its id."""
    from followup.app.interviews import NewInterview, add_interview

    starts = parse_datetime(start, "--at")
    assert starts is not None
    data = NewInterview(
        app_id,
        starts,
        InterviewKind(kind),
        end=parse_datetime(end, "--end"),
        person_ids=person_ids,
        notes=parse_notes(notes),
        decision_by=parse_date(decision_by, "--decision-by"),
        no_follow_up=no_follow_up,
        location=location,
        video_link=video_link,
    )
    added = add_interview(context(), data)
    emit(interview_record(added), lambda: click.echo(added.id))


@interview.command("list")
@click.option("--app", "app_id", type=ROW_ID, help="Only the interviews of this application.")
@json_option
def list_(app_id: int | None) -> None:
    """List interviews with who was there."""
    from followup.app.interviews import list_interviews
    from followup.cli.common import table
    from followup.cli.timeshow import on_my_clock

    found = list_interviews(context(), app_id)

    def human() -> None:
        rows = []
        for history, item in found:
            names = [p.name for pid in item.person_ids if (p := history.person(pid)) is not None]
            rows.append(
                [
                    str(item.id),
                    history.application.company,
                    item.kind.value,
                    on_my_clock(item.start),
                    ", ".join(names),
                ]
            )
        table(None, ["id", "company", "kind", "start", "with"], rows)

    emit([interview_record(i) for _, i in found], human)


@interview.command("set")
@click.argument("interview_id", type=ROW_ID)
@click.option("--at", "start", metavar="DATETIME", help="A new start (rescheduled).")
@click.option("--end", metavar="DATETIME", help="When it ended; `none` to clear.")
@click.option("--kind", type=KINDS, help="What kind of interview.")
@people_options("Who was there (repeat; replaces the list).", " (adds or replaces their note).")
@click.option(
    "--decision-by",
    metavar="DATE",
    help="The date they said they would decide by; `none` to clear.",
)
@click.option(
    "--no-follow-up/--follow-up",
    "no_follow_up",
    default=None,
    help="They asked you not to follow up (or that request no longer holds).",
)
@click.option("--cancelled/--not-cancelled", default=None, help="It was called off.")
@json_option
def set_(
    *,
    interview_id: int,
    start: str | None,
    end: str | None,
    kind: str | None,
    person_ids: tuple[int, ...],
    notes: tuple[str, ...],
    decision_by: str | None,
    no_follow_up: bool | None,
    cancelled: bool | None,
) -> None:
    """Change an interview (only what is given): add the decision date or the notes
    after it took place, move it, or call it off."""
    from followup.app.interviews import InterviewChanges, update_interview

    changes: dict[str, object] = {}
    if start is not None:
        changes["start"] = parse_datetime(start, "--at")
    if end is not None:
        changes["end"] = None if _cleared(end) else parse_datetime(end, "--end")
    if decision_by is not None:
        changes["decision_by"] = (
            None if _cleared(decision_by) else parse_date(decision_by, "--decision-by")
        )
    if person_ids:
        changes["person_ids"] = person_ids
    if notes:
        changes["notes"] = parse_notes(notes)
    optional = {"kind": kind, "no_follow_up": no_follow_up, "cancelled": cancelled}
    changes |= {k: v for k, v in optional.items() if v is not None}
    if not changes:
        raise UsageProblem("nothing to change (fix: give at least one option; see --help)")
    updated = update_interview(context(), InterviewChanges(interview_id, changes))
    emit(interview_record(updated), lambda: click.echo(f"interview {updated.id} updated"))


def _cleared(text: str) -> bool:
    return text.strip().lower() in ("", "none", "-")


interview.add_command(delete_command("interview", "interview"))
