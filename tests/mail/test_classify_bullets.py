"""The issue's "What to build", bullet by bullet, on messages in shapes the corpus does not
hold: the markers alone, failure notices without a report, delays in other words, bulk
platforms, job boards, outcomes in ATS mail; and properties of the reader under Hypothesis."""

from __future__ import annotations

import re

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from mail_samples import USER, message

from followup.mail.reading.classify import MessageClass, MessageInfo, classify_message
from followup.mail.reading.phrases import phrase_pattern
from followup.mail.reading.visible import read_html

PERSON = "Sam Lee <sam@acme.example>"


def classify(raw: bytes) -> MessageInfo:
    return classify_message(raw, user_addresses=[USER])


# --- automated is not human ---------------------------------------------------------------------


def test_an_empty_return_path_alone_is_no_out_of_office_and_no_reply() -> None:
    info = classify(message(PERSON, "Re: Interview", extra="Return-Path: <>\r\n"))
    assert info.kind is MessageClass.OTHER, info.evidence
    assert "Return-Path: <>" in info.evidence


def test_an_empty_return_path_with_out_of_office_wording_is_an_out_of_office() -> None:
    body = "I am on annual leave and will be back on 20 March."
    info = classify(message(PERSON, "Re: Interview", body, "Return-Path: <>\r\n"))
    assert info.kind is MessageClass.AUTO_REPLY, info.evidence


def test_x_auto_response_suppress_alone_is_automated_not_an_out_of_office() -> None:
    info = classify(message(PERSON, "Re: Interview", extra="X-Auto-Response-Suppress: All\r\n"))
    assert info.kind is MessageClass.OTHER
    assert any("X-Auto-Response-Suppress" in e for e in info.evidence)


@pytest.mark.parametrize(
    ("sender", "extra", "body"),
    [
        # a bulk platform known by the envelope sender's domain only
        ("Brand <hello@brand.example>", "Return-Path: <bounces+77@em1234.sendgrid.net>\r\n", "Hi"),
        ("Brand <hello@brand.example>", "Sender: <x@mail123.mcsv.net>\r\n", "Hi"),
        # known by its footer only
        ("Brand <hello@brand.example>", "", "New arrivals.\r\nUnsubscribe | View in browser"),
        ("Marque <bonjour@marque.example>", "", "Nouveautés.\r\nSe désabonner"),
        # a job board's alert from a robot is no applicant-tracking system
        ("Jobs <jobalerts-noreply@board.example>", "", "New jobs for you"),
        # a help desk acknowledging with Auto-Submitted: auto-replied
        ("Support <help@vendor.example>", "Auto-Submitted: auto-replied\r\n", "Received."),
        # challenge-response
        ("Bob <bob@free.example>", "Auto-Submitted: auto-replied\r\n",
         "Click to be added to my allowed senders, then your message is delivered."),
    ],
)  # fmt: skip
def test_automated_shapes_are_other_with_evidence(sender: str, extra: str, body: str) -> None:
    subjects = {
        "jobalerts-noreply": "Data Engineer jobs in Berlin: 30 new jobs",
        "help@": "[Ticket #48213] Re: My application",
        "bob@": "Please verify your email to reach me: allowed senders",
    }
    subject = next((s for k, s in subjects.items() if k in sender), "Spring news")
    info = classify(message(sender, subject, body, extra))
    assert info.kind is MessageClass.OTHER, info.evidence
    assert info.evidence


@pytest.mark.parametrize(
    "subject",
    [
        "[Auto-Reply] Application",
        "Absence : Application",
        "Resposta automàtica: Application",
        "Automatski odgovor: Application",
        "Автоматична відповідь: Application",
        "不在通知: Application",
        "부재중: Application",
        "תשובה אוטומטית: Application",
    ],
)
def test_more_out_of_office_subjects(subject: str) -> None:
    assert classify(message(PERSON, subject)).kind is MessageClass.AUTO_REPLY


# --- bounces -------------------------------------------------------------------------------

LOTUS = (
    "Your message\r\n\r\n  Subject: Application\r\n\r\nwas not delivered to:\r\n\r\n"
    "  dana@acme.example\r\n\r\nbecause:\r\n\r\n  User dana (dana@acme.example) not listed in "
    "Domino Directory\r\n"
)


APPLIANCE = (
    "    --- The following addresses had delivery problems ---\r\n\r\n"
    "<dana@acme.example>   (User unknown dana@acme.example)\r\n"
)


