"""The return date an out-of-office names: languages, formats, relative to the message date."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from followup.mail.reading.classify import MessageClass, classify_message
from followup.mail.reading.returndate import find_return_date
from followup.mail.reading.rules import load_rules

FRIDAY = date(2026, 3, 13)
ENGLISH_MONTHS = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("I will be back on Monday 16 March and will reply then.", date(2026, 3, 16)),
        ("I'm out of the office, returning 03/16/2026.", date(2026, 3, 16)),
        ("I am back in the office on March 16th.", date(2026, 3, 16)),
        ("Back on the 16th of March.", date(2026, 3, 16)),
        ("I'm away until Monday.", date(2026, 3, 16)),
        ("Out of office through March 17.", date(2026, 3, 18)),  # inclusive: back the day after
        ("I'm on leave from 9 March until March 20, 2026.", date(2026, 3, 20)),
        ("Back tomorrow.", date(2026, 3, 14)),
        ("Returning 2026-03-23.", date(2026, 3, 23)),
        ("Ich bin zurück am 16.03.2026.", date(2026, 3, 16)),
        ("Ab dem 16.03. bin ich wieder im Büro.", date(2026, 3, 16)),
        ("Ich bin bis einschließlich 13.03.2026 nicht im Büro.", date(2026, 3, 14)),
        ("Ich bin bis zum 20. März abwesend.", date(2026, 3, 20)),
        ("Je serai de retour le 16 mars.", date(2026, 3, 16)),
        ("Absent jusqu'au lundi 23 mars.", date(2026, 3, 23)),
        ("Estaré fuera hasta el 15 de marzo.", date(2026, 3, 15)),
        ("Regresaré el 16/03/2026.", date(2026, 3, 16)),  # day first outside English
        ("Rientro il 23 marzo.", date(2026, 3, 23)),
        ("Ik ben terug op 17 maart.", date(2026, 3, 17)),
        ("Jag är tillbaka den 18 mars.", date(2026, 3, 18)),
        ("Estarei ausente até dia 25 de março.", date(2026, 3, 25)),
        ("Sono fuori ufficio fino a lunedì 23 marzo.", date(2026, 3, 23)),
        ("Jestem na urlopie do 20 marca.", date(2026, 3, 20)),
        ("Я в отпуске до 20 марта.", date(2026, 3, 20)),
        ("20 Mart tarihine kadar izindeyim.", date(2026, 3, 20)),
        ("Jeg er ikke på kontoret før 24.03.", date(2026, 3, 24)),
        ("Jeg er tilbage på kontoret mandag den 16. marts.", date(2026, 3, 16)),
        ("Do 20. března jsem na dovolené.", date(2026, 3, 20)),
        ("3月20日まで休暇のため不在にしております。", date(2026, 3, 20)),
        ("2026年3月23日以降にご返信いたします。", date(2026, 3, 23)),
        ("我正在休假，3月20日返回办公室。", date(2026, 3, 20)),
        ("3월 20일까지 휴가 중입니다.", date(2026, 3, 20)),
        ("面接は3月10日でした。", None),  # a date without a back/until word
        ("אני מחוץ למשרד עד 20.03.", date(2026, 3, 20)),
        ("أنا خارج المكتب حتى ٢٠ مارس.", date(2026, 3, 20)),  # Arabic-Indic digits
        ("Back on 5 January.", date(2027, 1, 5)),  # no year: the next 5 January
        ("Thanks for your email, I will reply soon.", None),
        ("The interview was on 10 March.", None),  # a date without a back/until word
        ("Back on 30 February.", None),
        ("Back on 16 March 2031.", None),  # years away: a typo, not a plan
    ],
)
def test_return_date_table(text: str, expected: date | None) -> None:
    assert find_return_date(text, FRIDAY, load_rules().return_date) == expected


def test_back_date_wins_over_until_date() -> None:
    text = "Ich bin bis zum 13.03. unterwegs. Zurück am 17.03.2026."
    assert find_return_date(text, FRIDAY, load_rules().return_date) == date(2026, 3, 17)


def test_without_a_message_date_only_full_dates_count() -> None:
    rules = load_rules().return_date
    assert find_return_date("back on 16 March 2026", None, rules) == date(2026, 3, 16)
    assert find_return_date("back on Monday", None, rules) is None


def test_a_year_end_message_rolls_into_next_year() -> None:
    rules = load_rules().return_date
    assert find_return_date("back on 7 January", date(2026, 12, 22), rules) == date(2027, 1, 7)


def test_auto_reply_carries_the_return_date_relative_to_its_date() -> None:
    raw = (
        b"From: Sam Lee <sam.lee@acme.com>\r\nSubject: Automatic reply: Thank you\r\n"
        b"Date: Wed, 23 Dec 2026 09:00:00 +0000\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n"
        b"I am out of the office and will be back on Monday, January 4.\r\n"
    )
    info = classify_message(raw)
    assert info.kind is MessageClass.AUTO_REPLY
    assert info.return_date == date(2027, 1, 4)


def test_return_date_in_the_subject() -> None:
    raw = (
        b"From: Sam Lee <sam.lee@acme.com>\r\nSubject: Out of office until 20 March\r\n"
        b"Date: Fri, 13 Mar 2026 09:00:00 +0000\r\n\r\nI have limited access to email.\r\n"
    )
    assert classify_message(raw).return_date == date(2026, 3, 20)


def test_only_auto_replies_get_a_return_date() -> None:
    raw = (
        b"From: Sam Lee <sam.lee@acme.com>\r\nSubject: Next steps\r\n"
        b"Date: Fri, 13 Mar 2026 09:00:00 +0000\r\n\r\n"
        b"I'll be back on Monday 16 March with news.\r\n"
    )
    assert classify_message(raw).return_date is None


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=300), st.dates(min_value=date(2000, 1, 1), max_value=date(2090, 1, 1)))
def test_any_text_gives_none_or_a_date_near_the_message(text: str, reference: date) -> None:
    found = find_return_date(text, reference, load_rules().return_date)
    assert found is None or reference - timedelta(days=7) <= found <= reference + timedelta(
        days=371
    )


@settings(max_examples=200, deadline=None)
@given(st.dates(min_value=date(2001, 1, 1), max_value=date(2090, 1, 1)), st.integers(1, 300))
def test_a_written_out_date_ahead_is_read_back(reference: date, ahead: int) -> None:
    day = reference + timedelta(days=ahead)
    month = ENGLISH_MONTHS[day.month - 1]  # not strftime: that follows the machine's locale
    text = f"I will be back on {day.day} {month} {day.year}."
    assert find_return_date(text, reference, load_rules().return_date) == day


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a span's second end is its last day away: back the day after
        ("Je suis absent du 1er au 23 mars inclus.", date(2026, 3, 24)),
        ("I'm out of the office from March 16th to March 20th.", date(2026, 3, 21)),
        ("Estaré fuera de la oficina del 16 al 20 de marzo.", date(2026, 3, 21)),
        ("Ich bin vom 16. bis 20. März nicht im Büro.", date(2026, 3, 21)),
        ("Sarò assente dal 16 al 20 marzo.", date(2026, 3, 21)),
        ("Estarei ausente de 16 a 20 de março.", date(2026, 3, 21)),
        ("On leave 16/03/2026 - 20/03/2026, limited access to mail.", date(2026, 3, 21)),
        ("Away 16 Mar → 20 Mar.", date(2026, 3, 21)),
        # "inclusive" after an until date makes it the last day away
        ("Je serai absente jusqu'au 20 mars inclus.", date(2026, 3, 21)),
        ("Fuera hasta el 20 de marzo, inclusive.", date(2026, 3, 21)),
        # a back date still wins over a span
        ("Out of office Mar 16 - Mar 20, back Monday Mar 23.", date(2026, 3, 23)),
        # a day of the month after a full date goes on from it
        ("Away 30 Mar → 3 Apr, back on the 6th.", date(2026, 4, 6)),
        # Hungarian joins "until" to the date with a hyphen
        ("Március 20-ig szabadságon vagyok.", date(2026, 3, 20)),
        # two single days are not a span, a range of days with no opening word is not read
        ("I am out on Mar 16 and Mar 20 only.", None),
        ("Travelling 16-20 March, phone only.", None),
    ],
)
def test_spans_of_absence(text: str, expected: date | None) -> None:
    assert find_return_date(text, FRIDAY, load_rules().return_date) == expected
