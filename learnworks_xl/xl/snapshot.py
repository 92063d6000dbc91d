"""The values of a live book written to a plain .xlsx, for library functions that take a file.

A button works on the live book, saved or not; :func:`learnworks_xl.api.email` and its kin
read a file. The snapshot holds exactly the values the button read (same sheets, same cells),
so the file path sees what the clerk sees.
"""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path

from openpyxl import Workbook

from learnworks_xl.core.grid import CellError, RawWorkbook

DATE_FORMAT = "[$-107041E]d mmm yyyy"


def write_snapshot(raw: RawWorkbook, path: Path) -> Path:
    """Write every raw sheet's values at their cells into a new workbook at ``path``.

    Args:
        raw: The book as read.
        path: The .xlsx to write.

    Returns:
        ``path``.
    """
    wb = Workbook()
    wb.remove(wb.active)  # type: ignore[arg-type]
    for sheet in raw.sheets.values():
        ws = wb.create_sheet(sheet.name)
        for r, row in enumerate(sheet.rows):
            for c, value in enumerate(row):
                if value is None or value == "":
                    continue
                cell = ws.cell(sheet.first_row + r + 1, sheet.first_col + c + 1)
                cell.value = value.code if isinstance(value, CellError) else value
                if isinstance(value, str) and value.startswith("="):
                    cell.data_type = "s"  # text as typed, never a formula
                if isinstance(value, date | datetime):
                    cell.number_format = DATE_FORMAT
    wb.save(path)
    return path
