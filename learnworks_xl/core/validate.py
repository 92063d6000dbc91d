"""Validate a whole workbook: every cell, then every cross-sheet rule; all findings at once."""

from __future__ import annotations

from datetime import date

from learnworks_xl.core.findings import Report
from learnworks_xl.core.grid import RawWorkbook
from learnworks_xl.core.rules import run_rules
from learnworks_xl.core.table import FindingBudget
from learnworks_xl.core.workbook import ParsedWorkbook, parse_workbook


def validate_raw(raw: RawWorkbook, as_of: date | None = None) -> tuple[ParsedWorkbook, Report]:
    """Validate the sheets of a workbook as read by any adapter.

    Args:
        raw: The workbook's sheets (from a file or from a live Excel book).
        as_of: The day the check is made for: the KPI warnings wait until the plan step they
            belong to is due (None: everything is due).

    Returns:
        The parsed workbook (for computations and reports) and the report of every finding.
    """
    parsed, cell_findings = parse_workbook(raw)
    report = Report(findings=cell_findings)
    report.extend(run_rules(parsed, as_of))
    _within_budget(raw, report)
    return parsed, report


def _within_budget(raw: RawWorkbook, report: Report) -> None:
    """The cells' findings were counted as they came; the rules' are counted here.

    Raises:
        TooManyFindings: More findings in all than ``raw.max_findings``.
    """
    if raw.max_findings is not None:
        FindingBudget(raw.max_findings, raw.source).spend(report.findings)


def validate_for_month(raw: RawWorkbook, month: str | None,
                       today: date) -> tuple[ParsedWorkbook, Report, date]:
    """Validate a workbook for the report of one month.

    The month is chosen as :func:`~learnworks_xl.core.pipeline.report_month` does (as given,
    else ``เดือนที่รายงาน`` of ``ตั้งค่า``, else the month just ended); the KPI warnings are
    judged on the month's last day, or today when that is earlier.

    Args:
        raw: The workbook's sheets.
        month: The month as typed (``2569-07``, ``ก.ค. 2569`` …), or None.
        today: The day of the run (Bangkok).

    Returns:
        The parsed workbook, its findings and the first day of the reported month.

    Raises:
        ConfigError: ``month`` is not a month of the fiscal year.
    """
    from learnworks_xl.core.compute.progress import month_end
    from learnworks_xl.core.pipeline import report_month

    parsed, cell_findings = parse_workbook(raw)
    chosen = report_month(month, parsed, today)
    report = Report(findings=cell_findings)
    report.extend(run_rules(parsed, min(month_end(chosen), today)))
    _within_budget(raw, report)
    return parsed, report, chosen
