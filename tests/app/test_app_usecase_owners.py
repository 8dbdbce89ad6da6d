"""Owner isolation at the level of the use cases, generated from the code: every public
function of followup.app whose first parameter is `ctx` is run with owner B's context and
owner A's ids, public ids, action ids, outbox and review numbers and account names. B finds
nothing of A's (empty, None, or a refusal), every write naming A's rows is refused with a
`UserError`, B's own writes never link to A's rows, and nothing A owns changes (every row
of A's, and what A's own use cases show, is the same before and after).

The twin of test_app_owners.py (which probes every repository method): a use case added
without a probe (or an explicit, commented EXEMPT entry) fails `test_every_use_case_...`,
and `test_each_probe_notices_a_broken_scope` breaks the owner scope on purpose and checks
that each probe notices, so none passes vacuously.

Mail use cases stop before the network: they are called as far as the check of whose the
account, outbox message or review item is (A's account name, A's numbers), which comes
before any connection.
"""

from __future__ import annotations

import csv
import importlib
import inspect
import io
import json
import os
import pkgutil
import threading
from collections.abc import Callable, Iterator
from dataclasses import dataclass, replace
from datetime import datetime, timedelta
from functools import partial
from pathlib import Path
from typing import Any

import pytest
from alerts_usecase_probes import alerts_probes
from builder import (
    ACCOUNT,
    DANA_EMAIL,
    FIXED_NOW,
    ICAL_UID,
    LEE_EMAIL,
    TOUCH_MESSAGE_ID,
    Search,
    ask_about_a_reply,
)
from usecase_probes import (
    A_ONLY_ACCOUNT,
    A_PREFS,
    A_TEMPLATE,
    A_TEMPLATE_NAME,
    ACCEPTED,
    B_ADDRESS,
    B_NAME,
    MUTATIONS,
    World,
    WorldTemplates,
    folder_of,
    forgetful,
    open_world,
    refused,
    remove,
    snapshot,
)

import followup.app
from followup.app import touches
from followup.app.applications import (
    ApplicationChanges,
    NewApplication,
    OutcomeInput,
    add_application,
    app_zone,
    list_applications,
    set_outcome,
    show_application,
    typed_time,
    update_application,
)
from followup.app.calendar_feed import (
    calendar_feed,
    calendar_generation,
    feed_entries,
    rotate_calendar,
)
from followup.app.changes import (
    Deletion,
    Merge,
    delete_record,
    merge_people,
    undo_last,
)
from followup.app.csv_export import export_csv
from followup.app.csv_import import ImportRequest, import_csv
from followup.app.demo import create_demo
from followup.app.drafts import DraftRequest, draft_of, save_draft
from followup.app.interviews import (
    InterviewChanges,
    NewInterview,
    add_interview,
    list_interviews,
    update_interview,
)
from followup.app.linting import LintRequest, lint_message
from followup.app.mail import accounts as mail_accounts
from followup.app.mail.access import (
    access_of,
    account_of,
    handler_of,
    has_account,
    outbox_of,
    record_sent,
    replan_changed,
    syncer_of,
)
from followup.app.mail.accounts import (
    NewAccount,
    account_view,
    add_account,
    needs_password_place,
    show_account,
    wants_password,
)
from followup.app.mail.files import (
    HandedFile,
    InvitationFile,
    MessageFile,
    file_message,
    hand_in,
    import_invitation,
    my_addresses,
)
from followup.app.mail.sending import (
    Confirmation,
    OutboxMessage,
    SendRequest,
    cancel_message,
    confirm_message,
    list_outbox,
    message_of_action,
    queue_action,
    retry_message,
    run_outbox,
    send_action,
)
from followup.app.mail.syncing import (
    ReviewAnswer,
    SyncRequest,
    quarantined,
    reviews,
    settle_review,
    sync_once,
    watch_mail,
)
from followup.app.people import NewPerson, PersonChanges, add_person, list_people, update_person
from followup.app.planning import (
    find_action,
    held_messages,
    plan_applications,
    plan_histories,
    plan_history,
    today,
)
from followup.app.playbooks import show_playbook
from followup.app.preferences import (
    PreferenceChanges,
    set_preferences,
    show_preferences,
    stored_settings,
)
from followup.app.prefs import preferences_from
from followup.app.profile import ProfileChanges, set_profile, show_profile
from followup.app.reminders import (
    QuestionInput,
    ReminderSetup,
    reminder_settings,
    remove_target,
    save_question,
    set_reminders,
)
from followup.app.sample import generate_search
from followup.app.schedule import plan_defaults, plan_of, replan
from followup.app.stats import search_stats
from followup.app.templates import (
    TemplateText,
    list_templates,
    reset_template,
    set_template,
    show_template,
)
from followup.app.transfer import backup, backup_bytes
from followup.app.vcards import VcardImport, export_vcards, import_vcards
from followup.domain.model import (
    Application,
    Channel,
    Direction,
    History,
    InterviewKind,
    Outcome,
)
from followup.mail.outbox.row import OutboxRow
from followup.mail.sync.model import Envelope
from followup.planner import PlanDefaults
from followup.playbook import load_playbook

# The store's NotFoundError for an id B doesn't own, by what it names.
NO_APP, NO_PERSON, NO_INTERVIEW = "application.not-found", "person.not-found", "interview.not-found"
NO_ACTION = "action.unknown"  # an action id whose application B doesn't own
NO_ACCOUNT = "account.not-found"
NO_OUTBOX = "outbox.not-found"
NO_REVIEW = "review.not-found"
START = datetime(2026, 3, 20, 10, 0)  # naive: in the application's zone
B_ONLY = "<b-only@else.example>"  # a review item that only B has


# ---- helpers of the probes ----------------------------------------------------------------


def ids(values: Any) -> list[int]:
    return [int(v.id) for v in values]


def app_ids(planned: Any) -> list[int]:
    return [p.history.application.id for p in planned]


def own(world: World, value: Callable[[Search], Any], otherwise: Any = None) -> Any:
    """`value(b)` when B has its twin search, else `otherwise`."""
    return otherwise if world.b is None else value(world.b)


def own_ids(world: World, value: Callable[[Search], int]) -> list[int]:
    return [] if world.b is None else [value(world.b)]


