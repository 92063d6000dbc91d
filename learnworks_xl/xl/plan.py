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

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from learnworks_xl.core import sheets as sh
from learnworks_xl.core.findings import Report
from learnworks_xl.core.grid import RawWorkbook
from learnworks_xl.core.layout import HOME_COLUMNS
from learnworks_xl.core.pipeline import Results, compute
from learnworks_xl.core.reports.content import ReportSheet
from learnworks_xl.core.validate import validate_for_month, validate_raw
from learnworks_xl.core.workbook import ParsedWorkbook
from learnworks_xl.xl.marks import mark_findings
from learnworks_xl.xl.patch import Alert, Patch
from learnworks_xl.xl.reportwrite import report_patch

TITLE_VALIDATE = "ตรวจสอบข้อมูล"
TITLE_RECOMPUTE = "คำนวณงบประมาณและตัวชี้วัด"
TITLE_REPORTS = "จัดทำรายงาน"
TITLE_EMAIL = "ส่งอีเมล"

Builder = Callable[[Results], ReportSheet]


@dataclass(frozen=True)
class ButtonContext:
    """Where a press happens: the book's name and the folder for files a button writes."""

    book_name: str
    out_dir: Path
    """Beside the workbook in local mode; the server's output folder in server mode."""
    now: datetime | None = None
    """The time of the press (shown on ``หน้าหลัก``); None: the clock's."""


def findings_summary(report: Report) -> str:
    """One Thai sentence: how many errors and warnings, and where to look."""
    if report.valid and not report.warnings:
        return "ตรวจสอบข้อมูลเรียบร้อย ไม่พบข้อผิดพลาด"
    if report.valid:
        return (f"ตรวจสอบข้อมูลเรียบร้อย ไม่พบข้อผิดพลาด มีคำเตือน {report.warnings} รายการ "
                f"ดูรายละเอียดที่ชีต «{sh.FINDINGS.name}»")
    return (f"พบข้อผิดพลาด {report.errors} รายการ และคำเตือน {report.warnings} รายการ "
            f"เซลล์ที่มีปัญหาถูกระบายสีไว้ ดูรายละเอียดและลิงก์ไปยังแต่ละเซลล์ที่ชีต «{sh.FINDINGS.name}»")


def results_of(raw: RawWorkbook, ctx: ButtonContext) -> tuple[ParsedWorkbook, Results]:
    """Validate the book and compute everything as ``learnworks run`` does: the month of
    ``เดือนที่รายงาน`` (else the current month in the fiscal year), the time in Bangkok."""
    from learnworks_xl.api import run_time

    when = run_time(ctx.now)
    parsed, report, month = validate_for_month(raw, None, when.date())
    return parsed, compute(parsed, report, month, generated_at=when, source=ctx.book_name)


def builders(names: tuple[str, ...]) -> list[tuple[str, Builder]]:
    """The report builders of the named sheets, in workbook order."""
    from learnworks_xl.core.reports.budget import budget_report
    from learnworks_xl.core.reports.checks import findings_report
    from learnworks_xl.core.reports.home import home_report
    from learnworks_xl.core.reports.kpi import kpi_report
    from learnworks_xl.core.reports.monthly import monthly_report
    from learnworks_xl.core.reports.summary import summary_report

    every: dict[str, Builder] = {
        sh.HOME.name: home_report, sh.FINDINGS.name: findings_report,
        sh.BUDGET.name: budget_report, sh.KPI.name: kpi_report,
        sh.MONTHLY.name: monthly_report, sh.SUMMARY.name: summary_report,
    }
    return [(s.name, every[s.name]) for s in sh.REPORT_SHEETS if s.name in names]


def with_reports(raw: RawWorkbook, ctx: ButtonContext, names: tuple[str, ...]) -> tuple[
        Results, Patch]:
    """Mark the findings, then rewrite the named report sheets whole."""
    parsed, results = results_of(raw, ctx)
    patch = mark_findings(raw, parsed, results.report)
    for name, build in builders(names):
        cols = HOME_COLUMNS if name == sh.HOME.name else None
        patch.extend(report_patch(build(results), raw, max_cols=cols))
    return results, patch


def _alert(report: Report, done: str, title: str) -> Alert:
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
    """Button ``ส่งอีเมล``: build the finished workbook from the book's values and e-mail it.

    The values as read from the live book (saved or not) are written to a snapshot file,
    which :func:`learnworks_xl.api.email` treats as its input; the finished workbook is kept
    in ``ctx.out_dir``.
    """
    import tempfile

    from learnworks_xl import api
    from learnworks_xl.core.pipeline import report_month
    from learnworks_xl.mail.job import result_lines
    from learnworks_xl.thai import ce_to_be
    from learnworks_xl.xl.snapshot import write_snapshot

    parsed, _report = validate_raw(raw)
    # the month learnworks run reports (its file name)
    when = report_month(None, parsed, api.run_time(ctx.now).date())
    stem = Path(ctx.book_name).stem or "learnworks"
    ctx.out_dir.mkdir(parents=True, exist_ok=True)
    target = ctx.out_dir / f"{stem}-{api.RUN_SUFFIX}-{ce_to_be(when.year)}-{when.month:02d}.xlsx"
    with tempfile.TemporaryDirectory(prefix="learnworks-") as tmp:
        snapshot = write_snapshot(raw, Path(tmp) / f"{stem}.xlsx")
        result = api.email(snapshot, out=target)
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
