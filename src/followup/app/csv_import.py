"""CSV import and export of applications.

Import reads a spreadsheet's CSV in any encoding and delimiter (detected, or named), maps
its columns to followup's fields (a mapping file, or the built-in `generic` mapping of the
usual headers), checks every row and writes them all in one transaction, or none: a row
that can't be imported is reported with its line number and nothing is written. A dry run
does exactly the same checks and writes nothing.

A mapping file (YAML):

    columns:                # field: the CSV's header
      company: Employer
      role: Position
      applied: Date applied
    date_format: "%d/%m/%Y" # how dates are written (default: YYYY-MM-DD)
"""

from __future__ import annotations

import csv
import io
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, time
from functools import partial
from typing import TYPE_CHECKING, Any

from followup.app.errors import InputError
from followup.errors import UserError

if TYPE_CHECKING:
    from followup.app.context import Context
    from followup.store.uow import UnitOfWork

FIELDS = (
    "company",
    "role",
    "applied",
    "status",
    "decided",
    "country",
    "tz",
    "job_link",
    "notes",
    "contact_name",
    "contact_email",
    "contact_role",
)
REQUIRED = ("company", "role")
# The built-in mapping: the headers a spreadsheet of applications usually has, per field
# (compared without case, spaces or punctuation).
GENERIC: dict[str, tuple[str, ...]] = {
    "company": ("company", "employer", "organization", "organisation", "company name"),
    "role": ("role", "position", "job title", "title", "job"),
    "applied": ("applied", "date applied", "applied on", "application date", "date"),
    "status": ("status", "stage", "outcome"),
    "decided": ("outcome date", "decided", "decided on", "status date"),
    "country": ("country",),
    "tz": ("tz", "time zone", "timezone"),
    "job_link": ("job link", "link", "url", "job url", "posting"),
    "notes": ("notes", "note", "comments"),
    "contact_name": ("contact", "contact name", "recruiter"),
    "contact_email": ("contact email", "email", "recruiter email"),
    "contact_role": ("contact role",),
}
# A status, compared like headers: the outcome it records ("" for none: still open).
STATUS_OUTCOMES = {
    "": "",
    "applied": "",
    "saved": "",
    "interviewing": "",
    "interview": "",
    "scheduled": "",
    "waiting": "",
    "inprogress": "",
    "pending": "",
    "open": "",
    "ghosted": "",
    "noresponse": "",
    "rejected": "rejected",
    "rejection": "rejected",
    "offer": "offer",
    "offered": "offer",
    "withdrawn": "withdrawn",
    "hired": "hired",
    "accepted": "hired",
    "declined": "declined",  # the candidate declined the offer (as `export csv` writes it)
}
MAX_SHOWN = 10


@dataclass(frozen=True, slots=True)
class ColumnMapping:
    columns: dict[str, str] = field(default_factory=dict)  # field -> header, from a file
    date_format: str | None = None


@dataclass(frozen=True, slots=True)
class ImportRequest:
    data: bytes
    name: str = "the file"
    mapping: ColumnMapping | None = None  # None: the built-in generic mapping
    encoding: str | None = None
    delimiter: str | None = None
    dry_run: bool = False


@dataclass(frozen=True, slots=True)
class ImportedRow:
    line: int
    company: str
    role: str
    app_id: int | None


@dataclass(frozen=True, slots=True)
class ImportReport:
    encoding: str
    delimiter: str
    columns: dict[str, str]  # field -> the header it was read from
    rows: tuple[ImportedRow, ...]
    dry_run: bool


class ImportRefused(UserError):
    default_code = "import.rows"


class _DryRun(Exception):
    """Rolls the dry run's transaction back."""


def _key(header: str) -> str:
    return "".join(c for c in header.lower() if c.isalnum())


