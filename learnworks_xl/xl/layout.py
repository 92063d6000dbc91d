"""Where each value of a report lands: a :class:`ReportSheet` laid out on a grid of cells.

Pure (no xlwings, no file format). It follows the file renderer
(:func:`learnworks_xl.workbook.reports.render_report`) cell for cell, so a button in the live
workbook and ``learnworks run`` put the same value in the same cell (a test compares them):

* from ``first_row``: the title; the subtitles; the ฉบับร่าง banner when the report is
  provisional; a blank row;
* each block, then a blank row: a paragraph is one row (text in A); key/values an optional
  heading row, then one row each (label in A, value in B); a table an optional heading row,
  the header row, the body rows (or one row with the empty text) and the total rows, each
  cell in its column's format unless the value names its own; a chart keeps
  :data:`CHART_ROWS` rows free and writes its data beside the report from column
  :data:`CHART_DATA_COL` (the VBA client cannot draw charts; the data is there for one).

Values are written as the renderer writes them: numbers as numbers, ``amount_dash`` as text
(``15,100.-``), yes/no as ใช่/ไม่ใช่, a linked value as its display text.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal
from typing import Literal

from learnworks_xl import thai
from learnworks_xl.core.reports.content import (
    CHART_DATA_COL,
    CHART_DATA_TITLE,
    PROVISIONAL_BANNER,
    ChartBlock,
    Column,
    Format,
    KeyValues,
    Paragraph,
    ReportSheet,
    Role,
    TableBlock,
    Value,
)
from learnworks_xl.core.reports.numformats import REPORT_NUMBER_FORMATS, thai_digit_format

#: Rows a chart takes (360 px high at 32 px a row, plus one).
CHART_ROWS = math.ceil(360 / 32) + 1

#: Excel number formats of the numeric report formats (those of the workbook builder).
NUMBER_FORMATS: dict[str, str] = REPORT_NUMBER_FORMATS
#: The same showing Thai digits (``ReportSheet.thai_digits``), as the file renderer writes them.
THAI_NUMBER_FORMATS: dict[str, str] = {
    name: thai_digit_format(fmt) for name, fmt in NUMBER_FORMATS.items()}

Style = Literal["title", "subtitle", "banner", "heading", "body", "note", "label", "header",
                "cell", "total", "empty", "chart"]
Written = str | float | datetime | None


@dataclass(frozen=True)
class GridCell:
    """One placed cell: its value as written, number format name, style, role and link."""

    value: Written
    format: Format = "text"
    style: Style = "cell"
    role: Role | None = None
    link: str | None = None


@dataclass
class Grid:
    """A report laid out: cells by 0-based (row, column), and the rows the report spans."""

    name: str
    first_row: int = 0
    cells: dict[tuple[int, int], GridCell] = field(default_factory=dict)
    end_row: int = 0
    """The first row after the report."""
    columns: int = 2
    """The report's columns (the renderer's widths): what a rewrite clears."""
    thai_digits: bool = False
    """Numbers and dates shown with Thai digits (:data:`THAI_NUMBER_FORMATS`)."""

    @property
    def number_formats(self) -> dict[str, str]:
        """Excel number formats of the numeric format names of this report."""
        return THAI_NUMBER_FORMATS if self.thai_digits else NUMBER_FORMATS

    @property
    def cols(self) -> int:
        """Number of columns holding a value (chart data included)."""
        return max((c for _r, c in self.cells), default=-1) + 1

    @property
    def rows(self) -> int:
        """Number of rows from A1 holding a value."""
        return max((r for r, _c in self.cells), default=-1) + 1

    def put(self, row: int, col: int, cell: GridCell) -> None:
        """Place a cell."""
        self.cells[(row, col)] = cell

    def matrix(self, first_col: int = 0, last_col: int | None = None) -> list[list[Written]]:
        """Values of rows A1… as a rectangular block over columns ``first_col``…``last_col``."""
        last = self.cols - 1 if last_col is None else last_col
        out: list[list[Written]] = [[None] * (last - first_col + 1) for _ in range(self.rows)]
        for (r, c), cell in self.cells.items():
            if first_col <= c <= last:
                out[r][c - first_col] = cell.value
        return out


def display_text(value: Value) -> str:
    """The text of a linked value (dates the Thai way, amounts with separators)."""
    v = value.value
    if v is None:
        return ""
    if isinstance(v, datetime | date):
        return thai.format_thai_date(v.date() if isinstance(v, datetime) else v, "abbr")
    if value.format in ("amount", "amount_dash") and isinstance(v, int | Decimal):
        return thai.format_baht(v, "dash" if value.format == "amount_dash" else "plain")
    return str(v)


def written(value: Value) -> Written:
    """The cell value of a report value, as the file renderer writes it."""
    v = value.value
    if value.link is not None:
        return display_text(value) or value.link
    if v is None:
        return None
    if value.format == "amount_dash" and isinstance(v, int | Decimal):
        return thai.format_baht(v, "dash")
    if isinstance(v, datetime):
        return v
    if isinstance(v, date):
        return datetime(v.year, v.month, v.day)
    if isinstance(v, bool):
        return "ใช่" if v else "ไม่ใช่"
    if isinstance(v, int | Decimal):
        return float(v)
    return str(v)


def cell_of(value: Value, style: Style = "cell") -> GridCell:
    """A report value placed with its format, role and link."""
    return GridCell(written(value), value.format, style, value.role, value.link)


def in_column(value: Value, column: Column) -> Value:
    """A value shown in a column: the column's format unless the value names its own."""
    if value.format == "text" and column.format != "text":
        return Value(value.value, column.format, value.role, value.link)
    return value


