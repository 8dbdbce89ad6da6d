"""`followup backup`, `restore`, `import` and `export`: the data moves in and out freely."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING

import click

from followup.cli.common import ROW_ID, context, emit, json_option
from followup.cli.errors import UsageProblem
from followup.cli.output_file import check_new, force_option, write_private

if TYPE_CHECKING:
    from followup.app.csv_mappings import ColumnMapping

FILE = click.Path(dir_okay=False, path_type=Path, allow_dash=True)


def _read(path: Path) -> bytes:
    if str(path) == "-":
        return sys.stdin.buffer.read()
    try:
        return path.read_bytes()
    except OSError as exc:
        raise UsageProblem(
            f"{path} can't be read ({exc.strerror}) (fix: give the path of a file you can read)"
        ) from None


@click.command()
@click.argument("file", type=FILE, required=False)
@force_option
@json_option
def backup(file: Path | None, force: bool) -> None:
    """Write every application, person, interview, contact, skip, setting, reminder and
    outbox message to FILE (JSON, with its schema version; standard output without FILE),
    readable by you only; an existing FILE is replaced only with --force.
    Passwords and notification URLs are never in it: they are not in the database."""
    from followup.app.transfer import backup_bytes

    check_new(file, force)
    data = backup_bytes(context())
    if file is None:
        write_private(None, data + b"\n", force)
        return
    write_private(file, data, force)
    emit({"file": str(file), "bytes": len(data)}, lambda: click.echo(f"backed up to {file}"))


@click.command()
@click.argument("file", type=FILE)
@json_option
def restore(file: Path) -> None:
    """Restore a backup FILE into an empty home (a new FOLLOWUP_HOME or database): every
    row as it was, so the plan is the same. A backup from a newer followup is refused."""
    from followup.app.transfer import restore as restore_backup

    restored = restore_backup(context(), _read(file), str(file))
    total = sum(restored.rows.values())
    emit(
        {"schema_version": restored.schema_version, "rows": restored.rows},
        lambda: click.echo(f"restored {total} rows from {file}"),
    )


@click.group("import")
def import_() -> None:
    """Bring applications in (a spreadsheet's CSV, another tracker's export) and people
    (vCard)."""


def _mapping(given: str | None) -> ColumnMapping | None:
    """The built-in mapping of that name, else the mapping file at that path."""
    from followup.app.csv_mappings import builtin_mapping, builtin_mappings, load_mapping

    if given is None:
        return None
    found = builtin_mapping(given)
    if found is not None:
        return found
    path = Path(given)
    if not path.is_file():
        import difflib

        names = list(builtin_mappings())
        close = difflib.get_close_matches(given.lower(), names, n=1)
        meant = f"--mapping {close[0]}" if close else f"one of {', '.join(names)}"
        raise UsageProblem(
            f"--mapping {given!r} is neither a built-in mapping nor a file "
            f"(fix: {meant}, or the path of a mapping file)"
        )
    return load_mapping(_read(path).decode("utf-8", "replace"), str(path))


@import_.command("csv")
@click.argument("file", type=FILE)
@click.option(
    "--mapping",
    metavar="NAME|FILE",
    help="A built-in mapping (generic, linkedin, linkedin-saved: `followup import "
    "mappings`) or a YAML file: columns: {field: header}. Default: generic.",
)
@click.option("--encoding", help="The file's encoding (default: detected).")
@click.option("--delimiter", help="The delimiter: , ; tab | (default: detected).")
@click.option("--dry-run", is_flag=True, help="Check every row and show them; write nothing.")
@json_option
def import_csv(
    file: Path, mapping: str | None, encoding: str | None, delimiter: str | None, dry_run: bool
) -> None:
    """Import applications from a spreadsheet's or another tracker's CSV: all rows, or none
    if any can't be read (each such row is named by its line).

    Without --mapping the usual headers are recognised (Company, Role or Position, Date
    applied, Status, Link, Source, Location, Notes, Contact, Contact email...) and so is
    the CSV of `followup export csv`. For another tracker's export name its mapping
    (`--mapping linkedin`; all of them: `followup import mappings`). For any other sheet
    write a mapping file (YAML) naming the column of each field; `date_format` says how
    its dates are written (default: 2026-03-01):

    \b
        columns: {company: Employer, role: Position, applied: Sent on}
        date_format: "%d/%m/%Y"

    Fields: company, role, applied, status, decided, country, tz, job_url, source,
    location, work_mode, salary_min, salary_max, salary_currency, salary_period, tags,
    offer_deadline, offer_base, offer_bonus, offer_currency, offer_notes, notes, contacts
    (one person a line: Name <email>; role; title; phone), contact_name, contact_email,
    contact_phone, contact_role."""
    from followup.app.csv_import import ImportRequest, export_record
    from followup.app.csv_import import import_csv as run_import

    request = ImportRequest(_read(file), str(file), _mapping(mapping), encoding, delimiter, dry_run)
    report = run_import(context(), request)
    verb = "would import" if dry_run else "imported"

    def human() -> None:
        count = f"{len(report.rows)} application{'' if len(report.rows) == 1 else 's'}"
        click.echo(
            f"{verb} {count} from {file} with the {report.mapping} mapping "
            f"({report.encoding}, delimiter {report.delimiter!r})"
        )
        for row in report.rows:
            click.echo(f"  line {row.line}: {row.company} - {row.role}")

    emit(export_record(report), human)


@import_.command("mappings")
@json_option
def import_mappings() -> None:
    """List the built-in column mappings of `followup import csv --mapping NAME`: which
    export each one reads, and its columns."""
    from followup.app.csv_mappings import builtin_mappings

    mappings = builtin_mappings()
    records = [
        {
            "name": m.name,
            "about": m.about,
            "columns": dict(m.columns) if m.aliases is None else {},
            "date_formats": list(m.date_formats),
            "values": dict(m.values),
        }
        for m in mappings.values()
    ]

    def human() -> None:
        import textwrap

        for m in mappings.values():
            click.echo(click.style(m.name, bold=True))
            click.echo(textwrap.fill(m.about, 88, initial_indent="  ", subsequent_indent="  "))
            for field_name, header in m.columns.items():
                click.echo(f"    {header!r} -> {field_name}")

    emit(records, human)


@import_.command("vcard")
@click.argument("file", type=FILE)
@click.option("--app", "app_id", type=ROW_ID, required=True, help="The application they're at.")
@json_option
def import_vcard(file: Path, app_id: int) -> None:
    """Add the people of a vCard FILE (.vcf) to the application --app, all or none."""
    from followup.app.vcards import VcardImport, import_vcards

    text = _read(file).decode("utf-8", "replace")
    added = import_vcards(context(), VcardImport(app_id, text, str(file)))
    emit(
        [{"id": p.id, "name": p.name, "email": p.email} for p in added],
        lambda: click.echo(f"added {len(added)} people to application {app_id}"),
    )


@click.group()
def export() -> None:
    """Take applications (CSV) and people (vCard 4) out."""


def _written(file: Path | None, text: str, force: bool, count: int, noun: str) -> None:
    """Write `text` to FILE (private) or standard output; for a FILE, say what was written."""
    write_private(file, text.encode(), force)
    if file is not None:
        emit(
            {"file": str(file), noun: count},
            lambda: click.echo(f"exported {count} {noun} to {file}"),
        )


@export.command("csv")
@click.argument("file", type=FILE, required=False)
@force_option
@json_option
def export_csv(file: Path | None, force: bool) -> None:
    """Every application as CSV (to FILE, or standard output), read back by `import csv`:
    the posting, the outcome, the offer's terms and the people (one a line in the
    Contacts cell). FILE is readable by you only; an existing one is replaced only with
    --force. --json: what was written to FILE, as JSON."""
    import csv
    import io

    from followup.app.csv_export import export_csv as run_export

    check_new(file, force)
    text = run_export(context())
    rows = sum(1 for _ in csv.reader(io.StringIO(text))) - 1
    _written(file, text, force, rows, "applications")


@export.command("vcard")
@click.argument("file", type=FILE, required=False)
@click.option("--app", "app_id", type=ROW_ID, help="Only this application's people.")
@force_option
@json_option
def export_vcard(file: Path | None, app_id: int | None, force: bool) -> None:
    """The people as vCard 4 (to FILE, or standard output). FILE is readable by you only;
    an existing one is replaced only with --force. --json: what was written to FILE."""
    from followup.app.vcards import export_vcards

    check_new(file, force)
    text = export_vcards(context(), app_id)
    _written(file, text, force, text.count("BEGIN:VCARD"), "people")
