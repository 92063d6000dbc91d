"""Check a whole workbook: every cell, the figures computed once, then every cross-sheet rule
on them; all findings at once."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from learnworks_xl.core import sheets as sh
from learnworks_xl.core.findings import Finding, Findings, Severity
from learnworks_xl.core.grid import RawWorkbook
from learnworks_xl.core.pipeline import Figures, compute, report_month
from learnworks_xl.core.rules import run_figure_rules, run_row_rules
from learnworks_xl.core.table import FindingBudget
from learnworks_xl.core.workbook import ParsedWorkbook, parse_workbook

#: The sheets whose rows an error leaves out of every figure (the schools' own rows).
TRANSACTIONS: frozenset[str] = frozenset(
    s.name for s in (sh.ACTIVITIES, sh.PURCHASES, sh.WORKS, sh.RESULT_REPORTS))
_ROW = re.compile(r"\d+$")


@dataclass(frozen=True)
class Checked:
    """A workbook checked: its sheets parsed, its figures and every finding."""

    parsed: ParsedWorkbook
    figures: Figures
    report: Findings
    excluded: frozenset[tuple[str, int]] = frozenset()
    """(sheet, row) of the schools' rows an error left out of the figures."""

    def counted(self, sheet: str, excel_row: int) -> bool:
        """True when a row of ``sheet`` counts in the figures (it has no error)."""
        return (sheet, excel_row) not in self.excluded


def rows_with_errors(findings: list[Finding]) -> frozenset[tuple[str, int]]:
    """(sheet, row) of every row of the schools' sheets an error finding points at."""
    out = set()
    for f in findings:
        if f.severity is Severity.ERROR and f.sheet in TRANSACTIONS and f.cell:
            match = _ROW.search(f.cell)
            if match:
                out.add((f.sheet, int(match[0])))
    return frozenset(out)


def check_parsed(parsed: ParsedWorkbook, cell_findings: Findings, month: date,
                 as_of: date | None = None) -> Checked:
    """Check parsed sheets: the row rules, then the figures — computed once, from the rows
    without an error (a draft counts only valid rows) — then the rules on the figures.

    Args:
        parsed: The sheets, parsed.
        cell_findings: The findings of the cells (from :func:`parse_workbook`).
        month: Any day of the month the figures are for.
        as_of: The last day counted (default: the month's last day).
    """
    row_findings = run_row_rules(parsed)
    # a row a cross-sheet error points at (an unknown school, a date outside the year, an
    # amount that is not quantity × price) is left out; a bad optional cell (a link, a
    # phone) leaves the rest of its row counted, as the cell findings already decided
    excluded = rows_with_errors(row_findings)
    figures = compute(parsed, month, as_of, excluded)
    report = Findings(findings=[*cell_findings.findings, *row_findings,
                              *run_figure_rules(parsed, figures)])
    return Checked(parsed, figures, report, excluded)


def _within_budget(raw: RawWorkbook, checked: Checked) -> Checked:
    """The cells' findings were counted as they came; the rules' are counted here.

    Raises:
        TooManyFindings: More findings in all than ``raw.max_findings``.
    """
    if raw.max_findings is not None:
        FindingBudget(raw.max_findings, raw.source).spend(checked.report.findings)
    return checked


def check(raw: RawWorkbook, today: date) -> Checked:
    """Check a workbook as of today (``learnworks validate``): the KPI warnings wait until the
    plan step they belong to is due.

    Args:
        raw: The workbook's sheets (from a file or from a live Excel book).
        today: The day of the check (Bangkok).

    Returns:
        The parsed workbook, its figures as of today and the report of every finding.
    """
    parsed, cell_findings = parse_workbook(raw)
    return _within_budget(raw, check_parsed(parsed, Findings(findings=cell_findings), today, today))


def check_month(raw: RawWorkbook, month: str | None, today: date) -> Checked:
    """Check a workbook for the report of one month (``learnworks run``, the buttons).

    The month is chosen as :func:`~learnworks_xl.core.pipeline.report_month` does (as given,
    else ``เดือนที่รายงาน`` of ``ตั้งค่า``, else the month just ended); the figures and the KPI
    warnings are as of the month's last day.

    Raises:
        ConfigError: ``month`` is not a month of the fiscal year.
    """
    parsed, cell_findings = parse_workbook(raw)
    chosen = report_month(month, parsed, today)
    return _within_budget(raw, check_parsed(parsed, Findings(findings=cell_findings), chosen))


def validate_raw(raw: RawWorkbook, as_of: date | None = None) -> tuple[ParsedWorkbook, Findings]:
    """The parsed sheets and every finding of :func:`check`, as of ``as_of`` (default: today,
    Bangkok)."""
    from learnworks_xl.core.clock import run_time

    checked = check(raw, as_of or run_time().date())
    return checked.parsed, checked.report
