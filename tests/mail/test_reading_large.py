"""Large messages read in bounded work: what is left out is what nothing reads.

The timings themselves are in bench/inspect.py (a timing assertion on a shared machine
would fail for other programs' sake); these tests check that the shortcuts keep the facts.
"""

from __future__ import annotations

import base64
import subprocess
import sys
from pathlib import Path

from followup.mail.reading.classify import classify_message
from followup.mail.reading.limits import MAX_HTML_TAGS
from followup.mail.reading.parse import (
    parse_message,
    without_attachment_bodies,
    without_returned_body,
)
from followup.mail.reading.phrases import phrase_pattern
from followup.mail.reading.visible import read_html

LONG_BODY = "Dear team, here is the long cover letter I wrote for you.\n" * 4000


def _bounce(returned_body: str, ctype: str = "message/rfc822") -> bytes:
    return (
        "From: Mail Delivery System <MAILER-DAEMON@mx.home.example>\n"
        "To: ann@home.example\nSubject: Undelivered Mail Returned to Sender\n"
        "Message-ID: <ndr-1@mx.home.example>\nMIME-Version: 1.0\n"
        'Content-Type: multipart/report; report-type=delivery-status; boundary="RB"\n\n'
        "--RB\nContent-Type: text/plain\n\nYour message could not be delivered.\n"
        "--RB\nContent-Type: message/delivery-status\n\nReporting-MTA: dns; mx.home.example\n\n"
        "Final-Recipient: rfc822; bob@corp.example\nAction: failed\nStatus: 5.1.1\n\n"
        f"--RB\nContent-Type: {ctype}\n\n"
        "From: ann@home.example\nTo: bob@corp.example\nSubject: My application\n"
        f"Message-ID: <sent-42@home.example>\n\n{returned_body}\n--RB--\n"
    ).encode()


def test_a_bounce_returning_a_long_message_keeps_its_facts() -> None:
    raw = _bounce(LONG_BODY)
    assert len(without_returned_body(raw)) < 2000  # the returned body is not parsed
    info = classify_message(raw, user_addresses=["ann@home.example"])
    assert str(info.kind) == "bounce"
    assert info.failed_recipients == ("bob@corp.example",)
    assert info.original_message_id == "<sent-42@home.example>"
    assert "cover letter" not in parse_message(raw).text


def test_a_short_returned_copy_and_other_messages_are_left_alone() -> None:
    short = _bounce("Hello.")
    assert without_returned_body(short) == short
    headers_only = _bounce("", ctype="text/rfc822-headers")
    assert without_returned_body(headers_only) == headers_only
    plain = b"From: a@b.example\nSubject: report\n\n" + LONG_BODY.encode()
    assert without_returned_body(plain) is plain
    # a forwarded message outside a report keeps its text
    forward = (
        'From: a@b.example\nMIME-Version: 1.0\nContent-Type: multipart/mixed; boundary="F"\n\n'
        "--F\nContent-Type: text/plain\n\nSee below.\n--F\nContent-Type: message/rfc822\n\n"
        f"From: c@d.example\nSubject: x\n\n{LONG_BODY}\n--F--\n"
    ).encode()
    assert without_returned_body(forward) is forward


PDF = base64.encodebytes(bytes(range(256)) * 1500).decode()  # ~500 kB of base64
INVITE = (
    "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nMETHOD:REQUEST\r\nBEGIN:VEVENT\r\nUID:i-1@acme.example\r\n"
    "DTSTART:20260320T100000Z\r\nDTEND:20260320T110000Z\r\nSUMMARY:Interview\r\n"
    "ORGANIZER:mailto:dana@acme.example\r\nATTENDEE:mailto:ann@home.example\r\n"
    + "DESCRIPTION:"
    + "agenda " * 900
    + "\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n"
)


def _with_attachments(*parts: str) -> bytes:
    body = "".join(f"--B1\r\n{part}\r\n" for part in parts)
    return (
        "From: Dana <dana@acme.example>\r\nTo: ann@home.example\r\nSubject: Re: CV\r\n"
        'MIME-Version: 1.0\r\nContent-Type: multipart/mixed; boundary="B1"\r\n\r\n'
        f"{body}--B1--\r\n"
    ).encode()


def test_attachment_bodies_are_not_parsed_but_text_and_calendars_are() -> None:
    raw = _with_attachments(
        "Content-Type: text/plain\r\n\r\nThanks, see you Tuesday.",
        "Content-Type: application/pdf\r\nContent-Transfer-Encoding: base64\r\n"
        f'Content-Disposition: attachment; filename="cv.pdf"\r\n\r\n{PDF}',
        'Content-Type: application/octet-stream; name="invite.ics"\r\n\r\n' + INVITE,
        "Content-Type: image/png\r\nContent-Transfer-Encoding: base64\r\n\r\n" + PDF,
    )
    cut = without_attachment_bodies(raw)
    assert len(cut) < 20_000 and b"Thanks, see you Tuesday." in cut
    assert INVITE.encode() in cut  # a calendar by its file name stays whole
    parsed = parse_message(raw)
    assert parsed.text == "Thanks, see you Tuesday."
    assert len(parsed.calendar_parts) == 1 and b"agenda" in parsed.calendar_parts[0].data
    info = classify_message(raw, user_addresses=["ann@home.example"])
    assert str(info.kind) == "invitation" and info.invite is not None
    # a message below the size worth cutting, or without attachments, is left as it is
    small = _with_attachments("Content-Type: application/pdf\r\n\r\n" + "x" * 9000)
    assert without_attachment_bodies(small) is small


def test_a_long_newsletter_is_read_from_the_top() -> None:
    rows = "".join(
        f"<tr><td><a href='https://s.example/{i}'>Item {i}</a></td></tr>" for i in range(9000)
    )
    read = read_html(f"<html><body><p>Our spring catalogue</p><table>{rows}</table></body></html>")
    assert read.text.startswith("Our spring catalogue\n\nItem 0\nItem 1\n")
    assert "Item 8999" not in read.text  # past the tags read
    assert any(str(MAX_HTML_TAGS) in note for note in read.notes)


def test_phrases_match_whole_words_in_any_case_and_spacing() -> None:
    phrases = phrase_pattern(["decided not to progress", "regret to inform you ... not", "job"])
    found = phrases.search("Sadly we have DECIDED not to\n  progress your application.")
    assert found is not None and found.group(0) == "decided not to\n  progress"
    assert phrases.search("We regret to inform you that you were not selected") is not None
    assert phrases.search("undecided not to progress") is None  # not at a word's start
    assert phrases.search("jobs") is None and phrases.search("a job.") is not None
    assert phrases.search("(job)") is not None and phrase_pattern([]).search("job") is None


def test_the_benchmark_named_inspect_does_not_hide_the_standard_module() -> None:
    # run as a script, its folder comes first on sys.path: the stdlib's `inspect` (imported
    # by dataclasses, argparse's callers...) must still be the one imported
    bench = Path(__file__).resolve().parents[2] / "bench" / "inspect.py"
    probe = (
        "import runpy, sys; sys.argv = [sys.argv[1], '--help']\n"
        "try:\n    runpy.run_path(sys.argv[0], run_name='__main__')\n"
        "except SystemExit:\n    pass\n"
        "import inspect; print('stdlib inspect:', hasattr(inspect, 'signature'))"
    )
    done = subprocess.run(
        [sys.executable, "-c", probe, str(bench)],
        capture_output=True, text=True, timeout=120, check=False, cwd=bench.parent,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr[-2000:]
    assert "messages classified per second" in done.stdout
    assert "stdlib inspect: True" in done.stdout
