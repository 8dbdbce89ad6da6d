"""Hostile mail: the pure readers finish in bounded time and memory, and read what a person
would see.

Each hostile input runs in a child process with an address-space limit (RLIMIT_AS, 300 MB)
and must finish within 2 s per megabyte of input (at least 2 s), timed inside the child
around the call (imports excluded). Every message here is written by these tests or is in
tests/fixtures/hostile/ (written for them too).
"""

from __future__ import annotations

import json
import resource
import subprocess
import sys
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest

from followup.mail.reading.addresses import clean_name, decode_rfc6868, valid_address
from followup.mail.reading.classify import classify_message
from followup.mail.reading.ics import parse_calendar, read_calendar
from followup.mail.reading.limits import (
    MAX_ATTENDEES,
    MAX_EVENTS_READ,
    MAX_HEADER_CHARS,
    MAX_NAME_CHARS,
    InputTooLarge,
)
from followup.mail.reading.text import decode_words, header_text
from followup.mail.reading.visible import html_to_text

HOSTILE = Path(__file__).parent.parent / "fixtures" / "hostile"
SRC = Path(__file__).resolve().parents[2] / "src"
MEMORY_LIMIT = 300 * 1024 * 1024
MB = 1024 * 1024

VISIBLE = "We'd like to invite you to the final round of interviews with the team."
HIDDEN = "Unfortunately we have decided not to move forward with your application."
NOT_REJECTION = {"reply", "ats", "invitation"}

# --- running a reader in a child process ---------------------------------------------------

CHILD = r"""
import json, sys, time
kind, path = sys.argv[1], sys.argv[2]
data = open(path, "rb").read()
import icalendar, selectolax.lexbor, email_validator  # imports are not timed
from followup.mail.reading.inspect import inspect_message
from followup.mail.reading.ics import parse_calendar
from followup.mail.reading.limits import InputTooLarge
from followup.mail.reading.parse import parse_message
from followup.mail.reading.visible import read_html
# the rules compile on first use: a cost of start-up, like the imports, so not timed
inspect_message(b"From: a@warm.example\r\nSubject: warm\r\n\r\nwarm\r\n")
start = time.perf_counter()
if kind == "inspect":
    result = inspect_message(data)
elif kind == "ics":
    try:
        read = parse_calendar(data)
        result = {
            "invites": [
                {"uid": i.uid, "start": i.start.isoformat() if i.start else None,
                 "attendees": [[a.name, a.email] for a in i.attendees],
                 "organizer": [i.organizer.name, i.organizer.email] if i.organizer else None,
                 "problems": list(i.problems)}
                for i in read.invites
            ],
            "problems": list(read.problems),
            "set_aside": list(read.set_aside),
            "too_large": None,
        }
    except InputTooLarge as exc:
        result = {"invites": [], "problems": [], "set_aside": [], "too_large": exc.reason}
elif kind == "parse":
    message = parse_message(data)
    result = {
        "subject": message.subject,
        "from": [message.from_.name, message.from_.email] if message.from_ else None,
        "to": [[a.name, a.email] for a in message.to],
        "text": message.text,
        "calendar_parts": len(message.calendar_parts),
        "problems": list(message.problems),
        "set_aside": list(message.set_aside),
    }
elif kind == "prefilter":
    from followup.mail.reading.prefilter import JobSearchFilter, header_fields
    screen = JobSearchFilter.build(
        message_ids=["<sent-1@seeker.example.test>"], contacts=["ann@acme.example"],
        company_domains=["acme.example"], company_names=["Acme"],
    )
    headers = data.split(b"\r\n\r\n", 1)[0]
    fields = header_fields(headers)
    result = {"concerns": screen.might_concern(headers, frozenset()),
              "subject": fields.get("subject", "")}
elif kind == "html":
    read = read_html(data.decode("utf-8"))
    result = {"text": read.text, "notes": list(read.notes)}
else:
    raise SystemExit("unknown kind " + kind)
elapsed = time.perf_counter() - start
print(json.dumps({"elapsed": elapsed, "result": result}))
"""


