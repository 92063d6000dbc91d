"""The library functions behind the CLI commands, the server endpoints and the buttons.

Each command of ``learnworks`` calls the function of the same name here.
"""

from __future__ import annotations

import json
import os
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

from learnworks_xl.core.clock import run_time
from learnworks_xl.core.findings import Findings
from learnworks_xl.core.pipeline import Figures
from learnworks_xl.core.validate import check
from learnworks_xl.core.workbook import ParsedWorkbook
from learnworks_xl.io.atomic import refuse_input
from learnworks_xl.io.reader import read_workbook

if TYPE_CHECKING:  # the mail stack (email, smtplib, ssl) loads only for `learnworks email`,
    # the report builders and the workbook writer only for the commands that write
    from learnworks_xl.core.newyear import NewYear
    from learnworks_xl.forms.jobs import CollectResult, SchoolFormsResult
    from learnworks_xl.jobs import RunResult
    from learnworks_xl.mail.job import EmailResult
    from learnworks_xl.publish.job import CityPublishResult, PublishResult
    from learnworks_xl.rollup.job import RollupResult
    from learnworks_xl.rollup.office import RollupEmail


@dataclass
class Validation:
    """The result of validating one workbook file."""

    path: Path
    parsed: ParsedWorkbook
    report: Findings
    figures: Figures
    """The workbook's figures as of the day of the check."""


def validate(path: str | Path, *, now: datetime | None = None) -> Validation:
    """Read and validate a workbook file, as of today; the file is never modified.

    Args:
        path: An .xlsx/.xlsm workbook.
        now: The time of the check (default: now in Bangkok, or ``SOURCE_DATE_EPOCH``): the
            KPI warnings wait until the plan step they belong to is due.

    Returns:
        The parsed workbook and its report.

    Raises:
        WorkbookReadError: The file cannot be read as a workbook.
    """
    checked = check(read_workbook(path), run_time(now).date())
    return Validation(Path(path), checked.parsed, checked.report, checked.figures)


def schemas(out_dir: str | Path) -> list[Path]:
    """Write one JSON Schema per input sheet into ``out_dir`` (``<sheet>.schema.json``).

    Returns:
        The files written, in workbook order.
    """
    from learnworks_xl.core.schemas import sheet_schemas

    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    written = []
    for filename, schema in sheet_schemas().items():
        target = out / filename
        target.write_text(json.dumps(schema, ensure_ascii=False, indent=2) + "\n",
                          encoding="utf-8")
        written.append(target)
    return written


def build_workbook(out_dir: str | Path = "workbook") -> list[Path]:
    """Build the product workbook (with the sample data), the blank template and the
    Education Office's workbook.

    Args:
        out_dir: Folder to write ``learnworks.xlsm``, ``learnworks-template.xlsm`` and
            ``learnworks-สำนักการศึกษา.xlsm`` into.

    Returns:
        The three files written: the sample workbook, the template, the office's workbook.

    Raises:
        OutputError: A file cannot be written.
    """
    from learnworks_xl.sample import sample_data
    from learnworks_xl.workbook import build_workbook as build
    from learnworks_xl.workbook.office import FILE_NAME, build_office_workbook

    out = Path(out_dir)
    return [build(out / "learnworks.xlsm", data=sample_data()),
            build(out / "learnworks-template.xlsm"),
            build_office_workbook(out / FILE_NAME)]


def run(path: str | Path, out: str | Path | None = None, month: str | None = None,
        progress: Callable[[str], None] | None = None, *,
        now: datetime | None = None) -> RunResult:
    """Validate, recompute and write the finished workbook (a macro-free .xlsx).

    The input is never modified. Rows with errors are left out of the sums; the finished
    workbook is still written, its ``ผลการตรวจสอบ`` lists every finding and every report
    says it is a draft (ฉบับร่าง).

    Args:
        path: The workbook (.xlsx/.xlsm).
        out: The finished workbook (default: beside ``path``, named
            ``<stem>-ผลลัพธ์-<BE year>-<MM>.xlsx`` after the reported month).
        month: The month to report (``2026-07``, ``2569-07``, ``07/2569``…); default:
            ``เดือนที่รายงาน`` of ``ตั้งค่า``, else the month just ended.
        progress: Called with a Thai line before each step.
        now: The time of the run (default: now in Bangkok, or ``SOURCE_DATE_EPOCH``).

    Returns:
        The paths, the computed results and the report sheets.

    Raises:
        WorkbookReadError: The input cannot be read as a workbook.
        ConfigError: ``month`` is not a month of the fiscal year.
        OutputError: ``out`` is the input, is not .xlsx, or cannot be written.
    """
    from learnworks_xl.jobs import run_workbook

    src = Path(path)
    if progress is not None:
        progress(f"[1/4] อ่านและตรวจสอบ {src.name}")
    raw = read_workbook(src)
    return run_workbook(raw, stem=src.stem, folder=src.parent,
                        out=Path(out) if out is not None else None, month=month, now=now,
                        progress=progress, source=src.name, inputs=(src,))


