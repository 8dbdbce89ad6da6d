"""render_draft over the scenario histories: every kind, missing data, panel variety."""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import date, timedelta
from pathlib import Path

import pytest
from drafts_data import KIND_CHANNELS, PROFILE, action, scenario_a, scenario_b, scenario_d

from followup.domain.model import (
    ActionKind,
    Channel,
    Direction,
    History,
    Person,
    PersonRole,
    Touch,
    TouchKind,
)
from followup.drafts.checking import error_messages, lint_draft
from followup.drafts.facts import gather_facts, highlight_of
from followup.drafts.fit import GENERAL_FIT
from followup.drafts.model import DraftProblem, Profile, split_subject
from followup.drafts.render import message_kind_for, render_draft
from followup.drafts.templates import DraftTemplates, all_template_names, template_name


def _history_with_everything() -> History:
    h = scenario_a()
    app = replace(h.application, competing_offer_by=date(2026, 3, 20))
    dana = replace(h.people[0], linkedin="https://www.linkedin.com/in/danachen")
    return replace(h, application=app, people=(dana,))


def test_every_kind_and_channel_has_a_template() -> None:
    names = {template_name(k, c) for k, c in KIND_CHANNELS}
    assert names == set(all_template_names())
    for kind in ActionKind:
        assert template_name(kind, Channel.EMAIL) in all_template_names() or kind in (
            ActionKind.CALL,
            ActionKind.VOICEMAIL,
            ActionKind.LINKEDIN_NOTE,
            ActionKind.FIND_CONTACT,
        )


@pytest.mark.parametrize(("kind", "channel"), KIND_CHANNELS, ids=str)
def test_every_template_renders_a_complete_draft(
    kind: ActionKind, channel: Channel, templates: DraftTemplates
) -> None:
    h = _history_with_everything()
    draft = render_draft(action(h, kind, channel), h, PROFILE, templates)
    assert draft.missing == ()
    assert draft.complete
    assert "Dana" in draft.body
    assert "{{" not in draft.body and "{%" not in draft.body
    assert not re.search(r"\n\n\n", draft.body)
    if channel is Channel.EMAIL:
        assert draft.subject
        assert draft.body.startswith("Dear Dana,\n")
        assert "Best regards,\nSam Rivera" in draft.body
        assert "Data Engineer" in draft.subject or "Acme" in draft.subject
    else:
        assert draft.subject is None
    assert draft.to is not None and draft.to.name == "Dana Chen"


def test_thank_you_carries_highlight_and_fit(templates: DraftTemplates) -> None:
    h = scenario_a()
    draft = render_draft(action(h, ActionKind.THANK_YOU), h, PROFILE, templates)
    assert draft.subject == "Thank you - Data Engineer interview"
    # The note is about Dana's company: "their batch jobs" is "your batch jobs" to her.
    assert "our conversation about the migration of your batch jobs to streaming." in draft.body
    assert "their batch jobs" not in draft.body
    # The profile's one strength (data pipelines in Python and SQL) is not relevant to the
    # note, so a general sentence ties the conversation to the candidate's experience.
    assert PROFILE.qualifications not in draft.body
    assert GENERAL_FIT[0] in draft.body
    assert "Tuesday, March 3" in draft.body
    assert draft.to is not None and draft.to.display() == "Dana Chen <dana@acme.com>"
    assert draft.message_kind == "thank-you"


def test_status_check_subject_names_role_and_date(templates: DraftTemplates) -> None:
    h = scenario_a()
    draft = render_draft(action(h, ActionKind.STATUS_CHECK, day=13), h, PROFILE, templates)
    assert draft.subject == "Following up: Data Engineer interview on March 3"


def test_reply_keeps_the_thread_subject(templates: DraftTemplates) -> None:
    h = scenario_d()
    draft = render_draft(action(h, ActionKind.REJECTION_REPLY), h, PROFILE, templates)
    assert draft.subject == "Re: Your application for Data Engineer"
    assert draft.in_reply_to == "<rej-1@acme.com>"


def test_panel_thank_yous_differ_beyond_the_highlight(templates: DraftTemplates) -> None:
    h = scenario_b()
    drafts = [
        render_draft(action(h, ActionKind.THANK_YOU, person_id=pid), h, PROFILE, templates)
        for pid in (21, 22, 23)
    ]
    tails = {p: " ".join(n.split()[-3:]) for p, n in h.interviews[0].notes.items()}
    for draft, pid in zip(drafts, (21, 22, 23), strict=True):
        assert tails[pid] in draft.body
        assert not any(t in draft.body for p, t in tails.items() if p != pid)
    # With the highlights taken out, the texts still differ sentence by sentence.
    sentence_sets = []
    for draft, pid in zip(drafts, (21, 22, 23), strict=True):
        facts = gather_facts(action(h, ActionKind.THANK_YOU, person_id=pid), h, PROFILE)
        body = draft.body.replace(str(facts.context["highlight_sentence"]), "")
        body = body.split("Best regards")[0]
        sentences = {s.strip() for s in re.split(r"(?<=[.;?])\s+", body) if len(s) > 30}
        sentence_sets.append(sentences)
    for i in range(3):
        for j in range(i + 1, 3):
            assert not (sentence_sets[i] & sentence_sets[j])