def load_mapping(text: str, name: str) -> ColumnMapping:
    import yaml

    try:
        data = yaml.safe_load(text)
    except yaml.YAMLError as exc:
        raise InputError(
            f"{name} is not YAML ({exc})", code="import.mapping", params={"name": name}
        ) from None
    columns = data.get("columns") if isinstance(data, dict) else None
    if not isinstance(columns, dict) or not all(isinstance(v, str) for v in columns.values()):
        raise InputError(
            f"{name} has no `columns:` of field: header",
            code="import.mapping",
            params={"name": name},
        )
    unknown = sorted(set(columns) - set(FIELDS))
    if unknown:
        raise InputError(
            f"{name} maps an unknown field {unknown[0]!r}",
            code="import.mapping-field",
            params={"name": name, "fields": ", ".join(FIELDS)},
        )
    date_format = data.get("date_format")
    return ColumnMapping(dict(columns), str(date_format) if date_format else None)


def _western(data: bytes) -> str | None:
    """`data` as cp1252 (Windows' Western encoding, a superset of Latin-1 for text) if it
    reads as Western text: most letters ASCII, the others Latin letters, and no symbol
    inside a word ("M³ller" is another encoding read wrong). None: not Western text.

    A detector is unsure on a short sheet (it took "Müller" in cp1252 for cp775), and
    spreadsheets saved in Western Europe and the Americas are cp1252 far more often."""
    import unicodedata

    try:
        text = data.decode("cp1252")
    except UnicodeDecodeError:
        return None
    letters = [c for c in text if c.isalpha()]
    foreign = [c for c in letters if not c.isascii()]
    if len(foreign) * 4 > len(letters):
        return None  # mostly non-ASCII letters: Greek, Cyrillic... in another code page
    if any(not unicodedata.name(c, "").startswith("LATIN") for c in foreign):
        return None
    odd = "\u2019\u00b7"  # in a word: an apostrophe, a Catalan middle dot
    for before, c, after in zip(text, text[1:], text[2:], strict=False):
        if not (c.isascii() or c.isalpha() or c in odd) and before.isalpha() and after.isalpha():
            return None
    return text


def decode(data: bytes, encoding: str | None, name: str) -> tuple[str, str]:
    """The text and its encoding: the one named, else UTF-8, else cp1252 when it reads as
    Western text, else what charset-normalizer finds."""
    if encoding:
        try:
            return data.decode(encoding), encoding
        except LookupError:
            raise InputError(
                f"{encoding!r} is not an encoding", code="import.encoding-unknown", params={}
            ) from None
        except UnicodeDecodeError as exc:
            raise InputError(
                f"{name} is not {encoding} text (byte {exc.start})",
                code="import.encoding",
                params={"name": name},
            ) from None
    try:
        return data.decode("utf-8-sig"), "utf-8"
    except UnicodeDecodeError:
        pass
    western = _western(data)
    if western is not None:
        return western, "cp1252"
    from charset_normalizer import from_bytes

    best = from_bytes(data).best()
    if best is None:
        raise InputError(
            f"{name} is not text in an encoding followup can tell",
            code="import.encoding",
            params={"name": name},
        )
    return str(best), best.encoding


def sniff_delimiter(text: str, delimiter: str | None) -> str:
    if delimiter:
        return "\t" if delimiter in ("\\t", "tab") else delimiter
    sample = "\n".join(text.splitlines()[:20])
    try:
        return csv.Sniffer().sniff(sample, delimiters=",;\t|").delimiter
    except csv.Error:
        return ","


def resolve_columns(
    headers: Sequence[str], mapping: ColumnMapping | None, name: str
) -> dict[str, int]:
    """field -> column index; InputError naming the first required field without a column."""
    by_key = {_key(h): i for i, h in enumerate(headers)}
    found: dict[str, int] = {}
    for field_name in FIELDS:
        wanted = (
            (mapping.columns[field_name],)
            if mapping is not None and field_name in mapping.columns
            else ()
            if mapping is not None
            else GENERIC[field_name]
        )
        for header in wanted:
            if _key(header) in by_key:
                found[field_name] = by_key[_key(header)]
                break
    for required in REQUIRED:
        if required not in found:
            looked = (
                mapping.columns.get(required, required)
                if mapping
                else " / ".join(GENERIC[required][:3])
            )
            raise InputError(
                f"{name} has no column for the {required} (looked for {looked})",
                code="import.missing-column",
                params={"name": name, "field": required},
            )
    return found


