"""Many saved searches against a stream of postings: a presearcher (as Lucene's Monitor and
the Elasticsearch percolator do it).

Each distinct query (same canonical text: run once, whoever saved it, with whatever filters)
is indexed under words any posting it matches has: the two rarest words it requires (a
pair: a posting must have both), else one anchor set (one per AND, every anchor of each OR
branch, the rarest word of a phrase, the first letters of a prefix). A query with no
possible anchor (only exclusions, or no words) is a candidate for every posting.

What is left to check of a query once the posting has the words it was found under is
worked out when the index is built, and the index entry is sorted by it: nothing (a pair
that is the whole query matches at once), set tests done in C (the words still needed and
the words excluded), or more (an OR, a phrase, a prefix). Filters are checked per distinct
filter set, once a posting, only when a query that goes with them matched. The result is
exactly what evaluating every search naively gives
(tests/alerts/test_alerts_matcher_property.py)."""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from itertools import chain
from operator import itemgetter
from typing import Any

import numpy as np

from followup.alerts import arrays
from followup.alerts.arrays import Gathered, Ids, IdTable
from followup.alerts.evaluate import Doc, doc_of, has_prefix
from followup.alerts.filters import Check as FilterCheck
from followup.alerts.filters import Filters, active_checks
from followup.alerts.model import Posting
from followup.alerts.query import And, Node, Not, Or, Phrase, Prefix, Term, canonical

# A filter set this many distinct queries go with is tested once a posting for all of them.
SHARED_FILTERS = 32
BATCH = 256  # postings matched together by `match_many`: their ids are gathered at once
PREFIX_KEY = 3  # a prefix is indexed by its first 3 letters (2 if it has only 2)
_CUT = itemgetter(slice(PREFIX_KEY))
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


def scopes_of(node: Node | None) -> set[str]:
    if isinstance(node, Term | Phrase | Prefix):
        return {node.field} if node.field else set()
    if isinstance(node, Not):
        return scopes_of(node.child)
    if isinstance(node, And | Or):
        return set().union(*(scopes_of(c) for c in node.children))
    return set()


def compile_query(node: Node | None) -> Check:
    """The query as nested closures (the naive evaluator walks the tree each time, and
    finds prefixes in the sorted words)."""
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
        if not stem:
            return lambda doc: has_prefix(doc, scope_name, stem)
        # a word starts with the stem where a space is followed by it (no sort of words)
        needle, scope = " " + stem, scope_name or ""
        return lambda doc: needle in doc.joined.get(scope, "")
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


@dataclass(frozen=True, slots=True)
class Residual:
    """What is left to check of a query once the posting is known to have some of its
    terms (those it was found under in the index), its excluded words aside (the matcher
    drops every query one of whose excluded words the posting has, wherever it was found)."""

    need: frozenset[str]
    any_of: tuple[frozenset[str], ...]
    rest: Check | None


def residual(plan: Plan, present: Iterable[str]) -> Residual:
    known = frozenset(present)
    return Residual(
        plan.required - known,
        tuple(keys for keys in plan.any_of if known.isdisjoint(keys)),
        plan.rest,
    )


# The queries found under one key (or pair of keys), sorted by what is left to check: nothing
# (they match); one more word (looked up at once for all of them: word -> queries); words
# still needed (a set test in C); or more.
Simple = tuple[int, frozenset[str]]
Bucket = tuple[
    tuple[int, ...],
    dict[str, tuple[int, ...]],
    tuple[Simple, ...],
    tuple[tuple[int, Residual], ...],
]


