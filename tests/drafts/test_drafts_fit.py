"""The strength line reads naturally whatever shape the strength was typed in, and tool
names typed in lower case are written the way their makers spell them."""

from __future__ import annotations

import re

import pytest
from test_drafts_strengths import _draft

from followup.drafts.fit import fit_sentence, strength_shape
from followup.drafts.notes import note_sentence, read_note
from followup.drafts.spelling import known_spellings, parse_spellings, respell
from followup.drafts.strengths import Strength
from followup.drafts.templates import DraftTemplates

# strength as typed -> its shape and the sentence it gives (variant 0)
STRENGTHS = [
    ("led a team of five engineers", "past",
     "It connects to my own work: I led a team of five engineers."),
    ("Led the postgresql migration of 40 services.", "past",
     "It connects to my own work: I led the PostgreSQL migration of 40 services."),
    ("Designed payment APIs used by 3M users", "past",
     "It connects to my own work: I designed payment APIs used by 3M users."),
    ("automated the release checks for kubernetes", "past",
     "It connects to my own work: I automated the release checks for Kubernetes."),
    ("lead a team of eight analysts", "present",
     "It connects to my own work: I lead a team of eight analysts."),
    ("I rebuilt the billing pipeline in Go.", "sentence",
     "It connects to my own work: I rebuilt the billing pipeline in Go."),
    ("In my last role I cut cloud costs by 30%", "sentence",
     "It connects to my own work: in my last role I cut cloud costs by 30%."),
    ("My team shipped the new checkout in six weeks", "sentence",
     "It connects to my own work: my team shipped the new checkout in six weeks."),
    ("five years of postgresql tuning", "phrase",
     "It connects to my own work, and I would bring five years of PostgreSQL tuning to it."),
    ("data pipeline design", "phrase",
     "It connects to my own work, and I would bring experience in data pipeline design to it."),
    ("Strong SQL skills", "phrase",
     "It connects to my own work, and I would bring strong SQL skills to it."),
    ("Advanced SQL and query tuning", "phrase",
     "It connects to my own work, and I would bring experience in advanced SQL and query "
     "tuning to it."),
    ("Kubernetes operations", "phrase",
     "It connects to my own work, and I would bring experience in Kubernetes operations to it."),
    ("experience with flink", "phrase",
     "It connects to my own work, and I would bring experience with Flink to it."),
    ("mentoring junior engineers", "gerund",
     "It connects to my own work, and I would bring experience in mentoring junior engineers "
     "to it."),
    # a CV headline: what the candidate is, not a verb ("Chartered" is no past tense here)
    ("Chartered Accountant with 7 yrs in audit", "title",
     "It connects to my own work as a Chartered Accountant with 7 years in audit."),
    ("an experienced Account Manager", "title",
     "It connects to my own work as an experienced Account Manager."),
    ("Eight years teaching science", "phrase",
     "It connects to my own work, and I would bring eight years teaching science to it."),
    ("solid stakeholder management", "phrase",
     "It connects to my own work, and I would bring solid stakeholder management to it."),
]  # fmt: skip


@pytest.mark.parametrize(("typed", "shape", "sentence"), STRENGTHS)
def test_each_shape_of_strength_reads_as_a_sentence(typed: str, shape: str, sentence: str) -> None:
    assert strength_shape(respell(typed.rstrip("."))) == shape
    assert fit_sentence(Strength(typed)) == sentence
    for variant in range(3):
        text = fit_sentence(Strength(typed), variant)
        assert text[0].isupper() and text.endswith(".") and ".." not in text
        # never a verb or a bare noun straight after the colon, as in "know best: led a team"
        assert not re.search(r": (?!I\b|my\b|in my\b)[a-z]", text), text


def test_a_fragment_strength_reads_naturally_in_the_thank_you(templates: DraftTemplates) -> None:
    body = _draft(
        "their move from nightly batch to streaming",
        "led the move of forty nightly batch jobs to kafka streaming [streaming, batch]",
        templates,
    )
    assert "I led the move of forty nightly batch jobs to Kafka streaming." in body
    assert "best: led" not in body and "experience: led" not in body


def test_a_noun_phrase_strength_is_something_the_candidate_brings(
    templates: DraftTemplates,
) -> None:
    body = _draft(
        "their plan to move to kubernetes", "five years of kubernetes operations", templates
    )
    assert "I would bring five years of Kubernetes operations to it." in body
    assert "kubernetes" not in body


SPELLED = [
    ("talked postgresql migration", "talked PostgreSQL migration"),
    ("moving everything to kubernetes.", "moving everything to Kubernetes."),
    ("node.js, c++ and c# apis", "Node.js, C++ and C# APIs"),
    ("a golang rewrite; go to market in q3", "a Go rewrite; go to market in Q3"),
    ("react to incidents, then reactjs", "react to incidents, then React"),
    ("PostgreSQL and postgres-based tools", "PostgreSQL and postgres-based tools"),
    ("their etl jobs on airflow and dbt", "their ETL jobs on Airflow and dbt"),
]


@pytest.mark.parametrize(("typed", "written"), SPELLED)
def test_tool_names_typed_in_lower_case_are_spelled_right(typed: str, written: str) -> None:
    assert respell(typed) == written


def test_the_spelling_table_is_data_and_leaves_ordinary_words_alone() -> None:
    table = known_spellings()
    assert len(table) >= 100
    for word in ("go", "rust", "spark", "react", "excel", "rest", "helm", "it", "pm"):
        assert word not in table, word
    assert parse_spellings("# note\nGo <- golang\nKafka\n") == {"golang": "Go", "kafka": "Kafka"}


def test_a_note_with_lower_case_tools_gives_a_sentence_with_their_names() -> None:
    sentence = note_sentence("kafka + flink streaming on kubernetes", ("Dana Chen",))
    assert "Kafka" in sentence and "Flink" in sentence and "Kubernetes" in sentence
    assert "kafka" not in sentence and "kubernetes" not in sentence


def test_the_general_sentence_does_not_echo_the_closing(templates: DraftTemplates) -> None:
    body = _draft("their plan to open source the scheduler", "five years of Python", templates)
    assert body.count("glad") <= 1 and "kind of problem" not in body


@pytest.mark.parametrize(
    "note",
    [
        "how the team plans its quarter",
        "their sprint planning",
        "standups and retros",
        "their office in Lisbon and the new canteen",
    ],
)
def test_a_note_about_team_rituals_claims_no_fit(note: str) -> None:
    sentence, kind = read_note(note, ("Ines Moreau",))
    assert kind == "team" and sentence.endswith(".")
