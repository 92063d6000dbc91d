"""Values as they are stored in cells, and the widths that fit them.

Data given to the builder may be typed Python values (``Decimal``, ``date``, ``bool``) or raw
strings exactly as a clerk typed them (``"15,100.-"``, ``"15/11/2568"``). Typed values are
stored as Excel numbers and dates; strings are kept as typed, so the validator sees what the
clerk wrote. The cached results of the workbook's formulas are computed from these stored
values, the same way Excel computes them.
"""

from __future__ import annotations

import functools
import math
import unicodedata
from datetime import date, datetime
from decimal import Decimal
from typing import Any

import annotated_types as at

from learnworks_xl.core.sheets import ColumnSpec, SheetSpec, field_metadata

Stored = str | int | float | date | None

YES, NO = "ใช่", "ไม่ใช่"


def stored(value: Any) -> Stored:
    """Return ``value`` as it is stored in a cell.

    Args:
        value: A typed value or raw text.

    Returns:
        Text, a number, a date, or None for a blank cell.
    """
    if value is None:
        return None
    if isinstance(value, bool):
        return YES if value else NO
    if isinstance(value, Decimal):
        return int(value) if value == value.to_integral_value() else float(value)
    if isinstance(value, int | float | date):
        return value
    text = str(value)
    return text if text.strip() else None


def stored_table(spec: SheetSpec, rows: list[dict[str, Any]] | None) -> list[dict[str, Stored]]:
    """Return the rows of a table sheet as stored values, keyed by field."""
    fields = [c.field for c in spec.columns]
    return [{f: stored(row.get(f)) for f in fields} for row in rows or []]


def stored_keyvalue(spec: SheetSpec, values: dict[str, Any] | None) -> dict[str, Stored]:
    """Return a key/value sheet as stored values; a missing sheet gets the model's defaults."""
    out: dict[str, Stored] = {}
    for col in spec.columns:
        if values is not None:
            out[col.field] = stored(values.get(col.field))
        else:
            default = None if col.required else col.info.get_default()
            out[col.field] = stored(default)
    return out


def number(value: Stored) -> float | None:
    """Return a stored value as Excel's ISNUMBER sees it (dates are numbers too; a number
    that is not finite is written as an error value, which is no number)."""
    if isinstance(value, bool) or value is None or isinstance(value, str):
        return None
    if isinstance(value, date):
        return float(excel_serial(value))
    found = float(value)
    return found if math.isfinite(found) else None


def excel_serial(d: date) -> float:
    """Excel's serial number of a date (1900 system)."""
    if isinstance(d, datetime):
        delta = d - datetime(1899, 12, 30)
        return delta.days + delta.seconds / 86400
    return float((d - date(1899, 12, 30)).days)


def text_key(value: Stored) -> str:
    """The text Excel's ``TRIM`` gives, case-folded as ``MATCH``/``COUNTIF`` compare it."""
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return " ".join(str(value).split()).casefold()


@functools.lru_cache(maxsize=8192)
def display_width(text: str) -> int:
    """Width of text in characters, not counting Thai marks above and below the line."""
    return sum(0 if unicodedata.category(ch) in ("Mn", "Me", "Cf") else 1 for ch in text)


#: Height (points) of one line of TH Sarabun New 16 pt, and the padding of a wrapped row.
LINE_HEIGHT = 24
ROW_PADDING = 4
#: Characters of wrapped Thai text per unit of column width (measured in LibreOffice with
#: TLWG Laksaman, metric-compatible with TH Sarabun New: about 1.1, less the space lost where
#: lines break between words).
WRAP_FILL = 1.0


#: Width of narrow characters (spaces, ASCII digits and punctuation) relative to a Thai letter.
NARROW_WIDTH = 0.6
_NARROW = frozenset(" 0123456789.,:;-()/'\"!%+[]")


@functools.lru_cache(maxsize=8192)
def text_width(text: str) -> float:
    """Estimated printed width of one line in Thai letters: marks above and below the line
    take none, spaces, digits and punctuation about :data:`NARROW_WIDTH`."""
    return sum(0.0 if unicodedata.category(ch) in ("Mn", "Me", "Cf") else
               NARROW_WIDTH if ch in _NARROW else 1.0 for ch in text)


def wrapped_lines(text: str, width: float, font_size: float = 16) -> int:
    """Estimate how many lines text takes when wrapped in a column.

    At TH Sarabun New 16 pt one Thai letter (marks above and below the line take no width) is
    about one unit of Excel's column width (:func:`text_width`); smaller text fits
    proportionally more.

    Args:
        text: The cell's text (a line break starts a new line).
        width: The column width (characters), or the sum of merged columns.
        font_size: The cell's font size in points.

    Returns:
        The number of lines, at least 1.
    """
    per_line = max(width * WRAP_FILL * 16 / font_size, 1.0)
    return sum(max(1, math.ceil(text_width(part) / per_line))
               for part in str(text).split("\n"))


def row_height(lines: int, font_size: float = 16) -> float | None:
    """The explicit height (points) of a row of ``lines`` lines; None keeps the default."""
    if lines <= 1:
        return None
    return round(lines * LINE_HEIGHT * font_size / 16 + ROW_PADDING, 1)


def max_length(col: ColumnSpec) -> int | None:
    """The ``max_length`` of a text column, if any."""
    found = None
    for meta in field_metadata(col.info):
        if isinstance(meta, at.MaxLen):
            found = meta.max_length
    return found


#: Widths (characters of the default font) by column kind.
KIND_WIDTHS: dict[str, int] = {
    "amount": 16, "decimal": 11, "percent": 11, "int": 10, "date": 15, "month": 12, "yesno": 10,
    "phone": 14, "email": 26, "emails": 34, "url": 34,
}


def column_width(col: ColumnSpec) -> int:
    """A width that fits a column's Thai header (wrapped on two lines) and its values.

    Derived from the model only (kind, length limit, options), so the blank template and a
    filled workbook look the same.
    """
    if col.options:
        base = max(display_width(str(o)) for o in col.options) + 3
    elif col.kind in KIND_WIDTHS:
        base = KIND_WIDTHS[col.kind]
    else:
        limit = max_length(col)
        base = 24 if limit is None else 12 if limit <= 20 else 16 if limit <= 50 else \
            28 if limit <= 200 else 34 if limit <= 300 else 40
    header = display_width(col.title) + 2
    return max(base, min(header, max(base, 18)))