@pytest.mark.parametrize(
    ("sender", "subject", "body"),
    [
        ("Mail Router <router@gw.example>", "DELIVERY FAILURE: Application", LOTUS),
        ("Email Appliance <appliance@gw.example>", "Delivery Status", APPLIANCE),
    ],
)
def test_a_failure_notice_from_an_unknown_sender_is_a_bounce(
    sender: str, subject: str, body: str
) -> None:
    info = classify(message(sender, subject, body, "Return-Path: <>\r\n"))
    assert info.kind is MessageClass.BOUNCE, info.evidence
    assert info.failed_recipients == ("dana@acme.example",)


def test_a_person_mentioning_a_failed_delivery_is_not_a_bounce() -> None:
    body = "Hi Alice, my first mail to you could not be delivered, so I am trying again."
    assert classify(message(PERSON, "Re: Application", body)).kind is MessageClass.REPLY


def test_failed_recipients_named_in_text_are_real_addresses_only() -> None:
    body = (
        "Your message could not be delivered to the following recipients:\r\n"
        f"  Recipient: dana@acme.example (user unknown), copy to {USER}\r\n"
        "  Contact postmaster@gw.example or mailer-daemon@gw.example for help.\r\n"
        "  Reference: m1@sender.example\r\n  550 5.1.1 mailbox unavailable\r\n"
    )
    raw = message("Gateway <gateway@gw.example>", "Undeliverable: Application", body)
    info = classify(raw)
    assert info.kind is MessageClass.BOUNCE, info.evidence
    assert info.failed_recipients == ("dana@acme.example",)


def _report(status_type: str, fields: str, report_type: str = "delivery-status") -> bytes:
    body = (
        "--r1\r\nContent-Type: text/plain\r\n\r\nDelivery failed.\r\n"
        f"--r1\r\nContent-Type: {status_type}\r\n\r\nReporting-MTA: dns; mx.example\r\n\r\n"
        f"{fields}\r\n--r1--"
    )
    return message(
        "Mail Delivery System <MAILER-DAEMON@mx.example>", "Undelivered Mail", body,
        content_type=f'multipart/report; report-type={report_type}; boundary="r1"',
    )  # fmt: skip


@pytest.mark.parametrize(
    ("status_type", "report_type"),
    [
        ("message/global-delivery-status", "global-delivery-status"),
        ("text/plain", "delivery-status"),  # an old gateway's label
    ],
)
def test_reports_in_other_forms_name_their_recipients(status_type: str, report_type: str) -> None:
    fields = (
        "Final-Recipient: utf-8; dana@acme.example\r\nAction: failed\r\nStatus: 5.1.1\r\n\r\n"
        f"Final-Recipient: rfc822; {USER}\r\nAction: failed\r\nStatus: 5.1.1\r\n\r\n"
        "Final-Recipient: rfc822; bo@acme.example\r\nAction: delayed\r\nStatus: 4.4.1"
    )
    info = classify(_report(status_type, fields, report_type))
    assert info.kind is MessageClass.BOUNCE, info.evidence
    assert info.failed_recipients == ("dana@acme.example",)  # never the user, never a delay
    assert info.delayed_recipients == ("bo@acme.example",)


@pytest.mark.parametrize(
    ("subject", "body"),
    [
        ("Remise différée : Candidature",
         "Votre message n'a pas encore été remis. Le serveur continuera d'essayer."),
        ("Entrega retrasada", "El mensaje aún no ha sido entregado. 451 4.4.1 sin respuesta."),
        ("Message delay notification",
         "There is a temporary problem delivering your message. Gmail will retry for 47 hours."),
    ],
)  # fmt: skip
def test_delay_warnings_in_other_words_are_never_failures(subject: str, body: str) -> None:
    for sender in ("MAILER-DAEMON@mx.example", "Mail Gateway <gateway@gw.example>"):
        info = classify(message(sender, subject, body, "Return-Path: <>\r\n"))
        assert info.kind is MessageClass.OTHER, (sender, info.evidence)
        assert info.failed_recipients == ()


def test_a_retry_notice_that_finally_failed_is_a_bounce() -> None:
    body = "We will retry no more: 550 5.1.1 dana@acme.example: user unknown."
    info = classify(message("MAILER-DAEMON@mx.example", "Delivery delayed, now failed", body))
    assert info.kind is MessageClass.BOUNCE, info.evidence


