"""From a raw sheet to validated rows: find the header, map columns by title, validate cells.

Tables are found by their Thai header titles, not by position: columns may be reordered, a
title block may push the header down, blank rows (even thousands of formatted ones) are
skipped. Each row is validated by the sheet's pydantic model; every problem becomes a
:class:`~learnworks_xl.core.findings.Finding` at its cell.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from functools import cache
from operator import itemgetter
from pathlib import PurePath
from typing import Annotated, Any, Generic, TypeVar, cast

from pydantic import TypeAdapter, ValidationError
from pydantic_core import ErrorDetails

from learnworks_xl.core import findings as fd
from learnworks_xl.core.bulk import validate_rows
from learnworks_xl.core.cellerrors import finding_from_error, named
from learnworks_xl.core.fields import to_text
from learnworks_xl.core.grid import CellError, RawSheet, a1, column_letter, is_blank
from learnworks_xl.core.models import SheetModel
from learnworks_xl.core.percent import percent_fields, read_percents
from learnworks_xl.core.sheets import SheetSpec
from learnworks_xl.errors import WorkbookReadError

M = TypeVar("M", bound=SheetModel)


class TooManyFindings(WorkbookReadError):
    """A workbook holds more problems than the validation may keep (exit 2)."""


class FindingBudget:
    """How many more findings one validation may keep.

    Args:
        limit: The most findings (:attr:`RawWorkbook.max_findings`).
        source: The workbook, for the message.
    """

    def __init__(self, limit: int, source: str) -> None:
        self.limit = limit
        self.left = limit
        self.source = source
        self.first: fd.Finding | None = None
        """The first finding counted: the example the refusal shows."""

    def spend(self, findings: list[fd.Finding]) -> None:
        """Count ``findings``.

        Raises:
            TooManyFindings: More findings than the limit, in all.
        """
        if not findings:
            return
        self.first = self.first or findings[0]
        self.left -= len(findings)
        if self.left >= 0:
            return
        name = PurePath(self.source).name
        first = self.first
        where = f"ชีต «{first.sheet}»" + (f" ช่อง {first.cell}" if first.cell else "")
        raise TooManyFindings(
            f"สมุดงาน{f' {name}' if name else 'นี้'} มีปัญหาเกิน {self.limit:,} รายการ จึงหยุดตรวจ "
            f"(เช่น {where}: {first.message}) อาจเลือกไฟล์ผิดหรือข้อมูลอยู่ผิดคอลัมน์ "
            "กรุณาตรวจไฟล์แล้วตรวจสอบใหม่",
            f"{name or 'the workbook'}: more than {self.limit:,} problems; validation stopped "
            f"(e.g. {first.sheet}!{first.cell or ''} {first.code})")

#: How far down a header may be pushed by a title block.
HEADER_SEARCH_ROWS = 50
#: The bad fields of every valid row: one empty set, never changed (a row's own set would
#: take 216 bytes, 32 MB at ten times Bangkok). A frozenset, so a change fails loudly; a
#: row whose fields turn bad gets a set of its own (``_drop_duplicates``).
NO_BAD_FIELDS: set[str] = cast("set[str]", frozenset())
#: Validate a table's rows in bulk (:mod:`learnworks_xl.core.bulk`); False: each row alone
#: with :func:`validate_row`, the reference (tests compare the two).
BULK = True


def normalise_title(text: Any) -> str:
    """Return a header title compared loosely: whitespace collapsed, a trailing ``*`` dropped."""
    return " ".join(str(text).split()).rstrip("*").strip()


class RowCells(Mapping[str, str]):
    """The A1 addresses of a row's mapped fields, made when asked for (a row holds its
    number and the sheet's column letters, not one text per cell)."""

    __slots__ = ("letters", "row")

    def __init__(self, letters: dict[str, str], row: int) -> None:
        self.letters = letters
        self.row = row

    def __getitem__(self, name: str) -> str:
        return f"{self.letters[name]}{self.row}"

    def __iter__(self) -> Iterator[str]:
        return iter(self.letters)

    def __len__(self) -> int:
        return len(self.letters)

    def __repr__(self) -> str:
        return repr(dict(self))


@dataclass(slots=True)
class Row(Generic[M]):
    """One data row of a table sheet."""

    excel_row: int
    """1-based row number in the sheet."""
    cells: Mapping[str, str]
    """A1 address of each mapped field."""
    raw: dict[str, Any]
    """The values as read, by field (blank cells left out)."""
    model: M | None = None
    """The validated row, or None when a required cell is bad."""
    bad_fields: set[str] = field(default_factory=set)

    def cell(self, field_name: str) -> str | None:
        """Return the A1 address of ``field_name`` in this row."""
        return self.cells.get(field_name)


