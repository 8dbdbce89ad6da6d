"""The alerts' use cases run as owner B with owner A's ids (merged into the PROBES of
test_app_usecase_owners.py): B finds nothing of A's searches, sources, jobs or digests."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from builder import ALERT_SOURCE
from usecase_probes import World, refused

from followup.app.alerts.delivering import deliver
from followup.app.alerts.delivery import (
    DeliveryChanges,
    delivery_of,
    set_delivery,
    show_delivery,
)
from followup.app.alerts.runs import RunRequest, fetcher_of
from followup.app.alerts.saving import save_posting
from followup.app.alerts.searches import (
    SearchEdit,
    SearchInput,
    add_search,
    edit_search,
    list_searches,
    remove_search,
    set_paused,
    show_search,
    test_search,
    unsubscribe,
)
from followup.app.alerts.sources import add_source, list_sources, remove_source

NO_SEARCH = "alerts.search-not-found"
NO_POSTING = "alerts.posting-not-found"


def _own(world: World, value: Callable[[Any], Any], otherwise: Any) -> Any:
    return otherwise if world.b is None else value(world.b)


def _delivery_of(w: World) -> str:
    with w.ctx_b.uow(write=False) as uow:
        return str(delivery_of(w.ctx_b, uow).frequency)


def _deliver(w: World) -> tuple[str, list[int]]:
    outcome = deliver(w.ctx_b, RunRequest(dry_run=True, any_hour=True))
    items = [] if outcome.digest is None else [i.posting_id for i in outcome.digest.items]
    return outcome.status, items


def _set_delivery(w: World) -> tuple[str, int]:
    found = set_delivery(w.ctx_b, DeliveryChanges(hour=9))
    return str(found.frequency), found.per_company


def alerts_probes(probe: type, exempt: type) -> dict[str, Any]:
    def nothing(value: object) -> Callable[[World], object]:
        return lambda _w: value

    return {
        "alerts.delivering.deliver": probe(
            _deliver,
            lambda w: _own(w, lambda b: ("dry-run", [b.alert_postings[1]]), ("nothing-new", [])),
        ),
        "alerts.delivery.delivery_of": probe(
            _delivery_of, lambda w: _own(w, lambda b: "weekly", "daily")
        ),
        "alerts.delivery.show_delivery": probe(
            lambda w: str(show_delivery(w.ctx_b).frequency),
            lambda w: _own(w, lambda b: "weekly", "daily"),
        ),
        "alerts.delivery.set_delivery": probe(
            _set_delivery, lambda w: _own(w, lambda b: ("weekly", 2), ("daily", 3))
        ),
        "alerts.runs.fetcher_of": probe(lambda w: fetcher_of(w.ctx_b).retries, nothing(3)),
        "alerts.runs.run_alerts": exempt(
            "fetches every source of the owner from the network (no test reaches the "
            "internet); what it reads and writes goes through uow.alerts, whose every method "
            "is probed (tests/app/test_app_owners.py), and the digest through deliver (probed)"
        ),
        "alerts.saving.save_posting": probe(
            lambda w: refused(lambda: save_posting(w.ctx_b, w.a.alert_postings[0])),
            nothing(NO_POSTING),
        ),
        "alerts.searches.add_search": probe(
            # A's search is named "Data": a name is one a search per owner, not across owners
            lambda w: refused(lambda: add_search(w.ctx_b, SearchInput("data", "rust"))),
            lambda w: _own(w, lambda b: "alerts.search-name-taken", "accepted"),
        ),
        "alerts.searches.list_searches": probe(
            lambda w: [s.id for s in list_searches(w.ctx_b)],
            lambda w: _own(w, lambda b: [b.alert_search_id], []),
        ),
        "alerts.searches.show_search": probe(
            lambda w: refused(lambda: show_search(w.ctx_b, w.a.alert_search_id)),
            nothing(NO_SEARCH),
        ),
        "alerts.searches.edit_search": probe(
            lambda w: refused(
                lambda: edit_search(w.ctx_b, SearchEdit(w.a.alert_search_id, name="B"))
            ),
            nothing(NO_SEARCH),
        ),
        "alerts.searches.set_paused": probe(
            lambda w: refused(lambda: set_paused(w.ctx_b, w.a.alert_search_id, True)),
            nothing(NO_SEARCH),
        ),
        "alerts.searches.remove_search": probe(
            lambda w: refused(lambda: remove_search(w.ctx_b, w.a.alert_search_id)),
            nothing(NO_SEARCH),
        ),
        "alerts.searches.test_search": probe(
            lambda w: refused(lambda: test_search(w.ctx_b, w.a.alert_search_id)),
            nothing(NO_SEARCH),
        ),
        "alerts.searches.unsubscribe": probe(
            lambda w: unsubscribe(w.ctx_b, w.a.alert_token), nothing(0)
        ),
        "alerts.sources.add_source": probe(
            lambda w: add_source(w.ctx_b, ALERT_SOURCE)[1],
            lambda w: _own(w, lambda b: False, True),
        ),
        "alerts.sources.list_sources": probe(
            lambda w: [s.spec for s in list_sources(w.ctx_b)],
            lambda w: _own(w, lambda b: [ALERT_SOURCE], []),
        ),
        "alerts.sources.remove_source": probe(
            lambda w: refused(lambda: remove_source(w.ctx_b, ALERT_SOURCE)),
            lambda w: _own(w, lambda b: "accepted", "alerts.source-not-found"),
        ),
    }
