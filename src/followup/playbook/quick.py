"""A fast, conservative check of simple overrides on a trusted playbook.

Most overrides change one number, flag or time of a shipped playbook
("timing.weekly_cap_days": 5). Validating them with pydantic would cost
start-up more than the rest of `followup today`; this check accepts only
overrides it can prove valid (same kind of value as the shipped one, inside
the narrowest bounds of the schema) and answers "not sure" for anything else,
which then goes through the full schema and its precise messages. A property
test checks that it never accepts what the schema rejects.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

from followup.playbook.model import WEEKDAY_NAMES

_CLOCK = re.compile(r"^([01]\d|2[0-3]):[0-5]\d$")
_CLOCK_KEYS = ("send_hours_start", "send_hours_end", "thank_you_evening_until")


def surely_valid(raw: Mapping[str, Any], changed: list[tuple[str | int, ...]]) -> bool:
    """Whether the settings at `changed` (paths ending in "value") are certainly valid."""
    for loc in changed:
        if len(loc) != 3 or loc[2] != "value":
            return False
        section, key = str(loc[0]), str(loc[1])
        shipped = _shipped_kind(section, key)
        value = raw[section][key]["value"]
        if shipped is None or not _fits(shipped, value):
            return False
    calendar = raw["calendar"]
    start, end, evening = (calendar[k]["value"] for k in _CLOCK_KEYS)
    return bool(start < end <= evening)


def _shipped_kind(section: str, key: str) -> str | None:
    kinds = {
        "calendar": {
            "public_holidays": "bool",
            "send_hours_start": "clock",
            "send_hours_end": "clock",
            "thank_you_evening_until": "clock",
            "window_stretch_until": "clock",
            "weekend_days": "weekdays",
            "out_of_office_business_days": "count",
            "action_grace_business_days": "count",
        },
        "thank_you": {"via_recruiter_when_no_address": "bool", "find_contact": "bool"},
        "timing": {
            "weekly_cap_days": "count",
            "final_note_delay_days": "count",
            "move_on_days": "count",
            "max_follow_ups_after_thank_you": "count",
            "respect_no_follow_up": "bool",
        },
        "channels": {
            "one_method": "bool",
            "phone_on_connection": "bool",
            "voicemail_counts": "bool",
        },
        "outcomes": {
            "rejection_reply_business_days": "count",
            "offer_ack_business_days": "count",
            "competing_offer_business_days": "count",
            "withdrawal_business_days": "count",
        },
        "stay_in_touch": {"first_after_days": "count", "every_days": "count"},
        "content": {"signoffs": "texts"},
        "pipeline": {
            "application_check": "bool",
            "application_check_after_days": "count",
            "offer_decision_business_days": "count",
            "offer_decline_business_days": "count",
            "withdraw_others_business_days": "count",
            "missed_after_business_days": "count",
        },
        "linkedin": {"connection_note": "bool"},
    }
    return kinds.get(section, {}).get(key)


def _fits(kind: str, value: object) -> bool:
    if kind == "bool":
        return isinstance(value, bool)
    if kind == "count":  # the narrowest bounds any count has in the schema
        return isinstance(value, int) and not isinstance(value, bool) and 1 <= value <= 365
    if kind == "clock":
        return isinstance(value, str) and _CLOCK.match(value) is not None
    if kind == "weekdays":
        return (
            isinstance(value, list)
            and len(value) <= 6
            and all(isinstance(v, str) and v in WEEKDAY_NAMES for v in value)
        )
    if kind == "texts":
        return (
            isinstance(value, list)
            and len(value) >= 1
            and all(isinstance(v, str) and v for v in value)
        )
    return False
