"""The digest: when one is due (one per user per period, at their hour in their zone) and what
it says (newest first, a few per company, at most N), as text and HTML, with the one-click
unsubscribe headers of RFC 8058."""

from __future__ import annotations

import html
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from enum import StrEnum
from zoneinfo import ZoneInfo

from followup.alerts.model import Posting


class Frequency(StrEnum):
    INSTANT = "instant"
    DAILY = "daily"
    WEEKLY = "weekly"


@dataclass(frozen=True, slots=True)
class Delivery:
    """How a user gets their digest."""

    frequency: Frequency = Frequency.DAILY
    hour: int = 8  # local hour from which the period's digest may go
    tz: str = "UTC"
    max_items: int = 30
    per_company: int = 3
    weekday: int = 0  # weekly: Monday


def period_key(delivery: Delivery, now: datetime) -> str | None:
    """The period a digest sent now belongs to, or None before the user's hour.

    Daily: the local date; weekly: the ISO week, from `weekday` at `hour`; instant: the
    minute (every run may send)."""
    local = now.astimezone(ZoneInfo(delivery.tz))
    if delivery.frequency is Frequency.INSTANT:
        return "instant:" + local.strftime("%Y-%m-%dT%H:%M")
    if local.hour < delivery.hour:
        return None
    if delivery.frequency is Frequency.DAILY:
        return "daily:" + local.date().isoformat()
    if local.weekday() < delivery.weekday:
        return None
    year, week, _ = local.isocalendar()
    return f"weekly:{year}-W{week:02d}"


def period_start(delivery: Delivery, now: datetime) -> datetime:
    """Since when the digest covers (for its header): a day, a week, or just now."""
    days = {Frequency.INSTANT: 0, Frequency.DAILY: 1, Frequency.WEEKLY: 7}[delivery.frequency]
    return now - timedelta(days=days)


@dataclass(frozen=True, slots=True)
class Item:
    posting_id: int
    posting: Posting
    searches: tuple[str, ...]  # the names of the searches it matched
    matched_at: datetime


@dataclass(frozen=True, slots=True)
class Digest:
    subject: str
    text: str
    html: str
    items: tuple[Item, ...]
    left_out: int  # matched but over the caps (they wait for the next digest)


def choose(items: Sequence[Item], delivery: Delivery) -> tuple[list[Item], int]:
    """Newest first, at most `per_company` of one company and `max_items` in all."""
    newest = sorted(
        items,
        key=lambda i: (i.posting.posted_at or i.matched_at, i.posting_id),
        reverse=True,
    )
    per_company: Counter[str] = Counter()
    chosen: list[Item] = []
    for item in newest:
        company = item.posting.employer_key
        if per_company[company] >= delivery.per_company or len(chosen) >= delivery.max_items:
            continue
        per_company[company] += 1
        chosen.append(item)
    return chosen, len(items) - len(chosen)


def compose(
    items: Sequence[Item],
    delivery: Delivery,
    unsubscribe_url: str,
    save_hint: Callable[[int], str] | None = None,
) -> Digest | None:
    """The digest of these matches, or None when nothing matched (nothing is sent).
    `save_hint(posting_id)`: how the front end that sends it turns a job into an application."""
    chosen, left_out = choose(items, delivery)
    if not chosen:
        return None
    count = len(chosen)
    subject = f"{count} new job{'s' if count != 1 else ''} for your saved searches"
    return Digest(
        subject,
        _text(chosen, left_out, unsubscribe_url, save_hint),
        _html(chosen, left_out, subject, unsubscribe_url),
        tuple(chosen),
        left_out,
    )


def _facts(posting: Posting) -> list[str]:
    facts = [", ".join(posting.locations)] if posting.locations else []
    if posting.work_mode is not None:
        facts.append(posting.work_mode.value)
    if posting.salary is not None:
        facts.append(posting.salary.describe())
    if posting.posted_at is not None:
        facts.append("posted " + posting.posted_at.date().isoformat())
    return facts


def _text(
    items: Sequence[Item],
    left_out: int,
    unsubscribe_url: str,
    save_hint: Callable[[int], str] | None,
) -> str:
    lines = []
    for item in items:
        p = item.posting
        lines.append(p.heading())
        facts = _facts(p)
        if facts:
            lines.append("  " + " | ".join(facts))
        lines.append(f"  {p.url}")
        lines.append(f"  matched: {', '.join(item.searches)}")
        if save_hint is not None:
            lines.append(f"  {save_hint(item.posting_id)}")
        lines.append("")
    if left_out:
        lines.append(f"{left_out} more matched; narrow your searches to see the best ones.")
    lines.append(f"Stop these e-mails: {unsubscribe_url}")
    return "\n".join(lines) + "\n"


def _html(items: Sequence[Item], left_out: int, subject: str, unsubscribe_url: str) -> str:
    e = html.escape
    rows = []
    for item in items:
        p = item.posting
        rows.append(
            f'<li><a href="{e(p.url)}">{e(p.title)}</a> {_by(p)}'
            f"<br><small>{e(' | '.join(_facts(p)))}</small>"
            f"<br><small>matched: {e(', '.join(item.searches))}</small></li>"
        )
    more = f"<p>{left_out} more matched.</p>" if left_out else ""
    return (
        f'<!doctype html><html><head><meta charset="utf-8"><title>{e(subject)}</title></head>'
        f"<body><h1>{e(subject)}</h1><ul>{''.join(rows)}</ul>{more}"
        f'<p><a href="{e(unsubscribe_url)}">Unsubscribe</a></p></body></html>'
    )


def _by(posting: Posting) -> str:
    e = html.escape
    if posting.company:
        return f"at <b>{e(posting.company)}</b>"
    return f"(via {e(posting.board or posting.source)})"


def unsubscribe_headers(url: str, mailto: str | None = None) -> tuple[tuple[str, str], ...]:
    """RFC 2369 List-Unsubscribe (HTTPS first, mailto as a fallback) and RFC 8058's
    one-click marker: a mail client POSTs "List-Unsubscribe=One-Click" to the URL."""
    targets = [f"<{url}>"] + ([f"<mailto:{mailto}>"] if mailto else [])
    return (
        ("List-Unsubscribe", ", ".join(targets)),
        ("List-Unsubscribe-Post", "List-Unsubscribe=One-Click"),
    )
