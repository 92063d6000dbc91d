"""One layout, two painters: the grid of a report (``core.layout``) is what the file shows
cell for cell (values, number formats, fills, merges, row heights, charts, print area), and a
button's actions replayed as the VBA client runs them show the same values, number formats
and fills; positions worked out by hand; text that Excel would reinterpret is protected."""

from __future__ import annotations

import re
import zipfile
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path
from typing import Any

import openpyxl
import pytest
import xlsxwriter
import xlwings as xw
from openpyxl.utils import get_column_letter
from test_xl_compare import Shown, sheet_cells

from learnworks_xl.core.grid import RawWorkbook
from learnworks_xl.core.layout import ReportGrid, lay_out
from learnworks_xl.core.layout import report as layout_report
from learnworks_xl.core.layout.colours import (
    BANNER_FILL,
    ERROR_FILL,
    OK_FILL,
    REPORT_HEADER_FILL,
)
from learnworks_xl.core.reports.content import (
    CHART_DATA_COL,
    PROVISIONAL_BANNER,
    ChartBlock,
    Column,
    KeyValues,
    Paragraph,
    ReportSheet,
    TableBlock,
    v,
)
from learnworks_xl.workbook.reports import paint_report, render_report
from learnworks_xl.workbook.styles import Styles, workbook_options
from learnworks_xl.xl.bookio import apply_patch
from learnworks_xl.xl.patch import Link, cell_value, needs_text_prefix
from learnworks_xl.xl.reportwrite import rectangles, report_patch
from tests.vbaclient import ExcelBook
from tests.vbareplay import excel_value, replay_file
from tests.xlpress import server_data

D = Decimal
NAME = "สรุปงบประมาณ"


def _report(provisional: bool, with_chart: bool, thai_digits: bool) -> ReportSheet:
    blocks: list[Any] = [
        Paragraph("หัวข้อของรายงาน", "heading"),
        Paragraph("ย่อหน้าแรกของรายงาน " * 12),
        KeyValues([("งบประมาณ", v(D("69500"), "amount")),
                   ("เป็นตัวอักษร", v("หกหมื่นเก้าพันห้าร้อยบาทถ้วน")),
                   ("วันที่", v(date(2026, 7, 31), "date")),
                   ("ผล", v("ผ่าน", role="ok")),
                   ("ลิงก์", v("เปิด", link="https://example.org/x"))], heading="สรุป"),
        TableBlock(
            columns=[Column("ขนาด"), Column("จำนวน", "int"), Column("อัตรา", "amount_dash"),
                     Column("รวม", "amount"), Column("ร้อยละ", "percent"),
                     Column("เดือน", "month"), Column("ผ่าน")],
            rows=[[v("ขนาดใหญ่"), v(2), v(D("15100")), v(D("30200")), v(D("43.45"), role="warn"),
                   v(date(2025, 11, 1), "month"), v(True)],
                  [v("ขนาดกลาง"), v(3), v(D("13100")), v(D("39300.5")), v(D("56.55")),
                   v(None), v("ไม่", role="bad", link="#'โรงเรียน'!C5")]],
            totals=[[v("รวม", role="strong"), v(5), v(None), v(D("69500.5")), v(D(100)),
                     v(None), v(None, role="ok")]],
            heading="ตารางงบประมาณ"),
        TableBlock(columns=[Column("ก"), Column("ข")], rows=[], empty_text="ไม่มีข้อมูล"),
    ]
    if with_chart:
        blocks.append(ChartBlock("column", "ผลงานต่อโรงเรียน", ["BK01", "BK02"],
                                 [("ผลงาน", [3, 2]), ("เกณฑ์", [3, 3])], "ชิ้น"))
        blocks.append(Paragraph("หลังกราฟ", "note"))
        blocks.append(ChartBlock("pie", "สัดส่วน", ["ก", "ข", "ค"], [("ส่วน", [1, 2, 3])]))
    blocks.append(Paragraph("หมายเหตุท้ายรายงาน", "note"))
    return ReportSheet(NAME, "สรุปงบประมาณโครงการ", ["ปีงบประมาณ พ.ศ. 2569", "สำนักงานเขตบางเขน"],
                       blocks, provisional=provisional, thai_digits=thai_digits)


def _painted(grid: ReportGrid, path: Path) -> Path:
    """A file painted from a laid-out grid."""
    wb = xlsxwriter.Workbook(str(path), workbook_options())
    paint_report(wb.add_worksheet(grid.name), grid, Styles(wb))
    wb.close()
    return path


