"""The classifier over a labelled corpus: 722 messages written from templates
(tests/fixtures/corpus/generate.py; then wider.py: 167 shapes written after the rules, of
which the rules read 52% right, and 41 written after the rules were widened, of which they
read 39% right; the rules were widened again, in general words, never for one message),
then messages written one by one under written/ (written.py), each batch scored before the
rules saw it (`tests/fixtures/corpus/read.py BATCH` prints the table):
- heldout1 (85 messages: vendor bounces, auto-replies, ATS mail, outcomes in seven
  languages, invitations, human replies): 83.5% right (71 of 85);
- heldout2 (30, written after the rules were widened by general signals): 80.0% (24 of 30;
  every bounce, auto-reply and automated message right; five outcomes in other words and
  one signature's disclaimer missed);
- heldout3 (20, written after the next widening): 85.0% (17 of 20; only three rejections in
  other words missed);
- heldout4 (15, written after rejections were also read from two cues): 73.3% (11 of 15; two
  offers in other words, a negated offer and a webinar about interviews missed);
- heldout5 (12, written after that): 91.7% (11 of 12; a meeting tool's reminder of an
  interview read as ATS mail);
- heldout6 (40, mostly rejections and offers in seven languages, webinars, meeting-tool mail
  and replies that use "offer" or "reject" in other senses): 77.5% (31 of 40; four soft
  rejections, three offers, an ATS vendor's webinar and its newsletter missed);
- heldout7 (15, written after heldout6's widening): 53.3% (8 of 15; three rejections and two
  offers in other words, a meeting tool's reminder read as a reply, an ATS vendor's newsletter);
- heldout8 (67: outcomes written many ways in replies and ATS mail in eight languages, next
  steps, replies that use "unfortunately" or "offer" in other senses, auto-replies from more
  clients and languages, notifications from many platforms): 76.1% (51 of 67; eight outcomes
  in other words, an unmarked parental-leave note, a bank statement and a message recall read
  as replies, three job-board or survey notices read as ATS mail, a coding-test invitation);
- heldout9 (62: bounces from Domino, GroupWise, MDaemon, Kerio, GMX, Mail.ru, Yandex, QQ,
  OpenSMTPD, Proofpoint, Sophos and others in eight languages, delay warnings, outcomes,
  auto-replies, automated mail): 82.3% (51 of 62; every bounce right, two delay warnings read
  as bounces, six rejections and three offers in other words read as replies);
- heldout10 (36, written after the rules were widened for heldout8 and heldout9, by general
  shapes: a choice made for someone else, a negation that stops the application, phrases in
  unspaced scripts, job alerts known by their body): 86.1% (31 of 36; the rules before that
  widening read it 83.3%; three rejections in other words and a shipping notice read as
  replies, "happy to offer some advice" read as an offer);
- heldout11 (29, written after heldout10's changes): 79.3% (23 of 29, as the rules before
  heldout8 read it; three rejections and an offer in other words, a payment receipt read as
  replies, an ATS vendor's report read as ATS mail);
- heldout12 (22, written after heldout11's changes): 68.2% (15 of 22, as the rules before
  heldout8 read it; four rejections and an offer in other words read as replies, a coding
  site's newsletter read as ATS mail, a file-sharing notice naming an offer letter read as an
  offer);
- heldout13 (78: automated mail that looks personal - receipts, bank and security alerts,
  one-time codes, help-desk replies from Zendesk, Freshdesk, Jira Service Management, OTRS,
  RT and Help Scout, surveys, webinars, monitoring and CI reports, scan-, fax- and
  voicemail-to-email, e-signature and sharing notices, mailing lists, old and new spam from
  person-looking senders - and 16 human business replies): 83.3% (65 of 78; every human
  reply right; a survey in a manager's name, a scanner, a phone system's voicemail, four
  spams, a company announcement to undisclosed recipients, a bill and a renewal notice read
  as replies, a CI report and a meeting recording naming the user read as ATS mail, a
  "mailbox full" phishing from a "Mail Administrator" read as a bounce);
- heldout15 (81: people's mail, Enron-like trading and sales mail using "offer", "decline to
  bid", "decided not to proceed" and "position" in other senses, forwards and quotes of
  auto-replies and bounces, disclaimers, mobile and Outlook HTML replies in nine languages,
  and outcomes with near-misses): 93.8% (76 of 81; a gas trader's "decided not to proceed
  with the other vendor" and a French customer's "ne pas donner suite" to a quote read as
  rejections, a person's forward of a bounce read as a bounce, a fit judgement bound to the
  time and a withdrawn post read as replies);
- heldout17 (77: calendar mail in the shapes of Google Calendar, Outlook/Exchange/Teams,
  Apple Calendar and iCloud, Zoom, Webex, Calendly, Greenhouse, Lever, Ashby, GoodTime,
  ModernLoop, Personio, Yahoo, Zoho, Fastmail, Nextcloud, Thunderbird and Lotus Notes -
  requests, updates, RECURRENCE-ID, all-day, floating, folded, base64, quoted-printable and
  8bit calendars, several events, a broken file, a file without METHOD, cancellations,
  accepted/declined/tentative answers, COUNTER and DECLINECOUNTER - agendas, reminders,
  shared calendars, people writing about invitations, and acknowledgements of applications
  and requests): 97.4% (75 of 77; a shared calendar named "Job hunt" read as ATS mail, and a
  careers@ mailbox's Auto-Submitted confirmation of an application read as other).
Per-class precision and recall, printed, with floors."""

