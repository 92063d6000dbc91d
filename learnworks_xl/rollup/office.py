"""The Education Office's workbook on files: the folder of district files, the roll-up of it,
the roll-up workbook's name, the e-mail of the roll-up, and what the button says.

Local mode rolls up the folder ``รายงานเขต`` beside the office's workbook; server mode the
folder of ``LEARNWORKS_ROLLUP_DIR`` on the server (default: ``รายงานเขต`` in the server's
output folder, ``LEARNWORKS_OUTPUT_DIR``). District files are only read, never written.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from learnworks_xl import thai
from learnworks_xl.core.districts import DISTRICTS
from learnworks_xl.core.office import DISTRICTS_FOLDER, ROLLUP_STEM, OfficeSettings
from learnworks_xl.core.rollup import Rollup
from learnworks_xl.core.rollup.sheets import FILES, SHEETS
from learnworks_xl.core.wording import number, percent
from learnworks_xl.errors import ConfigError
from learnworks_xl.mail.config import DEFAULT_MAX_BYTES
from learnworks_xl.mail.job import EmailResult
from learnworks_xl.rollup.job import Gathered, RollupResult, gather, input_files

#: Where server mode finds the district files (README "ปุ่มของสำนักการศึกษา").
ENV_ROLLUP_DIR = "LEARNWORKS_ROLLUP_DIR"
BUTTON = "รวบรวมรายงานเขต"
#: How many refused files the message box names (the status sheet names them all).
NAMED_FILES = 5


class NoDistrictFiles(ConfigError):
    """The folder holds no district workbook yet (the message says where to put them)."""


def empty_folder(folder: Path, *, created: bool, server: bool) -> NoDistrictFiles:
    """The Thai message of a folder without a district workbook: where to put the files."""
    made = f"สร้างโฟลเดอร์ {folder} ให้แล้ว " if created else ""
    who = ("กรุณาให้ผู้ดูแลระบบคัดลอกสมุดงานของแต่ละสำนักงานเขต" if server
           else "กรุณาคัดลอกสมุดงานของแต่ละสำนักงานเขต")
    where = "บนเซิร์ฟเวอร์" if server else "ข้างไฟล์นี้"
    return NoDistrictFiles(
        f"{made}ยังไม่มีสมุดงานของสำนักงานเขตในโฟลเดอร์ {folder} ({where}) "
        f"{who} (ไฟล์ .xlsm หรือ .xlsx เขตละไฟล์) ไว้ในโฟลเดอร์นี้ "
        f"แล้วกดปุ่ม «{BUTTON}» อีกครั้ง",
        f"no district workbook (.xlsx/.xlsm) in {folder}"
        + (" (the folder was created)" if created else ""))


def districts_folder(beside: Path) -> Path:
    """The folder ``รายงานเขต`` in ``beside`` (the workbook's folder, or the server's)."""
    return beside / DISTRICTS_FOLDER


def roll_up_folder(folder: Path, settings: OfficeSettings, *, now: datetime | None = None,
                   server: bool = False) -> Gathered:
    """Roll up every district workbook in ``folder`` (and its subfolders) for the month and
    fiscal year of ``settings``; the folder is created when missing. Nothing is written.

    Args:
        folder: The folder of district files.
        settings: ``ตั้งค่า`` of the office's workbook (month, fiscal year).
        now: The time of the roll-up.
        server: The folder is the server's (the message asks the administrator).

    Returns:
        The roll-up and its report sheets.

    Raises:
        NoDistrictFiles: The folder holds no workbook (it was created if missing).
        ConfigError: The month is not a month of the fiscal year.
    """
    created = not folder.is_dir()
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise ConfigError(f"สร้างโฟลเดอร์ {folder} ไม่ได้",
                          f"cannot create {folder}: {exc.strerror}") from None
    if not input_files([folder], None):
        raise empty_folder(folder, created=created, server=server)
    return gather([folder], month=settings.report_month, fiscal_year=settings.fiscal_year,
                  now=now)


def out_name(rollup: Rollup) -> str:
    """The roll-up workbook's file name: ``รวบรวมรายงานเขต-2569-07.xlsx`` (BE year)."""
    if rollup.month is None:
        return f"{ROLLUP_STEM}.xlsx"
    return f"{ROLLUP_STEM}-{rollup.month.year + 543}-{rollup.month.month:02d}.xlsx"


