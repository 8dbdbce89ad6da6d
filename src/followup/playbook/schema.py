"""The schema of a playbook file, and the checks pydantic cannot express.

Imported only when a file must be validated (a user's playbook, overrides, the
`check` command, the tests of the shipped files): pydantic is too slow to
import on the start-up path of `followup today`.

`validate(raw)` returns every problem as (location, problem, fix); the loader
turns locations into file lines.
"""

from __future__ import annotations

import contextlib
import difflib
from collections.abc import Mapping
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, StringConstraints, ValidationError

from followup.domain.model import ActionKind

Loc = tuple[str | int, ...]
Problem = tuple[Loc, str, str]

Clock = Annotated[str, StringConstraints(pattern=r"^([01]\d|2[0-3]):[0-5]\d$")]
MonthDay = Annotated[str, StringConstraints(pattern=r"^(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$")]
RuleId = Annotated[str, StringConstraints(pattern=r"^[A-Z][A-Z0-9]*(-[A-Z0-9]+)+$")]
Days = Annotated[int, Field(ge=0, le=3650)]
Weekday = Literal["mon", "tue", "wed", "thu", "fri", "sat", "sun"]
ActionKindName = Annotated[ActionKind, Field(strict=False)]  # the YAML holds the value text


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", strict=True, frozen=True)


class RuleModel(_Strict):
    id: RuleId
    summary: Annotated[str, StringConstraints(min_length=1)]
    explanation: Annotated[str, StringConstraints(min_length=1)]


class DaysParam(_Strict):
    value: Days
    rule: RuleId


class PositiveDaysParam(_Strict):
    value: Annotated[int, Field(ge=1, le=3650)]
    rule: RuleId


class BoolParam(_Strict):
    value: bool
    rule: RuleId


class ClockParam(_Strict):
    value: Clock
    rule: RuleId


class RuleRefParam(_Strict):
    value: RuleId
    rule: RuleId


class SpanValue(_Strict):
    amount: Annotated[int, Field(ge=0, le=365)]
    unit: Literal["days", "business-days"]
    after: Literal["thank-you", "interview"] | None = None


class SpanParam(_Strict):
    value: SpanValue
    rule: RuleId


class QuietValue(_Strict):
    start: MonthDay
    end: MonthDay
    kinds: list[ActionKindName]


class QuietParam(_Strict):
    value: QuietValue
    rule: RuleId


class WeekendParam(_Strict):
    value: Annotated[list[Weekday], Field(max_length=6)]
    rule: RuleId


class SignoffsParam(_Strict):
    value: Annotated[list[Annotated[str, StringConstraints(min_length=1)]], Field(min_length=1)]
    rule: RuleId


class CalendarModel(_Strict):
    weekend_days: WeekendParam
    public_holidays: BoolParam
    send_hours_start: ClockParam
    send_hours_end: ClockParam
    thank_you_evening_until: ClockParam
    window_stretch_until: ClockParam
    quiet_period: QuietParam
    out_of_office_business_days: DaysParam
    action_grace_business_days: DaysParam


class ThankYouModel(_Strict):
    window: SpanParam
    in_person_rule: RuleRefParam
    remote_rule: RuleRefParam
    via_recruiter_when_no_address: BoolParam
    find_contact: BoolParam


class TimingModel(_Strict):
    weekly_cap_days: PositiveDaysParam
    estimate_delay: SpanParam
    status_check_after_decision: SpanParam
    final_note_delay_days: PositiveDaysParam
    move_on_days: PositiveDaysParam
    max_follow_ups_after_thank_you: DaysParam
    respect_no_follow_up: BoolParam


class ChannelsModel(_Strict):
    one_method: BoolParam
    phone_on_connection: BoolParam
    voicemail_counts: BoolParam


class OutcomesModel(_Strict):
    rejection_reply_business_days: DaysParam
    offer_ack_business_days: DaysParam
    competing_offer_business_days: DaysParam
    withdrawal_business_days: DaysParam


class StayInTouchModel(_Strict):
    first_after_days: PositiveDaysParam
    every_days: PositiveDaysParam


class PipelineModel(_Strict):
    application_check: BoolParam
    application_check_after_days: PositiveDaysParam
    offer_decision_business_days: DaysParam
    offer_decline_business_days: DaysParam
    withdraw_others_business_days: DaysParam
    missed_after_business_days: PositiveDaysParam


class ContentModel(_Strict):
    signoffs: SignoffsParam


class LinkedInModel(_Strict):
    connection_note: BoolParam


class PlaybookModel(_Strict):
    schema_version: Literal[1]
    name: Annotated[str, StringConstraints(pattern=r"^[a-z][a-z0-9-]*$")]
    description: str
    rules: Annotated[list[RuleModel], Field(min_length=1)]
    calendar: CalendarModel
    thank_you: ThankYouModel
    timing: TimingModel
    channels: ChannelsModel
    outcomes: OutcomesModel
    stay_in_touch: StayInTouchModel
    content: ContentModel
    pipeline: PipelineModel
    linkedin: LinkedInModel | None = None  # optional: playbooks written before it stay valid


_FIXES = {
    "missing": "add it (see the shipped seed.yaml for an example)",
    "int_type": "write a whole number",
    "bool_type": "write true or false",
    "string_type": "write a text value",
    "list_type": "write a list, e.g. [a, b]",
    "model_type": "write a mapping with 'value' and 'rule'",
    "dict_type": "write a mapping",
    "literal_error": "use one of the allowed values",
    "enum": "use one of the allowed values",
    "string_pattern_mismatch": "use the documented format",
    "greater_than_equal": "use a larger number",
    "less_than_equal": "use a smaller number",
    "too_short": "add at least one entry",
    "too_long": "remove entries",
}
_PATTERN_HINTS = {
    "Clock": 'write a 24-hour time in quotes, e.g. "08:00"',
    "MonthDay": 'write a month-day in quotes, e.g. "12-24"',
    "RuleId": "write an upper-case id with dashes, e.g. SEED-WEEKLY-CAP",
}


