"""Another district, another year: a FY 2570 district set up from the template, a run period
carried past the fiscal year, an approved budget not fully allocated, seed texts as data,
one bad setting that hides nothing else, and ``learnworks new-year``."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from learnworks_xl import api
from learnworks_xl.cli import cli
from learnworks_xl.core import sheets as sh
from learnworks_xl.core.reports.content import KeyValues, Paragraph, ReportSheet, Value
from learnworks_xl.workbook import build_workbook

D = Decimal
Make = Callable[..., Path]
NOW = datetime(2027, 8, 3, 9)
SIZES = [("ขนาดใหญ่", D(15100), 3), ("ขนาดกลาง", D(13100), 2), ("ขนาดเล็ก", D(9000), 1)]
#: 2 large, 4 medium, 6 small: 2 × 15,100 + 4 × 13,100 + 6 × 9,000 = 136,600.
PLAN_SIZES = ["ขนาดใหญ่"] * 2 + ["ขนาดกลาง"] * 4 + ["ขนาดเล็ก"] * 6


def district_2570() -> dict[str, Any]:
    """Chatuchak's FY 2570 program typed into a blank workbook: 12 schools, a small size."""
    schools = [{"code": f"JJ{i + 1:02d}", "name": f"โรงเรียนทดสอบจตุจักร {i + 1}", "size": size}
               for i, size in enumerate(PLAN_SIZES)]
    quota = {s: q for s, _, q in SIZES}
    works, reports, purchases = [], [], []
    for i, school in enumerate(schools):
        for j in range(quota[school["size"]]):
            works.append({"work_code": f"{school['code']}-W{j + 1}",
                          "school_code": school["code"], "title": f"ผลงาน {j + 1}",
                          "work_type": "สื่อ", "students": "ด.ญ.ทดสอบ ระบบ", "grade": "ป.5",
                          "selected": True, "submitted_on": date(2027, 7, 5 + i)})
        reports.append({"school_code": school["code"], "submitted_on": date(2027, 7, 20),
                        "participants": 40, "summary": "ดำเนินการครบถ้วน", "complete": True})
        purchases.append({"school_code": school["code"], "date": date(2027, 1, 10 + i),
                          "item": "กระดาษ", "quantity": D(10), "unit": "รีม",
                          "unit_price": D(125), "amount": D(1250), "doc_no": f"JJ-{i + 1}"})
    months = [(date(2026, 9, 1), date(2026, 10, 1)), (date(2026, 11, 1),) * 2,
              (date(2026, 12, 1),) * 2, (date(2026, 12, 1), date(2027, 6, 1)),
              (date(2027, 6, 1), date(2027, 7, 1)), (date(2027, 7, 1),) * 2,
              (date(2027, 8, 1), date(2027, 9, 1))]
    plan = [{"step_no": n + 1, "description": f"ขั้นตอนที่ {n + 1}", "owner": "ฝ่ายการศึกษา",
             "start_month": a, "end_month": b, "weight": D(40 if n == 3 else 10),
             "status": "ยังไม่เริ่ม"} for n, (a, b) in enumerate(months)]
    plan[4]["tracks"], plan[5]["tracks"] = sh.WORKS.name, sh.RESULT_REPORTS.name
    return {
        sh.PROJECT.name: {
            "name": "ส่งเสริมสนับสนุนให้นักเรียนสร้างสรรค์ผลงานเพื่อการเรียนรู้",
            "district": "จตุจักร", "agency": "ฝ่ายการศึกษา สำนักงานเขตจตุจักร", "fiscal_year": 2570,
            "start_date": date(2026, 11, 1), "end_date": date(2027, 7, 31),
            "approved_budget": D(136600), "budget_source": "งบประมาณรายจ่ายประจำปี พ.ศ. 2570",
            "expense_item": "ค่าวัสดุ", "regulation": "ระเบียบกระทรวงการคลังฯ พ.ศ. 2560",
            "kpi_target": D(90)},
        sh.SIZES.name: [{"size": s, "budget_per_school": b, "works_required": q}
                        for s, b, q in SIZES],
        sh.SCHOOLS.name: schools, sh.PLAN.name: plan, sh.ACTIVITIES.name: [],
        sh.PURCHASES.name: purchases, sh.WORKS.name: works, sh.RESULT_REPORTS.name: reports,
        sh.RISKS.name: [], sh.NOTES.name: [], sh.SETTINGS.name: {},
    }


def _kv(report: ReportSheet) -> dict[str, Value]:
    return {k: v for b in report.blocks if isinstance(b, KeyValues) for k, v in b.rows}


def _texts(report: ReportSheet) -> list[str]:
    return [b.text for b in report.blocks if isinstance(b, Paragraph)]


