"""The query language: what each form matches, and errors that point at the column."""

from __future__ import annotations

import pytest

from followup.alerts.evaluate import doc_of_fields, evaluate, reasons
from followup.alerts.query import QuerySyntaxError, canonical, parse_query

DOC = doc_of_fields(
    {
        "title": "Senior Data Engineer",
        "company": "Acme Analytics",
        "location": "Remote - United States",
        "text": "Streaming jobs in Python and Kafka; node.js and C++ welcome. Full-time.",
    }
)


@pytest.mark.parametrize(
    ("query", "matches"),
    [
        ("python", True),
        ("PYTHON kafka", True),
        ("python rust", False),
        ("python AND rust", False),
        ("rust OR kafka", True),
        ("python -kafka", False),
        ("python NOT rust", True),
        ('"data engineer"', True),
        ('"engineer data"', False),
        ('"analytics senior"', False),  # a phrase does not span two fields
        ("title:engineer", True),
        ("company:engineer", False),
        ("title:(rust OR data)", True),
        ("title:(rust OR go)", False),
        ("eng*", True),
        ("title:stream*", False),
        ("text:stream*", True),
        ("node.js c++", True),
        ("full-time", True),  # the phrase "full time"
        ("location:remote -(php OR ruby)", True),
        ("-python", False),
        ("", True),
        ("(python OR rust) AND (java OR kafka) -cobol", True),
    ],
)
def test_what_a_query_matches(query: str, matches: bool) -> None:
    assert evaluate(parse_query(query), DOC) is matches


@pytest.mark.parametrize(
    ("query", "column", "what"),
    [
        ("python AND", 11, "ends where a word was expected"),
        ("python (rust OR", 16, "ends where a word was expected"),
        ("(python", 1, "never closed"),
        ("python )", 8, "unexpected ')'"),
        ('title:"data engineer', 7, "never closed"),
        ("salary:high", 1, "unknown field 'salary'"),
        ("py e*", 4, "at least 2 letters"),
        ("OR python", 1, "unexpected 'OR'"),
        ('""', 1, "empty phrase"),
        ("title:company:x", 7, "a field inside a field"),
    ],
)
def test_errors_point_at_the_column(query: str, column: int, what: str) -> None:
    with pytest.raises(QuerySyntaxError) as caught:
        parse_query(query)
    assert caught.value.params["column"] == column
    assert what in caught.value.problem
    assert f"column {column}" in caught.value.problem


def test_the_same_search_typed_differently_is_one_search() -> None:
    assert canonical(parse_query("python AND (rust OR go)")) == canonical(
        parse_query("(go OR Rust) Python")
    )
    assert canonical(parse_query("python rust")) != canonical(parse_query("python OR rust"))


def test_reasons_name_what_was_found() -> None:
    query = parse_query('title:"data engineer" (rust OR python) -php eng*')
    assert reasons(query, DOC) == ['title:"data engineer"', "python", "eng*"]
