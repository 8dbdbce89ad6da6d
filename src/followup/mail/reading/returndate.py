"""The return date an out-of-office reply names, in several languages and date formats.

"I will be back on Monday 16 March", "returning 03/16/2026", "Ab dem 16.03.2026 wieder
erreichbar", "de retour le 16 mars", "out until Friday": each date in the text counts only
when a back/until word of some language stands right before it (or a back word right after
it). Dates without a year are read relative to the message date. Pure: the reference date is
a parameter.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from datetime import date, timedelta
from functools import lru_cache
from typing import Any

# how far a trigger word may stand from the date ("back in the office on Monday, 16 March")
_GAP_BEFORE = 24
_GAP_AFTER = 30
# an out-of-office date far from the message date is a typo or a stale responder
_MAX_AHEAD = timedelta(days=370)
_MAX_BEHIND = timedelta(days=7)

BACK, UNTIL, THROUGH = "back", "until", "through"
# an after word at most this far before the next date is that date's ("back on Monday")
_NEXT_DATE_CLOSE = 9
_HEBREW_PREFIX = re.compile(r"(?<=[\u05d0-\u05ea])-(?=\d)")
# Han, kana, Hangul: a word of these scripts is not set apart by spaces
_UNSPACED = re.compile(r"[\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af]")


@dataclass(frozen=True, slots=True)
class _Found:
    day: date
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class _Compiled:
    dates: re.Pattern[str]
    before: re.Pattern[str]  # trigger words, anchored at the end of the window before a date
    after: re.Pattern[str]  # back words after a date ("ab dem 16.03. wieder da")
    after_until: re.Pattern[str]  # until words after a date ("3月20日まで", "20 Mart'a kadar")
    after_through: re.Pattern[str]  # "inclusive" right after a date ("jusqu'au 23 août inclus")
    joined: re.Pattern[str]  # the whole gap between a span's two dates ("3 Aug → 21 Aug")
    opened: re.Pattern[str]  # a span from a bare day number up to a date ("du 1er au ")
    kinds: Mapping[str, tuple[str, str]]  # trigger word -> (kind, language)
    months: Mapping[str, int]
    weekdays: Mapping[str, int]
    tomorrow: frozenset[str]
    day_names: frozenset[str]  # the months' and weekdays' names, lower-cased


def _alternation(words: list[str]) -> str:
    ordered = sorted({w.lower() for w in words}, key=len, reverse=True)
    return "|".join(r"\s+".join(re.escape(p) for p in w.split()) for w in ordered)


@lru_cache(maxsize=4)
def _compile(data: _Frozen) -> _Compiled:
    months = {n.lower(): i + 1 for i, names in enumerate(data["months"]) for n in names}
    weekdays = {n.lower(): i for i, names in enumerate(data["weekdays"]) for n in names}
    kinds: dict[str, tuple[str, str]] = {}
    for kind, field in ((BACK, "back_words"), (UNTIL, "until_words"), (THROUGH, "through_words")):
        for language, words in data[field].items():
            for word in words:
                kinds[" ".join(word.lower().split())] = (kind, language)
    after_words = _all_words(data, "after_words")
    after_until_words = _all_words(data, "after_until_words")
    month_alt, weekday_alt = _alternation(list(months)), _alternation(list(weekdays))
    tomorrow_alt = _alternation(data["tomorrow_words"])
    week_alt = _alternation(data.get("week_words", [])) or "(?!x)x"
    wd = rf"(?:(?:{weekday_alt})\.?,?\s+(?:the\s+|den\s+|le\s+|el\s+|il\s+)?)?"
    dates = re.compile(
        r"(?<![\w/.-])(?:"
        r"(?P<iy>\d{4})-(?P<im>\d{1,2})-(?P<id>\d{1,2})"
        r"|" + wd + r"(?P<na>\d{1,2})(?P<sep>[./-])(?P<nb>\d{1,2})"
        r"(?:(?P=sep)(?P<ny>\d{4}|\d{2}))?\.?"
        r"|" + wd + rf"(?P<dd>\d{{1,2}})(?:st|nd|rd|th|er|e|\.)?\s+(?:of\s+|de\s+)?"
        rf"(?P<dm>{month_alt})\.?(?:,?\s+(?:de\s+)?(?P<dy>\d{{4}}))?"
        r"|" + wd + rf"(?P<mm>{month_alt})\.?\s+(?P<md>\d{{1,2}})(?:st|nd|rd|th)?"
        r"(?:,?\s+(?P<my>\d{4}))?"
        # a day of the month alone: "until the 9th", "back on Tuesday 17th"
        r"|" + wd + r"(?P<od>\d{1,2})(?:st|nd|rd|th)"
        # a week's number: "bis einschließlich KW 49", "til og med uke 31"
        rf"|(?P<wk>{week_alt})\.?\s*(?P<wn>\d{{1,2}})"
        rf"|(?P<tm>{tomorrow_alt})"
        rf"|(?P<ow>{weekday_alt})"
        r")(?![\w])"
        # Chinese, Japanese and Korean: "2026年12月14日", "12月14日まで", "12월 14일까지",
        # among letters that are words themselves (no boundary before or after)
        r"|(?<!\d)(?:(?P<cy>\d{4})\s*[年년]\s*)?(?P<cm>\d{1,2})\s*[月월]\s*"
        r"(?P<cd>\d{1,2})\s*[日일号]?",
        re.IGNORECASE,
    )
    before = re.compile(
        rf"(?<!\w)(?P<word>{_alternation(list(kinds))})(?!\w)[^\n]{{0,{_GAP_BEFORE}}}$",
        re.IGNORECASE,
    )
    after = _after_pattern(after_words)
    after_until = _after_pattern(after_until_words)
    tomorrow = frozenset(data["tomorrow_words"])
    range_alt = _alternation(_all_words(data, "range_words")) or "(?!x)x"
    from_alt = _alternation(_all_words(data, "from_words")) or "(?!x)x"
    joined = re.compile(rf"\s*(?:{range_alt})\s*(?:the\s+)?", re.IGNORECASE)
    opened = re.compile(
        rf"(?<!\w)(?:{from_alt})\s+(?:the\s+)?\d{{1,2}}(?:st|nd|rd|th|er|e|\.)?"
        rf"\s*(?:{range_alt})\s*(?:the\s+)?$",
        re.IGNORECASE,
    )
    through_alt = _alternation(_all_words(data, "after_through_words")) or "(?!x)x"
    after_through = re.compile(rf"[\s,(]{{0,3}}(?:{through_alt})(?!\w)", re.IGNORECASE)
    return _Compiled(
        dates,
        before,
        after,
        after_until,
        after_through,
        joined,
        opened,
        kinds,
        months,
        weekdays,
        tomorrow,
        frozenset(months) | frozenset(weekdays),
    )


def _all_words(data: _Frozen, field: str) -> list[str]:
    """Every language's words of an optional by-language field."""
    return [w for words in data.get(field, {}).values() for w in words]


