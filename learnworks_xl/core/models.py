"""The sheet models: one pydantic model per input sheet of SPEC.

Field names are English; each field's ``title`` is the Thai header a clerk sees. These models
are the single source of truth for headers, types, required cells, allowed values, ranges and
lengths; the JSON Schemas in ``schemas/``, the workbook's data validation and the Thai
messages are all derived from them.

Columns that the workbook computes with formulas are marked ``x-computed``: they are read when
present and checked against the rules, never required.
"""

from __future__ import annotations

from typing import Annotated, Any, Literal, get_args

from pydantic import BaseModel, ConfigDict, Field

from learnworks_xl.core.fields import (
    Amount,
    Choice,
    Day,
    Email,
    Emails,
    Int,
    Month,
    Number,
    Percent,
    Phone,
    Text,
    Url,
    YesNo,
)

COMPUTED: dict[str, Any] = {"x-computed": True}


class SheetModel(BaseModel):
    """Base of the sheet models: strict about unknown fields, values normalised on input."""

    model_config = ConfigDict(extra="ignore", str_strip_whitespace=True, frozen=True)


# ---------------------------------------------------------------- key/value sheets


class ProjectInfo(SheetModel):
    """Sheet ``โครงการ``: the project's settings, label in column A, value in column B."""

    name: Annotated[Text, Field(title="ชื่อโครงการ", max_length=300)]
    agency: Annotated[Text, Field(title="หน่วยงานที่รับผิดชอบ", max_length=300)]
    fiscal_year: Annotated[Int, Field(title="ปีงบประมาณ (พ.ศ.)", ge=2560, le=2700)]
    start_date: Annotated[Day, Field(title="วันเริ่มโครงการ")]
    end_date: Annotated[Day, Field(title="วันสิ้นสุดโครงการ")]
    approved_budget: Annotated[Amount, Field(title="งบประมาณที่ได้รับอนุมัติ (บาท)", gt=0)]
    budget_source: Annotated[Text, Field(title="แหล่งงบประมาณ", max_length=500)]
    expense_item: Annotated[Text, Field(title="รายการค่าใช้จ่าย", max_length=500)]
    regulation: Annotated[Text, Field(title="ระเบียบที่เกี่ยวข้อง", max_length=500)]
    kpi_target: Annotated[Percent, Field(title="ค่าเป้าหมายตัวชี้วัด (ร้อยละ)", le=100)]


Mode = Literal["Python ในเครื่อง", "xlwings Server"]
Security = Literal["STARTTLS", "SSL", "ไม่เข้ารหัส"]
MODES: tuple[str, ...] = get_args(Mode)
SECURITY: tuple[str, ...] = get_args(Security)


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


# ---------------------------------------------------------------- table sheets


class SchoolSize(SheetModel):
    """Sheet ``เกณฑ์ขนาดโรงเรียน``: money and works quota per school size."""

    size: Annotated[Text, Field(title="ขนาดโรงเรียน", min_length=1, max_length=50)]
    budget_per_school: Annotated[Amount, Field(title="งบประมาณต่อโรงเรียน (บาท)")]
    works_required: Annotated[Int, Field(title="จำนวนผลงานที่ต้องส่ง", ge=0, le=100)]


class School(SheetModel):
    """Sheet ``โรงเรียน``: one school of the district."""

    code: Annotated[Text, Field(title="รหัสโรงเรียน", min_length=1, max_length=20)]
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


class SchoolActivityPlan(SheetModel):
    """Sheet ``แผนกิจกรรมโรงเรียน``: a school's planned activity (plan step 3)."""

    school_code: Annotated[Text, Field(title="รหัสโรงเรียน", max_length=20)]
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

    school_code: Annotated[Text, Field(title="รหัสโรงเรียน", max_length=20)]
    date: Annotated[Day, Field(title="วันที่")]
    item: Annotated[Text, Field(title="รายการ", max_length=300)]
    quantity: Annotated[Number, Field(title="จำนวน", gt=0)]
    unit: Annotated[Text, Field(title="หน่วยนับ", max_length=30)]
    unit_price: Annotated[Amount, Field(title="ราคาต่อหน่วย (บาท)")]
    amount: Annotated[Amount, Field(title="จำนวนเงิน (บาท)")]
    method: Annotated[ProcurementMethod, Choice, Field(title="วิธีจัดซื้อจัดจ้าง")] = "วิธีเฉพาะเจาะจง"
    doc_no: Annotated[Text | None, Field(title="เลขที่เอกสาร", max_length=50)] = None


WorkType = Literal["นวัตกรรม", "สื่อ", "เทคโนโลยีสารสนเทศ"]
WORK_TYPES: tuple[str, ...] = get_args(WorkType)
Grade = Literal[
    "อ.1", "อ.2", "อ.3", "ป.1", "ป.2", "ป.3", "ป.4", "ป.5", "ป.6",
    "ม.1", "ม.2", "ม.3", "ม.4", "ม.5", "ม.6",
]
GRADES: tuple[str, ...] = get_args(Grade)


class StudentWork(SheetModel):
    """Sheet ``ผลงานนักเรียน``: one student work."""

    work_code: Annotated[Text, Field(title="รหัสผลงาน", min_length=1, max_length=30)]
    school_code: Annotated[Text, Field(title="รหัสโรงเรียน", max_length=20)]
    title: Annotated[Text, Field(title="ชื่อผลงาน", max_length=300)]
    work_type: Annotated[WorkType, Choice, Field(title="ประเภทผลงาน")]
    tools: Annotated[Text | None, Field(title="เครื่องมือที่ใช้", max_length=300)] = None
    students: Annotated[Text, Field(title="นักเรียนผู้จัดทำ", max_length=500)]
    grade: Annotated[Grade, Choice, Field(title="ระดับชั้น")]
    advisor: Annotated[Text | None, Field(title="ครูที่ปรึกษา", max_length=200)] = None
    link: Annotated[Url | None, Field(title="ลิงก์ผลงาน", max_length=2000)] = None
    selected: Annotated[YesNo, Field(title="คัดสรรส่งสำนักการศึกษา")] = False
    submitted_on: Annotated[Day | None, Field(title="วันที่ส่ง")] = None


class SchoolReport(SheetModel):
    """Sheet ``รายงานผลโรงเรียน``: a school's result report (plan step 6)."""

    school_code: Annotated[Text, Field(title="รหัสโรงเรียน", max_length=20)]
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
    "WORK_TYPES",
    "MonthlyNote",
    "PlanStep",
    "ProjectInfo",
    "Purchase",
    "Risk",
    "School",
    "SchoolActivityPlan",
    "SchoolReport",
    "SchoolSize",
    "Settings",
    "SheetModel",
    "StudentWork",
]