def test_panel_of_four_still_varies(templates: DraftTemplates) -> None:
    h = scenario_b()
    iv = replace(
        h.interviews[0], person_ids=(21, 22, 23, 24), notes={**h.interviews[0].notes, 24: "x"}
    )
    extra = replace(h.people[0], id=24, name="Ola Berg", email="ola@globex.com")
    h = replace(h, interviews=(iv,), people=(*h.people, extra))
    first = render_draft(action(h, ActionKind.THANK_YOU, person_id=21), h, PROFILE, templates)
    fourth = render_draft(action(h, ActionKind.THANK_YOU, person_id=24), h, PROFILE, templates)
    assert first.body.split("\n\n")[2] != fourth.body.split("\n\n")[2]


def test_missing_highlight_names_the_command(templates: DraftTemplates) -> None:
    h = scenario_a()
    iv = replace(h.interviews[0], notes={})
    h = replace(h, interviews=(iv,))
    draft = render_draft(action(h, ActionKind.THANK_YOU), h, PROFILE, templates)
    assert draft.body == ""
    assert not draft.complete
    assert len(draft.missing) == 1
    assert "Dana Chen" in draft.missing[0]
    assert 'followup interview set 1 --note "1=TOPIC"' in draft.missing[0]


def test_missing_email_keeps_the_body_and_names_the_command(templates: DraftTemplates) -> None:
    h = scenario_a()
    h = replace(h, people=(replace(h.people[0], email=None),))
    draft = render_draft(action(h, ActionKind.THANK_YOU), h, PROFILE, templates)
    assert draft.body
    assert draft.to is not None and draft.to.address is None
    assert draft.missing == (
        "an email address for Dana Chen: run `followup person set 1 --email ADDRESS`",
    )


def test_bounced_email_is_missing(templates: DraftTemplates) -> None:
    h = scenario_a()
    h = replace(h, people=(replace(h.people[0], email_bounced=True),))
    draft = render_draft(action(h, ActionKind.STATUS_CHECK), h, PROFILE, templates)
    assert "dana@acme.com bounced" in draft.missing[0]


def test_missing_phone_for_a_call(templates: DraftTemplates) -> None:
    h = scenario_a()
    h = replace(h, people=(replace(h.people[0], phone=None),))
    draft = render_draft(action(h, ActionKind.CALL, Channel.PHONE), h, PROFILE, templates)
    assert draft.missing == (
        "a phone number for Dana Chen: run `followup person set 1 --phone NUMBER`",
    )


def test_voicemail_without_own_phone_is_not_written(templates: DraftTemplates) -> None:
    h = scenario_a()
    profile = replace(PROFILE, phone="")
    draft = render_draft(action(h, ActionKind.VOICEMAIL, Channel.VOICEMAIL), h, profile, templates)
    assert draft.body == ""
    assert "followup profile set --phone" in draft.missing[0]


def test_empty_profile_lists_every_option(templates: DraftTemplates) -> None:
    h = scenario_a()
    draft = render_draft(action(h, ActionKind.THANK_YOU), h, Profile(), templates)
    assert draft.body == ""
    assert "--name" in draft.missing[0]
    assert "--email" in draft.missing[0]
    assert "--qualifications" in draft.missing[0]


def test_competing_offer_needs_the_date(templates: DraftTemplates) -> None:
    h = scenario_a()
    draft = render_draft(action(h, ActionKind.COMPETING_OFFER), h, PROFILE, templates)
    assert draft.body == ""
    assert "--competing-offer-by" in draft.missing[0]


def test_wrong_history_is_refused(templates: DraftTemplates) -> None:
    with pytest.raises(DraftProblem, match="belongs to application 1"):
        render_draft(action(scenario_a(), ActionKind.THANK_YOU), scenario_b(), PROFILE, templates)


@pytest.mark.parametrize(
    ("kind", "channel", "expected"),
    [
        (ActionKind.CALL, Channel.PHONE, "call-script"),
        (ActionKind.STATUS_CHECK, Channel.PHONE, "call-script"),
        (ActionKind.VOICEMAIL, Channel.VOICEMAIL, "voicemail"),
        (ActionKind.LINKEDIN_NOTE, Channel.LINKEDIN, "linkedin-note"),
        (ActionKind.STATUS_CHECK, Channel.LINKEDIN, "linkedin-message"),
        (ActionKind.THANK_YOU, Channel.EMAIL, "thank-you"),
        (ActionKind.FIND_CONTACT, Channel.TASK, ""),
    ],
)
def test_message_kinds_for_the_linter(kind: ActionKind, channel: Channel, expected: str) -> None:
    assert message_kind_for(kind, channel) == expected


