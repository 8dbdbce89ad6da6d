"""The owner's own templates, kept with their data (one setting holds them all, by name).

A stored template replaces the built-in one of the same name for that owner only. It is
checked before it is kept: a known name, UTF-8 text of a sensible size, valid Jinja2, and
it renders for a sample action without naming anything a draft does not provide.
"""

from __future__ import annotations

import json

from followup.drafts.profile import SettingsReader, SettingsStore
from followup.drafts.templates import TemplateProblem, all_template_names

TEMPLATES_KEY = "drafts.templates"
MAX_TEMPLATE_BYTES = 64 * 1024
SHARED_NAMES = ("_signature.j2",)  # included by the others


def known_names() -> tuple[str, ...]:
    return (*all_template_names(), *SHARED_NAMES)


def load_stored(settings: SettingsReader) -> dict[str, str]:
    """The owner's stored templates by name ({} when none)."""
    raw = settings.get_setting(TEMPLATES_KEY)
    if not raw:
        return {}
    try:
        data = json.loads(raw)
    except ValueError:
        return {}
    if not isinstance(data, dict):
        return {}
    return {str(k): str(v) for k, v in data.items() if isinstance(v, str)}


def check_name(name: str) -> str:
    if name not in known_names():
        raise TemplateProblem(
            f"no template {name!r}",
            code="template.unknown",
            params={"name": name},
        )
    return name


def decode_template(data: bytes, name: str) -> str:
    """The text of an uploaded template, or a TemplateProblem naming what is wrong."""
    if len(data) > MAX_TEMPLATE_BYTES:
        raise TemplateProblem(
            f"the template {name} is {len(data):,} bytes; at most {MAX_TEMPLATE_BYTES:,}",
            code="template.too-large",
            params={"name": name, "limit": MAX_TEMPLATE_BYTES},
        )
    from followup.drafts.workflow import decode_edit

    text = decode_edit(data, f"the template {name}")
    if not text.strip():
        raise TemplateProblem(
            f"the template {name} is empty", code="template.empty", params={"name": name}
        )
    return text


def store_template(settings: SettingsStore, name: str, text: str) -> None:
    stored = load_stored(settings)
    stored[check_name(name)] = text
    settings.set_setting(TEMPLATES_KEY, json.dumps(stored, sort_keys=True))


def remove_template(settings: SettingsStore, name: str) -> bool:
    """Forget the stored template `name`; False when there was none."""
    stored = load_stored(settings)
    if stored.pop(check_name(name), None) is None:
        return False
    if stored:
        settings.set_setting(TEMPLATES_KEY, json.dumps(stored, sort_keys=True))
    else:
        settings.delete_setting(TEMPLATES_KEY)
    return True
