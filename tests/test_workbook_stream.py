"""The table input sheets are streamed (XlsxWriter's ``constant_memory``, one sheet at a time):
written row by row, they hold the same cells as the same sheets written all in memory.

A streamed sheet refuses a write to a row it has passed (XlsxWriter's own mode drops it
silently), so a change to the writer that goes back up a sheet fails every build at once.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from openpyxl import load_workbook

from learnworks_xl.core.validate import validate_raw
from learnworks_xl.io.plainwriter import write_plain_workbook
from learnworks_xl.io.reader import read_workbook
from learnworks_xl.sample import sample_data
from learnworks_xl.workbook import build_workbook
from learnworks_xl.workbook.sheet import Workbook


def _cells(path: Path) -> dict[str, Any]:
    """Every written cell with its value, format, font, fill, border and comment; the rows'
    heights; the tables, checks and conditional formats of each sheet."""
    book = load_workbook(path)
    out: dict[str, Any] = {}
    for ws in book.worksheets:
        cells = {c.coordinate: (c.value, c.number_format, c.font.b,
                                c.font.color and c.font.color.rgb, c.fill.fgColor.rgb,
                                c.alignment.wrap_text, c.border.top.style,
                                c.border.bottom.style, c.comment and c.comment.text)
                 for row in ws.iter_rows() for c in row
                 if c.value is not None or c.has_style or c.comment is not None}
        out[ws.title] = (
            cells, {k: d.height for k, d in ws.row_dimensions.items() if d.height},
            {n: (ws.tables[n].ref, [c.name for c in ws.tables[n].tableColumns])
             for n in ws.tables},
            sorted((str(d.sqref), d.type, d.formula1) for d in ws.data_validations.dataValidation),
            sorted((str(r.sqref), [(x.type, x.formula) for x in rules])
                   for r, rules in ws.conditional_formatting._cf_rules.items()),
            ws.freeze_panes, ws.print_area)
    return out


@pytest.mark.parametrize("finished", [False, True], ids=["product", "finished"])
def test_workbook_stream_same_as_in_memory(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                          finished: bool) -> None:
    """A finished workbook with findings (marks, comments on blank cells) and the product
    workbook: streamed and in memory, the same sheets."""
    data = sample_data()
    report = None
    if finished:
        data["การใช้จ่าย"][0]["quantity"] = "สองชุด"
        data["การใช้จ่าย"][1]["unit"] = None
        data["แผนปฏิบัติการ"][0]["weight"] = 120
        _parsed, report = validate_raw(read_workbook(write_plain_workbook(
            data, tmp_path / "input.xlsx")))
    name = "book.xlsx" if finished else "book.xlsm"
    streamed = build_workbook(tmp_path / "streamed" / name, data=data, findings=report,
                              macros=not finished)
    monkeypatch.setattr(Workbook, "add_streamed_worksheet", Workbook.add_worksheet)
    in_memory = build_workbook(tmp_path / "memory" / name, data=data, findings=report,
                               macros=not finished)
    assert _cells(streamed) == _cells(in_memory)


def test_workbook_stream_refuses_going_back(tmp_path: Path) -> None:
    wb = Workbook(str(tmp_path / "x.xlsx"))
    ws = wb.add_streamed_worksheet("s")
    ws.write_string(0, 0, "title")
    ws.write_string(5, 0, "row six")
    with pytest.raises(RuntimeError, match="row 2 written after row 6"):
        ws.write_string(1, 0, "too late")
    with pytest.raises(RuntimeError, match="a table at row 3 after row 6"):
        ws.add_table(2, 0, 10, 1, {"columns": [{"header": "a"}, {"header": "b"}]})
    wb.close()


def test_workbook_stream_table_header_in_the_sheet(tmp_path: Path) -> None:
    """A table in a streamed sheet: its header texts are in their cells, the data under."""
    wb = Workbook(str(tmp_path / "x.xlsx"))
    ws = wb.add_streamed_worksheet("s")
    ws.write_string(0, 0, "title")
    ws.add_table(2, 0, 4, 1, {"columns": [{"header": "รหัส"}, {"header": "ชื่อ"}]})
    ws.write_string(2, 3, "beside")
    ws.write_string(3, 0, "BK01")
    ws.write_number(4, 1, 5)
    wb.close()
    sheet = load_workbook(tmp_path / "x.xlsx")["s"]
    assert [[c.value for c in row] for row in sheet.iter_rows()] == [
        ["title", None, None, None], [None, None, None, None], ["รหัส", "ชื่อ", None, "beside"],
        ["BK01", None, None, None], [None, 5, None, None]]
    assert sheet.tables["Table1"].ref == "A3:B5"
