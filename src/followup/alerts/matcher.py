"""Many saved searches against a stream of postings: a presearcher (as Lucene's Monitor and
the Elasticsearch percolator do it).

Each distinct search (same canonical query and filters: run once, whoever saved it) is
indexed under a few *anchor* terms such that any posting it matches contains at least one:
one anchor set per AND (the child whose anchors are rarest), every anchor of each OR
branch, the rarest word of a phrase, the first letters of a prefix. A search with no
possible anchor (only exclusions, or no words) is a candidate for every posting. A posting
is turned into its set of terms; the index gives the candidates; each candidate is checked
first by the words it cannot match without (a subset test, in C), then by its compiled
query. The result is exactly what evaluating every search naively gives
(tests/alerts/test_matcher_property.py)."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from datetime import datetime

from followup.alerts.evaluate import Doc, has_prefix
from followup.alerts.filters import Filters, passes
from followup.alerts.model import Posting
from followup.alerts.query import And, Node, Not, Or, Phrase, Prefix, Term, canonical

PREFIX_KEY = 3  # a prefix is indexed by its first 3 letters (2 if it has only 2)
_UNKNOWN_WEIGHT = 0.001  # a word never seen is taken as rare
_PREFIX_WEIGHT = 0.05


@dataclass(frozen=True, slots=True)
class Search:
    id: int
    query: Node | None
    filters: Filters = field(default_factory=Filters)


def _key(scope: str | None, word: str) -> str:
    return f"{scope}:{word}" if scope else word


def _prefix_key(scope: str | None, stem: str) -> str:
    return "^" + _key(scope, stem[:PREFIX_KEY])


Check = Callable[[Doc], bool]


def compile_query(node: Node | None) -> Check:
    """The query as nested closures (the naive evaluator walks the tree each time)."""
    if node is None:
        return lambda doc: True
    if isinstance(node, Term):
        key = _key(node.field, node.word)
        return lambda doc: key in doc.terms
    if isinstance(node, Phrase):
        needle, scope = f" {' '.join(node.words)} ", node.field or ""
        return lambda doc: needle in doc.joined.get(scope, "")
    if isinstance(node, Prefix):
        scope_name, stem = node.field, node.stem
        return lambda doc: has_prefix(doc, scope_name, stem)
    if isinstance(node, Not):
        inner = compile_query(node.child)
        return lambda doc: not inner(doc)
    parts = [compile_query(c) for c in node.children]
    if isinstance(node, And):
        return lambda doc: all(p(doc) for p in parts)
    return lambda doc: any(p(doc) for p in parts)


def required_terms(node: Node | None) -> tuple[frozenset[str], bool]:
    """Terms every match contains, and whether having them is the whole query."""
    if isinstance(node, Term):
        return frozenset([_key(node.field, node.word)]), True
    if isinstance(node, Phrase):
        return frozenset(_key(node.field, w) for w in node.words), False
    if isinstance(node, And):
        found: set[str] = set()
        exact = True
        for child in node.children:
            terms, child_exact = required_terms(child)
            found |= terms
            exact = exact and child_exact
        return frozenset(found), exact
    return frozenset(), node is None


class Anchors:
    """Choosing anchors by how often a term occurs in postings (a fraction; rarer is better)."""

    def __init__(self, weights: Mapping[str, float]) -> None:
        self.weights = weights

    def weight(self, key: str) -> float:
        if key.startswith("^"):
            return _PREFIX_WEIGHT
        return self.weights.get(key, self.weights.get(key.partition(":")[2], _UNKNOWN_WEIGHT))

    def of(self, node: Node | None) -> frozenset[str] | None:
        """Keys of which every matching posting has one; None: no such set."""
        if isinstance(node, Term):
            return frozenset([_key(node.field, node.word)])
        if isinstance(node, Phrase):
            words = [_key(node.field, w) for w in node.words]
            return frozenset([min(words, key=self.weight)])
        if isinstance(node, Prefix):
            return frozenset([_prefix_key(node.field, node.stem)])
        if isinstance(node, Or):
            union: set[str] = set()
            for child in node.children:
                branch = self.of(child)
                if branch is None:
                    return None
                union |= branch
            return frozenset(union)
        if isinstance(node, And):
            options = [k for k in (self.of(c) for c in node.children) if k is not None]
            if not options:
                return None
            return min(options, key=lambda keys: sum(self.weight(k) for k in keys))
        return None  # Not, or an empty query


@dataclass(slots=True)
class _Group:
    """One distinct search and the ids of every saved search that is it."""

    required: frozenset[str]
    exact: bool
    check: Check
    filters: Filters
    ids: list[int]


class Matcher:
    def __init__(self, searches: Iterable[Search], weights: Mapping[str, float] | None = None):
        anchors = Anchors(weights or {})
        by_meaning: dict[tuple[str, str], _Group] = {}
        self.groups: list[_Group] = []
        self.index: dict[str, list[int]] = defaultdict(list)
        self.always: list[int] = []
        for search in searches:
            meaning = (canonical(search.query), search.filters.canonical())
            group = by_meaning.get(meaning)
            if group is not None:
                group.ids.append(search.id)
                continue
            required, exact = required_terms(search.query)
            check = compile_query(search.query)
            group = _Group(required, exact, check, search.filters, [search.id])
            by_meaning[meaning] = group
            number = len(self.groups)
            self.groups.append(group)
            keys = anchors.of(search.query)
            if keys is None:
                self.always.append(number)
            for key in keys or ():
                self.index[key].append(number)
        self.index = dict(self.index)
        self.has_prefixes = any(k.startswith("^") for k in self.index)

    def candidates(self, doc: Doc) -> set[int]:
        found = set(self.always)
        terms: Iterable[str] = doc.terms
        if self.has_prefixes:
            terms = set(terms)
            for term in doc.terms:
                scope, _, word = term.rpartition(":")
                sep = ":" if scope else ""
                terms.add(f"^{scope}{sep}{word[:PREFIX_KEY]}")
                terms.add(f"^{scope}{sep}{word[:2]}")
        index = self.index
        for key in index.keys() & terms:
            found.update(index[key])
        return found

    def match_doc(self, doc: Doc) -> list[_Group]:
        """The distinct searches whose query the posting matches (filters not applied)."""
        terms = doc.terms
        groups = self.groups
        matched = []
        for number in self.candidates(doc):
            group = groups[number]
            if group.required <= terms and (group.exact or group.check(doc)):
                matched.append(group)
        return matched

    def match(self, doc: Doc, posting: Posting, now: datetime) -> list[int]:
        """Ids of the saved searches the posting matches, query and filters."""
        found = [
            search_id
            for group in self.match_doc(doc)
            if passes(group.filters, posting, now)
            for search_id in group.ids
        ]
        return sorted(found)
