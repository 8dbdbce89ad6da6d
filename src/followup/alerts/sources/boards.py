"""Parsers of the other boards: Personio's XML, RemoteOK's JSON and the Hacker News
"Who is hiring" thread (through the HN search API's JSON)."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections.abc import Mapping
from typing import Any

from followup.alerts.model import Posting, WorkMode
from followup.alerts.salary import annual, from_text, number
from followup.alerts.sources import common
from followup.alerts.sources.ats import board_company
from followup.alerts.text import html_to_text


def personio(body: bytes, name: str) -> list[Posting]:
    source = f"personio:{name}"
    if not body.strip() or common.looks_like_html(body):
        raise common.SourceError(
            f"{source} answered with {'an HTML page' if body.strip() else 'an empty body'}, "
            "not its XML feed",
            code="alerts.source-html" if body.strip() else "alerts.source-empty",
            params={"source": source},
        )
    try:
        root = ET.fromstring(body)  # expat refuses entity expansion attacks (3.11+)
    except ET.ParseError as exc:
        raise common.SourceError(
            f"{source} answered with invalid XML ({exc})",
            code="alerts.source-invalid-xml",
            params={"source": source},
        ) from None
    return [_personio_job(p, name) for p in root.iter("position") if _child(p, "id")]


def _child(node: ET.Element, tag: str) -> str:
    found = node.find(tag)
    return " ".join((found.text or "").split()) if found is not None else ""


def _personio_job(position: ET.Element, name: str) -> Posting:
    sections = [
        html_to_text(f"<h3>{_child(d, 'name')}</h3>{d.findtext('value') or ''}")
        for d in position.iter("jobDescription")
    ]
    offices = [_child(position, "office")]
    offices += [(o.text or "").strip() for o in position.findall("additionalOffices/office")]
    title = _child(position, "name")
    return Posting(
        source=f"personio:{name}",
        source_id=_child(position, "id"),
        title=title,
        company=_child(position, "subcompany") or board_company(name),
        url=f"https://{name}.jobs.personio.de/job/{_child(position, 'id')}",
        description="\n".join(s for s in sections if s),
        locations=common.places(*offices),
        work_mode=common.mode_from_location(" ".join(offices)),
        employment_type=common.employment_type(_child(position, "schedule"))
        or common.employment_type(_child(position, "employmentType")),
        seniority=common.seniority(_child(position, "seniority"), title),
        posted_at=common.iso_datetime(_child(position, "createdAt")),
    )


def remoteok(body: bytes, name: str = "all") -> list[Posting]:
    items = common.listed(body, "remoteok", None, "a list of jobs")
    # The first element is the API's legal notice, not a job.
    return [_remoteok_job(i) for i in items if i.get("id") and i.get("position")]


def _remoteok_job(item: Mapping[str, Any]) -> Posting:
    location = common.text_of(item.get("location"))
    title = common.text_of(item.get("position"))
    tags = [t for t in item.get("tags") or [] if isinstance(t, str)]
    description = html_to_text(common.text_of(item.get("description")))
    return Posting(
        source="remoteok",
        source_id=str(item["id"]),
        title=title,
        company=common.text_of(item.get("company")),
        url=common.text_of(item.get("url")),
        description="\n".join(x for x in (description, " ".join(tags)) if x),
        locations=common.places(location),
        work_mode=WorkMode.REMOTE,
        seniority=common.seniority(title),
        salary=annual(number(item.get("salary_min")), number(item.get("salary_max")), "USD"),
        posted_at=common.epoch(item.get("epoch")) or common.iso_datetime(item.get("date")),
    )


def hn_thread_id(body: bytes) -> str:
    """The newest "Who is hiring?" story in an HN search response (by date)."""
    source = "hn:whoishiring"
    for hit in common.listed(body, source, "hits", "a list of stories"):
        if "who is hiring" in common.text_of(hit.get("title")).lower() and hit.get("objectID"):
            return str(hit["objectID"])
    raise common.SourceError(
        f"{source}: no 'Who is hiring?' thread in the search results",
        code="alerts.source-unexpected",
        params={"source": source, "what": "a 'Who is hiring?' thread"},
    )


_REMOTE_WORDS = ("remote", "onsite", "on-site", "hybrid")


def hn_jobs(body: bytes, name: str = "whoishiring") -> list[Posting]:
    """The top-level comments of the thread; the first line is the job:
    "Company | Role | Location | REMOTE | $150k-$180k | https://..." (loosely followed)."""
    source = "hn:whoishiring"
    thread = common.expect(common.load_json(body, source), Mapping, source, "a thread")
    postings = []
    for child in thread.get("children") or []:
        comment = common.obj(child)
        text = html_to_text(common.text_of(comment.get("text")))
        if comment.get("id") is None or not text:
            continue
        postings.append(_hn_job(comment, text))
    return postings


def _hn_job(comment: Mapping[str, Any], text: str) -> Posting:
    first = text.partition("\n")[0]
    parts = [p.strip() for p in first.split("|") if p.strip()]
    company = parts[0] if parts else ""
    others = parts[1:]
    title = next((p for p in others if not _is_detail(p)), first[:120])
    places_seen = [p for p in others if p != title and not _is_detail(p)]
    flags = " ".join(p for p in others if p.lower() in _REMOTE_WORDS or "remote" in p.lower())
    return Posting(
        source="hn:whoishiring",
        source_id=str(comment["id"]),
        title=title,
        company=company,
        url=f"https://news.ycombinator.com/item?id={comment['id']}",
        description=text,
        locations=common.places(*places_seen),
        work_mode=common.mode_from_location(flags)
        or (WorkMode.ONSITE if "onsite" in flags.lower() else None),
        employment_type=common.employment_type(first),
        seniority=common.seniority(title),
        salary=from_text(first),
        posted_at=common.iso_datetime(comment.get("created_at"))
        or common.epoch(comment.get("created_at_i")),
    )


def _is_detail(part: str) -> bool:
    lowered = part.lower()
    return (
        lowered.startswith(("http://", "https://", "$", "€", "£"))
        or lowered in _REMOTE_WORDS
        or "remote" in lowered
        or common.employment_type(lowered) is not None
        or any(c.isdigit() for c in lowered[:3])
    )
