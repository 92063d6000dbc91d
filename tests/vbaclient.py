"""The xlwings VBA client as Excel runs it: the exact request body a button press sends.

Tests only (never installed). Written from the client's source, not from what the server
expects: ``xlwings/addin/Remote.bas`` (``RunServerPython``, alias ``RunRemotePython``) and
``xlwings/addin/WebHelpers.bas`` (``ConvertToJson``) of the pinned xlwings 0.37.8. These are
the files of the installed package (:data:`REMOTE_BAS`, :data:`WEBHELPERS_BAS`, the same
modules the workbook embeds) and, line ends aside, those of github.com/xlwings/xlwings at
``aee5b72c`` (last changed by ``7c558f73`` and ``1e89a6b4``). What Excel would hold is read from
a workbook file into an :class:`ExcelBook` (what ``Range.Value`` returns for each cell),
which tests may change before a press; :meth:`ExcelBook.request_body` then writes the text
the client posts, which need not be JSON:

* **every defined name** that ``RefersToRange`` (``For iName = 1 To nNames`` over
  ``wb.Names``): the book's own names and each sheet's ``Print_Area`` and ``Print_Titles``;
  ``"address", myname.RefersToRange.Address(False, False)`` (``3:3`` for a row);
* **every worksheet**, hidden ones too, with the values of ``.Range(.Cells(1, 1),
  .Cells(startRow + nRows - 1, startCol + nCols - 1))`` — A1 to the end of the used range,
  which formatting alone extends; ``startRow`` and ``nRows`` are declared
  ``Dim startRow As Integer, startCol As Integer`` / ``Dim nRows As Integer, nCols As
  Integer``, so 16-bit: ``startRow + nRows`` is an Integer sum and overflows once it passes
  32,767, i.e. for a used range whose last row is 32,767 or more (:class:`VbaOverflow`,
  run-time error 6, before anything is sent);
* each value through ``ConvertToJson``: a Date as ``VBA.Format$(utc_LocalDate,
  "yyyy-mm-ddTHH:mm:ss.000Z")`` (``ConvertToIso``), which writes the year of the PC's
  calendar — Gregorian, or Thai Buddhist (year + 543); a String of 16 to 100 characters made
  only of ``.0-9Ee`` (``json_StringIsLargeNumber``) unquoted (``ConvertToJson = JsonValue``),
  other strings quoted with every character from 127 up as ``\\uXXXX`` (``json_Encode``); a
  number as ``VBA.Replace(JsonValue, ",", ".")`` (VBA's own number text: 15 significant
  digits, ``1E+15``); errors only in ``Case "Error 2007"`` … ``Case "Error 2015"`` — the seven
  classic ones; any other (``#SPILL!``, ``#CALC!`` …) converts to ``""``, which is not
  ``json_IsUndefined``, so the array gets an empty element: ``[,"x"]``, ``["x",,"y"]``,
  ``["x",]`` (and ``[]`` for a row one cell wide);
* a single-cell used range as ``values = Array(Array(values))``; an empty one (``IsEmpty(
  wb.Worksheets(i).UsedRange.Value)``) as ``Array(Array())``, i.e. ``[[]]``.

Not modelled (none occurs in the project's workbooks): chart sheets, names defined by a
formula (``OFFSET``) or across sheets, Currency-formatted cells (``Range.Value`` gives a
Currency with four decimals), the ``include``/``exclude`` settings.
"""

from __future__ import annotations

import math
import re
import zipfile
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from pathlib import Path
from typing import Any, Literal
from xml.etree import ElementTree

import xlwings
from openpyxl import load_workbook
from openpyxl.utils import get_column_letter
from openpyxl.utils.cell import (
    column_index_from_string,
    coordinate_from_string,
    range_boundaries,
)

ADDIN = Path(xlwings.__file__).parent / "addin"
REMOTE_BAS = ADDIN / "Remote.bas"
WEBHELPERS_BAS = ADDIN / "WebHelpers.bas"
XLWINGS_BAS = Path(xlwings.__file__).parent / "xlwings.bas"

