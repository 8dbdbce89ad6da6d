"""Load the lint rules from YAML, check them against their schema, compile them once.

The schema is checked by hand over the YAML node tree, so that every error
names the file, the line and the field, and says how to fix it, without
importing pydantic on the CLI's path. Patterns are compiled here, once; the
checks only run them.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from functools import cache
from pathlib import Path
from typing import Any

from followup.lint.draft import Layout, normalize_signoff
from followup.lint.keys import KeyIndex, keys, lead
from followup.lint.lazy import LazyPattern

SHIPPED_RULES = "rules.yaml"
RULE_ID_RE = re.compile(r"LINT-[A-Z0-9]+(?:-[A-Z0-9]+)*")
SEED_ID_RE = re.compile(r"SEED-[A-Z0-9]+(?:-[A-Z0-9]+)*")
CONTEXT_FLAGS = ("has_offer", "employer_raised_pay", "attachments_requested")
SCOPES = ("body", "message", "subject")


class LintRulesError(ValueError):
    """A rules file that does not follow the schema; str() is one line: where, what, fix."""


class Severity(StrEnum):
    ERROR = "error"
    WARNING = "warning"


@dataclass(frozen=True, slots=True)
class Params:
    """The parameters of one rule's check; which ones a check takes is in CHECKS."""

    min: int | None = None
    max: int | None = None
    threshold: float | None = None
    similarity: float | None = None
    within_words: int | None = None
    min_note_words: int | None = None
    scope: str = "body"
    unless: tuple[str, ...] = ()
    char: str = ""
    header: str = ""
    templates: tuple[str, ...] = ()
    context_limit: bool = False
    case_sensitive: bool = False
    patterns: tuple[LazyPattern, ...] = ()
    also: tuple[LazyPattern, ...] = ()
    # per pattern: the keys one of which any match carries (None: unknown; see lint.keys)
    keys: tuple[frozenset[str] | None, ...] = ()
    # the keys of all the patterns together (None if a pattern has none)
    any_keys: frozenset[str] | None = None
    # per pattern: the keys the word a match starts with carries (None: it may start
    # anywhere); such a pattern is tried only where such a word starts
    leads: tuple[frozenset[str] | None, ...] = ()
    also_leads: tuple[frozenset[str] | None, ...] = ()  # the same, for the `also` patterns


# check type -> (required params, optional params)
CHECKS: dict[str, tuple[frozenset[str], frozenset[str]]] = {
    "word_count": (frozenset(), frozenset({"min", "max"})),
    "paragraph_count": (frozenset(), frozenset({"min", "max"})),
    "char_count": (frozenset({"max"}), frozenset({"context_limit"})),
    "forbidden": (frozenset({"patterns", "scope"}), frozenset({"unless", "case_sensitive"})),
    "required": (frozenset({"patterns", "scope"}), frozenset({"also", "case_sensitive"})),
    "max_char": (frozenset({"char", "max", "scope"}), frozenset()),
    "greeting_by_name": (frozenset(), frozenset()),
    "greeting_names_recipient": (frozenset(), frozenset()),
    "signoff": (frozenset(), frozenset()),
    "subject_length": (frozenset({"max"}), frozenset()),
    "subject_format": (frozenset({"templates"}), frozenset()),
    "header_absent": (frozenset({"header"}), frozenset()),
    "mentions_role": (frozenset(), frozenset()),
    "mentions_interview_date": (frozenset(), frozenset()),
    "interview_detail": (frozenset({"patterns", "min_note_words"}), frozenset()),
    "spoken_opening": (frozenset({"within_words"}), frozenset()),
    "spoken_closing": (frozenset({"within_words"}), frozenset()),
    "company_matches": (frozenset({"similarity", "patterns"}), frozenset({"case_sensitive"})),
    "role_matches": (frozenset({"patterns"}), frozenset({"case_sensitive"})),
    "title_matches": (frozenset({"patterns"}), frozenset({"case_sensitive"})),
    "names_match": (frozenset({"patterns"}), frozenset({"case_sensitive"})),
    "panel_similarity": (frozenset({"threshold"}), frozenset()),
    "panel_shared_detail": (frozenset({"threshold"}), frozenset()),
}
PANEL_CHECKS = frozenset({"panel_similarity", "panel_shared_detail"})


@dataclass(frozen=True, slots=True)
class Rule:
    id: str
    seed: str | None
    kinds: frozenset[str]
    severity: Severity
    check: str
    params: Params
    message: str
    hint: str
    line: int


