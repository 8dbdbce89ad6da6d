"""Generic feeds: RSS and Atom (feedparser), JSON Feed (plain JSON, version 1.x), and
career pages with schema.org `JobPosting` JSON-LD. A feed URL is sniffed: what it returns
decides the parser."""

from __future__ import annotations

import json
from collections.abc import Iterator, Mapping
from datetime import UTC, datetime
from typing import Any
from urllib.parse import urlsplit

from followup.alerts.model import Posting, WorkMode
from followup.alerts.salary import annual, number, period_of
from followup.alerts.sources.common import (
    SourceError,
    employment_type,
    iso_datetime,
    load_json,
    looks_like_html,
    mode_from_location,
    obj,
    places,
    seniority,
    text_of,
)
from followup.alerts.text import html_to_text


def feed(body: bytes, url: str) -> list[Posting]:
    """Whatever the URL returned: a JSON Feed, RSS/Atom, or a page with JobPosting JSON-LD."""
    if not body.strip():
        raise SourceError(
            f"{url} answered with an empty body",
            code="alerts.source-empty",
            params={"source": url},
        )
    if body.lstrip()[:1] == b"{":
        return json_feed(body, url)
    if looks_like_html(body):
        postings = job_postings_in_page(body, url)
        if not postings:
            raise SourceError(
                f"{url} answered with an HTML page that has no job postings, not a feed",
                code="alerts.source-html",
                params={"source": url},
            )
        return postings
    return rss(body, url)


def rss(body: bytes, url: str) -> list[Posting]:
    import feedparser

    parsed = feedparser.parse(body)
    if not parsed.entries and (parsed.bozo or not parsed.feed):
        raise SourceError(
            f"{url} answered with something that is not an RSS or Atom feed",
            code="alerts.source-not-feed",
            params={"source": url},
        )
    site = text_of(parsed.feed.get("title")) or urlsplit(url).hostname or url
    return [_rss_entry(entry, url, site) for entry in parsed.entries if _entry_id(entry)]


def _entry_id(entry: Any) -> str:
    return text_of(entry.get("id")) or text_of(entry.get("link"))


def _author(entry: Any) -> str:
    """The entry's author when it is a name (Atom's, dc:creator): RSS 2.0's <author> is an
    e-mail address, perhaps with a name that is the board's desk, not the employer."""
    raw = text_of(entry.get("author"))
    if "@" in raw:
        return ""
    return text_of(obj(entry.get("author_detail")).get("name")) or raw


def company_and_role(entry: Any) -> tuple[str, str]:
    """Who is hiring, from the entry itself, never from the feed: a company element (plain
    or namespaced, e.g. <job:company>), the author's name, a title "Company: Role" (We Work
    Remotely and others) or "Role at Company"; else no company."""
    title = text_of(entry.get("title"))
    for key in entry:
        if key == "company" or key.endswith(("_company", "_companyname", "_company_name")):
            named = text_of(entry.get(key))
            if named:
                return named, title
    author = _author(entry)
    if ": " in title and not author:
        company, _, role = title.partition(": ")
        return company.strip(), role.strip()
    if not author and " at " in title:
        role, _, company = title.rpartition(" at ")
        return company.strip(), role.strip()
    return author, title


def _rss_entry(entry: Any, url: str, site: str) -> Posting:
    company, title = company_and_role(entry)
    summary = entry.get("content", [{}])[0].get("value") or entry.get("summary") or ""
    stamp = entry.get("published_parsed") or entry.get("updated_parsed")
    region = text_of(entry.get("region")) or text_of(entry.get("location"))
    return Posting(
        source=url,
        source_id=_entry_id(entry),
        title=title,
        company=company,
        url=text_of(entry.get("link")),
        description=html_to_text(summary),
        locations=places(region),
        work_mode=mode_from_location(f"{region} {title}"),
        employment_type=employment_type(text_of(entry.get("type"))),
        seniority=seniority(title),
        posted_at=datetime(*stamp[:6]).replace(tzinfo=UTC) if stamp else None,
        board=site,
    )


