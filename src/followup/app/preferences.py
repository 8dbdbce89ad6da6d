"""Use cases of the owner's preferences: their zone, country and playbook (with overrides).

Each choice is kept as a `pref.<name>` setting of the owner (followup.app.prefs); where they
made none, the deployment's value applies. Setting one checks it first (a known zone, a
country whose holidays followup knows, a playbook that loads with the overrides), and
re-plans every application, since every plan depends on them.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from followup.app.errors import InputError
from followup.app.prefs import PREFIX, Preferences, preferences_from, stored_value
from followup.app.schedule import replan
from followup.app.validate import check_country, check_zone

if TYPE_CHECKING:
    from followup.app.context import Context


@dataclass(frozen=True, slots=True)
class PreferenceChanges:
    """What `prefs set` and the web form change (None: keep)."""

    user_tz: str | None = None
    user_country: str | None = None
    playbook: str | None = None
    # Overrides merged into the current ones: dotted path -> value; None removes the path.
    overrides: Mapping[str, Any] = field(default_factory=dict)


def show_preferences(ctx: Context) -> Preferences:
    """The owner's preferences, each with where its value comes from (`sources`)."""
    return ctx.prefs


def preferences_record(shown: Preferences) -> dict[str, Any]:
    """The preferences as JSON-ready data (`prefs show --json`)."""
    return {
        "user_tz": shown.user_tz,
        "user_country": shown.user_country,
        "playbook": shown.playbook,
        "playbook_overrides": dict(shown.playbook_overrides),
        "sources": dict(shown.sources),
    }


def set_preferences(ctx: Context, data: PreferenceChanges) -> Preferences:
    """Check and store the given preferences; the others keep their values."""
    from followup.playbook import load_playbook

    current = ctx.prefs
    values: dict[str, Any] = {}
    if data.user_tz is not None:
        values["user_tz"] = check_zone(data.user_tz)
    if data.user_country is not None:
        values["user_country"] = check_country(data.user_country)
    if data.playbook is not None:
        if not data.playbook.strip():
            raise InputError("the playbook name is empty", code="prefs.playbook-empty")
        values["playbook"] = data.playbook.strip()
    if data.overrides:
        merged = dict(current.playbook_overrides)
        for path, value in data.overrides.items():
            if value is None:
                merged.pop(path, None)
            else:
                merged[path] = value
        values["playbook_overrides"] = merged
    if not values:
        raise InputError("nothing to set", code="prefs.nothing-to-set")
    # The playbook must load with the overrides (PlaybookError names the problem).
    load_playbook(
        values.get("playbook", current.playbook),
        values.get("playbook_overrides", current.playbook_overrides) or None,
    )
    with ctx.uow() as uow:
        for name, value in values.items():
            uow.settings.set(PREFIX + name, stored_value(name, value))
        # Every plan depends on them: re-plan each application in the same transaction, by
        # the preferences as they now are.
        stored = {k: v for k, v in uow.settings.all().items() if k.startswith(PREFIX)}
        planning = ctx.with_prefs(preferences_from(stored, ctx.settings))
        for app in uow.applications.all():
            replan(planning, uow, app.id)
    ctx.forget_prefs()
    return ctx.prefs


def stored_settings(ctx: Context, prefixes: tuple[str, ...]) -> tuple[dict[str, str], str | None]:
    """The owner's stored settings under these prefixes, and the problem if the database
    can't be read (reported, not raised: `config show` is where one looks for what is
    wrong with the database URL)."""
    try:
        values = ctx.reader().settings()
    except Exception as exc:  # any driver or schema error: shown in one line
        return {}, " ".join(str(exc).split()) or type(exc).__name__
    return {k: v for k, v in sorted(values.items()) if k.startswith(prefixes)}, None
