"""Round-trip reads of built workbooks with openpyxl (as tablib tests its exports): sheets,
headers, validations, formats, names, buttons, marks; and the validator on the result."""

from __future__ import annotations

import re
import zipfile
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from openpyxl import load_workbook
from openpyxl.worksheet.worksheet import Worksheet

from learnworks_xl import api
from learnworks_xl.core import sheets as sh
from learnworks_xl.core.findings import Findings, error, warning
from learnworks_xl.errors import OutputError
from learnworks_xl.sample import sample_data
from learnworks_xl.workbook import build_workbook
from learnworks_xl.workbook.home import BUTTONS, NO_MACROS_NOTE
from learnworks_xl.workbook.positions import (
    FIRST_DATA_ROW,
    HEADER_ROW,
    KV_FIRST_ROW,
    LISTS_SHEET,
    XLWINGS_CONF_SHEET,
)
from learnworks_xl.workbook.vba.contract import BUTTON_MACROS

HIDDEN = [LISTS_SHEET, XLWINGS_CONF_SHEET]


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    out = tmp_path_factory.mktemp("wb")
    return {
        "sample": build_workbook(out / "sample.xlsm", data=sample_data()),
        "template": build_workbook(out / "template.xlsm"),
        "finished": build_workbook(out / "finished.xlsx", data=sample_data(), macros=False),
    }


def dv_of(ws: Worksheet, cell: str) -> Any:
    found = [dv for dv in ws.data_validations.dataValidation if cell in dv.sqref]
    assert len(found) == 1, f"{ws.title}!{cell}: {len(found)} validations"
    return found[0]


@pytest.mark.parametrize("kind", ["sample", "template", "finished"])
def test_workbook_roundtrip_sheets_in_spec_order(built: dict[str, Path], kind: str) -> None:
    wb = load_workbook(built[kind])
    assert wb.sheetnames == [s.name for s in sh.ALL_SHEETS] + HIDDEN
    assert [ws.sheet_state for ws in wb.worksheets][-2:] == ["hidden", "hidden"]
    assert all(ws.sheet_state == "visible" for ws in wb.worksheets[:-2])
    assert wb.active.title == sh.HOME.name


@pytest.mark.parametrize("spec", [s for s in sh.INPUT_SHEETS if s.kind == "table"],
                         ids=lambda s: s.name)
def test_workbook_roundtrip_headers_from_models(built: dict[str, Path], spec: sh.SheetSpec) -> None:
    ws = load_workbook(built["template"])[spec.name]
    header = [c.value for c in ws[HEADER_ROW + 1]][: len(spec.columns)]
    assert header == [c.title for c in spec.columns]
    assert ws.freeze_panes == f"A{FIRST_DATA_ROW + 1}"
    assert ws.print_title_rows == f"${HEADER_ROW + 1}:${HEADER_ROW + 1}"
    assert ws.page_setup.paperSize == 9
    assert len(ws.tables) == 1


@pytest.mark.parametrize("spec", [sh.PROJECT, sh.SETTINGS], ids=lambda s: s.name)
def test_workbook_roundtrip_keyvalue_labels(built: dict[str, Path], spec: sh.SheetSpec) -> None:
    ws = load_workbook(built["template"])[spec.name]
    labels = [ws.cell(KV_FIRST_ROW + 1 + i, 1).value for i in range(len(spec.columns))]
    assert labels == [c.title for c in spec.columns]


@pytest.mark.parametrize(("sheet", "cell", "expected"), [
    ("ผลงานนักเรียน", "D4", {"type": "list", "formula1": '"นวัตกรรม,สื่อ,เทคโนโลยีสารสนเทศ"',
                              "errorStyle": None,  # "stop" is the default
                              "error": "«ประเภทผลงาน» เลือกได้เฉพาะ นวัตกรรม, สื่อ, เทคโนโลยีสารสนเทศ"}),
    ("ความเสี่ยง", "B4", {"type": "custom",
                          "formula1": "OR(ISTEXT(B4),AND(B4>=1,B4<=5,B4=INT(B4)))",
                          "errorStyle": None,
                          "prompt": "กรอกจำนวนเต็ม ต้องอยู่ระหว่าง 1 ถึง 5 (พิมพ์เลขไทยก็ได้)",
                          "error": "«โอกาสที่จะเกิด» ต้องเป็นจำนวนเต็ม ต้องอยู่ระหว่าง 1 ถึง 5"}),
    ("การใช้จ่าย", "B4", {"type": "custom",
                          "formula1": "OR(ISTEXT(B4),AND(B4>=lw_fy_start,B4<=lw_date_end))",
                          "errorStyle": None,
                          "prompt": "กรอกวันที่ภายในปีงบประมาณ เช่น 15 พ.ย. 2568 "
                                    "ระบบแสดงเป็นปี พ.ศ."}),
    ("การใช้จ่าย", "A4", {"type": "list", "formula1": "'โรงเรียน'!$A$4:$A$103",
                          "errorStyle": None,
                          "prompt": "เลือกรหัสโรงเรียนจากรายการ (ชีต «โรงเรียน»)"}),
    ("การใช้จ่าย", "D4", {"type": "custom", "formula1": "OR(ISTEXT(D4),AND(D4>0))"}),
    ("โรงเรียน", "B4", {"type": "textLength", "operator": "lessThanOrEqual",
                        "formula1": "200", "error": "«ชื่อโรงเรียน» ยาวเกิน 200 ตัวอักษร"}),
    ("บันทึกรายเดือน", "A4", {
        "type": "custom", "formula1": "OR(ISTEXT(A4),AND(A4>=lw_plan_start,A4<=lw_plan_end))"}),
    ("ตั้งค่า", "B3", {"type": "list", "formula1": '"Python ในเครื่อง,xlwings Server"'}),
    ("โครงการ", "B6", {"type": "custom",
                       "formula1": "OR(ISTEXT(B6),AND(B6>=2560,B6<=2700,B6=INT(B6)))",
                       "promptTitle": "ปีงบประมาณ (พ.ศ.)"}),
])
def test_workbook_roundtrip_validation(built: dict[str, Path], sheet: str, cell: str,
                                       expected: dict[str, str]) -> None:
    dv = dv_of(load_workbook(built["template"])[sheet], cell)
    got = {k: getattr(dv, k) for k in expected}
    got = {k: (v.strip("=").replace("'โรงเรียน'", "'โรงเรียน'") if isinstance(v, str) else v)
           for k, v in got.items()}
    assert got == expected


