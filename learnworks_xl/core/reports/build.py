"""Every report sheet of a run, in workbook order."""

from __future__ import annotations

from learnworks_xl.core.findings import Report
from learnworks_xl.core.pipeline import Results
from learnworks_xl.core.reports.budget import budget_report
from learnworks_xl.core.reports.checks import findings_report
from learnworks_xl.core.reports.content import ReportSheet
from learnworks_xl.core.reports.home import home_report
from learnworks_xl.core.reports.kpi import kpi_report
from learnworks_xl.core.reports.monthly import monthly_report
from learnworks_xl.core.reports.summary import summary_report


def build_reports(results: Results, original: Report | None = None) -> list[ReportSheet]:
    """The six report sheets of SPEC: หน้าหลัก, ผลการตรวจสอบ, สรุปงบประมาณ, ตัวชี้วัด,
    รายงานประจำเดือน, รายงานสรุปผล.

    Args:
        results: The run (findings addressed in the finished workbook).
        original: The findings addressed in the checked file (shown beside the links).

    Returns:
        The report sheets; all ``provisional`` when the input has errors.
    """
    return [
        home_report(results),
        findings_report(results, original),
        budget_report(results),
        kpi_report(results),
        monthly_report(results),
        summary_report(results),
    ]
