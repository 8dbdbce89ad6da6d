"""A run of the alerts: poll every source (a failing one does not stop the others), keep the
new postings once (de-duplicated across sources and runs), match them against the saved
searches, then compose the digest of the period and send it through the outbox (once), or
show it (`dry_run`).

Each source's postings and matches are written in one transaction: a source that fails
half-way writes nothing."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import TYPE_CHECKING, Any

from followup.alerts.codec import filters_from_json, posting_to_json
from followup.alerts.dedup import Deduper, Seen, seen_of
from followup.alerts.evaluate import doc_of, reasons
from followup.alerts.fetch import Fetcher
from followup.alerts.matcher import Matcher, Search
from followup.alerts.model import Posting
from followup.alerts.query import parse_query
from followup.alerts.sources.registry import SourceSpec, first_url, next_url, parse, source_spec
from followup.errors import UserError

if TYPE_CHECKING:
    from followup.app.context import Context
    from followup.store.uow import UnitOfWork

REMEMBER = timedelta(days=90)  # how far back new postings are compared with old ones


@dataclass(frozen=True, slots=True)
class RunRequest:
    send: bool = False  # send the period's digest through the outbox
    dry_run: bool = False  # compose it and return it, sending and recording nothing
    account: str = "default"
    any_hour: bool = False  # don't wait for the user's hour (the period still counts once)


@dataclass(slots=True)
class SourceReport:
    source: str
    fetched: int = 0
    new: int = 0
    duplicates: int = 0
    unchanged: bool = False
    error: str | None = None

    def record(self) -> dict[str, Any]:
        return {
            "source": self.source,
            "fetched": self.fetched,
            "new": self.new,
            "duplicates": self.duplicates,
            "unchanged": self.unchanged,
            "error": self.error,
        }


@dataclass(slots=True)
class RunReport:
    sources: list[SourceReport] = field(default_factory=list)
    matches: int = 0
    digest: Any = None  # a DigestOutcome (followup.app.alerts.delivering)

    def record(self) -> dict[str, Any]:
        return {
            "sources": [s.record() for s in self.sources],
            "matches": self.matches,
            "digest": self.digest.record() if self.digest is not None else None,
        }


def fetcher_of(ctx: Context) -> Fetcher:
    config = dict(ctx.settings.alerts)
    return Fetcher(
        timeout=float(config.get("timeout", 10)),
        deadline=float(config.get("deadline", 30)),
        max_bytes=int(float(config.get("max_mb", 5)) * 1024 * 1024),
        retries=int(config.get("retries", 3)),
        backoff=float(config.get("backoff", 1)),
        per_host_interval=float(config.get("per_host_interval", 1)),
    )


def run_alerts(
    ctx: Context, data: RunRequest, on_progress: Callable[[str, int, int], None] | None = None
) -> RunReport:
    """Check every source, keep its new postings and their matches; then send (or dry-run)
    the digest. `on_progress("sources", checked, of)` is told before each source and at the end."""
    from followup.app.alerts.delivering import deliver

    report = RunReport()
    with ctx.uow(write=False) as uow:
        sources = [(r["spec"], r["etag"], r["last_modified"]) for r in uow.alerts.sources()]
    bases: dict[str, str] = dict(ctx.settings.alerts.get("base_urls") or {})
    fetcher = fetcher_of(ctx)
    try:
        for number, (spec_text, etag, modified) in enumerate(sources, start=1):
            if on_progress is not None:  # the bar shows before the first answer comes
                on_progress("sources", number - 1, len(sources))
            source = SourceReport(spec_text)
            report.sources.append(source)
            try:
                got = _poll(fetcher, source_spec(spec_text), bases, etag, modified)
            except UserError as exc:
                source.error = exc.problem
                _checked(ctx, spec_text, {"last_error": exc.problem})
                continue
            if got is None:
                source.unchanged = True
                _checked(ctx, spec_text, {"last_error": ""})
                continue
            postings, checked = got
            report.matches += _ingest(ctx, spec_text, postings, checked, source)
        if on_progress is not None:
            on_progress("sources", len(sources), len(sources))
    finally:
        fetcher.close()
    if data.send or data.dry_run:
        report.digest = deliver(ctx, data)
    return report


def _poll(
    fetcher: Fetcher,
    spec: SourceSpec,
    bases: dict[str, str],
    etag: str | None,
    modified: str | None,
) -> tuple[list[Posting], dict[str, Any]] | None:
    """The source's postings and what to remember of the response; None: unchanged (304)."""
    got = fetcher.get(first_url(spec, bases), etag=etag, last_modified=modified)
    if got.body is None:
        return None
    checked = {"etag": got.etag, "last_modified": got.last_modified, "last_error": ""}
    body = got.body
    follow = next_url(spec, body, bases)
    if follow is not None:
        second = fetcher.get(follow)
        body = second.body or b""
    return parse(spec, body), checked


def _checked(ctx: Context, spec: str, values: dict[str, Any]) -> None:
    with ctx.uow() as uow:
        uow.alerts.source_checked(spec, {**values, "checked_at": ctx.now()})


def _ingest(
    ctx: Context,
    spec: str,
    postings: list[Posting],
    checked: dict[str, Any],
    report: SourceReport,
) -> int:
    """Keep the source's new postings and their matches (one transaction); the matches."""
    now = ctx.now()
    report.fetched = len(postings)
    with ctx.uow() as uow:
        deduper = Deduper([_seen(r) for r in uow.alerts.postings_since(now - REMEMBER)])
        fresh: list[tuple[int, Posting]] = []
        for posting in postings:
            seen = seen_of(posting, now)
            duplicate = deduper.duplicate_of(seen)
            if duplicate is not None and duplicate[0] == posting.key:
                continue  # this very job, kept before
            posting_id = uow.alerts.add_posting(
                {
                    "key": posting.key,
                    "url_key": seen.url_key,
                    "title_key": seen.title_key,
                    "data": posting_to_json(posting),
                    "signature": seen.signature,
                    "at": seen.at,
                    "seen_at": now,
                    "duplicate_of": duplicate[0] if duplicate else None,
                }
            )
            deduper.add(seen)
            if duplicate is None:
                report.new += 1
                fresh.append((posting_id, posting))
            else:
                report.duplicates += 1
        matches = _match(uow, fresh, now)
        uow.alerts.add_matches(matches)
        uow.alerts.source_checked(spec, {**checked, "checked_at": now})
    return len(matches)


def _seen(row: Any) -> Seen:
    return Seen(row["key"], row["url_key"], row["title_key"], row["at"], row["signature"])


def _match(
    uow: UnitOfWork, fresh: list[tuple[int, Posting]], now: datetime
) -> list[dict[str, Any]]:
    if not fresh:
        return []
    searches = [
        (Search(int(r["id"]), parse_query(r["query"]), filters_from_json(r["filters"])))
        for r in uow.alerts.searches(active_only=True)
    ]
    matcher = Matcher(searches)
    queries = {s.id: s.query for s in searches}
    rows = []
    docs = [doc_of(posting) for _, posting in fresh]
    jobs = [(doc, posting) for doc, (_, posting) in zip(docs, fresh, strict=True)]
    matched = matcher.match_docs(jobs, now)  # a posting's ids gathered with the others'
    for (posting_id, _), doc, found in zip(fresh, docs, matched, strict=True):
        for search_id in found:
            why = ", ".join(reasons(queries[search_id], doc))
            rows.append(
                {
                    "search_id": search_id,
                    "posting_id": posting_id,
                    "reasons": why,
                    "matched_at": now,
                }
            )
    return rows
