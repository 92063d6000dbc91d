"""The roll-up workbook's sheets, as report contents (laid out by the workbook's report
renderer, like every report): ``สรุปภาพรวม``, ``สรุปรายเขต``, ``โรงเรียนทั้งหมด``,
``ผลงานที่คัดสรร``, ``สถานะการส่งข้อมูล``."""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal

from learnworks_xl import thai
from learnworks_xl.core import sheets as sh
from learnworks_xl.core.compute.kpi import FAILED, FAILS, MEETS, PASSED
from learnworks_xl.core.compute.progress import ON_PLAN
from learnworks_xl.core.districts import OFFICE, order
from learnworks_xl.core.grid import RawWorkbook
from learnworks_xl.core.privacy import privacy_note
from learnworks_xl.core.reports.common import Fmt, month_text
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
from learnworks_xl.core.reports.kpi import REPORT_WORDS
from learnworks_xl.core.rollup.combine import Rollup, other_year_line, other_year_words
from learnworks_xl.core.rollup.district import DistrictFigures, SchoolLine, WorkLine
from learnworks_xl.core.wording import DASH, program_title, school_label

SUMMARY, DISTRICTS, SCHOOLS, WORKS, FILES = (
    "สรุปภาพรวม", "สรุปรายเขต", "โรงเรียนทั้งหมด", "ผลงานที่คัดสรร", "สถานะการส่งข้อมูล")
#: The roll-up workbook's sheets, in order.
SHEETS: tuple[str, ...] = (SUMMARY, DISTRICTS, SCHOOLS, WORKS, FILES)
OFFICE_NAME = "สำนักการศึกษา กรุงเทพมหานคร"
CITY = "กรุงเทพมหานคร"
TOTAL = "รวม"

DISTRICT_COLUMNS = [
    Column("สำนักงานเขต", "text", 17), Column("จำนวนโรงเรียน", "int", 10),
    Column("โรงเรียนผ่านเกณฑ์", "int", 10), Column("ตัวชี้วัด (ร้อยละ)", "percent", 11),
    Column("งบประมาณที่ได้รับจัดสรร (บาท)", "amount", 16), Column("ใช้จ่าย (บาท)", "amount", 15),
    Column("ร้อยละการเบิกจ่าย", "percent", 10),
    Column("ความก้าวหน้าตามแผน (ร้อยละ)", "percent", 14),
    Column("ความก้าวหน้าจริง (ร้อยละ)", "percent", 14), Column("สถานะ", "text", 16),
    Column("ข้อผิดพลาด", "int", 9), Column("คำเตือน", "int", 9),
]
SCHOOL_COLUMNS = [
    Column("สำนักงานเขต", "text", 14), Column("รหัสโรงเรียน", "text", 10),
    Column("ชื่อโรงเรียน", "text", 30), Column("ขนาดโรงเรียน", "text", 11),
    Column("งบประมาณที่ได้รับจัดสรร (บาท)", "amount", 15), Column("ใช้จ่าย (บาท)", "amount", 14),
    Column("ผลงานตามเกณฑ์", "int", 9), Column("ผลงานที่คัดสรรส่ง", "int", 9),
    Column("รายงานผลการดำเนินงาน", "text", 12), Column("ตัวชี้วัด", "text", 12),
    Column("เหตุผล", "text", 28),
]
WORK_COLUMNS = [
    Column("สำนักงานเขต", "text", 13), Column("โรงเรียน", "text", 26),
    Column("รหัสผลงาน", "text", 11), Column("ชื่อผลงาน", "text", 28),
    Column("ประเภทผลงาน", "text", 13), Column("นักเรียนผู้จัดทำ", "text", 22),
    Column("ระดับชั้น", "text", 8), Column("ลิงก์ผลงาน", "text", 26), Column("วันที่ส่ง", "date", 12),
]
FILE_COLUMNS = [
    Column("ลำดับ", "int", 6), Column("ไฟล์", "text", 30), Column("สำนักงานเขต", "text", 14),
    Column("ปีงบประมาณ", "text", 10), Column("ผล", "text", 16), Column("รายละเอียด", "text", 60),
]
MISSING_COLUMNS = [Column("ลำดับ", "int", 6), Column("สำนักงานเขต", "text", 30),
                   Column("สถานะ", "text", 20)]
