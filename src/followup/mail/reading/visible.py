"""The text a person sees in an HTML body: a real HTML5 parser (selectolax's Lexbor), never
regular expressions over markup, in bounded time and memory.

Invisible content is dropped, as a mail client would not show it:
- <script>, <style>, <template>, <head> (and <title>), <iframe>, <noembed>, <noframes>,
  <datalist>, comments; an unclosed <script> or <style> hides everything after it, as in a
  browser; a closed <dialog> and the content of a closed <details> (its <summary> stays);
- elements with the `hidden` attribute (unless their own style sets `display`);
- elements whose style (inline, or a simple `.class`/`#id`/`tag` rule of a <style> block)
  hides them: display:none, visibility:hidden|collapse (inherited: a child may set
  visibility:visible), font-size of 0 or 1px (inherited: a child may set an absolute size;
  also the `font: 0/0 a` shorthand), opacity near 0, mso-hide:all, content-visibility:hidden,
  (max-)height or (max-)width of at most 1px with overflow hidden (the usual preheader),
  off-screen positioning (left/top/text-indent <= -999px) and clip: rect(0 0 0 0).
`aria-hidden="true"` is kept: it hides text from screen readers, not from the eye, and
visible text is what a reader acts on. Colours (white on white) are not compared.

Block elements end lines (p, div, br, li, tr, h1-h6, ...), so quoting and classification
work on lines as before.

Bounded work: the HTML5 tree builder has super-linear corners (thousands of unclosed nested
blocks; formatting elements re-opened after every block, the "HTML bomb"). A linear pass
before parsing cuts the markup to a prefix past MAX_HTML_CHARS or MAX_HTML_TAGS (a prefix
never shows what the whole would hide), and past the formatting products of `limits`
reads formatting elements (b, i, font, a, ...) as plain elements; then, to stay on the safe
side, nothing after the first formatting element that hides is read.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from followup.mail.reading.limits import (
    MAX_FORMATTING_BYTES_PRODUCT,
    MAX_FORMATTING_PRODUCT,
    MAX_HTML_CHARS,
    MAX_HTML_TAGS,
    MAX_STYLE_CHARS,
)


def _names(text: str) -> frozenset[str]:
    return frozenset(text.split())


# the HTML5 "active formatting elements"
_FORMATTING_NAMES = "a|b|big|code|em|font|i|nobr|s|small|strike|strong|tt|u"
_FORMATTING_START = re.compile(rf"<(?:{_FORMATTING_NAMES})(?=[\s/>])[^>]*>?", re.IGNORECASE)
_RENAMED = "x-followup-"  # prefix of a formatting element read as a plain element
# where the prefix goes, after "<" or "</": zero-width, so the replacement is a plain string
# (no per-match template or function: a newsletter has thousands of links)
_FORMATTING_OPEN = re.compile(rf"(?<=<)(?=(?:{_FORMATTING_NAMES})[\s/>])", re.IGNORECASE)
_FORMATTING_CLOSE = re.compile(rf"(?<=</)(?=(?:{_FORMATTING_NAMES})[\s/>])", re.IGNORECASE)
_START_TAG = re.compile(r"<[A-Za-z]")

_DROP = _names("script style template head title iframe noembed noframes datalist meta link base")
_LINE = _names(
    "address article aside dd div dt figcaption figure footer form header legend "
    "li main nav option section summary tr caption"
)
_PARAGRAPH = _names("blockquote dl h1 h2 h3 h4 h5 h6 hr ol p pre table ul")
_CELL = frozenset(("td", "th"))
_PRE = frozenset(("pre", "textarea", "listing", "plaintext", "xmp"))
_SPACES = re.compile(r"[ \t\n\r\f]+")
_BLANK_RUN = re.compile(r"\n\s*\n(?:\s*\n)+")


@dataclass(frozen=True, slots=True)
class HtmlText:
    text: str
    notes: tuple[str, ...] = ()  # what was not read, in plain words


def html_to_text(markup: str) -> str:
    """The visible text of an HTML document or fragment; never raises."""
    return read_html(markup).text


def read_html(markup: str) -> HtmlText:
    """The visible text and notes on what was set aside; never raises."""
    try:
        return _read(markup)
    except Exception as exc:  # a parser defect: show nothing rather than hidden text
        return HtmlText("", (f"unreadable HTML: {type(exc).__name__}",))


def _read(markup: str) -> HtmlText:
    notes: list[str] = []
    markup, renamed = _bounded(markup, notes)
    if not markup.strip():
        return HtmlText("", tuple(notes))
    from selectolax.lexbor import LexborHTMLParser

    if not markup.isascii():  # lone surrogates (from undecodable bytes) become "?"
        markup = markup.encode("utf-8", "replace").decode("utf-8")
    tree = LexborHTMLParser(markup)
    root = tree.root
    if root is None:
        return HtmlText("", tuple(notes))
    sheet = _StyleSheet.from_tree(tree)
    walker = _Walker(sheet, renamed)
    walker.walk(root)
    if walker.stopped:
        notes.append("an HTML body too complex to read exactly: the rest after a hidden part")
    return HtmlText(_tidy("".join(walker.out)), tuple(notes))


def _bounded(markup: str, notes: list[str]) -> tuple[str, bool]:
    """The markup cut to the caps, and whether formatting elements are renamed."""
    if len(markup) > MAX_HTML_CHARS:
        markup = markup[:MAX_HTML_CHARS]
        notes.append(f"HTML body larger than {MAX_HTML_CHARS} characters: the rest was not read")
    tags = 0
    for match in _START_TAG.finditer(markup):
        tags += 1
        if tags > MAX_HTML_TAGS:
            markup = markup[: match.start()]
            notes.append(f"HTML body with more than {MAX_HTML_TAGS} tags: the rest was not read")
            tags -= 1
            break
    count = size = 0
    for match in _FORMATTING_START.finditer(markup):
        count += 1
        size += match.end() - match.start()
    if count * tags <= MAX_FORMATTING_PRODUCT and size * tags <= MAX_FORMATTING_BYTES_PRODUCT:
        return markup, False
    markup = _FORMATTING_OPEN.sub(_RENAMED, markup)
    return _FORMATTING_CLOSE.sub(_RENAMED, markup), True


def _tidy(text: str) -> str:
    text = "\n".join(" ".join(line.split()) for line in text.splitlines())
    return _BLANK_RUN.sub("\n\n", text).strip()


# --- styles -------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class _Effect:
    hide: bool = False  # the element and everything in it is not shown
    visible: bool | None = None  # visibility: True visible, False hidden, None inherited
    tiny: bool | None = None  # font-size 0 or 1px: True, a real size: False, None inherited


_NO_EFFECT = _Effect()
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


def effect_of(winning: dict[str, str], hidden_attribute: bool = False) -> _Effect:
    """What the winning declarations of one element do to what is shown."""
    if not winning:
        return _Effect(hide=True) if hidden_attribute else _NO_EFFECT
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
    return _Effect(hide=hide, visible=visible, tiny=tiny)


def _cascade(ranked: Iterable[tuple[bool, bool, int, str, str]]) -> dict[str, str]:
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


class _StyleSheet:
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
    def from_tree(cls, tree: Any) -> _StyleSheet:
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


# --- the walk -------------------------------------------------------------------------------


# the state of an open element, as bits: shown unless hidden, tiny or in a closed <details>
_VISIBLE = 1
_TINY = 2
_PRE_BIT = 4
_CLOSED_DETAILS = 8  # a <details> without `open`: only its <summary> shows
_SHOWN_MASK = _VISIBLE | _TINY | _CLOSED_DETAILS
_EXIT = {**dict.fromkeys(_PARAGRAPH, 2), **dict.fromkeys(_LINE, 1), **dict.fromkeys(_CELL, -1)}


class _Walker:
    """Depth-first over the tree without recursion (any nesting depth). Tight: this loop
    runs once per node of a newsletter, so states are bit sets and the common element (no
    attribute that can hide) takes no detour."""

    def __init__(self, sheet: _StyleSheet, renamed: bool) -> None:
        self.sheet = sheet
        self.renamed = renamed
        self.out: list[str] = []
        self.stopped = False
        self.newlines = 2  # line breaks at the end of `out` (the start counts as a paragraph)
        self.spaced = True  # `out` ends with white space

    def _text(self, text: str, pre: bool) -> None:
        if not pre:
            text = _SPACES.sub(" ", text)
            if self.spaced and text.startswith(" "):
                text = text[1:]
        if not text:
            return
        self.out.append(text)
        stripped = text.rstrip("\n")
        self.newlines = len(text) - len(stripped) if stripped else self.newlines + len(text)
        self.spaced = text[-1].isspace()

    def _break(self, lines: int) -> None:
        """End the line (1) or the paragraph (2), once however many blocks end here."""
        if lines > self.newlines:
            self.out.append("\n" * (lines - self.newlines))
            self.newlines, self.spaced = lines, True

    def walk(self, root: Any) -> None:
        states: list[int] = [_VISIBLE]
        exits: list[int] = []  # the break to make when leaving each open element
        node = root
        while True:
            tag = node.tag or ""
            descend = False
            if tag == "-text":
                state = states[-1]
                if state & _SHOWN_MASK == _VISIBLE:
                    self._text(node.text_content or "", bool(state & _PRE_BIT))
            elif tag[:1] != "-" or tag == "-document":  # not a comment or a doctype
                descend = tag not in _DROP and self._enter(node, tag, states, exits)
                if self.stopped:
                    return
            child = node.child if descend else None
            if child is not None:
                node = child
                continue
            if descend:  # an open element without children: leave it at once
                self._leave(states, exits)
            while True:
                if len(states) == 1:  # back at the root's level: done
                    return
                sibling = node.next
                if sibling is not None:
                    node = sibling
                    break
                node = node.parent
                if node is None:
                    return
                self._leave(states, exits)

    def _leave(self, states: list[int], exits: list[int]) -> None:
        states.pop()
        lines = exits.pop()
        if lines > 0:
            self._break(lines)
        elif lines < 0:
            self._text(" ", False)

    def _enter(self, node: Any, tag: str, states: list[int], exits: list[int]) -> bool:
        state = states[-1]
        if state & _CLOSED_DETAILS and tag != "summary":
            return False
        attributes = node.attributes if tag != "-document" else {}
        if attributes:
            plain = tag[len(_RENAMED) :] if tag.startswith(_RENAMED) else tag
            effect = self._effect(plain, attributes)
            if self.renamed and plain is not tag and _hides(effect):
                self.stopped = True  # a formatting element read as plain may hide what follows
                return False
            if effect.hide or (tag == "dialog" and "open" not in attributes):
                return False
            if effect.visible is not None:
                state = state | _VISIBLE if effect.visible else state & ~_VISIBLE
            if effect.tiny is not None:
                state = state | _TINY if effect.tiny else state & ~_TINY
        elif tag == "dialog":
            return False
        state &= ~_CLOSED_DETAILS
        if tag in _PRE:
            state |= _PRE_BIT
        elif tag == "details" and "open" not in attributes:
            state |= _CLOSED_DETAILS
        states.append(state)
        if tag == "br":
            self._text("\n", True)
            exits.append(0)
            return True
        lines = _EXIT.get(tag, 0)
        if lines > 0:
            self._break(lines)
        elif lines < 0:
            self._text(" ", False)
        exits.append(lines)
        return True

    def _effect(self, tag: str, attributes: dict[str, Any]) -> _Effect:
        if not attributes:
            return _NO_EFFECT
        style = attributes.get("style")
        matched = self.sheet.matching(tag, attributes)
        hidden = "hidden" in attributes
        if not style and not matched:
            return _Effect(hide=True) if hidden else _NO_EFFECT
        ranked: list[tuple[bool, bool, int, str, str]] = []
        for order, decls in matched:
            ranked.extend((imp, False, order, name, value) for name, value, imp in decls)
        if style:
            ranked.extend(
                (imp, True, i, name, value)
                for i, (name, value, imp) in enumerate(declarations(str(style)))
            )
        return effect_of(_cascade(ranked), hidden)


def _hides(effect: _Effect) -> bool:
    return effect.hide or effect.visible is False or effect.tiny is True
