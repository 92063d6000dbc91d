"""The sheet models: one pydantic model per input sheet of SPEC.

Field names are English; each field's ``title`` is the Thai header a clerk sees. These models
are the single source of truth for headers, types, required cells, allowed values, ranges and
lengths; the JSON Schemas in ``schemas/``, the workbook's data validation and the Thai
messages are all derived from them.

Columns that the workbook computes with formulas are marked ``x-computed``: they are read when
present and checked against the rules, never required.
"""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal
from typing import Annotated, Any, Literal, get_args

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, model_validator

from learnworks_xl import thai
from learnworks_xl.core.districts import District, district_validator
from learnworks_xl.core.fields import (
    Amount,
    Choice,
    Code,
    Day,
    Email,
    Emails,
    GradeChoice,
    Int,
    Month,
    Number,
    Percent,
    Phone,
    SheetRequired,
    Text,
    Url,
    YesNo,
)

COMPUTED: dict[str, Any] = {"x-computed": True}
#: จำนวนเงิน left blank is จำนวน × ราคาต่อหน่วย (the workbook's formula; README "สูตร…").
AMOUNT_DERIVED: dict[str, Any] = {"x-derived": ["quantity", "unit_price"]}


class SheetModel(BaseModel):
    """Base of the sheet models: strict about unknown fields, values normalised on input."""

    model_config = ConfigDict(extra="ignore", str_strip_whitespace=True, frozen=True)


# ---------------------------------------------------------------- key/value sheets


class ProjectInfo(SheetModel):
    """Sheet ``โครงการ``: the project's settings, label in column A, value in column B.

    Every setting is checked on its own (:data:`~learnworks_xl.core.fields.SheetRequired`
    marks the ones that must be filled): a bad or empty cell is a finding and reads as
    ``None`` here, so the checks and reports that do not need it still run.
    """

    name: Annotated[Text | None, Field(title="ชื่อโครงการ", max_length=300), SheetRequired] = None
    district: Annotated[
        District | None, BeforeValidator(district_validator), Field(title="สำนักงานเขต"),
        SheetRequired] = None
    """One of Bangkok's 50 district offices (:mod:`learnworks_xl.core.districts`); a
    workbook made before this setting takes the district its agency names."""
    agency: Annotated[
        Text | None, Field(title="หน่วยงานที่รับผิดชอบ", max_length=300), SheetRequired] = None
    fiscal_year: Annotated[
        Int | None, BeforeValidator(thai.strip_be_era),
        Field(title="ปีงบประมาณ (พ.ศ.)", ge=2560, le=2700), SheetRequired] = None
    start_date: Annotated[Day | None, Field(title="วันเริ่มโครงการ"), SheetRequired] = None
    end_date: Annotated[Day | None, Field(title="วันสิ้นสุดโครงการ"), SheetRequired] = None
    approved_budget: Annotated[
        Amount | None, Field(title="งบประมาณที่ได้รับอนุมัติ (บาท)", gt=0), SheetRequired] = None
    budget_source: Annotated[
        Text | None, Field(title="แหล่งงบประมาณ", max_length=500), SheetRequired] = None
    expense_item: Annotated[
        Text | None, Field(title="รายการค่าใช้จ่าย", max_length=500), SheetRequired] = None
    regulation: Annotated[
        Text | None, Field(title="ระเบียบที่เกี่ยวข้อง", max_length=500), SheetRequired] = None
    kpi_target: Annotated[
        Percent | None, Field(title="ค่าเป้าหมายตัวชี้วัด (ร้อยละ)", le=100), SheetRequired] = None
    # The project document's own words, shown by the reports (the sample keeps the seed's).
    objectives: Annotated[
        Text | None, Field(title="วัตถุประสงค์ (บรรทัดละข้อ)", max_length=3000)] = None
    quality_target: Annotated[Text | None, Field(title="เป้าหมายเชิงคุณภาพ", max_length=1000)] = None
    kpi_name: Annotated[Text | None, Field(title="ชื่อตัวชี้วัด", max_length=1000)] = None
    ref_quality_target: Annotated[
        Text | None, Field(title="ข้อในเอกสารโครงการ: เป้าหมายเชิงคุณภาพ", max_length=20)] = None
    ref_kpi: Annotated[
        Text | None, Field(title="ข้อในเอกสารโครงการ: ตัวชี้วัด", max_length=20)] = None
    ref_monthly: Annotated[
        Text | None, Field(title="ข้อในเอกสารโครงการ: รายงานประจำเดือน", max_length=20)] = None
    ref_summary: Annotated[
        Text | None, Field(title="ข้อในเอกสารโครงการ: รายงานสรุปผล", max_length=20)] = None


