"""Where every value of a report goes: a :class:`ReportSheet` laid out as a :class:`ReportGrid`.

The one place that decides the cells of a report sheet, for files and buttons alike
(:mod:`learnworks_xl.core.layout.cells`). From ``first_row``:

* the title; the subtitles; the ฉบับร่าง banner when the report is provisional (merged
  across the report's columns); a blank row;
* each block, then a blank row: a paragraph is one row merged across the report's columns;
  key/values an optional heading row, then one row each (label in A, value in B); a table an
  optional heading row, the header row, the body rows (or one merged row with the empty text)
  and the total rows, each cell in its column's format unless the value names its own; a
  chart is drawn below the previous block, :data:`CHART_ROWS` rows high, and its data is
  written beside the report from column :data:`CHART_DATA_COL` (outside the printed area;
  a button writes the data, the file draws the chart from it).

Values are written as Excel keeps them: numbers as numbers, ``amount_dash`` as text
(``15,100.-``), dates as dates, yes/no as ใช่/ไม่ใช่, a linked value as its display text. Rows of
wrapped text get the height of their tallest cell (:mod:`learnworks_xl.core.layout.text`).
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from datetime import date, datetime
from decimal import Decimal

from learnworks_xl import thai
from learnworks_xl.core.layout.cells import (
    CHART_SIZE,
    Align,
    GridCell,
    PlacedChart,
    ReportGrid,
    Sink,
    Style,
    Written,
    font_size,
)
from learnworks_xl.core.layout.text import ROW_HEIGHT_PX, display_width, row_height, wrapped_lines
from learnworks_xl.core.reports.content import (
    CHART_DATA_COL,
    CHART_DATA_TITLE,
    PROVISIONAL_BANNER,
    ChartBlock,
    Column,
    KeyValues,
    Paragraph,
    ReportSheet,
    TableBlock,
    Value,
)

#: ``หน้าหลัก``'s report stays in columns A–D (the buttons are in F–H).
HOME_COLUMNS = 4
#: A report spans at least this many columns (label and value).
MIN_COLUMNS = 2
#: Width (characters) of a column no block sizes.
DEFAULT_WIDTH = 14.0
#: Row heights (points) of the title (20 pt), the banner and a heading line (18 pt).
TITLE_HEIGHT = 40
BANNER_HEIGHT = 36
HEADING_HEIGHT = 30
#: Rows a chart takes: its height in default rows, plus one.
CHART_ROWS = math.ceil(CHART_SIZE[1] / ROW_HEIGHT_PX) + 1
#: Excel keeps at most 65,530 hyperlinks per sheet; past that a value is written plainly.
MAX_LINKS = 65_530
#: Paragraph style → cell style.
PARAGRAPH_STYLES: dict[str, Style] = {"body": "paragraph", "heading": "paragraph_heading",
                                      "note": "paragraph_note"}


def display_text(value: Value) -> str:
    """The text of a value as a person reads it (dates the Thai way, amounts with
    separators): what a linked cell shows."""
    v = value.value
    if v is None:
        return ""
    if isinstance(v, datetime | date):
        return thai.format_thai_date(v.date() if isinstance(v, datetime) else v, "abbr")
    if value.format in ("amount", "amount_dash") and isinstance(v, int | Decimal):
        return thai.format_baht(v, "dash" if value.format == "amount_dash" else "plain")
    return str(v)


def written(value: Value) -> Written:
    """The cell value of a report value without its link, as Excel keeps it."""
    v = value.value
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


def in_column(value: Value, column: Column) -> Value:
    """A value shown in a table column: the column's format unless the value names its own."""
    if value.format == "text" and column.format != "text":
        return Value(value.value, column.format, value.role, value.link)
    return value


def report_widths(report: ReportSheet, min_cols: int = MIN_COLUMNS) -> list[float]:
    """Column widths (characters) that fit every block of a report."""
    widths: list[float] = [0.0] * min_cols

    def need(i: int, w: float) -> None:
        while len(widths) <= i:
            widths.append(0.0)
        widths[i] = max(widths[i], w)

    for block in report.blocks:
        if isinstance(block, TableBlock):
            for i, c in enumerate(block.columns):
                need(i, c.width)
        elif isinstance(block, KeyValues):
            labels = [display_width(k) for k, _ in block.rows] or [10]
            values = [display_width(display_text(v)) for _, v in block.rows] or [10]
            need(0, min(max(labels) + 2, 40))
            need(1, min(max(max(values) + 2, 16), 60))
    return [w or DEFAULT_WIDTH for w in widths]


def cell_lines(value: Value, width: float) -> int:
    """Lines a report value takes in a column of ``width`` characters (text wraps; numbers,
    dates and links stay on one line)."""
    if value.format != "text" or value.link is not None or value.value is None:
        return 1
    return wrapped_lines(str(value.value), width)


def mixed(values: Sequence[Value]) -> bool:
    """True when a list of values holds both numbers (or dates) and text."""
    kinds = {(isinstance(v.value, int | Decimal | date) and not isinstance(v.value, bool))
             or v.format == "amount_dash" for v in values if v.value is not None}
    return len(kinds) > 1


