"""Histories of the playbook's scenarios A-E (playbook.md section 5) and a profile.

Plain builders, shared by the draft tests.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

from followup.domain.model import (
    Action,
    ActionKind,
    Application,
    Channel,
    Direction,
    History,
    Interview,
    InterviewKind,
    Person,
    PersonRole,
    Touch,
    TouchKind,
)
from followup.drafts.model import Profile, sample_action
from followup.drafts.templates import KIND_CHANNELS  # noqa: F401  (the drafts tests import it from here)

NY = ZoneInfo("America/New_York")

PROFILE = Profile(
    name="Sam Rivera",
    phone="+1 555 0100",
    email="sam.rivera@example.org",
    signoff="Best regards",
    qualifications="six years of building data pipelines in Python and SQL",
    linkedin="https://www.linkedin.com/in/samrivera",
)


def _app(app_id: int, company: str, role: str, **kw: object) -> Application:
    return Application(
        id=app_id,
        company=company,
        role=role,
        created_at=datetime(2026, 2, 1, tzinfo=UTC),
        country="US",
        tz="America/New_York",
        **kw,  # type: ignore[arg-type]
    )


def _interview(
    number: int,
    start: datetime,
    hours: int,
    kind: InterviewKind,
    notes: dict[int, str],
    decision_by: date | None = None,
) -> Interview:
    """Interview `number` of application `number`, with the people its notes name."""
    return Interview(
        id=number,
        app_id=number,
        start=start,
        end=start + timedelta(hours=hours),
        kind=kind,
        person_ids=tuple(notes),
        notes=notes,
        decision_by=decision_by,
    )


def _touch_with_dana(
    touch_id: int,
    march_day: int,
    hour: int,
    channel: Channel,
    direction: Direction,
    kind: TouchKind,
    message_id: str | None = None,
    summary: str = "",
) -> Touch:
    """A touch with Dana, scenario A's interviewer, at `hour` o'clock on a day of March 2026."""
    return Touch(
        id=touch_id,
        app_id=1,
        at=datetime(2026, 3, march_day, hour, 0, tzinfo=NY),
        channel=channel,
        direction=direction,
        kind=kind,
        person_id=1,
        message_id=message_id,
        summary=summary,
    )


def scenario_a() -> History:
    """On-site interview Tue 3 Mar 2026, one interviewer, decision by Fri 13 Mar."""
    app = _app(1, "Acme", "Data Engineer", company_domain="acme.com")
    dana = Person(
        1, 1, "Dana Chen", email="dana@acme.com", phone="+1 555 0111", title="Engineering Manager"
    )
    iv = _interview(
        1,
        datetime(2026, 3, 3, 10, 0, tzinfo=NY),
        1,
        InterviewKind.ON_SITE,
        {1: "the migration of their batch jobs to streaming"},
        decision_by=date(2026, 3, 13),
    )
    return History(application=app, people=(dana,), interviews=(iv,))


def scenario_b() -> History:
    """Panel of three on Thu 16 Apr 2026, each with their own note."""
    app = _app(2, "Globex", "Platform Engineer", company_domain="globex.com")
    people = (
        Person(21, 2, "Priya Natarajan", email="priya@globex.com", title="Director of Platform"),
        Person(22, 2, "Tom Becker", email="tom@globex.com", title="Staff Engineer"),
        Person(
            23,
            2,
            "Maria Lopez",
            email="maria@globex.com",
            role=PersonRole.RECRUITER,
        ),
    )
    iv = _interview(
        2,
        datetime(2026, 4, 16, 13, 0, tzinfo=NY),
        2,
        InterviewKind.PANEL,
        {
            21: "the plan to move every team onto one deployment pipeline",
            22: "how they test infrastructure changes before they reach production",
            23: "the mentoring programme for new engineers",
        },
    )
    return History(application=app, people=people, interviews=(iv,))


def scenario_c() -> History:
    """Video interview Fri 22 May 2026 ending 16:30, no timeframe."""
    app = _app(3, "Initech", "Analytics Engineer")
    lee = Person(31, 3, "Lee Park", email="lee.park@initech.com", role=PersonRole.HIRING_MANAGER)
    iv = _interview(
        3,
        datetime(2026, 5, 22, 15, 30, tzinfo=NY),
        1,
        InterviewKind.VIDEO,
        {31: "their move from nightly reports to self-service dashboards"},
    )
    return History(application=app, people=(lee,), interviews=(iv,))


def scenario_d() -> History:
    """A rejection arrives two days after the interview."""
    base = scenario_a()
    rejection = _touch_with_dana(
        41,
        5,
        9,
        Channel.EMAIL,
        Direction.IN,
        TouchKind.REJECTION,
        message_id="<rej-1@acme.com>",
        summary="Your application for Data Engineer",
    )
    return replace(base, touches=(rejection,))


def scenario_e() -> History:
    """The candidate logged a voicemail on day 8; follow-ups stay by phone."""
    base = scenario_a()
    dana = base.people[0]
    connected = Person(
        dana.id, dana.app_id, dana.name, email=dana.email, phone=dana.phone, connection=True
    )
    voicemail = _touch_with_dana(51, 11, 10, Channel.VOICEMAIL, Direction.OUT, TouchKind.VOICEMAIL)
    return replace(base, people=(connected,), touches=(voicemail,))


def action(
    history: History,
    kind: ActionKind,
    channel: Channel = Channel.EMAIL,
    person_id: int | None = None,
    day: int = 3,
) -> Action:
    """A hand-made action for `history`'s first interview."""
    iv = history.interviews[0]
    pid = person_id if person_id is not None else iv.person_ids[0]
    return sample_action(history, iv, kind, channel, pid, day, "TEST")
