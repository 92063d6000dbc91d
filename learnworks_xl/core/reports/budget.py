"""``สรุปงบประมาณ``: the seed's budget table (section 7) — activity, expense item, size ×
count × rate lines, the total written ``69,500.-`` and in words (``thai.bahttext``), the
regulation — then the check against the approved budget and the allocation per school."""

from __future__ import annotations

from decimal import Decimal

from learnworks_xl import thai
from learnworks_xl.core import sheets as sh
from learnworks_xl.core.compute.allocation import SizeTotal
from learnworks_xl.core.pipeline import Results
from learnworks_xl.core.reports.common import (
    Fmt,
    fmt_of,
    program_name,
    provisional_blocks,
    subtitles,
)
from learnworks_xl.core.reports.content import (
    Block,
    Column,
    KeyValues,
    Paragraph,
    ReportSheet,
    TableBlock,
    Value,
)
from learnworks_xl.core.wording import school_label

TITLE = "สรุปงบประมาณโครงการ"
SEED_COLUMNS = [
    Column("กิจกรรม", "text", 30), Column("รายการค่าใช้จ่าย", "text", 52),
    Column("จำนวนเงิน (บาท)", "amount_dash", 16),
    Column("กฎหมาย ระเบียบที่เกี่ยวข้อง", "text", 28),
]
SCHOOL_COLUMNS = [
    Column("ขนาดโรงเรียน", "text", 30), Column("ชื่อโรงเรียน", "text", 52),
    Column("งบประมาณที่ได้รับจัดสรร (บาท)", "amount", 16),
    Column("จำนวนผลงานตามเกณฑ์", "int", 28),
]
MATCH, MISMATCH = "ตรงกัน", "ไม่ตรงกัน"


def size_phrase(size: str) -> str:
    """``ขนาดใหญ่`` → ``โรงเรียนขนาดใหญ่``."""
    return size if size.startswith("โรงเรียน") else "โรงเรียน" + size


def size_line(line: SizeTotal, f: Fmt) -> tuple[str, str]:
    """The seed's two lines: ``- โรงเรียนขนาดใหญ่`` and
    ``จำนวน 2 โรงเรียนๆ ละ 15,100.-บาท เป็นเงิน 30,200.-บาท``."""
    return (f"- {size_phrase(line.size)}",
            f.s(f"จำนวน {line.schools} โรงเรียนๆ ละ {thai.format_baht(line.rate, 'dash')}บาท "
                f"เป็นเงิน {thai.format_baht(line.amount, 'dash')}บาท"))


def total_words(total: Decimal) -> str:
    """The total in words, as Excel's BAHTTEXT (``หกหมื่นเก้าพันห้าร้อยบาทถ้วน``)."""
    return thai.bahttext(total)


def intro(results: Results, total: Decimal, f: Fmt) -> str:
    """The seed's sentence before the table (source of money, total in figures and words)."""
    p = results.project
    source = p.budget_source if p else "(ยังไม่ได้กรอกแหล่งงบประมาณในชีต «โครงการ»)"
    return (f"เบิกจ่ายจาก{source} รายการค่าใช้จ่ายในการ{program_name(results)} เป็นเงิน "
            f"{f.s(thai.format_baht(total, 'dash'))}บาท ({total_words(total)}) "
            "โดยจัดสรรให้โรงเรียนดำเนินการตามขนาดโรงเรียน ตามรายละเอียดดังนี้")


def seed_table(results: Results, f: Fmt) -> TableBlock:
    """The table of seed section 7."""
    p = results.project
    total = sum((line.amount for line in results.size_totals), Decimal(0))
    rows: list[list[Value]] = [[
        f.text(f"จัดกิจกรรม{program_name(results)}"),
        f.text(p.expense_item if p else "-"), f.text(None),
        f.text(p.regulation if p else "-"),
    ]]
    for line in results.size_totals:
        size, count = size_line(line, f)
        rows.append([f.text(None), f.text(size), f.text(None), f.text(None)])
        rows.append([f.text(None), f.text(count), f.dash(line.amount), f.text(None)])
    totals = [[f.prose("รวมทั้งสิ้น", "strong"), f.text(f"({total_words(total)})", "strong"),
               f.dash(total, "strong"), f.text(None)]]
    return TableBlock(SEED_COLUMNS, rows, totals, heading="รายละเอียดงบประมาณ")


def check_block(results: Results, f: Fmt) -> KeyValues:
    """The allocations against the approved budget."""
    b = results.budget
    ok = b.matches
    rows = [
        (sh.PROJECT.title("approved_budget"), f.amount(b.approved)),
        ("ยอดจัดสรรให้โรงเรียนรวม (บาท)", f.amount(b.allocated)),
        ("ผลต่าง (บาท)", f.amount(b.difference, None if b.difference in (None, 0) else "bad")),
        ("ผลการตรวจสอบ", f.text(MATCH if ok else MISMATCH, "ok" if ok else "bad")),
    ]
    if b.unallocated_schools:
        rows.append(("โรงเรียนที่ไม่พบขนาดในเกณฑ์ (ยังไม่ได้จัดสรร)",
                     f.count(b.unallocated_schools, "bad")))
    return KeyValues(rows, heading="ตรวจสอบกับงบประมาณที่ได้รับอนุมัติ")


def schools_table(results: Results, f: Fmt) -> TableBlock:
    """Each school's allocation and works quota."""
    rows = [[f.text(a.size), f.text(school_label(a.school_code, a.school_name)),
             f.amount(a.amount, None if a.amount is not None else "bad"), f.count(a.quota)]
            for a in results.allocations]
    totals = [[f.prose(f"รวม {len(results.allocations)} โรงเรียน", "strong"), f.text(None),
               f.amount(results.budget.allocated, "strong"),
               f.count(results.works_required, "strong")]]
    return TableBlock(SCHOOL_COLUMNS, rows, totals, heading="การจัดสรรงบประมาณรายโรงเรียน")


def budget_report(results: Results) -> ReportSheet:
    """The ``สรุปงบประมาณ`` sheet.

    Args:
        results: The run.

    Returns:
        The report: the seed's budget paragraph and table, the check, the schools.
    """
    f = fmt_of(results)
    total = sum((line.amount for line in results.size_totals), Decimal(0))
    blocks: list[Block] = [
        *provisional_blocks(results, f),
        Paragraph(intro(results, total, f)),
        seed_table(results, f),
        check_block(results, f),
        schools_table(results, f),
    ]
    return ReportSheet(sh.BUDGET.name, TITLE, subtitles(results, f), blocks,
                       provisional=results.provisional, thai_digits=results.thai_digits)
