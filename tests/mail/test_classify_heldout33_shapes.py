"""Shapes heldout33 taught: mail that answers nothing under a Date no mail program writes (a
zone past fourteen hours or off the quarter hour, a year with a nought before it or a digit
lost) or under a subject padded with a run of spaces is a mailing, not a person. Each test
writes its own message, in other words than the batch, beside a twin that looks alike but is
read the other way."""

from __future__ import annotations

from mail_samples import USER

from followup.mail.reading.classify import MessageClass, MessageInfo, classify_message

STRANGER = "Wendell Pike <wendell.pike@postbox.example>"


def classify(raw: bytes) -> MessageInfo:
    return classify_message(raw, user_addresses=[USER])


def _mail(subject: str, date: str, body: str, thread: str = "") -> bytes:
    return (
        f"From: {STRANGER}\r\nTo: {USER}\r\nSubject: {subject}\r\nDate: {date}\r\n"
        f"Message-ID: <w1@postbox.example>\r\n{thread}"
        f"MIME-Version: 1.0\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n{body}\r\n"
    ).encode()


ASK = "Hello,\n\nI have something that could help you this month. Write back for details.\n"
THREAD = "In-Reply-To: <q9@example.org>\r\nReferences: <q9@example.org>\r\n"


def test_a_zone_past_fourteen_hours_in_first_contact_is_not_a_reply() -> None:
    info = classify(_mail("Something for you", "Tue, 01 Dec 2026 08:00:00 -1700", ASK))
    assert info.kind is MessageClass.OTHER, info.evidence


def test_a_real_quarter_hour_zone_is_a_person() -> None:
    info = classify(_mail("Something for you", "Tue, 01 Dec 2026 08:00:00 +0545", ASK))
    assert info.kind is MessageClass.REPLY, info.evidence


def test_a_zone_off_the_quarter_hour_is_not_a_reply() -> None:
    info = classify(_mail("Something for you", "Tue, 01 Dec 2026 08:00:00 +0310", ASK))
    assert info.kind is MessageClass.OTHER, info.evidence


def test_a_forged_zone_in_a_thread_is_still_a_person() -> None:
    date = "Tue, 01 Dec 2026 08:00:00 -1700"
    info = classify(_mail("Re: the reference", date, "Yes, give them my number.", THREAD))
    assert info.kind is MessageClass.REPLY, info.evidence


def test_a_year_with_a_nought_before_it_is_not_a_reply() -> None:
    info = classify(_mail("Something for you", "Tue, 01 Dec 0126 08:00:00 +0000", ASK))
    assert info.kind is MessageClass.OTHER, info.evidence


def test_an_old_two_digit_year_is_a_person() -> None:
    info = classify(_mail("Something for you", "Tue, 01 Dec 26 08:00:00 +0000", ASK))
    assert info.kind is MessageClass.REPLY, info.evidence


def test_a_subject_padded_with_spaces_is_not_a_reply() -> None:
    date = "Tue, 01 Dec 2026 08:00:00 +0000"
    info = classify(_mail("Something for you                  ", date, ASK))
    assert info.kind is MessageClass.OTHER, info.evidence
    info = classify(_mail("Something for you              KQZV", date, ASK))
    assert info.kind is MessageClass.OTHER, info.evidence


def test_two_spaces_in_a_subject_are_a_person() -> None:
    date = "Tue, 01 Dec 2026 08:00:00 +0000"
    info = classify(_mail("Something  for you ", date, ASK))
    assert info.kind is MessageClass.REPLY, info.evidence


def test_a_folded_subject_indented_with_spaces_is_a_person() -> None:
    date = "Tue, 01 Dec 2026 08:00:00 +0000"
    info = classify(_mail("Interview plan for the senior platform\r\n        role", date, ASK))
    assert info.kind is MessageClass.REPLY, info.evidence


def test_a_padded_subject_in_a_thread_is_still_a_person() -> None:
    date = "Tue, 01 Dec 2026 08:00:00 +0000"
    info = classify(_mail("Re: the reference          ", date, "Yes, of course.", THREAD))
    assert info.kind is MessageClass.REPLY, info.evidence


def test_a_date_without_a_zone_in_first_contact_is_not_a_reply() -> None:
    for date in ("Tue, 01 Dec 2026 08:00:00", "Tue, 01 Dec 2026 08:00:00 GMT+2"):
        info = classify(_mail("Something for you", date, ASK))
        assert info.kind is MessageClass.OTHER, (date, info.evidence)


def test_a_date_with_a_zone_name_the_standard_keeps_is_a_person() -> None:
    for date in ("Tue, 01 Dec 2026 08:00:00 PST", "Tue, 01 Dec 2026 08:00:00 +0000 (UTC)"):
        info = classify(_mail("Something for you", date, ASK))
        assert info.kind is MessageClass.REPLY, (date, info.evidence)


def _from(sender: str, reply_to: str) -> bytes:
    return (
        f"From: {sender}\r\nReply-To: {reply_to}\r\nTo: {USER}\r\nSubject: Lower payments\r\n"
        "Date: Tue, 01 Dec 2026 08:00:00 +0000\r\nMessage-ID: <n1@mailbox.example>\r\n"
        f"MIME-Version: 1.0\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n{ASK}\r\n"
    ).encode()


def test_a_sender_numbered_from_its_reply_to_is_not_a_reply() -> None:
    info = classify(_from("rates7730419@mailbox.example", "rates@mailbox.example"))
    assert info.kind is MessageClass.OTHER, info.evidence


def test_a_person_with_a_year_in_the_address_and_a_work_reply_to_is_a_person() -> None:
    info = classify(_from("wendell1987@mailbox.example", "wendell.pike@pikeworks.example"))
    assert info.kind is MessageClass.REPLY, info.evidence


def _html(sender: str, alternative: bool) -> bytes:
    page = '<html><body><p>Rates are low.</p><a href="http://rates.example.net/">See</a></body>'
    head = (
        f"From: {sender}\r\nTo: {USER}\r\nSubject: This month\r\n"
        "Date: Tue, 01 Dec 2026 08:00:00 +0000\r\nMessage-ID: <h1@mailbox.example>\r\n"
        "MIME-Version: 1.0\r\n"
    )
    if not alternative:
        return f"{head}Content-Type: text/html; charset=utf-8\r\n\r\n{page}\r\n".encode()
    return (
        f'{head}Content-Type: multipart/alternative; boundary="b"\r\n\r\n--b\r\n'
        "Content-Type: text/plain; charset=utf-8\r\n\r\nRates are low. See\r\n"
        "http://rates.example.net/\r\n--b\r\nContent-Type: text/html; charset=utf-8\r\n\r\n"
        f"{page}\r\n--b--\r\n"
    ).encode()


def test_html_alone_with_links_from_a_numbered_box_is_not_a_reply() -> None:
    info = classify(_html("rhoda0412337@mailbox.example", alternative=False))
    assert info.kind is MessageClass.OTHER, info.evidence


def test_html_beside_a_text_part_from_a_numbered_box_is_a_person() -> None:
    info = classify(_html("rhoda0412337@mailbox.example", alternative=True))
    assert info.kind is MessageClass.REPLY, info.evidence
