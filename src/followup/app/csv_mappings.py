"""Column mappings of the CSV import: which column each field of an application is read from.

The built-in ones are data (`app/data/csv_mappings.yaml`): `generic`, the headers a
spreadsheet of applications usually has, and one per tracker export whose columns are
documented. A mapping file (YAML) names the columns of any other sheet:

    columns:                # field: the CSV's header
      company: Employer
      role: Position
      applied: Date applied
    date_format: "%d/%m/%Y" # how dates are written (default: YYYY-MM-DD); or date_formats
    values:                 # a field the sheet has no column (or no value) for
      source: Careers fair
"""

from __future__ import annotations

import functools
from dataclasses import dataclass, field
from typing import Any

from followup.app.errors import InputError

REQUIRED = ("company", "role")
OLD_NAMES = {"job_link": "job_url"}  # mapping files written before the field was renamed


@dataclass(frozen=True, slots=True)
class ColumnMapping:
    columns: dict[str, str] = field(default_factory=dict)  # field -> header
    date_formats: tuple[str, ...] = ()  # () : YYYY-MM-DD
    values: dict[str, str] = field(default_factory=dict)  # field -> value when none is read
    aliases: dict[str, tuple[str, ...]] | None = None  # field -> headers (`generic` only)
    name: str = ""
    about: str = ""
    in_archive: str = ""  # the file read out of a .zip export

    def headers_for(self, field_name: str) -> tuple[str, ...]:
        """The headers `field_name` may be read from, first match wins."""
        if self.aliases is not None:
            return self.aliases.get(field_name, ())
        return (self.columns[field_name],) if field_name in self.columns else ()


def _refuse(problem: str, name: str, code: str = "import.mapping", **params: Any) -> InputError:
    return InputError(problem, code=code, params={"name": name, **params})


def _fields(data: dict[str, Any], name: str) -> dict[str, Any]:
    """`data` with old field names renamed; an unknown field is refused."""
    renamed = {OLD_NAMES.get(k, k): v for k, v in data.items()}
    unknown = sorted(set(renamed) - set(fields()))
    if unknown:
        raise _refuse(
            f"{name} maps an unknown field {unknown[0]!r}",
            name,
            "import.mapping-field",
            fields=", ".join(fields()),
        )
    return renamed


def _strings(value: Any) -> tuple[str, ...]:
    items = value if isinstance(value, list) else [] if value is None else [value]
    return tuple(str(v) for v in items)


def mapping_from(data: Any, name: str) -> ColumnMapping:
    """A mapping from its YAML document, checked (InputError naming what is wrong)."""
    columns = data.get("columns") if isinstance(data, dict) else None
    aliases = data.get("aliases") if isinstance(data, dict) else None
    if aliases is None and (
        not isinstance(columns, dict) or not all(isinstance(v, str) for v in columns.values())
    ):
        raise _refuse(f"{name} has no `columns:` of field: header", name)
    assert isinstance(data, dict)
    values = data.get("values") or {}
    if not isinstance(values, dict):
        raise _refuse(f"{name}: `values:` is not of field: value", name)
    formats = _strings(data.get("date_formats")) or _strings(data.get("date_format"))
    return ColumnMapping(
        columns=_fields(columns or {}, name),
        date_formats=formats,
        values={k: str(v) for k, v in _fields(values, name).items()},
        aliases=(
            {k: _strings(v) for k, v in _fields(aliases, name).items()}
            if isinstance(aliases, dict)
            else None
        ),
        name=name,
        about=" ".join(str(data.get("about") or "").split()),
        in_archive=str(data.get("in_archive") or ""),
    )


def load_mapping(text: str, name: str) -> ColumnMapping:
    """The mapping of a mapping file's text."""
    import yaml

    try:
        data = yaml.safe_load(text)
    except yaml.YAMLError as exc:
        raise _refuse(f"{name} is not YAML ({exc})", name) from None
    return mapping_from(data, name)


@functools.cache
def _builtin_data() -> dict[str, Any]:
    from importlib import resources

    import yaml

    text = resources.files("followup.app").joinpath("data/csv_mappings.yaml").read_text("utf-8")
    data: dict[str, Any] = yaml.safe_load(text)
    return data


def fields() -> tuple[str, ...]:
    """Every field an application is imported from: the `generic` mapping names them all."""
    return tuple(_builtin_data()["generic"]["aliases"])


@functools.cache
def builtin_mappings() -> dict[str, ColumnMapping]:
    """The built-in mappings by name, `generic` first."""
    return {name: mapping_from(data, name) for name, data in _builtin_data().items()}


def builtin_mapping(name: str) -> ColumnMapping | None:
    return builtin_mappings().get(name.strip().lower())


def generic() -> ColumnMapping:
    return builtin_mappings()["generic"]