NOT_SENT = "ยังไม่ได้ส่งข้อมูล"
METHOD = ("ตัวชี้วัดของกรุงเทพมหานคร = โรงเรียนที่ผ่านเกณฑ์ของทุกเขต ÷ โรงเรียนทั้งหมดของทุกเขต × 100 "
          "ร้อยละการเบิกจ่าย = ใช้จ่าย ÷ งบประมาณที่ได้รับจัดสรร × 100 (ทศนิยม 2 ตำแหน่ง ปัดครึ่งขึ้น) "
          "ความก้าวหน้าของกรุงเทพมหานคร = ค่าเฉลี่ยของสำนักงานเขตที่ส่งข้อมูล (เขตละเท่ากัน)")
F = Fmt(False)


def is_rollup_workbook(raw: RawWorkbook) -> bool:
    """The workbook ``learnworks rollup`` writes: its five sheets and no ``โครงการ``."""
    return all(name in raw.sheets for name in SHEETS) and sh.PROJECT.name not in raw.sheets


def title_lines(rollup: Rollup) -> list[str]:
    """The lines under every sheet's title: the program, the office and year, the day."""
    lines = [program_title(rollup.program) or "โครงการ"]
    year = f"   ปีงบประมาณ พ.ศ. {rollup.fiscal_year}" if rollup.fiscal_year else ""
    lines.append(OFFICE_NAME + year)
    if rollup.month is not None and rollup.as_of is not None:
        lines.append(f"ข้อมูล ณ วันที่ {thai.format_thai_date(rollup.as_of, 'abbr')} "
                     f"(สิ้นเดือน{month_text(rollup.month, F)})")
    return lines


def draft_note(rollup: Rollup) -> list[Paragraph]:
    """The note that some districts' figures come from files with errors."""
    drafts = rollup.drafts
    if not drafts:
        return []
    names = ", ".join(d.district for d in drafts)
    return [Paragraph(f"ฉบับร่าง – ข้อมูลของสำนักงานเขต {len(drafts)} เขต ({names}) ยังมีข้อผิดพลาด "
                      "ตัวเลขของเขตเหล่านี้นับเฉพาะแถวที่ถูกต้อง ดูรายละเอียดในชีต "
                      f"«{FILES}»", "note")]


def _kpi_role(kpi: Decimal | None, target: Decimal | None) -> Role | None:
    if kpi is None or target is None:
        return None
    return "ok" if kpi >= target else "bad"


def _status(verdict: str | None, draft: bool) -> str:
    text = verdict or DASH
    return f"{text} (ฉบับร่าง)" if draft else text


def district_row(d: DistrictFigures) -> list[Value]:
    """One district's line of ``สรุปรายเขต``."""
    return [
        F.text(d.district), F.count(len(d.schools)), F.count(d.met),
        F.pct(d.kpi, _kpi_role(d.kpi, d.kpi_target)), F.amount(d.allocated), F.amount(d.spent),
        F.pct(d.disbursed), F.pct(d.planned), F.pct(d.actual),
        F.text(_status(d.verdict, d.draft), None if d.verdict == ON_PLAN and not d.draft
               else "warn"),
        F.count(d.errors, "bad" if d.errors else None), F.count(d.warnings),
    ]


def total_row(rollup: Rollup) -> list[Value]:
    """The ``รวม`` line: the city's figures."""
    return [
        F.prose(TOTAL, "strong"), F.count(rollup.school_count), F.count(rollup.met),
        F.pct(rollup.kpi, _kpi_role(rollup.kpi, rollup.kpi_target)), F.amount(rollup.allocated),
        F.amount(rollup.spent), F.pct(rollup.disbursed), F.pct(rollup.planned),
        F.pct(rollup.actual), F.text(_status(rollup.verdict, bool(rollup.drafts))),
        F.count(rollup.errors), F.count(rollup.warnings),
    ]


def kpi_chart(rollup: Rollup) -> ChartBlock:
    """The KPI of each district (and the common target, when there is one)."""
    series = [("ตัวชี้วัด (ร้อยละ)", [d.kpi or 0 for d in rollup.districts])]
    if rollup.kpi_target is not None:
        series.append(("ค่าเป้าหมาย (ร้อยละ)", [rollup.kpi_target] * len(rollup.districts)))
    return ChartBlock("column", "ตัวชี้วัด (ร้อยละ) รายสำนักงานเขต",
                      [d.district for d in rollup.districts], list(series), y_title="ร้อยละ")


