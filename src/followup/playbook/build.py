"""Turn the raw mapping of a playbook file into a Playbook value.

The input has already been validated (shipped files by the test suite, user
files and overrides by schema.py at load time), so this is a direct
translation kept free of pydantic: loading a shipped playbook stays fast.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import fields
from datetime import time
from types import MappingProxyType
from typing import Any, cast

from followup.playbook.model import (
    NO_LINKEDIN,
    WEEKDAY_NAMES,
    CalendarSettings,
    ChannelSettings,
    ContentSettings,
    LinkedInSettings,
    OutcomeSettings,
    Param,
    PipelineSettings,
    Playbook,
    QuietPeriod,
    Rule,
    Span,
    SpanUnit,
    StayInTouchSettings,
    ThankYouSettings,
    TimingSettings,
)

Raw = Mapping[str, Any]


def parse_clock(text: str) -> time:
    hours, minutes = text.split(":")
    return time(int(hours), int(minutes))


def parse_month_day(text: str) -> tuple[int, int]:
    month, day = text.split("-")
    return int(month), int(day)


def _param(raw: Raw, convert: Any = None) -> Param[Any]:
    value = raw["value"]
    return Param(convert(value) if convert is not None else value, str(raw["rule"]))


def _span(raw: Raw) -> Span:
    return Span(int(raw["amount"]), cast(SpanUnit, raw["unit"]), raw.get("after"))


def _quiet(raw: Raw) -> QuietPeriod:
    return QuietPeriod(
        parse_month_day(raw["start"]), parse_month_day(raw["end"]), frozenset(raw["kinds"])
    )


def _weekend(names: list[str]) -> frozenset[int]:
    return frozenset(WEEKDAY_NAMES.index(n) for n in names)


# How a setting's value is read, where it is not taken as the file gives it.
_READ: dict[str, Callable[[Any], Any]] = {
    "weekend_days": _weekend,
    "send_hours_start": parse_clock,
    "send_hours_end": parse_clock,
    "thank_you_evening_until": parse_clock,
    "window_stretch_until": parse_clock,
    "quiet_period": _quiet,
    "window": _span,
    "estimate_delay": _span,
    "status_check_after_decision": _span,
    "signoffs": tuple,
}


def _section(settings: Any, raw: Raw) -> Any:
    """The `settings` dataclass of one section: each field the Param of the same name."""
    return settings(**{f.name: _param(raw[f.name], _READ.get(f.name)) for f in fields(settings)})


def build_playbook(raw: Raw, source: str) -> Playbook:
    """Build the value from an already validated mapping."""
    rules = {
        str(r["id"]): Rule(str(r["id"]), str(r["summary"]), str(r["explanation"]).strip())
        for r in raw["rules"]
    }
    return Playbook(
        schema_version=int(raw["schema_version"]),
        name=str(raw["name"]),
        description=str(raw["description"]).strip(),
        source=source,
        rules=MappingProxyType(rules),  # read-only: a playbook is a value
        calendar=_section(CalendarSettings, raw["calendar"]),
        thank_you=_section(ThankYouSettings, raw["thank_you"]),
        timing=_section(TimingSettings, raw["timing"]),
        channels=_section(ChannelSettings, raw["channels"]),
        outcomes=_section(OutcomeSettings, raw["outcomes"]),
        stay_in_touch=_section(StayInTouchSettings, raw["stay_in_touch"]),
        content=_section(ContentSettings, raw["content"]),
        pipeline=_section(PipelineSettings, raw["pipeline"]),
        linkedin=_section(LinkedInSettings, raw["linkedin"])
        if raw.get("linkedin")
        else NO_LINKEDIN,
    )
