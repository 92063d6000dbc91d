"""``รายงานประจำเดือน``: the monthly progress report for BMA Digital Plans (seed 10.2.1) —
planned vs actual progress %, steps done and due, money allocated / spent / % disbursed,
works and school reports received, and the month's results, problems and fixes."""

from __future__ import annotations

from decimal import Decimal

from learnworks_xl import thai
from learnworks_xl.core import sheets as sh
from learnworks_xl.core.compute.numbers import half_up
from learnworks_xl.core.compute.progress import Progress, StepProgress
from learnworks_xl.core.pipeline import Results
from learnworks_xl.core.reports.common import (
    Fmt,
    fmt_of,
    month_text,
    period_text,
    provisional_blocks,
    subtitles,
)
from learnworks_xl.core.reports.content import (
    Block,
    Column,
    KeyValues,
    Paragraph,
    ReportSheet,
    Role,
    TableBlock,
    Value,
)
from learnworks_xl.core.wording import school_label

INTRO = ("รายงานความก้าวหน้าของโครงการเป็นรายเดือน สำหรับบันทึกในระบบการบริหารจัดการ"
         "แผนพัฒนากรุงเทพมหานคร (BMA Digital Plans){ref} ตัวเลขทุกรายการนับถึงวันสิ้นเดือนที่รายงาน")
STEP_COLUMNS = [
    Column("ขั้นตอนการดำเนินงาน", "text", 40), Column("ช่วงเวลาตามแผน", "text", 24),
    Column("น้ำหนัก\n(ร้อยละ)", "percent", 10), Column("ตามแผน\n(ร้อยละ)", "percent", 10),
    Column("ผลจริง\n(ร้อยละ)", "percent", 10), Column("สถานะ ณ สิ้นเดือน", "text", 16),
    Column("วันที่แล้วเสร็จ", "date", 14),
]
MONEY_COLUMNS = [
    Column("โรงเรียน", "text", 40), Column("ได้รับจัดสรร (บาท)", "amount", 24),
    Column("ใช้จ่ายในเดือนนี้\n(บาท)", "amount", 12), Column("ใช้จ่ายสะสม\n(บาท)", "amount", 12),
    Column("คงเหลือ (บาท)", "amount", 12), Column("ร้อยละการเบิกจ่าย", "percent", 16),
]
OVERDUE = "ล่าช้ากว่าแผน"
NO_NOTE = "ยังไม่ได้บันทึกในชีต «บันทึกรายเดือน» สำหรับเดือนนี้"
NONE = "ไม่มี"


def title(results: Results, f: Fmt) -> str:
    """``รายงานความก้าวหน้าประจำเดือนกรกฎาคม 2569``."""
    return f"รายงานความก้าวหน้าประจำเดือน{month_text(results.month, f)}"


def span_text(s: StepProgress, f: Fmt) -> str:
    """``ธ.ค. 2568 – มิ.ย. 2569`` (one month: ``พ.ย. 2568``)."""
    a, b = s.step.start_month, s.step.end_month
    first = thai.format_thai_month(a.year, a.month, "abbr")
    if (a.year, a.month) == (b.year, b.month):
        return f.s(first)
    return f.s(f"{first} – {thai.format_thai_month(b.year, b.month, 'abbr')}")


def steps_text(steps: list[StepProgress], f: Fmt) -> str:
    """``ขั้นตอนที่ 4, 5`` or ``ไม่มี``."""
    if not steps:
        return NONE
    return f.s("ขั้นตอนที่ " + ", ".join(str(s.step.step_no) for s in steps))


def step_row(s: StepProgress, f: Fmt) -> list[Value]:
    """One plan step at the month's end."""
    state = s.state
    state_role: Role | None = "ok" if s.done else None
    if s.overdue:
        state, state_role = f"{s.state} ({OVERDUE})", "bad"
    return [
        f.text(f"{s.step.step_no}. {s.step.description}"), f.prose(span_text(s, f)),
        f.pct(half_up(s.step.weight)), f.pct(half_up(s.planned)), f.pct(half_up(s.actual)),
        f.text(state, state_role), f.day(s.step.completed_on if s.done else None),
    ]


def progress_block(p: Progress, f: Fmt) -> KeyValues:
    """Planned vs actual, steps done, due and overdue."""
    role: Role = "ok" if p.gap >= 0 else "bad"
    return KeyValues([
        ("ร้อยละความก้าวหน้าตามแผน (สะสม)", f.pct(p.planned)),
        ("ร้อยละความก้าวหน้าจริง (สะสม)", f.pct(p.actual, "strong")),
        ("ผลต่าง (ร้อยละ)", f.pct(p.gap, None if p.gap == 0 else role)),
        ("สถานะโครงการ", f.text(p.verdict, role)),
        ("ขั้นตอนที่แล้วเสร็จ", f.prose(f"{len(p.done)} จาก {len(p.steps)} ขั้นตอน")),
        ("ขั้นตอนที่ครบกำหนดในเดือนนี้", f.prose(steps_text(p.due, f))),
        ("ขั้นตอนที่เลยกำหนดแต่ยังไม่แล้วเสร็จ",
         f.prose(steps_text(p.overdue, f), "bad" if p.overdue else None)),
    ], heading="ความก้าวหน้าของโครงการ (สะสมถึงสิ้นเดือน)")


