# ruff: noqa: E501  (a table of rewrites, one per line)
"""The facts check of an AI rewrite, on rewrites written for this table: each keeps or
breaks one fact of the template draft (scenario A: Dana Chen, Acme, Data Engineer,
Tuesday, March 3)."""

from __future__ import annotations

import pytest
from drafts_data import PROFILE, action, scenario_a

from followup.domain.model import ActionKind
from followup.drafts.ai import candidate_draft
from followup.drafts.factcheck import dates_in, fact_problems
from followup.drafts.facts import gather_facts
from followup.drafts.render import render_draft
from followup.drafts.templates import DraftTemplates

FAITHFUL = """Subject: Thank you - Data Engineer interview

Dear Dana,

Many thanks for our meeting on Tuesday, March 3rd, about the Data Engineer position at Acme.
Hearing how your team is moving its batch jobs to streaming was the highlight for me; I have
spent six years building data pipelines in Python and SQL.

I would love to bring that to Acme. If anything else would help, please ask.

Best regards,
Sam Rivera
+1 555 0100
sam.rivera@example.org
"""

CASES: list[tuple[str, str, str]] = [
    ("faithful", FAITHFUL, ""),
    ("UK date order", FAITHFUL.replace("Tuesday, March 3rd", "Tuesday 3 March"), ""),
    ("no name", FAITHFUL.replace("Dear Dana,", "Hello,"), "FACT-NAME: the message no longer names Dana"),
    ("other company", FAITHFUL.replace("Acme", "Globex"), "FACT-COMPANY: the company Acme is missing"),
    ("other role", FAITHFUL.replace("Data Engineer", "Data Scientist"), 'FACT-ROLE: the role "Data Engineer" is missing'),
    ("moved date", FAITHFUL.replace("March 3rd", "March 4th"), "FACT-DATE: the date March 3 is missing"),
    ("invented date", FAITHFUL.replace("please ask.", "please ask before March 10."), "FACT-DATE: March 10 is not a date in the facts"),
    ("wrong weekday", FAITHFUL.replace("Tuesday, March 3rd", "Thursday, March 3rd"), "FACT-DATE: March 3 is a Tuesday, not a Thursday"),
    ("date dropped", FAITHFUL.replace(" on Tuesday, March 3rd,", ""), "FACT-DATE: the date March 3 is missing"),
    ("unsigned", FAITHFUL.replace("Sam Rivera\n", ""), "FACT-CANDIDATE: your name Sam Rivera is missing"),
]  # fmt: skip


@pytest.mark.parametrize(("name", "rewrite", "problem"), CASES, ids=[c[0] for c in CASES])
def test_a_rewrite_keeps_every_fact_or_says_which_it_lost(
    name: str, rewrite: str, problem: str, templates: DraftTemplates
) -> None:
    history = scenario_a()
    act = action(history, ActionKind.THANK_YOU)
    template = render_draft(act, history, PROFILE, templates)
    facts = gather_facts(act, history, PROFILE).context
    problems = fact_problems(template, candidate_draft(template, rewrite), facts)
    if problem:
        assert any(p.startswith(problem) for p in problems), problems
    else:
        assert problems == []


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("on Tuesday, March 3, about", {(3, 3): {"Tuesday"}}),
        ("on Tuesday 3 March about", {(3, 3): {"Tuesday"}}),
        ("by the 3rd of March", {(3, 3): set()}),
        ("May I ask about May 12?", {(5, 12): set()}),
        ("no dates here, 3 people", {}),
    ],
)
def test_dates_are_read_in_either_order(text: str, found: dict[tuple[int, int], set[str]]) -> None:
    assert dates_in(text) == found


def test_a_voicemail_keeps_the_phone_number(templates: DraftTemplates) -> None:
    from followup.domain.model import Channel

    history = scenario_a()
    act = action(history, ActionKind.VOICEMAIL, Channel.VOICEMAIL, day=8)
    template = render_draft(act, history, PROFILE, templates)
    facts = gather_facts(act, history, PROFILE).context
    assert fact_problems(template, template, facts) == []
    without = template.body.replace("+1 555 0100", "my mobile")
    problems = fact_problems(template, candidate_draft(template, without), facts)
    assert problems == ["FACT-CANDIDATE: your phone +1 555 0100 is missing; keep it as given"]
