"""`create_app(ctx, secret)`: the ASGI app of `followup serve` and of the tests.

Routes are `async def` and call the use cases directly: every request runs on the event
loop's thread, one at a time, over the one context (its SQLite connections are not shared
between threads). Errors: a refusal the user can fix is a 400 (a 404 for an id that names
nothing), anything else a 500 page and one log line; never a traceback in the browser.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import AsyncIterator, Callable
from contextlib import AbstractAsyncContextManager, asynccontextmanager
from typing import Any, Protocol

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, Response
from fastapi.staticfiles import StaticFiles
from starlette.exceptions import HTTPException

from followup import __version__
from followup.app.context import Context
from followup.app.plan_cache import PlanCache
from followup.errors import UserError
from followup.web.page_cache import KeptAnswers
from followup.web.render import page
from followup.web.security import ASGIApp, Guard, Receive, Scope, Send

log = logging.getLogger("followup.web")

NOT_FOUND_CODES = frozenset({"action.unknown", "action.not-planned"})


def is_not_found(error: UserError) -> bool:
    return error.code.endswith("not-found") or error.code in NOT_FOUND_CODES


def _is_api(request: Request) -> bool:
    return request.url.path.startswith("/api/")


def _error_json(
    status: int, code: str, problem: str, params: dict[str, Any], field: str | None = None
) -> Response:
    from followup.web.api_fixes import api_message

    plain = {
        k: v if isinstance(v, int | float | bool) or v is None else str(v)
        for k, v in params.items()
    }
    message = api_message(code, problem, plain)
    error = {"code": code, "problem": problem, "params": plain, "message": message, "field": field}
    return JSONResponse({"error": error}, status_code=status)


async def _user_error(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, UserError)
    status = 404 if is_not_found(exc) else 400
    if _is_api(request):
        from followup.web.api_fixes import api_field

        field = api_field(exc, request.scope.get("route"))
        return _error_json(status, exc.code, exc.problem, exc.params, field)
    title = "Not found" if status == 404 else "Cannot do that"
    return page(request, "problem.html", status, title=title, problem=exc.problem)


async def _http_error(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, HTTPException)
    if _is_api(request):
        return _error_json(exc.status_code, "http", str(exc.detail), {})
    title = "Not found" if exc.status_code == 404 else "Cannot do that"
    problem = "There is no such page." if exc.status_code == 404 else str(exc.detail)
    return page(request, "problem.html", exc.status_code, title=title, problem=problem)


async def _invalid_request(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, RequestValidationError)
    if _is_api(request):
        first = exc.errors()[0] if exc.errors() else {}
        loc = tuple(first.get("loc", ()))
        in_body = len(loc) > 1 and loc[0] == "body"
        where = ".".join(str(p) for p in (loc[1:] if in_body else loc))
        field = str(loc[1]) if in_body else None
        # the library's sentence first, then the member it is about: "Input should be a
        # valid date ... (applied_on)"
        problem = f"{first.get('msg', 'Invalid input')} ({where})"
        return _error_json(422, "request.invalid", problem, {}, field)
    # A path that does not parse (/apps/abc) names nothing.
    return page(request, "problem.html", 404, title="Not found", problem="There is no such page.")


async def _unexpected(request: Request, exc: Exception) -> Response:
    # One line, without the exception's text (it may quote SQL or values).
    log.error("%s %s failed: %s", request.method, request.url.path, type(exc).__name__)
    log.debug("the failure", exc_info=exc)
    if _is_api(request):
        return _error_json(500, "internal", "something went wrong; see the server's log", {})
    return page(
        request,
        "problem.html",
        500,
        title="Something went wrong",
        problem="followup could not finish this request. The server's log says more.",
    )


class SwallowReraised:
    """Starlette re-raises an unexpected error after its handler answered (for servers to
    log a traceback): the handler logged it in one line already, so it ends here."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        try:
            await self.app(scope, receive, send)
        except Exception:
            if scope["type"] != "http":
                raise


def create_api(ctx: Context) -> FastAPI:
    """The FastAPI app (routes, handlers, static files) around one context."""
    from followup.web import (
        api,
        api_mail,
        api_records,
        api_settings,
        api_uploads,
        changes,
        drafts,
        edit_forms,
        edits,
        feed,
        offers,
        outbox,
        pages,
        review,
        unsubscribe,
        uploads,
    )
    from followup.web.stats import router as stats_router

    web = FastAPI(
        title="followup",
        version=__version__,
        description="Follow up after every job interview: the JSON API of followup.",
        openapi_url="/api/openapi.json",
        docs_url=None,
        redoc_url=None,
    )
    # The store, not the fast sqlite3 reader: its connections may serve any thread (a test
    # client's, a server's) and it is the one reader PostgreSQL has.
    ctx.store()
    web.state.ctx = ctx
    # Today and the board plan once per change or minute (the minute: in the background)
    web.state.plans = PlanCache(ctx, background=True)
    web.mount("/static", StaticFiles(packages=[("followup.web", "static")]), name="static")
    for router in (
        edits.router,
        edit_forms.router,
        changes.router,
        pages.router,
        drafts.router,
        api.router,
        api_records.router,
        api_mail.router,
        api_settings.router,
        api_uploads.router,
        feed.router,
        offers.router,
        stats_router,
        outbox.router,
        unsubscribe.router,
        uploads.router,
        review.router,
    ):
        web.include_router(router)
    from followup.web.api_links import add_links

    add_links(web)
    web.add_exception_handler(UserError, _user_error)
    web.add_exception_handler(HTTPException, _http_error)
    web.add_exception_handler(RequestValidationError, _invalid_request)
    web.add_exception_handler(Exception, _unexpected)
    return web


class Background(Protocol):
    """Work that runs beside the app (the reminder scheduler): started when the server
    starts serving, stopped when it stops."""

    def start(self) -> None: ...

    def stop(self) -> None: ...


def _lifespan(background: Background) -> Callable[[Any], AbstractAsyncContextManager[None]]:
    @asynccontextmanager
    async def lifespan(_app: Any) -> AsyncIterator[None]:
        background.start()
        try:
            yield
        finally:
            # Stopping waits for a round under way: off the event loop.
            await asyncio.to_thread(background.stop)

    return lifespan


def create_app(
    ctx: Context, secret: bytes, background: Background | None = None, *, warm: bool = False
) -> ASGIApp:
    """The served app: the guards (host, CSRF, headers) in front of the routes, and the
    `background` work run for the app's lifespan (a server with lifespan events on).
    `warm`: plan every application now, so that the first visitor does not wait for it."""
    web = create_api(ctx)
    web.state.secret = secret
    if background is not None:
        web.router.lifespan_context = _lifespan(background)
    if warm:
        web.state.plans.today()
    return Guard(KeptAnswers(SwallowReraised(web), web.state.plans), secret)
