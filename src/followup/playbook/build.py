"""Turn the raw mapping of a playbook file into a Playbook value.

The input has already been validated (shipped files by the test suite, user
files and overrides by schema.py at load time), so this is a direct
translation kept free of pydantic: loading a shipped playbook stays fast.
"""

from __future__ import annotations

from collections.abc import Mapping
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


def _calendar(raw: Raw) -> CalendarSettings:
    return CalendarSettings(
        weekend_days=_param(raw["weekend_days"], _weekend),
        public_holidays=_param(raw["public_holidays"]),
        send_hours_start=_param(raw["send_hours_start"], parse_clock),
        send_hours_end=_param(raw["send_hours_end"], parse_clock),
        thank_you_evening_until=_param(raw["thank_you_evening_until"], parse_clock),
        window_stretch_until=_param(raw["window_stretch_until"], parse_clock),
        quiet_period=_param(raw["quiet_period"], _quiet),
        out_of_office_business_days=_param(raw["out_of_office_business_days"]),
        action_grace_business_days=_param(raw["action_grace_business_days"]),
    )


def build_playbook(raw: Raw, source: str) -> Playbook:
    """Build the value from an already validated mapping."""
    ty, tm, ch = raw["thank_you"], raw["timing"], raw["channels"]
    out, sit = raw["outcomes"], raw["stay_in_touch"]
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
        calendar=_calendar(raw["calendar"]),
        thank_you=ThankYouSettings(
            window=_param(ty["window"], _span),
            in_person_rule=_param(ty["in_person_rule"]),
            remote_rule=_param(ty["remote_rule"]),
            via_recruiter_when_no_address=_param(ty["via_recruiter_when_no_address"]),
            find_contact=_param(ty["find_contact"]),
        ),
        timing=TimingSettings(
            weekly_cap_days=_param(tm["weekly_cap_days"]),
            estimate_delay=_param(tm["estimate_delay"], _span),
            status_check_after_decision=_param(tm["status_check_after_decision"], _span),
            final_note_delay_days=_param(tm["final_note_delay_days"]),
            move_on_days=_param(tm["move_on_days"]),
            max_follow_ups_after_thank_you=_param(tm["max_follow_ups_after_thank_you"]),
            respect_no_follow_up=_param(tm["respect_no_follow_up"]),
        ),
        channels=ChannelSettings(
            one_method=_param(ch["one_method"]),
            phone_on_connection=_param(ch["phone_on_connection"]),
            voicemail_counts=_param(ch["voicemail_counts"]),
        ),
        outcomes=OutcomeSettings(
            rejection_reply_business_days=_param(out["rejection_reply_business_days"]),
            offer_ack_business_days=_param(out["offer_ack_business_days"]),
            competing_offer_business_days=_param(out["competing_offer_business_days"]),
            withdrawal_business_days=_param(out["withdrawal_business_days"]),
        ),
        stay_in_touch=StayInTouchSettings(
            first_after_days=_param(sit["first_after_days"]),
            every_days=_param(sit["every_days"]),
        ),
        content=ContentSettings(signoffs=_param(raw["content"]["signoffs"], tuple)),
        pipeline=PipelineSettings(**{key: _param(raw["pipeline"][key]) for key in PIPELINE_KEYS}),
        linkedin=LinkedInSettings(connection_note=_param(raw["linkedin"]["connection_note"]))
        if raw.get("linkedin")
        else NO_LINKEDIN,
    )


PIPELINE_KEYS = (
    "application_check",
    "application_check_after_days",
    "offer_decision_business_days",
    "offer_decline_business_days",
    "withdraw_others_business_days",
    "missed_after_business_days",
)