def json_feed(body: bytes, url: str) -> list[Posting]:
    data = load_json(body, url)
    if not isinstance(data, Mapping) or "jsonfeed.org" not in text_of(data.get("version")):
        raise SourceError(
            f"{url} answered with JSON that is not a JSON Feed",
            code="alerts.source-not-feed",
            params={"source": url},
        )
    site = text_of(data.get("title")) or urlsplit(url).hostname or url
    postings = []
    for entry in data.get("items") or []:
        item = obj(entry)
        if not item.get("id"):
            continue
        authors = [text_of(obj(a).get("name")) for a in item.get("authors") or []]
        title = text_of(item.get("title"))
        description = text_of(item.get("content_text")) or html_to_text(
            text_of(item.get("content_html"))
        )
        postings.append(
            Posting(
                source=url,
                source_id=str(item["id"]),
                title=title,
                company=next((a for a in authors if a), ""),
                url=text_of(item.get("url")) or text_of(item.get("external_url")),
                description=description,
                work_mode=mode_from_location(title),
                seniority=seniority(title),
                posted_at=iso_datetime(item.get("date_published")),
                board=site,
            )
        )
    return postings


def job_postings_in_page(body: bytes, url: str) -> list[Posting]:
    """Every schema.org JobPosting in the page's JSON-LD scripts."""
    from selectolax.lexbor import LexborHTMLParser

    tree = LexborHTMLParser(body.decode("utf-8", "replace"))
    postings: list[Posting] = []
    for script in tree.css('script[type="application/ld+json"]'):
        try:
            data = json.loads(script.text(deep=True))
        except ValueError:
            continue  # one broken block does not hide the others
        for found in _job_postings(data):
            postings.append(_json_ld_posting(found, url, len(postings)))
    return postings


def _job_postings(data: Any) -> Iterator[Mapping[str, Any]]:
    if isinstance(data, list):
        for item in data:
            yield from _job_postings(item)
    elif isinstance(data, Mapping):
        kind = data.get("@type")
        if kind == "JobPosting" or (isinstance(kind, list) and "JobPosting" in kind):
            yield data
        yield from _job_postings(data.get("@graph"))


def _json_ld_posting(data: Mapping[str, Any], url: str, index: int) -> Posting:
    identifier = data.get("identifier")
    ident = text_of(obj(identifier).get("value")) or text_of(identifier) or str(index)
    locations = data.get("jobLocation")
    addresses = [
        obj(obj(loc).get("address"))
        for loc in (locations if isinstance(locations, list) else [locations])
    ]
    parts = ("addressLocality", "addressRegion", "addressCountry")
    texts = [", ".join(x for x in (text_of(a.get(k)) for k in parts) if x) for a in addresses]
    countries = tuple(
        text_of(a.get("addressCountry")).upper()
        for a in addresses
        if len(text_of(a.get("addressCountry"))) == 2
    )
    remote = text_of(data.get("jobLocationType")).upper() == "TELECOMMUTE"
    pay = obj(data.get("baseSalary"))
    value = obj(pay.get("value"))
    kinds = data.get("employmentType")
    kind = kinds[0] if isinstance(kinds, list) and kinds else kinds
    title = text_of(data.get("title"))
    return Posting(
        source=url,
        source_id=ident,
        title=title,
        company=text_of(obj(data.get("hiringOrganization")).get("name"))
        or (urlsplit(url).hostname or ""),
        url=text_of(data.get("url")) or url,
        description=html_to_text(text_of(data.get("description"))),
        locations=places(*texts),
        work_mode=WorkMode.REMOTE if remote else mode_from_location(" ".join(texts)),
        employment_type=employment_type(kind),
        seniority=seniority(title),
        salary=annual(
            number(value.get("minValue")) or number(value.get("value")),
            number(value.get("maxValue")),
            text_of(pay.get("currency")),
            period_of(text_of(value.get("unitText"))),
        )
        if value
        else None,
        posted_at=iso_datetime(data.get("datePosted")),
        countries=countries,
    )
