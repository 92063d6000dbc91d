"""The body that the workbook's xlwings VBA client posts, read the way that client writes it.

The client (``Remote.bas`` and ``WebHelpers.bas`` of the pinned xlwings, embedded in the
workbook) does not always write JSON, nor always the values a Python reader expects. What it
does, and what this module makes of it before the server does anything else:

* **Newer error values.** ``ConvertToJson`` knows only the seven classic errors (``Case
  "Error 2007"`` … ``"Error 2015"``); a cell showing ``#SPILL!``, ``#CALC!``, ``#BUSY!``,
  ``#FIELD!``, ``#BLOCKED!``, ``#CONNECT!``, ``#UNKNOWN!`` or ``#GETTING_DATA`` becomes an
  empty array element — ``[,``, ``,,`` or ``,]``, which is not JSON — and, in a sheet one
  column wide, an empty row ``[]``. Each becomes the error value :data:`NEWER_ERROR` in its
  cell (which one it was is lost by the client), so the clerk gets a ``formula-error``
  finding at that cell.
* **Long numeric text.** A text of 16 to 100 characters made only of ``.0-9Ee``
  (``json_StringIsLargeNumber``) is written without quotes: ``0012345678901234`` is not
  JSON, ``1234567890123456`` reads as a number. A token that VBA's own number text (15
  significant digits, an exponent always signed: ``1E+15``) cannot produce is read back as
  the text it was.
* **Buddhist-calendar dates.** Dates are written with ``VBA.Format$(…,
  "yyyy-mm-ddTHH:mm:ss.000Z")``, which on a Windows set to the Thai Buddhist calendar writes
  the Buddhist year. No date Excel holds is before 1900, so a year from 2400 on is Buddhist
  era: it becomes the Gregorian year (− 543), in every cell of every sheet.

A body that is still not JSON after the repairs raises :class:`BodyNotJson`, which says
where it broke. Pure: no xlwings here; local mode (COM dates) never passes through it.
"""

from __future__ import annotations

import json
import re
from typing import Any

#: The error value that stands for an error the client could not write.
NEWER_ERROR = "(#SPILL!, #CALC! หรือค่าผิดพลาดแบบใหม่อื่น ๆ ของ Excel)"
#: Put where an element is missing: a NUL, which no Excel cell holds.
_MISSING = '"\\u0000"'
_MISSING_VALUE = "\x00"
#: The first year read as Buddhist era, and the offset.
BE_FROM_YEAR = 2400
BE_OFFSET = 543

_TOKENS = re.compile(
    r'"[^"\\]*(?:\\.[^"\\]*)*"'                    # a string: kept as it is
    r"|(?<=\[)(?=,)|(?<=,)(?=[,\]])"               # an empty element
    r"|(?<=[\[,:])[0-9.Ee]{16,100}(?=[,\]}])"      # a long bare token of .0-9Ee
)
_VBA_FIXED = re.compile(r"(0|[1-9][0-9]{0,14})(?:\.([0-9]*[1-9]))?")
_VBA_DATE = re.compile(r"(\d{4})(-\d\d-\d\dT\d\d:\d\d:\d\d\.000Z)")
_SHEET_START = re.compile(r'\{"name":"((?:[^"\\]|\\.)*)","pictures":')


class BodyNotJson(ValueError):
    """The body is not JSON even after the repairs: where it broke, and why (English)."""

    def __init__(self, position: int, reason: str, sheet: str | None = None) -> None:
        super().__init__(f"not JSON at character {position}: {reason}")
        self.position = position
        self.reason = reason
        self.sheet = sheet


def could_be_vba_number(token: str) -> bool:
    """True when VBA could have written ``token`` (no sign) as the text of a number.

    VBA writes a Double with at most 15 significant digits, without trailing zeros, and from
    1E+15 or below 1E-4 with a signed exponent; so an unsigned token with an ``E``, 16 digits
    before the point, a leading or trailing zero or four zeros after ``0.`` is a text.
    """
    m = _VBA_FIXED.fullmatch(token)
    if not m:
        return False
    whole, fraction = m[1], m[2] or ""
    if whole == "0" and fraction.startswith("0000"):
        return False
    return len((whole + fraction).lstrip("0")) <= 15


