"""``learnworks publish``: read the workbook(s), compute, and write the website.

One district workbook → the district's site (:mod:`.content`). Several district workbooks, or
folders of them → rolled up by the roll-up's rules (:func:`learnworks_xl.rollup.job.roll_up_paths`)
→ the city site (:mod:`.city`). The roll-up workbook written by ``learnworks rollup``
(recognised by its sheets) → the city site from its hidden sheet ``ข้อมูลเว็บไซต์``
(:func:`learnworks_xl.core.rollup.data.read_data`): the same pages as from the district files.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from learnworks_xl.core import findings as fd
from learnworks_xl.core.clock import run_time
from learnworks_xl.core.grid import RawWorkbook
from learnworks_xl.core.pipeline import Results
from learnworks_xl.core.rollup import Rollup
from learnworks_xl.core.rollup.data import DATA, RollupDataError, read_data
from learnworks_xl.core.rollup.sheets import is_rollup_workbook
from learnworks_xl.core.validate import check
from learnworks_xl.core.wording import number
from learnworks_xl.errors import ConfigError, OutputError, WorkbookReadError
from learnworks_xl.io.reader import read_workbook
from learnworks_xl.publish.city import CitySite, build_city_site
from learnworks_xl.publish.content import Site, build_site
from learnworks_xl.publish.render import render_city, render_site, write_site
from learnworks_xl.rollup.job import check_fiscal_year, file_lines, roll_up_paths


@dataclass
class PublishResult:
    """The pages written and what the clerk should know."""

    path: Path
    out_dir: Path
    pages: list[Path]
    site: Site
    report: fd.Findings
    """The workbook's findings (the pages say ฉบับร่าง when it has errors)."""

    @property
    def ok(self) -> bool:
        """True when the workbook has no error and every link was published."""
        return self.report.valid and not self.site.findings

    def summary_lines(self) -> list[str]:
        """What ``learnworks publish`` prints (Thai)."""
        works = sum(len(s.works) for s in self.site.schools)
        lines = [f"เขียนเว็บไซต์ {len(self.pages)} หน้า (ผลงานที่คัดสรร {works} ผลงาน "
                 f"จาก {len(self.site.schools)} โรงเรียน) ที่ {self.out_dir}",
                 f"หน้าแรก: {self.pages[0]}"]
        for f in self.site.findings:
            lines.append(f"ลิงก์ไม่ได้เผยแพร่: «{f.sheet}» ช่อง {f.cell}: {f.message}")
        if not self.report.valid:
            lines.append(f"ฉบับร่าง: สมุดงานมีข้อผิดพลาด {self.report.errors} รายการ "
                         "(ตรวจด้วย learnworks validate) แถวที่ผิดไม่ได้แสดงบนเว็บไซต์")
        return lines


@dataclass
class CityPublishResult:
    """The city site written and what the Education Office's clerk should know."""

    sources: list[Path]
    """The district workbooks and folders, or the roll-up workbook, as given."""
    out_dir: Path
    pages: list[Path]
    site: CitySite
    rollup: Rollup
    from_rollup_workbook: bool
    """The figures were read back from the roll-up workbook."""

    @property
    def ok(self) -> bool:
        """True when every file was used and none had errors (as ``learnworks rollup``)."""
        return not self.rollup.refused and not self.rollup.drafts

    def summary_lines(self) -> list[str]:
        """What ``learnworks publish`` prints for the city site (Thai)."""
        r, s = self.rollup, self.site.summary
        lines = [f"เขียนเว็บไซต์ของกรุงเทพมหานคร {number(len(self.pages))} หน้า (สำนักงานเขต "
                 f"{s.districts} โรงเรียน {s.schools} ผลงานที่คัดสรร "
                 f"{number(len(self.site.works))} ผลงาน) ที่ {self.out_dir}"]
        if r.month is not None:
            lines.append(f"{s.fiscal_year} ข้อมูล ณ {s.month} ({s.as_of})")
        lines.append(f"หน้าแรก: {self.pages[0]}")
        if self.from_rollup_workbook:
            lines.append(f"อ่านจากสมุดงานสรุปภาพรวม {self.sources[0].name} "
                         f"(จัดทำเมื่อ {s.generated})")
        lines += file_lines(r)
        if r.drafts:
            lines.append("ฉบับร่าง: " + ", ".join(d.district for d in r.drafts)
                         + " มีข้อผิดพลาด ตัวเลขของเขตเหล่านี้นับเฉพาะแถวที่ถูกต้อง")
        return lines