Mode = Literal["Python ในเครื่อง", "xlwings Server"]
Security = Literal["STARTTLS", "SSL", "ไม่เข้ารหัส"]
StudentNames = Literal[
    "ไม่แสดงชื่อและระดับชั้น",
    "แสดงอักษรย่อและระดับชั้น",
    "แสดงชื่อเต็มและระดับชั้น (ได้รับความยินยอมจากผู้ปกครองแล้ว)",
]
MODES: tuple[str, ...] = get_args(Mode)
SECURITY: tuple[str, ...] = get_args(Security)
STUDENT_NAMES: tuple[str, ...] = get_args(StudentNames)
NAMES_HIDDEN, NAMES_INITIALS, NAMES_FULL = STUDENT_NAMES
"""How the website shows students: nothing (the default), initials, or full names when the
office records that consent was obtained (SPEC "Privacy"); grades follow the names."""


class Settings(SheetModel):
    """Sheet ``ตั้งค่า``: mail, server and report settings. Never a password."""

    mode: Annotated[Mode, Choice, Field(title="โหมดการทำงาน")] = "Python ในเครื่อง"
    server_url: Annotated[Url | None, Field(title="URL ของ xlwings Server")] = None
    smtp_host: Annotated[Text | None, Field(title="เซิร์ฟเวอร์อีเมล (SMTP)", max_length=253)] = None
    smtp_port: Annotated[Int | None, Field(title="พอร์ต SMTP", ge=1, le=65535)] = None
    smtp_security: Annotated[Security | None, Choice, Field(title="การเข้ารหัส SMTP")] = None
    smtp_user: Annotated[Text | None, Field(title="ชื่อผู้ใช้ SMTP", max_length=254)] = None
    sender: Annotated[Email | None, Field(title="อีเมลผู้ส่ง")] = None
    recipients: Annotated[Emails | None, Field(title="อีเมลผู้รับ (คั่นด้วย ,)")] = None
    cc: Annotated[Emails | None, Field(title="สำเนาถึง (คั่นด้วย ,)")] = None
    thai_digits: Annotated[YesNo, Field(title="ใช้เลขไทยในรายงาน")] = False
    report_month: Annotated[Month | None, Field(title="เดือนที่รายงาน")] = None
    risk_bands: Annotated[
        Text,
        Field(
            title="เกณฑ์ระดับความเสี่ยง",
            max_length=200,
            description="upper bound of each band: 2 น้อยมาก, 4 น้อย, 9 ปานกลาง, 16 สูง, 25 สูงมาก",
            pattern=r"^\s*\d+\s*(,\s*\d+\s*){4}$",
        ),
    ] = "2,4,9,16,25"
    student_names: Annotated[
        StudentNames, Choice, Field(title="ชื่อนักเรียนบนเว็บไซต์")] = "ไม่แสดงชื่อและระดับชั้น"


# ---------------------------------------------------------------- table sheets


class SchoolSize(SheetModel):
    """Sheet ``เกณฑ์ขนาดโรงเรียน``: money and works quota per school size."""

    size: Annotated[Text, Field(title="ขนาดโรงเรียน", min_length=1, max_length=50)]
    budget_per_school: Annotated[Amount, Field(title="งบประมาณต่อโรงเรียน (บาท)")]
    works_required: Annotated[Int, Field(title="จำนวนผลงานที่ต้องส่ง", ge=0, le=100)]


class School(SheetModel):
    """Sheet ``โรงเรียน``: one school of the district."""

    code: Annotated[Code, Field(title="รหัสโรงเรียน", min_length=1, max_length=20)]
    name: Annotated[Text, Field(title="ชื่อโรงเรียน", max_length=200)]
    size: Annotated[Text, Field(title="ขนาดโรงเรียน", max_length=50)]
    teacher: Annotated[Text | None, Field(title="ครูผู้รับผิดชอบ", max_length=200)] = None
    phone: Annotated[Phone | None, Field(title="โทรศัพท์")] = None
    email: Annotated[Email | None, Field(title="อีเมล")] = None
    allocation: Annotated[
        Amount | None, Field(title="งบประมาณที่ได้รับจัดสรร (บาท)", json_schema_extra=COMPUTED)
    ] = None
    quota: Annotated[
        Int | None, Field(title="จำนวนผลงานตามเกณฑ์", ge=0, json_schema_extra=COMPUTED)
    ] = None


