"""The values of a live book written to a plain .xlsx, for library functions that take a file.

A button works on the live book, saved or not; :func:`learnworks_xl.api.email` and its kin
read a file. The snapshot holds exactly the values the button read (same sheets, same cells),
so the file path sees what the clerk sees.
"""

from __future__ import annotations

from datetime import date, datetime, time
from pathlib import Path
from typing import Any

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell

from learnworks_xl.core.grid import CellError, RawWorkbook

DATE_FORMAT = "[$-107041E]d mmm yyyy"


def write_snapshot(raw: RawWorkbook, path: Path) -> Path:
    """Write every raw sheet's values at their cells into a new workbook at ``path``.

    Args:
        raw: The book as read.
        path: The .xlsx to write (streamed: openpyxl's write-only mode).

    Returns:
        ``path``.
    """
    wb = Workbook(write_only=True)
    for sheet in raw.sheets.values():
        ws = wb.create_sheet(sheet.name)
        for _ in range(sheet.first_row):
            ws.append([])
        for row in sheet.rows:
            ws.append([None] * sheet.first_col + [_cell(ws, v) for v in row])
    wb.save(path)
    return path


def _cell(ws: Any, value: Any) -> Any:
    if value is None or value == "":
        return None
    if isinstance(value, CellError):
        return value.code
    if isinstance(value, date | datetime):
        day = value if isinstance(value, datetime) else datetime.combine(value, time(0))
        cell = WriteOnlyCell(ws, day)
        cell.number_format = DATE_FORMAT
        return cell
    if isinstance(value, str) and value.startswith("="):
        cell = WriteOnlyCell(ws, value)
        cell.data_type = "s"  # text as typed, never a formula
        return cell
    return value
