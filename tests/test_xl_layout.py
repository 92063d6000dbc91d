"""The live book's report layout equals the file renderer's, cell for cell; text that Excel
would reinterpret is protected."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from pathlib import Path
from typing import Any

import openpyxl
import pytest
import xlsxwriter

from learnworks_xl.core.reports.content import (
    ChartBlock,
    Column,
    KeyValues,
    Paragraph,
    ReportSheet,
    TableBlock,
    v,
)
from learnworks_xl.workbook import reports as renderer
from learnworks_xl.workbook.styles import Styles, workbook_options
from learnworks_xl.xl.layout import CHART_DATA_COL, NUMBER_FORMATS, PROVISIONAL_BANNER, layout
from learnworks_xl.xl.patch import cell_value, needs_text_prefix
from tests.vbareplay import excel_value

D = Decimal


def _report(provisional: bool, with_chart: bool) -> ReportSheet:
    blocks: list[Any] = [
        Paragraph("ย่อหน้าแรกของรายงาน"),
        KeyValues([("งบประมาณ", v(D("69500"), "amount")),
                   ("เป็นตัวอักษร", v("หกหมื่นเก้าพันห้าร้อยบาทถ้วน")),
                   ("วันที่", v(date(2026, 7, 31), "date")),
                   ("ลิงก์", v("เปิด", link="https://example.org/x"))], heading="สรุป"),
        TableBlock(
            columns=[Column("ขนาด"), Column("จำนวน", "int"), Column("อัตรา", "amount_dash"),
                     Column("รวม", "amount"), Column("ร้อยละ", "percent"),
                     Column("เดือน", "month"), Column("ผ่าน")],
            rows=[[v("ขนาดใหญ่"), v(2), v(D("15100")), v(D("30200")), v(D("43.45")),
                   v(date(2025, 11, 1), "month"), v(True)],
                  [v("ขนาดกลาง"), v(3), v(D("13100")), v(D("39300.5")), v(D("56.55")),
                   v(None), v("ไม่", role="bad", link="#'โรงเรียน'!C5")]],
            totals=[[v("รวม", role="strong"), v(5), v(None), v(D("69500.5")), v(D(100)),
                     v(None), v(None)]],
            heading="ตารางงบประมาณ"),
        TableBlock(columns=[Column("ก"), Column("ข")], rows=[], empty_text="ไม่มีข้อมูล"),
    ]
    if with_chart:
        blocks.append(ChartBlock("column", "ผลงานต่อโรงเรียน", ["BK01", "BK02"],
                                 [("ผลงาน", [3, 2]), ("เกณฑ์", [3, 3])], "ชิ้น"))
        blocks.append(Paragraph("หลังกราฟ", "note"))
        blocks.append(ChartBlock("pie", "สัดส่วน", ["ก", "ข", "ค"], [("ส่วน", [1, 2, 3])]))
    blocks.append(Paragraph("หมายเหตุท้ายรายงาน", "note"))
    return ReportSheet("สรุปงบประมาณ", "สรุปงบประมาณโครงการ", ["ปีงบประมาณ พ.ศ. 2569",
                                                          "สำนักงานเขตบางเขน"], blocks,
                       provisional=provisional)


def _rendered(report: ReportSheet, path: Path) -> dict[tuple[int, int], Any]:
    wb = xlsxwriter.Workbook(str(path), workbook_options())
    ws = wb.add_worksheet(report.name)
    renderer.render_report(ws, report, Styles(wb))
    wb.close()
    sheet = openpyxl.load_workbook(path)[report.name]
    return {(c.row - 1, c.column - 1): c.value for row in sheet.iter_rows() for c in row
            if c.value is not None}


@pytest.mark.parametrize("provisional", [False, True], ids=["final", "provisional"])
@pytest.mark.parametrize("with_chart", [False, True], ids=["no-chart", "charts"])
def test_layout_same_cells_as_file_renderer(provisional: bool, with_chart: bool,
                                            tmp_path: Path) -> None:
    report = _report(provisional, with_chart)
    grid = layout(report)
    placed = {rc: cell.value for rc, cell in grid.cells.items() if cell.value is not None}
    assert placed == _rendered(report, tmp_path / "r.xlsx")


def test_layout_formats_match_renderer() -> None:
    for name, fmt in NUMBER_FORMATS.items():
        assert renderer.NUM_FORMATS[name] == fmt
    assert renderer.PROVISIONAL_BANNER == PROVISIONAL_BANNER
    assert renderer.CHART_DATA_COL == CHART_DATA_COL


def test_layout_values_as_written() -> None:
    grid = layout(_report(False, False))
    values = {cell.value for cell in grid.cells.values()}
    assert "15,100.-" in values  # amount_dash is text
    assert 30200.0 in values and "ใช่" in values
    assert datetime(2025, 11, 1) in values
    link = next(c for c in grid.cells.values() if c.link == "#'โรงเรียน'!C5")
    assert link.value == "ไม่" and link.role == "bad"


@pytest.mark.parametrize(("text", "prefixed"), [
    ("15,100.-", True), ("2569", True), ("02-521-0001", True), ("31/02/2569", True),
    ("15 พ.ย. 2568", True), ("พฤศจิกายน 2568", True), ("=HYPERLINK(\"x\")", True),
    ("+66", True), ("-", True), ("@home", True), ("TRUE", True), ("#REF!", True),
    ("'quoted", True), ("๑๕,๑๐๐", True), ("50%", True),
    ("โรงเรียนตัวอย่าง", False), ("BK01", False), ("ขนาดใหญ่", False), ("", False),
    ("ปีงบประมาณ พ.ศ. 2569", False), ("bk01@example.org", False),
])
def test_layout_text_prefix(text: str, prefixed: bool) -> None:
    assert needs_text_prefix(text) is prefixed
    written = cell_value(text)
    assert written == ("'" + text if prefixed else text)
    assert excel_value(written) == (text or None)  # Excel keeps it as the same text


@pytest.mark.parametrize(("value", "expected"), [
    (D("15100"), 15100), (D("2.5"), 2.5), (None, None), (True, True),
    (date(2026, 1, 2), date(2026, 1, 2)), (3, 3),
])
def test_layout_cell_value_types(value: Any, expected: Any) -> None:
    assert cell_value(value) == expected
    assert type(cell_value(value)) is type(expected)
