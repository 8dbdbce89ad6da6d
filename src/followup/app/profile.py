"""Use cases of the candidate's profile: who signs the drafts, and the AI drafting switch.

The profile is kept in the owner's settings (`profile.<field>`, followup.drafts.profile).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from followup.app.errors import InputError

if TYPE_CHECKING:
    from followup.app.context import Context
    from followup.drafts.model import Profile
    from followup.store.uow import UnitOfWork


class UowSettings:
    """A unit of work's settings as the drafts' settings protocol (get/set/delete_setting)."""

    def __init__(self, uow: UnitOfWork) -> None:
        self._settings = uow.settings

    def get_setting(self, key: str) -> str | None:
        return self._settings.get(key)

    def set_setting(self, key: str, value: str) -> None:
        self._settings.set(key, value)

    def delete_setting(self, key: str) -> None:
        self._settings.delete(key)


@dataclass(frozen=True, slots=True)
class ProfileChanges:
    """What `profile set` and the web form change (None: keep)."""

    values: Mapping[str, str | None] = field(default_factory=dict)  # field -> new value
    ai_drafting: bool | None = None
    ai_model: str | None = None


@dataclass(frozen=True, slots=True)
class ProfileView:
    profile: Profile | None  # None: never set
    ai_drafting: bool
    ai_model: str | None
    missing: tuple[str, ...]  # required fields without a value

    @property
    def complete(self) -> bool:
        return not self.missing

    def record(self) -> dict[str, Any]:
        """`profile show --json`."""
        data: dict[str, Any] = dict(self.profile.to_dict()) if self.profile else {}
        data["ai_drafting"] = self.ai_drafting
        data["ai_model"] = self.ai_model
        data["complete"] = self.complete
        return data


def show_profile(ctx: Context) -> ProfileView:
    return _view(ctx.reader())


def set_profile(ctx: Context, data: ProfileChanges) -> ProfileView:
    """Set any of the profile's fields (the others keep their values) and the AI switch."""
    from followup.drafts.model import Profile
    from followup.drafts.profile import (
        AI_ENABLED_KEY,
        AI_MODEL_KEY,
        accepted_signoffs,
        check_profile_values,
        load_profile,
        save_profile,
    )

    given: dict[str, str | None] = {k: v for k, v in data.values.items() if v is not None}
    if not given and data.ai_drafting is None and data.ai_model is None:
        raise InputError("nothing to set", code="profile.nothing-to-set")
    clean = check_profile_values(given, accepted_signoffs(_linter_signoffs()))
    with ctx.uow() as uow:
        settings = UowSettings(uow)
        if clean:
            current = load_profile(settings) or Profile()
            save_profile(settings, current.updated(**clean))
        if data.ai_drafting is not None:
            settings.set_setting(AI_ENABLED_KEY, "on" if data.ai_drafting else "off")
        if data.ai_model is not None:
            settings.set_setting(AI_MODEL_KEY, data.ai_model.strip())
        return _view(settings)


def _view(settings: Any) -> ProfileView:
    from followup.drafts.profile import REQUIRED_FIELDS, ai_settings, load_profile

    stored = load_profile(settings)
    ai_on, ai_model = ai_settings(settings)
    missing = tuple(
        f for f in REQUIRED_FIELDS if stored is None or not str(getattr(stored, f)).strip()
    )
    return ProfileView(stored, ai_on, ai_model, missing)


def _linter_signoffs() -> tuple[str, ...]:
    """The sign-offs the linter accepts, written as people write them."""
    from followup.lint import load_rules

    return tuple(s[:1].upper() + s[1:] for s in load_rules().signoffs)