def read_rows(request: ImportRequest) -> tuple[str, str, list[str], list[tuple[int, list[str]]]]:
    text, encoding = decode(request.data, request.encoding, request.name)
    delimiter = sniff_delimiter(text, request.delimiter)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    try:
        headers = next(reader)
    except StopIteration:
        raise InputError(f"{request.name} is empty", code="import.empty", params={}) from None
    except csv.Error as exc:
        raise InputError(f"{request.name}: {exc}", code="import.csv", params={}) from None
    rows = []
    try:
        for values in reader:
            if any(v.strip() for v in values):
                rows.append((reader.line_num, values))
    except csv.Error as exc:
        raise InputError(
            f"{request.name}, line {reader.line_num}: {exc}", code="import.csv", params={}
        ) from None
    return encoding, delimiter, headers, rows


def import_csv(ctx: Context, request: ImportRequest) -> ImportReport:
    """Every row or none (ImportRefused lists the rows that can't be imported)."""
    encoding, delimiter, headers, rows = read_rows(request)
    columns = resolve_columns(headers, request.mapping, request.name)
    date_format = request.mapping.date_format if request.mapping else None
    imported: list[ImportedRow] = []
    problems: list[str] = []
    try:
        with ctx.uow() as uow:
            for line, values in rows:
                record = {
                    f: values[i].strip() if i < len(values) else "" for f, i in columns.items()
                }
                if len(values) > len(headers):
                    extra = f"{len(values)} values for {len(headers)} columns"
                else:
                    extra = ""
                found = _row_problems(record, date_format, extra)
                if found:
                    problems.append(f"line {line}: {', '.join(found)}")
                    continue
                imported.append(_write_row(ctx, uow, line, record, date_format))
            if problems:
                shown = "; ".join(problems[:MAX_SHOWN])
                more = (
                    f"; and {len(problems) - MAX_SHOWN} more" if len(problems) > MAX_SHOWN else ""
                )
                count = f"{len(problems)} of {len(rows)} rows"
                raise ImportRefused(
                    f"{count} can't be imported, so none was: {shown}{more}",
                    params={"problems": problems},
                )
            if request.dry_run:
                raise _DryRun
    except _DryRun:
        pass
    return ImportReport(
        encoding,
        delimiter,
        {f: headers[i] for f, i in columns.items()},
        tuple(imported),
        request.dry_run,
    )


def _parse_date(text: str, date_format: str | None) -> date:
    try:
        if date_format:
            return datetime.strptime(text, date_format).date()
        return date.fromisoformat(text)
    except ValueError:
        raise InputError(
            f"{text!r} is not a date ({date_format or 'YYYY-MM-DD'})", code="import.date", params={}
        ) from None


def _checked(found: list[str], check: Callable[[], object]) -> None:
    """Run `check`; its refusal, if any, joins `found` (so a row's problems all show)."""
    try:
        check()
    except UserError as exc:
        found.append(exc.problem)


def _row_problems(record: Mapping[str, str], date_format: str | None, extra: str) -> list[str]:
    """Every reason this row can't be imported (empty: it can)."""
    from followup.app.validate import check_country, check_zone
    from followup.domain.model import PersonRole

    found = [f"no {name}" for name in REQUIRED if not record.get(name)]
    for text in (record.get("applied"), record.get("decided")):
        if text:
            _checked(found, partial(_parse_date, text, date_format))
    if _key(record.get("status") or "") not in STATUS_OUTCOMES:
        accepted = ", ".join(k for k in STATUS_OUTCOMES if k)
        found.append(f"{record['status']!r} is not a status (one of: {accepted})")
    _checked(found, lambda: check_country(record.get("country") or None))
    _checked(found, lambda: check_zone(record.get("tz") or None))
    role = (record.get("contact_role") or "recruiter").lower()
    if record.get("contact_name") and role not in PersonRole._value2member_map_:
        found.append(f"{role!r} is not a contact role")
    if extra:
        found.append(f"{extra} (a stray delimiter?)")
    return found


