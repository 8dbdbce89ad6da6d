"""`followup alerts`: saved searches over public job boards, delivered as a digest."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from followup.cli.common import ROW_ID, context, emit, json_option

if TYPE_CHECKING:
    from followup.alerts.filters import Filters
    from followup.app.alerts.searches import Hit, SavedSearch

MODES = ("remote", "hybrid", "on-site")
QUERY_HELP = """QUERY: words to find (all of them), "a phrase", -excluded, prefix*,
a OR b, (groups), and field scopes title: company: location: text:
e.g. 'title:(engineer OR developer) python -php "data platform"'."""


def _filter_options(function: Callable[..., Any]) -> Callable[..., Any]:
    options = [
        click.option("--location", multiple=True, help="A word of the job's location (repeat)."),
        click.option("--country", multiple=True, help="An ISO country code (repeat)."),
        click.option("--mode", multiple=True, type=click.Choice(MODES), help="Work mode."),
        click.option("--seniority", multiple=True, help="junior, mid, senior, lead, staff..."),
        click.option("--type", "kinds", multiple=True, help="full-time, part-time, contract..."),
        click.option("--min-salary", type=click.IntRange(0), help="A yearly floor."),
        click.option("--currency", default="USD", show_default=True, help="Of --min-salary."),
        click.option(
            "--exclude-unknown-salary", is_flag=True, help="Drop jobs that state no salary."
        ),
        click.option("--company", multiple=True, help="Only these companies (fuzzy; repeat)."),
        click.option("--exclude-company", multiple=True, help="Never these companies (fuzzy)."),
        click.option("--within-days", type=click.IntRange(1), help="Posted in the last N days."),
    ]
    for option in reversed(options):
        function = option(function)
    return function


def _filters(values: dict[str, Any]) -> Filters:
    from followup.alerts.filters import Filters
    from followup.alerts.model import WorkMode

    return Filters(
        locations=tuple(values["location"]),
        countries=tuple(c.upper() for c in values["country"]),
        work_modes=tuple(WorkMode(m) for m in values["mode"]),
        seniorities=tuple(s.lower() for s in values["seniority"]),
        employment_types=tuple(k.lower() for k in values["kinds"]),
        min_salary=values["min_salary"],
        currency=values["currency"].upper(),
        include_unknown_salary=not values["exclude_unknown_salary"],
        companies=tuple(values["company"]),
        exclude_companies=tuple(values["exclude_company"]),
        posted_within_days=values["within_days"],
    )


_FILTER_NAMES = (
    *("location", "country", "mode", "seniority", "kinds", "min_salary", "currency"),
    *("exclude_unknown_salary", "company", "exclude_company", "within_days"),
)


def _split(values: dict[str, Any]) -> dict[str, Any]:
    return {k: values.pop(k) for k in _FILTER_NAMES}


def _show(search: SavedSearch, verb: str) -> None:
    emit(
        search.record(),
        lambda: click.echo(
            f"{verb} search {search.id} {search.name!r}: {search.query or '(any job)'}"
            + (" (paused)" if search.paused else "")
        ),
    )


@click.group()
def alerts() -> None:
    """Job alerts: saved searches over public job boards, with a digest of new jobs.

    Add sources (`alerts source add greenhouse:acme`), save searches (`alerts add`), then
    `alerts run --send` (daily, e.g. from cron) mails one digest per period, never the same
    job twice."""


@alerts.command("add", epilog=QUERY_HELP)
@click.argument("name")
@click.argument("query", default="")
@_filter_options
@json_option
def add(name: str, query: str, **values: Any) -> None:
    """Save a search NAME for QUERY (with filters). An empty QUERY matches every job."""
    from followup.app.alerts.searches import SearchInput, add_search

    filters = _filters(_split(values))
    _show(add_search(context(), SearchInput(name, query, filters)), "saved")


@alerts.command("list")
@json_option
def list_() -> None:
    """The saved searches."""
    from followup.app.alerts.searches import list_searches
    from followup.cli.common import table

    found = list_searches(context())
    emit(
        [s.record() for s in found],
        lambda: table(
            None,
            ["id", "name", "query", "paused"],
            [[str(s.id), s.name, s.query, "yes" if s.paused else ""] for s in found],
        ),
    )


@alerts.command()
@click.argument("search_id", type=ROW_ID)
@json_option
def show(search_id: int) -> None:
    """One saved search with its filters."""
    from followup.app.alerts.searches import show_search

    found = show_search(context(), search_id)
    emit(found.record(), lambda: click.echo(_describe(found)))


def _describe(search: SavedSearch) -> str:
    lines = [f"search {search.id}: {search.name}", f"  query: {search.query or '(any job)'}"]
    lines += [f"  {line}" for line in filter_lines(search.filters)] or ["  filters: none"]
    lines.append(f"  paused: {'yes' if search.paused else 'no'}")
    return "\n".join(lines)


def filter_lines(given: Filters) -> list[str]:
    """The filters in words, one a line, those set only."""
    listed = {
        "location": given.locations,
        "country": given.countries,
        "work mode": [str(mode) for mode in given.work_modes],
        "seniority": given.seniorities,
        "employment type": given.employment_types,
        "only companies": given.companies,
        "never companies": given.exclude_companies,
    }
    lines = [f"{name}: {', '.join(values)}" for name, values in listed.items() if values]
    if given.min_salary is not None:
        unknown = "kept" if given.include_unknown_salary else "left out"
        lines.append(
            f"salary: at least {given.currency} {given.min_salary:,} a year "
            f"(jobs that state none: {unknown})"
        )
    if given.posted_within_days is not None:
        lines.append(f"posted in the last {given.posted_within_days} days")
    return lines


@alerts.command()
@click.argument("search_id", type=ROW_ID)
@click.option("--name", help="A new name.")
@click.option("--query", help="A new query.")
@click.option("--filters", "new_filters", is_flag=True, help="Replace the filters by those given.")
@_filter_options
@json_option
def edit(
    search_id: int, name: str | None, query: str | None, new_filters: bool, **values: Any
) -> None:
    """Change a saved search's name, query, or (with --filters) its filters."""
    from followup.app.alerts.searches import SearchEdit, edit_search

    filters = _filters(_split(values)) if new_filters else None
    _show(edit_search(context(), SearchEdit(search_id, name, query, filters)), "changed")


