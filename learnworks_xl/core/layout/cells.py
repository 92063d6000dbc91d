"""A report laid out: cells with their written values, number formats, styles, roles, links
and fills; merges; column widths; row heights; charts; the print area.

The grid is what both painters read: :mod:`learnworks_xl.workbook.reports` paints it with
XlsxWriter for files (fonts, borders, merges, heights, charts too), and
:mod:`learnworks_xl.xl.reportwrite` turns it into the VBA client's actions for buttons
(values, number formats, fills and links; the client can do nothing else).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import datetime
from typing import Literal

from learnworks_xl.core.layout.colours import (
    BANNER_FILL,
    ERROR_FILL,
    OK_FILL,
    REPORT_HEADER_FILL,
    WARN_FILL,
)
from learnworks_xl.core.layout.text import FONT_SIZE
from learnworks_xl.core.reports.content import CHART_DATA_COL, ChartBlock, Format, Role
from learnworks_xl.core.reports.numformats import (
    REPORT_NUMBER_FORMATS,
    TEXT_FORMAT,
    thai_digit_format,
)

#: What a cell is in the report; each painter gives a style its look.
Style = Literal[
    "title", "subtitle", "banner", "heading",  # the report's head, a block's heading
    "paragraph", "paragraph_heading", "paragraph_note",  # Paragraph.style body/heading/note
    "label", "value",  # a key/value row
    "header", "cell", "total", "empty",  # a table: header row, body, totals, no rows
    "chart_label", "chart_data",  # a chart's data beside the report
]
#: An alignment that overrides a value's own (one alignment per key/value column).
Align = Literal["left"]
#: A value as written to its cell: text, a number, a date and time, or blank.
Written = str | float | datetime | None

#: Styles whose cells hold a report :class:`~learnworks_xl.core.reports.content.Value`
#: (they have a number format name; the other styles are plain text in General).
VALUE_STYLES: frozenset[Style] = frozenset({"value", "cell", "total"})
#: Font size (points) of each style that is not the workbook's :data:`FONT_SIZE`.
FONT_SIZES: dict[Style, int] = {"title": 20, "banner": 18, "heading": 18,
                                "paragraph_heading": 18, "paragraph_note": 14}
#: Fills of styles, and of the style roles (a role's fill wins).
STYLE_FILLS: dict[Style, str] = {"header": REPORT_HEADER_FILL, "banner": BANNER_FILL}
ROLE_FILLS: dict[Role, str] = {"ok": OK_FILL, "bad": ERROR_FILL, "warn": WARN_FILL}
#: Excel number format of each report format name (text is kept as text).
NUMBER_FORMATS: dict[str, str] = {"text": TEXT_FORMAT, "amount_dash": TEXT_FORMAT,
                                  **REPORT_NUMBER_FORMATS}
GENERAL = "General"
#: A chart's size (pixels).
CHART_SIZE = (720, 360)


def font_size(style: Style) -> int:
    """The font size (points) of a style."""
    return FONT_SIZES.get(style, FONT_SIZE)


def fill_of(style: Style, role: Role | None) -> str | None:
    """The fill colour of a cell of ``style`` with ``role``, or None for no fill."""
    if role is not None and role in ROLE_FILLS:
        return ROLE_FILLS[role]
    return STYLE_FILLS.get(style)


def number_format(name: Format | None, thai_digits: bool = False) -> str:
    """The Excel number format of a report format name (None: General).

    Args:
        name: The format name of a value, or None for a cell that is no report value.
        thai_digits: Show numbers and dates with Thai digits (the cell stays a number).
    """
    if name is None:
        return GENERAL
    fmt = NUMBER_FORMATS[name]
    return thai_digit_format(fmt) if thai_digits else fmt


@dataclass(frozen=True, slots=True)
class GridCell:
    """One placed cell.

    ``format`` is the number format name of a report value (``VALUE_STYLES``), None for plain
    text; ``align`` overrides a value's own alignment (one alignment per key/value column).
    """

    value: Written
    style: Style
    format: Format | None = None
    role: Role | None = None
    link: str | None = None
    align: Align | None = None

    @property
    def fill(self) -> str | None:
        """The cell's fill colour, or None."""
        return fill_of(self.style, self.role)


