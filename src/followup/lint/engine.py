"""lint_text: run the rules of a message kind over one draft and report findings."""

from __future__ import annotations

from dataclasses import dataclass

from followup.lint import checks, records
from followup.lint.checks import Check, Hit, Target, Value
from followup.lint.context import LintContext
from followup.lint.draft import Draft, Layout, count_words, normalize_signoff, parse_draft
from followup.lint.ruleset import Rule, RuleSet, Severity, load_rules

CHECK_FUNCTIONS: dict[str, Check] = {
    "word_count": checks.check_word_count,
    "paragraph_count": checks.check_paragraph_count,
    "char_count": checks.check_char_count,
    "max_char": checks.check_max_char,
    "forbidden": checks.check_forbidden,
    "required": checks.check_required,
    "greeting_by_name": checks.check_greeting_by_name,
    "greeting_names_recipient": checks.check_greeting_names_recipient,
    "signoff": checks.check_signoff,
    "subject_length": checks.check_subject_length,
    "subject_format": records.check_subject_format,
    "header_absent": checks.check_header_absent,
    "spoken_opening": checks.check_spoken_opening,
    "spoken_closing": checks.check_spoken_closing,
    "company_matches": records.check_company_matches,
    "role_matches": records.check_role_matches,
    "title_matches": records.check_title_matches,
    "names_match": records.check_names_match,
    "mentions_role": records.check_mentions_role,
    "mentions_interview_date": records.check_mentions_interview_date,
    "interview_detail": records.check_interview_detail,
}


class UnknownKindError(ValueError):
    """A message kind the rules do not know; str() lists the known ones."""


@dataclass(frozen=True, slots=True)
class Finding:
    rule: str  # the LINT-... id
    severity: Severity
    message: str
    start: int  # offsets into the linted text
    end: int
    hint: str = ""
    seed: str | None = None  # the playbook rule it enforces
    draft: int | None = None  # which draft of a panel, for lint_panel

    def to_dict(self) -> dict[str, object]:
        data: dict[str, object] = {
            "rule": self.rule,
            "severity": self.severity.value,
            "message": self.message,
            "start": self.start,
            "end": self.end,
            "hint": self.hint,
            "seed": self.seed,
        }
        if self.draft is not None:
            data["draft"] = self.draft
        return data


@dataclass(frozen=True, slots=True)
class LintStats:
    words: int  # in the body: no greeting, sign-off or signature
    paragraphs: int
    characters: int  # of the whole message after any header lines
    spoken_seconds: float | None  # for scripts read aloud

    def to_dict(self) -> dict[str, object]:
        return {
            "words": self.words,
            "paragraphs": self.paragraphs,
            "characters": self.characters,
            "spoken_seconds": self.spoken_seconds,
        }


@dataclass(frozen=True, slots=True)
class LintResult:
    kind: str
    findings: tuple[Finding, ...]
    stats: LintStats
    rules_version: int

    @property
    def ok(self) -> bool:
        """No error-level finding (warnings do not block sending)."""
        return not any(f.severity is Severity.ERROR for f in self.findings)

    @property
    def errors(self) -> tuple[Finding, ...]:
        return tuple(f for f in self.findings if f.severity is Severity.ERROR)

    def to_dict(self) -> dict[str, object]:
        return {
            "ok": self.ok,
            "kind": self.kind,
            "findings": [f.to_dict() for f in self.findings],
            "stats": self.stats.to_dict(),
            "rules_version": self.rules_version,
        }


class _Values(dict[str, Value]):
    """Message placeholders; an unknown one stays as written instead of failing."""

    def __missing__(self, key: str) -> str:
        return "{" + key + "}"


def _first_name(name: str | None) -> str:
    return name.split()[0] if name and name.split() else "{first_name}"


def base_values(target: Target, rule: Rule) -> _Values:
    """What every message and hint may mention: the records and the draft's figures."""
    ctx = target.ctx
    values = _Values(
        words=target.words,
        paragraphs=target.paragraphs,
        chars=target.chars,
        spoken_seconds=target.spoken_seconds if target.spoken_seconds is not None else "?",
        role=ctx.role or "the role",
        company=ctx.company or "the company",
        date=records.spoken_date(ctx.interview_date)
        if ctx.interview_date
        else "the interview date",
        expected=ctx.recipient_name or "{name}",
        first_name=ctx.recipient_call_me or _first_name(ctx.recipient_name),
        candidate=ctx.candidate_name or "{your name}",
        phone=ctx.candidate_phone or "{your number}",
        title=ctx.recipient_title or "",
        people=", ".join(ctx.people_names) or "no one recorded",
        examples=", ".join(f'"{s}"' for s in (ctx.signoffs or ("Best regards", "Sincerely"))),
    )
    if rule.params.min is not None:
        values["min"] = rule.params.min
    if rule.params.max is not None:
        values["max"] = rule.params.max
    return values


def make_target(text: str, ctx: LintContext, rules: RuleSet, prefilter: bool = True) -> Target:
    """The draft parsed for the checks. Without `prefilter`, every pattern is scanned: the
    plain evaluation the tests compare the fast one with."""
    if ctx.kind not in rules.layouts:
        raise UnknownKindError(
            f"unknown message kind {ctx.kind!r}; use one of: {', '.join(rules.kinds)}"
        )
    layout = rules.layouts[ctx.kind]
    signoffs = (
        frozenset(normalize_signoff(s) for s in ctx.signoffs)
        if ctx.signoffs
        else frozenset(rules.signoffs)
    )
    draft: Draft = parse_draft(text, layout, signoffs)
    words = count_words(text, draft.body)
    spoken = round(words * 60 / rules.words_per_minute, 1) if layout is Layout.SPOKEN else None
    return Target(
        draft=draft,
        ctx=ctx,
        rules=rules,
        signoffs=signoffs,
        words=words,
        paragraphs=len(draft.paragraphs),
        chars=len(text[draft.message.start :].rstrip()),
        spoken_seconds=spoken,
        prefilter=prefilter,
    )


def finding(target: Target, rule: Rule, hit: Hit, draft: int | None = None) -> Finding:
    values = base_values(target, rule)
    values.update(hit.values)
    return Finding(
        rule=rule.id,
        severity=rule.severity,
        message=rule.message.format_map(values),
        start=hit.start,
        end=hit.end,
        hint=rule.hint.format_map(values),
        seed=rule.seed,
        draft=draft,
    )


def lint_target(target: Target, draft: int | None = None) -> LintResult:
    found: list[Finding] = []
    present = target.present
    for rule in target.rules.by_kind[target.ctx.kind]:
        keys = rule.params.any_keys
        if keys is not None and rule.check == "forbidden" and keys.isdisjoint(present):
            continue  # none of its patterns can match (see lint.keys)
        for hit in CHECK_FUNCTIONS[rule.check](target, rule):
            found.append(finding(target, rule, hit, draft))
    found.sort(key=lambda f: (f.severity is not Severity.ERROR, f.start, f.rule))
    stats = LintStats(target.words, target.paragraphs, target.chars, target.spoken_seconds)
    return LintResult(target.ctx.kind, tuple(found), stats, target.rules.version)


def lint_text(
    text: str, ctx: LintContext, rules: RuleSet | None = None, *, prefilter: bool = True
) -> LintResult:
    """Check one draft of kind `ctx.kind` against the content rules.

    Pure: the shipped rules are read once and cached. Raises UnknownKindError
    for a kind the rules do not know.
    """
    return lint_target(make_target(text, ctx, rules or load_rules(), prefilter))