@alerts.command()
@click.argument("search_id", type=ROW_ID)
@click.option("--resume", is_flag=True, help="Resume it instead.")
@json_option
def pause(search_id: int, resume: bool) -> None:
    """Pause a saved search (no matches, no digest) or --resume it."""
    from followup.app.alerts.searches import set_paused

    _show(set_paused(context(), search_id, not resume), "resumed" if resume else "paused")


@alerts.command()
@click.argument("search_id", type=ROW_ID)
@json_option
def remove(search_id: int) -> None:
    """Delete a saved search and its matches."""
    from followup.app.alerts.searches import remove_search

    _show(remove_search(context(), search_id), "removed")


@alerts.command("test")
@click.argument("search_id", type=ROW_ID)
@click.option("--limit", type=click.IntRange(1), default=500, show_default=True)
@json_option
def test_(search_id: int, limit: int) -> None:
    """What the search would match now among the newest jobs kept, and why each matched."""
    from followup.app.alerts.searches import test_search

    hits = test_search(context(), search_id, limit)
    emit([_hit_record(h) for h in hits], lambda: _print_hits(hits))


def _hit_record(hit: Hit) -> dict[str, Any]:
    return {
        "job": hit.posting_id,
        "title": hit.posting.title,
        "company": hit.posting.company,
        "url": hit.posting.url,
        "why": list(hit.reasons),
    }


def _print_hits(hits: list[Hit]) -> None:
    if not hits:
        click.echo("no job kept so far matches it")
    for hit in hits:
        why = ", ".join(hit.reasons) or "its filters only"
        click.echo(f"job {hit.posting_id}: {hit.posting.heading()}")
        click.echo(f"  {hit.posting.url}\n  matched: {why}")


@alerts.command()
@click.option("--send", is_flag=True, help="Send the period's digest through your mailbox.")
@click.option("--dry-run", is_flag=True, help="Show the digest instead; send nothing.")
@click.option("--out", type=click.Path(dir_okay=False, path_type=Path), help="With --dry-run.")
@click.option("--account", default="default", show_default=True, help="The mail account.")
@click.option("--now", "any_hour", is_flag=True, help="Don't wait for your digest hour.")
@json_option
def run(send: bool, dry_run: bool, out: Path | None, account: str, any_hour: bool) -> None:
    """Read every source, keep the new jobs, match your searches, and (--send) mail the
    period's digest once; --dry-run prints the digest that would be sent, whatever the hour
    (--json: its jobs as data; --out: its HTML to a file)."""
    from followup.app.alerts.runs import RunRequest, run_alerts

    if out is not None and not dry_run:
        raise click.UsageError("--out goes with --dry-run")
    request = RunRequest(
        send=send and not dry_run, dry_run=dry_run, account=account, any_hour=any_hour
    )
    from followup.cli.progress import bars

    with bars("checking") as advance:
        report = run_alerts(context(), request, advance)
    if out is not None and report.digest is not None and report.digest.digest is not None:
        out.write_text(report.digest.digest.html, encoding="utf-8")
    emit(report.record(), lambda: _print_run(report, out))


