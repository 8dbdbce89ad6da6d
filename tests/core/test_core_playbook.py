"""The playbook loader: shipped files, errors with file and line, overrides."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from followup.playbook import PlaybookError, builtin_playbooks, check_playbook_file, load_playbook
from followup.playbook.loader import builtin_path

SEED_TABLE_IDS = {
    "SEED-THANKS-INPERSON", "SEED-THANKS-OTHER", "SEED-ESTIMATE", "SEED-DEADLINE",
    "SEED-WEEKLY-CAP", "SEED-WEEK-ONE", "SEED-MOVE-ON", "SEED-ONE-METHOD",
    "SEED-PHONE-CONNECTION", "SEED-VOICEMAIL", "SEED-FIND-CONTACT", "SEED-STALLED",
    "SEED-STAY-IN-TOUCH", "SEED-BY-NAME", "SEED-SHORT", "SEED-INTEREST", "SEED-HIGHLIGHT",
    "SEED-INVITE-QUESTIONS", "SEED-SIGNOFF", "SEED-NO-PAY-TALK", "SEED-PATIENCE",
    "SEED-JOB-ALERTS",
}  # fmt: skip
CALENDAR_IDS = {"CAL-BUSINESS-DAYS", "CAL-SEND-HOURS", "CAL-QUIET-PERIOD"}


def test_builtin_playbooks_are_listed() -> None:
    assert builtin_playbooks() == ["prompt", "seed"]


@pytest.mark.parametrize("name", ["seed", "prompt"])
def test_shipped_playbooks_pass_the_schema(name: str) -> None:
    # the fast load path trusts shipped files: this test is what earns the trust
    assert check_playbook_file(builtin_path(name)) == []


def test_seed_has_every_rule_of_the_table_and_the_calendar() -> None:
    seed = load_playbook("seed")
    assert seed.rules.keys() >= SEED_TABLE_IDS | CALENDAR_IDS
    assert "week" in seed.rule("SEED-WEEKLY-CAP").explanation


def test_prompt_has_its_own_rules_and_the_calendar() -> None:
    prompt = load_playbook("prompt")
    assert prompt.rules.keys() >= CALENDAR_IDS | {
        "PROMPT-THANKS-24H",
        "PROMPT-COMPETING-OFFER",
        "PROMPT-NO-FOLLOW-UP",
        "PROMPT-THANKS-VIA-RECRUITER",
    }
    assert prompt.thank_you.via_recruiter_when_no_address.value is True
    assert prompt.stay_in_touch.first_after_days.value == 30


def test_seed_numbers() -> None:
    seed = load_playbook("seed")
    assert seed.timing.weekly_cap_days.value == 7
    assert seed.timing.weekly_cap_days.rule == "SEED-WEEKLY-CAP"
    assert seed.timing.move_on_days.value == 14
    assert str(seed.calendar.thank_you_evening_until.value) == "20:00:00"
    assert seed.calendar.weekend_days.value == frozenset({5, 6})
    assert seed.stay_in_touch.first_after_days.value == 60
    assert seed.stay_in_touch.every_days.value == 90
    assert "Best regards" in seed.content.signoffs.value
    assert "thank-you" not in seed.calendar.quiet_period.value.kinds
    assert "status-check" in seed.calendar.quiet_period.value.kinds


@pytest.mark.parametrize("name", ["seed", "prompt"])
def test_every_parameter_cites_an_existing_rule(name: str) -> None:
    playbook = load_playbook(name)
    sections = ("calendar", "thank_you", "timing", "channels", "outcomes", "stay_in_touch")
    for section in (*sections, "linkedin"):
        settings = getattr(playbook, section)
        for field in settings.__dataclass_fields__:
            assert getattr(settings, field).rule in playbook.rules, (section, field)


def _broken_copy(tmp_path: Path, old: str, new: str) -> tuple[Path, int]:
    text = builtin_path("seed").read_text(encoding="utf-8")
    assert old in text
    line = text[: text.index(old)].count("\n") + 1
    path = tmp_path / "mine.yaml"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return path, line


def test_a_typo_in_a_key_names_file_line_field_and_suggestion(tmp_path: Path) -> None:
    path, line = _broken_copy(tmp_path, "  weekly_cap_days:", "  weekly_cap_dayz:")
    with pytest.raises(PlaybookError) as caught:
        load_playbook(str(path))
    problems = caught.value.problems
    assert f"{path}:{line}: field 'timing.weekly_cap_dayz': unknown key" in "\n".join(problems)
    assert any("did you mean 'weekly_cap_days'" in p for p in problems)
    assert any("field 'timing.weekly_cap_days': field required - add it" in p for p in problems)
    assert "\n" not in str(caught.value)


def test_a_bad_value_and_a_bad_rule_reference_are_all_reported(tmp_path: Path) -> None:
    path, line = _broken_copy(tmp_path, 'value: "17:00"', 'value: "17:0"')
    text = path.read_text(encoding="utf-8").replace("rule: SEED-WEEK-ONE}", "rule: SEED-WEEK-ON}")
    path.write_text(text, encoding="utf-8")
    rule_line = text[: text.index("SEED-WEEK-ON}")].count("\n") + 1
    problems = check_playbook_file(path)
    assert problems[0] == (
        f"{path}:{line}: field 'calendar.send_hours_end.value': '17:0' has the wrong format"
        ' - write a 24-hour time in quotes, e.g. "08:00"'
    )
    assert (
        f"{path}:{rule_line}: field 'timing.final_note_delay_days.rule': unknown rule id "
        "SEED-WEEK-ON - add that rule to 'rules' or did you mean 'SEED-WEEK-ONE'?"
    ) in problems


def test_invalid_yaml_reports_its_line(tmp_path: Path) -> None:
    path = tmp_path / "broken.yaml"
    path.write_text("schema_version: 1\nname: [unclosed\n", encoding="utf-8")
    problems = check_playbook_file(path)
    assert len(problems) == 1
    assert problems[0].startswith(f"{path}:3: invalid YAML")


def test_unknown_playbook_name_says_what_exists() -> None:
    with pytest.raises(PlaybookError, match="unknown playbook 'sed' - use one of prompt, seed"):
        load_playbook("sed")


def test_missing_file_is_a_playbook_error(tmp_path: Path) -> None:
    with pytest.raises(PlaybookError, match="file not found"):
        load_playbook(str(tmp_path / "nope.yaml"))


def test_overrides_replace_a_setting_value() -> None:
    playbook = load_playbook(
        "seed", {"timing.weekly_cap_days": 5, "calendar.send_hours_end": "18:00"}
    )
    assert playbook.timing.weekly_cap_days.value == 5
    assert playbook.timing.weekly_cap_days.rule == "SEED-WEEKLY-CAP"
    assert playbook.calendar.send_hours_end.value.hour == 18
    assert load_playbook("seed").timing.weekly_cap_days.value == 7  # the shipped one is intact


def test_override_with_an_unknown_path_suggests_the_right_one() -> None:
    with pytest.raises(PlaybookError) as caught:
        load_playbook("seed", {"timing.weekly_cap_dys": 5})
    assert str(caught.value) == (
        "overrides: field 'timing.weekly_cap_dys': unknown setting - "
        "did you mean 'timing.weekly_cap_days'?"
    )


def test_override_with_a_bad_value_is_validated() -> None:
    with pytest.raises(PlaybookError) as caught:
        load_playbook("seed", {"timing.weekly_cap_days": "seven"})
    assert str(caught.value).startswith("overrides: field 'timing.weekly_cap_days.value':")
    assert "whole number" in str(caught.value)


def test_loading_a_shipped_playbook_does_not_import_pydantic(
    fresh_python: Callable[[str], str],
) -> None:
    code = (
        "import sys; from followup.playbook import load_playbook; load_playbook('seed');"
        "load_playbook('prompt'); print('pydantic' in sys.modules)"
    )
    assert fresh_python(code).strip() == "False"


def test_explain_lists_rule_summaries() -> None:
    seed = load_playbook("seed")
    lines = seed.explain(("SEED-WEEKLY-CAP", "CAL-SEND-HOURS"))
    assert lines[0].startswith("SEED-WEEKLY-CAP: At most one contact")
    with pytest.raises(KeyError, match="no rule 'NOPE'"):
        seed.rule("NOPE")


def test_simple_overrides_of_a_shipped_playbook_skip_pydantic(
    fresh_python: Callable[[str], str],
) -> None:
    code = (
        "import sys; from followup.playbook import load_playbook;"
        "p = load_playbook('seed', {'timing.weekly_cap_days': 5, 'calendar.send_hours_end': "
        "'18:00'}); print(p.timing.weekly_cap_days.value, 'pydantic' in sys.modules)"
    )
    assert fresh_python(code).split() == ["5", "False"]


_SETTING_PATHS = [
    "timing.weekly_cap_days", "timing.move_on_days", "timing.respect_no_follow_up",
    "calendar.send_hours_start", "calendar.send_hours_end", "calendar.thank_you_evening_until",
    "calendar.weekend_days", "calendar.action_grace_business_days", "content.signoffs",
    "stay_in_touch.every_days", "outcomes.offer_ack_business_days", "thank_you.window",
    "thank_you.in_person_rule", "timing.estimate_delay.rule",
]  # fmt: skip
_VALUES = st.one_of(
    st.booleans(),
    st.integers(-5, 4000),
    st.sampled_from(["08:00", "18:30", "23:59", "24:00", "7:00", "", "sat", "SEED-SHORT"]),
    st.lists(st.sampled_from(["sat", "sun", "mon", "xyz", "", "Best"]), max_size=8),
    st.fixed_dictionaries({"amount": st.integers(0, 9), "unit": st.just("days")}),
)


@settings(max_examples=120, deadline=None)
@given(st.dictionaries(st.sampled_from(_SETTING_PATHS), _VALUES, min_size=1, max_size=3))
def test_the_fast_override_check_never_accepts_what_the_schema_rejects(
    overrides: dict[str, object],
) -> None:
    import copy

    import yaml

    from followup.playbook import schema
    from followup.playbook.loader import apply_overrides
    from followup.playbook.quick import surely_valid

    raw = copy.deepcopy(yaml.safe_load(builtin_path("seed").read_text(encoding="utf-8")))
    problems, changed = apply_overrides(raw, overrides)
    assert problems == []
    if surely_valid(raw, changed):
        assert schema.validate(raw) == []
    else:  # the slow path decides, with the schema's messages
        try:
            load_playbook("seed", overrides)
        except PlaybookError as exc:
            assert exc.problems


def test_a_bare_number_instead_of_a_setting_says_how_to_write_it(tmp_path: Path) -> None:
    path, line = _broken_copy(
        tmp_path, "move_on_days: {value: 14, rule: SEED-MOVE-ON}", "move_on_days: 14"
    )
    assert check_playbook_file(path) == [
        f"{path}:{line}: field 'timing.move_on_days': expected a mapping, got 14 - "
        "write a mapping with 'value' and 'rule'"
    ]


def test_a_user_file_loads_with_its_own_numbers(tmp_path: Path) -> None:
    path, _ = _broken_copy(tmp_path, "weekly_cap_days: {value: 7,", "weekly_cap_days: {value: 10,")
    mine = load_playbook(str(path), {"stay_in_touch.every_days": 120})
    assert mine.timing.weekly_cap_days.value == 10
    assert mine.stay_in_touch.every_days.value == 120
    assert mine.source == str(path)
