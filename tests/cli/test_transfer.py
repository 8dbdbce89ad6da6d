"""Backup and restore, CSV and vCard import and export, through the CLI: a restored home
plans exactly as the original (the demo data and a generated 1,000-application search),
and bad input (another encoding or delimiter, a missing column, broken rows, a malformed
vCard, a backup from a newer followup) is refused in one line with nothing written."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from cli_support import Run

from followup.store.schema_revisions import HEAD

AS_OF = "2026-03-20T09:00"


@pytest.fixture
def homes(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Callable[[str], Path]:
    """use("a") points FOLLOWUP_HOME at home a (made private), and returns it."""

    def use(name: str) -> Path:
        home = tmp_path / name
        home.mkdir(mode=0o700, exist_ok=True)
        monkeypatch.setenv("FOLLOWUP_HOME", str(home))
        return home

    return use


def _round_trip(
    run: Run, homes: Callable[[str], Path], tmp_path: Path, as_of: str = AS_OF
) -> tuple[str, str]:
    """Backup of home a restored into home b: both homes' `plan --json` as of `as_of`."""
    homes("a")
    before = run("plan", "--json", "--as-of", as_of).stdout
    run("backup", str(tmp_path / "backup.json"))
    homes("b")
    restored = json.loads(run("restore", str(tmp_path / "backup.json"), "--json").stdout)
    assert restored["rows"]["applications"] > 0
    return before, run("plan", "--json", "--as-of", as_of).stdout


def test_the_demo_restored_into_an_empty_home_plans_the_same(
    run: Run, homes: Callable[[str], Path], tmp_path: Path
) -> None:
    run("demo", "--home", str(homes("a")))  # dated relative to now
    as_of = (datetime.now(UTC) + timedelta(hours=2)).strftime("%Y-%m-%dT%H:%M+00:00")
    before, after = _round_trip(run, homes, tmp_path, as_of)
    assert len(json.loads(before)) > 5
    assert after == before
    today_b = run("today", "--json", "--as-of", as_of).stdout
    homes("a")
    assert run("today", "--json", "--as-of", as_of).stdout == today_b


def test_a_generated_search_of_1000_applications_restored_plans_the_same(
    run: Run, homes: Callable[[str], Path], tmp_path: Path
) -> None:
    from followup.app.clock import FixedClock
    from followup.app.root import build_context
    from followup.app.sample import generate_search

    homes("a")
    ctx = build_context(clock=FixedClock(datetime(2026, 3, 18, 12, tzinfo=UTC)))
    generate_search(ctx, 1000)
    ctx.close()
    before, after = _round_trip(run, homes, tmp_path)
    assert len(json.loads(before)) > 500  # most of the 1,000 applications have an action
    assert after == before
    backup = json.loads((tmp_path / "backup.json").read_text())
    run("backup", str(tmp_path / "again.json"))  # home b, backed up again: the same rows
    again = json.loads((tmp_path / "again.json").read_text())
    assert again["tables"] == backup["tables"]


def test_a_backup_from_a_newer_followup_is_refused_and_nothing_written(
    run: Run, homes: Callable[[str], Path], tmp_path: Path
) -> None:
    homes("a")
    run("app", "add", "--company", "Acme", "--role", "SRE")
    run("backup", str(tmp_path / "backup.json"))
    document = json.loads((tmp_path / "backup.json").read_text())
    newer = tmp_path / "newer.json"
    newer.write_text(json.dumps(document | {"schema_version": "0042"}))
    homes("b")
    result = run("restore", str(newer), code=2)
    assert result.stderr == (
        f"error: {newer} was made by a newer followup (schema 0042; this one knows up to "
        f"{HEAD}) (fix: upgrade followup to the version that made the backup, then restore)\n"
    )
    document["tables"]["applications"]["columns"].append("salary")
    newer.write_text(json.dumps(document))
    assert "doesn't know (applications.salary)" in run("restore", str(newer), code=2).stderr
    assert json.loads(run("app", "list", "--json").stdout) == []
    run("restore", str(tmp_path / "backup.json"))
    assert "already holds data" in run("restore", str(tmp_path / "backup.json"), code=2).stderr
    (tmp_path / "notes.txt").write_text("not a backup")
    assert "is not a followup backup" in run("restore", str(tmp_path / "notes.txt"), code=2).stderr


