"""The live checks, column by column, as written in the sheet XML of the built template: the
data validation that refuses ("stop") what the formulas and formats can't read, the one that
lets text through to the validator and the readings, and the formats that read the readings.
The decisions are the README's table ("สูตรและการตรวจขณะกรอก")."""

from __future__ import annotations

import xml.etree.ElementTree as ET
import zipfile
from pathlib import Path

import pytest
from xlsxwriter.utility import xl_col_to_name

from learnworks_xl.core import sheets as sh
from learnworks_xl.io.reader import read_workbook
from learnworks_xl.workbook import build_workbook
from learnworks_xl.workbook.positions import HEADER_ROW, table_layout


def _reading(spec: sh.SheetSpec, field: str) -> str:
    """The letter of a column's hidden reading (its value) column."""
    return xl_col_to_name(table_layout(spec, 0).readings[field][1])


NS = {"m": "http://schemas.openxmlformats.org/spreadsheetml/2006/main"}
REL = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}id"
DATE_HINT = ("หากพิมพ์ปี พ.ศ. แล้วถูกปฏิเสธ เครื่องอาจตั้งปฏิทินแบบ ค.ศ.: "
             "พิมพ์ปี ค.ศ. หรือพิมพ์เป็นข้อความ เช่น ")


@pytest.fixture(scope="module")
def template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_workbook(tmp_path_factory.mktemp("checks") / "template.xlsm")


def sheet_xml(path: Path, sheet: str) -> ET.Element:
    """The worksheet part of a sheet, found through workbook.xml and its relationships."""
    with zipfile.ZipFile(path) as z:
        book = ET.fromstring(z.read("xl/workbook.xml"))
        rels = ET.fromstring(z.read("xl/_rels/workbook.xml.rels"))
        rid = next(s.get(REL) for s in book.iterfind("m:sheets/m:sheet", NS)
                   if s.get("name") == sheet)
        target = next(r.get("Target") for r in rels if r.get("Id") == rid)
        return ET.fromstring(z.read("xl/" + str(target)))


def validation_at(path: Path, sheet: str, cell: str) -> dict[str, str | None]:
    """The one ``<dataValidation>`` whose sqref starts at ``cell``: attributes and formulas."""
    root = sheet_xml(path, sheet)
    found = [dv for dv in root.iterfind("m:dataValidations/m:dataValidation", NS)
             if str(dv.get("sqref")).split(":")[0] == cell]
    assert len(found) == 1, f"{sheet}!{cell}: {len(found)} validations"
    dv = found[0]
    return {**dv.attrib, "formula1": dv.findtext("m:formula1", None, NS),
            "formula2": dv.findtext("m:formula2", None, NS)}


