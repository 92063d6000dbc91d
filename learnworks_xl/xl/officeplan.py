"""The Education Office's buttons, planned without touching the book (see :mod:`.plan`).

``รวบรวมรายงานเขต`` rolls up the district files of the press's folder
(:attr:`~learnworks_xl.xl.pressplan.ButtonContext.districts_dir`) and rewrites the roll-up's five
sheets of the live book through the same layout as the roll-up workbook's file
(:func:`~learnworks_xl.xl.reportwrite.report_patch`); ``ส่งอีเมลสรุปภาพรวม`` does the same,
writes the roll-up workbook beside the book (the server's output folder in server mode) and
e-mails it. District files are only read.
"""

from __future__ import annotations

from pathlib import Path

from learnworks_xl.core import sheets as sh
from learnworks_xl.core.grid import RawWorkbook
from learnworks_xl.core.office import OfficeSettings, office_settings
from learnworks_xl.errors import ConfigError, LearnworksError
from learnworks_xl.rollup.job import Gathered
from learnworks_xl.rollup.office import districts_folder, roll_up_folder
from learnworks_xl.xl.patch import Alert, Patch
from learnworks_xl.xl.pressplan import ButtonContext
from learnworks_xl.xl.reportwrite import report_patch

TITLE_ROLLUP = "รวบรวมรายงานเขต"
TITLE_EMAIL_ROLLUP = "ส่งอีเมลสรุปภาพรวม"
NOT_OFFICE = ("ปุ่มนี้ใช้กับสมุดงานของสำนักการศึกษา (learnworks-สำนักการศึกษา.xlsm) เท่านั้น "
              "สมุดงานนี้เป็นสมุดงานของสำนักงานเขต")


def _settings(raw: RawWorkbook) -> OfficeSettings:
    if sh.PROJECT.name in raw.sheets:  # a district's workbook: its ตั้งค่า is another sheet
        raise ConfigError(NOT_OFFICE, "this button belongs to the Education Office's workbook")
    return office_settings(raw)


def _folder(ctx: ButtonContext) -> Path:
    return ctx.districts_dir if ctx.districts_dir is not None else districts_folder(ctx.out_dir)


def rolled_up(raw: RawWorkbook, ctx: ButtonContext) -> tuple[OfficeSettings, Gathered, Patch]:
    """Roll up the press's folder; the patch rewrites the five sheets (no alert yet).

    Raises:
        ConfigError: Not the office's workbook, a wrong setting, or no district file (the
            message says where to put them).
    """
    settings = _settings(raw)
    gathered = roll_up_folder(_folder(ctx), settings, now=ctx.now, server=ctx.server)
    patch = Patch()
    for report in gathered.reports:
        patch.extend(report_patch(report, raw))
    return settings, gathered, patch


def plan_rollup(raw: RawWorkbook, ctx: ButtonContext) -> Patch:
    """Button ``รวบรวมรายงานเขต``: the roll-up of the folder into the five sheets."""
    from learnworks_xl.rollup.office import alert_lines

    _, gathered, patch = rolled_up(raw, ctx)
    rollup = gathered.rollup
    clean = not rollup.refused and not rollup.drafts
    patch.alert = Alert("\n".join(alert_lines(rollup, _folder(ctx))), TITLE_ROLLUP,
                        "info" if clean else "critical")
    return patch


def plan_email_rollup(raw: RawWorkbook, ctx: ButtonContext) -> Patch:
    """Button ``ส่งอีเมลสรุปภาพรวม``: the roll-up into the five sheets, the roll-up workbook
    written to ``ctx.out_dir`` and e-mailed to the recipients of ``ตั้งค่า``.

    The sheets are filled even when the e-mail fails (the message says why).
    """
    from learnworks_xl.mail.rollupmail import rollup_result_lines
    from learnworks_xl.rollup.job import write_gathered
    from learnworks_xl.rollup.office import email_rollup, out_name

    settings, gathered, patch = rolled_up(raw, ctx)
    ctx.out_dir.mkdir(parents=True, exist_ok=True)
    done = write_gathered(gathered, ctx.out_dir / out_name(gathered.rollup))
    try:
        sent = email_rollup(done, settings)
    except LearnworksError as exc:  # a setting, the server: the sheets and file are kept
        patch.alert = Alert(exc.message_th, TITLE_EMAIL_ROLLUP, "critical")
        return patch
    patch.alert = Alert("\n".join(rollup_result_lines(sent.email)), TITLE_EMAIL_ROLLUP,
                        "info" if sent.email.complete else "critical")
    return patch
