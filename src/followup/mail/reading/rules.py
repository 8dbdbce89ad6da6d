"""The mail classification rules: a YAML data file, checked against a schema, compiled once.

A mistake in the file is reported as one line naming the file, the line, the field and the
fix, e.g. `classify.yaml:42: ats.vendors.lever: expected a list of strings; write [a, b]`.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from followup.mail.reading.phrases import Phrases, phrase_pattern
from followup.mail.reading.rules_schema import RulesError, read_rules_data

DEFAULT_RULES_PATH = Path(__file__).with_name("data") / "classify.yaml"


@dataclass(frozen=True, slots=True)
class HeaderRule:
    header: str  # a name, or a prefix ending in "*" ("X-Zendesk-*")
    values: frozenset[str]  # empty: any value marks

    def matches(self, value: str | None) -> bool:
        """Whether a header value marks; a comment or parameter after the value is ignored
        ("auto-replied (vacation)", "auto-replied; owner-email=...")."""
        if value is None:
            return False
        if not self.values:
            return True
        word = value.split("(", 1)[0].split(";", 1)[0].strip().lower()
        return word in self.values

    def first_match(self, headers: tuple[tuple[str, str], ...], value: str | None) -> str | None:
        """ "Name: value" of the first header this rule marks, or None; `value` is the
        message's first value of `header` (for a rule naming one header)."""
        if not self.header.endswith("*"):
            return f"{self.header}: {value}" if self.matches(value) else None
        prefix = self.header[:-1].lower()
        for name, found in headers[:500]:
            if name.lower().startswith(prefix) and self.matches(found):
                return f"{name}: {found}"
        return None


@dataclass(frozen=True, slots=True)
class ClassifyRules:
    source: str
    daemon_local_parts: tuple[str, ...]
    daemon_names: tuple[str, ...]
    failure_subjects: Phrases
    notice_subjects: Phrases  # a mail system's notices that report no failure
    delay_subjects: Phrases
    delay_phrases: Phrases
    failure_phrases: Phrases
    not_failed_actions: frozenset[str]
    strong_auto_headers: tuple[HeaderRule, ...]
    weak_auto_headers: tuple[HeaderRule, ...]
    rule_auto_headers: tuple[HeaderRule, ...]  # a mailbox rule wrote it: a reply unless a forward
    auto_subjects: tuple[str, ...]
    auto_tag_tails: frozenset[str]  # "reply" in a tag after the subject: "(Out of Office reply)"
    auto_body: Phrases
    absence_notice: Phrases
    return_when: Phrases  # a return named without a day: "next week", "tomorrow"
    return_phrases: Phrases  # "returning", "will be back": a return said with the absence
    thanks_openers: Phrases  # "Thank you for your message." before the absence: a template
    absence_away: Phrases  # absence words counted only in a note that says nothing else
    absence_return: Phrases
    absence_courtesies: Phrases
    absence_past: Phrases
    absence_joins: Phrases
    absence_signoffs: Phrases
    absence_date_words: frozenset[str]
    ats_vendors: Mapping[str, tuple[str, ...]]
    ats_vendor_by_domain: Mapping[str, str]  # each vendor domain -> its vendor
    robot_local_parts: tuple[str, ...]
    ats_program_headers: tuple[HeaderRule, ...]  # a program sent it, from any address
    automated_headers: tuple[HeaderRule, ...]
    thread_headers: frozenset[str]  # automated headers a person's reply in a thread carries too
    system_headers: tuple[HeaderRule, ...]
    system_subjects: Phrases
    report_subjects: Phrases  # a complaint or abuse report about a message it carries
    challenge_phrases: Phrases
    envelope_local_parts: tuple[str, ...]
    disclaimer_words: Phrases
    program_local_parts: tuple[str, ...]
    bulk_phrases: Phrases
    spam_phrases: Phrases
    spam_words: Phrases
    undisclosed_recipients: Phrases
    mailer_programs: Phrases
    department_words: Phrases
    distribution_local_parts: tuple[str, ...]
    list_hosts: frozenset[str]
    bulk_subdomains: frozenset[str]
    bulk_subjects: Phrases
    closings: Phrases
    platform_domains: Mapping[str, str]  # each platform domain -> itself
    job_board_words: Phrases
    job_alert_phrases: Phrases
    meeting_tool_domains: Mapping[str, str]  # each meeting tool's domain -> itself
    recruiting_words: Phrases
    free_mail_domains: frozenset[str]
    reply_prefixes: frozenset[str]
    forward_prefixes: frozenset[str]
    application_receipts: Phrases  # "we have received your application"
    message_receipts: Phrases  # "we have received your message"
    read_receipts: Phrases  # "this is a return receipt for the mail that you sent"
    calendar_response_subjects: frozenset[str]  # "accepted" of "Accepted: ..."
    calendar_cancel_subjects: frozenset[str]
    calendar_invitation_subjects: frozenset[str]
    meeting_markers: tuple[str, ...]  # a calendar program's text of a meeting, any subject
    invitation_footers: tuple[str, ...]  # its text of an invitation, under such a subject
    rejection: Phrases
    offer: Phrases
    uncertain_outcome: Phrases
    regret_cues: Phrases
    turned_down_cues: Phrases
    chose_cues: Phrases
    others_cues: Phrases
    going_on_cues: Phrases
    receiving_words: Phrases
    application_words: Phrases
    post_words: Phrases
    filled_cues: Phrases
    elsewhere_words: Phrases
    hiring_context: Phrases  # words that place a message in a hiring process
    people_words: Phrases  # words of people that name no application ("someone")
    thing_words: Phrases  # things chosen instead ("another supplier"), not people
    title_words: Phrases  # job titles: a subject naming one places a rejection
    someone_elses: Phrases  # an application not the reader's: "our bid", "notre candidature"
    third_persons: Phrases  # "they were": a third person turned down, not the reader
    process_words: Phrases  # "our application process": the employer's, no one's application
    offer_verbs: Phrases
    offer_objects: Phrases
    offer_steps: Phrases  # a step of the process: "selected for the interview stage of ..."
    good_news_cues: Phrases
    joining_cues: Phrases
    negations: Phrases
    reader_words: Phrases  # the reader addressed: an offer is made to them
    made_by_reader: Phrases  # the reader asked to make an offer: "can you prepare the ..."
    return_date: Mapping[str, Any]  # compiled by followup.mail.reading.returndate
    decision_date: Mapping[str, Any]  # compiled by followup.mail.reading.decision_date


