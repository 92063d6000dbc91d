"""Validate a whole workbook: every cell, then every cross-sheet rule; all findings at once."""

from __future__ import annotations

from learnworks_xl.core.findings import Report
from learnworks_xl.core.grid import RawWorkbook
from learnworks_xl.core.rules import run_rules
from learnworks_xl.core.workbook import ParsedWorkbook, parse_workbook


def validate_raw(raw: RawWorkbook) -> tuple[ParsedWorkbook, Report]:
    """Validate the sheets of a workbook as read by any adapter.

    Args:
        raw: The workbook's sheets (from a file or from a live Excel book).

    Returns:
        The parsed workbook (for computations and reports) and the report of every finding.
    """
    parsed, cell_findings = parse_workbook(raw)
    report = Report(findings=cell_findings)
    report.extend(run_rules(parsed))
    return parsed, report
