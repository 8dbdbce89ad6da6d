"""The web app's guards, as one ASGI middleware in front of every route.

- Host header: only loopback names are served (127.0.0.1, localhost, [::1]), so a page of
  another site whose name was rebound to 127.0.0.1 (DNS rebinding) gets 400, never data.
- CSRF, signed double-submit: every browser gets a random cookie (`followup_csrf`,
  HttpOnly, SameSite=Strict); its token is HMAC(install secret, cookie). Every unsafe
  request (POST, PUT, PATCH, DELETE) must carry that token in the `X-CSRF-Token` header
  (htmx and API clients) or the `csrf_token` field of a url-encoded or multipart form (an
  upload), and an `Origin`,
  if sent, must be a loopback one. API clients get a token from GET /api/session.
- Response headers: a strict Content-Security-Policy (every asset is served from here), no
  framing, no Referer (the calendar feed's URL holds a token).
"""

from __future__ import annotations

import hashlib
import hmac
import re
import secrets
from collections.abc import AsyncGenerator, Awaitable, Callable, MutableMapping
from typing import Any
from urllib.parse import parse_qs, urlsplit

Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]
ASGIApp = Callable[[Scope, Receive, Send], Awaitable[None]]

CSRF_COOKIE = "followup_csrf"
CSRF_FIELD = "csrf_token"
CSRF_HEADER = b"x-csrf-token"
COOKIE_FLAGS = "Path=/; HttpOnly; SameSite=Strict"
COOKIE_VALUE = re.compile(r"[A-Za-z0-9_-]{43}")  # secrets.token_urlsafe(32)
LOOPBACK_NAMES = frozenset({"127.0.0.1", "localhost", "[::1]", "::1"})
SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})
MAX_FORM_BYTES = 1_000_000  # forms are a few fields and a draft; more is refused
# An upload form: one file (its own limit is checked by its route, next to the field) and
# room for the form's fields around it; a larger body is refused here, unread.
MAX_UPLOAD_BYTES = 2_200_000
# Paths whose URL holds their own unguessable token, POSTed by mail clients (RFC 8058
# one-click unsubscribe) that have no cookie: the token is the credential, not CSRF's.
TOKEN_PATHS = ("/alerts/unsubscribe/",)

SECURITY_HEADERS = [
    (
        b"content-security-policy",
        b"default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
        b"frame-ancestors 'none'; form-action 'self'; base-uri 'none'",
    ),
    (b"x-frame-options", b"DENY"),
    (b"x-content-type-options", b"nosniff"),
    (b"referrer-policy", b"no-referrer"),
]


def csrf_token(secret: bytes, cookie: str) -> str:
    return hmac.new(secret, b"csrf:" + cookie.encode(), hashlib.sha256).hexdigest()


def host_name(value: str) -> str:
    """The name of a Host header or an Origin's netloc, without the port."""
    value = value.strip().lower()
    if value.startswith("["):
        return value[: value.find("]") + 1]
    return value.rsplit(":", 1)[0] if value.count(":") == 1 else value


def _headers(scope: Scope) -> dict[bytes, bytes]:
    return {k.lower(): v for k, v in scope.get("headers", [])}


def _cookie(headers: dict[bytes, bytes]) -> str | None:
    """Our cookie's value (what `secrets.token_urlsafe(32)` made), if the browser sent it.
    Read by hand: http.cookies' parser cost more than the rest of a kept answer."""
    raw = headers.get(b"cookie")
    if raw is None:
        return None
    for pair in raw.decode("latin-1").split(";"):
        name, _, value = pair.strip().partition("=")
        if name == CSRF_COOKIE:
            return value if COOKIE_VALUE.fullmatch(value) else None
    return None