def local_part_matches(local: str, patterns: tuple[str, ...]) -> bool:
    """ "mailer-daemon" matches "mailer-daemon"; "no-reply*" matches "no-reply-jobs";
    "*noreply*" matches "jobalerts-noreply"; "*-request" matches "hikers-request"."""
    return _local_part_regex(patterns).match(local.lower()) is not None


@lru_cache(maxsize=64)
def _local_part_regex(patterns: tuple[str, ...]) -> re.Pattern[str]:
    """One regex for a list of local-part patterns (compiled once per list)."""
    parts = []
    for pattern in patterns:
        if len(pattern) > 2 and pattern.startswith("*") and pattern.endswith("*"):
            parts.append(f".*{re.escape(pattern[1:-1])}")
        elif pattern.endswith("*"):
            parts.append(re.escape(pattern[:-1]))
        elif len(pattern) > 1 and pattern.startswith("*"):  # "*-request": a suffix
            parts.append(f".*{re.escape(pattern[1:])}\\Z")
        else:
            parts.append(re.escape(pattern) + r"\Z")
    return re.compile("(?:" + "|".join(parts) + ")", re.DOTALL) if parts else re.compile("(?!)")


def domain_owner(domain: str, owners: Mapping[str, str]) -> str | None:
    """The owner of `domain` or of the nearest listed domain it is under, or None
    ("hire.lever.co" -> owners["lever.co"]): one look-up per label, not one per entry."""
    labels = domain.lower().rstrip(".").split(".")
    for start in range(len(labels) - 1):
        owner = owners.get(".".join(labels[start:]))
        if owner is not None:
            return owner
    return None


def domain_in(domain: str, domains: frozenset[str] | tuple[str, ...]) -> str | None:
    """The listed domain that `domain` is or is under, or None."""
    domain = domain.lower().rstrip(".")
    for listed in domains:
        if domain == listed or domain.endswith("." + listed):
            return listed
    return None


def _lowered(words: list[str]) -> frozenset[str]:
    return frozenset(" ".join(w.lower().split()) for w in words if w.strip())


