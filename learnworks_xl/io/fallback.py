"""The second reader: openpyxl's sheet parser, for a sheet python-calamine cannot read.

python-calamine panics (a Rust panic, its text printed on stderr) on a date-formatted cell
holding a number far below zero (:data:`learnworks_xl.io.scan.CALAMINE_MIN_SERIAL`): such a
sheet is never handed to calamine (the scan finds the cell), and a sheet calamine fails on
anyway is read here too — the workbook is never refused for one unreadable cell.

The values come out as calamine gives them, so the core cannot tell the engines apart:
numbers as floats, empty and error cells as ``""`` (the reader puts the scan's error values
back), shared and inline texts as text, and a number in a date format as a date (a whole
day), a datetime, or a time (below 1), in a duration format as a timedelta — and as the
number itself where no date can hold it (negative, or past the year 9999), so the date
field reports the number it cannot read. An ISO date written in the cell (``t="d"``) comes
as openpyxl and calamine both read it: a datetime with a ``T``, else a date or a time.
"""

from __future__ import annotations

import io
import warnings
from datetime import datetime, timedelta
from typing import Any, cast

from openpyxl import load_workbook
from openpyxl.utils.datetime import from_excel
from openpyxl.worksheet._reader import WorkSheetParser

MS_PER_DAY = 86_400_000


class OpenpyxlBook:
    """A workbook's bytes opened read-only by openpyxl (styles and shared texts loaded once)."""

    def __init__(self, data: bytes) -> None:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # openpyxl warns about extensions it skips
            book = load_workbook(io.BytesIO(data), read_only=True, data_only=True,
                                 keep_links=False)
        # Any: the parts used here (date styles, the sheet's source) are openpyxl's own
        self.book: Any = cast(Any, book)
        self.dates: set[int] = set(self.book._date_formats)
        self.durations: set[int] = set(self.book._timedelta_formats)

    def rows(self, name: str, nrows: int, ncols: int) -> list[list[Any]]:
        """The sheet's values as a dense grid of ``nrows`` × ``ncols`` from A1 (the scan's
        used area, which holds every cell with a value)."""
        sheet: Any = self.book[name]
        grid: list[list[Any]] = [[""] * ncols for _ in range(nrows)]
        with warnings.catch_warnings(), sheet._get_source() as source:
            warnings.simplefilter("ignore")
            # No date formats: the parser hands over numbers, converted below as calamine does.
            parser = WorkSheetParser(source, sheet._shared_strings, data_only=True,
                                     epoch=self.book.epoch)
            for _, cells in parser.parse():
                for cell in cells:
                    r, c = int(cell["row"]) - 1, int(cell["column"]) - 1
                    if 0 <= r < nrows and 0 <= c < ncols and cell["value"] is not None:
                        grid[r][c] = self._value(cell)
        return grid

    def _value(self, cell: dict[str, Any]) -> Any:
        value, kind = cell["value"], cell["data_type"]
        if kind == "e":
            return ""
        if kind != "n" or isinstance(value, bool) or not isinstance(value, int | float):
            return value
        number = float(value)
        style = cell["style_id"] or 0
        if style in self.durations:
            try:
                return timedelta(milliseconds=round(number * MS_PER_DAY))
            except (OverflowError, ValueError):
                return number
        if style not in self.dates or number < 0:
            return number
        try:
            moment = from_excel(number, self.book.epoch)
        except (OverflowError, ValueError):
            return number
        if isinstance(moment, datetime) and moment.year > 9999:
            return number
        if isinstance(moment, datetime) and number.is_integer():
            return moment.date()
        return moment
