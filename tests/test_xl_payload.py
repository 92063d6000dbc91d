"""The request that the xlwings VBA client sends, made from a workbook file, read back
through ``xw.Book(json=...)`` exactly as the file reader reads the file."""

from __future__ import annotations

from datetime import date, datetime, time
from pathlib import Path
from typing import Any

import openpyxl
import pytest
import xlwings as xw

from learnworks_xl.core.grid import CellError
from learnworks_xl.io.reader import read_workbook
from learnworks_xl.sample import sample_data
from learnworks_xl.workbook.build import build_workbook
from learnworks_xl.xl.bookio import raw_cell, read_book
from learnworks_xl.xl.clientpayload import client_payload, vba_json_value, with_settings
from learnworks_xl.xl.request import ClientRequest


@pytest.mark.parametrize(("value", "sent"), [
    (None, None), (True, True), (15100.0, 15100), (15100, 15100), (2.5, 2.5),
    (0.1 + 0.2, 0.3), (-3.0, -3), (1e15, 1e15),
    (datetime(2025, 11, 15), "2025-11-15T00:00:00.000Z"),
    (datetime(2025, 11, 15, 9, 30, 5), "2025-11-15T09:30:05.000Z"),
    (date(2026, 7, 31), "2026-07-31T00:00:00.000Z"),
    (time(8, 15), "1899-12-30T08:15:00.000Z"),
    ("#REF!", "#REF!"), ("โรงเรียน", "โรงเรียน"), ("0812345678", "0812345678"),
    ("1234567890123456", 1234567890123456),  # WebHelpers sends such text unquoted
])
def test_payload_vba_json_value(value: Any, sent: Any) -> None:
    assert vba_json_value(value) == sent
    assert type(vba_json_value(value)) is type(sent)


@pytest.mark.parametrize(("value", "raw"), [
    (15100, 15100.0), (True, True), (None, None), ("#N/A", CellError("#N/A")),
    ("#REF!", CellError("#REF!")), (datetime(2025, 11, 15), date(2025, 11, 15)),
    (datetime(2025, 11, 15, 9, 30), datetime(2025, 11, 15, 9, 30)), ("x", "x"),
])
def test_payload_raw_cell(value: Any, raw: Any) -> None:
    got = raw_cell(value)
    assert got == raw and type(got) is type(raw)


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The product workbook with the sample data."""
    return build_workbook(tmp_path_factory.mktemp("built") / "sample.xlsm", data=sample_data())


@pytest.fixture(params=["plain", "built"])
def workbook(request: pytest.FixtureRequest, sample_path: Path, built: Path) -> Path:
    """The plain sample and the product workbook."""
    return sample_path if request.param == "plain" else built


def test_payload_shape(workbook: Path) -> None:
    payload = client_payload(workbook)
    ClientRequest.model_validate(payload)
    assert set(payload) == {"client", "version", "book", "names", "sheets"}
    assert (payload["client"], payload["version"]) == ("VBA", xw.__version__)
    assert payload["book"] == {"name": workbook.name, "active_sheet_index": 0,
                               "selection": "A1"}
    names = [ws.title for ws in openpyxl.load_workbook(workbook).worksheets]
    assert [s["name"] for s in payload["sheets"]] == names
    for sheet in payload["sheets"]:
        assert set(sheet) == {"name", "pictures", "tables", "values"}
        widths = {len(row) for row in sheet["values"]}
        assert len(widths) == 1  # rectangular from A1
    for name in payload["names"]:
        assert "$" not in name["address"] and 0 <= name["sheet_index"] < len(names)


def test_payload_read_back_equals_file_reader(workbook: Path) -> None:
    with xw.Book(json=client_payload(workbook)) as book:
        live = read_book(book)
    disk = read_workbook(workbook)
    assert list(live.sheets) == list(disk.sheets)
    for name, sheet in disk.sheets.items():
        expected = [[None if v == "" else v for v in row] for row in sheet.rows]
        got = live.sheets[name].rows
        width = max((len(r) for r in expected), default=0)
        assert [row[:width] for row in got][: len(expected)] == expected, name


def test_payload_empty_sheet(tmp_path: Path) -> None:
    wb = openpyxl.Workbook()
    wb.active.title = "ว่าง"  # type: ignore[union-attr]
    wb.save(tmp_path / "empty.xlsx")
    payload = client_payload(tmp_path / "empty.xlsx")
    assert payload["sheets"][0]["values"] == [[]]
    assert payload["names"] == []


def test_payload_with_settings(sample_path: Path) -> None:
    payload = with_settings(client_payload(sample_path), "ตั้งค่า",
                            {"พอร์ต SMTP": 2525, "ชื่อผู้ใช้ SMTP": None})
    rows = next(s for s in payload["sheets"] if s["name"] == "ตั้งค่า")["values"]
    values = {row[0]: row[1] for row in rows}
    assert values["พอร์ต SMTP"] == 2525 and values["ชื่อผู้ใช้ SMTP"] is None
    with pytest.raises(KeyError):
        with_settings(payload, "ตั้งค่า", {"ไม่มีหัวข้อนี้": 1})
