"""How fast the web app answers: the board, Today and one JSON endpoint over 500 applications.

Seeds 500 applications (each with an interviewer and an interview, one interview a day over
the past year, so Today lists what one day holds) in a fresh home, serves
the app with uvicorn in a child process on 127.0.0.1, and loads it from this process with
50 concurrent connections (httpx). In the same run and on the same server, a bare ASGI
"hello" route is the baseline. Prints requests/s, p50 and p99 for each, and the ratios.
Targets on a 2-core machine: p99 under 100 ms for the pages, 500 requests/s for the JSON.

    python bench/web.py [--apps 500] [--seconds 8] [--connections 50] [--home SEEDED]
    python bench/web.py --home SEEDED --profile /board   # cProfile of one page, in-process
    python bench/web.py --home SEEDED --after-writes 20  # the first Today after each write
    python bench/web.py --home SEEDED --minute-turn      # /stats under load as the minute turns

`--src DIR` serves another checkout's sources (old and new code, measured alternately).
"""

from __future__ import annotations

import contextlib

with contextlib.suppress(ModuleNotFoundError):  # bench/ is off sys.path: python -P, or a test
    import benchpath  # noqa: F401  (first: see bench/benchpath.py)

import argparse
import os
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

SRC = Path(__file__).resolve().parent.parent / "src"
BASE = "http://127.0.0.1:8150"  # the in-process client's address (a loopback Host)
sys.path.insert(0, os.environ.get("FOLLOWUP_BENCH_SRC", str(SRC)))  # --src, in the child


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


def app_of(home: str) -> Any:
    """The web app over the seeded home, as `followup serve` builds it."""
    from followup.app.root import build_context
    from followup.config import load_settings
    from followup.web.app import create_app
    from followup.web.secret import load_web_secret

    settings = load_settings({"FOLLOWUP_HOME": home, "FOLLOWUP_USER_TZ": "UTC"})
    return create_app(build_context(settings), load_web_secret(Path(home)), warm=True)


def profile(home: str, path: str, requests: int) -> None:
    """cProfile of `requests` GETs of `path` in this process (httpx's ASGI transport, no
    server): where a request's time goes, the slowest functions by cumulative time."""
    import asyncio
    import cProfile
    import pstats

    import httpx

    web = app_of(home)
    profiler = cProfile.Profile()

    async def run() -> None:
        transport = httpx.ASGITransport(app=web)
        async with httpx.AsyncClient(transport=transport, base_url=BASE) as client:
            first = await client.get(path)  # plans made, templates compiled
            print(f"{path}: {first.status_code}, {len(first.content)} bytes")
            began = time.perf_counter()
            profiler.enable()
            for _ in range(requests):
                await client.get(path)
            profiler.disable()
            elapsed = time.perf_counter() - began
            each = elapsed / requests * 1000
            print(f"{requests} requests in {elapsed:.2f} s: {each:.2f} ms each")

    asyncio.run(run())
    stats = pstats.Stats(profiler)
    stats.sort_stats("cumulative").print_stats(30)
    stats.sort_stats("tottime").print_stats(15)


def serve(home: str, port: int, plain: bool) -> None:
    """The child process: the web app with a bare hello route in front, on 127.0.0.1."""
    import uvicorn

    web = app_of(home)
    hello = f"hello from {os.getpid()}".encode()

    async def app(scope, receive, send):  # type: ignore[no-untyped-def]
        if scope["type"] == "http" and scope["path"] == "/hello":
            await send(
                {
                    "type": "http.response.start",
                    "status": 200,
                    "headers": [(b"content-type", b"text/plain")],
                }
            )
            await send({"type": "http.response.body", "body": hello})
            return
        await web(scope, receive, send)

    # Each worker process listens on the same port (SO_REUSEPORT): the kernel spreads the
    # connections over them.
    listener = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEPORT, 1)
    listener.bind(("127.0.0.1", port))
    # plain: asyncio's own loop and the pure-Python h11, as without uvloop and httptools
    choice = {"loop": "asyncio", "http": "h11"} if plain else {}
    config = uvicorn.Config(app, log_level="warning", access_log=False, lifespan="off", **choice)
    uvicorn.Server(config).run(sockets=[listener])


async def fetch(reader: Any, writer: Any, request: bytes) -> tuple[int, dict[bytes, bytes], bytes]:
    """One request on a kept-alive HTTP/1.1 connection: status, headers, body."""
    writer.write(request)
    head = await reader.readuntil(b"\r\n\r\n")
    lines = head.split(b"\r\n")
    status = int(lines[0].split(b" ", 2)[1])
    headers = {}
    for line in lines[1:]:
        name, _, value = line.partition(b":")
        headers[name.strip().lower()] = value.strip()
    if headers.get(b"transfer-encoding", b"").lower() == b"chunked":
        chunks = []
        while size := int((await reader.readuntil(b"\r\n")).strip(), 16):
            chunks.append(await reader.readexactly(size + 2))
        await reader.readuntil(b"\r\n")
        return status, headers, b"".join(c[:-2] for c in chunks)
    return status, headers, await reader.readexactly(int(headers.get(b"content-length", 0)))


