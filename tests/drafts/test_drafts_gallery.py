"""docs/drafts.md, the gallery of drafts for the demo, is what scripts/gallery.py writes."""

from __future__ import annotations

import importlib.util
import re
from pathlib import Path
from types import ModuleType

ROOT = Path(__file__).resolve().parents[2]


def _gallery() -> ModuleType:
    spec = importlib.util.spec_from_file_location("gallery", ROOT / "scripts" / "gallery.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_the_gallery_is_current_and_shows_every_kind_and_channel() -> None:
    gallery = _gallery()
    text = gallery.render_gallery()
    current = (ROOT / "docs" / "drafts.md").read_text(encoding="utf-8")
    assert current == text, "docs/drafts.md is stale: run `.venv/bin/python scripts/gallery.py`"
    headings = re.findall(r"^## (.+)$", text, re.MULTILINE)
    assert headings == [f"{k.value} ({c.value})" for k, c in gallery.KIND_CHANNELS]
    assert "Not available" not in text
    # Every draft in it passed the linter without an error (the script skips any that fail).
    assert "(error)" not in text