def _after_pattern(words: list[str]) -> re.Pattern[str]:
    # words of unspaced scripts ("まで", "까지") follow a date without a space or a boundary
    # and Hungarian's suffixes, joined by a hyphen ("augusztus 23-ig")
    unspaced = [w for w in words if _UNSPACED.match(w) or w.startswith("-")]
    spaced = [w for w in words if w not in unspaced]
    return re.compile(
        rf"^[^\n]{{0,{_GAP_AFTER}}}?(?:(?<!\w)(?:{_alternation(spaced) or '(?!x)x'})(?!\w)"
        rf"|(?:{_alternation(unspaced) or '(?!x)x'}))",
        re.IGNORECASE,
    )


@dataclass(frozen=True, slots=True)
class ReturnDate:
    day: date | None
    uncertain: str | None = None  # a date that could not be read for sure, and why


def find_return_date(
    text: str, reference: date | None, rules: Mapping[str, Any], *, day_first: bool | None = None
) -> date | None:
    """The first day the writer is back, or None when the text names no such date."""
    return read_return_date(text, reference, rules, day_first=day_first).day


def read_return_date(
    text: str, reference: date | None, rules: Mapping[str, Any], *, day_first: bool | None = None
) -> ReturnDate:
    """The first day the writer is back, and any date that could not be read for sure.

    `reference` is the message date; without it, dates lacking a year or naming only a
    weekday cannot be placed and are ignored. Back-dates win over until-dates.
    `day_first`: the sender's locale (True for "05/01" = 5 January, False for 1 May, None
    when unknown). A slashed date both ways valid ("returning 05/01") in English with no
    locale is not guessed: it is named in `uncertain` instead. Dotted and dashed dates
    ("05.01.") are day-first by their own form; a number over 12 decides by itself.
    """
    compiled = _compile(_Frozen(rules))
    # Hebrew joins a prefix to a number with a hyphen: "ב-12 באוקטובר" (on the 12th of October)
    text = _HEBREW_PREFIX.sub(" ", text.replace("\u2019", "'"))
    best: tuple[int, int, date] | None = None  # (rank, position, day)
    uncertain: str | None = None
    matches = list(compiled.dates.finditer(text))
    latest: date | None = None
    if day_first is None:  # "starting 24/11/2026 ... not return until 02/12/2026"
        day_first = _written_day_first(matches)
    for index, match in enumerate(matches):
        following = matches[index + 1].start() if index + 1 < len(matches) else None
        trigger = _trigger(compiled, text, match.start(), match.end(), following)
        spans = _ends_span(compiled, text, matches[index - 1] if index else None, match)
        if trigger is None and not spans:
            continue
        kind, language = trigger or (THROUGH, "")
        if spans or compiled.after_through.match(text, match.end()) is not None:
            kind = THROUGH if kind == UNTIL or spans else kind
        month_first = language == "en"
        if _either_way(match):
            if day_first is not None:
                month_first = not day_first
            elif language in ("en", ""):
                uncertain = uncertain or (
                    f"return date {match.group(0).strip()!r} reads as day/month or month/day"
                )
                continue
        # a day of the month alone after a full date goes on from it ("3 Aug → 21 Aug, back
        # on the 24th")
        since = (
            latest
            if match.group("od") and latest and reference and latest > reference
            else reference
        )
        day = _to_date(match, compiled, since, month_first=month_first)
        if day is None or not _plausible(day, reference):
            continue
        latest = day
        if match.group("wn"):  # a week: back its Monday, or the Monday after it ends
            day += timedelta(days=0 if kind == BACK else 7)
        elif kind == THROUGH:
            day += timedelta(days=1)
        rank = 0 if kind == BACK else 1
        if best is None or (rank, match.start()) < best[:2]:
            best = (rank, match.start(), day)
    if best is not None:
        return ReturnDate(best[2])
    return ReturnDate(None, uncertain)


