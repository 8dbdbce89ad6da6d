"""A change of the change log as values: rows before and after, kept as JSON, and said in
words. No SQLAlchemy: both units of work (followup.store.uow, followup.store.fastwrite) keep
their changes through these, so both write the same log (followup.store.changelog).
"""

from __future__ import annotations

import base64
import json
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from followup.store.rows import to_utc

# The tables whose rows the log keeps (the schedule is derived, the mail can't be unsent).
LOGGED_TABLES = (
    "applications",
    "people",
    "interviews",
    "interview_people",
    "touches",
    "skips",
    "settings",
)

Image = dict[str, Any]


@dataclass(frozen=True, slots=True)
class RowChange:
    table: str
    before: Image | None  # None: the row was added
    after: Image | None  # None: the row was deleted

    @property
    def verb(self) -> str:
        return "added" if self.before is None else "deleted" if self.after is None else "changed"

    @property
    def image(self) -> Image:
        found = self.after if self.after is not None else self.before
        assert found is not None
        return found


@dataclass(frozen=True, slots=True)
class Change:
    id: int
    at: datetime
    summary: str
    undone_at: datetime | None
    rows: tuple[RowChange, ...] = ()

    @property
    def app_ids(self) -> set[int]:
        """The applications the change touched."""
        found = set()
        for row in self.rows:
            image = row.image
            if row.table == "applications":
                found.add(int(image["id"]))
            elif image.get("app_id") is not None:
                found.add(int(image["app_id"]))
        return found


def encode_image(image: Image | None) -> str | None:
    if image is None:
        return None

    def plain(value: Any) -> Any:
        if isinstance(value, datetime):
            return {"datetime": value.isoformat()}
        if isinstance(value, date):
            return {"date": value.isoformat()}
        if isinstance(value, bytes):
            return {"bytes": base64.b64encode(value).decode()}
        return value

    return json.dumps({k: plain(v) for k, v in image.items()}, sort_keys=True)


def decode_image(text: str | None) -> Image | None:
    if text is None:
        return None

    def typed(value: Any) -> Any:
        if isinstance(value, dict):
            if "datetime" in value:
                return datetime.fromisoformat(value["datetime"])
            if "date" in value:
                return date.fromisoformat(value["date"])
            if "bytes" in value:
                return base64.b64decode(value["bytes"])
        return value

    return {k: typed(v) for k, v in json.loads(text).items()}


def change_values(at: datetime, found: Sequence[RowChange]) -> dict[str, Any]:
    """The `changes` row of a change made at `at`."""
    return {"at": to_utc(at), "summary": describe(found), "undone_at": None}


def change_row_values(change_id: int, found: Sequence[RowChange]) -> list[dict[str, Any]]:
    """Its `change_rows`, in the order written."""
    return [
        {
            "change_id": change_id,
            "position": position,
            "table_name": row.table,
            "before": encode_image(row.before),
            "after": encode_image(row.after),
        }
        for position, row in enumerate(found)
    ]


def same_image(a: Image, b: Image) -> bool:
    return encode_image(a) == encode_image(b)


# ---- what a change says -----------------------------------------------------------------------

_NOUNS = {
    "applications": "application",
    "people": "person",
    "interviews": "interview",
    "touches": "contact",
    "skips": "skip",
}
_QUIET = {"id", "owner_id", "public_id"}


def _label(table: str, image: Image) -> str:
    if table == "applications":
        return f"application {image['id']} ({image['company']} - {image['role']})"
    if table == "people":
        return f"person {image['id']} ({image['name']})"
    if table == "interviews":
        return f"interview {image['id']} ({image['kind']})"
    if table == "touches":
        return f"contact {image['id']} ({image['direction']} {image['kind']})"
    if table == "skips":
        return f"skip of {image['action_id']}"
    return f"{_NOUNS.get(table, table)} {image.get('id', '')}".strip()


def describe(found: Sequence[RowChange]) -> str:
    """What a change did, in words: `added contact 3 (out thank-you); changed application 1
    (Acme - SRE): outcome`."""
    parts: list[str] = []
    for row in found:
        if row.table == "settings":
            parts.append(f"{row.verb} setting {row.image['key']}")
            continue
        if row.table not in _NOUNS:
            continue  # who was in an interview: said by the interview
        text = f"{row.verb} {_label(row.table, row.image)}"
        if row.before is not None and row.after is not None:
            fields = sorted(
                k for k in row.after if k not in _QUIET and row.before.get(k) != row.after[k]
            )
            text += ": " + ", ".join(fields)
        parts.append(text)
    if not parts:
        parts = ["changed who was in an interview"]
    shown = parts[:4]
    if len(parts) > 4:
        shown.append(f"and {len(parts) - 4} more")
    return "; ".join(shown)
