"""Parsers of the applicant-tracking systems' public job-board APIs: Greenhouse, Lever,
Ashby, SmartRecruiters and Recruitee. Each is `parse(body, name) -> [Posting]`, where `name`
is the board (`greenhouse:acme` has the name "acme")."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from followup.alerts.model import Posting, Salary, WorkMode
from followup.alerts.salary import annual, number, period_of
from followup.alerts.sources.common import (
    employment_type,
    epoch,
    iso_datetime,
    listed,
    mode_from_location,
    obj,
    places,
    seniority,
    text_of,
    work_mode,
)
from followup.alerts.text import html_to_text


def board_company(name: str) -> str:
    """A company's name from its board's ("acme-labs" -> "Acme Labs") when none is given."""
    return " ".join(part.capitalize() for part in name.replace("_", "-").split("-") if part)


def greenhouse(body: bytes, name: str) -> list[Posting]:
    jobs = listed(body, f"greenhouse:{name}", "jobs", "a list of jobs")
    return [_greenhouse_job(job, name) for job in jobs if job.get("id") is not None]


def _greenhouse_job(job: Mapping[str, Any], name: str) -> Posting:
    location = text_of(obj(job.get("location")).get("name"))
    offices = [text_of(obj(o).get("name")) for o in job.get("offices") or []]
    pay = [obj(p) for p in job.get("pay_input_ranges") or []]
    salary = None
    if pay:
        salary = annual(
            (number(pay[0].get("min_cents")) or 0) / 100,
            (number(pay[0].get("max_cents")) or 0) / 100,
            text_of(pay[0].get("currency_type")),
        )
    title = text_of(job.get("title"))
    return Posting(
        source=f"greenhouse:{name}",
        source_id=str(job["id"]),
        title=title,
        company=text_of(job.get("company_name")) or board_company(name),
        url=text_of(job.get("absolute_url")),
        description=html_to_text(text_of(job.get("content")), escaped=True),
        locations=places(location, *offices),
        work_mode=mode_from_location(location),
        seniority=seniority(title),
        salary=salary,
        posted_at=iso_datetime(job.get("first_published")) or iso_datetime(job.get("updated_at")),
    )


def lever(body: bytes, name: str) -> list[Posting]:
    jobs = listed(body, f"lever:{name}", None, "a list of postings")
    return [_lever_job(job, name) for job in jobs if job.get("id")]


def _lever_job(job: Mapping[str, Any], name: str) -> Posting:
    categories = obj(job.get("categories"))
    pay = obj(job.get("salaryRange"))
    description = text_of(job.get("descriptionPlain")) or html_to_text(
        text_of(job.get("description"))
    )
    sections = [
        html_to_text(f"<h3>{text_of(obj(s).get('text'))}</h3>{text_of(obj(s).get('content'))}")
        for s in job.get("lists") or []
    ]
    title = text_of(job.get("text"))
    location = text_of(categories.get("location"))
    all_locations = [text_of(x) for x in categories.get("allLocations") or []]
    return Posting(
        source=f"lever:{name}",
        source_id=str(job["id"]),
        title=title,
        company=board_company(name),
        url=text_of(job.get("hostedUrl")),
        description="\n".join(x for x in [description, *sections] if x),
        locations=places(location, *all_locations),
        work_mode=work_mode(job.get("workplaceType")) or mode_from_location(location),
        employment_type=employment_type(categories.get("commitment")),
        seniority=seniority(title),
        salary=_range(pay, "interval"),
        posted_at=epoch(job.get("createdAt"), millis=True),
        countries=(text_of(job.get("country")).upper(),) if text_of(job.get("country")) else (),
    )


def _range(pay: Mapping[str, Any], period_field: str) -> Salary | None:
    """{min, max, currency, <period_field>} (Lever's salaryRange, Recruitee's salary)."""
    if not pay:
        return None
    period = period_of(text_of(pay.get(period_field)))
    return annual(
        number(pay.get("min")), number(pay.get("max")), text_of(pay.get("currency")), period
    )


def ashby(body: bytes, name: str) -> list[Posting]:
    jobs = listed(body, f"ashby:{name}", "jobs", "a list of jobs")
    return [
        _ashby_job(job, name)
        for job in jobs
        if job.get("jobUrl") and job.get("isListed", True) is not False
    ]


def _ashby_job(job: Mapping[str, Any], name: str) -> Posting:
    location = text_of(job.get("location"))
    secondary = [text_of(obj(x).get("location")) for x in job.get("secondaryLocations") or []]
    mode = work_mode(job.get("workplaceType"))
    if mode is None and job.get("isRemote") is True:
        mode = WorkMode.REMOTE
    country = text_of(obj(obj(job.get("address")).get("postalAddress")).get("addressCountry"))
    title = text_of(job.get("title"))
    return Posting(
        source=f"ashby:{name}",
        source_id=text_of(job.get("id")) or text_of(job.get("jobUrl")),
        title=title,
        company=board_company(name),
        url=text_of(job.get("jobUrl")),
        description=text_of(job.get("descriptionPlain"))
        or html_to_text(text_of(job.get("descriptionHtml"))),
        locations=places(location, *secondary),
        work_mode=mode or mode_from_location(location),
        employment_type=employment_type(job.get("employmentType")),
        seniority=seniority(title),
        salary=_ashby_salary(obj(job.get("compensation"))),
        posted_at=iso_datetime(job.get("publishedAt")),
        countries=(country.upper(),) if len(country) == 2 else (),
    )


def _ashby_salary(compensation: Mapping[str, Any]) -> Any:
    for component in compensation.get("summaryComponents") or []:
        part = obj(component)
        if text_of(part.get("compensationType")).lower() == "salary":
            interval = text_of(part.get("interval")).split()
            return annual(
                number(part.get("minValue")),
                number(part.get("maxValue")),
                text_of(part.get("currencyCode")),
                period_of(interval[-1] if interval else None),
            )
    return None


def smartrecruiters(body: bytes, name: str) -> list[Posting]:
    jobs = listed(body, f"smartrecruiters:{name}", "content", "a list of postings")
    return [_smartrecruiters_job(job, name) for job in jobs if job.get("id")]


def _smartrecruiters_job(job: Mapping[str, Any], name: str) -> Posting:
    place = obj(job.get("location"))
    company = obj(job.get("company"))
    identifier = text_of(company.get("identifier")) or name
    city = ", ".join(x for x in (text_of(place.get(k)) for k in ("city", "region")) if x)
    country = text_of(place.get("country"))
    title = text_of(job.get("name"))
    return Posting(
        source=f"smartrecruiters:{name}",
        source_id=str(job["id"]),
        title=title,
        company=text_of(company.get("name")) or board_company(name),
        url=f"https://jobs.smartrecruiters.com/{identifier}/{job['id']}",
        locations=places(", ".join(x for x in (city, country.upper()) if x)),
        work_mode=WorkMode.REMOTE if place.get("remote") is True else None,
        employment_type=employment_type(obj(job.get("typeOfEmployment")).get("label")),
        seniority=seniority(obj(job.get("experienceLevel")).get("label"), title),
        posted_at=iso_datetime(job.get("releasedDate")),
        countries=(country.upper(),) if len(country) == 2 else (),
    )


def recruitee(body: bytes, name: str) -> list[Posting]:
    jobs = listed(body, f"recruitee:{name}", "offers", "a list of offers")
    return [_recruitee_job(job, name) for job in jobs if job.get("id") is not None]


def _recruitee_job(job: Mapping[str, Any], name: str) -> Posting:
    mode = None
    for flag, value in (("remote", WorkMode.REMOTE), ("hybrid", WorkMode.HYBRID)):
        if job.get(flag) is True:
            mode = value
            break
    if mode is None and job.get("on_site") is True:
        mode = WorkMode.ONSITE
    pay = obj(job.get("salary"))
    country = text_of(job.get("country_code"))
    title = text_of(job.get("title"))
    published = text_of(job.get("published_at")).removesuffix(" UTC")
    return Posting(
        source=f"recruitee:{name}",
        source_id=str(job["id"]),
        title=title,
        company=text_of(job.get("company_name")) or board_company(name),
        url=text_of(job.get("careers_url")),
        description=html_to_text(
            text_of(job.get("description")) + text_of(job.get("requirements"))
        ),
        locations=places(
            ", ".join(x for x in (text_of(job.get("city")), country.upper()) if x),
        ),
        work_mode=mode,
        employment_type=employment_type(text_of(job.get("employment_type_code")).replace("_", " ")),
        seniority=seniority(text_of(job.get("experience_code")), title),
        salary=_range(pay, "period"),
        posted_at=iso_datetime(published),
        countries=(country.upper(),) if len(country) == 2 else (),
    )
