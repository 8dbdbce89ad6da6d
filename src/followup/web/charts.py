"""The statistics of `followup stats` as rows of bar charts: each bar a label, its numbers in
words and the share of its track it fills. The page draws them as inline SVG
(templates/_charts.html); the same rows fill the table under each chart.

Pure functions over followup.app.stats' answer: nothing is counted again here.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from followup.app.stats import Rate, SearchStats


@dataclass(frozen=True, slots=True)
class Bar:
    label: str
    share: float  # 0..1 of the track the bar fills
    note: str  # the numbers in words, beside the label
    cells: tuple[str, ...]  # the numbers in the table, under the chart's `head`


@dataclass(frozen=True, slots=True)
class Chart:
    key: str  # the page's ids of the chart and its table
    title: str
    summary: str  # what the chart shows, for a screen reader (its aria description)
    head: tuple[str, ...]  # the table's column headings: the label's, then `cells`'
    bars: list[Bar]
    empty: str  # said instead of the chart when it has no bar


def _percent(share: float | None) -> str:
    return "no follow-up" if share is None else f"{share:.0%}"


def _count_bars(counts: list[tuple[str, int]], total: int) -> list[Bar]:
    return [
        Bar(label, n / total, f"{n} ({_percent(n / total)})", (str(n), _percent(n / total)))
        for label, n in counts
        if total
    ]


def _rate_bars(rates: list[Rate]) -> list[Bar]:
    return [
        Bar(
            r.label,
            r.rate or 0.0,
            f"{r.answered} of {r.sent} answered ({_percent(r.rate)})",
            (str(r.sent), str(r.answered), _percent(r.rate)),
        )
        for r in rates
    ]


def stats_charts(found: SearchStats) -> list[Chart]:
    """The charts of the statistics page, in the order it shows them."""
    total = sum(found.by_stage.values())
    counts = ("Applications", "Of all")
    rates = ("Follow-ups", "Answered", "Rate")
    return [
        Chart(
            "funnel",
            "Funnel: from applying to an offer",
            "How many applications reached each step, as a share of all applications.",
            ("Step", *counts),
            _count_bars(found.funnel, total),
            "No applications yet.",
        ),
        Chart(
            "channel",
            "Follow-ups answered, by channel",
            "The share of follow-ups answered within two weeks, for each channel.",
            ("Channel", *rates),
            _rate_bars(found.by_channel),
            "No follow-up sent yet.",
        ),
        Chart(
            "days",
            "Follow-ups answered, by days taken after an interview",
            "The share of first follow-ups after an interview answered within two weeks, "
            "by how many days after the interview they were sent.",
            ("Days taken", *rates),
            _rate_bars(found.by_days),
            "No follow-up after an interview yet.",
        ),
        Chart(
            "stages",
            "Applications by stage",
            "How many applications are at each stage now.",
            ("Stage", *counts),
            _count_bars(list(found.by_stage.items()), total),
            "No applications yet.",
        ),
    ]
