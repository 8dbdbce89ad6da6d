"""`followup inspect` over many messages: several files, a Maildir-like folder, an mbox
file; one line each and the count of each class, or every reading in --json; a file that
cannot be read is named and left out, and nothing readable at all is a refusal (exit 2)."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from followup.cli.inspect_cmd import inspect

BOUNCE = b"""From: Mail Delivery Subsystem <mailer-daemon@relay.harbour-mail.example>
To: sam.okafor@example.org
Subject: Delivery Status Notification (Failure)
Date: Wed, 2 Dec 2026 09:14:00 +0000
Content-Type: text/plain; charset=us-ascii

Your message to lena.brandt@kestrel-labs.example could not be delivered.
The account does not exist at the organisation this message was sent to.

550 5.1.1 <lena.brandt@kestrel-labs.example>: user unknown
"""

REPLY = b"""From: Lena Brandt <lena.brandt@kestrel-labs.example>
To: sam.okafor@example.org
Subject: Re: Thank you for Tuesday
Date: Wed, 2 Dec 2026 11:02:00 +0100
Content-Type: text/plain; charset=utf-8

Hi Sam,

Good to hear from you. The panel meets on Friday and I'll write after that.

Lena
"""

AWAY = b"""From: Priya Raman <priya.raman@kestrel-labs.example>
To: sam.okafor@example.org
Subject: Automatic reply: Thank you for Tuesday
Date: Wed, 2 Dec 2026 11:05:00 +0100
Auto-Submitted: auto-replied
Content-Type: text/plain; charset=utf-8

I am out of the office until Monday 7 December with no access to email.
"""


def _mbox(*messages: bytes) -> bytes:
    parts = []
    for number, raw in enumerate(messages):
        parts.append(b"From sender@example.net Wed Dec  2 1%d:00:00 2026\n" % number + raw)
    return b"\n".join(parts)


def test_a_folder_of_messages_is_read_one_line_each_with_the_count_of_each_class(
    tmp_path: Path,
) -> None:
    for folder, name, raw in (("cur", "1.eml", BOUNCE), ("new", "2.eml", REPLY)):
        (tmp_path / "box" / folder).mkdir(parents=True, exist_ok=True)
        (tmp_path / "box" / folder / name).write_bytes(raw)
    (tmp_path / "box" / ".hidden").write_bytes(REPLY)  # a dot file is no message
    outcome = CliRunner().invoke(inspect, [str(tmp_path / "box")])
    assert outcome.exit_code == 0, outcome.output
    lines = outcome.stdout.splitlines()
    assert lines[0].split()[:2] == ["bounce", str(tmp_path / "box" / "cur" / "1.eml")]
    assert lines[1].split()[:2] == ["reply", str(tmp_path / "box" / "new" / "2.eml")]
    assert lines[-1] == "2 messages: 1 bounce, 1 reply"


def test_an_mbox_is_split_into_its_messages(tmp_path: Path) -> None:
    box = tmp_path / "saved.mbox"
    box.write_bytes(_mbox(BOUNCE, REPLY, AWAY))
    outcome = CliRunner().invoke(inspect, [str(box), "--json"])
    assert outcome.exit_code == 0, outcome.output
    result = json.loads(outcome.stdout)
    assert [(r["file"], r["class"]) for r in result["readings"]] == [
        (f"{box}#1", "bounce"),
        (f"{box}#2", "reply"),
        (f"{box}#3", "auto-reply"),
    ]
    assert result["readings"][0]["failed_recipients"] == ["lena.brandt@kestrel-labs.example"]
    assert result["messages"] == 3
    assert result["classes"] == {"bounce": 1, "reply": 1, "auto-reply": 1}
    assert result["unread"] == []


def test_a_file_that_cannot_be_read_is_named_and_the_rest_are_read(tmp_path: Path) -> None:
    good = tmp_path / "reply.eml"
    good.write_bytes(REPLY)
    empty = tmp_path / "empty.eml"
    empty.write_bytes(b"\n")
    missing = tmp_path / "missing.eml"
    outcome = CliRunner().invoke(inspect, [str(good), str(empty), str(missing)])
    assert outcome.exit_code == 0, outcome.output
    assert f"warning: {empty}: empty; left out" in outcome.stderr
    assert f"warning: {missing}: no such file; left out" in outcome.stderr
    assert outcome.stdout.splitlines()[-1] == "1 message: 1 reply; 2 files left out"


def test_nothing_readable_is_a_refusal_in_one_line(tmp_path: Path) -> None:
    (tmp_path / "empty").mkdir()
    outcome = CliRunner().invoke(inspect, [str(tmp_path / "empty"), str(tmp_path / "nope.eml")])
    assert outcome.exit_code == 2
    error = outcome.stderr.strip().splitlines()[-1]
    assert error.startswith("error: no message could be read from ")
    assert "(fix: pass .eml files, a folder of them or an mbox file)" in error


def test_one_message_saved_with_an_mbox_line_reads_as_before(tmp_path: Path) -> None:
    single = tmp_path / "one.eml"
    single.write_bytes(_mbox(AWAY))
    outcome = CliRunner().invoke(inspect, [str(single), "--json"])
    assert outcome.exit_code == 0, outcome.output
    assert json.loads(outcome.stdout)["class"] == "auto-reply"  # one reading, not a list