def _rendered(report: ReportSheet, path: Path) -> Path:
    """A file as ``learnworks run`` writes it: each cell painted as the layout places it."""
    wb = xlsxwriter.Workbook(str(path), workbook_options())
    render_report(wb.add_worksheet(report.name), report, Styles(wb))
    wb.close()
    return path


def _parts(path: Path) -> dict[str, bytes]:
    with zipfile.ZipFile(path) as z:
        return {n: z.read(n) for n in z.namelist() if n != "docProps/core.xml"}  # its time


def _button(report: ReportSheet, tmp_path: Path) -> Path:
    """The report written by a button into a book that lacks the sheet, replayed."""
    empty = tmp_path / "live.xlsx"
    wb = openpyxl.Workbook()
    wb.active.title = "ชีต1"
    wb.save(empty)
    patch = report_patch(report, RawWorkbook({}))
    with xw.Book(json=server_data(ExcelBook.open(empty))) as book:
        apply_patch(book, patch)
        actions = book.json()["actions"]
    out = tmp_path / "replayed.xlsx"
    replay_file(empty, actions, out)
    return out


def _grid_cells(grid: ReportGrid) -> dict[tuple[int, int], Shown]:
    out: dict[tuple[int, int], Shown] = {}
    for r, c, cell in grid.covered():
        value = cell.value if (r, c) in grid.cells else None
        shown = (value, grid.number_format(cell), cell.fill)
        if shown != (None, "General", None):
            out[(r, c)] = shown
    return out


def _chart_anchors(path: Path) -> list[tuple[int, int]]:
    """(row, column) of each chart's top-left corner, in drawing order."""
    with zipfile.ZipFile(path) as z:
        drawings = [n for n in z.namelist() if n.startswith("xl/drawings/drawing")]
        xml = "".join(z.read(n).decode() for n in sorted(drawings))
    return [(int(r), int(c)) for c, r in re.findall(
        r"<xdr:from><xdr:col>(\d+)</xdr:col><xdr:colOff>-?\d+</xdr:colOff>"
        r"<xdr:row>(\d+)</xdr:row>", xml)]


CASES = [(False, False, False), (True, False, False), (False, True, False), (True, True, True)]
IDS = ["final", "provisional", "charts", "provisional-charts-thai-digits"]


@pytest.mark.parametrize(("provisional", "with_chart", "thai_digits"), CASES, ids=IDS)
def test_layout_file_is_the_grid(provisional: bool, with_chart: bool, thai_digits: bool,
                                 tmp_path: Path) -> None:
    report = _report(provisional, with_chart, thai_digits)
    grid = lay_out(report)
    path = _painted(grid, tmp_path / "file.xlsx")
    assert _parts(path) == _parts(_rendered(report, tmp_path / "streamed.xlsx"))
    assert sheet_cells(path, NAME) == _grid_cells(grid)
    ws = openpyxl.load_workbook(path)[NAME]
    assert {str(m) for m in ws.merged_cells.ranges} == {
        f"A{r + 1}:{get_column_letter(last + 1)}{r + 1}" for (r, _c), last in grid.merges.items()}
    heights = {r - 1: d.height for r, d in ws.row_dimensions.items() if d.height is not None}
    assert heights == pytest.approx(grid.row_heights, abs=0.75)  # whole pixels in the file
    last_row, last_col = grid.print_area
    assert ws.print_area == f"'{NAME}'!$A$1:${get_column_letter(last_col + 1)}${last_row + 1}"
    assert _chart_anchors(path) == [(chart.row, 0) for chart in grid.charts]


@pytest.mark.parametrize(("provisional", "with_chart", "thai_digits"), CASES, ids=IDS)
def test_layout_button_is_the_file(provisional: bool, with_chart: bool, thai_digits: bool,
                                   tmp_path: Path) -> None:
    report = _report(provisional, with_chart, thai_digits)
    file = _rendered(report, tmp_path / "file.xlsx")
    assert sheet_cells(_button(report, tmp_path), NAME) == sheet_cells(file, NAME)


