"""Postings and filters to and from JSON (how the store keeps them)."""

from __future__ import annotations

import json
from dataclasses import asdict, fields
from datetime import datetime
from typing import Any

from followup.alerts.filters import Filters
from followup.alerts.model import Posting, Salary, WorkMode


def posting_to_json(posting: Posting) -> str:
    data = asdict(posting)
    data["posted_at"] = posting.posted_at.isoformat() if posting.posted_at else None
    data["work_mode"] = posting.work_mode.value if posting.work_mode else None
    return json.dumps(data, ensure_ascii=False, sort_keys=True)


def posting_from_json(text: str) -> Posting:
    data: dict[str, Any] = json.loads(text)
    pay = data.get("salary")
    return Posting(
        **{
            **data,
            "locations": tuple(data.get("locations") or ()),
            "countries": tuple(data.get("countries") or ()),
            "work_mode": WorkMode(data["work_mode"]) if data.get("work_mode") else None,
            "salary": Salary(**pay) if pay else None,
            "posted_at": datetime.fromisoformat(data["posted_at"])
            if data.get("posted_at")
            else None,
        }
    )


def filters_to_json(filters: Filters) -> str:
    return json.dumps(asdict(filters), sort_keys=True)


def filters_from_json(text: str) -> Filters:
    data: dict[str, Any] = json.loads(text or "{}")
    known = {f.name for f in fields(Filters)}
    values: dict[str, Any] = {
        k: tuple(v) if isinstance(v, list) else v for k, v in data.items() if k in known
    }
    if "work_modes" in values:
        values["work_modes"] = tuple(WorkMode(m) for m in values["work_modes"])
    return Filters(**values)
