"""Backup and restore: every row of the owner's data in one JSON document, and back.

The document names its format and the schema revision it was made at; a backup made by a
newer followup (a revision this one doesn't know, or a table or column it lacks) is refused
before anything is written. Restoring goes into an empty home only (the owner has no rows),
in one transaction, ids kept, so the restored search plans exactly as the original
(`plan --json` is the same). What is carried is decided by the store's table metadata
(followup.store.dump): tables and columns added later travel without an edit here.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from followup.app.errors import InputError

if TYPE_CHECKING:
    from followup.app.context import Context

FORMAT = "followup-backup"


@dataclass(frozen=True, slots=True)
class Restored:
    schema_version: str
    rows: dict[str, int]  # table -> rows written


def backup(ctx: Context) -> dict[str, Any]:
    """The owner's whole data, JSON-ready (secrets are never in the database, so never here)."""
    from followup import __version__
    from followup.store.schema_revisions import HEAD

    with ctx.uow(write=False) as uow:
        tables = uow.dump.tables()
    return {
        "format": FORMAT,
        "schema_version": HEAD,
        "followup_version": __version__,
        "created_at": ctx.now().isoformat(),
        "tables": tables,
    }


def backup_bytes(ctx: Context) -> bytes:
    return json.dumps(backup(ctx), ensure_ascii=False, separators=(",", ":")).encode()


def _refuse(problem: str, code: str, **params: Any) -> InputError:
    return InputError(problem, code=code, params=params)


def parse_backup(data: bytes, name: str = "the file") -> dict[str, Any]:
    """The backup document in `data`, checked against this version's schema."""
    from followup.store.schema_revisions import HEAD, REVISIONS

    try:
        document = json.loads(data)
    except (ValueError, UnicodeDecodeError) as exc:
        raise _refuse(f"{name} is not a followup backup ({exc})", "restore.not-backup") from None
    if not isinstance(document, dict) or document.get("format") != FORMAT:
        raise _refuse(f"{name} is not a followup backup", "restore.not-backup")
    version = str(document.get("schema_version"))
    if version not in REVISIONS:
        raise _refuse(
            f"{name} was made by a newer followup (schema {version}; this one knows up to {HEAD})",
            "restore.newer",
            version=version,
            head=HEAD,
        )
    tables = document.get("tables")
    if not isinstance(tables, dict):
        raise _refuse(f"{name} has no tables", "restore.not-backup")
    _check_tables(tables, name, version)
    return document


def _check_tables(tables: dict[str, Any], name: str, version: str) -> None:
    from followup.store.dump import owned_tables

    known = {t.name: t for t in owned_tables()}
    for table_name, data in tables.items():
        if table_name not in known:
            raise _refuse(
                f"{name} holds a table this followup doesn't know ({table_name})",
                "restore.newer",
                version=version,
            )
        if not isinstance(data, dict) or not isinstance(data.get("rows"), list):
            raise _refuse(f"{name}: the table {table_name} is damaged", "restore.not-backup")
        unknown = set(data.get("columns", [])) - set(known[table_name].c.keys())
        if unknown:
            raise _refuse(
                f"{name} holds columns this followup doesn't know "
                f"({table_name}.{sorted(unknown)[0]})",
                "restore.newer",
                version=version,
            )
        width = len(data.get("columns", []))
        if any(not isinstance(r, list) or len(r) != width for r in data["rows"]):
            raise _refuse(f"{name}: the table {table_name} is damaged", "restore.not-backup")


def restore(ctx: Context, data: bytes, name: str = "the file") -> Restored:
    """Write a backup into the owner's empty data, in one transaction; nothing on refusal."""
    document = parse_backup(data, name)
    with ctx.uow() as uow:
        if uow.dump.count() > 0:
            raise _refuse(
                "this home already holds data; a backup is restored into an empty one",
                "restore.not-empty",
            )
        try:
            rows = uow.dump.load(document["tables"])
        except (ValueError, TypeError) as exc:
            raise _refuse(
                f"{name} holds a value that can't be read ({exc})", "restore.not-backup"
            ) from None
    ctx.forget_prefs()
    return Restored(str(document["schema_version"]), rows)
