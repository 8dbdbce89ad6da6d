"""Calendar programs' messages without a calendar part (an export or a gateway dropped it,
or the program never sent one), vCalendar 1.0 files, and a mail system's meeting notices:
each test writes its own message and fails without the reading it names."""

from __future__ import annotations

from mail_samples import USER, message

from followup.mail.reading.classify import MessageClass, MessageInfo, classify_message

PERSON = "Ines Ferreira <ines.ferreira@tagus-energy.example>"
MEETING = (
    "When: Monday, March 15, 2027 9:00 AM-10:00 AM (UTC+00:00) Dublin, Edinburgh, Lisbon, "
    "London.\r\nWhere: Room 4.12\r\n\r\n*~*~*~*~*~*~*~*~*~*\r\n\r\nA short first conversation."
)


def classify(raw: bytes) -> MessageInfo:
    return classify_message(raw, user_addresses=[USER])


def test_outlooks_meeting_text_without_a_calendar_is_an_invitation() -> None:
    info = classify(message(PERSON, "First conversation - Grid Analyst", MEETING))
    assert info.kind is MessageClass.INVITATION, info.evidence


def test_the_same_text_under_a_cancel_subject_is_a_cancellation() -> None:
    info = classify(message(PERSON, "Cancelled: First conversation - Grid Analyst", MEETING))
    assert info.kind is MessageClass.CANCELLATION, info.evidence


def test_an_answer_under_accepted_or_its_translation_is_a_calendar_response() -> None:
    for subject in ("Accepted: First conversation", "Zugesagt: Erstes Gespräch"):
        info = classify(message(PERSON, subject, ""))
        assert info.kind is MessageClass.CALENDAR_RESPONSE, (subject, info.evidence)
    note = "Sorry, I am travelling that week - Tomás will take the call."
    info = classify(message(PERSON, "Declined: First conversation", note))
    assert info.kind is MessageClass.CALENDAR_RESPONSE, info.evidence


def test_a_person_quoting_or_answering_a_meeting_writes_a_reply() -> None:
    quoted = "Thursday suits me better, can we move it?\r\n\r\n" + "\r\n".join(
        "> " + line for line in MEETING.split("\r\n")
    )
    info = classify(message(PERSON, "RE: First conversation - Grid Analyst", quoted))
    assert info.kind is MessageClass.REPLY, info.evidence
    long_note = "Accepted the plan you sent. " * 40
    info = classify(message(PERSON, "Accepted: the project plan", long_note))
    assert info.kind is MessageClass.REPLY, info.evidence


def test_a_scheduling_tools_canceled_notice_without_meeting_text_is_no_cancellation() -> None:
    raw = message(
        "Calendly <notifications@calendly.com>",
        "Canceled: Alice Candidate and Ines Ferreira",
        "The event Intro call was canceled by Ines Ferreira.",
    )
    assert classify(raw).kind is MessageClass.OTHER


def test_googles_invitation_text_needs_its_subject() -> None:
    body = "You have been invited to the following event.\r\n\r\nInvitation from Google Calendar"
    info = classify(message(PERSON, "Invitation: Intro call @ Mon Mar 15, 2027", body))
    assert info.kind is MessageClass.INVITATION, info.evidence
    info = classify(message(PERSON, "Notification: Intro call @ Mon Mar 15, 2027", body))
    assert info.kind is not MessageClass.INVITATION, info.evidence


def test_a_vcalendar_attachment_is_read_as_a_calendar() -> None:
    vcs = (
        "BEGIN:VCALENDAR\r\nVERSION:1.0\r\nBEGIN:VEVENT\r\nDTSTART:20270315T090000Z\r\n"
        "DTEND:20270315T100000Z\r\nSUMMARY:First conversation\r\nEND:VEVENT\r\nEND:VCALENDAR"
    )
    body = (
        "--b\r\nContent-Type: text/plain\r\n\r\nThe entry is attached.\r\n--b\r\nContent-Type: "
        'text/x-vcalendar; name="call.vcs"\r\n\r\n' + vcs + "\r\n--b--"
    )
    raw = message(PERSON, "First conversation", body, content_type='multipart/mixed; boundary="b"')
    info = classify(raw)
    assert info.kind is MessageClass.INVITATION, info.evidence
    assert info.invite is not None and info.invite.summary == "First conversation"


def test_exchanges_meeting_forward_notice_is_no_bounce() -> None:
    sender = "Microsoft Outlook <MicrosoftExchange329e71ec88ae4615bbc36ab6ce41109e@tagus.example>"
    body = "Your meeting was forwarded\r\n\r\nInes has forwarded your meeting request."
    info = classify(message(sender, "Meeting Forward Notification: First conversation", body))
    assert info.kind is MessageClass.OTHER, info.evidence
    undeliverable = "Delivery has failed to these recipients or groups: x@tagus.example"
    info = classify(message(sender, "Undeliverable: First conversation", undeliverable))
    assert info.kind is MessageClass.BOUNCE, info.evidence