def test_workbook_roundtrip_long_list_goes_to_lists_sheet(built: dict[str, Path]) -> None:
    ws = load_workbook(built["template"])["ผลงานนักเรียน"]
    dv = dv_of(ws, "G4")  # ระดับชั้น: 15 grades fit in 255 characters
    assert dv.formula1.startswith('"อ.1,')
    # no list of the models passes 255 characters today; the mechanism is exercised here:
    from learnworks_xl.workbook.livechecks import literal_list_fits
    assert not literal_list_fits(tuple(f"ตัวเลือกที่ {i}" for i in range(40)))
    assert not literal_list_fits(("a,b", "c"))


@pytest.mark.parametrize(("sheet", "cell", "number_format"), [
    ("การใช้จ่าย", "B4", "[$-107041E]d mmm yyyy"),
    ("การใช้จ่าย", "G4", "#,##0.00"),
    ("บันทึกรายเดือน", "A4", "[$-107041E]mmm yyyy"),
    ("โรงเรียน", "G4", "#,##0.00"),
    ("โรงเรียน", "E4", "@"),
])
def test_workbook_roundtrip_formats(built: dict[str, Path], sheet: str, cell: str,
                                    number_format: str) -> None:
    c = load_workbook(built["sample"])[sheet][cell]
    assert c.number_format == number_format
    assert c.font.name == "TH Sarabun New"
    assert c.font.sz == 16


def test_workbook_roundtrip_defined_names(built: dict[str, Path]) -> None:
    wb = load_workbook(built["template"])
    names = wb.defined_names
    assert names["lw_mode"].attr_text == "'ตั้งค่า'!$B$3"
    assert names["lw_server_url"].attr_text == "'ตั้งค่า'!$B$4"
    assert names["lw_fy_start"].attr_text == f"'{LISTS_SHEET}'!$B$3"
    assert {f"lw_risk_band_{i}" for i in range(1, 6)} <= set(names)
    assert wb["ตั้งค่า"]["B3"].value == "Python ในเครื่อง"  # the model's default
    assert wb["ตั้งค่า"]["B14"].value == "2,4,9,16,25"


def test_workbook_roundtrip_formulas_with_cached_values(built: dict[str, Path]) -> None:
    wb = load_workbook(built["sample"])
    cached = load_workbook(built["sample"], data_only=True)
    assert wb["โรงเรียน"]["G4"].value.startswith("=IF(TRIM($C4)")
    assert [cached["โรงเรียน"][f"G{r}"].value for r in range(4, 9)] == \
        [15100, 15100, 13100, 13100, 13100]
    assert cached["โรงเรียน"]["G2"].value == 69500
    assert cached["ความเสี่ยง"]["D4"].value == "น้อยมาก"
    assert cached["ความเสี่ยง"]["F4"].value == 1
    assert cached["แผนปฏิบัติการ"]["F2"].value == 100


def test_workbook_roundtrip_buttons_in_vml(built: dict[str, Path]) -> None:
    with zipfile.ZipFile(built["sample"]) as z:
        vml = z.read("xl/drawings/vmlDrawing1.vml").decode("utf-8")
        names = z.namelist()
        workbook_xml = z.read("xl/workbook.xml").decode("utf-8")
        sheet1 = z.read("xl/worksheets/sheet1.xml").decode("utf-8")
    macros = re.findall(r"<x:FmlaMacro>\[0\]!(\w+)</x:FmlaMacro>", vml)
    assert macros == [m for _, m in BUTTONS]
    assert set(macros) == set(BUTTON_MACROS)
    for caption, _ in BUTTONS:
        assert caption in vml
    assert "xl/vbaProject.bin" in names
    assert 'codeName="ThisWorkbook"' in workbook_xml
    assert 'codeName="Sheet1"' in sheet1


