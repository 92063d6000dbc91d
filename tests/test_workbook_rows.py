"""Rows that fit their text, Thai digits by number format and one alignment per key/value
column, in the finished workbook (``learnworks run``) and the estimates behind them."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from openpyxl.worksheet.worksheet import Worksheet

from learnworks_xl import api
from learnworks_xl.core import sheets as sh
from learnworks_xl.core.layout.text import row_height, text_width, wrapped_lines

NOW = datetime(2026, 7, 31, 16, 30)


def _finished(path: Path) -> openpyxl.Workbook:
    run = api.run(path, out=path.with_name(path.stem + "-out.xlsx"), month="2026-07", now=NOW)
    return openpyxl.load_workbook(run.out)


def _find(ws: Worksheet, text: str, col: int = 1) -> tuple[int, int]:
    """(row, column) of the first cell whose text starts with ``text`` (1-based)."""
    for row in ws.iter_rows():
        for cell in row:
            if isinstance(cell.value, str) and cell.value.startswith(text):
                return cell.row, cell.column
    raise AssertionError(f"{text!r} not on {ws.title}")


@pytest.mark.parametrize(("text", "expected"), [
    ("กขค", 3), ("กิ่งไม้", 4), ("ที่นี่", 2), ("12 (a)", 5 * 0.6 + 1), ("", 0)])
def test_workbook_rows_text_width(text: str, expected: float) -> None:
    assert text_width(text) == pytest.approx(expected)


@pytest.mark.parametrize(("text", "width", "size", "lines"), [
    ("", 10, 16, 1),
    ("ก" * 10, 10, 16, 1),
    ("ก" * 11, 10, 16, 2),
    ("กิ่" * 10, 10, 16, 1),  # marks above and below take no width
    ("1" * 16, 10, 16, 1),  # digits are narrow
    ("ก" * 20 + "\n" + "ก", 10, 16, 3),
    ("ก" * 11, 10, 14, 1),  # smaller text fits more
])
def test_workbook_rows_wrapped_lines(text: str, width: float, size: float, lines: int) -> None:
    assert wrapped_lines(text, width, size) == lines


@pytest.mark.parametrize(("lines", "size", "height"), [
    (1, 16, None), (2, 16, 52.0), (3, 16, 76.0), (2, 14, 46.0)])
def test_workbook_rows_row_height(lines: int, size: float, height: float | None) -> None:
    assert row_height(lines, size) == height


@pytest.mark.parametrize(("sheet", "text", "height"), [
    (sh.BUDGET.name, "ค่าวัสดุในการจัดกิจกรรม", 76.0),  # the regulation beside: three lines
    (sh.BUDGET.name, "- โรงเรียนขนาดใหญ่", None),  # one line keeps the default
    (sh.MONTHLY.name, "3. โรงเรียนรายงานแผนการจัดกิจกรรม", 52.0),
    (sh.PLAN.name, "สำนักการศึกษาสรุปผลการดำเนินงาน", 52.0),  # input sheet data row
    (sh.PLAN.name, "ขออนุมัติโครงการ", None),
])
def test_workbook_rows_fit_wrapped_text(sample_path: Path, sheet: str, text: str,
                                        height: float | None) -> None:
    ws = _finished(sample_path)[sheet]
    row, _col = _find(ws, text)
    dim = ws.row_dimensions[row]
    # XlsxWriter stores whole pixels: 52 pt → 69 px → 51.75 pt.
    assert (dim.height if dim.customHeight else None) == (
        None if height is None else pytest.approx(height, abs=0.5))


@pytest.mark.parametrize(("sheet", "label", "align"), [
    (sh.KPI.name, "ผลการดำเนินงาน (ร้อยละ)", "left"),  # numbers and "5 โรงเรียน" share it
    (sh.KPI.name, "โรงเรียนทั้งหมด", "left"),
    (sh.MONTHLY.name, "ใช้จ่ายสะสมถึงสิ้นเดือน (บาท)", "right"),  # a block of amounts
])
def test_workbook_rows_keyvalue_alignment(sample_path: Path, sheet: str, label: str,
                                          align: str) -> None:
    ws = _finished(sample_path)[sheet]
    row, col = _find(ws, label)
    assert ws.cell(row, col + 1).alignment.horizontal == align


@pytest.mark.parametrize(("digits", "label", "value", "number_format"), [
    (True, "ผลการดำเนินงาน (ร้อยละ)", 100, "[$-D00041E]0.00"),
    (False, "ผลการดำเนินงาน (ร้อยละ)", 100, "0.00"),
    (True, "ยอดจัดสรรให้โรงเรียนรวม (บาท)", 69500, "[$-D00041E]#,##0.00"),
])
def test_workbook_rows_thai_digits_number_format(
        make_workbook: Callable[..., Path], sample_dict: dict[str, Any], digits: bool,
        label: str, value: float, number_format: str) -> None:
    sample_dict[sh.SETTINGS.name]["thai_digits"] = digits
    wb = _finished(make_workbook(sample_dict))
    ws = wb[sh.KPI.name if label.startswith("ผลการ") else sh.BUDGET.name]
    row, col = _find(ws, label)
    cell = ws.cell(row, col + 1)
    assert (cell.value, cell.number_format) == (value, number_format)


@pytest.mark.parametrize("digits", [True, False])
def test_workbook_rows_thai_digit_dates(make_workbook: Callable[..., Path],
                                        sample_dict: dict[str, Any], digits: bool) -> None:
    sample_dict[sh.SETTINGS.name]["thai_digits"] = digits
    ws = _finished(make_workbook(sample_dict))[sh.MONTHLY.name]
    row, _col = _find(ws, "1. ขออนุมัติโครงการ")
    cell = ws.cell(row, 7)
    assert cell.value == datetime(2025, 10, 20)
    assert cell.number_format == ("[$-D07041E]" if digits else "[$-107041E]") + "d mmm yyyy"
