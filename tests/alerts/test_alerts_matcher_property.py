"""The presearcher returns exactly what evaluating every search naively returns."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from hypothesis import given, settings
from hypothesis import strategies as st

from followup.alerts.evaluate import doc_of, evaluate
from followup.alerts.filters import Filters, passes
from followup.alerts.matcher import Matcher, Search
from followup.alerts.model import Posting, WorkMode
from followup.alerts.query import And, Node, Not, Or, Phrase, Prefix, Term, parse_query

NOW = datetime(2026, 12, 1, 12, tzinfo=UTC)
WORDS = ["python", "pytorch", "rust", "data", "engineer", "senior", "go", "golang", "remote"]
FIELDS = [None, None, "title", "company", "location", "text"]

field = st.sampled_from(FIELDS)
word = st.sampled_from(WORDS)
leaf = st.one_of(
    st.builds(Term, field, word),
    st.builds(Phrase, field, st.lists(word, min_size=2, max_size=3).map(tuple)),
    st.builds(Prefix, field, st.sampled_from(["py", "go", "eng", "dat", "sen", "ru"])),
)
queries: st.SearchStrategy[Node] = st.recursive(
    leaf,
    lambda inner: st.one_of(
        st.builds(Not, inner),
        st.builds(And, st.lists(inner, min_size=2, max_size=3).map(tuple)),
        st.builds(Or, st.lists(inner, min_size=2, max_size=3).map(tuple)),
    ),
    max_leaves=6,
)
filters = st.one_of(
    st.just(Filters()),
    st.builds(
        Filters,
        work_modes=st.lists(st.sampled_from(list(WorkMode)), max_size=2).map(tuple),
        min_salary=st.sampled_from([None, 100000, 150000]),
        include_unknown_salary=st.booleans(),
        exclude_companies=st.sampled_from([(), ("Acme",)]),
        posted_within_days=st.sampled_from([None, 3]),
    ),
)
text = st.lists(word, max_size=8).map(" ".join)
postings = st.builds(
    Posting,
    source=st.just("test"),
    source_id=st.uuids().map(str),
    title=text,
    company=st.sampled_from(["Acme", "Globex data", "Initech"]),
    url=st.just("https://jobs.example/1"),
    description=text,
    locations=st.lists(st.sampled_from(["remote", "berlin go"]), max_size=1).map(tuple),
    work_mode=st.one_of(st.none(), st.sampled_from(list(WorkMode))),
    posted_at=st.one_of(st.none(), st.integers(0, 6).map(lambda d: NOW - timedelta(days=d))),
)


def naive(searches: list[Search], posting: Posting) -> list[int]:
    doc = doc_of(posting)
    return sorted(
        s.id for s in searches if evaluate(s.query, doc) and passes(s.filters, posting, NOW)
    )


@settings(max_examples=300)
@given(
    st.lists(st.tuples(st.one_of(st.none(), queries), filters), min_size=1, max_size=25),
    st.lists(postings, min_size=1, max_size=5),
    st.data(),
)
def test_the_matcher_agrees_with_naive_evaluation(
    made: list[tuple[Node | None, Filters]], jobs: list[Posting], data: st.DataObject
) -> None:
    searches = [Search(i + 1, q, f) for i, (q, f) in enumerate(made)]
    # identical searches (the same query saved again) are run once, for every id
    searches += [Search(100 + s.id, s.query, s.filters) for s in searches[:3]]
    weights = data.draw(st.dictionaries(word, st.floats(0.0001, 0.9), max_size=5))
    matcher = Matcher(searches, weights)
    # every filter set gathered per filter set, as those many queries share are
    shared = Matcher(searches, weights, shared_at=1)
    for posting in jobs:
        expected = naive(searches, posting)
        assert matcher.match(matcher.doc_of(posting), posting, NOW) == expected
        assert shared.match(shared.doc_of(posting), posting, NOW) == expected
    # in batches: each posting's ids gathered, sorted and split from one array
    every = [naive(searches, posting) for posting in jobs]
    assert matcher.match_many(jobs, NOW) == every
    assert shared.match_many(jobs, NOW, batch=2) == every


@settings(max_examples=100)
@given(
    st.lists(st.tuples(st.one_of(st.none(), queries), filters), min_size=1, max_size=12),
    st.lists(st.integers(-500, 500), min_size=12, max_size=12, unique=True),
    st.lists(postings, min_size=1, max_size=4),
)
def test_any_ids_come_back_sorted_per_posting(
    made: list[tuple[Node | None, Filters]], ids: list[int], jobs: list[Posting]
) -> None:
    """Ids close together (a batch sorted on one number for posting and id), and far
    apart (too far for one number)."""
    for chosen in (ids, [n + (2**62 if n % 2 else -(2**62)) for n in ids]):
        searches = [Search(i, q, f) for i, (q, f) in zip(chosen, made, strict=False)]
        matcher = Matcher(searches, shared_at=1)
        assert matcher.match_many(jobs, NOW, batch=3) == [naive(searches, p) for p in jobs]


def test_identical_searches_are_verified_once() -> None:
    searches = [Search(i, parse_query("python rust")) for i in range(1, 4)]
    searches.append(Search(4, parse_query("Rust AND python")))
    matcher = Matcher(searches)
    assert matcher.distinct == 1
    job = Posting("t", "1", "Rust and Python developer", "Acme", "https://x.example")
    assert matcher.match(doc_of(job), job, NOW) == [1, 2, 3, 4]


def test_only_candidates_are_verified() -> None:
    searches = [Search(1, parse_query("python django")), Search(2, parse_query("rust"))]
    searches.append(Search(3, parse_query("-cobol")))  # no anchor: a candidate for every job
    searches.append(Search(4, parse_query("python (flask OR django)")))
    searches.append(Search(5, parse_query("python (python OR go)")))  # the OR adds nothing
    matcher = Matcher(searches, {"python": 0.3, "django": 0.01})
    assert set(matcher.index) == {"rust", "python"}
    assert {k: set(v) for k, v in matcher.pairs.items()} == {
        "django": {"python"},
        "python": {"django", "flask"},
    }
    # a pair found is all that "python django" needs: it matches without a check
    assert matcher.pairs["django"]["python"] == ((0,), {}, (), ())
    assert matcher.always == ((2,), {}, (), ())  # unless the posting has "cobol":
    assert {word: list(queries) for word, queries in matcher.blocking.items()} == {"cobol": [2]}
    job = Posting("t", "1", "Python developer", "Acme", "https://x.example")
    assert matcher.candidates(doc_of(job)) == {2, 4}
    job = Posting("t", "2", "Python developer", "Acme", "https://x.example", "flask")
    assert matcher.candidates(doc_of(job)) == {2, 3, 4}
    assert matcher.match(doc_of(job), job, NOW) == [3, 4, 5]


def test_a_query_saved_with_several_filter_sets_is_checked_once() -> None:
    remote = Filters(work_modes=(WorkMode.REMOTE,))
    searches = [Search(1, parse_query("rust"), remote), Search(2, parse_query("rust"))]
    searches.append(Search(3, parse_query("rust"), Filters(min_salary=10**9)))
    matcher = Matcher(searches)
    assert matcher.distinct == 1
    job = Posting("t", "1", "Rust developer", "Acme", "https://x.example")
    assert matcher.match(doc_of(job), job, NOW) == [1, 2, 3]  # no mode, no salary: both pass
    onsite = Posting(
        "t", "2", "Rust developer", "Acme", "https://x.example", work_mode=WorkMode.ONSITE
    )
    assert matcher.match(doc_of(onsite), onsite, NOW) == [2, 3]
