"""Percent cells: Excel (and LibreOffice) store a cell typed ``95%`` as 0.95 with a percent
number format, and a percent field (the KPI target, the plan's weights) reads it as 95 — in
files written by XlsxWriter, openpyxl and LibreOffice, in any spelling of the sheet XML, and
in a live book in local mode. Without the format, a value in (0, 1] is read as written, with
a ``percent-ambiguous`` warning (xlwings Server's payload carries no formats)."""

from __future__ import annotations

import shutil
import zipfile
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pytest
import xlsxwriter
import xlwings as xw
from openpyxl import load_workbook

from learnworks_xl import api
from learnworks_xl.core import sheets as sh
from learnworks_xl.core.grid import RawSheet, RawWorkbook, is_percent_format
from learnworks_xl.core.reports.numformats import DATE_FORMAT, MONTH_FORMAT
from learnworks_xl.core.validate import validate_raw
from learnworks_xl.io.plainwriter import cell_value, write_plain_workbook
from learnworks_xl.io.reader import read_workbook
from learnworks_xl.io.scan import scan_archive
from learnworks_xl.io.styles import StylesScanner
from learnworks_xl.sample import sample_data
from learnworks_xl.xl.bookio import read_book
from tests.corpus import zipparts as zp
from tests.libreoffice import soffice
from tests.vbaclient import ExcelBook
from tests.xlpress import server_data

KPI_ROW = [c.field for c in sh.PROJECT.columns].index("kpi_target") + 1
KPI_CELL = f"B{KPI_ROW}"
WEIGHT_COL = [c.field for c in sh.PLAN.columns].index("weight") + 1
WEIGHT_LETTER = "ABCDEFGHIJ"[WEIGHT_COL - 1]
WEIGHTS = [10, 10, 10, 40, 10, 10, 10]  # the sample's plan, in per cent
KPI_WARNING = ("«ค่าเป้าหมายตัวชี้วัด (ร้อยละ)» '0.95' หมายถึงร้อยละ 0.95 หรือร้อยละ 95? "
               "ระบบอ่านเป็นร้อยละ 0.95 หากหมายถึงร้อยละ 95 กรุณาพิมพ์ 95")


def test_percent_sample_weights_are_the_seed_plan() -> None:
    assert [s["weight"] for s in sample_data()[sh.PLAN.name]] == WEIGHTS
    assert sample_data()[sh.PROJECT.name]["kpi_target"] == 95


# --- files as each program writes them --------------------------------------------------------

def openpyxl_book(path: Path, fmt: str | None, kpi: Any = 0.95,
                  weights: list[Any] | None = None) -> Path:
    """The sample, with the KPI target and the weights typed as Excel stores ``95%``."""
    wb = load_workbook(write_plain_workbook(sample_data(), path))
    cells = [(wb[sh.PROJECT.name][KPI_CELL], kpi)]
    cells += [(wb[sh.PLAN.name].cell(r, WEIGHT_COL), w) for r, w in enumerate(
        weights if weights is not None else [w / 100 for w in WEIGHTS], start=2)]
    for cell, value in cells:
        cell.value = value
        if fmt is not None:
            cell.number_format = fmt
    wb.save(path)
    return path


def xlsxwriter_book(path: Path, fmt: str) -> Path:
    """The sample written by XlsxWriter, the KPI target and the weights as ``95%`` cells."""
    data = sample_data()
    wb = xlsxwriter.Workbook(str(path))
    formats = {"date": wb.add_format({"num_format": DATE_FORMAT}),
               "month": wb.add_format({"num_format": MONTH_FORMAT}),
               "percent": wb.add_format({"num_format": fmt})}
    for spec in sh.INPUT_SHEETS:
        ws = wb.add_worksheet(spec.name)
        content = data.get(spec.name)
        if spec.kind == "keyvalue":
            for r, col in enumerate(spec.columns):
                ws.write_string(r, 0, col.title)
                _write(ws, r, 1, spec, col.field, (content or {}).get(col.field), formats)
            continue
        for c, col in enumerate(spec.columns):
            ws.write_string(0, c, col.title)
        for r, row in enumerate(content or [], start=1):
            for c, col in enumerate(spec.columns):
                _write(ws, r, c, spec, col.field, row.get(col.field), formats)
    wb.close()
    return path


def _write(ws: Any, r: int, c: int, spec: sh.SheetSpec, field: str, value: Any,
           formats: dict[str, Any]) -> None:
    if value is None:
        return
    kind = spec.column(field).kind
    value = cell_value(spec, field, value)
    if kind == "percent":
        ws.write_number(r, c, float(value) / 100, formats["percent"])
    elif isinstance(value, date):
        ws.write_datetime(r, c, datetime.combine(value, datetime.min.time()),
                          formats["month" if kind == "month" else "date"])
    elif isinstance(value, Decimal):
        ws.write_number(r, c, float(value))
    else:
        ws.write(r, c, value)