def test_year_district_2570_from_template_is_final(tmp_path: Path) -> None:
    src = build_workbook(tmp_path / "จตุจักร-2570.xlsm", data=district_2570())
    result = api.run(src, out=tmp_path / "o.xlsx", month="2570-07", now=NOW)
    assert result.results.report.flat() == []
    assert not any(r.provisional for r in result.reports)
    assert result.summary_lines()[1:] == [
        "เดือนที่รายงาน: กรกฎาคม 2570 (ข้อมูล ณ วันที่ 31 ก.ค. 2570)",
        "ความก้าวหน้า: ตามแผน ร้อยละ 90.00 ผลจริง ร้อยละ 0.00 – ล่าช้ากว่าแผน",
        "ตัวชี้วัด: ร้อยละ 100.00 (เป้าหมาย ร้อยละ 90) ผ่าน – โรงเรียนผ่านเกณฑ์ 12 จาก 12 โรงเรียน",
        "งบประมาณ: จัดสรร 136,600.00 บาท ใช้จ่าย 15,000.00 บาท (เบิกจ่ายร้อยละ 10.98)",
        "ผลการตรวจสอบ: ข้อผิดพลาด 0 รายการ คำเตือน 0 รายการ"]
    budget = next(r for r in result.reports if r.name == sh.BUDGET.name)
    assert "หนึ่งแสนสามหมื่นหกพันหกร้อยบาทถ้วน" in str([b for b in budget.blocks])
    summary = next(r for r in result.reports if r.name == sh.SUMMARY.name)
    texts = _texts(summary)
    # the template has no seed texts: nothing of Bang Khen's document shows
    assert "(ยังไม่ได้กรอก «วัตถุประสงค์ (บรรทัดละข้อ)» ในชีต «โครงการ»)" in texts
    assert not any("10.2.2" in t or "3.2" in t or "10.1" in t for t in texts)


def test_year_district_seed_texts_are_data(sample_path: Path, make_workbook: Make,
                                           sample_dict: dict[str, Any]) -> None:
    sample_dict[sh.PROJECT.name].update(
        objectives="1) ให้นักเรียนสร้างผลงาน\n2) ให้ครูใช้สื่อ", ref_summary="9.9", ref_kpi=None)
    result = api.run(make_workbook(sample_dict), month="2569-09", now=NOW)
    summary = next(r for r in result.reports if r.name == sh.SUMMARY.name)
    texts = _texts(summary)
    assert texts[texts.index("1. วัตถุประสงค์ของโครงการ") + 1:][:2] == [
        "1.1 ให้นักเรียนสร้างผลงาน", "1.2 ให้ครูใช้สื่อ"]
    assert "รายงานสรุปผลโครงการภายหลังเสร็จสิ้นโครงการ (ข้อ 9.9) ข้อมูล ณ วันที่ 30 ก.ย. 2569" \
        in texts
    kpi = next(r for r in result.reports if r.name == sh.KPI.name)
    assert _texts(kpi)[1].startswith("ตัวชี้วัด: โรงเรียนมีการรายงานผลการดำเนินงานครบถ้วน")


def test_year_district_carried_over(make_workbook: Make) -> None:
    """A run period past 30 ก.ย. 2570 (money carried over): a warning, not a draft, and a
    purchase in พ.ย. 2570 inside the run period is accepted."""
    data = district_2570()
    data[sh.PROJECT.name]["end_date"] = date(2027, 12, 31)
    data[sh.PURCHASES.name][0]["date"] = date(2027, 11, 15)
    data[sh.PLAN.name][6]["end_month"] = date(2027, 11, 1)
    result = api.run(make_workbook(data), month="2570-11", now=datetime(2027, 12, 2, 9))
    # (addressed in the finished workbook, where settings start on row 3)
    assert result.results.report.flat() == [("โครงการ", "B8", "carried-over")]
    assert result.results.report.findings[0].message == (
        "«วันสิ้นสุดโครงการ» 31 ธ.ค. 2570 อยู่หลังสิ้นปีงบประมาณ พ.ศ. 2570 (1 ต.ค. 2569 – 30 ก.ย. 2570) "
        "ถือเป็นการกันเงินไว้เบิกเหลื่อมปี วันที่ของรายการหลังสิ้นปีงบประมาณจนถึงวันสิ้นสุดโครงการถือว่าถูกต้อง")
    assert not any(r.provisional for r in result.reports)
    assert result.results.spending.spent == D(15000)


def test_year_district_unallocated_remainder_is_a_warning(make_workbook: Make) -> None:
    data = district_2570()
    data[sh.PROJECT.name]["approved_budget"] = D(140000)
    report = api.validate(make_workbook(data), now=NOW).report
    assert report.valid and report.flat() == [("โครงการ", "B7", "budget-unallocated")]
    assert report.findings[0].message == (
        "ยอดจัดสรรให้โรงเรียนรวม 136,600.00 บาท น้อยกว่า «งบประมาณที่ได้รับอนุมัติ (บาท)» "
        "140,000.00 บาท ยังไม่ได้จัดสรร 3,400.00 บาท")
    data[sh.PROJECT.name]["approved_budget"] = D(130000)
    report = api.validate(make_workbook(data), now=NOW).report
    assert report.flat() == [("โครงการ", "B7", "budget-mismatch")]
    assert report.findings[0].message == (
        "ยอดจัดสรรให้โรงเรียนรวม 136,600.00 บาท เกิน «งบประมาณที่ได้รับอนุมัติ (บาท)» 130,000.00 บาท "
        "(เกิน 6,600.00 บาท)")


