"""Thank-you notes: one per person of the current round's interview.

Window (scenario A/C of the playbook notes): from the end of the interview
(the same evening is allowed until the evening limit) to the end of send hours
on the last day of the playbook's window; a window whose last day is not a
business day stretches to the next business day until noon.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from followup.calendar import BusinessCalendar
from followup.domain.model import (
    Action,
    ActionKind,
    Channel,
    Direction,
    Interview,
    InterviewKind,
    Person,
    PersonRole,
    TouchKind,
)
from followup.planner.context import Context, day_label, has_email, moment_label

IN_PERSON = frozenset({InterviewKind.ON_SITE, InterviewKind.PANEL})


def thank_you_id(app_id: int, interview_id: int, person_id: int) -> str:
    return f"{app_id}-i{interview_id}-thank-you-p{person_id}"


def find_contact_id(app_id: int, interview_id: int, person_id: int) -> str:
    return f"{app_id}-i{interview_id}-find-contact-p{person_id}"


def thank_you_window(
    ctx: Context, cal: BusinessCalendar, interview: Interview
) -> tuple[tuple[datetime, datetime, datetime], tuple[str, ...]]:
    """(earliest, due, latest) and the rules that shaped the window."""
    settings = ctx.playbook
    span = settings.thank_you.window.value
    end = cal.local(interview.finished_at)
    due = cal.next_slot(end, evening=True)
    rules: list[str] = [settings.calendar.send_hours_start.rule]
    if span.unit == "business-days":
        latest = cal.closing(cal.add_business_days(end.date(), span.amount))
    else:
        last_day = end.date() + timedelta(days=span.amount)
        if cal.is_business_day(last_day):
            latest = cal.closing(last_day)
        else:
            latest = cal.at(cal.next_business_day(last_day), cal.stretch)
            rules.append(settings.calendar.window_stretch_until.rule)
    if due > latest:  # e.g. an interview that ended after its own window
        latest = max(due, cal.closing(due.date()))
    # earliest is the end of the interview itself: after a late interview the
    # note is "open" (it can be written) before it is due the next morning
    return (end, due, latest), tuple(rules)


def thanked_people(ctx: Context, interview: Interview) -> set[int | None]:
    """The people a thank-you was sent to since the start of `interview`."""
    return {t.person_id for t in ctx.thank_yous if t.at >= interview.start}


def last_thank_you_at(ctx: Context, interview: Interview) -> datetime | None:
    """When the last thank-you of this interview was sent (or skipped)."""
    moments = [t.at for t in ctx.thank_yous if t.at >= interview.start]
    prefix = f"{ctx.app_id}-i{interview.id}-thank-you-"
    moments.extend(s.at for aid, s in ctx.skips.items() if aid.startswith(prefix))
    return max(moments) if moments else None


def connection_note_id(app_id: int, interview_id: int, person_id: int) -> str:
    return f"{app_id}-i{interview_id}-linkedin-note-p{person_id}"


def plan_connection_notes(ctx: Context, interview: Interview) -> list[Action]:
    """A LinkedIn connection note to each person of `interview` with a profile URL, when
    the playbook allows it: in the thank-you window, and only while it is open (a late
    note would crowd the nudges). Once per person; it counts as a contact for the weekly
    cap, so the next nudge waits a week after it."""
    setting = ctx.playbook.linkedin.connection_note
    if not setting.value or (
        interview.no_follow_up and ctx.playbook.timing.respect_no_follow_up.value
    ):
        return []
    connected = {
        t.person_id
        for t in ctx.touches
        if t.kind is TouchKind.LINKEDIN_NOTE and t.direction is Direction.OUT
    }
    actions = []
    for person_id in dict.fromkeys(interview.person_ids):
        person = ctx.person(person_id)
        aid = connection_note_id(ctx.app_id, interview.id, person_id)
        if person is None or not person.linkedin or person_id in connected or ctx.handled(aid):
            continue
        cal = ctx.calendar(person)
        window, window_rules = thank_you_window(ctx, cal, interview)
        if ctx.now > window[2]:
            continue
        why = (
            f"Connect with {person.name} on LinkedIn with a short note about the interview "
            f"on {day_label(cal.local(interview.start))}; send by {moment_label(window[2])}."
        )
        actions.append(
            ctx.action(
                aid,
                ActionKind.LINKEDIN_NOTE,
                Channel.LINKEDIN,
                window,
                (setting.rule, *window_rules),
                why,
                person_id=person.id,
                interview_id=interview.id,
            )
        )
    return actions


def _recruiter_with_email(ctx: Context, exclude: int) -> Person | None:
    for person in ctx.people_in_order:
        if person.role is PersonRole.RECRUITER and person.id != exclude and has_email(person):
            return person
    return None


def plan_thank_yous(ctx: Context, interview: Interview) -> list[Action]:
    """The thank-you (or find-contact) actions still open for `interview`."""
    actions: list[Action] = []
    pb = ctx.playbook
    rule = (
        pb.thank_you.in_person_rule.value
        if interview.kind in IN_PERSON
        else pb.thank_you.remote_rule.value
    )
    thanked = thanked_people(ctx, interview)
    for person_id in dict.fromkeys(interview.person_ids):
        person = ctx.person(person_id)
        if person is None or person_id in thanked:
            continue
        if ctx.handled(thank_you_id(ctx.app_id, interview.id, person_id)):
            continue
        action = _thank_one(ctx, interview, person, rule)
        if action is not None:
            actions.append(action)
    return actions


def _thank_one(ctx: Context, interview: Interview, person: Person, rule: str) -> Action | None:
    pb = ctx.playbook
    app_id = ctx.app_id
    aid = thank_you_id(app_id, interview.id, person.id)
    find_id = find_contact_id(app_id, interview.id, person.id)
    via = None
    if not has_email(person) and pb.thank_you.via_recruiter_when_no_address.value:
        via = _recruiter_with_email(ctx, person.id)
    recipient = via or person
    cal = ctx.calendar(recipient)
    window, window_rules = thank_you_window(ctx, cal, interview)
    latest = window[2]
    when = day_label(cal.local(interview.start))
    if has_email(person) or via is not None:
        rules = (rule, *window_rules)
        why = f"Thank {person.name} for the {interview.kind.value} interview on {when}"
        if via is not None:
            rules = (*rules, pb.thank_you.via_recruiter_when_no_address.rule)
            why += f", through {via.name} (no address for {person.name})"
        why += f"; send by {moment_label(latest)}."
        return ctx.action(
            aid, ActionKind.THANK_YOU, Channel.EMAIL, window, rules, why,
            person_id=person.id, via_person_id=via.id if via else None,
            interview_id=interview.id,
        )  # fmt: skip
    if find_id in ctx.skips:
        return None  # the user chose not to look for the address: handled
    if pb.thank_you.find_contact.value and find_id not in ctx.done_ids:
        why = (
            f"Find an email address for {person.name} (web search, or call the company "
            f"and ask for HR) to send the thank-you by {moment_label(latest)}."
        )
        rules = (pb.thank_you.find_contact.rule, rule)
        return ctx.action(
            find_id, ActionKind.FIND_CONTACT, Channel.TASK, window, rules, why,
            person_id=person.id, interview_id=interview.id,
        )  # fmt: skip
    why = f"Thank {person.name} for the interview on {when}: add their email address first."
    return ctx.action(
        aid, ActionKind.THANK_YOU, Channel.EMAIL, window, (rule, *window_rules), why,
        person_id=person.id, interview_id=interview.id, blocked=True,
    )  # fmt: skip