class _Filling:
    def __init__(self) -> None:
        self.direct: list[int] = []
        self.by_word: defaultdict[str, list[int]] = defaultdict(list)
        self.simple: list[Simple] = []
        self.general: list[tuple[int, Residual]] = []

    def add(self, number: int, left: Residual) -> None:
        if left.any_of or left.rest is not None:
            self.general.append((number, left))
        elif len(left.need) == 1:
            self.by_word[next(iter(left.need))].append(number)
        elif left.need:
            self.simple.append((number, left.need))
        else:
            self.direct.append(number)

    def bucket(self) -> Bucket:
        by_word = {word: tuple(numbers) for word, numbers in self.by_word.items()}
        return tuple(self.direct), by_word, tuple(self.simple), tuple(self.general)


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


class _Building:
    """The index while it is filled: keys, pairs of keys, prefixes, and the unanchored."""

    def __init__(self) -> None:
        self.index: defaultdict[str, _Filling] = defaultdict(_Filling)
        self.prefixes: defaultdict[str, _Filling] = defaultdict(_Filling)
        self.pairs: defaultdict[str, defaultdict[str, _Filling]] = defaultdict(
            lambda: defaultdict(_Filling)
        )
        self.always = _Filling()
        self.blocking: defaultdict[str, list[int]] = defaultdict(list)

    def add(self, number: int, query: Node | None, anchors: Anchors) -> None:
        plan = plan_of(query)
        for word in plan.forbidden:
            self.blocking[word].append(number)
        pairs = _pairs(plan, anchors)
        for first, second in pairs:
            self.pairs[first][second].add(number, residual(plan, (first, second)))
        if pairs:
            return
        keys = anchors.of(query)
        if keys is None:
            self.always.add(number, residual(plan, ()))
        for key in keys or ():
            if key.startswith("^"):  # only the first letters are known: the rest checks it
                self.prefixes[key[1:]].add(number, residual(plan, ()))
            else:
                self.index[key].add(number, residual(plan, (key,)))