def test_layout_positions_by_hand() -> None:
    report = ReportSheet("ร", "หัวเรื่อง", ["รอง"], [
        Paragraph("ย่อหน้า"),
        KeyValues([("ก", v(5, "int"))], heading="สรุป"),
        TableBlock([Column("ชื่อ", width=20), Column("เงิน", "amount")], [], empty_text="ไม่มี"),
        ChartBlock("column", "กราฟ", ["BK01"], [("ผลงาน", [3])]),
    ], provisional=True)
    grid = lay_out(report)
    c0 = CHART_DATA_COL
    assert {rc: (cell.value, cell.style) for rc, cell in grid.cells.items()} == {
        (0, 0): ("หัวเรื่อง", "title"), (1, 0): ("รอง", "subtitle"),
        (2, 0): (PROVISIONAL_BANNER, "banner"),  # row 3 blank
        (4, 0): ("ย่อหน้า", "paragraph"),  # row 5 blank
        (6, 0): ("สรุป", "heading"), (7, 0): ("ก", "label"), (7, 1): (5.0, "value"),
        (9, 0): ("ชื่อ", "header"), (9, 1): ("เงิน", "header"), (10, 0): ("ไม่มี", "empty"),
        (0, c0): ("ข้อมูลกราฟ", "chart_label"), (1, c0): ("กราฟ", "chart_label"),
        (1, c0 + 1): ("ผลงาน", "chart_label"), (2, c0): ("BK01", "chart_data"),
        (2, c0 + 1): (3.0, "chart_data"),
    }
    assert grid.widths == [20, 16]  # the table's name column; the key/value's value column
    assert grid.merges == {(2, 0): 1, (4, 0): 1, (10, 0): 1}
    assert [(chart.row, chart.data_row) for chart in grid.charts] == [(12, 1)]
    assert grid.end_row == 12 + 13 + 1  # 360 px at 32 px a row, plus one; then a blank row
    assert grid.print_area == (25, 1)
    assert grid.row_heights == {0: 40, 2: 36, 6: 30}
    fills = {(r, c): cell.fill for r, c, cell in grid.covered() if cell.fill}
    assert fills == {(2, 0): BANNER_FILL, (2, 1): BANNER_FILL, (9, 0): REPORT_HEADER_FILL,
                     (9, 1): REPORT_HEADER_FILL}
    assert grid.cells[(7, 1)].format == "int" and grid.number_format(grid.cells[(7, 1)]) == "#,##0"


def test_layout_roles_fill_and_thai_digits() -> None:
    grid = lay_out(ReportSheet("ร", "ท", blocks=[KeyValues([
        ("ก", v(D(1), "amount", "ok")), ("ข", v("ไม่ผ่าน", role="bad")),
        ("ค", v(date(2026, 1, 2), "date", "strong"))])], thai_digits=True))
    shown = {r: (c.fill, grid.number_format(c)) for (r, col), c in grid.cells.items() if col == 1}
    assert shown == {2: (OK_FILL, "[$-D00041E]#,##0.00"), 3: (ERROR_FILL, "@"),
                     4: (None, "[$-D07041E]d mmm yyyy")}
    assert all(c.align == "left" for (_r, col), c in grid.cells.items() if col == 1)  # mixed


def test_layout_values_as_written() -> None:
    grid = lay_out(_report(False, False, False))
    values = {cell.value for cell in grid.cells.values()}
    assert "15,100.-" in values  # amount_dash is text
    assert 30200.0 in values and "ใช่" in values
    assert datetime(2025, 11, 1) in values
    assert "69,500.00" not in values  # a linkless amount stays a number
    link = next(c for c in grid.cells.values() if c.link == "#'โรงเรียน'!C5")
    assert link.value == "ไม่" and link.role == "bad"


def test_layout_links_capped(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(layout_report, "MAX_LINKS", 2)
    rows = [[v(date(2026, 1, i + 1), "date", link=f"#'โรงเรียน'!A{i + 1}")] for i in range(3)]
    report = ReportSheet("ผลการตรวจสอบ", "ผล", blocks=[TableBlock([Column("วันที่", "date")], rows)])
    grid = lay_out(report)
    body = [grid.cells[(r, 0)] for r in (3, 4, 5)]  # title, a blank row, the header
    assert [(c.value, c.link) for c in body] == [
        ("1 ม.ค. 2569", "#'โรงเรียน'!A1"), ("2 ม.ค. 2569", "#'โรงเรียน'!A2"),
        (datetime(2026, 1, 3), None)]  # past the cap: the value itself, no link
    assert len(report_patch(report, RawWorkbook({})).of(Link)) == 2


def test_layout_rectangles_join_runs() -> None:
    # a table's text columns A–B over rows 3–5, its amount column C, a header row 2 (A–C)
    cells = {(r, c): "@" for r in (3, 4, 5) for c in (0, 1)}
    cells |= {(r, 2): "#,##0.00" for r in (3, 4, 5)} | {(7, 2): "#,##0.00"}
    cells |= {(2, c): "#1F4E78" for c in (0, 1, 2)} | {(4, 5): "@"}
    assert rectangles(cells) == [(2, 0, 1, 3, "#1F4E78"), (3, 0, 3, 2, "@"),
                                 (3, 2, 3, 1, "#,##0.00"), (4, 5, 1, 1, "@"),
                                 (7, 2, 1, 1, "#,##0.00")]


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
