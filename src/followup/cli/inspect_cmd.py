"""`followup inspect FILE.eml`: what followup reads in a message (class, ids, invite), or in
many (inspect_many); `followup import-ics FILE`: record the interview of an invitation.

Thin: read the file, call the use case (followup.app.mail.files), `emit` the result."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import click

from followup.cli.common import ROW_ID, context, emit, json_option
from followup.cli.errors import UsageProblem
from followup.cli.mail_cmds import mail_command

MAX_FILE_BYTES = 50 * 1024 * 1024


@click.command("inspect")
@click.argument("files", nargs=-1, required=True, type=click.Path(path_type=Path))
@json_option
@click.option(
    "--me",
    "user_addresses",
    multiple=True,
    metavar="ADDRESS",
    help="One of your own addresses (repeatable): left out of the interviewers.",
)
def inspect(files: tuple[Path, ...], user_addresses: tuple[str, ...]) -> None:
    """Show how followup classifies a raw message (.eml) and what invite it carries.

    Give several files, a folder of messages (a Maildir too) or an mbox file to read them
    all: one line each, then the count of each class (--json: each message's reading
    with its "file").
    """
    from itertools import chain, islice

    from followup.app.mail.files import MessageFile, inspect_file
    from followup.cli.inspect_many import inspect_many
    from followup.cli.message_files import read

    one = files[0]
    if len(files) > 1 or one.is_dir():
        inspect_many(files, tuple(user_addresses))
        return
    messages = read(one)  # one file, read once: a message, or an mbox's messages
    head = list(islice(messages, 2))
    if len(head) != 1:
        inspect_many(files, tuple(user_addresses), chain(head, messages))
        return
    if head[0].problem is not None:
        _read(one)  # raises the refusal that names the problem and its fix
    result = inspect_file(MessageFile(head[0].raw, tuple(user_addresses)))
    emit(result, lambda: click.echo(_human(result)))


def _read(file: Path) -> bytes:
    try:
        if file.stat().st_size > MAX_FILE_BYTES:
            raise UsageProblem(f"{file} is larger than 50 MB (fix: pass a single message file)")
        raw = file.read_bytes()
    except FileNotFoundError:
        raise UsageProblem(f"no such file: {file} (fix: pass the path of a .eml file)") from None
    except IsADirectoryError:
        raise UsageProblem(f"{file} is a directory (fix: pass a .eml file)") from None
    except OSError as exc:
        reason = exc.strerror or type(exc).__name__
        raise UsageProblem(f"cannot read {file}: {reason} (fix: check the path)") from None
    if not raw.strip():
        raise UsageProblem(f"{file} is empty (fix: pass a raw message saved as .eml)")
    return raw


def _human(result: dict[str, Any]) -> str:
    lines = [f"class:        {result['class']}" + ("  (via an ATS)" if result["ats"] else "")]
    for label, key in (
        ("from", "from"),
        ("subject", "subject"),
        ("message-id", "message_id"),
        ("in-reply-to", "in_reply_to"),
        ("return date", "return_date"),
        ("decision by", "decision_by"),
    ):
        if result.get(key):
            lines.append(f"{label + ':':<14}{result[key]}")
    if result["failed_recipients"]:
        lines.append(f"{'failed:':<14}{', '.join(result['failed_recipients'])}")
    invite = result["invite"]
    if invite:
        lines.append(
            f"{'invite:':<14}{invite['method']} seq {invite['sequence']} "
            f"{invite['start'] or '?'} - {invite['end'] or '?'} ({invite['tz'] or 'no zone'})"
        )
        if invite["organizer"]:
            lines.append(f"{'organizer:':<14}{invite['organizer']}")
        for attendee in invite["attendees"]:
            name = f"{attendee['name']} " if attendee["name"] else ""
            lines.append(f"{'attendee:':<14}{name}<{attendee['email']}> {attendee['role']}")
        if invite["location"]:
            lines.append(f"{'location:':<14}{invite['location']}")
        if invite["video_link"]:
            lines.append(f"{'video:':<14}{invite['video_link']}")
    if result.get("user_addresses_assumed"):
        you = ", ".join(result["user_addresses"])
        lines.append(f"{'you:':<14}{you} (the recipient; --me ADDRESS says otherwise)")
    for reason in result["evidence"]:
        lines.append(f"{'because:':<14}{reason}")
    for doubt in result["uncertain"]:
        lines.append(f"{'unsure:':<14}{doubt} (sync asks you in `followup review`)")
    for problem in result["problems"]:
        lines.append(f"{'problem:':<14}{problem}")
    return "\n".join(lines)


@click.command("import-ics")
@click.argument("file", type=click.Path(path_type=Path, dir_okay=False))
@click.option(
    "--app",
    "app_id",
    type=ROW_ID,
    help="The application it belongs to (default: found from the people and their domains).",
)
@click.option(
    "--me",
    "user_addresses",
    multiple=True,
    metavar="ADDRESS",
    help="One of your own addresses (repeatable): you are not added as an interviewer.",
)
@json_option
@mail_command
def import_ics(file: Path, app_id: int | None, user_addresses: tuple[str, ...]) -> None:
    """Record the interview of an invitation (.ics, or an .eml carrying one).

    An update (higher SEQUENCE) moves the recorded interview, a cancellation cancels it;
    an older or repeated invitation changes nothing.
    """
    from followup.app.mail.files import InvitationFile, import_invitation

    data = InvitationFile(_read(file), app_id=app_id, user_addresses=tuple(user_addresses))
    results = import_invitation(context(), data)

    def human() -> None:
        for result in results:
            target = f"interview {result.interview_id}" if result.interview_id else "nothing"
            click.echo(f"{result.change}: {target} ({result.reason})")

    emit([r.as_dict() for r in results], human)