async def load(
    port: int, path: str, seconds: float, connections: int, starts: list[float] | None = None
) -> tuple[int, list[float], int]:
    """`connections` clients, each on its own kept-alive connection, asking for `path` again
    and again for `seconds`, as a browser would (with its CSRF cookie). A small raw HTTP/1.1
    client: a general one (httpx) spent more time than the server, and measured itself."""
    import asyncio

    latencies: list[float] = []
    errors = size = 0
    head = f"GET {path} HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\n"
    reader, writer = await asyncio.open_connection("127.0.0.1", port)
    _, headers, _ = await fetch(reader, writer, (head + "\r\n").encode())
    writer.close()
    cookie = headers.get(b"set-cookie", b"").split(b";")[0].decode()
    request = (head + (f"Cookie: {cookie}\r\n" if cookie else "") + "\r\n").encode()
    stop = time.perf_counter() + seconds

    async def client() -> None:
        nonlocal errors, size
        reader, writer = await asyncio.open_connection("127.0.0.1", port)
        try:
            while time.perf_counter() < stop:
                began = time.perf_counter()
                status, _, body = await fetch(reader, writer, request)
                latencies.append(time.perf_counter() - began)
                if starts is not None:
                    starts.append(began)
                size = len(body)
                errors += status != 200
        finally:
            writer.close()

    await asyncio.gather(*(client() for _ in range(connections)))
    return errors, latencies, size


def run_loop(coroutine: Any) -> Any:
    """uvloop's event loop where installed (the client must not be what is slow)."""
    try:
        import uvloop
    except ImportError:
        import asyncio

        return asyncio.run(coroutine)
    return uvloop.run(coroutine)


def wait_for(url: str, workers: int) -> None:
    """Until each server process has answered (the hello route says which one it is)."""
    import httpx

    deadline = time.monotonic() + 120
    seen: set[str] = set()
    while len(seen) < workers:
        try:
            seen.add(httpx.get(url, timeout=2).text)
        except httpx.HTTPError:
            if time.monotonic() > deadline:
                raise
            time.sleep(0.2)


