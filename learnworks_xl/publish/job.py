"""``learnworks publish``: read the workbook, compute, and write the website."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from learnworks_xl.core import findings as fd
from learnworks_xl.core.clock import run_time
from learnworks_xl.core.pipeline import Results
from learnworks_xl.core.validate import check
from learnworks_xl.io.reader import read_workbook
from learnworks_xl.publish.content import Site, build_site
from learnworks_xl.publish.render import render_site, write_site


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


def publish(path: str | Path, out_dir: str | Path, *, now: datetime | None = None,
            ) -> PublishResult:
    """Write the website of the selected works per school and the program summary.

    Args:
        path: The workbook (.xlsx/.xlsm); never modified.
        out_dir: The folder for ``index.html`` and one page per school.
        now: The date shown as "ข้อมูล ณ วันที่" (default: now in Bangkok, or
            ``SOURCE_DATE_EPOCH``).

    Returns:
        The pages written, the content and the workbook's findings.

    Raises:
        WorkbookReadError: The workbook cannot be read.
        OutputError: The folder cannot be written.
    """
    src = Path(path)
    when = run_time(now)
    checked = check(read_workbook(src), when.date())  # the site shows today's figures
    parsed, report = checked.parsed, checked.report
    results = Results.of(checked.figures, report, generated_at=when, source=src.name)
    site = build_site(parsed, results)
    pages = write_site(render_site(site), out_dir)
    return PublishResult(src, Path(out_dir), pages, site, report)
