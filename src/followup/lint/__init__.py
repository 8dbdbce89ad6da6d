"""The draft linter: content rules (data in data/rules.yaml) checked by pure functions.

from followup.lint import LintContext, lint_text
result = lint_text(text, LintContext(kind="thank-you", recipient_name="Dana Chen"))
result.ok, result.findings, result.stats.words
"""

from followup.lint.context import CandidateProfile, LintContext, context_for
from followup.lint.engine import Finding, LintResult, LintStats, UnknownKindError, lint_text
from followup.lint.panel import PanelResult, lint_panel
from followup.lint.ruleset import LintRulesError, Rule, RuleSet, Severity, load_rules

__all__ = [
    "CandidateProfile",
    "Finding",
    "LintContext",
    "LintResult",
    "LintRulesError",
    "LintStats",
    "PanelResult",
    "Rule",
    "RuleSet",
    "Severity",
    "UnknownKindError",
    "context_for",
    "lint_panel",
    "lint_text",
    "load_rules",
]