def own_app(world: World) -> int:
    """A new application of B's (in both variants), through B's own use case."""
    return add_application(world.ctx_b, NewApplication("Initech", "Platform Engineer")).id


def own_interview(world: World) -> int:
    app_id = own_app(world)
    robin = add_person(world.ctx_b, NewPerson(app_id, "Robin Ng", email="robin@initech.example"))
    return add_interview(
        world.ctx_b, NewInterview(app_id, START, InterviewKind.VIDEO, person_ids=[robin.id])
    ).id


def a_app(world: World) -> Application:
    with world.owners.store_a.uow(write=False) as uow:
        return uow.applications.get(world.a.app_id)


def a_history(world: World) -> History:
    """A's history as A's store has it, with no zone or country of its own: planned by the
    owner's preferences (whose must be B's when B plans it)."""
    with world.owners.store_a.uow(write=False) as uow:
        history = uow.histories.get(world.a.app_id)
    app = replace(history.application, tz=None, country=None)
    people = tuple(replace(p, tz=None, country=None) for p in history.people)
    return replace(history, application=app, people=people)


def default_prefs(world: World) -> Any:
    """The deployment's preferences: what B, who chose none, plans by."""
    return preferences_from({}, world.ctx_b.settings)


def a_prefs(world: World) -> Any:
    return preferences_from(A_PREFS, world.ctx_b.settings)


def planned_by_b(world: World, plan: Callable[[Any], Any]) -> tuple[bool, bool]:
    """(B's context plans as the deployment's preferences do, A's preferences would plan
    otherwise): (True, True), or the probe could not tell A's preferences from B's."""
    ctx = world.ctx_b
    mine = plan(ctx)
    return mine == plan(ctx.with_prefs(default_prefs(world))), mine != plan(
        ctx.with_prefs(a_prefs(world))
    )


def b_access(world: World) -> Any:
    return access_of(world.ctx_b, ACCOUNT)


def a_outbox_row(world: World) -> OutboxRow:
    with world.owners.store_a.uow(write=False) as uow:
        found = uow.outbox.get(world.a.outbox_id)
    assert found is not None
    return OutboxRow.from_mapping(found)


def b_review(world: World) -> int:
    """A review item of B's own (the twin's, or a new one)."""
    if world.b is not None:
        return world.b.review_id
    with world.owners.store_b.uow() as uow:
        ask_about_a_reply(
            uow.sync_state, B_ONLY, 7, "which application?", [], sender="jobs@else.example"
        )
        found = uow.sync_state.reviews(ACCOUNT)
    return next(i.id for i in found if i.message_id == B_ONLY)


def lee_reply() -> tuple[Envelope, bytes]:
    """A reply from A's recruiter (the twin's too: the same address) to A's thank-you."""
    headers = (
        f"From: Lee Park <{LEE_EMAIL}>\r\nTo: {B_ADDRESS}\r\n"
        f"Message-ID: <lee-reply@acme.example>\r\nIn-Reply-To: {TOUCH_MESSAGE_ID}\r\n"
        "Subject: Re: Thank you\r\nDate: Tue, 10 Mar 2026 08:00:00 +0000\r\n"
    ).encode()
    raw = headers + b"\r\nThanks! We will decide by March 20.\r\n"
    envelope = Envelope("INBOX", "inbox", 99, headers, "<lee-reply@acme.example>", frozenset())
    return envelope, raw


def invitation(uid: str, sequence: int) -> bytes:
    """An .ics invitation from A's people (the twin's too), to B."""
    return (
        "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//test//EN\r\nMETHOD:REQUEST\r\n"
        "BEGIN:VEVENT\r\n"
        f"UID:{uid}\r\nSEQUENCE:{sequence}\r\nDTSTAMP:20260309T120000Z\r\n"
        "DTSTART:20260317T150000Z\r\nDTEND:20260317T160000Z\r\n"
        "SUMMARY:Acme final round\r\n"
        f"ORGANIZER;CN=Dana Chen:mailto:{DANA_EMAIL}\r\n"
        f"ATTENDEE;CN=Lee Park:mailto:{LEE_EMAIL}\r\n"
        f"ATTENDEE;CN=B:mailto:{B_ADDRESS}\r\n"
        "END:VEVENT\r\nEND:VCALENDAR\r\n"
    ).encode()


def new_account(name: str) -> NewAccount:
    return NewAccount(
        address="b2@b.example",
        imap_host="127.0.0.1",
        smtp_host="127.0.0.1",
        name=name,
        imap_port=1,
        imap_security="none",
        smtp_port=1,
        smtp_security="none",
        test=False,
    )


@dataclass(frozen=True)
class Probe:
    """How to call a use case as B with A's ids (`call`), and what B must get (`expect`)."""

    call: Callable[[World], object]
    expect: Callable[[World], object]


@dataclass(frozen=True)
class Exempt:
    """No probe: why not, and where its isolation is shown instead."""

    reason: str


def nothing(value: object) -> Callable[[World], object]:
    return lambda _w: value


# ---- the probes: one per use case ---------------------------------------------------------


def _add_application(w: World) -> object:
    new = add_application(w.ctx_b, NewApplication("Acme", "Data Engineer", country="US"))
    return new.id != w.a.app_id, app_ids(list_applications(w.ctx_b)) == [
        *own_ids(w, lambda b: b.app_id),
        new.id,
    ]


def _add_interview(w: World) -> object:
    mine = own_app(w)
    return (
        refused(
            lambda: add_interview(w.ctx_b, NewInterview(w.a.app_id, START, InterviewKind.PHONE))
        ),
        refused(
            lambda: add_interview(
                w.ctx_b, NewInterview(mine, START, InterviewKind.PANEL, person_ids=[w.a.dana_id])
            )
        ),
        refused(
            lambda: add_interview(
                w.ctx_b, NewInterview(mine, START, InterviewKind.PHONE, notes={w.a.lee_id: "x"})
            )
        ),
    )


def _update_interview(w: World) -> object:
    mine = own_interview(w)
    return (
        refused(
            lambda: update_interview(
                w.ctx_b, InterviewChanges(w.a.interview_id, {"cancelled": True})
            )
        ),
        refused(
            lambda: update_interview(w.ctx_b, InterviewChanges(mine, {"person_ids": [w.a.dana_id]}))
        ),
    )


