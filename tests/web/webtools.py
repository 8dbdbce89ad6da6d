"""What the web tests share: the served app's handle, and a page's screenshot and
accessibility check."""

from __future__ import annotations

import os
import socket
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, TypeVar

from followup.app.context import Context
from followup.web.security import CSRF_COOKIE, csrf_token

NOW = datetime(2026, 3, 4, 15, 0, tzinfo=UTC)  # a Wednesday, 10:00 in New York
BASE = "http://127.0.0.1:8150"  # the in-process client's address
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


def seed_search(ctx: Context, *, profile: bool = False, email: str = "dana@acme.example") -> int:
    """Acme (New York) with Dana Chen (at `email`) and an on-site interview with her on
    Tuesday 3 March 2026, 10:00 to 11:00; with `profile`, the candidate's too. The
    interview's id."""
    from datetime import datetime

    from followup.app.applications import NewApplication, add_application
    from followup.app.interviews import NewInterview, add_interview
    from followup.app.people import NewPerson, add_person
    from followup.app.profile import ProfileChanges, set_profile
    from followup.domain.model import InterviewKind

    if profile:
        values = {
            "name": "Sam Rivera",
            "email": "sam@example.org",
            "phone": "+1 555 0100",
            "qualifications": "six years of building data pipelines",
        }
        set_profile(ctx, ProfileChanges(values))
    app = add_application(ctx, NewApplication("Acme", "SRE", country="US", tz="America/New_York"))
    dana = add_person(ctx, NewPerson(app.id, "Dana Chen", email=email))
    interview = add_interview(
        ctx,
        NewInterview(
            app.id,
            datetime(2026, 3, 3, 10, 0),
            InterviewKind.ON_SITE,
            end=datetime(2026, 3, 3, 11, 0),
            person_ids=[dana.id],
            notes={dana.id: "the move of their batch jobs to streaming"},
            location="12 Harbor Street",
        ),
    )
    return interview.id


def ask_about(ctx: Context, message_id: str, subject: str, candidates: list[int]) -> None:
    """A review item, stored as the sync stores one: a reply from Jordan at Northwind in
    INBOX of the default account, which may belong to `candidates`."""
    from followup.store.mail_repos import FoundAt

    sender, reason = "jordan@northwind.example", "no application knows this sender"
    with ctx.uow() as uow:
        found = FoundAt("INBOX", 7, message_id)
        uow.sync_state.add_review(
            "default", found, sender=sender, subject=subject, kind="reply", reason=reason,
            candidates=candidates, now=NOW,
        )  # fmt: skip


def form_token(client: Any) -> str:
    """The CSRF token of the in-process client's cookie (for a form's `csrf_token`)."""
    value: str = client.get("/api/session").json()["csrf_token"]
    return value


def add_through_the_app(client: Any, company: str) -> None:
    """Add an application by the web form, as a browser does (its CSRF token), and check the
    app answered with the page to go to."""
    token = client.get("/api/session").json()["csrf_token"]
    added = client.post(
        "/apps/new",
        data={"company": company, "role": "SRE", "csrf_token": token},
        follow_redirects=False,
    )
    assert added.status_code == 303


T = TypeVar("T")


def off_any_event_loop(fn: Callable[[], T]) -> T:
    """Run `fn` on a thread of its own, where no event loop runs: Playwright's sync API
    leaves its loop marked as running in the thread of the tests that used it, and code
    that looks for a running loop would find that one."""
    with ThreadPoolExecutor(1) as pool:
        return pool.submit(fn).result()