def _names(names: Sequence[str]) -> str:
    shown = ", ".join(names[:NAMED_FILES])
    more = len(names) - NAMED_FILES
    return shown + (f" และอีก {more} ไฟล์" if more > 0 else "")


def alert_lines(rollup: Rollup, folder: Path) -> list[str]:
    """What the button's message box says: where from, districts of 50, drafts, files not
    used, the city's KPI, and where to read more."""
    lines = [f"รวบรวมรายงานเขตจากโฟลเดอร์ {folder} แล้ว เขียนชีตสรุปทั้ง {len(SHEETS)} ชีตใหม่"]
    if rollup.month is not None:
        lines.append(f"ปีงบประมาณ พ.ศ. {rollup.fiscal_year} เดือนที่รายงาน "
                     f"{thai.format_thai_month(rollup.month.year, rollup.month.month)}")
    drafts = rollup.drafts
    draft = (f" (ฉบับร่าง {len(drafts)} เขต: {', '.join(d.district for d in drafts)})"
             if drafts else "")
    lines.append(f"สำนักงานเขตที่ส่งข้อมูล {len(rollup.districts)} จาก {len(DISTRICTS)} เขต{draft}")
    refused = [f.name for f in rollup.refused]
    if refused:
        lines.append(f"ไฟล์ที่ไม่ได้นำมารวม {len(refused)} ไฟล์: {_names(refused)}")
    replaced = [f.name for f in rollup.files if f.status == "replaced"]
    if replaced:
        lines.append(f"ไฟล์ที่ไม่ใช้เพราะมีไฟล์ของเขตเดียวกันที่ใหม่กว่า {len(replaced)} ไฟล์: "
                     f"{_names(replaced)}")
    if rollup.kpi is not None:
        target = (f" (เป้าหมาย ร้อยละ {number(rollup.kpi_target)})"
                  if rollup.kpi_target is not None else "")
        verdict = {True: " ผ่าน", False: " ไม่ผ่าน", None: ""}[rollup.kpi_passed]
        lines.append(f"ตัวชี้วัดของกรุงเทพมหานคร ร้อยละ {percent(rollup.kpi)}{target}{verdict} "
                     f"– โรงเรียนผ่านเกณฑ์ {rollup.met:,} จาก {rollup.school_count:,} โรงเรียน")
    if refused or replaced or drafts:
        lines.append(f"ดูเหตุผลของแต่ละไฟล์ที่ชีต «{FILES}»")
    return lines


@dataclass(frozen=True)
class RollupEmail:
    """The roll-up written and e-mailed."""

    rollup: RollupResult
    email: EmailResult

    @property
    def ok(self) -> bool:
        """Sent to every recipient (or drafted), and every file was used without errors."""
        return self.email.complete and self.rollup.ok


def email_rollup(done: RollupResult, settings: OfficeSettings, *,
                 to: Sequence[str] | None = None, eml: Path | None = None,
                 cafile: Path | None = None, max_bytes: int = DEFAULT_MAX_BYTES,
                 inputs: Sequence[Path] = ()) -> RollupEmail:
    """E-mail the roll-up workbook with the city's figures (or write an .eml draft).

    The server, sender and recipients come from ``ตั้งค่า`` of the office's workbook, the
    password from ``LEARNWORKS_SMTP_PASSWORD`` or the OS keyring, as the district e-mail's.

    Raises:
        ConfigError: A mail setting or the password is missing or wrong.
        MailError: Sending failed; the message names the roll-up workbook, kept on disk.
    """
    from learnworks_xl.mail.job import deliver
    from learnworks_xl.mail.rollupmail import letter

    attachment = done.out.absolute()
    sent = deliver(attachment, letter(done.rollup, attachment.name), settings.mail_settings(),
                   to=to, eml=eml, cafile=cafile, max_bytes=max_bytes,
                   inputs=(*inputs, *[f.path for f in done.files]))
    return RollupEmail(done, sent)


__all__ = ["BUTTON", "ENV_ROLLUP_DIR", "NoDistrictFiles", "RollupEmail",
           "alert_lines", "districts_folder", "email_rollup", "empty_folder", "out_name",
           "roll_up_folder"]
