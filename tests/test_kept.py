"""The shipped lint rules and playbooks kept on disk between runs: the same values back,
never a stale or broken file (followup.kept)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from followup import kept
from followup.lint import ruleset

SHIPPED = Path(ruleset.__file__).parent / "data" / ruleset.SHIPPED_RULES
TEXT = SHIPPED.read_text(encoding="utf-8")
CODE = (ruleset.__file__,)


def build() -> ruleset.RuleSet:
    return ruleset.parse_rules(TEXT, "rules.yaml")


def test_a_kept_ruleset_equals_a_parsed_one(tmp_path: Path) -> None:
    first = kept.kept("lint-rules", TEXT, CODE, build, tmp_path)
    (file,) = tmp_path.glob("lint-rules-*.pickle")

    def must_not_build() -> ruleset.RuleSet:
        raise AssertionError("the kept file was not read")

    again = kept.kept("lint-rules", TEXT, CODE, must_not_build, tmp_path)
    assert again == first == build()
    assert again.key_index.keys == build().key_index.keys
    assert file.stat().st_size > 0


def test_a_changed_text_or_module_names_another_file(tmp_path: Path) -> None:
    module = tmp_path / "module.py"
    module.write_text("A = 1\n", encoding="utf-8")
    before = kept.digest(TEXT, [str(module)])
    assert kept.digest(TEXT + "\n", [str(module)]) != before
    module.write_text("A = 22\n", encoding="utf-8")
    assert kept.digest(TEXT, [str(module)]) != before


def test_a_broken_file_is_built_again_and_an_unwritable_folder_is_only_slower(
    tmp_path: Path,
) -> None:
    kept.kept("lint-rules", TEXT, CODE, build, tmp_path)
    (file,) = tmp_path.glob("lint-rules-*.pickle")
    file.write_bytes(b"not a pickle")
    assert kept.kept("lint-rules", TEXT, CODE, build, tmp_path) == build()
    assert file.read_bytes() != b"not a pickle"  # rewritten whole
    blocked = tmp_path / "a-file"
    blocked.write_text("", encoding="utf-8")
    assert kept.kept("lint-rules", TEXT, CODE, build, blocked / "cache") == build()


def run_twice(code: str, cache: Path) -> list[subprocess.CompletedProcess[str]]:
    """`code` run in two fresh processes, one after the other, keeping what they keep in
    `cache` (XDG_CACHE_HOME); both must succeed."""
    env = {"XDG_CACHE_HOME": str(cache), "PATH": "/usr/bin:/bin"}
    runs = [
        subprocess.run(
            [sys.executable, "-c", code], check=False, env=env, capture_output=True, text=True
        )
        for _ in range(2)
    ]
    assert [r.returncode for r in runs] == [0, 0], runs[0].stderr
    return runs


def test_a_fresh_process_reads_the_rules_from_the_cache_folder(tmp_path: Path) -> None:
    code = "from followup.lint import load_rules; print(len(load_rules().rules))"
    runs = run_twice(code, tmp_path)
    assert runs[0].stdout == runs[1].stdout == f"{len(build().rules)}\n"
    assert len(list((tmp_path / "followup").glob("lint-rules-*.pickle"))) == 1


def test_a_shipped_playbook_is_read_back_without_a_yaml_parser(tmp_path: Path) -> None:
    code = (
        "import sys; from followup.playbook import load_playbook; p = load_playbook('prompt'); "
        "print('yaml' in sys.modules, p.name, p.timing.weekly_cap_days.value)"
    )
    runs = run_twice(code, tmp_path)
    built, kept_one = (r.stdout.split() for r in runs)
    assert built[0] == "True" and kept_one[0] == "False"  # parsed once, then read back
    assert built[1:] == kept_one[1:]


def test_draft_templates_are_compiled_once_and_again_when_edited(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from followup.drafts.templates import DraftTemplates

    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    first = DraftTemplates(stored={"note.j2": "Hello {{ name }}"}).render(
        "note.j2", {"name": "Ana"}
    )
    folder = tmp_path / "followup" / "templates"
    assert len(list(folder.iterdir())) == 1
    edited = DraftTemplates(stored={"note.j2": "Hi {{ name }}"}).render("note.j2", {"name": "Ana"})
    assert (first, edited) == ("Hello Ana", "Hi Ana")


@pytest.mark.parametrize("kind", ["data", "cache"])
@pytest.mark.parametrize("value", [None, "", "  ", "/srv/xdg"])
def test_the_users_folders_are_where_platformdirs_puts_them(
    kind: str, value: str | None, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    import platformdirs

    from followup.config import user_dir

    monkeypatch.setenv("HOME", str(tmp_path))
    variable = "XDG_DATA_HOME" if kind == "data" else "XDG_CACHE_HOME"
    if value is None:
        monkeypatch.delenv(variable, raising=False)
    else:
        monkeypatch.setenv(variable, value)
    find = platformdirs.user_data_dir if kind == "data" else platformdirs.user_cache_dir
    assert user_dir(kind) == Path(find("followup", appauthor=False))


def test_kept_patterns_compile_only_when_a_check_runs_them(tmp_path: Path) -> None:
    """Read back, a rule's pattern is its source and flags; it compiles on its first use and
    then finds what the freshly parsed one finds."""
    kept.kept("lint-rules", TEXT, CODE, build, tmp_path)
    again = kept.kept("lint-rules", TEXT, CODE, build, tmp_path)
    fresh = {r.id: r for r in build().rules}
    patterns = [(r.id, p) for r in again.rules for p in (*r.params.patterns, *r.params.also)]
    assert len(patterns) > 100
    assert all(p._compiled is None for _, p in patterns)
    text = "Dear Dana, what is the salary range? Please let me know ASAP. Best, Sam"
    for rule_id, pattern in patterns:
        original = next(
            q
            for q in (*fresh[rule_id].params.patterns, *fresh[rule_id].params.also)
            if q == pattern
        )
        assert [m.span() for m in pattern.finditer(text)] == [
            m.span() for m in original.compiled.finditer(text)
        ]
    assert all(p._compiled is not None for _, p in patterns)
