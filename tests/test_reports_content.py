"""Report contents (the core's side of the report contract): exact Thai texts, values,
links, drafts and Thai digits — checked on the ReportSheet objects, before any layout."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

from learnworks_xl import api
from learnworks_xl.core import sheets as sh
from learnworks_xl.core.compute.risk import ASSUMPTION
from learnworks_xl.core.pipeline import Results, compute
from learnworks_xl.core.reports.content import (
    Block,
    ChartBlock,
    KeyValues,
    Paragraph,
    ReportSheet,
    TableBlock,
    Value,
)
from learnworks_xl.core.reports.registry import build_reports

NOW = datetime(2026, 7, 31, 16, 30)
Make = Callable[[dict[str, Any]], Path]


def _results(path: Path, month: tuple[int, int] = (2026, 7)) -> Results:
    checked = api.validate(path)
    figures = compute(checked.parsed, date(*month, 1))
    return Results.of(figures, checked.report, generated_at=NOW, source=path.name)


def _report(results: Results, name: str) -> ReportSheet:
    return next(r for r in build_reports(results) if r.name == name)


def _tables(report: ReportSheet) -> list[TableBlock]:
    return [b for b in report.blocks if isinstance(b, TableBlock)]


def _kv(report: ReportSheet) -> dict[str, Value]:
    return {k: v for b in report.blocks if isinstance(b, KeyValues) for k, v in b.rows}


def _texts(blocks: list[Block]) -> list[str]:
    return [b.text for b in blocks if isinstance(b, Paragraph)]


def _cells(table: TableBlock) -> list[list[Any]]:
    return [[v.value for v in row] for row in table.rows + table.totals]


def test_reports_all_six_in_order(sample_path: Path) -> None:
    reports = build_reports(_results(sample_path))
    assert [r.name for r in reports] == [s.name for s in sh.REPORT_SHEETS]
    assert not any(r.provisional for r in reports)


def test_reports_budget_seed_table(sample_path: Path) -> None:
    report = _report(_results(sample_path), sh.BUDGET.name)
    assert _texts(report.blocks)[0] == (
        "เบิกจ่ายจากงบประมาณรายจ่ายประจำปี พ.ศ. 2569 งานงบประมาณโรงเรียน งบรายจ่ายอื่น "
        "รายการค่าใช้จ่ายในการส่งเสริมสนับสนุนให้นักเรียนสร้างสรรค์ผลงานเพื่อการเรียนรู้ เป็นเงิน "
        "69,500.-บาท (หกหมื่นเก้าพันห้าร้อยบาทถ้วน) โดยจัดสรรให้โรงเรียนดำเนินการตามขนาดโรงเรียน "
        "ตามรายละเอียดดังนี้")
    seed = _tables(report)[0]
    assert [c.header for c in seed.columns] == [
        "กิจกรรม", "รายการค่าใช้จ่าย", "จำนวนเงิน (บาท)", "กฎหมาย ระเบียบที่เกี่ยวข้อง"]
    assert _cells(seed) == [
        ["จัดกิจกรรมส่งเสริมสนับสนุนให้นักเรียนสร้างสรรค์ผลงานเพื่อการเรียนรู้",
         "ค่าวัสดุในการจัดกิจกรรมส่งเสริมสนับสนุนให้นักเรียนสร้างสรรค์ผลงานเพื่อการเรียนรู้", None,
         "ระเบียบกระทรวงการคลังว่าด้วยการจัดซื้อจัดจ้างและการบริหารพัสดุภาครัฐ พ.ศ. 2560"],
        [None, "- โรงเรียนขนาดใหญ่", None, None],
        [None, "จำนวน 2 โรงเรียนๆ ละ 15,100.-บาท เป็นเงิน 30,200.-บาท", Decimal(30200), None],
        [None, "- โรงเรียนขนาดกลาง", None, None],
        [None, "จำนวน 3 โรงเรียนๆ ละ 13,100.-บาท เป็นเงิน 39,300.-บาท", Decimal(39300), None],
        ["รวมทั้งสิ้น", "(หกหมื่นเก้าพันห้าร้อยบาทถ้วน)", Decimal(69500), None],
    ]
    assert {v.format for row in seed.rows[2::2] + seed.totals for v in row[2:3]} == \
        {"amount_dash"}
    assert _kv(report)["ผลการตรวจสอบ"] == Value("ตรงกัน", "text", "ok")


def test_reports_kpi_table_and_chart(sample_path: Path) -> None:
    report = _report(_results(sample_path), sh.KPI.name)
    table = _tables(report)[0]
    assert _cells(table)[0] == [
        "โรงเรียนตัวอย่างวัดบางเขน (ชื่อสมมติ) (BK01)", "ขนาดใหญ่", 3, 3, "ครบถ้วน", "ผ่านเกณฑ์",
        "ส่งผลงานครบและรายงานผลครบถ้วน"]
    kv = _kv(report)
    assert kv["ผลการดำเนินงาน (ร้อยละ)"] == Value(Decimal("100.00"), "percent", "strong")
    assert kv["ผลการประเมินตัวชี้วัด"] == Value("ผ่าน", "text", "ok")
    chart = report.blocks[-1]
    assert isinstance(chart, ChartBlock)
    assert chart.categories == ["BK01", "BK02", "BK03", "BK04", "BK05"]
    assert chart.series == [("ผลงานตามเกณฑ์", [3, 3, 2, 2, 2]),
                            ("ผลงานที่คัดสรรส่ง", [3, 3, 2, 2, 2])]


@pytest.mark.parametrize(("month", "title", "planned", "actual", "due", "note"), [
    ((2026, 3), "รายงานความก้าวหน้าประจำเดือนมีนาคม 2569", Decimal("52.86"), Decimal("52.86"),
     "ไม่มี", "โรงเรียนจัดกิจกรรมตามแผน ใช้จ่ายงบประมาณตามแผน"),
    ((2026, 7), "รายงานความก้าวหน้าประจำเดือนกรกฎาคม 2569", Decimal("90.00"),
     Decimal("90.00"), "ขั้นตอนที่ 5, 6",
     "โรงเรียนส่งผลงานที่คัดสรรและรายงานผลการดำเนินงานครบทั้ง 5 โรงเรียน"),
])
def test_reports_monthly_fields(sample_path: Path, month: tuple[int, int], title: str,
                                planned: Decimal, actual: Decimal, due: str, note: str) -> None:
    report = _report(_results(sample_path, month), sh.MONTHLY.name)
    assert report.title == title
    kv = _kv(report)
    assert kv["ร้อยละความก้าวหน้าตามแผน (สะสม)"].value == planned
    assert kv["ร้อยละความก้าวหน้าจริง (สะสม)"].value == actual
    assert kv["ขั้นตอนที่ครบกำหนดในเดือนนี้"].value == due
    assert kv["สถานะโครงการ"].value == "เป็นไปตามแผน"
    texts = _texts(report.blocks)
    assert texts[texts.index("ผลการดำเนินงาน") + 1] == note


def test_reports_monthly_without_note(sample_path: Path, make_workbook: Make,
                                      sample_dict: dict[str, Any]) -> None:
    sample_dict[sh.NOTES.name] = [n for n in sample_dict[sh.NOTES.name]
                                  if n["month"] != date(2026, 7, 1)]
    report = _report(_results(make_workbook(sample_dict)), sh.MONTHLY.name)
    texts = _texts(report.blocks)
    assert texts[-6:] == ["ผลการดำเนินงาน", "ยังไม่ได้บันทึกในชีต «บันทึกรายเดือน» สำหรับเดือนนี้",
                          "ปัญหาอุปสรรค", "ยังไม่ได้บันทึกในชีต «บันทึกรายเดือน» สำหรับเดือนนี้",
                          "แนวทางแก้ไข", "ยังไม่ได้บันทึกในชีต «บันทึกรายเดือน» สำหรับเดือนนี้"]


def test_reports_summary_problems_suggestions_risk(sample_path: Path) -> None:
    report = _report(_results(sample_path), sh.SUMMARY.name)
    texts = _texts(report.blocks)
    problems = texts[texts.index("8. ปัญหาอุปสรรค") + 1: texts.index("9. ข้อเสนอแนะ")]
    assert problems == [
        "1) โรงเรียนตัวอย่างวัดบางเขน (ชื่อสมมติ): ครูมีภาระงานมาก ต้องจัดกิจกรรมนอกเวลาเรียน",
        "2) โรงเรียนตัวอย่างท่าแร้ง (ชื่อสมมติ): ครูมีภาระงานมาก ต้องจัดกิจกรรมนอกเวลาเรียน",
        "3) โรงเรียนตัวอย่างสายไหม (ชื่อสมมติ): ครูมีภาระงานมาก ต้องจัดกิจกรรมนอกเวลาเรียน",
        "4) ม.ค. 2569: บางโรงเรียนจัดซื้อล่าช้า",
        "5) มี.ค. 2569: ช่วงสอบปลายภาค ครูมีภาระงานมาก"]
    suggestions = texts[texts.index("9. ข้อเสนอแนะ") + 1:][:2]
    assert suggestions == [  # what to do next; past actions (the notes' fixes) are not repeated
        "1) ติดตามการใช้จ่ายงบประมาณคงเหลือ 2,158.00 บาท ให้เป็นไปตามแผนและระเบียบที่เกี่ยวข้อง "
        "หรือส่งคืนตามขั้นตอน",
        "(ลงชื่อ)......................................................ผู้รายงาน"]
    assert f"หมายเหตุ: {ASSUMPTION}" in texts
    assert ASSUMPTION == "เกณฑ์ระดับความเสี่ยงเป็นค่าที่สมมติขึ้น ปรับได้ในชีตตั้งค่า"
    risk = next(t for t in _tables(report) if t.heading == "7. ความเสี่ยงและการบริหารความเสี่ยง")
    assert _cells(risk)[0][1:4] == [1, 1, "น้อยมาก"]


def test_reports_findings_links_and_draft(sample_path: Path, tmp_path: Path) -> None:
    import openpyxl

    wb = openpyxl.load_workbook(sample_path)
    wb["โรงเรียน"]["C3"] = "ขนาดใหณ่"
    broken = tmp_path / "b.xlsx"
    wb.save(broken)
    result = api.run(broken, out=tmp_path / "o.xlsx", month="2026-07", now=NOW)
    assert all(r.provisional for r in result.reports)
    for report in result.reports:
        first = report.blocks[0]
        assert isinstance(first, Paragraph) and first.text == (
            "ฉบับร่าง – ข้อมูลยังมีข้อผิดพลาด 1 รายการ ตัวเลขในรายงานนี้คำนวณจากแถวที่ถูกต้องเท่านั้น "
            "กรุณาแก้ไขตามชีต «ผลการตรวจสอบ» แล้วจัดทำรายงานใหม่"), report.name
    findings = _tables(result.reports[1])[0]
    row = findings.rows[0]
    assert [v.value for v in row] == [
        1, "ข้อผิดพลาด", "โรงเรียน", "C5", "ขนาดโรงเรียน", "ขนาดใหณ่",
        "«ขนาดโรงเรียน» 'ขนาดใหณ่' ไม่มีในชีต «เกณฑ์ขนาดโรงเรียน» เลือกได้เฉพาะ ขนาดกลาง, ขนาดใหญ่",
        "C3"]
    assert (row[2].link, row[3].link, row[1].role) == ("#'โรงเรียน'!A1", "#'โรงเรียน'!C5", "bad")


def test_reports_thai_digits(make_workbook: Make, sample_dict: dict[str, Any]) -> None:
    sample_dict[sh.SETTINGS.name]["thai_digits"] = True
    results = _results(make_workbook(sample_dict))
    assert all(r.thai_digits for r in build_reports(results))  # numbers: a Thai-digit format
    kpi = _kv(_report(results, sh.KPI.name))
    assert kpi["ผลการดำเนินงาน (ร้อยละ)"] == Value(Decimal("100.00"), "percent", "strong")
    assert kpi["โรงเรียนทั้งหมด"].value == "๕ โรงเรียน"
    budget = _report(results, sh.BUDGET.name)
    assert _tables(budget)[0].totals[0][2] == Value("๖๙,๕๐๐.-", "amount_dash", "strong")
    assert _kv(budget)["ยอดจัดสรรให้โรงเรียนรวม (บาท)"].value == Decimal("69500")
    monthly = _report(results, sh.MONTHLY.name)
    assert monthly.title == "รายงานความก้าวหน้าประจำเดือนกรกฎาคม ๒๕๖๙"
    step = _tables(monthly)[0].rows[0]
    assert step[0].value == "1. ขออนุมัติโครงการและขออนุมัติเงินจัดสรร"  # typed text kept
    assert step[-1] == Value(date(2025, 10, 20), "date")


def test_reports_home_glance(sample_path: Path) -> None:
    report = _report(_results(sample_path), sh.HOME.name)
    assert report.title == "โครงการส่งเสริมสนับสนุนให้นักเรียนสร้างสรรค์ผลงานเพื่อการเรียนรู้"
    kv = _kv(report)
    assert kv["เวลาที่ประมวลผล"] == Value(NOW, "datetime")
    assert kv["ใช้จ่ายแล้ว ณ สิ้น ก.ค. 2569 (บาท)"].value == Decimal("67342")
    assert kv["เบิกจ่ายแล้ว ณ สิ้น ก.ค. 2569 (ร้อยละ)"].value == Decimal("96.89")
    assert kv["สถานะโครงการ"].value == "เป็นไปตามแผน"
    assert kv["ผลการตรวจสอบ"] == Value("ข้อผิดพลาด 0 รายการ คำเตือน 0 รายการ", "text", "ok",
                                       "#'ผลการตรวจสอบ'!A1")
    assert kv["สถานะรายงาน"].value == "ฉบับสมบูรณ์"
    assert _tables(report)[0].rows == []