SPREADSHEET = (
    "Employer;Position;Date applied;Status;Notes;Contact;Contact email\n"
    "Müller Lebensmittel;Datenanalyst;2026-02-01;;Bewerbung über die Webseite;Jörg Weiß;"
    "jw@mueller.example\n"
    "Café Olé;Barista-Ingenieur;2026-02-03;rejected;;;\n"
    "Straße & Co;Entwickler;2026-02-04;;;;\n"
)
BROKEN = (
    "Company,Role,Date applied\n"
    "Acme,Data Engineer,2026-02-01\n"
    ",Platform Engineer,2026-02-02\n"
    "Globex,SRE,2026-02-03\n"
    "Initech,Analyst,01/02/2026\n"
)


def test_a_spreadsheet_in_cp1252_with_semicolons_is_read_and_imported(
    run: Run, tmp_path: Path
) -> None:
    sheet = tmp_path / "sheet.csv"
    sheet.write_bytes(SPREADSHEET.encode("cp1252"))
    preview = json.loads(run("import", "csv", str(sheet), "--dry-run", "--json").stdout)
    assert preview["delimiter"] == ";"  # the encoding: one that reads every name right
    assert [r["company"] for r in preview["rows"]] == [
        "Müller Lebensmittel",
        "Café Olé",
        "Straße & Co",
    ]
    assert [r["line"] for r in preview["rows"]] == [2, 3, 4]
    assert json.loads(run("app", "list", "--json").stdout) == []  # the dry run wrote nothing
    assert "imported 3 applications" in run("import", "csv", str(sheet)).stdout
    shown = json.loads(run("app", "show", "1", "--json").stdout)
    assert shown["people"][0]["name"] == "Jörg Weiß"
    exported = tmp_path / "out.csv"
    run("export", "csv", str(exported))
    text = exported.read_text()
    assert text.splitlines()[0].startswith("Id,Company,Role,Applied,Status,Stage")
    assert "Café Olé,Barista-Ingenieur,2026-02-03,rejected,rejected" in text


def test_broken_rows_are_each_reported_and_nothing_is_written(run: Run, tmp_path: Path) -> None:
    sheet = tmp_path / "broken.csv"
    sheet.write_text(BROKEN)
    result = run("import", "csv", str(sheet), code=2)
    assert result.stderr.count("\n") == 1
    assert result.stderr.startswith("error: 2 of 4 rows can't be imported, so none was: ")
    assert "line 3: no company" in result.stderr
    assert "line 5: '01/02/2026' is not a date (YYYY-MM-DD)" in result.stderr
    assert json.loads(run("app", "list", "--json").stdout) == []
    mapping = tmp_path / "mapping.yaml"
    mapping.write_text("columns:\n  company: Company\n  role: Role\n  applied: Date applied\n")
    assert "line 3" in run("import", "csv", str(sheet), "--mapping", str(mapping), code=2).stderr


def test_a_missing_column_a_wrong_encoding_and_a_malformed_vcard_are_refused(
    run: Run, tmp_path: Path
) -> None:
    sheet = tmp_path / "sheet.csv"
    sheet.write_text("Employer,Salary\nAcme,100\n")
    missing = run("import", "csv", str(sheet), code=2).stderr
    assert "has no column for the role (looked for role / position / job title)" in missing
    sheet.write_bytes(SPREADSHEET.encode("cp1252"))
    wrong = run("import", "csv", str(sheet), "--encoding", "utf-8", code=2).stderr
    assert "is not utf-8 text" in wrong and "--encoding cp1252" in wrong
    run("app", "add", "--company", "Acme", "--role", "SRE")
    card = tmp_path / "people.vcf"
    card.write_text("BEGIN:VCARD\nVERSION:4.0\nFN Dana Chen\nEND:VCARD\n")
    bad = run("import", "vcard", str(card), "--app", "1", code=2).stderr
    assert bad.startswith(f"error: {card} is not a valid vCard file") and bad.count("\n") == 1
    assert json.loads(run("app", "show", "1", "--json").stdout)["people"] == []


