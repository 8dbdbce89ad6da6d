"""The owner's preferences: their zone, country and playbook, kept with their data.

Each owner's choice is a row of their settings (`pref.<name>`); where they made none, the
deployment's value applies (config.toml and the environment: the local defaults of the
embedded mode, the server's defaults in server mode). `sources` says which one won.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from followup.config import Settings

PREFIX = "pref."
NAMES = ("user_tz", "user_country", "playbook", "playbook_overrides")


@dataclass(frozen=True, slots=True)
class Preferences:
    user_tz: str
    user_country: str
    playbook: str
    playbook_overrides: Mapping[str, Any] = field(default_factory=dict)
    sources: Mapping[str, str] = field(default_factory=dict)  # name -> "owner" or where from


def preferences_from(stored: Mapping[str, str], settings: Settings) -> Preferences:
    """The owner's stored choices (`pref.*` settings) over the deployment's values."""
    values: dict[str, Any] = {}
    sources: dict[str, str] = {}
    for name in NAMES:
        raw = stored.get(PREFIX + name)
        if raw is None:
            values[name] = getattr(settings, name)
            sources[name] = settings.sources.get(name, "default")
        else:
            values[name] = json.loads(raw) if name == "playbook_overrides" else raw
            sources[name] = "owner"
    return Preferences(**values, sources=sources)


def stored_value(name: str, value: Any) -> str:
    """How a preference is kept in the settings table."""
    return json.dumps(dict(value), sort_keys=True) if name == "playbook_overrides" else str(value)
