"""KPI inputs (seed 10.1): each school sends its quota of selected works and a complete
result report. A school that does not is a warning finding (the KPI counts it as not met),
never a crash."""

from __future__ import annotations

from collections.abc import Iterator

from learnworks_xl.core import findings as fd
from learnworks_xl.core.compute.allocation import allocate
from learnworks_xl.core.workbook import ParsedWorkbook


def check_kpi_inputs(wb: ParsedWorkbook) -> Iterator[fd.Finding]:
    """Per school: selected works against the quota, and the result report."""
    if not (wb.works.found and wb.reports.found):
        return
    selected: dict[str, int] = {}
    for w in wb.works.valid:
        if w.selected:
            selected[w.school_code] = selected.get(w.school_code, 0) + 1
    reports = {r.school_code: r for r in wb.reports.valid}
    spec = wb.schools.spec
    rows = {s.code: row for row, s in wb.schools.valid_rows()}
    for alloc in allocate(wb.sizes.valid, wb.schools.valid):
        row = rows[alloc.school_code]
        name = f"{alloc.school_name} ({alloc.school_code})"
        got = selected.get(alloc.school_code, 0)
        if alloc.quota is not None and got < alloc.quota:
            yield fd.warning(
                "quota-not-met", spec.name,
                f"{name} คัดสรรผลงานส่งสำนักการศึกษา {got} ผลงาน "
                f"ยังไม่ครบตามเกณฑ์ {alloc.quota} ผลงาน (ไม่ผ่านตัวชี้วัด)",
                cell=row.cell("code"), column=spec.title("code"), value=alloc.school_code)
        report = reports.get(alloc.school_code)
        if report is None:
            yield fd.warning(
                "report-missing", spec.name,
                f"{name} ยังไม่ได้ส่งรายงานผลการดำเนินงาน (ไม่ผ่านตัวชี้วัด)",
                cell=row.cell("code"), column=spec.title("code"), value=alloc.school_code)
        elif not report.complete:
            yield fd.warning(
                "report-incomplete", spec.name,
                f"{name} ส่งรายงานผลแล้วแต่ยังไม่ครบถ้วน (ไม่ผ่านตัวชี้วัด)",
                cell=row.cell("code"), column=spec.title("code"), value=alloc.school_code)