def test_workbook_roundtrip_finished_has_no_macros(built: dict[str, Path]) -> None:
    with zipfile.ZipFile(built["finished"]) as z:
        names = z.namelist()
    assert "xl/vbaProject.bin" not in names
    assert not any("vmlDrawing" in n for n in names)
    assert load_workbook(built["finished"])[sh.HOME.name]["F4"].value == NO_MACROS_NOTE


@pytest.mark.parametrize("kind", ["sample", "finished"])
def test_workbook_roundtrip_sample_validates_clean(built: dict[str, Path], kind: str) -> None:
    report = api.validate(built[kind]).report
    assert report.flat() == []


def test_workbook_roundtrip_raw_strings_kept(tmp_path: Path) -> None:
    data = sample_data()
    data["เกณฑ์ขนาดโรงเรียน"][0]["budget_per_school"] = "15,100.-"
    data["การใช้จ่าย"][0]["date"] = "5/1/2569"
    path = build_workbook(tmp_path / "raw.xlsx", data=data, macros=False)
    wb = load_workbook(path, data_only=True)
    assert wb["เกณฑ์ขนาดโรงเรียน"]["B4"].value == "15,100.-"
    assert wb["โรงเรียน"]["G4"].value == 15100  # INDEX of the reading of B4
    assert api.validate(path).report.flat() == []


def test_workbook_roundtrip_findings_marked(tmp_path: Path) -> None:
    report = Findings(findings=[
        error("required", "โรงเรียน", "กรุณากรอก «ชื่อโรงเรียน»", cell="B5", column="ชื่อโรงเรียน"),
        error("required", "โรงเรียน", "ข้อความที่สอง", cell="B5", column="ชื่อโรงเรียน"),
        error("required", "แผนกิจกรรมโรงเรียน", "กรุณากรอก «กิจกรรม»", cell="B40",
              column="กิจกรรม"),
        error("out-of-range", "โครงการ", "ปีผิด", cell="B10", column="ปีงบประมาณ (พ.ศ.)"),
    ])
    report.findings.append(warning("outside-run-period", "การใช้จ่าย", "คำเตือน", cell="C4",
                                   column="รายการ"))
    path = build_workbook(tmp_path / "marked.xlsx", data=sample_data(), findings=report,
                          macros=False)
    wb = load_workbook(path)
    cell = wb["โรงเรียน"]["B5"]
    assert cell.fill.fgColor.rgb == "FFFFC7CE"
    assert cell.comment.text == "• กรุณากรอก «ชื่อโรงเรียน»\n• ข้อความที่สอง"
    assert wb["แผนกิจกรรมโรงเรียน"]["B40"].comment.text == "• กรุณากรอก «กิจกรรม»"
    assert wb["โครงการ"]["B6"].comment.text == "• ปีผิด"  # placed by the setting's title
    assert wb["การใช้จ่าย"]["C4"].fill.fgColor.rgb == "FFFFEB9C"
    assert wb["โรงเรียน"]["B4"].comment is None


@pytest.mark.parametrize(("name", "macros", "message"), [
    ("x.xlsx", True, "ชื่อไฟล์ x.xlsx ต้องลงท้ายด้วย .xlsm (สมุดงานที่มีแมโคร)"),
    ("x.xlsm", False, "ชื่อไฟล์ x.xlsm ต้องลงท้ายด้วย .xlsx (สมุดงานไม่มีแมโคร)"),
])
def test_workbook_roundtrip_wrong_suffix(tmp_path: Path, name: str, macros: bool,
                                         message: str) -> None:
    with pytest.raises(OutputError) as info:
        build_workbook(tmp_path / name, macros=macros)
    assert info.value.message_th == message
    assert not (tmp_path / name).exists()


def test_workbook_roundtrip_cli_writes_both(tmp_path: Path) -> None:
    from click.testing import CliRunner

    from learnworks_xl.cli import cli

    result = CliRunner().invoke(cli, ["build-workbook", "-o", str(tmp_path)])
    assert result.exit_code == 0, result.output
    assert result.output == f"{tmp_path / 'learnworks.xlsm'}\n" \
                            f"{tmp_path / 'learnworks-template.xlsm'}\n" \
                            f"{tmp_path / 'learnworks-สำนักการศึกษา.xlsm'}\n"


def test_workbook_roundtrip_amount_is_typed_value(tmp_path: Path) -> None:
    data = sample_data()
    data["การใช้จ่าย"][0]["amount"] = Decimal("1249.5")
    path = build_workbook(tmp_path / "m.xlsx", data=data, macros=False)
    assert [f.code for f in api.validate(path).report.findings] == ["amount-mismatch"]
