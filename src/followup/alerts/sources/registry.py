"""The kinds of source, where each one's jobs are (a base URL, configurable, and a path), and
how a source is named by the user: `greenhouse:acme`, `remoteok`, `hn:whoishiring`, or the
URL of a feed or a career page."""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from urllib.parse import urlsplit

from followup.alerts.model import Posting
from followup.alerts.sources import ats, boards, feeds
from followup.errors import UserError

Parser = Callable[[bytes, str], list[Posting]]


@dataclass(frozen=True, slots=True)
class Kind:
    name: str
    base: str  # "{name}" in it: the board's own host (Recruitee, Personio)
    path: str
    parse: Parser
    needs_name: bool = True


KINDS: dict[str, Kind] = {
    k.name: k
    for k in (
        Kind(
            "greenhouse",
            "https://boards-api.greenhouse.io",
            "/v1/boards/{name}/jobs?content=true",
            ats.greenhouse,
        ),
        Kind("lever", "https://api.lever.co", "/v0/postings/{name}?mode=json", ats.lever),
        Kind(
            "ashby",
            "https://api.ashbyhq.com",
            "/posting-api/job-board/{name}?includeCompensation=true",
            ats.ashby,
        ),
        Kind(
            "smartrecruiters",
            "https://api.smartrecruiters.com",
            "/v1/companies/{name}/postings?limit=100",
            ats.smartrecruiters,
        ),
        Kind("recruitee", "https://{name}.recruitee.com", "/api/offers/", ats.recruitee),
        Kind("personio", "https://{name}.jobs.personio.de", "/xml?language=en", boards.personio),
        Kind("remoteok", "https://remoteok.com", "/api", boards.remoteok, needs_name=False),
        Kind(
            "hn",
            "https://hn.algolia.com",
            "/api/v1/search_by_date?tags=story,author_whoishiring",
            boards.hn_jobs,
            needs_name=False,
        ),
        Kind("feed", "", "", feeds.feed, needs_name=True),
    )
}
_BOARD_NAME = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]{0,99}")


class UnknownSource(UserError):
    default_code = "alerts.source-unknown"


@dataclass(frozen=True, slots=True)
class SourceSpec:
    kind: str
    name: str  # the board, or the URL of a feed

    @property
    def label(self) -> str:
        """How the user names it (and postings' `source`)."""
        if self.kind == "feed":
            return self.name
        if self.kind == "remoteok":
            return "remoteok"
        if self.kind == "hn":
            return "hn:whoishiring"
        return f"{self.kind}:{self.name}"


def source_spec(text: str) -> SourceSpec:
    """`greenhouse:acme`, `remoteok`, `hn` or an http(s) URL, checked."""
    text = text.strip()
    if text.startswith(("http://", "https://")):
        if not urlsplit(text).hostname:
            raise UnknownSource(
                f"{text!r} is not a URL with a host",
                code="alerts.source-unknown",
                params={"source": text, "kinds": ", ".join(KINDS)},
            )
        return SourceSpec("feed", text)
    kind, _, name = text.partition(":")
    found = KINDS.get(kind.lower())
    if found is None or found.name == "feed":
        raise UnknownSource(
            f"unknown source {text!r}",
            code="alerts.source-unknown",
            params={"source": text, "kinds": ", ".join(k for k in KINDS if k != "feed")},
        )
    if found.needs_name and not _BOARD_NAME.fullmatch(name):
        raise UnknownSource(
            f"the source {text!r} needs a board name after '{kind}:'",
            code="alerts.source-no-board",
            params={"source": text, "kind": found.name},
        )
    return SourceSpec(found.name, name if found.needs_name else "")


def first_url(spec: SourceSpec, bases: Mapping[str, str]) -> str:
    """Where to ask first; `bases` overrides a kind's base URL (tests, mirrors)."""
    if spec.kind == "feed":
        return spec.name
    kind = KINDS[spec.kind]
    base = bases.get(spec.kind, kind.base).rstrip("/")
    return (base + kind.path).format(name=spec.name)


def next_url(spec: SourceSpec, body: bytes, bases: Mapping[str, str]) -> str | None:
    """A source that needs a second request (the HN thread after the search): its URL."""
    if spec.kind != "hn":
        return None
    base = bases.get("hn", KINDS["hn"].base).rstrip("/")
    return f"{base}/api/v1/items/{boards.hn_thread_id(body)}"


def parse(spec: SourceSpec, body: bytes) -> list[Posting]:
    return KINDS[spec.kind].parse(body, spec.name)
