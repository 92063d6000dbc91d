"""School forms: one small prefilled .xlsx per school, the workbook's headers and live checks."""

from __future__ import annotations

import re
import zipfile
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from openpyxl import load_workbook

from learnworks_xl import api
from learnworks_xl.cli import cli
from learnworks_xl.core import sheets as sh
from learnworks_xl.errors import ConfigError, OutputError
from learnworks_xl.forms.identity import (
    FORM_SHEETS,
    IDENTITY_SHEET,
    INFO_SHEET,
    form_filename,
    read_identity,
)
from learnworks_xl.io.reader import read_workbook, sheet_parts
from learnworks_xl.workbook import build_workbook
from learnworks_xl.workbook.layout import HEADER_ROW, LISTS_SHEET

CODES = ["BK01", "BK02", "BK03", "BK04", "BK05"]


@pytest.fixture
def forms(sample_path: Path, tmp_path: Path) -> list[Path]:
    return api.school_forms(sample_path, tmp_path / "forms").written


def test_forms_one_per_school(forms: list[Path], tmp_path: Path) -> None:
    assert [p.name for p in forms] == [f"แบบฟอร์มโรงเรียน-{c}-2569.xlsx" for c in CODES]
    assert all(p.parent == tmp_path / "forms" for p in forms)


def test_forms_sheets_and_visibility(forms: list[Path]) -> None:
    wb = load_workbook(forms[0])
    assert wb.sheetnames == [INFO_SHEET, *(s.name for s in FORM_SHEETS), sh.SCHOOLS.name,
                             LISTS_SHEET, IDENTITY_SHEET]
    states = {ws.title: ws.sheet_state for ws in wb.worksheets}
    assert states == {INFO_SHEET: "visible", **{s.name: "visible" for s in FORM_SHEETS},
                      sh.SCHOOLS.name: "hidden", LISTS_SHEET: "hidden",
                      IDENTITY_SHEET: "veryHidden"}
    assert wb[INFO_SHEET].protection.sheet
    assert not any(wb[s.name].protection.sheet for s in FORM_SHEETS)


@pytest.mark.parametrize(("index", "code", "size", "allocation", "quota"), [
    (0, "BK01", "ขนาดใหญ่", 15100, 3),
    (2, "BK03", "ขนาดกลาง", 13100, 2),
])
def test_forms_prefilled_facts(forms: list[Path], index: int, code: str, size: str,
                               allocation: int, quota: int, sample_dict: dict[str, Any]) -> None:
    ws = load_workbook(forms[index])[INFO_SHEET]
    facts = {ws.cell(r, 1).value: ws.cell(r, 2).value for r in range(4, 12)}
    school = sample_dict[sh.SCHOOLS.name][index]
    assert facts == {
        "ปีงบประมาณ (พ.ศ.)": 2569,
        "หน่วยงานที่รับผิดชอบ": "ฝ่ายการศึกษา และโรงเรียนในสังกัดสำนักงานเขตบางเขน",
        "รหัสโรงเรียน": code,
        "ชื่อโรงเรียน": school["name"],
        "ขนาดโรงเรียน": size,
        "งบประมาณที่ได้รับจัดสรร (บาท)": allocation,
        "จำนวนผลงานตามเกณฑ์": quota,
        "จำนวนเงินเป็นตัวอักษร": "(หนึ่งหมื่นห้าพันหนึ่งร้อยบาทถ้วน)" if quota == 3
        else "(หนึ่งหมื่นสามพันหนึ่งร้อยบาทถ้วน)",
    }
    assert ws["A1"].value == "แบบฟอร์มรายงานข้อมูลโรงเรียน"


