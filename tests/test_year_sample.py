"""A fiscal year lived: the sample workbook as it stands at the end of ต.ค., ธ.ค., มี.ค., ก.ค.
and ก.ย. (only what had happened by then), and the year-end sample reported month by month.

Every figure below was worked out by hand from ``learnworks_xl.sample``:

* money: each school buys one item a month, ม.ค.–มิ.ย. 2569 (on day 5, 7, 9, 11, 13 for
  BK01…BK05): 1,250 (A4) + 1,780 (ink) + 900 (boards) + 5,000 (boards with sensors), then a
  large school 2,590 + 3,500 (total 15,020) and a medium one 1,554 + 1,950 (12,434);
  2 × 15,020 + 3 × 12,434 = 67,342 of 69,500 allocated. By the end of มี.ค.: 5 × 3,930 =
  19,650 (28.27 %), of which มี.ค. itself 5 × 900 = 4,500.
* plan (weights 10, 10, 10, 40, 10, 10, 10; ran exactly on schedule): planned = actual =
  10 (ต.ค.), 35.71 (ธ.ค.: 30 + 40 × 1/7), 52.86 (มี.ค.: 30 + 40 × 4/7), 90 (ก.ค.), 100 (ก.ย.).
* KPI: works are sent 6–10 ก.ค. 2569 and reports 20–24 ก.ค. 2569, so 0 of 5 schools meet it
  before ก.ค. (0.00 %, ไม่ผ่าน against 95) and 5 of 5 from ก.ค. on (100.00 %, ผ่าน).
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

from learnworks_xl import api
from learnworks_xl.core import sheets as sh
from learnworks_xl.core.reports.content import KeyValues, Paragraph, ReportSheet, Value
from learnworks_xl.mail.compose import body_text, subject_line, summary_lines
from learnworks_xl.mail.fromrun import summary_from_results

D = Decimal
Make = Callable[..., Path]
SELECTION_DAY = date(2026, 7, 31)


def state_at(data: dict[str, Any], day: date) -> dict[str, Any]:
    """The sample as the office's workbook stood at the end of ``day``: rows dated after it
    not yet typed, plan steps finished later still under way (or not started)."""
    out = dict(data)
    plan = []
    for step in data[sh.PLAN.name]:
        step = dict(step)
        if step["completed_on"] > day:
            started = step["start_month"] <= day
            step.update(status="กำลังดำเนินการ" if started else "ยังไม่เริ่ม", completed_on=None)
        plan.append(step)
    out[sh.PLAN.name] = plan
    out[sh.ACTIVITIES.name] = [r for r in data[sh.ACTIVITIES.name] if r["submitted_on"] <= day]
    out[sh.PURCHASES.name] = [r for r in data[sh.PURCHASES.name] if r["date"] <= day]
    out[sh.WORKS.name] = [
        r for r in data[sh.WORKS.name]
        if (r["submitted_on"] or SELECTION_DAY) <= day]  # unselected ones: at selection
    out[sh.RESULT_REPORTS.name] = [r for r in data[sh.RESULT_REPORTS.name]
                                   if r["submitted_on"] <= day]
    out[sh.NOTES.name] = [r for r in data[sh.NOTES.name] if r["month"] <= day]
    return out


def _kv(report: ReportSheet) -> dict[str, Value]:
    return {k: v for b in report.blocks if isinstance(b, KeyValues) for k, v in b.rows}


def _report(result: api.RunResult, name: str) -> ReportSheet:
    return next(r for r in result.reports if r.name == name)


# (state at, run on, month text, as-of text, planned/actual, KPI line, money line, in month)
YEAR = [
    (date(2025, 10, 31), datetime(2025, 11, 3, 9), "ตุลาคม 2568", "31 ต.ค. 2568", "10.00",
     "ตัวชี้วัด: ร้อยละ 0.00 (เป้าหมาย ร้อยละ 95) ไม่ผ่าน – โรงเรียนผ่านเกณฑ์ 0 จาก 5 โรงเรียน",
     "งบประมาณ: จัดสรร 69,500.00 บาท ใช้จ่าย 0.00 บาท (เบิกจ่ายร้อยละ 0.00)", D(0)),
    (date(2025, 12, 31), datetime(2026, 1, 5, 9), "ธันวาคม 2568", "31 ธ.ค. 2568", "35.71",
     "ตัวชี้วัด: ร้อยละ 0.00 (เป้าหมาย ร้อยละ 95) ไม่ผ่าน – โรงเรียนผ่านเกณฑ์ 0 จาก 5 โรงเรียน",
     "งบประมาณ: จัดสรร 69,500.00 บาท ใช้จ่าย 0.00 บาท (เบิกจ่ายร้อยละ 0.00)", D(0)),
    (date(2026, 3, 31), datetime(2026, 4, 3, 9), "มีนาคม 2569", "31 มี.ค. 2569", "52.86",
     "ตัวชี้วัด: ร้อยละ 0.00 (เป้าหมาย ร้อยละ 95) ไม่ผ่าน – โรงเรียนผ่านเกณฑ์ 0 จาก 5 โรงเรียน",
     "งบประมาณ: จัดสรร 69,500.00 บาท ใช้จ่าย 19,650.00 บาท (เบิกจ่ายร้อยละ 28.27)", D(4500)),
    (date(2026, 7, 31), datetime(2026, 8, 4, 9), "กรกฎาคม 2569", "31 ก.ค. 2569", "90.00",
     "ตัวชี้วัด: ร้อยละ 100.00 (เป้าหมาย ร้อยละ 95) ผ่าน – โรงเรียนผ่านเกณฑ์ 5 จาก 5 โรงเรียน",
     "งบประมาณ: จัดสรร 69,500.00 บาท ใช้จ่าย 67,342.00 บาท (เบิกจ่ายร้อยละ 96.89)", D(0)),
    (date(2026, 9, 30), datetime(2026, 10, 2, 9), "กันยายน 2569", "30 ก.ย. 2569", "100.00",
     "ตัวชี้วัด: ร้อยละ 100.00 (เป้าหมาย ร้อยละ 95) ผ่าน – โรงเรียนผ่านเกณฑ์ 5 จาก 5 โรงเรียน",
     "งบประมาณ: จัดสรร 69,500.00 บาท ใช้จ่าย 67,342.00 บาท (เบิกจ่ายร้อยละ 96.89)", D(0)),
]


@pytest.mark.parametrize(("day", "now", "month", "as_of", "progress", "kpi", "money", "in_month"),
                         YEAR, ids=[y[2] for y in YEAR])
def test_year_sample_state_stdout_summary(make_workbook: Make, sample_dict: dict[str, Any],
                                          day: date, now: datetime, month: str, as_of: str,
                                          progress: str, kpi: str, money: str,
                                          in_month: Decimal) -> None:
    """``learnworks run`` without --month in the first days of the next month reports the
    month just ended, with the figures of that day."""
    src = make_workbook(state_at(sample_dict, day), "office.xlsx")
    result = api.run(src, out=src.with_name("out.xlsx"), now=now)
    assert result.summary_lines() == [
        f"สร้างสมุดงานผลลัพธ์แล้ว: {src.with_name('out.xlsx')}",
        f"เดือนที่รายงาน: {month} (ข้อมูล ณ วันที่ {as_of})",
        f"ความก้าวหน้า: ตามแผน ร้อยละ {progress} ผลจริง ร้อยละ {progress} – เป็นไปตามแผน",
        kpi, money,
        "ผลการตรวจสอบ: ข้อผิดพลาด 0 รายการ คำเตือน 0 รายการ",
    ]
    monthly = _kv(_report(result, sh.MONTHLY.name))
    assert monthly["สถานะโครงการ"].value == "เป็นไปตามแผน"
    assert monthly["ใช้จ่ายในเดือนนี้ (บาท)"].value == in_month
    assert monthly["ข้อมูล ณ วันที่"].value == day


@pytest.mark.parametrize(("day", "now", "month", "as_of", "progress", "kpi", "money", "in_month"),
                         YEAR, ids=[y[2] for y in YEAR])
def test_year_sample_state_email(make_workbook: Make, sample_dict: dict[str, Any], day: date,
                                 now: datetime, month: str, as_of: str, progress: str, kpi: str,
                                 money: str, in_month: Decimal) -> None:
    """The e-mail of the month says what the workbook says, as of the same day."""
    src = make_workbook(state_at(sample_dict, day), "office.xlsx")
    summary = summary_from_results(api.run(src, out=src.with_name("out.xlsx"), now=now).results)
    passed = kpi.endswith("5 จาก 5 โรงเรียน")
    met = "5 จาก 5" if passed else "0 จาก 5"
    percent, verdict = ("100.00", "ผ่านเกณฑ์") if passed else ("0.00", "ไม่ผ่านเกณฑ์")
    spent, share = money.split("ใช้จ่าย ")[1].split(" บาท (เบิกจ่ายร้อยละ ")
    assert summary_lines(summary) == [
        f"- ความก้าวหน้าของโครงการ: ร้อยละ {progress} (ตามแผน ร้อยละ {progress}) เป็นไปตามแผน",
        f"- ตัวชี้วัด: ร้อยละ {percent} (ค่าเป้าหมายร้อยละ 95) {verdict}",
        f"- โรงเรียนที่ผ่านเกณฑ์: {met} โรงเรียน",
        "- งบประมาณที่จัดสรร: 69,500.00 บาท",
        f"- ใช้จ่ายแล้ว: {spent} บาท (ร้อยละ {share.rstrip(')')} ของงบประมาณที่จัดสรร)",
        "- ผลการตรวจสอบข้อมูล: ไม่พบข้อผิดพลาด",
    ]
    assert subject_line(summary) == (
        "รายงานความก้าวหน้าโครงการส่งเสริมสนับสนุนให้นักเรียนสร้างสรรค์ผลงานเพื่อการเรียนรู้ "
        f"ประจำเดือน{month} สำนักงานเขตบางเขน")
    assert f"สรุปผลการดำเนินงาน ณ วันที่ {as_of}\n" in body_text(summary, "out.xlsx")


@pytest.mark.parametrize("month", [
    "2568-10", "2568-11", "2568-12", "2569-01", "2569-02", "2569-03", "2569-04", "2569-05",
    "2569-06", "2569-07", "2569-08", "2569-09"])
def test_year_sample_every_month_on_plan(sample_path: Path, month: str) -> None:
    """The year-end sample reported for any month: its plan ran on schedule."""
    result = api.run(sample_path, out=sample_path.with_name("o.xlsx"), month=month,
                     now=datetime(2026, 10, 5, 9))
    monthly = _kv(_report(result, sh.MONTHLY.name))
    assert monthly["สถานะโครงการ"].value == "เป็นไปตามแผน"
    assert monthly["ร้อยละความก้าวหน้าจริง (สะสม)"].value == \
        monthly["ร้อยละความก้าวหน้าตามแผน (สะสม)"].value
    assert result.results.report.flat() == []  # no KPI warning before its step is due


def test_year_sample_december_of_a_finished_year(sample_path: Path) -> None:
    """December's report made from the year-end workbook counts only December's figures:
    no work, no report and no baht yet — in the report, the summary and the e-mail."""
    result = api.run(sample_path, out=sample_path.with_name("o.xlsx"), month="2568-12",
                     now=datetime(2026, 10, 5, 9))
    monthly = _kv(_report(result, sh.MONTHLY.name))
    assert monthly["ตัวชี้วัด ณ สิ้นเดือน (ร้อยละ)"].value == D("0.00")
    assert monthly["ใช้จ่ายสะสมถึงสิ้นเดือน (บาท)"].value == D(0)
    assert monthly["ผลงานนักเรียนที่คัดสรรส่งแล้ว (สะสม)"].value == "0 จาก 12 ผลงาน"
    assert monthly["โรงเรียนที่ส่งรายงานผลแล้ว (สะสม)"].value == "0 จาก 5 โรงเรียน"
    summary = _report(result, sh.SUMMARY.name)
    assert summary.title == "รายงานสรุปผลการดำเนินงานโครงการ (ฉบับระหว่างดำเนินการ)"
    texts = [b.text for b in summary.blocks if isinstance(b, Paragraph)]
    assert "ฉบับระหว่างดำเนินการ: สรุปผลถึงวันที่ 31 ธ.ค. 2568 โครงการสิ้นสุดวันที่ 31 ก.ค. 2569 " \
        "รายงานสรุปผลฉบับสมบูรณ์จัดทำภายหลังเสร็จสิ้นโครงการ" in texts
    kv = _kv(summary)
    assert kv["ผลการดำเนินงาน (ร้อยละ)"].value == D("0.00")
    assert kv["ใช้จ่ายจริง (บาท)"].value == D(0)
    assert texts[texts.index("9. ข้อเสนอแนะ") + 1] == "ไม่มี"  # nothing due, nothing overdue
    lines = summary_lines(summary_from_results(result.results))
    assert lines[1] == "- ตัวชี้วัด: ร้อยละ 0.00 (ค่าเป้าหมายร้อยละ 95) ไม่ผ่านเกณฑ์"
    assert lines[4] == "- ใช้จ่ายแล้ว: 0.00 บาท (ร้อยละ 0.00 ของงบประมาณที่จัดสรร)"
    assert result.summary_lines()[3:5] == [
        "ตัวชี้วัด: ร้อยละ 0.00 (เป้าหมาย ร้อยละ 95) ไม่ผ่าน – โรงเรียนผ่านเกณฑ์ 0 จาก 5 โรงเรียน",
        "งบประมาณ: จัดสรร 69,500.00 บาท ใช้จ่าย 0.00 บาท (เบิกจ่ายร้อยละ 0.00)"]


@pytest.mark.parametrize(("day", "expected"), [
    (date(2026, 7, 15), []),  # step 5 and 6 end in ก.ค.: not due until 31 ก.ค.
    (date(2026, 7, 31), [("โรงเรียน", "A6", "report-missing")]),
    (date(2026, 8, 3), [("โรงเรียน", "A6", "report-missing")]),
])
def test_year_sample_kpi_warning_once_due(make_workbook: Make, sample_dict: dict[str, Any],
                                          day: date, expected: list[tuple[str, str, str]],
                                          ) -> None:
    """BK05 (row 6) has not reported: validate says so once step 6 (its reports) is due."""
    sample_dict[sh.RESULT_REPORTS.name] = [r for r in sample_dict[sh.RESULT_REPORTS.name]
                                    if r["school_code"] != "BK05"]
    src = make_workbook(sample_dict)
    assert api.validate(src, now=datetime.combine(day, datetime.min.time())).report.flat() \
        == expected


def test_year_sample_december_validate_no_kpi_warnings(make_workbook: Make,
                                                       sample_dict: dict[str, Any]) -> None:
    """A December check of a December workbook warns about nothing that is not yet due."""
    src = make_workbook(state_at(sample_dict, date(2025, 12, 31)))
    assert api.validate(src, now=datetime(2025, 12, 20, 10)).report.flat() == []
