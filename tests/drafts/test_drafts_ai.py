"""AI drafting through llm, with a model registered in-process through llm's plugin hook.

The scripted model answers from the prompt it is given: its first answer breaks the
content rules, and it only writes a clean draft when the prompt carries the linter's
findings, so the repair loop is exercised for real against the real linter.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import llm
import pytest
from drafts_data import PROFILE, action, scenario_a
from llm.plugins import pm

from followup.domain.model import ActionKind
from followup.drafts.ai import (
    MAX_REPAIR_ROUNDS,
    AiResult,
    ai_draft,
    candidate_draft,
    first_prompt,
)
from followup.drafts.checking import error_messages, lint_draft
from followup.drafts.facts import gather_facts
from followup.drafts.model import Draft
from followup.drafts.render import render_draft
from followup.drafts.templates import DraftTemplates

GOOD = """Subject: Thank you - Data Engineer interview

Dear Dana,

Thank you for meeting with me on Tuesday, March 3, about the Data Engineer role at Acme. I
especially enjoyed our conversation about the migration of their batch jobs to streaming,
which is close to my experience of six years of building data pipelines in Python and SQL.

I am very interested in joining Acme and would be glad to contribute. If you have any further
questions, I am happy to answer them.

Best regards,
Sam Rivera
"""

# Talks about pay before any offer: LINT-PAY-TALK is an error.
BAD = GOOD.replace(
    "I am very interested in joining Acme",
    "I would also like to discuss the salary range, and I am very interested in joining Acme",
)


# The linter's finding on BAD, as the repair prompt quotes it.
PAY_FINDING = 'LINT-PAY-TALK: talks about pay or benefits ("salary") before any offer'


class ScriptedModel(llm.Model):
    """Answers BAD unless the prompt quotes the pay-talk finding; records every prompt."""

    model_id = "followup-scripted"
    can_stream = False

    def __init__(self, stubborn: bool = False) -> None:
        self.prompts: list[str] = []
        self.stubborn = stubborn

    def execute(self, prompt: Any, stream: bool, response: Any, conversation: Any) -> Iterator[str]:
        text = prompt.prompt or ""
        self.prompts.append(text)
        if not self.stubborn and PAY_FINDING in text and "salary range" in text:
            yield GOOD
        else:
            yield BAD


# Moves the interview to the next day: the linter cannot see it, the facts check does.
SHIFTED = GOOD.replace("Tuesday, March 3", "Wednesday, March 4")


class DateShiftingModel(llm.Model):
    """Answers SHIFTED until the prompt quotes the facts check's finding on it."""

    model_id = "followup-date-shifting"
    can_stream = False

    def __init__(self) -> None:
        self.prompts: list[str] = []

    def execute(self, prompt: Any, stream: bool, response: Any, conversation: Any) -> Iterator[str]:
        text = prompt.prompt or ""
        self.prompts.append(text)
        yield GOOD if "FACT-DATE: the date March 3 is missing" in text else SHIFTED


class BrokenModel(llm.Model):
    model_id = "followup-broken"
    can_stream = False

    def execute(self, prompt: Any, stream: bool, response: Any, conversation: Any) -> Iterator[str]:
        raise RuntimeError("connection refused\nmore detail")