def _limit_memory() -> None:
    resource.setrlimit(resource.RLIMIT_AS, (MEMORY_LIMIT, MEMORY_LIMIT))


def run_bounded(kind: str, data: bytes, tmp_path: Path) -> dict[str, Any]:
    """Run one reader on `data` in a child with 300 MB of address space; check its time."""
    path = tmp_path / f"input-{kind}.bin"
    path.write_bytes(data)
    allowed = max(2.0, 2.0 * len(data) / MB)
    completed = subprocess.run(
        [sys.executable, "-c", CHILD, kind, str(path)],
        capture_output=True,
        timeout=allowed + 30,  # start-up and imports on a busy machine; a hang fails here
        preexec_fn=_limit_memory,
        env={"PYTHONPATH": str(SRC), "PATH": "/usr/bin:/bin"},
        check=False,
    )
    assert completed.returncode == 0, completed.stderr.decode("utf-8", "replace")[-3000:]
    report = json.loads(completed.stdout)
    assert report["elapsed"] <= allowed, f"{report['elapsed']:.2f} s for {len(data)} bytes"
    result: dict[str, Any] = report["result"]
    return result


def message(
    body: str | bytes,
    *,
    content_type: str = "text/plain; charset=utf-8",
    subject: str = "Re: Platform Engineer application",
    sender: str = "Rita Recruiter <rita@hostile.example.test>",
    extra: str = "",
) -> bytes:
    head = (
        f"From: {sender}\r\nTo: Sam Seeker <sam@seeker.example.test>\r\nSubject: {subject}\r\n"
        "Date: Tue, 03 Mar 2026 09:30:00 +0000\r\nMessage-ID: <h-1@hostile.example.test>\r\n"
        f"MIME-Version: 1.0\r\n{extra}Content-Type: {content_type}\r\n\r\n"
    ).encode()
    return head + (body.encode() if isinstance(body, str) else body)


def calendar(*lines: str, zone: tuple[str, ...] = ()) -> str:
    head = ["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//followup tests//EN", "METHOD:REQUEST"]
    return "\r\n".join([*head, *zone, *lines, "END:VCALENDAR", ""])


def event(uid: str, *lines: str, start: str = "DTSTART:20260312T140000Z") -> list[str]:
    return [
        "BEGIN:VEVENT",
        f"UID:{uid}",
        "DTSTAMP:20260302T080000Z",
        start,
        "SUMMARY:Final round",
        "ORGANIZER;CN=Rita Recruiter:mailto:rita@hostile.example.test",
        *lines,
        "END:VEVENT",
    ]


def custom_zone(freq: str) -> tuple[str, ...]:
    return (
        "BEGIN:VTIMEZONE", "TZID:Hostile Standard Time",
        "BEGIN:STANDARD", "DTSTART:16010101T000000", "TZOFFSETFROM:+0200", "TZOFFSETTO:+0100",
        f"RRULE:FREQ={freq}", "END:STANDARD",
        "BEGIN:DAYLIGHT", "DTSTART:16010101T000030", "TZOFFSETFROM:+0100", "TZOFFSETTO:+0200",
        f"RRULE:FREQ={freq}", "END:DAYLIGHT",
        "END:VTIMEZONE",
    )  # fmt: skip


def invite_mail(ics: str) -> bytes:
    return message(
        ics,
        content_type="text/calendar; charset=utf-8; method=REQUEST",
        subject="Invitation: Final round",
    )


# --- VTIMEZONE rules are never expanded ----------------------------------------------------


@pytest.mark.parametrize("name", ["vtimezone_minutely.eml"])
def test_vtimezone_with_a_minutely_rule_is_read_without_expanding_it(
    name: str, tmp_path: Path
) -> None:
    result = run_bounded("inspect", (HOSTILE / name).read_bytes(), tmp_path)
    assert result["class"] == "invitation"
    invite = result["invite"]
    assert invite["start"] == "2026-03-12T12:00:00Z"  # 14:00 at +0200, the latest onset
    assert invite["tz"] == "Hostile Standard Time"
    assert any("not followed" in p for p in invite["problems"])


