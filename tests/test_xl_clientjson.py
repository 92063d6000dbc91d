"""The server reads the VBA client's body as the client writes it (``xl/clientjson.py``):
Buddhist-calendar dates, newer error values, long numeric text. Every request here is built
by the test client (``tests/vbaclient.py``) from the VBA source's behaviour."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
import xlwings as xw

from learnworks_xl.core.grid import CellError
from learnworks_xl.core.validate import validate_raw
from learnworks_xl.sample import sample_data
from learnworks_xl.workbook.build import build_workbook
from learnworks_xl.xl.bookio import read_book
from learnworks_xl.xl.clientjson import (
    NEWER_ERROR,
    BodyNotJson,
    could_be_vba_number,
    loads,
    normalise,
    repair,
)
from learnworks_xl.xl.server import check_request, run_button
from tests.vbaclient import NEWER_ERRORS, ExcelBook, ExcelError, Sheet
from tests.xlpress import message, press, server_data

CLEAN = "ตรวจสอบข้อมูลเรียบร้อย ไม่พบข้อผิดพลาด"


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The product workbook with the sample data."""
    return build_workbook(tmp_path_factory.mktemp("built") / "learnworks.xlsm",
                          data=sample_data())


# ------------------------------------------------------------------ Buddhist calendar


def test_clientjson_buddhist_pc_reads_as_gregorian(built: Path) -> None:
    """Every cell of every sheet: the server makes of a Buddhist-calendar PC's body exactly
    what it makes of the Gregorian one (``Format$`` wrote 2568-11-14 for 2025-11-14)."""
    book = ExcelBook.open(built)
    buddhist, gregorian = book.request_body("buddhist"), book.request_body("gregorian")
    assert '"2568-11-14T00:00:00.000Z"' in buddhist and '"2568-11-14' not in gregorian
    assert server_data(book, "buddhist") == server_data(book, "gregorian")


@pytest.mark.parametrize("button", ["validate", "recompute", "reports", "collect"])
def test_clientjson_buddhist_pc_same_answer(built: Path, button: str,
                                            monkeypatch: pytest.MonkeyPatch,
                                            tmp_path: Path) -> None:
    """Acceptance: the sample posted as a Buddhist-calendar PC sends it answers as the
    Gregorian one (the same actions, to the last message)."""
    monkeypatch.setenv("LEARNWORKS_OUTPUT_DIR", str(tmp_path))
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1784000000")
    book = ExcelBook.open(built)
    assert press(button, book, "buddhist") == press(button, book, "gregorian")
    if button == "validate":
        assert message(press(button, book, "buddhist")) == [CLEAN, "ตรวจสอบข้อมูล", "info"]


def test_clientjson_buddhist_pc_without_reading_is_543_years_late(built: Path) -> None:
    """The fault this reading repairs: the same body taken as plain JSON."""
    data = json.loads(ExcelBook.open(built).request_body("buddhist"))
    text = message(run_button("validate", data)["actions"])[0]
    assert text.startswith("พบข้อผิดพลาด 111 รายการ")


@pytest.mark.parametrize(("sent", "read"), [
    ("2568-11-15T00:00:00.000Z", "2025-11-15T00:00:00.000Z"),
    ("2567-02-29T09:30:05.000Z", "2024-02-29T09:30:05.000Z"),
    ("2442-12-30T08:15:00.000Z", "1899-12-30T08:15:00.000Z"),  # a time of day
    ("2400-01-01T00:00:00.000Z", "1857-01-01T00:00:00.000Z"),
    ("2399-12-31T00:00:00.000Z", "2399-12-31T00:00:00.000Z"),  # below 2400: Gregorian
    ("2025-11-15T00:00:00.000Z", "2025-11-15T00:00:00.000Z"),
    ("2568-11-15", "2568-11-15"),  # not what Format$ writes: text the clerk typed
])
def test_clientjson_buddhist_year(sent: str, read: str) -> None:
    data = {"sheets": [{"name": "s", "values": [[sent, 1]]}]}
    normalise(data)
    assert data["sheets"][0]["values"] == [[read, 1]]