class Guard:
    """Host check, CSRF check and security headers around `app` (see the module doc)."""

    def __init__(self, app: ASGIApp, secret: bytes) -> None:
        self.app = app
        self.secret = secret

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        headers = _headers(scope)
        if host_name(headers.get(b"host", b"").decode("latin-1")) not in LOOPBACK_NAMES:
            await _refuse(send, 400, "This server answers only to 127.0.0.1 and localhost.")
            return
        cookie = _cookie(headers)
        new_cookie = None
        if cookie is None:
            cookie = new_cookie = secrets.token_urlsafe(32)
        scope.setdefault("state", {})["csrf_token"] = csrf_token(self.secret, cookie)
        if scope["method"] not in SAFE_METHODS and not scope["path"].startswith(TOKEN_PATHS):
            problem, receive = await self._check_unsafe(scope, receive, headers, new_cookie)
            if problem:
                await _refuse(send, 403, problem)
                return

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                extra = list(SECURITY_HEADERS)
                if new_cookie is not None:
                    cookie_value = f"{CSRF_COOKIE}={new_cookie}; {COOKIE_FLAGS}"
                    extra.append((b"set-cookie", cookie_value.encode()))
                message["headers"] = [*message.get("headers", []), *extra]
            await send(message)

        await self.app(scope, receive, send_with_headers)

    async def _check_unsafe(
        self, scope: Scope, receive: Receive, headers: dict[bytes, bytes], new_cookie: str | None
    ) -> tuple[str | None, Receive]:
        origin = headers.get(b"origin")
        if origin is not None and origin != b"null":
            netloc = urlsplit(origin.decode("latin-1")).netloc
            if host_name(netloc) not in LOOPBACK_NAMES:
                return "Requests from other sites are refused.", receive
        if new_cookie is not None:
            return "No CSRF cookie: reload the page and try again.", receive
        expected = scope["state"]["csrf_token"]
        given = headers.get(CSRF_HEADER, b"").decode("latin-1")
        content_type = headers.get(b"content-type", b"").decode("latin-1").lower()
        multipart = content_type.startswith("multipart/form-data")
        if not given and (
            multipart or content_type.startswith("application/x-www-form-urlencoded")
        ):
            body = await _read_body(receive, MAX_UPLOAD_BYTES if multipart else MAX_FORM_BYTES)
            if body is None:
                return "The form is too large.", receive
            if multipart:
                given = await _multipart_token(scope, body)
            else:
                given = parse_qs(body.decode("latin-1")).get(CSRF_FIELD, [""])[0]
            receive = _replay(body)
        if not hmac.compare_digest(given, expected):
            return "The form's CSRF token is missing or stale: reload the page.", receive
        return None, receive


async def _multipart_token(scope: Scope, body: bytes) -> str:
    """The `csrf_token` field of a multipart form ("" if the body does not parse)."""
    from starlette.datastructures import Headers
    from starlette.formparsers import MultiPartException, MultiPartParser

    async def stream() -> AsyncGenerator[bytes]:
        yield body

    try:
        form = await MultiPartParser(Headers(scope=scope), stream()).parse()
    except MultiPartException:
        return ""
    value = form.get(CSRF_FIELD)
    await form.close()
    return value if isinstance(value, str) else ""


async def _read_body(receive: Receive, limit: int) -> bytes | None:
    chunks: list[bytes] = []
    size = 0
    while True:
        message = await receive()
        if message["type"] != "http.request":
            break
        chunk = message.get("body", b"")
        size += len(chunk)
        if size > limit:
            return None
        chunks.append(chunk)
        if not message.get("more_body", False):
            break
    return b"".join(chunks)


def _replay(body: bytes) -> Receive:
    sent = False

    async def receive() -> Message:
        nonlocal sent
        if not sent:
            sent = True
            return {"type": "http.request", "body": body, "more_body": False}
        return {"type": "http.disconnect"}

    return receive


async def _refuse(send: Send, status: int, text: str) -> None:
    body = text.encode()
    await send(
        {
            "type": "http.response.start",
            "status": status,
            "headers": [
                (b"content-type", b"text/plain; charset=utf-8"),
                (b"content-length", str(len(body)).encode()),
                *SECURITY_HEADERS,
            ],
        }
    )
    await send({"type": "http.response.body", "body": body})
