"""XlsxWriter's workbook and worksheet, with formula preparation skipped where it changes nothing.

XlsxWriter prepares every formula a cell is given (``Worksheet._prepare_formula``): it strips
the leading ``=`` and runs 29 regular-expression substitutions, each a scan of the whole text,
that add the ``_xlfn.`` prefix to Excel 365's dynamic-array functions (FILTER, XLOOKUP…). Our
formulas use none of them, yet a finished workbook has ~1,100 formula cells (the Gantt grid
alone is 57 rows × 13 months of 300-character formulas): those scans were a third of the
district's ``learnworks run``. Here one search for any of those function names decides: none
found → the stripped formula, which is what the substitutions return unchanged; any found →
XlsxWriter's own preparation. The text written is the same either way
(``tests/test_workbook_sheet.py`` checks it against XlsxWriter, and that the names below are
still all the names XlsxWriter expands).

Only cell formulas take the shortcut: with ``use_future_functions`` or for conditional formats,
data validations and charts (``expand_future_functions``) XlsxWriter's preparation runs as is.
"""

from __future__ import annotations

import re
from typing import Any

from xlsxwriter.workbook import Workbook as _Workbook
from xlsxwriter.worksheet import Worksheet as _Worksheet

#: The functions XlsxWriter 3.x prefixes with ``_xlfn.`` even without ``use_future_functions``
#: (its patterns are ``\bNAME\(``; ``SINGLE`` is written ``\SINGLE\(`` there, so any character
#: before ``INGLE(`` counts). A match here is necessary for any of them to change the text.
DYNAMIC_FUNCTIONS: tuple[str, ...] = (
    "ANCHORARRAY", "BYCOL", "BYROW", "CHOOSECOLS", "CHOOSEROWS", "DROP", "EXPAND", "FILTER",
    "HSTACK", "LAMBDA", "MAKEARRAY", "MAP", "RANDARRAY", "REDUCE", "SCAN", "INGLE", "SEQUENCE",
    "SORT", "SORTBY", "SWITCH", "TAKE", "TEXTSPLIT", "TOCOL", "TOROW", "UNIQUE", "VSTACK",
    "WRAPCOLS", "WRAPROWS", "XLOOKUP",
)
_DYNAMIC_NAMES = frozenset(DYNAMIC_FUNCTIONS)
#: A function call's name: found once each, then looked up (one search of an alternation of
#: 60 names at every character was 2.3 times slower on the readings' formulas).
_CALL = re.compile(r"([A-Z][A-Z0-9_]*)\(")


def _names_dynamic(formula: str) -> bool:
    """True when the formula may call a dynamic-array function (then XlsxWriter prepares it):
    every name XlsxWriter's patterns match is found (a name after a dot or a lower-case
    letter too; ``INGLE`` at the end of any name), and a few more that are harmless."""
    names = _CALL.findall(formula)
    return not _DYNAMIC_NAMES.isdisjoint(names) or any(n.endswith("INGLE") for n in names)


class Worksheet(_Worksheet):  # type: ignore[misc]  # XlsxWriter ships no type hints
    """XlsxWriter's worksheet; a cell formula without dynamic-array functions is only
    stripped of its ``=`` (and array braces), as XlsxWriter's substitutions would leave it.

    A streamed worksheet (:meth:`Workbook.add_streamed_worksheet`) writes each row to a
    temporary file once a later row is written; a write to an earlier row raises instead of
    being dropped silently (XlsxWriter's own ``constant_memory`` ignores it).
    """

    def _check_dimensions(self, row: int, col: int, ignore_row: bool = False,
                          ignore_col: bool = False) -> int:
        found: int = super()._check_dimensions(row, col, ignore_row, ignore_col)
        if found == -2:
            raise RuntimeError(f"{self.name}: row {row + 1} written after row "
                               f"{self.previous_row + 1} of a streamed sheet")
        return found

    def add_table(self, first_row: int, first_col: int, last_row: int, last_col: int,
                  options: dict[str, Any] | None = None) -> Any:
        """XlsxWriter's table; in a streamed sheet too, while its header row is the row
        being written (XlsxWriter refuses tables in ``constant_memory`` mode because it
        writes the header cells, which a streamed sheet can only take in order)."""
        if not getattr(self, "constant_memory", False):
            return super().add_table(first_row, first_col, last_row, last_col, options)
        if first_row < self.previous_row:
            raise RuntimeError(f"{self.name}: a table at row {first_row + 1} after row "
                               f"{self.previous_row + 1} of a streamed sheet")
        if first_row > self.previous_row:
            self._write_single_row(first_row)  # the rows above are done
        self.constant_memory = False  # XlsxWriter's guard; the header cells go to this row
        try:
            found = super().add_table(first_row, first_col, last_row, last_col, options)
        finally:
            self.constant_memory = True
        self._inline_strings(first_row)
        return found

    def _inline_strings(self, row: int) -> None:
        """The row's texts as a streamed sheet writes them (in the cell, not as an index into
        the shared strings, which counted them once each)."""
        cells = self.table.get(row, {})
        shared = self.str_table
        indexes = {c.string for c in cells.values()
                   if type(c).__name__ == "String" and isinstance(c.string, int)}
        if not indexes:
            return
        texts = {i: text for text, i in shared.string_table.items() if i in indexes}
        for col, cell in list(cells.items()):
            if type(cell).__name__ == "String" and isinstance(cell.string, int):
                cells[col] = cell._replace(string=texts[cell.string])
                shared.count -= 1

    def _prepare_formula(self, formula: str, expand_future_functions: bool = False) -> Any:
        if expand_future_functions or self.use_future_functions or _names_dynamic(formula):
            return super()._prepare_formula(formula, expand_future_functions)
        if formula.startswith("{"):
            formula = formula[1:]
        if formula.startswith("="):
            formula = formula[1:]
        if formula.endswith("}"):
            formula = formula[:-1]
        return formula


class Workbook(_Workbook):  # type: ignore[misc]  # XlsxWriter ships no type hints
    """XlsxWriter's workbook whose worksheets are :class:`Worksheet`."""

    worksheet_class = Worksheet

    def add_streamed_worksheet(self, name: str) -> Worksheet:
        """A worksheet in XlsxWriter's ``constant_memory`` mode, alone in its workbook: rows
        must be written top to bottom, each kept in memory only until the next starts, and
        its texts are written in its cells (not in the shared strings). The memory of a big
        input sheet then stays that of one row (a purchase row with its readings holds
        about 4 KB of formulas: 350 MB for 87,000 purchases)."""
        streamed: bool = getattr(self, "constant_memory", False)
        self.constant_memory = True
        try:
            ws: Worksheet = self.add_worksheet(name)
        finally:
            self.constant_memory = streamed
        return ws


__all__ = ["DYNAMIC_FUNCTIONS", "Workbook", "Worksheet"]