def _ends_span(
    compiled: _Compiled, text: str, previous: re.Match[str] | None, match: re.Match[str]
) -> bool:
    """This date closes a span of absence: another date or a bare day number opened by a
    from word stands right before it, joined by a span word ("3 Aug → 21 Aug", "vom 3. bis
    21. August", "du 1er au 23 août")."""
    if previous is not None and compiled.joined.fullmatch(text, previous.end(), match.start()):
        return True
    window = text[max(0, match.start() - 40) : match.start()]
    return compiled.opened.search(window) is not None


def _written_day_first(matches: list[re.Match[str]]) -> bool | None:
    """The order the writer's slashed dates take, where one of them shows it by a number
    over 12 ("24/11/2026": day first); None when none shows it, or they disagree."""
    found = set()
    for match in matches:
        if not match.group("na") or match.group("sep") != "/":
            continue
        a, b = int(match.group("na")), int(match.group("nb"))
        if a > 12 >= b:
            found.add(True)
        elif b > 12 >= a:
            found.add(False)
    return found.pop() if len(found) == 1 else None


def _either_way(match: re.Match[str]) -> bool:
    """A slashed numeric date whose two numbers can both be a month, and differ."""
    if not match.group("na") or match.group("sep") != "/":
        return False
    a, b = int(match.group("na")), int(match.group("nb"))
    return a != b and 1 <= a <= 12 and 1 <= b <= 12


def day_names(rules: Mapping[str, Any]) -> frozenset[str]:
    """The month and weekday names `rules` (the `return_date` section) knows, lower-cased."""
    compiled = _compile(_Frozen(rules))
    return compiled.day_names


def find_dates(
    text: str, reference: date | None, rules: Mapping[str, Any], *, month_first: bool
) -> Iterator[tuple[date, int, int]]:
    """Every date written in `text` in the forms read here (day, start, end), whatever words
    stand around it; dates that can't be placed (no year and no `reference`) are left out.
    `rules` is the `return_date` section (months, weekdays, tomorrow)."""
    compiled = _compile(_Frozen(rules))
    for match in compiled.dates.finditer(text):
        day = _to_date(match, compiled, reference, month_first=month_first)
        if day is not None:
            yield day, match.start(), match.end()


