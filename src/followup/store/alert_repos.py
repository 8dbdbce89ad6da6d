"""The repository of the job alerts' tables (`uow.alerts`): sources, saved searches,
postings kept for de-duplication, matches and digests, one owner's only."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import datetime
from typing import Any

from sqlalchemy import RowMapping, Table, func

from followup.store.alert_tables import (
    alert_digests,
    alert_matches,
    alert_postings,
    alert_searches,
    alert_sources,
)
from followup.store.errors import NotFoundError
from followup.store.repositories import Repository


class Alerts(Repository):
    # ---- sources -----------------------------------------------------------------------

    def sources(self) -> list[RowMapping]:
        query = self.scope.select(alert_sources).order_by(alert_sources.c.id)
        return list(self.scope.execute(query).mappings())

    def add_source(self, spec: str, now: datetime) -> bool:
        """Add a source; False if the owner has it already."""
        query = self.scope.select(alert_sources, alert_sources.c.id)
        if self.scope.execute(query.where(alert_sources.c.spec == spec)).first():
            return False
        self.scope.insert(alert_sources, {"spec": spec, "last_error": "", "created_at": now})
        return True

    def remove_source(self, spec: str) -> bool:
        statement = self.scope.delete(alert_sources).where(alert_sources.c.spec == spec)
        return bool(self.scope.execute(statement).rowcount)

    def source_checked(self, spec: str, values: Mapping[str, Any]) -> None:
        """What a poll learnt: etag, last_modified, checked_at, last_error."""
        statement = self.scope.update(alert_sources).where(alert_sources.c.spec == spec)
        self.scope.execute(statement.values(dict(values)))

    # ---- saved searches ----------------------------------------------------------------

    def add_search(self, values: Mapping[str, Any]) -> int:
        return self.scope.insert(alert_searches, values)

    def _one(self, table: Table, row_id: int, what: str, code: str) -> RowMapping:
        query = self.scope.select(table).where(table.c.id == row_id)
        found: RowMapping | None = self.scope.execute(query).mappings().first()
        if found is None:
            raise NotFoundError(f"no {what} with id {row_id}", code=code, params={"id": row_id})
        return found

    def search(self, search_id: int) -> RowMapping:
        return self._one(alert_searches, search_id, "saved search", "alerts.search-not-found")

    def searches(self, *, active_only: bool = False) -> list[RowMapping]:
        query = self.scope.select(alert_searches).order_by(alert_searches.c.id)
        if active_only:
            query = query.where(alert_searches.c.paused.is_(False))
        return list(self.scope.execute(query).mappings())

    def update_search(self, search_id: int, changes: Mapping[str, Any]) -> None:
        self.search(search_id)
        statement = self.scope.update(alert_searches).where(alert_searches.c.id == search_id)
        self.scope.execute(statement.values(dict(changes)))

    def remove_search(self, search_id: int) -> None:
        self.search(search_id)
        self.scope.execute(
            self.scope.delete(alert_matches).where(alert_matches.c.search_id == search_id)
        )
        self.scope.execute(
            self.scope.delete(alert_searches).where(alert_searches.c.id == search_id)
        )

    def pause_by_token(self, token: str) -> int | None:
        """The one-click unsubscribe: pause the search of this token (its id, or None)."""
        query = self.scope.select(alert_searches, alert_searches.c.id)
        found = self.scope.execute(
            query.where(alert_searches.c.unsubscribe_token == token)
        ).scalar_one_or_none()
        if found is not None:
            self.update_search(int(found), {"paused": True})
        return None if found is None else int(found)

    # ---- postings ----------------------------------------------------------------------

    def postings_since(self, since: datetime) -> list[RowMapping]:
        """Postings kept since `since` (what new ones are compared with)."""
        columns = [alert_postings.c[n] for n in ("id", "key", "url_key", "title_key", "at")]
        query = self.scope.select(alert_postings, *columns, alert_postings.c.signature)
        query = query.where(alert_postings.c.seen_at >= since).order_by(alert_postings.c.id)
        return list(self.scope.execute(query).mappings())

    def add_posting(self, values: Mapping[str, Any]) -> int:
        return self.scope.insert(alert_postings, values)

    def posting(self, posting_id: int) -> RowMapping:
        return self._one(alert_postings, posting_id, "job posting", "alerts.posting-not-found")

    def recent_postings(self, limit: int) -> list[RowMapping]:
        """The newest postings that are not duplicates (what `alerts test` runs over)."""
        query = self.scope.select(alert_postings).where(alert_postings.c.duplicate_of.is_(None))
        query = query.order_by(alert_postings.c.seen_at.desc(), alert_postings.c.id.desc())
        return list(self.scope.execute(query.limit(limit)).mappings())

    # ---- matches and digests -----------------------------------------------------------

    def add_matches(self, rows: Sequence[Mapping[str, Any]]) -> None:
        self.scope.insert_many(alert_matches, rows)

    def undelivered(self) -> list[RowMapping]:
        """Matches no digest has carried yet, with their posting and search."""
        query = (
            self.scope.select(
                alert_matches,
                alert_matches.c.posting_id,
                alert_matches.c.matched_at,
                alert_postings.c.data,
                alert_searches.c.name,
            )
            .join(alert_postings, alert_postings.c.id == alert_matches.c.posting_id)
            .join(alert_searches, alert_searches.c.id == alert_matches.c.search_id)
            .where(alert_matches.c.digest_id.is_(None), alert_searches.c.paused.is_(False))
            .order_by(alert_matches.c.posting_id)
        )
        return list(self.scope.execute(query).mappings())

    def digest(self, period: str) -> RowMapping | None:
        query = self.scope.select(alert_digests).where(alert_digests.c.period == period)
        found: RowMapping | None = self.scope.execute(query).mappings().first()
        return found

    def add_digest(self, values: Mapping[str, Any], posting_ids: Sequence[int]) -> int:
        """Record a digest and mark every undelivered match of its postings as carried."""
        digest_id = self.scope.insert(alert_digests, values)
        if posting_ids:
            statement = self.scope.update(alert_matches).where(
                alert_matches.c.digest_id.is_(None),
                alert_matches.c.posting_id.in_(list(posting_ids)),
            )
            self.scope.execute(statement.values(digest_id=digest_id))
        return digest_id

    def counts(self) -> dict[str, int]:
        """How many postings, new jobs and undelivered matches the owner has."""
        total = self.scope.select(alert_postings, func.count())
        new = total.where(alert_postings.c.duplicate_of.is_(None))
        waiting = self.scope.select(alert_matches, func.count()).where(
            alert_matches.c.digest_id.is_(None)
        )
        return {
            "postings": int(self.scope.execute(total).scalar_one()),
            "jobs": int(self.scope.execute(new).scalar_one()),
            "undelivered": int(self.scope.execute(waiting).scalar_one()),
        }
