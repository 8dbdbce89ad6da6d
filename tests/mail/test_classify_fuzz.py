"""No input makes the public parsers raise: random bytes, mutated headers, truncation."""

from __future__ import annotations

from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from followup.mail.reading.classify import MessageClass, classify_message
from followup.mail.reading.ics import parse_invite, read_calendar
from followup.mail.reading.inspect import inspect_message

FIXTURES = Path(__file__).parent.parent / "fixtures" / "mail"
MESSAGES = sorted(p.read_bytes() for p in FIXTURES.glob("*.eml"))
CALENDARS = sorted(p.read_bytes() for p in (FIXTURES / "ics").glob("*.ics"))
HEADERS = [
    b"From", b"To", b"Reply-To", b"Subject", b"Date", b"Message-ID", b"In-Reply-To",
    b"References", b"Content-Type", b"Content-Transfer-Encoding", b"Auto-Submitted",
    b"Precedence", b"Return-Path", b"X-Failed-Recipients", b"List-Id", b"MIME-Version",
]  # fmt: skip
NASTY = st.one_of(
    st.binary(max_size=80),
    st.sampled_from(
        [b"", b"<", b"<>", b"=?utf-8?B?###?=", b"=?x?Q?=ZZ?=", b'"unclosed <a@b', b"a@b,,,<",
         b"multipart/mixed; boundary=", b"text/calendar; method=REQUEST", b"\xff\xfe\x00",
         b"auto-replied", b"base64", b"quoted-printable", b"multipart/report; report-type=x",
         b"Mon, 99 Foo 20261 99:99:99 +9999"]
    ),
)  # fmt: skip
SETTINGS = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def check(raw: bytes) -> None:
    info = classify_message(raw, user_addresses=["alice.candidate@gmail.com"])
    assert isinstance(info.kind, MessageClass)
    result = inspect_message(raw)
    assert isinstance(result["class"], str)


@SETTINGS
@given(st.binary(max_size=4000))
def test_random_bytes(raw: bytes) -> None:
    check(raw)


@SETTINGS
@given(st.sampled_from(MESSAGES), st.lists(st.tuples(st.sampled_from(HEADERS), NASTY), max_size=6))
def test_header_mutations_of_the_fixtures(
    message: bytes, mutations: list[tuple[bytes, bytes]]
) -> None:
    head, _, body = message.partition(b"\r\n\r\n")
    lines = head.split(b"\r\n")
    for name, value in mutations:
        replaced = False
        for index, line in enumerate(lines):
            if line.lower().startswith(name.lower() + b":"):
                lines[index] = name + b": " + value
                replaced = True
                break
        if not replaced:
            lines.insert(0, name + b": " + value)
    check(b"\r\n".join(lines) + b"\r\n\r\n" + body)


@SETTINGS
@given(st.sampled_from(MESSAGES), st.floats(min_value=0.0, max_value=1.0))
def test_truncated_fixtures(message: bytes, fraction: float) -> None:
    check(message[: int(len(message) * fraction)])


@SETTINGS
@given(st.sampled_from(MESSAGES), st.integers(min_value=0), st.binary(min_size=1, max_size=20))
def test_spliced_garbage_in_the_fixtures(message: bytes, at: int, garbage: bytes) -> None:
    cut = at % (len(message) + 1)
    check(message[:cut] + garbage + message[cut:])


@SETTINGS
@given(st.sampled_from(CALENDARS), st.floats(min_value=0.0, max_value=1.0), st.binary(max_size=30))
def test_truncated_and_spliced_calendars(calendar: bytes, fraction: float, garbage: bytes) -> None:
    cut = int(len(calendar) * fraction)
    for data in (calendar[:cut], calendar[:cut] + garbage + calendar[cut:]):
        invites, problems = read_calendar(data)
        assert invites or problems
        parse_invite(data)


@SETTINGS
@given(st.binary(max_size=2000))
def test_random_calendar_bytes(data: bytes) -> None:
    read_calendar(b"BEGIN:VCALENDAR\r\n" + data)
    parse_invite(data)


def test_deeply_nested_multipart_does_not_raise() -> None:
    head = b"From: a@b.example\r\nSubject: deep\r\nMIME-Version: 1.0\r\n"
    parts = b"".join(
        b"Content-Type: multipart/mixed; boundary=b%d\r\n\r\n--b%d\r\n" % (i, i) for i in range(400)
    )
    check(head + parts + b"Content-Type: text/plain\r\n\r\nhello\r\n")


def test_many_parts_are_capped() -> None:
    head = (
        b"From: a@b.example\r\nSubject: many\r\nContent-Type: multipart/mixed; boundary=x\r\n\r\n"
    )
    part = b"--x\r\nContent-Type: text/plain\r\n\r\nhi\r\n"
    info = classify_message(head + part * 500 + b"--x--\r\n")
    assert any("MIME parts" in p for p in info.problems)
