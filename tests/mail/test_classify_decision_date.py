"""A new decision date named in a reply: phrases, spans and periods relative to the message
date; only the reply's own words, never the quoted older message."""

from __future__ import annotations

import json
from datetime import date, timedelta
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import given, settings
from hypothesis import strategies as st

from followup.cli.inspect_cmd import inspect
from followup.mail.reading.classify import MessageClass, classify_message
from followup.mail.reading.decision_date import find_decision_date
from followup.mail.reading.rules import DEFAULT_RULES_PATH, RulesError, read_rules_data

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "mail"
THURSDAY = date(2026, 3, 12)
QUOTE = "\n\nOn Tue, Mar 10, 2026 at 9:00 AM Dana Reyes <dana@acme.com> wrote:\n"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("We expect to decide by Friday, March 20.", date(2026, 3, 20)),
        ("We expect to make a decision by Friday,\nMarch 20.", date(2026, 3, 20)),
        ("You'll hear from us by 3/20.", date(2026, 3, 20)),
        ("You\u2019ll hear back from us no later than 2026-03-24.", date(2026, 3, 24)),
        ("We will decide by Friday.", date(2026, 3, 13)),
        ("We hope to have a decision for you by 25 March.", date(2026, 3, 25)),
        ("We will let you know on Monday.", date(2026, 3, 16)),
        ("We'll get back to you by the end of next week.", date(2026, 3, 20)),
        ("We will decide by the end of the week.", date(2026, 3, 13)),
        ("You will hear from us by the end of the month.", date(2026, 3, 31)),
        ("We'll be in touch next week.", date(2026, 3, 20)),
        ("We will make a decision within two weeks.", date(2026, 3, 26)),
        ("You should hear back within 10 days.", date(2026, 3, 22)),
        ("We will let you know in a couple of weeks.", date(2026, 3, 26)),
        ("We aim to decide within 1-2 weeks.", date(2026, 3, 26)),
        ("You will hear back within 5 business days.", date(2026, 3, 19)),  # no weekend days
        ("We decide by March 20, at the latest by March 27.", date(2026, 3, 27)),  # the later
        ("Wir melden uns bis zum 20.03.2026 bei Ihnen.", date(2026, 3, 20)),
        ("Nous vous donnerons une réponse d'ici le 20 mars.", date(2026, 3, 20)),
        # no date: no cue, a cue without a date, a past date, someone else's deadline
        ("We've decided to move forward with other candidates.", None),
        ("We have decided to move forward with your application.", None),
        ("Your interview on March 20 is confirmed.", None),
        ("Good news: your next interview is on March 20.", None),
        ("Please respond by March 20 with your availability.", None),
        ("We will decide by March 10.", None),  # before the message: not a new deadline
        ("We decided on March 11 to extend the search.", None),
        ("We will decide soon.", None),
        ("We will decide by 30 February.", None),
        ("We will decide by 16 March 2031.", None),  # years away: a typo
        # the quoted older message is not the reply's own text
        ("Thanks, Alice!" + QUOTE + "> We will decide by March 20.", None),
        ("Thanks!\n> we will make a decision within two weeks", None),
        (
            "Still on track: we'll decide by March 24." + QUOTE + "> decide by March 20",
            date(2026, 3, 24),
        ),
    ],
)
def test_decision_date_table(text: str, expected: date | None) -> None:
    assert find_decision_date(text, THURSDAY, None) == expected


def test_without_a_message_date_nothing_is_read() -> None:
    assert find_decision_date("We will decide by March 20, 2026.", None) is None


def test_a_reply_carries_its_decision_date_and_inspect_shows_it() -> None:
    info = classify_message((FIXTURES / "gmail_reply.eml").read_bytes())
    assert info.kind is MessageClass.REPLY
    assert info.decision_by == date(2026, 3, 20)  # "expect to make a decision by Friday, March 20"
    shown = CliRunner().invoke(inspect, [str(FIXTURES / "gmail_reply.eml"), "--json"])
    assert shown.exit_code == 0, shown.output
    data = json.loads(shown.output)
    assert data["decision_by"] == "2026-03-20" and data["return_date"] is None
    human = CliRunner().invoke(inspect, [str(FIXTURES / "gmail_reply.eml")]).output
    assert "decision by:  2026-03-20" in human


def test_only_replies_get_a_decision_date() -> None:
    raw = (
        b"From: Dana Reyes <dana.reyes@acme.com>\r\nSubject: Automatic reply: Thanks\r\n"
        b"Date: Thu, 12 Mar 2026 09:00:00 +0000\r\n\r\n"
        b"I am out of the office; we will decide by March 20.\r\n"
    )
    info = classify_message(raw)
    assert info.kind is MessageClass.AUTO_REPLY and info.decision_by is None
    rejection = (FIXTURES / "greenhouse_rejection.eml").read_bytes()
    assert classify_message(rejection).decision_by is None


def test_a_bad_count_in_the_rules_names_the_field() -> None:
    shipped = DEFAULT_RULES_PATH.read_text(encoding="utf-8")
    broken = shipped.replace("two: 2,", "two: 0,", 1)
    assert broken != shipped
    with pytest.raises(RulesError, match=r"decision_date\.numbers\.two: 0 is not a count"):
        read_rules_data(broken, "classify.yaml")
    without = shipped.replace("  span_words:", "  span_wordz:")
    with pytest.raises(RulesError, match=r"classify\.yaml:\d+: decision_date: unknown field"):
        read_rules_data(without, "classify.yaml")


PHRASES = [
    "we will decide by ",
    "you'll hear from us by ",
    "we will let you know within ",
    "decision ",
    "by the end of next week",
    "within two weeks",
    "the end of the month",
    "on ",
    "Friday, March 20",
    "3/20",
    "12/31",
    "tomorrow",
    "5 business days",
    "2026-01-01",
    "> ",
    QUOTE,
    ". ",
    "\n",
]


@settings(max_examples=300, deadline=None)
@given(
    st.lists(st.one_of(st.sampled_from(PHRASES), st.text(max_size=12)), max_size=12),
    st.dates(),
)
def test_never_raises_and_never_before_the_message_date(parts: list[str], reference: date) -> None:
    found = find_decision_date("".join(parts), reference)
    assert found is None or reference <= found <= reference + timedelta(days=370)


@settings(max_examples=100, deadline=None)
@given(st.dates(min_value=date(2001, 1, 1), max_value=date(2090, 1, 1)), st.integers(0, 300))
def test_a_written_out_date_ahead_is_read_back(reference: date, ahead: int) -> None:
    day = reference + timedelta(days=ahead)
    text = f"We expect to make a decision by {day.isoformat()}."
    assert find_decision_date(text, reference) == day
