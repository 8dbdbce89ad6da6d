"""Every source's parser over recorded responses (tests/fixtures/alerts), and the odd ones."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest

from followup.alerts.model import Salary, WorkMode
from followup.alerts.sources import ats, boards, feeds
from followup.alerts.sources.common import SourceError
from followup.alerts.sources.registry import first_url, next_url, source_spec
from followup.errors import UserError

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures" / "alerts"


def body(name: str) -> bytes:
    return (FIXTURES / name).read_bytes()


def test_greenhouse_unescapes_the_content_and_reads_the_pay_range() -> None:
    first, second = ats.greenhouse(body("greenhouse_acme.json"), "acme")
    assert first.key == "greenhouse:acme#4011"
    assert first.company == "Acme Analytics"
    assert first.title == "Senior Data Engineer"
    assert first.work_mode is WorkMode.REMOTE  # said only in the location's text
    assert first.seniority == "senior"
    assert first.salary == Salary("USD", 150000, 185000)
    assert first.posted_at == datetime(2026, 11, 29, 19, 0, tzinfo=UTC)
    assert "What you will do\nDesign streaming jobs in Python" in first.description
    assert "&lt;" not in first.description and "<p>" not in first.description
    assert "trackVisit" not in first.description  # scripts are not text
    assert "$150,000" in first.description
    # no company name in the listing: the board's; no salary, no mode: unknown
    assert (second.company, second.salary, second.work_mode) == ("Acme", None, None)
    assert second.locations == ("Berlin, Germany",)


def test_lever_reads_workplace_commitment_and_an_hourly_wage() -> None:
    agency, qa = ats.lever(body("lever_talentbridge.json"), "talentbridge")
    assert agency.work_mode is WorkMode.REMOTE
    assert agency.employment_type == "contract"
    assert agency.countries == ("US",)
    assert agency.posted_at == datetime.fromtimestamp(1764500000, UTC)
    assert qa.salary == Salary("CAD", 38 * 2080, 45 * 2080)
    assert qa.work_mode is WorkMode.ONSITE
    assert "Requirements\nTwo years of QA\nSome SQL" in qa.description


def test_ashby_skips_unlisted_jobs_and_reads_the_compensation() -> None:
    (job,) = ats.ashby(body("ashby_globex.json"), "globex")
    assert job.title == "Backend Engineer, Python"
    assert job.locations == ("Lisbon", "Porto")
    assert job.work_mode is WorkMode.REMOTE
    assert job.employment_type == "full-time"
    assert job.salary == Salary("EUR", 70000, 90000)
    assert job.description == "Build the payment APIs in Python & PostgreSQL."
    assert job.countries == ("PT",)


def test_smartrecruiters_builds_the_job_url_and_reads_the_levels() -> None:
    (job,) = ats.smartrecruiters(body("smartrecruiters_initech.json"), "initech")
    assert job.url == "https://jobs.smartrecruiters.com/Initech/744000012345678"
    assert job.locations == ("Austin, TX, US",)
    assert (job.work_mode, job.employment_type, job.seniority) == (
        WorkMode.REMOTE,
        "full-time",
        "mid",
    )
    assert job.description == ""


def test_recruitee_reads_flags_and_a_monthly_salary() -> None:
    (job,) = ats.recruitee(body("recruitee_umbrella.json"), "umbrella")
    assert job.work_mode is WorkMode.HYBRID
    assert job.salary == Salary("EUR", 66000, 84000)
    assert job.posted_at == datetime(2026, 11, 25, 9, tzinfo=UTC)
    assert "Train models that read lab results \u2014 carefully." in job.description
    assert job.employment_type == "full-time"


def test_personio_reads_the_xml_and_its_cdata_html() -> None:
    (job,) = boards.personio(body("personio_hooli.xml"), "hooli")
    assert (job.company, job.title) == ("Hooli GmbH", "Platform Engineer (Python)")
    assert job.locations == ("München", "Hamburg")
    assert job.description.startswith("Your tasks\nRun our Kubernetes clusters")
    assert job.url == "https://hooli.jobs.personio.de/job/902114"
    assert job.employment_type == "full-time"


def test_remoteok_skips_the_legal_notice_and_zero_salaries() -> None:
    acme, rust = boards.remoteok(body("remoteok.json"))
    assert acme.source == "remoteok" and acme.source_id == "90211"
    assert acme.work_mode is WorkMode.REMOTE
    assert acme.salary == Salary("USD", 150000, 185000)
    assert rust.salary is None
    assert rust.description == "Compile things to WebAssembly & make them fast.\nrust wasm"


def test_hn_takes_the_hiring_thread_and_one_job_per_top_level_comment() -> None:
    assert boards.hn_thread_id(body("hn_search.json")) == "46100000"
    first, second = boards.hn_jobs(body("hn_item.json"))
    assert (first.company, first.title) == ("Pennypacker Labs", "Senior Rust Engineer")
    assert first.locations == ("Seattle, WA",)
    assert first.work_mode is WorkMode.REMOTE
    assert first.salary == Salary("USD", 170000, 210000)
    assert first.employment_type == "full-time"
    assert "Canada" not in first.description  # replies are not the job
    assert second.work_mode is WorkMode.ONSITE
    assert second.url == "https://news.ycombinator.com/item?id=46100125"


def test_rss_splits_company_and_role() -> None:
    (job,) = feeds.feed(body("wwr.rss"), "https://boards.example/feed.rss")
    assert (job.company, job.title) == ("Vandelay Industries", "Python Developer")
    assert job.source_id == "https://boards.example/jobs/vandelay-python-developer"
    assert job.description == "Import/export software in Python and Django."
    assert job.posted_at == datetime(2026, 11, 30, 12, tzinfo=UTC)


def test_an_rss_items_company_comes_from_the_item_never_the_feeds_title() -> None:
    jobs = feeds.feed(body("mixed.rss"), "https://tristate.example/feed.rss")
    assert [(j.company, j.title) for j in jobs] == [
        ("Pendant Publishing", "Data Analyst"),  # <company>
        ("Monk's Cafe Systems", "Site Reliability Engineer"),  # <job:company>
        ("Kenny Rogers Roasters", "Staff Frontend Engineer"),  # "Role at Company"
        ("", "Night Shift Support Engineer"),  # RSS's <author> is an address, not a company
    ]
    assert {j.board for j in jobs} == {"Tri-State Tech Jobs"}
    assert jobs[3].heading() == "Night Shift Support Engineer (via Tri-State Tech Jobs)"
    assert jobs[2].heading() == "Staff Frontend Engineer at Kenny Rogers Roasters"


def test_jobs_that_name_no_company_are_not_one_employer() -> None:
    from followup.alerts.dedup import title_key

    jobs = feeds.feed(body("mixed.rss"), "https://tristate.example/feed.rss")
    other = feeds.feed(body("mixed.rss"), "https://elsewhere.example/feed.rss")
    assert title_key(jobs[3]) != title_key(other[3])  # same title, two unnamed employers
    assert title_key(jobs[0]) == title_key(other[0])  # same title at the same company


def test_atom_and_json_feed() -> None:
    (atom,) = feeds.feed(body("jobs.atom"), "https://kramerica.example/jobs.atom")
    assert (atom.company, atom.title, atom.work_mode) == (
        "Kramerica",
        "Go Engineer",
        None,
    )
    (item,) = feeds.feed(body("jobs.json"), "https://pendant.example/jobs.json")
    assert (item.company, item.source_id, item.work_mode) == (
        "Pendant Publishing",
        "pp-2026-07",
        WorkMode.REMOTE,
    )


def test_a_career_page_yields_its_json_ld_job_postings() -> None:
    (job,) = feeds.feed(body("career.html"), "https://monks.example/careers")
    assert (job.company, job.source_id) == ("Monk's Cafe Systems", "SRE-12")
    assert job.work_mode is WorkMode.REMOTE
    assert job.salary == Salary("USD", 65 * 2080, 80 * 2080)
    assert job.employment_type == "full-time"
    assert job.url == "https://monks.example/careers"


PARSERS = {
    "greenhouse": ats.greenhouse,
    "lever": ats.lever,
    "personio": boards.personio,
    "feed": lambda data, _name: feeds.feed(data, "https://x.example/f"),
}


@pytest.mark.parametrize(
    ("kind", "data", "code"),
    [
        ("greenhouse", b"", "alerts.source-empty"),
        ("greenhouse", b"<!DOCTYPE html><html></html>", "alerts.source-html"),
        ("lever", b'[{"id": "a", ', "alerts.source-invalid-json"),
        ("lever", b'{"ok": true}', "alerts.source-unexpected"),
        ("personio", b"<workzag-jobs><position>", "alerts.source-invalid-xml"),
        ("feed", b"   \n", "alerts.source-empty"),
        ("feed", body("not_a_feed.html"), "alerts.source-html"),
        ("feed", b'{"items": []}', "alerts.source-not-feed"),
        ("feed", b"plain words", "alerts.source-not-feed"),
    ],
)
def test_odd_responses_are_clear_errors(kind: str, data: bytes, code: str) -> None:
    with pytest.raises(SourceError) as caught:
        PARSERS[kind](data, "x")
    assert caught.value.code == code


def test_sources_are_named_by_board_or_url() -> None:
    bases = {"greenhouse": "http://127.0.0.1:9/gh", "recruitee": "http://127.0.0.1:9/rc/{name}"}
    assert first_url(source_spec("greenhouse:acme"), bases) == (
        "http://127.0.0.1:9/gh/v1/boards/acme/jobs?content=true"
    )
    assert first_url(source_spec("recruitee:umbrella"), bases) == (
        "http://127.0.0.1:9/rc/umbrella/api/offers/"
    )
    assert first_url(source_spec("lever:x"), {}) == "https://api.lever.co/v0/postings/x?mode=json"
    assert source_spec("https://boards.example/feed.rss").label == "https://boards.example/feed.rss"
    assert source_spec("hn").label == "hn:whoishiring"
    assert next_url(source_spec("hn"), body("hn_search.json"), {}) == (
        "https://hn.algolia.com/api/v1/items/46100000"
    )
    for bad, code in [
        ("monster:acme", "alerts.source-unknown"),
        ("greenhouse:", "alerts.source-no-board"),
        ("greenhouse:a/b", "alerts.source-no-board"),
        ("https://", "alerts.source-unknown"),
    ]:
        with pytest.raises(UserError) as caught:
            source_spec(bad)
        assert caught.value.code == code