# --- human outcomes, in ATS mail as in replies ---------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("we have decided not to progress your application at this stage", "rejection"),
        ("we will not be moving forward with your application", "rejection"),
        ("we will move forward with other candidates", "rejection"),
        ("the position has been filled", "rejection"),
        ("we have offered the position to another candidate", "rejection"),
        ("we are not able to make you an offer", "rejection"),
        ("we are pleased to offer you the role", "offer"),
        ("we'd like to extend an offer", "offer"),
    ],
)
def test_outcomes_in_ats_mail(text: str, expected: str) -> None:
    raw = message(
        "Acme Careers <no-reply@greenhouse-mail.io>", "Your application to Acme",
        f"Dear Alice,\r\n\r\n{text}.\r\n", "Auto-Submitted: auto-generated\r\n",
    )  # fmt: skip
    info = classify(raw)
    assert str(info.kind) == expected, info.evidence
    assert info.ats_vendor == "greenhouse"


# --- properties ---------------------------------------------------------------------------------

SETTINGS = settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow])
WORD = st.text(alphabet="abcdefghijklmnop", min_size=3, max_size=8)
HIDING = [
    'style="display:none"', "hidden", 'style="visibility:hidden"', 'style="font-size:0"',
    'style="opacity:0"', 'style="max-height:0;overflow:hidden"', 'style="mso-hide:all"',
]  # fmt: skip
# (elements the HTML5 parser keeps nested as written: no <p>, <a> or table cells)
TAGS = ["div", "span", "b", "i", "font", "em", "strong", "section"]


@st.composite
def trees(draw: st.DrawFn, depth: int = 0) -> tuple[str, list[str], list[str]]:
    """Random HTML, with the words each part shows and the words it hides."""
    shown: list[str] = []
    hidden: list[str] = []
    out = []
    for _ in range(draw(st.integers(0, 4 if depth < 3 else 0))):
        tag = draw(st.sampled_from(TAGS))
        hide = draw(st.sampled_from([None, None, None, *HIDING]))
        inner, inner_shown, inner_hidden = draw(trees(depth + 1))
        word = "v" + draw(WORD)
        attributes = f" {hide}" if hide else ""
        out.append(f"<{tag}{attributes}>{word} {inner}</{tag}>")
        if hide:
            hidden.extend([word, *inner_shown, *inner_hidden])
        else:
            shown.append(word)
            shown.extend(inner_shown)
            hidden.extend(inner_hidden)
    return "".join(out), shown, hidden


@SETTINGS
@given(trees())
def test_the_reader_shows_what_is_visible_and_nothing_hidden(
    tree: tuple[str, list[str], list[str]],
) -> None:
    markup, shown, hidden = tree
    text = read_html(f"<html><body>{markup}</body></html>").text
    words = set(text.split())
    assert all(word in words for word in shown), (markup, text)
    assert not words & (set(hidden) - set(shown)), (markup, text)


def _reference(phrases: list[str]) -> re.Pattern[str]:
    """The plain form of a phrase list: any case, whole words, any spaces between them."""
    parts = [r"\s+".join(re.escape(w) for w in p.split()) for p in phrases if p.split()]
    return re.compile(r"(?<!\w)(?:" + "|".join(parts) + r")(?!\w)", re.IGNORECASE)


@SETTINGS
@given(
    st.lists(st.text(alphabet="abcdAB' -", min_size=1, max_size=10), min_size=1, max_size=5),
    st.text(alphabet="abcdAB' -\n.", max_size=60),
)
def test_phrase_lists_find_what_a_plain_search_finds(phrases: list[str], text: str) -> None:
    if not any(p.split() for p in phrases):
        return
    expected = _reference(phrases).search(text) is not None
    assert (phrase_pattern(phrases).search(text) is not None) == expected


@pytest.mark.parametrize(
    ("subject", "body"),
    [
        ("Re: Interview", "Please do not reply-all. Tuesday works."),
        ("Coffee next week?", "I'm on vacation until Friday, but free after."),
        ("Re: Interview", "I was out of the office last week, sorry. Does Monday work?"),
        ("RE: Application", "My first mail to you could not be delivered, so here it is again."),
    ],
)
def test_a_person_s_words_about_replies_absences_or_delivery_stay_a_reply(
    subject: str, body: str
) -> None:
    info = classify(message(PERSON, subject, body))
    assert info.kind is MessageClass.REPLY, info.evidence