def serve(host: str = "127.0.0.1", port: int = 8000, workers: int = 1,
          ssl_keyfile: str | Path | None = None, ssl_certfile: str | Path | None = None) -> None:
    """Run the xlwings Server for the workbook's buttons (blocks until stopped).

    The API key and the other settings come from the environment (see
    :class:`learnworks_xl.xl.server.ServerConfig`); they are checked before the server starts.
    xlwings PRO's remote engine runs under the PolyForm Noncommercial licence unless
    ``XLWINGS_LICENSE_KEY`` names another licence (see the README).

    Args:
        host: Address to listen on (``127.0.0.1``: this PC only; ``0.0.0.0``: the network).
        port: TCP port.
        workers: Worker processes (each handles one button press at a time).
        ssl_keyfile: TLS private key (PEM), to serve HTTPS.
        ssl_certfile: TLS certificate (PEM).

    Raises:
        ConfigError: The API key is missing or too short, or a setting is wrong.
    """

    # xlwings decides at import whether its remote engine is licensed: set it first.
    os.environ.setdefault("XLWINGS_LICENSE_KEY", "noncommercial")

    import uvicorn

    from learnworks_xl.xl.server import LOG_CONFIG, ServerConfig

    ServerConfig.from_env()
    uvicorn.run("learnworks_xl.xl.server:app_from_env", factory=True, host=host, port=port,
                workers=workers, access_log=False, log_config=LOG_CONFIG,
                ssl_keyfile=str(ssl_keyfile) if ssl_keyfile else None,
                ssl_certfile=str(ssl_certfile) if ssl_certfile else None)


def email(path: str | Path, *, to: list[str] | None = None, month: str | None = None,
          eml: str | Path | None = None, out: str | Path | None = None,
          cafile: str | Path | None = None, max_mb: float = 25.0) -> EmailResult:
    """Build the finished workbook and e-mail it with a Thai summary (or write an .eml draft).

    Settings come from ``ตั้งค่า``; the password from ``LEARNWORKS_SMTP_PASSWORD`` or the OS
    keyring (see :mod:`learnworks_xl.mail.config`). The input is never modified, and the
    finished workbook stays on disk whatever happens to the e-mail.

    Args:
        path: The workbook (.xlsx/.xlsm).
        to: Recipients replacing those of ``ตั้งค่า`` (each may hold several, comma-separated).
        month: The month to report (``2026-07``, ``07/2569``…); default: ``เดือนที่รายงาน``
            of ``ตั้งค่า``, else the current month.
        eml: Write the message to this file instead of sending it.
        out: Where to write the finished workbook (default: beside the input).
        cafile: Extra trusted certificates (PEM) for the mail server.
        max_mb: The largest message to send, in MB.

    Returns:
        The attachment, the subject, the recipients and who accepted the message.

    Raises:
        WorkbookReadError: The workbook cannot be read.
        ConfigError: A mail setting, the password or the month is missing or wrong.
        MailError: Sending failed; the message names the finished workbook, kept on disk.
    """
    from learnworks_xl.jobs import email_finished

    src = Path(path)
    done = run(src, out=out, month=month)
    return email_finished(done, to=to, eml=Path(eml) if eml else None,
                          cafile=Path(cafile) if cafile else None,
                          max_bytes=int(max_mb * 1024 * 1024), inputs=(src,))


