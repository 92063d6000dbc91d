"""Write sheet data to a plain .xlsx: headers from the models, values as a clerk would type.

Used by tests, fixtures and the benchmark generator to make workbooks quickly. The product's
workbook, with formats, validation and buttons, is built by :mod:`learnworks_xl.workbook`.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

from openpyxl import Workbook

from learnworks_xl.core.reports.numformats import DATE_FORMAT, MONTH_FORMAT
from learnworks_xl.core.sheets import INPUT_SHEETS, SheetSpec


def cell_value(spec: SheetSpec, field: str, value: Any) -> Any:
    """Return the value as it is stored in a cell (ใช่/ไม่ใช่ for yes/no)."""
    if isinstance(value, bool) and spec.column(field).kind == "yesno":
        return "ใช่" if value else "ไม่ใช่"
    return value


def write_plain_workbook(data: dict[str, Any], path: str | Path,
                         sheets: tuple[SheetSpec, ...] = INPUT_SHEETS) -> Path:
    """Write ``data`` (by sheet name, as :func:`learnworks_xl.sample.sample_data`) to ``path``.

    Args:
        data: Key/value sheets as a dict, table sheets as a list of row dicts.
        path: Where to write the .xlsx.
        sheets: The sheets to write, in order.
    """
    wb = Workbook(write_only=False)
    wb.remove(wb.active)  # type: ignore[arg-type]
    for spec in sheets:
        ws = wb.create_sheet(spec.name)
        content = data.get(spec.name)
        if spec.kind == "keyvalue":
            values = content or {}
            for r, col in enumerate(spec.columns, start=1):
                ws.cell(r, 1, col.title)
                if values.get(col.field) is not None:
                    cell = ws.cell(r, 2, cell_value(spec, col.field, values[col.field]))
                    if isinstance(values[col.field], date):
                        cell.number_format = MONTH_FORMAT if col.kind == "month" else DATE_FORMAT
            continue
        for c, col in enumerate(spec.columns, start=1):
            ws.cell(1, c, col.title)
        for r, row in enumerate(content or [], start=2):
            for c, col in enumerate(spec.columns, start=1):
                value = row.get(col.field)
                if value is None:
                    continue
                cell = ws.cell(r, c, cell_value(spec, col.field, value))
                if isinstance(value, date):
                    cell.number_format = MONTH_FORMAT if col.kind == "month" else DATE_FORMAT
    out = Path(path)
    wb.save(out)
    return out
