"""CSV import of applications.

Import reads a spreadsheet's CSV in any encoding and delimiter (detected, or named), maps
its columns to followup's fields (a built-in mapping by name: `generic`, the usual headers,
or one of a tracker's export; or a mapping file, see followup.app.csv_mappings), checks
every row and writes them all in one transaction, or none: a row that can't be imported is
reported with its line number and nothing is written. A dry run does exactly the same
checks and writes nothing.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, time
from typing import TYPE_CHECKING, Any

from followup.app.csv_mappings import REQUIRED, ColumnMapping, fields, generic
from followup.app.csv_rows import RowData, key, read_row
from followup.app.errors import InputError
from followup.errors import UserError

if TYPE_CHECKING:
    from followup.app.context import Context
    from followup.store.uow import UnitOfWork

MAX_SHOWN = 10


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
    mapping: str = "generic"


class ImportRefused(UserError):
    default_code = "import.rows"


class _DryRun(Exception):
    """Rolls the dry run's transaction back."""


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


def resolve_columns(headers: Sequence[str], mapping: ColumnMapping, name: str) -> dict[str, int]:
    """field -> column index; InputError naming the first required field without a column."""
    by_key = {key(h): i for i, h in enumerate(headers)}
    found: dict[str, int] = {}
    for field_name in fields():
        for header in mapping.headers_for(field_name):
            if key(header) in by_key:
                found[field_name] = by_key[key(header)]
                break
    for required in REQUIRED:
        if required not in found and required not in mapping.values:
            looked = " / ".join(mapping.headers_for(required)[:3]) or required
            raise InputError(
                f"{name} has no column for the {required} (looked for {looked})",
                code="import.missing-column",
                params={"name": name, "field": required},
            )
    return found


def unpacked(data: bytes, mapping: ColumnMapping, name: str) -> bytes:
    """The CSV itself: the mapping's file out of a .zip export, else `data` as given."""
    import zipfile

    if not data.startswith(b"PK\x03\x04"):
        return data
    if mapping.in_archive:
        try:
            with zipfile.ZipFile(io.BytesIO(data)) as archive:
                return archive.read(mapping.in_archive)
        except (KeyError, zipfile.BadZipFile):
            pass
    where = f"has no {mapping.in_archive}" if mapping.in_archive else "is a .zip archive"
    raise InputError(
        f"{name} {where}", code="import.archive", params={"name": name, "mapping": mapping.name}
    )


def read_rows(request: ImportRequest) -> tuple[str, str, list[str], list[tuple[int, list[str]]]]:
    data = unpacked(request.data, request.mapping or generic(), request.name)
    text, encoding = decode(data, request.encoding, request.name)
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
    mapping = request.mapping or generic()
    encoding, delimiter, headers, rows = read_rows(request)
    columns = resolve_columns(headers, mapping, request.name)
    imported: list[ImportedRow] = []
    problems: list[str] = []
    try:
        with ctx.uow() as uow:
            for line, values in rows:
                record = {
                    f: values[i].strip() if i < len(values) else "" for f, i in columns.items()
                }
                for f, value in mapping.values.items():
                    record[f] = record.get(f) or value
                extra = (
                    f"{len(values)} values for {len(headers)} columns"
                    if len(values) > len(headers)
                    else ""
                )
                data, found = read_row(record, mapping.date_formats, extra)
                if data is None:
                    problems.append(f"line {line}: {', '.join(found)}")
                    continue
                imported.append(_write_row(ctx, uow, line, data))
            if problems:
                _refuse_rows(problems, len(rows))
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
        mapping.name,
    )


def _refuse_rows(problems: list[str], total: int) -> None:
    shown = "; ".join(problems[:MAX_SHOWN])
    more = f"; and {len(problems) - MAX_SHOWN} more" if len(problems) > MAX_SHOWN else ""
    raise ImportRefused(
        f"{len(problems)} of {total} rows can't be imported, so none was: {shown}{more}",
        params={"problems": problems},
    )


def _write_row(ctx: Context, uow: UnitOfWork, line: int, data: RowData) -> ImportedRow:
    """Write a row `read_row` passed: an outcome at its own date (the import's time when
    the sheet has none), the people, then the plan."""
    from followup.app.schedule import replan
    from followup.domain.model import Outcome, PersonRole

    app = uow.applications.add(**data.app, created_at=ctx.now())
    for person in data.contacts:
        uow.people.add(app.id, **person | {"role": PersonRole(person["role"])})
    if data.outcome:
        at = datetime.combine(data.decided, time(12), ctx.zone) if data.decided else ctx.now()
        uow.applications.set_outcome(app.id, Outcome(data.outcome), at)
    replan(ctx, uow, app.id)
    return ImportedRow(line, app.company, app.role, app.id)


def export_record(report: ImportReport) -> dict[str, Any]:
    return {
        "encoding": report.encoding,
        "delimiter": report.delimiter,
        "mapping": report.mapping,
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
