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
_DYNAMIC = re.compile("(?:" + "|".join(DYNAMIC_FUNCTIONS) + r")\(")


class Worksheet(_Worksheet):  # type: ignore[misc]  # XlsxWriter ships no type hints
    """XlsxWriter's worksheet; a cell formula without dynamic-array functions is only
    stripped of its ``=`` (and array braces), as XlsxWriter's substitutions would leave it."""

    def _prepare_formula(self, formula: str, expand_future_functions: bool = False) -> Any:
        if expand_future_functions or self.use_future_functions or _DYNAMIC.search(formula):
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


__all__ = ["DYNAMIC_FUNCTIONS", "Workbook", "Worksheet"]
