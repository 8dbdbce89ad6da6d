"""Error codes and their fixes: below the CLI an error says what is wrong and names it with a
code; the CLI words the fix of every code (followup.cli.fixes), and nothing below it words a
fix with a followup command."""

from __future__ import annotations

import ast
import functools
import re
from pathlib import Path

import pytest
from cli_support import Run

from followup.cli.fixes import FIXES, _all_fixes, worded
from followup.errors import UserError

SRC = Path(__file__).resolve().parents[2] / "src" / "followup"
CLI = SRC / "cli"
CODE = re.compile(r"""\b(?:code|default_code)\s*=\s*["']([a-z0-9.-]+)["']""")
# The base's default: a refusal raised without a code says its problem alone.
UNWORDED = {"invalid-input"}
# Modules whose owner is converting them; strict: each fails once it is done, so that it leaves
# this list.
PENDING: dict[str, str] = {}


def python_files() -> list[Path]:
    return sorted(p for p in SRC.rglob("*.py") if "migrations" not in p.parts)


def raised_codes() -> dict[str, list[str]]:
    """Every code literal in src (code="..." and default_code = "..."), where it is."""
    found: dict[str, list[str]] = {}
    for path in python_files():
        if path.is_relative_to(CLI):
            continue
        for match in CODE.finditer(path.read_text(encoding="utf-8")):
            found.setdefault(match.group(1), []).append(str(path.relative_to(SRC)))
    return found


def test_every_code_raised_has_a_cli_wording() -> None:
    codes = raised_codes()
    assert "application.not-found" in codes  # the scan sees the store's codes
    unworded = {c: where for c, where in codes.items() if c not in _all_fixes()}
    assert {c for c in unworded if c not in UNWORDED} == set(), unworded


def test_every_cli_wording_formats_with_the_params_it_names() -> None:
    for code, fix in FIXES.items():
        names = set(re.findall(r"{(\w+)}", fix))
        error = UserError("problem", code=code, params=dict.fromkeys(names, "X"))
        assert worded(error).startswith("problem (fix: "), code


@functools.cache
def user_error_classes() -> frozenset[str]:
    """Names of the classes in src that derive from UserError (by their bases' names)."""
    bases: dict[str, set[str]] = {}
    for path in python_files():
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.ClassDef):
                names = {
                    b.id if isinstance(b, ast.Name) else getattr(b, "attr", "") for b in node.bases
                }
                bases.setdefault(node.name, set()).update(names)
    found = {"UserError"}
    while True:
        more = {name for name, parents in bases.items() if parents & found} - found
        if not more:
            return frozenset(found)
        found |= more


def cli_wording_in_errors(text: str, classes: frozenset[str]) -> list[str]:
    """`followup ...` in the arguments of a UserError (subclass) built in this source."""
    problems = []
    for node in ast.walk(ast.parse(text)):
        if not isinstance(node, ast.Call):
            continue
        name = getattr(node.func, "id", None) or getattr(node.func, "attr", None)
        if name not in classes:
            continue
        for arg in [*node.args, *(k.value for k in node.keywords)]:
            for part in ast.walk(arg):
                text = part.value if isinstance(part, ast.Constant) else None
                if isinstance(text, str) and "`followup " in text:
                    problems.append(f"line {node.lineno}: {text!r}")
    return problems


def below_the_cli() -> list[object]:
    params: list[object] = []
    for path in python_files():
        if path.is_relative_to(CLI):
            continue
        where = str(path.relative_to(SRC))
        marks = (
            [pytest.mark.xfail(strict=True, reason=f"owner converting: {PENDING[where]}")]
            if where in PENDING
            else []
        )
        params.append(pytest.param(path, id=where, marks=marks))
    return params


@pytest.mark.parametrize("path", below_the_cli())
def test_no_error_below_the_cli_words_a_followup_command(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    assert cli_wording_in_errors(text, user_error_classes()) == []


def test_the_scan_finds_cli_wording() -> None:
    classes = user_error_classes()
    assert {"NotFoundError", "InputError", "DraftProblem"} <= classes
    text = (
        'raise NotFoundError(f"no app {n}", "see `followup app list` for the ids")\n'
        'raise NotFoundError(f"no app {n}", code="application.not-found")\n'
        'print("`followup today`")\n'
    )
    assert cli_wording_in_errors(text, classes) == ["line 1: 'see `followup app list` for the ids'"]


def test_a_wrong_id_names_the_command_that_lists_the_ids(run: Run) -> None:
    run("app", "add", "--company", "Acme", "--role", "SRE")
    for args in (
        ["app", "show", "99"],
        ["app", "set", "99", "--notes", "x"],
        ["plan", "--app", "99"],
    ):
        result = run(*args, code=2)
        assert result.stderr == (
            "error: no application with id 99 (fix: see `followup app list` for the ids)\n"
        ), args
