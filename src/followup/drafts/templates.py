"""The draft templates: built-in ones shipped in the package, the user's own on top.

The owner's stored templates (kept with their data, `followup template set`) come first;
then, in the local mode, a file with the same name in the templates directory
($FOLLOWUP_HOME/templates); then the built-in one (a Jinja2 ChoiceLoader in that order).
Undefined names are errors (StrictUndefined), so a typo in a template never yields a vague
draft. Output is plain text, so there is no autoescaping.

Template format: an optional first line `Subject: ...`, a blank line, then the body.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any

from followup.domain.model import ActionKind, Channel
from followup.drafts.model import DraftProblem

if TYPE_CHECKING:
    import jinja2

USER_TEMPLATES_DIRNAME = "templates"

EMAIL_KINDS: tuple[ActionKind, ...] = (
    ActionKind.THANK_YOU,
    ActionKind.ESTIMATE_REQUEST,
    ActionKind.STATUS_CHECK,
    ActionKind.FINAL_NOTE,
    ActionKind.STAY_IN_TOUCH,
    ActionKind.REJECTION_REPLY,
    ActionKind.WITHDRAWAL,
    ActionKind.OFFER_ACK,
    ActionKind.OFFER_DECLINE,
    ActionKind.COMPETING_OFFER,
)


class TemplateProblem(DraftProblem):
    """A template cannot be used: the problem names the file and the line."""

    default_code = "template.invalid"


# Every (kind, channel) pair the planner can produce, each with a template of its own.
KIND_CHANNELS: tuple[tuple[ActionKind, Channel], ...] = (
    (ActionKind.THANK_YOU, Channel.EMAIL),
    (ActionKind.ESTIMATE_REQUEST, Channel.EMAIL),
    (ActionKind.STATUS_CHECK, Channel.EMAIL),
    (ActionKind.FINAL_NOTE, Channel.EMAIL),
    (ActionKind.STAY_IN_TOUCH, Channel.EMAIL),
    (ActionKind.REJECTION_REPLY, Channel.EMAIL),
    (ActionKind.WITHDRAWAL, Channel.EMAIL),
    (ActionKind.OFFER_ACK, Channel.EMAIL),
    (ActionKind.OFFER_DECLINE, Channel.EMAIL),
    (ActionKind.COMPETING_OFFER, Channel.EMAIL),
    (ActionKind.CALL, Channel.PHONE),
    (ActionKind.STATUS_CHECK, Channel.PHONE),
    (ActionKind.VOICEMAIL, Channel.VOICEMAIL),
    (ActionKind.LINKEDIN_NOTE, Channel.LINKEDIN),
    (ActionKind.STATUS_CHECK, Channel.LINKEDIN),
    (ActionKind.STAY_IN_TOUCH, Channel.LINKEDIN),
    (ActionKind.FIND_CONTACT, Channel.TASK),
    (ActionKind.OFFER_DECISION, Channel.TASK),
)


def non_email_form(kind: ActionKind, channel: Channel) -> str | None:
    """The form an action takes when it is no e-mail (None for an e-mail).

    One of "task", "voicemail", "call", "linkedin-note" or "linkedin-message": the draft's
    template and the linter's message kind are both chosen by it.
    """
    if kind is ActionKind.FIND_CONTACT or channel is Channel.TASK:
        return "task"
    if kind is ActionKind.VOICEMAIL or channel is Channel.VOICEMAIL:
        return "voicemail"
    if kind is ActionKind.CALL or channel in (Channel.PHONE, Channel.IN_PERSON):
        return "call"
    if kind is ActionKind.LINKEDIN_NOTE:
        return "linkedin-note"
    if channel is Channel.LINKEDIN:
        return "linkedin-message"
    return None


_FORM_TEMPLATES = {
    "task": "find-contact.task.j2",
    "voicemail": "voicemail.phone.j2",
    "call": "call.phone.j2",
    "linkedin-note": "linkedin-note.linkedin.j2",
    "linkedin-message": "linkedin-message.linkedin.j2",
}


def template_name(kind: ActionKind, channel: Channel) -> str:
    """The template for an action: by what is said (kind) and how (channel)."""
    if kind is ActionKind.OFFER_DECISION:
        return "offer-decision.task.j2"
    form = non_email_form(kind, channel)
    return f"{kind.value}.email.j2" if form is None else _FORM_TEMPLATES[form]


def all_template_names() -> tuple[str, ...]:
    """Every template the planner's actions can need (shared includes not counted)."""
    names = [f"{k.value}.email.j2" for k in EMAIL_KINDS]
    names += [
        "call.phone.j2",
        "voicemail.phone.j2",
        "linkedin-note.linkedin.j2",
        "linkedin-message.linkedin.j2",
        "find-contact.task.j2",
        "offer-decision.task.j2",
    ]
    return tuple(names)