def test_vtimezone_with_a_secondly_rule_in_an_ics_file(tmp_path: Path) -> None:
    result = run_bounded("ics", (HOSTILE / "vtimezone_secondly.ics").read_bytes(), tmp_path)
    assert [i["start"] for i in result["invites"]] == ["2026-03-12T12:00:00+00:00"]


@pytest.mark.parametrize(
    "begin",
    ["BEGIN:VTIMEZONE", "begin:vtimezone", 'BEGIN;X-A="b:c":VTIMEZONE', "BEGIN:VTIME\r\n ZONE"],
)
def test_every_spelling_of_a_vtimezone_is_kept_from_icalendar(begin: str, tmp_path: Path) -> None:
    zone = (begin, *custom_zone("SECONDLY")[1:])
    ics = calendar(*event("z1", start="DTSTART;TZID=Hostile Standard Time:20260312T140000"))
    ics = ics.replace("METHOD:REQUEST\r\n", "METHOD:REQUEST\r\n" + "\r\n".join(zone) + "\r\n")
    result = run_bounded("ics", ics.encode(), tmp_path)
    assert [i["start"] for i in result["invites"]] == ["2026-03-12T12:00:00+00:00"]


def test_a_customized_zone_with_yearly_rules_still_knows_summer_time() -> None:
    zone = (
        "BEGIN:VTIMEZONE", "TZID:Customized Time Zone",
        "BEGIN:STANDARD", "DTSTART:16010101T020000", "TZOFFSETFROM:-0700", "TZOFFSETTO:-0800",
        "RRULE:FREQ=YEARLY;INTERVAL=1;BYDAY=1SU;BYMONTH=11", "END:STANDARD",
        "BEGIN:DAYLIGHT", "DTSTART:16010101T020000", "TZOFFSETFROM:-0800", "TZOFFSETTO:-0700",
        "RRULE:FREQ=YEARLY;INTERVAL=1;BYDAY=2SU;BYMONTH=3", "END:DAYLIGHT",
        "END:VTIMEZONE",
    )  # fmt: skip
    starts = {}
    for local in ("20260105T100000", "20260615T100000", "20261108T100000"):
        ics = calendar(*event(local, start=f"DTSTART;TZID=Customized Time Zone:{local}"), zone=zone)
        read = parse_calendar(ics.encode())
        starts[local] = read.invites[0].start
    assert starts == {
        "20260105T100000": datetime(2026, 1, 5, 18, 0, tzinfo=UTC),  # PST
        "20260615T100000": datetime(2026, 6, 15, 17, 0, tzinfo=UTC),  # PDT
        "20261108T100000": datetime(2026, 11, 8, 18, 0, tzinfo=UTC),  # PST again
    }


def test_x_wr_timezone_stands_in_for_an_unknown_tzid() -> None:
    ics = calendar(*event("w1", start="DTSTART;TZID=Somewhere:20260312T140000"))
    ics = ics.replace("METHOD:REQUEST", "METHOD:REQUEST\r\nX-WR-TIMEZONE:Europe/Berlin")
    read = parse_calendar(ics.encode())
    assert read.invites[0].start == datetime(2026, 3, 12, 13, 0, tzinfo=UTC)
    assert any("Europe/Berlin" in p for p in read.invites[0].problems)


# --- HTML: linear time, only visible text decides the class ---------------------------------


