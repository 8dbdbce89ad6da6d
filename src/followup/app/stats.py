"""Statistics of the search: applications by stage, the funnel, response rates by channel
and by days to follow-up, and the median time to a first reply. Computed from the histories
and their plans as of the context's time; pure functions below `search_stats`."""

from __future__ import annotations

import statistics
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import TYPE_CHECKING, Any

from followup.domain.model import Direction, History, Outcome, Stage, Touch, TouchKind

if TYPE_CHECKING:
    from followup.app.context import Context
    from followup.app.planning import PlannedApplication

# Inbound touches that are not a person answering.
NOT_REPLIES = frozenset({TouchKind.AUTO_REPLY, TouchKind.BOUNCE, TouchKind.ATS})
REPLY_WINDOW = timedelta(days=14)  # a follow-up counts as answered by a reply within this
DAY_BUCKETS = ((0, 1, "0-1 days"), (2, 3, "2-3 days"), (4, 7, "4-7 days"), (8, 10**6, "8+ days"))


@dataclass(frozen=True, slots=True)
class Rate:
    label: str
    sent: int
    answered: int

    @property
    def rate(self) -> float | None:
        return self.answered / self.sent if self.sent else None


@dataclass(frozen=True, slots=True)
class SearchStats:
    as_of: datetime
    by_stage: dict[str, int]
    funnel: list[tuple[str, int]]
    by_channel: list[Rate]
    by_days: list[Rate]
    median_days_to_reply: float | None
    replies: int

    def record(self) -> dict[str, Any]:
        return {
            "as_of": self.as_of.isoformat(),
            "by_stage": self.by_stage,
            "funnel": [{"step": s, "applications": n} for s, n in self.funnel],
            "response_rate_by_channel": [_rate_record(r) for r in self.by_channel],
            "response_rate_by_days_to_follow_up": [_rate_record(r) for r in self.by_days],
            "median_days_to_first_reply": self.median_days_to_reply,
            "applications_with_a_reply": self.replies,
        }


def _rate_record(rate: Rate) -> dict[str, Any]:
    return {
        "label": rate.label,
        "follow_ups": rate.sent,
        "answered": rate.answered,
        "rate": None if rate.rate is None else round(rate.rate, 3),
    }


def search_stats(ctx: Context) -> SearchStats:
    from followup.app.planning import plan_applications

    return stats_of(plan_applications(ctx), ctx.now())


def stats_of(planned: Sequence[PlannedApplication], now: datetime) -> SearchStats:
    histories = [p.history for p in planned]
    stages = Counter(p.plan.stage.value for p in planned)
    by_stage = {s.value: stages[s.value] for s in Stage if stages[s.value]}
    delays = [d for d in (_days_to_first_reply(h) for h in histories) if d is not None]
    return SearchStats(
        now,
        by_stage,
        funnel(histories, now),
        by_channel(histories),
        by_days_to_follow_up(histories),
        round(statistics.median(delays), 1) if delays else None,
        len(delays),
    )


def _replies(history: History) -> list[Touch]:
    return sorted(
        (t for t in history.touches if t.direction is Direction.IN and t.kind not in NOT_REPLIES),
        key=lambda t: t.at,
    )


def _outbound(history: History) -> list[Touch]:
    return sorted((t for t in history.touches if t.direction is Direction.OUT), key=lambda t: t.at)


def funnel(histories: Iterable[History], now: datetime) -> list[tuple[str, int]]:
    counts = Counter[str]()
    for h in histories:
        counts["applied"] += 1
        if any(not i.cancelled and i.start <= now for i in h.interviews):
            counts["interviewed"] += 1
        if _outbound(h):
            counts["followed up"] += 1
        if _replies(h):
            counts["got a reply"] += 1
        if h.application.outcome in (Outcome.OFFER, Outcome.HIRED):
            counts["offer"] += 1
        if h.application.outcome is Outcome.HIRED:
            counts["hired"] += 1
    steps = ("applied", "interviewed", "followed up", "got a reply", "offer", "hired")
    return [(s, counts[s]) for s in steps]


def _answered(touch: Touch, replies: Sequence[Touch]) -> bool:
    return any(touch.at < r.at <= touch.at + REPLY_WINDOW for r in replies)


def by_channel(histories: Iterable[History]) -> list[Rate]:
    sent = Counter[str]()
    answered = Counter[str]()
    for h in histories:
        replies = _replies(h)
        for touch in _outbound(h):
            sent[touch.channel.value] += 1
            answered[touch.channel.value] += _answered(touch, replies)
    return [Rate(c, sent[c], answered[c]) for c in sorted(sent)]


def by_days_to_follow_up(histories: Iterable[History]) -> list[Rate]:
    """The first follow-up after each interview, by the days it took; answered or not."""
    sent = Counter[str]()
    answered = Counter[str]()
    for h in histories:
        replies = _replies(h)
        outbound = _outbound(h)
        for interview in h.interviews:
            if interview.cancelled:
                continue
            first = next((t for t in outbound if t.at >= interview.finished_at), None)
            if first is None:
                continue
            days = (first.at - interview.finished_at).days
            label = next(name for low, high, name in DAY_BUCKETS if low <= days <= high)
            sent[label] += 1
            answered[label] += _answered(first, replies)
    return [Rate(name, sent[name], answered[name]) for _, _, name in DAY_BUCKETS if sent[name]]


def _days_to_first_reply(history: History) -> float | None:
    """Days from the first contact (a follow-up, else the application) to the first reply."""
    replies = _replies(history)
    if not replies:
        return None
    outbound = _outbound(history)
    start = outbound[0].at if outbound and outbound[0].at < replies[0].at else None
    start = start or history.application.created_at
    return max((replies[0].at - start).total_seconds(), 0) / 86400