def compile_rules(data: Mapping[str, Any], source: str) -> ClassifyRules:
    bounce, auto, ats = data["bounce"], data["auto_reply"], data["ats"]
    automated = data.get("automated") or {}
    cues = data.get("rejection_cues") or {}
    offer_cues = data.get("offer_cues") or {}
    calendar = data.get("calendar_words") or {}
    receipts = data.get("receipts") or {}
    only = auto.get("absence_only") or {}
    return ClassifyRules(
        source=source,
        daemon_local_parts=tuple(p.lower() for p in bounce["sender_local_parts"]),
        daemon_names=tuple(n.lower() for n in bounce["sender_names"]),
        failure_subjects=phrase_pattern(bounce["failure_subjects"]),
        notice_subjects=phrase_pattern(bounce.get("notice_subjects", [])),
        delay_subjects=phrase_pattern(bounce["delay_subjects"]),
        delay_phrases=phrase_pattern(bounce.get("delay_phrases", [])),
        failure_phrases=phrase_pattern(bounce.get("failure_phrases", [])),
        not_failed_actions=frozenset(a.lower() for a in bounce.get("not_failed_actions", [])),
        strong_auto_headers=tuple(_header_rule(r) for r in auto["strong_headers"]),
        weak_auto_headers=tuple(_header_rule(r) for r in auto["weak_headers"]),
        rule_auto_headers=tuple(_header_rule(r) for r in auto.get("rule_headers", [])),
        auto_subjects=tuple(s.lower() for s in auto["subjects"]),
        auto_tag_tails=frozenset(t.lower() for t in auto.get("tag_tails", [])),
        auto_body=phrase_pattern(auto["body_phrases"]),
        absence_notice=phrase_pattern(auto.get("notice_phrases", [])),
        return_when=phrase_pattern(auto.get("return_when", [])),
        return_phrases=phrase_pattern(auto.get("return_phrases", [])),
        thanks_openers=phrase_pattern(auto.get("thanks_openers", [])),
        absence_away=phrase_pattern(only.get("away_words", [])),
        absence_return=phrase_pattern(only.get("return_words", [])),
        absence_courtesies=phrase_pattern(only.get("courtesies", [])),
        absence_past=phrase_pattern(only.get("past_words", [])),
        absence_joins=phrase_pattern(only.get("joins", [])),
        absence_signoffs=phrase_pattern(only.get("signoffs", [])),
        absence_date_words=_lowered(only.get("date_words", [])),
        ats_vendors={k: tuple(d.lower() for d in v) for k, v in ats["vendors"].items()},
        ats_vendor_by_domain={d.lower(): k for k, v in ats["vendors"].items() for d in v},
        robot_local_parts=tuple(p.lower() for p in ats["robot_local_parts"]),
        ats_program_headers=tuple(_header_rule(r) for r in ats.get("program_headers", [])),
        automated_headers=tuple(_header_rule(r) for r in automated.get("headers", [])),
        thread_headers=frozenset(h.lower() for h in automated.get("thread_headers", [])),
        system_headers=tuple(_header_rule(r) for r in automated.get("system_headers", [])),
        system_subjects=phrase_pattern(automated.get("system_subjects", [])),
        report_subjects=phrase_pattern(automated.get("report_subjects", [])),
        challenge_phrases=phrase_pattern(automated.get("challenge_phrases", [])),
        envelope_local_parts=tuple(p.lower() for p in automated.get("envelope_local_parts", [])),
        disclaimer_words=phrase_pattern(automated.get("disclaimer_words", [])),
        program_local_parts=tuple(p.lower() for p in automated.get("sender_local_parts", [])),
        bulk_phrases=phrase_pattern(automated.get("bulk_phrases", [])),
        spam_phrases=phrase_pattern(automated.get("spam_phrases", [])),
        spam_words=phrase_pattern(automated.get("spam_words", [])),
        undisclosed_recipients=phrase_pattern(automated.get("undisclosed_recipients", [])),
        mailer_programs=phrase_pattern(automated.get("mailer_programs", [])),
        department_words=phrase_pattern(automated.get("department_words", [])),
        distribution_local_parts=tuple(
            p.lower() for p in automated.get("distribution_local_parts", [])
        ),
        list_hosts=frozenset(h.lower() for h in automated.get("list_hosts", [])),
        bulk_subdomains=frozenset(h.lower() for h in automated.get("bulk_subdomains", [])),
        bulk_subjects=phrase_pattern(automated.get("bulk_subjects", [])),
        closings=phrase_pattern(automated.get("closings", [])),
        platform_domains={d.lower(): d.lower() for d in automated.get("sender_domains", [])},
        job_board_words=phrase_pattern(ats.get("job_board_words", [])),
        job_alert_phrases=phrase_pattern(ats.get("job_alert_phrases", [])),
        meeting_tool_domains={d.lower(): d.lower() for d in ats.get("meeting_tool_domains", [])},
        recruiting_words=phrase_pattern(ats["recruiting_words"]),
        free_mail_domains=frozenset(d.lower() for d in data["free_mail_domains"]),
        reply_prefixes=frozenset(p.lower() for p in data.get("reply_prefixes", [])),
        forward_prefixes=frozenset(p.lower() for p in data.get("forward_prefixes", [])),
        application_receipts=phrase_pattern(receipts.get("application", [])),
        message_receipts=phrase_pattern(receipts.get("message", [])),
        read_receipts=phrase_pattern(receipts.get("read", [])),
        calendar_response_subjects=_lowered(calendar.get("response_subjects", [])),
        calendar_cancel_subjects=_lowered(calendar.get("cancel_subjects", [])),
        calendar_invitation_subjects=_lowered(calendar.get("invitation_subjects", [])),
        meeting_markers=tuple(_lowered(calendar.get("meeting_markers", []))),
        invitation_footers=tuple(_lowered(calendar.get("invitation_footers", []))),
        rejection=phrase_pattern(data["rejection_phrases"]),
        offer=phrase_pattern(data["offer_phrases"]),
        uncertain_outcome=phrase_pattern(data.get("uncertain_outcome_phrases", [])),
        regret_cues=phrase_pattern(cues.get("regret", [])),
        turned_down_cues=phrase_pattern(cues.get("turned_down", [])),
        chose_cues=phrase_pattern(cues.get("chose", [])),
        others_cues=phrase_pattern(cues.get("others", [])),
        going_on_cues=phrase_pattern(cues.get("going_on", [])),
        receiving_words=phrase_pattern(cues.get("receiving", [])),
        application_words=phrase_pattern(cues.get("application", [])),
        post_words=phrase_pattern(cues.get("post", [])),
        filled_cues=phrase_pattern(cues.get("filled", [])),
        elsewhere_words=phrase_pattern(cues.get("elsewhere", [])),
        hiring_context=phrase_pattern(
            [
                *ats["recruiting_words"],
                *cues.get("post", []),
                *cues.get("context", []),
            ]
        ),
        people_words=phrase_pattern(cues.get("people", [])),
        thing_words=phrase_pattern(cues.get("things", [])),
        title_words=phrase_pattern(cues.get("titles", [])),
        someone_elses=phrase_pattern(cues.get("someone_elses", [])),
        third_persons=phrase_pattern(cues.get("third_persons", [])),
        process_words=phrase_pattern(cues.get("process_words", [])),
        offer_verbs=phrase_pattern(offer_cues.get("verbs", [])),
        offer_objects=phrase_pattern(offer_cues.get("objects", [])),
        offer_steps=phrase_pattern(offer_cues.get("steps", [])),
        good_news_cues=phrase_pattern(offer_cues.get("good_news", [])),
        joining_cues=phrase_pattern(offer_cues.get("joining", [])),
        negations=phrase_pattern(offer_cues.get("negations", [])),
        reader_words=phrase_pattern(offer_cues.get("reader", [])),
        made_by_reader=phrase_pattern(offer_cues.get("made_by_reader", [])),
        return_date=data["return_date"],
        decision_date=data["decision_date"],
    )


def _header_rule(raw: Mapping[str, Any]) -> HeaderRule:
    return HeaderRule(header=str(raw["header"]), values=frozenset(v.lower() for v in raw["values"]))


def load_rules(path: str | Path | None = None) -> ClassifyRules:
    """The classification rules from `path` (default: the shipped file), compiled once."""
    return _load_cached(str(path) if path is not None else str(DEFAULT_RULES_PATH))


@lru_cache(maxsize=8)
def _load_cached(path: str) -> ClassifyRules:
    source = Path(path)
    try:
        text = source.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise RulesError(f"{source}: cannot read the rules file ({exc}); check the path") from None
    return compile_rules(read_rules_data(text, source.name), source.name)