def test_forms_instructions_exact(forms: list[Path]) -> None:
    ws = load_workbook(forms[0])[INFO_SHEET]
    lines = [ws.cell(r, 1).value for r in range(14, 20)]
    assert lines == [
        "1. กรอกข้อมูลในชีต «แผนกิจกรรมโรงเรียน» «การใช้จ่าย» «ผลงานนักเรียน» «รายงานผลโรงเรียน» "
        "เฉพาะชีตที่ถึงกำหนดส่ง ชีตที่เว้นว่างไว้จะไม่เปลี่ยนข้อมูลเดิมของโรงเรียนที่สำนักงานเขต",
        "2. ช่อง «รหัสโรงเรียน» ทุกแถวให้เลือกรหัส BK01 จากรายการ",
        "3. ช่องที่ขึ้นสีแดงคือข้อมูลที่ยังไม่ครบหรือไม่ถูกต้อง กรุณาแก้ไขก่อนส่ง",
        "4. คัดสรรผลงานที่ดีที่สุด 3 ผลงาน โดยเลือก «ใช่» ในคอลัมน์ «คัดสรรส่งสำนักการศึกษา»",
        "5. บันทึกเป็นไฟล์ .xlsx โดยไม่เปลี่ยนชื่อชีตหรือหัวคอลัมน์ แล้วส่งไฟล์คืนสำนักงานเขต",
        "6. ส่งใหม่ได้: ไฟล์ที่ส่งใหม่จะแทนที่ข้อมูลเดิมของโรงเรียนในชีตที่กรอก",
    ]


@pytest.mark.parametrize("spec", FORM_SHEETS, ids=lambda s: s.name)
def test_forms_headers_from_models(forms: list[Path], spec: sh.SheetSpec) -> None:
    ws = load_workbook(forms[0])[spec.name]
    headers = [c.value for c in ws[HEADER_ROW + 1]][:len(spec.columns)]
    assert headers == [c.title for c in spec.columns]


def _checks(path: Path, sheet: str) -> tuple[list[str], list[str]]:
    """The sheet's data validations and conditional formats (format ids and priorities
    stripped: they number the formats of one file)."""
    with zipfile.ZipFile(path) as z:
        xml = z.read(sheet_parts(z)[sheet]).decode("utf-8")
    dv = re.findall(r"<dataValidation .*?</dataValidation>", xml, re.S)
    cf = [re.sub(r' (dxfId|priority)="\d+"', "", c)
          for c in re.findall(r"<conditionalFormatting .*?</conditionalFormatting>", xml, re.S)]
    return dv, cf


@pytest.mark.parametrize("spec", FORM_SHEETS, ids=lambda s: s.name)
def test_forms_same_live_checks_as_workbook(forms: list[Path], tmp_path: Path,
                                            spec: sh.SheetSpec) -> None:
    template = build_workbook(tmp_path / "template.xlsx", macros=False)
    dv, cf = _checks(forms[0], spec.name)
    assert dv and cf
    assert (dv, cf) == _checks(template, spec.name)


def test_forms_checks_see_this_school_and_year(forms: list[Path]) -> None:
    wb = load_workbook(forms[1])
    lookup = wb[sh.SCHOOLS.name]
    assert (lookup["A4"].value, lookup["G4"].value, lookup["H4"].value) == ("BK02", 15100, 3)
    names = {n: wb.defined_names[n].attr_text for n in wb.defined_names}
    assert names["lw_fy_start"] == "'ข้อมูลอ้างอิง'!$B$3"
    lists = wb[LISTS_SHEET]
    assert [lists[f"B{r}"].value.date().isoformat() for r in (3, 4)] == ["2025-10-01",
                                                                        "2026-09-30"]
    assert names["lw_form_school"] == "'ข้อมูลแบบฟอร์ม'!$B$5"


def test_forms_no_macros(forms: list[Path]) -> None:
    with zipfile.ZipFile(forms[0]) as z:
        names = z.namelist()
        types = z.read("[Content_Types].xml").decode()
        props = z.read("docProps/custom.xml").decode()
    assert not [n for n in names if "vba" in n.lower()]
    assert "macroEnabled" not in types
    assert "learnworks-school-form" in props and "BK01" in props


@pytest.mark.parametrize("index", range(5))
def test_forms_identity_read_back(forms: list[Path], index: int) -> None:
    ident = read_identity(read_workbook(forms[index])).identity
    assert ident is not None
    assert (ident.kind, ident.version, ident.school_code, ident.fiscal_year) == (
        "learnworks-school-form", 1, CODES[index], 2569)


def test_forms_blank_form_reads_clean(forms: list[Path]) -> None:
    from learnworks_xl.core.table import read_table

    raw = read_workbook(forms[0])
    for spec in FORM_SHEETS:
        table, found = read_table(raw.sheets[spec.name], spec)
        assert (table.found, table.rows, found) == (True, [], [])


