"""Where each value of a report lands: a :class:`ReportSheet` laid out on a grid of cells.

Pure (no xlwings, no file format): the live workbook (:mod:`learnworks_xl.xl.plan`) places
report cells with it, so a button and the file path put the same value in the same cell.

Layout, top to bottom from A1: the title; the subtitles; a blank row; then each block followed
by a blank row — a paragraph is one row (text in column A); key/values are one row each
(label in A, value in B) under an optional heading row; a table is an optional heading row,
the header row, the body rows (or one row with the empty text) and the total rows; a chart
reserves :data:`CHART_ROWS` rows (the VBA client cannot draw charts: the template's chart
reads the table above it).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal
from typing import Literal

from learnworks_xl.core.reports.content import (
    ChartBlock,
    Format,
    KeyValues,
    Paragraph,
    ReportSheet,
    Role,
    Scalar,
    TableBlock,
    Value,
)
from learnworks_xl.thai import format_baht

#: Rows kept free for a chart.
CHART_ROWS = 16

#: Excel number formats of the report formats (``text`` and ``amount_dash`` are text cells).
NUMBER_FORMATS: dict[str, str] = {
    "int": "#,##0",
    "amount": "#,##0.00",
    "percent": "0.00",
    "date": "[$-107041E]d mmm yyyy",
    "month": "[$-107041E]mmmm yyyy",
    "datetime": "[$-107041E]d mmm yyyy hh:mm",
}

Style = Literal["title", "subtitle", "heading", "body", "note", "label", "header", "cell",
                "total", "empty"]


@dataclass(frozen=True)
class GridCell:
    """One placed cell: its value as written, number format name, style, role and link."""

    value: str | int | float | date | None
    format: Format = "text"
    style: Style = "cell"
    role: Role | None = None
    link: str | None = None


@dataclass
class Grid:
    """A report laid out: cells by 0-based (row, column), and where charts go."""

    name: str
    cells: dict[tuple[int, int], GridCell] = field(default_factory=dict)
    charts: list[tuple[int, ChartBlock]] = field(default_factory=list)
    rows: int = 0

    @property
    def cols(self) -> int:
        """Number of columns used."""
        return max((c for _r, c in self.cells), default=-1) + 1

    def put(self, row: int, col: int, cell: GridCell) -> None:
        """Place a cell and grow the grid."""
        self.cells[(row, col)] = cell
        self.rows = max(self.rows, row + 1)

    def matrix(self) -> list[list[str | int | float | date | None]]:
        """The values as a rectangular block from A1 (None where nothing is placed)."""
        width = self.cols
        out: list[list[str | int | float | date | None]] = [
            [None] * width for _ in range(self.rows)]
        for (r, c), cell in self.cells.items():
            out[r][c] = cell.value
        return out


def cell_of(value: Value, style: Style = "cell") -> GridCell:
    """The written form of a report value: numbers as numbers, ``amount_dash`` as text."""
    return GridCell(written(value.value, value.format), value.format, style, value.role,
                    value.link)


def written(value: Scalar, fmt: Format) -> str | int | float | date | None:
    """The cell value of a report scalar in a format."""
    if value is None:
        return None
    if fmt == "amount_dash" and isinstance(value, Decimal | int):
        return format_baht(value, "dash")
    if isinstance(value, Decimal):
        return int(value) if value == value.to_integral_value() else float(value)
    if isinstance(value, datetime | date | int | str):
        return value
    return str(value)


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
    for body in block.rows:
        for c, value in enumerate(body):
            grid.put(row, c, cell_of(value, "cell"))
        row += 1
    for total in block.totals:
        for c, value in enumerate(total):
            grid.put(row, c, cell_of(value, "total"))
        row += 1
    return row


def layout(report: ReportSheet) -> Grid:
    """Lay a report out on a grid from A1.

    Args:
        report: The report content (from ``learnworks_xl.core.reports``).

    Returns:
        The grid: every value at its cell, with its format, style, role and link.
    """
    grid = Grid(report.name)
    grid.put(0, 0, GridCell(report.title, style="title"))
    row = 1
    for subtitle in report.subtitles:
        grid.put(row, 0, GridCell(subtitle, style="subtitle"))
        row += 1
    row += 1
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
            grid.charts.append((row, block))
            row += CHART_ROWS
        row += 1
    grid.rows = max(grid.rows, row - 1)
    return grid
