"""Tables printed without rich read exactly as rich printed them (followup.cli.plain_table)."""

from __future__ import annotations

import io
import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from followup.cli.plain_table import print_table

CELL = st.text(alphabet=st.sampled_from("ab XYZ-./:()0123456789"), max_size=40)


def as_rich_printed(columns: list[str], rows: list[list[str]], width: int) -> str:
    """What cli.common.table printed with rich, before plain_table."""
    from rich.console import Console
    from rich.table import Table

    view = Table(title=None, title_justify="left", show_edge=False, pad_edge=False)
    for column in columns:
        view.add_column(column, overflow="fold")
    for row in rows:
        view.add_row(*row)
    console = Console(file=io.StringIO(), highlight=False, soft_wrap=True, width=width)
    console.print(view)
    return console.file.getvalue()  # type: ignore[attr-defined, no-any-return]


def plain(
    columns: list[str],
    rows: list[list[str]],
    width: int,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> str:
    monkeypatch.setenv("COLUMNS", str(width))
    assert print_table(columns, rows)
    return capsys.readouterr().out


DEMO = [
    ["1", "Acme", "Data Engineer", "waiting", "thank-you due Tue 01 Dec 16:30 UTC (11:30 EST)"],
    ["6", "Hooli", "Site Reliability Engineer", "scheduled", ""],
    ["12", "Initech", "Backend Developer", "waiting", "estimate-request due Mon 30 Nov 17:00 UTC"],
]  # fmt: skip


@pytest.mark.parametrize("width", [20, 40, 60, 80, 132])
def test_the_application_list_reads_as_rich_printed_it(
    width: int, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    columns = ["id", "company", "role", "stage", "next"]
    assert plain(columns, DEMO, width, capsys, monkeypatch) == as_rich_printed(columns, DEMO, width)


@settings(max_examples=300, deadline=None)
@given(
    shape=st.integers(1, 6).flatmap(
        lambda n: st.tuples(
            st.lists(CELL.filter(bool), min_size=n, max_size=n),
            st.lists(st.lists(CELL, min_size=n, max_size=n), max_size=4),
        )
    ),
    width=st.integers(10, 120),
)
def test_any_ascii_table_reads_as_rich_printed_it(
    shape: tuple[list[str], list[list[str]]], width: int
) -> None:
    columns, rows = shape
    with pytest.MonkeyPatch.context() as monkeypatch:
        monkeypatch.setenv("COLUMNS", str(width))
        out = io.StringIO()
        monkeypatch.setattr("sys.stdout", out)
        done = print_table(columns, rows)
    if done:
        assert out.getvalue() == as_rich_printed(columns, rows, width)
    else:  # an emoji code, or a column narrower than a letter, is left to rich
        assert out.getvalue() == ""
        cells = [*columns, *(c for r in rows for c in r)]
        assert any(re.search(r":\S*?:", c) for c in cells) or width < 4 * len(columns)


@pytest.mark.parametrize(
    "cell", ["[bold]Acme[/bold]", "Café", ":smile: Inc", "tab\there", "two\nlines"]
)
def test_what_rich_reads_differently_is_left_to_rich(
    cell: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assert not print_table(["company"], [[cell]])
    assert capsys.readouterr().out == ""
