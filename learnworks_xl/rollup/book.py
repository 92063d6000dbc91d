"""Write the roll-up workbook: a macro-free .xlsx of report sheets in the product's look (A4,
TH Sarabun New, Buddhist-era dates), laid out by the workbook's report renderer, atomically."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from pathlib import Path

from xlsxwriter.exceptions import XlsxWriterException

from learnworks_xl.core.reports.content import ReportSheet
from learnworks_xl.errors import OutputError
from learnworks_xl.io.atomic import atomic_path
from learnworks_xl.workbook import render_report
from learnworks_xl.workbook.sheet import Workbook
from learnworks_xl.workbook.styles import Styles, workbook_options

TITLE = "สรุปภาพรวมโครงการของสำนักงานเขต กรุงเทพมหานคร"


def check_name(target: Path) -> None:
    """Refuse an output that is not an .xlsx (the roll-up holds no macros)."""
    if target.suffix.lower() != ".xlsx":
        raise OutputError(f"ชื่อไฟล์ {target.name} ต้องลงท้ายด้วย .xlsx (สมุดงานไม่มีแมโคร)",
                          f"{target.name}: the roll-up workbook must end in .xlsx")


def write_rollup(path: str | Path, reports: Sequence[ReportSheet], *,
                 inputs: Sequence[Path] = (), created: datetime | None = None) -> Path:
    """Write the roll-up workbook, one sheet per report, the first one active.

    Args:
        path: The .xlsx to write; written atomically, the previous file kept as ``.bak``.
        reports: The sheets (:func:`learnworks_xl.core.rollup.rollup_reports`).
        inputs: Files the output must never be.
        created: The workbook's creation time (the roll-up's run time).

    Returns:
        The path written.

    Raises:
        OutputError: ``path`` is not .xlsx, is an input, or cannot be written.
    """
    target = Path(path)
    check_name(target)
    with atomic_path(target, inputs=tuple(inputs)) as tmp:
        try:
            wb = Workbook(str(tmp), workbook_options())
            props = {"title": TITLE, "subject": "learnworks rollup", "author": "learnworks",
                     "company": "สำนักการศึกษา กรุงเทพมหานคร",
                     "comments": "สร้างโดย learnworks rollup"}
            wb.set_properties({**props, "created": created} if created else props)
            styles = Styles(wb)
            for report in reports:
                render_report(wb.add_worksheet(report.name), report, styles)
            wb.close()
        except (XlsxWriterException, OSError) as exc:
            raise OutputError(f"เขียนไฟล์ {target.name} ไม่ได้",
                              f"cannot write {target.name}: {exc}") from None
    return target