Calendar = Literal["gregorian", "buddhist"]

#: ``ConvertToJson``'s ``Case VBA.vbError``: the only error values it writes.
CLASSIC_ERRORS = ("#DIV/0!", "#N/A", "#NAME?", "#NULL!", "#NUM!", "#REF!", "#VALUE!")
#: Error values of newer Excel that ``ConvertToJson`` turns into an empty array element.
NEWER_ERRORS = ("#SPILL!", "#CALC!", "#BUSY!", "#FIELD!", "#BLOCKED!", "#CONNECT!",
                "#UNKNOWN!", "#GETTING_DATA")
#: VBA's ``Integer``.
INTEGER_MAX = 32_767
#: The Thai solar calendar of Windows: the Gregorian date, the year + 543.
BUDDHIST_OFFSET = 543

_WORKBOOK_NS = {"m": "http://schemas.openxmlformats.org/spreadsheetml/2006/main"}
_REF = re.compile(r"^(?:'((?:[^']|'')+)'|([^'!]+))!(\S+)$")
_AREA = re.compile(r"^\$?([A-Z]{1,3})?\$?(\d+)?(?::\$?([A-Z]{1,3})?\$?(\d+)?)?$")


def client_version() -> str:
    """``Public Const XLWINGS_VERSION`` of the client (``xlwings.bas``): what it sends."""
    found = re.search(r'^Public Const XLWINGS_VERSION As String = "([^"]+)"',
                      XLWINGS_BAS.read_text(encoding="ascii"), re.M)
    assert found, "XLWINGS_VERSION not found in xlwings.bas"
    return found[1]


class VbaOverflow(ArithmeticError):
    """VBA run-time error 6 (Overflow): the client stops before sending anything."""


@dataclass(frozen=True)
class ExcelError:
    """An error value in a cell, as ``Range.Value`` returns it (a Variant of type vbError)."""

    code: str


#: What ``Range.Value`` returns for one cell: Empty, Boolean, Double, String, Date or Error.
Value = None | bool | float | str | datetime | ExcelError


@dataclass
class DefinedName:
    """One ``<definedName>`` of ``xl/workbook.xml``: one member of ``wb.Names``."""

    name: str
    refers_to: str
    local_sheet: int | None = None


@dataclass
class Sheet:
    """One worksheet as Excel holds it."""

    name: str
    cells: dict[tuple[int, int], Value] = field(default_factory=dict)
    used: tuple[int, int, int, int] = (1, 1, 1, 1)
    """``UsedRange``: first row, first column, last row, last column (1-based)."""
    tables: list[dict[str, Any]] = field(default_factory=list)
    pictures: list[dict[str, Any]] = field(default_factory=list)

    def set(self, a1: str, value: Value) -> None:
        """Type ``value`` into cell ``a1`` (None clears it); the used range grows to hold it."""
        letters, row = coordinate_from_string(a1)
        col = column_index_from_string(letters)
        blank = not self.cells and self.used == (1, 1, 1, 1)
        if value is None:
            self.cells.pop((row, col), None)
        else:
            self.cells[(row, col)] = value
        r0, c0, r1, c1 = (row, col, row, col) if blank else self.used
        self.used = (min(r0, row), min(c0, col), max(r1, row), max(c1, col))


