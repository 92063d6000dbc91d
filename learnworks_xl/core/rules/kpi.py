"""KPI inputs (seed 10.1): each school sends its quota of selected works and a complete
result report. A school that does not is a warning finding (the KPI counts it as not met),
never a crash, once the plan step they belong to is due (``ติดตามผลจากชีต`` of
``แผนปฏิบัติการ``; without one, the project's end). The schools are judged by
:func:`~learnworks_xl.core.compute.kpi.compute_kpi` on the rows dated by that day, so a
finding never disagrees with the KPI."""

from __future__ import annotations

from collections.abc import Iterator

from learnworks_xl.core import findings as fd
from learnworks_xl.core import sheets as sh
from learnworks_xl.core.cellerrors import named
from learnworks_xl.core.compute.progress import sheet_due
from learnworks_xl.core.pipeline import Figures
from learnworks_xl.core.wording import school_label
from learnworks_xl.core.workbook import ParsedWorkbook


def check_submission_dates(wb: ParsedWorkbook) -> Iterator[fd.Finding]:
    """A selected work says when it was sent: monthly figures count it from that day."""
    spec = wb.works.spec
    title = spec.title("submitted_on")
    for row, work in wb.works.valid_rows():
        if work.selected and work.submitted_on is None and "submitted_on" not in row.bad_fields:
            yield fd.warning(
                "submission-date-missing", spec.name,
                f"ผลงาน {work.work_code} คัดสรรส่งสำนักการศึกษาแล้วแต่ยังไม่ได้กรอก {named(title)} "
                "รายงานประจำเดือนและตัวชี้วัดจะนับผลงานนี้เมื่อกรอกวันที่ส่งแล้ว",
                cell=row.cell("submitted_on"), column=title)


def check_kpi_inputs(wb: ParsedWorkbook, figures: Figures) -> Iterator[fd.Finding]:
    """Per school: selected works against the quota, and the result report, as the figures'
    KPI judged them on their day (:attr:`~learnworks_xl.core.pipeline.Figures.as_of`).

    Args:
        wb: The parsed workbook.
        figures: Its figures (the KPI as of their day; steps due by then).
    """
    yield from check_submission_dates(wb)
    if not (wb.works.found and wb.reports.found):
        return
    plan, end, as_of = wb.plan.valid, wb.project_info.end_date, figures.as_of
    works_due = sheet_due(plan, sh.WORKS.name, as_of, end)
    reports_due = sheet_due(plan, sh.RESULT_REPORTS.name, as_of, end)
    if not (works_due or reports_due):
        return
    spec = wb.schools.spec
    rows = {s.code: row for row, s in wb.schools.valid_rows()}
    for school in figures.kpi.schools:
        row = rows[school.school_code]
        name = school_label(school.school_code, school.school_name)
        at = row.cell("code")
        column, code = spec.title("code"), school.school_code
        if works_due and school.quota is not None and school.selected < school.quota:
            yield fd.warning(
                "quota-not-met", spec.name,
                f"{name} คัดสรรผลงานส่งสำนักการศึกษา {school.selected} ผลงาน "
                f"ยังไม่ครบตามเกณฑ์ {school.quota} ผลงาน (ไม่ผ่านตัวชี้วัด)",
                cell=at, column=column, value=code)
        if reports_due and school.report is None:
            yield fd.warning(
                "report-missing", spec.name,
                f"{name} ยังไม่ได้ส่งรายงานผลการดำเนินงาน (ไม่ผ่านตัวชี้วัด)",
                cell=at, column=column, value=code)
        elif reports_due and not school.report:
            yield fd.warning(
                "report-incomplete", spec.name,
                f"{name} ส่งรายงานผลแล้วแต่ยังไม่ครบถ้วน (ไม่ผ่านตัวชี้วัด)",
                cell=at, column=column, value=code)