@dataclass(frozen=True, slots=True)
class RuleSet:
    version: int
    source: str
    words_per_minute: int
    signoffs: tuple[str, ...]
    layouts: Mapping[str, Layout]
    rules: tuple[Rule, ...]
    by_kind: Mapping[str, tuple[Rule, ...]] = field(default_factory=dict)
    # built on first use: which keys of the rules' patterns a draft holds (see lint.keys)
    _index: list[KeyIndex] = field(default_factory=list, repr=False)

    @property
    def kinds(self) -> tuple[str, ...]:
        return tuple(self.layouts)

    @property
    def key_index(self) -> KeyIndex:
        """What finds the keys of the rules' patterns in a draft (see lint.keys)."""
        if not self._index:
            params = [r.params for r in self.rules]
            sets = (ks for p in params for ks in (*p.keys, *p.leads, *p.also_leads))
            found = (k for ks in sets if ks for k in ks)
            self._index.append(KeyIndex(frozenset(found)))
        return self._index[0]

    def rule(self, rule_id: str) -> Rule:
        for rule in self.rules:
            if rule.id == rule_id:
                return rule
        raise KeyError(rule_id)


# ------------------------------------------------------------------ YAML with lines


class _Where:
    """Remembers the line of every field path while the YAML nodes are converted."""

    def __init__(self, source: str) -> None:
        self.source = source
        self.lines: dict[str, int] = {}

    def error(self, path: str, problem: str, fix: str) -> LintRulesError:
        line = self.lines.get(path)
        while line is None and path:
            path_up = re.sub(r"(\.[^.\[\]]+|\[\d+\])$", "", path)
            if path_up == path:
                break
            path = path_up
            line = self.lines.get(path)
        where = f"{self.source}:{line}" if line else self.source
        return LintRulesError(f"{where}: {path or 'top level'}: {problem}; {fix}")


def _plain(node: Any, path: str, where: _Where) -> Any:
    import yaml

    where.lines[path] = node.start_mark.line + 1
    if isinstance(node, yaml.MappingNode):
        result: dict[str, Any] = {}
        for key_node, value_node in node.value:
            key = str(key_node.value)
            child = f"{path}.{key}" if path else key
            if key in result:
                where.lines[child] = key_node.start_mark.line + 1
                raise where.error(child, "appears twice", "keep one of them")
            result[key] = _plain(value_node, child, where)
        return result
    if isinstance(node, yaml.SequenceNode):
        return [_plain(item, f"{path}[{i}]", where) for i, item in enumerate(node.value)]
    constructor = yaml.SafeLoader("")  # resolves a scalar to int, float, bool or str
    return constructor.construct_object(node, deep=True)


