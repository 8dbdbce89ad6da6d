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
from followup.alerts.filters import Check as FilterCheck
from followup.alerts.filters import Filters, active_checks
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


@dataclass(frozen=True, slots=True)
class Plan:
    """A query as set tests on a posting's terms (done in C) and what is left to check:
    it matches when it has every `required` term, none of `forbidden`, one of each of
    `any_of`, and `rest` (None: nothing left) holds."""

    required: frozenset[str]
    forbidden: frozenset[str]
    any_of: tuple[frozenset[str], ...]
    rest: Check | None


def plan_of(node: Node | None) -> Plan:
    required: set[str] = set()
    forbidden: set[str] = set()
    any_of: list[frozenset[str]] = []
    rest: list[Node] = []

    def add(part: Node) -> None:
        if isinstance(part, Term):
            required.add(_key(part.field, part.word))
        elif isinstance(part, And):
            for child in part.children:
                add(child)
        elif isinstance(part, Not) and isinstance(part.child, Term):
            forbidden.add(_key(part.child.field, part.child.word))
        elif isinstance(part, Or) and all(isinstance(c, Term) for c in part.children):
            any_of.append(frozenset(_key(c.field, c.word) for c in part.children))  # type: ignore[union-attr]
        else:
            if isinstance(part, Phrase):  # its words are required, their order is checked
                required.update(_key(part.field, w) for w in part.words)
            rest.append(part)

    if node is not None:
        add(node)
    check = None
    if rest:
        check = compile_query(rest[0] if len(rest) == 1 else And(tuple(rest)))
    return Plan(frozenset(required), frozenset(forbidden), tuple(any_of), check)


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
    forbidden: frozenset[str]
    any_of: tuple[frozenset[str], ...]
    rest: Check | None
    filters: Filters
    checks: tuple[FilterCheck, ...]  # those of `filters` that can refuse a posting
    ids: list[int]


def _pairs(plan: Plan, anchors: Anchors) -> list[tuple[str, str]]:
    """Two words a matching posting has at once, as few pairs as will do: the two rarest
    required words, or the one required word with each word of its rarest OR."""
    required = sorted(plan.required, key=lambda k: (anchors.weight(k), k))
    if len(required) >= 2:
        return [(required[0], required[1])]
    if len(required) == 1 and plan.any_of:
        group = min(plan.any_of, key=lambda keys: sum(anchors.weight(k) for k in keys))
        if required[0] in group:  # the OR holds whenever the word is there: no pair
            return []
        return [(required[0], other) for other in sorted(group)]
    return []


class Matcher:
    def __init__(self, searches: Iterable[Search], weights: Mapping[str, float] | None = None):
        anchors = Anchors(weights or {})
        by_meaning: dict[tuple[str, str], _Group] = {}
        self.groups: list[_Group] = []
        self.index: dict[str, list[int]] = defaultdict(list)
        # A search that needs two words or more is indexed under its two rarest: a posting
        # must have both to make it a candidate.
        self.pairs: dict[str, dict[str, list[int]]] = defaultdict(lambda: defaultdict(list))
        self.always: list[int] = []
        for search in searches:
            meaning = (canonical(search.query), search.filters.canonical())
            group = by_meaning.get(meaning)
            if group is not None:
                group.ids.append(search.id)
                continue
            plan = plan_of(search.query)
            group = _Group(
                plan.required,
                plan.forbidden,
                plan.any_of,
                plan.rest,
                search.filters,
                active_checks(search.filters),
                [search.id],
            )
            by_meaning[meaning] = group
            number = len(self.groups)
            self.groups.append(group)
            pairs = _pairs(plan, anchors)
            if pairs:
                for first, second in pairs:
                    self.pairs[first][second].append(number)
                continue
            keys = anchors.of(search.query)
            if keys is None:
                self.always.append(number)
            for key in keys or ():
                self.index[key].append(number)
        self.index = dict(self.index)
        self.pairs = {first: dict(seconds) for first, seconds in self.pairs.items()}
        self.has_prefixes = any(k.startswith("^") for k in self.index)

    def candidates(self, doc: Doc) -> set[int]:
        found = set(self.always)
        terms: Iterable[str] = doc.terms
        if self.has_prefixes:  # "title:engineer" -> "^title:eng" and "^title:en"
            starts = [(t, t.find(":") + 1) for t in doc.terms]
            terms = {"^" + t[: at + PREFIX_KEY] for t, at in starts}
            terms.update(["^" + t[: at + 2] for t, at in starts])
            terms.update(doc.terms)
        index = self.index
        for key in index.keys() & terms:
            found.update(index[key])
        pairs = self.pairs
        for first in pairs.keys() & doc.terms:
            seconds = pairs[first]
            for second in seconds.keys() & doc.terms:
                found.update(seconds[second])
        return found

    def match_doc(self, doc: Doc) -> list[_Group]:
        """The distinct searches whose query the posting matches (filters not applied)."""
        terms = doc.terms
        groups = self.groups
        matched = []
        disjoint = terms.isdisjoint
        for number in self.candidates(doc):
            group = groups[number]
            if (
                group.required <= terms
                and disjoint(group.forbidden)
                and (not group.any_of or not any(disjoint(s) for s in group.any_of))
                and (group.rest is None or group.rest(doc))
            ):
                matched.append(group)
        return matched

    def match(self, doc: Doc, posting: Posting, now: datetime) -> list[int]:
        """Ids of the saved searches the posting matches, query and filters."""
        found = [
            search_id
            for group in self.match_doc(doc)
            if not group.checks or all(check(group.filters, posting, now) for check in group.checks)
            for search_id in group.ids
        ]
        return sorted(found)
