"""The fast linter finds exactly what the plain evaluation finds.

`lint_text` skips the patterns a draft cannot match (see lint.prefilter); with
`prefilter=False` every pattern of every rule is scanned. The two must agree, finding for
finding (rule, span, message, hint), on the good and bad corpus, the example drafts, the
benchmark's drafts, every draft of the demo, and on generated text made of the rules' own
words, where a skipped pattern that should have matched would show.
"""

from __future__ import annotations

import importlib.util
import re
from dataclasses import replace
from datetime import date
from functools import cache
from pathlib import Path
from types import ModuleType

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from followup.domain.model import ActionKind
from followup.lint import LintContext, lint_text, load_rules

from .corpus import BAD_CORPUS, GOOD_CORPUS
from .examples import BAD, BAD_PANELS, GOOD, good_contexts

ROOT = Path(__file__).resolve().parents[2]


def _module(name: str, path: Path) -> ModuleType:
    spec = importlib.util.spec_from_file_location(name, path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _same(text: str, ctx: LintContext) -> None:
    fast = lint_text(text, ctx)
    plain = lint_text(text, ctx, prefilter=False)
    assert fast == plain, (text, fast.findings, plain.findings)


def test_the_corpus_and_the_examples_lint_the_same() -> None:
    cases = [*GOOD_CORPUS, *((text, ctx) for _, text, ctx in BAD_CORPUS)]
    cases += [(text, good_contexts(kind)) for kind, texts in GOOD.items() for text in texts]
    cases += [(bad.text, bad.ctx) for bad in BAD]
    cases += [case for _, panel in BAD_PANELS for case in panel]
    assert len(cases) > 250
    found = 0
    for text, ctx in cases:
        _same(text, ctx)
        found += len(lint_text(text, ctx).findings)
    assert found > 100  # the bad drafts are found out on both paths


def test_the_benchmark_drafts_lint_the_same() -> None:
    bench = _module("bench_lint", ROOT / "bench" / "lint.py")
    drafts = bench.make_drafts(600, 11)
    for text, ctx in drafts:
        _same(text, ctx)
    assert sum(len(lint_text(t, c).findings) for t, c in drafts) > 50


@cache
def _demo_drafts() -> list[tuple[str, LintContext]]:
    from followup.drafts.checking import lint_context
    from followup.drafts.render import render_draft
    from followup.drafts.templates import DraftTemplates

    gallery = _module("gallery", ROOT / "scripts" / "gallery.py")
    histories, profile = gallery._demo()
    templates = DraftTemplates(None)
    found = []
    for _kind, _channel, history, action in gallery.cases(histories):
        draft = render_draft(action, history, profile, templates)
        if draft.message_kind and draft.body.strip():
            found.append((draft.text(), lint_context(draft, history, profile)))
    return found


def test_every_demo_draft_lints_the_same() -> None:
    drafts = _demo_drafts()
    kinds = {ctx.kind for _, ctx in drafts}
    assert {k.value for k in (ActionKind.THANK_YOU, ActionKind.STATUS_CHECK)} <= kinds
    assert len(drafts) > 30
    for text, ctx in drafts:
        _same(text, ctx)


def _vocabulary() -> list[str]:
    """Words the rules look for (from their patterns' literal text), names, and the
    characters a case-insensitive match treats specially."""
    words: set[str] = set()
    for rule in load_rules().rules:
        for pattern in (*rule.params.patterns, *rule.params.also):
            words.update(re.findall(r"(?<![\\(?])[A-Za-z]{2,}", pattern.pattern))
    words -= {"w", "s", "b"}
    return [
        *sorted(words),
        "Acme", "Analytics", "Inc", "Dana", "Chen", "Ms.", "Mr.", "role", "at", "join",
        "\u0130", "\u0131", "\u017f", "\u212a", "Stra\u00dfe", "\u017falary", "\u212aeen",
        "\u0130nterested", "plea\u017fe", "ASAP", "grate\u017ful", "\u2019s", "(555) 010-0142",
        "Tuesday", "March 3", "?", "!", ".", ",", "-", "\n", "\n\n", "401(k)", "RSUs",
    ]  # fmt: skip


KINDS = sorted(load_rules().kinds)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    kind=st.sampled_from(KINDS),
    words=st.lists(st.sampled_from(_vocabulary()), min_size=1, max_size=60),
    upper=st.booleans(),
    offer=st.booleans(),
)
def test_generated_text_lints_the_same(
    kind: str, words: list[str], upper: bool, offer: bool
) -> None:
    body = " ".join(words)
    text = f"Subject: Thank you - {words[0]}\n\nDear Dana,\n\n{body}\n\nBest regards,\nAlex Kim\n"
    ctx = replace(good_contexts(kind), has_offer=offer, interview_date=date(2026, 3, 3))
    _same(text.upper() if upper else text, ctx)
    _same(body, ctx)
