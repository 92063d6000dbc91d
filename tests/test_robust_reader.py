"""The reader's limits and its pre-parse scan: each limit refuses with its exact Thai line,
the scan is sound (it never sees a sheet smaller than calamine builds it), and unusual but
legal spellings read the same as Excel's own."""

from __future__ import annotations

import io
import re
import zipfile
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st
from python_calamine import CalamineWorkbook

from learnworks_xl.cli import cli
from learnworks_xl.core import sheets as sh
from learnworks_xl.core.grid import CellError, column_letter
from learnworks_xl.core.table import TooManyFindings
from learnworks_xl.core.validate import validate_raw
from learnworks_xl.errors import ConfigError, WorkbookReadError
from learnworks_xl.io.limits import MIB, Limits
from learnworks_xl.io.reader import directory_entries, read_workbook
from learnworks_xl.io.scan import CHUNK, last_start, scan_archive
from learnworks_xl.sample import sample_data
from tests.corpus import zipparts as zp

# --- limits ---------------------------------------------------------------------------------

@pytest.mark.parametrize(("value", "cells"), [("", 2_500_000), ("2000000", 2_000_000),
                                              ("1,000", 1_000), (" 50_000 ", 50_000)])
def test_robust_limits_from_env(value: str, cells: int) -> None:
    assert Limits.from_env({"LEARNWORKS_MAX_CELLS": value}).max_cells == cells
    assert Limits.from_env({}).max_cells == 2_500_000


@pytest.mark.parametrize(("value", "text_mb", "findings"), [
    ("1,000", 192, 150_000), ("2500000", 192, 150_000), ("5000000", 384, 300_000),
    ("3750000", 288, 225_000)])