def steps_table(p: Progress, f: Fmt) -> TableBlock:
    """Every step with its planned and actual weight at the month's end."""
    totals = [[f.prose("รวม", "strong"), f.text(None),
               f.pct(half_up(sum((s.step.weight for s in p.steps), Decimal(0))), "strong"),
               f.pct(p.planned, "strong"), f.pct(p.actual, "strong"), f.text(None),
               f.text(None)]]
    return TableBlock(STEP_COLUMNS, [step_row(s, f) for s in p.steps], totals,
                      heading="ขั้นตอนการดำเนินงานตามแผนปฏิบัติการ",
                      empty_text="ยังไม่มีขั้นตอนในชีต «แผนปฏิบัติการ»")


def money_block(results: Results, f: Fmt) -> KeyValues:
    """Money allocated, spent in the month and to date, remaining, % disbursed."""
    to_date, month = results.spending, results.spending_in_month
    return KeyValues([
        ("งบประมาณที่จัดสรรให้โรงเรียน (บาท)", f.amount(to_date.allocated)),
        ("ใช้จ่ายในเดือนนี้ (บาท)", f.amount(month.spent)),
        ("ใช้จ่ายสะสมถึงสิ้นเดือน (บาท)", f.amount(to_date.spent, "strong")),
        ("คงเหลือ (บาท)", f.amount(to_date.remaining)),
        ("ร้อยละการเบิกจ่าย (สะสม)", f.pct(to_date.percent, "strong")),
    ], heading="ผลการใช้จ่ายงบประมาณ")


def money_table(results: Results, f: Fmt) -> TableBlock:
    """Spending per school, in the month and to date."""
    in_month = {s.school_code: s.spent for s in results.spending_in_month.schools}
    rows = [[f.text(school_label(s.school_code, s.school_name)), f.amount(s.allocated),
             f.amount(in_month.get(s.school_code)), f.amount(s.spent), f.amount(s.remaining),
             f.pct(s.percent)] for s in results.spending.schools]
    t = results.spending
    totals = [[f.prose("รวม", "strong"), f.amount(t.allocated, "strong"),
               f.amount(results.spending_in_month.spent, "strong"),
               f.amount(t.spent, "strong"), f.amount(t.remaining, "strong"),
               f.pct(t.percent, "strong")]]
    return TableBlock(MONEY_COLUMNS, rows, totals, heading="การใช้จ่ายงบประมาณรายโรงเรียน",
                      empty_text="ยังไม่มีข้อมูลโรงเรียน")


def output_block(results: Results, f: Fmt) -> KeyValues:
    """Works and school reports received by the month's end; the KPI at the month's end."""
    kpi = results.kpi
    return KeyValues([
        ("ผลงานนักเรียนที่คัดสรรส่งแล้ว (สะสม)",
         f.prose(f"{len(results.works_selected)} จาก {results.works_required} ผลงาน")),
        ("โรงเรียนที่ส่งรายงานผลแล้ว (สะสม)",
         f.prose(f"{len({r.school_code for r in results.school_reports})} จาก "
                 f"{len(results.allocations)} โรงเรียน")),
        ("ตัวชี้วัด ณ สิ้นเดือน (ร้อยละ)", f.pct(kpi.percent)),
        ("ค่าเป้าหมายตัวชี้วัด (ร้อยละ)", f.pct(kpi.target)),
    ], heading="ผลผลิตของโครงการ (สะสมถึงสิ้นเดือน)")


def note_blocks(results: Results) -> list[Block]:
    """The month's results, problems and fixes from ``บันทึกรายเดือน``."""
    note = results.note
    spec = sh.NOTES
    blocks: list[Block] = []
    for field in ("progress", "problems", "fixes"):
        blocks.append(Paragraph(spec.title(field), "heading"))
        text = getattr(note, field) if note is not None else None
        if text:
            blocks.append(Paragraph(text))
        else:
            blocks.append(Paragraph(NO_NOTE if note is None else NONE, "note"))
    return blocks


def monthly_report(results: Results) -> ReportSheet:
    """The ``รายงานประจำเดือน`` sheet for the month of ``results``.

    Args:
        results: The run (its ``month`` is the reported month).

    Returns:
        The monthly report.
    """
    f = fmt_of(results)
    p = results.project
    info = KeyValues([
        ("เดือนที่รายงาน", f.prose(month_text(results.month, f))),
        ("ข้อมูล ณ วันที่", f.day(results.as_of)),
        ("วันที่จัดทำรายงาน", f.day(results.generated_at.date() if results.generated_at
                                    else None)),
        ("ระยะเวลาดำเนินการ", f.prose(period_text(results, f))),
        (sh.PROJECT.title("approved_budget"), f.amount(p.approved_budget)),
    ], heading="ข้อมูลโครงการ")
    blocks: list[Block] = [
        *provisional_blocks(results, f),
        Paragraph(f.s(INTRO.format(
            ref=f" ตามข้อ {p.ref_monthly} ของโครงการ" if p.ref_monthly else "")), "note"),
        info,
        progress_block(results.progress, f),
        steps_table(results.progress, f),
        money_block(results, f),
        money_table(results, f),
        output_block(results, f),
        *note_blocks(results),
    ]
    return ReportSheet(sh.MONTHLY.name, title(results, f), subtitles(results, f), blocks,
                       provisional=results.provisional, thai_digits=results.thai_digits)