_NO_DIGEST = {
    "nothing-new": "No digest: no new job matched your searches since the last one.",
    "already-sent": "No digest: this period's was sent already.",
    "not-yet": "No digest yet: it goes from your hour (`followup alerts delivery`), or --now.",
}


def _count(number: int, one: str, many: str | None = None) -> str:
    return f"{number} {one if number == 1 else many or one + 's'}"


def _print_run(report: Any, out: Path | None) -> None:
    for source in report.sources:
        if source.error:
            click.echo(f"{source.source}: error: {source.error}")
        elif source.unchanged:
            click.echo(f"{source.source}: unchanged")
        else:
            click.echo(
                f"{source.source}: {_count(source.fetched, 'job')}, {source.new} new, "
                f"{_count(source.duplicates, 'duplicate')}"
            )
    click.echo(f"{_count(report.matches, 'new match', 'new matches')}")
    outcome = report.digest
    if outcome is None:
        return
    click.echo(f"digest {outcome.period or ''}: {outcome.status}".replace("  ", " "))
    if outcome.status in _NO_DIGEST:
        click.echo(_NO_DIGEST[outcome.status])
    if outcome.status == "dry-run" and outcome.digest is not None:
        # the jobs read are kept (a later run does not show them as new), the digest is not
        click.echo("The digest that would be sent (not sent, nor marked as sent):\n")
        for name, value in outcome.headers:
            click.echo(f"{name}: {value}")
        click.echo(f"Subject: {outcome.digest.subject}\n\n{outcome.digest.text}")
        if out is not None:
            click.echo(f"HTML written to {out}")


@alerts.command()
@click.argument("job", type=ROW_ID)
@json_option
def save(job: int) -> None:
    """Track the job JOB (its number in the digest) as an application."""
    from followup.app.alerts.saving import save_posting
    from followup.app.records import application_record

    app, made = save_posting(context(), job)
    verb = "saved as" if made else "already saved as"
    emit(
        application_record(app),
        lambda: click.echo(f"job {job} {verb} application {app.id}: {app.role} at {app.company}"),
    )


@alerts.command()
@click.option("--frequency", type=click.Choice(["instant", "daily", "weekly"]))
@click.option("--hour", type=int, help="Local hour from which the digest may go (0-23).")
@click.option("--tz", help="Your zone for the hour (default: your preferences').")
@click.option("--max-items", type=int, help="At most this many jobs in a digest.")
@click.option("--per-company", type=int, help="At most this many jobs of one company.")
@json_option
def delivery(
    frequency: str | None,
    hour: int | None,
    tz: str | None,
    max_items: int | None,
    per_company: int | None,
) -> None:
    """Show or change how the digest is delivered (daily at 8 by default)."""
    from dataclasses import asdict

    from followup.app.alerts.delivery import DeliveryChanges, set_delivery, show_delivery

    changes = DeliveryChanges(frequency, hour, tz, max_items, per_company)
    if any(v is not None for v in asdict(changes).values()):
        found = set_delivery(context(), changes)
    else:
        found = show_delivery(context())
    record = {**asdict(found), "frequency": str(found.frequency)}
    emit(record, lambda: click.echo(" ".join(f"{k}={v}" for k, v in record.items())))


@alerts.group()
def source() -> None:
    """The job boards and feeds the alerts read."""


@source.command("add")
@click.argument("spec")
@json_option
def source_add(spec: str) -> None:
    """Add SPEC: KIND:BOARD (greenhouse, lever, ashby, smartrecruiters, recruitee,
    personio), remoteok, hn (the monthly "Who is hiring?"), or the URL of an RSS, Atom or
    JSON feed or of a career page with schema.org job postings."""
    from followup.app.alerts.sources import add_source

    found, added = add_source(context(), spec)
    verb = "added" if added else "already have"
    emit({**found.record(), "added": added}, lambda: click.echo(f"{verb} {found.spec}"))


@source.command("list")
@json_option
def source_list() -> None:
    """The sources, when each was last read and its last error."""
    from followup.app.alerts.sources import list_sources
    from followup.cli.common import short_time, table

    found = list_sources(context())
    emit(
        [s.record() for s in found],
        lambda: table(
            None,
            ["source", "checked", "error"],
            [[s.spec, short_time(s.checked_at), s.last_error] for s in found],
        ),
    )


@source.command("remove")
@click.argument("spec")
@json_option
def source_remove(spec: str) -> None:
    """Stop reading SPEC (the jobs kept from it stay)."""
    from followup.app.alerts.sources import remove_source

    found = remove_source(context(), spec)
    emit(found.record(), lambda: click.echo(f"removed {found.spec}"))
