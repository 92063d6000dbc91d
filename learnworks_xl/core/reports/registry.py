"""Every report sheet of a run, in workbook order: the one registry of the report builders."""

from __future__ import annotations

from collections.abc import Callable

from learnworks_xl.core import sheets as sh
from learnworks_xl.core.findings import Findings
from learnworks_xl.core.pipeline import Results
from learnworks_xl.core.reports.budget import budget_report
from learnworks_xl.core.reports.content import ReportSheet
from learnworks_xl.core.reports.findingsheet import findings_report
from learnworks_xl.core.reports.home import home_report
from learnworks_xl.core.reports.kpi import kpi_report
from learnworks_xl.core.reports.monthly import monthly_report
from learnworks_xl.core.reports.summary import summary_report

Builder = Callable[[Results, Findings | None], ReportSheet]

#: The builder of each report sheet of SPEC (``sh.REPORT_SHEETS``), by sheet name.
BUILDERS: dict[str, Builder] = {
    sh.HOME.name: lambda results, _original: home_report(results),
    sh.FINDINGS.name: findings_report,
    sh.BUDGET.name: lambda results, _original: budget_report(results),
    sh.KPI.name: lambda results, _original: kpi_report(results),
    sh.MONTHLY.name: lambda results, _original: monthly_report(results),
    sh.SUMMARY.name: lambda results, _original: summary_report(results),
}
assert list(BUILDERS) == [s.name for s in sh.REPORT_SHEETS]


def build_reports(results: Results, original: Findings | None = None,
                  names: tuple[str, ...] | None = None) -> list[ReportSheet]:
    """The report sheets of SPEC: หน้าหลัก, ผลการตรวจสอบ, สรุปงบประมาณ, ตัวชี้วัด,
    รายงานประจำเดือน, รายงานสรุปผล (or only ``names``), in workbook order.

    Args:
        results: The run (findings addressed where the sheets will show them).
        original: The findings addressed in the checked file (shown beside the links).
        names: The sheets to build (default: all six).

    Returns:
        The report sheets; all ``provisional`` when the input has errors.
    """
    return [build(results, original) for name, build in BUILDERS.items()
            if names is None or name in names]