StepStatus = Literal["ยังไม่เริ่ม", "กำลังดำเนินการ", "เสร็จสิ้น"]
STEP_STATUSES: tuple[str, ...] = get_args(StepStatus)
STEP_DONE = "เสร็จสิ้น"


TrackedSheet = Literal["แผนกิจกรรมโรงเรียน", "การใช้จ่าย", "ผลงานนักเรียน", "รายงานผลโรงเรียน"]
TRACKED_SHEETS: tuple[str, ...] = get_args(TrackedSheet)


class PlanStep(SheetModel):
    """Sheet ``แผนปฏิบัติการ``: one step of the action plan (a row of the Gantt)."""

    step_no: Annotated[Int, Field(title="ลำดับ", ge=1, le=99)]
    description: Annotated[Text, Field(title="ขั้นตอนการดำเนินงาน", max_length=500)]
    owner: Annotated[Text, Field(title="ผู้รับผิดชอบ", max_length=200)]
    start_month: Annotated[Month, Field(title="เดือนเริ่ม")]
    end_month: Annotated[Month, Field(title="เดือนสิ้นสุด")]
    weight: Annotated[Percent, Field(title="น้ำหนัก (ร้อยละ)", le=100)]
    status: Annotated[StepStatus, Choice, Field(title="สถานะ")] = "ยังไม่เริ่ม"
    completed_on: Annotated[Day | None, Field(title="วันที่แล้วเสร็จ")] = None
    note: Annotated[Text | None, Field(title="หมายเหตุ", max_length=500)] = None
    percent_done: Annotated[
        Number | None, Field(title="ความก้าวหน้าของขั้นตอน (ร้อยละ)", le=100)] = None
    """The office's own estimate for a step under way, at the reported month's end."""
    tracks: Annotated[TrackedSheet | None, Choice, Field(title="ติดตามผลจากชีต")] = None
    """The school sheet whose rows are this step's output (its KPI warnings start when the
    step is due)."""


class SchoolActivityPlan(SheetModel):
    """Sheet ``แผนกิจกรรมโรงเรียน``: a school's planned activity (plan step 3)."""

    school_code: Annotated[Code, Field(title="รหัสโรงเรียน", min_length=1, max_length=20)]
    activity: Annotated[Text, Field(title="กิจกรรม", max_length=300)]
    start_date: Annotated[Day, Field(title="วันเริ่ม")]
    end_date: Annotated[Day, Field(title="วันสิ้นสุด")]
    planned_budget: Annotated[Amount, Field(title="งบประมาณที่วางแผน (บาท)")]
    submitted_on: Annotated[Day | None, Field(title="วันที่ส่งแผน")] = None


ProcurementMethod = Literal[
    "วิธีเฉพาะเจาะจง",
    "วิธีคัดเลือก",
    "วิธีตลาดอิเล็กทรอนิกส์ (e-market)",
    "วิธีประกวดราคาอิเล็กทรอนิกส์ (e-bidding)",
]
PROCUREMENT_METHODS: tuple[str, ...] = get_args(ProcurementMethod)


class Purchase(SheetModel):
    """Sheet ``การใช้จ่าย``: one purchase of materials by a school."""

    school_code: Annotated[Code, Field(title="รหัสโรงเรียน", min_length=1, max_length=20)]
    date: Annotated[Day, Field(title="วันที่")]
    item: Annotated[Text, Field(title="รายการ", max_length=300)]
    quantity: Annotated[Number, Field(title="จำนวน", gt=0)]
    unit: Annotated[Text, Field(title="หน่วยนับ", max_length=30)]
    unit_price: Annotated[Amount, Field(title="ราคาต่อหน่วย (บาท)")]
    amount: Annotated[Amount, Field(title="จำนวนเงิน (บาท)", json_schema_extra=AMOUNT_DERIVED)]
    method: Annotated[ProcurementMethod, Choice, Field(title="วิธีจัดซื้อจัดจ้าง")] = "วิธีเฉพาะเจาะจง"
    doc_no: Annotated[Text | None, Field(title="เลขที่เอกสาร", max_length=50)] = None

    @model_validator(mode="before")
    @classmethod
    def _amount_from_quantity_and_price(cls, data: Any) -> Any:
        """A blank จำนวนเงิน is จำนวน × ราคาต่อหน่วย rounded to the satang, as the workbook's
        formula computes it; left blank when either is not a valid number (the finding is
        then on จำนวน or ราคาต่อหน่วย, see ``core/table.py``)."""
        if not isinstance(data, dict) or data.get("amount") not in (None, ""):
            return data
        try:
            quantity = thai.parse_amount(data.get("quantity"))
            price = thai.parse_amount(data.get("unit_price"))
        except thai.ThaiParseError:
            return data
        if quantity <= 0 or price < 0:
            return data
        amount = (quantity * price).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
        return {**data, "amount": amount}


