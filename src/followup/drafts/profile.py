"""The user's profile and saved drafts, kept as settings in the store.

The store provides key-value settings; the profile is one setting per field under
`profile.` so that `followup config show` can list them, and an edited draft is kept
under `draft.<action id>` until it is sent.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Protocol, runtime_checkable

from followup.drafts import hints
from followup.drafts.model import SIGNOFFS, Profile
from followup.errors import UserError

PROFILE_PREFIX = "profile."
DRAFT_PREFIX = "draft."
AI_ENABLED_KEY = "drafts.ai"
AI_MODEL_KEY = "drafts.ai_model"
PROFILE_FIELDS: tuple[str, ...] = tuple(Profile.__dataclass_fields__)
REQUIRED_FIELDS: tuple[str, ...] = ("name", "email", "phone", "qualifications")
EMAIL_RE = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")


class SettingsReader(Protocol):
    def get_setting(self, key: str) -> str | None: ...


@runtime_checkable
class SettingsStore(SettingsReader, Protocol):
    def set_setting(self, key: str, value: str) -> None: ...

    def delete_setting(self, key: str) -> None: ...


class ProfileProblem(UserError):
    """A profile value is refused: the problem names the field; `code` and `params` let the
    front end word the fix."""


def load_profile(settings: SettingsReader) -> Profile | None:
    """The stored profile, or None when it was never set."""
    values = {f: settings.get_setting(PROFILE_PREFIX + f) for f in PROFILE_FIELDS}
    present = {k: v for k, v in values.items() if v is not None}
    if not present:
        return None
    return Profile.from_dict(present)


def save_profile(settings: SettingsStore, profile: Profile) -> None:
    for name, value in profile.to_dict().items():
        settings.set_setting(PROFILE_PREFIX + name, value)


def accepted_signoffs(extra: Iterable[str] = ()) -> tuple[str, ...]:
    return tuple(dict.fromkeys((*SIGNOFFS, *extra)))


def check_profile_values(
    changes: dict[str, str | None], signoffs: Iterable[str] = SIGNOFFS
) -> dict[str, str]:
    """The given values cleaned up; raises ProfileProblem for one that would spoil drafts."""
    clean: dict[str, str] = {}
    for name, raw in changes.items():
        if raw is None:
            continue
        if name == "qualifications":
            # One qualification per line (or ";"): thank-yous pick the one that fits.
            lines = (" ".join(part.split()) for part in re.split(r"[\n;]", raw))
            value = "\n".join(line for line in lines if line)
        else:
            value = " ".join(raw.split())
        if name == "email" and value and not EMAIL_RE.match(value):
            raise ProfileProblem(
                f"the email {raw!r} is not an email address",
                code="profile.email",
                params={"value": raw},
            )
        if name == "signoff":
            value = value.rstrip(",")
            match = next((s for s in signoffs if s.casefold() == value.casefold()), None)
            if match is None:
                accepted = ", ".join(f'"{s}"' for s in signoffs)
                raise ProfileProblem(
                    f"the sign-off {raw!r} is not a professional sign-off "
                    f"(the accepted ones: {accepted})",
                    code="profile.signoff",
                    params={"value": raw, "accepted": accepted},
                )
            value = match
        if (
            name == "linkedin"
            and value
            and not re.match(r"^(?:https?://)?[\w.-]+\.\w+/\S+$", value)
        ):
            raise ProfileProblem(
                f"the LinkedIn address {raw!r} is not a profile URL",
                code="profile.linkedin",
                params={"value": raw},
            )
        if name == "name" and not value:
            raise ProfileProblem("your name is empty", code="profile.name-empty")
        clean[name] = value
    return clean


def missing_profile_message(profile: Profile | None) -> str | None:
    """What `followup draft` says when the profile is not set up (asked once)."""
    gaps = [f for f in REQUIRED_FIELDS if profile is None or not str(getattr(profile, f)).strip()]
    if not gaps:
        return None
    options = hints.profile_set(*gaps)
    if profile is None:
        return f"no profile yet: drafts are signed with it; run `{options}` once"
    return f"your profile has no {', '.join(gaps)}: run `{options}`"


def saved_draft_key(action_id: str) -> str:
    return DRAFT_PREFIX + action_id


@dataclass(frozen=True, slots=True)
class SavedText:
    text: str
    source: str  # "edited" by the user, or "ai" (kept so that sending uses what was shown)


def load_saved(settings: SettingsReader, action_id: str) -> SavedText | None:
    """The text kept for this action, if any."""
    raw = settings.get_setting(saved_draft_key(action_id))
    if raw is None:
        return None
    try:
        data = json.loads(raw)
    except json.JSONDecodeError:
        return None
    if not isinstance(data, dict) or not isinstance(data.get("text"), str):
        return None
    source = data.get("source")
    return SavedText(data["text"], source if source in ("edited", "ai") else "edited")


def load_saved_text(settings: SettingsReader, action_id: str) -> str | None:
    """The text kept for this action, if any."""
    saved = load_saved(settings, action_id)
    return saved.text if saved else None


def save_text(settings: SettingsStore, action_id: str, text: str, source: str = "edited") -> None:
    settings.set_setting(saved_draft_key(action_id), json.dumps({"text": text, "source": source}))


def discard_text(settings: SettingsStore, action_id: str) -> bool:
    """Forget the edited text of an action; False if there was none."""
    if settings.get_setting(saved_draft_key(action_id)) is None:
        return False
    settings.delete_setting(saved_draft_key(action_id))
    return True


def ai_settings(settings: SettingsReader) -> tuple[bool, str | None]:
    enabled = (settings.get_setting(AI_ENABLED_KEY) or "").strip().lower()
    return enabled in ("1", "true", "yes", "on"), settings.get_setting(AI_MODEL_KEY)