def districts_report(rollup: Rollup) -> ReportSheet:
    """``สรุปรายเขต``: one line per district used, ``รวม``, and a chart of the KPI."""
    blocks: list[Block] = [*draft_note(rollup), TableBlock(
        DISTRICT_COLUMNS, [district_row(d) for d in rollup.districts], [total_row(rollup)],
        empty_text="ยังไม่มีข้อมูลของสำนักงานเขต")]
    if rollup.missing:
        blocks.append(Paragraph(f"ยังไม่ได้รับข้อมูล {len(rollup.missing)} จาก 50 เขต "
                                f"(รายชื่อในชีต «{FILES}»)", "note"))
    if (other := other_year_line(rollup)) is not None:
        blocks.append(Paragraph(other, "note"))
    blocks.append(Paragraph(METHOD, "note"))
    if rollup.districts:
        blocks.append(kpi_chart(rollup))
    return ReportSheet(DISTRICTS, "สรุปผลการดำเนินงานรายสำนักงานเขต", title_lines(rollup), blocks,
                       landscape=True)


def _target_text(rollup: Rollup) -> Value:
    if rollup.kpi_target is not None:
        return F.prose(F.number(rollup.kpi_target))
    if rollup.kpi_targets:
        return F.prose("แตกต่างกันรายเขต: " + ", ".join(F.number(t) for t in rollup.kpi_targets))
    return F.text(DASH)


def _verdict(rollup: Rollup) -> Value:
    if rollup.kpi_passed is None:
        why = ("ค่าเป้าหมายแตกต่างกันรายเขต ดูชีต «" + DISTRICTS + "»"
               if len(rollup.kpi_targets) > 1 else "ข้อมูลไม่ครบ")
        return F.prose(f"ประเมินไม่ได้ ({why})")
    return F.text(PASSED if rollup.kpi_passed else FAILED, "ok" if rollup.kpi_passed else "bad")


def summary_report(rollup: Rollup) -> ReportSheet:
    """``สรุปภาพรวม``: the city as of the month."""
    used = len(rollup.districts)
    refused = len(rollup.refused)
    drafts = rollup.drafts
    remaining = rollup.allocated - rollup.spent
    blocks: list[Block] = [
        *draft_note(rollup),
        KeyValues([
            ("สำนักงานเขตที่ส่งข้อมูล", F.prose(f"{used} จาก 50 เขต")),
            ("ฉบับร่าง (ข้อมูลยังมีข้อผิดพลาด)",
             F.prose(f"{len(drafts)} เขต" + (f" ({', '.join(d.district for d in drafts)})"
                                             if drafts else ""), "warn" if drafts else None)),
            ("ไฟล์ที่ไม่ได้นำมารวม", F.prose(f"{refused} ไฟล์ (ดูชีต «{FILES}»)",
                                           "bad" if refused else None)),
        ], heading="การส่งข้อมูล"),
        KeyValues([
            ("จำนวนโรงเรียน", F.prose(f"{rollup.school_count:,} โรงเรียน")),
            ("งบประมาณที่ได้รับอนุมัติ (บาท)", F.amount(rollup.approved)),
            ("งบประมาณที่ได้รับจัดสรร (บาท)", F.amount(rollup.allocated)),
            ("ใช้จ่าย (บาท)", F.amount(rollup.spent)),
            ("คงเหลือ (บาท)", F.amount(remaining)),
            ("ร้อยละการเบิกจ่าย", F.pct(rollup.disbursed, "strong")),
        ], heading="งบประมาณ"),
        KeyValues([
            ("โรงเรียนทั้งหมด", F.prose(f"{rollup.school_count:,} โรงเรียน")),
            ("โรงเรียนที่ผ่านเกณฑ์", F.prose(f"{rollup.met:,} โรงเรียน")),
            ("ผลการดำเนินงาน (ร้อยละ)", F.pct(rollup.kpi, "strong")),
            ("ค่าเป้าหมาย (ร้อยละ)", _target_text(rollup)),
            ("ผลการประเมินตัวชี้วัด", _verdict(rollup)),
        ], heading="ตัวชี้วัด"),
        KeyValues([
            ("ผลงานที่คัดสรรส่ง", F.prose(f"{rollup.works_selected:,} จาก "
                                           f"{rollup.works_required:,} ผลงาน")),
            ("รายงานผลที่ได้รับ", F.prose(
                f"{rollup.reports_received:,} จาก {rollup.school_count:,} โรงเรียน "
                f"(ครบถ้วน {rollup.reports_complete:,})")),
        ], heading="ผลงานและรายงานผล"),
        KeyValues([
            ("ตามแผน (ร้อยละ)", F.pct(rollup.planned)),
            ("ผลจริง (ร้อยละ)", F.pct(rollup.actual)),
            ("สถานะ", F.text(rollup.verdict or DASH,
                             None if rollup.verdict in (None, ON_PLAN) else "warn")),
        ], heading="ความก้าวหน้า"),
        Paragraph(METHOD, "note"),
        KeyValues([("จัดทำเมื่อ", F.when(rollup.generated_at))]),
    ]
    return ReportSheet(SUMMARY, f"สรุปภาพรวม{CITY}", title_lines(rollup), blocks)


