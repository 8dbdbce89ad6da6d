"""Every rule in rules.yaml fires on a crafted bad draft and stays quiet on good drafts."""

from __future__ import annotations

import pytest

from followup.lint import lint_panel, lint_text, load_rules

from .examples import BAD, BAD_PANELS, GOOD, PANEL, good_contexts

RULES = load_rules()
RULE_IDS = [rule.id for rule in RULES.rules]


@pytest.mark.parametrize("rule_id", RULE_IDS)
def test_rule_fires_on_its_bad_examples(rule_id: str) -> None:
    singles = [bad for bad in BAD if bad.rule == rule_id]
    panels = [drafts for rule, drafts in BAD_PANELS if rule == rule_id]
    assert singles or panels, f"{rule_id} has no bad example in tests/lint/examples.py"
    for bad in singles:
        result = lint_text(bad.text, bad.ctx)
        fired = [f for f in result.findings if f.rule == rule_id]
        assert fired, f"{rule_id} did not fire on:\n{bad.text}\nfindings: {result.findings}"
        if bad.span is not None:
            underlined = [bad.text[f.start : f.end] for f in fired]
            assert bad.span in underlined
    for drafts in panels:
        result = lint_panel(drafts)
        assert any(f.rule == rule_id for f in result.findings), result.findings
        assert not result.ok


@pytest.mark.parametrize("rule_id", RULE_IDS)
def test_rule_stays_quiet_on_good_drafts(rule_id: str) -> None:
    rule = RULES.rule(rule_id)
    checked = 0
    for kind, texts in GOOD.items():
        if kind not in rule.kinds:
            continue
        for text in texts:
            result = lint_text(text, good_contexts(kind))
            assert [f for f in result.findings if f.rule == rule_id] == [], text
            checked += 1
    if rule.check.startswith("panel_"):
        assert [f for f in lint_panel(PANEL).findings if f.rule == rule_id] == []
    assert checked, f"{rule_id} applies to no kind that has a good draft"


def test_bad_examples_name_existing_rules() -> None:
    named = {bad.rule for bad in BAD} | {rule for rule, _ in BAD_PANELS}
    assert named <= set(RULE_IDS)


@pytest.mark.parametrize("kind", RULES.kinds)
def test_good_drafts_of_every_kind_have_no_finding(kind: str) -> None:
    assert GOOD.get(kind), f"no good {kind} draft in tests/lint/examples.py"
    for text in GOOD[kind]:
        result = lint_text(text, good_contexts(kind))
        assert result.ok
        assert result.findings == (), [(f.rule, f.message) for f in result.findings]


def test_good_panel_passes() -> None:
    result = lint_panel(PANEL)
    assert result.ok
    assert result.findings == ()
    assert [r.ok for r in result.results] == [True, True, True]