def _add_touch(w: World) -> object:
    mine = own_app(w)
    at = FIXED_NOW - timedelta(hours=1)
    return (
        refused(
            lambda: touches.add_touch(
                w.ctx_b, touches.NewTouch(w.a.app_id, at, Channel.EMAIL, Direction.OUT)
            )
        ),
        refused(
            lambda: touches.add_touch(
                w.ctx_b,
                touches.NewTouch(mine, at, Channel.PHONE, Direction.IN, person_id=w.a.dana_id),
            )
        ),
    )


def _record_done(w: World) -> object:
    return [
        refused(partial(touches.record_done, w.ctx_b, touches.DoneInput(a))) for a in w.a_actions
    ]


def _record_skip(w: World) -> object:
    return [
        refused(partial(touches.record_skip, w.ctx_b, touches.SkipInput(a, "by phone")))
        for a in w.a_actions
    ]


def _draft_of(w: World) -> object:
    first = w.a_actions[0]
    return (
        [refused(partial(draft_of, w.ctx_b, DraftRequest(a))) for a in w.a_actions],
        refused(lambda: draft_of(w.ctx_b, DraftRequest(first, reset=True))),
    )


def _save_draft(w: World) -> object:
    """The view is A's (A's own use case made it): saving it as B keeps the text among B's
    settings only. B can't get A's view: draft_of refuses A's action (probe above)."""
    from followup.app.profile import UowSettings
    from followup.drafts.profile import load_saved_text

    view = draft_of(w.ctx_a, DraftRequest(w.a_actions[0]))
    saved = save_draft(w.ctx_b, view, b"Subject: Hi\n\nB's words.", "the edited draft")
    with w.owners.store_b.uow(write=False) as uow:
        kept = load_saved_text(UowSettings(uow), w.a_actions[0])
    return saved.draft.body.strip(), kept is not None and "B's words." in kept


def _lint_message(w: World) -> object:
    text = "Hi Dana, thank you for the panel today.\n\nBest,\nBea"
    mine = own_app(w)
    return (
        refused(lambda: lint_message(w.ctx_b, LintRequest(text, "thank-you", app_id=w.a.app_id))),
        refused(
            lambda: lint_message(
                w.ctx_b, LintRequest(text, "thank-you", app_id=mine, person_id=w.a.dana_id)
            )
        ),
    )


def _handler_of(w: World) -> object:
    handler = handler_of(w.ctx_b, b_access(w).account)
    envelope, raw = lee_reply()
    outcome = handler.handle(envelope, raw, FIXED_NOW)
    return outcome, sorted(handler.changed_apps)


def _syncer_of(w: World) -> object:
    syncer, handler = syncer_of(w.ctx_b, b_access(w))
    envelope, raw = lee_reply()
    outcome = handler.handle(envelope, raw, FIXED_NOW)
    return syncer.db.owner_id, syncer.account.address, outcome, sorted(handler.changed_apps)


def _outbox_of(w: World) -> object:
    outbox = outbox_of(w.ctx_b, b_access(w))
    return (
        refused(lambda: outbox.get(w.a.outbox_id)),
        refused(lambda: outbox.cancel(w.a.outbox_id, FIXED_NOW)),
        refused(lambda: outbox.confirm(w.held_id, FIXED_NOW, was_sent=True)),
        ids(outbox.rows()),
    )


def _record_sent(w: World) -> object:
    row = a_outbox_row(w)

    def record() -> None:
        with w.ctx_b.uow() as uow:
            record_sent(w.ctx_b, uow, replace(row, sent_at=FIXED_NOW))

    return refused(record)


def _replan_changed(w: World) -> object:
    handler = handler_of(w.ctx_b, b_access(w).account)
    handler.changed_apps.add(w.a.app_id)
    return refused(lambda: replan_changed(w.ctx_b, handler))


def _replan(w: World) -> object:
    def again() -> None:
        with w.ctx_b.uow() as uow:
            replan(w.ctx_b, uow, w.a.app_id)

    return refused(again)


def _add_account(w: World) -> object:
    """ "a_private" reads the variables A's "a-private" does: B is not refused for a name
    clash with an account of A's (it would tell B A's account name)."""
    added = add_account(w.ctx_b, new_account("a_private"))
    with w.owners.store_b.uow(write=False) as uow:
        names = sorted(k for k in uow.settings.all() if k.startswith("mail.account."))
    return added.account["address"], names


def _import_invitation(w: World) -> object:
    """An update of A's interview (A's UID, a later SEQUENCE) from A's people: without an
    application it never reaches A's interview (nor A's application); refused for A's
    application; for B's own, it goes to B's."""
    alone = refused(lambda: import_invitation(w.ctx_b, InvitationFile(invitation(ICAL_UID, 5))))
    mine = own_app(w)
    results = import_invitation(w.ctx_b, InvitationFile(invitation("new@acme.example", 0), mine))
    return (
        alone,
        refused(
            lambda: import_invitation(
                w.ctx_b, InvitationFile(invitation("new@acme.example", 0), app_id=w.a.app_id)
            )
        ),
        [r.app_id == mine for r in results],
    )


def _file_message(w: World) -> object:
    """A reply from A's recruiter handed in by B: refused for A's application; filed under
    B's own when B names it."""
    _, raw = lee_reply()
    mine = own_app(w)
    return (
        refused(lambda: file_message(w.ctx_b, MessageFile(raw), w.a.app_id)),
        file_message(w.ctx_b, MessageFile(raw), mine).app_id == mine,
    )


def _invitation_expected(w: World) -> object:
    # Without an application: B's twin has the UID (its interview moves: accepted); an
    # empty B knows none of A's people.
    return (own(w, lambda b: ACCEPTED, "invite.unclear-application"), NO_APP, [True])


def _run_outbox(w: World) -> object:
    """A's account: refused. B's own "work" in b-empty only: with nothing of B's due it
    contacts no server (the twin's due message would be sent to port 1)."""
    rows = run_outbox(w.ctx_b, ACCOUNT) if w.b is None else None
    return refused(lambda: run_outbox(w.ctx_b, A_ONLY_ACCOUNT)), rows


