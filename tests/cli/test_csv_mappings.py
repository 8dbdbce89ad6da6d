"""Built-in CSV mappings: a generic spreadsheet and LinkedIn's own export (Job
Applications.csv, Saved Jobs.csv) import by name, and a sample with broken rows reports
every one by its line and writes nothing. The samples are written here by hand; only the
column names and the date format are LinkedIn's."""

from __future__ import annotations

import json
import zipfile
from pathlib import Path
from typing import Any

from cli_support import Run

LINKEDIN_HEADER = (
    "Application Date,Contact Email,Contact Phone Number,Company Name,Job Title,Job Url,"
    "Resume Name,Question And Answers\n"
)
LINKEDIN = LINKEDIN_HEADER + (
    '"11/3/26, 9:41 AM",talent@nordlicht.example,+49 30 901820,Nordlicht Energie,'
    "Data Platform Engineer,https://www.linkedin.com/jobs/view/3900000101/,Priya_Raman_CV.pdf,"
    '"Years of Python: 6"\n'
    '"11/5/26, 2:15 PM",,,Kestrel Robotics,Backend Engineer,'
    "https://www.linkedin.com/jobs/view/3900000102/,Priya_Raman_CV.pdf,\n"
)
LINKEDIN_BROKEN = LINKEDIN_HEADER + (
    '"11/3/26, 9:41 AM",,,Nordlicht Energie,Data Platform Engineer,'
    "https://www.linkedin.com/jobs/view/3900000101/,cv.pdf,\n"
    "2026-11-04,,,Kestrel Robotics,Backend Engineer,https://www.linkedin.com/jobs/view/1/,cv.pdf,\n"
    '"11/6/26, 8:02 AM",,,,Site Reliability Engineer,https://www.linkedin.com/jobs/view/2/,cv.pdf,\n'
    '"11/7/26, 4:30 PM",hr@@umbra.example,,Umbra Labs,QA Lead,see the posting,cv.pdf,\n'
)
SAVED = (
    "Saved Date,Job Url,Job Title,Company Name\n"
    '"11/8/26, 7:12 PM",https://www.linkedin.com/jobs/view/3900000201/,Staff Engineer,Halyard\n'
)
SHEET = (
    "Company,Position,Date applied,Status,Link,Contact,Contact email,Source,Location\n"
    "Brightwater,Analyst,2026-10-12,Interviewing,https://jobs.brightwater.example/41,"
    "Ines Duarte,ines@brightwater.example,Referral,Lisbon\n"
    "Corvid Systems,Data Engineer,2026-10-14,Rejected,,,,Job board,Remote\n"
    "Halyard,Staff Engineer,,Wishlist,halyard.example/careers/7,,,,\n"
    "Osprey Health,Data Analyst,2026-10-20,Phone screen,,,,,\n"
)


def _apps(run: Run) -> list[dict[str, Any]]:
    return [
        json.loads(run("app", "show", str(a["id"]), "--json").stdout)
        for a in json.loads(run("app", "list", "--json").stdout)
    ]


def test_linkedin_job_applications_import_by_name(run: Run, tmp_path: Path) -> None:
    sheet = tmp_path / "Job Applications.csv"
    sheet.write_text(LINKEDIN)
    out = run("import", "csv", str(sheet), "--mapping", "linkedin").stdout
    assert out.startswith(f"imported 2 applications from {sheet} with the linkedin mapping (utf-8")
    apps = _apps(run)
    assert [(a["company"], a["role"], a["applied_on"], a["source"]) for a in apps] == [
        ("Nordlicht Energie", "Data Platform Engineer", "2026-11-03", "LinkedIn"),
        ("Kestrel Robotics", "Backend Engineer", "2026-11-05", "LinkedIn"),
    ]
    assert apps[0]["job_url"] == "https://www.linkedin.com/jobs/view/3900000101/"
    # The contact has no name: kept in the notes, not made a person called by an address.
    assert apps[0]["people"] == []
    shown = run("app", "show", "1").stdout
    assert "  notes: Years of Python: 6\n         Contact: talent@nordlicht.example," in shown
    assert (
        apps[0]["notes"] == "Years of Python: 6\nContact: talent@nordlicht.example, +49 30 901820"
    )