# ------------------------------------------------------------------ newer error values


def _findings(data: dict[str, Any]) -> list[tuple[str, str | None, str, str]]:
    with xw.Book(json=data) as book:
        raw = read_book(book)
    _parsed, report = validate_raw(raw)
    return [(f.sheet, f.cell, f.code, f.message) for f in report.findings]


@pytest.mark.parametrize("code", NEWER_ERRORS)
@pytest.mark.parametrize(("cell", "title"), [("A4", "รหัสโรงเรียน"), ("B4", "วันที่"),
                                             ("I4", "เลขที่เอกสาร")])
def test_clientjson_newer_error_is_formula_error(built: Path, code: str, cell: str,
                                                 title: str) -> None:
    """Acceptance: a ``#SPILL!`` (or any newer error) cell — first, middle or last column of
    the sheet — is 200 and a ``formula-error`` finding at that cell."""
    book = ExcelBook.open(built)
    book.sheet("การใช้จ่าย").set(cell, ExcelError(code))
    with pytest.raises(json.JSONDecodeError):
        json.loads(book.request_body())
    found = _findings(server_data(book))
    errors = [f for f in found if f[2] == "formula-error"]
    assert errors == [("การใช้จ่าย", cell, "formula-error",
                       f"«{title}» มีค่าผิดพลาด {NEWER_ERROR} กรุณาแก้สูตรหรือพิมพ์ค่าใหม่")]
    assert NEWER_ERROR == "(#SPILL!, #CALC! หรือค่าผิดพลาดแบบใหม่อื่น ๆ ของ Excel)"


def test_clientjson_spill_press_answers(built: Path) -> None:
    book = ExcelBook.open(built)
    book.sheet("การใช้จ่าย").set("B4", ExcelError("#SPILL!"))
    text, title, mode = message(press("validate", book))
    assert (title, mode) == ("ตรวจสอบข้อมูล", "critical")
    assert text.startswith("พบข้อผิดพลาด 1 รายการ")


def test_clientjson_newer_error_in_one_column_sheet(built: Path) -> None:
    book = ExcelBook.open(built)
    extra = Sheet("บันทึกเพิ่ม")
    extra.set("A1", "หมายเหตุ")
    extra.set("A2", ExcelError("#CALC!"))
    extra.set("A3", "ข้อความ")
    book.sheets.append(extra)
    data = server_data(book)
    assert data["sheets"][-1]["values"] == [["หมายเหตุ"], [NEWER_ERROR], ["ข้อความ"]]
    assert message(press("validate", book))[0] == CLEAN  # a sheet of the clerk's own


@pytest.mark.parametrize(("text", "fixed"), [
    ('[,"a"]', '["\\u0000","a"]'),
    ('["a",,"b"]', '["a","\\u0000","b"]'),
    ('["a",]', '["a","\\u0000"]'),
    ('[[,,]]', '[["\\u0000","\\u0000","\\u0000"]]'),
    ('[[]]', '[[]]'),                                     # an empty sheet: kept
    ('["a,,b",",]","[,"]', '["a,,b",",]","[,"]'),         # inside strings: never touched
    ('["say \\",,\\"",,1]', '["say \\",,\\"","\\u0000",1]'),
    ('[0012345678901234,1]', '["0012345678901234",1]'),
    ('[1.2.3.4.5.6.7.8.9]', '["1.2.3.4.5.6.7.8.9"]'),
    ('{"k":EEEEEEEEEEEEEEEE}', '{"k":"EEEEEEEEEEEEEEEE"}'),
    ('[0.123456789012345]', '[0.123456789012345]'),       # VBA's text of a Double: kept
    ('[-0012345678901234]', '[-0012345678901234]'),       # signed: not the client's text
])
def test_clientjson_repair(text: str, fixed: str) -> None:
    assert repair(text) == fixed