def school_row(s: SchoolLine) -> list[Value]:
    """One school's line of ``โรงเรียนทั้งหมด``."""
    short = s.quota is not None and s.selected < s.quota
    return [
        F.text(s.district), F.text(s.code), F.text(s.name), F.text(s.size),
        F.amount(s.allocated), F.amount(s.spent), F.count(s.quota),
        F.count(s.selected, "bad" if short else None),
        F.text(REPORT_WORDS[s.report], "ok" if s.report else "bad"),
        F.text(MEETS if s.meets else FAILS, "ok" if s.meets else "bad"),
        F.prose(s.reason, None if s.meets else "bad"),
    ]


def schools_report(rollup: Rollup) -> ReportSheet:
    """``โรงเรียนทั้งหมด``: every school with its district, money, works, report and KPI."""
    schools = rollup.schools
    totals = [[F.prose(TOTAL, "strong"), F.text(None),
               F.prose(f"{len(schools):,} โรงเรียน", "strong"), F.text(None),
               F.amount(sum((s.allocated for s in schools if s.allocated is not None),
                            Decimal(0))),
               F.amount(sum((s.spent for s in schools), Decimal(0))),
               F.count(sum(s.quota or 0 for s in schools)),
               F.count(sum(s.selected for s in schools)),
               F.prose(f"ครบถ้วน {sum(1 for s in schools if s.report):,}"),
               F.prose(f"ผ่าน {sum(1 for s in schools if s.meets):,}"), F.text(None)]]
    blocks: list[Block] = [
        *draft_note(rollup),
        Paragraph("โรงเรียนระบุด้วยสำนักงานเขตและรหัสโรงเรียน (รหัสซ้ำกันได้ระหว่างเขต) "
                  "ใช้จ่ายนับเฉพาะรายการของโรงเรียนที่มีในชีตโรงเรียนของเขต", "note"),
        TableBlock(SCHOOL_COLUMNS, [school_row(s) for s in schools], totals,
                   empty_text="ยังไม่มีข้อมูลโรงเรียน"),
    ]
    return ReportSheet(SCHOOLS, "โรงเรียนทั้งหมด", title_lines(rollup), blocks, landscape=True)


def work_row(w: WorkLine) -> list[Value]:
    """One selected work's line."""
    return [
        F.text(w.district), F.text(school_label(w.school_code, w.school_name)
                                   if w.school_name else w.school_code),
        F.text(w.code), F.text(w.title), F.text(w.work_type), F.text(w.students),
        F.text(w.grade or DASH), F.text(w.link or DASH, link=w.link), F.day(w.submitted_on),
    ]


def privacy_lines(rollup: Rollup) -> list[Paragraph]:
    """What the sheet shows of the students, district by district (their own setting)."""
    by_setting: dict[str, list[str]] = {}
    for d in rollup.districts:
        by_setting.setdefault(d.privacy, []).append(d.district)
    lines = [Paragraph(f"ชื่อนักเรียนแสดงตามที่แต่ละสำนักงานเขตตั้งค่าไว้ในชีต «{sh.SETTINGS.name}» "
                       f"→ «{sh.SETTINGS.title('student_names')}»", "note")]
    lines += [Paragraph(f"{OFFICE}{', '.join(names)}: {privacy_note(setting)}", "note")
              for setting, names in by_setting.items()]
    return lines


