"""What each button does to the workbook, planned without touching it (pure).

Each planner takes the raw workbook (as read from the live book) and returns a
:class:`~learnworks_xl.xl.patch.Patch`: report sheets to rewrite, cells to mark, and the
Thai message the clerk sees. :mod:`learnworks_xl.xl.buttons` reads the book, calls a planner
and applies its patch, in local mode and in server mode alike.

The report sheets come from the same core as ``learnworks run``: :func:`compute` of
:mod:`learnworks_xl.core.pipeline`, then the report builders of
:mod:`learnworks_xl.core.reports`. Findings keep the live book's addresses (no relocation:
the book is not laid out anew).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from learnworks_xl.core import sheets as sh
from learnworks_xl.core.clock import run_time
from learnworks_xl.core.findings import Findings
from learnworks_xl.core.grid import RawWorkbook
from learnworks_xl.core.layout import HOME_COLUMNS
from learnworks_xl.core.pipeline import Results
from learnworks_xl.core.reports.registry import build_reports
from learnworks_xl.core.validate import check_month
from learnworks_xl.core.workbook import ParsedWorkbook
from learnworks_xl.xl.markpatch import mark_findings
from learnworks_xl.xl.patch import Alert, Patch
from learnworks_xl.xl.reportwrite import report_patch

TITLE_VALIDATE = "ตรวจสอบข้อมูล"
TITLE_RECOMPUTE = "คำนวณงบประมาณและตัวชี้วัด"
TITLE_REPORTS = "จัดทำรายงาน"
TITLE_EMAIL = "ส่งอีเมล"


@dataclass(frozen=True)
class ButtonContext:
    """Where a press happens: the book's name and the folder for files a button writes."""

    book_name: str
    out_dir: Path
    """Beside the workbook in local mode; the server's output folder in server mode."""
    now: datetime | None = None
    """The time of the press (shown on ``หน้าหลัก``); None: the clock's."""
    districts_dir: Path | None = None
    """The folder of district files the office's button rolls up; None: ``รายงานเขต`` in
    ``out_dir``."""
    server: bool = False
    """The press came through xlwings Server (the folders are the server's)."""


def findings_summary(report: Findings) -> str:
    """One Thai sentence: how many errors and warnings, and where to look."""
    if report.valid and not report.warnings:
        return "ตรวจสอบข้อมูลเรียบร้อย ไม่พบข้อผิดพลาด"
    if report.valid:
        return (f"ตรวจสอบข้อมูลเรียบร้อย ไม่พบข้อผิดพลาด มีคำเตือน {report.warnings} รายการ "
                f"ดูรายละเอียดที่ชีต «{sh.FINDINGS.name}»")
    return (f"พบข้อผิดพลาด {report.errors} รายการ และคำเตือน {report.warnings} รายการ "
            f"เซลล์ที่มีปัญหาถูกระบายสีไว้ ดูรายละเอียดและลิงก์ไปยังแต่ละเซลล์ที่ชีต «{sh.FINDINGS.name}»")


def results_of(raw: RawWorkbook, ctx: ButtonContext) -> tuple[ParsedWorkbook, Results]:
    """Check the book and compute everything once, as ``learnworks run`` does: the month of
    ``เดือนที่รายงาน`` (else the month just ended), the time in Bangkok."""
    when = run_time(ctx.now)
    checked = check_month(raw, None, when.date())
    return checked.parsed, Results.of(checked.figures, checked.report, generated_at=when,
                                      source=ctx.book_name)


def with_reports(raw: RawWorkbook, ctx: ButtonContext, names: tuple[str, ...]) -> tuple[
        Results, Patch]:
    """Mark the findings, then rewrite the named report sheets whole."""
    parsed, results = results_of(raw, ctx)
    patch = mark_findings(raw, parsed, results.report)
    for report in build_reports(results, names=names):
        cols = HOME_COLUMNS if report.name == sh.HOME.name else None
        patch.extend(report_patch(report, raw, max_cols=cols))
    return results, patch


def _alert(report: Findings, done: str, title: str) -> Alert:
    text = findings_summary(report) if not done else f"{done}\n{findings_summary(report)}"
    return Alert(text, title, "info" if report.valid else "critical")


def plan_validate(raw: RawWorkbook, ctx: ButtonContext) -> Patch:
    """Button ``ตรวจสอบข้อมูล``: check every sheet, mark bad cells, list the findings."""
    results, patch = with_reports(raw, ctx, (sh.FINDINGS.name, sh.HOME.name))
    patch.alert = _alert(results.report, "", TITLE_VALIDATE)
    return patch


def plan_recompute(raw: RawWorkbook, ctx: ButtonContext) -> Patch:
    """Button ``คำนวณงบประมาณและตัวชี้วัด``: validate, then the budget and KPI sheets."""
    results, patch = with_reports(raw, ctx, (sh.FINDINGS.name, sh.HOME.name, sh.BUDGET.name,
                                             sh.KPI.name))
    kpi = results.kpi.percent
    done = ("คำนวณงบประมาณและตัวชี้วัดเรียบร้อย ดูชีต «สรุปงบประมาณ» และ «ตัวชี้วัด»"
            + (f" ตัวชี้วัดได้ร้อยละ {kpi:.2f}" if kpi is not None else ""))
    patch.alert = _alert(results.report, done, TITLE_RECOMPUTE)
    return patch


def plan_reports(raw: RawWorkbook, ctx: ButtonContext) -> Patch:
    """Button ``จัดทำรายงาน``: validate, then every report sheet."""
    results, patch = with_reports(raw, ctx, tuple(s.name for s in sh.REPORT_SHEETS))
    done = "จัดทำรายงานครบทุกชีตเรียบร้อย" + (" (ฉบับร่าง เพราะข้อมูลยังมีข้อผิดพลาด)"
                                           if results.provisional else "")
    patch.alert = _alert(results.report, done, TITLE_REPORTS)
    return patch


def plan_email(raw: RawWorkbook, ctx: ButtonContext) -> Patch:
    """Button ``ส่งอีเมล``: the finished workbook of the book's values (saved or not), as
    ``learnworks email`` makes it, kept in ``ctx.out_dir``, then e-mailed."""
    from learnworks_xl.jobs import email_finished, run_workbook
    from learnworks_xl.mail.job import result_lines

    ctx.out_dir.mkdir(parents=True, exist_ok=True)
    done = run_workbook(raw, stem=Path(ctx.book_name).stem or "learnworks", folder=ctx.out_dir,
                        now=ctx.now, source=ctx.book_name)
    result = email_finished(done)
    return Patch(alert=Alert("\n".join(result_lines(result)), TITLE_EMAIL,
                             "info" if result.complete else "critical"))


def plan_school_forms(raw: RawWorkbook, ctx: ButtonContext) -> Patch:
    """Button ``สร้างแบบฟอร์มโรงเรียน`` (see :mod:`learnworks_xl.xl.formsplan`)."""
    from learnworks_xl.xl.formsplan import plan_school_forms as plan_forms

    return plan_forms(raw, ctx)


def plan_collect(raw: RawWorkbook, ctx: ButtonContext) -> Patch:
    """Button ``รวบรวมแบบฟอร์มโรงเรียน`` (see :mod:`learnworks_xl.xl.formsplan`)."""
    from learnworks_xl.xl.formsplan import plan_collect as collect

    return collect(raw, ctx)