#: (sheet, first cell, type, operator, formula1, formula2, error style, error title, message)
DECISIONS = [
    # numbers read by formulas: text goes through (the readings compute it), numbers in range
    ("การใช้จ่าย", "F4", "custom", None, "OR(ISTEXT(F4),AND(F4>=0,ROUND(F4,2)=F4))", None,
     "stop", "ข้อมูลไม่ถูกต้อง",
     "«ราคาต่อหน่วย (บาท)» ต้องเป็นตัวเลข ต้องไม่น้อยกว่า 0 ทศนิยมไม่เกิน 2 ตำแหน่ง"),
    ("การใช้จ่าย", "D4", "custom", None, "OR(ISTEXT(D4),AND(D4>0))", None, "stop",
     "ข้อมูลไม่ถูกต้อง", "«จำนวน» ต้องเป็นตัวเลข ต้องมากกว่า 0"),
    ("โครงการ", "B6", "custom", None, "OR(ISTEXT(B6),AND(B6>=2560,B6<=2700,B6=INT(B6)))",
     None, "stop", "ข้อมูลไม่ถูกต้อง",
     "«ปีงบประมาณ (พ.ศ.)» ต้องเป็นจำนวนเต็ม ต้องอยู่ระหว่าง 2560 ถึง 2700"),
    ("ความเสี่ยง", "C4", "custom", None, "OR(ISTEXT(C4),AND(C4>=1,C4<=5,C4=INT(C4)))", None,
     "stop", "ข้อมูลไม่ถูกต้อง", "«ผลกระทบ» ต้องเป็นจำนวนเต็ม ต้องอยู่ระหว่าง 1 ถึง 5"),
    # dates: the validator's period, text goes through
    ("การใช้จ่าย", "B4", "custom", None, "OR(ISTEXT(B4),AND(B4>=lw_fy_start,B4<=lw_date_end))",
     None, "stop", "ข้อมูลไม่ถูกต้อง",
     "«วันที่» ต้องเป็นวันที่ภายในปีงบประมาณ " + DATE_HINT + "15 พ.ย. 2568"),
    ("แผนปฏิบัติการ", "D4", "custom", None,
     "OR(ISTEXT(D4),AND(D4>=lw_plan_start,D4<=lw_plan_end))", None, "stop", "ข้อมูลไม่ถูกต้อง",
     "«เดือนเริ่ม» ต้องเป็นเดือนภายในช่วงแผนปฏิบัติการ (ก.ย. – ก.ย.) " + DATE_HINT + "พ.ย. 2568"),
    ("แผนปฏิบัติการ", "H4", "custom", None,
     "OR(ISTEXT(H4),AND(H4>=lw_plan_start,H4<=lw_plan_end))", None, "stop", "ข้อมูลไม่ถูกต้อง",
     "«วันที่แล้วเสร็จ» ต้องเป็นวันที่ภายในช่วงแผนปฏิบัติการ (ก.ย. – ก.ย.) " + DATE_HINT
     + "15 พ.ย. 2568"),
    ("ตั้งค่า", "B13", "custom", None, "OR(ISTEXT(B13),AND(B13>=lw_plan_start,B13<=lw_plan_end))",
     None, "warning", "โปรดตรวจสอบข้อมูล",
     "«เดือนที่รายงาน» ต้องเป็นเดือนภายในช่วงแผนปฏิบัติการ (ก.ย. – ก.ย.) " + DATE_HINT
     + "พ.ย. 2568"),
    # text refused where the checks can't read it
    # (operator "between" is the default, so it is not written)
    ("แผนปฏิบัติการ", "A4", "whole", None, "1", "99", "stop", "ข้อมูลไม่ถูกต้อง",
     "«ลำดับ» ต้องเป็นจำนวนเต็ม ต้องอยู่ระหว่าง 1 ถึง 99 พิมพ์เป็นเลขอารบิก (0–9)"),
    ("โรงเรียน", "A4", "custom", None,
     'AND(LEN(A4)<=20,LEN(A4)=LEN(SUBSTITUTE(A4," ","")),SUMPRODUCT(--ISNUMBER(FIND('
     '{"๐","๑","๒","๓","๔","๕","๖","๗","๘","๙"},A4)))=0)', None, "stop", "ข้อมูลไม่ถูกต้อง",
     "«รหัสโรงเรียน» ยาวไม่เกิน 20 ตัวอักษร ไม่เว้นวรรค และใช้เลขอารบิก (0–9) ไม่ใช้เลขไทย"),
    ("ผลงานนักเรียน", "A4", "custom", None,
     'AND(LEN(A4)<=30,LEN(A4)=LEN(SUBSTITUTE(A4," ","")),SUMPRODUCT(--ISNUMBER(FIND('
     '{"๐","๑","๒","๓","๔","๕","๖","๗","๘","๙"},A4)))=0)', None, "stop", "ข้อมูลไม่ถูกต้อง",
     "«รหัสผลงาน» ยาวไม่เกิน 30 ตัวอักษร ไม่เว้นวรรค และใช้เลขอารบิก (0–9) ไม่ใช้เลขไทย"),
    ("การใช้จ่าย", "A4", "list", None, "'โรงเรียน'!$A$4:$A$103", None, "stop",
     "ข้อมูลไม่ถูกต้อง",
     "ไม่พบ «รหัสโรงเรียน» นี้ในชีต «โรงเรียน» เลือกจากรายการ หรือเพิ่มโรงเรียนในชีต «โรงเรียน» ก่อน"),
    ("แผนปฏิบัติการ", "G4", "list", None, '"ยังไม่เริ่ม,กำลังดำเนินการ,เสร็จสิ้น"', None,
     "stop", "ข้อมูลไม่ถูกต้อง", "«สถานะ» เลือกได้เฉพาะ ยังไม่เริ่ม, กำลังดำเนินการ, เสร็จสิ้น"),
    ("ผลงานนักเรียน", "J4", "list", None, '"ใช่,ไม่ใช่"', None, "stop", "ข้อมูลไม่ถูกต้อง",
     "«คัดสรรส่งสำนักการศึกษา» เลือกได้เฉพาะ ใช่, ไม่ใช่"),
]


@pytest.mark.parametrize(("sheet", "cell", "kind", "operator", "formula1", "formula2", "style",
                          "title", "message"), DECISIONS,
                         ids=[f"{d[0]}-{d[1]}" for d in DECISIONS])
def test_workbook_checks_validation_in_sheet_xml(
        template: Path, sheet: str, cell: str, kind: str, operator: str | None,
        formula1: str, formula2: str | None, style: str, title: str, message: str) -> None:
    dv = validation_at(template, sheet, cell)
    assert (dv["type"], dv.get("operator"), dv["formula1"], dv["formula2"]) == \
        (kind, operator, formula1, formula2)
    assert dv.get("errorStyle", "stop") == style  # absent means stop in SpreadsheetML
    assert (dv["showErrorMessage"], dv["errorTitle"], dv["error"]) == ("1", title, message)
    assert dv["allowBlank"] == "1"