class Matcher:
    """Saved searches indexed for matching many postings, one at a time (`match`)."""

    def __init__(
        self,
        searches: Iterable[Search],
        weights: Mapping[str, float] | None = None,
        shared_at: int = SHARED_FILTERS,
    ):
        anchors = Anchors(weights or {})
        queries: dict[str, int] = {}
        filters: dict[str, int] = {}
        variants: list[dict[int, list[int]]] = []  # per query: filter number -> search ids
        self.filters: list[tuple[Filters, tuple[FilterCheck, ...]]] = []
        self.scopes: set[str] = set()  # the fields the queries scope words to
        building = _Building()
        for search in searches:
            filter_number = filters.setdefault(search.filters.canonical(), len(filters))
            if filter_number == len(self.filters):
                self.filters.append((search.filters, active_checks(search.filters)))
            text = canonical(search.query)
            number = queries.get(text)
            if number is None:
                number = queries[text] = len(variants)
                variants.append({})
                building.add(number, search.query, anchors)
                self.scopes.update(scopes_of(search.query))
            variants[number].setdefault(filter_number, []).append(search.id)
        self._group_by_filters(variants, shared_at)
        self.index = {key: filling.bucket() for key, filling in building.index.items()}
        self.prefixes = {key: filling.bucket() for key, filling in building.prefixes.items()}
        # the scopes of the prefix keys ("title:eng"), and the keys shorter than PREFIX_KEY
        # (stems as short as "go"), looked for in the joined text rather than cut from words
        self.prefix_scopes = sorted({key.rpartition(":")[0] for key in self.prefixes})
        self.short_prefixes = [
            (scope, " " + stem, key)
            for key in self.prefixes
            for scope, _, stem in [key.rpartition(":")]
            if len(stem) < PREFIX_KEY
        ]
        self.pairs = {
            first: {second: filling.bucket() for second, filling in seconds.items()}
            for first, seconds in building.pairs.items()
        }
        self.always = building.always.bucket()
        # excluded word -> the queries it excludes the posting from
        self.blocking = {
            word: np.array(sorted(numbers), dtype=np.int64)
            for word, numbers in building.blocking.items()
        }
        self.has_filters = np.array([bool(variants) for variants in self.filtered], dtype=bool)
        # every word a set test looks for: a posting's other words are left out at once
        self.vocabulary = frozenset(
            chain(
                self.index,
                self.blocking,
                *((first, *seconds) for first, seconds in self.pairs.items()),
                *map(_words_sought, self._every_bucket()),
            )
        )

    def _every_bucket(self) -> Iterable[Bucket]:
        yield self.always
        yield from self.index.values()
        yield from self.prefixes.values()
        for seconds in self.pairs.values():
            yield from seconds.values()

    def _group_by_filters(self, variants: list[dict[int, list[int]]], shared_at: int) -> None:
        """The ids of each query's searches without filters (a filter set that sets
        nothing), and those of each filter set many queries share, as tables gathered for
        all the matched queries at once; per query, those of the other filter sets."""
        uses = Counter(f for v in variants for f in v if self.filters[f][1])
        shared = {f for f, count in uses.items() if count >= shared_at}
        self.unfiltered = IdTable(
            [[i for f, ids in v.items() if not self.filters[f][1] for i in ids] for v in variants]
        )
        self.shared = [(f, IdTable([v.get(f, []) for v in variants])) for f in sorted(shared)]
        self.filtered = [
            tuple((f, tuple(ids)) for f, ids in v.items() if self.filters[f][1] and f not in shared)
            for v in variants
        ]

    def doc_of(self, posting: Posting) -> Doc:
        """The posting as these searches see it: "field:word" terms only for the fields
        that some query scopes a word to."""
        return doc_of(posting, self.scopes)

    @property
    def distinct(self) -> int:
        """How many distinct queries there are (identical ones are run once)."""
        return len(self.filtered)

    def sought(self, doc: Doc) -> frozenset[str]:
        """The posting's terms that some set test looks for."""
        return doc.terms & self.vocabulary

    def buckets(self, doc: Doc, terms: frozenset[str] | None = None) -> list[Bucket]:
        """The index entries the posting's terms reach: its candidates (`terms`: those
        sought, when known)."""
        if terms is None:
            terms = self.sought(doc)
        found = [self.always]
        found += _reached(self.index, terms)
        for scope in self.prefix_scopes:  # "title:engineer" -> "title:eng"
            cut = map(_CUT, doc.words.get(scope, ()))  # in C: no frame a word
            keys = set(cut) if not scope else set(map((scope + ":").__add__, cut))
            found += _reached(self.prefixes, keys)
        for scope, needle, key in self.short_prefixes:
            if needle in doc.joined.get(scope, ""):
                found.append(self.prefixes[key])
        pairs = self.pairs
        for first in _common(pairs, terms):
            found += _reached(pairs[first], terms)
        return found

    def candidates(self, doc: Doc) -> set[int]:
        """The distinct queries found in the index for the posting (before any check)."""
        found: set[int] = set()
        for direct, by_word, simple, general in self.buckets(doc):
            found.update(direct)
            found.update(n for numbers in by_word.values() for n in numbers)
            found.update(entry[0] for entry in simple)
            found.update(entry[0] for entry in general)
        return found

    def matching(self, doc: Doc) -> set[int]:
        """The distinct queries the posting matches (filters not applied)."""
        return set(self._queries(doc, self._scratch()).tolist())

    def _scratch(self) -> arrays.Mask:
        return np.zeros(self.distinct, dtype=bool)

    def _queries(self, doc: Doc, scratch: arrays.Mask) -> Ids:
        """The distinct queries the posting matches, in order (`scratch`: see
        `arrays.distinct`): found under one key or more, less those its words exclude."""
        terms = self.sought(doc)
        has, lacks = terms.issuperset, terms.isdisjoint
        found: list[Iterable[int]] = []
        checked: list[int] = []
        for direct, by_word, simple, general in self.buckets(doc, terms):
            found.append(direct)
            if by_word:
                found += [by_word[word] for word in _common(by_word, terms)]
            if simple:
                checked += [number for number, need in simple if has(need)]
            if general:
                checked += [
                    number
                    for number, left in general
                    if has(left.need)
                    and not (left.any_of and any(map(lacks, left.any_of)))
                    and (left.rest is None or left.rest(doc))
                ]
        found.append(checked)
        hits = np.fromiter(chain.from_iterable(found), dtype=np.int64)
        excluded = [self.blocking[word] for word in _common(self.blocking, terms)]
        return arrays.distinct(hits, excluded, scratch)

    def match(self, doc: Doc, posting: Posting, now: datetime) -> list[int]:
        """Ids of the saved searches the posting matches, query and filters."""
        return self.match_docs([(doc, posting)], now)[0]

    def match_many(
        self, postings: Sequence[Posting], now: datetime, batch: int = BATCH
    ) -> list[list[int]]:
        """`match` for each posting, tokenised here, `batch` postings at a time."""
        found: list[list[int]] = []
        for start in range(0, len(postings), batch):
            jobs = postings[start : start + batch]
            found += self.match_docs([(self.doc_of(p), p) for p in jobs], now)
        return found

    def match_docs(self, jobs: Sequence[tuple[Doc, Posting]], now: datetime) -> list[list[int]]:
        """Ids of the saved searches each posting matches, query and filters, sorted.
        Each filter set is tested once a posting, and only if a query it goes with
        matched."""
        if not jobs:
            return []
        scratch = self._scratch()
        per_posting = [self._queries(doc, scratch) for doc, _ in jobs]
        queries, owners = arrays.owned(per_posting)
        reached = [len(found) > 0 for found in per_posting]
        parts = [self.unfiltered.gather(queries, owners)]
        for filter_number, table in self.shared:
            verdicts = [
                any_found and self._passes(filter_number, posting, now)
                for any_found, (_, posting) in zip(reached, jobs, strict=True)
            ]
            keep = np.array(verdicts, dtype=bool)[owners]
            parts.append(table.gather(queries[keep], owners[keep]))
        parts.append(self._gather_filtered(queries, owners, jobs, now))
        return arrays.split_sorted(parts, len(jobs))

    def _gather_filtered(
        self, queries: Ids, owners: Ids, jobs: Sequence[tuple[Doc, Posting]], now: datetime
    ) -> Gathered:
        """The ids of the filter sets few queries share, query by query."""
        chosen = self.has_filters[queries]
        found: list[int] = []
        whose: list[int] = []
        verdicts: dict[tuple[int, int], bool] = {}
        for number, owner in zip(queries[chosen].tolist(), owners[chosen].tolist(), strict=True):
            for filter_number, ids in self.filtered[number]:
                passed = verdicts.get((owner, filter_number))
                if passed is None:
                    passed = self._passes(filter_number, jobs[owner][1], now)
                    verdicts[owner, filter_number] = passed
                if passed:
                    found += ids
                    whose += [owner] * len(ids)
        return np.array(found, dtype=np.int64), np.array(whose, dtype=np.int64)

    def _passes(self, filter_number: int, posting: Posting, now: datetime) -> bool:
        given, checks = self.filters[filter_number]
        return all(check(given, posting, now) for check in checks)


def _words_sought(bucket: Bucket) -> Iterable[str]:
    _, by_word, simple, general = bucket
    yield from by_word
    for _, need in simple:
        yield from need
    for _, left in general:
        yield from chain(left.need, *left.any_of)


def _common(keyed: Mapping[str, Any], terms: frozenset[str] | set[str]) -> Iterable[str]:
    """The keys of `keyed` among `terms`, looking up the smaller in the larger (in C)."""
    if len(keyed) < len(terms):
        return terms.intersection(keyed)  # walks the dict
    return keyed.keys() & terms  # walks the terms


def _reached(keyed: Mapping[str, Bucket], terms: frozenset[str] | set[str]) -> list[Bucket]:
    return [keyed[key] for key in _common(keyed, terms)]
