"""Which CSS hides an HTML element: the declarations of its style attribute and the simple
rules of the <style> blocks (tag, .class, #id and their compounds) that can hide, cascaded
into one effect (see `visible` for what hides). Pure, bounded by MAX_STYLE_CHARS.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from followup.mail.reading.limits import MAX_STYLE_CHARS


def _names(text: str) -> frozenset[str]:
    return frozenset(text.split())


@dataclass(frozen=True, slots=True)
class Effect:
    hide: bool = False  # the element and everything in it is not shown
    visible: bool | None = None  # visibility: True visible, False hidden, None inherited
    tiny: bool | None = None  # font-size 0 or 1px: True, a real size: False, None inherited


NO_EFFECT = Effect()
_RELEVANT = _names(
    "display visibility font-size font opacity mso-hide content-visibility height "
    "max-height width max-width overflow overflow-x overflow-y position left top "
    "text-indent clip"
)
_CSS_ESCAPE = re.compile(r"\\([0-9a-fA-F]{1,6})[ \t\r\n\f]?|\\(.)", re.DOTALL)
_NUMBER = re.compile(r"^([+-]?(?:\d+\.?\d*|\.\d+))([a-z%]*)$")
_ABSOLUTE_UNITS = frozenset(("px", "pt", "pc", "cm", "mm", "in", "q", "rem", "vw", "vh"))
_SIZE_KEYWORDS = _names("xx-small x-small small medium large x-large xx-large xxx-large initial")
_SELECTOR = re.compile(r"^([a-z][a-z0-9-]*)?((?:[.#][\w-]+)*)$")


def _strip_comments(text: str) -> str:
    if "/*" not in text:
        return text
    out, pos = [], 0
    while True:
        start = text.find("/*", pos)
        if start < 0:
            out.append(text[pos:])
            return "".join(out)
        out.append(text[pos:start])
        end = text.find("*/", start + 2)
        if end < 0:
            return "".join(out)
        out.append(" ")
        pos = end + 2


def _unescape(text: str) -> str:
    if "\\" not in text:
        return text

    def one(match: re.Match[str]) -> str:
        if match.group(1):
            code = int(match.group(1), 16)
            return chr(code) if 0 < code <= 0x10FFFF and not 0xD800 <= code <= 0xDFFF else "\ufffd"
        return match.group(2)

    return _CSS_ESCAPE.sub(one, text)


def declarations(style: str) -> list[tuple[str, str, bool]]:
    """(property, value, important) of a CSS declaration list, only those that can hide."""
    text = _unescape(_strip_comments(style[:MAX_STYLE_CHARS]))
    found = []
    for item in text.split(";"):
        name, sep, value = item.partition(":")
        if not sep:
            continue
        name = name.strip().lower()
        if name not in _RELEVANT:
            continue
        value = " ".join(value.lower().split())
        important = False
        bang = value.rfind("!")
        if bang >= 0 and value[bang + 1 :].replace(" ", "") == "important":
            important, value = True, value[:bang].strip()
        found.append((name, value, important))
    return found


def _length(value: str) -> tuple[float, str] | None:
    match = _NUMBER.match(value.strip())
    if match is None:
        return None
    try:
        return float(match.group(1)), match.group(2)
    except ValueError:
        return None


def _at_most_1px(value: str) -> bool:
    found = _length(value)
    if found is None:
        return False
    number, unit = found
    return number <= 0 or (number <= 1 and unit in ("px", "pt", ""))


def _tiny(value: str) -> bool | None:
    """Is this font-size 0 or 1px (True), a real size (False), or relative (None)?"""
    if value in _SIZE_KEYWORDS:
        return False
    found = _length(value)
    if found is None:
        return None
    number, unit = found
    if number <= 0 or (number <= 1 and unit in ("px", "pt")):
        return True
    return False if unit in _ABSOLUTE_UNITS else None


def _font_shorthand_size(value: str) -> str | None:
    for token in value.split():
        size = token.split("/", 1)[0]
        found = _length(size)
        if found is not None and (found[1] or found[0] == 0):
            return size
        if size in _SIZE_KEYWORDS:
            return size
    return None


def effect_of(winning: dict[str, str], hidden_attribute: bool = False) -> Effect:
    """What the winning declarations of one element do to what is shown."""
    if not winning:
        return Effect(hide=True) if hidden_attribute else NO_EFFECT
    get = winning.get
    display = get("display")
    hide = display == "none" or (hidden_attribute and display is None)
    hide = hide or get("mso-hide") == "all" or get("content-visibility") == "hidden"
    opacity = _length(get("opacity", "1"))
    if opacity is not None:
        number, unit = opacity
        hide = hide or number <= (5 if unit == "%" else 0.05)
    overflow = [get(n) for n in ("overflow", "overflow-x", "overflow-y")]
    if any(o and set(o.split()) <= {"hidden", "clip"} for o in overflow):
        sizes = [get(n) for n in ("height", "max-height", "width", "max-width")]
        hide = hide or any(s is not None and _at_most_1px(s) for s in sizes)
    if get("position") in ("absolute", "fixed"):
        for name in ("left", "top"):
            found = _length(get(name, ""))
            hide = hide or (found is not None and found[0] <= -999)
        clip = get("clip", "").replace(",", " ")
        if clip.startswith("rect("):
            parts = clip[5:].rstrip(")").split()
            hide = hide or (bool(parts) and all(_at_most_1px(p) for p in parts))
    indent = _length(get("text-indent", ""))
    hide = hide or (indent is not None and indent[0] <= -999)
    visibility = get("visibility")
    visible = None
    if visibility in ("hidden", "collapse"):
        visible = False
    elif visibility in ("visible", "initial"):
        visible = True
    size = get("font-size")
    if size is None and get("font") is not None:
        size = _font_shorthand_size(get("font", ""))
    tiny = _tiny(size) if size is not None else None
    return Effect(hide=hide, visible=visible, tiny=tiny)


def cascade(ranked: Iterable[tuple[bool, bool, int, str, str]]) -> dict[str, str]:
    """Winning value per property: !important first, then inline over sheet, then order."""
    best: dict[str, tuple[tuple[bool, bool, int], str]] = {}
    for important, inline, order, name, value in ranked:
        key = (important, inline, order)
        if name not in best or key > best[name][0]:
            best[name] = (key, value)
    return {name: value for name, (_, value) in best.items()}


@dataclass(frozen=True, slots=True)
class _Rule:
    tag: str | None
    classes: frozenset[str]
    ident: str | None
    decls: tuple[tuple[str, str, bool], ...]
    order: int


class StyleSheet:
    """Simple rules of the <style> blocks (tag, .class, #id and their compounds) that hide."""

    def __init__(self, rules: list[_Rule]) -> None:
        self.by_class: dict[str, list[_Rule]] = {}
        self.by_id: dict[str, list[_Rule]] = {}
        self.by_tag: dict[str, list[_Rule]] = {}
        for rule in rules:
            if rule.classes:
                self.by_class.setdefault(min(rule.classes), []).append(rule)
            elif rule.ident:
                self.by_id.setdefault(rule.ident, []).append(rule)
            elif rule.tag:
                self.by_tag.setdefault(rule.tag, []).append(rule)
        self.empty = not rules

    @classmethod
    def from_tree(cls, tree: Any) -> StyleSheet:
        texts, total = [], 0
        for node in tree.css("style"):
            media = (node.attributes.get("media") or "").strip().lower()
            if media and not {m.strip() for m in media.split(",")} & {"all", "screen"}:
                continue
            text = node.text(deep=True) or ""
            texts.append(text[: MAX_STYLE_CHARS - total])
            total += len(texts[-1])
            if total >= MAX_STYLE_CHARS:
                break
        return cls(_rules(_strip_comments("\n".join(texts)))) if texts else cls([])

    def matching(self, tag: str, attributes: dict[str, Any]) -> list[tuple[int, tuple[Any, ...]]]:
        if self.empty:
            return []
        classes = frozenset(str(attributes.get("class") or "").split()[:32])
        ident = attributes.get("id")
        candidates: list[_Rule] = list(self.by_tag.get(tag, ()))
        if ident:
            candidates.extend(self.by_id.get(str(ident), ()))
        for name in classes:
            candidates.extend(self.by_class.get(name, ()))
        return [
            (rule.order, rule.decls)
            for rule in candidates
            if (rule.tag is None or rule.tag == tag)
            and (rule.ident is None or rule.ident == ident)
            and rule.classes <= classes
        ]

    def effect(self, tag: str, attributes: dict[str, Any]) -> Effect:
        """What the inline style, the `hidden` attribute and these rules do to one element."""
        if not attributes:
            return NO_EFFECT
        style = attributes.get("style")
        matched = self.matching(tag, attributes)
        hidden = "hidden" in attributes
        if not style and not matched:
            return Effect(hide=True) if hidden else NO_EFFECT
        ranked: list[tuple[bool, bool, int, str, str]] = []
        for order, decls in matched:
            ranked.extend((imp, False, order, name, value) for name, value, imp in decls)
        if style:
            ranked.extend(
                (imp, True, i, name, value)
                for i, (name, value, imp) in enumerate(declarations(str(style)))
            )
        return effect_of(cascade(ranked), hidden)


def _rules(css: str) -> list[_Rule]:
    """Top-level rules, and rules in @media blocks without conditions ("screen", "all")."""
    rules: list[_Rule] = []
    depth, start, prelude_stack = 0, 0, []
    for match in re.finditer(r"[{}]", css):
        if len(rules) > 2000:
            break
        pos = match.start()
        if match.group() == "{":
            prelude_stack.append(css[start:pos].strip())
            depth += 1
            start = pos + 1
            continue
        if depth == 0:
            start = pos + 1
            continue
        prelude = prelude_stack.pop()
        depth -= 1
        body, start = css[start:pos], pos + 1
        outer = prelude_stack[-1] if prelude_stack else ""
        if (depth == 0 and not prelude.startswith("@")) or (
            depth == 1 and outer.startswith("@media") and "(" not in outer
        ):
            _add_rule(rules, prelude, body)
    return rules


def _add_rule(rules: list[_Rule], prelude: str, body: str) -> None:
    decls = tuple(declarations(body))
    if not decls:
        return
    for selector in _unescape(prelude).lower().split(","):
        match = _SELECTOR.match(selector.strip())
        if match is None or not selector.strip():
            continue
        tag = match.group(1)
        parts = re.findall(r"[.#][\w-]+", match.group(2) or "")
        ids = [p[1:] for p in parts if p[0] == "#"]
        if len(ids) > 1:
            continue
        classes = frozenset(p[1:] for p in parts if p[0] == ".")
        rules.append(_Rule(tag, classes, ids[0] if ids else None, decls, len(rules)))


def hides(effect: Effect) -> bool:
    """Whether an effect hides what follows: hidden, invisible or tiny."""
    return effect.hide or effect.visible is False or effect.tiny is True
