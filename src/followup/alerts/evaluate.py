"""One search against one posting: the naive evaluation, and the reasons of a match.

A posting is seen as a `Doc`: its words per field ("title", "company", "location", "text"),
the set of its terms (each word bare, for unscoped search words, and "field:word" for scoped
ones) and each field's words joined with spaces, for phrases."""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Collection
from dataclasses import dataclass, field

from followup.alerts.model import Posting
from followup.alerts.query import And, Node, Not, Or, Phrase, Prefix, Term
from followup.alerts.text import tokens

_SEPARATOR = " \x00 "  # between fields: no phrase spans two


@dataclass(slots=True)
class Doc:
    terms: frozenset[str]
    joined: dict[str, str]  # field (and "" for all of them) -> " w1 w2 ... "
    words: dict[str, set[str]]  # field (and "" for all of them) -> its distinct words
    _sorted: dict[str, list[str]] = field(default_factory=dict)

    def sorted_words(self, scope: str) -> list[str]:
        found = self._sorted.get(scope)
        if found is None:
            found = self._sorted[scope] = sorted(self.words.get(scope, ()))
        return found


def doc_of_fields(fields: dict[str, str], scopes: Collection[str] | None = None) -> Doc:
    """A Doc of field texts ("title", "company", "location", "text"). `scopes`: the fields
    whose "field:word" terms are wanted (None: all); searches rarely scope to the long text."""
    terms: set[str] = set()
    joined: dict[str, str] = {}
    words_of: dict[str, set[str]] = {}
    for name, text in fields.items():
        words = tokens(text)
        distinct = words_of[name] = set(words)
        terms |= distinct
        if scopes is None or name in scopes:
            scope = name + ":"
            terms.update([scope + w for w in distinct])
        joined[name] = " " + " ".join(words) + " "
    joined[""] = _SEPARATOR.join(joined.values())
    words_of[""] = set().union(*words_of.values())
    return Doc(frozenset(terms), joined, words_of)


def doc_of(posting: Posting, scopes: Collection[str] | None = None) -> Doc:
    return doc_of_fields(
        {
            "title": posting.title,
            "company": posting.company,
            "location": " ".join(posting.locations),
            "text": posting.description,
        },
        scopes,
    )


def _key(scope: str | None, word: str) -> str:
    return f"{scope}:{word}" if scope else word


def has_prefix(doc: Doc, scope: str | None, stem: str) -> bool:
    words = doc.sorted_words(scope or "")
    at = bisect_left(words, stem)
    return at < len(words) and words[at].startswith(stem)


def evaluate(node: Node | None, doc: Doc) -> bool:
    """Whether the posting matches the search (an empty search matches everything)."""
    match node:
        case None:
            return True
        case Term(scope, word):
            return _key(scope, word) in doc.terms
        case Phrase(scope, words):
            return f" {' '.join(words)} " in doc.joined.get(scope or "", "")
        case Prefix(scope, stem):
            return has_prefix(doc, scope, stem)
        case Not(child):
            return not evaluate(child, doc)
        case And(children):
            return all(evaluate(c, doc) for c in children)
        case Or(children):
            return any(evaluate(c, doc) for c in children)
    raise TypeError(node)


def reasons(node: Node | None, doc: Doc) -> list[str]:
    """The words and phrases found that make the posting match (for `alerts test`)."""
    match node:
        case None | Not():
            return []
        case Term(scope, word) if evaluate(node, doc):
            return [_key(scope, word)]
        case Phrase(scope, words) if evaluate(node, doc):
            return [_key(scope, '"' + " ".join(words) + '"')]
        case Prefix(scope, stem) if evaluate(node, doc):
            return [_key(scope, stem + "*")]
        case And(children) | Or(children):
            found: list[str] = []
            for child in children:
                found += reasons(child, doc)
            return list(dict.fromkeys(found))
    return []