def test_workbook_checks_texts_within_excels_limits(template: Path) -> None:
    """Excel refuses a validation formula over 255 characters, titles over 32 and messages
    over 255; a conditional format's formula is kept short too (no texts were clipped)."""
    seen = 0
    for sheet in ("โครงการ", "เกณฑ์ขนาดโรงเรียน", "โรงเรียน", "แผนปฏิบัติการ",
                  "แผนกิจกรรมโรงเรียน", "การใช้จ่าย", "ผลงานนักเรียน", "รายงานผลโรงเรียน",
                  "ความเสี่ยง", "บันทึกรายเดือน", "ตั้งค่า"):
        root = sheet_xml(template, sheet)
        for dv in root.iterfind("m:dataValidations/m:dataValidation", NS):
            seen += 1
            assert len(dv.findtext("m:formula1", "", NS)) <= 255
            assert len(dv.get("errorTitle", "")) <= 32 and len(dv.get("promptTitle", "")) <= 32
            for text in (dv.get("error", ""), dv.get("prompt", "")):
                assert len(text) <= 255 and not text.endswith("…"), text
        for rule in root.iterfind("m:conditionalFormatting/m:cfRule", NS):
            assert len(rule.findtext("m:formula", "", NS)) <= 255
        for f in root.iter(f"{{{NS['m']}}}f"):
            assert len(f.text or "") <= 8192
    assert seen > 50


@pytest.mark.parametrize(("sheet", "sqref", "formula"), [
    # text no reading computes turns red (the validator reports it at the same cell)
    ("การใช้จ่าย", "F4:F103",
     f"AND(LEN(TRIM(F4))>0,NOT(ISNUMBER(${_reading(sh.PURCHASES, 'unit_price')}4)))"),
    ("แผนปฏิบัติการ", "D4:D103",
     f"AND(LEN(TRIM(D4))>0,NOT(ISNUMBER(${_reading(sh.PLAN, 'start_month')}4)))"),
    # comparisons read the readings
    ("การใช้จ่าย", "G4:G103",
     "AND(ISNUMBER(${a}4),ISNUMBER(${q}4),ISNUMBER(${p}4),ABS(${a}4-ROUND(${q}4*${p}4,2))>=0.005)"
     .format(a=_reading(sh.PURCHASES, "amount"), q=_reading(sh.PURCHASES, "quantity"),
             p=_reading(sh.PURCHASES, "unit_price"))),
    ("บันทึกรายเดือน", "A4:A103", "AND(ISNUMBER(${m}4),COUNTIF(${m}$4:${m}$103,${m}4)>1)".format(
        m=_reading(sh.NOTES, "month"))),
    ("แผนปฏิบัติการ", "F2", "AND(COUNT(${w}$4:${w}$103)>0,ROUND(F2,6)<>100)".format(
        w=_reading(sh.PLAN, "weight"))),
    ("โครงการ", "B9", "AND(ISNUMBER(lw_approved_budget),COUNT('โรงเรียน'!$G$4:$G$103)>0,"
                      "ROUND(SUM('โรงเรียน'!$G$4:$G$103)-lw_approved_budget,2)<>0)"),
])
def test_workbook_checks_formats_read_the_readings(template: Path, sheet: str, sqref: str,
                                                   formula: str) -> None:
    root = sheet_xml(template, sheet)
    found = [r.findtext("m:formula", "", NS)
             for cf in root.iterfind("m:conditionalFormatting", NS) if cf.get("sqref") == sqref
             for r in cf.iterfind("m:cfRule", NS)]
    assert formula in found


def test_workbook_checks_amount_not_required_when_blank(template: Path) -> None:
    """จำนวนเงิน left blank is computed: the blank-required format marks จำนวน and
    ราคาต่อหน่วย, not G."""
    root = sheet_xml(template, "การใช้จ่าย")
    required = [cf.get("sqref", "") for cf in root.iterfind("m:conditionalFormatting", NS)
                if any("LEN(TRIM(A4))=0" in (r.findtext("m:formula", "", NS))
                       for r in cf.iterfind("m:cfRule", NS))]
    assert required == ["A4:A103 B4:B103 C4:C103 D4:D103 E4:E103 F4:F103"]


def test_workbook_checks_readings_hidden_with_headers(template: Path) -> None:
    root = sheet_xml(template, "การใช้จ่าย")
    hidden = {(c.get("min"), c.get("max")) for c in root.iterfind("m:cols/m:col", NS)
              if c.get("hidden") == "1"}
    first = min(table_layout(sh.PURCHASES, 0).readings["quantity"])
    # three readings, each text and value, after the two columns a form uses
    assert hidden == {(str(first + 1), str(first + 6))}
    assert first == len(sh.PURCHASES.columns) + 2
    header = read_workbook(template).sheets["การใช้จ่าย"].rows[HEADER_ROW]
    layout = table_layout(sh.PURCHASES, 0)
    for key, text in (("quantity", "จำนวน: ข้อความที่อ่าน"),
                      ("unit_price", "ราคาต่อหน่วย (บาท): ค่าที่อ่านได้"),
                      ("amount", "จำนวนเงิน (บาท): ค่าที่อ่านได้")):
        assert text in (header[c] for c in layout.readings[key]), text
