"""Invitations: times in UTC with the original zone, people, links, updates, broken files."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest

from followup.mail.reading.classify import classify_message
from followup.mail.reading.ics import Invite, interviewers, parse_invite, read_calendar, supersedes

FIXTURES = Path(__file__).parent.parent / "fixtures" / "mail"
ICS = FIXTURES / "ics"


def invite_of(name: str) -> Invite:
    info = classify_message((FIXTURES / name).read_bytes())
    assert info.invite is not None, info.problems
    return info.invite


def calendar(*lines: str) -> bytes:
    body = ["BEGIN:VCALENDAR", "VERSION:2.0", "METHOD:REQUEST", "BEGIN:VEVENT", *lines]
    return ("\r\n".join([*body, "END:VEVENT", "END:VCALENDAR"]) + "\r\n").encode()


def test_google_invite() -> None:
    invite = parse_invite((ICS / "google.ics").read_bytes())
    assert invite is not None
    assert (invite.method, invite.sequence) == ("REQUEST", 0)
    assert invite.uid == "5k2q8v1n3m7p0r4t6w9y1b3d5f@google.com"
    assert invite.start == datetime(2026, 3, 25, 13, 0, tzinfo=UTC)  # 14:00 CET
    assert invite.end == datetime(2026, 3, 25, 14, 0, tzinfo=UTC)
    assert invite.tz == "Europe/Berlin"
    assert invite.video_link == "https://meet.google.com/xyz-abcd-efg"
    assert invite.dtstamp == datetime(2026, 3, 17, 9, 15, 22, tzinfo=UTC)
    assert [r.cutype for r in invite.resources] == ["ROOM"]
    assert all(not a.is_resource for a in invite.attendees)
    optional = [a for a in invite.attendees if a.role == "OPT-PARTICIPANT"]
    assert [(a.name, a.partstat) for a in optional] == [("Morgan Blake", "TENTATIVE")]


def test_interviewers_are_attendees_minus_the_user_and_rooms() -> None:
    invite = invite_of("outlook_invite_teams.eml")
    people = interviewers(invite, ["Alice.Candidate@outlook.com"])
    assert [(p.email, p.role) for p in people] == [
        ("k.tanaka@contoso.com", "REQ-PARTICIPANT"),
        ("rosa.diaz@contoso.com", "OPT-PARTICIPANT"),
    ]


def test_outlook_windows_zone_with_a_1601_vtimezone() -> None:
    invite = invite_of("outlook_invite_teams.eml")
    assert invite.start == datetime(2026, 3, 24, 16, 0, tzinfo=UTC)  # PDT since 8 March
    assert (invite.tz, invite.tz_iana) == ("Pacific Standard Time", "America/Los_Angeles")
    assert invite.location == "Microsoft Teams Meeting"
    assert invite.video_link is not None and "teams.microsoft.com" in invite.video_link


def test_windows_zone_without_vtimezone_is_mapped() -> None:
    data = calendar(
        "UID:w1", "DTSTAMP:20260301T000000Z", "DTSTART;TZID=W. Europe Standard Time:20260316T100000"
    )
    invite = parse_invite(data)
    assert invite is not None
    assert invite.start == datetime(2026, 3, 16, 9, 0, tzinfo=UTC)
    assert invite.tz_iana == "Europe/Berlin"


def test_zoom_link_in_location() -> None:
    invite = invite_of("zoom_invite.eml")
    assert invite.video_link == (
        "https://initech.zoom.us/j/86611223344?pwd=aBcDeFgHiJkLmNoPqRsTuVwXyZ.1"
    )


def test_teams_link_only_in_the_description() -> None:
    data = calendar(
        "UID:t1",
        "DTSTART:20260316T100000Z",
        "LOCATION:Microsoft Teams Meeting",
        "DESCRIPTION:Join: <https://teams.microsoft.com/l/meetup-join/19%3ameeting_abc/0>\\n",
    )
    invite = parse_invite(data)
    assert invite is not None
    assert invite.video_link == "https://teams.microsoft.com/l/meetup-join/19%3ameeting_abc/0"


def test_link_in_x_alt_desc_html() -> None:
    data = calendar(
        "UID:t2",
        "DTSTART:20260316T100000Z",
        'X-ALT-DESC;FMTTYPE=text/html:<a href="https://acme.zoom.us/j/123">Join</a>',
    )
    invite = parse_invite(data)
    assert invite is not None and invite.video_link == "https://acme.zoom.us/j/123"


def test_all_day_and_floating_times_use_the_given_zone() -> None:
    all_day = parse_invite(
        calendar("UID:d1", "DTSTART;VALUE=DATE:20260320"), floating_tz="Europe/Paris"
    )
    assert all_day is not None and all_day.all_day
    assert all_day.start == datetime(2026, 3, 19, 23, 0, tzinfo=UTC)
    assert all_day.end == datetime(2026, 3, 20, 23, 0, tzinfo=UTC)
    floating = parse_invite(
        calendar("UID:f1", "DTSTART:20260320T100000"), floating_tz="America/New_York"
    )
    assert floating is not None and floating.floating and not floating.all_day
    assert floating.start == datetime(2026, 3, 20, 14, 0, tzinfo=UTC)
    assert floating.tz is None


def test_update_supersedes_by_sequence_then_dtstamp() -> None:
    first, update = invite_of("google_invite.eml"), invite_of("google_invite_update.eml")
    cancel = invite_of("google_cancel.eml")
    assert update.sequence == 1 and update.start == datetime(2026, 3, 26, 9, 0, tzinfo=UTC)
    assert supersedes(update, first) and not supersedes(first, update)
    assert cancel.cancelled and cancel.status == "CANCELLED"
    assert supersedes(cancel, update)
    later = Invite(
        method="REQUEST", uid=first.uid, sequence=0, dtstamp=datetime(2026, 3, 18, tzinfo=UTC)
    )
    assert supersedes(later, first)  # a tie on SEQUENCE: the later DTSTAMP wins
    other = Invite(method="REQUEST", uid="other", sequence=9)
    assert not supersedes(other, first)


def test_accepted_reply_is_a_response() -> None:
    invite = invite_of("accepted_reply.eml")
    assert invite.method == "REPLY" and invite.is_response and not invite.cancelled


def test_recurrence_id_targets_one_occurrence() -> None:
    data = calendar(
        "UID:r1", "SEQUENCE:2", "RECURRENCE-ID:20260317T100000Z", "DTSTART:20260318T100000Z"
    )
    invite = parse_invite(data)
    assert invite is not None
    assert invite.recurrence_id == datetime(2026, 3, 17, 10, 0, tzinfo=UTC)
    assert invite.key == ("r1", invite.recurrence_id)


def test_organizer_sent_by_an_ats_robot() -> None:
    invite = invite_of("lever_interview.eml")
    assert invite.organizer is not None
    assert invite.organizer.email == "jordan.kim@hooli.xyz"
    assert invite.organizer.sent_by == "no-reply@hire.lever.co"
    assert invite.start == datetime(2026, 3, 23, 14, 0, tzinfo=UTC)  # 10:00 EDT


def test_broken_ics_reports_problems() -> None:
    invites, problems = read_calendar((ICS / "broken.ics").read_bytes())
    assert problems and "cut off" in problems[0]
    assert len(invites) == 1
    invite = invites[0]
    assert invite.start is None and invite.sequence == 0
    assert any("SEQUENCE" in p for p in invite.problems)


@pytest.mark.parametrize(
    "data",
    [b"", b"garbage", b"BEGIN:VCALENDAR\r\n", b"\xff\xfe\x00", b"BEGIN:VEVENT\r\nDTSTART:x\r\n"],
)
def test_unreadable_calendars_never_raise(data: bytes) -> None:
    invites, problems = read_calendar(data)
    assert problems or invites
    assert parse_invite(data) is None or isinstance(parse_invite(data), Invite)


def test_event_without_uid_or_start_is_reported() -> None:
    invites, _ = read_calendar(calendar("SUMMARY:Interview"))
    assert invites
    assert any("UID" in p for p in invites[0].problems)
    assert any("DTSTART" in p for p in invites[0].problems)


def test_the_same_event_in_two_parts_with_different_bytes_is_one_invite() -> None:
    from followup.mail.reading.ics import invites_from_parts
    from followup.mail.reading.parse import CalendarPart

    google = (ICS / "google.ics").read_bytes()
    unfolded = google.replace(b"\r\n ", b"")  # the same content lines, written unfolded
    assert unfolded != google
    parts = [
        CalendarPart(google, "text/calendar", "REQUEST", None),
        CalendarPart(unfolded, "application/ics", None, "invite.ics"),
    ]
    invites, problems = invites_from_parts(parts)
    assert (len(invites), problems) == (1, ())
    update = (ICS / "google.ics").read_bytes().replace(b"SEQUENCE:0", b"SEQUENCE:1")
    invites, _ = invites_from_parts([*parts, CalendarPart(update, "text/calendar", None, None)])
    assert [i.sequence for i in invites] == [0, 1]  # a different version is kept


def custom_zone_calendar(uid: str, offset: str) -> bytes:
    lines = [
        "BEGIN:VCALENDAR", "METHOD:REQUEST", "BEGIN:VTIMEZONE", "TZID:Customized Time Zone",
        "BEGIN:STANDARD", "DTSTART:16010101T000000", f"TZOFFSETFROM:{offset}",
        f"TZOFFSETTO:{offset}", "END:STANDARD", "END:VTIMEZONE", "BEGIN:VEVENT", f"UID:{uid}",
        "DTSTART;TZID=Customized Time Zone:20260316T100000", "END:VEVENT", "END:VCALENDAR",
    ]  # fmt: skip
    return ("\r\n".join(lines) + "\r\n").encode()


def test_each_calendar_uses_its_own_customized_time_zone() -> None:
    # Outlook names many zones "Customized Time Zone": one sender's must not leak to the next
    india = parse_invite(custom_zone_calendar("in", "+0530"))
    pacific = parse_invite(custom_zone_calendar("us", "-0800"))
    assert india is not None and pacific is not None
    assert india.start == datetime(2026, 3, 16, 4, 30, tzinfo=UTC)
    assert pacific.start == datetime(2026, 3, 16, 18, 0, tzinfo=UTC)
    assert (pacific.tz, pacific.tz_iana) == ("Customized Time Zone", None)


def test_unknown_zone_without_vtimezone_is_read_in_the_floating_zone_and_reported() -> None:
    data = calendar("UID:e1", "DTSTART;TZID=Eastern:20260316T100000")
    invite = parse_invite(data, floating_tz="America/New_York")
    assert invite is not None
    assert invite.start == datetime(2026, 3, 16, 14, 0, tzinfo=UTC)
    assert invite.tz == "Eastern"
    assert any("unknown time zone 'Eastern'" in p for p in invite.problems)
