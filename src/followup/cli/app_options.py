"""The options of an application's details, shared by `app add` and `app set`/`app edit`,
and of an offer's terms, shared by `app set` and `outcome ... offer`."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

import click

from followup.cli.common import parse_date

F = TypeVar("F", bound=Callable[..., Any])

NONE_WORDS = ("", "none", "-")
AMOUNT = click.IntRange(0, 10**12 - 1)
WORK_MODES = click.Choice(["on-site", "hybrid", "remote", "none"])
PERIODS = click.Choice(["hour", "day", "month", "year", "none"])

# option name -> (column, help); dates and amounts are converted in `details_from`
_TEXT_DETAILS: tuple[tuple[str, str, str], ...] = (
    ("--url", "job_url", "The job posting's web address."),
    ("--source", "source", 'Where you found it, e.g. "LinkedIn", "referral".'),
    ("--location", "location", 'Where the job is, e.g. "Berlin".'),
    ("--display-name", "display_name", 'The company as drafts name it, e.g. "Acme".'),
    ("--salary-currency", "salary_currency", "The salary's currency (ISO code, e.g. EUR)."),
)
_DATE_DETAILS = {"applied_on": "--applied-on"}
_OFFER_DATES = {"offer_deadline": "--offer-deadline"}


def _with(function: F, decorators: list[Callable[[F], F]]) -> F:
    for decorate in reversed(decorators):
        function = decorate(function)
    return function


def detail_options(function: F) -> F:
    """The application's details as options (each optional; `none` clears a text)."""
    return _with(
        function,
        [
            click.option(
                "--applied-on", metavar="DATE", help="The day you applied (YYYY-MM-DD): not saved."
            ),
            click.option("--work-mode", type=WORK_MODES, help="On-site, hybrid or remote."),
            click.option("--salary-min", type=AMOUNT, help="The advertised pay, lower end."),
            click.option("--salary-max", type=AMOUNT, help="The advertised pay, upper end."),
            click.option("--salary-period", type=PERIODS, help="What the pay is per."),
            *(click.option(flag, column, help=text) for flag, column, text in _TEXT_DETAILS),
        ],
    )


def offer_options(function: F) -> F:
    """An offer's terms as options."""
    return _with(
        function,
        [
            click.option(
                "--offer-deadline",
                metavar="DATE",
                help="Answer the offer by this day (YYYY-MM-DD).",
            ),
            click.option("--offer-base", type=AMOUNT, help="The offer's base pay."),
            click.option("--offer-bonus", type=AMOUNT, help="The offer's bonus."),
            click.option("--offer-currency", help="The offer's currency (ISO code, e.g. EUR)."),
            click.option("--offer-notes", help="Anything else the offer says."),
        ],
    )


DETAIL_KEYS = (
    "applied_on",
    "work_mode",
    "salary_min",
    "salary_max",
    "salary_period",
    *(column for _flag, column, _help in _TEXT_DETAILS),
)
OFFER_KEYS = ("offer_deadline", "offer_base", "offer_bonus", "offer_currency", "offer_notes")


def take(options: dict[str, Any], keys: tuple[str, ...]) -> dict[str, Any]:
    """Pop the given keys' values out of `options`: those given, `none` as None, dates
    parsed."""
    found: dict[str, Any] = {}
    for key in keys:
        value = options.pop(key, None)
        if value is None:
            continue
        if isinstance(value, str) and value.strip().lower() in NONE_WORDS:
            found[key] = None
            continue
        flag = _DATE_DETAILS.get(key) or _OFFER_DATES.get(key)
        found[key] = parse_date(value, flag) if flag else value
    return found


def pipeline_lines(record: dict[str, Any]) -> list[str]:
    """`app show`'s lines for the details before the interview and the offer's terms."""
    lines = []
    applied = "saved, not applied for" if record["saved"] else record["applied_on"]
    facts = [
        applied and f"applied: {applied}",
        record["display_name"] and f"called: {record['display_name']}",
        record["location"] and f"location: {record['location']}",
        record["work_mode"] and f"work mode: {record['work_mode']}",
        record["source"] and f"source: {record['source']}",
        record["tags"] and f"tags: {', '.join(record['tags'])}",
    ]
    if any(facts):
        lines.append("; ".join(f for f in facts if f))
    salary = record["salary"]
    if salary:
        low, high = (f"{v:,}" if v is not None else "?" for v in (salary["min"], salary["max"]))
        per = f" a {salary['period']}" if salary["period"] else ""
        lines.append(f"salary: {low}-{high} {salary['currency'] or ''}{per}".replace("  ", " "))
    if record["job_url"]:
        lines.append(f"posting: {record['job_url']}")
    offer = record["offer"]
    if offer:
        amounts = ", ".join(
            f"{name} {offer[name]:,}" for name in ("base", "bonus") if offer[name] is not None
        )
        parts = [
            offer["deadline"] and f"answer by {offer['deadline']}",
            amounts and f"{amounts} {offer['currency'] or ''}".strip(),
            offer["notes"],
        ]
        lines.append("offer: " + "; ".join(p for p in parts if p))
    return lines
