"""The request that the workbook's xlwings VBA client sends to xlwings Server, made from a file.

Excel is not available here, so tests and benchmarks build the same JSON that
``RunRemotePython`` (``Remote.bas`` of the pinned xlwings) posts, from the workbook file:

* ``client`` ``"VBA"``, ``version`` (the client's ``XLWINGS_VERSION``);
* ``book``: ``name``, 0-based ``active_sheet_index``, ``selection`` (``"A1"``);
* ``names``: the named ranges (``name``, ``sheet_index``, ``address`` without ``$``,
  ``book_scope``, ``scope_sheet_name``, ``scope_sheet_index``);
* ``sheets``, every worksheet in order: ``name``, ``pictures``, ``tables`` and ``values`` —
  the cells from A1 to the end of the used range, row by row, as ``WebHelpers.ConvertToJson``
  encodes them: empty → ``null``; numbers as VBA prints them (whole numbers without a
  decimal point); dates → ``"yyyy-mm-ddTHH:MM:SS.000Z"``; errors → ``"#REF!"`` etc.;
  an empty sheet → ``[[]]``.
"""

from __future__ import annotations

import math
import re
from datetime import date, datetime, time
from pathlib import Path
from typing import Any

import xlwings
from openpyxl import load_workbook
from openpyxl.utils import get_column_letter
from openpyxl.utils.cell import range_boundaries

#: ``WebHelpers.json_StringIsLargeNumber``: such text is sent unquoted, as a number.
_LARGE_NUMBER = re.compile(r"^[0-9.Ee]{16,100}$")


def vba_json_value(value: Any) -> Any:
    """Return a cell value as the VBA client's JSON encoder would send it.

    Args:
        value: A cell value as openpyxl reads it (cached values, not formulas).
    """
    if value is None or isinstance(value, bool):
        return value
    if isinstance(value, int | float):
        number = float(value)
        if math.isfinite(number) and number.is_integer() and abs(number) < 1e15:
            return int(number)
        return float(f"{number:.15g}")
    if isinstance(value, datetime):
        return value.strftime("%Y-%m-%dT%H:%M:%S.000Z")
    if isinstance(value, date):
        return f"{value.isoformat()}T00:00:00.000Z"
    if isinstance(value, time):
        return f"1899-12-30T{value.strftime('%H:%M:%S')}.000Z"
    text = str(value)
    if _LARGE_NUMBER.match(text):
        try:
            return float(text) if any(c in text for c in ".Ee") else int(text)
        except ValueError:
            return text
    return text


def _address(ref: str, absolute: bool) -> str:
    min_col, min_row, max_col, max_row = _bounds(ref)

    def cell(c: int, r: int) -> str:
        letters = get_column_letter(c)
        return f"${letters}${r}" if absolute else f"{letters}{r}"

    first = cell(min_col, min_row)
    if (min_col, min_row) == (max_col, max_row):
        return first
    return f"{first}:{cell(max_col, max_row)}"


def _names(wb: Any, sheet_index: dict[str, int]) -> list[dict[str, Any]]:
    found: list[dict[str, Any]] = []

    def add(defined: Any, scope: str | None) -> None:
        try:
            destinations = list(defined.destinations)
        except Exception:  # a constant or a formula: not a named range
            return
        if len(destinations) != 1 or destinations[0][0] not in sheet_index:
            return
        target_sheet, ref = destinations[0]
        name = defined.name.removeprefix("_xlnm.")
        found.append({
            "name": name if scope is None else f"{_quote(scope)}!{name}",
            "sheet_index": sheet_index[target_sheet],
            "address": _address(ref.replace("$", ""), absolute=False),
            "book_scope": scope is None,
            "scope_sheet_name": scope,
            "scope_sheet_index": None if scope is None else sheet_index[scope],
        })

    for defined in wb.defined_names.values():
        add(defined, None)
    for ws in wb.worksheets:
        for defined in ws.defined_names.values():
            add(defined, ws.title)
    return found


def _quote(sheet: str) -> str:
    return sheet if re.fullmatch(r"[A-Za-z_][A-Za-z0-9_.]*", sheet) else f"'{sheet}'"


