"""What a button changes in the live workbook, as data: a :class:`Patch` of write operations.

A button first plans everything (pure: read values → core → patch), then applies the patch
through xlwings in one go (:func:`learnworks_xl.xl.bookio.apply_patch`). A failure while
planning therefore writes nothing. Every operation maps to one xlwings call and so to one
action of the xlwings VBA client (``Remote.bas``):

=================  ==========================  =================
operation          xlwings call                VBA client action
=================  ==========================  =================
:class:`AddSheet`  ``book.sheets.add``         ``addSheet``
:class:`Clear`     ``Range.clear``             ``rangeClear``
:class:`SetValues` ``Range.value = rows``      ``setValues``
:class:`Fill`      ``Range.color = "#RRGGBB"`` ``setRangeColor``
:class:`NumberFormat` ``Range.number_format``  ``setNumberFormat``
:class:`Link`      ``Range.add_hyperlink``     ``addHyperlink``
:class:`Alert`     ``book.macro("LwAlert")``   ``runMacro``
=================  ==========================  =================

The alert is the book's own ``LwAlert`` macro (``MessageBoxW``: Thai on any Windows), not
xlwings' ``alert`` action, which the VBA client shows with the ANSI ``MsgBox``; in local mode
it is xlwings' ``App.alert`` (see :func:`learnworks_xl.xl.bookio.show_alert`).

Fonts, borders, merges, column widths, row heights and charts are not in that list: the VBA
client cannot set them, so a report sheet shows them only in a file (both place their cells
by :func:`learnworks_xl.core.layout.lay_out`). Rows and columns here are 0-based.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal
from typing import Literal

from learnworks_xl.thai import THAI_MONTHS_ABBR, THAI_MONTHS_FULL

#: A value as written to a cell (Decimals are turned into floats before writing).
CellValue = str | int | float | bool | date | datetime | None

#: The xlwings VBA client actions that :func:`apply_patch` may produce.
ACTIONS_USED = frozenset(
    {"addSheet", "rangeClear", "setValues", "setRangeColor", "setNumberFormat", "addHyperlink",
     "runMacro"})

@dataclass(frozen=True)
class AddSheet:
    """Add a worksheet named ``name`` at the end of the book."""

    name: str


@dataclass(frozen=True)
class Clear:
    """Clear values and formats (fills, number formats, links) of a rectangle."""

    sheet: str
    row: int
    col: int
    nrows: int
    ncols: int


@dataclass(frozen=True)
class SetValues:
    """Write a rectangular block of values with one assignment, top-left at (row, col)."""

    sheet: str
    row: int
    col: int
    values: list[list[CellValue]]

    @property
    def nrows(self) -> int:
        """Number of rows written."""
        return len(self.values)

    @property
    def ncols(self) -> int:
        """Number of columns written."""
        return len(self.values[0]) if self.values else 0


@dataclass(frozen=True)
class Fill:
    """Set the fill colour of a rectangle."""

    sheet: str
    row: int
    col: int
    nrows: int
    ncols: int
    color: str


@dataclass(frozen=True)
class NumberFormat:
    """Set the Excel number format of a rectangle."""

    sheet: str
    row: int
    col: int
    nrows: int
    ncols: int
    format: str


@dataclass(frozen=True)
class Link:
    """Add a hyperlink on one cell (``#'ชีต'!A1`` for a place in the book, or a URL)."""

    sheet: str
    row: int
    col: int
    address: str
    text: str
    tip: str | None = None


@dataclass(frozen=True)
class Alert:
    """The message box the clerk sees at the end (Thai)."""

    message: str
    title: str
    mode: Literal["info", "critical"] = "info"


Operation = AddSheet | Clear | SetValues | Fill | NumberFormat | Link


@dataclass
class Patch:
    """All changes of one button press, in the order they are applied, then the alert."""

    ops: list[Operation] = field(default_factory=list)
    alert: Alert | None = None

    def add(self, *ops: Operation) -> None:
        """Append operations."""
        self.ops.extend(ops)

    def extend(self, other: Patch) -> None:
        """Append another patch's operations (its alert is ignored)."""
        self.ops.extend(other.ops)

    def of(self, kind: type[Operation]) -> list[Operation]:
        """The operations of one kind, in order."""
        return [op for op in self.ops if isinstance(op, kind)]


_EXCEL_WORDS = frozenset({"TRUE", "FALSE", "#N/A", "#REF!", "#VALUE!", "#DIV/0!", "#NAME?",
                          "#NULL!", "#NUM!"})
_MONTH_WORDS = tuple(sorted({*THAI_MONTHS_FULL, *THAI_MONTHS_ABBR}, key=len, reverse=True))


def needs_text_prefix(text: str) -> bool:
    """True when Excel might not keep ``text`` as text if it were assigned to a cell.

    Excel turns assigned strings that look like numbers (``15,100.-`` is −15100 to it),
    dates (``15/11/2568``, ``15 พ.ย. 2568`` in a Thai locale), booleans or formulas into
    those; a leading apostrophe keeps them as text and is not part of the cell's value. The
    test is generous on purpose: a needless apostrophe only shows in the formula bar.
    """
    stripped = text.strip()
    if not stripped:
        return False
    if stripped[0] in "=+-@'" or stripped[0].isdigit():
        return True
    if stripped.upper() in _EXCEL_WORDS or not any(ch.isalpha() for ch in stripped):
        return True
    return stripped.startswith(_MONTH_WORDS)


def cell_value(value: object) -> CellValue:
    """Return ``value`` as written to a cell through xlwings.

    Decimals become floats (Excel stores doubles), text that Excel would reinterpret gets a
    leading apostrophe, and anything else that is not a cell value becomes its text.
    """
    if value is None or isinstance(value, bool | int | float | date):
        return value
    if isinstance(value, Decimal):
        return int(value) if value == value.to_integral_value() else float(value)
    text = str(value)
    return "'" + text if needs_text_prefix(text) else text
