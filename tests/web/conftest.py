"""Fixtures of the web tests: the app over a fresh data home at a fixed time, served by a
real uvicorn on 127.0.0.1 in a thread, and Debian's Chromium driven by Playwright.

Screenshots go under the test output (`test-output/web/`, or $FOLLOWUP_TEST_OUTPUT/web).
Without /usr/bin/chromium the browser tests fail: `scripts/test` installs it.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import uvicorn
from starlette.testclient import TestClient
from webtools import BASE, NOW, Served, free_port

from followup.app.clock import FixedClock
from followup.app.context import Context
from followup.app.root import build_context
from followup.config import load_settings
from followup.web.app import create_app
from followup.web.secret import load_web_secret

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


@pytest.fixture
def web_ctx(followup_home: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Context]:
    monkeypatch.setenv("FOLLOWUP_USER_TZ", "America/New_York")
    monkeypatch.setenv("FOLLOWUP_USER_COUNTRY", "US")
    ctx = build_context(load_settings(), clock=FixedClock(NOW))
    yield ctx
    ctx.close()


@pytest.fixture
def secret(web_ctx: Context) -> bytes:
    return load_web_secret(web_ctx.settings.home)


@pytest.fixture
def served(web_ctx: Context, secret: bytes) -> Iterator[Served]:
    port = free_port()
    config = uvicorn.Config(
        create_app(web_ctx, secret),
        host="127.0.0.1",
        port=port,
        log_level="warning",
        lifespan="off",
    )
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not server.started:
        if time.monotonic() > deadline or not thread.is_alive():
            raise RuntimeError("uvicorn did not start")
        time.sleep(0.02)
    yield Served(f"http://127.0.0.1:{port}", web_ctx, secret)
    server.should_exit = True
    thread.join(timeout=10)


@pytest.fixture
def client(web_ctx: Context, secret: bytes) -> Iterator[TestClient]:
    """The app in-process (one thread: `with`), as a browser on 127.0.0.1 would reach it."""
    with TestClient(create_app(web_ctx, secret), base_url=BASE) as test_client:
        yield test_client


@pytest.fixture(scope="module")
def mail_servers() -> Iterator[Any]:
    """A Dovecot and an aiosmtpd delivering into it, of the test module's own
    (tests/mail/servers.py): (dovecot, smtp)."""
    import sys

    sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "mail"))
    from servers import running_servers

    with running_servers() as found:
        yield found


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_FLAGS)
        yield launched
        launched.close()


@pytest.fixture
def page(browser: Any, served: Served) -> Iterator[Any]:
    context = browser.new_context(base_url=served.url, viewport={"width": 1200, "height": 900})
    problems: list[str] = []
    opened = context.new_page()
    # Errors of scripts, and failed assets (a page's own 4xx, e.g. a form shown again with
    # its problems, is an answer, not an error).
    opened.on(
        "console",
        lambda m: (
            problems.append(m.text)
            if m.type == "error" and not m.text.startswith("Failed to load resource")
            else None
        ),
    )
    opened.on("pageerror", lambda e: problems.append(str(e)))
    opened.on(
        "response",
        lambda r: (
            problems.append(f"{r.status} {r.url}")
            if r.status >= 400 and r.request.resource_type not in {"document", "xhr", "fetch"}
            else None
        ),
    )
    yield opened
    context.close()
    assert not problems, f"the browser reported errors: {problems}"
