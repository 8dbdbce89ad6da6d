"""What the command modules share: settings, the store, the clock, input and output."""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import date, datetime
from typing import TYPE_CHECKING, Any, TypeVar
from zoneinfo import ZoneInfo

import click

if TYPE_CHECKING:
    from followup.config import Settings
    from followup.store import Reader
    from followup.store.store import Store

F = TypeVar("F", bound=Callable[..., Any])


def current_settings(ctx: click.Context | None = None) -> Settings:
    """The settings of this invocation, read once (from the environment and config file)."""
    root = (ctx or click.get_current_context()).find_root()
    root.ensure_object(dict)
    if "settings" not in root.obj:
        from followup.config import load_settings

        root.obj["settings"] = load_settings()
    settings: Settings = root.obj["settings"]
    return settings


def open_store() -> Store:
    from followup.store import open_store as open_configured

    store = open_configured(current_settings().database_url)
    click.get_current_context().call_on_close(store.close)
    return store


def open_reader() -> Reader:
    from followup.store import open_reader as open_configured

    reader = open_configured(current_settings().database_url)
    click.get_current_context().call_on_close(reader.close)
    return reader


def now() -> datetime:
    """The current time in the user's zone (the only place the CLI reads the clock)."""
    return datetime.now(ZoneInfo(current_settings().user_tz))


def parse_datetime(text: str | None, what: str) -> datetime | None:
    """A typed datetime, naive if it had no offset (the use case picks the zone)."""
    if text is None:
        return None
    from followup.services.timeparse import parse_datetime as parse

    return parse(text, what)


def parse_date(text: str | None, what: str) -> date | None:
    if text is None:
        return None
    from followup.services.timeparse import parse_date as parse

    return parse(text, what)


def as_of(text: str | None) -> datetime:
    """The moment a plan is made for: --as-of (naive = the user's zone), else now."""
    value = parse_datetime(text, "--as-of")
    if value is None:
        return now()
    from followup.services.timeparse import in_zone

    return in_zone(value, current_settings().user_tz)


def json_option(function: F) -> F:
    return click.option(
        "--json", "as_json", is_flag=True, help="Print JSON (for scripts) instead of a table."
    )(function)


def print_json(data: Any) -> None:
    click.echo(json.dumps(data, indent=2, ensure_ascii=False, default=str))


def console() -> Any:
    """A Rich console on stdout (imported only by commands that print for humans)."""
    from rich.console import Console

    return Console(highlight=False, soft_wrap=True)


def table(title: str | None, columns: list[str], rows: list[list[str]]) -> None:
    from rich.table import Table

    view = Table(title=title, title_justify="left", show_edge=False, pad_edge=False)
    for column in columns:
        view.add_column(column, overflow="fold")
    for row in rows:
        view.add_row(*row)
    console().print(view)


def short_time(value: datetime | None) -> str:
    return "" if value is None else value.strftime("%a %d %b %Y %H:%M %Z").strip()