def works_report(rollup: Rollup) -> ReportSheet:
    """``ผลงานที่คัดสรร``: every selected work sent by the month's end, with its district and
    school; students as each district's privacy setting allows."""
    works = rollup.works
    blocks: list[Block] = [
        *draft_note(rollup), *privacy_lines(rollup),
        TableBlock(WORK_COLUMNS, [work_row(w) for w in works],
                   [[F.prose(TOTAL, "strong"), F.prose(f"{len(works):,} ผลงาน", "strong"),
                     *[F.text(None)] * 7]],
                   empty_text="ยังไม่มีผลงานที่คัดสรรส่ง"),
    ]
    return ReportSheet(WORKS, "ผลงานนักเรียนที่คัดสรรส่งสำนักการศึกษา", title_lines(rollup),
                       blocks, landscape=True)


_FILE_ROLES: dict[str, Role | None] = {"accepted": "ok", "draft": "warn", "replaced": "muted",
                                       "refused": "bad"}


def files_report(rollup: Rollup) -> ReportSheet:
    """``สถานะการส่งข้อมูล``: every input file and what became of it; the districts that sent
    nothing."""
    rows = [[F.count(i), F.text(f.name), F.text(f.district or DASH),
             F.text(str(f.fiscal_year) if f.fiscal_year else DASH),
             F.text(f.words, _FILE_ROLES[f.status]),
             F.prose(f.detail or DASH)] for i, f in enumerate(rollup.files, start=1)]
    counts = {s: sum(1 for f in rollup.files if f.status == s) for s in _FILE_ROLES}
    other = rollup.other_year
    missing = [[F.count(order(d) + 1), F.text(d),
                F.text(other_year_words(other[d]) if d in other else NOT_SENT, "bad")]
               for d in sorted((*rollup.missing, *other), key=order)]
    heading = f"สำนักงานเขตที่ยังไม่ได้ส่งข้อมูล ({len(rollup.missing)} จาก 50 เขต)"
    if other:
        heading = (f"สำนักงานเขตที่ยังไม่มีข้อมูลในสรุปภาพรวม: ยังไม่ได้ส่งข้อมูล "
                   f"{len(rollup.missing)} เขต ส่งไฟล์ปีงบประมาณอื่น {len(other)} เขต")
    blocks: list[Block] = [
        Paragraph(f"ไฟล์ {len(rollup.files)} ไฟล์: ใช้ข้อมูล {counts['accepted']}, "
                  f"ฉบับร่าง {counts['draft']}, ไม่ใช้เพราะมีไฟล์ที่ใหม่กว่า {counts['replaced']}, "
                  f"ไม่ใช้ {counts['refused']}"),
        TableBlock(FILE_COLUMNS, rows, heading="ไฟล์ที่ได้รับ", empty_text="ไม่มีไฟล์"),
        TableBlock(MISSING_COLUMNS, missing,
                   heading=heading,
                   empty_text="ได้รับข้อมูลครบทั้ง 50 เขต"),
    ]
    return ReportSheet(FILES, "สถานะการส่งข้อมูลของสำนักงานเขต", title_lines(rollup), blocks,
                       landscape=True)


#: The builder of each sheet, in workbook order.
BUILDERS: dict[str, Callable[[Rollup], ReportSheet]] = {
    SUMMARY: summary_report, DISTRICTS: districts_report, SCHOOLS: schools_report,
    WORKS: works_report, FILES: files_report,
}
assert tuple(BUILDERS) == SHEETS


def rollup_reports(rollup: Rollup) -> list[ReportSheet]:
    """Every sheet of the roll-up workbook, in order.

    Args:
        rollup: The roll-up (:func:`~learnworks_xl.core.rollup.combine.roll_up`).

    Returns:
        ``สรุปภาพรวม``, ``สรุปรายเขต``, ``โรงเรียนทั้งหมด``, ``ผลงานที่คัดสรร``,
        ``สถานะการส่งข้อมูล``.
    """
    return [build(rollup) for build in BUILDERS.values()]