WorkType = Literal["นวัตกรรม", "สื่อ", "เทคโนโลยีสารสนเทศ"]
WORK_TYPES: tuple[str, ...] = get_args(WorkType)
Grade = Literal[
    "อ.1", "อ.2", "อ.3", "ป.1", "ป.2", "ป.3", "ป.4", "ป.5", "ป.6",
    "ม.1", "ม.2", "ม.3", "ม.4", "ม.5", "ม.6",
]
GRADES: tuple[str, ...] = get_args(Grade)


class StudentWork(SheetModel):
    """Sheet ``ผลงานนักเรียน``: one student work."""

    work_code: Annotated[Code, Field(title="รหัสผลงาน", min_length=1, max_length=30)]
    school_code: Annotated[Code, Field(title="รหัสโรงเรียน", min_length=1, max_length=20)]
    title: Annotated[Text, Field(title="ชื่อผลงาน", max_length=300)]
    work_type: Annotated[WorkType, Choice, Field(title="ประเภทผลงาน")]
    tools: Annotated[Text | None, Field(title="เครื่องมือที่ใช้", max_length=300)] = None
    students: Annotated[Text, Field(title="นักเรียนผู้จัดทำ", max_length=500)]
    grade: Annotated[Grade, GradeChoice, Field(title="ระดับชั้น")]
    advisor: Annotated[Text | None, Field(title="ครูที่ปรึกษา", max_length=200)] = None
    link: Annotated[Url | None, Field(title="ลิงก์ผลงาน", max_length=2000)] = None
    selected: Annotated[YesNo, Field(title="คัดสรรส่งสำนักการศึกษา")] = False
    submitted_on: Annotated[Day | None, Field(title="วันที่ส่ง")] = None


class ResultReport(SheetModel):
    """Sheet ``รายงานผลโรงเรียน``: a school's result report (plan step 6)."""

    school_code: Annotated[Code, Field(title="รหัสโรงเรียน", min_length=1, max_length=20)]
    submitted_on: Annotated[Day, Field(title="วันที่ส่งรายงาน")]
    participants: Annotated[Int, Field(title="จำนวนนักเรียนที่เข้าร่วม", ge=0, le=100000)]
    summary: Annotated[Text, Field(title="สรุปผลการดำเนินงาน", max_length=2000)]
    problems: Annotated[Text | None, Field(title="ปัญหาอุปสรรค", max_length=2000)] = None
    complete: Annotated[YesNo, Field(title="รายงานครบถ้วน")]


class Risk(SheetModel):
    """Sheet ``ความเสี่ยง``: one project risk and how it is managed."""

    risk: Annotated[Text, Field(title="ความเสี่ยง", max_length=1000)]
    likelihood: Annotated[Int, Field(title="โอกาสที่จะเกิด", ge=1, le=5)]
    impact: Annotated[Int, Field(title="ผลกระทบ", ge=1, le=5)]
    level: Annotated[Text | None, Field(title="ระดับความเสี่ยง", json_schema_extra=COMPUTED)] = None
    mitigation: Annotated[Text, Field(title="แนวทางการบริหารความเสี่ยง", max_length=1000)]


class MonthlyNote(SheetModel):
    """Sheet ``บันทึกรายเดือน``: the narrative of one month's progress."""

    month: Annotated[Month, Field(title="เดือน")]
    progress: Annotated[Text, Field(title="ผลการดำเนินงาน", max_length=2000)]
    problems: Annotated[Text | None, Field(title="ปัญหาอุปสรรค", max_length=2000)] = None
    fixes: Annotated[Text | None, Field(title="แนวทางแก้ไข", max_length=2000)] = None


__all__ = [
    "GRADES",
    "MODES",
    "PROCUREMENT_METHODS",
    "SECURITY",
    "STEP_STATUSES",
    "STUDENT_NAMES",
    "TRACKED_SHEETS",
    "WORK_TYPES",
    "MonthlyNote",
    "PlanStep",
    "ProjectInfo",
    "Purchase",
    "ResultReport",
    "Risk",
    "School",
    "SchoolActivityPlan",
    "SchoolSize",
    "Settings",
    "SheetModel",
    "StudentWork",
]
