"""Strengths chosen with judgement: relevant, irrelevant, none."""

from __future__ import annotations

from dataclasses import replace

import pytest
from drafts_data import PROFILE, action, scenario_a

from followup.domain.model import ActionKind
from followup.drafts.checking import error_messages, lint_draft
from followup.drafts.fit import GENERAL_FIT
from followup.drafts.render import render_draft
from followup.drafts.strengths import Strength, best_strength, parse_strengths, scores
from followup.drafts.templates import DraftTemplates

STRENGTHS = (
    "I moved forty nightly batch jobs to Kafka streaming at my current company. "
    "[streaming, Kafka, Flink, real-time]\n"
    "I have mentored four junior engineers through their first year. [mentoring, coaching]\n"
    "I cut our cloud bill by a third by right-sizing clusters. [cost, budget, FinOps]"
)


def test_parse_strengths_keeps_sentences_and_keywords() -> None:
    parsed = parse_strengths(STRENGTHS)
    assert [s.keywords for s in parsed] == [
        ("streaming", "Kafka", "Flink", "real-time"),
        ("mentoring", "coaching"),
        ("cost", "budget", "FinOps"),
    ]
    assert parsed[0].text.endswith("at my current company.")
    assert all(s.is_sentence for s in parsed)
    assert not Strength("six years of Python").is_sentence


@pytest.mark.parametrize(
    ("note", "index"),
    [
        ("their move from nightly batch to streaming with Flink", 0),
        ("how the team coaches new hires", 1),
        ("keeping the cloud budget under control", 2),
        ("the real-time fraud checks", 0),  # by a keyword only
    ],
)
def test_the_relevant_strength_is_chosen(note: str, index: int) -> None:
    parsed = parse_strengths(STRENGTHS)
    assert best_strength(parsed, note) == parsed[index]


@pytest.mark.parametrize(
    "note",
    [
        "their office in Lisbon",
        "the team's work and the company's plans",  # only words every job talk shares
        "",
    ],
)
def test_an_irrelevant_note_chooses_no_strength(note: str) -> None:
    parsed = parse_strengths(STRENGTHS)
    assert best_strength(parsed, note) is None
    assert all(s <= 0.25 for s in scores(parsed, note))


def test_no_strengths_at_all() -> None:
    assert best_strength([], "streaming") is None
    assert parse_strengths("  \n ; ") == []


def _draft(note: str, qualifications: str, templates: DraftTemplates) -> str:
    h = scenario_a()
    h = replace(h, interviews=(replace(h.interviews[0], notes={1: note}),))
    profile = replace(PROFILE, qualifications=qualifications)
    draft = render_draft(action(h, ActionKind.THANK_YOU), h, profile, templates)
    assert error_messages(lint_draft(draft, h, profile)) == []
    return draft.body


def test_a_relevant_strength_appears_as_written(templates: DraftTemplates) -> None:
    body = _draft("their move from nightly batch to streaming", STRENGTHS, templates)
    assert "I moved forty nightly batch jobs to Kafka streaming at my current company." in body
    assert "[" not in body and "mentored" not in body and "cloud bill" not in body


def test_an_irrelevant_note_gets_a_general_sentence(templates: DraftTemplates) -> None:
    body = _draft("their plan to open source the scheduler", STRENGTHS, templates)
    assert GENERAL_FIT[0] in body
    assert "Kafka" not in body and "mentored" not in body and "cloud bill" not in body
