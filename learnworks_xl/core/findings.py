"""Validation findings as data.

A :class:`Finding` is one problem at one place: a stable kebab-case ``code``, a severity, the
sheet, the A1 cell, the Thai column title, the offending value and a Thai message. A
:class:`Findings` holds all findings of one run; tests compare its :meth:`Findings.flat` view.
The catalogue :data:`CODES` names every code with its Thai title, so the codes are listed in
one place (the README's table and the ``ผลการตรวจสอบ`` sheet both read it).
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable
from datetime import date, datetime
from decimal import Decimal
from enum import StrEnum
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, computed_field

JsonScalar = str | int | float | bool | None
_A1 = re.compile(r"^\$?([A-Z]{1,3})\$?(\d+)$")


class Severity(StrEnum):
    """How bad a finding is: an error makes the workbook invalid, a warning does not."""

    ERROR = "error"
    WARNING = "warning"


#: Every finding code, with its Thai title (shown in reports and the README).
CODES: dict[str, str] = {
    # workbook structure
    "missing-sheet": "ไม่พบชีต",
    "missing-column": "ไม่พบคอลัมน์",
    "duplicate-column": "คอลัมน์ซ้ำ",
    "missing-setting": "ไม่พบหัวข้อการตั้งค่า",
    # one cell
    "required": "ยังไม่ได้กรอกข้อมูล",
    "type-error": "ชนิดข้อมูลไม่ถูกต้อง",
    "invalid-date": "วันที่ไม่ถูกต้อง",
    "out-of-range": "ค่าอยู่นอกช่วงที่กำหนด",
    "too-long": "ข้อความยาวเกินกำหนด",
    "not-allowed": "ค่าไม่อยู่ในรายการที่กำหนด",
    "invalid-format": "รูปแบบไม่ถูกต้อง",
    "formula-error": "สูตรให้ผลเป็นค่าผิดพลาด",
    "percent-ambiguous": "ค่าร้อยละอ่านได้สองแบบ",
    # one row
    "end-before-start": "วันสิ้นสุดก่อนวันเริ่ม",
    "completion-date-missing": "ไม่ได้ระบุวันที่แล้วเสร็จ",
    "amount-mismatch": "จำนวนเงินไม่เท่ากับจำนวน × ราคาต่อหน่วย",
    "computed-mismatch": "ค่าที่คำนวณไว้ไม่ตรงกับเกณฑ์",
    # across rows and sheets
    "duplicate-key": "รหัสซ้ำ",
    "unknown-school": "ไม่พบรหัสโรงเรียน",
    "unknown-size": "ไม่พบขนาดโรงเรียนในเกณฑ์",
    "budget-mismatch": "ยอดจัดสรรไม่เท่ากับงบประมาณที่ได้รับอนุมัติ",
    "budget-unallocated": "งบประมาณที่ได้รับอนุมัติยังจัดสรรไม่หมด",
    "overspend": "ใช้จ่ายเกินงบประมาณที่ได้รับจัดสรร",
    "outside-fiscal-year": "วันที่อยู่นอกปีงบประมาณ",
    "outside-run-period": "วันที่อยู่นอกระยะเวลาดำเนินการ",
    "carried-over": "ระยะเวลาดำเนินการเกินปีงบประมาณ (เบิกเหลื่อมปี)",
    "plan-weights-sum": "น้ำหนักรวมของแผนไม่เท่ากับร้อยละ 100",
    "quota-not-met": "ส่งผลงานไม่ครบตามเกณฑ์",
    "report-missing": "ยังไม่ได้รับรายงานผลการดำเนินงาน",
    "report-incomplete": "รายงานผลยังไม่ครบถ้วน",
    "submission-date-missing": "ไม่ได้ระบุวันที่ส่งผลงาน",
    # returned school forms (learnworks collect)
    "form-unreadable": "เปิดไฟล์แบบฟอร์มไม่ได้",
    "form-not-recognised": "ไม่ใช่แบบฟอร์มโรงเรียนของโครงการ",
    "form-wrong-year": "แบบฟอร์มเป็นของปีงบประมาณอื่น",
    "form-unknown-school": "แบบฟอร์มเป็นของโรงเรียนที่ไม่มีในสมุดงาน",
    "form-other-school": "แถวข้อมูลเป็นของโรงเรียนอื่น",
    "work-code-conflict": "รหัสผลงานซ้ำกับผลงานของโรงเรียนอื่น",
    "form-has-errors": "แบบฟอร์มมีข้อผิดพลาด ไม่ได้รวบรวม",
    "form-empty": "แบบฟอร์มยังไม่ได้กรอกข้อมูล",
    "form-key-missing": "รายการในแบบฟอร์มไม่มีคีย์ที่ใช้จับคู่",
    "form-key-ambiguous": "คีย์ตรงกับข้อมูลเดิมหลายแถว",
    "form-remove-mark": "ช่องขอลบรายการพิมพ์ได้เฉพาะคำว่า ลบ",
    "form-remove-unknown": "ขอลบรายการที่ไม่มีในสมุดงาน",
    # the website (learnworks publish)
    "link-refused": "ลิงก์ไม่ใช่ http(s) จึงไม่แสดงเป็นลิงก์",
}


def json_value(value: Any) -> JsonScalar:
    """Return ``value`` as a JSON scalar for a finding (dates ISO, decimals as text, a
    number that is not finite as its text: strict JSON has no NaN or Infinity, and a file
    can hold a number text that reads as infinity)."""
    if isinstance(value, float) and not math.isfinite(value):
        return str(value)
    if value is None or isinstance(value, bool | int | float | str):
        return value
    if isinstance(value, Decimal):
        if value == value.to_integral_value():
            return int(value)
        return format(value.normalize(), "f")
    if isinstance(value, datetime):
        return value.isoformat(sep=" ")
    if isinstance(value, date):
        return value.isoformat()
    return str(value)


class Finding(BaseModel):
    """One problem at one place in the workbook."""

    model_config = ConfigDict(frozen=True)

    code: str = Field(description="stable kebab-case code, one of CODES")
    severity: Severity
    sheet: str = Field(description="Thai sheet name")
    cell: str | None = Field(default=None, description="A1 address, None for the whole sheet")
    column: str | None = Field(default=None, description="Thai column title")
    value: JsonScalar = Field(default=None, description="the offending value as read")
    message: str = Field(description="what is wrong, in Thai")

    @property
    def title(self) -> str:
        """The Thai title of the finding's code."""
        return CODES[self.code]

    @property
    def position(self) -> tuple[int, int]:
        """(row, column) of the cell, for listing a sheet's findings top to bottom; (0, 0)
        for a finding about the whole sheet."""
        match = _A1.match(self.cell or "")
        if match is None:
            return 0, 0
        col = 0
        for ch in match[1]:
            col = col * 26 + ord(ch) - 64
        return int(match[2]), col