@pytest.mark.parametrize(("code", "name"), [
    ("BK01", "แบบฟอร์มโรงเรียน-BK01-2569.xlsx"),
    ("10/3 ก", "แบบฟอร์มโรงเรียน-10_3_ก-2569.xlsx"),
    ("../x", "แบบฟอร์มโรงเรียน-x-2569.xlsx"),
])
def test_forms_filename_safe(code: str, name: str) -> None:
    assert form_filename(code, 2569) == name


def test_forms_skips_bad_and_repeated_schools(sample_dict: dict[str, Any], make_workbook: Any,
                                             tmp_path: Path) -> None:
    schools = sample_dict[sh.SCHOOLS.name]
    schools[1]["email"] = "ไม่ใช่อีเมล"  # optional: the row stays valid
    schools[2]["name"] = None
    schools[3]["code"] = "BK01"
    result = api.school_forms(make_workbook(sample_dict), tmp_path / "f")
    assert [p.name for p in result.written] == [
        "แบบฟอร์มโรงเรียน-BK01-2569.xlsx", "แบบฟอร์มโรงเรียน-BK02-2569.xlsx",
        "แบบฟอร์มโรงเรียน-BK05-2569.xlsx"]
    assert result.skipped == [
        "โรงเรียนรหัส BK03 (ชีต «โรงเรียน» แถว 4) มีข้อมูลไม่ถูกต้อง กรุณาแก้ไขแล้วสร้างใหม่",
        "รหัสโรงเรียน BK01 ซ้ำ (ชีต «โรงเรียน» แถว 5) สร้างแบบฟอร์มให้เฉพาะแถวแรก",
    ]


@pytest.mark.parametrize(("sheet", "field", "message"), [
    (sh.PROJECT.name, "fiscal_year",
     "ข้อมูลในชีต «โครงการ» ยังไม่ถูกต้อง (ปีงบประมาณ) กรุณาตรวจสอบก่อนสร้างแบบฟอร์ม"),
    (sh.SCHOOLS.name, None,
     "ไม่พบโรงเรียนที่ข้อมูลถูกต้องในชีต «โรงเรียน» จึงไม่มีแบบฟอร์มให้สร้าง"),
])
def test_forms_refuses_without_project_or_schools(sample_dict: dict[str, Any],
                                                  make_workbook: Any, tmp_path: Path,
                                                  sheet: str, field: str | None,
                                                  message: str) -> None:
    if field is None:
        sample_dict[sheet] = []
    else:
        sample_dict[sheet][field] = "ปีหน้า"
    with pytest.raises(ConfigError) as err:
        api.school_forms(make_workbook(sample_dict), tmp_path / "f")
    assert err.value.message_th == message
    assert not (tmp_path / "f").exists()


def test_forms_never_overwrite_input(sample_path: Path) -> None:
    target = sample_path.with_name(form_filename("BK01", 2569))
    sample_path.rename(target)
    with pytest.raises(OutputError):
        api.school_forms(target, target.parent)


def test_forms_cli_output(sample_path: Path, tmp_path: Path) -> None:
    out = tmp_path / "แบบฟอร์ม"
    result = CliRunner().invoke(cli, ["school-forms", str(sample_path), "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert result.output == "สร้างแบบฟอร์มโรงเรียน 5 ฉบับ:\n" + "".join(
        f"  {out / f'แบบฟอร์มโรงเรียน-{c}-2569.xlsx'}\n" for c in CODES)


def test_forms_cli_unreadable(tmp_path: Path) -> None:
    bad = tmp_path / "x.xlsx"
    bad.write_text("not a workbook", encoding="utf-8")
    result = CliRunner().invoke(cli, ["school-forms", str(bad), "-o", str(tmp_path / "f")])
    assert result.exit_code == 2
    assert result.output == ("ผิดพลาด: ไฟล์ x.xlsx ไม่ใช่สมุดงาน Excel (.xlsx หรือ .xlsm) "
                             "(x.xlsx is not an Excel workbook (.xlsx/.xlsm))\n")
