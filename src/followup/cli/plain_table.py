"""Tables printed as rich prints them, without importing rich (a good part of `app list`'s
start-up).

`print_table` lays out and wraps the columns as rich's `Table` does for `cli.common.table`
(no outer edge, a heavy rule under the header, each column folded at word boundaries when
the table is wider than the screen) and gives the same text. Cells it does not handle the
same way (anything but printable ASCII, rich markup "[...]", emoji codes ":name:") and
Windows consoles are left to rich: `print_table` says False and prints nothing.
tests/cli/test_plain_table.py compares both on many tables.
"""

from __future__ import annotations

import os
import re
import sys

import click

_PLAIN = re.compile(r"[ -~]*")  # printable ASCII
_EMOJI = re.compile(r":\S*?:")  # what rich might read as an emoji code
_WORD = re.compile(r"\s*\S+\s*")  # a word and the spaces after it, as rich wraps


def handled(cells: list[str]) -> bool:
    return sys.platform != "win32" and all(
        _PLAIN.fullmatch(c) and "[" not in c and not _EMOJI.search(c) for c in cells
    )


def screen_width() -> int:
    """The width rich gives a console: the first standard stream that is a terminal, or
    $COLUMNS, else 80."""
    width = 0
    for fd in (0, 1, 2):
        try:
            width = os.get_terminal_size(fd).columns
        except (AttributeError, ValueError, OSError):
            continue
        break
    columns = os.environ.get("COLUMNS")
    if columns is not None and columns.isdigit():
        width = int(columns)
    return width or 80


def _ratio_reduce(
    total: int, ratios: list[int], maximums: list[int], values: list[int]
) -> list[int]:
    ratios = [r if m else 0 for r, m in zip(ratios, maximums, strict=True)]
    total_ratio, remaining, result = sum(ratios), total, []
    if not total_ratio:
        return values[:]
    for ratio, maximum, value in zip(ratios, maximums, values, strict=True):
        if ratio and total_ratio > 0:
            cut = min(maximum, round(ratio * remaining / total_ratio))
            result.append(value - cut)
            remaining -= cut
            total_ratio -= ratio
        else:
            result.append(value)
    return result


def _collapse(widths: list[int], max_width: int) -> list[int]:
    """Narrow the widest columns first, as far as the next widest, until the table fits."""
    excess = sum(widths) - max_width
    while sum(widths) and excess > 0:
        widest = max(widths)
        second = max((w for w in widths if w != widest), default=0)
        difference = widest - second
        ratios = [1 if w == widest else 0 for w in widths]
        if not difference:
            break
        widths = _ratio_reduce(excess, ratios, [min(excess, difference)] * len(widths), widths)
        excess = sum(widths) - max_width
    return widths


def _column_widths(rows: list[list[str]], pads: list[int], max_width: int) -> list[int]:
    widths = []
    for i, pad in enumerate(pads):
        longest = max((len(line) for row in rows for line in [row[i]]), default=0)
        widths.append(min(longest + pad, max_width) or 1)
    if sum(widths) > max_width:
        widths = _collapse(widths, max_width)
        if sum(widths) > max_width:
            widths = _ratio_reduce(sum(widths) - max_width, [1] * len(widths), widths, widths)
        widths = [min(w, max_width) for w in widths]
    return widths


def wrap(text: str, width: int) -> list[str]:
    """The lines of `text` in `width` columns: broken before a word that does not fit, a
    word longer than the width folded, each line padded to the width."""
    breaks: list[int] = []
    offset = 0
    for match in _WORD.finditer(text):
        start, word = match.start(), match.group()
        length = len(word.rstrip())
        if width - offset >= length:
            offset += len(word)
        elif length > width:
            pieces = [word[i : i + width] for i in range(0, len(word), width)]
            for n, piece in enumerate(pieces):
                if start:
                    breaks.append(start)
                if n == len(pieces) - 1:
                    offset = len(piece)
                else:
                    start += len(piece)
        else:
            breaks.append(start)
            offset = len(word)
    lines = []
    for a, b in zip([0, *breaks], [*breaks, len(text)], strict=True):
        line = text[a:b]
        if len(line) > width:  # spaces past the edge go, then anything else past it
            trailing = len(line) - len(line.rstrip())
            line = line[: len(line) - min(trailing, len(line) - width)][:width]
        lines.append(line.ljust(width))
    return lines


def print_table(columns: list[str], rows: list[list[str]]) -> bool:
    """Print the table as rich would, or say False (and print nothing) if rich must."""
    if not handled([*columns, *(c for row in rows for c in row)]):
        return False
    count = len(columns)
    pads = [(i > 0) + (i < count - 1) for i in range(count)]
    widths = _column_widths([columns, *rows], pads, screen_width() - (count - 1))
    if any(w <= p for w, p in zip(widths, pads, strict=True)):
        return False  # a column narrower than a letter: rich's own way
    styled = sys.stdout.isatty()

    def lines(cells: list[str], bar: str, header: bool = False) -> list[str]:
        wrapped = [wrap(c, w - p) for c, w, p in zip(cells, widths, pads, strict=True)]
        height = max(len(w) for w in wrapped)
        out = []
        for n in range(height):
            parts = []
            for i, (cell, w, p) in enumerate(zip(wrapped, widths, pads, strict=True)):
                at = n - (height - len(cell) if header else 0)  # a header sits at the bottom
                text = cell[at] if 0 <= at < len(cell) else " " * (w - p)
                text = click.style(text, bold=True) if header and styled else text
                parts.append((" " if i > 0 else "") + text + (" " if i < count - 1 else ""))
            out.append(bar.join(parts))
        return out

    shown = lines(columns, "┃", header=True)
    shown.append("╇".join("━" * w for w in widths))
    for row in rows:
        shown.extend(lines(row, "│"))
    click.echo("\n".join(shown))
    return True