def read_percents(path: Path) -> tuple[Any, list[Any], list[tuple[str, str | None, str]]]:
    parsed, report = validate_raw(read_workbook(path))
    return (parsed.project.model.kpi_target, [s.weight for s in parsed.plan.valid],
            report.flat())


FORMATS = ["0%", "0.00%", "0.0%", "#,##0.00%;[Red]-#,##0.00%"]


@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize("writer", [openpyxl_book, xlsxwriter_book], ids=["openpyxl", "xlsxwriter"])
def test_percent_formatted_cells_read_as_typed(tmp_path: Path, writer: Any, fmt: str) -> None:
    assert read_percents(writer(tmp_path / "p.xlsx", fmt)) == (95, WEIGHTS, [])


@pytest.mark.libreoffice
@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice is not installed")
def test_percent_libreoffice_saved_file(tmp_path: Path) -> None:
    """LibreOffice writes its own number formats (``numFmtId="165" formatCode="0%"``)."""
    src = xlsxwriter_book(tmp_path / "p.xlsx", "0%")
    saved = soffice(src, "xlsx", tmp_path / "lo", tmp_path / "profile")
    styles = zp.read_part(saved, "xl/styles.xml")
    assert b'formatCode="0%"' in styles
    assert read_percents(saved) == (95, WEIGHTS, [])


def test_percent_acceptance_95_percent_kpi_target_is_95(tmp_path: Path) -> None:
    """`95%` typed in the KPI target is 95: a KPI of 80 fails it (it passed a target of 0.95)."""
    path = openpyxl_book(tmp_path / "p.xlsx", "0%", weights=[w / 100 for w in WEIGHTS])
    wb = load_workbook(path)
    wb[sh.RESULT_REPORTS.name]["F2"] = "ไม่ใช่"  # BK01's report is not complete: 4 of 5 schools
    wb.save(path)
    done = api.run(path, tmp_path / "out.xlsx", month="2569-07")
    kpi = done.results.kpi
    assert (kpi.target, kpi.percent, kpi.passed) == (95, Decimal("80.00"), False)
    assert any("(เป้าหมาย ร้อยละ 95) ไม่ผ่าน" in line for line in done.summary_lines())


# --- without the format ------------------------------------------------------------------------

WEIGHT_WARNINGS = [
    (sh.PLAN.name, f"{WEIGHT_LETTER}{r}", "percent-ambiguous") for r in range(2, 9)]


def test_percent_unformatted_fraction_warns_with_both_readings(tmp_path: Path) -> None:
    path = openpyxl_book(tmp_path / "p.xlsx", None)
    parsed, report = validate_raw(read_workbook(path))
    assert parsed.project.model.kpi_target == Decimal("0.95")
    assert report.flat() == [(sh.PROJECT.name, KPI_CELL, "percent-ambiguous"), *WEIGHT_WARNINGS,
                             (sh.PLAN.name, f"{WEIGHT_LETTER}8", "plan-weights-sum")]
    first = report.findings[0]
    assert (first.severity, first.message, first.value) == ("warning", KPI_WARNING, 0.95)
    assert report.findings[1].message == ("«น้ำหนัก (ร้อยละ)» '0.1' หมายถึงร้อยละ 0.1 หรือร้อยละ 10? "
                                          "ระบบอ่านเป็นร้อยละ 0.1 หากหมายถึงร้อยละ 10 กรุณาพิมพ์ 10")


@pytest.mark.parametrize(("fmt", "kpi", "target", "codes"), [
    ('0"%"', 95, 95, []),  # shows a percent sign, stores 95: not a percent format
    ("0\\%", 95, 95, []),
    ('0"%"', 0.95, Decimal("0.95"), ["percent-ambiguous"]),
    ("General", 1, 1, ["percent-ambiguous"]),  # ร้อยละ 1 or 100?
    ("0%", 1, 100, []),  # 100%
    ("0%", 0, 0, []),
    ("General", 0, 0, []),
    ("General", 1.5, Decimal("1.5"), []),
    ("0%", 1.5, None, ["out-of-range"]),  # 150%
    ("0%", "95%", 95, []),  # text is never multiplied
    ("0%", "0.95", Decimal("0.95"), ["percent-ambiguous"]),
    ("General", "95%", 95, []),
    ("General", "๙๕%", 95, []),
    ("General", "ร้อยละ 95", 95, []),
    ("General", "ร้อยละ ๙๕", 95, []),
    ("General", "95 %", 95, []),
    ("General", "95 เปอร์เซ็นต์", 95, []),
    ("General", "ร้อยละ", None, ["type-error"]),
])
def test_percent_kpi_target_cell(tmp_path: Path, fmt: str, kpi: Any, target: Any,
                                 codes: list[str]) -> None:
    path = openpyxl_book(tmp_path / "p.xlsx", None, kpi=kpi, weights=WEIGHTS)
    wb = load_workbook(path)
    wb[sh.PROJECT.name][KPI_CELL].number_format = fmt
    wb.save(path)
    parsed, report = validate_raw(read_workbook(path))
    model = parsed.project.model
    assert (model.kpi_target if model else None) == target
    assert [f.code for f in report.findings if f.cell == KPI_CELL] == codes


