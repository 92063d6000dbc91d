"""``หน้าหลัก``: the project at a glance (money, KPI, progress), the findings per sheet and
the time of the last run. Laid out in columns A–D, beside the buttons."""

from __future__ import annotations

from learnworks_xl.core import sheets as sh
from learnworks_xl.core.findings import Severity
from learnworks_xl.core.pipeline import Results
from learnworks_xl.core.reports.common import (
    fmt_of,
    month_text,
    period_text,
    program_title,
    provisional_blocks,
    sheet_link,
)
from learnworks_xl.core.reports.content import (
    Block,
    Column,
    KeyValues,
    ReportSheet,
    Role,
    TableBlock,
)

FINAL, DRAFT = "ฉบับสมบูรณ์", "ฉบับร่าง (ข้อมูลยังมีข้อผิดพลาด)"
CLEAN = "ไม่พบปัญหาในทุกชีต"
SHEET_COLUMNS = [Column("ชีต", "text", 34), Column("ข้อผิดพลาด", "int", 18),
                 Column("คำเตือน", "int", 18)]


def findings_by_sheet(results: Results) -> list[tuple[str, int, int]]:
    """(sheet, errors, warnings) for every sheet with findings, in workbook order."""
    order = [s.name for s in sh.ALL_SHEETS]
    counts: dict[str, list[int]] = {}
    for f in results.report.findings:
        c = counts.setdefault(f.sheet, [0, 0])
        c[0 if f.severity is Severity.ERROR else 1] += 1
    names = sorted(counts, key=lambda n: order.index(n) if n in order else len(order))
    return [(n, counts[n][0], counts[n][1]) for n in names]


def home_report(results: Results) -> ReportSheet:
    """The ``หน้าหลัก`` report (columns A–D).

    Args:
        results: The run.

    Returns:
        The at-a-glance report.
    """
    f = fmt_of(results)
    p, kpi, money, prog = results.project, results.kpi, results.spending, results.progress
    kpi_role: Role | None = None if kpi.passed is None else "ok" if kpi.passed else "bad"
    month = month_text(results.month, f, 'abbr')
    glance = KeyValues([
        (sh.PROJECT.title("fiscal_year"), f.prose(str(p.fiscal_year or "-"))),
        ("ระยะเวลาดำเนินการ", f.prose(period_text(results, f))),
        (sh.PROJECT.title("approved_budget"), f.amount(p.approved_budget)),
        ("จัดสรรให้โรงเรียนแล้ว (บาท)", f.amount(money.allocated)),
        (f"ใช้จ่ายแล้ว ณ สิ้น {month} (บาท)", f.amount(money.spent)),
        (f"เบิกจ่ายแล้ว ณ สิ้น {month} (ร้อยละ)", f.pct(money.percent)),
        (f"ตัวชี้วัด ณ สิ้น {month} (ร้อยละ)", f.pct(kpi.percent, kpi_role)),
        ("ค่าเป้าหมาย (ร้อยละ)", f.pct(kpi.target)),
        ("ผลการประเมินตัวชี้วัด", f.text(kpi.verdict or "-", kpi_role)),
        (f"ความก้าวหน้าตามแผน ณ สิ้น {month} (ร้อยละ)", f.pct(prog.planned)),
        (f"ความก้าวหน้าจริง ณ สิ้น {month} (ร้อยละ)",
         f.pct(prog.actual, "ok" if prog.gap >= 0 else "bad")),
        ("สถานะโครงการ", f.text(prog.verdict, "ok" if prog.gap >= 0 else "bad")),
    ], heading=f"ภาพรวมโครงการ ณ สิ้นเดือน{month_text(results.month, f)}")
    r = results.report
    status_role: Role = "bad" if r.errors else "ok"
    last_run = KeyValues([
        ("เวลาที่ประมวลผล", f.when(results.generated_at)),
        ("ไฟล์ข้อมูล", f.text(results.source or "-")),
        ("เดือนที่รายงาน", f.prose(month_text(results.month, f))),
        ("ผลการตรวจสอบ", f.prose(f"ข้อผิดพลาด {r.errors} รายการ คำเตือน {r.warnings} รายการ",
                                 status_role, sheet_link(sh.FINDINGS.name))),
        ("สถานะรายงาน", f.text(DRAFT if r.errors else FINAL, status_role)),
    ], heading="การประมวลผลล่าสุด")
    rows = [[f.text(name, link=sheet_link(name)), f.count(e, "bad" if e else None),
             f.count(w, "warn" if w else None)] for name, e, w in findings_by_sheet(results)]
    blocks: list[Block] = [
        *provisional_blocks(results, f), glance, last_run,
        TableBlock(SHEET_COLUMNS, rows, heading="ผลการตรวจสอบรายชีต", empty_text=CLEAN),
    ]
    subtitles = [p.agency] if p.agency else []
    return ReportSheet(sh.HOME.name, program_title(results), subtitles, blocks,
                       provisional=results.provisional, thai_digits=results.thai_digits)
