"""Answers made from the kept plans alone, kept with them: Today, the board and the JSON of
the plans, sent again without routing or rendering while nothing changed.

Today, the board, `/api/today`, `/api/plan` and `/api/applications[/ID]` are a function of
the kept plans (followup.app.plan_cache), the request's path and query, and, for a page,
the browser's CSRF token. A first GET is answered by the routes with a stand-in for the
token, and its answer kept under the plans' key (the data's version and the minute); while
the key holds, the same GET is answered from the copy with the browser's own token put in
(as long as the stand-in, so the length does not change). A write changes the key, so a
change is seen at once (another process's within PROBE_EVERY); where the database cannot
tell (PostgreSQL) nothing is kept.
"""

from __future__ import annotations

import re
import time
from typing import TYPE_CHECKING, Any

from followup.web.security import SAFE_METHODS, ASGIApp, Message, Receive, Scope, Send

if TYPE_CHECKING:
    from followup.app.plan_cache import PlanCache

# The routes whose answer is made from the kept plans and the request alone.
# The statistics too: counted from the kept plans, kept under their key (followup.web.stats).
KEPT_PATHS = re.compile(r"/|/board|/stats|/api/(?:today|plan|stats|applications(?:/\d{1,10})?)")
TOKEN_STAND_IN = b"csrf-token-stand-in".ljust(64, b"-")  # a token: 64 hex digits
MAX_KEPT = 256  # answers kept per key (one per path and query)
# How often the database is asked whether anything changed, at most (the question costs
# more than the rest of a kept answer under load): another process's write is seen within
# this; a write through this app at once (it asks again after every unsafe request).
PROBE_EVERY = 0.05


class KeptAnswers:
    """An ASGI layer between the guards (which set the request's CSRF token) and the
    routes."""

    def __init__(self, app: ASGIApp, plans: PlanCache) -> None:
        self.app = app
        self.plans = plans
        self._key: Any = None
        self._probed_key: Any = None  # the plans' key, as last asked for
        self._probed_at = -PROBE_EVERY
        # path?query -> the start of the answer and its body cut where the token goes
        self._kept: dict[bytes, tuple[Message, list[bytes]]] = {}

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        if scope["method"] not in SAFE_METHODS:  # may write: ask the database again after
            try:
                await self.app(scope, receive, send)
            finally:
                self._probed_at = -PROBE_EVERY
            return
        if scope["method"] != "GET" or KEPT_PATHS.fullmatch(scope["path"]) is None:
            await self.app(scope, receive, send)
            return
        now = time.monotonic()
        if now - self._probed_at >= PROBE_EVERY:
            try:
                self._probed_key = self.plans.key()
            except Exception:  # the routes meet it again and answer it (a 500 page, a log)
                self._probed_key = None
            self._probed_at = now
        key = self._probed_key
        if key is None:
            await self.app(scope, receive, send)
            return
        if key != self._key:
            self._key, self._kept = key, {}
        where = scope["path"].encode() + b"?" + scope.get("query_string", b"")
        token = scope["state"]["csrf_token"].encode()
        kept = self._kept.get(where)
        if kept is None:
            kept = await self._answer(scope, receive)
            if kept[0]["status"] == 200 and len(self._kept) < MAX_KEPT:
                self._kept[where] = kept
        start, pieces = kept
        await send(dict(start))  # a copy: the guards add their headers to what they send
        await send({"type": "http.response.body", "body": token.join(pieces)})

    async def _answer(self, scope: Scope, receive: Receive) -> tuple[Message, list[bytes]]:
        """The routes' answer, made with the stand-in token."""
        state = scope["state"]
        token = state["csrf_token"]
        state["csrf_token"] = TOKEN_STAND_IN.decode()
        start: Message = {}
        chunks: list[bytes] = []

        async def keep(message: Message) -> None:
            if message["type"] == "http.response.start":
                start.update(message)
            elif message["type"] == "http.response.body":
                chunks.append(message.get("body", b""))

        try:
            await self.app(scope, receive, keep)
        finally:
            state["csrf_token"] = token
        return start, b"".join(chunks).split(TOKEN_STAND_IN)