def test_user_override_wins(user_templates: Path, templates: DraftTemplates) -> None:
    (user_templates / "thank-you.email.j2").write_text(
        "Subject: Thanks, {{ person.first_name }}\n\nDear {{ person.first_name }},\n\n"
        "My own words about {{ highlight }}.\n",
        encoding="utf-8",
    )
    h = scenario_a()
    draft = render_draft(action(h, ActionKind.THANK_YOU), h, PROFILE, templates)
    assert draft.subject == "Thanks, Dana"
    assert draft.body == (
        "Dear Dana,\n\nMy own words about the migration of their batch jobs to streaming.\n"
    )
    # Other kinds still come from the built-in templates.
    other = render_draft(action(h, ActionKind.STATUS_CHECK), h, PROFILE, templates)
    assert other.subject == "Following up: Data Engineer interview on March 3"


def test_user_override_of_an_include_wins(user_templates: Path, templates: DraftTemplates) -> None:
    (user_templates / "_signature.j2").write_text("Cheers from {{ me.name }}\n", encoding="utf-8")
    h = scenario_a()
    draft = render_draft(action(h, ActionKind.STATUS_CHECK), h, PROFILE, templates)
    assert draft.body.endswith("Cheers from Sam Rivera\n")


def test_broken_override_names_file_and_line(
    user_templates: Path, templates: DraftTemplates
) -> None:
    path = user_templates / "thank-you.email.j2"
    path.write_text("Subject: x\n\nDear {{ person.first_name }},\n{% if %}\n", encoding="utf-8")
    h = scenario_a()
    with pytest.raises(DraftProblem) as info:
        render_draft(action(h, ActionKind.THANK_YOU), h, PROFILE, templates)
    message = str(info.value)
    assert f"{path}:4:" in message
    assert "\n" not in message


def test_unknown_name_in_override_is_named(user_templates: Path, templates: DraftTemplates) -> None:
    (user_templates / "status-check.email.j2").write_text("Hi {{ persn.name }}\n", encoding="utf-8")
    h = scenario_a()
    with pytest.raises(DraftProblem, match=r"status-check\.email\.j2: 'persn' is undefined"):
        render_draft(action(h, ActionKind.STATUS_CHECK), h, PROFILE, templates)


def test_override_not_utf8_is_named(user_templates: Path, templates: DraftTemplates) -> None:
    (user_templates / "status-check.email.j2").write_bytes(b"Hi \xff\xfe\n")
    h = scenario_a()
    with pytest.raises(DraftProblem, match="not UTF-8"):
        render_draft(action(h, ActionKind.STATUS_CHECK), h, PROFILE, templates)


def test_split_subject() -> None:
    assert split_subject("Subject: Hi\n\n\nBody  \n\n\nmore\n") == ("Hi", "Body\n\nmore\n")
    assert split_subject("no subject here\n") == (None, "no subject here\n")


def _with_recruiter(history: History) -> History:
    recruiter = Person(9, history.application.id, "Maria Lopez", email="maria@acme.com",
                       phone="+1 555 0122", role=PersonRole.RECRUITER)  # fmt: skip
    return replace(history, people=(*history.people, recruiter))


@pytest.mark.parametrize(
    ("kind", "channel", "expected"),
    [
        (
            ActionKind.STATUS_CHECK,
            Channel.EMAIL,
            "follow up on my interview on Tuesday, March 3, for",
        ),
        (
            ActionKind.ESTIMATE_REQUEST,
            Channel.EMAIL,
            "I am writing about my interview on Tuesday, March 3, for",
        ),
        (ActionKind.FINAL_NOTE, Channel.EMAIL, "after my interview on Tuesday, March 3"),
        (ActionKind.VOICEMAIL, Channel.VOICEMAIL, "I interviewed on March 3 for the Data Engineer"),
        (ActionKind.CALL, Channel.PHONE, "I interviewed on March 3 for the Data Engineer"),
    ],
)
def test_someone_not_at_the_interview_is_not_told_our_meeting(
    kind: ActionKind, channel: Channel, expected: str, templates: DraftTemplates
) -> None:
    history = _with_recruiter(scenario_a())
    draft = render_draft(action(history, kind, channel, person_id=9), history, PROFILE, templates)
    assert expected in draft.body
    assert "our meeting" not in draft.body
    assert error_messages(lint_draft(draft, history, PROFILE)) == []