@dataclass
class Table(Generic[M]):
    """A parsed table sheet: its rows and whether it was found at all."""

    spec: SheetSpec
    rows: list[Row[M]] = field(default_factory=list)
    found: bool = False
    header_row: int | None = None
    columns: dict[str, int] = field(default_factory=dict)
    """0-based sheet column index of each mapped field."""
    duplicates: list[fd.Finding] = field(default_factory=list)
    """``duplicate-key`` findings: rows whose key an earlier row has (they are left out)."""

    @property
    def valid(self) -> list[M]:
        """The models of the rows that validated."""
        return [r.model for r in self.rows if r.model is not None]

    def valid_rows(self) -> list[tuple[Row[M], M]]:
        """Pairs of (row, model) for the rows that validated."""
        return [(r, r.model) for r in self.rows if r.model is not None]

    def column_address(self, field_name: str) -> str | None:
        """A1 address of a field's header cell."""
        if self.header_row is None or field_name not in self.columns:
            return None
        return a1(self.header_row, self.columns[field_name])


def _find_header(raw: RawSheet, titles: dict[str, str]) -> tuple[int | None, int]:
    best_row, best_hits = None, 0
    for r in range(min(HEADER_SEARCH_ROWS, len(raw.rows))):
        hits = sum(1 for v in raw.rows[r] if isinstance(v, str) and normalise_title(v) in titles)
        if hits > best_hits:
            best_row, best_hits = r, hits
    return best_row, best_hits


def validate_row(
    spec: SheetSpec, raw_values: dict[str, Any], cells: Mapping[str, str], sheet: str
) -> tuple[SheetModel | None, list[fd.Finding], set[str]]:
    """Validate one row (or one key/value sheet) of values keyed by field name.

    Error values (``#REF!``) are reported and left out; cells with errors in optional fields
    are dropped so the rest of the row still counts in the cross-sheet rules.

    Returns:
        The model (None when a required cell is bad), the findings, and the bad fields.
    """
    assert spec.model is not None
    out: list[fd.Finding] = []
    values: dict[str, Any] = {}
    bad: set[str] = set()
    for name, value in raw_values.items():
        if isinstance(value, CellError):
            col = spec.column(name)
            bad.add(name)
            out.append(fd.error(
                "formula-error", sheet, f"{named(col.title)} มีค่าผิดพลาด {value.code} "
                "กรุณาแก้สูตรหรือพิมพ์ค่าใหม่", cell=cells.get(name), column=col.title,
                value=value.code))
        else:
            values[name] = value
    try:
        model = spec.model.model_validate(values)
        out.extend(_sheet_required(spec, model, cells, bad, sheet))
        return model, out, bad
    except ValidationError as exc:
        errors = exc.errors(include_url=False)
        failed = bad | {str(e["loc"][0]) for e in errors if e["loc"]}
        for err in errors:
            name = str(err["loc"][0]) if err["loc"] else ""
            if name in bad:
                continue
            col = spec.column(name)
            if err["type"] == "missing" and (name in raw_values or name not in cells):
                bad.add(name)  # a #REF! already reported, or the column is missing
                continue
            if err["type"] == "missing" and failed & set(col.schema_extra.get("x-derived", ())):
                bad.add(name)  # computed from cells that are wrong: the finding is on them
                continue
            bad.add(name)
            out.append(finding_from_error(err, col, sheet, cells.get(name), raw_values.get(name)))
    fields = spec.model.model_fields
    if any(fields[n].is_required() for n in bad if n in fields):
        return None, out, bad
    # Only cells the model can do without are bad: keep the rest of the row (a key/value
    # sheet keeps every good setting, a bad one reads as None).
    kept = {k: v for k, v in values.items() if k not in bad}
    try:
        model = spec.model.model_validate(kept)
    except ValidationError:  # pragma: no cover - the bad cells were the only problems
        return None, out, bad
    out.extend(_sheet_required(spec, model, cells, bad, sheet))
    return model, out, bad


@cache
def _sheet_required_fields(spec: SheetSpec) -> tuple[str, ...]:
    """Fields the sheet requires although the model takes None (``SheetRequired``)."""
    assert spec.model is not None
    fields = spec.model.model_fields
    return tuple(c.field for c in spec.columns if c.required and not fields[c.field].is_required())