def school_forms(path: str | Path, out_dir: str | Path) -> SchoolFormsResult:
    """Write one small form workbook (.xlsx, no macros) per school into ``out_dir``.

    Each form is prefilled with the school's code, name, size, allocation and quota, and
    with the school's rows the office already has; it has only the sheets a school fills,
    with the main workbook's headers and live checks, and a ``ขอลบรายการนี้`` column.

    Args:
        path: The office workbook (.xlsx/.xlsm); never modified.
        out_dir: Folder for ``แบบฟอร์มโรงเรียน-<code>-<year>.xlsx``.

    Returns:
        The forms written and the schools skipped (with the Thai reason).

    Raises:
        WorkbookReadError: The workbook cannot be read.
        ConfigError: ``โครงการ`` or ``โรงเรียน`` has nothing valid to prefill a form with.
        OutputError: A form cannot be written.
    """
    from learnworks_xl.forms.jobs import school_forms as write_forms

    return write_forms(path, out_dir)


def collect(path: str | Path, forms: Sequence[str | Path],
            out: str | Path | None = None) -> CollectResult:
    """Validate returned school forms and write a NEW workbook with their rows merged.

    Forms are read as data only (macros never run, never copied). A foreign, broken or
    invalid form, or one whose work code belongs to another school, changes nothing and is
    reported. A valid form is merged by key, per school (:mod:`learnworks_xl.forms.match`):
    new rows are added, changed rows updated in place, rows the form lacks are kept, and a
    row is removed only when the school typed ``ลบ`` in its ``ขอลบรายการนี้`` cell;
    collecting the same form twice changes nothing.

    Args:
        path: The office workbook (.xlsx/.xlsm); never modified.
        forms: The returned forms.
        out: The merged workbook (.xlsm or .xlsx; default ``<stem>-รวบรวมแบบฟอร์ม`` of
            ``path``'s kind, beside ``path``); written only when a form changed something.

    Returns:
        Every form's outcome and the file written (or None).

    Raises:
        WorkbookReadError: The office workbook cannot be read.
        ConfigError: The office workbook has no valid fiscal year.
        OutputError: ``out`` is an input, or cannot be written.
    """
    from learnworks_xl.forms.jobs import collect as collect_forms

    return collect_forms(path, forms, out)


def publish(paths: str | Path | Sequence[str | Path], out_dir: str | Path, *,
            month: str | None = None, fiscal_year: int | None = None,
            now: datetime | None = None, progress: Callable[[str], None] | None = None,
            ) -> PublishResult | CityPublishResult:
    """Write the website: a district's, or Bangkok's.

    One district workbook gives the district's site: the program summary and the selected
    works per school. Several district workbooks and/or folders of them (rolled up by the
    rules of :func:`rollup`), or the roll-up workbook :func:`rollup` wrote, give Bangkok's
    site: ``index.html`` the city as of the month, a page per district
    (``district-1005.html``), a page per school (``school-1005-bk01.html``) and
    ``works.html``, the selected works with district and school (students as each district's
    privacy setting allows).

    Args:
        paths: A workbook (.xlsx/.xlsm), or several, or folders; never modified.
        out_dir: Folder for ``index.html`` and the other pages.
        month: Several district workbooks: the month every district is counted to
            (``2026-07``, ``2569-07``…; default: the month just ended, within the fiscal year).
        fiscal_year: Several district workbooks: the BE fiscal year (default: most files').
        now: The date the pages show (default: now in Bangkok, or ``SOURCE_DATE_EPOCH``).
        progress: Called with a Thai line before each district workbook is rolled up.

    Returns:
        The pages, their content and what the clerk should know (for a district: the refused
        links and the workbook's findings; for Bangkok: every file's status).

    Raises:
        WorkbookReadError: The one workbook cannot be read.
        ConfigError: No workbook found; a month outside the fiscal year; a month or year for
            one workbook.
        OutputError: The folder cannot be written.
    """
    from learnworks_xl.publish.job import publish as write_site

    return write_site(paths, out_dir, month=month, fiscal_year=fiscal_year, now=now,
                      progress=progress)


