"""The bundled sample: the seed's program (Bang Khen, FY 2569) with realistic, made-up rows.

Schools, teachers and students here are samples (ชื่อสมมติ), marked as such; the money,
sizes, quotas, plan steps and the risk are the seed's. The data is plain Python (field names
of the models), so the workbook builder, the tests and the benchmarks all start from it.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

from learnworks_xl.core import sheets as sh
from learnworks_xl.core.models import NAMES_HIDDEN

D = Decimal
PROGRAM = "ส่งเสริมสนับสนุนให้นักเรียนสร้างสรรค์ผลงานเพื่อการเรียนรู้"
SAMPLE_MARK = "(ชื่อสมมติ)"

PROJECT: dict[str, Any] = {
    "name": PROGRAM,
    "district": "บางเขน",
    "agency": "ฝ่ายการศึกษา และโรงเรียนในสังกัดสำนักงานเขตบางเขน",
    "fiscal_year": 2569,
    "start_date": date(2025, 11, 1),
    "end_date": date(2026, 7, 31),
    "approved_budget": D("69500"),
    "budget_source": "งบประมาณรายจ่ายประจำปี พ.ศ. 2569 งานงบประมาณโรงเรียน งบรายจ่ายอื่น",
    "expense_item": "ค่าวัสดุในการจัดกิจกรรมส่งเสริมสนับสนุนให้นักเรียนสร้างสรรค์ผลงานเพื่อการเรียนรู้",
    "regulation": "ระเบียบกระทรวงการคลังว่าด้วยการจัดซื้อจัดจ้างและการบริหารพัสดุภาครัฐ พ.ศ. 2560",
    "kpi_target": D("95"),
    # The seed's own words and section numbers (data of this district's project document).
    "objectives": "\n".join((
        "2.1 เพื่อส่งเสริมและสนับสนุนให้โรงเรียนจัดกิจกรรมการเรียนรู้เพื่อพัฒนาผู้เรียนให้สามารถ"
        "นำนวัตกรรมหรือสื่อเทคโนโลยีสารสนเทศ มาใช้สร้างสรรค์ผลงานต่างๆ เพื่อการเรียนรู้",
        "2.2 เพื่อพัฒนาผู้เรียนให้สามารถสร้างความรู้และสร้างสรรค์ชิ้นงานต่างๆ "
        "ผ่านการใช้เทคโนโลยีสารสนเทศด้วยตนเองได้",
    )),
    "quality_target": "นักเรียนสามารถนำความรู้และทักษะในการใช้นวัตกรรมหรือสื่อหรือเทคโนโลยี"
                      "สารสนเทศต่างๆ มาประยุกต์ใช้ในการสร้างสรรค์ผลงานอย่างมีคุณภาพ",
    "kpi_name": "โรงเรียนมีการรายงานผลการดำเนินงานครบถ้วนและส่งผลงานนักเรียนตามเกณฑ์ที่กำหนด",
    "ref_quality_target": "3.2",
    "ref_kpi": "10.1",
    "ref_monthly": "10.2.1",
    "ref_summary": "10.2.2",
}

SIZES: list[dict[str, Any]] = [
    {"size": "ขนาดใหญ่", "budget_per_school": D("15100"), "works_required": 3},
    {"size": "ขนาดกลาง", "budget_per_school": D("13100"), "works_required": 2},
]

SCHOOLS: list[dict[str, Any]] = [
    {"code": "BK01", "name": f"โรงเรียนตัวอย่างวัดบางเขน {SAMPLE_MARK}", "size": "ขนาดใหญ่",
     "teacher": f"นางสาวสมใจ ใฝ่เรียน {SAMPLE_MARK}", "phone": "02-521-0001",
     "email": "bk01@example.org"},
    {"code": "BK02", "name": f"โรงเรียนตัวอย่างอนุสาวรีย์ {SAMPLE_MARK}", "size": "ขนาดใหญ่",
     "teacher": f"นายวิชัย รักการสอน {SAMPLE_MARK}", "phone": "02-521-0002",
     "email": "bk02@example.org"},
    {"code": "BK03", "name": f"โรงเรียนตัวอย่างท่าแร้ง {SAMPLE_MARK}", "size": "ขนาดกลาง",
     "teacher": f"นางมาลี ศรีสร้างสรรค์ {SAMPLE_MARK}", "phone": "02-521-0003",
     "email": "bk03@example.org"},
    {"code": "BK04", "name": f"โรงเรียนตัวอย่างคลองถนน {SAMPLE_MARK}", "size": "ขนาดกลาง",
     "teacher": f"นายประเสริฐ เทคโนดี {SAMPLE_MARK}", "phone": "081-234-0004",
     "email": "bk04@example.org"},
    {"code": "BK05", "name": f"โรงเรียนตัวอย่างสายไหม {SAMPLE_MARK}", "size": "ขนาดกลาง",
     "teacher": f"นางสาวกนกพร สื่อสาร {SAMPLE_MARK}", "phone": "089-765-0005",
     "email": "bk05@example.org"},
]

_OFFICE = "ฝ่ายการศึกษา สำนักงานเขตบางเขน"
_SCHOOLS = "โรงเรียนในสังกัด"
PLAN: list[dict[str, Any]] = [
    {"step_no": 1, "description": "ขออนุมัติโครงการและขออนุมัติเงินจัดสรร", "owner": _OFFICE,
     "start_month": date(2025, 9, 1), "end_month": date(2025, 10, 1), "weight": D(10),
     "status": "เสร็จสิ้น", "completed_on": date(2025, 10, 20)},
    {"step_no": 2, "description": "จัดสรรงบประมาณให้โรงเรียนตามขนาดของโรงเรียน", "owner": _OFFICE,
     "start_month": date(2025, 11, 1), "end_month": date(2025, 11, 1), "weight": D(10),
     "status": "เสร็จสิ้น", "completed_on": date(2025, 11, 14)},
    {"step_no": 3, "description": "โรงเรียนรายงานแผนการจัดกิจกรรมและแผนการใช้จ่ายงบประมาณ"
     "ส่งสำนักการศึกษา", "owner": _SCHOOLS, "start_month": date(2025, 12, 1),
     "end_month": date(2025, 12, 1), "weight": D(10), "status": "เสร็จสิ้น",
     "completed_on": date(2025, 12, 19), "tracks": sh.ACTIVITIES.name},
    {"step_no": 4, "description": "โรงเรียนดำเนินการจัดกิจกรรม", "owner": _SCHOOLS,
     "start_month": date(2025, 12, 1), "end_month": date(2026, 6, 1), "weight": D(40),
     "status": "เสร็จสิ้น", "completed_on": date(2026, 6, 26), "tracks": sh.PURCHASES.name},
    {"step_no": 5, "description": "โรงเรียนคัดสรรผลงานของนักเรียนที่มีคุณภาพดีที่สุดส่งสำนักการศึกษา",
     "owner": _SCHOOLS, "start_month": date(2026, 6, 1), "end_month": date(2026, 7, 1),
     "weight": D(10), "status": "เสร็จสิ้น", "completed_on": date(2026, 7, 10),
     "tracks": sh.WORKS.name},
    {"step_no": 6, "description": "โรงเรียนรายงานผลการดำเนินงาน", "owner": _SCHOOLS,
     "start_month": date(2026, 7, 1), "end_month": date(2026, 7, 1), "weight": D(10),
     "status": "เสร็จสิ้น", "completed_on": date(2026, 7, 24), "tracks": sh.RESULT_REPORTS.name},
    {"step_no": 7, "description": "สำนักการศึกษาสรุปผลการดำเนินงานเผยแพร่ผลงานทางเว็บไซต์",
     "owner": "สำนักการศึกษา", "start_month": date(2026, 8, 1), "end_month": date(2026, 9, 1),
     "weight": D(10), "status": "เสร็จสิ้น", "completed_on": date(2026, 9, 15),
     "note": "เผยแพร่บนเว็บไซต์สำนักการศึกษา"},
]


def _activities() -> list[dict[str, Any]]:
    rows = []
    plans = {
        "ขนาดใหญ่": [("ค่ายสร้างสื่อดิจิทัลเพื่อการเรียนรู้", D("8100")),
                     ("ชุมนุมนักประดิษฐ์นวัตกรรม", D("7000"))],
        "ขนาดกลาง": [("กิจกรรมสร้างสรรค์สื่อการเรียนรู้ด้วยแท็บเล็ต", D("7100")),
                     ("ชุมนุมเทคโนโลยีสารสนเทศ", D("6000"))],
    }
    for i, school in enumerate(SCHOOLS):
        for j, (activity, budget) in enumerate(plans[school["size"]]):
            rows.append({
                "school_code": school["code"], "activity": activity,
                "start_date": date(2025, 12, 1 + j * 14), "end_date": date(2026, 6, 19),
                "planned_budget": budget, "submitted_on": date(2025, 12, 10 + i),
            })
    return rows


ACTIVITIES = _activities()

#: (item, quantity, unit, unit price) bought by every school, then one item by size.
_COMMON = [
    ("กระดาษถ่ายเอกสาร A4 80 แกรม", D(10), "รีม", D("125")),
    ("หมึกพิมพ์อิงค์เจ็ท ชุด 4 สี", D(2), "ชุด", D("890")),
    ("ฟิวเจอร์บอร์ด 65×49 ซม.", D(20), "แผ่น", D("45")),
    ("บอร์ดไมโครคอนโทรลเลอร์พร้อมชุดเซนเซอร์", D(4), "ชุด", D("1250")),
]
_BY_SIZE = {
    "ขนาดใหญ่": [("การ์ดหน่วยความจำ microSD 64 GB", D(10), "อัน", D("259")),
                 ("ชุดอุปกรณ์ถ่ายทำวิดีโอ (ไมโครโฟน ขาตั้ง)", D(2), "ชุด", D("1750"))],
    "ขนาดกลาง": [("การ์ดหน่วยความจำ microSD 64 GB", D(6), "อัน", D("259")),
                 ("สายเชื่อมต่อและอุปกรณ์ต่อพ่วง", D(5), "ชุด", D("390"))],
}


def _purchases() -> list[dict[str, Any]]:
    rows = []
    for i, school in enumerate(SCHOOLS):
        items = _COMMON + _BY_SIZE[school["size"]]
        for j, (item, qty, unit, price) in enumerate(items):
            rows.append({
                "school_code": school["code"], "date": date(2026, 1 + j, 5 + i * 2),
                "item": item, "quantity": qty, "unit": unit, "unit_price": price,
                "amount": qty * price, "method": "วิธีเฉพาะเจาะจง",
                "doc_no": f"{school['code']}-69/{j + 1:03d}",
            })
    return rows


PURCHASES = _purchases()

_WORKS = [
    ("หนังสืออิเล็กทรอนิกส์ นิทานพื้นบ้านบางเขน", "สื่อ", "Canva, Book Creator"),
    ("ระบบรดน้ำต้นไม้อัตโนมัติด้วยไมโครคอนโทรลเลอร์", "นวัตกรรม", "บอร์ด KidBright, เซนเซอร์ความชื้น"),
    ("แอปพลิเคชันทบทวนคำศัพท์ภาษาอังกฤษ", "เทคโนโลยีสารสนเทศ", "Scratch, App Inventor"),
    ("วิดีโอสารคดีสั้น คลองบางเขนของเรา", "สื่อ", "CapCut, โทรศัพท์มือถือ"),
]
_GRADES = ["ป.4", "ป.5", "ป.6", "ม.1"]
_STUDENTS = [
    "ด.ญ.ปิยะดา ตัวอย่าง, ด.ช.ธนากร ตัวอย่าง",
    "ด.ช.กิตติพัฒน์ ตัวอย่าง, ด.ญ.ณัฐธิดา ตัวอย่าง, ด.ช.ภูมิ ตัวอย่าง",
    "ด.ญ.สุพิชชา ตัวอย่าง",
    "ด.ช.อนุชา ตัวอย่าง, ด.ญ.พิมพ์ชนก ตัวอย่าง",
]


def _works() -> list[dict[str, Any]]:
    rows = []
    quota = {s["size"]: s["works_required"] for s in SIZES}
    for i, school in enumerate(SCHOOLS):
        made = quota[school["size"]] + 1  # one more made than selected
        for j in range(made):
            title, kind, tools = _WORKS[j]
            selected = j < quota[school["size"]]
            rows.append({
                "work_code": f"{school['code']}-W{j + 1:02d}", "school_code": school["code"],
                "title": title, "work_type": kind, "tools": tools,
                "students": f"{_STUDENTS[j]} {SAMPLE_MARK}", "grade": _GRADES[j],
                "advisor": school["teacher"],
                "link": f"https://example.org/learnworks/{school['code'].lower()}/w{j + 1:02d}",
                "selected": selected,
                "submitted_on": date(2026, 7, 6 + i) if selected else None,
            })
    return rows


WORKS = _works()

REPORTS: list[dict[str, Any]] = [
    {"school_code": s["code"], "submitted_on": date(2026, 7, 20 + i),
     "participants": 120 - i * 15,
     "summary": "จัดกิจกรรมครบตามแผน นักเรียนสร้างสรรค์ผลงานด้วยสื่อและเทคโนโลยีสารสนเทศ "
                "และคัดสรรผลงานที่ดีที่สุดส่งสำนักการศึกษาครบตามเกณฑ์",
     "problems": "ครูมีภาระงานมาก ต้องจัดกิจกรรมนอกเวลาเรียน" if i % 2 == 0 else None,
     "complete": True}
    for i, s in enumerate(SCHOOLS)
]

RISKS: list[dict[str, Any]] = [
    {"risk": "โรงเรียนไม่สามารถดำเนินการได้ตามเป้าหมาย เนื่องจากข้าราชการครูและบุคลากรทางการศึกษา "
             "กรุงเทพมหานครที่ได้รับมอบหมายให้ปฏิบัติงานมีภาระงานมาก",
     "likelihood": 1, "impact": 1, "level": "น้อยมาก",
     "mitigation": "มีหนังสือแจ้งโรงเรียนเป็นระยะๆ และการแจ้งข่าวทางเว็บไซต์สำนักการศึกษา "
                   "เพื่อให้แต่ละโรงเรียนทราบขั้นตอนและผลการปฏิบัติงาน"},
]

_NOTES = {
    (2025, 11): ("ได้รับอนุมัติโครงการและจัดสรรงบประมาณให้โรงเรียน 5 โรงเรียน รวม 69,500 บาท", None, None),
    (2025, 12): ("โรงเรียนส่งแผนการจัดกิจกรรมและแผนการใช้จ่ายงบประมาณครบทั้ง 5 โรงเรียน", None, None),
    (2026, 1): ("โรงเรียนเริ่มจัดกิจกรรมและจัดซื้อวัสดุ", "บางโรงเรียนจัดซื้อล่าช้า",
                "ติดตามทางโทรศัพท์และหนังสือแจ้งโรงเรียน"),
    (2026, 2): ("โรงเรียนจัดกิจกรรมตามแผน", None, None),
    (2026, 3): ("โรงเรียนจัดกิจกรรมตามแผน ใช้จ่ายงบประมาณตามแผน", "ช่วงสอบปลายภาค ครูมีภาระงานมาก",
                "ปรับกิจกรรมไปจัดช่วงปิดภาคเรียน"),
    (2026, 4): ("โรงเรียนจัดกิจกรรมช่วงปิดภาคเรียน", None, None),
    (2026, 5): ("เปิดภาคเรียนที่ 1/2569 โรงเรียนจัดกิจกรรมต่อเนื่อง", None, None),
    (2026, 6): ("โรงเรียนจัดกิจกรรมแล้วเสร็จและเริ่มคัดสรรผลงาน", None, None),
    (2026, 7): ("โรงเรียนส่งผลงานที่คัดสรรและรายงานผลการดำเนินงานครบทั้ง 5 โรงเรียน", None, None),
    (2026, 8): ("สำนักการศึกษาสรุปผลการดำเนินงาน", None, None),
    (2026, 9): ("เผยแพร่ผลงานนักเรียนทางเว็บไซต์สำนักการศึกษา", None, None),
}
NOTES: list[dict[str, Any]] = [
    {"month": date(y, mo, 1), "progress": p, "problems": pr, "fixes": fx}
    for (y, mo), (p, pr, fx) in _NOTES.items()
]

SETTINGS: dict[str, Any] = {
    "mode": "Python ในเครื่อง",
    "server_url": "http://127.0.0.1:8000",
    "smtp_host": "smtp.example.org",
    "smtp_port": 587,
    "smtp_security": "STARTTLS",
    "smtp_user": "education.bangkhen@example.org",
    "sender": "education.bangkhen@example.org",
    "recipients": "education.office@example.org, bk01@example.org",
    "thai_digits": False,
    "risk_bands": "2,4,9,16,25",
    "student_names": NAMES_HIDDEN,
}


def sample_data() -> dict[str, Any]:
    """Return the sample by sheet name: a dict for key/value sheets, row dicts for tables."""
    return {
        sh.PROJECT.name: dict(PROJECT),
        sh.SIZES.name: [dict(r) for r in SIZES],
        sh.SCHOOLS.name: [dict(r) for r in SCHOOLS],
        sh.PLAN.name: [dict(r) for r in PLAN],
        sh.ACTIVITIES.name: [dict(r) for r in ACTIVITIES],
        sh.PURCHASES.name: [dict(r) for r in PURCHASES],
        sh.WORKS.name: [dict(r) for r in WORKS],
        sh.RESULT_REPORTS.name: [dict(r) for r in REPORTS],
        sh.RISKS.name: [dict(r) for r in RISKS],
        sh.NOTES.name: [dict(r) for r in NOTES],
        sh.SETTINGS.name: dict(SETTINGS),
    }