def read_rollup_workbook(raw: RawWorkbook, src: Path) -> Rollup:
    """The roll-up back from its workbook's hidden data sheet.

    Raises:
        WorkbookReadError: The sheet is missing (a workbook of an older version) or cannot
            be read.
    """
    sheet = raw.sheets.get(DATA)
    if sheet is None:
        raise WorkbookReadError(
            f"{src.name} เป็นสมุดงานสรุปภาพรวม แต่ไม่มีชีต «{DATA}» ที่เว็บไซต์ใช้ (สร้างด้วยโปรแกรม"
            "รุ่นก่อน) กรุณาสร้างใหม่ด้วย learnworks rollup หรือเผยแพร่จากสมุดงานของเขตโดยตรง",
            f"{src.name} is a roll-up workbook without the sheet the website needs; "
            "write it again with learnworks rollup")
    try:
        return read_data(sheet)
    except RollupDataError as exc:
        raise WorkbookReadError(f"อ่านข้อมูลเว็บไซต์จาก {src.name} ไม่ได้: {exc.message_th}",
                                f"{src.name}: the roll-up's data sheet cannot be read") from None


def _check_folder(out: Path) -> None:
    if out.exists() and not out.is_dir():
        raise OutputError(f"{out} เป็นไฟล์ ไม่ใช่โฟลเดอร์ กรุณาเลือกโฟลเดอร์สำหรับเว็บไซต์",
                          f"{out} is a file, not a folder")


def _no_rollup_options(month: str | None, fiscal_year: int | None, what_th: str,
                       what_en: str) -> None:
    if month is not None or fiscal_year is not None:
        raise ConfigError(f"เลือกเดือนหรือปีงบประมาณได้เฉพาะเมื่อเผยแพร่จากสมุดงานของเขตหลายไฟล์ "
                          f"หรือโฟลเดอร์ ({what_th})",
                          f"--month and --fiscal-year apply to several district workbooks "
                          f"or folders ({what_en})")


def publish_city(rollup: Rollup, out_dir: Path, sources: list[Path],
                 from_rollup_workbook: bool) -> CityPublishResult:
    """Write the city site of ``rollup`` into ``out_dir``."""
    site = build_city_site(rollup)
    pages = write_site(render_city(site), out_dir)
    return CityPublishResult(sources, out_dir, pages, site, rollup, from_rollup_workbook)


def publish(paths: str | Path | Sequence[str | Path], out_dir: str | Path, *,
            month: str | None = None, fiscal_year: int | None = None,
            now: datetime | None = None, progress: Callable[[str], None] | None = None,
            ) -> PublishResult | CityPublishResult:
    """Write the website: a district's, or Bangkok's (see the module).

    Args:
        paths: One district workbook (.xlsx/.xlsm; the district site); several district
            workbooks and/or folders of them, or the roll-up workbook (the city site). Never
            modified.
        out_dir: The folder for ``index.html`` and the other pages.
        month: For several district workbooks: the month every district is counted to
            (default: the month just ended, within the fiscal year).
        fiscal_year: For several district workbooks: the BE fiscal year (default: the year
            of most files).
        now: The date shown as "ข้อมูล ณ วันที่" (default: now in Bangkok, or
            ``SOURCE_DATE_EPOCH``).
        progress: Called with a Thai line before each district workbook is read.

    Returns:
        The pages written, the content and what the clerk should know.

    Raises:
        WorkbookReadError: The (one) workbook cannot be read.
        ConfigError: No workbook found; a month outside the fiscal year; a month or year
            given for one workbook.
        OutputError: The folder cannot be written.
    """
    check_fiscal_year(fiscal_year)
    given = [Path(paths)] if isinstance(paths, str | Path) else [Path(p) for p in paths]
    out = Path(out_dir)
    _check_folder(out)
    if len(given) == 1 and not given[0].is_dir():
        src = given[0]
        when = run_time(now)
        raw = read_workbook(src)
        if is_rollup_workbook(raw):
            _no_rollup_options(month, fiscal_year, "สมุดงานสรุปภาพรวมมีเดือนที่รายงานของตนแล้ว",
                               "the roll-up workbook has its own month")
            return publish_city(read_rollup_workbook(raw, src), out, given, True)
        _no_rollup_options(month, fiscal_year, "สมุดงานเดียวแสดงข้อมูล ณ วันนี้",
                           "one workbook shows today's figures")
        checked = check(raw, when.date())  # the site shows today's figures
        parsed, report = checked.parsed, checked.report
        results = Results.of(checked.figures, report, generated_at=when, source=src.name)
        site = build_site(parsed, results)
        pages = write_site(render_site(site), out)
        return PublishResult(src, out, pages, site, report)
    rolled, _files = roll_up_paths(given, out, month=month, fiscal_year=fiscal_year, now=now,
                                   progress=progress)
    return publish_city(rolled, out, given, False)
