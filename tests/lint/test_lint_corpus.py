"""The linter's false alarms, measured: on a corpus of good follow-up messages written in
many voices (tests/lint/corpus.py), no error rule fires, and warnings stay rare. The test
prints each rule's error and warning rate (pytest -s shows it)."""

from __future__ import annotations

from collections import Counter

import pytest

from followup.lint import Severity, lint_text, load_rules

from .corpus import BAD_CORPUS, GOOD_CORPUS

MAX_WARNED = 0.10  # at most this share of good messages may carry a warning
MAX_RULE_WARNED = 0.10  # and at most this share for any one rule


def _rates() -> tuple[Counter[str], Counter[str], int, list[str]]:
    errors: Counter[str] = Counter()
    warnings: Counter[str] = Counter()
    warned = 0
    problems = []
    for text, ctx in GOOD_CORPUS:
        result = lint_text(text, ctx)
        rules_e = {f.rule for f in result.findings if f.severity is Severity.ERROR}
        rules_w = {f.rule for f in result.findings if f.severity is Severity.WARNING}
        errors.update(rules_e)
        warnings.update(rules_w)
        warned += bool(rules_w)
        if rules_e:
            problems.append(f"{sorted(rules_e)} on:\n{text}")
    return errors, warnings, warned, problems


def test_the_corpus_is_large_and_varied() -> None:
    assert len(GOOD_CORPUS) >= 150
    assert len({text for text, _ in GOOD_CORPUS}) == len(GOOD_CORPUS)
    kinds = Counter(ctx.kind for _, ctx in GOOD_CORPUS)
    assert set(kinds) == set(load_rules().kinds), kinds


def test_no_error_and_few_warnings_on_good_messages() -> None:
    errors, warnings, warned, problems = _rates()
    total = len(GOOD_CORPUS)
    print(f"\n{total} good messages; {warned} ({warned / total:.1%}) with a warning")
    print(f"{'rule':32} {'errors':>8} {'warnings':>9}")
    for rule in sorted(r.id for r in load_rules().rules):
        print(f"{rule:32} {errors[rule] / total:8.1%} {warnings[rule] / total:9.1%}")
    assert not problems, "\n\n".join(problems[:5])
    assert warned / total <= MAX_WARNED
    assert all(n / total <= MAX_RULE_WARNED for n in warnings.values()), warnings


@pytest.mark.parametrize(("rule", "text", "ctx"), BAD_CORPUS, ids=[b[0] for b in BAD_CORPUS])
def test_bad_messages_fail_with_their_rule(rule: str, text: str, ctx: object) -> None:
    result = lint_text(text, ctx)  # type: ignore[arg-type]
    fired = [f for f in result.findings if f.rule == rule]
    assert fired, (rule, text, result.findings)
    assert not result.ok
    for f in fired:  # every finding keeps its span and its fix hint
        assert 0 <= f.start <= f.end <= len(text)
        assert f.hint


def test_known_false_alarms_are_gone() -> None:
    text, ctx = GOOD_CORPUS[0]
    # The role named only in the subject line.
    only_subject = text.replace(" about the Data Engineer role", "")
    assert "Data Engineer" in only_subject.splitlines()[0]
    assert "LINT-ROLE" not in {f.rule for f in lint_text(only_subject, ctx).findings}
    # Common sign-offs.
    for signoff in ("Thanks", "Thank you", "Many thanks", "All the best", "Best wishes"):
        signed = text.replace("Best regards,", f"{signoff},")
        assert "LINT-SIGNOFF" not in {f.rule for f in lint_text(signed, ctx).findings}, signoff
    # An invitation to ask, worded without "questions".
    invite = text.replace(
        "If you have any further questions about my background, I would be happy to answer them.",
        "If anything else would help your decision, please let me know.",
    )
    assert invite != text
    assert "LINT-INVITE-QUESTIONS" not in {f.rule for f in lint_text(invite, ctx).findings}
