"""What the command modules share: the context, input parsing and the output format.

The composition root builds one `Context` per invocation (`context()`); commands parse
their options into a use case's input, call it, and hand the result to `emit`, which prints
it in the format chosen once for the whole invocation (human, or JSON with `--json`).
"""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import date, datetime
from typing import TYPE_CHECKING, Any, TypeVar

import click

if TYPE_CHECKING:
    from followup.app.context import Context
    from followup.config import Settings

F = TypeVar("F", bound=Callable[..., Any])

# The id of a row (an application, person, interview, outbox message...): larger numbers
# name nothing and are refused as input, never sent to the database.
ROW_ID = click.IntRange(1, 2**31 - 1)  # followup.store.ids.MAX_ROW_ID


def current_settings(ctx: click.Context | None = None) -> Settings:
    """The settings of this invocation, read once (from the environment and config file)."""
    root = (ctx or click.get_current_context()).find_root()
    root.ensure_object(dict)
    if "settings" not in root.obj:
        from followup.config import load_settings

        root.obj["settings"] = load_settings()
    settings: Settings = root.obj["settings"]
    return settings


def context() -> Context:
    """The context of this invocation (the composition root builds it once)."""
    root = click.get_current_context().find_root()
    root.ensure_object(dict)
    if "context" not in root.obj:
        from followup.app.root import build_context

        ctx = build_context(current_settings())
        root.obj["context"] = ctx
        root.call_on_close(ctx.close)
    built: Context = root.obj["context"]
    return built


def parse_datetime(text: str | None, what: str) -> datetime | None:
    """A typed datetime, naive if it had no offset (the use case picks the zone)."""
    if text is None:
        return None
    from followup.app.timeparse import parse_datetime as parse

    return parse(text, what)


def parse_date(text: str | None, what: str) -> date | None:
    if text is None:
        return None
    from followup.app.timeparse import parse_date as parse

    return parse(text, what)


def context_at(as_of_text: str | None) -> Context:
    """The invocation's context, seen at --as-of (naive: the owner's zone) if given."""
    moment = parse_datetime(as_of_text, "--as-of")
    ctx = context()
    if moment is not None:
        from followup.app.clock import FixedClock
        from followup.app.timeparse import in_zone

        ctx.with_clock(FixedClock(in_zone(moment, ctx.prefs.user_tz)))
        ctx.as_of_view = True
    return ctx


def _choose_json(ctx: click.Context, _param: click.Parameter, value: bool) -> bool:
    root = ctx.find_root()
    root.ensure_object(dict)
    if value:
        root.obj["json"] = True
    return bool(root.obj.get("json"))


def json_option(function: F) -> F:
    """`--json` on a command: the same choice as `followup --json COMMAND`, made once for
    the invocation (commands don't see it: they call `emit`)."""
    return click.option(
        "--json",
        "as_json",
        is_flag=True,
        expose_value=False,
        is_eager=True,
        callback=_choose_json,
        help="Print JSON (for scripts) instead of text.",
    )(function)


def wants_json() -> bool:
    root = click.get_current_context().find_root()
    return bool((root.obj or {}).get("json"))


def emit(data: Any, human: Callable[[], None]) -> None:
    """Print a result in the invocation's format: `data` as JSON, or `human()` for people."""
    if wants_json():
        print_json(data)
    else:
        human()


def print_json(data: Any) -> None:
    click.echo(json.dumps(data, indent=2, ensure_ascii=False, default=str))


def console() -> Any:
    """A Rich console on stdout (imported only by commands that print for humans)."""
    from rich.console import Console

    return Console(highlight=False, soft_wrap=True)


def table(title: str | None, columns: list[str], rows: list[list[str]]) -> None:
    from followup.cli.plain_table import print_table

    if title is None and print_table(columns, rows):
        return  # the same text, without rich's import
    from rich.table import Table

    view = Table(title=title, title_justify="left", show_edge=False, pad_edge=False)
    for column in columns:
        view.add_column(column, overflow="fold")
    for row in rows:
        view.add_row(*row)
    console().print(view)


def short_time(value: datetime | None) -> str:
    return "" if value is None else value.strftime("%a %d %b %Y %H:%M %Z").strip()
