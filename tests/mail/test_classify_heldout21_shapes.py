"""Shapes heldout21 taught: an out-of-office word in a tag after the subject (GroupWise's
"Re: Budget (Out of Office reply)"), a shared mailbox promising an answer, an "all staff"
list in another language, and return dates written by week number, by day of the month
alone, across a range, in Hebrew, Greek, Ukrainian, Romanian, Vietnamese and Indonesian,
or in slashed dates whose order another date shows. Each test writes its own message, in
other words than the batch, beside a twin that looks alike but is read the other way, so
that neither side can pass by accident."""

from __future__ import annotations

from datetime import date

import pytest
from mail_samples import USER, message

from followup.mail.reading.classify import MessageClass, MessageInfo, classify_message
from followup.mail.reading.returndate import find_return_date
from followup.mail.reading.rules import load_rules

PERSON = "Wendell Park <w.park@fairhaven-mills.example>"
FRIDAY = date(2026, 3, 13)  # ISO week 11


def classify(subject: str, body: str, extra: str = "") -> MessageInfo:
    return classify_message(message(PERSON, subject, body, extra), user_addresses=[USER])


@pytest.mark.parametrize(
    ("subject", "kind"),
    [
        ("Re: Warehouse supervisor (Out of Office reply)", MessageClass.AUTO_REPLY),
        ("Re: Warehouse supervisor (Away)", MessageClass.AUTO_REPLY),
        ("Re: Warehouse supervisor [autoreply]", MessageClass.AUTO_REPLY),
        ("Re: Warehouse supervisor (out of office party)", MessageClass.REPLY),
        ("Re: Warehouse supervisor (away day)", MessageClass.REPLY),
    ],
)
def test_an_absence_word_in_a_tag_after_the_subject(subject: str, kind: MessageClass) -> None:
    body = "I am away from the plant this week. I will return Monday; see you then."
    info = classify(subject, body, "In-Reply-To: <t1@gmail.example>\r\n")
    assert info.kind is kind, info.evidence


def test_a_shared_mailbox_promising_an_answer_is_an_automatic_receipt() -> None:
    body = (
        "Thank you for your email to the Careers Team. This mailbox is monitored on weekdays "
        "and we aim to respond within three working days."
    )
    info = classify("RE: Closing date for the planner post", body)
    assert info.kind is MessageClass.AUTO_REPLY, info.evidence
    person = "Thanks Alice - the closing date is the 20th, and I'll look at your CV on Monday."
    assert classify("RE: Closing date for the planner post", person).kind is MessageClass.REPLY


def _to_list(local_part: str) -> bytes:
    return (
        "From: Personalabteilung <personal@fairhaven-mills.example>\r\n"
        f"To: {local_part}@fairhaven-mills.example\r\nBcc: {USER}\r\n"
        "Subject: Betriebsferien im August\r\nDate: Fri, 13 Mar 2026 10:00:00 +0000\r\n"
        "Content-Type: text/plain; charset=utf-8\r\n\r\n"
        "Liebe Kolleginnen und Kollegen, das Werk bleibt in KW 33 geschlossen.\r\n"
    ).encode()


def test_an_all_staff_list_in_another_language_is_a_broadcast() -> None:
    info = classify_message(_to_list("alle"), user_addresses=[USER])
    assert info.kind is MessageClass.OTHER, info.evidence
    assert classify_message(_to_list("k.alleman"), user_addresses=[USER]).kind is (
        MessageClass.REPLY
    )


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Ich bin bis einschließlich KW 12 im Urlaub.", date(2026, 3, 23)),
        ("Jeg har ferie til og med uke 11.", date(2026, 3, 16)),
        ("In KW 13 bin ich wieder im Büro.", date(2026, 3, 23)),
        ("Week 12 was busy, sorry for the wait.", None),
        ("I'm away until the 20th.", date(2026, 3, 20)),
        ("I will resume work on Tuesday 17th.", date(2026, 3, 17)),
        ("Our 1st round went well.", None),
        ("3月16日（月）より順次ご返信いたします。", date(2026, 3, 16)),
        ("3월 16일부터 3월 20일까지 부재중입니다. 3월 23일에 복귀합니다.", date(2026, 3, 23)),
        ("At the expo (Mar 16 - Mar 20), back on Monday, March 23rd.", date(2026, 3, 23)),
        ("Out sick today and tomorrow. Back next Monday.", date(2026, 3, 16)),
        ("אני בחופשה ואחזור ב-23 במרץ.", date(2026, 3, 23)),
        ("Out from 13/03/2026; I will not return until 03/04/2026.", date(2026, 4, 3)),
        ("Out from 03/13/2026; I will not return until 04/03/2026.", date(2026, 4, 3)),
        ("Είμαι εκτός γραφείου έως τις 20 Μαρτίου.", date(2026, 3, 20)),
        ("Я у відпустці до 20 березня.", date(2026, 3, 20)),
        ("Sunt în concediu până pe 20 martie.", date(2026, 3, 20)),
        ("Tôi nghỉ phép đến hết ngày 20/03.", date(2026, 3, 20)),
        ("Saya cuti dan akan kembali bekerja pada hari Senin, 23 Maret.", date(2026, 3, 23)),
        (
            "The office is closed for the holidays and will reopen on Monday 23rd.",
            date(2026, 3, 23),
        ),
    ],
)
def test_return_dates_heldout21_wrote(text: str, expected: date | None) -> None:
    assert find_return_date(text, FRIDAY, load_rules().return_date) == expected