def test_people_go_out_and_back_in_as_vcard_4(run: Run, tmp_path: Path) -> None:
    run("app", "add", "--company", "Acme", "--role", "SRE")
    run("person", "add", "--app", "1", "--name", "Dana Chén", "--email", "dana@acme.example")
    run("app", "add", "--company", "Globex", "--role", "SRE")
    cards = tmp_path / "people.vcf"
    run("export", "vcard", str(cards), "--app", "1")
    text = cards.read_text()
    assert "VERSION:4.0" in text and "FN:Dana Chén" in text and "ORG:Acme" in text
    added = json.loads(run("import", "vcard", str(cards), "--app", "2", "--json").stdout)
    assert [(p["name"], p["email"]) for p in added] == [("Dana Chén", "dana@acme.example")]


def _kept(run: Run) -> list[tuple[object, ...]]:
    """What a round trip must keep of each application (the day and the outcome's day)."""
    return [
        (a["company"], a["role"], a["applied_on"], a["saved"], a["outcome"], a["stage"],
         (a["outcome_at"] or "")[:10], a["country"], a["tz"])
        for a in json.loads(run("app", "list", "--json").stdout)
    ]  # fmt: skip


def _details(run: Run) -> list[dict[str, object]]:
    """What else a round trip must keep: the posting, the offer's terms and the people."""
    kept = []
    for a in json.loads(run("app", "list", "--json").stdout):
        shown = json.loads(run("app", "show", str(a["id"]), "--json").stdout)
        people = [{k: p[k] for k in ("name", "email", "role", "title", "phone")}
                  for p in shown["people"]]  # fmt: skip
        kept.append({k: v for k, v in shown.items() if k in DETAILS} | {"people": people})
    return kept


DETAILS = ("job_url", "source", "location", "work_mode", "salary", "tags", "offer", "notes")


# fmt: off
ROUND_TRIP = (
    ("app", "add", "--company", "Acme", "--role", "SRE", "--applied-on", "2026-01-17",
     "--url", "https://jobs.acme.example/sre?ref=1", "--source", "Referral, from Lee",
     "--location", "Berlin", "--work-mode", "hybrid", "--salary-min", "70000",
     "--salary-max", "85000", "--salary-currency", "EUR", "--salary-period", "year",
     "--tag", "infra", "--tag", "on-call", "--notes", "Line one\nLine two, with a comma"),
    ("person", "add", "--app", "1", "--name", "Dana Chén", "--email", "dana@acme.example",
     "--role", "recruiter", "--title", "Talent Partner, EMEA", "--phone", "+49 30 1234567"),
    ("person", "add", "--app", "1", "--name", "Lee Park", "--role", "hiring-manager"),
    ("app", "add", "--company", "Globex", "--role", "Analyst", "--applied-on", "2026-01-05",
     "--country", "DE", "--tz", "Europe/Berlin"),
    ("outcome", "--app", "2", "offer", "--at", "2026-02-10T09:00", "--offer-deadline",
     "2026-02-20", "--offer-base", "90000", "--offer-bonus", "5000", "--offer-currency",
     "EUR", "--offer-notes", "30 days off; stock: none"),
    ("app", "add", "--company", "Initech", "--role", "Dev", "--applied-on", "2026-01-03"),
    ("outcome", "--app", "3", "rejected", "--at", "2026-01-20T09:00"),
    ("app", "add", "--company", "Hooli", "--role", "PM", "--saved"),
    ("outcome", "--app", "1", "declined", "--at", "2026-02-01T10:00"),
)
# fmt: on


def test_export_csv_is_read_back_by_import_csv_into_an_empty_home(
    run: Run, homes: Callable[[str], Path], tmp_path: Path
) -> None:
    homes("a")
    for command in ROUND_TRIP:
        run(*command)
    before, details = _kept(run), _details(run)
    assert details[0]["people"][1]["role"] == "hiring-manager"
    assert details[1]["offer"]["base"] == 90000
    sheet = tmp_path / "apps.csv"
    run("export", "csv", str(sheet))
    assert "Acme,SRE,2026-01-17,declined,declined,2026-02-01," in sheet.read_text()
    homes("b")
    assert "imported 4 applications" in run("import", "csv", str(sheet)).stdout
    assert _kept(run) == before
    assert {a[4] for a in before} == {"declined", "offer", "rejected", None}
    assert _details(run) == details
    again = tmp_path / "again.csv"
    run("export", "csv", str(again))
    # Exported again, the same sheet: only the next action's due time may move (the outcome's
    # day travels, not its hour).
    first, second = (list(csv.DictReader(io.StringIO(f.read_text()))) for f in (sheet, again))
    assert [r | {"Next due": ""} for r in second] == [r | {"Next due": ""} for r in first]


