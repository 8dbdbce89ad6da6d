"""The README documents every setting and every command (a setting nobody can find is a bug)."""

from __future__ import annotations

from pathlib import Path

import pytest

from followup.cli.main import COMMANDS
from followup.config import SETTINGS, Setting

README = (Path(__file__).resolve().parent.parent / "README.md").read_text(encoding="utf-8")


@pytest.mark.parametrize("setting", SETTINGS, ids=lambda s: s.name)
def test_every_setting_is_in_the_readme(setting: Setting) -> None:
    assert f"`{setting.name}`" in README, f"README.md does not document {setting.name}"
    assert f"`{setting.env}`" in README, f"README.md does not name {setting.env}"


@pytest.mark.parametrize("command", sorted(COMMANDS))
def test_every_command_is_in_the_readme(command: str) -> None:
    assert f"followup {command}" in README, f"README.md never shows `followup {command}`"
