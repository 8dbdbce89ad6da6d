"""The JSON API of the owner's preferences (zone, country, playbook and its overrides) and
profile (who signs the drafts): read and change them as `followup prefs` and `followup
profile` do (followup.app.preferences, followup.app.profile)."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Request
from pydantic import BaseModel, Field

from followup.errors import UserError
from followup.web.api import router as reads
from followup.web.api_models import Strict, Text
from followup.web.pages import context_of

router = APIRouter(prefix="/api", tags=["api"], responses=reads.responses)

OverrideValue = Annotated[
    str | int | float | bool | list[str | int | float | bool] | None, Field(union_mode="smart")
]


class PreferencesIn(Strict):
    """The preferences to change; the others keep their values."""

    user_tz: Text | None = Field(default=None, description="IANA zone, e.g. Europe/Berlin")
    user_country: Text | None = Field(default=None, description="ISO code: its holidays apply")
    playbook: str | None = Field(
        default=None,
        max_length=40,
        description="a built-in playbook (seed, prompt); a YAML file is set from the CLI",
    )
    overrides: dict[Annotated[str, Field(max_length=120)], OverrideValue] = Field(
        default_factory=dict,
        max_length=50,
        description="dotted path of the playbook -> value; null removes the override",
    )


class PreferencesOut(BaseModel):
    """`followup prefs show --json`."""

    user_tz: str
    user_country: str
    playbook: str
    playbook_overrides: dict[str, Any]
    sources: dict[str, str] = Field(description='where each comes from ("owner": yours)')


class ProfileIn(Strict):
    """The profile's members to change; the others keep their values."""

    name: Text | None = None
    email: str | None = Field(default=None, max_length=254)
    phone: str | None = Field(default=None, max_length=50)
    qualifications: str | None = Field(default=None, max_length=500)
    signoff: Text | None = None
    linkedin: str | None = Field(default=None, max_length=500)
    ai_drafting: bool | None = None


class ProfileOut(BaseModel):
    """`followup profile show --json` (empty texts before the profile is set)."""

    name: str = ""
    phone: str = ""
    email: str = ""
    signoff: str = ""
    qualifications: str = ""
    linkedin: str = ""
    ai_drafting: bool
    ai_model: str | None
    complete: bool


def _preferences(shown: Any) -> PreferencesOut:
    from followup.app.preferences import preferences_record

    return PreferencesOut.model_validate(preferences_record(shown))


@router.get("/preferences")
async def preferences(request: Request) -> PreferencesOut:
    from followup.app.preferences import show_preferences

    return _preferences(show_preferences(context_of(request)))


@router.patch("/preferences")
async def change_preferences(request: Request, body: PreferencesIn) -> PreferencesOut:
    """Check and keep the members sent; every plan follows them."""
    from followup.app.preferences import PreferenceChanges, set_preferences
    from followup.playbook import PlaybookError, builtin_playbooks

    # Only a built-in one: a name that is no playbook would be read as a path on the server.
    if body.playbook is not None and body.playbook not in builtin_playbooks():
        allowed = ", ".join(builtin_playbooks())
        raise UserError(
            f"playbook {body.playbook!r} is not one of {allowed}",
            code="choice.unknown",
            params={"what": "playbook", "value": body.playbook, "allowed": allowed},
        )
    changes = PreferenceChanges(
        user_tz=body.user_tz,
        user_country=body.user_country,
        playbook=body.playbook,
        overrides=body.overrides,
    )
    try:
        return _preferences(set_preferences(context_of(request), changes))
    except PlaybookError as exc:  # an override the playbook does not take
        raise UserError(str(exc), params={"what": "overrides"}) from None


@router.get("/profile")
async def profile(request: Request) -> ProfileOut:
    from followup.app.profile import show_profile

    return ProfileOut.model_validate(show_profile(context_of(request)).record())


@router.patch("/profile")
async def change_profile(request: Request, body: ProfileIn) -> ProfileOut:
    """Change the members sent (`profile set`)."""
    from followup.app.profile import ProfileChanges, set_profile

    values = body.model_dump(exclude={"ai_drafting"}, exclude_none=True)
    view = set_profile(context_of(request), ProfileChanges(values, ai_drafting=body.ai_drafting))
    return ProfileOut.model_validate(view.record())
