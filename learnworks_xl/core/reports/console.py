"""The short Thai summary ``learnworks run`` prints (what the clerk reads in the terminal)."""

from __future__ import annotations

from pathlib import Path

from learnworks_xl import thai
from learnworks_xl.core import sheets as sh
from learnworks_xl.core.pipeline import Results
from learnworks_xl.core.wording import baht, findings_count, number, percent


def run_summary(results: Results, out: Path) -> list[str]:
    """The lines printed after a run.

    Args:
        results: The run.
        out: The finished workbook.

    Returns:
        Thai lines: the file, the month, the KPI, the money, the findings (and what to do
        when the reports are drafts).
    """
    kpi, money, report = results.kpi, results.spending, results.report
    if kpi.percent is None or kpi.target is None:
        kpi_line = "ตัวชี้วัด: คำนวณไม่ได้ (ข้อมูลโรงเรียนหรือค่าเป้าหมายไม่ครบ)"
    else:
        kpi_line = (f"ตัวชี้วัด: ร้อยละ {percent(kpi.percent)} (เป้าหมาย ร้อยละ {number(kpi.target)}) "
                    f"{kpi.verdict} – โรงเรียนผ่านเกณฑ์ {kpi.met} จาก {kpi.total} โรงเรียน")
    disbursed = f" (เบิกจ่ายร้อยละ {percent(money.percent)})" if money.percent is not None else ""
    progress = results.progress
    lines = [
        f"สร้างสมุดงานผลลัพธ์แล้ว: {out}",
        f"เดือนที่รายงาน: {thai.format_thai_month(results.month.year, results.month.month)} "
        f"(ข้อมูล ณ วันที่ {thai.format_thai_date(results.as_of, 'abbr')})",
        f"ความก้าวหน้า: ตามแผน ร้อยละ {percent(progress.planned)} ผลจริง ร้อยละ "
        f"{percent(progress.actual)} – {progress.verdict}",
        kpi_line,
        f"งบประมาณ: จัดสรร {baht(money.allocated)} ใช้จ่าย {baht(money.spent)}{disbursed}",
        f"ผลการตรวจสอบ: {findings_count(report)}",
    ]
    if results.provisional:
        lines.append(f"รายงานเป็นฉบับร่าง: แก้ข้อผิดพลาดตามชีต «{sh.FINDINGS.name}» "
                     "แล้วสั่ง learnworks run อีกครั้ง")
    return lines
