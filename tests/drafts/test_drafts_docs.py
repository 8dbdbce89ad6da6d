"""The templates README documents every template and every name templates can use."""

from __future__ import annotations

import re
from pathlib import Path

from drafts_data import PROFILE, action, scenario_a

from followup.domain.model import ActionKind
from followup.drafts.facts import gather_facts
from followup.drafts.templates import all_template_names

README = Path(__file__).parents[2] / "src" / "followup" / "templates" / "README.md"


def test_every_template_is_documented() -> None:
    documented = set(re.findall(r"`([a-z-]+\.[a-z]+\.j2)`", README.read_text(encoding="utf-8")))
    assert documented == set(all_template_names())


def test_every_template_name_is_documented() -> None:
    text = README.read_text(encoding="utf-8")
    history = scenario_a()
    context = gather_facts(action(history, ActionKind.THANK_YOU), history, PROFILE).context
    undocumented = {name for name in context if f"`{name}`" not in text and f"`{name}." not in text}
    assert undocumented == set()
