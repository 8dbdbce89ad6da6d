"""The schema the rules file is checked against, and the check: one line per mistake naming
the file, the line, the field and the fix (see `rules`)."""

from __future__ import annotations

from typing import Any

SUPPORTED_VERSION = 1


class RulesError(Exception):
    """The rules file is unreadable or does not fit the schema; str() says where and how."""


class _MapOf:
    """Schema marker: a mapping from free-form names to values of one shape."""

    def __init__(self, value: object) -> None:
        self.value = value


_STRS = [str]
_HEADER_RULE = {"header": str, "values": _STRS}
_WORDS_BY_LANGUAGE = _MapOf(_STRS)
SCHEMA: dict[str, object] = {
    "version": int,
    "bounce": {
        "sender_local_parts": _STRS,
        "sender_names": _STRS,
        "failure_subjects": _STRS,
        "notice_subjects": _STRS,
        "delay_subjects": _STRS,
        "delay_phrases": _STRS,
        "failure_phrases": _STRS,
        "not_failed_actions": _STRS,
    },
    "auto_reply": {
        "strong_headers": [_HEADER_RULE],
        "weak_headers": [_HEADER_RULE],
        "rule_headers": [_HEADER_RULE],
        "subjects": _STRS,
        "tag_tails": _STRS,
        "body_phrases": _STRS,
        "notice_phrases": _STRS,
        "return_when": _STRS,
        "return_phrases": _STRS,
        "thanks_openers": _STRS,
        "absence_only": {
            "away_words": _STRS,
            "return_words": _STRS,
            "courtesies": _STRS,
            "past_words": _STRS,
            "joins": _STRS,
            "signoffs": _STRS,
            "date_words": _STRS,
        },
    },
    "automated": {
        "headers": [_HEADER_RULE],
        "system_headers": [_HEADER_RULE],
        "system_subjects": _STRS,
        "report_subjects": _STRS,
        "challenge_phrases": _STRS,
        "envelope_local_parts": _STRS,
        "disclaimer_words": _STRS,
        "sender_local_parts": _STRS,
        "bulk_phrases": _STRS,
        "sender_domains": _STRS,
        "spam_phrases": _STRS,
        "spam_words": _STRS,
        "undisclosed_recipients": _STRS,
        "mailer_programs": _STRS,
        "thread_headers": _STRS,
        "department_words": _STRS,
        "distribution_local_parts": _STRS,
        "list_hosts": _STRS,
        "bulk_subdomains": _STRS,
        "bulk_subjects": _STRS,
        "closings": _STRS,
    },
    "ats": {
        "vendors": _MapOf(_STRS),
        "robot_local_parts": _STRS,
        "program_headers": [_HEADER_RULE],
        "recruiting_words": _STRS,
        "job_board_words": _STRS,
        "job_alert_phrases": _STRS,
        "meeting_tool_domains": _STRS,
    },
    "receipts": {
        "application": _STRS,
        "message": _STRS,
        "read": _STRS,
    },
    "calendar_words": {
        "response_subjects": _STRS,
        "cancel_subjects": _STRS,
        "invitation_subjects": _STRS,
        "meeting_markers": _STRS,
        "invitation_footers": _STRS,
    },
    "free_mail_domains": _STRS,
    "reply_prefixes": _STRS,
    "forward_prefixes": _STRS,
    "rejection_phrases": _STRS,
    "offer_phrases": _STRS,
    "uncertain_outcome_phrases": _STRS,
    "rejection_cues": {
        "regret": _STRS,
        "turned_down": _STRS,
        "chose": _STRS,
        "others": _STRS,
        "going_on": _STRS,
        "receiving": _STRS,
        "application": _STRS,
        "post": _STRS,
        "filled": _STRS,
        "elsewhere": _STRS,
        "context": _STRS,
        "people": _STRS,
        "things": _STRS,
        "titles": _STRS,
        "someone_elses": _STRS,
        "third_persons": _STRS,
        "process_words": _STRS,
    },
    "offer_cues": {
        "good_news": _STRS,
        "joining": _STRS,
        "verbs": _STRS,
        "objects": _STRS,
        "steps": _STRS,
        "negations": _STRS,
        "reader": _STRS,
        "made_by_reader": _STRS,
    },
    "return_date": {
        "back_words": _WORDS_BY_LANGUAGE,
        "after_words": _WORDS_BY_LANGUAGE,
        "after_until_words": _WORDS_BY_LANGUAGE,
        "until_words": _WORDS_BY_LANGUAGE,
        "through_words": _WORDS_BY_LANGUAGE,
        "after_through_words": _WORDS_BY_LANGUAGE,
        "range_words": _WORDS_BY_LANGUAGE,
        "from_words": _WORDS_BY_LANGUAGE,
        "months": [_STRS],
        "weekdays": [_STRS],
        "tomorrow_words": _STRS,
        "week_words": _STRS,
    },
    "decision_date": {
        "cue_words": _WORDS_BY_LANGUAGE,
        "date_words": _WORDS_BY_LANGUAGE,
        "span_words": _WORDS_BY_LANGUAGE,
        "numbers": _MapOf(int),
        "days": _STRS,
        "business_days": _STRS,
        "weeks": _STRS,
        "this_week": _STRS,
        "next_week": _STRS,
        "month_end": _STRS,
    },
}

