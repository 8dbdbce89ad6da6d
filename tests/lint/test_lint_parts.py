"""Draft parsing, spans, context switches, panels and the engine's promises."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from datetime import UTC, date, datetime

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from followup.domain import model as m
from followup.lint import (
    CandidateProfile,
    LintContext,
    UnknownKindError,
    context_for,
    lint_panel,
    lint_text,
)
from followup.lint.draft import Layout, parse_draft

from .examples import BAD, GOOD, PANEL, THANK_YOU, context

SIGNOFFS = frozenset({"best regards", "sincerely"})


def rules_fired(text: str, ctx: LintContext) -> set[str]:
    return {f.rule for f in lint_text(text, ctx).findings}


def test_parse_splits_subject_greeting_body_signoff_signature() -> None:
    draft = parse_draft(THANK_YOU, Layout.LETTER, SIGNOFFS)
    assert draft.part(draft.subject) == "Thank you - Data Engineer interview"
    assert draft.part(draft.greeting) == "Dear Ms. Chen,"
    assert draft.part(draft.greeting_name) == "Ms. Chen"
    assert draft.part(draft.body).startswith("Thank you for taking the time")
    assert draft.part(draft.body).endswith("I am happy to answer them.")
    assert len(draft.paragraphs) == 2
    assert draft.part(draft.signoff) == "Best regards"
    assert draft.part(draft.signature) == "Alex Kim\n(555) 010-0142"


def test_parse_keeps_offsets_with_crlf_and_an_inline_signoff() -> None:
    text = "Hi Dana,\r\n\r\nThanks for Tuesday.\r\n\r\nBest regards, Alex Kim\r\n"
    draft = parse_draft(text, Layout.LETTER, SIGNOFFS)
    assert draft.part(draft.greeting) == "Hi Dana,"
    assert draft.part(draft.body) == "Thanks for Tuesday."
    assert draft.part(draft.signoff) == "Best regards"
    assert draft.part(draft.signature) == "Alex Kim"


def test_parse_greeting_on_the_first_line_of_the_body() -> None:
    draft = parse_draft("Hi Dana, thank you for the chat on Tuesday.", Layout.NOTE)
    assert draft.part(draft.greeting) == "Hi Dana,"
    assert draft.part(draft.body) == "thank you for the chat on Tuesday."


def test_spoken_scripts_are_all_body() -> None:
    text = GOOD["voicemail"][0]
    draft = parse_draft(text, Layout.SPOKEN, SIGNOFFS)
    assert draft.greeting is None and draft.signoff is None
    assert draft.part(draft.body) == text.strip()


def test_lengths_count_the_body_only() -> None:
    ctx = context("thank-you")
    words = lint_text(THANK_YOU, ctx).stats.words
    longer_signature = THANK_YOU + "Senior Data Engineer at Initrode\nhttps://example.org/alex\n"
    assert lint_text(longer_signature, ctx).stats.words == words
    no_greeting = THANK_YOU.replace("Dear Ms. Chen,\n\n", "")
    assert lint_text(no_greeting, ctx).stats.words == words


def test_spans_are_offsets_into_the_original_text() -> None:
    text = THANK_YOU.replace("in the work ahead.", "in the salary.").replace("\n", "\r\n")
    [pay] = [f for f in lint_text(text, context("thank-you")).findings if f.rule == "LINT-PAY-TALK"]
    assert text[pay.start : pay.end] == "salary"
    assert pay.seed == "SEED-NO-PAY-TALK"
    assert pay.hint


def test_every_finding_names_its_rule_and_spans_inside_the_text() -> None:
    for bad in BAD:
        for finding in lint_text(bad.text, bad.ctx).findings:
            assert finding.rule.startswith("LINT-")
            assert 0 <= finding.start <= finding.end <= len(bad.text)
            assert "{" not in finding.message, finding.message


@pytest.mark.parametrize(
    "changes", [{"has_offer": True}, {"employer_raised_pay": True}], ids=["offer", "raised"]
)
def test_pay_talk_is_allowed_once_an_offer_exists_or_they_raised_it(
    changes: dict[str, bool],
) -> None:
    bad = next(b for b in BAD if b.rule == "LINT-PAY-TALK")
    assert "LINT-PAY-TALK" in rules_fired(bad.text, bad.ctx)
    assert "LINT-PAY-TALK" not in rules_fired(bad.text, replace(bad.ctx, **changes))


@pytest.mark.parametrize(
    ("sentence", "complaint"),
    [
        ("I am disappointed that no one replied to my last email.", True),
        ("I was disappointed by how long this is taking.", True),
        ("While I am disappointed, I appreciated the chance to meet the team.", False),
    ],
)
def test_disappointment_is_a_complaint_only_when_aimed_at_them(
    sentence: str, complaint: bool
) -> None:
    text = GOOD["rejection-reply"][0].replace(
        "I would be glad to stay in touch", sentence + " I would be glad to stay in touch"
    )
    assert ("LINT-COMPLAINT" in rules_fired(text, context("rejection-reply"))) is complaint


def test_requested_attachments_are_fine() -> None:
    bad = next(b for b in BAD if b.rule == "LINT-ATTACHMENT")
    assert "LINT-ATTACHMENT" not in rules_fired(
        bad.text, replace(bad.ctx, attachments_requested=True)
    )


def test_linkedin_limit_is_configurable() -> None:
    bad = next(b for b in BAD if b.rule == "LINT-LENGTH-LINKEDIN-NOTE")
    assert 200 < len(bad.text) <= 300
    [finding] = [
        f for f in lint_text(bad.text, bad.ctx).findings if f.rule == "LINT-LENGTH-LINKEDIN-NOTE"
    ]
    assert (finding.start, finding.end) == (200, len(bad.text))
    assert "LINT-LENGTH-LINKEDIN-NOTE" not in rules_fired(
        bad.text, replace(bad.ctx, linkedin_limit=300)
    )


def test_signoffs_come_from_the_users_list_when_given() -> None:
    text = THANK_YOU.replace("Best regards,", "Cheers,")
    assert "LINT-SIGNOFF" in rules_fired(text, context("thank-you"))
    assert "LINT-SIGNOFF" not in rules_fired(text, context("thank-you", signoffs=("Cheers",)))


@pytest.mark.parametrize(
    ("subject", "ok"),
    [
        ("Following up: Data Engineer interview on March 3", True),
        ("Following up - Data Engineer interview on 3 March 2026", True),
        ("Following up: Data Engineer interview on Tuesday", True),
        ("Following up: Data Engineer interview on 2026-03-03", True),
        ("Re: Thank you - Data Engineer interview", True),
        ("Following up: Data Engineer interview on March 4", False),
        ("Following up: Data Scientist interview on March 3", False),
        ("Checking in", False),
    ],
)
def test_status_subject(subject: str, ok: bool) -> None:
    text = GOOD["status-check"][0].replace(
        "Following up: Data Engineer interview on March 3", subject
    )
    assert ("LINT-SUBJECT-STATUS" not in rules_fired(text, context("status-check"))) is ok


def test_a_reply_keeps_the_threads_subject() -> None:
    text = THANK_YOU.replace("Thank you - Data Engineer interview", "Your interview next week")
    assert "LINT-SUBJECT-THANKS" in rules_fired(text, context("thank-you"))
    ctx = context("thank-you", thread_subject="Your interview next week")
    assert "LINT-SUBJECT-THANKS" not in rules_fired(text, ctx)


def test_interview_note_counts_as_the_detail() -> None:
    text = THANK_YOU.replace(
        "I especially enjoyed hearing how your team is moving its nightly batch jobs to streaming.",
        "Moving the nightly batch jobs to streaming is a big step.",
    )
    assert "LINT-DETAIL" in rules_fired(text, context("thank-you"))
    note = "the migration of their nightly batch jobs to streaming"
    assert "LINT-DETAIL" not in rules_fired(text, context("thank-you", interview_note=note))


def test_unknown_records_rest_their_checks() -> None:
    bare = LintContext(kind="thank-you")
    fired = rules_fired(THANK_YOU, bare)
    assert fired == set()


def test_voicemail_spoken_duration() -> None:
    result = lint_text(GOOD["voicemail"][0], context("voicemail"))
    assert result.stats.spoken_seconds == round(result.stats.words * 60 / 150, 1)
    assert lint_text(THANK_YOU, context("thank-you")).stats.spoken_seconds is None


def test_unknown_kind_is_refused() -> None:
    with pytest.raises(
        UnknownKindError, match="unknown message kind 'memo'; use one of: thank-you"
    ):
        lint_text(THANK_YOU, LintContext(kind="memo"))


def test_panel_reports_each_side_with_its_draft_index() -> None:
    copied = (PANEL[0][0].replace("Dear Ms. Chen,", "Hi Raj,"), PANEL[1][1])
    result = lint_panel([PANEL[0], copied, PANEL[2]])
    similar = [f for f in result.findings if f.rule == "LINT-PANEL-SIMILAR"]
    assert sorted(f.draft for f in similar) == [0, 1]
    assert "draft 2" in similar[0].message and "100%" in similar[0].message
    assert not result.ok
    assert result.results[2].ok


def test_panel_of_one_has_nothing_to_compare() -> None:
    assert lint_panel([PANEL[0]]).findings == ()


def make_history(outcome: m.Outcome | None = None, offer_touch: bool = False) -> m.History:
    at = datetime(2026, 3, 3, 15, tzinfo=UTC)
    app = m.Application(1, "Acme Analytics", "Data Engineer", at, outcome=outcome)
    dana = m.Person(10, 1, "Dana Chen", title="Engineering Manager")
    raj = m.Person(11, 1, "Raj Patel")
    interview = m.Interview(
        5, 1, at, m.InterviewKind.PANEL, (10, 11), notes={10: "batch jobs to streaming"}
    )
    touches = (
        (m.Touch(1, 1, at, m.Channel.EMAIL, m.Direction.IN, m.TouchKind.OFFER),)
        if offer_touch
        else ()
    )
    return m.History(app, (dana, raj), (interview,), touches)


def test_context_for_reads_the_records() -> None:
    profile = CandidateProfile(name="Alex Kim", phone="555 010 0142", linkedin_limit=300)
    ctx = context_for(
        make_history(), 10, "thank-you", profile, other_companies=("Globex", "acme analytics")
    )
    assert ctx.recipient_name == "Dana Chen"
    assert ctx.recipient_title == "Engineering Manager"
    assert ctx.people_names == ("Dana Chen", "Raj Patel")
    assert (ctx.company, ctx.role) == ("Acme Analytics", "Data Engineer")
    assert ctx.interview_date == date(2026, 3, 3)
    assert ctx.interview_note == "batch jobs to streaming"
    assert (ctx.candidate_name, ctx.candidate_phone, ctx.linkedin_limit) == (
        "Alex Kim",
        "555 010 0142",
        300,
    )
    assert ctx.other_companies == ("Globex",)
    assert ctx.has_offer is False
    assert lint_text(THANK_YOU, ctx).ok


def test_context_for_names_the_interview_date_in_the_recipients_zone() -> None:
    history = make_history()
    late = replace(history.interviews[0], start=datetime(2026, 3, 4, 1, tzinfo=UTC))
    app = replace(history.application, tz="America/New_York")
    history = replace(history, application=app, interviews=(late,))
    assert context_for(history, 10, "status-check").interview_date == date(2026, 3, 3)
    dana = replace(history.people[0], tz="Europe/Berlin")
    history = replace(history, people=(dana, history.people[1]))
    assert context_for(history, 10, "status-check").interview_date == date(2026, 3, 4)


def test_context_for_knows_about_an_offer() -> None:
    assert context_for(make_history(m.Outcome.OFFER), 10, "offer-ack").has_offer
    assert context_for(make_history(offer_touch=True), 10, "offer-ack").has_offer


def test_the_linter_imports_no_io_library(imported_by: Callable[[str], set[str]]) -> None:
    code = (
        "import followup.lint as l; "
        "l.lint_text('Hi Dana,\\n\\nThanks.\\n\\nBest regards,\\nAlex', "
        "l.LintContext(kind='thank-you'))"
    )
    io = {"sqlalchemy", "socket", "smtplib", "imaplib", "httpx", "pydantic"}
    assert not io & imported_by(code)


FRAGMENTS = [
    "Subject: ", "Re: ", "Cc: x@y.z", "Dear ", "Hi Dana,", "Ms. Chen", "\n", "\n\n", "\r\n", " ",
    "Best regards,", "Alex Kim", "(555) 010-0142", "salary", "!", "?", "ASAP", "Acme Analytcs",
    "the Data Engineer role", "Thank you", "March 3", "Tuesday", "3/3", "é", "’", "—", "Mr.", "Inc",
]  # fmt: skip


@settings(max_examples=150, deadline=None)
@given(
    kind=st.sampled_from(list(GOOD)),
    pieces=st.lists(st.one_of(st.sampled_from(FRAGMENTS), st.text(max_size=8)), max_size=30),
)
def test_any_text_gets_findings_inside_it_and_never_an_exception(
    kind: str, pieces: list[str]
) -> None:
    text = "".join(pieces)
    result = lint_text(text, context(kind))
    for finding in result.findings:
        assert 0 <= finding.start <= finding.end <= len(text)
    assert result.ok == all(f.severity.value != "error" for f in result.findings)