def _number(token: str) -> int | float | str:
    """``json.loads``' number hook: a long token VBA cannot have written stays text."""
    if 16 <= len(token) <= 100 and not could_be_vba_number(token) and all(
            ch in ".0123456789Ee" for ch in token):
        return token
    if any(ch in token for ch in ".Ee"):
        return float(token)
    return int(token)


def _repair_token(match: re.Match[str]) -> str:
    text = match[0]
    if text.startswith('"'):
        return text
    if not text:
        return _MISSING
    return text if could_be_vba_number(text) else f'"{text}"'


def repair(text: str) -> str:
    """Fill the client's empty array elements and quote its bare long texts (outside strings).

    Args:
        text: The body as the client wrote it.

    Returns:
        The text with each missing element made a marker string and each long bare token
        that no number can be made a string.
    """
    return _TOKENS.sub(_repair_token, text)


def _sheet_at(text: str, position: int) -> str | None:
    """The name of the sheet whose entry holds ``position``, if the text shows it."""
    name = None
    for m in _SHEET_START.finditer(text, 0, position):
        name = m[1]
    if name is None:
        return None
    try:
        found = json.loads(f'"{name}"')
    except ValueError:
        return None
    return found if isinstance(found, str) else None


def loads(body: bytes) -> Any:
    """Read the client's body: JSON as written, else JSON after :func:`repair`.

    Args:
        body: The request body.

    Returns:
        The decoded value (not yet checked for shape).

    Raises:
        BodyNotJson: Not UTF-8, or not JSON even after the repairs.
    """
    try:
        text = body.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise BodyNotJson(exc.start, "not UTF-8") from None
    try:
        return json.loads(text, parse_int=_number, parse_float=_number)
    except json.JSONDecodeError:
        pass
    fixed = repair(text)
    try:
        return json.loads(fixed, parse_int=_number, parse_float=_number)
    except json.JSONDecodeError as exc:
        position = _original_position(text, fixed, exc.pos)
        raise BodyNotJson(position, exc.msg, _sheet_at(text, position)) from None


def _original_position(text: str, fixed: str, position: int) -> int:
    """Map a position in the repaired text back to the client's text (approximately)."""
    return max(0, min(len(text), position - (len(fixed) - len(text))))


def _be_date(value: str) -> str:
    m = _VBA_DATE.fullmatch(value)
    if m is None or int(m[1]) < BE_FROM_YEAR:
        return value
    return f"{int(m[1]) - BE_OFFSET:04d}{m[2]}"


def _cell(value: Any) -> Any:
    if value == _MISSING_VALUE:
        return NEWER_ERROR
    if isinstance(value, str) and len(value) == 24:
        return _be_date(value)
    return value


def normalise(data: Any) -> int:
    """Turn markers into :data:`NEWER_ERROR` and Buddhist-era dates into Gregorian, in place.

    Rows ``[]`` of a sheet whose other rows are one cell wide are that cell's error too.
    Anything that is not shaped like the client's payload is left for the shape check.

    Args:
        data: The decoded body.

    Returns:
        How many cells held an error the client could not write.
    """
    sheets = data.get("sheets") if isinstance(data, dict) else None
    if not isinstance(sheets, list):
        return 0
    missing = 0
    for sheet in sheets:
        values = sheet.get("values") if isinstance(sheet, dict) else None
        if not isinstance(values, list) or not all(isinstance(r, list) for r in values):
            continue
        widths = {len(row) for row in values}
        if len(values) > 1 and 0 in widths and widths <= {0, 1}:
            for row in values:
                if not row:  # a one-column sheet: the row's only cell was not written
                    row.append(_MISSING_VALUE)
        for row in values:
            for i, value in enumerate(row):
                if isinstance(value, str):
                    missing += value == _MISSING_VALUE
                    row[i] = _cell(value)
    return missing