def _settle_review(w: World) -> object:
    mine = b_review(w)
    app = own_app(w)
    return (
        refused(lambda: settle_review(w.ctx_b, ReviewAnswer(w.a.review_id, None, ACCOUNT))),
        refused(lambda: settle_review(w.ctx_b, ReviewAnswer(w.a.review_id, app, ACCOUNT))),
        refused(lambda: settle_review(w.ctx_b, ReviewAnswer(mine, w.a.app_id, ACCOUNT))),
    )


def _watch_mail(w: World) -> object:
    stop = threading.Event()
    stop.set()
    return refused(lambda: watch_mail(w.ctx_b, SyncRequest(A_ONLY_ACCOUNT), stop))


def _set_preferences(w: World) -> object:
    prefs = set_preferences(w.ctx_b, PreferenceChanges(user_tz="Europe/Paris"))
    defaults = default_prefs(w)
    return (
        prefs.user_tz,
        (prefs.user_country, prefs.playbook, dict(prefs.playbook_overrides)),
    ) == ("Europe/Paris", (defaults.user_country, defaults.playbook, {}))


def _show_preferences(w: World) -> object:
    prefs = show_preferences(w.ctx_b)
    return replace(prefs, sources={}) == replace(default_prefs(w), sources={}), sorted(
        set(prefs.sources.values())
    ).count("owner")


def _stored_settings(w: World) -> object:
    found, problem = stored_settings(w.ctx_b, ("pref.", "profile.", "mail."))
    return (
        problem,
        sorted(k for k in found if k.startswith(("pref.", "mail."))),
        found.get("profile.name"),
    )


def _set_profile(w: World) -> object:
    view = set_profile(w.ctx_b, ProfileChanges(values={"phone": "+1 555 0142"}))
    assert view.profile is not None
    return view.profile.name, view.profile.email, view.complete


def _profile_of(view: Any) -> object:
    return None if view.profile is None else (view.profile.name, view.profile.email)


def _show_playbook(w: World) -> object:
    deployment = load_playbook(w.ctx_b.settings.playbook)
    return show_playbook(w.ctx_b) == deployment, show_playbook(w.ctx_b, "seed") == deployment


def _today(w: World) -> object:
    view = today(w.ctx_b)
    return (
        sorted(p.history.application.id for p in view.planned),
        [g.history.application.id for g in view.groups],
        [h.id for h in view.held],
    )


def _import_csv(w: World) -> object:
    report = import_csv(w.ctx_b, ImportRequest(b"Company,Role\nInitech,SRE\n"))
    new = report.rows[0].app_id
    return new != w.a.app_id, new in app_ids(list_applications(w.ctx_b))


def _generate_search(w: World) -> object:
    before = set(app_ids(list_applications(w.ctx_b)))
    generate_search(w.ctx_b, 2, seed=1)
    found = set(app_ids(list_applications(w.ctx_b)))
    return len(found - before), w.a.app_id in found


def _backed_up_apps(document: dict[str, Any]) -> list[int]:
    return [row[0] for row in document["tables"]["applications"]["rows"]]


def _hour_and_targets(settings: Any) -> object:
    return settings.hour, settings.targets


VCARD = "BEGIN:VCARD\nVERSION:4.0\nFN:Mallory\nEND:VCARD\n"


def _calendar_feed(w: World) -> object:
    """B's feed: B's interviews only, each UID B's, SEQUENCE kept among B's settings."""
    from icalendar import Calendar

    uids = [str(e["UID"]) for e in Calendar.from_ical(calendar_feed(w.ctx_b)).walk("VEVENT")]
    interviews = sorted(int(u.split("-")[1]) for u in uids if u.startswith("interview-"))
    return interviews, sorted({u.rsplit("-o", 1)[1] for u in uids})


def _calendar_generation(w: World) -> object:
    """B's rotation is B's: kept among B's settings, read back from them."""
    return rotate_calendar(w.ctx_b), calendar_generation(w.ctx_b)


def _create_demo(w: World) -> object:
    create_demo(w.ctx_b)
    found = app_ids(list_applications(w.ctx_b))
    return len(found) - len(own_ids(w, lambda b: b.app_id)), w.a.app_id in found


