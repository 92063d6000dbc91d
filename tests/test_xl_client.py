"""The test client (``tests/vbaclient.py``) against the pinned VBA client's source, and the
server's reading of what it sends compared with the file reader.

Each behaviour of the client rests on lines of ``Remote.bas`` / ``WebHelpers.bas`` of the
installed xlwings (the modules the workbook embeds); ``test_client_source_lines`` fails when
any of them changes, so the client is rewritten with the VBA it copies.
"""

from __future__ import annotations

import json
import re
import zipfile
from datetime import date, datetime
from pathlib import Path
from typing import Any

import openpyxl
import pytest
import xlwings as xw
from openpyxl.styles import PatternFill

from learnworks_xl.core.grid import CellError
from learnworks_xl.io.reader import read_workbook
from learnworks_xl.sample import sample_data
from learnworks_xl.workbook.build import CLIENT_TIMEOUT_MS, XLWINGS_CONF, build_workbook
from learnworks_xl.workbook.positions import XLWINGS_CONF_SHEET
from learnworks_xl.workbook.vba import MESSAGES
from learnworks_xl.xl.bookio import raw_cell, read_book
from learnworks_xl.xl.request import ClientRequest
from tests.vbaclient import (
    CLASSIC_ERRORS,
    NEWER_ERRORS,
    REMOTE_BAS,
    WEBHELPERS_BAS,
    ExcelBook,
    ExcelError,
    VbaOverflow,
    client_version,
    convert_value,
)
from tests.xlpress import server_data

ROOT = Path(__file__).resolve().parents[1]

#: The lines of the VBA client the test client copies, by file.
SOURCE_LINES = {
    REMOTE_BAS: [
        "        For iName = 1 To nNames",
        "                nameDict.Add \"address\", myname.RefersToRange.Address(False, False)",
        "            Dim startRow As Integer, startCol As Integer",
        "            Dim nRows As Integer, nCols As Integer",
        "                    .Cells(startRow + nRows - 1, startCol + nCols - 1) _",
        "                values = Array(Array(values))",
        "        ElseIf IsEmpty(wb.Worksheets(i).UsedRange.Value) Then",
        "            values = Array(Array())",
        "        myClient.TimeoutMs = 30000 ' Set default to 30s",
        "        timeout = GetConfig(\"TIMEOUT\", 0)",
        "Sub runMacro(wb As Workbook, action As Dictionary)",
        "        Application.Run action(\"args\")(1), wb, action(\"args\")(2), "
        "action(\"args\")(3), action(\"args\")(4)",
        "    rv = MsgBox(Prompt:=myPrompt, Title:=myTitle, Buttons:=myStyle)",
    ],
    WEBHELPERS_BAS: [
        "    ConvertToIso = VBA.Format$(utc_LocalDate, \"yyyy-mm-ddTHH:mm:ss.000Z\")",
        "        If Not JsonOptions.UseDoubleForLargeNumbers And "
        "json_StringIsLargeNumber(JsonValue) Then",
        "            ConvertToJson = JsonValue",
        "    If json_Length >= 16 And json_Length <= 100 Then",
        "            Case 46, 48 To 57, 69, 101",
        "        ConvertToJson = VBA.Replace(JsonValue, \",\", \".\")",
        "                        If json_Converted = \"\" Then",
        "                            If json_IsUndefined(JsonValue(json_Index, json_Index2D)) Then",
        "            json_Char = \"\\u\" & VBA.Right$(\"0000\" & VBA.Hex$(json_AscCode), 4)",
    ],
}


def test_client_source_lines() -> None:
    for path, lines in SOURCE_LINES.items():
        text = {line.strip() for line in path.read_text(encoding="ascii").splitlines()}
        for line in lines:
            assert line.strip() in text, f"{path.name} no longer has: {line.strip()}"


def test_client_source_error_cases_are_the_seven_classic() -> None:
    """``Case VBA.vbError``: ``Case "Error 2007"`` … — exactly the seven classic errors."""
    text = WEBHELPERS_BAS.read_text(encoding="ascii")
    block = text.split("Case VBA.vbError", 1)[1].split("End Select", 1)[0]
    cases = re.findall(r'Case "Error (\d+)"\s+ConvertToJson = """" & "([^"]+)" & """"', block)
    assert sorted(code for _n, code in cases) == sorted(CLASSIC_ERRORS)
    assert "Case Else" not in block  # any other error converts to ""


