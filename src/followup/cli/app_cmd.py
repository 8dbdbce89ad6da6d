"""`followup app`: the applications of the job search."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import click

from followup.cli.app_options import (
    DETAIL_KEYS,
    NONE_WORDS,
    OFFER_KEYS,
    detail_options,
    offer_options,
    pipeline_lines,
    take,
)
from followup.cli.changes_cmd import delete_command
from followup.cli.common import (
    ROW_ID,
    context,
    context_at,
    emit,
    json_option,
    parse_date,
    table,
)

if TYPE_CHECKING:
    from followup.cli.timeshow import Clockface


@click.group()
def app() -> None:
    """Applications: one per job you applied for (add, list, show, set, delete)."""


@app.command("add")
@click.option("--company", required=True, help='The employer, e.g. "Acme".')
@click.option("--role", required=True, help='The job title, e.g. "Data Engineer".')
@click.option("--country", help="Country of the job (ISO code, e.g. US): its holidays apply.")
@click.option("--tz", help="IANA time zone of the company, e.g. America/New_York.")
@click.option("--domain", "company_domain", help="The company's mail domain, e.g. acme.com.")
@click.option(
    "--competing-offer-by",
    metavar="DATE",
    help="Another employer's offer expires on this date (YYYY-MM-DD).",
)
@click.option("--notes", default="", help="Free text.")
@click.option(
    "--allow-duplicate", is_flag=True, help="Add it even if one for that company and role exists."
)
@click.option("--saved", is_flag=True, help="Found, not applied for yet (stage `saved`).")
@click.option("--tag", "tags", multiple=True, help="A tag (repeat for more), e.g. --tag remote.")
@detail_options
@json_option
def add(
    *,
    company: str,
    role: str,
    country: str | None,
    tz: str | None,
    company_domain: str | None,
    competing_offer_by: str | None,
    notes: str,
    allow_duplicate: bool,
    saved: bool,
    tags: tuple[str, ...],
    **options: Any,
) -> None:
    """Add an application and print its id (asks first if one for the same company and
    role exists).

    Without --saved it counts as applied (on --applied-on, else today); with
    --saved nothing is followed up until you set --applied-on.
    """
    from dataclasses import replace

    from followup.app.applications import NewApplication, add_application
    from followup.app.records import application_record
    from followup.cli.changes_cmd import asked_again

    details = take(options, DETAIL_KEYS) | {"saved": saved, "tags": list(tags)}
    data = NewApplication(
        company,
        role,
        country=country,
        tz=tz,
        competing_offer_by=parse_date(competing_offer_by, "--competing-offer-by"),
        company_domain=company_domain,
        notes=notes,
        details=details,
    )
    created = asked_again(
        lambda allow: add_application(context(), replace(data, allow_duplicate=allow)),
        "application.duplicate",
        allow_duplicate,
    )
    emit(application_record(created), lambda: click.echo(created.id))


@app.command("list")
@click.option("--stage", "stages", multiple=True, help="Only this stage (repeat for more).")
@click.option("--tag", "tags", multiple=True, help="Only those with this tag (repeat: all).")
@click.option("--company", help="Only companies whose name contains this text.")
@click.option("--since", metavar="DATE", help="Applied (else added) on or after this day.")
@click.option("--until", metavar="DATE", help="Applied (else added) on or before this day.")
@click.option("--search", help="Words to find in names, role, notes, tags, people, contacts.")
@click.option(
    "--sort",
    type=click.Choice(["id", "company", "applied", "stage", "due"]),
    default="id",
    show_default=True,
    help="The order of the list.",
)
@json_option
def list_(
    *,
    stages: tuple[str, ...],
    tags: tuple[str, ...],
    company: str | None,
    since: str | None,
    until: str | None,
    search: str | None,
    sort: str,
) -> None:
    """List the applications with their stage: filter by stage, tag, company and date,
    find words, sort."""
    from followup.app.applications import ApplicationQuery, list_applications
    from followup.app.records import application_record
    from followup.domain.model import Stage

    known = [s.value for s in Stage]
    for stage in stages:
        if stage not in known:
            raise click.BadParameter(f"use one of {', '.join(known)}", param_hint="--stage")
    query = ApplicationQuery(
        stages=stages,
        tags=tags,
        company=company,
        since=parse_date(since, "--since"),
        until=parse_date(until, "--until"),
        search=search,
        sort=sort,
    )
    planned = list_applications(context(), query)
    records = [
        application_record(p.history.application) | {"stage": p.plan.stage.value} for p in planned
    ]

    def human() -> None:
        from followup.cli.timeshow import on_my_clock

        rows = []
        for p in planned:
            app_ = p.history.application
            upcoming = min(p.plan.actions, key=lambda a: a.due, default=None)
            rows.append(
                [
                    str(app_.id),
                    app_.company,
                    app_.role,
                    p.plan.stage.value,
                    f"{upcoming.kind.value} due {on_my_clock(upcoming.due)}" if upcoming else "",
                ]
            )
        table(None, ["id", "company", "role", "stage", "next"], rows)

    emit(records, human)


@app.command("show")
@click.argument("app_id", type=ROW_ID)
@click.option(
    "--as-of",
    "as_of_text",
    metavar="DATETIME",
    help="Compute the stage at this time instead of now.",
)
@json_option
def show(app_id: int, as_of_text: str | None) -> None:
    """Show one application: stage, people, interviews, contacts and planned actions, with
    names and times on your clock (ids and ISO times with --json)."""
    from followup.app.applications import show_application
    from followup.cli.timeshow import clockface

    ctx = context_at(as_of_text)
    record = show_application(ctx, app_id)
    emit(record, lambda: _print_application(record, clockface(ctx)))


def _print_application(record: dict[str, Any], face: Clockface) -> None:
    from datetime import datetime

    def when(text: str) -> str:
        return face.when(datetime.fromisoformat(text))

    echo = click.echo
    names = {p["id"]: p["name"] for p in record["people"]}
    echo(f"{record['company']} - {record['role']}  [{record['stage']}]  (app {record['id']})")
    where = ", ".join(x for x in (record["country"], record["tz"]) if x)
    if where:
        echo(f"  where: {where}")
    if record["outcome"]:
        echo(f"  outcome: {record['outcome']} ({when(record['outcome_at'])})")
    for line in pipeline_lines(record):
        echo(f"  {line}")
    for n, line in enumerate((record.get("notes") or "").splitlines()):
        echo(f"  {'notes: ' if n == 0 else '       '}{line}")
    for p in record["people"]:
        contact = ", ".join(x for x in (p["email"], p["phone"]) if x) or "no contact details"
        echo(f"  {p['name']} ({p['role']}, person {p['id']}) - {contact}")
    for i in record["interviews"]:
        met = ", ".join(names.get(pid, f"person {pid}") for pid in i["person_ids"])
        echo(
            f"  {i['kind']} interview {when(i['start'])} with {met or 'nobody recorded'}"
            + (f", decision by {i['decision_by']}" if i["decision_by"] else "")
            + f" (interview {i['id']})"
        )
    for t in record["touches"]:
        who = f" {names[t['person_id']]}" if t["person_id"] in names else ""
        way = "from" if t["direction"] == "in" else "to"
        echo(
            f"  {when(t['at'])}: {t['kind']} by {t['channel']} {way}{who or ' them'}"
            + (f" - {' '.join(t['summary'].split())}" if t["summary"] else "")  # one line
        )
    for note in record["plan_notes"]:
        echo(f"  note: {note}")
    for a in record["actions"]:
        to = f" to {a['person_name']}" if a["person_name"] else ""
        echo(
            f"  [{a['status']}] {a['kind']} by {a['channel']}{to}, due {when(a['due'])}"
            f"  ({a['id']})"
        )


@app.command("set")
@click.argument("app_id", type=ROW_ID)
@click.option("--tag", "add_tags", multiple=True, help="Add a tag (repeat for more).")
@click.option("--untag", "drop_tags", multiple=True, help="Remove a tag (repeat for more).")
@detail_options
@offer_options
@click.option("--company", help="The employer.")
@click.option("--role", help="The job title.")
@click.option("--country", help="ISO country code; `none` to clear.")
@click.option("--tz", help="IANA time zone; `none` to clear.")
@click.option("--domain", "company_domain", help="Mail domain; `none` to clear.")
@click.option(
    "--competing-offer-by",
    metavar="DATE",
    help="Date another offer expires (YYYY-MM-DD); `none` to clear.",
)
@click.option("--notes", help="Free text.")
@json_option
def set_(
    app_id: int, add_tags: tuple[str, ...], drop_tags: tuple[str, ...], **options: Any
) -> None:
    """Change fields of an application (only those given); --applied-on marks a saved
    application as applied."""
    from followup.app.applications import ApplicationChanges, update_application
    from followup.app.records import application_record

    changes: dict[str, Any] = take(options, DETAIL_KEYS + OFFER_KEYS)
    changes |= {"add_tags": add_tags, "drop_tags": drop_tags}
    for name, value in options.items():
        if value is None:
            continue
        cleared = value.strip().lower() in NONE_WORDS and name not in ("company", "role", "notes")
        changes[name] = None if cleared else value
    if changes.get("competing_offer_by"):
        changes["competing_offer_by"] = parse_date(
            changes["competing_offer_by"], "--competing-offer-by"
        )
    updated = update_application(context(), ApplicationChanges(app_id, changes))
    emit(application_record(updated), lambda: click.echo(f"application {updated.id} updated"))


app.add_command(set_, "edit")  # the same command by the name most people guess first
app.add_command(delete_command("application", "application"))
