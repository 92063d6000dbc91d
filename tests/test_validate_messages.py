"""Every finding names its column in the column's own words: the Thai header in «», the value
as typed in '…', then what is wrong (and what to type). Each message is checked exactly."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import openpyxl
import pytest

from learnworks_xl import api
from learnworks_xl.core.models import GRADES

Cells = dict[tuple[str, str], object]

FY_2569 = "ปีงบประมาณ พ.ศ. 2569 (1 ต.ค. 2568 – 30 ก.ย. 2569)"
PLAN_SPAN = "ช่วงแผน (ก.ย. 2568 – ก.ย. 2569)"
BK01 = "โรงเรียนตัวอย่างวัดบางเขน (ชื่อสมมติ)"


def _findings(sample_path: Path, tmp_path: Path, cells: Cells,
              ) -> tuple[dict[tuple[str, str], list[tuple[str, str]]], dict[str, str]]:
    """Validate a copy of the sample with ``cells`` set; a cell ``=<label>`` is the value of a
    setting (the cell right of its label). Returns the findings by (sheet, cell) and the cell
    of each label."""
    wb = openpyxl.load_workbook(sample_path)
    at: dict[str, str] = {}
    for (sheet, cell), value in cells.items():
        if cell.startswith("="):
            row = next(r for r in wb[sheet].iter_rows() if r[0].value == cell[1:])
            at[cell] = row[1].coordinate
        wb[sheet][at.get(cell, cell)] = value
    path = tmp_path / "edited.xlsx"
    wb.save(path)
    found: dict[tuple[str, str], list[tuple[str, str]]] = {}
    for f in api.validate(path).report.findings:
        found.setdefault((f.sheet, f.cell or ""), []).append((f.code, f.message))
    return found, at


CELL_MESSAGES = [
    pytest.param("การใช้จ่าย", "D2", "2 ชุด", "type-error",
                 "«จำนวน» '2 ชุด' ไม่ใช่ตัวเลข กรุณากรอกเฉพาะตัวเลข เช่น 2", id="quantity-with-unit"),
    pytest.param("การใช้จ่าย", "D2", 0, "out-of-range", "«จำนวน» '0' ต้องมากกว่า 0",
                 id="quantity-zero"),
    pytest.param("การใช้จ่าย", "F2", "(125)", "type-error",
                 "«ราคาต่อหน่วย (บาท)» '(125)' ใช้วงเล็บแทนเครื่องหมายลบไม่ได้ "
                 "หากติดลบให้ใส่เครื่องหมายลบ เช่น -500", id="price-in-parentheses"),
    pytest.param("การใช้จ่าย", "F2", "1,2,50", "type-error",
                 "«ราคาต่อหน่วย (บาท)» '1,2,50' ใส่เครื่องหมายจุลภาคหรือจุดทศนิยมไม่ถูกต้อง "
                 "ตัวอย่างที่ถูกต้อง: 15,100 หรือ 15,100.50", id="price-bad-grouping"),
    pytest.param("การใช้จ่าย", "F2", 12.345, "invalid-format",
                 "«ราคาต่อหน่วย (บาท)» '12.345' มีทศนิยมเกิน 2 ตำแหน่ง", id="price-3-decimals"),
    pytest.param("การใช้จ่าย", "C2", "ก" * 301, "too-long",
                 "«รายการ» ยาว 301 ตัวอักษร เกินกำหนด 300 ตัวอักษร", id="item-too-long"),
    pytest.param("การใช้จ่าย", "C2", None, "required",
                 "กรุณากรอก «รายการ» (ช่องนี้ต้องมีข้อมูล)", id="item-empty"),
    pytest.param("การใช้จ่าย", "B2", "31/02/2569", "invalid-date",
                 "«วันที่» '31/02/2569' เป็นวันที่ที่ไม่มีอยู่จริง (ตรวจวันที่ของเดือนนั้น) "
                 "กรุณาใช้ วว/ดด/ปปปป (พ.ศ.) เช่น 15/11/2568", id="date-31-feb"),
    pytest.param("การใช้จ่าย", "B2", "5/1/69", "invalid-date",
                 "«วันที่» '5/1/69' มีปีแค่ 2 หลัก ('69') ไม่ชัดเจน "
                 "กรุณาใส่ปี พ.ศ. 4 หลัก เช่น 15/11/2568", id="date-2-digit-year"),
    pytest.param("การใช้จ่าย", "G3", "#REF!", "formula-error",
                 "«จำนวนเงิน (บาท)» มีค่าผิดพลาด #REF! กรุณาแก้สูตรหรือพิมพ์ค่าใหม่",
                 id="amount-ref-error"),
    pytest.param("แผนปฏิบัติการ", "F2", "สิบ", "type-error",
                 "«น้ำหนัก (ร้อยละ)» 'สิบ' ไม่ใช่ตัวเลข กรุณากรอกเป็นตัวเลข เช่น 95", id="weight-words"),
    pytest.param("แผนปฏิบัติการ", "A3", "ข้อ 2", "type-error",
                 "«ลำดับ» 'ข้อ 2' ไม่ใช่ตัวเลข กรุณากรอกเฉพาะตัวเลข เช่น 2", id="step-no-words"),
    pytest.param("แผนปฏิบัติการ", "D3", "พฤศจิ 2568", "invalid-date",
                 "«เดือนเริ่ม» 'พฤศจิ 2568' อ่านเป็นเดือนไม่ได้ "
                 "กรุณาใช้ เดือน ปี พ.ศ. เช่น พ.ย. 2568 หรือ 11/2568", id="month-unreadable"),
    pytest.param("โครงการ", "=ค่าเป้าหมายตัวชี้วัด (ร้อยละ)", "สูง", "type-error",
                 "«ค่าเป้าหมายตัวชี้วัด (ร้อยละ)» 'สูง' ไม่ใช่ตัวเลข กรุณากรอกเป็นตัวเลข เช่น 95",
                 id="kpi-target-words"),
    pytest.param("รายงานผลโรงเรียน", "C2", "3 ผลงาน", "type-error",
                 "«จำนวนนักเรียนที่เข้าร่วม» '3 ผลงาน' ไม่ใช่ตัวเลข กรุณากรอกเฉพาะตัวเลข เช่น 3",
                 id="int-with-unit"),
    pytest.param("รายงานผลโรงเรียน", "C2", "120.5", "type-error",
                 "«จำนวนนักเรียนที่เข้าร่วม» '120.5' ต้องเป็นจำนวนเต็ม (ไม่มีทศนิยม)",
                 id="int-with-fraction"),
    pytest.param("รายงานผลโรงเรียน", "F2", "ครบ", "not-allowed",
                 "«รายงานครบถ้วน» 'ครบ' ไม่ใช่คำตอบ ใช่/ไม่ใช่ กรุณาเลือก 'ใช่' หรือ 'ไม่ใช่'",
                 id="yes-no"),
    pytest.param("ความเสี่ยง", "B2", 7, "out-of-range",
                 "«โอกาสที่จะเกิด» '7' ต้องอยู่ระหว่าง 1 ถึง 5", id="likelihood-7"),
    pytest.param("ผลงานนักเรียน", "G2", "ป.7", "not-allowed",
                 "«ระดับชั้น» 'ป.7' ไม่อยู่ในรายการ เลือกได้เฉพาะ อ.1, อ.2, อ.3, ป.1, ป.2, ป.3, "
                 "ป.4, ป.5, ป.6, ม.1, ม.2, ม.3, ม.4, ม.5, ม.6", id="grade-not-in-list"),
    pytest.param("ผลงานนักเรียน", "I2", "www.example.org", "invalid-format",
                 "«ลิงก์ผลงาน» 'www.example.org' ต้องเป็นลิงก์ที่ขึ้นต้นด้วย http:// หรือ https://",
                 id="link-no-scheme"),
    pytest.param("โรงเรียน", "E2", "1234", "invalid-format",
                 "«โทรศัพท์» '1234' ไม่ใช่หมายเลขโทรศัพท์ที่ถูกต้อง "
                 "ตัวอย่าง: 02-521-1234 หรือ 081-234-5678", id="phone"),
    pytest.param("โรงเรียน", "F2", "bk01.example.org", "invalid-format",
                 "«อีเมล» 'bk01.example.org' ไม่ใช่อีเมลที่ถูกต้อง ตัวอย่าง: somchai@example.com",
                 id="email"),
    pytest.param("ตั้งค่า", "=อีเมลผู้รับ (คั่นด้วย ,)", "a@example.org, b.example.org",
                 "invalid-format",
                 "«อีเมลผู้รับ (คั่นด้วย ,)» 'a@example.org, b.example.org' มีอีเมลที่ไม่ถูกต้อง "
                 "(b.example.org) คั่นหลายอีเมลด้วยเครื่องหมายจุลภาค (,) "
                 "เช่น somchai@example.com, somsri@example.com", id="emails"),
    pytest.param("ตั้งค่า", "=เกณฑ์ระดับความเสี่ยง", "2,4,9", "invalid-format",
                 "«เกณฑ์ระดับความเสี่ยง» '2,4,9' มีรูปแบบไม่ถูกต้อง ตัวอย่าง: 2,4,9,16,25",
                 id="risk-bands"),
]


@pytest.mark.parametrize(("sheet", "cell", "value", "code", "message"), CELL_MESSAGES)
def test_validate_message_cell(sample_path: Path, tmp_path: Path, sheet: str, cell: str,
                               value: object, code: str, message: str) -> None:
    found, at = _findings(sample_path, tmp_path, {(sheet, cell): value})
    assert found[(sheet, at.get(cell, cell))] == [(code, message)]


def test_validate_message_value_cut_at_60_characters(sample_path: Path, tmp_path: Path) -> None:
    found, _ = _findings(sample_path, tmp_path, {("การใช้จ่าย", "D2"): "ส" * 100})
    assert found[("การใช้จ่าย", "D2")] == [
        ("type-error", f"«จำนวน» '{'ส' * 59}…' ไม่ใช่ตัวเลข กรุณากรอกเป็นตัวเลข เช่น 2 หรือ 1,250.50")]


RULE_MESSAGES = [
    pytest.param({("การใช้จ่าย", "G2"): 1300}, "การใช้จ่าย", "G2", "amount-mismatch",
                 "«จำนวนเงิน (บาท)» 1,300.00 บาท ไม่เท่ากับ «จำนวน» 10 × "
                 "«ราคาต่อหน่วย (บาท)» 125.00 = 1,250.00 บาท", id="amount-mismatch"),
    pytest.param({("การใช้จ่าย", "D2"): 1000, ("การใช้จ่าย", "G2"): 125000}, "การใช้จ่าย", "G2",
                 "overspend",
                 f"{BK01} (BK01) ใช้จ่ายสะสมถึงรายการนี้ 125,000.00 บาท "
                 "เกินงบที่ได้รับจัดสรร 15,100.00 บาท", id="overspend-school-named-once"),
    pytest.param({("การใช้จ่าย", "A3"): "BK99"}, "การใช้จ่าย", "A3", "unknown-school",
                 "ไม่พบ «รหัสโรงเรียน» 'BK99' ในชีต «โรงเรียน»", id="unknown-school"),
    pytest.param({("โรงเรียน", "C3"): "ขนาดจิ๋ว"}, "โรงเรียน", "C3", "unknown-size",
                 "«ขนาดโรงเรียน» 'ขนาดจิ๋ว' ไม่มีในชีต «เกณฑ์ขนาดโรงเรียน» "
                 "เลือกได้เฉพาะ ขนาดกลาง, ขนาดใหญ่", id="unknown-size"),
    pytest.param({("แผนปฏิบัติการ", "F5"): 30}, "แผนปฏิบัติการ", "F8", "plan-weights-sum",
                 "«น้ำหนัก (ร้อยละ)» รวมทุกขั้นตอนได้ 90 ต้องรวมได้ 100 พอดี", id="weights-90"),
    pytest.param({("แผนปฏิบัติการ", "H2"): None}, "แผนปฏิบัติการ", "H2",
                 "completion-date-missing",
                 "ขั้นตอนที่ 1 มีสถานะเสร็จสิ้น แต่ยังไม่ได้กรอก «วันที่แล้วเสร็จ»",
                 id="completion-date-missing"),
    pytest.param({("แผนกิจกรรมโรงเรียน", "D2"): datetime(2025, 11, 30)}, "แผนกิจกรรมโรงเรียน",
                 "D2", "end-before-start", "«วันสิ้นสุด» อยู่ก่อน «วันเริ่ม»",
                 id="end-before-start"),
    pytest.param({("การใช้จ่าย", "B2"): "11/3/2568"}, "การใช้จ่าย", "B2", "outside-fiscal-year",
                 f"«วันที่» 11 มี.ค. 2568 อยู่นอก{FY_2569}", id="outside-fiscal-year-no-hint"),
]


@pytest.mark.parametrize(("cells", "sheet", "cell", "code", "message"), RULE_MESSAGES)
def test_validate_message_rule(sample_path: Path, tmp_path: Path, cells: Cells, sheet: str,
                               cell: str, code: str, message: str) -> None:
    found, _ = _findings(sample_path, tmp_path, cells)
    assert (code, message) in found[(sheet, cell)], found


def _be_hint(ce_year: int, typed: str, shows: str) -> str:
    return (f" ปีเกินมา 543 ปี: น่าจะพิมพ์ปี พ.ศ. ลงในช่องวันที่บนเครื่องที่ตั้งปฏิทินเป็น ค.ศ. "
            f"Excel จึงเก็บเป็นปี ค.ศ. {ce_year} กรุณาพิมพ์ใหม่เป็น {typed} (ปี ค.ศ.-เดือน-วัน) "
            f"แล้วช่องจะแสดงเป็น {shows} หรือตั้งค่าปฏิทินของ Windows เป็นพุทธศักราช")


BE_TYPED_ON_GREGORIAN_PC = [
    # 15/01/2569 typed into a date cell on a PC set to the Gregorian calendar: Excel keeps a
    # real date in CE 2569, which the cell (a BE format) shows as 15 ม.ค. 3112.
    pytest.param("การใช้จ่าย", "B2", datetime(2569, 1, 15),
                 f"«วันที่» 15 ม.ค. 3112 อยู่นอก{FY_2569}"
                 + _be_hint(2569, "2026-01-15", "15 ม.ค. 2569"), id="purchase-date"),
    pytest.param("โครงการ", "=วันเริ่มโครงการ", datetime(2568, 11, 1),
                 f"«วันเริ่มโครงการ» 1 พ.ย. 3111 อยู่นอก{FY_2569}"
                 + _be_hint(2568, "2025-11-01", "1 พ.ย. 2568"), id="project-start"),
    pytest.param("แผนปฏิบัติการ", "H2", datetime(2568, 9, 20),
                 f"«วันที่แล้วเสร็จ» 20 ก.ย. 3111 อยู่นอก{PLAN_SPAN}"
                 + _be_hint(2568, "2025-09-20", "20 ก.ย. 2568"), id="completed-in-plan-span"),
    pytest.param("บันทึกรายเดือน", "A2", datetime(2568, 11, 1),
                 f"«เดือน» พ.ย. 3111 อยู่นอก{PLAN_SPAN}"
                 + _be_hint(2568, "2025-11-01", "พ.ย. 2568"), id="month"),
    pytest.param("การใช้จ่าย", "B2", datetime(2570, 1, 15),
                 f"«วันที่» 15 ม.ค. 3113 อยู่นอก{FY_2569}", id="544-years-no-hint"),
    pytest.param("การใช้จ่าย", "B2", datetime(2568, 1, 15),
                 f"«วันที่» 15 ม.ค. 3111 อยู่นอก{FY_2569}", id="before-fiscal-year-no-hint"),
    pytest.param("การใช้จ่าย", "B2", datetime(2568, 2, 29),  # 2568 CE is a leap year, 2025 not
                 f"«วันที่» 29 ก.พ. 3111 อยู่นอก{FY_2569}", id="29-feb-before-fiscal-year"),
    pytest.param("การใช้จ่าย", "B2", datetime(2572, 2, 29),  # 29 ก.พ. 2572: 2029 has none
                 f"«วันที่» 29 ก.พ. 3115 อยู่นอก{FY_2569}", id="29-feb-far"),
]


@pytest.mark.parametrize(("sheet", "cell", "value", "message"), BE_TYPED_ON_GREGORIAN_PC)
def test_validate_message_be_year_in_date_cell(sample_path: Path, tmp_path: Path, sheet: str,
                                               cell: str, value: datetime, message: str) -> None:
    found, at = _findings(sample_path, tmp_path, {(sheet, cell): value})
    assert ("outside-fiscal-year", message) in found[(sheet, at.get(cell, cell))], found


def test_validate_message_grades_listed_from_the_model() -> None:
    """The grade list written out above is the model's (a new grade shows in the message)."""
    assert ", ".join(GRADES) == ("อ.1, อ.2, อ.3, ป.1, ป.2, ป.3, ป.4, ป.5, ป.6, "
                                 "ม.1, ม.2, ม.3, ม.4, ม.5, ม.6")
