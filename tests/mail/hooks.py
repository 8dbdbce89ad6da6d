"""A notification service served by the tests: a local HTTP endpoint that apprise's
`json://` schema posts to. It keeps every notification it accepted, and can be told to
refuse the next ones (HTTP 500) or to answer slowly."""

from __future__ import annotations

import json
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any


class Hook:
    def __init__(self) -> None:
        self.received: list[dict[str, Any]] = []
        self.refuse = 0  # refuse this many of the next notifications
        self.delay = 0.0  # seconds before answering (a slow service)
        self._lock = threading.Lock()
        hook = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:
                import time

                body = self.rfile.read(int(self.headers.get("Content-Length", 0)))
                with hook._lock:
                    refused = hook.refuse > 0
                    hook.refuse -= refused
                    if not refused:
                        hook.received.append(json.loads(body) | {"path": self.path})
                time.sleep(hook.delay)
                self.send_response(500 if refused else 200)
                self.send_header("Content-Length", "0")
                self.end_headers()

            def log_message(self, *args: Any) -> None:
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    @property
    def port(self) -> int:
        return int(self.server.server_address[1])

    def url(self, path: str = "hook", auth: str = "") -> str:
        at = f"{auth}@" if auth else ""
        return f"json://{at}127.0.0.1:{self.port}/{path}"

    def titles(self) -> list[str]:
        with self._lock:
            return [str(r.get("title", "")) for r in self.received]

    def start(self) -> Hook:
        self.thread.start()
        return self

    def stop(self) -> None:
        self.server.shutdown()
        self.server.server_close()
