"""Past Excel's 65,530 hyperlinks per sheet, the rest of a findings table is written as plain
values: no XlsxWriter warning on the clerk's screen, and the file still opens."""

from __future__ import annotations

import warnings
from pathlib import Path

import openpyxl
import xlsxwriter

from learnworks_xl.core.layout.report import MAX_LINKS
from learnworks_xl.core.reports.content import Column, ReportSheet, TableBlock, v
from learnworks_xl.workbook.reports import render_report
from learnworks_xl.workbook.styles import Styles


def test_workbook_links_capped_without_warnings(tmp_path: Path) -> None:
    rows = [[v(f"A{i + 1}", link=f"#'โรงเรียน'!A{i + 1}")] for i in range(MAX_LINKS + 3)]
    report = ReportSheet("ผลการตรวจสอบ", "ผลการตรวจสอบข้อมูล",
                         blocks=[TableBlock([Column("เซลล์")], rows)])
    path = tmp_path / "links.xlsx"
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        wb = xlsxwriter.Workbook(str(path))
        ws = wb.add_worksheet("ผลการตรวจสอบ")
        render_report(ws, report, Styles(wb))
        wb.close()
    cells = [row[0] for row in openpyxl.load_workbook(path)["ผลการตรวจสอบ"].iter_rows(
        min_col=1, max_col=1) if isinstance(row[0].value, str) and row[0].value[1:].isdigit()]
    assert len(cells) == MAX_LINKS + 3
    assert sum(1 for c in cells if c.hyperlink is not None) == MAX_LINKS
    assert cells[-1].value == f"A{MAX_LINKS + 3}" and cells[-1].hyperlink is None