def rollup(paths: Sequence[str | Path], out: str | Path, *, month: str | None = None,
           fiscal_year: int | None = None, now: datetime | None = None,
           progress: Callable[[str], None] | None = None) -> RollupResult:
    """Roll every district's workbook up into one Bangkok workbook (a macro-free .xlsx).

    Each file is read, checked and reduced to its district's figures before the next is read
    (one district's sheets in memory at a time). Schools are keyed by (district, school
    code). Of two files of one district the one whose data is later counts and the other is
    listed; files of another fiscal year than most (or ``fiscal_year``) are refused and
    listed; a file with errors counts its valid rows (ฉบับร่าง); a file that cannot be read
    is listed with the reader's Thai reason. No input is ever modified.

    Args:
        paths: District workbooks (.xlsx/.xlsm) or folders holding them (searched with their
            subfolders).
        out: The roll-up workbook (.xlsx): ``สรุปภาพรวม``, ``สรุปรายเขต``, ``โรงเรียนทั้งหมด``,
            ``ผลงานที่คัดสรร``, ``สถานะการส่งข้อมูล``.
        month: The month every district is counted to (``2026-07``, ``2569-07``,
            ``07/2569``…); default: the month just ended, within the fiscal year.
        fiscal_year: The BE fiscal year to roll up; default: the year most files are of.
        now: The time of the roll-up (default: now in Bangkok, or ``SOURCE_DATE_EPOCH``).
        progress: Called with a Thai line before each file.

    Returns:
        The workbook written, the roll-up's figures and sheets, and the files read.

    Raises:
        ConfigError: No workbook was found, or ``month`` is not a month of the fiscal year.
        OutputError: ``out`` is not .xlsx, is an input, or cannot be written.
    """
    from learnworks_xl.rollup.job import rollup as roll

    return roll(paths, out, month=month, fiscal_year=fiscal_year, now=now, progress=progress)


def email_rollup(workbook: str | Path, paths: Sequence[str | Path] = (), *,
                 to: list[str] | None = None, month: str | None = None,
                 fiscal_year: int | None = None, eml: str | Path | None = None,
                 out: str | Path | None = None, cafile: str | Path | None = None,
                 max_mb: float = 25.0, now: datetime | None = None,
                 progress: Callable[[str], None] | None = None) -> RollupEmail:
    """Roll the district workbooks up and e-mail the roll-up workbook (or write an .eml draft).

    What the button ``ส่งอีเมลสรุปภาพรวม`` of the Education Office's workbook does, from the
    command line: the month, the fiscal year, the mail server and the recipients are those of
    ``ตั้งค่า`` of ``workbook`` (``learnworks-สำนักการศึกษา.xlsm``); the password comes from
    ``LEARNWORKS_SMTP_PASSWORD`` or the OS keyring, as for :func:`email`. No input is
    modified; the roll-up workbook stays on disk whatever happens to the e-mail.

    Args:
        workbook: The Education Office's workbook (its ``ตั้งค่า``); never modified.
        paths: District workbooks or folders (default: the folder ``รายงานเขต`` beside
            ``workbook``).
        to: Recipients replacing those of ``ตั้งค่า``.
        month: The month to count to (default: ``เดือนที่รายงาน`` of ``ตั้งค่า``, else the
            month just ended).
        fiscal_year: The BE fiscal year (default: ``ตั้งค่า``'s, else the year of most files).
        eml: Write the message to this file instead of sending it.
        out: The roll-up workbook (.xlsx; default: beside ``workbook``, named
            ``รวบรวมรายงานเขต-<BE year>-<MM>.xlsx``).
        cafile: Extra trusted certificates (PEM) for the mail server.
        max_mb: The largest message to send, in MB.
        now: The time of the roll-up (default: now in Bangkok, or ``SOURCE_DATE_EPOCH``).
        progress: Called with a Thai line before each file.

    Returns:
        The roll-up written and what was sent.

    Raises:
        WorkbookReadError: ``workbook`` cannot be read.
        ConfigError: A setting is wrong, no district workbook was found, or a mail setting
            or the password is missing.
        OutputError: ``out`` is not .xlsx, is an input, or cannot be written.
        MailError: Sending failed; the message names the roll-up workbook, kept on disk.
    """
    from learnworks_xl.core import sheets as sh
    from learnworks_xl.core.office import office_settings
    from learnworks_xl.errors import ConfigError
    from learnworks_xl.rollup.book import check_name
    from learnworks_xl.rollup.job import (
        check_fiscal_year,
        gather,
        guard_output,
        no_workbook,
        write_gathered,
    )
    from learnworks_xl.rollup.office import districts_folder, email_rollup, out_name

    check_fiscal_year(fiscal_year)
    src = Path(workbook)
    raw = read_workbook(src)
    if sh.PROJECT.name in raw.sheets:  # a district's workbook: its ตั้งค่า is another sheet
        raise ConfigError(
            f"{src.name} เป็นสมุดงานของสำนักงานเขต ไม่ใช่สมุดงานของสำนักการศึกษา "
            "(learnworks-สำนักการศึกษา.xlsm) ชื่อแรกต้องเป็นสมุดงานของสำนักการศึกษา "
            "แล้วตามด้วยสมุดงานของเขตหรือโฟลเดอร์",
            f"{src.name} is a district's workbook, not the Education Office's; give the "
            "office's workbook first, then the district workbooks or folders")
    settings = office_settings(raw)
    folders: list[str | Path] = list(paths) or [districts_folder(src.parent)]
    if not paths and not Path(folders[0]).is_dir():
        raise no_workbook(folders)
    target = Path(out) if out is not None else None
    if target is not None:
        check_name(target)
    gathered = gather(folders, out=target, month=month or settings.report_month,
                      fiscal_year=fiscal_year or settings.fiscal_year, now=now,
                      progress=progress)
    if target is None:
        target = src.parent / out_name(gathered.rollup)
        guard_output(target, folders)
    refuse_input(target, src)
    done = write_gathered(gathered, target, progress)
    return email_rollup(done, settings, to=to, eml=Path(eml) if eml else None,
                        cafile=Path(cafile) if cafile else None,
                        max_bytes=int(max_mb * 1024 * 1024), inputs=(src,))