@dataclass
class ExcelBook:
    """A workbook as open in Excel when a button is pressed."""

    name: str
    sheets: list[Sheet]
    names: list[DefinedName]
    active_sheet_index: int = 0
    selection: str | None = "A1"

    @classmethod
    def open(cls, path: str | Path) -> ExcelBook:
        """Read what Excel holds from a workbook file (cached values of formulas)."""
        path = Path(path)
        wb = load_workbook(path, data_only=True)
        try:
            sheets = [_read_sheet(ws) for ws in wb.worksheets]
            active = wb.worksheets.index(wb.active) if wb.active in wb.worksheets else 0
            selection = "A1"
            views = wb.worksheets[active].views.sheetView
            if views and views[0].selection and views[0].selection[0].sqref:
                selection = str(views[0].selection[0].sqref).replace(" ", ",")
        finally:
            wb.close()
        return cls(path.name, sheets, _defined_names(path), active, selection)

    def sheet(self, name: str) -> Sheet:
        """The worksheet called ``name``."""
        return next(s for s in self.sheets if s.name == name)

    def set_setting(self, sheet: str, label: str, value: Value) -> None:
        """Type ``value`` right of the cell holding ``label`` (a key/value sheet)."""
        target = self.sheet(sheet)
        for (r, c), cell in list(target.cells.items()):
            if isinstance(cell, str) and cell.strip() == label:
                target.set(f"{get_column_letter(c + 1)}{r}", value)
                return
        raise KeyError(f"{label!r} not found in {sheet!r}")

    def request_body(self, calendar: Calendar = "gregorian",
                     version: str | None = None) -> str:
        """The text ``RunServerPython`` posts (``WebRequest.Body`` = ``ConvertToJson``).

        Args:
            calendar: The calendar of the PC's regional settings (Windows' Thai region often
                uses the Buddhist one).
            version: The client's version (default: ``XLWINGS_VERSION`` of ``xlwings.bas``).

        Raises:
            VbaOverflow: A sheet's used range reaches row 32,767.
        """
        index = {s.name: i for i, s in enumerate(self.sheets)}
        names = [n for n in (_name_entry(d, self.sheets, index) for d in self.names) if n]
        sheets = [{"name": s.name, "pictures": s.pictures, "tables": s.tables,
                   "values": _Values(_values(s))} for s in self.sheets]
        payload = {
            "client": "VBA",
            "version": version or client_version(),
            "book": {"name": self.name, "active_sheet_index": self.active_sheet_index,
                     "selection": self.selection},
            "names": names,
            "sheets": sheets,
        }
        return convert_to_json(payload, calendar)


def request_body(path: str | Path, calendar: Calendar = "gregorian") -> str:
    """The body the client posts for the workbook file at ``path`` (see :class:`ExcelBook`)."""
    return ExcelBook.open(path).request_body(calendar)


# ------------------------------------------------------------------ reading the file


def _excel_value(cell: Any) -> Value:
    value = cell.value
    if cell.data_type == "e":
        return ExcelError(str(value))
    if value is None or isinstance(value, bool | str):
        return value
    if isinstance(value, int | float):
        return float(value)
    if isinstance(value, datetime):
        return value
    if isinstance(value, date):
        return datetime.combine(value, time(0))
    if isinstance(value, time):
        return datetime.combine(date(1899, 12, 30), value)
    if isinstance(value, timedelta):
        return datetime(1899, 12, 30) + value
    return str(value)


def _read_sheet(ws: Any) -> Sheet:
    cells = {(c.row, c.column): _excel_value(c) for row in ws.iter_rows() for c in row}
    used = (ws.min_row, ws.min_column, ws.max_row, ws.max_column)
    return Sheet(ws.title, {k: v for k, v in cells.items() if v is not None}, used,
                 _tables(ws), [{"name": f"Picture {i + 1}", "height": img.height * 0.75,
                                "width": img.width * 0.75}
                               for i, img in enumerate(getattr(ws, "_images", []))])


def _absolute(ref: str) -> str:
    min_col, min_row, max_col, max_row = range_boundaries(ref)
    first = f"${get_column_letter(min_col or 1)}${min_row or 1}"
    last = f"${get_column_letter(max_col or 1)}${max_row or 1}"
    return first if first == last else f"{first}:{last}"


