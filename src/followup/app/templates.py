"""Use cases of the owner's own draft templates: list, show, set (checked first), reset.

A stored template replaces the built-in one of the same name in that owner's drafts only
(followup.drafts.user_templates); in the local mode a file in $FOLLOWUP_HOME/templates
still works, below a stored one.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from followup.app.profile import UowSettings

if TYPE_CHECKING:
    from followup.app.context import Context
    from followup.drafts.templates import DraftTemplates


@dataclass(frozen=True, slots=True)
class TemplateInfo:
    name: str
    source: str  # "stored", "file" or "built-in"
    text: str = ""

    def record(self) -> dict[str, Any]:
        data: dict[str, Any] = {"name": self.name, "source": self.source}
        if self.text:
            data["text"] = self.text
        return data


@dataclass(frozen=True, slots=True)
class TemplateText:
    """What `template set NAME FILE` and the web form send: the raw bytes of the text."""

    name: str
    data: bytes


def _templates(ctx: Context) -> DraftTemplates:
    from followup.drafts.service import owner_templates

    return owner_templates(ctx.reader(), ctx.settings.home if ctx.local else None)


def _info(templates: DraftTemplates, name: str, *, text: bool) -> TemplateInfo:
    if name in templates.stored:
        source = "stored"
    elif templates.is_overridden(name):
        source = "file"
    else:
        source = "built-in"
    return TemplateInfo(name, source, templates.source(name) if text else "")


def list_templates(ctx: Context) -> list[TemplateInfo]:
    """Every template the drafts use, and where each comes from for this owner."""
    from followup.drafts.user_templates import known_names

    templates = _templates(ctx)
    return [_info(templates, name, text=False) for name in known_names()]


def show_template(ctx: Context, name: str) -> TemplateInfo:
    """The text of one template as this owner's drafts use it."""
    from followup.drafts.user_templates import check_name

    return _info(_templates(ctx), check_name(name), text=True)


def set_template(ctx: Context, data: TemplateText) -> TemplateInfo:
    """Keep the owner's own text of a template, once it is known to be valid Jinja2."""
    from followup.drafts.templates import DraftTemplates
    from followup.drafts.user_templates import check_name, decode_template, store_template

    name = check_name(data.name)
    text = decode_template(data.data, name)
    DraftTemplates(stored={name: text}).check_syntax(name)
    with ctx.uow() as uow:
        store_template(UowSettings(uow), name, text)
    return TemplateInfo(name, "stored", text)


def reset_template(ctx: Context, name: str) -> bool:
    """Forget the owner's text of a template (the built-in or file one is used again);
    False when there was none."""
    from followup.drafts.user_templates import remove_template

    with ctx.uow() as uow:
        return remove_template(UowSettings(uow), name)
