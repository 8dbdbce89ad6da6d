"""A posting's words as searches see them."""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from followup.alerts.text import fold, tokens

# The definition of a token: `tokens` finds these without running the pattern on every word.
TOKEN = re.compile(r"[^\W_][\w+#]*(?:[.'][^\W_][\w+#]*)*")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Senior C++ / C# engineer (Node.js, .NET)",
            ["senior", "c++", "c#", "engineer", "node.js", "net"],
        ),
        ("We're hiring. Ship it!", ["we're", "hiring", "ship", "it"]),
        ("__init__ a_b +x 5+ years", ["init__", "a_b", "x", "5+", "years"]),
        ("Développeur·se\u00a0back-end", ["developpeur", "se", "back", "end"]),
        ("a..b x.'y", ["a", "b", "x", "y"]),
    ],
)
def test_words_of_a_posting(text: str, expected: list[str]) -> None:
    assert tokens(text) == expected


@settings(max_examples=500)
@given(
    st.text(
        alphabet=st.sampled_from("ab1_+#.'\" ,;-/()\t\n\u00a0\u2003é\u0301ßİ\u00b2\u0660!·"),
        max_size=40,
    )
    | st.text(max_size=40)
)
def test_the_same_words_as_the_pattern_finds(text: str) -> None:
    assert tokens(text) == TOKEN.findall(fold(text))
