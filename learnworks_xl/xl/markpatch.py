"""Findings marked on the input sheets: reset the data areas' fill, then colour each bad cell.

Pure: from the raw workbook, the parsed sheets and the report to :class:`Patch` operations.
The VBA client cannot clear a fill ("no fill"), so a data area is reset to white; only the
data cells are touched (headers and computed columns keep the template's look).
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from learnworks_xl.core.findings import Findings, Severity
from learnworks_xl.core.grid import RawSheet, RawWorkbook, column_index
from learnworks_xl.core.layout.colours import CLEAR_FILL, ERROR_FILL, WARN_FILL
from learnworks_xl.core.workbook import ParsedWorkbook
from learnworks_xl.xl.patch import Fill, Patch

_A1 = re.compile(r"^\$?([A-Z]{1,3})\$?(\d{1,7})$")


def parse_a1(address: str) -> tuple[int, int] | None:
    """0-based (row, column) of an A1 address, or None when it is not one cell."""
    m = _A1.match(address.upper())
    if m is None:
        return None
    return int(m.group(2)) - 1, column_index(m.group(1))


def runs(indexes: Iterable[int]) -> list[tuple[int, int]]:
    """Consecutive runs of sorted, distinct indexes as (first, count)."""
    out: list[tuple[int, int]] = []
    for i in sorted(set(indexes)):
        if out and out[-1][0] + out[-1][1] == i:
            out[-1] = (out[-1][0], out[-1][1] + 1)
        else:
            out.append((i, 1))
    return out


def sheet_extent(raw: RawSheet) -> tuple[int, int]:
    """(rows, columns) of a raw sheet counted from A1."""
    width = max((len(r) for r in raw.rows), default=0)
    if not raw.rows or not width:
        return 0, 0
    return raw.first_row + len(raw.rows), raw.first_col + width


def data_areas(raw: RawWorkbook, parsed: ParsedWorkbook) -> dict[str, set[tuple[int, int]] |
                                                                   tuple[int, int, list[int]]]:
    """The cells a clerk types into, by sheet.

    Tables: ``(first_row, last_row_exclusive, [columns])`` under the header, input columns only.
    Key/value sheets: the set of value cells.
    """
    areas: dict[str, set[tuple[int, int]] | tuple[int, int, list[int]]] = {}
    for table in parsed.tables():
        sheet = raw.sheets.get(table.spec.name)
        if not table.found or table.header_row is None or sheet is None:
            continue
        rows, _cols = sheet_extent(sheet)
        computed = {c.field for c in table.spec.columns if c.computed}
        cols = sorted(i for f, i in table.columns.items() if f not in computed)
        if rows > table.header_row + 1 and cols:
            areas[table.spec.name] = (table.header_row + 1, rows, cols)
    for kv in (parsed.project, parsed.settings):
        if kv.found:
            cells = {rc for a in kv.cells.values() if (rc := parse_a1(a)) is not None}
            areas[kv.spec.name] = cells
    return areas


def _inside(area: set[tuple[int, int]] | tuple[int, int, list[int]], rc: tuple[int, int]) -> bool:
    if isinstance(area, set):
        return rc in area
    first, last, cols = area
    return first <= rc[0] < last and rc[1] in cols


def mark_findings(raw: RawWorkbook, parsed: ParsedWorkbook, report: Findings) -> Patch:
    """Reset the input sheets' data areas to white, then colour every cell with a finding.

    Errors are red, warnings amber (an error wins on a cell with both). Vertical runs of
    same-coloured cells become one operation.
    """
    patch = Patch()
    areas = data_areas(raw, parsed)
    for sheet, area in areas.items():
        if isinstance(area, set):
            for col, cells in _by_column(area).items():
                for first, count in runs(cells):
                    patch.add(Fill(sheet, first, col, count, 1, CLEAR_FILL))
        else:
            first, last, cols = area
            for col, count in runs(cols):
                patch.add(Fill(sheet, first, col, last - first, count, CLEAR_FILL))
    worst: dict[tuple[str, int, int], str] = {}
    for f in report.findings:
        found = areas.get(f.sheet)
        rc = parse_a1(f.cell) if f.cell else None
        if found is None or rc is None or not _inside(found, rc):
            continue
        key = (f.sheet, rc[0], rc[1])
        if f.severity is Severity.ERROR or key not in worst:
            worst[key] = ERROR_FILL if f.severity is Severity.ERROR else WARN_FILL
    by_group: dict[tuple[str, int, str], list[int]] = {}
    for (sheet, r, c), color in worst.items():
        by_group.setdefault((sheet, c, color), []).append(r)
    for (sheet, c, color), rows in sorted(by_group.items()):
        for first, count in runs(rows):
            patch.add(Fill(sheet, first, c, count, 1, color))
    return patch


def _by_column(cells: set[tuple[int, int]]) -> dict[int, list[int]]:
    out: dict[int, list[int]] = {}
    for r, c in cells:
        out.setdefault(c, []).append(r)
    return out
