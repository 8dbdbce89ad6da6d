"""The store on SQLite and on a real PostgreSQL: what is written reads back the same, and
bad input writes nothing."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, date, datetime, timedelta, timezone
from zoneinfo import ZoneInfo

import pytest

from followup.domain.model import Channel, Direction, InterviewKind, Outcome, PersonRole, TouchKind
from followup.store import InvalidDataError, NotFoundError, open_store
from followup.store.store import Store

NY = ZoneInfo("America/New_York")
BERLIN = ZoneInfo("Europe/Berlin")


@pytest.fixture
def store(database_url: str) -> Iterator[Store]:
    opened = open_store(database_url)
    yield opened
    opened.close()


def counts(store: Store) -> tuple[int, ...]:
    histories = list(store.histories())
    return (
        len(histories),
        sum(len(h.people) for h in histories),
        sum(len(h.interviews) for h in histories),
        sum(len(h.touches) for h in histories),
        sum(len(h.skips) for h in histories),
    )


def sample(store: Store) -> tuple[int, int, int]:
    app = store.add_application(
        "Acme",
        "Data Engineer",
        created_at=datetime(2026, 3, 1, 9, tzinfo=BERLIN),
        country="US",
        tz="America/New_York",
    )
    dana = store.add_person(
        app.id,
        "Dana Chen",
        email="Dana@Acme.example",
        role=PersonRole.HIRING_MANAGER,
        connection=True,
    )
    lee = store.add_person(app.id, "Lee Park")
    return app.id, dana.id, lee.id


def test_an_application_reads_back_with_its_zone(store: Store) -> None:
    app_id, _, _ = sample(store)
    app = store.application(app_id)
    assert app.company == "Acme"
    assert app.created_at == datetime(2026, 3, 1, 9, tzinfo=BERLIN)
    assert app.created_at.tzinfo == BERLIN  # the zone it was given in, not UTC
    assert app.created_at.utcoffset() == timedelta(hours=1)
    assert [a.id for a in store.applications()] == [app_id]


def test_a_history_round_trips(store: Store) -> None:
    app_id, dana, lee = sample(store)
    start = datetime(2026, 3, 3, 10, tzinfo=NY)
    interview = store.add_interview(
        app_id,
        start,
        InterviewKind.PANEL,
        end=start + timedelta(hours=2),
        person_ids=[lee, dana],
        notes={dana: "the streaming migration"},
        decision_by=date(2026, 3, 13),
    )
    offset_zone = timezone(timedelta(hours=2))
    touch = store.add_touch(
        app_id,
        datetime(2026, 3, 4, 18, 30, tzinfo=offset_zone),
        Channel.EMAIL,
        Direction.OUT,
        kind=TouchKind.THANK_YOU,
        person_id=dana,
        action_id="1-i1-thank-you-p1",
        summary="Thank you - Data Engineer interview",
    )
    skip = store.add_skip(app_id, "1-i1-thank-you-p2", datetime(2026, 3, 4, tzinfo=UTC), "met")

    history = store.history(app_id)
    assert [p.name for p in history.people] == ["Dana Chen", "Lee Park"]
    assert history.person(dana) is not None
    assert history.person(dana).email == "dana@acme.example"  # type: ignore[union-attr]
    assert history.person(dana).connection is True  # type: ignore[union-attr]
    (stored,) = history.interviews
    assert stored == interview
    assert stored.person_ids == (lee, dana)  # the order given
    assert stored.notes == {dana: "the streaming migration"}
    assert stored.start.tzinfo == NY and stored.end == start + timedelta(hours=2)
    assert history.touches == (touch,)
    assert history.touches[0].at.utcoffset() == timedelta(hours=2)
    assert history.touches[0].kind is TouchKind.THANK_YOU
    assert history.skips == (skip,)


def test_histories_of_several_applications(store: Store) -> None:
    first, _, _ = sample(store)
    second = store.add_application("Globex", "SRE", created_at=datetime(2026, 3, 2, tzinfo=UTC))
    store.add_touch(
        second.id,
        datetime(2026, 3, 5, tzinfo=UTC),
        Channel.PHONE,
        Direction.IN,
        kind=TouchKind.REPLY,
        decision_by=date(2026, 3, 20),
    )
    everything = list(store.histories())
    assert [h.application.id for h in everything] == [first, second.id]
    assert len(everything[0].people) == 2 and everything[1].people == ()
    assert everything[1].touches[0].decision_by == date(2026, 3, 20)
    (only,) = store.histories([second.id])
    assert only.application.company == "Globex"


@pytest.mark.parametrize(
    ("write", "error"),
    [
        (lambda s, a, p, q: s.add_person(999, "X"), NotFoundError),
        (lambda s, a, p, q: s.add_person(a, "  "), InvalidDataError),
        (lambda s, a, p, q: s.add_person(a, "X", email="not an address"), InvalidDataError),
        (lambda s, a, p, q: s.add_person(a, "X", tz="Mars/Olympus"), InvalidDataError),
        (lambda s, a, p, q: s.add_person(a, "X", country="usa"), InvalidDataError),
        (
            lambda s, a, p, q: s.add_interview(
                a,
                datetime(2026, 3, 3, 10, tzinfo=NY),
                InterviewKind.VIDEO,
                end=datetime(2026, 3, 3, 9, tzinfo=NY),
            ),
            InvalidDataError,
        ),
        (
            lambda s, a, p, q: s.add_interview(a, datetime(2026, 3, 3, 10), InterviewKind.VIDEO),
            InvalidDataError,
        ),
        (
            lambda s, a, p, q: s.add_interview(
                a, datetime(2026, 3, 3, 10, tzinfo=NY), InterviewKind.VIDEO, person_ids=[q]
            ),
            InvalidDataError,
        ),
        (
            lambda s, a, p, q: s.add_interview(
                a, datetime(2026, 3, 3, 10, tzinfo=NY), InterviewKind.VIDEO, person_ids=[p, 999]
            ),
            NotFoundError,
        ),
        (
            lambda s, a, p, q: s.add_interview(
                a,
                datetime(2026, 3, 3, 10, tzinfo=NY),
                InterviewKind.VIDEO,
                person_ids=[p],
                notes={q: "x"},
            ),
            InvalidDataError,
        ),
        (
            lambda s, a, p, q: s.add_touch(
                a, datetime(2026, 3, 3, tzinfo=UTC), Channel.EMAIL, Direction.OUT, person_id=q
            ),
            InvalidDataError,
        ),
        (
            lambda s, a, p, q: s.add_touch(
                999, datetime(2026, 3, 3, tzinfo=UTC), Channel.EMAIL, Direction.OUT
            ),
            NotFoundError,
        ),
        (
            lambda s, a, p, q: s.add_skip(a, "1-x", datetime(2026, 3, 3, tzinfo=UTC), " "),
            InvalidDataError,
        ),
        (lambda s, a, p, q: s.update_application(a, {"tz": "Nowhere/City"}), InvalidDataError),
        (lambda s, a, p, q: s.update_application(a, {"id": 5}), InvalidDataError),
        (lambda s, a, p, q: s.update_person(p, {"name": ""}), InvalidDataError),
    ],
)
def test_bad_input_writes_nothing(store: Store, write: object, error: type[Exception]) -> None:
    app_id, person_id, _ = sample(store)
    other = store.add_application("Other", "Role", created_at=datetime(2026, 3, 1, tzinfo=UTC))
    stranger = store.add_person(other.id, "Stranger").id
    before = list(store.histories())
    with pytest.raises(error) as caught:
        write(store, app_id, person_id, stranger)  # type: ignore[operator]
    from followup.cli.fixes import worded

    assert "(fix: " in worded(caught.value)  # a code each front end words its fix for
    assert list(store.histories()) == before


def test_a_skip_is_recorded_once(store: Store) -> None:
    app_id, _, _ = sample(store)
    store.add_skip(app_id, "1-i1-thank-you-p1", datetime(2026, 3, 4, tzinfo=UTC), "thanked")
    with pytest.raises(InvalidDataError, match="already skipped"):
        store.add_skip(app_id, "1-i1-thank-you-p1", datetime(2026, 3, 5, tzinfo=UTC), "again")
    assert counts(store)[4] == 1


def test_updates_change_only_what_is_given(store: Store) -> None:
    app_id, dana, _ = sample(store)
    app = store.update_application(
        app_id, {"competing_offer_by": date(2026, 4, 1), "company_domain": "WWW.Acme.example"}
    )
    assert app.competing_offer_by == date(2026, 4, 1)
    assert app.company_domain == "acme.example"
    assert app.tz == "America/New_York"
    person = store.update_person(dana, {"phone": "+1 212 555 0100", "role": "recruiter"})
    assert person.phone == "+1 212 555 0100" and person.role is PersonRole.RECRUITER
    assert person.email == "dana@acme.example"
    assert store.people_by_email("DANA@acme.example") == [person]


def test_an_interview_can_be_rescheduled_and_cancelled(store: Store) -> None:
    app_id, dana, _ = sample(store)
    start = datetime(2026, 3, 3, 10, tzinfo=NY)
    interview = store.add_interview(
        app_id, start, InterviewKind.VIDEO, person_ids=[dana], ical_uid="uid-1@acme"
    )
    moved = store.update_interview(
        interview.id, {"start": start + timedelta(days=1), "ical_sequence": 1}
    )
    assert moved.start == start + timedelta(days=1) and moved.person_ids == (dana,)
    assert store.interview_by_ical_uid("uid-1@acme") == moved
    with pytest.raises(InvalidDataError):
        store.update_interview(interview.id, {"end": start})  # before the new start
    cancelled = store.update_interview(interview.id, {"cancelled": True})
    assert cancelled.cancelled and cancelled.start == moved.start


def test_outcome_is_set_and_cleared(store: Store) -> None:
    app_id, _, _ = sample(store)
    when = datetime(2026, 3, 20, 15, tzinfo=NY)
    app = store.set_outcome(app_id, Outcome.OFFER, when)
    assert app.outcome is Outcome.OFFER and app.outcome_at == when
    assert app.outcome_at is not None and app.outcome_at.tzinfo == NY
    reopened = store.set_outcome(app_id, None, when)
    assert reopened.outcome is None and reopened.outcome_at is None


def test_touch_lookup_by_message_id(store: Store) -> None:
    app_id, _, _ = sample(store)
    touch = store.add_touch(
        app_id,
        datetime(2026, 3, 5, tzinfo=UTC),
        Channel.EMAIL,
        Direction.IN,
        kind=TouchKind.REPLY,
        message_id="<m1@acme>",
    )
    assert store.touch_by_message_id("<m1@acme>") == touch
    assert store.touch_by_message_id("<other@acme>") is None


def test_settings_are_key_values(store: Store) -> None:
    assert store.get_setting("profile.name") is None
    store.set_setting("profile.name", "Sam Seeker")
    store.set_setting("profile.name", "Sam Q. Seeker")
    store.set_setting("profile.phone", "+1 555 0100")
    assert store.get_setting("profile.name") == "Sam Q. Seeker"
    assert store.settings() == {"profile.name": "Sam Q. Seeker", "profile.phone": "+1 555 0100"}
    store.delete_setting("profile.phone")
    assert store.settings() == {"profile.name": "Sam Q. Seeker"}


def test_the_people_and_notes_of_an_interview_can_change(store: Store) -> None:
    app_id, dana, lee = sample(store)
    start = datetime(2026, 3, 3, 10, tzinfo=NY)
    interview = store.add_interview(
        app_id, start, InterviewKind.PANEL, person_ids=[dana], notes={dana: "streaming"}
    )
    both = store.update_interview(
        interview.id, {"person_ids": [lee, dana], "notes": {lee: "on-call"}}
    )
    assert both.person_ids == (lee, dana)
    assert both.notes == {dana: "streaming", lee: "on-call"}
    only_lee = store.update_interview(interview.id, {"person_ids": [lee]})
    assert only_lee.notes == {lee: "on-call"}
    assert store.interview(interview.id) == only_lee
    with pytest.raises(InvalidDataError):
        store.update_interview(interview.id, {"notes": {dana: "not in it any more"}})
    with pytest.raises(NotFoundError):
        store.update_interview(interview.id, {"person_ids": [999]})
    assert store.interview(interview.id) == only_lee


def test_racing_writers_get_a_clear_answer(store: Store) -> None:
    """Eight threads skip the same action and set the same setting at once: one skip is
    kept, the others are refused with a problem and a code; nothing else goes wrong."""
    from concurrent.futures import ThreadPoolExecutor

    app_id, _, _ = sample(store)

    def skip(n: int) -> str:
        try:
            store.add_skip(app_id, "1-i1-thank-you-p1", datetime(2026, 3, 4, tzinfo=UTC), f"{n}")
        except InvalidDataError as exc:
            return exc.code  # skip.already, or conflict for a writer that raced
        return "kept"

    def setting(n: int) -> None:
        store.set_setting("profile.name", f"Sam {n}")

    with ThreadPoolExecutor(max_workers=8) as pool:
        answers = list(pool.map(skip, range(8)))
        list(pool.map(setting, range(8)))
    assert answers.count("kept") == 1
    assert counts(store)[4] == 1
    assert store.settings()["profile.name"].startswith("Sam ")
