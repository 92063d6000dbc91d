"""The xlwings adapter: a live ``xw.Book`` → :class:`RawWorkbook`, and a :class:`Patch` → book.

Works the same on every xlwings engine: Excel through COM/AppleScript (local ``RunPython``)
and the remote engine of xlwings Server (``xw.Book(json=payload)``), whose writes become the
actions that the workbook's VBA client replays. Reading takes one ``.value`` per sheet (its
used range); writing takes one call per operation of the patch.

Percent fields (the KPI target, the plan's weights): Excel stores ``95%`` as 0.95 with a
percent number format. In local mode the number format of the few cells of these fields that
hold a number is read too (one ``.number_format`` per run of cells down a column), so a
button reads ``95%`` as 95 exactly as a file is read. The remote engine has no formats (the
VBA client's payload carries values only): there, a value in (0, 1] is read as written, with
the ``percent-ambiguous`` warning that names both readings.
"""

from __future__ import annotations

from datetime import date, datetime, time
from typing import Any

from learnworks_xl.core import sheets as sh
from learnworks_xl.core.grid import (
    ERROR_CODES,
    CellError,
    RawSheet,
    RawWorkbook,
    is_percent_format,
)
from learnworks_xl.core.percent import number_cells
from learnworks_xl.xl.clientjson import NEWER_ERROR
from learnworks_xl.xl.patch import (
    AddSheet,
    Alert,
    Clear,
    Fill,
    Link,
    NumberFormat,
    Patch,
    SetValues,
)


def raw_cell(value: Any) -> Any:
    """Normalise one value as xlwings returns it to what the file reader returns.

    Numbers become floats (Excel stores doubles; the remote client sends whole numbers as
    JSON integers), datetimes at midnight become dates, error texts (``#REF!``, and
    :data:`~learnworks_xl.xl.clientjson.NEWER_ERROR` for an error the VBA client could not
    write) become :class:`CellError`.
    """
    if isinstance(value, bool) or value is None:
        return value
    if isinstance(value, int):
        return float(value)
    if isinstance(value, datetime):
        return value.date() if value.time() == time(0) else value
    if isinstance(value, str) and (value in ERROR_CODES or value == NEWER_ERROR):
        return CellError(value)
    return value


def read_sheet(sheet: Any) -> RawSheet:
    """Read one xlwings sheet: the values of its used range with their position."""
    rng = sheet.used_range
    values = rng.options(ndim=2, err_to_str=True).value
    rows = [[raw_cell(v) for v in row] for row in values]
    return RawSheet(sheet.name, rows, rng.row - 1, rng.column - 1)


def read_book(book: Any) -> RawWorkbook:
    """Read every sheet of a live book into raw sheets (one ``.value`` per sheet).

    Args:
        book: An ``xw.Book`` (``xw.Book.caller()`` or ``xw.Book(json=payload)``).

    Returns:
        The raw workbook, ready for :func:`learnworks_xl.core.validate.validate_raw`.
    """
    sheets = {}
    for sheet in book.sheets:
        raw = read_sheet(sheet)
        spec = sh.BY_NAME.get(raw.name)
        if spec is not None and spec.kind != "report":
            raw.percent_cells = percent_formatted(sheet, number_cells(raw, spec))
        sheets[raw.name] = raw
    return RawWorkbook(sheets, source=str(book.name))


def percent_formatted(sheet: Any, cells: list[tuple[int, int]]) -> frozenset[tuple[int, int]]:
    """Which of ``cells`` (0-based absolute) have a percent number format.

    One ``.number_format`` per run of consecutive cells down a column (Excel answers None
    for a range of mixed formats: then one per cell). An engine that cannot read formats
    (xlwings Server's) gives none.
    """
    found: set[tuple[int, int]] = set()
    try:
        for run in _runs(sorted(cells, key=lambda rc: (rc[1], rc[0]))):
            (top, col), bottom = run[0], run[-1][0]
            code = _rect(sheet, top, col, bottom - top + 1, 1).number_format
            if isinstance(code, str):
                if is_percent_format(code):
                    found.update(run)
                continue
            for r, c in run:
                one = _rect(sheet, r, c, 1, 1).number_format
                if isinstance(one, str) and is_percent_format(one):
                    found.add((r, c))
    except NotImplementedError:  # the remote engine: no formats in its payload
        return frozenset()
    return frozenset(found)


