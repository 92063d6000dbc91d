"""KPI inputs (seed 10.1): each school sends its quota of selected works and a complete
result report. A school that does not is a warning finding (the KPI counts it as not met),
never a crash. The schools are judged by :func:`~learnworks_xl.core.compute.kpi.compute_kpi`,
so a finding never disagrees with the KPI."""

from __future__ import annotations

from collections.abc import Iterator

from learnworks_xl.core import findings as fd
from learnworks_xl.core.compute.allocation import allocate
from learnworks_xl.core.compute.kpi import compute_kpi
from learnworks_xl.core.workbook import ParsedWorkbook


def check_kpi_inputs(wb: ParsedWorkbook) -> Iterator[fd.Finding]:
    """Per school: selected works against the quota, and the result report."""
    if not (wb.works.found and wb.reports.found):
        return
    kpi = compute_kpi(allocate(wb.sizes.valid, wb.schools.valid), wb.works.valid,
                      wb.reports.valid, None)
    spec = wb.schools.spec
    rows = {s.code: row for row, s in wb.schools.valid_rows()}
    for school in kpi.schools:
        row = rows[school.school_code]
        name = f"{school.school_name} ({school.school_code})"
        if school.quota is not None and school.selected < school.quota:
            yield fd.warning(
                "quota-not-met", spec.name,
                f"{name} คัดสรรผลงานส่งสำนักการศึกษา {school.selected} ผลงาน "
                f"ยังไม่ครบตามเกณฑ์ {school.quota} ผลงาน (ไม่ผ่านตัวชี้วัด)",
                cell=row.cell("code"), column=spec.title("code"), value=school.school_code)
        if school.report is None:
            yield fd.warning(
                "report-missing", spec.name,
                f"{name} ยังไม่ได้ส่งรายงานผลการดำเนินงาน (ไม่ผ่านตัวชี้วัด)",
                cell=row.cell("code"), column=spec.title("code"), value=school.school_code)
        elif not school.report:
            yield fd.warning(
                "report-incomplete", spec.name,
                f"{name} ส่งรายงานผลแล้วแต่ยังไม่ครบถ้วน (ไม่ผ่านตัวชี้วัด)",
                cell=row.cell("code"), column=spec.title("code"), value=school.school_code)
