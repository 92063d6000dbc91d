"""Where things are: rows and columns of every input sheet, derived from the sheet specs.

A table sheet has its title in row 1, totals in row 2, the header (the model's Thai titles, in
model order) in row 3 and data from row 4; a key/value sheet has its title in row 1, a small
header in row 2 and one setting per row from row 3 (label in A, value in B). Formulas, data
validation, conditional formats and defined names all take their addresses from here, so a
column moves in one place: the model.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from xlsxwriter.utility import xl_col_to_name, xl_rowcol_to_cell

from learnworks_xl import thai
from learnworks_xl.core import sheets as sh
from learnworks_xl.workbook.readings import READINGS, TEXT_SUFFIX, VALUE_SUFFIX

TITLE_ROW = 0
TOTALS_ROW = 1
HEADER_ROW = 2
FIRST_DATA_ROW = 3
KV_HEADER_ROW = 1
KV_FIRST_ROW = 2
#: A table always offers at least this many rows, and this many blank rows after the data.
MIN_ROWS = 100
EXTRA_ROWS = 50
#: Blank rows printed after the data (a blank template prints as a paper form).
PRINT_BLANK_ROWS = 20

#: Extra computed columns appended after a table's model columns: (key, Thai header).
RISK_SCORE = "score"
EXTRA_COLUMNS: dict[str, tuple[tuple[str, str], ...]] = {
    sh.RISKS.name: ((RISK_SCORE, "คะแนนความเสี่ยง (โอกาส × ผลกระทบ)"),),
}

#: How many months the Gantt of ``แผนปฏิบัติการ`` shows (ก.ย. of the year before … ก.ย.).
GANTT_MONTHS = len(thai.gantt_months(2569))
#: Columns left free right of each table: a school form puts its own two there
#: (``ขอลบรายการนี้`` and the fingerprints), so its hidden readings and every check that
#: reads them are the workbook's, cell for cell.
FORM_COLUMNS = 2

#: The hidden helper sheet (long lists, fiscal-year bounds, risk bands) and xlwings' sheet.
LISTS_SHEET = "ข้อมูลอ้างอิง"
XLWINGS_CONF_SHEET = "xlwings.conf"


def quote(sheet: str) -> str:
    """Return a sheet name as used in formulas: ``'โรงเรียน'``."""
    return "'" + sheet.replace("'", "''") + "'"


def col_name(col: int) -> str:
    """Return the column letters of a 0-based column index."""
    return str(xl_col_to_name(col))


@dataclass(frozen=True)
class TableLayout:
    """The place of one table sheet's columns and rows."""

    spec: sh.SheetSpec
    rows: int
    """Rows of the table body (data rows plus blank entry rows)."""
    data_rows: int
    """Rows filled from the data."""
    columns: dict[str, int] = field(default_factory=dict)
    """0-based column of each field (and of each extra column key)."""
    headers: tuple[str, ...] = ()
    readings: dict[str, tuple[int, int]] = field(default_factory=dict)
    """0-based (text, value) helper columns of each field read through a reading
    (:mod:`learnworks_xl.workbook.readings`), hidden, right of everything shown."""

    @property
    def last_row(self) -> int:
        """0-based index of the table's last body row."""
        return FIRST_DATA_ROW + self.rows - 1

    @property
    def last_col(self) -> int:
        """0-based index of the table's last column."""
        return len(self.headers) - 1

    @property
    def print_last_row(self) -> int:
        """0-based index of the last row printed."""
        return FIRST_DATA_ROW + max(self.data_rows, PRINT_BLANK_ROWS) - 1

    def col(self, key: str) -> int:
        """Return the 0-based column of a field or extra column."""
        return self.columns[key]

    def letter(self, key: str) -> str:
        """Return the column letters of a field."""
        return col_name(self.col(key))

    def cell(self, key: str, row: int, absolute_col: bool = True) -> str:
        """A1 reference of ``key`` in 0-based ``row`` (column absolute, row relative)."""
        return ("$" if absolute_col else "") + self.letter(key) + str(row + 1)

    def body(self, key: str, sheet: bool = True) -> str:
        """Absolute reference to a column's body: ``'โรงเรียน'!$A$4:$A$103``."""
        ref = (f"${self.letter(key)}${FIRST_DATA_ROW + 1}:"
               f"${self.letter(key)}${self.last_row + 1}")
        return f"{quote(self.spec.name)}!{ref}" if sheet else ref

    def reading(self, key: str, row: int, part: int = 1) -> str:
        """A1 reference of a reading's value (``part`` 1) or text (0) in 0-based ``row``."""
        return f"${col_name(self.readings[key][part])}{row + 1}"

    def reading_body(self, key: str, sheet: bool = True) -> str:
        """Absolute reference to the body of a reading's value column."""
        letter = col_name(self.readings[key][1])
        ref = f"${letter}${FIRST_DATA_ROW + 1}:${letter}${self.last_row + 1}"
        return f"{quote(self.spec.name)}!{ref}" if sheet else ref

    def reading_whole(self, key: str) -> str:
        """Whole-column reference to a reading's value column."""
        letter = col_name(self.readings[key][1])
        return f"{quote(self.spec.name)}!${letter}:${letter}"

    def whole(self, key: str) -> str:
        """Whole-column reference, robust to rows added beyond the table: ``'x'!$A:$A``."""
        letter = self.letter(key)
        return f"{quote(self.spec.name)}!${letter}:${letter}"


def table_layout(spec: sh.SheetSpec, data_rows: int) -> TableLayout:
    """Lay out a table sheet for ``data_rows`` rows of data.

    Args:
        spec: A table sheet's spec.
        data_rows: How many rows of data will be written.

    Returns:
        The layout: model columns in model order, then the sheet's extra computed columns.
    """
    headers = [c.title for c in spec.columns]
    columns = {c.field: i for i, c in enumerate(spec.columns)}
    for key, title in EXTRA_COLUMNS.get(spec.name, ()):
        columns[key] = len(headers)
        headers.append(title)
    rows = max(MIN_ROWS, data_rows + EXTRA_ROWS)
    first = len(headers) + (GANTT_MONTHS if spec is sh.PLAN else 0) + FORM_COLUMNS
    readings = {r.field: (first + 2 * i, first + 2 * i + 1)
                for i, r in enumerate(READINGS.get(spec.name, ()))}
    return TableLayout(spec, rows, data_rows, columns, tuple(headers), readings)


def reading_headers(spec: sh.SheetSpec, key: str) -> tuple[str, str]:
    """The headers of a reading's (text, value) helper columns."""
    title = spec.title(key)
    return title + TEXT_SUFFIX, title + VALUE_SUFFIX


def kv_row(spec: sh.SheetSpec, field_name: str) -> int:
    """0-based row of a setting in a key/value sheet."""
    return KV_FIRST_ROW + [c.field for c in spec.columns].index(field_name)


def kv_cell(spec: sh.SheetSpec, field_name: str) -> str:
    """Absolute reference to a setting's value cell: ``'โครงการ'!$B$5``."""
    return f"{quote(spec.name)}!{xl_rowcol_to_cell(kv_row(spec, field_name), 1, True, True)}"
