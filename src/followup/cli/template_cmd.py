"""`followup template`: your own wording of the draft templates, kept with your data."""

from __future__ import annotations

from typing import BinaryIO

import click

from followup.cli.common import context, emit, json_option


@click.group("template")
def template() -> None:
    """Your own draft templates: see the built-in ones, replace one, go back.

    Templates are Jinja2 text: an optional first line `Subject: ...`, a blank line, then the
    body. `followup template show thank-you.email.j2 > mine.j2`, edit mine.j2, then
    `followup template set thank-you.email.j2 mine.j2`. Your template is kept with your data
    and replaces the built-in one in every draft of that kind from then on.
    """


@template.command("list")
@json_option
def template_list() -> None:
    """Every template the drafts use, and whether yours or the built-in one is used."""
    from followup.app.templates import list_templates

    found = list_templates(context())

    def human() -> None:
        for info in found:
            mark = {"stored": "yours", "file": "your file", "built-in": "built-in"}[info.source]
            click.echo(f"{info.name:<30} {mark}")

    emit([info.record() for info in found], human)


@template.command("show")
@click.argument("name")
@json_option
def template_show(name: str) -> None:
    """Print the template NAME as your drafts use it (to save and edit)."""
    from followup.app.templates import show_template

    info = show_template(context(), name)
    emit(info.record(), lambda: click.echo(info.text, nl=not info.text.endswith("\n")))


@template.command("set")
@click.argument("name")
@click.argument("source", type=click.File("rb"), metavar="FILE")
@json_option
def template_set(name: str, source: BinaryIO) -> None:
    """Use the text of FILE (- for standard input) as the template NAME from now on.

    It is checked first (a known name, UTF-8, valid Jinja2); nothing is kept otherwise.
    """
    from followup.app.templates import TemplateText, set_template

    info = set_template(context(), TemplateText(name, source.read()))
    emit(
        info.record(),
        lambda: click.echo(
            f"Template {info.name} saved: your drafts use it from now on "
            f"(undo: followup template reset {info.name})."
        ),
    )


@template.command("reset")
@click.argument("name")
@json_option
def template_reset(name: str) -> None:
    """Forget your template NAME and go back to the built-in one."""
    from followup.app.templates import reset_template

    removed = reset_template(context(), name)
    message = (
        f"Template {name}: back to the built-in one."
        if removed
        else f"Template {name}: you had no template of your own; nothing changed."
    )
    emit({"name": name, "reset": removed}, lambda: click.echo(message))