def test_robust_limits_budgets_grow_with_cells(value: str, text_mb: int, findings: int) -> None:
    """A raised cell limit raises the cell-text budget and the findings kept in proportion,
    never below their defaults."""
    limits = Limits.from_env({"LEARNWORKS_MAX_CELLS": value})
    assert (limits.max_text // MIB, limits.max_findings) == (text_mb, findings)


def _many_wrong(make_workbook: Any, rows: int) -> Path:
    """The sample with จำนวน of the first ``rows`` purchases typed as words."""
    data = sample_data()
    for row in data[sh.PURCHASES.name][:rows]:
        row["quantity"] = "สองชุด"
    return make_workbook(data, "many.xlsx")  # type: ignore[no-any-return]


TOO_MANY = ("สมุดงาน many.xlsx มีปัญหาเกิน 5 รายการ จึงหยุดตรวจ (เช่น ชีต «การใช้จ่าย» ช่อง D2: "
            "«จำนวน» 'สองชุด' ไม่ใช่ตัวเลข กรุณากรอกเป็นตัวเลข เช่น 2 หรือ 1,250.50) "
            "อาจเลือกไฟล์ผิดหรือข้อมูลอยู่ผิดคอลัมน์ "
            "กรุณาตรวจไฟล์แล้วตรวจสอบใหม่")


@pytest.mark.parametrize(("wrong", "refused"), [(5, False), (6, True)])
def test_robust_limits_findings(make_workbook: Any, wrong: int, refused: bool) -> None:
    """The validation keeps up to ``max_findings`` findings; one more stops it (exit 2),
    naming the first; a workbook of millions of wrong cells cannot fill the memory."""
    raw = read_workbook(_many_wrong(make_workbook, wrong), Limits(max_findings=5))
    if not refused:
        assert [f.cell for f in validate_raw(raw)[1].findings] == ["D2", "D3", "D4", "D5", "D6"]
        return
    with pytest.raises(TooManyFindings) as caught:
        validate_raw(raw)
    assert caught.value.message_th == TOO_MANY
    assert caught.value.message_en == ("many.xlsx: more than 5 problems; validation stopped "
                                       "(e.g. การใช้จ่าย!D2 type-error)")
    assert caught.value.exit_code == 2


def test_robust_limits_findings_of_rules_count(make_workbook: Any) -> None:
    """The rules' findings count too: four wrong cells and two unknown schools pass five."""
    data = sample_data()
    for row in data[sh.PURCHASES.name][:4]:
        row["quantity"] = "สองชุด"
    for row in data[sh.PURCHASES.name][4:6]:
        row["school_code"] = "ZZ99"
    raw = read_workbook(make_workbook(data, "many.xlsx"), Limits(max_findings=5))
    with pytest.raises(TooManyFindings) as caught:
        validate_raw(raw)
    assert caught.value.message_th == TOO_MANY


def test_robust_limits_findings_through_cli(make_workbook: Any,
                                            monkeypatch: pytest.MonkeyPatch) -> None:
    """The clerk reads one line and the exit code 2, as for every limit."""
    path = _many_wrong(make_workbook, 8)
    monkeypatch.setattr(Limits, "from_env", classmethod(lambda cls, env=None: cls(max_findings=5)))
    result = CliRunner().invoke(cli, ["validate", str(path)])
    assert result.exit_code == 2
    assert result.output == (f"ผิดพลาด: {TOO_MANY} (many.xlsx: more than 5 problems; validation "
                             "stopped (e.g. การใช้จ่าย!D2 type-error))\n")


@pytest.mark.parametrize("value", ["abc", "0", "-5", "1.5", "๑๒๓", "1e6"])
def test_robust_limits_from_env_refused(value: str) -> None:
    with pytest.raises(ConfigError) as caught:
        Limits.from_env({"LEARNWORKS_MAX_CELLS": value})
    assert caught.value.message_th == "ค่า LEARNWORKS_MAX_CELLS ต้องเป็นจำนวนเต็มบวก (จำนวนเซลล์สูงสุด)"
    assert caught.value.exit_code == 2


def test_robust_limits_env_through_cli(sample_path: Path) -> None:
    runner = CliRunner()
    bad = runner.invoke(cli, ["validate", str(sample_path)], env={"LEARNWORKS_MAX_CELLS": "x"})
    assert bad.exit_code == 2
    assert bad.output == ("ผิดพลาด: ค่า LEARNWORKS_MAX_CELLS ต้องเป็นจำนวนเต็มบวก (จำนวนเซลล์สูงสุด) "
                          "(LEARNWORKS_MAX_CELLS must be a positive whole number of cells)\n")
    low = runner.invoke(cli, ["validate", str(sample_path)], env={"LEARNWORKS_MAX_CELLS": "100"})
    assert low.exit_code == 2
    assert "เกินขีดจำกัด 100 เซลล์" in low.output
    assert runner.invoke(cli, ["validate", str(sample_path)],
                         env={"LEARNWORKS_MAX_CELLS": "1000"}).exit_code == 0


# The sample: 769 cells with data in all (as calamine counts them); its biggest used area
# is การใช้จ่าย (A1:I31).
LIMITED: list[tuple[dict[str, int], str]] = [
    ({"max_file": 10_000}, "ไฟล์ sample.xlsx ใหญ่เกิน 0 MB กรุณาลบรูปภาพหรือข้อมูลที่ไม่ใช้ออกแล้วบันทึกใหม่"),
    ({"max_inflated": MIB // 100}, "ไฟล์ sample.xlsx ขยายตัวเกินขนาดที่อนุญาต (0 MB) อาจเป็นไฟล์อันตราย"),
    ({"max_parts": 10}, "ไฟล์ sample.xlsx มีส่วนประกอบภายในมากเกินไป (เกิน 10 ส่วน) อาจเป็นไฟล์อันตราย"),
    ({"max_cells": 100}, "สมุดงาน sample.xlsx มีเซลล์ที่มีข้อมูลประมาณ 791 เซลล์ เกินขีดจำกัด 100 เซลล์ "
                         "กรุณาแยกข้อมูลเป็นหลายไฟล์"),
    ({"max_rows": 20}, "ชีต «การใช้จ่าย» ในไฟล์ sample.xlsx มีข้อมูลถึงแถว 31 เกินขีดจำกัด 20 แถว "
                       "กรุณาลบแถวที่ไม่ใช้ออก (กด Ctrl+End เพื่อดูเซลล์สุดท้ายที่มีข้อมูล)"),
    ({"max_area": 100}, "ชีต «การใช้จ่าย» ในไฟล์ sample.xlsx มีข้อมูลไกลถึงเซลล์ I31 "
                        "ทำให้พื้นที่ข้อมูลใหญ่เกินกำหนด กรุณาลบข้อมูลที่อยู่ไกลออกไป "
                        "(กด Ctrl+End เพื่อดูเซลล์สุดท้ายที่มีข้อมูล)"),
    ({"max_text": 1000}, "ไฟล์ sample.xlsx มีข้อความในเซลล์รวมกันเกิน 0 MB อาจเป็นไฟล์อันตราย"),
    ({"max_cell_bytes": 100}, "ไฟล์ sample.xlsx มีข้อมูลในเซลล์เดียวยาวเกินกำหนด (0 MB) "
                              "อาจเป็นไฟล์อันตราย"),
]


@pytest.mark.parametrize(("limits", "thai"), LIMITED, ids=[next(iter(k)) for k, _ in LIMITED])
def test_robust_reader_each_limit(sample_path: Path, limits: dict[str, int], thai: str) -> None:
    with pytest.raises(WorkbookReadError) as caught:
        read_workbook(sample_path, Limits(**limits))
    assert caught.value.message_th == thai
    assert caught.value.exit_code == 2


def test_robust_reader_unusual_budget(sample_path: Path, tmp_path: Path) -> None:
    part = zp.part_of(sample_path, sh.SCHOOLS.name)
    odd = zp.rewrite(sample_path, tmp_path / "odd.xlsx", {part: _respell})
    assert read_workbook(odd).sheets[sh.SCHOOLS.name].rows  # within the budget: read
    with pytest.raises(WorkbookReadError) as caught:
        read_workbook(odd, Limits(max_unusual=10))
    assert caught.value.message_th == ("ไฟล์ odd.xlsx เขียนเซลล์ในรูปแบบที่ Excel ไม่ใช้ "
                                       "จึงตรวจขนาดไม่ได้ กรุณาเปิดใน Excel แล้วบันทึกใหม่เป็น .xlsx")


# --- the scan: same answers whatever the spelling -----------------------------------------

def _respell(xml: bytes) -> bytes:
    xml = re.sub(rb'<c r="([A-Z]+[0-9]+)"( t="\w+")?', lambda m: b"<c" + (
        m.group(2) or b"").replace(b'"', b"'") + b"\n  r = '" + m.group(1) + b"' ", xml)
    return re.sub(rb'<row r="([0-9]+)"', rb"<row\tr='\1'", xml)


def _strip_r(xml: bytes) -> bytes:
    return re.sub(rb'(<(?:c|row)) r="[A-Z]*[0-9]+"', rb"\1", xml)


@pytest.mark.parametrize("spelling", [_respell, _strip_r], ids=["quotes-spaces", "no-r"])
def test_robust_reader_spellings_read_alike(sample_path: Path, tmp_path: Path,
                                            spelling: Any) -> None:
    part = zp.part_of(sample_path, sh.SCHOOLS.name)
    other = zp.rewrite(sample_path, tmp_path / "other.xlsx", {part: spelling})
    assert read_workbook(other).sheets[sh.SCHOOLS.name].rows == \
        read_workbook(sample_path).sheets[sh.SCHOOLS.name].rows


ERROR_AND_HIDDEN = (b'<row r="1"><c r="A1" t="inlineStr"><is><t>x</t></is></c></row>'
                    b'<row r="2" hidden="1"><c r="B2" t="e"><f>1/0</f><v>#DIV/0!</v></c></row>'
                    b'<row r="3" spans="1:2" hidden="true" customHeight="1">'
                    b'<c r="A3" s="1" t="e"><v>#REF!</v></c></row>')


@pytest.mark.parametrize("spelling", [None, _respell], ids=["excel", "quotes-spaces"])
def test_robust_reader_error_cells_and_hidden_rows(sample_path: Path, tmp_path: Path,
                                                   spelling: Any) -> None:
    xml = zp.sheet_xml(ERROR_AND_HIDDEN)
    part = zp.part_of(sample_path, sh.NOTES.name)
    path = zp.rewrite(sample_path, tmp_path / "e.xlsx", {part: spelling(xml) if spelling else xml})
    sheet = read_workbook(path).sheets[sh.NOTES.name]
    assert sheet.rows == [["x", ""], ["", CellError("#DIV/0!")], [CellError("#REF!"), ""]]
    assert sheet.hidden_rows == frozenset({1, 2})


def test_robust_scan_dtd_across_a_chunk_boundary(sample_path: Path, tmp_path: Path) -> None:
    """An ``<!ENTITY`` cut in two by the 1 MB chunk boundary is still seen."""
    part = zp.part_of(sample_path, sh.NOTES.name)
    head = zp.SHEET_HEAD + b"<sheetData>"
    pad = b" " * (CHUNK - len(head) - 4)
    xml = head + pad + b'<!ENTITY x "y">' + b"</sheetData></worksheet>"
    assert xml.index(b"<!ENTITY") < CHUNK < xml.index(b"<!ENTITY") + 8
    path = zp.rewrite(sample_path, tmp_path / "split.xlsx", {part: xml})
    with pytest.raises(WorkbookReadError) as caught:
        read_workbook(path)
    assert "DTD" in caught.value.message_th


@pytest.mark.parametrize(("buf", "token", "at"), [
    (b'<row r="1"><c r="A1"/><cols><c r="B1">', b"<c", 28), (b"<cols><col/>", b"<c", -1),
    (b"abc<c", b"<c", 3), (b"<c\n", b"<c", 0), (b"", b"<c", -1), (b"<row><rows", b"<row", 0)])
def test_robust_scan_last_start(buf: bytes, token: bytes, at: int) -> None:
    assert last_start(buf, token) == at


def test_robust_directory_entries(sample_path: Path) -> None:
    data = sample_path.read_bytes()
    with zipfile.ZipFile(sample_path) as zf:
        assert directory_entries(data) == len(zf.infolist())
    assert directory_entries(data[:-30]) is None
    assert directory_entries(b"") is None


# --- soundness against calamine itself -----------------------------------------------------

@st.composite
def sheets(draw: st.DrawFn) -> bytes:
    """A small worksheet in any legal spelling: rows and cells with or without ``r``, single
    or double quotes, spaces and line breaks in tags, attributes in any order, empty cells."""
    q = draw(st.sampled_from(["'", '"']))
    sp = draw(st.sampled_from([" ", "\n  ", "\t"]))
    out = []
    row_no = 0
    for _ in range(draw(st.integers(0, 6))):
        row_no += draw(st.integers(1, 4))
        with_r = draw(st.booleans())
        out.append(f"<row{sp}r={q}{row_no}{q}>" if with_r else "<row>")
        col = -1
        for _ in range(draw(st.integers(0, 5))):
            col += draw(st.integers(1, 3))
            attrs = []
            if draw(st.booleans()):
                attrs.append(f"r={q}{column_letter(col)}{row_no}{q}")
            kind = draw(st.sampled_from(["n", "str", "inlineStr", "b", "e", "empty", "styled"]))
            body = {"n": "<v>1.5</v>", "str": "<v>x</v>", "inlineStr": "<is><t>y</t></is>",
                    "b": "<v>1</v>", "e": "<v>#N/A</v>", "empty": "", "styled": None}[kind]
            if kind in ("str", "inlineStr", "b", "e"):
                attrs.append(f"t={q}{kind}{q}")
            if draw(st.booleans()):
                attrs.reverse()
            tag = "<c" + "".join(sp + a for a in attrs)
            out.append(tag + "/>" if body is None else f"{tag}>{body}</c>")
        out.append("</row>")
    return zp.sheet_xml("".join(out).encode())


@settings(max_examples=120, deadline=None,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
@given(xml=sheets())
def test_robust_scan_never_smaller_than_calamine(sample_path: Path, tmp_path: Path,
                                                 xml: bytes) -> None:
    part = zp.part_of(sample_path, sh.NOTES.name)
    path = zp.rewrite(sample_path, tmp_path / "gen.xlsx", {part: xml})
    try:
        grid = CalamineWorkbook.from_path(str(path)).get_sheet_by_name(
            sh.NOTES.name).to_python(skip_empty_area=False)
    except Exception:  # calamine refuses some spellings; then so does the reader (exit 2)
        assume(False)
        return
    with zipfile.ZipFile(io.BytesIO(path.read_bytes())) as zf:
        found = scan_archive(zf, max_inflated=2**30, max_cell_bytes=MIB,
                             max_unusual=10**6).sheets[part]
    height, width = len(grid), max((len(r) for r in grid), default=0)
    values = sum(1 for r in grid for v in r if v != "")
    assert found.rows >= height and found.cols >= width, (found, height, width)
    assert found.cells >= values
    if not grid:
        return
    assert read_workbook(path).sheets[sh.NOTES.name].rows == [
        [v for v in r] for r in grid] or b"t='e'" in xml or b't="e"' in xml


def test_robust_readme_states_the_limits() -> None:
    """The README's Limits table shows the limits the reader applies."""
    readme = (Path(__file__).resolve().parents[1] / "README.md").read_text(encoding="utf-8")
    section = readme.split("## Limits\n", 1)[1].split("\n## ", 1)[0]
    d = Limits()
    for label, value in [
            ("file size on disk", f"{d.max_file // MIB} MB"),
            ("all parts of the zip, inflated", f"{d.max_inflated // MIB} MB"),
            ("parts in the zip", f"{d.max_parts:,}"),
            ("cells holding a value, all sheets", f"{d.max_cells:,}"),
            ("rows of one sheet (to its last value)", f"{d.max_rows:,}"),
            ("used area, all sheets (A1 to the last value)", f"{d.max_area:,} cells"),
            ("cell text, each shared text counted at every use", f"{d.max_text // MIB} MB"),
            ("problems found (findings), all sheets", f"{d.max_findings:,}"),
            ("one cell or one element of a sheet", f"{d.max_cell_bytes // MIB} MB"),
            ("cells written unlike Excel writes them (no `r`, other quoting)",
             f"{d.max_unusual:,}")]:
        assert f"| {label} | {value} |" in section, label


def test_robust_calamine_leaves_entities_unexpanded(sample_path: Path, tmp_path: Path) -> None:
    """Why a DTD is refused before parsing and not left to calamine: today its quick-xml
    refuses an unknown entity (no expansion, no bomb); if a future version expanded them,
    this test says so (the reader's refusal keeps protecting either way)."""
    from tests.corpus.files import LAUGHS

    part = zp.part_of(sample_path, sh.NOTES.name)
    xml = zp.sheet_xml(b'<row r="1"><c r="A1" t="inlineStr"><is><t>&lol9;</t></is></c></row>',
                       head=b'<?xml version="1.0"?>' + LAUGHS + b"<worksheet " + zp.NS + b">")
    path = zp.rewrite(sample_path, tmp_path / "laughs.xlsx", {part: xml})
    book = CalamineWorkbook.from_path(str(path))
    with pytest.raises(Exception, match="unrecognized entity"):
        book.get_sheet_by_name(sh.NOTES.name).to_python()


# --- cells python-calamine cannot read --------------------------------------------------------

def test_robust_calamine_panics_on_a_date_far_below_zero(sample_path: Path,
                                                         tmp_path: Path) -> None:
    """Why the scan finds such a cell before calamine runs: python-calamine's date conversion
    panics (a BaseException, and Rust's panic text on stderr) — if a future version reads the
    cell, this test says so. Run in a child process, so the panic text stays out of our
    output; the reader never hands such a sheet to calamine."""
    import subprocess
    import sys

    from openpyxl import load_workbook

    wb = load_workbook(sample_path)
    wb[sh.PURCHASES.name]["B2"] = -106751991169
    path = tmp_path / "panic.xlsx"
    wb.save(path)
    child = subprocess.run(
        [sys.executable, "-c", "import sys\nfrom python_calamine import CalamineWorkbook\n"
         "book = CalamineWorkbook.from_path(sys.argv[1])\n"
         "try:\n    book.get_sheet_by_name(sys.argv[2]).to_python()\n"
         "except BaseException as exc:\n    print(type(exc).__name__)\n",
         str(path), sh.PURCHASES.name], capture_output=True, text=True, timeout=60)
    assert child.stdout == "PanicException\n"
    assert "panicked" in child.stderr


DATE_TITLE = sh.PURCHASES.title("date")


@pytest.mark.parametrize(("value", "shown"), [(-106751991169, "-106751991169"),
                                              (-2e11, "-200000000000"), (-5, "-5")])
def test_robust_reader_date_calamine_cannot_read(sample_path: Path, tmp_path: Path,
                                                 value: float, shown: str) -> None:
    """A date cell holding a number no date can be (calamine panics below about -1.07e11
    and reads a smaller negative as a time of day): ``invalid-date`` at the cell, with the
    number the cell holds, the rest of the workbook read as usual."""
    from openpyxl import load_workbook

    from learnworks_xl.core.validate import validate_raw

    wb = load_workbook(sample_path)
    wb[sh.PURCHASES.name]["B2"] = value  # keeps the cell's date format
    path = tmp_path / "bad-date.xlsx"
    wb.save(path)
    raw = read_workbook(path)
    assert raw.sheets[sh.PURCHASES.name].rows[1][1] == float(value)
    _, report = validate_raw(raw)
    assert [(f.sheet, f.cell, f.code, f.message) for f in report.findings] == [
        (sh.PURCHASES.name, "B2", "invalid-date",
         f"«{DATE_TITLE}» '{int(shown):,}' เป็นเลขวันที่ของ Excel ที่อยู่นอกช่วงที่เป็นวันที่ได้ "
         "(1–2958465)")]


def _calamine_rows_of(path: Path) -> dict[str, Any]:
    return {n: s.rows for n, s in read_workbook(path).sheets.items()}


def test_robust_reader_second_reader_reads_like_calamine(sample_path: Path,
                                                         monkeypatch: pytest.MonkeyPatch) -> None:
    """A sheet calamine fails on is read by openpyxl's parser, to the same values."""
    from learnworks_xl.io import reader

    expected = _calamine_rows_of(sample_path)
    monkeypatch.setattr(reader, "_calamine_rows", lambda book, name: None)
    assert _calamine_rows_of(sample_path) == expected


ODD_VALUES = (b'<row r="1"><c r="A1" s="1"><v>45962</v></c><c r="B1" s="1"><v>45962.5</v></c>'
              b'<c r="C1" s="1"><v>0.25</v></c><c r="D1" s="1"><v>3000000</v></c>'
              b'<c r="E1" s="1"><v>-3</v></c><c r="F1" t="b"><v>1</v></c><c r="G1"><v>7</v></c>'
              b'<c r="H1" t="e"><v>#REF!</v></c><c r="I1" t="str"><v>-2e11</v></c>'
              b'<c r="J1" t="d"><v>2025-11-15T00:00:00</v></c></row>'
              b'<row r="3"><c r="B3" s="1"><v>-2e11</v></c></row>')


def test_robust_reader_second_reader_odd_values(sample_path: Path, tmp_path: Path,
                                                monkeypatch: pytest.MonkeyPatch) -> None:
    """Dates, datetimes, times, dates past 9999, negatives in a date format, booleans, error
    cells, text that looks like a number and ISO dates: the same from either reader (the
    sheet with -2e11 in a date cell goes to the second reader on its own)."""
    from datetime import date, datetime, time

    from learnworks_xl.io import reader

    part = zp.part_of(sample_path, sh.NOTES.name)
    no_panic = ODD_VALUES.replace(b"-2e11</v></c></row>", b"8</v></c></row>")
    expected = [[date(2025, 11, 1), datetime(2025, 11, 1, 12), time(6), 3000000.0, -3.0, True,
                 7.0, CellError("#REF!"), "-2e11", datetime(2025, 11, 15)], [""] * 10,
                ["", date(1900, 1, 8)] + [""] * 8]
    path = zp.rewrite(sample_path, tmp_path / "odd.xlsx", {part: zp.sheet_xml(no_panic)})
    date_style = _date_style_index(path)
    path = zp.rewrite(sample_path, tmp_path / "odd.xlsx",
                      {part: zp.sheet_xml(no_panic.replace(b's="1"', date_style))})
    assert read_workbook(path).sheets[sh.NOTES.name].rows == expected
    monkeypatch.setattr(reader, "_calamine_rows", lambda book, name: None)
    assert read_workbook(path).sheets[sh.NOTES.name].rows == expected
    monkeypatch.undo()
    panic = zp.rewrite(sample_path, tmp_path / "panic.xlsx",
                       {part: zp.sheet_xml(ODD_VALUES.replace(b's="1"', date_style))})
    expected[2][1] = -2e11
    assert read_workbook(panic).sheets[sh.NOTES.name].rows == expected


def _date_style_index(path: Path) -> bytes:
    """``s="N"`` of the sample's date format (the cell of a purchase's date)."""
    import re

    xml = zp.read_part(path, zp.part_of(path, sh.PURCHASES.name))
    found = re.search(rb'<c r="B2"[^>]*?( s="[0-9]+")', xml)
    assert found is not None
    return found.group(1).strip()