def report_columns(report: ReportSheet, min_cols: int = 2) -> int:
    """How many columns the report spans (its widest table, at least ``min_cols``)."""
    cols = min_cols
    for block in report.blocks:
        if isinstance(block, TableBlock):
            cols = max(cols, len(block.columns))
    return cols


def _table(grid: Grid, row: int, block: TableBlock) -> int:
    if block.heading:
        grid.put(row, 0, GridCell(block.heading, style="heading"))
        row += 1
    for c, column in enumerate(block.columns):
        grid.put(row, c, GridCell(column.header, style="header"))
    row += 1
    if not block.rows:
        grid.put(row, 0, GridCell(block.empty_text, style="empty"))
        row += 1
    parts: tuple[tuple[Style, list[list[Value]]], ...] = (
        ("cell", block.rows), ("total", block.totals))
    for style, rows in parts:
        for values in rows:
            for c, value in enumerate(values[: len(block.columns)]):
                grid.put(row, c, cell_of(in_column(value, block.columns[c]), style))
            row += 1
    return row


def _chart_data(grid: Grid, block: ChartBlock, data_row: int) -> int:
    c0 = CHART_DATA_COL
    if data_row == 0:
        grid.put(0, c0, GridCell(CHART_DATA_TITLE, style="chart"))
        data_row = 1
    grid.put(data_row, c0, GridCell(block.title, style="chart"))
    for j, (name, _values) in enumerate(block.series):
        grid.put(data_row, c0 + 1 + j, GridCell(name, style="chart"))
    for i, category in enumerate(block.categories):
        grid.put(data_row + 1 + i, c0, GridCell(category, style="chart"))
        for j, (_name, values) in enumerate(block.series):
            if i < len(values):
                grid.put(data_row + 1 + i, c0 + 1 + j,
                         GridCell(float(values[i]), style="chart"))
    return data_row + len(block.categories) + 2


def layout(report: ReportSheet, first_row: int = 0, max_cols: int | None = None) -> Grid:
    """Lay a report out on a grid, as the file renderer does.

    Args:
        report: The report content (from ``learnworks_xl.core.reports``).
        first_row: The row to start at (0-based).
        max_cols: Keep the report within this many columns (``หน้าหลัก`` uses A–D).

    Returns:
        The grid: every value at its cell, with its format, style, role and link.
    """
    columns = report_columns(report)
    if max_cols is not None:
        columns = min(columns, max_cols)
    grid = Grid(report.name, first_row, columns=columns, thai_digits=report.thai_digits)
    grid.put(first_row, 0, GridCell(report.title, style="title"))
    row = first_row + 1
    for subtitle in report.subtitles:
        grid.put(row, 0, GridCell(subtitle, style="subtitle"))
        row += 1
    if report.provisional:
        grid.put(row, 0, GridCell(PROVISIONAL_BANNER, style="banner", role="bad"))
        row += 1
    row += 1
    data_row = 0
    for block in report.blocks:
        if isinstance(block, Paragraph):
            grid.put(row, 0, GridCell(block.text, style=block.style))
            row += 1
        elif isinstance(block, KeyValues):
            if block.heading:
                grid.put(row, 0, GridCell(block.heading, style="heading"))
                row += 1
            for label, value in block.rows:
                grid.put(row, 0, GridCell(label, style="label"))
                grid.put(row, 1, cell_of(value))
                row += 1
        elif isinstance(block, TableBlock):
            row = _table(grid, row, block)
        elif isinstance(block, ChartBlock):
            data_row = _chart_data(grid, block, data_row)
            row += CHART_ROWS
        row += 1
    grid.end_row = row
    return grid