def _sheet_required(spec: SheetSpec, model: SheetModel, cells: Mapping[str, str], bad: set[str],
                    sheet: str) -> list[fd.Finding]:
    """``required`` findings for empty cells the sheet needs although the model takes None
    (:data:`~learnworks_xl.core.fields.SheetRequired`)."""
    out = []
    for col in spec.columns:
        if col.required and col.field not in bad and getattr(model, col.field) is None:
            bad.add(col.field)
            missing: ErrorDetails = {"type": "missing", "loc": (col.field,), "msg": "",
                                     "input": None}
            out.append(finding_from_error(missing, col, sheet, cells.get(col.field), None))
    return out


def read_table(raw: RawSheet | None, spec: SheetSpec, budget: FindingBudget | None = None
               ) -> tuple[Table[Any], list[fd.Finding]]:
    """Parse a table sheet into validated rows and findings.

    Args:
        raw: The sheet as read, or None when the workbook has no such sheet.
        spec: The sheet's spec (its model gives the titles).
        budget: The findings the workbook's validation may still keep (None: no limit).

    Returns:
        The table and every finding about it.

    Raises:
        TooManyFindings: The rows' findings pass ``budget``.
    """
    table: Table[Any] = Table(spec)
    out: list[fd.Finding] = []
    if raw is None:
        out.append(fd.error("missing-sheet", spec.name,
                            f"ไม่พบชีต «{spec.name}» ในสมุดงาน กรุณาเพิ่มชีตนี้กลับเข้าไป"))
        return table, out
    titles = {normalise_title(c.title): c.field for c in spec.columns}
    header, _hits = _find_header(raw, titles)
    if header is None:
        for col in spec.columns:
            if col.required:
                out.append(fd.error("missing-column", spec.name,
                                    f"ไม่พบหัวคอลัมน์ «{col.title}» ในชีต «{spec.name}»",
                                    column=col.title))
        return table, out
    table.found = True
    table.header_row = raw.first_row + header
    for c, value in enumerate(raw.rows[header]):
        if not isinstance(value, str):
            continue
        name = titles.get(normalise_title(value))
        if name is None:
            continue
        if name in table.columns:
            out.append(fd.warning(
                "duplicate-column", spec.name,
                f"หัวคอลัมน์ «{spec.title(name)}» ซ้ำกัน ระบบใช้คอลัมน์แรกและไม่อ่านคอลัมน์นี้",
                cell=raw.address(header, c), column=spec.title(name), value=value))
            continue
        table.columns[name] = raw.first_col + c
    header_cell = raw.address(header, 0)
    for col in spec.columns:
        if col.field in table.columns or col.computed:
            continue
        if col.required:
            out.append(fd.error(
                "missing-column", spec.name,
                f"ไม่พบหัวคอลัมน์ «{col.title}» ในแถวหัวตาราง (แถว {table.header_row + 1}) "
                "อาจถูกลบหรือเปลี่ยนชื่อ", cell=header_cell, column=col.title))
        else:
            out.append(fd.warning(
                "missing-column", spec.name,
                f"ไม่พบหัวคอลัมน์ «{col.title}» (ไม่บังคับ) ระบบถือว่าเว้นว่างทุกแถว",
                cell=header_cell, column=col.title))
    positions = {name: idx - raw.first_col for name, idx in table.columns.items()}
    # Hot loop (every row): column letters once, values without helpers, addresses on demand.
    letters = {name: column_letter(raw.first_col + c) for name, c in positions.items()}
    percents = percent_fields(spec)
    names, columns = tuple(positions), tuple(positions.values())
    take = itemgetter(*columns) if len(columns) > 1 else (lambda row: (row[columns[0]],))
    width = max(columns, default=-1) + 1  # a header was found: at least one column
    hidden = raw.hidden_rows
    pending: list[tuple[int, dict[str, Any], RowCells, list[fd.Finding]]] = []
    for r in range(header + 1, len(raw.rows)):
        row = raw.rows[r]
        if hidden and r + raw.first_row in hidden and _row_blank(raw, r, positions):
            continue
        got = take(row) if len(row) >= width else [
            row[c] if c < len(row) else None for c in columns]
        # is_blank, inlined: None, or text of only whitespace ("".isspace() is False)
        values = {name: v for name, v in zip(names, got, strict=True)
                  if not (v is None or (isinstance(v, str) and (not v or v.isspace())))}
        if not values:
            continue
        excel_row = raw.first_row + r + 1
        cells = RowCells(letters, excel_row)
        warnings = read_percents(raw, spec, values, cells) if percents else []
        pending.append((excel_row, values, cells, warnings))
    models = (validate_rows(spec, [p[1] for p in pending]) if BULK
              else [None] * len(pending))
    required = _sheet_required_fields(spec)
    for (excel_row, values, cells, warnings), model in zip(pending, models, strict=True):
        out.extend(warnings)
        if warnings and budget is not None:
            budget.spend(warnings)
        bad = NO_BAD_FIELDS
        if model is None:
            model, found, bad = validate_row(spec, values, cells, spec.name)
            out.extend(found)
            if budget is not None:
                budget.spend(found)
        elif required:  # valid: the reference gives this model, and no finding but these
            bad = set()
            out.extend(_sheet_required(spec, model, cells, bad, spec.name))
        table.rows.append(Row(excel_row, cells, values, model, bad))
    table.duplicates = _drop_duplicates(table)
    return table, out


