"""Text of postings: HTML to clean text (selectolax, an HTML5 parser, never regexes), and
the tokens that searches are matched on."""

from __future__ import annotations

import html
import re
import unicodedata

# Paragraph-like elements end a line of the clean text.
_BLOCKS = (
    *("p", "div", "br", "li", "ul", "ol", "h1", "h2", "h3", "h4", "h5", "h6", "tr", "table"),
    *("section", "article", "header", "footer", "blockquote", "pre"),
)
_TOKEN = re.compile(r"[^\W_][\w+#]*(?:[.'][^\W_][\w+#]*)*")
# Each ASCII character no token has, as a space (`str.translate` leaves the others as they are).
_NOT_IN_TOKENS = "".join(c if c.isalnum() or c in "_+#.'" else " " for c in map(chr, range(128)))


def html_to_text(markup: str, *, escaped: bool = False) -> str:
    """Visible text of an HTML fragment, one line per block, whitespace collapsed.

    `escaped`: the HTML arrives entity-escaped (Greenhouse's `content`: "&lt;p&gt;...").
    """
    from selectolax.lexbor import LexborHTMLParser

    if escaped:
        markup = html.unescape(markup)
    if "<" not in markup:
        return _collapse(html.unescape(markup))
    tree = LexborHTMLParser(markup)
    for node in tree.css("script, style, noscript, template"):
        node.decompose()
    for tag in _BLOCKS:
        for node in tree.css(tag):
            node.insert_before("\n")
            node.insert_after("\n")
    root = tree.body or tree.root
    text = root.text(separator=" ", deep=True) if root is not None else ""
    return _collapse(text)


def _collapse(text: str) -> str:
    lines = (" ".join(line.split()) for line in text.splitlines())
    return "\n".join(line for line in lines if line)


def fold(text: str) -> str:
    """Lower case without accents: "Développeur" and "developpeur" are one word."""
    if text.isascii():  # most postings: nothing to decompose
        return text.lower()
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def tokens(text: str) -> list[str]:
    """The words of a text as searches see them: folded, split on anything but letters,
    digits and the `+#` of "c++" and "c#"; "node.js" stays one word."""
    # The same as `_TOKEN.findall(fold(text))`, about twice as fast: a token has neither
    # spaces nor the characters made spaces, so it lies in one word of the split; a word of
    # letters and digits only is one token, and the pattern is run only on the others.
    found: list[str] = []
    for word in fold(text).translate(_NOT_IN_TOKENS).split():
        if word.isalnum():
            found.append(word)
        else:
            found += _TOKEN.findall(word)
    return found
