"""Find, read, validate and build playbooks.

Shipped playbooks are trusted: the test suite validates them against the
schema, so loading one parses the YAML and builds the value without importing
pydantic (start-up speed). A user's file and any overrides go through the
schema; every problem is reported as `FILE:LINE: field 'x.y': problem - fix`.
"""

from __future__ import annotations

import copy
import functools
from collections.abc import Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any

from followup.playbook.build import build_playbook
from followup.playbook.model import Playbook, PlaybookError

if TYPE_CHECKING:
    import yaml

DATA_DIR = Path(__file__).parent / "data"

Loc = tuple[str | int, ...]


def builtin_playbooks() -> list[str]:
    """Names of the playbooks shipped with followup, e.g. ["prompt", "seed"]."""
    return sorted(p.stem for p in DATA_DIR.glob("*.yaml"))


def builtin_path(name: str) -> Path:
    return DATA_DIR / f"{name}.yaml"


def load_playbook(
    name_or_path: str = "seed", overrides: Mapping[str, object] | None = None
) -> Playbook:
    """A built-in playbook by name, or a playbook file by path, with overrides applied.

    overrides maps dotted paths to values, e.g. {"timing.weekly_cap_days": 5};
    a path that ends at a setting replaces its value. Raises PlaybookError.
    """
    path, trusted = _resolve(name_or_path)
    if trusted and not overrides:
        return _load_builtin(str(path))
    text = _read(path)
    raw = with_pipeline(_parse(text, path))
    problems: list[str] = []
    overridden: list[Loc] = []
    if overrides:
        raw = copy.deepcopy(raw)
        problems, overridden = apply_overrides(raw, overrides)
        from followup.playbook.quick import surely_valid

        if trusted and not problems and surely_valid(raw, overridden):
            return build_playbook(raw, str(path))  # no pydantic on start-up
    if not problems:
        problems = _schema_problems(raw, text, path, overridden)
    if problems:
        raise PlaybookError(problems)
    return build_playbook(raw, str(path))


def check_playbook_file(path: str | Path) -> list[str]:
    """Every problem of a playbook file (empty when valid); never raises for bad content."""
    file = Path(path)
    try:
        text = _read(file)
        raw = with_pipeline(_parse(text, file))
    except PlaybookError as exc:
        return list(exc.problems)
    return _schema_problems(raw, text, file, [])


@functools.lru_cache(maxsize=8)
def _load_builtin(path: str) -> Playbook:
    """Built once per process, and kept on disk between processes (followup.kept)."""
    from followup import kept
    from followup.playbook import build, model

    file = Path(path)
    text = _read(file)
    code = (__file__, build.__file__, model.__file__)
    return kept.kept(
        f"playbook-{file.stem}",
        f"{path}\n{text}",
        code,
        lambda: build_playbook(_parse(text, file), path),
    )


def with_pipeline(raw: Any) -> Any:
    """A user's playbook written before the `pipeline` section existed gets the seed's
    (the application check off), with the rules it cites."""
    if not isinstance(raw, dict) or "pipeline" in raw or not isinstance(raw.get("rules"), list):
        return raw
    seed = _parse(_read(builtin_path("seed")), builtin_path("seed"))
    cited = {p["rule"] for p in seed["pipeline"].values()}
    have = {r.get("id") for r in raw["rules"] if isinstance(r, dict)}
    extra = [r for r in seed["rules"] if r["id"] in cited and r["id"] not in have]
    return raw | {"pipeline": seed["pipeline"], "rules": [*raw["rules"], *extra]}


def _resolve(name_or_path: str) -> tuple[Path, bool]:
    if name_or_path in builtin_playbooks():
        return builtin_path(name_or_path), True
    path = Path(name_or_path).expanduser()
    try:
        if path.suffix in {".yaml", ".yml"} or path.exists():
            return path, False
    except OSError:  # a name too long for a path, or an unreadable place: not a playbook
        pass
    names = ", ".join(builtin_playbooks())
    shown = name_or_path if len(name_or_path) <= 60 else name_or_path[:57] + "..."
    raise PlaybookError(
        [f"unknown playbook '{shown}' - use one of {names}, or the path of a .yaml file"]
    )