PROBES: dict[str, Probe | Exempt] = {
    # reminders, import and export, backups, statistics
    "reminders.reminder_settings": Probe(
        lambda w: _hour_and_targets(reminder_settings(w.ctx_b)), nothing((8, {}))
    ),
    "reminders.set_reminders": Probe(
        lambda w: set_reminders(w.ctx_b, ReminderSetup(hour=9)).hour, nothing(9)
    ),
    "reminders.remove_target": Probe(
        lambda w: refused(lambda: remove_target(w.ctx_b, "a-phone")), nothing("remind.no-target")
    ),
    "reminders.add_target": Exempt(
        "keeps the URL in the OS keyring under the context's owner (notify_secrets) and the "
        "target's name with the owner's settings (uow.settings, probed in test_app_owners); "
        "there is no OS keyring here"
    ),
    "reminders.notify_secrets": Exempt(
        "names the owner's keyring entries by the context's owner id; reads no data"
    ),
    "reminders.run_reminders": Exempt(
        "reads through planning.today and reminder_settings (both probed) and the "
        "repositories uow.questions and uow.reminders (probed in test_app_owners); its "
        "sending is tested against real servers in tests/mail/test_reminders.py"
    ),
    "reminders.save_question": Probe(
        lambda w: refused(lambda: save_question(w.ctx_b, QuestionInput(w.a.interview_id, "?"))),
        nothing(NO_INTERVIEW),
    ),
    "csv_import.import_csv": Probe(_import_csv, nothing((True, True))),
    "csv_export.export_csv": Probe(
        lambda w: [int(row[0]) for row in list(csv.reader(io.StringIO(export_csv(w.ctx_b))))[1:]],
        lambda w: own_ids(w, lambda b: b.app_id),
    ),
    "vcards.export_vcards": Probe(
        lambda w: (
            refused(lambda: export_vcards(w.ctx_b, w.a.app_id)),
            export_vcards(w.ctx_b).count("BEGIN:VCARD"),
        ),
        lambda w: (NO_APP, 0 if w.b is None else 2),
    ),
    "vcards.import_vcards": Probe(
        lambda w: refused(lambda: import_vcards(w.ctx_b, VcardImport(w.a.app_id, VCARD))),
        nothing(NO_APP),
    ),
    "transfer.backup": Probe(
        lambda w: _backed_up_apps(backup(w.ctx_b)), lambda w: own_ids(w, lambda b: b.app_id)
    ),
    "transfer.backup_bytes": Probe(
        lambda w: _backed_up_apps(json.loads(backup_bytes(w.ctx_b))),
        lambda w: own_ids(w, lambda b: b.app_id),
    ),
    "transfer.restore": Exempt(
        "restores only into an owner without rows, and B always has some (its profile): "
        "restoring into an empty owner is tested in test_app_transfer.py, on both databases; "
        "it reads and writes through uow.dump (probed in test_app_owners)"
    ),
    "sample.generate_search": Probe(_generate_search, nothing((2, False))),
    "stats.search_stats": Probe(
        lambda w: sum(search_stats(w.ctx_b).by_stage.values()),
        lambda w: len(own_ids(w, lambda b: b.app_id)),
    ),
    # applications
    "applications.add_application": Probe(_add_application, nothing((True, True))),
    "applications.update_application": Probe(
        lambda w: refused(
            lambda: update_application(w.ctx_b, ApplicationChanges(w.a.app_id, {"notes": "B"}))
        ),
        nothing(NO_APP),
    ),
    "applications.app_zone": Probe(  # A's application without a zone: B's zone, not A's
        lambda w: app_zone(w.ctx_b, replace(a_app(w), tz=None)),
        lambda w: w.ctx_b.settings.user_tz,
    ),
    "applications.typed_time": Probe(  # a naive time is read on B's clock, not A's
        lambda w: str(typed_time(w.ctx_b, START).tzinfo),
        lambda w: w.ctx_b.settings.user_tz,
    ),
    "applications.set_outcome": Probe(
        lambda w: (
            refused(lambda: set_outcome(w.ctx_b, OutcomeInput(w.a.app_id, Outcome.WITHDRAWN))),
            refused(lambda: set_outcome(w.ctx_b, OutcomeInput(w.a.app_id, None, START))),
        ),
        nothing((NO_APP, NO_APP)),
    ),
    "applications.closed_by_hire": Exempt(
        "reads the owner's applications through ctx.uow() and Applications.all (probed in "
        "test_app_owners.py); A's search holds no application closed by a hire, so a probe "
        "here could not notice a broken scope"
    ),
    "applications.list_applications": Probe(
        lambda w: app_ids(list_applications(w.ctx_b)), lambda w: own_ids(w, lambda b: b.app_id)
    ),
    "applications.application_detail": Exempt(
        "formats an application its caller planned already (through ctx.uow(), scoped; "
        "probed by show_application): it reads no row itself"
    ),
    "applications.show_application": Probe(
        lambda w: refused(lambda: show_application(w.ctx_b, w.a.app_id)), nothing(NO_APP)
    ),
    # changes: B's log holds none of A's changes; B can't delete or merge A's records
    "changes.undo_last": Probe(  # B's own last change (its profile) only: A's data unchanged
        lambda w: refused(lambda: undo_last(w.ctx_b)), nothing(ACCEPTED)
    ),
    "changes.list_changes": Exempt(
        "A's search is built through the store, which logs no change, so there is none of A's"
        " to find; the log is read through the owner's Scope like every repository, and"
        " changes.undo_last's probe shows B's undo leaves A's data as they were"
    ),
    "changes.delete_record": Probe(
        lambda w: [
            refused(partial(delete_record, w.ctx_b, Deletion(what, row_id)))
            for what, row_id in (
                ("application", w.a.app_id),
                ("person", w.a.dana_id),
                ("interview", w.a.interview_id),
                ("contact", w.a.touch_id),
            )
        ],
        nothing([NO_APP, NO_PERSON, NO_INTERVIEW, "touch.not-found"]),
    ),
    "changes.merge_people": Probe(
        lambda w: refused(lambda: merge_people(w.ctx_b, Merge(w.a.dana_id, w.a.lee_id))),
        nothing(NO_PERSON),
    ),
    # calendar feed
    "calendar_feed.calendar_feed": Probe(
        _calendar_feed,
        lambda w: (
            own_ids(w, lambda b: b.interview_id),
            [] if w.b is None else [f"{w.b.owner_id}@followup"],
        ),
    ),
    "calendar_feed.calendar_generation": Probe(_calendar_generation, nothing((2, 2))),
    "calendar_feed.rotate_calendar": Probe(_calendar_generation, nothing((2, 2))),
    "calendar_feed.feed_entries": Probe(  # A's plans handed to it: the UIDs are still B's
        lambda w: sorted(
            {e.uid.rsplit("-o", 1)[1] for e in feed_entries(w.ctx_b, plan_applications(w.ctx_a))}
        ),
        lambda w: [f"{w.ctx_b.owner_id}@followup"],
    ),
    # demo: B's sample search is B's, whatever it shares with A's (Acme, Dana's address)
    "demo.create_demo": Probe(_create_demo, nothing((7, False))),
    # drafts
    "drafts.draft_of": Probe(
        _draft_of,
        lambda w: ([NO_ACTION] * len(w.a_actions), "draft.nothing-to-reset"),
    ),
    "drafts.save_draft": Probe(_save_draft, nothing(("B's words.", True))),
    "drafts.preview_draft": Exempt(
        "lints a view B already holds (draft_of refuses A's actions: probed above) and keeps"
        " nothing; it reads only the kept texts of the view's panel siblings, as save_draft"
    ),
    # interviews
    "interviews.add_interview": Probe(
        _add_interview, nothing((NO_APP, NO_PERSON, "interview.note-stranger"))
    ),
    "interviews.list_interviews": Probe(
        lambda w: (
            refused(lambda: list_interviews(w.ctx_b, w.a.app_id)),
            [i.id for _h, i in list_interviews(w.ctx_b)],
        ),
        lambda w: (NO_APP, own_ids(w, lambda b: b.interview_id)),
    ),
    "interviews.update_interview": Probe(_update_interview, nothing((NO_INTERVIEW, NO_PERSON))),
    # linting
    "linting.lint_message": Probe(
        _lint_message, nothing((NO_APP, "lint.person-not-at-application"))
    ),
    # mail.access
    "mail.access.access_of": Probe(
        lambda w: (
            refused(lambda: access_of(w.ctx_b, A_ONLY_ACCOUNT)),
            b_access(w).account.address,
        ),
        nothing((NO_ACCOUNT, B_ADDRESS)),
    ),
    "mail.access.account_of": Probe(
        lambda w: (
            refused(lambda: account_of(w.ctx_b, A_ONLY_ACCOUNT)),
            account_of(w.ctx_b, ACCOUNT).address,
        ),
        nothing((NO_ACCOUNT, B_ADDRESS)),
    ),
    "mail.access.handler_of": Probe(
        _handler_of,
        lambda w: own(w, lambda b: ("reply", [b.app_id]), ("ignored", [])),
    ),
    "mail.access.has_account": Probe(
        lambda w: (has_account(w.ctx_b, A_ONLY_ACCOUNT), has_account(w.ctx_b, ACCOUNT)),
        nothing((False, True)),
    ),
    "mail.access.outbox_of": Probe(
        _outbox_of,
        lambda w: (NO_OUTBOX, NO_OUTBOX, NO_OUTBOX, own_ids(w, lambda b: b.outbox_id)),
    ),
    "mail.access.record_sent": Probe(_record_sent, nothing(NO_APP)),
    "mail.access.replan_changed": Probe(_replan_changed, nothing(NO_APP)),
    "mail.access.syncer_of": Probe(
        _syncer_of,
        lambda w: (
            w.owners.store_b.owner_id,
            B_ADDRESS,
            *own(w, lambda b: ("reply", [b.app_id]), ("ignored", [])),
        ),
    ),
    # mail.accounts
    "mail.accounts.account_view": Probe(  # the account it is given: B's, shown as B's
        lambda w: account_view(w.ctx_b, b_access(w).account)["address"], nothing(B_ADDRESS)
    ),
    "mail.accounts.add_account": Probe(
        _add_account,
        nothing(("b2@b.example", ["mail.account.a_private", "mail.account.work"])),
    ),
    "mail.accounts.needs_password_place": Probe(  # reads no owner data: the environment's
        lambda w: needs_password_place(w.ctx_b, new_account(ACCOUNT)), nothing(False)
    ),
    "mail.accounts.run_checks": Exempt(
        "logs in to the servers of the Account it is handed (network); it reads nothing of "
        "the owner's data: the account comes from account_of (probed), the secret from the "
        "process environment or the OS keyring by account name (see test_account)"
    ),
    "mail.accounts.show_account": Probe(
        lambda w: (
            refused(lambda: show_account(w.ctx_b, A_ONLY_ACCOUNT)),
            show_account(w.ctx_b, ACCOUNT)["address"],
        ),
        nothing((NO_ACCOUNT, B_ADDRESS)),
    ),
    "mail.accounts.test_account": Probe(  # refused before any login
        lambda w: refused(lambda: mail_accounts.test_account(w.ctx_b, A_ONLY_ACCOUNT)),
        nothing(NO_ACCOUNT),
    ),
    "mail.accounts.wants_password": Probe(  # reads no owner data: the environment's variable
        lambda w: wants_password(w.ctx_b, new_account(ACCOUNT)), nothing(False)
    ),
    # mail.files
    "mail.files.import_invitation": Probe(_import_invitation, _invitation_expected),
    "mail.files.file_message": Probe(_file_message, nothing((NO_APP, True))),
    "mail.files.hand_in": Probe(  # A's recruiter's reply, handed in by B for A's application
        lambda w: refused(lambda: hand_in(w.ctx_b, HandedFile(lee_reply()[1], True, w.a.app_id))),
        nothing(NO_APP),
    ),
    "mail.files.my_addresses": Probe(lambda w: my_addresses(w.ctx_b), nothing((B_ADDRESS,))),
    "mail.files.handed_in_handler": Exempt(
        "builds the sync's handler over the owner's context and reads no row itself; "
        "probed through mail.files.file_message"
    ),
    # mail.sending: B's own account "work" and A's numbers, or A's account name
    "mail.sending.cancel_message": Probe(
        lambda w: refused(lambda: cancel_message(w.ctx_b, OutboxMessage(w.a.outbox_id, ACCOUNT))),
        nothing(NO_OUTBOX),
    ),
    "mail.sending.confirm_message": Probe(
        lambda w: [
            refused(partial(confirm_message, w.ctx_b, Confirmation(row, s, ACCOUNT)))
            for row in (w.a.outbox_id, w.held_id)
            for s in (True, False)
        ],
        nothing([NO_OUTBOX] * 4),
    ),
    "mail.sending.list_outbox": Probe(
        lambda w: (
            ids(list_outbox(w.ctx_b, ACCOUNT)),
            refused(lambda: list_outbox(w.ctx_b, A_ONLY_ACCOUNT)),
        ),
        lambda w: (own_ids(w, lambda b: b.outbox_id), NO_ACCOUNT),
    ),
    "mail.sending.message_of_action": Probe(  # never one of A's messages
        lambda w: [
            getattr(message_of_action(w.ctx_b, a, name), "id", None) in (w.a.outbox_id, w.held_id)
            for a in w.a_actions
            for name in (ACCOUNT, A_ONLY_ACCOUNT)
        ],
        lambda w: [False] * 2 * len(w.a_actions),
    ),
    "mail.sending.queue_action": Probe(
        lambda w: [
            refused(partial(queue_action, w.ctx_b, b_access(w), SendRequest(a, ACCOUNT)))
            for a in w.a_actions
        ],
        lambda w: [NO_ACTION] * len(w.a_actions),
    ),
    "mail.sending.retry_message": Probe(
        lambda w: [
            refused(partial(retry_message, w.ctx_b, OutboxMessage(row, ACCOUNT)))
            for row in (w.a.outbox_id, w.held_id)
        ],
        nothing([NO_OUTBOX] * 2),
    ),
    "mail.sending.run_outbox": Probe(
        _run_outbox, lambda w: (NO_ACCOUNT, own(w, lambda b: None, []))
    ),
    "mail.sending.send_action": Probe(
        lambda w: (
            [refused(partial(send_action, w.ctx_b, SendRequest(a, ACCOUNT))) for a in w.a_actions],
            refused(lambda: send_action(w.ctx_b, SendRequest(w.a_actions[0], A_ONLY_ACCOUNT))),
        ),
        lambda w: ([NO_ACTION] * len(w.a_actions), NO_ACCOUNT),
    ),
    # mail.syncing
    "mail.syncing.quarantined": Probe(
        lambda w: ids(quarantined(w.ctx_b, ACCOUNT)),
        lambda w: own_ids(w, lambda b: b.quarantine_id),
    ),
    "mail.syncing.reviews": Probe(
        lambda w: ids(reviews(w.ctx_b, ACCOUNT)), lambda w: own_ids(w, lambda b: b.review_id)
    ),
    "mail.syncing.settle_review": Probe(_settle_review, nothing((NO_REVIEW, NO_REVIEW, NO_APP))),
    "mail.syncing.sync_once": Probe(  # refused before any connection
        lambda w: (
            refused(lambda: sync_once(w.ctx_b, SyncRequest(A_ONLY_ACCOUNT))),
            folder_of(w) is None,
        ),
        lambda w: (NO_ACCOUNT, w.b is None),
    ),
    "mail.syncing.watch_mail": Probe(_watch_mail, nothing(NO_ACCOUNT)),
    # people
    "offers.open_offers": Exempt(
        "the plans of plan_applications (probed) filtered to the stage `offer`; A's search "
        "holds no open offer, so a probe here could not notice a broken scope"
    ),
    "people.add_person": Probe(
        lambda w: refused(
            lambda: add_person(w.ctx_b, NewPerson(w.a.app_id, "Mallory", email=DANA_EMAIL))
        ),
        nothing(NO_APP),
    ),
    "people.list_people": Probe(
        lambda w: (refused(lambda: list_people(w.ctx_b, w.a.app_id)), ids(list_people(w.ctx_b))),
        lambda w: (NO_APP, own(w, lambda b: [b.dana_id, b.lee_id], [])),
    ),
    "people.update_person": Probe(
        lambda w: refused(
            lambda: update_person(w.ctx_b, PersonChanges(w.a.dana_id, {"title": "CTO"}))
        ),
        nothing(NO_PERSON),
    ),
    # planning
    "planning.find_action": Probe(
        lambda w: [refused(partial(find_action, w.ctx_b, a)) for a in w.a_actions],
        lambda w: [NO_ACTION] * len(w.a_actions),
    ),
    "planning.held_messages": Probe(lambda w: held_messages(w.ctx_b), nothing([])),
    "planning.plan_applications": Probe(
        lambda w: (
            refused(lambda: plan_applications(w.ctx_b, w.a.app_id)),
            app_ids(plan_applications(w.ctx_b)),
        ),
        lambda w: (NO_APP, own_ids(w, lambda b: b.app_id)),
    ),
    # The planners of a history they are handed: by B's preferences, never A's.
    "planning.plan_histories": Probe(
        lambda w: planned_by_b(w, lambda ctx: plan_histories(ctx, [a_history(w)])),
        nothing((True, True)),
    ),
    "planning.plan_history": Probe(
        lambda w: planned_by_b(w, lambda ctx: plan_history(ctx, a_history(w))),
        nothing((True, True)),
    ),
    "planning.today": Probe(
        _today,
        lambda w: (
            own_ids(w, lambda b: b.app_id),
            own_ids(w, lambda b: b.app_id),
            [],
        ),
    ),
    # playbooks
    "playbooks.show_playbook": Probe(_show_playbook, nothing((True, True))),
    # preferences
    "preferences.set_preferences": Probe(_set_preferences, nothing(True)),
    "preferences.show_preferences": Probe(_show_preferences, nothing((True, 0))),
    "preferences.stored_settings": Probe(
        _stored_settings, nothing((None, ["mail.account.work"], B_NAME))
    ),
    # profile
    "profile.set_profile": Probe(_set_profile, nothing((B_NAME, B_ADDRESS, True))),
    "profile.show_profile": Probe(
        lambda w: _profile_of(show_profile(w.ctx_b)),
        nothing((B_NAME, B_ADDRESS)),
    ),
    # templates: A's own final note is neither listed, shown, replaced nor reset for B
    "templates.list_templates": Probe(
        lambda w: [t.name for t in list_templates(w.ctx_b) if t.source != "built-in"],
        nothing([]),
    ),
    "templates.show_template": Probe(
        lambda w: show_template(w.ctx_b, A_TEMPLATE_NAME).text == A_TEMPLATE,
        nothing(False),
    ),
    "templates.set_template": Probe(
        lambda w: set_template(w.ctx_b, TemplateText(A_TEMPLATE_NAME, b"Subject: B\n\nB.\n")).text,
        nothing("Subject: B\n\nB.\n"),
    ),
    "templates.reset_template": Probe(
        lambda w: reset_template(w.ctx_b, A_TEMPLATE_NAME), nothing(False)
    ),
    # schedule
    "schedule.plan_defaults": Probe(
        lambda w: plan_defaults(w.ctx_b),
        lambda w: PlanDefaults(w.ctx_b.settings.user_tz, w.ctx_b.settings.user_country),
    ),
    "schedule.plan_of": Probe(
        lambda w: planned_by_b(w, lambda ctx: plan_of(ctx, a_history(w))), nothing((True, True))
    ),
    "schedule.replan": Probe(_replan, nothing(NO_APP)),
    # touches
    "touches.add_touch": Probe(_add_touch, nothing((NO_APP, NO_PERSON))),
    "touches.list_touches": Probe(
        lambda w: (
            refused(lambda: touches.list_touches(w.ctx_b, w.a.app_id)),
            [t.id for _h, t in touches.list_touches(w.ctx_b)],
        ),
        lambda w: (NO_APP, own_ids(w, lambda b: b.touch_id)),
    ),
    "touches.record_done": Probe(_record_done, lambda w: [NO_ACTION] * len(w.a_actions)),
    "touches.record_skip": Probe(_record_skip, lambda w: [NO_ACTION] * len(w.a_actions)),
    **alerts_probes(Probe, Exempt),
}
PROBED = sorted(name for name, probe in PROBES.items() if isinstance(probe, Probe))