def cpu_seconds(pid: int) -> float:
    """The user and system CPU time a process has used (Linux: /proc/PID/stat)."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def after_writes(base: str, pid: int, count: int) -> None:
    """`count` times: log a contact through the web form (a write), then ask for Today, then
    for Today again. Prints the wall and the server's CPU time of each step, median and max
    (the first Today pays for planning what the write changed; the second is the kept copy)."""
    import httpx

    steps: dict[str, list[tuple[float, float]]] = {"write": [], "first Today": [], "again": []}
    with httpx.Client(base_url=base, timeout=60) as client:
        token = client.get("/api/session").json()["csrf_token"]
        client.get("/")
        for n in range(count):
            app_id = 1 + n * 7 % 500
            form = {
                "csrf_token": token,
                "at": "2026-01-05T09:00",
                "channel": "phone",
                "direction": "in",
                "kind": "message",
                "summary": f"a call, number {n}",
            }
            for step, method, path in (
                ("write", "POST", f"/apps/{app_id}/touches/new"),
                ("first Today", "GET", "/"),
                ("again", "GET", "/"),
            ):
                cpu, began = cpu_seconds(pid), time.perf_counter()
                answer = client.request(method, path, data=form if method == "POST" else None)
                wall = time.perf_counter() - began
                assert answer.status_code in (200, 303), (step, answer.status_code)
                steps[step].append((wall * 1000, (cpu_seconds(pid) - cpu) * 1000))
    print(f"{count} writes (a contact logged through the web form), then Today twice")
    print(f"{'':14} {'wall p50':>9} {'wall max':>9} {'CPU p50':>8} {'CPU max':>8}  (ms)")
    for step, found in steps.items():
        walls, cpus = [w for w, _ in found], [c for _, c in found]
        print(
            f"{step:14} {statistics.median(walls):9.1f} {max(walls):9.1f} "
            f"{statistics.median(cpus):8.1f} {max(cpus):8.1f}"
        )


def minute_turn(port: int, connections: int) -> None:
    """/stats under load from 10 s before a turn of the minute to 10 s after it: over the
    whole run, and the requests begun in the 3 s after the turn against those begun in the
    3 s before it."""
    time.sleep((50 - time.time()) % 60)
    turn = time.perf_counter() + (60 - time.time() % 60)  # the turn, on this clock
    starts: list[float] = []
    errors, latencies, _ = run_loop(load(port, "/stats", 20.0, connections, starts))
    after = sorted(w for b, w in zip(starts, latencies, strict=True) if 0 <= b - turn < 3)
    before = sorted(w for b, w in zip(starts, latencies, strict=True) if 0 < turn - b <= 3)
    latencies.sort()
    print(
        f"/stats across a turn of the minute, {connections} connections for 20 s: "
        f"{len(latencies) / 20:.0f} req/s, p50 {statistics.median(latencies) * 1000:.1f} ms, "
        f"p99 {percentile(latencies, 0.99):.1f} ms, max {latencies[-1] * 1000:.1f} ms, "
        f"errors {errors}"
    )
    for name, found in (("3 s before the turn", before), ("3 s after the turn", after)):
        print(
            f"  {name}: {len(found)} requests, p99 {percentile(found, 0.99):.1f} ms, "
            f"max {found[-1] * 1000:.1f} ms"
        )


def percentile(ordered: list[float], share: float) -> float:
    """The value at `share` of the sorted seconds `ordered`, in ms."""
    return ordered[min(len(ordered) - 1, int(len(ordered) * share))] * 1000


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--apps", type=int, default=500)
    parser.add_argument("--seconds", type=float, default=8.0)
    parser.add_argument("--connections", type=int, default=50)
    parser.add_argument("--workers", type=int, default=1, help="server processes")
    parser.add_argument("--home", help="a home seeded by an earlier run (skips seeding)")
    parser.add_argument(
        "--profile", metavar="PATH", help="profile GETs of PATH in-process instead of serving"
    )
    parser.add_argument(
        "--plain", action="store_true", help="serve with asyncio's loop and h11 (a baseline)"
    )
    parser.add_argument(
        "--after-writes", type=int, metavar="N", help="time the first Today after N writes"
    )
    parser.add_argument(
        "--minute-turn", action="store_true", help="load /stats across a turn of the minute"
    )
    parser.add_argument("--src", type=Path, default=SRC, help="serve the sources in SRC")
    parser.add_argument("--serve", nargs=2, metavar=("HOME", "PORT"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.serve:
        serve(args.serve[0], int(args.serve[1]), args.plain)
        return

    sys.path.insert(0, str(args.src))
    if args.home:
        home = Path(args.home)
    else:
        home = Path(tempfile.mkdtemp(prefix="followup-bench-web-"))
        began = time.perf_counter()
        seed(home, args.apps)
        print(f"seeded {args.apps} applications in {time.perf_counter() - began:.1f} s ({home})")
    if args.profile:
        profile(str(home), args.profile, 200)
        return
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    env = {**os.environ, "PYTHONPATH": str(args.src), "FOLLOWUP_BENCH_SRC": str(args.src)}
    argv = [sys.executable, __file__, "--serve", str(home), str(port)]
    argv += ["--plain"] if args.plain else []
    children = [subprocess.Popen(argv, env=env) for _ in range(args.workers)]
    base = f"http://127.0.0.1:{port}"
    try:
        wait_for(f"{base}/hello", args.workers)
        if args.after_writes or args.minute_turn:
            if args.after_writes:
                after_writes(base, children[0].pid, args.after_writes)
            if args.minute_turn:
                minute_turn(port, args.connections)
            return
        cases = {
            "hello (bare ASGI)": "/hello",
            "JSON /api/applications/1": "/api/applications/1",
            "Today /": "/",
            "board /board": "/board",
        }
        results = {}
        for name, path in cases.items():
            run_loop(load(port, path, 0.5, 2))  # warm-up
            errors, latencies, size = run_loop(load(port, path, args.seconds, args.connections))
            latencies.sort()
            results[name] = (
                len(latencies) / args.seconds,
                statistics.median(latencies) * 1000,
                latencies[min(len(latencies) - 1, int(len(latencies) * 0.99))] * 1000,
                errors,
                size,
            )
    finally:
        for child in children:
            child.terminate()
            child.wait(timeout=30)
    hello_rate = results["hello (bare ASGI)"][0]
    print(
        f"{args.connections} connections, {args.seconds:.0f} s each, over loopback, "
        f"{args.workers} server process(es){' (asyncio, h11)' if args.plain else ''}"
    )
    print(
        f"{'':28} {'req/s':>8} {'p50 ms':>8} {'p99 ms':>8} {'errors':>7} {'KB':>6} "
        f"{'hello/this':>11}"
    )
    for name, (rate, p50, p99, errors, size) in results.items():
        print(
            f"{name:28} {rate:8.0f} {p50:8.1f} {p99:8.1f} {errors:7d} {size / 1000:6.0f} "
            f"{hello_rate / rate:10.1f}x"
        )


if __name__ == "__main__":
    main()