@dataclass
class NewYearResult:
    """The result of :func:`new_year`: the new workbook and what was carried into it."""

    path: Path
    out: Path
    new_year: NewYear

    def summary_lines(self) -> list[str]:
        """The Thai lines ``learnworks new-year`` prints."""
        from learnworks_xl.core import sheets as sh
        from learnworks_xl.core.newyear import EMPTIED, TO_CHECK

        n = self.new_year
        years = n.fiscal_year - n.previous_year
        lines = [
            f"สร้างสมุดงานปีงบประมาณ พ.ศ. {n.fiscal_year} แล้ว: {self.out}",
            f"ยกมาจากปีงบประมาณ พ.ศ. {n.previous_year}: {sh.SIZES.name} {n.count(sh.SIZES)} แถว, "
            f"{sh.SCHOOLS.name} {n.count(sh.SCHOOLS)} แถว, {sh.PLAN.name} {n.count(sh.PLAN)} "
            f"ขั้นตอน (เลื่อนเดือนไป {years} ปี สถานะเป็น ยังไม่เริ่ม), "
            f"{sh.RISKS.name} {n.count(sh.RISKS)} แถว, {sh.PROJECT.name} และ{sh.SETTINGS.name}",
            "เริ่มว่าง: " + ", ".join(s.name for s in EMPTIED),
        ]
        if n.renamed:
            lines.append(f"เปลี่ยนปี พ.ศ. {n.previous_year} เป็น {n.fiscal_year} ใน: "
                         + ", ".join(n.renamed))
        lines.append(f"กรุณาตรวจสอบในชีต «{sh.PROJECT.name}» ก่อนใช้งาน: "
                     + ", ".join(sh.PROJECT.title(f) for f in TO_CHECK))
        return lines


def new_year(path: str | Path, fiscal_year: int, out: str | Path | None = None) -> NewYearResult:
    """Start the next fiscal year of the program in a new workbook (.xlsm with buttons).

    Schools, sizes, settings, the plan's steps (months moved by the years between, statuses
    cleared) and the risks carry over; the year's own sheets (activity plans, purchases,
    works, result reports, the monthly log) start empty. The input is never modified.

    Args:
        path: Last year's workbook (.xlsx/.xlsm).
        fiscal_year: The new BE fiscal year (e.g. 2570).
        out: The new workbook (.xlsm; default: beside ``path``, the old year in its name
            replaced, else ``-<year>`` added).

    Returns:
        The new workbook's path and what was carried.

    Raises:
        WorkbookReadError: The workbook cannot be read.
        ConfigError: Its fiscal year is unknown, or ``fiscal_year`` is not later.
        OutputError: ``out`` is the input, is not .xlsm, or cannot be written.
    """
    from learnworks_xl.core.newyear import carry_over, rename_year
    from learnworks_xl.io.atomic import refuse_input
    from learnworks_xl.workbook import build_workbook as build

    src = Path(path)
    checked = validate(src)
    carried = carry_over(checked.parsed, fiscal_year)
    if out is None:
        stem = rename_year(src.stem, carried.previous_year, fiscal_year)
        target = src.with_name(f"{stem if stem != src.stem else f'{stem}-{fiscal_year}'}.xlsm")
    else:
        target = Path(out)
    refuse_input(target, src)
    build(target, data=carried.data)
    return NewYearResult(src, target, carried)
