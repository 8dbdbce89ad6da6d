# ruff: noqa: E501  (a table of whole sentences, one per line)
"""Interview notes as sentences: whatever shape the user typed (a noun phrase, a clause, a
full sentence, first or third person), the thank-you gets one grammatical sentence to that
interviewer, or a safe one that quotes nothing. Every note here was written for this table.
"""

from __future__ import annotations

import re

import pytest

from followup.drafts.notes import is_embarrassing, note_sentence, safe_sentence

# (the note as typed, the interviewer it is about, the sentence their thank-you gets)
TABLE: list[tuple[str, str, str]] = [
    (
        "the migration of their batch jobs to streaming",
        "Dana Chen",
        "I especially enjoyed our conversation about the migration of your batch jobs to streaming.",
    ),
    (
        "his plan to split the monolith",
        "Tom Becker",
        "I especially enjoyed our conversation about your plan to split the monolith.",
    ),
    (
        "Her team's switch to dbt",
        "Priya Natarajan",
        "I especially enjoyed our conversation about your team's switch to dbt.",
    ),
    ("Kafka at scale", "Dana Chen", "I especially enjoyed our conversation about Kafka at scale."),
    (
        "the Flink migration; on-call; hiring plans",
        "Dana Chen",
        "I especially enjoyed our conversation about the Flink migration, on-call and hiring plans.",
    ),
    (
        "the ML platform & feature store",
        "Lee Park",
        "I especially enjoyed our conversation about the ML platform and feature store.",
    ),
    (
        "migrating batch jobs to streaming",
        "Dana Chen",
        "I especially enjoyed our conversation about migrating batch jobs to streaming.",
    ),
    (
        "the on-call load after the reorg",
        "Tom Becker",
        "I especially enjoyed our conversation about the on-call load after the reorg.",
    ),
    (
        "their plans for a self-serve analytics layer",
        "Lee Park",
        "I especially enjoyed our conversation about your plans for a self-serve analytics layer.",
    ),
    (
        "the CTO's vision for AI tooling",
        "Lee Park",
        "I especially enjoyed our conversation about the CTO's vision for AI tooling.",
    ),
    (
        "Cost savings from moving off Redshift",
        "Maria Lopez",
        "I especially enjoyed our conversation about cost savings from moving off Redshift.",
    ),
    (
        "The growth of the payments team in Berlin",
        "Kenji Sato",
        "I especially enjoyed our conversation about the growth of the payments team in Berlin.",
    ),
    (
        "great chat about observability",
        "Ola Berg",
        "I especially enjoyed our conversation about observability.",
    ),
    (
        "Dana's roadmap for the data platform",
        "Dana Chen",
        "I especially enjoyed our conversation about your roadmap for the data platform.",
    ),
    (
        "Tom's question about backfills",
        "Tom Becker",
        "I especially enjoyed our conversation about your question about backfills.",
    ),
    (
        "team moving to Flink w/ exactly-once sinks",
        "Dana Chen",
        "I especially enjoyed our conversation about your team moving to Flink with exactly-once sinks.",
    ),
    (
        "the budget for open-source contributions.",
        "Kenji Sato",
        "I especially enjoyed our conversation about the budget for open-source contributions.",
    ),
    (
        "  data   quality checks in the ingestion layer  ",
        "Amara Obi",
        "I especially enjoyed our conversation about data quality checks in the ingestion layer.",
    ),
    (
        "Pricing experiments for the self-serve tier",
        "Ola Berg",
        "I especially enjoyed our conversation about pricing experiments for the self-serve tier.",
    ),
    (
        "a deep dive into their alerting setup",
        "Tom Becker",
        "I especially enjoyed our conversation about your alerting setup.",
    ),
    (
        "The team is moving from nightly batch to streaming with Flink",
        "Dana Chen",
        "I especially enjoyed hearing that your team is moving from nightly batch to streaming with Flink.",
    ),
    (
        "the team has outgrown its Airflow setup",
        "Lee Park",
        "I especially enjoyed hearing that your team has outgrown its Airflow setup.",
    ),
    ("how they test changes", "Tom Becker", "I especially enjoyed hearing how you test changes."),
    (
        "how product and platform teams plan quarters together",
        "Amara Obi",
        "I especially enjoyed hearing how product and platform teams plan quarters together.",
    ),
    (
        "what success looks like in the first 90 days",
        "Lee Park",
        "I especially enjoyed hearing what success looks like in the first 90 days.",
    ),
    (
        "why they chose Rust for the query engine",
        "Kenji Sato",
        "I especially enjoyed hearing why you chose Rust for the query engine.",
    ),
    (
        "they want someone to own the pipeline end to end",
        "Lee Park",
        "I especially enjoyed hearing that you want someone to own the pipeline end to end.",
    ),
    (
        "She wants someone who can mentor juniors",
        "Priya Natarajan",
        "I especially enjoyed hearing that you want someone who can mentor juniors.",
    ),
    (
        "he's building a feature store",
        "Tom Becker",
        "I especially enjoyed hearing that you're building a feature store.",
    ),
    (
        "they're hiring two more engineers this year",
        "Maria Lopez",
        "I especially enjoyed hearing that you're hiring two more engineers this year.",
    ),
    (
        "the company will open an office in Lisbon",
        "Ola Berg",
        "I especially enjoyed hearing that your company will open an office in Lisbon.",
    ),
    (
        "She explained how they test changes in production.",
        "Priya Natarajan",
        "I especially appreciated that you explained how you test changes in production.",
    ),
    (
        "Dana explained the new ingestion service",
        "Dana Chen",
        "I especially appreciated that you explained the new ingestion service.",
    ),
    (
        "she walked me through their deployment pipeline",
        "Maria Lopez",
        "I especially appreciated that you walked me through your deployment pipeline.",
    ),
    (
        "asked me about my Kafka work",
        "Dana Chen",
        "I especially appreciated your questions about my Kafka work.",
    ),
    (
        "He asked about my time at a logistics startup",
        "Tom Becker",
        "I especially appreciated your questions about my time at a logistics startup.",
    ),
    (
        "described the roadmap for the mobile app",
        "Kenji Sato",
        "I especially appreciated that you described the roadmap for the mobile app.",
    ),
    (
        "we talked about on-call and incident reviews",
        "Dana Chen",
        "I especially enjoyed talking with you about on-call and incident reviews.",
    ),
    (
        "We discussed the roadmap",
        "Lee Park",
        "I especially enjoyed talking with you about the roadmap.",
    ),
    (
        "went over my take-home solution",
        "Amara Obi",
        "I especially enjoyed talking with you about my take-home solution.",
    ),
    (
        "I talked about my warehouse migration at Initech",
        "Dana Chen",
        "I especially enjoyed the chance to talk with you about my warehouse migration at Initech.",
    ),
    (
        "I learned that the team ships weekly",
        "Tom Becker",
        "I especially enjoyed learning that the team ships weekly.",
    ),
    (
        "I asked about the on-call rotation",
        "Lee Park",
        "I especially appreciated your answers to my questions about the on-call rotation.",
    ),
    (
        "Data contracts between teams. Also talked about hiring.",
        "Ola Berg",
        "I especially enjoyed our conversation about data contracts between teams.",
    ),
    (
        "The whole conversation was about how the company wants to rebuild every single part of its reporting stack over the next two years while also hiring",
        "Lee Park",
        "I especially enjoyed our conversation and hearing how you see the role.",
    ),
    (
        "??? not sure",
        "Tom Becker",
        "I especially enjoyed our conversation and hearing how you see the role.",
    ),
    (
        "good vibes (I think)",
        "Dana Chen",
        "I especially enjoyed our conversation and hearing how you see the role.",
    ),
    (
        # Not quoted, but the topic is: the candidate appreciated the questions.
        "she grilled me on SQL",
        "Dana Chen",
        "I especially appreciated your questions about SQL.",
    ),
    (
        "pushed hard on system design",
        "Tom Becker",
        "I especially enjoyed our conversation and hearing how you see the role.",
    ),
    (
        "seemed skeptical about my lack of Go",
        "Lee Park",
        "I especially enjoyed our conversation and hearing how you see the role.",
    ),
    (
        "he was late and distracted",
        "Kenji Sato",
        "I especially enjoyed our conversation and hearing how you see the role.",
    ),
    (
        "I bombed the whiteboard question",
        "Amara Obi",
        "I especially enjoyed our conversation and hearing how you see the role.",
    ),
    (
        "I was nervous",
        "Ola Berg",
        "I especially enjoyed our conversation and hearing how you see the role.",
    ),
    (
        "tough on me about testing",
        "Priya Natarajan",
        "I especially enjoyed our conversation and hearing how you see the role.",
    ),
    (
        "interrupted me a lot",
        "Maria Lopez",
        "I especially enjoyed our conversation and hearing how you see the role.",
    ),
    # Jotted as people type them: asides after a comma or dash are the user's own memo,
    # shorthand is written out, pay ("ctc") and details with numbers are not named.
    (
        "their pricing engine, hes rewriting it in rust",
        "Ravi Menon",
        "I especially enjoyed our conversation about your pricing engine.",
    ),
    (
        "how they forecast demand weekly - still lots of spreadsheets",
        "Ravi Menon",
        "I especially enjoyed hearing how you forecast demand weekly.",
    ),
    (
        "asked loads abt classroom mgmt",
        "Ravi Menon",
        "I especially appreciated your questions about classroom management.",
    ),
    (
        "quarter end close - they r switching to a new ERP",
        "Ravi Menon",
        "I especially enjoyed our conversation about the quarter-end close.",
    ),
    (
        "standard screening questions, mostly about my cv",
        "Ravi Menon",
        "I especially appreciated your thoughtful questions.",
    ),
    (
        "intro call",
        "Ravi Menon",
        "I especially enjoyed our conversation and hearing how you see the role.",
    ),
    (
        "they need someone for key accounts + mentoring two junior reps",
        "Ravi Menon",
        "I especially enjoyed hearing what you are looking for in the role.",
    ),
    (
        "probation period + hybrid setup",
        "Ravi Menon",
        "I also appreciated your clear answers about the probation period and the hybrid setup.",
    ),
    (
        "how they ship features w/ lean team",
        "Ravi Menon",
        "I especially enjoyed hearing how you ship features with a lean team.",
    ),
    (
        "expected ctc + joining date",
        "Ravi Menon",
        "I also appreciated your clear answers about the joining date.",
    ),
    (
        "relocation, 30 day notice",
        "Ravi Menon",
        "I also appreciated your clear answers about relocation.",
    ),
    (
        "sample lesson with year 10s on forces, think it went ok",
        "Ravi Menon",
        "I especially enjoyed teaching the demo lesson.",
    ),
    (
        "portfolio walkthrough + q&a",
        "Ravi Menon",
        "I especially enjoyed walking you through my portfolio.",
    ),
    (
        "onboarding process for new clients is slow, 3 months",
        "Ravi Menon",
        "I especially enjoyed our conversation about the onboarding process for new clients.",
    ),
    (
        "mock sales call w/ the VP",
        "Ravi Menon",
        "I especially enjoyed working through the role-play with you.",
    ),
]

