"""The query language of saved searches, parsed into a tree; errors point at the column.

    python AND (django OR flask) -php         boolean; juxtaposition is AND
    "data engineer"                           a phrase: these words, in this order
    -recruiter   NOT agency                   exclusions
    eng*                                      a prefix (at least 2 letters)
    title:"staff engineer"  company:acme      field scopes: title, company, location, text
    title:(rust OR go)                        a scope over a group

Operators are the upper-case words AND, OR, NOT (lower-case ones are words to find). OR binds
looser than AND. Words are folded as postings are (followup.alerts.text.tokens): case and
accents don't matter, "node.js" and "c++" are words, "full-time" is the phrase "full time".
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from followup.alerts.text import tokens
from followup.errors import UserError

FIELDS = ("title", "company", "location", "text")
MIN_PREFIX = 2


class QuerySyntaxError(UserError):
    default_code = "alerts.query-syntax"


@dataclass(frozen=True, slots=True)
class Term:
    field: str | None  # None: any field
    word: str


@dataclass(frozen=True, slots=True)
class Phrase:
    field: str | None
    words: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Prefix:
    field: str | None
    stem: str


@dataclass(frozen=True, slots=True)
class Not:
    child: Node


@dataclass(frozen=True, slots=True)
class And:
    children: tuple[Node, ...]


@dataclass(frozen=True, slots=True)
class Or:
    children: tuple[Node, ...]


Node = Term | Phrase | Prefix | Not | And | Or

_LEXEME = re.compile(
    r"""(?P<space>\s+)
      | (?P<lparen>\()
      | (?P<rparen>\))
      | (?P<phrase>"[^"]*"?)
      | (?P<minus>-(?=[^\s)]))
      | (?P<field>[A-Za-z]+:)
      | (?P<word>[^\s()"]+)""",
    re.VERBOSE,
)


@dataclass(frozen=True, slots=True)
class _Token:
    kind: str
    text: str
    column: int  # 1-based


def _lex(query: str) -> list[_Token]:
    found = []
    for match in _LEXEME.finditer(query):
        kind = match.lastgroup or ""
        if kind == "space":
            continue
        text = match.group()
        if kind == "word" and text in ("AND", "OR", "NOT"):
            kind = text.lower()
        found.append(_Token(kind, text, match.start() + 1))
    return found


class _Parser:
    def __init__(self, query: str) -> None:
        self.query = query
        self.tokens = _lex(query)
        self.at = 0

    def fail(self, column: int, what: str) -> QuerySyntaxError:
        return QuerySyntaxError(
            f"the search {self.query!r} has an error at column {column}: {what}",
            code="alerts.query-syntax",
            params={"query": self.query, "column": column, "what": what},
        )

    def peek(self) -> _Token | None:
        return self.tokens[self.at] if self.at < len(self.tokens) else None

    def end_column(self) -> int:
        return len(self.query) + 1

    def parse(self) -> Node | None:
        if not self.tokens:
            return None
        node = self.or_()
        token = self.peek()
        if token is not None:
            raise self.fail(token.column, f"unexpected {token.text!r} (no '(' to close)")
        return node

    def or_(self) -> Node:
        children = [self.and_()]
        while (token := self.peek()) is not None and token.kind == "or":
            self.at += 1
            children.append(self.and_())
        return children[0] if len(children) == 1 else Or(tuple(children))

    def and_(self) -> Node:
        children = [self.unary()]
        while (token := self.peek()) is not None and token.kind not in ("or", "rparen"):
            if token.kind == "and":
                self.at += 1
            children.append(self.unary())
        return children[0] if len(children) == 1 else And(tuple(children))

    def unary(self) -> Node:
        token = self.peek()
        if token is not None and token.kind in ("minus", "not"):
            self.at += 1
            return Not(self.unary())
        return self.primary(None)

    def primary(self, field: str | None) -> Node:
        token = self.peek()
        if token is None:
            raise self.fail(self.end_column(), "the search ends where a word was expected")
        self.at += 1
        if token.kind == "field":
            name = token.text[:-1].lower()
            if name not in FIELDS:
                known = ", ".join(FIELDS)
                raise self.fail(token.column, f"unknown field {name!r} (fields: {known})")
            if field is not None:
                raise self.fail(token.column, "a field inside a field")
            return self.primary(name)
        if token.kind == "lparen":
            node = self.or_() if field is None else _scoped(self.or_(), field)
            close = self.peek()
            if close is None or close.kind != "rparen":
                raise self.fail(token.column, "this '(' is never closed")
            self.at += 1
            return node
        if token.kind == "phrase":
            if len(token.text) < 2 or not token.text.endswith('"'):
                raise self.fail(token.column, "this '\"' is never closed")
            words = tokens(token.text[1:-1])
            if not words:
                raise self.fail(token.column, "an empty phrase")
            return _word_node(field, words)
        if token.kind == "word":
            return self.word(token, field)
        raise self.fail(token.column, f"unexpected {token.text!r}")

    def word(self, token: _Token, field: str | None) -> Node:
        text = token.text
        if text.endswith("*"):
            stem = tokens(text[:-1])
            if len(stem) != 1 or "*" in text[:-1]:
                raise self.fail(token.column, f"{text!r}: a prefix is one word followed by '*'")
            if len(stem[0]) < MIN_PREFIX:
                raise self.fail(
                    token.column, f"{text!r}: a prefix needs at least {MIN_PREFIX} letters"
                )
            return Prefix(field, stem[0])
        words = tokens(text)
        if not words:
            raise self.fail(token.column, f"{text!r} has no letters or digits to search for")
        return _word_node(field, words)


def _word_node(field: str | None, words: list[str]) -> Node:
    return Term(field, words[0]) if len(words) == 1 else Phrase(field, tuple(words))


def _scoped(node: Node, field: str) -> Node:
    """`title:(a OR b)`: every word of the group in that field."""
    match node:
        case Term(None, word):
            return Term(field, word)
        case Phrase(None, words):
            return Phrase(field, words)
        case Prefix(None, stem):
            return Prefix(field, stem)
        case Not(child):
            return Not(_scoped(child, field))
        case And(children):
            return And(tuple(_scoped(c, field) for c in children))
        case Or(children):
            return Or(tuple(_scoped(c, field) for c in children))
    return node


def parse_query(query: str) -> Node | None:
    """The tree of a search (None for an empty one, which matches every posting)."""
    return _Parser(query).parse()


def canonical(node: Node | None) -> str:
    """One text per meaning up to the order of AND and OR operands: identical searches
    (however they were typed) have the same canonical form and are run once."""
    match node:
        case None:
            return ""
        case Term(field, word):
            return f"{field or ''}:{word}"
        case Phrase(field, words):
            return f'{field or ""}:"{" ".join(words)}"'
        case Prefix(field, stem):
            return f"{field or ''}:{stem}*"
        case Not(child):
            return f"-{canonical(child)}"
        case And(children):
            return "(" + " AND ".join(sorted({canonical(c) for c in children})) + ")"
        case Or(children):
            return "(" + " OR ".join(sorted({canonical(c) for c in children})) + ")"
    raise TypeError(node)