def _write_row(
    ctx: Context, uow: UnitOfWork, line: int, record: Mapping[str, str], date_format: str | None
) -> ImportedRow:
    """Write a row `_row_problems` passed: the day applied as the application's `applied_on`,
    an outcome at its own date (the import's time when the sheet has none)."""
    from followup.app.validate import check_country, check_zone
    from followup.domain.model import Outcome, PersonRole

    status = _key(record.get("status") or "")
    details: dict[str, Any] = {"saved": status == "saved" and not record.get("applied")}
    if record.get("applied"):
        details["applied_on"] = _parse_date(record["applied"], date_format)
    notes = "\n".join(x for x in (record.get("notes"), record.get("job_link")) if x)
    app = uow.applications.add(
        record["company"],
        record["role"],
        created_at=ctx.now(),
        country=check_country(record.get("country") or None),
        tz=check_zone(record.get("tz") or None),
        notes=notes,
        details=details,
    )
    if record.get("contact_name"):
        uow.people.add(
            app.id,
            record["contact_name"],
            email=record.get("contact_email") or None,
            role=PersonRole((record.get("contact_role") or "recruiter").lower()),
        )
    outcome = STATUS_OUTCOMES[status]
    if outcome:
        decided = record.get("decided")
        at = (
            datetime.combine(_parse_date(decided, date_format), time(12), ctx.zone)
            if decided
            else ctx.now()
        )
        uow.applications.set_outcome(app.id, Outcome(outcome), at)
    from followup.app.schedule import replan

    replan(ctx, uow, app.id)
    return ImportedRow(line, app.company, app.role, app.id)


# ---- export ------------------------------------------------------------------------------

EXPORT_HEADERS = (
    "Id",
    "Company",
    "Role",
    "Applied",
    "Status",
    "Stage",
    "Outcome date",
    "Country",
    "Time zone",
    "Notes",
    "Contact",
    "Contact email",
    "Next action",
    "Next due",
)


def export_csv(ctx: Context) -> str:
    """Every application as CSV, headers the built-in import mapping reads back."""
    from followup.app.app_query import applied_day
    from followup.app.planning import plan_applications

    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(EXPORT_HEADERS)
    for planned in plan_applications(ctx):
        app = planned.history.application
        contact = planned.history.people[0] if planned.history.people else None
        upcoming = min(planned.plan.actions, key=lambda a: a.due, default=None)
        writer.writerow(
            [
                app.id,
                app.company,
                app.role,
                "" if app.saved else applied_day(planned, ctx.prefs.user_tz).isoformat(),
                app.outcome.value if app.outcome else "saved" if app.saved else "",
                planned.plan.stage.value,
                app.outcome_at.astimezone(ctx.zone).date().isoformat() if app.outcome_at else "",
                app.country or "",
                app.tz or "",
                app.notes,
                contact.name if contact else "",
                (contact.email or "") if contact else "",
                upcoming.id if upcoming else "",
                upcoming.due.isoformat() if upcoming else "",
            ]
        )
    return out.getvalue()


def export_record(report: ImportReport) -> dict[str, Any]:
    return {
        "encoding": report.encoding,
        "delimiter": report.delimiter,
        "columns": report.columns,
        "dry_run": report.dry_run,
        "rows": [
            {
                "line": r.line,
                "company": r.company,
                "role": r.role,
                "app_id": None if report.dry_run else r.app_id,
            }
            for r in report.rows
        ],
    }