def test_percent_out_of_range_names_what_the_cell_shows(tmp_path: Path) -> None:
    path = openpyxl_book(tmp_path / "p.xlsx", "0%", kpi=1.5)
    _, report = validate_raw(read_workbook(path))
    assert [f.message for f in report.findings] == [
        "«ค่าเป้าหมายตัวชี้วัด (ร้อยละ)» '150' ต้องอยู่ระหว่าง 0 ถึง 100"]


# --- the scan: styles and spellings ----------------------------------------------------------

@pytest.mark.parametrize(("code", "percent"), [
    ("0%", True), ("0.00%", True), ("#,##0.0%", True), ("0%;[Red]-0%", True),
    ("[$-107041E]0.00%", True), ("General", False), ("0.00", False), ('0"%"', False),
    ("0\\%", False), ('0.0" %"', False), ("0_%", False), ("0*%", False), ("[%]0", False),
    ("0;0%", False), ('"ร้อยละ "0', False), ("[$-107041E]d mmm yyyy", False), ("@", False)])
def test_percent_format_codes(code: str, percent: bool) -> None:
    assert is_percent_format(code) is percent


STYLES = (b'<?xml version="1.0"?><x:styleSheet xmlns:x="urn:s"><x:numFmts count="4">'
          b'<x:numFmt numFmtId="164" formatCode="0.0%"/>'
          b'<x:numFmt formatCode="0&quot;%&quot;" numFmtId="165"/>'
          b"<x:numFmt numFmtId='9' formatCode='0'/>"  # a custom format replaces built-in 9
          b'<x:numFmt numFmtId="166" formatCode="0&#37;"/></x:numFmts>'
          b'<x:cellStyleXfs count="1"><x:xf numFmtId="10"/></x:cellStyleXfs>'
          b'<x:cellXfs count="8"><x:xf numFmtId="0"/><x:xf numFmtId="164" applyNumberFormat="1">'
          b'<x:alignment horizontal="left"/></x:xf><x:xf numFmtId="165"/><x:xf numFmtId="9"/>'
          b'<x:xf numFmtId="10" fontId="2"/><x:xf fontId="1"/><x:xf numFmtId="166"/>'
          b'<x:xf numFmtId="68"/></x:cellXfs>'
          b'<x:dxfs count="1"><x:dxf><x:numFmt numFmtId="167" formatCode="0%"/></x:dxf></x:dxfs>'
          b"</x:styleSheet>")


@pytest.mark.parametrize("chunk", [len(STYLES), 7, 1])
def test_percent_styles_sections_and_cuts(chunk: int) -> None:
    scanner, carry = StylesScanner(), b""
    for i in range(0, len(STYLES), chunk):
        buf = carry + STYLES[i:i + chunk]
        cut = scanner.cut(buf)
        if cut > 0:
            scanner.feed(buf[:cut])
            carry = buf[cut:]
        else:
            carry = buf
    scanner.feed(carry)
    assert scanner.percent == {1, 4, 6, 7}


def _respell(xml: bytes) -> bytes:
    import re
    xml = re.sub(rb'<c r="([A-Z]+[0-9]+)"', lambda m: b"<c\n  r = '" + m.group(1) + b"' ", xml)
    return re.sub(rb'<row r="([0-9]+)"', rb"<row\tr='\1'", xml)


def _strip_r(xml: bytes) -> bytes:
    import re
    return re.sub(rb'(<(?:c|row)) r="[A-Z]*[0-9]+"', rb"\1", xml)


def _prefixed(xml: bytes) -> bytes:
    import re
    xml = xml.replace(b'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"',
                      b'xmlns:x="http://schemas.openxmlformats.org/spreadsheetml/2006/main"')
    return re.sub(rb"<(/?)(?=[a-zA-Z])", rb"<\1x:", xml)


@pytest.mark.parametrize("spelling", [_respell, _strip_r, _prefixed],
                         ids=["quotes-spaces", "no-r", "prefixed"])
def test_percent_cells_found_in_any_spelling(tmp_path: Path, spelling: Any) -> None:
    path = openpyxl_book(tmp_path / "p.xlsx", "0%")
    part = zp.part_of(path, sh.PLAN.name)
    other = zp.rewrite(path, tmp_path / "other.xlsx", {part: spelling})
    assert read_workbook(other).sheets[sh.PLAN.name].percent_cells == \
        read_workbook(path).sheets[sh.PLAN.name].percent_cells == \
        frozenset((r, WEIGHT_COL - 1) for r in range(1, 8))


