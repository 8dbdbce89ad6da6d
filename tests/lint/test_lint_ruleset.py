"""The rules file: schema errors say file, line, field and fix."""

from __future__ import annotations

from pathlib import Path

import pytest

from followup.lint import LintRulesError, load_rules
from followup.lint.ruleset import parse_rules

SHIPPED = Path(__file__).resolve().parents[2] / "src/followup/lint/data/rules.yaml"
TEXT = SHIPPED.read_text(encoding="utf-8")


def line_of(needle: str, text: str = TEXT) -> int:
    return text[: text.index(needle)].count("\n") + 1


def broken(old: str, new: str) -> str:
    assert old in TEXT
    return TEXT.replace(old, new, 1)


def test_shipped_rules_load_and_are_versioned() -> None:
    rules = load_rules()
    assert rules.version >= 1
    assert load_rules() is rules  # loaded and compiled once
    assert len({r.id for r in rules.rules}) == len(rules.rules)
    assert all(r.seed is None or r.seed.startswith("SEED-") for r in rules.rules)
    assert "SEED-NO-PAY-TALK" in {r.seed for r in rules.rules}


def test_seed_rules_cited_exist_in_the_seed_playbook() -> None:
    from followup.playbook import load_playbook

    cited = {rule.seed for rule in load_rules().rules if rule.seed}
    assert cited <= set(load_playbook("seed").rules)


def test_every_check_type_has_a_function_and_a_rule() -> None:
    from followup.lint.engine import CHECK_FUNCTIONS
    from followup.lint.ruleset import CHECKS, PANEL_CHECKS

    assert set(CHECKS) == set(CHECK_FUNCTIONS) | PANEL_CHECKS
    assert {rule.check for rule in load_rules().rules} == set(CHECKS)


def test_rules_from_a_file(tmp_path: Path) -> None:
    path = tmp_path / "mine.yaml"
    path.write_text(TEXT.replace("threshold: 0.6", "threshold: 0.5"), encoding="utf-8")
    assert load_rules(path).rule("LINT-PANEL-SIMILAR").params.threshold == 0.5
    with pytest.raises(LintRulesError, match=r"missing\.yaml: cannot read the rules"):
        load_rules(tmp_path / "missing.yaml")


@pytest.mark.parametrize(
    ("old", "new", "at", "field", "says"),
    [
        (
            "check: word_count",
            "check: word_cuont",
            "check: word_cuont",
            "rules[0].check",
            "unknown check 'word_cuont'; use one of:",
        ),
        (
            "severity: warning",
            "severity: fatal",
            "severity: fatal",
            "rules[0].severity",
            "unknown severity 'fatal'; use error or warning",
        ),
        (
            "kinds: [thank-you]",
            "kinds: [thank-yuo]",
            "kinds: [thank-yuo]",
            "rules[0].kinds[0]",
            "unknown kind 'thank-yuo'",
        ),
        (
            "params: {min: 40, max: 200}",
            "params: {min: 40, max: -1}",
            "params: {min: 40, max: -1}",
            "rules[0].params.max",
            "must be a whole number >= 0",
        ),
        (
            "params: {min: 40, max: 200}",
            "params: {min: 40, limit: 200}",
            "params: {min: 40, limit: 200}",
            "rules[0].params.limit",
            "unknown field; use one of: max, min",
        ),
        (
            "      patterns: ['\\bthank",
            "      patterns: ['(\\bthank",
            "patterns: ['(\\bthank",
            "rules[22].params.patterns[0]",
            "not a valid regular expression",
        ),
        (
            "id: LINT-LENGTH-THANKS-MAX",
            "id: LINT-LENGTH-THANKS",
            "id: LINT-LENGTH-THANKS\n    seed: SEED-SHORT\n    kinds: [thank-you]\n"
            "    severity: error",
            "rules[1].id",
            "LINT-LENGTH-THANKS is already used at line",
        ),
        (
            "id: LINT-LENGTH-THANKS\n",
            "id: lint-length\n",
            "id: lint-length",
            "rules[0].id",
            "bad rule id 'lint-length'; use LINT-WORDS-IN-CAPITALS",
        ),
        (
            '    hint: "keep it to about two short paragraphs"\n',
            "",
            "id: LINT-LENGTH-THANKS\n",
            "rules[0]",
            "`hint` is missing; add `hint:`",
        ),
    ],
)
def test_schema_errors_name_file_line_field_and_fix(
    old: str, new: str, at: str, field: str, says: str
) -> None:
    text = broken(old, new)
    with pytest.raises(LintRulesError) as caught:
        parse_rules(text, "rules.yaml")
    message = str(caught.value)
    assert "\n" not in message
    assert message.startswith(f"rules.yaml:{line_of(at, text)}: {field}: "), message
    assert says in message


def test_yaml_syntax_error_names_the_line() -> None:
    text = TEXT.replace("version: 2", "version: [2", 1)
    with pytest.raises(LintRulesError, match=r"^rules\.yaml:\d+: not valid YAML"):
        parse_rules(text, "rules.yaml")


def test_empty_file() -> None:
    with pytest.raises(LintRulesError, match="the file is empty"):
        parse_rules("", "rules.yaml")


def test_the_rule_index_in_errors_is_the_right_rule() -> None:
    rules = load_rules()
    assert rules.rules[22].id == "LINT-THANKS"  # used by the regex case above