# ---- 1. every use case has a probe --------------------------------------------------------


def use_cases() -> set[str]:
    """Every public function of followup.app whose first parameter is `ctx`, by its name
    below followup.app ("mail.sending.send_action")."""
    found = set()
    for module in pkgutil.walk_packages(followup.app.__path__, "followup.app."):
        loaded = importlib.import_module(module.name)
        for name, function in inspect.getmembers(loaded, inspect.isfunction):
            if function.__module__ != loaded.__name__ or name.startswith("_"):
                continue
            parameters = list(inspect.signature(function).parameters)
            if parameters[:1] == ["ctx"]:
                found.add(f"{module.name.removeprefix('followup.app.')}.{name}")
    return found


def test_every_use_case_has_a_probe() -> None:
    found = use_cases()
    assert sorted(found - PROBES.keys()) == [], "use cases without a probe (or EXEMPT) in PROBES"
    assert sorted(PROBES.keys() - found) == [], "probes of use cases that don't exist"


# ---- 2. B finds nothing of A's and changes nothing of A's ---------------------------------


@pytest.fixture(scope="session")
def world_templates(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> WorldTemplates:
    def new_pg_database() -> str:
        return str(request.getfixturevalue("postgres_cluster").new_database())

    return WorldTemplates(tmp_path_factory.mktemp("usecase-worlds"), new_pg_database)


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def world_url(request: pytest.FixtureRequest, world_templates: WorldTemplates) -> str:
    """Where a test's world goes (`database_url`, less the empty database it would make
    only for the world's copy to replace it)."""
    if request.param == "sqlite":
        return world_templates.sqlite_url()
    cluster = request.getfixturevalue("postgres_cluster")
    return str(cluster.url(f"world_{os.getpid()}_{next(world_templates.numbers)}"))


@pytest.fixture(params=[False, True], ids=["b-empty", "b-twin"])
def world(
    request: pytest.FixtureRequest,
    world_url: str,
    world_templates: WorldTemplates,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> Iterator[World]:
    """A world on SQLite and on PostgreSQL: B empty or holding A's twin."""
    owners, facts = world_templates.copy_to(world_url, twin=request.param)
    made = open_world(owners, facts, tmp_path / "home", monkeypatch)
    yield made
    made.close()
    remove(owners)


def run_probe(world: World, name: str) -> tuple[object, object]:
    probe = PROBES[name]
    assert isinstance(probe, Probe)
    try:
        result = probe.call(world)
    finally:
        world.ctx_b.close()
    return result, probe.expect(world)


def test_a_sees_its_own_search_through_its_use_cases(world: World) -> None:
    """The control: A's own context finds every row B is given the id of."""
    a, ctx = world.a, world.ctx_a
    assert app_ids(list_applications(ctx)) == [a.app_id]
    assert show_application(ctx, a.app_id)["action_ids"] == list(world.a_actions)
    assert find_action(ctx, world.a_actions[0])[1].id == world.a_actions[0]
    assert ids(list_people(ctx, a.app_id)) == [a.dana_id, a.lee_id]
    assert ids(list_outbox(ctx, ACCOUNT)) == [a.outbox_id, world.held_id]
    assert [h.id for h in held_messages(ctx)] == [world.held_id]
    assert ids(reviews(ctx, ACCOUNT)) == [a.review_id]
    assert account_of(ctx, A_ONLY_ACCOUNT).address != B_ADDRESS
    assert draft_of(ctx, DraftRequest(world.a_actions[0])).draft.source == "edited"
    assert show_template(ctx, A_TEMPLATE_NAME).text == A_TEMPLATE
    assert (ctx.prefs.user_tz, ctx.prefs.user_country) == ("Asia/Tokyo", "JP")
    assert show_playbook(ctx) != load_playbook(ctx.settings.playbook)
    world.close()


@pytest.mark.parametrize("name", PROBED)
def test_a_use_case_run_by_b_finds_and_changes_nothing_of_a(world: World, name: str) -> None:
    before = snapshot(world)
    result, expected = run_probe(world, name)
    assert result == expected
    assert snapshot(world) == before


# ---- 3. the probes notice a scope that forgets its owner ----------------------------------


def isolated_under(
    templates: WorldTemplates,
    monkeypatch: pytest.MonkeyPatch,
    home: Path,
    name: str,
    mutation: str,
    twin: bool,
) -> bool:
    """Whether the probe finds B isolated with the scope broken (it must not)."""
    owners, facts = templates.copy_to(templates.sqlite_url(), twin=twin)
    world = open_world(owners, facts, home, monkeypatch)
    try:
        before = snapshot(world)
        try:
            with forgetful(mutation, world.a.owner_id):
                result, expected = run_probe(world, name)
        except Exception:  # a crash is noticed too
            return False
        return result == expected and snapshot(world) == before
    finally:
        world.close()
        remove(owners)


# What reads no owner data at all: a broken store scope can't change what it does (each is
# probed above all the same: it would fail if it started reading the owner's data).
PURE = frozenset(
    {
        "calendar_feed.feed_entries",
        "mail.accounts.account_view",
        "mail.accounts.needs_password_place",
        "mail.accounts.wants_password",
        "alerts.runs.fetcher_of",  # the deployment's settings only
    }
)


@pytest.mark.parametrize("name", [n for n in PROBED if n not in PURE])
def test_each_probe_notices_a_broken_scope(
    world_templates: WorldTemplates,
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
    name: str,
) -> None:
    """Mutation test of the probes (SQLite): with the owner scope broken, each probe fails
    in one of the variants, for one of the ways to break it."""
    noticed = any(
        not isolated_under(world_templates, monkeypatch, tmp_path / "home", name, mutation, twin)
        for mutation in MUTATIONS
        for twin in (False, True)
    )
    assert noticed, f"{name}: the probe passes with the owner scope broken"