@pytest.mark.parametrize(("token", "number"), [
    ("0.123456789012345", True), ("999999999999999", True), ("0.0001", True),
    ("1234567890123456", False), ("0012345678901234", False), ("1.23456789012345E", False),
    ("0.00001234567890123", False), ("12345.678901234567", False), ("1.50", False),
    ("1.", False), ("", False),
])
def test_clientjson_could_be_vba_number(token: str, number: bool) -> None:
    """VBA writes a Double with at most 15 significant digits, no trailing zero, and from
    1E+15 (or below 1E-4) with a signed exponent."""
    assert could_be_vba_number(token) is number


def test_clientjson_long_numeric_text_read_back(built: Path) -> None:
    """Document numbers typed as text: 16 digits (valid JSON, an integer to a plain reader)
    and 16 digits with leading zeros (not JSON) come back as the text they are."""
    book = ExcelBook.open(built)
    sheet = book.sheet("การใช้จ่าย")
    sheet.set("I4", "1234567890123456")
    sheet.set("I5", "0012345678901234")
    data = server_data(book)
    with xw.Book(json=data) as live:
        raw = read_book(live).sheets["การใช้จ่าย"]
    assert raw.rows[3][8] == "1234567890123456" and raw.rows[4][8] == "0012345678901234"
    assert message(press("validate", book))[0] == CLEAN


def test_clientjson_loads_numbers() -> None:
    assert loads(b'[0.123456789012345,1234567890123456,12345678901234567890,-5,1.5E+20]') == [
        0.123456789012345, "1234567890123456", "12345678901234567890", -5, 1.5e20]


# ------------------------------------------------------------------ still not JSON


def test_clientjson_still_not_json_says_where(built: Path) -> None:
    body = ExcelBook.open(built).request_body()
    start = body.index('{"name":"\\u0E01\\u0E32\\u0E23\\u0E43\\u0E0A\\u0E49')  # การใช้จ่าย
    cut = body.index('"values":[[', start) + 40
    data, failure = check_request(body[:cut].encode())
    assert data is None and failure is not None
    status, text = failure
    assert status == 422
    with pytest.raises(BodyNotJson) as caught:
        loads(body[:cut].encode())
    position = caught.value.position + 1
    assert caught.value.sheet == "การใช้จ่าย"
    assert text.decode() == (
        f"ข้อมูลที่สมุดงานส่งมาอ่านเป็น JSON ไม่ได้ตั้งแต่อักขระที่ {position:,} ในชีต «การใช้จ่าย» "
        "จึงยังไม่ได้ทำงานใด ๆ ข้อมูลอาจส่งมาไม่ครบ หรือตัวเชื่อมต่อ xlwings ใน Excel "
        "เขียนค่าบางเซลล์ผิดรูปแบบ กรุณากดปุ่มอีกครั้ง หากยังไม่ได้ให้ตรวจเซลล์ที่แสดงค่าผิดพลาด"
        "ในชีตนั้น หรือเปลี่ยนโหมดเป็น Python ในเครื่อง แล้วแจ้งผู้ดูแลระบบ "
        f"(malformed request: not JSON at character {position}: {caught.value.reason})")
    assert cut - 20 <= position <= cut + 1


@pytest.mark.parametrize(("body", "reason"), [
    (b"\xff\xfe{}", "not UTF-8"), (b"{not json", "Expecting property name enclosed in double "
                                                 "quotes")])
def test_clientjson_not_json_reason(body: bytes, reason: str) -> None:
    with pytest.raises(BodyNotJson) as caught:
        loads(body)
    assert caught.value.reason == reason and caught.value.sheet is None


def test_clientjson_local_mode_untouched() -> None:
    """COM dates never pass through the server's reading: a Buddhist year typed into a date
    cell of a Gregorian Excel stays what Excel holds (the file reader does the same)."""
    from datetime import date, datetime

    from learnworks_xl.xl.bookio import raw_cell

    assert raw_cell(datetime(2568, 11, 15)) == date(2568, 11, 15)
    assert raw_cell(NEWER_ERROR) == CellError(NEWER_ERROR)