def test_a_linkedin_export_with_broken_rows_names_each_line_and_writes_nothing(
    run: Run, tmp_path: Path
) -> None:
    sheet = tmp_path / "Job Applications.csv"
    sheet.write_text(LINKEDIN_BROKEN)
    err = run("import", "csv", str(sheet), "--mapping", "linkedin", code=2).stderr
    assert err.count("\n") == 1
    assert err.startswith("error: 3 of 4 rows can't be imported, so none was: line 3: '2026-11-04'")
    assert "is not a date (%m/%d/%y, %I:%M %p or %m/%d/%y or %m/%d/%Y)" in err
    assert "line 4: no company;" in err
    assert "line 5: 'see the posting' is not a web address" in err
    assert "line 2" not in err
    assert json.loads(run("app", "list", "--json").stdout) == []
    preview = run("import", "csv", str(sheet), "--mapping", "linkedin", "--dry-run", code=2)
    assert preview.stderr == err


def test_the_linkedin_archive_itself_is_read(run: Run, tmp_path: Path) -> None:
    archive = tmp_path / "Basic_LinkedInDataExport_12-01-2026.zip"
    with zipfile.ZipFile(archive, "w") as zipped:
        zipped.writestr("Profile.csv", "First Name,Last Name\nPriya,Raman\n")
        zipped.writestr("Jobs/Job Applications.csv", LINKEDIN)
    assert "imported 2 applications" in run("import", "csv", str(archive), "--mapping",
                                            "linkedin").stdout  # fmt: skip
    refused = run("import", "csv", str(archive), "--mapping", "linkedin-saved", code=2).stderr
    assert refused.startswith(f"error: {archive} has no Jobs/Saved Jobs.csv (fix: give the ")
    refused = run("import", "csv", str(archive), code=2).stderr
    assert refused.startswith(f"error: {archive} is a .zip archive (fix: give the export's CSV")
    assert len(json.loads(run("app", "list", "--json").stdout)) == 2


def test_linkedin_saved_jobs_are_saved_applications(run: Run, tmp_path: Path) -> None:
    sheet = tmp_path / "Saved Jobs.csv"
    sheet.write_text(SAVED)
    run("import", "csv", str(sheet), "--mapping", "LinkedIn-Saved")
    (app,) = _apps(run)
    assert (app["company"], app["saved"], app["applied_on"], app["stage"]) == (
        "Halyard",
        True,
        None,
        "saved",
    )
    assert app["job_url"] == "https://www.linkedin.com/jobs/view/3900000201/"


def test_a_generic_sheet_keeps_the_link_source_place_and_contact(run: Run, tmp_path: Path) -> None:
    sheet = tmp_path / "applications.csv"
    sheet.write_text(SHEET)
    preview = json.loads(run("import", "csv", str(sheet), "--dry-run", "--json").stdout)
    assert preview["mapping"] == "generic"
    assert preview["columns"]["job_url"] == "Link"
    run("import", "csv", str(sheet), "--mapping", "generic")
    first, second, wished, screened = _apps(run)
    assert (first["job_url"], first["source"], first["location"], first["notes"]) == (
        "https://jobs.brightwater.example/41",
        "Referral",
        "Lisbon",
        "",
    )
    assert [(p["name"], p["email"], p["role"]) for p in first["people"]] == [
        ("Ines Duarte", "ines@brightwater.example", "recruiter")
    ]
    assert (second["outcome"], second["location"]) == ("rejected", "Remote")
    # A tracker's own stage names, and a link as sheets hold it (no https://).
    assert (wished["stage"], wished["job_url"]) == ("saved", "https://halyard.example/careers/7")
    assert (screened["stage"], screened["outcome"]) == ("applied", None)


def test_mappings_are_listed_and_an_unknown_one_is_refused(run: Run, tmp_path: Path) -> None:
    listed = json.loads(run("import", "mappings", "--json").stdout)
    assert [m["name"] for m in listed] == ["generic", "linkedin", "linkedin-saved"]
    assert listed[1]["columns"]["company"] == "Company Name"
    sheet = tmp_path / "sheet.csv"
    sheet.write_text(SHEET)
    err = run("import", "csv", str(sheet), "--mapping", "huntr", code=2).stderr
    assert err.count("\n") == 1
    assert err == (
        "error: --mapping 'huntr' is neither a built-in mapping nor a file (fix: one of "
        "generic, linkedin, linkedin-saved, or the path of a mapping file)\n"
    )
    assert "(fix: --mapping linkedin," in run("import", "csv", str(sheet), "--mapping",
                                              "linkdin", code=2).stderr  # fmt: skip
    assert json.loads(run("app", "list", "--json").stdout) == []
