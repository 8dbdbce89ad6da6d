"""Company names, names in general and subjects: "Maple Data Inc." reads "Maple Data" in
running text, never leaves "Inc..", passes the linter with or without its suffix; a name
("Lumen Pay", "Benefits Analyst") never trips a content rule; subjects stay under the
linter's own limit."""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import date

import pytest
from drafts_data import KIND_CHANNELS, PROFILE, action, scenario_a, scenario_d

from followup.domain.model import ActionKind, Channel, History
from followup.drafts.checking import lint_draft
from followup.drafts.phrasing import display_company, fit_subject, tidy_punctuation
from followup.drafts.render import render_draft
from followup.drafts.templates import DraftTemplates
from followup.lint import Finding, LintContext, Severity, lint_text


def _complete(history: History, company: str, role: str = "Data Engineer") -> History:
    app = replace(
        history.application, company=company, role=role, competing_offer_by=date(2026, 6, 30)
    )
    people = tuple(
        replace(p, phone=p.phone or "+1 555 0199", linkedin=f"https://www.linkedin.com/in/p{p.id}")
        for p in history.people
    )
    return replace(history, application=app, people=people)


@pytest.mark.parametrize(
    ("recorded", "shown"),
    [
        ("Maple Data Inc.", "Maple Data"),
        ("Maple Data, Inc.", "Maple Data"),
        ("Harbor Freight Labs LLC", "Harbor Freight Labs"),
        ("Quillon Ltd", "Quillon"),
        ("Quillon Ltd.", "Quillon"),
        ("Brenner Systeme GmbH", "Brenner Systeme"),
        ("Alpenlicht AG", "Alpenlicht"),
        ("Soluciones Norte S.A.", "Soluciones Norte"),
        ("Grachtwerk B.V.", "Grachtwerk"),
        ("Wattle Analytics Pty Ltd", "Wattle Analytics"),
        ("Hoshino Denki K.K.", "Hoshino Denki"),
        ("Fjordbyte AB", "Fjordbyte"),
        ("Corvid Corp.", "Corvid"),
        ("Acme", "Acme"),
        ("Co.", "Co."),  # nothing left without the suffix: kept as recorded
    ],
)
def test_legal_suffixes_are_dropped_in_running_text(recorded: str, shown: str) -> None:
    assert display_company(recorded) == shown


@pytest.mark.parametrize(
    ("text", "clean"),
    [
        ("at Maple Data Inc..", "at Maple Data Inc."),
        ("the role,.", "the role."),
        ("Really? .", "Really?"),
        ("Wait...", "Wait..."),
        ("one ,, two", "one, two"),
        ("fine.", "fine."),
    ],
)
def test_tidy_punctuation(text: str, clean: str) -> None:
    assert tidy_punctuation(text) == clean


DOUBLED = re.compile(r"(?<!\.)\.\.(?!\.)|[,;:!?]{2}|,\.|\.,|[ \t][.,;:!?]")


@pytest.mark.parametrize(
    "company", ["Maple Data Inc.", "Grachtwerk B.V.", "Wattle Analytics Pty Ltd"]
)
def test_every_draft_names_the_company_without_suffix_and_passes(
    company: str, templates: DraftTemplates
) -> None:
    history = _complete(scenario_a(), company)
    short = display_company(company)
    for kind, channel in KIND_CHANNELS:
        draft = render_draft(action(history, kind, channel), history, PROFILE, templates)
        text = draft.text()
        assert not DOUBLED.search(text), text
        if kind is not ActionKind.FIND_CONTACT:
            assert company not in text, text
        findings = lint_draft(draft, history, PROFILE)
        assert [f for f in findings if f.severity is Severity.ERROR] == [], text
        if short in text:
            assert "LINT-COMPANY" not in {f.rule for f in findings}


def _status_check_findings(text: str, company: str) -> tuple[Finding, ...]:
    """The linter's findings on a status check for the Data Engineer role at `company`."""
    return lint_text(
        text, LintContext("status-check", company=company, role="Data Engineer")
    ).findings


def test_the_linter_accepts_the_company_with_or_without_suffix() -> None:
    base = (
        "Subject: Following up\n\nDear Dana,\n\nI remain very interested in the Data Engineer "
        "role at {name} and in joining {name}. Could you share when you expect a decision?\n\n"
        "Best regards,\nSam Rivera\n"
    )
    for name in ("Maple Data Inc.", "Maple Data", "Maple Data, Inc."):
        findings = _status_check_findings(base.format(name=name), "Maple Data Inc.")
        assert "LINT-COMPANY" not in {f.rule for f in findings}, name
    wrong = _status_check_findings(base.format(name="Maple Date"), "Maple Data Inc.")
    assert "LINT-COMPANY" in {f.rule for f in wrong}


@pytest.mark.parametrize(
    ("company", "role"),
    [
        ("Lumen Pay", "Data Engineer"),
        ("PayPath", "Data Engineer"),
        ("Bonus Games Ltd", "Backend Engineer"),
        ("Acme", "Benefits Analyst"),
        ("Equity Partners LLC", "Compensation Analyst"),
        ("Vacation Rentals Inc.", "Platform Engineer"),
    ],
)
def test_a_name_never_triggers_a_content_rule(
    company: str, role: str, templates: DraftTemplates
) -> None:
    history = _complete(scenario_a(), company, role)
    for kind, channel in KIND_CHANNELS:
        draft = render_draft(action(history, kind, channel), history, PROFILE, templates)
        rules = {f.rule for f in lint_draft(draft, history, PROFILE)}
        assert "LINT-PAY-TALK" not in rules, draft.text()


def test_pay_talk_is_still_found_next_to_a_pay_company() -> None:
    text = (
        "Subject: Following up\n\nDear Dana,\n\nI remain very interested in joining Lumen Pay. "
        "Could you also tell me the pay range for the Data Engineer role?\n\n"
        "Best regards,\nSam Rivera\n"
    )
    found = [f for f in _status_check_findings(text, "Lumen Pay") if f.rule == "LINT-PAY-TALK"]
    assert [text[f.start : f.end] for f in found] == ["pay range"]


LONG_ROLE = "Senior Staff Machine Learning Infrastructure Engineer, Payments"


def test_subjects_stay_under_the_linters_limit(templates: DraftTemplates) -> None:
    history = _complete(scenario_a(), "Maple Data Inc.", LONG_ROLE)
    for kind, channel in KIND_CHANNELS:
        if channel is not Channel.EMAIL:
            continue
        draft = render_draft(action(history, kind, channel), history, PROFILE, templates)
        assert draft.subject is not None and len(draft.subject) <= 60, draft.subject
        rules = {f.rule for f in lint_draft(draft, history, PROFILE)}
        assert "LINT-SUBJECT-LENGTH" not in rules


def test_fit_subject_prefers_the_fullest_that_fits() -> None:
    assert fit_subject("x" * 61, "short", "s") == "short"
    assert fit_subject("x" * 70, "y" * 65) == "y" * 65


def test_a_long_thread_subject_is_kept_without_a_warning(templates: DraftTemplates) -> None:
    history = scenario_d()
    rejection = history.touches[0]
    long_subject = "Your application for Data Engineer at Acme - an update from our hiring team"
    history = replace(history, touches=(replace(rejection, summary=long_subject),))
    draft = render_draft(action(history, ActionKind.REJECTION_REPLY), history, PROFILE, templates)
    assert draft.subject == f"Re: {long_subject}"
    assert "LINT-SUBJECT-LENGTH" not in {f.rule for f in lint_draft(draft, history, PROFILE)}