from __future__ import annotations

import importlib.util
import sys
from collections import Counter
from functools import cache
from pathlib import Path
from types import ModuleType

from followup.mail.reading.classify import classify_message

_GENERATOR = Path(__file__).parent.parent / "fixtures" / "corpus" / "generate.py"


@cache
def _generator() -> ModuleType:
    spec = importlib.util.spec_from_file_location("followup_corpus_generate", _GENERATOR)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up
    spec.loader.exec_module(module)
    return module


@cache
def _results() -> list[tuple[object, str]]:
    gen = _generator()
    out = []
    for sample in gen.corpus():
        info = classify_message(sample.raw, user_addresses=gen.USER_ADDRESSES)
        out.append((sample, info))
    return out


def _table(results: list[tuple[object, object]]) -> tuple[str, dict[str, tuple[float, float]]]:
    written = _generator()._sibling("written")
    return written.score((s.label, str(i.kind)) for s, i in results)  # type: ignore[attr-defined]


def test_corpus_is_large_and_varied() -> None:
    samples = [s for s, _ in _results()]
    assert len(samples) >= 400
    labels = Counter(s.label for s in samples)  # type: ignore[attr-defined]
    assert set(labels) >= {"bounce", "auto-reply", "other", "reply", "rejection", "offer", "ats"}
    assert len({s.raw for s in samples}) == len(samples)  # type: ignore[attr-defined]


def test_corpus_precision_and_recall() -> None:
    results = _results()
    table, scores = _table(results)
    wrong = [
        f"{s.name}: expected {s.label}, read {i.kind} ({'; '.join(i.evidence)})"  # type: ignore[attr-defined]
        for s, i in results
        if str(i.kind) != s.label  # type: ignore[attr-defined]
    ]
    accuracy = 1 - len(wrong) / len(results)
    print(f"\n{table}")
    for line in wrong:
        print("  " + line)
    assert accuracy >= 0.98, "\n".join(wrong)
    assert scores["bounce"][1] >= 0.98, "\n".join(wrong)
    weak = {label: recall for label, (_, recall) in scores.items() if recall < 0.98}
    assert not weak, f"classes read right less than 98% of the time: {weak}"


def test_each_written_batch_meets_the_floors() -> None:
    by_batch: dict[str, list[tuple[object, object]]] = {}
    for sample, info in _results():
        batch, _, _ = sample.name.partition("/")  # type: ignore[attr-defined]
        if "/" in sample.name:  # type: ignore[attr-defined]
            by_batch.setdefault(batch, []).append((sample, info))
    assert by_batch, "no written batch found"
    for batch, results in sorted(by_batch.items()):
        table, scores = _table(results)
        print(f"\n{batch}\n{table}")
        right = sum(str(i.kind) == s.label for s, i in results)  # type: ignore[attr-defined]
        assert right / len(results) >= 0.98, batch
        assert scores.get("bounce", (1.0, 1.0))[1] >= 0.98, batch


def test_no_automated_message_is_read_as_a_reply() -> None:
    taken = [
        f"{s.name} ({s.label}): {'; '.join(i.evidence)}"  # type: ignore[attr-defined]
        for s, i in _results()
        if s.label in ("bounce", "auto-reply", "other", "ats") and str(i.kind) == "reply"  # type: ignore[attr-defined]
    ]
    assert not taken, "\n".join(taken)


def test_no_notification_is_read_as_an_out_of_office() -> None:
    taken = [
        f"{s.name}: {'; '.join(i.evidence)}"  # type: ignore[attr-defined]
        for s, i in _results()
        if s.label == "other" and str(i.kind) == "auto-reply"  # type: ignore[attr-defined]
    ]
    assert not taken, "\n".join(taken)


def test_bounce_recipients_are_real_addresses_and_never_the_user() -> None:
    gen = _generator()
    found = missed = 0
    for sample, info in _results():
        if sample.label != "bounce" or str(info.kind) != "bounce":  # type: ignore[attr-defined]
            continue
        for address in info.failed_recipients:  # type: ignore[attr-defined]
            assert address not in gen.USER_ADDRESSES, sample.name  # type: ignore[attr-defined]
            assert "|" not in address and "/" not in address, sample.name  # type: ignore[attr-defined]
            assert "@" in address
            ids = {m.strip("<>") for m in (info.message_id, info.original_message_id) if m}  # type: ignore[attr-defined]
            assert address not in ids, sample.name  # type: ignore[attr-defined]
        for expected in sample.failed:  # type: ignore[attr-defined]
            if expected in info.failed_recipients:  # type: ignore[attr-defined]
                found += 1
            else:
                missed += 1
    print(f"\nfailed recipients found {found}, missed {missed}")
    assert found / (found + missed) >= 0.95


def test_delay_warnings_are_never_failures() -> None:
    for sample, info in _results():
        if sample.delayed:  # type: ignore[attr-defined]
            assert str(info.kind) != "bounce", sample.name  # type: ignore[attr-defined]
            assert not info.failed_recipients, sample.name  # type: ignore[attr-defined]