def test_thank_you_forwarded_by_the_recruiter(templates: DraftTemplates) -> None:
    history = _with_recruiter(scenario_a())
    history = replace(history, people=(replace(history.people[0], email=None), history.people[1]))
    act = replace(action(history, ActionKind.THANK_YOU), via_person_id=9)
    draft = render_draft(act, history, PROFILE, templates)
    assert draft.to is not None and draft.to.display() == "Maria Lopez <maria@acme.com>"
    assert draft.missing == ()
    assert draft.body.startswith("Dear Maria,\n\nCould you please pass the note below on to Dana")
    assert "\n\nDear Dana,\n\n" in draft.body
    assert error_messages(lint_draft(draft, history, PROFILE)) == []


@pytest.mark.parametrize(
    ("note", "phrase"),
    [
        ("The migration of their batch jobs.", "the migration of their batch jobs"),
        ("  how they   test changes ", "how they test changes"),
        ("Kafka at scale", "Kafka at scale"),
        ("AI tooling for analysts", "AI tooling for analysts"),
    ],
)
def test_highlight_reads_as_a_phrase(note: str, phrase: str) -> None:
    assert highlight_of(note) == phrase


@pytest.mark.parametrize(
    ("content", "fragment"),
    [
        ("{% if false %}never{% endif %}\n", "the template wrote an empty draft"),
        ("Subject: Hello\n\n\n", "the template wrote an empty draft"),
        ("Dear {{ person.first_name }},\n\nThanks.\n", "must start with a 'Subject: ...' line"),
    ],
)
def test_override_that_writes_no_usable_email_is_named(
    content: str, fragment: str, user_templates: Path, templates: DraftTemplates
) -> None:
    path = user_templates / "status-check.email.j2"
    path.write_text(content, encoding="utf-8")
    h = scenario_a()
    with pytest.raises(DraftProblem) as info:
        render_draft(action(h, ActionKind.STATUS_CHECK), h, PROFILE, templates)
    assert str(info.value).startswith(f"{path}: ")
    assert fragment in str(info.value)


def test_call_script_carries_the_voicemail(templates: DraftTemplates) -> None:
    h = scenario_a()
    act = action(h, ActionKind.CALL, Channel.PHONE)
    draft = render_draft(act, h, PROFILE, templates)
    voicemail = render_draft(
        action(h, ActionKind.VOICEMAIL, Channel.VOICEMAIL), h, PROFILE, templates
    )
    assert f'"{voicemail.body.strip()}"' in draft.body
    assert f"followup done {act.id}" in draft.body
    no_phone = render_draft(act, h, replace(PROFILE, phone=""), templates)
    assert no_phone.body == ""
    assert "followup profile set --phone" in no_phone.missing[0]


def test_status_check_after_their_reply_stays_in_the_thread(templates: DraftTemplates) -> None:
    h = scenario_a()
    reply = Touch(
        id=61, app_id=1, at=h.interviews[0].start + timedelta(days=4), channel=Channel.EMAIL,
        direction=Direction.IN, kind=TouchKind.REPLY, person_id=1,
        message_id="<r1@acme.com>", summary="RE: Thank you - Data Engineer interview",
    )  # fmt: skip
    other = replace(reply, id=62, person_id=99, message_id="<other@acme.com>", summary="Other")
    h = replace(h, touches=(reply, other))
    draft = render_draft(action(h, ActionKind.STATUS_CHECK, day=12), h, PROFILE, templates)
    assert draft.subject == "RE: Thank you - Data Engineer interview"
    assert draft.in_reply_to == "<r1@acme.com>"
    assert error_messages(lint_draft(draft, h, PROFILE)) == []
    # A thank-you never goes into an old thread.
    thanks = render_draft(action(h, ActionKind.THANK_YOU), h, PROFILE, templates)
    assert thanks.in_reply_to is None


@pytest.mark.parametrize(
    ("note", "expected"),
    [
        (
            "the migration of their batch jobs to streaming",
            "experience in streaming pipelines with Kafka",
        ),
        ("how the team mentors new hires", "experience in mentoring four junior engineers"),
        ("their plan to open source the scheduler", None),  # nothing relevant: general
    ],
)
def test_thank_you_ties_the_highlight_to_the_closest_qualification(
    note: str, expected: str | None, templates: DraftTemplates
) -> None:
    h = scenario_a()
    h = replace(h, interviews=(replace(h.interviews[0], notes={1: note}),))
    profile = replace(
        PROFILE,
        qualifications="six years of Python\nmentoring four junior engineers\n"
        "streaming pipelines with Kafka",
    )
    draft = render_draft(action(h, ActionKind.THANK_YOU), h, profile, templates)
    if expected is None:
        assert GENERAL_FIT[0] in draft.body
        assert not any(q in draft.body for q in profile.qualifications.splitlines())
    else:
        assert f"I would bring {expected} to it." in draft.body
    assert error_messages(lint_draft(draft, h, profile)) == []
