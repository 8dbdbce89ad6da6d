# ruff: noqa: E501  (a table of whole sentences, one per line)
"""What a recruiter noticed reading drafts for a hand-typed search across five countries
(US, UK, DE, SG, AU), each case fixed and kept here: the input and the sentence or
property the draft must now have. Every note and name was written for this table.
"""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from drafts_data import PROFILE, action, scenario_a

from followup.domain.company import without_legal_form
from followup.domain.model import (
    ActionKind,
    Channel,
    History,
    Interview,
    InterviewKind,
    OfferTerms,
    Person,
)
from followup.drafts.checking import lint_draft
from followup.drafts.fit import GENERAL_FIT
from followup.drafts.notes import note_sentence, read_note
from followup.drafts.phrasing import tidy_punctuation
from followup.drafts.render import render_draft
from followup.drafts.templates import DraftTemplates
from followup.drafts.wording import since_phrase

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
        "I also appreciated your clear answers about relocation support and the start date.",
    ),
    (
        "talked comp bands and the interview loop",
        "Rachel Green",
        "I also appreciated your clear answers about the interview loop.",
    ),
    (
        "visa sponsorship, she said they sponsor",
        "Hannah Cole",
        "I also appreciated your clear answers about visa sponsorship.",
    ),
    # A new user's trial (Berlin, December 2026): labels, articles, the team's set-up.
    (
        "Q: how I'd design rate limiter",
        "Alex Morgan",
        "I especially appreciated your questions about how I'd design a rate limiter.",
    ),
    (
        "Questions - how you'd build URL shortener",
        "Alex Morgan",
        "I especially appreciated your questions about how you'd build a URL shortener.",
    ),
    (
        "k8s migration",
        "Katrin Vogel",
        "I especially enjoyed our conversation about the k8s migration.",
    ),
    (
        "K8s migration timeline",
        "Katrin Vogel",
        "I especially enjoyed our conversation about the K8s migration timeline.",
    ),
    (
        "visa sponsorship timeline",
        "Hannah Cole",
        "I also appreciated your clear answers about the visa sponsorship timeline.",
    ),
    (
        "team is 5 ppl, hiring 2",
        "Alex Morgan",
        "I especially enjoyed hearing how your team is organised.",
    ),
    (
        "the platform group has 12 engineers",
        "Alex Morgan",
        "I especially enjoyed hearing how your team is organised.",
    ),
    (
        "her team's on-call rotation",
        "Hannah Cole",
        "I especially enjoyed our conversation about your team's on-call rotation.",
    ),
    (
        "the Paris office move",
        "Hannah Cole",
        "I especially enjoyed our conversation about the Paris office move.",
    ),
    (
        "talked re: website revamp in webflow + hiring plan for q1",
        "Hannah Cole",
        "I especially enjoyed talking with you about the website revamp in Webflow and the hiring "
        "plan for Q1.",
    ),
    (
        "headcount for q3 + forecasting in tableau",
        "Hannah Cole",
        "I especially enjoyed our conversation about headcount for Q3 and forecasting in Tableau.",
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
        ("Q: how I'd design rate limiter", "questions"),
        ("team is 5 ppl, hiring 2", "team"),
        ("her team's on-call rotation", "team"),
        ("the Paris office move", "team"),
        ("their reorg into product squads", "team"),
        ("you use kafka and flink for streaming", "work"),
        # a note that names the work as well as the team is about the work
        ("spoke re: pricing experiments + the hiring plan", "work"),
        ("their hiring plan and the team rotation", "team"),
        ("standups + retros; hiring plan", "team"),
        ("the office move + k8s", "team"),
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
        "team is 5 ppl, hiring 2",
        "her team's on-call rotation",
        "the Paris office move",
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


def test_a_strength_written_as_a_sentence_is_linked_to_the_topic(
    templates: DraftTemplates,
) -> None:
    history = _with_note(scenario_a(), "you use kafka and flink for streaming")
    profile = replace(PROFILE, qualifications="I moved forty batch jobs to Kafka. [streaming]")
    draft = render_draft(action(history, ActionKind.THANK_YOU), history, profile, templates)
    assert "flink for streaming. I moved" not in draft.body
    assert "It connects to my own work: I moved forty batch jobs to Kafka." in draft.body
    # a sentence starting otherwise reads on after the colon
    profile = replace(PROFILE, qualifications="In my last role I moved forty jobs to Kafka.")
    draft = render_draft(action(history, ActionKind.THANK_YOU), history, profile, templates)
    assert ": in my last role I moved forty jobs to Kafka." in draft.body


def test_the_time_since_is_never_a_plural_of_one() -> None:
    for days in range(400):
        phrase = since_phrase(days)
        assert not re.search(r"\bone \w+s\b", phrase), (days, phrase)
        assert phrase == "" or re.fullmatch(r"(?:about |over )?\w+ \w+", phrase), phrase
    assert since_phrase(10) == "over a week" and since_phrase(14) == "two weeks"


def test_a_status_check_eleven_days_on_reads_over_a_week(templates: DraftTemplates) -> None:
    history = scenario_a()
    draft = render_draft(
        action(history, ActionKind.STATUS_CHECK, day=11), history, PROFILE, templates
    )
    assert "It has been over a week since" in draft.body


def test_the_competing_offer_draft_claims_no_preference(templates: DraftTemplates) -> None:
    base = scenario_a()
    history = replace(
        base, application=replace(base.application, competing_offer_by=date(2026, 3, 20))
    )
    for kind, channel in (
        (ActionKind.COMPETING_OFFER, Channel.EMAIL),
        (ActionKind.CALL, Channel.PHONE),
    ):
        draft = render_draft(action(history, kind, channel), history, PROFILE, templates)
        assert draft.body, draft.missing
        assert not re.search(r"first choice|top choice|prefer \w+ to|favou?rite", draft.body), (
            draft.body
        )


@pytest.mark.parametrize(
    ("deadline", "expected"),
    [
        (date(2026, 12, 3), "get back to you by Thursday 3 December."),
        (date(2026, 12, 4), "get back to you by Friday 4 December."),
        (date(2026, 12, 8), "get back to you by Tuesday 8 December."),
        (None, "get back to you by Friday 11 December."),
    ],
)
def test_an_offer_acknowledgement_answers_by_the_offer_deadline(
    deadline: date | None, expected: str, templates: DraftTemplates
) -> None:
    """The offer's own deadline (`outcome ... offer --offer-deadline`) bounds the answer."""
    base = scenario_a()
    app = replace(
        base.application, country="GB", tz="Europe/London", offer=OfferTerms(deadline=deadline)
    )
    history = replace(base, application=app)
    act = action(history, ActionKind.OFFER_ACK)
    due = datetime(2026, 12, 2, 9, tzinfo=ZoneInfo("Europe/Berlin"))
    act = replace(act, earliest=due, due=due, latest=due + timedelta(days=1))
    draft = render_draft(act, history, PROFILE, templates)
    assert expected in draft.body