def error(code: str, sheet: str, message: str, *, cell: str | None = None,
          column: str | None = None, value: Any = None) -> Finding:
    """Make an error finding (``code`` must be in :data:`CODES`)."""
    assert code in CODES, code
    return Finding(code=code, severity=Severity.ERROR, sheet=sheet, cell=cell, column=column,
                   value=json_value(value), message=message)


def warning(code: str, sheet: str, message: str, *, cell: str | None = None,
            column: str | None = None, value: Any = None) -> Finding:
    """Make a warning finding (``code`` must be in :data:`CODES`)."""
    assert code in CODES, code
    return Finding(code=code, severity=Severity.WARNING, sheet=sheet, cell=cell, column=column,
                   value=json_value(value), message=message)


class Findings(BaseModel):
    """All findings of one validation run."""

    findings: list[Finding] = Field(default_factory=list)

    @computed_field  # type: ignore[prop-decorator]
    @property
    def errors(self) -> int:
        """Number of error findings."""
        return sum(1 for f in self.findings if f.severity is Severity.ERROR)

    @computed_field  # type: ignore[prop-decorator]
    @property
    def warnings(self) -> int:
        """Number of warning findings."""
        return sum(1 for f in self.findings if f.severity is Severity.WARNING)

    @computed_field  # type: ignore[prop-decorator]
    @property
    def valid(self) -> bool:
        """True when there is no error (warnings allowed)."""
        return self.errors == 0

    def extend(self, findings: Iterable[Finding]) -> None:
        """Add findings."""
        self.findings.extend(findings)

    def flat(self) -> list[tuple[str, str | None, str]]:
        """Return ``[(sheet, cell, code), ...]``, the view tests compare."""
        return [(f.sheet, f.cell, f.code) for f in self.findings]

    def to_json_dict(self) -> dict[str, Any]:
        """Return the ``--json`` document: valid, errors, warnings, findings."""
        return {
            "valid": self.valid,
            "errors": self.errors,
            "warnings": self.warnings,
            "findings": [f.model_dump(mode="json") for f in self.findings],
        }