def _compose(text: str, where: _Where) -> Any:
    import yaml

    try:
        root = yaml.compose(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = f":{mark.line + 1}" if mark is not None else ""
        problem = getattr(exc, "problem", None) or str(exc).splitlines()[0]
        raise LintRulesError(
            f"{where.source}{line}: not valid YAML ({problem}); check the indentation and quotes"
        ) from None
    if root is None:
        raise LintRulesError(
            f"{where.source}: the file is empty; start from the shipped rules.yaml"
        )
    return _plain(root, "", where)


# ------------------------------------------------------------------ schema


def _mapping(value: Any, path: str, where: _Where, keys: frozenset[str]) -> dict[str, Any]:
    if not isinstance(value, dict):
        raise where.error(path, "must be a mapping", "write it as `key: value` lines")
    for key in value:
        if key not in keys:
            child = f"{path}.{key}" if path else key
            raise where.error(child, "unknown field", f"use one of: {', '.join(sorted(keys))}")
    return value


def _required(value: dict[str, Any], key: str, path: str, where: _Where) -> Any:
    if key not in value:
        raise where.error(path, f"`{key}` is missing", f"add `{key}:`")
    return value[key]


def _int(value: Any, path: str, where: _Where, minimum: int = 0) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or value < minimum:
        raise where.error(path, f"must be a whole number >= {minimum}", f"got {value!r}")
    return value


def _ratio(value: Any, path: str, where: _Where) -> float:
    if isinstance(value, bool) or not isinstance(value, int | float) or not 0 < value <= 1:
        raise where.error(path, "must be a number between 0 and 1", f"got {value!r}")
    return float(value)


def _text(value: Any, path: str, where: _Where) -> str:
    if not isinstance(value, str) or not value.strip():
        raise where.error(path, "must be a non-empty text", "write it in quotes")
    return value


def _texts(value: Any, path: str, where: _Where) -> tuple[str, ...]:
    if isinstance(value, str) or not isinstance(value, list) or not value:
        raise where.error(path, "must be a non-empty list", "write it as [a, b] or `- a` lines")
    return tuple(_text(item, f"{path}[{i}]", where) for i, item in enumerate(value))


def _patterns(
    value: Any, path: str, where: _Where, case_sensitive: bool
) -> tuple[re.Pattern[str], ...]:
    flags = 0 if case_sensitive else re.IGNORECASE
    compiled: list[re.Pattern[str]] = []
    for i, pattern in enumerate(_texts(value, path, where)):
        try:
            compiled.append(re.compile(pattern, flags))
        except re.error as exc:
            raise where.error(
                f"{path}[{i}]", f"not a valid regular expression ({exc})", "fix the pattern"
            ) from None
    return tuple(compiled)


def _any_keys(found: tuple[frozenset[str] | None, ...]) -> frozenset[str] | None:
    if not found or any(n is None for n in found):
        return None
    return frozenset(x for n in found if n is not None for x in n)


def _params(check: str, value: Any, path: str, where: _Where) -> Params:
    required, optional = CHECKS[check]
    raw = _mapping(value if value is not None else {}, path, where, required | optional)
    for key in sorted(required):
        _required(raw, key, path, where)
    case_sensitive = bool(raw.get("case_sensitive", False))
    scope = raw.get("scope", "body")
    if scope not in SCOPES:
        raise where.error(f"{path}.scope", f"unknown scope {scope!r}", f"use one of {SCOPES}")
    unless = _texts(raw["unless"], f"{path}.unless", where) if "unless" in raw else ()
    for i, flag in enumerate(unless):
        if flag not in CONTEXT_FLAGS:
            raise where.error(
                f"{path}.unless[{i}]", f"unknown context flag {flag!r}", f"use {CONTEXT_FLAGS}"
            )

    def number(key: str) -> int | None:
        return _int(raw[key], f"{path}.{key}", where) if key in raw else None

    def ratio(key: str) -> float | None:
        return _ratio(raw[key], f"{path}.{key}", where) if key in raw else None

    def patterns(key: str) -> tuple[re.Pattern[str], ...]:
        return _patterns(raw[key], f"{path}.{key}", where, case_sensitive) if key in raw else ()

    # each pattern compiled once and its keys read once (start-up of `draft` and `lint`)
    compiled, also = patterns("patterns"), patterns("also")
    found = tuple(keys(p) for p in compiled)
    return Params(
        min=number("min"),
        max=number("max"),
        threshold=ratio("threshold"),
        similarity=ratio("similarity"),
        within_words=number("within_words"),
        min_note_words=number("min_note_words"),
        scope=scope,
        unless=unless,
        char=_text(raw["char"], f"{path}.char", where) if "char" in raw else "",
        header=_text(raw["header"], f"{path}.header", where).casefold() if "header" in raw else "",
        templates=_texts(raw["templates"], f"{path}.templates", where)
        if "templates" in raw
        else (),
        context_limit=bool(raw.get("context_limit", False)),
        case_sensitive=case_sensitive,
        patterns=tuple(map(LazyPattern.of, compiled)),
        also=tuple(map(LazyPattern.of, also)),
        keys=found,
        any_keys=_any_keys(found),
        leads=tuple(lead(p) for p in compiled),
        also_leads=tuple(lead(p) for p in also),
    )


RULE_FIELDS = frozenset({"id", "seed", "kinds", "severity", "check", "params", "message", "hint"})


def _kinds(
    value: Any, path: str, where: _Where, groups: Mapping[str, frozenset[str]]
) -> frozenset[str]:
    kinds: set[str] = set()
    for i, name in enumerate(_texts(value, path, where)):
        if name == "all":
            kinds.update(groups["all"])
        elif name.startswith("@") and name[1:] in groups:
            kinds.update(groups[name[1:]])
        elif name in groups["all"]:
            kinds.add(name)
        else:
            known = ", ".join(sorted(groups["all"] | {f"@{g}" for g in groups if g != "all"}))
            raise where.error(f"{path}[{i}]", f"unknown kind {name!r}", f"use one of: {known}, all")
    return frozenset(kinds)


def _rule(value: Any, path: str, where: _Where, groups: Mapping[str, frozenset[str]]) -> Rule:
    raw = _mapping(value, path, where, RULE_FIELDS)
    rule_id = _text(_required(raw, "id", path, where), f"{path}.id", where)
    if not RULE_ID_RE.fullmatch(rule_id):
        raise where.error(f"{path}.id", f"bad rule id {rule_id!r}", "use LINT-WORDS-IN-CAPITALS")
    seed = raw.get("seed")
    if seed is not None and (not isinstance(seed, str) or not SEED_ID_RE.fullmatch(seed)):
        raise where.error(f"{path}.seed", f"bad seed rule id {seed!r}", "use e.g. SEED-SHORT")
    severity = _required(raw, "severity", path, where)
    if severity not in {s.value for s in Severity}:
        raise where.error(
            f"{path}.severity", f"unknown severity {severity!r}", "use error or warning"
        )
    check = _required(raw, "check", path, where)
    if check not in CHECKS:
        raise where.error(
            f"{path}.check", f"unknown check {check!r}", f"use one of: {', '.join(sorted(CHECKS))}"
        )
    return Rule(
        id=rule_id,
        seed=seed,
        kinds=_kinds(_required(raw, "kinds", path, where), f"{path}.kinds", where, groups),
        severity=Severity(severity),
        check=check,
        params=_params(check, raw.get("params"), f"{path}.params", where),
        message=_text(_required(raw, "message", path, where), f"{path}.message", where),
        hint=_text(_required(raw, "hint", path, where), f"{path}.hint", where),
        line=where.lines[path],
    )


def _groups(
    raw: dict[str, Any], where: _Where
) -> tuple[dict[str, Layout], dict[str, frozenset[str]]]:
    layouts: dict[str, Layout] = {}
    kinds = _mapping(_required(raw, "kinds", "", where), "kinds", where, frozenset(raw["kinds"]))
    for kind, layout in kinds.items():
        if layout not in {lay.value for lay in Layout}:
            raise where.error(
                f"kinds.{kind}", f"unknown layout {layout!r}", "use letter, note or spoken"
            )
        layouts[kind] = Layout(layout)
    groups: dict[str, frozenset[str]] = {"all": frozenset(layouts)}
    raw_groups = raw.get("groups", {})
    for name in _mapping(raw_groups, "groups", where, frozenset(raw_groups)):
        groups[name] = _kinds(raw_groups[name], f"groups.{name}", where, groups)
    return layouts, groups


TOP_FIELDS = frozenset({"version", "speech", "signoffs", "kinds", "groups", "rules"})


def parse_rules(text: str, source: str) -> RuleSet:
    """Validate and compile rules from YAML text; `source` names it in errors."""
    where = _Where(source)
    raw = _mapping(_compose(text, where), "", where, TOP_FIELDS)
    version = _int(_required(raw, "version", "", where), "version", where, minimum=1)
    speech = _mapping(raw.get("speech", {}), "speech", where, frozenset({"words_per_minute"}))
    wpm = _int(speech.get("words_per_minute", 150), "speech.words_per_minute", where, minimum=1)
    signoffs = _texts(_required(raw, "signoffs", "", where), "signoffs", where)
    layouts, groups = _groups(raw, where)
    raw_rules = _required(raw, "rules", "", where)
    if not isinstance(raw_rules, list) or not raw_rules:
        raise where.error("rules", "must be a non-empty list", "add `- id: LINT-...` entries")
    rules = tuple(_rule(item, f"rules[{i}]", where, groups) for i, item in enumerate(raw_rules))
    seen: dict[str, int] = {}
    for i, rule in enumerate(rules):
        if rule.id in seen:
            raise where.error(
                f"rules[{i}].id", f"{rule.id} is already used at line {seen[rule.id]}", "rename it"
            )
        seen[rule.id] = rule.line
    by_kind = {
        kind: tuple(r for r in rules if kind in r.kinds and r.check not in PANEL_CHECKS)
        for kind in layouts
    }
    return RuleSet(
        version=version,
        source=source,
        words_per_minute=wpm,
        signoffs=tuple(normalize_signoff(s) for s in signoffs),
        layouts=layouts,
        rules=rules,
        by_kind=by_kind,
    )


@cache
def _shipped_rules() -> RuleSet:
    """Parsed once per process, and kept on disk between processes (followup.lint.kept)."""
    from followup import kept
    from followup.lint import draft

    # next to this module (importlib.resources would cost more start-up than the read)
    text = (Path(__file__).parent / "data" / SHIPPED_RULES).read_text(encoding="utf-8")
    source = f"followup/lint/data/{SHIPPED_RULES}"
    defining = (KeyIndex.__module__, LazyPattern.__module__)
    code = (__file__, draft.__file__, *(sys.modules[m].__file__ or "" for m in defining))
    return kept.kept("lint-rules", text, code, lambda: parse_rules(text, source))


def load_rules(path: str | Path | None = None) -> RuleSet:
    """The shipped rules (loaded once), or the rules in the file at `path`."""
    if path is None:
        return _shipped_rules()
    file = Path(path)
    try:
        text = file.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise LintRulesError(f"{file}: cannot read the rules ({exc}); check the path") from None
    return parse_rules(text, str(file))
