"""A new decision date named in a reply: "we expect to decide by Friday, March 20", "you'll
hear from us by 3/20", "by the end of next week", "within two weeks".

Only the reply's new text counts (a date in the quoted older message is old news), and only
when a cue word (decide, hear from us, let you know...) stands earlier in the same sentence,
a few words before the date: "decided to move forward" names no date, "the interview on
March 20" is no decision date. Dates are read as the out-of-office reader reads them
(`returndate.find_dates`), relative to the message date; spans and periods ("within two
weeks", "next week") count from it. The words are data: `decision_date` in classify.yaml.
Pure: the reference date is a parameter.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from datetime import date, timedelta
from typing import TYPE_CHECKING, Any

from followup.mail.reading.returndate import find_dates
from followup.mail.reading.text import reply_text

if TYPE_CHECKING:
    from followup.mail.reading.rules import ClassifyRules

# at most this many characters of the same clause between the cue and the date words
_GAP = 30
_WINDOW = 160  # how far before a date to look for its cue
_MAX_AHEAD = timedelta(days=370)  # further out is a typo or not a decision date
_LAST_REFERENCE = date.max - timedelta(days=400)  # leaves room for "next year" arithmetic
_FIRST_REFERENCE = date.min + timedelta(days=400)  # and for "a week before" arithmetic
_MAX_TEXT = 20_000
_FRIDAY = 4
_WEEK_DAYS = 5
THIS_WEEK, NEXT_WEEK, MONTH_END = "this_week", "next_week", "month_end"
DAYS, BUSINESS_DAYS, WEEKS = "days", "business_days", "weeks"


@dataclass(frozen=True, slots=True)
class _Compiled:
    # (month first?, cue ... date word$): English date words read "3/20" month-first
    before_date: tuple[tuple[bool, re.Pattern[str]], ...]
    before_span: re.Pattern[str]  # cue ... span word$
    before_period: re.Pattern[str]  # cue ...$
    spans: re.Pattern[str]
    periods: re.Pattern[str]
    numbers: Mapping[str, int]
    units: Mapping[str, str]  # unit word -> DAYS, BUSINESS_DAYS or WEEKS
    period_kinds: Mapping[str, str]  # period phrase -> THIS_WEEK, NEXT_WEEK or MONTH_END


def find_decision_date(
    body: str, reference: date | None, rules: ClassifyRules | None = None
) -> date | None:
    """The latest decision date the new text of `body` names, or None.

    `reference` is the message date (in the sender's zone); without it nothing is read, and
    the answer is never before it nor more than about a year after it.
    """
    if reference is None or not _FIRST_REFERENCE <= reference <= _LAST_REFERENCE:
        return None
    if rules is None:
        from followup.mail.reading.rules import load_rules

        rules = load_rules()
    compiled = _compiled(rules.decision_date)
    text = reply_text(body)[:_MAX_TEXT].replace("\u2019", "'")
    found = [
        *_explicit_dates(text, reference, rules.return_date, compiled),
        *_spans(text, reference, compiled),
        *_periods(text, reference, compiled),
    ]
    wanted = [d for d in found if reference <= d <= reference + _MAX_AHEAD]
    return max(wanted, default=None)


def _explicit_dates(
    text: str, reference: date, date_rules: Mapping[str, Any], compiled: _Compiled
) -> Iterator[date]:
    for month_first, before in compiled.before_date:
        for day, start, _ in find_dates(text, reference, date_rules, month_first=month_first):
            if before.search(text[max(0, start - _WINDOW) : start]):
                yield day


def _spans(text: str, reference: date, compiled: _Compiled) -> Iterator[date]:
    for match in compiled.spans.finditer(text):
        if not compiled.before_span.search(text[max(0, match.start() - _WINDOW) : match.start()]):
            continue
        amounts = [_amount(match.group(g), compiled) for g in ("num", "num2") if match.group(g)]
        amount = max(amounts)
        if amount > _MAX_AHEAD.days:
            continue
        unit = compiled.units[_words(match.group("unit"))]
        if unit == BUSINESS_DAYS:
            yield _add_weekdays(reference, amount)
        else:
            yield reference + timedelta(days=amount * (7 if unit == WEEKS else 1))


def _periods(text: str, reference: date, compiled: _Compiled) -> Iterator[date]:
    for match in compiled.periods.finditer(text):
        if not compiled.before_period.search(text[max(0, match.start() - _WINDOW) : match.start()]):
            continue
        kind = compiled.period_kinds[_words(match.group(0))]
        if kind == MONTH_END:
            following = (reference.replace(day=28) + timedelta(days=4)).replace(day=1)
            yield following - timedelta(days=1)
        elif kind == THIS_WEEK:
            yield reference + timedelta(days=(_FRIDAY - reference.weekday()) % 7)
        else:
            monday = reference + timedelta(days=7 - reference.weekday())
            yield monday + timedelta(days=_FRIDAY)


def _amount(word: str, compiled: _Compiled) -> int:
    return int(word) if word.isdigit() else compiled.numbers[_words(word)]


def _add_weekdays(start: date, count: int) -> date:
    day = start
    while count > 0:
        day += timedelta(days=1)
        if day.weekday() < _WEEK_DAYS:
            count -= 1
    return day


def _words(text: str) -> str:
    return " ".join(text.lower().split())


def _alternation(words: list[str]) -> str:
    ordered = sorted({_words(w) for w in words if w.strip()}, key=len, reverse=True)
    return "|".join(r"\s+".join(re.escape(p) for p in w.split()) for w in ordered)


def _cue_then(cues: str, words: str | None) -> re.Pattern[str]:
    """A cue, then at most _GAP characters of the same clause, then `words` ending the text."""
    tail = rf"(?<!\w)(?:{words})\s+" if words else r""
    gap = _GAP if words else _GAP + 20  # a period may follow its date word ("by", "until")
    return re.compile(rf"(?<!\w)(?:{cues})(?!\w)[^.!?:;\n]{{0,{gap}}}?{tail}$", re.IGNORECASE)


_CACHE: dict[int, tuple[Mapping[str, Any], _Compiled]] = {}


def _compiled(data: Mapping[str, Any]) -> _Compiled:
    """Compiled once per rules mapping (kept with it, so its id can't be reused)."""
    cached = _CACHE.get(id(data))
    if cached is not None and cached[0] is data:
        return cached[1]
    compiled = _compile(data)
    _CACHE[id(data)] = (data, compiled)
    return compiled


def _compile(data: Mapping[str, Any]) -> _Compiled:
    cues = _alternation([w for words in data["cue_words"].values() for w in words])
    by_order: dict[bool, list[str]] = {True: [], False: []}
    for language, words in data["date_words"].items():
        by_order[language == "en"].extend(words)
    before_date = tuple(
        (month_first, _cue_then(cues, _alternation(words)))
        for month_first, words in by_order.items()
        if words
    )
    span_words = [w for words in data["span_words"].values() for w in words]
    units = {_words(w): kind for kind in (DAYS, BUSINESS_DAYS, WEEKS) for w in data[kind]}
    numbers = {_words(k): v for k, v in data["numbers"].items()}
    number = rf"\d{{1,3}}|{_alternation(list(numbers))}"
    spans = re.compile(
        rf"(?<!\w)(?P<num>{number})(?:\s*(?:-|–|to|or|bis|à|a|y)\s*(?P<num2>{number}))?"
        rf"\s+(?:more\s+|weitere[n]?\s+)?(?P<unit>{_alternation(list(units))})(?!\w)",
        re.IGNORECASE,
    )
    kinds = {_words(p): kind for kind in (THIS_WEEK, NEXT_WEEK, MONTH_END) for p in data[kind]}
    periods = re.compile(rf"(?<!\w)(?:{_alternation(list(kinds))})(?!\w)", re.IGNORECASE)
    return _Compiled(
        before_date=before_date,
        before_span=_cue_then(cues, _alternation(span_words)),
        before_period=_cue_then(cues, None),
        spans=spans,
        periods=periods,
        numbers=numbers,
        units=units,
        period_kinds=kinds,
    )