def _compiled_templates() -> Any:
    """Templates compiled once and kept between runs, next to the other kept data
    (followup.kept): Jinja2 names each by the template's name and a checksum of its text,
    so an edited template is compiled again. None (no cache) where the folder can't be made."""
    import jinja2

    from followup.kept import cache_dir

    folder = cache_dir() / "templates"
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError:
        return None
    return jinja2.FileSystemBytecodeCache(str(folder))


class DraftTemplates:
    """A Jinja2 environment over the user's and the built-in templates."""

    def __init__(
        self, user_dir: Path | None = None, stored: Mapping[str, str] | None = None
    ) -> None:
        import jinja2

        loaders: list[jinja2.BaseLoader] = []
        self.stored = dict(stored or {})
        if self.stored:
            loaders.append(jinja2.DictLoader(self.stored))
        if user_dir is not None and user_dir.is_dir():
            loaders.append(jinja2.FileSystemLoader(str(user_dir), encoding="utf-8"))
        loaders.append(jinja2.PackageLoader("followup", "templates", encoding="utf-8"))
        self.user_dir = user_dir
        self.env = jinja2.Environment(
            loader=jinja2.ChoiceLoader(loaders),
            undefined=jinja2.StrictUndefined,
            autoescape=False,
            trim_blocks=True,
            lstrip_blocks=True,
            keep_trailing_newline=True,
            bytecode_cache=_compiled_templates(),
        )

    def render(self, name: str, context: Mapping[str, object]) -> str:
        import jinja2

        try:
            template = self.env.get_template(name)
            return template.render(**context)
        except jinja2.TemplateSyntaxError as exc:
            where = exc.filename or exc.name or name
            raise TemplateProblem(
                f"{where}:{exc.lineno}: template syntax error: {exc.message}",
                code="template.syntax",
                params={"file": str(where), "line": exc.lineno, "name": name},
            ) from None
        except jinja2.UndefinedError as exc:
            where = self.filename_of(name)
            raise TemplateProblem(
                f"{where}: {exc.message}",
                code="template.undefined",
                params={"file": where, "names": ", ".join(sorted(context))},
            ) from None
        except jinja2.TemplateNotFound as exc:
            raise TemplateProblem(
                f"no template {exc.name!r}",
                code="template.missing",
                params={"name": exc.name, "dir": str(self.user_dir or "the templates directory")},
            ) from None
        except UnicodeDecodeError as exc:
            raise TemplateProblem(
                f"{self.filename_of(name)}: not UTF-8 text ({exc.reason})",
                code="template.not-utf8",
                params={"file": self.filename_of(name)},
            ) from None

    def check_syntax(self, name: str) -> None:
        """Parse the template `name` (and what it includes), raising TemplateProblem with the
        line of a syntax error."""
        import jinja2

        try:
            self.env.get_template(name)
        except jinja2.TemplateSyntaxError as exc:
            raise TemplateProblem(
                f"{name}:{exc.lineno}: template syntax error: {exc.message}",
                code="template.syntax",
                params={"file": name, "line": exc.lineno, "name": name},
            ) from None

    def filename_of(self, name: str) -> str:
        """Where a template comes from: the stored one, the user's file, or the built-in."""
        if name in self.stored:
            return f"your template {name}"
        if self.user_dir is not None and (self.user_dir / name).is_file():
            return str(self.user_dir / name)
        return f"built-in {name}"

    def is_overridden(self, name: str) -> bool:
        return name in self.stored or (
            self.user_dir is not None and (self.user_dir / name).is_file()
        )

    def source(self, name: str) -> str:
        """The text of the template `name` as it is used (stored, file or built-in)."""
        import jinja2

        try:
            text, _, _ = self.env.loader.get_source(self.env, name)  # type: ignore[union-attr]
        except jinja2.TemplateNotFound:
            raise TemplateProblem(
                f"no template {name!r}", code="template.unknown", params={"name": name}
            ) from None
        return text