#: Receives each cell of a grid as it is placed (its merge is already in ``grid.merges``).
Sink = Callable[["ReportGrid", int, int, GridCell], None]


@dataclass(frozen=True)
class PlacedChart:
    """A chart: drawn at ``row`` in column A, its data beside the report.

    The data is at column :data:`CHART_DATA_COL`: the chart's title and series names in
    ``data_row``, then one row per category (its name, then one value per series).
    """

    block: ChartBlock
    row: int
    data_row: int
    size: tuple[int, int] = CHART_SIZE

    @property
    def data_col(self) -> int:
        """The column of the categories (the series follow)."""
        return CHART_DATA_COL

    @property
    def first_data_row(self) -> int:
        """The row of the first category."""
        return self.data_row + 1

    @property
    def last_data_row(self) -> int:
        """The row of the last category."""
        return self.data_row + len(self.block.categories)


@dataclass
class ReportGrid:
    """A report laid out on 0-based (row, column) cells.

    ``cells`` keep the order they were placed in: the order a file writes them (its shared
    strings and formats are numbered in that order). A grid with a ``sink`` hands each cell
    to it as it is placed and keeps none (a file of 150,000 findings need not hold them
    twice); its merges, widths, heights, charts and print area are kept all the same.
    """

    name: str
    widths: list[float]
    """Column widths (characters) of the report's columns, from A."""
    first_row: int = 0
    thai_digits: bool = False
    landscape: bool = False
    cells: dict[tuple[int, int], GridCell] = field(default_factory=dict)
    merges: dict[tuple[int, int], int] = field(default_factory=dict)
    """(row, first column) → last column of a merged range on one row."""
    row_heights: dict[int, float] = field(default_factory=dict)
    """Explicit row heights (points); other rows keep the default."""
    charts: list[PlacedChart] = field(default_factory=list)
    end_row: int = 0
    """The first row after the report (its last row is blank)."""
    sink: Sink | None = field(default=None, repr=False, compare=False)

    @property
    def columns(self) -> int:
        """How many columns the report spans (its widths)."""
        return len(self.widths)

    @property
    def print_area(self) -> tuple[int, int]:
        """(last row, last column) of the printed area, from A1."""
        return max(self.end_row - 1, self.first_row), self.columns - 1

    @property
    def cols(self) -> int:
        """Number of columns from A holding a cell (chart data included)."""
        return max((c for _r, c in self.cells), default=-1) + 1

    @property
    def rows(self) -> int:
        """Number of rows from 1 holding a cell."""
        return max((r for r, _c in self.cells), default=-1) + 1

    def put(self, row: int, col: int, cell: GridCell, *, last_col: int | None = None) -> None:
        """Place a cell; ``last_col`` merges it across the row to that column."""
        if last_col is not None and last_col > col:
            self.merges[(row, col)] = last_col
        if self.sink is None:
            self.cells[(row, col)] = cell
        else:
            self.sink(self, row, col, cell)

    def number_format(self, cell: GridCell) -> str:
        """The Excel number format of a placed cell."""
        return number_format(cell.format, self.thai_digits)

    def covered(self) -> Iterator[tuple[int, int, GridCell]]:
        """Every cell a file formats: each placed cell, and the rest of its merged range
        (which shows the first cell's format and fill)."""
        for (r, c), cell in self.cells.items():
            yield r, c, cell
            for col in range(c + 1, self.merges.get((r, c), c) + 1):
                yield r, col, cell

    def matrix(self, first_col: int = 0, last_col: int | None = None) -> list[list[Written]]:
        """Values of rows 1… as a rectangular block over columns ``first_col``…``last_col``."""
        last = self.cols - 1 if last_col is None else last_col
        out: list[list[Written]] = [[None] * (last - first_col + 1) for _ in range(self.rows)]
        for (r, c), cell in self.cells.items():
            if first_col <= c <= last:
                out[r][c - first_col] = cell.value
        return out
