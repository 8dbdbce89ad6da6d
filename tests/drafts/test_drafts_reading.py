# ruff: noqa: E501  (a table of whole sentences, one per line)
"""What a recruiter noticed reading drafts for a hand-typed search across five countries
(US, UK, DE, SG, AU), each case fixed and kept here: the input and the sentence or
property the draft must now have. Every note and name was written for this table.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from drafts_data import PROFILE, action, scenario_a

from followup.domain.company import without_legal_form
from followup.domain.model import ActionKind, Channel, History, Interview, InterviewKind, Person
from followup.drafts.checking import lint_draft
from followup.drafts.facts import GENERAL_FIT
from followup.drafts.phrasing import note_sentence, read_note, tidy_punctuation
from followup.drafts.render import render_draft
from followup.drafts.templates import DraftTemplates

# (note as jotted, the interviewer, the sentence the thank-you gets)
NOTES: list[tuple[str, str, str]] = [
    (
        "talked k8s migration",
        "Katrin Vogel",
        "I especially enjoyed talking with you about the k8s migration.",
    ),
    (
        "data platform roadmap",
        "Katrin Vogel",
        "I especially enjoyed our conversation about the data platform roadmap.",
    ),
    (
        "cloud migration to GCP",
        "Katrin Vogel",
        "I especially enjoyed our conversation about the cloud migration to GCP.",
    ),
    (
        "asked a lot about my Spark experience",
        "Alex Morgan",
        "I especially appreciated your questions about my Spark experience.",
    ),
    (
        "walked me thru their CI/CD setup",
        "Alex Morgan",
        "I especially appreciated that you walked me through your CI/CD setup.",
    ),
    (
        "wants someone to own the data platform end to end",
        "Alex Morgan",
        "I especially enjoyed hearing that you want someone to own the data platform end to end.",
    ),
    (
        "thinks the role will grow into a lead position",
        "Alex Morgan",
        "I especially enjoyed hearing that you think the role will grow into a lead position.",
    ),
    (
        "we went deep on system design for a URL shortener",
        "Alex Morgan",
        "I especially enjoyed talking with you about system design for a URL shortener.",
    ),
    (
        "their data quality problems w/ upstream feeds",
        "Alex Morgan",
        "I especially enjoyed our conversation about your data quality challenges with upstream feeds.",
    ),
    (
        "pairing exercise on a React component",
        "Alex Morgan",
        "I especially enjoyed working through the pairing exercise with you.",
    ),
    (
        "live coding - two sum variant",
        "Alex Morgan",
        "I especially enjoyed working through the coding exercise with you.",
    ),
    (
        "take-home review: my solution to the rate limiter",
        "Alex Morgan",
        "I especially enjoyed working through my take-home exercise with you.",
    ),
    (
        "debugging session, found the bug together",
        "Alex Morgan",
        "I especially enjoyed working through the debugging exercise with you.",
    ),
    ("behavioral Qs mostly", "Alex Morgan", "I especially appreciated your thoughtful questions."),
    (
        "he's leaving the company next month",
        "Alex Morgan",
        "I especially enjoyed our conversation and hearing how you see the role.",
    ),
    (
        "great chat w/ team lead re: on-call",
        "Oliver Bennett",
        "I especially enjoyed our conversation about on-call.",
    ),
    (
        "quick call with the CTO about the roadmap",
        "Oliver Bennett",
        "I especially enjoyed our conversation about the roadmap.",
    ),
    (
        "re: hiring plans for Q3",
        "Oliver Bennett",
        "I especially enjoyed our conversation about hiring plans for Q3.",
    ),
    (
        "chatted w/ Priya about the data mesh",
        "Priya Shah",
        "I especially enjoyed talking with you about the data mesh.",
    ),
    (
        "incident reviews, blameless postmortems",
        "Wei Ling Tan",
        "I especially enjoyed our conversation about incident reviews and blameless postmortems.",
    ),
    (
        "Their fleet telemetry pipeline, Kafka",
        "Liam O'Brien",
        "I especially enjoyed our conversation about your fleet telemetry pipeline and Kafka.",
    ),
    ("she grilled me on SQL", "Priya Shah", "I especially appreciated your questions about SQL."),
    (
        "Priya quizzed me hard about data modelling",
        "Priya Shah",
        "I especially appreciated your questions about data modelling.",
    ),
    (
        "tough questions on capacity planning",
        "Oliver Bennett",
        "I especially appreciated your questions about capacity planning.",
    ),
    (
        "relocation support + start date",
        "Hannah Cole",
        "I also appreciated your clear answers about relocation support and start date.",
    ),
    (
        "talked comp bands and the interview loop",
        "Rachel Green",
        "I also appreciated your clear answers to my questions.",
    ),
    (
        "visa sponsorship, she said they sponsor",
        "Hannah Cole",
        "I also appreciated your clear answers to my questions.",
    ),
]


@pytest.mark.parametrize(("note", "name", "sentence"), NOTES, ids=[n[0][:40] for n in NOTES])
def test_jotted_notes_become_these_sentences(note: str, name: str, sentence: str) -> None:
    assert note_sentence(note, (name,)) == sentence


@pytest.mark.parametrize(
    ("note", "kind"),
    [
        ("his plan to split the monolith", "work"),
        ("she grilled me on SQL", "questions"),
        ("he asked about my on-call experience", "questions"),
        ("relocation support + start date", "practical"),
        ("talked comp bands", "practical"),
        ("he seemed bored", "safe"),
        ("pairing exercise on a React component", "exercise"),
        ("chatted about hiking in the Blue Mountains", "personal"),
        ("her background in fintech", "personal"),
    ],
)
def test_a_note_is_read_as_work_questions_practical_or_unquotable(note: str, kind: str) -> None:
    assert read_note(note, ("Marcus Hill",))[1] == kind


@pytest.mark.parametrize(
    ("legal", "running"),
    [
        ("Harbourline Pte. Ltd.", "Harbourline"),
        ("Harbourline Pte Ltd", "Harbourline"),
        ("Kedai Data Sdn Bhd", "Kedai Data"),
        ("Southern Cross Robotics Pty Ltd", "Southern Cross Robotics"),
        ("Nordlicht Software GmbH", "Nordlicht Software"),
        ("Lumen Pay, Inc.", "Lumen Pay"),
        ("Pte", "Pte"),
    ],
)
def test_legal_forms_of_more_countries_are_dropped(legal: str, running: str) -> None:
    assert without_legal_form(legal) == running


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("on Monday, March 2 about the role.", "on Monday, March 2, about the role."),
        ("around Thursday, March 26, and I", "around Thursday, March 26, and I"),
        ("by Friday, March 27. Would", "by Friday, March 27. Would"),
        ("on Thursday 5 March about the role", "on Thursday 5 March about the role"),
    ],
)
def test_a_us_date_inside_a_sentence_is_closed_by_a_comma(text: str, expected: str) -> None:
    assert tidy_punctuation(text) == expected


def _with_note(history: History, note: str, kind: InterviewKind = InterviewKind.ON_SITE) -> History:
    iv = replace(history.interviews[0], notes={1: note}, kind=kind)
    return replace(history, interviews=(iv,))


@pytest.mark.parametrize(
    "note",
    [
        "relocation support + start date",
        "talked comp bands and the interview loop",
        "he seemed bored",
    ],
)
def test_no_fit_sentence_after_a_practical_or_unquotable_note(
    note: str, templates: DraftTemplates
) -> None:
    history = _with_note(scenario_a(), note)
    draft = render_draft(action(history, ActionKind.THANK_YOU), history, PROFILE, templates)
    assert not any(sentence in draft.body for sentence in GENERAL_FIT)
    assert "my background fits" not in draft.body and "that experience" not in draft.body
    assert not [f for f in lint_draft(draft, history, PROFILE) if f.severity.value == "error"]


def test_a_singapore_company_with_its_legal_form_passes_the_linter(
    templates: DraftTemplates,
) -> None:
    base = scenario_a()
    app = replace(
        base.application, company="Harbourline Pte. Ltd.", country="SG", tz="Asia/Singapore"
    )
    history = replace(base, application=app)
    for kind in (ActionKind.THANK_YOU, ActionKind.STATUS_CHECK, ActionKind.FINAL_NOTE):
        draft = render_draft(action(history, kind), history, PROFILE, templates)
        assert "Harbourline Pte" not in draft.body
        assert not lint_draft(draft, history, PROFILE), kind


def test_the_second_paragraph_never_points_at_experience_it_did_not_name(
    templates: DraftTemplates,
) -> None:
    zone = ZoneInfo("Europe/London")
    base = scenario_a()
    people = tuple(Person(i, 1, f"Person {i}", email=f"p{i}@acme.com") for i in (1, 2, 3))
    start = datetime(2026, 3, 5, 10, tzinfo=zone)
    iv = Interview(1, 1, start, InterviewKind.PANEL, (1, 2, 3), end=start + timedelta(hours=2),
                   notes={1: "he seemed bored", 2: "rude", 3: "awkward silence"})  # fmt: skip
    history = History(application=base.application, people=people, interviews=(iv,))
    for pid in (1, 2, 3):
        draft = render_draft(
            action(history, ActionKind.THANK_YOU, Channel.EMAIL, person_id=pid),
            history,
            PROFILE,
            templates,
        )
        assert "that experience" not in draft.body and "our meeting" not in draft.body
        assert "your group" not in draft.body
        # Still ties the conversation to what the candidate brings: no LINT-FIT warning.
        assert lint_draft(draft, history, PROFILE) == (), pid