def test_client_version_is_the_workbooks() -> None:
    assert client_version() == xw.__version__ == "0.37.8"


@pytest.mark.parametrize(("value", "calendar", "text"), [
    (None, "gregorian", "null"), (True, "gregorian", "true"), (15100.0, "gregorian", "15100"),
    (2.5, "gregorian", "2.5"), (0.1 + 0.2, "gregorian", "0.3"), (-3.0, "gregorian", "-3"),
    (1e15, "gregorian", "1E+15"), (999999999999999.0, "gregorian", "999999999999999"),
    (0.0001, "gregorian", "0.0001"), (0.00001, "gregorian", "1E-05"),
    (1 / 3, "gregorian", "0.333333333333333"),
    (datetime(2025, 11, 15), "gregorian", '"2025-11-15T00:00:00.000Z"'),
    (datetime(2025, 11, 15), "buddhist", '"2568-11-15T00:00:00.000Z"'),
    (datetime(2024, 2, 29, 9, 30, 5), "buddhist", '"2567-02-29T09:30:05.000Z"'),
    (datetime(1899, 12, 30, 8, 15), "buddhist", '"2442-12-30T08:15:00.000Z"'),
    (ExcelError("#REF!"), "gregorian", '"#REF!"'), (ExcelError("#N/A"), "gregorian", '"#N/A"'),
    *[(ExcelError(code), "gregorian", "") for code in NEWER_ERRORS],
    ("โรงเรียน", "gregorian", '"\\u0E42\\u0E23\\u0E07\\u0E40\\u0E23\\u0E35\\u0E22\\u0E19"'),
    ('a"b\\c/d\n', "gregorian", '"a\\"b\\\\c/d\\n"'),
    ("0812345678", "gregorian", '"0812345678"'),
    ("0012345678901234", "gregorian", "0012345678901234"),  # 16 of [0-9.Ee]: unquoted
    ("1234567890123456", "gregorian", "1234567890123456"),
    ("123456789012345", "gregorian", '"123456789012345"'),  # 15: quoted
    ("2568.11.15.00001", "gregorian", "2568.11.15.00001"),
    ("๐๐๑๒๓๔๕๖๗๘๙๐๑๒๓๔", "gregorian",
     '"' + "".join(f"\\u{ord(c):04X}" for c in "๐๐๑๒๓๔๕๖๗๘๙๐๑๒๓๔") + '"'),
])
def test_client_convert_value(value: Any, calendar: Any, text: str) -> None:
    assert convert_value(value, calendar) == text


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The product workbook with the sample data."""
    return build_workbook(tmp_path_factory.mktemp("built") / "sample.xlsm", data=sample_data())


@pytest.fixture(params=["plain", "built"])
def workbook(request: pytest.FixtureRequest, sample_path: Path, built: Path) -> Path:
    """The plain sample and the product workbook."""
    return sample_path if request.param == "plain" else built


def _defined_names(path: Path) -> list[tuple[str, str | None, str]]:
    with zipfile.ZipFile(path) as z:
        xml = z.read("xl/workbook.xml").decode("utf-8")
    return re.findall(r'<definedName name="([^"]+)"(?: localSheetId="(\d+)")?[^>]*>([^<]*)<',
                      xml)


def test_client_sends_every_named_range(built: Path) -> None:
    """The sample sends every defined name but the workbook's text constants (``lw_msg_*``,
    which have no ``RefersToRange``); 17 ``Print_Area`` and 11 ``Print_Titles`` among them."""
    defined = _defined_names(built)
    names = json.loads(ExcelBook.open(built).request_body())["names"]
    assert len(names) == len(defined) - len(MESSAGES) > 39
    assert len(names) == len([d for d in defined if not d[2].startswith(("\"", "&quot;"))])
    areas = [n for n in names if n["name"].endswith("!Print_Area")]
    titles = [n for n in names if n["name"].endswith("!Print_Titles")]
    assert (len(areas), len(titles)) == (17, 11)
    schools = next(n for n in titles if n["scope_sheet_name"] == "โรงเรียน")
    assert schools == {"name": "'โรงเรียน'!Print_Titles", "sheet_index": 3, "address": "3:3",
                       "book_scope": False, "scope_sheet_name": "โรงเรียน",
                       "scope_sheet_index": 3}
    mode = next(n for n in names if n["name"] == "lw_mode")
    assert (mode["book_scope"], mode["address"], mode["scope_sheet_name"]) == (True, "B3", None)


def test_client_request_shape(workbook: Path) -> None:
    payload = json.loads(ExcelBook.open(workbook).request_body())
    ClientRequest.model_validate(payload)
    assert list(payload) == ["client", "version", "book", "names", "sheets"]
    assert (payload["client"], payload["version"]) == ("VBA", "0.37.8")
    assert payload["book"] == {"name": workbook.name, "active_sheet_index": 0,
                               "selection": "A1"}
    titles = [ws.title for ws in openpyxl.load_workbook(workbook).worksheets]
    assert [s["name"] for s in payload["sheets"]] == titles  # hidden sheets too
    for sheet in payload["sheets"]:
        assert list(sheet) == ["name", "pictures", "tables", "values"]
        assert len({len(row) for row in sheet["values"]}) == 1  # rectangular from A1


def test_client_body_is_ascii(built: Path) -> None:
    """``json_Encode`` writes every character from 127 up as ``\\uXXXX``."""
    assert ExcelBook.open(built).request_body().isascii()


def _one_sheet(tmp_path: Path, rows: list[list[Any]]) -> ExcelBook:
    wb = openpyxl.Workbook()
    ws = wb.active
    assert ws is not None
    ws.title = "ชีต"
    for row in rows:
        ws.append(row)
    wb.save(tmp_path / "one.xlsx")
    return ExcelBook.open(tmp_path / "one.xlsx")


def _values_text(body: str) -> str:
    return body.split('"values":', 1)[1][:-3]


@pytest.mark.parametrize(("cell", "text"), [
    ("A1", '[[,"b","c"],["d","e","f"]]'),
    ("B1", '[["a",,"c"],["d","e","f"]]'),
    ("C2", '[["a","b","c"],["d","e",]]'),
])
def test_client_newer_error_is_an_empty_element(tmp_path: Path, cell: str, text: str) -> None:
    book = _one_sheet(tmp_path, [["a", "b", "c"], ["d", "e", "f"]])
    book.sheet("ชีต").set(cell, ExcelError("#SPILL!"))
    body = book.request_body()
    assert _values_text(body) == text
    with pytest.raises(json.JSONDecodeError):
        json.loads(body)


def test_client_newer_error_in_one_column_is_an_empty_row(tmp_path: Path) -> None:
    book = _one_sheet(tmp_path, [["a"], ["b"]])
    book.sheet("ชีต").set("A2", ExcelError("#CALC!"))
    assert _values_text(book.request_body()) == '[["a"],[]]'


@pytest.mark.parametrize(("rows", "text"), [
    ([], "[[]]"),                       # IsEmpty(UsedRange.Value): Array(Array())
    ([[5]], "[[5]]"),                   # one cell: Array(Array(values))
    ([[None, None], [None, "x"]], '[[null,null],[null,"x"]]'),
])
def test_client_small_sheets(tmp_path: Path, rows: list[list[Any]], text: str) -> None:
    assert _values_text(_one_sheet(tmp_path, rows).request_body()) == text


def test_client_single_cell_newer_error_vanishes(tmp_path: Path) -> None:
    book = _one_sheet(tmp_path, [["x"]])
    book.sheet("ชีต").set("A1", ExcelError("#BUSY!"))
    assert _values_text(book.request_body()) == "[[]]"


def test_client_long_numeric_text_is_not_json(tmp_path: Path) -> None:
    book = _one_sheet(tmp_path, [["doc", "0012345678901234"]])
    body = book.request_body()
    assert _values_text(body) == '[["doc",0012345678901234]]'
    with pytest.raises(json.JSONDecodeError):
        json.loads(body)


@pytest.mark.parametrize(("last_row", "overflows"), [
    (32_766, False), (32_767, True), (32_768, True), (40_000, True)])
def test_client_16_bit_rows_overflow(tmp_path: Path, last_row: int, overflows: bool) -> None:
    """Stray formatting alone extends the used range; ``startRow + nRows`` is an Integer sum,
    so a used range A1:…32767 already overflows (1 + 32,767 > 32,767)."""
    wb = openpyxl.Workbook()
    ws = wb.active
    assert ws is not None
    ws["A1"] = "ข้อมูล"
    ws.cell(last_row, 2).fill = PatternFill("solid", fgColor="FFFF00")
    wb.save(tmp_path / "long.xlsx")
    book = ExcelBook.open(tmp_path / "long.xlsx")
    assert book.sheet("Sheet").used == (1, 1, last_row, 2)
    if overflows:
        with pytest.raises(VbaOverflow, match="Overflow"):
            book.request_body()
    else:
        assert len(json.loads(book.request_body())["sheets"][0]["values"]) == last_row


@pytest.mark.parametrize(("value", "raw"), [
    (15100, 15100.0), (True, True), (None, None), ("#N/A", CellError("#N/A")),
    ("#REF!", CellError("#REF!")), (datetime(2025, 11, 15), date(2025, 11, 15)),
    (datetime(2025, 11, 15, 9, 30), datetime(2025, 11, 15, 9, 30)), ("x", "x"),
    (datetime(2568, 11, 15), date(2568, 11, 15)),  # local mode (COM dates): as Excel holds it
])
def test_client_raw_cell(value: Any, raw: Any) -> None:
    got = raw_cell(value)
    assert got == raw and type(got) is type(raw)


@pytest.mark.parametrize("calendar", ["gregorian", "buddhist"])
def test_client_read_back_equals_file_reader(workbook: Path, calendar: Any) -> None:
    """Sent by a Gregorian or a Buddhist-calendar PC, the server reads what the file holds."""
    with xw.Book(json=server_data(ExcelBook.open(workbook), calendar)) as book:
        live = read_book(book)
    disk = read_workbook(workbook)
    assert list(live.sheets) == list(disk.sheets)
    for name, sheet in disk.sheets.items():
        expected = [[None if v == "" else v for v in row] for row in sheet.rows]
        got = live.sheets[name].rows
        width = max((len(r) for r in expected), default=0)
        assert [row[:width] for row in got][: len(expected)] == expected, name


def test_client_set_setting(sample_path: Path) -> None:
    book = ExcelBook.open(sample_path)
    book.set_setting("ตั้งค่า", "พอร์ต SMTP", 2525.0)
    book.set_setting("ตั้งค่า", "ชื่อผู้ใช้ SMTP", None)
    rows = next(s for s in json.loads(book.request_body())["sheets"]
                if s["name"] == "ตั้งค่า")["values"]
    values = {row[0]: row[1] for row in rows}
    assert values["พอร์ต SMTP"] == 2525 and values["ชื่อผู้ใช้ SMTP"] is None
    with pytest.raises(KeyError):
        book.set_setting("ตั้งค่า", "ไม่มีหัวข้อนี้", 1.0)


def _sheet_config(path: Path) -> dict[str, Any]:
    """``GetConfigFromSheet``: A1 down to ``Range("A1").End(xlDown)``, keys ``UCase``d."""
    ws = openpyxl.load_workbook(path)[XLWINGS_CONF_SHEET]
    config = {}
    row = 1
    while ws.cell(row, 1).value not in (None, ""):
        config[str(ws.cell(row, 1).value).upper()] = ws.cell(row, 2).value
        row += 1
    return config


def _slowest_press_seconds() -> float:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    table = readme.split("<!-- server-bench:start -->", 1)[1].split("<!-- server-bench:end", 1)[0]
    rows = [line.split("|") for line in table.splitlines() if line.startswith("| bma |")]
    assert len(rows) == 6, "the README's server timings must list every button at BMA scale"
    return max(max(float(r[4]), float(r[5])) for r in rows)


def test_client_timeout_covers_slowest_press(built: Path) -> None:
    """The built workbook's ``xlwings.conf`` sheet sets the client's ``TIMEOUT`` (read by
    ``GetConfig("TIMEOUT", 0)``, else 30 s) to at least twice the slowest press the README
    reports at BMA scale."""
    config = _sheet_config(built)
    assert config["TIMEOUT"] == str(CLIENT_TIMEOUT_MS) == "300000"
    assert config == {key.upper(): value for key, value in XLWINGS_CONF}
    assert CLIENT_TIMEOUT_MS / 1000 >= 2 * _slowest_press_seconds() > 30
    assert _sheet_config(ROOT / "workbook" / "learnworks.xlsm")["TIMEOUT"] == "300000"