def _tables(ws: Any) -> list[dict[str, Any]]:
    """``ListObjects``: ``tableDict.Add "range_address", table.Range.Address`` etc."""
    out = []
    for table in ws.tables.values():
        min_col, min_row, max_col, max_row = range_boundaries(table.ref)
        headers = (table.headerRowCount if table.headerRowCount is not None else 1) > 0
        totals = (table.totalsRowCount or 0) > 0
        first = min_row + (1 if headers else 0)
        last = max_row - (1 if totals else 0)
        a, b = get_column_letter(min_col), get_column_letter(max_col)
        out.append({
            "name": table.displayName,
            "range_address": _absolute(table.ref),
            "header_row_range_address": _absolute(f"{a}{min_row}:{b}{min_row}")
            if headers else None,
            "data_body_range_address": _absolute(f"{a}{first}:{b}{last}")
            if last >= first else None,
            "total_row_range_address": _absolute(f"{a}{max_row}:{b}{max_row}")
            if totals else None,
            "show_headers": headers,
            "show_totals": totals,
            "table_style": table.tableStyleInfo.name if table.tableStyleInfo else "",
            "show_autofilter": table.autoFilter is not None,
        })
    return out


def _defined_names(path: Path) -> list[DefinedName]:
    """Every ``<definedName>`` (openpyxl hides print areas and titles, Excel does not)."""
    with zipfile.ZipFile(path) as z:
        root = ElementTree.fromstring(z.read("xl/workbook.xml"))
    out = []
    for node in root.iterfind("m:definedNames/m:definedName", _WORKBOOK_NS):
        local = node.get("localSheetId")
        out.append(DefinedName(node.get("name", ""), node.text or "",
                               int(local) if local is not None else None))
    return out


# ------------------------------------------------------------------ Remote.bas


def sheet_reference(name: str) -> str:
    """A sheet name as Excel writes it before ``!`` (quoted unless it is one word)."""
    if re.fullmatch(r"[^\W\d]\w*", name) and not re.fullmatch(r"[A-Za-z]{1,3}\d+", name):
        return name
    return "'" + name.replace("'", "''") + "'"


def _area_address(area: str) -> str | None:
    """``Range.Address(False, False)`` of one area (``$A$1:$H$23`` → ``A1:H23``)."""
    m = _AREA.match(area)
    if not m or not any(m.groups()):
        return None
    c1, r1, c2, r2 = m.groups()
    first = f"{c1 or ''}{r1 or ''}"
    last = f"{c2 or ''}{r2 or ''}" if (c2 or r2) else first
    return first if first == last and c1 and r1 else f"{first}:{last}"


def _name_entry(defined: DefinedName, sheets: list[Sheet],
                index: dict[str, int]) -> dict[str, Any] | None:
    """One entry of ``names``, or None where ``myname.RefersToRange`` raises."""
    target: str | None = None
    addresses = []
    for part in defined.refers_to.split(","):
        m = _REF.match(part.strip())
        if not m:
            return None  # a constant, a formula or #REF!: not a named range
        sheet = (m[1] or "").replace("''", "'") or m[2]
        address = _area_address(m[3])
        if address is None or sheet not in index or target not in (None, sheet):
            return None
        target = sheet
        addresses.append(address)
    if target is None:
        return None
    short = defined.name.removeprefix("_xlnm.")
    scope = None if defined.local_sheet is None else sheets[defined.local_sheet].name
    return {
        "name": short if scope is None else f"{sheet_reference(scope)}!{short}",
        "sheet_index": index[target],
        "address": ",".join(addresses),
        "book_scope": scope is None,
        "scope_sheet_name": scope,
        "scope_sheet_index": None if scope is None else index[scope],
    }


def _integer(value: int) -> int:
    """A VBA ``Integer`` assignment or sum: Overflow past 32,767."""
    if not -INTEGER_MAX - 1 <= value <= INTEGER_MAX:
        raise VbaOverflow("Run-time error '6': Overflow")
    return value


class _Values(list[list[Value]]):
    """A sheet's ``values``: a 2-D Variant array (or the 1-D forms of a single cell)."""

    single = False