# fields added after version 1 shipped: a user's older rules file may lack them (empty then)
OPTIONAL_FIELDS = frozenset(
    {
        "automated",
        "ats.program_headers",
        "bounce.notice_subjects",
        "calendar_words",
        "receipts",
        "bounce.delay_phrases",
        "bounce.failure_phrases",
        "bounce.not_failed_actions",
        "uncertain_outcome_phrases",
        "rejection_cues",
        "rejection_cues.chose",
        "rejection_cues.others",
        "rejection_cues.going_on",
        "rejection_cues.receiving",
        "rejection_cues.application",
        "rejection_cues.post",
        "rejection_cues.filled",
        "rejection_cues.elsewhere",
        "rejection_cues.context",
        "rejection_cues.people",
        "rejection_cues.things",
        "rejection_cues.titles",
        "rejection_cues.someone_elses",
        "rejection_cues.third_persons",
        "rejection_cues.process_words",
        "offer_cues.verbs",
        "offer_cues.objects",
        "offer_cues.steps",
        "offer_cues",
        "offer_cues.reader",
        "offer_cues.made_by_reader",
        "automated.bulk_phrases",
        "automated.sender_domains",
        "automated.thread_headers",
        "automated.challenge_phrases",
        "automated.report_subjects",
        "auto_reply.notice_phrases",
        "auto_reply.rule_headers",
        "auto_reply.return_when",
        "auto_reply.return_phrases",
        "auto_reply.thanks_openers",
        "auto_reply.absence_only",
        "auto_reply.tag_tails",
        "return_date.after_until_words",
        "return_date.week_words",
        "return_date.after_through_words",
        "return_date.range_words",
        "return_date.from_words",
        "automated.envelope_local_parts",
        "automated.disclaimer_words",
        "automated.spam_phrases",
        "automated.spam_words",
        "automated.undisclosed_recipients",
        "automated.mailer_programs",
        "automated.department_words",
        "automated.distribution_local_parts",
        "automated.list_hosts",
        "automated.bulk_subdomains",
        "automated.bulk_subjects",
        "automated.closings",
        "ats.job_board_words",
        "ats.job_alert_phrases",
        "ats.meeting_tool_domains",
        "reply_prefixes",
        "forward_prefixes",
    }
)

_FIX = {
    str: "write a quoted string",
    int: "write a whole number",
}


def _describe(schema: object) -> str:
    if schema is str:
        return "a string"
    if schema is int:
        return "a whole number"
    if isinstance(schema, list):
        return f"a list of {_describe(schema[0]).removeprefix('a ')}s"
    if isinstance(schema, _MapOf):
        return f"a mapping of names to {_describe(schema.value)}"
    return "a mapping"


def _check(node: Any, schema: object, where: str, source: str) -> Any:
    """Turn a YAML node into plain values, checking it against `schema` on the way."""
    import yaml

    line = node.start_mark.line + 1

    def fail(problem: str, fix: str) -> RulesError:
        return RulesError(f"{source}:{line}: {where or 'top level'}: {problem}; {fix}")

    if schema is str or schema is int:
        if not isinstance(node, yaml.ScalarNode):
            raise fail(f"expected {_describe(schema)}", _FIX[schema])
        if schema is int:
            try:
                return int(node.value)
            except ValueError:
                raise fail(f"{node.value!r} is not a whole number", _FIX[int]) from None
        return str(node.value)
    if isinstance(schema, list):
        if not isinstance(node, yaml.SequenceNode):
            raise fail(f"expected {_describe(schema)}", "write [a, b] or one '- item' per line")
        return [
            _check(item, schema[0], f"{where}[{i}]", source) for i, item in enumerate(node.value)
        ]
    if not isinstance(node, yaml.MappingNode):
        raise fail(f"expected {_describe(schema)}", "write 'name: value' lines indented below it")
    out: dict[str, Any] = {}
    for key_node, value_node in node.value:
        key = str(key_node.value)
        path = f"{where}.{key}" if where else key
        if isinstance(schema, _MapOf):
            out[key] = _check(value_node, schema.value, path, source)
            continue
        assert isinstance(schema, dict)
        if key not in schema:
            known = ", ".join(schema)
            raise fail(f"unknown field {key!r}", f"use one of: {known}")
        out[key] = _check(value_node, schema[key], path, source)
    if isinstance(schema, dict):
        missing = [
            k
            for k in schema
            if k not in out and (f"{where}.{k}" if where else k) not in OPTIONAL_FIELDS
        ]
        if missing:
            name = missing[0]
            raise fail(f"missing field {name!r}", f"add '{name}:' ({_describe(schema[name])})")
    return out


def read_rules_data(text: str, source: str) -> dict[str, Any]:
    """Parse and check the rules text; raises RulesError with file:line on any mistake."""
    import yaml

    try:
        # libyaml's parser when PyYAML was built with it: five times the pure-Python one's speed
        root = yaml.compose(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = mark.line + 1 if mark is not None else 0
        problem = getattr(exc, "problem", None) or str(exc).splitlines()[0]
        raise RulesError(f"{source}:{line}: not valid YAML: {problem}; fix the syntax") from None
    if root is None:
        raise RulesError(f"{source}:1: the file is empty; copy the shipped classify.yaml")
    data: dict[str, Any] = _check(root, SCHEMA, "", source)
    if data["version"] != SUPPORTED_VERSION:
        raise RulesError(
            f"{source}:{root.start_mark.line + 1}: version: {data['version']} is not supported; "
            f"write 'version: {SUPPORTED_VERSION}'"
        )
    for index, names in enumerate(data["return_date"]["months"]):
        if not names:
            raise RulesError(f"{source}: return_date.months[{index}]: empty; list its names")
    for name, number in data["decision_date"]["numbers"].items():
        if number < 1:
            raise RulesError(
                f"{source}: decision_date.numbers.{name}: {number} is not a count; "
                "write a whole number of 1 or more"
            )
    if len(data["return_date"]["months"]) != 12 or len(data["return_date"]["weekdays"]) != 7:
        raise RulesError(
            f"{source}: return_date: needs 12 months and 7 weekdays, January and Monday first; "
            "add the missing entries"
        )
    return data
