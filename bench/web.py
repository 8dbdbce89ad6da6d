"""How fast the web app answers: the board, Today and one JSON endpoint over 500 applications.

Seeds 500 applications (each with an interviewer and an interview, one interview a day over
the past year, so Today lists what one day holds) in a fresh home, serves
the app with uvicorn in a child process on 127.0.0.1, and loads it from this process with
50 concurrent connections (httpx). In the same run and on the same server, a bare ASGI
"hello" route is the baseline. Prints requests/s, p50 and p99 for each, and the ratios.
Targets on a 2-core machine: p99 under 100 ms for the pages, 500 requests/s for the JSON.

    python bench/web.py [--apps 500] [--seconds 8] [--connections 50]
"""

from __future__ import annotations

import argparse
import asyncio
import os
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

SRC = Path(__file__).resolve().parent.parent / "src"
sys.path.insert(0, str(SRC))


def seed(home: Path, count: int) -> None:
    from followup.app.applications import NewApplication, add_application
    from followup.app.interviews import NewInterview, add_interview
    from followup.app.people import NewPerson, add_person
    from followup.app.root import build_context
    from followup.config import load_settings
    from followup.domain.model import InterviewKind

    ctx = build_context(load_settings({"FOLLOWUP_HOME": str(home), "FOLLOWUP_USER_TZ": "UTC"}))
    today = datetime.now(UTC).replace(hour=10, minute=0, second=0, microsecond=0)
    for n in range(count):
        app = add_application(ctx, NewApplication(f"Company {n:03d}", "Engineer", country="US"))
        person = add_person(ctx, NewPerson(app.id, f"Person {n}", email=f"p{n}@c{n}.example"))
        start = today - timedelta(days=n % 365)  # a year of searching: a few due today
        add_interview(
            ctx,
            NewInterview(
                app.id,
                start.replace(tzinfo=None),
                InterviewKind.VIDEO,
                person_ids=[person.id],
                notes={person.id: "the plan to move their jobs to streaming"},
            ),
        )
    ctx.close()


def serve(home: str, port: int) -> None:
    """The child process: the web app with a bare hello route in front, on 127.0.0.1."""
    import uvicorn

    from followup.app.root import build_context
    from followup.config import load_settings
    from followup.web.app import create_app
    from followup.web.secret import load_web_secret

    settings = load_settings({"FOLLOWUP_HOME": home, "FOLLOWUP_USER_TZ": "UTC"})
    web = create_app(build_context(settings), load_web_secret(Path(home)))

    async def app(scope, receive, send):  # type: ignore[no-untyped-def]
        if scope["type"] == "http" and scope["path"] == "/hello":
            await send(
                {
                    "type": "http.response.start",
                    "status": 200,
                    "headers": [(b"content-type", b"text/plain")],
                }
            )
            await send({"type": "http.response.body", "body": b"hello"})
            return
        await web(scope, receive, send)

    uvicorn.run(
        app, host="127.0.0.1", port=port, log_level="warning", access_log=False, lifespan="off"
    )


async def load(url: str, seconds: float, connections: int) -> tuple[int, list[float]]:
    import httpx

    latencies: list[float] = []
    errors = 0
    limits = httpx.Limits(max_connections=connections, max_keepalive_connections=connections)
    async with httpx.AsyncClient(limits=limits, timeout=120) as client:
        stop = time.perf_counter() + seconds

        async def worker() -> None:
            nonlocal errors
            while time.perf_counter() < stop:
                began = time.perf_counter()
                try:
                    response = await client.get(url)
                    failed = response.status_code != 200
                except httpx.HTTPError:
                    failed = True
                latencies.append(time.perf_counter() - began)
                errors += failed

        await asyncio.gather(*(worker() for _ in range(connections)))
    return errors, latencies


def wait_for(url: str) -> None:
    import httpx

    deadline = time.monotonic() + 60
    while True:
        try:
            httpx.get(url, timeout=2)
            return
        except httpx.HTTPError:
            if time.monotonic() > deadline:
                raise
            time.sleep(0.2)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--apps", type=int, default=500)
    parser.add_argument("--seconds", type=float, default=8.0)
    parser.add_argument("--connections", type=int, default=50)
    parser.add_argument("--serve", nargs=2, metavar=("HOME", "PORT"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.serve:
        serve(args.serve[0], int(args.serve[1]))
        return

    home = Path(tempfile.mkdtemp(prefix="followup-bench-web-"))
    began = time.perf_counter()
    seed(home, args.apps)
    print(f"seeded {args.apps} applications in {time.perf_counter() - began:.1f} s ({home})")
    import socket

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    env = {**os.environ, "PYTHONPATH": str(SRC)}
    child = subprocess.Popen([sys.executable, __file__, "--serve", str(home), str(port)], env=env)
    base = f"http://127.0.0.1:{port}"
    try:
        wait_for(f"{base}/hello")
        cases = {
            "hello (bare ASGI)": "/hello",
            "JSON /api/applications/1": "/api/applications/1",
            "Today /": "/",
            "board /board": "/board",
        }
        results = {}
        for name, path in cases.items():
            asyncio.run(load(base + path, 0.5, 2))  # warm-up
            errors, latencies = asyncio.run(load(base + path, args.seconds, args.connections))
            latencies.sort()
            results[name] = (
                len(latencies) / args.seconds,
                statistics.median(latencies) * 1000,
                latencies[min(len(latencies) - 1, int(len(latencies) * 0.99))] * 1000,
                errors,
            )
    finally:
        child.terminate()
        child.wait(timeout=30)
    hello_rate = results["hello (bare ASGI)"][0]
    print(f"{args.connections} connections, {args.seconds:.0f} s each, over loopback")
    print(f"{'':28} {'req/s':>8} {'p50 ms':>8} {'p99 ms':>8} {'errors':>7} {'hello/this':>11}")
    for name, (rate, p50, p99, errors) in results.items():
        print(f"{name:28} {rate:8.0f} {p50:8.1f} {p99:8.1f} {errors:7d} {hello_rate / rate:10.1f}x")


if __name__ == "__main__":
    main()
