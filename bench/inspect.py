"""Benchmark reading mail: messages classified per second in-process, and the slowest one.

    .venv/bin/python bench/inspect.py [--rounds 3] [--big 3]

Runs `inspect_message` (parse, classify, describe) over the labelled corpus of
tests/fixtures/corpus/ and the fixtures in tests/fixtures/mail, plus a few large messages
(a reply with a ~900 kB attachment, a long HTML newsletter, a bounce returning a big
message). The baseline, measured over the same bytes in the same run, is the stdlib email
parser alone (`BytesParser(policy=compat32).parsebytes`), so the ratio compares across
machines. Target: no message under 1 MB slower than 50 ms.

Per message, the best of the rounds counts, in CPU time of this process (what reading the
message costs; on a shared machine the wall clock also counts other programs' turns) and in
wall time; the verdict reads the CPU time.

This file is named like the standard library's `inspect`, which the modules below import:
bench/benchpath.py, imported first, keeps the standard one in its place.
"""

from __future__ import annotations

import contextlib

with contextlib.suppress(ModuleNotFoundError):  # bench/ is off sys.path: python -P, or a test
    import benchpath  # noqa: F401  (first: see bench/benchpath.py)

import argparse
import base64
import importlib.util
import statistics
import sys
import time
from email.parser import BytesParser
from email.policy import compat32
from pathlib import Path

from followup.mail.reading.inspect import inspect_message

ROOT = Path(__file__).resolve().parent.parent

LIMIT_MS = 50.0
ONE_MB = 1024 * 1024


def corpus_messages() -> list[tuple[str, bytes]]:
    spec = importlib.util.spec_from_file_location(
        "followup_corpus_generate", ROOT / "tests" / "fixtures" / "corpus" / "generate.py"
    )
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    found = [(s.name, s.raw) for s in module.corpus()]
    for path in sorted((ROOT / "tests" / "fixtures" / "mail").glob("*.eml")):
        found.append((path.name, path.read_bytes()))
    return found


def big_messages(count: int) -> list[tuple[str, bytes]]:
    """Large but ordinary messages: an attachment, a long HTML body, a bounce of a big mail."""
    attachment = base64.encodebytes(bytes(range(256)) * 3500).decode()  # ~900 kB of base64
    reply = (
        "From: Dana Reyes <dana@acme.example>\r\nTo: alice@home.example\r\n"
        "Subject: Re: Application\r\nMessage-ID: <big1@acme.example>\r\nMIME-Version: 1.0\r\n"
        'Content-Type: multipart/mixed; boundary="b1"\r\n\r\n--b1\r\n'
        "Content-Type: text/plain; charset=utf-8\r\n\r\nPlease see the attached brief.\r\n"
        "--b1\r\nContent-Type: application/pdf\r\nContent-Transfer-Encoding: base64\r\n"
        'Content-Disposition: attachment; filename="brief.pdf"\r\n\r\n'
        f"{attachment}\r\n--b1--\r\n"
    ).encode()
    rows = "".join(
        f"<tr><td><a href='https://shop.example/p/{i}'>Item {i}</a></td><td>{i}.99</td></tr>"
        for i in range(9000)
    )
    newsletter = (
        "From: Shop <news@shop.example>\r\nTo: alice@home.example\r\nSubject: Deals\r\n"
        "List-Unsubscribe: <mailto:u@shop.example>\r\nMIME-Version: 1.0\r\n"
        "Content-Type: text/html; charset=utf-8\r\n\r\n"
        f"<html><body><table>{rows}</table></body></html>\r\n"
    ).encode()
    text = "Lorem ipsum dolor sit amet, consectetur adipiscing elit.\r\n" * 14000
    bounce = (
        "From: MAILER-DAEMON@mx.example (Mail Delivery System)\r\nTo: alice@home.example\r\n"
        "Subject: Undelivered Mail Returned to Sender\r\nMIME-Version: 1.0\r\n"
        'Content-Type: multipart/report; report-type=delivery-status; boundary="r1"\r\n\r\n'
        "--r1\r\nContent-Type: text/plain\r\n\r\nI'm sorry to have to inform you.\r\n"
        "--r1\r\nContent-Type: message/delivery-status\r\n\r\nReporting-MTA: dns; mx.example"
        "\r\n\r\nFinal-Recipient: rfc822; bob@acme.example\r\nAction: failed\r\n"
        "Status: 5.1.1\r\n\r\n--r1\r\nContent-Type: message/rfc822\r\n\r\n"
        "From: alice@home.example\r\nTo: bob@acme.example\r\nSubject: Application\r\n"
        f"Message-ID: <sent1@home.example>\r\n\r\n{text}\r\n--r1--\r\n"
    ).encode()
    shapes = [("big-reply-attachment", reply), ("big-html-newsletter", newsletter)]
    shapes.append(("big-bounce", bounce))
    return shapes[:count]


def timed(
    function: object, messages: list[tuple[str, bytes]]
) -> tuple[float, list[float], list[float]]:
    """Wall time of the whole run, and each message's CPU and wall time."""
    cpu: list[float] = []
    wall: list[float] = []
    start = time.perf_counter()
    for _, raw in messages:
        c0, t0 = time.process_time(), time.perf_counter()
        function(raw)  # type: ignore[operator]
        wall.append(time.perf_counter() - t0)
        cpu.append(time.process_time() - c0)
    return time.perf_counter() - start, cpu, wall


def main() -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--big", type=int, default=3)
    args = parser.parse_args()
    messages = corpus_messages() + big_messages(args.big)
    total_bytes = sum(len(raw) for _, raw in messages)
    stdlib = BytesParser(policy=compat32)
    for _, raw in messages:  # load the rules, import what is imported lazily (icalendar...)
        inspect_message(raw)
    best = baseline = float("inf")
    cpu = [float("inf")] * len(messages)
    wall = [float("inf")] * len(messages)
    for _ in range(args.rounds):
        elapsed, round_cpu, round_wall = timed(inspect_message, messages)
        best = min(best, elapsed)
        cpu = [min(a, b) for a, b in zip(cpu, round_cpu, strict=True)]
        wall = [min(a, b) for a, b in zip(wall, round_wall, strict=True)]
        base, _, _ = timed(stdlib.parsebytes, messages)
        baseline = min(baseline, base)
    under = [i for i, (_, raw) in enumerate(messages) if len(raw) < ONE_MB]
    slowest = max(range(len(messages)), key=lambda i: cpu[i])
    slow_small = max(under, key=lambda i: cpu[i])
    print(f"messages: {len(messages)} ({total_bytes / ONE_MB:.1f} MB), best of {args.rounds}")
    print(f"inspect_message:        {len(messages) / best:10.0f} messages/s")
    print(f"baseline (stdlib parse):{len(messages) / baseline:10.0f} messages/s")
    print(f"ratio (inspect/stdlib):  {best / baseline:9.1f}x the time of parsing alone")
    print(f"median per message:      {statistics.median(cpu) * 1000:9.2f} ms CPU")

    def line(label: str, i: int) -> str:
        name, raw = messages[i]
        return (
            f"{label}: {name} ({len(raw) / 1024:.0f} kB) {cpu[i] * 1000:.1f} ms CPU, "
            f"{wall[i] * 1000:.1f} ms wall"
        )

    print(line("slowest", slowest))
    verdict = "ok" if cpu[slow_small] * 1000 <= LIMIT_MS else "OVER"
    print(line("slowest under 1 MB", slow_small) + f" [{verdict}, limit {LIMIT_MS:.0f} ms]")
    return 0 if verdict == "ok" else 1


if __name__ == "__main__":
    raise SystemExit(main())
