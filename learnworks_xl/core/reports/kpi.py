"""``ตัวชี้วัด``: the KPI of seed 10.1 — per school: size, works required and selected, the
result report, meets or not and why; the KPI % against the target (ผ่าน / ไม่ผ่าน); a chart."""

from __future__ import annotations

from learnworks_xl import thai
from learnworks_xl.core import sheets as sh
from learnworks_xl.core.compute.kpi import KpiResult, SchoolKpi
from learnworks_xl.core.pipeline import Results
from learnworks_xl.core.reports.budget import size_phrase
from learnworks_xl.core.reports.common import (
    Fmt,
    fmt_of,
    month_text,
    provisional_blocks,
    ref_text,
    subtitles,
)
from learnworks_xl.core.reports.content import (
    Block,
    ChartBlock,
    Column,
    KeyValues,
    Paragraph,
    ReportSheet,
    Role,
    TableBlock,
    Value,
)
from learnworks_xl.core.wording import school_label

TITLE = "ผลการดำเนินงานตามตัวชี้วัด"
KPI_TEXT = "โรงเรียนมีการรายงานผลการดำเนินงานครบถ้วนและส่งผลงานนักเรียนตามเกณฑ์ที่กำหนด"
METHOD = ("วิธีการคำนวณ: จำนวนโรงเรียนที่มีผลงานนักเรียนตามเกณฑ์ / จำนวนโรงเรียนทั้งหมด × 100 "
          "(ทศนิยม 2 ตำแหน่ง) โดยโรงเรียนที่ผ่านเกณฑ์ต้องส่งผลงานครบตามเกณฑ์และรายงานผล"
          "การดำเนินงานครบถ้วน เครื่องมือที่ใช้วัด: แบบรายงานผลการดำเนินงานของโรงเรียน "
          "ประเภทตัวชี้วัด: ผลผลิต")
REPORT_WORDS = {True: "ครบถ้วน", False: "ไม่ครบถ้วน", None: "ยังไม่ส่ง"}
COLUMNS = [
    Column("โรงเรียน", "text", 36), Column("ขนาดโรงเรียน", "text", 12),
    Column("ผลงาน\nตามเกณฑ์", "int", 10), Column("ผลงานที่\nคัดสรรส่ง", "int", 10),
    Column("รายงานผล\nการดำเนินงาน", "text", 14), Column("ผลการประเมิน", "text", 14),
    Column("เหตุผล", "text", 30),
]
CHART_TITLE = "จำนวนผลงานที่คัดสรรส่งเทียบกับเกณฑ์ รายโรงเรียน"


def criteria_text(results: Results, f: Fmt) -> str:
    """``ตัวชี้วัด: … ได้แก่ โรงเรียนขนาดใหญ่ จำนวน 3 ผลงาน โรงเรียนขนาดกลาง จำนวน 2 ผลงาน``."""
    parts = [f"{size_phrase(s.size)} จำนวน {s.works_required} ผลงาน" for s in results.sizes]
    name = results.project.kpi_name or KPI_TEXT
    return f.s(f"ตัวชี้วัด{ref_text(results.project.ref_kpi, f)}: {name}"
               + (f" ได้แก่ {' '.join(parts)}" if parts else ""))


def school_row(s: SchoolKpi, f: Fmt) -> list[Value]:
    """One school's line."""
    short = s.quota is not None and s.selected < s.quota
    return [
        f.text(school_label(s.school_code, s.school_name)), f.text(s.size), f.count(s.quota),
        f.count(s.selected, "bad" if short else None),
        f.text(REPORT_WORDS[s.report], "ok" if s.report else "bad"),
        f.text(s.verdict, "ok" if s.meets else "bad"),
        f.prose(s.reason, None if s.meets else "bad"),
    ]


def summary_block(kpi: KpiResult, f: Fmt, heading: str = "สรุปผลตัวชี้วัด") -> KeyValues:
    """The KPI against the target."""
    role: Role | None = None if kpi.passed is None else "ok" if kpi.passed else "bad"
    return KeyValues([
        ("โรงเรียนทั้งหมด", f.prose(f"{kpi.total} โรงเรียน")),
        ("โรงเรียนที่ผ่านเกณฑ์", f.prose(f"{kpi.met} โรงเรียน")),
        ("ผลการดำเนินงาน (ร้อยละ)", f.pct(kpi.percent, "strong")),
        ("ค่าเป้าหมาย (ร้อยละ)", f.pct(kpi.target)),
        ("ผลการประเมินตัวชี้วัด", f.text(kpi.verdict or "ประเมินไม่ได้ (ข้อมูลไม่ครบ)", role)),
    ], heading=heading)


def kpi_chart(kpi: KpiResult) -> ChartBlock:
    """Works selected against the quota, per school (by code)."""
    return ChartBlock(
        "column", CHART_TITLE, [s.school_code for s in kpi.schools],
        [("ผลงานตามเกณฑ์", [s.quota or 0 for s in kpi.schools]),
         ("ผลงานที่คัดสรรส่ง", [s.selected for s in kpi.schools])],
        y_title="จำนวนผลงาน")


def kpi_report(results: Results) -> ReportSheet:
    """The ``ตัวชี้วัด`` sheet.

    Args:
        results: The run.

    Returns:
        The KPI definition, the per-school table, the KPI against the target and a chart.
    """
    f = fmt_of(results)
    kpi = results.kpi
    totals = [[f.prose(f"รวม {kpi.total} โรงเรียน", "strong"), f.text(None),
               f.count(sum(s.quota or 0 for s in kpi.schools), "strong"),
               f.count(sum(s.selected for s in kpi.schools), "strong"),
               f.prose(f"ครบถ้วน {sum(1 for s in kpi.schools if s.report)}", "strong"),
               f.prose(f"ผ่าน {kpi.met}", "strong"), f.text(None)]]
    blocks: list[Block] = [
        *provisional_blocks(results, f),
        Paragraph(f.s(f"ผลงานและรายงานที่ส่งถึงวันที่ {thai.format_thai_date(results.as_of, 'abbr')} "
                      f"(สิ้นเดือน{month_text(results.month, f)})"), "note"),
        Paragraph(criteria_text(results, f)),
        Paragraph(f.s(METHOD), "note"),
        TableBlock(COLUMNS, [school_row(s, f) for s in kpi.schools], totals,
                   heading="ผลการประเมินรายโรงเรียน", empty_text="ยังไม่มีข้อมูลโรงเรียน"),
        summary_block(kpi, f),
    ]
    if kpi.schools:
        blocks.append(kpi_chart(kpi))
    return ReportSheet(sh.KPI.name, TITLE, subtitles(results, f), blocks,
                       provisional=results.provisional, thai_digits=results.thai_digits)