def _read(path: Path) -> str:
    try:
        return path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise PlaybookError([f"{path}: file not found - check the path"]) from None
    except (OSError, UnicodeDecodeError) as exc:
        raise PlaybookError([f"{path}: cannot read ({exc}) - check the file"]) from None


def _loader() -> Any:
    import yaml  # only where a playbook is read from YAML (a shipped one is kept built)

    return getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def _parse(text: str, path: Path) -> Any:
    import yaml

    try:
        return yaml.load(text, Loader=_loader())
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark
        line = mark.line + 1 if mark is not None else 1
        problem = (exc.problem or "invalid YAML").strip()
        raise PlaybookError(
            [f"{path}:{line}: invalid YAML: {problem} - fix the indentation, quotes or colons"]
        ) from None
    except yaml.YAMLError as exc:
        raise PlaybookError([f"{path}:1: invalid YAML: {exc} - fix the syntax"]) from None


def _schema_problems(raw: Any, text: str, path: Path, overridden: list[Loc]) -> list[str]:
    from followup.playbook import schema  # pydantic: only when validating

    found = schema.validate(raw)
    if not found:
        return []
    import yaml

    root = yaml.compose(text, Loader=_loader())
    lines = []
    for loc, problem, fix in found:
        where = f"{path}:{node_line(root, loc)}"
        if any(loc[: len(o)] == o or o[: len(loc)] == loc for o in overridden):
            where = "overrides"
        lines.append(f"{where}: field '{format_loc(loc)}': {problem} - {fix}")
    return lines


def format_loc(loc: Loc) -> str:
    out = ""
    for part in loc:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else part)
    return out or "(top level)"


def node_line(root: yaml.Node | None, loc: Loc) -> int:
    """The 1-based line of the deepest node of `loc` present in the YAML tree."""
    import yaml

    node = root
    line = node.start_mark.line + 1 if node is not None else 1
    for part in loc:
        child: yaml.Node | None = None
        if isinstance(node, yaml.MappingNode):
            for key, value in node.value:
                if key.value == part:
                    line, child = key.start_mark.line + 1, value
                    break
        elif (
            isinstance(node, yaml.SequenceNode)
            and isinstance(part, int)
            and 0 <= part < len(node.value)
        ):
            child = node.value[part]
            line = child.start_mark.line + 1
        if child is None:
            break
        node = child
    return line


def apply_overrides(raw: Any, overrides: Mapping[str, object]) -> tuple[list[str], list[Loc]]:
    """Set each dotted path in `raw`; a setting's path replaces its `value`.

    Returns (problems, locations changed). Unknown paths are problems with a
    "did you mean" suggestion.
    """
    problems: list[str] = []
    changed: list[Loc] = []
    for dotted, value in overrides.items():
        parts = dotted.split(".")
        target = raw
        for i, part in enumerate(parts[:-1]):
            if not isinstance(target, dict) or part not in target:
                problems.append(_unknown_override(dotted, parts[: i + 1], target))
                break
            target = target[part]
        else:
            last = parts[-1]
            if not isinstance(target, dict) or last not in target:
                problems.append(_unknown_override(dotted, parts, target))
                continue
            if (
                isinstance(target[last], dict)
                and "value" in target[last]
                and not (isinstance(value, Mapping) and "value" in value)
            ):
                target[last]["value"] = value
                changed.append((*parts, "value"))
            else:
                target[last] = value
                changed.append(tuple(parts))
    return problems, changed


def _unknown_override(dotted: str, parts: list[str], where: object) -> str:
    import difflib

    choices = list(where) if isinstance(where, dict) else []
    prefix = ".".join(parts[:-1])
    candidates = [f"{prefix}.{c}" if prefix else c for c in choices]
    close = difflib.get_close_matches(".".join(parts), candidates, n=1, cutoff=0.6)
    hint = f"did you mean '{close[0]}'?" if close else "check the setting's name in the playbook"
    return f"overrides: field '{dotted}': unknown setting - {hint}"
