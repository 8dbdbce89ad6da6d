"""Shapes heldout29 taught: an ERP's recruitment mail, known by the header naming the record
it was composed from; an HTML page built from a template (a linked banner, no text part)
about an application; a notice in a script written without spaces, whose words are not
counted by spaces; an offer phrase whose gap names a step of the process; outcomes in
Dutch, German, Vietnamese and Japanese wording. Each test writes its own message, in other
words than the batch, beside a twin that looks alike but is read the other way."""

from __future__ import annotations

import pytest
from mail_samples import USER, message

from followup.mail.reading.classify import MessageClass, MessageInfo, classify_message

RECRUITER = "Tomas Reyes <tomas.reyes@millbrook-foods.example>"
HTML = "text/html; charset=utf-8"


def classify(raw: bytes) -> MessageInfo:
    return classify_message(raw, user_addresses=[USER])


def test_mail_composed_from_an_applicant_record_is_ats_mail() -> None:
    body = "<p>Hello,</p><p>Your application for Line Supervisor reached us. Any questions?</p>"
    extra = "X-Odoo-Objects: hr.applicant-7\r\n"
    info = classify(message(RECRUITER, "Your Job Application: Line Supervisor", body, extra, HTML))
    assert info.kind is MessageClass.ATS, info.evidence


def test_a_recruiter_answering_from_the_same_record_writes_a_reply() -> None:
    body = "<p>Hi Alice, yes - the shift starts at seven. See you Monday?</p>"
    extra = "X-Odoo-Objects: hr.applicant-7\r\nIn-Reply-To: <a1@mail.example>\r\n"
    subject = "Re: Your Job Application: Line Supervisor"
    info = classify(message(RECRUITER, subject, body, extra, HTML))
    assert info.kind is MessageClass.REPLY, info.evidence


def test_a_template_page_under_a_banner_about_an_interview_is_ats_mail() -> None:
    body = (
        '<table><tr><td><a href="https://jobs.millbrook-foods.example">'
        '<img src="https://jobs.millbrook-foods.example/banner.png"></a></td></tr>'
        "<tr><td>Dear Alice, we would like to meet you for an interview on 4 March at "
        "10:00 at our Leeds site. Please bring photo identification.</td></tr></table>"
    )
    info = classify(
        message("Millbrook HR <hr@millbrook-foods.example>", "Interview", body, "", HTML)
    )
    assert info.kind is MessageClass.ATS, info.evidence


def test_a_person_writing_html_with_a_logo_about_lunch_is_a_reply() -> None:
    body = (
        "<p>Hi Alice, lunch on Friday works for me. Shall we try the new place by the "
        "river, around half past twelve?</p>"
        '<a href="https://millbrook-foods.example">'
        '<img src="https://millbrook-foods.example/logo.png"></a>'
    )
    info = classify(message(RECRUITER, "Lunch on Friday", body, "", HTML))
    assert info.kind is MessageClass.REPLY, info.evidence


def test_a_chinese_notice_under_a_linked_logo_has_words() -> None:
    body = (
        '<a href="https://jobs.example.cn"><img src="https://jobs.example.cn/logo.png"></a>'
        "<p>您好，您的简历已通过筛选，请于下周二上午十点到公司参加面试，地址见附件。</p>"
    )
    info = classify(message("招聘组 <hr@zhiyuan.example>", "面试通知", body, "", HTML))
    assert info.kind is MessageClass.ATS, info.evidence
    assert not any("almost no words" in reason for reason in info.evidence)


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("You have been selected for the Lab Technician position. Welcome!", MessageClass.OFFER),
        (
            "You have been selected for the interview stage of the Lab Technician position.",
            MessageClass.REPLY,
        ),
        (
            "We'd like to move forward with an offer for the Lab Technician role.",
            MessageClass.OFFER,
        ),
        (
            "We're ready to move forward with an offer for the house on Mill Lane.",
            MessageClass.REPLY,
        ),
    ],
)
def test_an_offer_phrase_with_a_step_in_its_gap_gives_no_job(text: str, kind: MessageClass) -> None:
    info = classify(message(RECRUITER, "Lab Technician", f"Hi Alice,\n\n{text}\n\nTomas"))
    assert info.kind is kind, info.evidence


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        (
            "Wir haben uns entschieden, mit anderen KandidatInnen weiterzumachen.",
            MessageClass.REJECTION,
        ),
        (
            "Leider ist die Stelle schon mit einer anderen Bewerber:in besetzt.",
            MessageClass.REJECTION,
        ),
        (
            "Ik vrees dat we op dit moment niet op zoek zijn naar nieuwe collega's.",
            MessageClass.REJECTION,
        ),
        ("Volgende week zit ik helaas niet bij het gesprek.", MessageClass.REPLY),
        ("Rất tiếc, hồ sơ của bạn chưa phù hợp với vị trí này.", MessageClass.REJECTION),
        ("Rất tiếc, thứ Năm tôi bận, hẹn thứ Sáu nhé.", MessageClass.REPLY),
        (
            "Leider konnten wir Ihre Bewerbung nicht in die engere Wahl ziehen.",
            MessageClass.REJECTION,
        ),
        ("Für diese Stelle hat es diesmal leider nicht gepasst.", MessageClass.REJECTION),
        ("Diesmal hat der Link leider nicht geklappt, hier ein neuer.", MessageClass.REPLY),
        (
            "Wir haben uns entschieden, mit anderen Bewerbungen fortzufahren.",
            MessageClass.REJECTION,
        ),
        ("Leider müssen wir Ihnen dieses Mal absagen.", MessageClass.REJECTION),
        ("Leider muss ich den Termin am Dienstag absagen.", MessageClass.REPLY),
        (
            "Es tut uns leid: eine andere Person hat noch besser gepasst.",
            MessageClass.REJECTION,
        ),
        ("Es tut uns leid, der Raum ist heute besetzt.", MessageClass.REPLY),
        ("We had to make the call to decline your application.", MessageClass.REJECTION),
        ("今回はご希望に添いかねる結果となりました。", MessageClass.REJECTION),
        ("面接の日程はご希望に添えるよう調整いたします。", MessageClass.REPLY),
    ],
)
def test_outcomes_in_other_languages(text: str, kind: MessageClass) -> None:
    info = classify(message(RECRUITER, "Bewerbung / sollicitatie / ứng tuyển / 応募", text))
    assert info.kind is kind, info.evidence