def test_year_district_one_bad_setting_hides_nothing(make_workbook: Make,
                                                     sample_dict: dict[str, Any]) -> None:
    """A KPI target that can't be read is one finding; the fiscal-year checks of the other
    sheets still run in the same pass, and the draft still knows the project's name."""
    sample_dict[sh.PROJECT.name]["kpi_target"] = "เก้าสิบห้า"
    sample_dict[sh.PURCHASES.name][0]["date"] = "11/3/2568"
    sample_dict[sh.NOTES.name][0]["month"] = "มี.ค. 2568"
    src = make_workbook(sample_dict)
    result = api.run(src, out=src.with_name("o.xlsx"), month="2569-07", now=NOW)
    codes = [(f.sheet, f.code) for f in result.results.report.findings]
    assert codes == [("โครงการ", "type-error"), ("การใช้จ่าย", "outside-fiscal-year"),
                     ("บันทึกรายเดือน", "outside-fiscal-year")]
    home = next(r for r in result.reports if r.name == sh.HOME.name)
    assert home.title == "โครงการส่งเสริมสนับสนุนให้นักเรียนสร้างสรรค์ผลงานเพื่อการเรียนรู้"
    assert _kv(home)["ค่าเป้าหมาย (ร้อยละ)"].value == "-"
    assert result.results.kpi.verdict is None  # no target: no verdict, not a wrong one


def test_year_district_new_year_cli(tmp_path: Path) -> None:
    src = build_workbook(tmp_path / "learnworks-2570.xlsm", data=district_2570())
    result = CliRunner().invoke(cli, ["new-year", str(src), "--fiscal-year", "2571"])
    out = tmp_path / "learnworks-2571.xlsm"
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines() == [
        f"สร้างสมุดงานปีงบประมาณ พ.ศ. 2571 แล้ว: {out}",
        "ยกมาจากปีงบประมาณ พ.ศ. 2570: เกณฑ์ขนาดโรงเรียน 3 แถว, โรงเรียน 12 แถว, แผนปฏิบัติการ 7 "
        "ขั้นตอน (เลื่อนเดือนไป 1 ปี สถานะเป็น ยังไม่เริ่ม), ความเสี่ยง 0 แถว, โครงการ และตั้งค่า",
        "เริ่มว่าง: แผนกิจกรรมโรงเรียน, การใช้จ่าย, ผลงานนักเรียน, รายงานผลโรงเรียน, บันทึกรายเดือน",
        "เปลี่ยนปี พ.ศ. 2570 เป็น 2571 ใน: แหล่งงบประมาณ",
        "กรุณาตรวจสอบในชีต «โครงการ» ก่อนใช้งาน: งบประมาณที่ได้รับอนุมัติ (บาท), แหล่งงบประมาณ, "
        "วันเริ่มโครงการ, วันสิ้นสุดโครงการ"]
    checked = api.validate(out, now=datetime(2027, 10, 5, 9))
    assert checked.report.flat() == []
    p = checked.parsed.project_info
    assert (p.fiscal_year, p.start_date, p.end_date) == (2571, date(2027, 11, 1),
                                                         date(2028, 7, 31))
    assert p.budget_source == "งบประมาณรายจ่ายประจำปี พ.ศ. 2571"
    assert p.regulation == "ระเบียบกระทรวงการคลังฯ พ.ศ. 2560"
    steps = checked.parsed.plan.valid
    assert [(s.start_month, s.end_month) for s in steps][3] == (date(2027, 12, 1),
                                                               date(2028, 6, 1))
    assert {s.status for s in steps} == {"ยังไม่เริ่ม"}
    assert [s.tracks for s in steps][4:6] == [sh.WORKS.name, sh.RESULT_REPORTS.name]
    assert len(checked.parsed.schools.valid) == 12
    assert all(not t.rows for t in (checked.parsed.purchases, checked.parsed.works,
                                    checked.parsed.reports, checked.parsed.notes))


@pytest.mark.parametrize(("year", "message"), [
    ("2570", "ผิดพลาด: ปีงบประมาณใหม่ พ.ศ. 2570 ต้องอยู่หลังปีงบประมาณของสมุดงานเดิม (พ.ศ. 2570) "
             "(the new fiscal year 2570 must be later than the workbook's (2570))\n"),
])
def test_year_district_new_year_refuses(tmp_path: Path, year: str, message: str) -> None:
    src = build_workbook(tmp_path / "a.xlsm", data=district_2570())
    result = CliRunner().invoke(cli, ["new-year", str(src), "--fiscal-year", year])
    assert (result.exit_code, result.stderr) == (2, message)


def test_year_district_new_year_sample_leap_day() -> None:
    from learnworks_xl.core.newyear import rename_year, shift_years

    assert shift_years(date(2028, 2, 29), 1) == date(2029, 2, 28)
    assert rename_year("ปี ๒๕๖๙ และ 2569 แต่ไม่ใช่ 25690", 2569, 2570) == \
        "ปี ๒๕๗๐ และ 2570 แต่ไม่ใช่ 25690"
