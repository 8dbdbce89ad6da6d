"""Saved searches: add, list, show, edit, pause, remove, test (what would match now, and
why), and the one-click unsubscribe."""

from __future__ import annotations

import secrets
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from followup.alerts.codec import filters_from_json, filters_to_json, posting_from_json
from followup.alerts.evaluate import doc_of, evaluate, reasons
from followup.alerts.filters import Filters, passes
from followup.alerts.model import Posting
from followup.alerts.query import parse_query
from followup.errors import UserError

if TYPE_CHECKING:
    from sqlalchemy import RowMapping

    from followup.app.context import Context
    from followup.store.uow import UnitOfWork

UNSUBSCRIBE_ALL = "alerts.unsubscribe"  # the owner's token: stops every search at once


@dataclass(frozen=True, slots=True)
class SearchInput:
    name: str
    query: str
    filters: Filters = field(default_factory=Filters)


@dataclass(frozen=True, slots=True)
class SearchEdit:
    search_id: int
    name: str | None = None
    query: str | None = None
    filters: Filters | None = None


@dataclass(frozen=True, slots=True)
class SavedSearch:
    id: int
    name: str
    query: str
    filters: Filters
    paused: bool

    def record(self) -> dict[str, Any]:
        from dataclasses import asdict

        return {
            "id": self.id,
            "name": self.name,
            "query": self.query,
            "filters": {k: v for k, v in asdict(self.filters).items() if v not in ((), None)},
            "paused": self.paused,
        }


def saved_search(row: RowMapping) -> SavedSearch:
    return SavedSearch(
        int(row["id"]),
        row["name"],
        row["query"],
        filters_from_json(row["filters"]),
        bool(row["paused"]),
    )


def _checked_name(name: str) -> str:
    name = " ".join(name.split())
    if not name:
        raise UserError("a saved search needs a name", code="value.empty", params={"what": "name"})
    if len(name) > 200:
        raise UserError(
            "the name is too long",
            code="text.too-long",
            params={"what": "name", "limit": 200},
        )
    return name


def _refuse_taken_name(uow: UnitOfWork, name: str, search_id: int | None = None) -> None:
    """One name, one search, per owner (case and spacing aside): a digest names the
    searches each job matched, and two of one name could not be told apart."""
    for row in uow.alerts.searches():
        if row["name"].casefold() == name.casefold() and int(row["id"]) != search_id:
            raise UserError(
                f"you already have a saved search named {row['name']!r} (search {row['id']})",
                code="alerts.search-name-taken",
                params={"name": name, "other": int(row["id"])},
            )


def add_search(ctx: Context, data: SearchInput) -> SavedSearch:
    name = _checked_name(data.name)
    parse_query(data.query)  # a syntax error is refused before anything is written
    with ctx.uow() as uow:
        _refuse_taken_name(uow, name)
        search_id = uow.alerts.add_search(
            {
                "name": name,
                "query": data.query.strip(),
                "filters": filters_to_json(data.filters),
                "paused": False,
                "unsubscribe_token": secrets.token_urlsafe(24),
                "created_at": ctx.now(),
            }
        )
        return saved_search(uow.alerts.search(search_id))


def list_searches(ctx: Context) -> list[SavedSearch]:
    with ctx.uow(write=False) as uow:
        return [saved_search(r) for r in uow.alerts.searches()]


def show_search(ctx: Context, search_id: int) -> SavedSearch:
    with ctx.uow(write=False) as uow:
        return saved_search(uow.alerts.search(search_id))


def edit_search(ctx: Context, data: SearchEdit) -> SavedSearch:
    changes: dict[str, Any] = {}
    if data.name is not None:
        changes["name"] = _checked_name(data.name)
    if data.query is not None:
        parse_query(data.query)
        changes["query"] = data.query.strip()
    if data.filters is not None:
        changes["filters"] = filters_to_json(data.filters)
    with ctx.uow() as uow:
        if "name" in changes:
            _refuse_taken_name(uow, changes["name"], data.search_id)
        if changes:
            uow.alerts.update_search(data.search_id, changes)
        return saved_search(uow.alerts.search(data.search_id))


def set_paused(ctx: Context, search_id: int, paused: bool) -> SavedSearch:
    with ctx.uow() as uow:
        uow.alerts.update_search(search_id, {"paused": paused})
        return saved_search(uow.alerts.search(search_id))


def remove_search(ctx: Context, search_id: int) -> SavedSearch:
    with ctx.uow() as uow:
        found = saved_search(uow.alerts.search(search_id))
        uow.alerts.remove_search(search_id)
    return found


def unsubscribe(ctx: Context, token: str) -> int:
    """The one-click unsubscribe (a POST, no login): the owner's token pauses every search, a
    search's token that search. How many searches it paused (0: an unknown token)."""
    with ctx.uow() as uow:
        if token and uow.settings.get(UNSUBSCRIBE_ALL) == token:
            active = [int(r["id"]) for r in uow.alerts.searches(active_only=True)]
            for search_id in active:
                uow.alerts.update_search(search_id, {"paused": True})
            return len(active)
        return 0 if uow.alerts.pause_by_token(token) is None else 1


@dataclass(frozen=True, slots=True)
class Hit:
    posting_id: int
    posting: Posting
    reasons: tuple[str, ...]


def test_search(ctx: Context, search_id: int, limit: int = 500) -> list[Hit]:
    """What the search matches among the newest postings kept, and why each matched."""
    with ctx.uow(write=False) as uow:
        search = saved_search(uow.alerts.search(search_id))
        rows = uow.alerts.recent_postings(limit)
    node = parse_query(search.query)
    now = ctx.now()
    hits = []
    for row in rows:
        posting = posting_from_json(row["data"])
        doc = doc_of(posting)
        if evaluate(node, doc) and passes(search.filters, posting, now):
            hits.append(Hit(int(row["id"]), posting, tuple(reasons(node, doc))))
    return hits