def _trigger(
    compiled: _Compiled, text: str, start: int, end: int, following: int | None
) -> tuple[str, str] | None:
    """The kind of the word that makes this date a return date, and its language. A word
    after the date that the next date follows closely is that date's ("from 24 to 28", "Dec
    4) ... back on Monday, December 7th", "tomorrow. Back next Monday")."""
    window = text[max(0, start - _GAP_BEFORE - 40) : start]
    found = compiled.before.search(window.lower())
    if found is not None:
        return compiled.kinds.get(" ".join(found.group("word").split()))
    ahead = text[
        end : min(end + _GAP_AFTER + 20, following if following is not None else len(text))
    ]
    for pattern, kind in ((compiled.after, BACK), (compiled.after_until, UNTIL)):
        after = pattern.search(ahead)
        if after is None:
            continue
        if following is not None and following - (end + after.end()) <= _NEXT_DATE_CLOSE:
            return None
        return (kind, "")
    return None


def _to_date(
    m: re.Match[str], c: _Compiled, reference: date | None, *, month_first: bool
) -> date | None:
    g = m.groupdict()
    if g["iy"]:
        return _safe_date(int(g["iy"]), int(g["im"]), int(g["id"]))
    if g["na"]:
        a, b = int(g["na"]), int(g["nb"])
        if g["sep"] == "/" and (b > 12 or (month_first and a <= 12)):
            a, b = b, a  # US month/day
        return _with_year(b, a, g["ny"], reference)
    if g["dd"]:
        return _with_year(c.months[g["dm"].lower()], int(g["dd"]), g["dy"], reference)
    if g["cm"]:
        return _with_year(int(g["cm"]), int(g["cd"]), g["cy"], reference)
    if g["mm"]:
        return _with_year(c.months[g["mm"].lower()], int(g["md"]), g["my"], reference)
    if reference is None:
        return None
    if g["od"]:
        return _next_day_of_month(int(g["od"]), reference)
    if g["wn"]:
        return _week_monday(int(g["wn"]), reference)
    if g["tm"]:
        return reference + timedelta(days=1)
    weekday = c.weekdays[g["ow"].lower()]
    ahead = (weekday - reference.weekday()) % 7 or 7
    return reference + timedelta(days=ahead)


def _with_year(month: int, day: int, year: str | None, reference: date | None) -> date | None:
    if year:
        number = int(year)
        return _safe_date(number + 2000 if number < 100 else number, month, day)
    if reference is None:
        return None
    found = _safe_date(reference.year, month, day)
    if found is not None and found < reference - _MAX_BEHIND:
        found = _safe_date(reference.year + 1, month, day)  # "back on 5 January" sent in December
    return found


def _next_day_of_month(day: int, reference: date) -> date | None:
    """The first day numbered `day` from a week before `reference` on ("until the 9th" sent
    on the 27th is the 9th of the next month; "back on the 17th" sent on the 19th, late)."""
    year, month = reference.year, reference.month
    for _ in range(3):
        found = _safe_date(year, month, day)
        if found is not None and found >= reference - _MAX_BEHIND:
            return found
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return None


def _week_monday(week: int, reference: date) -> date | None:
    """The Monday of ISO week `week` in the reference's year, or the next year's when that
    week is over ("KW 2" written in December)."""
    year = reference.isocalendar().year
    for candidate in (year, year + 1):
        try:
            monday = date.fromisocalendar(candidate, week, 1)
        except ValueError:
            return None
        if monday + timedelta(days=6) >= reference - _MAX_BEHIND:
            return monday
    return None


def _safe_date(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None


def _plausible(day: date, reference: date | None) -> bool:
    if reference is None:
        return True
    return reference - _MAX_BEHIND <= day <= reference + _MAX_AHEAD


class _Frozen:
    """Hashable by identity, so the compiled patterns are cached per rules mapping."""

    def __init__(self, data: Mapping[str, Any]) -> None:
        self.data = data

    def __getitem__(self, key: str) -> Any:
        return self.data[key]

    def get(self, key: str, default: Any) -> Any:
        return self.data.get(key, default)

    def __hash__(self) -> int:
        return id(self.data)

    def __eq__(self, other: object) -> bool:
        return isinstance(other, _Frozen) and other.data is self.data
