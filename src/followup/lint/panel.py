"""lint_panel: the thank-you notes of one panel interview must each be their own.

Interviewers compare notes. Two notes that share the interview-detail sentence,
or whose words overlap too much (Jaccard similarity of their bodies' content
words above the threshold in rules.yaml), read as a form letter.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from itertools import combinations

from followup.lint.checks import Hit, Target, Value
from followup.lint.context import LintContext
from followup.lint.draft import Span
from followup.lint.engine import Finding, LintResult, finding, lint_target, make_target
from followup.lint.records import content_words, detail_sentences
from followup.lint.ruleset import Rule, RuleSet, Severity, load_rules


@dataclass(frozen=True, slots=True)
class PanelResult:
    results: tuple[LintResult, ...]  # each draft on its own, in the order given
    findings: tuple[Finding, ...]  # across drafts; `draft` says which one each is about

    @property
    def ok(self) -> bool:
        return all(r.ok for r in self.results) and not any(
            f.severity is Severity.ERROR for f in self.findings
        )

    def to_dict(self) -> dict[str, object]:
        return {
            "ok": self.ok,
            "drafts": [r.to_dict() for r in self.results],
            "findings": [f.to_dict() for f in self.findings],
        }


def jaccard(a: set[str], b: set[str]) -> float:
    return len(a & b) / len(a | b) if a or b else 0.0


def _similar_pairs(targets: list[Target], rule: Rule) -> list[Finding]:
    words = [content_words(t.draft.part(t.draft.body)) for t in targets]
    found = []
    for i, j in combinations(range(len(targets)), 2):
        similarity = jaccard(words[i], words[j])
        if similarity > (rule.params.threshold or 0.6):
            for me, other in ((i, j), (j, i)):
                body = targets[me].draft.body
                values: dict[str, Value] = {"other": other + 1, "similarity": f"{similarity:.0%}"}
                found.append(finding(targets[me], rule, Hit(body.start, body.end, values), me))
    return found


def _shared_details(targets: list[Target], rule: Rule, detail_rule: Rule | None) -> list[Finding]:
    if detail_rule is None:
        return []
    details: list[list[tuple[Span, set[str]]]] = []
    for target in targets:
        sentences = detail_sentences(target, detail_rule)
        details.append([(s, content_words(target.draft.part(s))) for s in sentences])
    found = []
    for i, j in combinations(range(len(targets)), 2):
        for span_i, words_i in details[i]:
            for span_j, words_j in details[j]:
                if jaccard(words_i, words_j) >= (rule.params.threshold or 0.8):
                    for me, span, other in ((i, span_i, j), (j, span_j, i)):
                        hit = Hit(span.start, span.end, {"other": other + 1})
                        found.append(finding(targets[me], rule, hit, me))
    return found


def lint_panel(
    drafts: Sequence[tuple[str, LintContext]], rules: RuleSet | None = None
) -> PanelResult:
    """Lint each (text, context) draft, then compare them pairwise.

    Drafts are numbered from 0 in `Finding.draft`; messages count from 1 for humans.
    """
    ruleset = rules or load_rules()
    targets = [make_target(text, ctx, ruleset) for text, ctx in drafts]
    results = tuple(lint_target(t, index) for index, t in enumerate(targets))
    kinds = {t.ctx.kind for t in targets}
    detail_rule = next(
        (r for r in ruleset.rules if r.check == "interview_detail" and r.kinds & kinds), None
    )
    found: list[Finding] = []
    for rule in ruleset.rules:
        if not rule.kinds & kinds or len(targets) < 2:
            continue
        if rule.check == "panel_similarity":
            found.extend(_similar_pairs(targets, rule))
        elif rule.check == "panel_shared_detail":
            found.extend(_shared_details(targets, rule, detail_rule))
    found.sort(key=lambda f: (f.draft or 0, f.start, f.rule))
    return PanelResult(results, tuple(found))
