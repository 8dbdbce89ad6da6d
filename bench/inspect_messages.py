"""Benchmark reading mail: messages classified per second in-process, and the slowest one.

    .venv/bin/python bench/inspect_messages.py [--rounds 3] [--big 3]

(Not `bench/inspect.py`: a script's folder comes first on sys.path, and a file named
inspect.py there would hide the standard library's `inspect` from every benchmark.)

Runs `inspect_message` (parse, classify, describe) over the labelled corpus of
tests/fixtures/corpus/generate.py and the fixtures in tests/fixtures/mail, plus a few
large messages (a reply with a ~900 kB attachment, a long HTML newsletter, a bounce
returning a big message). The baseline, measured over the same bytes in the same run, is
the stdlib email parser alone (`BytesParser(policy=compat32).parsebytes`), so the ratio
compares across machines. Target: no message under 1 MB slower than 50 ms.
"""

from __future__ import annotations

import sys
from pathlib import Path

# this file is named like the stdlib's `inspect`: keep its folder off the import path
HERE = Path(__file__).resolve().parent
sys.path[:] = [p for p in sys.path if Path(p or ".").resolve() != HERE]
ROOT = HERE.parent
sys.path.insert(0, str(ROOT / "src"))

import argparse  # noqa: E402
import base64  # noqa: E402
import importlib.util  # noqa: E402
import statistics  # noqa: E402
import time  # noqa: E402
from email.parser import BytesParser  # noqa: E402
from email.policy import compat32  # noqa: E402

from followup.mail.reading.inspect import inspect_message  # noqa: E402

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


def timed(function: object, messages: list[tuple[str, bytes]]) -> tuple[float, list[float]]:
    per: list[float] = []
    start = time.perf_counter()
    for _, raw in messages:
        t0 = time.perf_counter()
        function(raw)  # type: ignore[operator]
        per.append(time.perf_counter() - t0)
    return time.perf_counter() - start, per


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--big", type=int, default=3)
    args = parser.parse_args()
    messages = corpus_messages() + big_messages(args.big)
    total_bytes = sum(len(raw) for _, raw in messages)
    stdlib = BytesParser(policy=compat32)
    inspect_message(messages[0][1])  # load rules, import lazily loaded modules
    best = baseline = float("inf")
    worst: list[float] = [0.0] * len(messages)
    for _ in range(args.rounds):
        elapsed, per = timed(inspect_message, messages)
        best = min(best, elapsed)
        worst = [max(a, b) if a else b for a, b in zip(worst, per, strict=True)]
        base, _ = timed(stdlib.parsebytes, messages)
        baseline = min(baseline, base)
    slow_index = max(range(len(messages)), key=lambda i: worst[i])
    under = [i for i, (_, raw) in enumerate(messages) if len(raw) < ONE_MB]
    slow_small = max(under, key=lambda i: worst[i])
    rate = len(messages) / best
    base_rate = len(messages) / baseline
    print(f"messages: {len(messages)} ({total_bytes / ONE_MB:.1f} MB), best of {args.rounds}")
    print(f"inspect_message:        {rate:10.0f} messages/s")
    print(f"baseline (stdlib parse):{base_rate:10.0f} messages/s")
    print(f"ratio (inspect/stdlib):  {best / baseline:9.1f}x the time of parsing alone")
    print(f"median per message:      {statistics.median(worst) * 1000:9.2f} ms")
    name, raw = messages[slow_index]
    print(f"slowest: {name} ({len(raw) / 1024:.0f} kB) {worst[slow_index] * 1000:.1f} ms")
    name, raw = messages[slow_small]
    ms = worst[slow_small] * 1000
    verdict = "ok" if ms <= LIMIT_MS else "OVER"
    print(f"slowest under 1 MB: {name} ({len(raw) / 1024:.0f} kB) {ms:.1f} ms [{verdict}]")
    return 0 if ms <= LIMIT_MS else 1


if __name__ == "__main__":
    raise SystemExit(main())
