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
visible text is what a reader acts on. Colours (white on white) are not compared. The styles
are read in `visible_styles`.

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
from dataclasses import dataclass
from typing import Any

from followup.mail.reading.limits import (
    MAX_FORMATTING_BYTES_PRODUCT,
    MAX_FORMATTING_PRODUCT,
    MAX_HTML_CHARS,
    MAX_HTML_TAGS,
)
from followup.mail.reading.visible_styles import StyleSheet, declarations, effect_of, hides

__all__ = ["HtmlText", "declarations", "effect_of", "html_to_text", "read_html"]


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
    sheet = StyleSheet.from_tree(tree)
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

    def __init__(self, sheet: StyleSheet, renamed: bool) -> None:
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
            effect = self.sheet.effect(plain, attributes)
            if self.renamed and plain is not tag and hides(effect):
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