def test_a_cp1252_sheet_is_read_as_cp1252(run: Run, tmp_path: Path) -> None:
    sheet = tmp_path / "cp.csv"
    sheet.write_bytes(
        "Company;Role;Date applied\nMüller GmbH;Entwickler;2026-11-01\n".encode("cp1252")
    )
    result = run("import", "csv", str(sheet))
    assert "(cp1252, delimiter ';')" in result.stdout
    assert json.loads(run("app", "list", "--json").stdout)[0]["company"] == "Müller GmbH"
    greek = (
        "Εταιρεία;Θέση;Ημερομηνία\n"
        + "Ελληνική Εταιρεία Λογισμικού;Προγραμματιστής;2026-11-01\n" * 3
    )
    other = tmp_path / "greek.csv"
    other.write_bytes(greek.encode("cp1253"))
    preview = json.loads(run("import", "csv", str(other), "--dry-run", "--json",
                             "--mapping", str(_greek_mapping(tmp_path))).stdout)  # fmt: skip
    assert preview["encoding"] != "cp1252"


def _greek_mapping(tmp_path: Path) -> Path:
    mapping = tmp_path / "greek.yaml"
    mapping.write_text("columns:\n  company: Εταιρεία\n  role: Θέση\n  applied: Ημερομηνία\n")
    return mapping


def test_files_are_written_private_and_never_over_an_existing_one(run: Run, tmp_path: Path) -> None:
    run("app", "add", "--company", "Acme", "--role", "SRE")
    run("person", "add", "--app", "1", "--name", "Dana Chen")
    writes = {
        "backup.json": ("backup",),
        "apps.csv": ("export", "csv"),
        "people.vcf": ("export", "vcard"),
        "plan.ics": ("calendar", "export"),
    }
    for name, command in writes.items():
        target = tmp_path / name
        target.write_text("the user's own file\n")
        target.chmod(0o644)
        result = run(*command, str(target), code=2)
        assert (
            result.stderr
            == f"error: {target} already exists (fix: name another file, or add --force)\n"
        )
        assert target.read_text() == "the user's own file\n"
        run(*command, str(target), "--force")
        assert target.read_text() != "the user's own file\n"
        assert target.stat().st_mode & 0o777 == 0o600
        fresh = tmp_path / f"new-{name}"
        run(*command, str(fresh))
        assert fresh.stat().st_mode & 0o777 == 0o600


def test_a_rows_every_problem_is_named_and_statuses_are_read(run: Run, tmp_path: Path) -> None:
    sheet = tmp_path / "sheet.csv"
    sheet.write_text(
        "Company,Role,Date applied,Status,Country\n"
        "Acme,SRE,2026-11-02,Offer,\n"
        "Globex,Dev,2026-11-03,Ghosted,\n"
        "Initech,PM,2026-11-04,Interviewing,\n"
        ",QA,11/05/2026,Maybe,XX\n"
        "Hooli,Ops,2026-11-06,,,surplus\n"
    )
    refused = run("import", "csv", str(sheet), code=2).stderr
    assert refused.count("\n") == 1
    assert "2 of 5 rows can't be imported" in refused
    line5 = refused.split("line 5: ")[1].split("; line 6")[0]
    assert line5.startswith("no company, '11/05/2026' is not a date (YYYY-MM-DD), 'Maybe' is "
                            "not a status (e.g. saved, applied, interviewing")  # fmt: skip
    assert "'XX'" in line5
    assert "line 6: 6 values for 5 columns (a stray delimiter?)" in refused
    assert json.loads(run("app", "list", "--json").stdout) == []
    sheet.write_text("\n".join(sheet.read_text().splitlines()[:4]) + "\n")
    run("import", "csv", str(sheet))
    apps = json.loads(run("app", "list", "--json").stdout)
    assert [(a["company"], a["outcome"], a["applied_on"]) for a in apps] == [
        ("Acme", "offer", "2026-11-02"),
        ("Globex", None, "2026-11-03"),
        ("Initech", None, "2026-11-04"),
    ]
    offer_at = datetime.fromisoformat(apps[0]["outcome_at"])  # the import's time: unknown
    assert abs(offer_at - datetime.now(UTC)) < timedelta(minutes=5)