def test_percent_cells_only_with_a_value(tmp_path: Path) -> None:
    """An empty cell styled as percent, and a row's own style, are not percent cells."""
    xml = zp.sheet_xml(b'<row r="1" s="1" customFormat="1"><c r="A1" s="1"/>'
                       b'<c r="B1" s="1"><v>0.5</v></c><c r="C1" s="2"><v>0.5</v></c></row>')
    styles = (b'<?xml version="1.0"?><styleSheet xmlns="urn:s"><cellXfs count="3">'
              b'<xf numFmtId="0"/><xf numFmtId="9"/><xf numFmtId="0"/></cellXfs></styleSheet>')
    src = write_plain_workbook(sample_data(), tmp_path / "s.xlsx")
    path = zp.rewrite(src, tmp_path / "p.xlsx", {zp.part_of(src, sh.NOTES.name): xml,
                                                 "xl/styles.xml": styles})
    with zipfile.ZipFile(path) as zf:
        found = scan_archive(zf, max_inflated=2**30, max_cell_bytes=2**20, max_unusual=10**6)
    assert found.percent_styles == {1}
    assert found.sheets[zp.part_of(path, sh.NOTES.name)].percent == {(0, 1)}


# --- the live book ---------------------------------------------------------------------------

class _Range:
    def __init__(self, sheet: _Sheet, first: tuple[int, int], last: tuple[int, int]) -> None:
        self.sheet, self.first, self.last = sheet, first, last

    @property
    def number_format(self) -> str | None:
        """As Excel answers: the format of all the cells, None when they differ."""
        self.sheet.calls += 1
        codes = {self.sheet.ws.cell(r, c).number_format
                 for r in range(self.first[0], self.last[0] + 1)
                 for c in range(self.first[1], self.last[1] + 1)}
        return codes.pop() if len(codes) == 1 else None


class _Sheet:
    """An xlwings sheet of Excel in local mode, answering from an openpyxl sheet."""

    def __init__(self, ws: Any, raw: RawSheet) -> None:
        self.ws, self.name, self.raw, self.calls = ws, raw.name, raw, 0

    @property
    def used_range(self) -> Any:
        values = [[None if v == "" else v for v in row] for row in self.raw.rows]
        used = SimpleNamespace(row=1, column=1, value=values)
        used.options = lambda **_: used
        return used

    def range(self, first: tuple[int, int], last: tuple[int, int] | None = None) -> _Range:
        return _Range(self, first, last or first)


class _Book:
    def __init__(self, path: Path) -> None:
        wb, raw = load_workbook(path), read_workbook(path)
        self.name = path.name
        self.sheets = [_Sheet(wb[name], sheet) for name, sheet in raw.sheets.items()]


def test_percent_local_mode_reads_formats_like_the_file(tmp_path: Path) -> None:
    path = openpyxl_book(tmp_path / "p.xlsx", "0%")
    wb = load_workbook(path)
    wb[sh.PLAN.name][f"{WEIGHT_LETTER}5"].number_format = "0.0%"  # mixed formats in the column
    wb.save(path)
    book = _Book(path)
    raw = read_book(book)
    from_file = read_workbook(path)
    for name in (sh.PROJECT.name, sh.PLAN.name):
        assert raw.sheets[name].percent_cells == from_file.sheets[name].percent_cells
    assert read_percents_raw(raw) == (95, WEIGHTS, [])
    calls = {s.name: s.calls for s in book.sheets if s.calls}
    assert calls == {sh.PROJECT.name: 1, sh.PLAN.name: 8}  # the column, then cell by cell


def read_percents_raw(raw: RawWorkbook) -> tuple[Any, list[Any], list[Any]]:
    parsed, report = validate_raw(raw)
    return (parsed.project.model.kpi_target, [s.weight for s in parsed.plan.valid],
            report.flat())


def test_percent_server_mode_has_no_formats_and_warns(tmp_path: Path) -> None:
    path = openpyxl_book(tmp_path / "p.xlsx", "0%")
    with xw.Book(json=server_data(ExcelBook.open(path))) as book:  # as the VBA client sends
        raw = read_book(book)
    assert all(not s.percent_cells for s in raw.sheets.values())
    kpi, _, flat = read_percents_raw(raw)
    assert kpi == Decimal("0.95")
    assert flat == [(sh.PROJECT.name, KPI_CELL, "percent-ambiguous"), *WEIGHT_WARNINGS,
                    (sh.PLAN.name, f"{WEIGHT_LETTER}8", "plan-weights-sum")]
