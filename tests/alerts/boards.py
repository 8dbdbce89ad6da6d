"""A local HTTP server standing in for the internet's job boards: it serves the recorded
responses of tests/fixtures/alerts under each source's path, and the odd ones (an HTML page,
an empty 200, invalid JSON, a response too large, one that never ends, a 503 then a 200),
answers conditional GETs with 304, and logs every request."""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures" / "alerts"


@dataclass
class Route:
    body: bytes = b""
    status: int = 200
    content_type: str = "application/json"
    etag: str | None = None
    behaviour: str = "plain"  # plain | endless | huge | flaky
    failures_left: int = 0


@dataclass
class Request:
    path: str
    headers: dict[str, str]


@dataclass
class Boards:
    routes: dict[str, Route] = field(default_factory=dict)
    requests: list[Request] = field(default_factory=list)
    server: ThreadingHTTPServer | None = None

    @property
    def url(self) -> str:
        assert self.server is not None
        return f"http://127.0.0.1:{self.server.server_address[1]}"

    def serve(self, path: str, fixture: str | None = None, **route: object) -> None:
        body = (FIXTURES / fixture).read_bytes() if fixture else route.pop("body", b"")
        self.routes[path] = Route(body=body, **route)  # type: ignore[arg-type]

    def paths(self) -> list[str]:
        return [r.path for r in self.requests]


def _handler(boards: Boards) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def log_message(self, format: str, *args: object) -> None:  # quiet
            pass

        def do_GET(self) -> None:
            boards.requests.append(Request(self.path, dict(self.headers.items())))
            route = boards.routes.get(self.path)
            if route is None:
                self._answer(404, b"not here", "text/plain")
                return
            if route.behaviour == "flaky" and route.failures_left > 0:
                route.failures_left -= 1
                self._answer(503, b"busy", "text/plain", {"Retry-After": "0"})
                return
            if route.etag and self.headers.get("If-None-Match") == route.etag:
                self._answer(304, b"", route.content_type, {"ETag": route.etag})
                return
            if route.behaviour in ("endless", "huge"):
                self._stream(route)
                return
            extra = {"ETag": route.etag} if route.etag else {}
            self._answer(route.status, route.body, route.content_type, extra)

        def _answer(
            self, status: int, body: bytes, kind: str, extra: dict[str, str] | None = None
        ) -> None:
            self.send_response(status)
            self.send_header("Content-Type", kind)
            for name, value in (extra or {}).items():
                self.send_header(name, value)
            if status != 304:
                self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            if status != 304:
                self.wfile.write(body)

        def _stream(self, route: Route) -> None:
            """Chunked, no length: 'huge' sends 64 KB chunks with no end in sight, 'endless'
            a few bytes every 50 ms, forever (until the client hangs up)."""
            self.send_response(200)
            self.send_header("Content-Type", route.content_type)
            self.send_header("Transfer-Encoding", "chunked")
            self.end_headers()
            chunk = b"[" + b" " * 65536 if route.behaviour == "huge" else b" "
            try:
                for _ in range(100_000):
                    self.wfile.write(f"{len(chunk):x}\r\n".encode() + chunk + b"\r\n")
                    self.wfile.flush()
                    if route.behaviour == "endless":
                        time.sleep(0.05)
            except (BrokenPipeError, ConnectionResetError):
                return

    return Handler


def running_boards() -> Iterator[Boards]:
    boards = Boards()
    server = ThreadingHTTPServer(("127.0.0.1", 0), _handler(boards))
    server.daemon_threads = True
    boards.server = server
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield boards
    finally:
        server.shutdown()
        server.server_close()
