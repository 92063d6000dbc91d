"""What each button does to the workbook, planned without touching it (pure).

Each planner takes the raw workbook (as read from the live book) and returns a
:class:`~learnworks_xl.xl.patch.Patch`: report sheets to rewrite, cells to mark, and the
Thai message the clerk sees. :mod:`learnworks_xl.xl.buttons` reads the book, calls a planner
and applies its patch, in local mode and in server mode alike.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from learnworks_xl.core.findings import Report, Severity
from learnworks_xl.core.grid import RawWorkbook
from learnworks_xl.core.reports.content import Column, ReportSheet, TableBlock, v
from learnworks_xl.core.sheets import FINDINGS
from learnworks_xl.core.validate import validate_raw
from learnworks_xl.core.workbook import ParsedWorkbook
from learnworks_xl.errors import LearnworksError
from learnworks_xl.xl.marks import mark_findings
from learnworks_xl.xl.patch import Alert, Patch
from learnworks_xl.xl.reportwrite import report_patch

TITLE_VALIDATE = "ตรวจสอบข้อมูล"
TITLE_EMAIL = "ส่งอีเมล"


@dataclass(frozen=True)
class ButtonContext:
    """Where a press happens: the book's name and the folder for files a button writes."""

    book_name: str
    out_dir: Path
    """Beside the workbook in local mode; the server's output folder in server mode."""
SEVERITY_TH = {Severity.ERROR: "ผิดพลาด", Severity.WARNING: "คำเตือน"}


def findings_summary(report: Report) -> str:
    """One Thai sentence: how many errors and warnings, and where to look."""
    if report.valid and not report.warnings:
        return "ตรวจสอบข้อมูลเรียบร้อย ไม่พบข้อผิดพลาด"
    if report.valid:
        return (f"ตรวจสอบข้อมูลเรียบร้อย ไม่พบข้อผิดพลาด มีคำเตือน {report.warnings} รายการ "
                f"ดูรายละเอียดที่ชีต «{FINDINGS.name}»")
    return (f"พบข้อผิดพลาด {report.errors} รายการ และคำเตือน {report.warnings} รายการ "
            f"เซลล์ที่มีปัญหาถูกระบายสีไว้ ดูรายละเอียดและลิงก์ไปยังแต่ละเซลล์ที่ชีต «{FINDINGS.name}»")


def findings_sheet(report: Report) -> ReportSheet:
    """The ``ผลการตรวจสอบ`` sheet: every finding, with a link to its cell."""
    rows = []
    for i, f in enumerate(report.findings, start=1):
        link = f"#'{f.sheet}'!{f.cell}" if f.cell else None
        rows.append([
            v(i, "int"), v(f.sheet), v(f.cell or "-", link=link), v(f.column or "-"),
            v(None if f.value is None else str(f.value)), v(f.message),
            v(SEVERITY_TH[f.severity], role="bad" if f.severity is Severity.ERROR else "warn"),
            v(f.code),
        ])
    table = TableBlock(
        columns=[Column("ลำดับ", "int", 7), Column("ชีต", width=18), Column("เซลล์", width=9),
                 Column("คอลัมน์", width=22), Column("ค่าที่พบ", width=20),
                 Column("ปัญหา", width=60), Column("ระดับ", width=10), Column("รหัส", width=20)],
        rows=rows, empty_text="ไม่พบข้อผิดพลาด")
    return ReportSheet(FINDINGS.name, "ผลการตรวจสอบข้อมูล", [findings_summary(report)], [table])


def checked(raw: RawWorkbook) -> tuple[ParsedWorkbook, Report, Patch]:
    """Validate the book; the patch marks the findings and rewrites ``ผลการตรวจสอบ``."""
    parsed, report = validate_raw(raw)
    patch = mark_findings(raw, parsed, report)
    patch.extend(report_patch(findings_sheet(report), raw))
    return parsed, report, patch


def plan_validate(raw: RawWorkbook, ctx: ButtonContext) -> Patch:
    """Button ``ตรวจสอบข้อมูล``: check every sheet, mark bad cells, list the findings."""
    _parsed, report, patch = checked(raw)
    patch.alert = Alert(findings_summary(report), TITLE_VALIDATE,
                        "info" if report.valid else "critical")
    return patch


class NotReadyError(LearnworksError):
    """A button whose library function is not installed in this version."""

    exit_code = 70


def _not_ready(what_th: str, what_en: str) -> NotReadyError:
    return NotReadyError(f"ฟังก์ชัน «{what_th}» ยังไม่พร้อมใช้งานในรุ่นนี้ กรุณาแจ้งผู้ดูแลระบบ",
                         f"{what_en} is not available in this version")


def plan_recompute(raw: RawWorkbook, ctx: ButtonContext) -> Patch:
    """Button ``คำนวณงบประมาณและตัวชี้วัด``: validate, then the budget and KPI sheets."""
    raise _not_ready("คำนวณงบประมาณและตัวชี้วัด", "recompute")


def plan_reports(raw: RawWorkbook, ctx: ButtonContext) -> Patch:
    """Button ``จัดทำรายงาน``: validate, then every report sheet."""
    raise _not_ready("จัดทำรายงาน", "reports")


def plan_email(raw: RawWorkbook, ctx: ButtonContext) -> Patch:
    """Button ``ส่งอีเมล``: build the finished workbook from the book's values and e-mail it.

    The values as read from the live book (saved or not) are written to a snapshot file,
    which :func:`learnworks_xl.api.email` treats as its input; the finished workbook is kept
    in ``ctx.out_dir``.
    """
    import tempfile

    from learnworks_xl import api
    from learnworks_xl.mail.fromrun import report_month
    from learnworks_xl.mail.job import result_lines
    from learnworks_xl.thai import ce_to_be
    from learnworks_xl.xl.snapshot import write_snapshot

    parsed, _report = validate_raw(raw)
    when = report_month(None, parsed)
    stem = Path(ctx.book_name).stem or "learnworks"
    ctx.out_dir.mkdir(parents=True, exist_ok=True)
    target = ctx.out_dir / f"{stem}-ผลลัพธ์-{ce_to_be(when.year)}-{when.month:02d}.xlsx"
    with tempfile.TemporaryDirectory(prefix="learnworks-") as tmp:
        snapshot = write_snapshot(raw, Path(tmp) / f"{stem}.xlsx")
        result = api.email(snapshot, out=target)
    return Patch(alert=Alert("\n".join(result_lines(result)), TITLE_EMAIL,
                             "info" if result.complete else "critical"))


def plan_school_forms(raw: RawWorkbook, ctx: ButtonContext) -> Patch:
    """Button ``สร้างแบบฟอร์มโรงเรียน``: one form per school."""
    raise _not_ready("สร้างแบบฟอร์มโรงเรียน", "school forms")


def plan_collect(raw: RawWorkbook, ctx: ButtonContext) -> Patch:
    """Button ``รวบรวมแบบฟอร์ม``: merge the returned forms."""
    raise _not_ready("รวบรวมแบบฟอร์ม", "collect")