class _Layout:
    """A grid being filled from the top, with the sheet's hyperlink count."""

    def __init__(self, grid: ReportGrid) -> None:
        self.grid = grid
        self.links = 0

    def text(self, row: int, col: int, text: str, style: Style, *,
             last_col: int | None = None) -> None:
        self.grid.put(row, col, GridCell(text, style), last_col=last_col)

    def value(self, row: int, col: int, value: Value, style: Style,
              align: Align | None = None) -> None:
        link = value.link
        if link is not None and self.links >= MAX_LINKS:
            link = None
        if link is not None:
            self.links += 1
            shown: Written = display_text(value) or link
        else:
            shown = written(value)
        self.grid.put(row, col, GridCell(shown, style, value.format, value.role, link, align))

    def fit(self, row: int, lines: Sequence[int]) -> None:
        """Give a row the height of its tallest wrapped cell (a row of one line keeps the
        default height)."""
        height = row_height(max(lines, default=1))
        if height is not None:
            self.grid.row_heights[row] = height

    def heading(self, row: int, text: str | None) -> int:
        if not text:
            return row
        self.text(row, 0, text, "heading")
        self.grid.row_heights[row] = HEADING_HEIGHT
        return row + 1

    def paragraph(self, row: int, block: Paragraph) -> int:
        style = PARAGRAPH_STYLES[block.style]
        widths = self.grid.widths
        self.text(row, 0, block.text, style, last_col=len(widths) - 1)
        size = font_size(style)
        height = row_height(wrapped_lines(block.text, sum(widths), size), size)
        if height is not None:
            self.grid.row_heights[row] = height
        elif style == "paragraph_heading":
            self.grid.row_heights[row] = HEADING_HEIGHT
        return row + 1

    def keyvalues(self, row: int, block: KeyValues) -> int:
        row = self.heading(row, block.heading)
        widths = self.grid.widths
        # One alignment for the value column: left when numbers and text share it.
        align: Align | None = "left" if mixed([v for _, v in block.rows]) else None
        for label, value in block.rows:
            self.text(row, 0, label, "label")
            self.value(row, 1, value, "value", align)
            self.fit(row, [wrapped_lines(label, widths[0]),
                           cell_lines(value, widths[1] if len(widths) > 1 else widths[0])])
            row += 1
        return row

    def table(self, row: int, block: TableBlock) -> int:
        row = self.heading(row, block.heading)
        columns = block.columns
        widths = self.grid.widths
        width = [widths[i] if i < len(widths) else c.width for i, c in enumerate(columns)]
        for c, column in enumerate(columns):
            self.text(row, c, column.header, "header")
        self.fit(row, [wrapped_lines(c.header, width[i]) for i, c in enumerate(columns)])
        row += 1
        if not block.rows:
            self.text(row, 0, block.empty_text, "empty", last_col=len(columns) - 1)
            row += 1
        parts: tuple[tuple[Style, list[list[Value]]], ...] = (
            ("cell", block.rows), ("total", block.totals))
        for style, rows in parts:
            for values in rows:
                shown = [in_column(value, columns[c]) for c, value in
                         enumerate(values[: len(columns)])]
                for c, value in enumerate(shown):
                    self.value(row, c, value, style)
                self.fit(row, [cell_lines(v, width[c]) for c, v in enumerate(shown)])
                row += 1
        return row

    def chart(self, row: int, block: ChartBlock, data_row: int) -> tuple[int, int]:
        """Place the chart's data beside the report and the chart at ``row``; return the row
        after the chart and the next free data row."""
        c0 = CHART_DATA_COL
        if data_row == 0:
            self.text(0, c0, CHART_DATA_TITLE, "chart_label")
            data_row = 1
        self.text(data_row, c0, block.title, "chart_label")
        for j, (name, _values) in enumerate(block.series):
            self.text(data_row, c0 + 1 + j, name, "chart_label")
        for i, category in enumerate(block.categories):
            self.text(data_row + 1 + i, c0, category, "chart_data")
            for j, (_name, values) in enumerate(block.series):
                if i < len(values):
                    self.grid.put(data_row + 1 + i, c0 + 1 + j,
                                  GridCell(float(values[i]), "chart_data"))
        placed = PlacedChart(block, row, data_row)
        self.grid.charts.append(placed)
        return row + CHART_ROWS, placed.last_data_row + 2


def lay_out(report: ReportSheet, *, first_row: int = 0, max_cols: int | None = None,
            sink: Sink | None = None) -> ReportGrid:
    """Lay a report out on a grid.

    Args:
        report: The report content (from ``learnworks_xl.core.reports``).
        first_row: The row to start at (0-based).
        max_cols: Keep the report's width within this many columns (``หน้าหลัก`` uses
            :data:`HOME_COLUMNS`).
        sink: Hand each cell to this as it is placed instead of keeping it in the grid.

    Returns:
        The grid: every cell with its value, number format name, style, role and link; the
        merges, widths, row heights, charts and print area.
    """
    widths = report_widths(report)
    if max_cols is not None:
        widths = widths[:max_cols]
    grid = ReportGrid(report.name, widths, first_row, report.thai_digits, report.landscape,
                      sink=sink)
    out = _Layout(grid)
    last = grid.columns - 1
    row = first_row
    out.text(row, 0, report.title, "title")
    grid.row_heights[row] = TITLE_HEIGHT
    row += 1
    for subtitle in report.subtitles:
        out.text(row, 0, subtitle, "subtitle")
        row += 1
    if report.provisional:
        out.text(row, 0, PROVISIONAL_BANNER, "banner", last_col=last)
        grid.row_heights[row] = BANNER_HEIGHT
        row += 1
    row += 1
    data_row = 0
    for block in report.blocks:
        if isinstance(block, Paragraph):
            row = out.paragraph(row, block)
        elif isinstance(block, KeyValues):
            row = out.keyvalues(row, block)
        elif isinstance(block, TableBlock):
            row = out.table(row, block)
        elif isinstance(block, ChartBlock):
            row, data_row = out.chart(row, block, data_row)
        row += 1
    grid.end_row = row
    return grid
