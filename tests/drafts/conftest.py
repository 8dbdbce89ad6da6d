"""Fixtures for the draft tests: an empty user templates directory and the built-ins."""

from __future__ import annotations

from pathlib import Path

import pytest

from followup.drafts.templates import DraftTemplates


@pytest.fixture
def user_templates(tmp_path: Path) -> Path:
    path = tmp_path / "templates"
    path.mkdir()
    return path


@pytest.fixture
def templates(user_templates: Path) -> DraftTemplates:
    return DraftTemplates(user_templates)