SAFE = {safe_sentence(met, v) for met in (True, False) for v in range(3)}
THIRD_PERSON = re.compile(r"\b(?:he|she|his|him|her|hers|he's|she's)\b", re.IGNORECASE)
DOUBLED = re.compile(r"(?<!\.)\.\.(?!\.)|[,;:!?]{2}|,\.|\s[.,;:]")


def test_the_table_has_enough_note_styles() -> None:
    assert len(TABLE) >= 40
    quoted = [row for row in TABLE if row[2] not in SAFE]
    assert len(quoted) >= 35  # most notes are quoted, not replaced by the safe sentence


@pytest.mark.parametrize(("note", "name", "sentence"), TABLE, ids=[r[0][:40] for r in TABLE])
def test_note_becomes_this_sentence(note: str, name: str, sentence: str) -> None:
    assert note_sentence(note, (name,), met=True) == sentence


@pytest.mark.parametrize(("note", "name", "sentence"), TABLE, ids=[r[0][:40] for r in TABLE])
@pytest.mark.parametrize("met", [True, False])
@pytest.mark.parametrize("variant", [0, 1, 2])
def test_every_sentence_is_one_clean_sentence_to_its_reader(
    note: str, name: str, sentence: str, met: bool, variant: int
) -> None:
    got = note_sentence(note, (name,), met=met, variant=variant)
    assert got.startswith("I ") and got.endswith(".")
    assert got.count(". ") == 0 and "  " not in got
    assert not DOUBLED.search(got)
    # Never about the reader in the third person: "his plan" to him is "your plan".
    assert not THIRD_PERSON.search(got)
    assert not any(part in got for part in name.split())
    assert not is_embarrassing(got)


@pytest.mark.parametrize(
    "note",
    [
        "pushed hard on system design",
        "seemed skeptical about my lack of Go",
        "he was late and distracted",
        "I bombed the whiteboard question",
        "tough on me about testing",
        "interrupted me a lot",
        "Looked bored the whole time",
    ],
)
def test_a_note_that_would_embarrass_its_subject_is_never_quoted(note: str) -> None:
    got = note_sentence(note, ("Dana Chen",))
    assert got in SAFE
    assert not is_embarrassing(got)


def test_panel_members_with_safe_notes_get_different_sentences() -> None:
    assert len({note_sentence("grilled me", ("A B",), variant=v) for v in range(3)}) == 3


def test_not_met_never_says_our_conversation() -> None:
    for note, name, _ in TABLE:
        assert "our conversation" not in note_sentence(note, (name,), met=False)
