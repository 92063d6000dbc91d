"""The roll-up's e-mail: the city's figures as of the month, in Thai, with the roll-up workbook
attached; the files that were drafts or refused are named.

Like the district's e-mail (:mod:`.compose`), the mail layer computes nothing: every figure is
a property of the :class:`~learnworks_xl.core.rollup.Rollup` the workbook was written from,
worded by :mod:`learnworks_xl.core.wording`.
"""

from __future__ import annotations

from dataclasses import replace

from learnworks_xl import thai
from learnworks_xl.core.districts import DISTRICTS
from learnworks_xl.core.rollup import Rollup
from learnworks_xl.core.rollup.combine import other_year_line
from learnworks_xl.core.rollup.sheets import FILES, OFFICE_NAME
from learnworks_xl.core.wording import baht, percent, program_title
from learnworks_xl.mail.compose import PROGRAM_NAME, kpi_line
from learnworks_xl.mail.job import EmailResult, Letter, result_lines

#: The sender's name and the signature.
FROM_NAME = OFFICE_NAME
#: Said after the result when a district's file had errors or a file was not used.
DRAFT_LINE = (f"สรุปภาพรวมในไฟล์แนบเป็นฉบับร่าง เพราะข้อมูลของสำนักงานเขตบางแห่งยังมีข้อผิดพลาด"
              f"หรือไม่ได้นำมารวม ดูรายละเอียดที่ชีต «{FILES}»")


def _month(rollup: Rollup) -> str:
    if rollup.month is None:
        return ""
    return f" ประจำเดือน{thai.format_thai_month(rollup.month.year, rollup.month.month)}"


def subject(rollup: Rollup) -> str:
    """``สรุปภาพรวมโครงการ… ของสำนักงานเขตทุกเขต กรุงเทพมหานคร ประจำเดือนกรกฎาคม 2569``, with
    ``(ฉบับร่าง)`` in front when a district's file has errors."""
    draft = "(ฉบับร่าง) " if rollup.drafts else ""
    title = program_title(rollup.program) or "โครงการ"
    return f"{draft}สรุปภาพรวม{title} ของสำนักงานเขตทุกเขต กรุงเทพมหานคร{_month(rollup)}"


def fact_lines(rollup: Rollup) -> list[str]:
    """The city's figures, one ``- `` line each (what cannot be computed is left out)."""
    lines = [f"- สำนักงานเขตที่ส่งข้อมูล: {len(rollup.districts)} จาก {len(DISTRICTS)} เขต",
             f"- โรงเรียน: {rollup.school_count:,} โรงเรียน"]
    lines.append(kpi_line(rollup.kpi, rollup.kpi_target, rollup.kpi_passed))
    if rollup.kpi is not None:
        lines.append(f"- โรงเรียนที่ผ่านเกณฑ์: {rollup.met:,} จาก {rollup.school_count:,} โรงเรียน")
    if rollup.districts:
        lines.append(f"- งบประมาณที่จัดสรร: {baht(rollup.allocated)}")
        spent = f"- ใช้จ่ายแล้ว: {baht(rollup.spent)}"
        if rollup.disbursed is not None:
            spent += f" (ร้อยละ {percent(rollup.disbursed)} ของงบประมาณที่จัดสรร)"
        lines.append(spent)
        lines.append(f"- ผลงานที่คัดสรรส่งแล้ว: {rollup.works_selected:,} จาก "
                     f"{rollup.works_required:,} ผลงาน")
    if rollup.planned is not None and rollup.actual is not None:
        lines.append(f"- ความก้าวหน้าเฉลี่ยของสำนักงานเขต: ร้อยละ {percent(rollup.actual)} "
                     f"(ตามแผน ร้อยละ {percent(rollup.planned)}) {rollup.verdict or ''}".rstrip())
    return lines


def file_lines(rollup: Rollup) -> list[str]:
    """The files that were drafts, not used, or replaced by a newer one, and the districts
    that sent nothing (empty when every district sent one good file)."""
    lines = [f"- {f.name}: {f.words} – {f.detail}" for f in rollup.files
             if f.status in ("draft", "refused", "replaced")]
    if rollup.missing:
        lines.append(f"- ยังไม่ได้รับข้อมูล {len(rollup.missing)} เขต "
                     f"(รายชื่ออยู่ในชีต «{FILES}»)")
    if (other := other_year_line(rollup)) is not None:
        lines.append(f"- {other}")
    return lines


def body(rollup: Rollup, filename: str) -> str:
    """The plain-text body in Thai (lines separated by ``\\n``)."""
    as_of = (f" ณ วันที่ {thai.format_thai_date(rollup.as_of, 'abbr')}"
             if rollup.as_of is not None else "")
    year = f" ปีงบประมาณ พ.ศ. {rollup.fiscal_year}" if rollup.fiscal_year is not None else ""
    title = program_title(rollup.program) or "โครงการ"
    names = ", ".join(d.district for d in rollup.drafts)
    draft = (f"สรุปภาพรวมฉบับนี้เป็นฉบับร่าง: ข้อมูลของสำนักงานเขต {len(rollup.drafts)} เขต ({names}) "
             "ยังมีข้อผิดพลาด "
             "ตัวเลขของเขตเหล่านั้นคำนวณจากแถวที่ถูกต้องเท่านั้น\n\n" if rollup.drafts else "")
    files = file_lines(rollup)
    files_part = ("ไฟล์และสำนักงานเขตที่ต้องติดตาม\n" + "\n".join(files) + "\n\n"
                  if files else "")
    return (
        "เรียน ผู้เกี่ยวข้อง\n\n"
        f"{OFFICE_NAME} ขอส่งสรุปภาพรวม{title} จากรายงานของสำนักงานเขต{_month(rollup)} "
        f"รายละเอียดตามไฟล์แนบ {filename}\n\n"
        f"{draft}สรุปผลการดำเนินงาน{year}{as_of}\n"
        + "\n".join(fact_lines(rollup)) + "\n\n"
        + files_part
        + "จึงเรียนมาเพื่อโปรดทราบ\n"
        f"{OFFICE_NAME}\n\n"
        f"(อีเมลฉบับนี้จัดทำโดยโปรแกรม {PROGRAM_NAME})\n"
    )


def letter(rollup: Rollup, filename: str) -> Letter:
    """The roll-up's message: subject, body, the office as sender, draft or not."""
    return Letter(subject(rollup), body(rollup, filename), FROM_NAME, bool(rollup.drafts))


def rollup_result_lines(result: EmailResult) -> list[str]:
    """What the clerk reads after the roll-up's e-mail (as the district's, with the roll-up's
    own line about drafts)."""
    lines = result_lines(replace(result, provisional=False))
    return lines + ([DRAFT_LINE] if result.provisional else [])


__all__ = ["DRAFT_LINE", "FROM_NAME", "body", "fact_lines", "file_lines", "letter",
           "rollup_result_lines", "subject"]
