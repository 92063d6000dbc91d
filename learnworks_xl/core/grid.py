"""Raw sheets: a grid of values as read from a workbook, with their A1 addresses.

Adapters (the file reader, the xlwings book) produce :class:`RawSheet` objects; the core
never knows where the values came from.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any


@dataclass(frozen=True)
class CellError:
    """An Excel error value in a cell, such as ``#REF!`` or ``#DIV/0!``."""

    code: str

    def __str__(self) -> str:
        return self.code


ERROR_CODES = frozenset(
    {"#NULL!", "#DIV/0!", "#VALUE!", "#REF!", "#NAME?", "#NUM!", "#N/A", "#GETTING_DATA",
     "#SPILL!", "#CALC!", "#FIELD!", "#BLOCKED!", "#CONNECT!", "#BUSY!", "#UNKNOWN!"}
)


def column_letter(index: int) -> str:
    """Return the letters of a 0-based column index (0 → ``A``, 26 → ``AA``)."""
    letters = ""
    index += 1
    while index:
        index, rem = divmod(index - 1, 26)
        letters = chr(65 + rem) + letters
    return letters


def column_index(letters: str) -> int:
    """Return the 0-based index of column letters (``A`` → 0)."""
    index = 0
    for ch in letters.upper():
        index = index * 26 + ord(ch) - 64
    return index - 1


def a1(row: int, col: int) -> str:
    """Return the A1 address of a 0-based (row, column)."""
    return f"{column_letter(col)}{row + 1}"


#: Built-in number formats that show a percentage: 9 ``0%`` and 10 ``0.00%`` (ECMA-376
#: 18.8.30), and the Thai-locale built-ins 67 ``t0%`` and 68 ``t0.00%`` (Thai digits).
PERCENT_FORMAT_IDS = frozenset({9, 10, 67, 68})

# What a format code shows literally, never as a placeholder: "quoted text", a \-escaped
# character, the character after _ (a space that wide) or * (a fill), [colour/condition/locale].
_LITERAL = re.compile(r'"[^"]*"?|\\.|[_*].|\[[^\]]*\]?', re.DOTALL)


def is_percent_format(code: str) -> bool:
    """True when a number format code multiplies by 100 and shows ``%`` (``0%``, ``0.0%``,
    ``#,##0.00%;[Red]-0%``), as Excel does for a ``%`` outside quotes, escapes and brackets
    in the section of positive numbers; ``0"%"`` and ``0\\%`` only show the sign.

    Args:
        code: The format code, as in ``styles.xml`` or ``Range.NumberFormat``.
    """
    first = _LITERAL.sub("", code).split(";", 1)[0]
    return "%" in first


def is_blank(value: Any) -> bool:
    """True for an empty cell: None, or text of only whitespace."""
    return value is None or (isinstance(value, str) and not value.strip())


@dataclass
class RawSheet:
    """The values of one sheet; ``rows[0][0]`` is at 0-based (``first_row``, ``first_col``)."""

    name: str
    rows: list[list[Any]]
    first_row: int = 0
    first_col: int = 0
    hidden_rows: frozenset[int] = field(default_factory=frozenset)
    """0-based absolute rows hidden in the sheet."""
    percent_cells: frozenset[tuple[int, int]] = field(default_factory=frozenset)
    """0-based absolute (row, column) of the cells whose number format is a percentage
    (:func:`is_percent_format`): Excel stores ``95%`` typed there as 0.95. Filled by the file
    reader (from the cells' styles) and by the live book in local mode; empty where the
    formats are unknown (xlwings Server's payload carries none)."""

    def address(self, r: int, c: int) -> str:
        """Return the A1 address of ``rows[r][c]``."""
        return a1(self.first_row + r, self.first_col + c)

    def value(self, r: int, c: int) -> Any:
        """Return ``rows[r][c]`` or None past the end of a ragged row."""
        row = self.rows[r]
        return row[c] if c < len(row) else None


@dataclass
class RawWorkbook:
    """All sheets of one workbook, by name, in workbook order."""

    sheets: dict[str, RawSheet]
    source: str = ""
    date1904: bool = False
    max_findings: int | None = None
    """Findings about cells the validation may hold before it stops (None: no limit). The
    file reader sets it from its limits: a workbook of millions of cells, every one wrong,
    would otherwise hold a finding for each."""
    saved_at: datetime | None = None
    """When the file says it was last saved (``dcterms:modified`` of ``docProps/core.xml``,
    written by Excel and LibreOffice on every save, kept by a copy or an e-mail); None when
    it does not say (a live book, a file without it)."""