def allowed_keys(loc: Loc) -> list[str]:
    """The keys the schema allows in the mapping at `loc` (for "did you mean")."""
    model: Any = PlaybookModel
    for part in loc:
        if isinstance(part, int):
            continue
        fields = getattr(model, "model_fields", None)
        field = fields.get(part) if isinstance(fields, dict) else None
        if field is None:
            return []
        model = _model_of(field.annotation)
    if isinstance(model, type) and issubclass(model, BaseModel):
        return list(model.model_fields)
    return []


def _model_of(annotation: Any) -> Any:
    for candidate in (annotation, *getattr(annotation, "__args__", ())):
        if isinstance(candidate, type) and issubclass(candidate, BaseModel):
            return candidate
        inner = _model_of_list(candidate)
        if inner is not None:
            return inner
    return None


def _model_of_list(annotation: Any) -> Any:
    for arg in getattr(annotation, "__args__", ()) or ():
        if isinstance(arg, type) and issubclass(arg, BaseModel):
            return arg
        nested = getattr(arg, "__args__", None)
        if nested:
            found = _model_of_list(arg)
            if found is not None:
                return found
    return None


def did_you_mean(word: str, choices: list[str]) -> str:
    close = difflib.get_close_matches(word, choices, n=1, cutoff=0.6)
    return f"did you mean '{close[0]}'?" if close else f"allowed: {', '.join(choices)}"


def _pydantic_problems(exc: ValidationError) -> list[Problem]:
    problems: list[Problem] = []
    for err in exc.errors():
        loc: Loc = tuple(p for p in err["loc"] if isinstance(p, int) or not _is_tag(p))
        kind = err["type"]
        if kind == "extra_forbidden":
            key = str(loc[-1])
            fix = "remove it; " + did_you_mean(key, allowed_keys(loc[:-1]))
            problems.append((loc, "unknown key", fix))
            continue
        fix = _FIXES.get(kind, "correct the value")
        message = str(err["msg"]).lower()
        if kind in {"model_type", "dict_type"}:
            message = f"expected a mapping, got {err.get('input')!r}"
            fix = _mapping_fix(loc)
        if kind == "string_pattern_mismatch":
            fix = _pattern_hint(str(err.get("ctx", {}).get("pattern", "")))
            message = f"{err.get('input')!r} has the wrong format"
        if kind in {"literal_error", "enum"}:
            fix = f"use one of: {err.get('ctx', {}).get('expected', '')}"
        problems.append((loc, message, fix))
    return problems


def _mapping_fix(loc: Loc) -> str:
    if loc[:1] == ("rules",):
        return "write a mapping with 'id', 'summary' and 'explanation'"
    if len(loc) <= 1:
        return "write a mapping of settings (see the shipped seed.yaml)"
    if len(loc) == 2:
        return "write a mapping with 'value' and 'rule'"
    return "write a mapping (see the shipped seed.yaml)"


def _is_tag(part: object) -> bool:
    # pydantic adds union/function tags such as "literal['a']" to locations
    return isinstance(part, str) and ("[" in part or part.startswith("function-"))


def _pattern_hint(pattern: str) -> str:
    if "[0-5]" in pattern:
        return _PATTERN_HINTS["Clock"]
    if "(0[1-9]|1[0-2])" in pattern:
        return _PATTERN_HINTS["MonthDay"]
    return _PATTERN_HINTS["RuleId"]


def _cross_problems(raw: Mapping[str, Any]) -> list[Problem]:
    """Rule references and orderings; run only on structurally valid data."""
    problems: list[Problem] = []
    ids: list[str] = [r["id"] for r in raw["rules"] if isinstance(r, Mapping) and "id" in r]
    seen: set[str] = set()
    for i, rid in enumerate(ids):
        if rid in seen:
            problems.append((("rules", i, "id"), f"duplicate rule id {rid}", "give it a unique id"))
        seen.add(rid)
    for section, params in raw.items():
        if not isinstance(params, Mapping):
            continue
        for key, param in params.items():
            if not isinstance(param, Mapping):
                continue
            # a *_rule setting names a rule in its value as well as in `rule`
            subs = ("rule", "value") if key.endswith("_rule") else ("rule",)
            for sub in subs:
                ref = param.get(sub)
                if isinstance(ref, str) and ref not in seen:
                    fix = "add that rule to 'rules' or " + did_you_mean(ref, ids)
                    problems.append(((section, key, sub), f"unknown rule id {ref}", fix))
    cal = raw["calendar"]
    start, end = cal["send_hours_start"]["value"], cal["send_hours_end"]["value"]
    evening = cal["thank_you_evening_until"]["value"]
    if not start < end <= evening:
        problems.append(
            (
                ("calendar", "send_hours_end", "value"),
                f"send hours {start}-{end} (evening until {evening}) are out of order",
                "make send_hours_start < send_hours_end <= thank_you_evening_until",
            )
        )
    return problems


def validate(raw: object) -> list[Problem]:
    """Every problem of a parsed playbook file; empty when it is valid."""
    if not isinstance(raw, Mapping):
        return [((), "the file is not a mapping", "start from a copy of the shipped seed.yaml")]
    problems: list[Problem] = []
    try:
        PlaybookModel.model_validate(raw)
    except ValidationError as exc:
        problems = _pydantic_problems(exc)
    # when the structure is broken pydantic has reported why; skip the cross checks
    with contextlib.suppress(KeyError, TypeError, AttributeError, IndexError):
        problems += _cross_problems(raw)
    return problems
