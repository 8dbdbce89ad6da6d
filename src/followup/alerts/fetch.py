"""The one HTTP client of the job sources (httpx): conditional GET, timeouts, a cap on the
size and the duration of a response, retries with exponential backoff and jitter, a
per-host rate limit, and a User-Agent that names the project.

A failure is a `FetchError` naming the source and what went wrong; the caller goes on with
the other sources."""

from __future__ import annotations

import random
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from urllib.parse import urlsplit

import httpx

from followup import __version__
from followup.errors import UserError

USER_AGENT = f"followup/{__version__} (job alerts; polite polling with conditional GET)"
MAX_BYTES = 5 * 1024 * 1024
RETRY_STATUSES = frozenset({429, 500, 502, 503, 504})


class FetchError(UserError):
    default_code = "alerts.fetch-failed"


@dataclass(frozen=True, slots=True)
class Fetched:
    """A response: `body` None when the source said nothing changed (304)."""

    url: str
    body: bytes | None
    etag: str | None = None
    last_modified: str | None = None


@dataclass
class Fetcher:
    timeout: float = 10.0  # connect, and between two chunks of the body
    deadline: float = 30.0  # the whole response, however slowly it trickles
    max_bytes: int = MAX_BYTES
    retries: int = 3
    backoff: float = 1.0  # seconds before the first retry; doubles, with jitter
    per_host_interval: float = 1.0  # at most one request a second to one host
    sleep: Callable[[float], None] = time.sleep
    clock: Callable[[], float] = time.monotonic
    _last: dict[str, float] = field(default_factory=dict)
    _client: httpx.Client | None = None

    def client(self) -> httpx.Client:
        if self._client is None:
            self._client = httpx.Client(
                timeout=httpx.Timeout(self.timeout),
                headers={"User-Agent": USER_AGENT, "Accept-Encoding": "gzip, deflate"},
                follow_redirects=True,
            )
        return self._client

    def close(self) -> None:
        if self._client is not None:
            self._client.close()
            self._client = None

    def get(
        self, url: str, *, etag: str | None = None, last_modified: str | None = None
    ) -> Fetched:
        headers = {}
        if etag:
            headers["If-None-Match"] = etag
        if last_modified:
            headers["If-Modified-Since"] = last_modified
        attempt = 0
        while True:
            self._wait_for_host(url)
            try:
                return self._once(url, headers)
            except _Retry as retry:
                attempt += 1
                if attempt > self.retries:
                    raise _failed(url, retry.reason) from None
                pause = retry.after or self.backoff * 2 ** (attempt - 1)
                self.sleep(min(pause, 60.0) * random.uniform(0.5, 1.5))

    def _wait_for_host(self, url: str) -> None:
        host = urlsplit(url).netloc
        last = self._last.get(host)
        if last is not None:
            wait = self.per_host_interval - (self.clock() - last)
            if wait > 0:
                self.sleep(wait)
        self._last[host] = self.clock()

    def _once(self, url: str, headers: dict[str, str]) -> Fetched:
        try:
            with self.client().stream("GET", url, headers=headers) as response:
                if response.status_code == 304:
                    return Fetched(url, None, etag=headers.get("If-None-Match"))
                if response.status_code in RETRY_STATUSES:
                    raise _Retry(f"HTTP {response.status_code}", _retry_after(response))
                if response.status_code >= 400:
                    raise _failed(url, f"HTTP {response.status_code}")
                body = self._read(url, response)
                return Fetched(
                    str(response.url),
                    body,
                    response.headers.get("ETag"),
                    response.headers.get("Last-Modified"),
                )
        except (httpx.TimeoutException, httpx.TransportError) as exc:
            raise _Retry(f"{type(exc).__name__}: {exc}".rstrip(": "), None) from None

    def _read(self, url: str, response: httpx.Response) -> bytes:
        declared = response.headers.get("Content-Length", "")
        if declared.isdigit() and int(declared) > self.max_bytes:
            raise _too_large(url, self.max_bytes)
        started = self.clock()
        chunks: list[bytes] = []
        size = 0
        for chunk in response.iter_bytes():
            size += len(chunk)
            if size > self.max_bytes:
                raise _too_large(url, self.max_bytes)
            if self.clock() - started > self.deadline:
                raise FetchError(
                    f"{url} did not finish its answer within {self.deadline:g} s",
                    code="alerts.fetch-too-slow",
                    params={"url": url, "seconds": self.deadline},
                )
            chunks.append(chunk)
        return b"".join(chunks)


class _Retry(Exception):
    def __init__(self, reason: str, after: float | None) -> None:
        super().__init__(reason)
        self.reason = reason
        self.after = after


def _retry_after(response: httpx.Response) -> float | None:
    value = response.headers.get("Retry-After", "")
    return float(value) if value.isdigit() else None


def _failed(url: str, reason: str) -> FetchError:
    return FetchError(
        f"{url} could not be fetched ({reason})",
        code="alerts.fetch-failed",
        params={"url": url, "reason": reason},
    )


def _too_large(url: str, limit: int) -> FetchError:
    return FetchError(
        f"{url} answered with more than {limit // (1024 * 1024)} MB",
        code="alerts.fetch-too-large",
        params={"url": url, "limit": limit},
    )