def _field_key(spec: SheetSpec, row: Row[Any], name: str) -> str | None:
    """The normalised key value of a row (``bk 01`` and ``BK01`` are one school)."""
    if name not in row.raw or name in row.bad_fields:
        return None
    if row.model is not None:
        value = getattr(row.model, name)
    else:
        try:
            value = field_adapter(spec, name).validate_python(row.raw[name])
        except ValidationError:
            return None
    return None if value is None else str(value).casefold()


def _drop_duplicates(table: Table[Any]) -> list[fd.Finding]:
    """The one duplicate-key policy: the first row with a key counts; every later row with
    the same key is an error and is left out of every computation."""
    out: list[fd.Finding] = []
    for name in table.spec.key:
        title = table.spec.title(name)
        first: dict[str, str] = {}
        for row in table.rows:
            key = _field_key(table.spec, row, name)
            if key is None:
                continue
            cell = row.cell(name) or ""
            if key not in first:
                first[key] = cell
                continue
            out.append(fd.error(
                "duplicate-key", table.spec.name,
                f"{named(title)} '{to_text(row.raw[name])}' ซ้ำกับที่กรอกไว้แล้วที่ช่อง {first[key]} "
                "ระบบนับเฉพาะแถวแรก หากเป็นคนละรายการ กรุณาแก้ให้ไม่ซ้ำกัน", cell=cell,
                column=title, value=row.raw[name]))
            row.model = None
            row.bad_fields = {*row.bad_fields, name}
    return out


@cache
def field_adapter(spec: SheetSpec, name: str) -> TypeAdapter[Any]:
    """A validator of one field alone (its type and constraints, as in the model)."""
    assert spec.model is not None
    info = spec.model.model_fields[name]
    annotated: Any = Annotated[info.annotation, *info.metadata]
    return TypeAdapter(annotated)


def _row_blank(raw: RawSheet, r: int, positions: dict[str, int]) -> bool:
    return all(is_blank(raw.value(r, c)) for c in positions.values())


@dataclass
class KeyValue(Generic[M]):
    """A parsed key/value sheet (label in one column, value in the next)."""

    spec: SheetSpec
    model: M | None
    cells: dict[str, str]
    raw: dict[str, Any]
    found: bool


def read_keyvalue(raw: RawSheet | None, spec: SheetSpec
                  ) -> tuple[KeyValue[Any], list[fd.Finding]]:
    """Parse a key/value sheet such as ``โครงการ`` or ``ตั้งค่า``.

    A label is found anywhere in the sheet; its value is the first cell to its right.
    """
    out: list[fd.Finding] = []
    if raw is None:
        out.append(fd.error("missing-sheet", spec.name,
                            f"ไม่พบชีต «{spec.name}» ในสมุดงาน กรุณาเพิ่มชีตนี้กลับเข้าไป"))
        return KeyValue(spec, None, {}, {}, False), out
    titles = {normalise_title(c.title): c.field for c in spec.columns}
    cells: dict[str, str] = {}
    values: dict[str, Any] = {}
    for r, row in enumerate(raw.rows):
        for c, value in enumerate(row):
            if not isinstance(value, str):
                continue
            name = titles.get(normalise_title(value))
            if name is None or name in cells:
                continue
            cells[name] = raw.address(r, c + 1)
            v = raw.value(r, c + 1)
            if not is_blank(v):
                values[name] = v
            break
    for col in spec.columns:
        if col.field not in cells and col.required:
            out.append(fd.error("missing-setting", spec.name,
                                f"ไม่พบหัวข้อ «{col.title}» ในชีต «{spec.name}» "
                                "(ชื่อหัวข้ออยู่คอลัมน์หนึ่ง ค่าอยู่คอลัมน์ถัดไป)",
                                column=col.title))
    out.extend(read_percents(raw, spec, values, cells))
    model, found, _bad = validate_row(spec, values, cells, spec.name)
    out.extend(f for f in found if not (f.code == "required" and f.cell is None))
    return KeyValue(spec, model, cells, values, True), out