def test_repeated_script_tags_are_read_in_linear_time(tmp_path: Path) -> None:
    body = "<p>" + VISIBLE + "</p>" + "<script " * (156 * 1024 // 8)
    result = run_bounded("inspect", message(body, content_type="text/html"), tmp_path)
    assert result["class"] == "reply"


@pytest.mark.parametrize(
    "markup",
    [
        "<script " * (4 * MB // 8),
        "<!--" * (4 * MB // 4),
        "<a" * (4 * MB // 2),
        "<div>" * (4 * MB // 5),
        "<select>" + "<option>" * (4 * MB // 8),
        "<td><div>" * (4 * MB // 9),
        "<p " + "a=b " * (MB // 4) + ">x",
        '<p title="' + "x" * 4 * MB + '">x',
        "<style>" + "/*" * (MB // 2),
        '<p style="' + "\\6c " * (MB // 4) + '">x',
    ],
    ids=[
        "script", "comment", "lt", "nested-div", "options", "td-div", "attributes",
        "giant-attribute", "style-comments", "css-escapes",
    ],
)  # fmt: skip
def test_html_that_is_slow_for_naive_converters(markup: str, tmp_path: Path) -> None:
    result = run_bounded("html", markup.encode(), tmp_path)
    assert isinstance(result["text"], str)


def test_formatting_elements_reopened_after_every_block_do_not_explode(tmp_path: Path) -> None:
    # each unclosed <b> is re-opened by an HTML5 parser after every </div>: N x M elements
    # (within the tags read: N + M just under MAX_HTML_TAGS, N x M far over the products)
    bomb = (
        "<div>" + "".join(f'<b id="b{i}">' for i in range(900)) + "</div>" + "<div>x</div>" * 1000
    )
    result = run_bounded("html", bomb.encode(), tmp_path)
    assert result["text"].startswith("x")


@pytest.mark.parametrize(
    "name", ["hidden_display_none.eml", "hidden_attribute.eml", "unclosed_script.eml"]
)
def test_hidden_text_does_not_decide_the_class(name: str, tmp_path: Path) -> None:
    result = run_bounded("inspect", (HOSTILE / name).read_bytes(), tmp_path)
    assert result["class"] in NOT_REJECTION, result["evidence"]
    assert not any("rejection" in e for e in result["evidence"])


@pytest.mark.parametrize(
    "hidden",
    [
        f'<div style="display:none">{HIDDEN}</div>',
        f'<div style="DISPLAY : NONE">{HIDDEN}</div>',
        f'<div style="display:block; display:none">{HIDDEN}</div>',
        f'<div style="display:none !important; display:block">{HIDDEN}</div>',
        f'<div style="disp\\6c ay:/* */none">{HIDDEN}</div>',
        f'<span style="visibility:hidden">{HIDDEN}</span>',
        f'<span style="font-size:0">{HIDDEN}</span>',
        f'<span style="font:0/0 a">{HIDDEN}</span>',
        f'<div style="max-height:0;overflow:hidden">{HIDDEN}</div>',
        f'<div style="mso-hide:all;height:0px;overflow:hidden">{HIDDEN}</div>',
        f'<div style="opacity:0">{HIDDEN}</div>',
        f'<div style="position:absolute;left:-9999px">{HIDDEN}</div>',
        f"<div hidden>{HIDDEN}</div>",
        f"<template>{HIDDEN}</template>",
        f"<details><summary>More</summary>{HIDDEN}</details>",
        f"<style>.pre {{ display: none }}</style><div class='x pre'>{HIDDEN}</div>",
        f"<!-- {HIDDEN} -->",
        f"<style>{HIDDEN}",
        f"<script>{HIDDEN}",
        f"<p><font style='display:none'>x</p>{HIDDEN}",  # the font is re-opened, still hidden
    ],
)
def test_hidden_html_is_not_text(hidden: str) -> None:
    text = html_to_text(f"<p>{VISIBLE}</p>{hidden}")
    assert VISIBLE in text
    assert "Unfortunately" not in text
    info = classify_message(message(f"<p>{VISIBLE}</p>{hidden}", content_type="text/html"))
    assert str(info.kind) in NOT_REJECTION, info.evidence


@pytest.mark.parametrize(
    "shown",
    [
        f'<div style="font-size:0"><span style="font-size:14px">{HIDDEN}</span></div>',
        f'<div style="visibility:hidden"><p style="visibility:visible">{HIDDEN}</p></div>',
        f'<span aria-hidden="true">{HIDDEN}</span>',
        f'<div hidden style="display:block">{HIDDEN}</div>',
        f'<div style="display:none; display:block">{HIDDEN}</div>',
        f"<details open><summary>More</summary>{HIDDEN}</details>",
    ],
)
def test_visible_html_stays_text(shown: str) -> None:
    assert "Unfortunately" in html_to_text(shown)


def test_html_keeps_lines_for_quotes_and_words() -> None:
    text = html_to_text(
        "<div>Hi Sam,</div><div>see you Monday.<br>Rita</div><table><tr><td>a</td><td>b</td>"
        "</tr><tr><td>c</td></tr></table><ul><li>one</li><li>two</li></ul><h2>Next</h2>"
        "<p>On Mon, 2 Mar 2026, Sam wrote:</p><blockquote>old text</blockquote>"
    )
    assert text.splitlines()[:4] == ["Hi Sam,", "see you Monday.", "Rita", ""]
    assert "a b\nc" in text and "one\ntwo" in text and "Next" in text
    assert "\nOn Mon, 2 Mar 2026, Sam wrote:\n" in text


def test_x_alt_desc_uses_the_same_converter(tmp_path: Path) -> None:
    desc = "<p>Join</p>" + "<script " * 20_000 + "https://zoom.us/j/1"
    ics = calendar(*event("alt1", f"X-ALT-DESC;FMTTYPE=text/html:{desc}"))
    result = run_bounded("ics", ics.encode(), tmp_path)
    assert len(result["invites"]) == 1


# --- encoded words and long headers ---------------------------------------------------------


def test_a_subject_of_many_encoded_words_is_decoded_in_linear_time(tmp_path: Path) -> None:
    subject = "=?utf-8?q?a?= " * (3_900_000 // 14)
    result = run_bounded("parse", message("hello", subject=subject), tmp_path)
    assert result["subject"].startswith("aaaa")
    assert len(result["subject"]) <= MAX_HEADER_CHARS
    assert any("header longer than" in r for r in result["set_aside"])


def test_the_linear_decoder_reads_what_the_stdlib_reads() -> None:
    samples = {
        "=?utf-8?q?Caf=C3=A9_Ren=C3=A9?=": "Café René",
        "=?UTF-8?B?SsO8cmdlbg==?= Müller": "Jürgen Müller",
        "=?utf-8?q?a?= =?utf-8?q?b?=": "ab",  # space between encoded words is dropped
        "=?utf-8?q?=C3?==?utf-8?q?=A9?=": "é",  # one character across two words
        "Re: =?iso-8859-1?q?Gr=FC=DFe?= again": "Re: Grüße again",
        "=?utf-8*de?q?Hallo?=": "Hallo",
        "=?utf-8?B?###?=": "=?utf-8?B?###?=",  # not base64: kept as written
        "=?nope?q?x?=": "x",  # an unknown charset is read anyway
    }
    for raw, expected in samples.items():
        assert decode_words(raw) == expected, raw
    assert header_text("=?utf-8?q?Ann=0D=0ABcc=3A_x?=") == "Ann Bcc: x"


@pytest.mark.parametrize(
    ("name", "build"),
    [
        ("raw-subject", lambda: message("x", subject="a" * 4_000_000)),
        ("folded-subject", lambda: message("x", subject="x" + "\r\n a" * 900_000)),
        ("many-params", lambda: message(
            "x", content_type="text/plain; " + "; ".join(f"p{i}=v" for i in range(100_000)))),
        ("giant-filename", lambda: message(
            "x", content_type='text/plain; name="' + "n" * 2_000_000 + '"',
            extra='Content-Disposition: inline; filename="' + "f" * 1_000_000 + '"\r\n')),
        ("many-headers", lambda: message(
            "x", extra="".join(f"X-H{i}: v\r\n" for i in range(200_000)))),
        ("many-recipients", lambda: message(
            "x", extra="Cc: " + ", ".join(f"p{i}@example.test" for i in range(200_000)) + "\r\n")),
        ("long-word-sender", lambda: message("x", sender="a" * 2_000_000)),
    ],
)  # fmt: skip
def test_huge_headers_and_attributes(name: str, build: Any, tmp_path: Path) -> None:
    data = build()
    result = run_bounded("parse", data, tmp_path)
    assert len(result["subject"]) <= MAX_HEADER_CHARS
    assert len(result["to"]) <= 100


# --- MIME structure -------------------------------------------------------------------------


def nested_multiparts(depth: int, text: str) -> bytes:
    opening = "".join(
        f'Content-Type: multipart/mixed; boundary="b{i}"\r\n\r\n--b{i}\r\n' for i in range(depth)
    )
    closing = "".join(f"--b{i}--\r\n" for i in reversed(range(depth)))
    head = (
        "From: Rita Recruiter <rita@hostile.example.test>\r\nTo: sam@seeker.example.test\r\n"
        "Subject: Re: Platform Engineer application\r\nMIME-Version: 1.0\r\n"
    )
    return (head + opening + f"Content-Type: text/plain\r\n\r\n{text}\r\n" + closing).encode()


@pytest.mark.parametrize("depth", [40, 5_000])
def test_deeply_nested_multiparts(depth: int, tmp_path: Path) -> None:
    result = run_bounded("parse", nested_multiparts(depth, VISIBLE), tmp_path)
    assert result["from"] == ["Rita Recruiter", "rita@hostile.example.test"]
    assert any("nested deeper" in r for r in result["set_aside"])


def test_nested_attached_messages(tmp_path: Path) -> None:
    data = message(b"Content-Type: message/rfc822\r\n\r\n" * 5_000, content_type="message/rfc822")
    result = run_bounded("parse", data, tmp_path)
    assert any("nested deeper" in r for r in result["set_aside"])


def test_short_lines_inside_nested_multiparts(tmp_path: Path) -> None:
    # the stdlib parser's cost is lines times depth: 4 MB of 3-byte lines at depth 12
    data = nested_multiparts(12, "x\r\n" * 1_300_000)
    result = run_bounded("parse", data, tmp_path)
    assert any("too many lines" in r for r in result["set_aside"])


def test_many_parts(tmp_path: Path) -> None:
    parts = "".join(f"--b\r\nContent-Type: text/plain\r\n\r\npart {i}\r\n" for i in range(60_000))
    data = message(parts + "--b--\r\n", content_type='multipart/mixed; boundary="b"')
    result = run_bounded("parse", data, tmp_path)
    assert result["text"].startswith("part 0")
    assert any("MIME parts" in r for r in result["set_aside"])


def test_many_calendar_parts_yield_a_bounded_number_of_invites(tmp_path: Path) -> None:
    parts = "".join(
        "--b\r\nContent-Type: text/calendar; method=REQUEST\r\n\r\n" + calendar(*event(f"part-{i}"))
        for i in range(150)
    )
    data = message(parts + "--b--\r\n", content_type='multipart/mixed; boundary="b"')
    info = classify_message(data)
    assert len(info.invites) == MAX_EVENTS_READ
    assert any("of a message set aside" in r for r in info.set_aside)


# --- invitations: caps on events and attendees ----------------------------------------------


def test_an_invitation_with_2000_events_is_set_aside(tmp_path: Path) -> None:
    events = [line for i in range(2000) for line in event(f"ev-{i}")]
    result = run_bounded("inspect", invite_mail(calendar(*events)), tmp_path)
    assert result["invite"] is None  # no interview and no person is added from it
    assert "calendar set aside: calendar of more than 1000 events" in result["problems"]


def test_an_invitation_with_100_events_keeps_the_first_20(tmp_path: Path) -> None:
    events = [line for i in range(100) for line in event(f"ev-{i}")]
    result = run_bounded("ics", calendar(*events).encode(), tmp_path)
    assert len(result["invites"]) == MAX_EVENTS_READ
    assert result["set_aside"] == ["80 events beyond the first 20 set aside"]


def test_an_ics_file_of_20000_events_is_refused_as_a_whole(tmp_path: Path) -> None:
    events = [line for i in range(20_000) for line in event(f"ev-{i}")]
    result = run_bounded("ics", calendar(*events).encode(), tmp_path)
    assert result["too_large"] is not None and "lines" in result["too_large"]
    small = [line for i in range(1_001) for line in event(f"ev-{i}")]
    with pytest.raises(InputTooLarge) as raised:
        parse_calendar(calendar(*small).encode())
    assert raised.value.reason == "calendar of more than 1000 events"
    assert raised.value.limit == "MAX_CALENDAR_EVENTS"
    invites, problems = read_calendar(calendar(*small).encode())  # never raises
    assert invites == () and problems == ("calendar set aside: calendar of more than 1000 events",)


def test_attendees_beyond_the_cap_are_set_aside(tmp_path: Path) -> None:
    people = [f"ATTENDEE;CN=Person {i}:mailto:p{i}@hostile.example.test" for i in range(5_000)]
    result = run_bounded("ics", calendar(*event("many", *people)).encode(), tmp_path)
    [invite] = result["invites"]
    assert len(invite["attendees"]) == MAX_ATTENDEES
    assert any("attendees beyond the first 50" in r for r in result["set_aside"])


@pytest.mark.parametrize(
    ("name", "lines"),
    [
        ("giant-description", ["DESCRIPTION:" + "a" * 4_000_000]),
        ("giant-escapes", ["DESCRIPTION:" + "\\n\\," * 1_000_000]),
        ("giant-folded", ["DESCRIPTION:a" + "\r\n b" * 1_000_000]),
        ("giant-cn", ['ATTENDEE;CN="' + "x" * 4_000_000 + '":mailto:a@hostile.example.test']),
        ("many-params", ["ATTENDEE;" + ";".join(f"X-P{i}=v" for i in range(400_000))
                         + ":mailto:a@hostile.example.test"]),
        ("nested-alarms", ["BEGIN:VALARM"] * 40_000 + ["END:VALARM"] * 40_000),
    ],
)  # fmt: skip
def test_giant_calendar_lines(name: str, lines: list[str], tmp_path: Path) -> None:
    result = run_bounded("ics", calendar(*event("big", *lines)).encode(), tmp_path)
    assert len(result["invites"]) <= 1


def test_many_vtimezones_and_observances(tmp_path: Path) -> None:
    zones = [
        line
        for i in range(4_000)
        for line in (
            "BEGIN:VTIMEZONE", f"TZID:Zone {i}", "BEGIN:STANDARD", "DTSTART:16010101T000000",
            "TZOFFSETTO:+0100", "RRULE:FREQ=SECONDLY", "END:STANDARD", "END:VTIMEZONE",
        )
    ]  # fmt: skip
    ics = calendar(*event("z", start="DTSTART;TZID=Zone 1:20260312T140000"), zone=tuple(zones))
    result = run_bounded("ics", ics.encode(), tmp_path)
    assert [i["start"] for i in result["invites"]] == ["2026-03-12T13:00:00+00:00"]


# --- injection: one address, one-line names --------------------------------------------------


def test_attendee_injection_fixture(tmp_path: Path) -> None:
    result = run_bounded("inspect", (HOSTILE / "attendee_injection.eml").read_bytes(), tmp_path)
    emails = [a["email"] for a in result["invite"]["attendees"]]
    assert "ivy@hostile.example.test" not in emails  # refused: a comma list is no address
    assert all("," not in e and " " not in e for e in emails)
    assert "evil@attacker.example" not in emails
    attendees = result["invite"]["attendees"]
    assert all("\n" not in a["name"] and "\r" not in a["name"] for a in attendees)
    bob = next(a for a in attendees if a["email"] == "bob@hostile.example.test")
    assert bob["name"] == 'Bob Set-Person: admin"'
    # the From header's encoded CR LF neither adds an address nor breaks the name's line
    assert result["from"] == "rita@hostile.example.test"
    assert result["from_name"] == "Rita Recruiter Bcc: evil@attacker.example"
    assert result["reply_to"] == []  # "<rita@...,evil@...>" is no address at all
    assert any("attendee refused" in p for p in result["problems"])


def test_comma_list_in_attendee_is_refused_and_set_aside() -> None:
    ics = calendar(
        *event("c1", "ATTENDEE;CN=Ivy:mailto:ivy@example.test,evil@example.test",
               "ATTENDEE;CN=Ann:mailto:ann@example.test")
    )  # fmt: skip
    read = parse_calendar(ics.encode())
    [invite] = read.invites
    assert [a.email for a in invite.attendees] == ["ann@example.test"]
    assert any("ivy@example.test,evil@example.test" in r for r in read.set_aside)


@pytest.mark.parametrize(
    "cn",
    ['"Ivy^nBcc: evil"', '"Ivy^NBcc: evil"', "Ivy\x1bBcc", '"Ivy\u2028Bcc"', '"Ivy\x85Bcc"'],
)
def test_names_in_invitations_are_one_line(cn: str) -> None:
    ics = calendar(
        *event("n1", f"ATTENDEE;CN={cn}:mailto:ivy@example.test"),
    ).replace("ORGANIZER;CN=Rita Recruiter", f"ORGANIZER;CN={cn}")
    invites, _ = read_calendar(ics.encode())
    for invite in invites:  # a line icalendar cannot read is dropped, never half-read
        names = [a.name for a in invite.attendees]
        if invite.organizer is not None:
            names.append(invite.organizer.name)
        for name in names:
            assert name.isprintable() and name.startswith("Ivy"), repr(name)


def test_addresses_are_single_valid_addr_specs() -> None:
    assert valid_address("mailto:Ivy@Example.TEST") == "ivy@example.test"
    assert valid_address("ivy@example.test,evil@example.test") is None
    assert valid_address("ivy@example.test evil@example.test") is None
    assert valid_address("ivy@example.test\r\nbcc: x@y.example") is None
    assert valid_address('"ivy"@example.test') is None
    assert valid_address("ivy@[192.0.2.1]") is None
    assert valid_address("ivy") is None
    assert valid_address("a" * 300 + "@example.test") is None
    assert valid_address("jürgen@münchen.example") == "jürgen@münchen.example"
    # a CJK label's full-width colon or bracket is punctuation, never part of the address
    assert valid_address("收件人：wang@163.example") is None
    assert valid_address("【wang@163.example】") is None
    assert valid_address("山田@例え.example") == "山田@例え.example"


def test_names_are_cleaned() -> None:
    assert clean_name("Ann\r\nBcc: x") == "Ann Bcc: x"
    assert clean_name("Ann\x00\x1b[1m\x7f\x9b") == "Ann [1m"
    assert clean_name("Ann\u202eevil") == "Annevil"
    assert decode_rfc6868("a^nb^^c^'d") == 'a\nb^c"d'
    assert clean_name("a^nb", rfc6868=True) == "a b"
    assert len(clean_name("x" * 10_000)) == MAX_NAME_CHARS


def test_message_addresses_from_encoded_words_and_lists() -> None:
    raw = message(
        "hi",
        sender="=?utf-8?q?Ann=0D=0A=3Cevil=40attacker=2Eexample=3E?= <ann@example.test>",
        extra="Reply-To: <ann@example.test,evil@attacker.example>\r\n"
        "Cc: bob@example.test, carl@example.test\r\n",
    )
    info = classify_message(raw)
    assert info.from_ is not None
    assert info.from_.email == "ann@example.test"
    assert "\n" not in info.from_.name
    assert [a.email for a in info.reply_to] == []  # a list in one angle address: none
    assert [a.email for a in info.cc] == ["bob@example.test", "carl@example.test"]


def test_strict_classification_raises_for_an_absurd_calendar() -> None:
    events = [line for i in range(1_500) for line in event(f"ev-{i}")]
    raw = invite_mail(calendar(*events))
    with pytest.raises(InputTooLarge):
        classify_message(raw, strict=True)
    info = classify_message(raw)
    assert info.set_aside == ("calendar set aside: calendar of more than 1000 events",)


# --- the header prefilter of the sync -------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "build"),
    [
        ("encoded-subject", lambda: message("x", subject="=?utf-8?q?Acme_?= " * 260_000)),
        ("long-word-sender", lambda: message("x", sender="a" * 3_000_000)),
        ("many-ats", lambda: message("x", sender="a@" * 1_500_000)),
        ("folded-references", lambda: message(
            "x", extra="References:" + "\r\n <a@b.example>" * 200_000 + "\r\n")),
    ],
)  # fmt: skip
def test_prefilter_reads_hostile_headers_in_bounded_time(
    name: str, build: Any, tmp_path: Path
) -> None:
    result = run_bounded("prefilter", build(), tmp_path)
    assert len(result["subject"]) <= MAX_HEADER_CHARS
    if name == "encoded-subject":
        assert result["concerns"]  # the company's name, decoded
