"""``รายงานสรุปผล``: the end-of-project report of seed 10.2.2 — objectives, targets against
results, the KPI, money, works, the plan, risks, problems and suggestions."""

from __future__ import annotations

import re
from collections import Counter
from decimal import Decimal

from learnworks_xl import thai
from learnworks_xl.core import sheets as sh
from learnworks_xl.core.compute.progress import StepProgress
from learnworks_xl.core.compute.risk import ASSUMPTION
from learnworks_xl.core.models import WORK_TYPES
from learnworks_xl.core.pipeline import Results
from learnworks_xl.core.reports.budget import size_phrase
from learnworks_xl.core.reports.common import (
    Fmt,
    as_of_text,
    fmt_of,
    period_text,
    program_title,
    provisional_blocks,
    ref_text,
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
from learnworks_xl.core.reports.kpi import KPI_TEXT, summary_block
from learnworks_xl.core.reports.monthly import span_text
from learnworks_xl.core.reports.remarks import problems, suggestions
from learnworks_xl.core.wording import school_label

TITLE = "รายงานสรุปผลการดำเนินงานโครงการ"
INTERIM = "ฉบับระหว่างดำเนินการ"
NO_OBJECTIVES = "(ยังไม่ได้กรอก «{title}» ในชีต «{sheet}»)"
_NUMBERED = re.compile(r"^\s*(?:[0-9๐-๙]+(?:\.[0-9๐-๙]+)*[.)]?|[-•])\s*")
REACHED, MISSED = "บรรลุ", "ไม่บรรลุ"
TARGET_COLUMNS = [
    Column("เป้าหมาย", "text", 40), Column("ค่าเป้าหมาย", "text", 18),
    Column("ผลการดำเนินงาน", "text", 16), Column("ผลการประเมิน", "text", 14),
    Column("", "text", 30),
]
MONEY_COLUMNS = [
    Column("โรงเรียน", "text", 40), Column("ได้รับจัดสรร (บาท)", "amount", 18),
    Column("ใช้จ่าย (บาท)", "amount", 16), Column("คงเหลือ (บาท)", "amount", 14),
    Column("ร้อยละการเบิกจ่าย", "percent", 30),
]
WORK_COLUMNS = [
    Column("ประเภทผลงาน", "text", 40), Column("ผลงานทั้งหมด", "int", 18),
    Column("คัดสรรส่งสำนักการศึกษา", "int", 16),
]
PLAN_COLUMNS = [
    Column("ขั้นตอนการดำเนินงาน", "text", 40), Column("ช่วงเวลาตามแผน", "text", 18),
    Column("วันที่แล้วเสร็จ", "date", 16), Column("ผลการดำเนินงาน", "text", 14),
]
RISK_COLUMNS = [
    Column("ความเสี่ยง", "text", 40), Column("โอกาสที่จะเกิด", "int", 18),
    Column("ผลกระทบ", "int", 16), Column("ระดับความเสี่ยง", "text", 14),
    Column("แนวทางการบริหารความเสี่ยง", "text", 30),
]
ON_TIME, LATE, UNFINISHED = "ตามแผน", "ล่าช้ากว่าแผน", "ยังไม่แล้วเสร็จ"


def _verdict(ok: bool | None, f: Fmt) -> Value:
    if ok is None:
        return f.text("-")
    return f.text(REACHED if ok else MISSED, "ok" if ok else "bad")


def targets_table(results: Results, f: Fmt) -> TableBlock:
    """Targets (seed 3 and 10.1) against results."""
    kpi = results.kpi
    rows: list[list[Value]] = [[
        f.prose("เชิงปริมาณ: โรงเรียนมีผลงานนักเรียนตามเกณฑ์"),
        f.prose(f"{kpi.total} โรงเรียน"), f.prose(f"{kpi.met} โรงเรียน"),
        _verdict(kpi.met == kpi.total if kpi.total else None, f), f.text(None)]]
    for line in results.size_totals:
        schools = [s for s in kpi.schools if s.size == line.size]
        got = sum(min(s.selected, line.quota) for s in schools)
        rows.append([
            f.prose(f"- {size_phrase(line.size)} {line.schools} โรงเรียนๆ ละ {line.quota} ผลงาน"),
            f.prose(f"{line.works} ผลงาน"), f.prose(f"{got} ผลงาน"),
            _verdict(got >= line.works, f), f.text(None)])
    participants = sum(r.participants for r in results.school_reports)
    p = results.project
    rows.append([f.prose(f"เชิงคุณภาพ: ผลงานนักเรียนมีคุณภาพ{ref_text(p.ref_quality_target, f)}"),
                 f.prose("ผลงานมีคุณภาพ"),
                 f.prose(f"ผลงาน {len(results.works_selected)} ผลงาน นักเรียนเข้าร่วม "
                         f"{participants:,} คน"), f.text("-"), f.text(None)])
    rows.append([f.prose(f"ตัวชี้วัด: โรงเรียนที่ผ่านเกณฑ์{ref_text(p.ref_kpi, f)}"),
                 f.prose(f"ร้อยละ {f.number(kpi.target)}"), f.prose(f.percent_text(kpi.percent)),
                 f.text(kpi.verdict or "-", None if kpi.passed is None else
                        "ok" if kpi.passed else "bad"), f.text(None)])
    progress = results.progress  # interim: against what the plan had due by the month's end
    due = progress.planned if results.interim else Decimal(100)
    rows.append([f.prose("ความก้าวหน้าตามแผนปฏิบัติการ"), f.prose(f.percent_text(due)),
                 f.prose(f.percent_text(progress.actual)), _verdict(progress.actual >= due, f),
                 f.text(None)])
    return TableBlock(TARGET_COLUMNS[:4], [r[:4] for r in rows],
                      heading="2. เป้าหมายและผลการดำเนินงาน")


def money_blocks(results: Results, f: Fmt) -> list[Block]:
    """Money allocated and spent, overall and per school."""
    t = results.spending
    rows = [[f.text(school_label(s.school_code, s.school_name)), f.amount(s.allocated),
             f.amount(s.spent), f.amount(s.remaining), f.pct(s.percent)] for s in t.schools]
    totals = [[f.prose("รวม", "strong"), f.amount(t.allocated, "strong"),
               f.amount(t.spent, "strong"), f.amount(t.remaining, "strong"),
               f.pct(t.percent, "strong")]]
    return [
        KeyValues([
            (sh.PROJECT.title("approved_budget"), f.amount(results.project.approved_budget)),
            ("จัดสรรให้โรงเรียน (บาท)", f.amount(t.allocated)),
            ("ใช้จ่ายจริง (บาท)", f.amount(t.spent, "strong")),
            ("คงเหลือ (บาท)", f.amount(t.remaining)),
            ("ร้อยละการเบิกจ่าย", f.pct(t.percent, "strong")),
        ], heading="4. ผลการใช้จ่ายงบประมาณ"),
        TableBlock(MONEY_COLUMNS, rows, totals, empty_text="ยังไม่มีข้อมูลโรงเรียน"),
    ]


def works_blocks(results: Results, f: Fmt) -> list[Block]:
    """Works by type: all made and selected; participants."""
    # works carry no date: the ones not selected count always, the selected ones once sent
    counted = [w for w in results.works if not w.selected] + results.works_selected
    made: Counter[str] = Counter(w.work_type for w in counted)
    chosen: Counter[str] = Counter(w.work_type for w in results.works_selected)
    rows = [[f.text(kind), f.count(made[kind]), f.count(chosen[kind])] for kind in WORK_TYPES]
    totals = [[f.prose("รวม", "strong"), f.count(sum(made.values()), "strong"),
               f.count(sum(chosen.values()), "strong")]]
    participants = sum(r.participants for r in results.school_reports)
    return [
        TableBlock(WORK_COLUMNS, rows, totals, heading="5. ผลงานนักเรียน"),
        KeyValues([("นักเรียนที่เข้าร่วมกิจกรรม (คน)", f.count(participants)),
                   ("โรงเรียนที่ส่งรายงานผลการดำเนินงาน",
                    f.prose(f"{len({r.school_code for r in results.school_reports})} จาก "
                            f"{len(results.allocations)} โรงเรียน"))]),
    ]


def plan_row(s: StepProgress, f: Fmt) -> list[Value]:
    """One step: planned months, when it finished, on time or late."""
    late = s.late
    outcome = UNFINISHED if not s.done else LATE if late else ON_TIME
    return [f.text(f"{s.step.step_no}. {s.step.description}"), f.prose(span_text(s, f)),
            f.day(s.step.completed_on if s.done else None),
            f.text(outcome, "ok" if outcome == ON_TIME else "bad" if not s.done else "warn")]


def risk_blocks(results: Results, f: Fmt) -> list[Block]:
    """Risks with their computed level and the assumption note."""
    rows = [[f.text(r.risk.risk), f.count(r.risk.likelihood), f.count(r.risk.impact),
             f.text(r.level), f.text(r.risk.mitigation)] for r in results.risks]
    return [TableBlock(RISK_COLUMNS, rows, heading="7. ความเสี่ยงและการบริหารความเสี่ยง",
                       empty_text="ไม่มีข้อมูลความเสี่ยง"),
            Paragraph(f"หมายเหตุ: {ASSUMPTION}", "note")]


def bullets(items: list[str], f: Fmt) -> list[Block]:
    """Numbered lines, or ``ไม่มี``."""
    if not items:
        return [Paragraph("ไม่มี")]
    return [Paragraph(f"{f.s(str(i))}) {text}") for i, text in enumerate(items, start=1)]


def objectives(results: Results, f: Fmt) -> list[Block]:
    """Section 1: the objectives of ``โครงการ``, one a line, numbered ``1.1``, ``1.2`` …"""
    text = results.project.objectives or ""
    lines = [_NUMBERED.sub("", line).strip() for line in text.splitlines()]
    lines = [line for line in lines if line]
    if not lines:
        return [Paragraph(NO_OBJECTIVES.format(title=sh.PROJECT.title("objectives"),
                                               sheet=sh.PROJECT.name), "note")]
    return [Paragraph(f"{f.s(f'1.{i}')} {line}") for i, line in enumerate(lines, start=1)]


def targets_note(results: Results) -> Paragraph:
    """The quality target and the KPI in the project's own words."""
    p = results.project
    quality = f"เป้าหมายเชิงคุณภาพ: {p.quality_target} " if p.quality_target else ""
    return Paragraph(f"{quality}ตัวชี้วัด: {p.kpi_name or KPI_TEXT}", "note")


def status_note(results: Results, f: Fmt) -> Paragraph:
    """What the report is: final after the project's end, else interim, and as of when."""
    p = results.project
    if results.interim:
        end = (f" โครงการสิ้นสุดวันที่ {thai.format_thai_date(p.end_date, 'abbr')}"
               if p.end_date else "")
        text = (f"{INTERIM}: สรุปผลถึงวันที่ {thai.format_thai_date(results.as_of, 'abbr')}"
                f"{end} รายงานสรุปผลฉบับสมบูรณ์จัดทำภายหลังเสร็จสิ้นโครงการ")
    else:
        text = (f"รายงานสรุปผลโครงการภายหลังเสร็จสิ้นโครงการ{ref_text(p.ref_summary, f)} "
                f"{as_of_text(results, f)}")
    return Paragraph(f.s(text), "note")


def summary_report(results: Results) -> ReportSheet:
    """The ``รายงานสรุปผล`` sheet.

    Args:
        results: The run.

    Returns:
        The end-of-project report (interim before the project's end).
    """
    f = fmt_of(results)
    p = results.project
    lines = [program_title(results)]
    parts = [p.agency or ""]
    if p.fiscal_year is not None:
        parts.append(f"ปีงบประมาณ พ.ศ. {f.s(str(p.fiscal_year))}")
    parts.append(f"ระยะเวลาดำเนินการ {period_text(results, f)}")
    lines.append("   ".join(x for x in parts if x))
    blocks: list[Block] = [
        *provisional_blocks(results, f),
        status_note(results, f),
        Paragraph("1. วัตถุประสงค์ของโครงการ", "heading"),
        *objectives(results, f),
        targets_table(results, f),
        targets_note(results),
        summary_block(results.kpi, f, "3. ผลการดำเนินงานตามตัวชี้วัด"),
        *money_blocks(results, f),
        *works_blocks(results, f),
        TableBlock(PLAN_COLUMNS, [plan_row(s, f) for s in results.progress.steps],
                   heading="6. การดำเนินงานตามแผนปฏิบัติการ",
                   empty_text="ยังไม่มีขั้นตอนในชีต «แผนปฏิบัติการ»"),
        *risk_blocks(results, f),
        Paragraph("8. ปัญหาอุปสรรค", "heading"), *bullets(problems(results), f),
        Paragraph("9. ข้อเสนอแนะ", "heading"), *bullets(suggestions(results, f), f),
        Paragraph("(ลงชื่อ)......................................................ผู้รายงาน"),
        Paragraph("(......................................................)"),
    ]
    title = f"{TITLE} ({INTERIM})" if results.interim else TITLE
    return ReportSheet(sh.SUMMARY.name, title, lines, blocks, provisional=results.provisional,
                       thai_digits=results.thai_digits)
