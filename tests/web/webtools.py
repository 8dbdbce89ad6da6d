"""What the web tests share: the served app's handle, and a page's screenshot and
accessibility check."""

from __future__ import annotations

import os
import socket
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from followup.app.context import Context
from followup.web.security import CSRF_COOKIE, csrf_token

OUTPUT = Path(os.environ.get("FOLLOWUP_TEST_OUTPUT", "test-output")) / "web"
AXE = Path(__file__).parent / "vendor" / "axe.min.js"


@dataclass
class Served:
    url: str
    ctx: Context
    secret: bytes

    def csrf(self) -> dict[str, str]:
        """Headers of an API client with its cookie and the matching token."""
        cookie = "c" * 43
        return {
            "Cookie": f"{CSRF_COOKIE}={cookie}",
            "X-CSRF-Token": csrf_token(self.secret, cookie),
        }


def check_page(page: Any, name: str) -> None:
    """Save a screenshot of the page and run axe-core on it: no serious or critical
    violation."""
    OUTPUT.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(OUTPUT / f"{name}.png"), full_page=True)
    if not page.evaluate("() => typeof window.axe !== 'undefined'"):
        page.evaluate(AXE.read_text(encoding="utf-8"))
    result = page.evaluate("async () => await window.axe.run(document)")
    bad = [
        f"{v['id']} ({v['impact']}): {[n['target'] for n in v['nodes']][:3]}"
        for v in result["violations"]
        if v["impact"] in {"serious", "critical"}
    ]
    assert not bad, f"accessibility violations on {name}: {bad}"


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])
