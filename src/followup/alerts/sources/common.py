"""What the parsers share: decoding JSON, dates, work modes, and the error of a response that
is not what the source should return."""

from __future__ import annotations

import json
from collections.abc import Mapping
from datetime import UTC, datetime
from typing import Any

from followup.alerts.model import WorkMode
from followup.errors import UserError


class SourceError(UserError):
    """A source answered with something that is not its jobs (HTML, nothing, bad JSON...)."""

    default_code = "alerts.source-bad-response"


def looks_like_html(body: bytes) -> bool:
    head = body[:512].lstrip().lower()
    return head.startswith((b"<!doctype html", b"<html")) or b"<html" in head


def load_json(body: bytes, source: str) -> Any:
    """The JSON of a response, or a SourceError saying what came instead."""
    if not body.strip():
        raise SourceError(
            f"{source} answered with an empty body",
            code="alerts.source-empty",
            params={"source": source},
        )
    if looks_like_html(body):
        raise SourceError(
            f"{source} answered with an HTML page, not its jobs",
            code="alerts.source-html",
            params={"source": source},
        )
    try:
        return json.loads(body)
    except (ValueError, UnicodeDecodeError) as exc:
        raise SourceError(
            f"{source} answered with invalid JSON ({exc})",
            code="alerts.source-invalid-json",
            params={"source": source},
        ) from None


def expect(value: Any, kind: type, source: str, what: str) -> Any:
    if not isinstance(value, kind):
        raise SourceError(
            f"{source} answered without {what}",
            code="alerts.source-unexpected",
            params={"source": source, "what": what},
        )
    return value


def listed(body: bytes, source: str, key: str | None, what: str) -> list[Mapping[str, Any]]:
    """The objects of the response's list (the top level, or under `key` of an object)."""
    data = load_json(body, source)
    if key is not None:
        data = expect(data, Mapping, source, f"an object with {key!r}").get(key)
    return [obj(item) for item in expect(data, list, source, what)]


def text_of(value: Any) -> str:
    return value.strip() if isinstance(value, str) else ""


def obj(value: Any) -> Mapping[str, Any]:
    return value if isinstance(value, Mapping) else {}


def iso_datetime(value: Any) -> datetime | None:
    """An ISO 8601 string ("2026-11-30T09:00:00-05:00", "...Z", a date) as an aware UTC time."""
    if not isinstance(value, str) or not value.strip():
        return None
    try:
        parsed = datetime.fromisoformat(value.strip().replace("Z", "+00:00"))
    except ValueError:
        return None
    return parsed.replace(tzinfo=UTC) if parsed.tzinfo is None else parsed.astimezone(UTC)


def epoch(value: Any, *, millis: bool = False) -> datetime | None:
    if isinstance(value, bool) or not isinstance(value, int | float) or value <= 0:
        return None
    return datetime.fromtimestamp(value / 1000 if millis else value, UTC)


_MODES = {
    "remote": WorkMode.REMOTE,
    "fully remote": WorkMode.REMOTE,
    "telecommute": WorkMode.REMOTE,
    "hybrid": WorkMode.HYBRID,
    "on-site": WorkMode.ONSITE,
    "onsite": WorkMode.ONSITE,
    "on site": WorkMode.ONSITE,
    "in office": WorkMode.ONSITE,
}


def work_mode(value: Any) -> WorkMode | None:
    """A source's word for the work mode ("remote", "On-site", "TELECOMMUTE") or None."""
    return _MODES.get(value.strip().lower()) if isinstance(value, str) else None


def mode_from_location(location: str) -> WorkMode | None:
    """Free-text locations ("Remote - US", "Berlin (Hybrid)") say it sometimes."""
    lowered = location.lower()
    for word, mode in (("remote", WorkMode.REMOTE), ("hybrid", WorkMode.HYBRID)):
        if word in lowered:
            return mode
    return None


_EMPLOYMENT = {
    "full-time": "full-time",
    "full_time": "full-time",
    "fulltime": "full-time",
    "full time": "full-time",
    "permanent": "full-time",
    "part-time": "part-time",
    "part_time": "part-time",
    "parttime": "part-time",
    "part time": "part-time",
    "contract": "contract",
    "contractor": "contract",
    "freelance": "contract",
    "temporary": "temporary",
    "temp": "temporary",
    "intern": "internship",
    "internship": "internship",
}


def employment_type(value: Any) -> str | None:
    if not isinstance(value, str):
        return None
    lowered = value.strip().lower()
    return _EMPLOYMENT.get(lowered) or next(
        (kind for word, kind in _EMPLOYMENT.items() if word in lowered), None
    )


_SENIORITY = ("intern", "junior", "mid", "senior", "lead", "staff", "principal", "director")


def seniority(*values: Any) -> str | None:
    """A level from the source's field, else from the title ("Senior Data Engineer")."""
    for value in values:
        if isinstance(value, str):
            lowered = value.lower()
            for level in _SENIORITY:
                if level in lowered:
                    return level
            if "entry" in lowered:
                return "junior"
    return None


def places(*values: Any) -> tuple[str, ...]:
    """Distinct non-empty location texts, in order."""
    seen: dict[str, None] = {}
    for value in values:
        if isinstance(value, str) and value.strip():
            seen.setdefault(" ".join(value.split()), None)
    return tuple(seen)