def _values(sheet: Sheet) -> _Values:
    r0, c0, r1, c1 = sheet.used
    if r0 == r1 and c0 == c1 and sheet.cells.get((r0, c0)) is None:
        return _Values([[]])  # IsEmpty(UsedRange.Value): values = Array(Array())
    start_row, start_col = _integer(r0), _integer(c0)
    n_rows, n_cols = _integer(r1 - r0 + 1), _integer(c1 - c0 + 1)
    last_row = _integer(_integer(start_row + n_rows) - 1)
    last_col = _integer(_integer(start_col + n_cols) - 1)
    grid = _Values([[sheet.cells.get((r, c)) for c in range(1, last_col + 1)]
                    for r in range(1, last_row + 1)])
    grid.single = last_row == 1 and last_col == 1  # values = Array(Array(values))
    return grid


# ------------------------------------------------------------------ WebHelpers.bas


def vba_number(value: float) -> str:
    """A Double as VBA turns it into text (``CStr``): 15 significant digits, ``1E+15``."""
    if value == 0 or not math.isfinite(value):
        return "0"
    return format(value, ".15G")


def vba_date(value: datetime, calendar: Calendar) -> str:
    """``VBA.Format$(value, "yyyy-mm-ddTHH:mm:ss.000Z")`` in the PC's calendar."""
    moment = value
    if moment.microsecond >= 500_000:
        moment += timedelta(seconds=1)
    year = moment.year + (BUDDHIST_OFFSET if calendar == "buddhist" else 0)
    return f"{year:04d}" + moment.strftime("-%m-%dT%H:%M:%S.000Z")


def is_large_number(text: str) -> bool:
    """``json_StringIsLargeNumber``: 16 to 100 characters, each one of ``.0-9Ee``."""
    return 16 <= len(text) <= 100 and all(ch in ".0123456789Ee" for ch in text)


def json_encode(text: str) -> str:
    """``json_Encode``: ``"`` ``\\`` and control characters escaped, 127 and up as ``\\uXXXX``
    (one per UTF-16 unit, upper-case hex); ``/`` left alone (``EscapeSolidus`` is off)."""
    named = {34: '\\"', 92: "\\\\", 8: "\\b", 12: "\\f", 10: "\\n", 13: "\\r", 9: "\\t"}
    data = text.encode("utf-16-le")
    out = []
    for i in range(0, len(data), 2):
        code = data[i] | data[i + 1] << 8
        if code in named:
            out.append(named[code])
        elif code < 32 or code >= 127:
            out.append(f"\\u{code:04X}")
        else:
            out.append(chr(code))
    return "".join(out)


def convert_value(value: Any, calendar: Calendar) -> str:
    """``ConvertToJson`` of one scalar; ``""`` for a value it cannot write."""
    if value is None:
        return "null"  # Null; Empty in an array: json_IsUndefined -> "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, ExcelError):
        return f'"{value.code}"' if value.code in CLASSIC_ERRORS else ""
    if isinstance(value, datetime):
        return f'"{vba_date(value, calendar)}"'
    if isinstance(value, int):
        return str(value)  # Long
    if isinstance(value, float):
        return vba_number(value)
    if isinstance(value, str):
        return value if is_large_number(value) else f'"{json_encode(value)}"'
    raise TypeError(f"not a VBA value: {value!r}")


def convert_to_json(value: Any, calendar: Calendar = "gregorian") -> str:
    """``ConvertToJson`` of a Dictionary (dict), array (list) or scalar, without whitespace."""
    if isinstance(value, dict):
        return "{" + ",".join(f'"{key}":{convert_to_json(item, calendar)}'
                              for key, item in value.items()) + "}"
    if isinstance(value, _Values) and value.single:
        return "[[" + convert_value(value[0][0], calendar) + "]]"
    if isinstance(value, list):
        return "[" + ",".join(convert_to_json(item, calendar) for item in value) + "]"
    return convert_value(value, calendar)