def _runs(cells: list[tuple[int, int]]) -> list[list[tuple[int, int]]]:
    """Cells sorted by (column, row), grouped into runs of consecutive rows of one column."""
    runs: list[list[tuple[int, int]]] = []
    for r, c in cells:
        if runs and runs[-1][-1] == (r - 1, c):
            runs[-1].append((r, c))
        else:
            runs.append([(r, c)])
    return runs


def _rect(sheet: Any, row: int, col: int, nrows: int, ncols: int) -> Any:
    first = (row + 1, col + 1)
    if nrows == 1 and ncols == 1:
        return sheet.range(first)
    return sheet.range(first, (row + nrows, col + ncols))


def _write_value(value: Any) -> Any:
    if isinstance(value, date) and not isinstance(value, datetime):
        return datetime.combine(value, time(0))
    return value


#: The workbook's macro that shows a message box in Unicode (``LearnworksButtons.bas``).
ALERT_MACRO = "LwAlert"


def alert_macro(book_name: str) -> str:
    """``'<book>'!LwAlert``: the macro in the pressing workbook (``Application.Run`` name)."""
    return "'" + book_name.replace("'", "''") + "'!" + ALERT_MACRO


def is_remote(book: Any) -> bool:
    """True for a book of xlwings Server (``xw.Book(json=payload)``), False for Excel itself."""
    return str(getattr(getattr(book.app, "engine", None), "name", "")) == "remote"


def show_alert(book: Any, alert: Alert) -> None:
    """Show the clerk one message box.

    In server mode the VBA client would show xlwings' ``alert`` action with VBA ``MsgBox``,
    which is ANSI (Thai reads ``????`` unless Windows' language for non-Unicode programs is
    Thai); the book's own ``LwAlert`` (``MessageBoxW``) is called instead through the client's
    ``runMacro`` action (``Application.Run action("args")(1), wb, action("args")(2), …``).
    Locally xlwings' ``App.alert`` already calls ``win32api.MessageBox`` (Unicode) or
    AppleScript.
    """
    if is_remote(book):
        book.app.macro(alert_macro(str(book.name)))(alert.message, alert.title, alert.mode)
    else:
        book.app.alert(alert.message, title=alert.title, buttons="ok", mode=alert.mode)


def apply_patch(book: Any, patch: Patch) -> None:
    """Apply a patch to a live book, one xlwings call per operation, then show its alert.

    Args:
        book: An ``xw.Book``.
        patch: What to change (sheets are named; they must exist or be added by the patch).
    """
    for op in patch.ops:
        if isinstance(op, AddSheet):
            book.sheets.add(name=op.name, after=book.sheets[len(book.sheets) - 1])
            continue
        sheet = book.sheets[op.sheet]
        if isinstance(op, SetValues):
            if op.nrows and op.ncols:
                rows = [[_write_value(v) for v in row] for row in op.values]
                _rect(sheet, op.row, op.col, op.nrows, op.ncols).value = rows
        elif isinstance(op, Clear):
            _rect(sheet, op.row, op.col, op.nrows, op.ncols).clear()
        elif isinstance(op, Fill):
            _rect(sheet, op.row, op.col, op.nrows, op.ncols).color = op.color
        elif isinstance(op, NumberFormat):
            _rect(sheet, op.row, op.col, op.nrows, op.ncols).number_format = op.format
        elif isinstance(op, Link):
            _rect(sheet, op.row, op.col, 1, 1).add_hyperlink(op.address, op.text, op.tip)
    if patch.alert is not None:
        show_alert(book, patch.alert)
