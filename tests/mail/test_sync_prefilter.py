"""The header prefilter: mail that can't concern the job search is skipped unparsed; anything
the matcher could tie to an application gets through."""

from __future__ import annotations

import pytest

from followup.mail.reading.prefilter import JobSearchFilter, header_fields


@pytest.fixture(scope="module")
def job_filter() -> JobSearchFilter:
    return JobSearchFilter.build(
        message_ids=["<Sent-1@example.test>"],
        contacts=["dana.reyes@acme.com"],
        company_domains=["initech.io"],
        company_names=["Acme", "Umbrella Corp"],
    )


def _headers(**fields: str) -> bytes:
    return "".join(f"{k.replace('_', '-')}: {v}\r\n" for k, v in fields.items()).encode()


@pytest.mark.parametrize(
    "headers",
    [
        _headers(From="Dana <Dana.Reyes@acme.com>", Subject="hello"),
        _headers(From="someone@mail.initech.io", Subject="lunch"),
        _headers(From="Umbrella Corp Recruiting <x@us.greenhouse-mail.io>", Subject="Update"),
        _headers(From="no-reply@unknown.example", Subject="Your order"),
        _headers(From="MAILER-DAEMON@mx.example", Subject="Undelivered Mail"),
        _headers(From="pat@gmail.com", Subject="Re: the Acme role"),
        _headers(From="pat@gmail.com", Subject="Your interview next week"),
        _headers(From="pat@gmail.com", Subject="hi", In_Reply_To="<sent-1@example.test>"),
        _headers(From="pat@gmail.com", Subject="=?utf-8?q?Umbrella_Corp_news?="),
        _headers(From="pat@gmail.com", Subject="hi", References="<a@b>\r\n <sent-1@example.test>"),
    ],
)
def test_what_might_concern_the_job_search_gets_through(
    job_filter: JobSearchFilter, headers: bytes
) -> None:
    assert job_filter.might_concern(headers, frozenset({"text/plain"}))


@pytest.mark.parametrize(
    "headers",
    [
        _headers(From="Mum <mum@family.example>", Subject="Sunday lunch"),
        _headers(From="news@shop.example", Subject="50% off this weekend"),
        _headers(From="pat@gmail.com", Subject="Acmeister club meeting"),  # not the word Acme
    ],
)
def test_unrelated_mail_is_skipped(job_filter: JobSearchFilter, headers: bytes) -> None:
    assert not job_filter.might_concern(headers, frozenset({"text/plain"}))


def test_calendars_and_reports_always_get_through(job_filter: JobSearchFilter) -> None:
    unrelated = _headers(From="mum@family.example", Subject="Dinner")
    assert job_filter.might_concern(unrelated, frozenset({"multipart/report", "text/plain"}))
    assert job_filter.might_concern(unrelated, frozenset({"text/calendar"}))


def test_sent_mail_to_a_contact_or_company(job_filter: JobSearchFilter) -> None:
    assert job_filter.might_concern_sent(_headers(To="Dana <dana.reyes@acme.com>"))
    assert job_filter.might_concern_sent(_headers(To="x@family.example", Cc="hr@initech.io"))
    assert not job_filter.might_concern_sent(_headers(To="mum@family.example"))


def test_folded_header_fields_are_unfolded() -> None:
    fields = header_fields(b"Subject: a\r\n  b\r\nFrom: X <x@y.z>\r\n")
    assert fields == {"subject": "a b", "from": "x <x@y.z>"}
