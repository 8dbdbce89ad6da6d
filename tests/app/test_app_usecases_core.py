"""The core use cases over a Context, on SQLite and on PostgreSQL, with a fixed clock.

Each use case runs once here; each write is checked to store the application's schedule
(its next due time, re-planned in the same transaction); `done` and `skip` submitted twice
record once; the owner's preferences are set and shown. The CLI tests only parse and format.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from followup.app.applications import (
    ApplicationChanges,
    NewApplication,
    OutcomeInput,
    add_application,
    list_applications,
    set_outcome,
    show_application,
    update_application,
)
from followup.app.clock import FixedClock
from followup.app.context import Context
from followup.app.demo import create_demo
from followup.app.drafts import DraftRequest, draft_of, save_draft
from followup.app.errors import InputError
from followup.app.interviews import (
    InterviewChanges,
    NewInterview,
    add_interview,
    list_interviews,
    update_interview,
)
from followup.app.linting import LintRequest, lint_message
from followup.app.people import NewPerson, PersonChanges, add_person, list_people, update_person
from followup.app.planning import find_action, plan_applications, plan_record, today, today_record
from followup.app.playbooks import show_playbook
from followup.app.preferences import PreferenceChanges, set_preferences, show_preferences
from followup.app.profile import ProfileChanges, set_profile, show_profile
from followup.app.root import build_context
from followup.app.touches import (
    DoneInput,
    NewTouch,
    SkipInput,
    add_touch,
    list_touches,
    record_done,
    record_skip,
)
from followup.config import load_settings
from followup.domain.model import Channel, Direction, InterviewKind, Outcome, PersonRole, TouchKind
from followup.errors import UserError
from followup.playbook.model import PlaybookError
from followup.store.errors import NotFoundError

NY = ZoneInfo("America/New_York")
NOW = datetime(2026, 3, 4, 14, 0, tzinfo=UTC)  # Wed 4 March, 09:00 in New York
THANKS = "1-i1-thank-you-p1"


def context_at(url: str, home: Path, at: datetime = NOW) -> Context:
    settings = load_settings(
        {
            "FOLLOWUP_DATABASE_URL": url,
            "FOLLOWUP_HOME": str(home),
            "FOLLOWUP_USER_TZ": "America/New_York",
            "FOLLOWUP_USER_COUNTRY": "US",
        }
    )
    return build_context(settings, clock=FixedClock(at))


@pytest.fixture
def ctx(database_url: str, tmp_path: Path) -> Iterator[Context]:
    built = context_at(database_url, tmp_path / "home")
    yield built
    built.close()


def scheduled(ctx: Context, app_id: int) -> datetime | None:
    with ctx.uow(write=False) as uow:
        return uow.schedule.next_due(app_id)


def expected(ctx: Context, app_id: int) -> datetime | None:
    """When the plan as of now says the application next needs the user."""
    (planned,) = plan_applications(ctx, app_id)
    return min((a.earliest for a in planned.plan.actions), default=None)


def assert_schedule_stored(ctx: Context, app_id: int) -> datetime | None:
    due = scheduled(ctx, app_id)
    want = expected(ctx, app_id)
    assert due == (None if want is None else want.astimezone(UTC))
    return due


def acme(ctx: Context) -> tuple[int, int]:
    """Acme with Dana, and a video interview with her yesterday (naive: New York time)."""
    app = add_application(
        ctx, NewApplication("Acme", "Data Engineer", country="us", tz="America/New_York")
    )
    dana = add_person(ctx, NewPerson(app.id, "Dana Chen", email="Dana@Acme.example", country="us"))
    add_interview(
        ctx,
        NewInterview(
            app.id,
            datetime(2026, 3, 3, 10, 0),
            InterviewKind.VIDEO,
            end=datetime(2026, 3, 3, 11, 0),
            person_ids=[dana.id],
            notes={dana.id: "their move to streaming"},
            decision_by=date(2026, 3, 13),
        ),
    )
    return app.id, dana.id


# ---- applications, people, interviews, contacts ------------------------------------------


def test_applications_each_write_stores_the_schedule(ctx: Context) -> None:
    app = add_application(ctx, NewApplication("Acme", "Data Engineer", country="gb"))
    assert app.country == "GB" and app.created_at == NOW
    assert scheduled(ctx, app.id) is None  # nothing planned before an interview
    app_id, _ = app.id, add_person(ctx, NewPerson(app.id, "Dana Chen", email="d@acme.example"))
    add_interview(
        ctx, NewInterview(app_id, datetime(2026, 3, 3, 10, tzinfo=NY), InterviewKind.PHONE)
    )
    first = assert_schedule_stored(ctx, app_id)
    assert first is not None
    changed = update_application(ctx, ApplicationChanges(app_id, {"tz": "Europe/London"}))
    assert changed.tz == "Europe/London"
    assert_schedule_stored(ctx, app_id)
    rejected = set_outcome(ctx, OutcomeInput(app_id, Outcome.REJECTED))
    assert rejected.outcome is Outcome.REJECTED and rejected.outcome_at == NOW
    assert assert_schedule_stored(ctx, app_id) != first
    reopened = set_outcome(ctx, OutcomeInput(app_id, None))
    assert reopened.outcome is None
    assert assert_schedule_stored(ctx, app_id) == first
    assert [p.history.application.id for p in list_applications(ctx)] == [app_id]
    shown = show_application(ctx, app_id)
    assert shown["stage"] and shown["actions"] and shown["people"][0]["name"] == "Dana Chen"
    with pytest.raises(NotFoundError) as caught:
        show_application(ctx, 99)
    assert (caught.value.code, caught.value.params) == ("application.not-found", {"app_id": 99})


def test_people_and_interviews(ctx: Context) -> None:
    app_id, dana_id = acme(ctx)
    (dana,) = list_people(ctx, app_id)
    assert (dana.id, dana.email, dana.country) == (dana_id, "dana@acme.example", "US")
    assert_schedule_stored(ctx, app_id)
    lee = add_person(ctx, NewPerson(app_id, "Lee Park", role=PersonRole.RECRUITER))
    changed = update_person(ctx, PersonChanges(lee.id, {"email": "Lee@Acme.example"}))
    assert changed.email == "lee@acme.example"
    assert_schedule_stored(ctx, app_id)
    (interview,) = [i for _, i in list_interviews(ctx, app_id)]
    assert interview.start == datetime(2026, 3, 3, 10, tzinfo=NY)  # the application's zone
    moved = update_interview(
        ctx,
        InterviewChanges(interview.id, {"start": datetime(2026, 3, 3, 9), "person_ids": [dana_id]}),
    )
    assert moved.start == datetime(2026, 3, 3, 9, tzinfo=NY)
    assert_schedule_stored(ctx, app_id)
    with pytest.raises(InputError) as caught:
        add_person(ctx, NewPerson(app_id, "X", country="Narnia"))
    assert caught.value.code == "country.unknown"
    with pytest.raises(NotFoundError) as missing:
        list_people(ctx, 42)
    assert missing.value.code == "application.not-found"


def test_touches(ctx: Context) -> None:
    app_id, dana_id = acme(ctx)
    reply = add_touch(
        ctx,
        NewTouch(
            app_id,
            at=datetime(2026, 3, 4, 8, 30),
            channel=Channel.EMAIL,
            direction=Direction.IN,
            kind=TouchKind.REPLY,
            person_id=dana_id,
            decision_by=date(2026, 3, 20),
            summary="next week",
        ),
    )
    assert reply.at == datetime(2026, 3, 4, 8, 30, tzinfo=NY)
    assert_schedule_stored(ctx, app_id)
    assert [t.id for _, t in list_touches(ctx)] == [reply.id]
    for direction, kind, code in (
        (Direction.OUT, TouchKind.REJECTION, "touch.inbound-kind"),
        (Direction.IN, TouchKind.THANK_YOU, "touch.outbound-kind"),
    ):
        with pytest.raises(InputError) as caught:
            add_touch(ctx, NewTouch(app_id, NOW, Channel.EMAIL, direction, kind=kind))
        assert caught.value.code == code


# ---- done and skip: once, however often submitted ----------------------------------------


def test_done_twice_records_one_touch(ctx: Context) -> None:
    app_id, dana_id = acme(ctx)
    before = assert_schedule_stored(ctx, app_id)
    first = record_done(ctx, DoneInput(THANKS, at=datetime(2026, 3, 3, 15, 0)))
    assert first.touch is not None and not first.already
    assert first.action is not None and first.action.person_id == dana_id
    assert first.touch.kind is TouchKind.THANK_YOU and first.touch.action_id == THANKS
    after = assert_schedule_stored(ctx, app_id)
    assert after != before  # the thank-you is no longer what comes next
    second = record_done(ctx, DoneInput(THANKS))
    assert second.already and second.action is None
    assert second.touch == first.touch
    (history,) = [p.history for p in plan_applications(ctx, app_id)]
    assert len(history.touches) == 1
    assert scheduled(ctx, app_id) == after


def test_done_of_a_task_twice_closes_it_once(ctx: Context) -> None:
    app = add_application(ctx, NewApplication("Acme", "SRE", tz="America/New_York"))
    nobody = add_person(ctx, NewPerson(app.id, "No Address"))
    add_interview(
        ctx,
        NewInterview(
            app.id,
            datetime(2026, 3, 3, 10),
            InterviewKind.PHONE,
            end=datetime(2026, 3, 3, 11),
            person_ids=[nobody.id],
        ),
    )
    (planned,) = plan_applications(ctx, app.id)
    task = next(a for a in planned.plan.actions if a.channel is Channel.TASK)
    first = record_done(ctx, DoneInput(task.id))
    second = record_done(ctx, DoneInput(task.id))
    assert first.skip is not None and first.touch is None
    assert second.already and second.skip == first.skip
    (history,) = [p.history for p in plan_applications(ctx, app.id)]
    assert (len(history.skips), len(history.touches)) == (1, 0)


def test_skip_twice_returns_the_first_skip(ctx: Context) -> None:
    app_id, _ = acme(ctx)
    first = record_skip(ctx, SkipInput(THANKS, "thanked her in person"))
    assert (first.action_id, first.reason, first.at) == (THANKS, "thanked her in person", NOW)
    assert_schedule_stored(ctx, app_id)
    again = record_skip(ctx, SkipInput(THANKS, "again", at=datetime(2026, 3, 4, 8)))
    assert again == first
    done = record_done(ctx, DoneInput(THANKS))
    assert done.already and done.skip == first and done.touch is None
    (history,) = [p.history for p in plan_applications(ctx, app_id)]
    assert (len(history.skips), len(history.touches)) == (1, 0)


@pytest.mark.parametrize(
    ("action_id", "at", "code"),
    [
        ("nonsense", None, "action.unknown"),
        ("7-i1-thank-you-p1", None, "action.unknown"),
        ("1-i9-thank-you-p1", None, "action.not-planned"),
        (THANKS, datetime(2026, 3, 5, 10), "action.in-future"),
    ],
)
def test_done_refusals_have_codes(
    ctx: Context, action_id: str, at: datetime | None, code: str
) -> None:
    acme(ctx)
    with pytest.raises(InputError) as caught:
        record_done(ctx, DoneInput(action_id, at=at))
    assert caught.value.code == code
    with pytest.raises(InputError) as empty:
        record_skip(ctx, SkipInput(THANKS, "  "))
    assert empty.value.code == "skip.no-reason"


# ---- planning and today --------------------------------------------------------------------


def test_plan_and_today(ctx: Context) -> None:
    app_id, _ = acme(ctx)
    history, action, plan = find_action(ctx, THANKS)
    assert (history.application.id, action.id) == (app_id, THANKS)
    assert action in plan.actions
    planned = plan_applications(ctx)
    records = plan_record(planned, ctx.playbook)
    assert records[0].keys() >= {"id", "app_id", "kind", "due", "status", "explanation"}
    view = today(ctx)
    assert view.as_of == NOW and view.held == ()
    assert [a.id for g in view.groups for a in g.actions] == [THANKS]
    assert view.next is None
    data = today_record(view)
    assert set(data) == {"as_of", "held_messages", "applications", "missed"}
    assert data["applications"][0]["actions"][0]["id"] == THANKS
    record_done(ctx, DoneInput(THANKS))
    quiet = today(ctx)
    assert quiet.groups == () and quiet.next is not None
    assert quiet.next.action.earliest > NOW


# ---- the owner's preferences, profile, drafts, playbook, linter, demo ---------------------


def test_preferences_set_and_show(ctx: Context) -> None:
    # No zone of its own: its times, and its status check's morning, are the owner's.
    app_id = add_application(ctx, NewApplication("Globex", "SRE")).id
    kim = add_person(ctx, NewPerson(app_id, "Kim Lee", email="kim@globex.example"))
    add_interview(
        ctx,
        NewInterview(
            app_id,
            datetime(2026, 3, 2, 10),
            InterviewKind.VIDEO,
            end=datetime(2026, 3, 2, 11),
            person_ids=[kim.id],
        ),
    )
    (thanks,) = [
        a.id
        for p in plan_applications(ctx, app_id)
        for a in p.plan.actions
        if a.kind == "thank-you"
    ]
    record_done(ctx, DoneInput(thanks, at=datetime(2026, 3, 2, 15)))
    shown = show_preferences(ctx)
    assert (shown.user_tz, shown.user_country, shown.playbook) == ("America/New_York", "US", "seed")
    assert shown.sources["user_tz"] != "owner"
    before = assert_schedule_stored(ctx, app_id)
    assert before is not None
    changed = set_preferences(
        ctx,
        PreferenceChanges(
            user_tz="Europe/Berlin",
            user_country="de",
            playbook="prompt",
            overrides={"timing.weekly_cap_days": 5},
        ),
    )
    assert (changed.user_tz, changed.user_country, changed.playbook) == (
        "Europe/Berlin",
        "DE",
        "prompt",
    )
    assert changed.playbook_overrides == {"timing.weekly_cap_days": 5}
    assert {changed.sources[n] for n in ("user_tz", "user_country", "playbook")} == {"owner"}
    assert ctx.now().utcoffset() == timedelta(hours=1)  # the owner's zone now
    assert show_playbook(ctx).name == "prompt"
    assert assert_schedule_stored(ctx, app_id) != before  # re-planned by the new playbook
    removed = set_preferences(ctx, PreferenceChanges(overrides={"timing.weekly_cap_days": None}))
    assert removed.playbook_overrides == {} and removed.playbook == "prompt"
    # A fresh context of the same owner sees them (they are kept with the owner's data).
    again = context_at(ctx.settings.database_url, Path(ctx.settings.home))
    assert show_preferences(again).user_tz == "Europe/Berlin"
    again.close()


@pytest.mark.parametrize(
    ("changes", "code"),
    [
        (PreferenceChanges(user_tz="Mars/Olympus"), "zone.unknown"),
        (PreferenceChanges(user_country="XX"), "country.unknown"),
        (PreferenceChanges(), "prefs.nothing-to-set"),
        (PreferenceChanges(playbook=" "), "prefs.playbook-empty"),
    ],
)
def test_bad_preferences_are_refused(ctx: Context, changes: PreferenceChanges, code: str) -> None:
    with pytest.raises(UserError) as caught:
        set_preferences(ctx, changes)
    assert caught.value.code == code
    assert show_preferences(ctx).sources["user_tz"] != "owner"


def test_a_playbook_that_does_not_load_is_refused(ctx: Context) -> None:
    for changes in (
        PreferenceChanges(playbook="no-such-playbook"),
        PreferenceChanges(overrides={"timing.weekly_cap_dayz": 5}),
    ):
        with pytest.raises(PlaybookError):
            set_preferences(ctx, changes)
    assert show_preferences(ctx).playbook == "seed"


def test_profile_and_drafts(ctx: Context) -> None:
    acme(ctx)
    assert show_profile(ctx).profile is None
    with pytest.raises(UserError) as missing:
        draft_of(ctx, DraftRequest(THANKS))
    assert missing.value.code == "profile.missing"
    with pytest.raises(UserError) as nothing:
        set_profile(ctx, ProfileChanges({}))
    assert nothing.value.code == "profile.nothing-to-set"
    with pytest.raises(UserError) as bad:
        set_profile(ctx, ProfileChanges({"email": "not an address"}))
    assert bad.value.code == "profile.email"
    view = set_profile(
        ctx,
        ProfileChanges(
            {
                "name": "Sam Rivera",
                "email": "sam@example.org",
                "phone": "+1 555 0100",
                "qualifications": "six years of data pipelines; led a team",
            },
            ai_drafting=False,
        ),
    )
    assert view.complete and view.profile is not None
    assert view.profile.qualifications == "six years of data pipelines\nled a team"
    draft = draft_of(ctx, DraftRequest(THANKS))
    assert draft.draft.source == "template" and "your move to streaming" in draft.draft.body
    with pytest.raises(UserError) as no_reset:
        draft_of(ctx, DraftRequest(THANKS, reset=True))
    assert no_reset.value.code == "draft.nothing-to-reset"
    edited = "Subject: Thanks\n\n" + draft.draft.body.replace("Dear", "Hello", 1)
    saved = save_draft(ctx, draft, edited.encode(), "the edited draft")
    assert saved.draft.source == "edited"
    assert draft_of(ctx, DraftRequest(THANKS)).draft.body == saved.draft.body
    assert draft_of(ctx, DraftRequest(THANKS, reset=True)).draft.source == "template"


def test_lint_a_message_against_an_application(ctx: Context) -> None:
    app_id, dana_id = acme(ctx)
    text = "Dear Dana,\n\nThank you for the interview about the Data Engineer role.\n\nSam\n"
    result = lint_message(ctx, LintRequest(text, "thank-you", app_id, dana_id))
    assert result.findings is not None
    for request, code in (
        (LintRequest(text, "memo"), "lint.unknown-kind"),
        (LintRequest(text, "thank-you", person_id=dana_id), "lint.person-needs-app"),
        (LintRequest(text, "thank-you", app_id, 99), "lint.person-not-at-application"),
    ):
        with pytest.raises(UserError) as caught:
            lint_message(ctx, request)
        assert caught.value.code == code


def test_the_demo_is_dated_by_the_contexts_clock(database_url: str, tmp_path: Path) -> None:
    monday = datetime(2026, 6, 1, 12, 0, tzinfo=UTC)
    ctx = context_at(database_url, tmp_path / "home", monday)
    create_demo(ctx)
    apps = [p.history.application for p in list_applications(ctx)]
    assert len(apps) == 7 and {a.created_at for a in apps} == {monday}
    for app in apps:
        assert_schedule_stored(ctx, app.id)
    assert show_profile(ctx).complete
    ctx.close()