def _bounds(ref: str) -> tuple[int, int, int, int]:
    min_col, min_row, max_col, max_row = range_boundaries(ref)
    return min_col or 1, min_row or 1, max_col or 1, max_row or 1


def _tables(ws: Any) -> list[dict[str, Any]]:
    tables = []
    for table in ws.tables.values():
        min_col, min_row, max_col, max_row = _bounds(table.ref)
        headers = (table.headerRowCount or 0) > 0
        totals = (table.totalsRowCount or 0) > 0
        body_first = min_row + (1 if headers else 0)
        body_last = max_row - (1 if totals else 0)

        def rows(first: int, last: int, cols: tuple[int, int] = (min_col, max_col)) -> str:
            return _address(f"{get_column_letter(cols[0])}{first}:"
                            f"{get_column_letter(cols[1])}{last}", absolute=True)

        tables.append({
            "name": table.displayName,
            "range_address": _address(table.ref, absolute=True),
            "header_row_range_address": rows(min_row, min_row) if headers else None,
            "data_body_range_address": rows(body_first, body_last)
            if body_last >= body_first else None,
            "total_row_range_address": rows(max_row, max_row) if totals else None,
            "show_headers": headers,
            "show_totals": totals,
            "table_style": table.tableStyleInfo.name if table.tableStyleInfo else "",
            "show_autofilter": table.autoFilter is not None,
        })
    return tables


def _values(ws: Any) -> list[list[Any]]:
    if ws.max_row == 1 and ws.max_column == 1 and ws.cell(1, 1).value is None:
        return [[]]
    return [[vba_json_value(v) for v in row]
            for row in ws.iter_rows(min_row=1, min_col=1, max_row=ws.max_row,
                                    max_col=ws.max_column, values_only=True)]


def client_payload(path: str | Path, *, version: str | None = None,
                   selection: str = "A1") -> dict[str, Any]:
    """Build the JSON body that the xlwings VBA client posts for the workbook at ``path``.

    Args:
        path: An .xlsx/.xlsm file; its cached cell values are sent, as Excel would.
        version: The client's xlwings version (default: the installed one).
        selection: The selected range's address.

    Returns:
        The payload, ready for ``xw.Book(json=payload)`` or an HTTP POST.
    """
    wb = load_workbook(path, data_only=True)
    try:
        sheet_index = {ws.title: i for i, ws in enumerate(wb.worksheets)}
        sheets = [{
            "name": ws.title,
            "pictures": [{"name": f"Picture {i + 1}", "height": float(img.height),
                          "width": float(img.width)}
                         for i, img in enumerate(getattr(ws, "_images", []))],
            "tables": _tables(ws),
            "values": _values(ws),
        } for ws in wb.worksheets]
        active = wb.worksheets.index(wb.active) if wb.active in wb.worksheets else 0
        return {
            "client": "VBA",
            "version": version or xlwings.__version__,
            "book": {"name": Path(path).name, "active_sheet_index": active,
                     "selection": selection},
            "names": _names(wb, sheet_index),
            "sheets": sheets,
        }
    finally:
        wb.close()


def with_settings(payload: dict[str, Any], sheet: str, values: dict[str, Any]) -> dict[str, Any]:
    """A copy of ``payload`` with key/value settings changed (label in one cell, value right).

    For tests and benchmarks, e.g. to point ``ตั้งค่า``'s mail server at 127.0.0.1.

    Args:
        payload: A payload from :func:`client_payload`.
        sheet: The key/value sheet, e.g. ``ตั้งค่า``.
        values: New values by Thai label (``None`` empties the cell).

    Raises:
        KeyError: The sheet or a label is not in the payload.
    """
    sheets = []
    left = dict(values)
    for entry in payload["sheets"]:
        if entry["name"] != sheet:
            sheets.append(entry)
            continue
        rows = [list(row) for row in entry["values"]]
        for row in rows:
            for c, cell in enumerate(row[:-1]):
                if isinstance(cell, str) and cell.strip() in left:
                    row[c + 1] = vba_json_value(left.pop(cell.strip()))
        sheets.append({**entry, "values": rows})
    if left:
        raise KeyError(f"not found in {sheet!r}: {sorted(left)}")
    return {**payload, "sheets": sheets}