@pytest.fixture
def models(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[dict[str, llm.Model]]:
    monkeypatch.setenv("LLM_USER_PATH", str(tmp_path / "llm"))
    registered = {
        "scripted": ScriptedModel(),
        "stubborn": ScriptedModel(stubborn=True),
        "broken": BrokenModel(),
        "shifting": DateShiftingModel(),
    }
    registered["stubborn"].model_id = "followup-stubborn"

    class TestModels:
        __name__ = "followup-test-models"

        @llm.hookimpl
        def register_models(self, register: Any) -> None:
            for model in registered.values():
                register(model)

    pm.register(TestModels(), name="followup-test-models")
    try:
        yield registered
    finally:
        pm.unregister(name="followup-test-models")


def _template_draft(templates: DraftTemplates) -> tuple[Draft, dict[str, object]]:
    history = scenario_a()
    act = action(history, ActionKind.THANK_YOU)
    return render_draft(act, history, PROFILE, templates), gather_facts(
        act, history, PROFILE
    ).context


def _falls_back(templates: DraftTemplates, model: str) -> tuple[Draft, AiResult]:
    """The template draft, and what drafting it with `model` gave: not the AI's draft."""
    template, facts = _template_draft(templates)
    result = ai_draft(template, facts, model, _check)
    assert not result.used_ai
    return template, result


def _check(draft: Draft) -> list[str]:
    return error_messages(lint_draft(draft, scenario_a(), PROFILE))


def test_the_scripted_first_answer_really_fails_the_linter(templates: DraftTemplates) -> None:
    template, _ = _template_draft(templates)
    assert any("LINT-PAY-TALK" in m for m in _check(candidate_draft(template, BAD)))
    assert _check(candidate_draft(template, GOOD)) == []


def test_repair_round_feeds_findings_back(
    models: dict[str, ScriptedModel], templates: DraftTemplates
) -> None:
    template, facts = _template_draft(templates)
    result = ai_draft(template, facts, "followup-scripted", _check)
    assert result.used_ai
    assert result.draft.source == "ai"
    assert "batch jobs to streaming" in result.draft.body
    assert "salary" not in result.draft.body
    assert result.draft.subject == "Thank you - Data Engineer interview"
    prompts = models["scripted"].prompts
    assert len(prompts) == 2
    # The first prompt carries the facts and the rules; the repair prompt the findings.
    assert "Highlight: the migration of their batch jobs to streaming" in prompts[0]
    assert "Qualifications: six years of building data pipelines" in prompts[0]
    assert "- LINT-PAY-TALK (error):" in prompts[0]  # the rules, up front
    assert PAY_FINDING not in prompts[0]
    assert PAY_FINDING in prompts[1]
    assert "It failed these checks" in prompts[1]
    assert "salary range" in prompts[1]
    assert result.prompts == tuple(prompts)
    assert "1 repair round" in result.message


def test_still_failing_after_two_repairs_falls_back_to_the_template(
    models: dict[str, ScriptedModel], templates: DraftTemplates
) -> None:
    template, result = _falls_back(templates, "followup-stubborn")
    assert result.draft.body == template.body
    assert result.draft.source == "template"
    assert len(models["stubborn"].prompts) == MAX_REPAIR_ROUNDS + 1
    assert "after 2 repair rounds" in result.message
    assert "using the template draft" in result.message


def test_model_failure_falls_back_with_one_line(
    models: dict[str, ScriptedModel], templates: DraftTemplates
) -> None:
    template, result = _falls_back(templates, "followup-broken")
    assert result.draft == template
    assert result.message == "AI drafting failed (connection refused); using the template draft"


def test_unknown_model_falls_back(
    models: dict[str, ScriptedModel], templates: DraftTemplates
) -> None:
    _, result = _falls_back(templates, "no-such-model")
    assert "Unknown model: no-such-model" in result.message
    assert "llm models" in result.message


def _cli(*args: str) -> Any:
    from click.testing import CliRunner

    from followup.cli.main import cli

    return CliRunner().invoke(cli, list(args))


PROFILE_ARGS = (
    "profile", "set", "--name", "Sam Rivera", "--phone", "+1 555 0100",
    "--email", "sam.rivera@example.org",
    "--qualifications", "six years of building data pipelines in Python and SQL",
)  # fmt: skip


def test_cli_draft_with_ai_repairs_and_says_so(
    acme: dict[str, int], models: dict[str, ScriptedModel]
) -> None:
    assert _cli(*PROFILE_ARGS).exit_code == 0
    result = _cli("draft", "1-i1-thank-you-p1", "--as-of", "2026-03-04T09:00", "--ai",
                  "--model", "followup-scripted", "--json")  # fmt: skip
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert data["source"] == "ai"
    assert "salary" not in data["body"]
    assert [f for f in data["findings"] if f["severity"] == "error"] == []
    assert data["notes"] == [
        "AI draft by followup-scripted after 1 repair round(s)",
        "kept for sending; `followup draft 1-i1-thank-you-p1 --reset` forgets it",
    ]
    assert len(models["scripted"].prompts) == 2
    # Shown again (and sent) as it was, without asking the model again.
    again = json.loads(_cli("draft", "1-i1-thank-you-p1", "--as-of", "2026-03-04T09:00",
                            "--json").output)  # fmt: skip
    assert again["source"] == "ai"
    assert again["body"] == data["body"]
    assert len(models["scripted"].prompts) == 2


def test_cli_ai_setting_is_off_by_default_and_can_be_switched_on(
    acme: dict[str, int], models: dict[str, ScriptedModel]
) -> None:
    assert _cli(*PROFILE_ARGS).exit_code == 0
    off = json.loads(_cli("draft", "1-i1-thank-you-p1", "--as-of", "2026-03-04T09:00",
                          "--json").output)  # fmt: skip
    assert off["source"] == "template"
    assert models["scripted"].prompts == []
    switched = _cli("profile", "set", "--ai-drafting", "on", "--ai-model", "followup-stubborn")
    assert switched.exit_code == 0
    data = json.loads(_cli("draft", "1-i1-thank-you-p1", "--as-of", "2026-03-04T09:00",
                           "--json").output)  # fmt: skip
    # The stubborn model never passes: the user gets the template draft and is told why.
    assert data["source"] == "template"
    assert "after 2 repair rounds" in data["notes"][-1]
    assert len(models["stubborn"].prompts) == MAX_REPAIR_ROUNDS + 1


def test_first_prompt_carries_the_linter_rules_for_the_kind(templates: DraftTemplates) -> None:
    template, facts = _template_draft(templates)
    prompt = first_prompt(template, facts)
    assert "- LINT-PAY-TALK (error):" in prompt
    assert "- LINT-INVITE-QUESTIONS (warning):" in prompt
    assert "LINT-VOICEMAIL-OPENING" not in prompt  # another kind's rule
    assert 'open with "Dear Dana Chen," or "Hi Dana,"' in prompt


def test_cli_ai_rewrite_that_moves_a_date_is_sent_back_by_the_facts_check(
    acme: dict[str, int], models: dict[str, DateShiftingModel]
) -> None:
    assert _cli(*PROFILE_ARGS).exit_code == 0
    assert _check(candidate_draft(_template_draft(DraftTemplates(None))[0], SHIFTED)) == []
    result = _cli("draft", "1-i1-thank-you-p1", "--as-of", "2026-03-04T09:00", "--ai",
                  "--model", "followup-date-shifting", "--json")  # fmt: skip
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert data["source"] == "ai"
    assert "Tuesday, March 3" in data["body"] and "March 4" not in data["body"]
    assert data["notes"][0] == "AI draft by followup-date-shifting after 1 repair round(s)"
    second = models["shifting"].prompts[1]
    assert "FACT-DATE: March 4 is not a date in the facts" in second
