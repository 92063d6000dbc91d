"""``learnworks rollup``: read every district's workbook, one at a time, and write the Bangkok
roll-up workbook.

A file is read (:func:`learnworks_xl.io.reader.read_workbook`: the same checks as every
command, so a broken, encrypted or hostile file is a Thai reason, not a crash), checked and
reduced to its district's figures (:func:`learnworks_xl.core.rollup.read_district`); then its
sheets are dropped before the next file is read. The rules and the city's figures are the
core's (:func:`learnworks_xl.core.rollup.roll_up`); the workbook is written atomically and
never over an input.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime
from pathlib import Path

from learnworks_xl import thai
from learnworks_xl.core.clock import run_time
from learnworks_xl.core.compute.progress import plan_months
from learnworks_xl.core.reports.content import ReportSheet
from learnworks_xl.core.rollup import DistrictFile, Rollup, read_district, roll_up, rollup_reports
from learnworks_xl.core.rollup.combine import other_year_line
from learnworks_xl.core.rollup.data import data_rows
from learnworks_xl.core.rollup.sheets import is_rollup_workbook
from learnworks_xl.core.wording import baht, number, percent
from learnworks_xl.errors import ConfigError, OutputError, WorkbookReadError
from learnworks_xl.io.atomic import refuse_input
from learnworks_xl.io.reader import read_workbook
from learnworks_xl.rollup.book import check_name, write_rollup

#: The files a folder is searched for (any file named on the command line is read).
SUFFIXES = (".xlsx", ".xlsm")
#: A file that one bad workbook made the program fail on is listed with this reason.
INTERNAL = ("อ่านไฟล์นี้ไม่ได้เพราะข้อผิดพลาดภายในโปรแกรม ({kind}) กรุณาแจ้งผู้ดูแลระบบพร้อมไฟล์นี้")
#: A roll-up workbook found among the district files.
A_ROLLUP = ("เป็นสมุดงานสรุปภาพรวมกรุงเทพมหานคร (สร้างด้วย learnworks rollup) "
            "ไม่ใช่สมุดงานของสำนักงานเขต จึงไม่นำมารวม")


@dataclass(frozen=True)
class InputFile:
    """A file to roll up and the name the status sheet gives it."""

    path: Path
    name: str
    """Relative to the folder it was found in (``บางเขน/learnworks.xlsm``), else as given."""


def _skipped(path: Path, out: Path | None) -> bool:
    """Files in a folder that are not district workbooks: hidden and temporary files (Excel's
    ``~$`` owner files, a half-written output), the output itself and its backup."""
    name = path.name
    return (name.startswith((".", "~$")) or path.suffix.lower() not in SUFFIXES
            or (out is not None and path.resolve() == out.resolve()))


def _inside(path: Path, folder: Path) -> bool:
    try:
        path.resolve().relative_to(folder.resolve())
    except ValueError:
        return False
    return True


def guard_output(out: Path, paths: Sequence[str | Path]) -> None:
    """Refuse an output that would replace a file among the inputs: a file given, or an
    existing workbook in a folder given that is not an earlier roll-up workbook (a district's
    workbook there would be overwritten and, skipped as the output, silently left out).
    Checked before anything is read.

    Raises:
        OutputError: ``ไม่เขียนทับไฟล์ต้นฉบับ …`` (as for a file given).
    """
    refuse_input(out, *[Path(p) for p in paths if not Path(p).is_dir()])
    if not out.is_file() or not any(_inside(out, Path(p)) for p in paths if Path(p).is_dir()):
        return
    try:
        earlier_rollup = is_rollup_workbook(read_workbook(out))
    except WorkbookReadError:
        earlier_rollup = False
    if not earlier_rollup:
        raise OutputError(f"ไม่เขียนทับไฟล์ต้นฉบับ {out.name} กรุณาเลือกชื่อไฟล์ผลลัพธ์อื่น",
                          f"refusing to overwrite the input {out}: it is not a roll-up workbook")


def input_files(paths: Sequence[str | Path], out: Path | None) -> list[InputFile]:
    """The files to read: each file as given, each folder's workbooks (and its subfolders'),
    in name order.

    Args:
        paths: Workbooks or folders.
        out: The roll-up workbook (skipped when found in a folder), if any.

    Returns:
        The files, each once, in the order given.
    """
    found: list[InputFile] = []
    seen: set[Path] = set()
    for given in map(Path, paths):
        if given.is_dir():
            inside = sorted((p for p in given.rglob("*") if p.is_file() and not _skipped(p, out)
                             and not any(part.startswith(".")
                                         for part in p.relative_to(given).parts[:-1])),
                            key=lambda p: p.relative_to(given).as_posix())
            candidates = [InputFile(p, p.relative_to(given).as_posix()) for p in inside]
        else:
            candidates = [InputFile(given, given.name)]
        for c in candidates:
            key = c.path.resolve()
            if key not in seen:
                seen.add(key)
                found.append(c)
    return found


def _month(month: str | None) -> date | None:
    if month is None:
        return None
    try:
        year, mon = thai.parse_month(month)
    except thai.ThaiParseError as exc:
        raise ConfigError(exc.message_th, exc.message_en) from None
    return date(year, mon, 1)


#: The fiscal years a roll-up accepts (Buddhist era, as a workbook's ``ปีงบประมาณ``).
FISCAL_YEARS = (2560, 2700)


def check_fiscal_year(fiscal_year: int | None) -> None:
    """Refuse a fiscal year that is not a Buddhist-era year (2026 or 69 typed for 2569).

    Raises:
        ConfigError: The year is outside :data:`FISCAL_YEARS`.
    """
    low, high = FISCAL_YEARS
    if fiscal_year is not None and not low <= fiscal_year <= high:
        raise ConfigError(
            f"ปีงบประมาณ {fiscal_year} ไม่ถูกต้อง กรุณาระบุปีงบประมาณเป็นปีพุทธศักราช "
            f"เช่น 2569 (ระหว่าง {low}–{high})",
            f"fiscal year {fiscal_year}: give a Buddhist-era year such as 2569 "
            f"({low}-{high})")


def _check_month(month: date | None, fiscal_year: int | None) -> None:
    if month is None or fiscal_year is None:
        return
    months = plan_months(fiscal_year)
    if (month.year, month.month) not in months:
        first, last = months[0], months[-1]
        raise ConfigError(
            f"เดือน {thai.format_thai_month(month.year, month.month)} อยู่นอกช่วงของปีงบประมาณ "
            f"พ.ศ. {fiscal_year} (เลือกได้ {thai.format_thai_month(*first, 'abbr')} – "
            f"{thai.format_thai_month(*last, 'abbr')})",
            f"month {month.year}-{month.month:02d} is outside fiscal year {fiscal_year}")


def _mtime(path: Path) -> datetime | None:
    try:
        return datetime.fromtimestamp(path.stat().st_mtime, UTC)
    except OSError:
        return None


def read_file(item: InputFile, *, month: date | None, today: date) -> DistrictFile:
    """Read one file into its district's figures, or its Thai reason; never raises for a bad
    file (only one file's sheets are in memory, and only while this runs)."""
    modified = _mtime(item.path)
    try:
        raw = read_workbook(item.path)
        modified = raw.saved_at or _mtime(item.path)
        if is_rollup_workbook(raw):
            return DistrictFile(item.name, refused=A_ROLLUP, modified=modified)
        return read_district(raw, item.name, month=month, today=today, modified=modified)
    except WorkbookReadError as exc:
        return DistrictFile(item.name, refused=exc.message_th, modified=modified)
    except Exception as exc:  # one file must not stop the roll-up of 50
        if os.environ.get("LEARNWORKS_DEBUG"):
            raise
        return DistrictFile(item.name, refused=INTERNAL.format(kind=type(exc).__name__),
                            modified=modified)


def file_lines(r: Rollup) -> list[str]:
    """The files' count by status, then one line per file not used as it is (Thai)."""
    counts = {s: sum(1 for f in r.files if f.status == s)
              for s in ("accepted", "draft", "replaced", "refused")}
    lines = [f"ไฟล์ {len(r.files)} ไฟล์: ใช้ข้อมูล {counts['accepted'] + counts['draft']} "
             f"(ฉบับร่าง {counts['draft']}), ไม่ใช้เพราะมีไฟล์ที่ใหม่กว่า "
             f"{counts['replaced']}, ไม่ใช้ {counts['refused']}"]
    lines += [f"  {f.name}: {f.words} – {f.detail}" for f in r.files
              if f.status in ("draft", "replaced", "refused")]
    return lines


def roll_up_paths(paths: Sequence[str | Path], out: Path, *, month: str | None = None,
                  fiscal_year: int | None = None, now: datetime | None = None,
                  progress: Callable[[str], None] | None = None,
                  ) -> tuple[Rollup, list[InputFile]]:
    """Read every district workbook of ``paths``, one at a time, and roll them up (what
    :func:`gather` does, for a caller that writes something else than the roll-up workbook).

    Returns:
        The roll-up and the files read.

    Raises:
        ConfigError: No workbook found, or ``month`` is not a month of the fiscal year.
        OutputError: ``out`` is one of the inputs.
    """
    gathered = gather(paths, out=out, month=month, fiscal_year=fiscal_year, now=now,
                      progress=progress)
    return gathered.rollup, gathered.files


@dataclass
class RollupResult:
    """The roll-up: the workbook written, its figures and sheets, the files read."""

    out: Path
    rollup: Rollup
    reports: list[ReportSheet]
    files: list[InputFile]

    @property
    def ok(self) -> bool:
        """True when every file was used and none had errors (a district that sent nothing,
        or an older file replaced by a newer one, is not a problem of the files)."""
        return not self.rollup.refused and not self.rollup.drafts

    def summary_lines(self) -> list[str]:
        """What ``learnworks rollup`` prints (Thai)."""
        r = self.rollup
        lines = [f"สร้างสมุดงานสรุปภาพรวมกรุงเทพมหานครแล้ว: {self.out}"]
        if r.month is not None and r.as_of is not None:
            lines.append(f"ปีงบประมาณ พ.ศ. {r.fiscal_year} เดือนที่รายงาน: "
                         f"{thai.format_thai_month(r.month.year, r.month.month)} "
                         f"(ข้อมูล ณ วันที่ {thai.format_thai_date(r.as_of, 'abbr')})")
        drafts = f" (ฉบับร่าง {len(r.drafts)} เขต)" if r.drafts else ""
        lines.append(f"สำนักงานเขตที่ส่งข้อมูล: {len(r.districts)} จาก 50 เขต{drafts} "
                     f"โรงเรียน {r.school_count:,} โรงเรียน")
        if r.kpi is not None:
            target = (f" (เป้าหมาย ร้อยละ {number(r.kpi_target)})"
                      if r.kpi_target is not None else "")
            verdict = f" {'ผ่าน' if r.kpi_passed else 'ไม่ผ่าน'}" if r.kpi_passed is not None else ""
            lines.append(f"ตัวชี้วัด: ร้อยละ {percent(r.kpi)}{target}{verdict} – "
                         f"โรงเรียนผ่านเกณฑ์ {r.met:,} จาก {r.school_count:,} โรงเรียน")
            disbursed = (f" (เบิกจ่ายร้อยละ {percent(r.disbursed)})"
                         if r.disbursed is not None else "")
            lines.append(f"งบประมาณ: จัดสรร {baht(r.allocated)} ใช้จ่าย {baht(r.spent)}{disbursed}")
        lines += file_lines(r)
        if r.missing:
            lines.append(f"ยังไม่ได้รับข้อมูล {len(r.missing)} เขต (ดูชีต «สถานะการส่งข้อมูล»)")
        if (other := other_year_line(r)) is not None:
            lines.append(other)
        return lines


@dataclass
class Gathered:
    """The roll-up of the files read, before any workbook is written."""

    rollup: Rollup
    reports: list[ReportSheet]
    files: list[InputFile]


def no_workbook(paths: Sequence[str | Path]) -> ConfigError:
    """The error of a roll-up that found no workbook to read."""
    where = ", ".join(str(p) for p in paths)
    return ConfigError(f"ไม่พบสมุดงาน (.xlsx หรือ .xlsm) ใน {where}",
                       f"no workbook (.xlsx/.xlsm) found in {where}")


def gather(paths: Sequence[str | Path], *, out: Path | None = None, month: str | date | None = None,
           fiscal_year: int | None = None, now: datetime | None = None,
           progress: Callable[[str], None] | None = None) -> Gathered:
    """Read every district file (one at a time) and roll them up; nothing is written.

    Args:
        paths: Workbooks or folders.
        out: The workbook the caller will write (skipped in a folder; never an input).
        month: The month to count to (text as typed, or its first day); None: the month
            just ended.
        fiscal_year: The BE fiscal year; None: the year of most files.
        now: The time of the roll-up.
        progress: Called with a Thai line before each file.

    Raises:
        ConfigError: No workbook found (no path given exists, no folder holds one), the
            fiscal year is not a Buddhist-era year, or ``month`` is not a month of the
            fiscal year.
        OutputError: ``out`` is an input, or an existing workbook in a folder given that is
            not a roll-up workbook.
    """
    check_fiscal_year(fiscal_year)
    wanted = month if isinstance(month, date) else _month(month)
    _check_month(wanted, fiscal_year)
    if out is not None:
        guard_output(out, paths)
    files = input_files(paths, out)
    if not any(f.path.exists() for f in files):  # nothing there (one missing path is listed)
        raise no_workbook(paths)
    if out is not None:
        refuse_input(out, *[f.path for f in files])
    when = run_time(now)
    read: list[DistrictFile] = []
    for i, item in enumerate(files, start=1):
        if progress is not None:
            progress(f"[{i}/{len(files)}] อ่าน {item.name}")
        read.append(read_file(item, month=wanted, today=when.date()))
    rolled = roll_up(read, fiscal_year=fiscal_year, generated_at=when)
    _check_month(wanted, rolled.fiscal_year)
    return Gathered(rolled, rollup_reports(rolled), files)


def write_gathered(gathered: Gathered, out: Path,
                   progress: Callable[[str], None] | None = None) -> RollupResult:
    """Write the roll-up workbook of :func:`gather` (atomically, never over an input)."""
    check_name(out)
    if progress is not None:
        progress(f"เขียนสมุดงาน {out.name}")
    rolled = gathered.rollup
    write_rollup(out, gathered.reports, inputs=[f.path for f in gathered.files],
                 created=rolled.generated_at, data=data_rows(rolled))
    return RollupResult(out, rolled, gathered.reports, gathered.files)


def rollup(paths: Sequence[str | Path], out: str | Path, *, month: str | None = None,
           fiscal_year: int | None = None, now: datetime | None = None,
           progress: Callable[[str], None] | None = None) -> RollupResult:
    """Roll every district's workbook up into one Bangkok workbook (see the module).

    Raises:
        ConfigError: No workbook found, or ``month`` is not a month of the fiscal year.
        OutputError: ``out`` is not .xlsx, is an input, or cannot be written.
    """
    target = Path(out)
    check_name(target)
    gathered = gather(paths, out=target, month=month, fiscal_year=fiscal_year, now=now,
                      progress=progress)
    return write_gathered(gathered, target, progress)
