"""Findings shown in the input sheets: a red (error) or amber (warning) cell with a Thai note.

A finding names its cell in the workbook that was validated. The builder lays sheets out the
standard way (:mod:`.layout`), so a workbook built by this package keeps its addresses; when the
finding names its column, the column is found by its Thai title, so a finding still lands in
the right column when the clerk had moved columns (rows are taken as they are).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from xlsxwriter.utility import xl_cell_to_rowcol

from learnworks_xl.core import sheets as sh
from learnworks_xl.core.findings import Findings, Severity
from learnworks_xl.workbook.positions import TableLayout, kv_row


@dataclass
class Mark:
    """What one cell shows: the worst severity and the messages of its findings."""

    severity: str
    messages: list[str] = field(default_factory=list)

    @property
    def note(self) -> str:
        """The Thai text of the cell's comment."""
        return "\n".join(f"• {m}" for m in self.messages)


class Marks:
    """Findings by (sheet, row, col), 0-based, for the input sheets.

    Args:
        report: The findings, or None.
        tables: Layouts of the table sheets, by sheet name.
    """

    def __init__(self, report: Findings | None, tables: dict[str, TableLayout]) -> None:
        self._marks: dict[tuple[str, int, int], Mark] = {}
        for f in report.findings if report else []:
            spec = sh.BY_NAME.get(f.sheet)
            if spec is None or spec.kind == "report" or f.cell is None:
                continue
            try:
                row, col = xl_cell_to_rowcol(f.cell)
            except (AttributeError, ValueError, TypeError):
                continue
            titles = {c.title: c.field for c in spec.columns}
            name = titles.get(f.column or "")
            if spec.kind == "keyvalue" and name is not None:
                row, col = kv_row(spec, name), 1
            elif name is not None and spec.name in tables:
                col = tables[spec.name].col(name)
            key = (spec.name, row, col)
            mark = self._marks.setdefault(key, Mark(f.severity.value))
            if f.severity is Severity.ERROR:
                mark.severity = Severity.ERROR.value
            if f.message not in mark.messages:
                mark.messages.append(f.message)
        self._used: set[tuple[str, int, int]] = set()
        self._rows: dict[tuple[str, int], list[int]] = {}
        for sheet, row, col in sorted(self._marks):
            self._rows.setdefault((sheet, row), []).append(col)

    def take(self, sheet: str, row: int, col: int) -> Mark | None:
        """Return the mark of a cell (and remember it was shown)."""
        key = (sheet, row, col)
        mark = self._marks.get(key)
        if mark is not None:
            self._used.add(key)
        return mark

    def left(self, sheet: str) -> list[tuple[int, int, Mark]]:
        """Marks of ``sheet`` on cells that were not written (blank cells); each is then
        taken."""
        found = sorted((r, c, m) for (s, r, c), m in self._marks.items()
                       if s == sheet and (s, r, c) not in self._used)
        self._used.update((sheet, r, c) for r, c, _m in found)
        return found

    def left_in_row(self, sheet: str, row: int) -> list[tuple[int, Mark]]:
        """Marks of the cells of one row not written (blank cells), by column; each is
        then taken."""
        found = [(c, self._marks[(sheet, row, c)]) for c in self._rows.get((sheet, row), ())
                 if (sheet, row, c) not in self._used]
        self._used.update((sheet, row, c) for c, _m in found)
        return found
