"""A report sheet written into the live workbook: the report's grid
(:func:`learnworks_xl.core.layout.lay_out`, the same as a file's) translated into the VBA
client's actions — clear the old content, one block of values, then number formats, fills
and links (pure: report → :class:`Patch`).

Fonts, borders, merges, row heights and charts are not among the client's actions; a chart's
data is written beside the report all the same.
"""

from __future__ import annotations

from learnworks_xl.core.grid import RawWorkbook
from learnworks_xl.core.layout import ReportGrid, lay_out
from learnworks_xl.core.layout.cells import GENERAL
from learnworks_xl.core.reports.content import ReportSheet
from learnworks_xl.xl.markpatch import runs, sheet_extent
from learnworks_xl.xl.patch import (
    AddSheet,
    Clear,
    Fill,
    Link,
    NumberFormat,
    Patch,
    SetValues,
    cell_value,
)


def link_tip(address: str) -> str:
    """The Thai screen tip of a link (xlwings' default tip is English)."""
    if address.startswith("#"):
        return "คลิกเพื่อไปที่เซลล์นี้ในสมุดงาน"
    return "คลิกเพื่อเปิดลิงก์"


def rectangles(cells: dict[tuple[int, int], str]) -> list[tuple[int, int, int, int, str]]:
    """Cells sharing a value (a number format, a colour) as few rectangles: the runs down each
    column, side-by-side runs of the same rows joined.

    Returns:
        ``(row, col, nrows, ncols, value)`` of each rectangle, sorted.
    """
    by_col: dict[tuple[int, str], list[int]] = {}
    for (r, c), value in cells.items():
        by_col.setdefault((c, value), []).append(r)
    spans: dict[tuple[str, int, int], list[int]] = {}
    for (c, value), rows in by_col.items():
        for first, count in runs(rows):
            spans.setdefault((value, first, count), []).append(c)
    return sorted((first, col, count, ncols, value)
                  for (value, first, count), cols in spans.items()
                  for col, ncols in runs(cols))


def grid_patch(grid: ReportGrid, raw: RawWorkbook, max_cols: int | None = None) -> Patch:
    """Operations that make the live sheet ``grid.name`` show the grid, and nothing else.

    Every cell gets the grid's value, number format and fill (a merged range's other cells
    the format and fill of its first), as a file paints them; a cleared cell is General and
    unfilled already.

    Args:
        grid: The laid-out report.
        raw: The book as read (the sheet's old extent is cleared; a missing sheet is added).
        max_cols: Touch only this many columns from A (``หน้าหลัก`` keeps its buttons area).
    """
    patch = Patch()
    name = grid.name
    existing = raw.sheets.get(name)
    if existing is None:
        patch.add(AddSheet(name))
    else:
        rows, cols = sheet_extent(existing)
        if max_cols is not None:
            cols = min(cols, max_cols)
        if rows and cols:
            patch.add(Clear(name, 0, 0, rows, cols))
    last = grid.cols - 1 if max_cols is None else min(grid.cols, max_cols) - 1
    matrix = [[cell_value(v) for v in row] for row in grid.matrix(0, last)]
    if matrix and matrix[0]:
        patch.add(SetValues(name, 0, 0, matrix))
    formats: dict[tuple[int, int], str] = {}
    fills: dict[tuple[int, int], str] = {}
    for r, c, cell in grid.covered():
        if c > last:
            continue
        number_format = grid.number_format(cell)
        if number_format != GENERAL:
            formats[(r, c)] = number_format
        if cell.fill is not None:
            fills[(r, c)] = cell.fill
    for r, c, nrows, ncols, fmt in rectangles(formats):
        patch.add(NumberFormat(name, r, c, nrows, ncols, fmt))
    for r, c, nrows, ncols, color in rectangles(fills):
        patch.add(Fill(name, r, c, nrows, ncols, color))
    for (r, c), cell in sorted(grid.cells.items()):
        if cell.link and cell.value is not None and c <= last:
            patch.add(Link(name, r, c, cell.link, str(cell.value), link_tip(cell.link)))
    return patch


def report_patch(report: ReportSheet, raw: RawWorkbook, max_cols: int | None = None) -> Patch:
    """Operations that rewrite one report sheet whole (see :func:`grid_patch`)."""
    return grid_patch(lay_out(report, max_cols=max_cols), raw, max_cols)
