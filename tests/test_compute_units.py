"""Pure computations: allocations and the budget check, KPI per school, spending, plan
progress, risk levels and the Gantt grid — on small hand-made rows."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

import pytest

from learnworks_xl.core.compute.allocation import allocate, check_budget, size_totals
from learnworks_xl.core.compute.gantt import compute_gantt
from learnworks_xl.core.compute.kpi import compute_kpi
from learnworks_xl.core.compute.money import compute_spending
from learnworks_xl.core.compute.numbers import percent
from learnworks_xl.core.compute.progress import compute_progress
from learnworks_xl.core.compute.risk import parse_bands, risk_level
from learnworks_xl.core.models import (
    PlanStep,
    Purchase,
    ResultReport,
    School,
    SchoolSize,
    StudentWork,
)
from learnworks_xl.sample import PLAN, SCHOOLS, SIZES

D = Decimal
SIZE_ROWS = [SchoolSize.model_validate(s) for s in SIZES]
SCHOOL_ROWS = [School.model_validate(s) for s in SCHOOLS]
STEPS = [PlanStep.model_validate(s) for s in PLAN]


def _work(code: str, school: str, selected: bool = True) -> StudentWork:
    return StudentWork.model_validate({
        "work_code": code, "school_code": school, "title": "t", "work_type": "สื่อ",
        "students": "s", "grade": "ป.4", "selected": selected})


def _report(school: str, complete: bool) -> ResultReport:
    return ResultReport.model_validate({
        "school_code": school, "submitted_on": date(2026, 7, 20), "participants": 10,
        "summary": "x", "complete": complete})


def _purchase(school: str, amount: str, day: date = date(2026, 1, 5)) -> Purchase:
    return Purchase.model_validate({
        "school_code": school, "date": day, "item": "i", "quantity": 1, "unit": "ชุด",
        "unit_price": amount, "amount": amount})


def test_compute_allocation_seed_totals() -> None:
    allocations = allocate(SIZE_ROWS, SCHOOL_ROWS)
    lines = size_totals(SIZE_ROWS, allocations)
    assert [(t.size, t.schools, t.rate, t.amount, t.works) for t in lines] == [
        ("ขนาดใหญ่", 2, 15100, 30200, 6), ("ขนาดกลาง", 3, 13100, 39300, 6)]
    check = check_budget(allocations, D(69500))
    assert (check.allocated, check.difference, check.matches) == (69500, 0, True)


@pytest.mark.parametrize(("approved", "unknown_size", "difference", "matches"), [
    (D(69500), False, 0, True),
    (D(70000), False, -500, False),
    (D(69500), True, -15100, False),
    (None, False, None, False),
])
def test_compute_allocation_budget_check(approved: Decimal | None, unknown_size: bool,
                                         difference: int | None, matches: bool) -> None:
    schools = list(SCHOOL_ROWS)
    if unknown_size:
        schools[0] = schools[0].model_copy(update={"size": "ขนาดใหณ่"})
    check = check_budget(allocate(SIZE_ROWS, schools), approved)
    assert (check.difference, check.matches) == (difference, matches)
    assert check.unallocated_schools == (1 if unknown_size else 0)


@pytest.mark.parametrize(("works", "report", "meets", "reason"), [
    (3, True, True, "ส่งผลงานครบและรายงานผลครบถ้วน"),
    (4, True, True, "ส่งผลงานครบและรายงานผลครบถ้วน"),
    (2, True, False, "ส่งผลงาน 2 จาก 3 ผลงาน"),
    (3, False, False, "รายงานผลยังไม่ครบถ้วน"),
    (3, None, False, "ยังไม่ได้ส่งรายงานผลการดำเนินงาน"),
    (0, None, False, "ส่งผลงาน 0 จาก 3 ผลงาน และ ยังไม่ได้ส่งรายงานผลการดำเนินงาน"),
])
def test_compute_kpi_school_reason(works: int, report: bool | None, meets: bool,
                                   reason: str) -> None:
    allocations = allocate(SIZE_ROWS, SCHOOL_ROWS[:1])
    rows = [_work(f"W{i}", "BK01") for i in range(works)] + [_work("X", "BK01", False)]
    reports = [] if report is None else [_report("BK01", report)]
    line = compute_kpi(allocations, rows, reports, D(95)).schools[0]
    assert (line.meets, line.reason, line.verdict) == \
        (meets, reason, "ผ่านเกณฑ์" if meets else "ไม่ผ่านเกณฑ์")


def test_compute_kpi_unknown_size_reason() -> None:
    school = SCHOOL_ROWS[0].model_copy(update={"size": "ขนาดจิ๋ว"})
    line = compute_kpi(allocate(SIZE_ROWS, [school]), [], [_report("BK01", True)],
                       D(95)).schools[0]
    assert (line.meets, line.reason) == (
        False, "ไม่พบขนาดโรงเรียนในเกณฑ์ จึงไม่ทราบจำนวนผลงานที่ต้องส่ง")


@pytest.mark.parametrize(("met", "target", "percent_", "verdict"), [
    (5, D(95), D("100.00"), "ผ่าน"),
    (4, D(95), D("80.00"), "ไม่ผ่าน"),
    (4, D(80), D("80.00"), "ผ่าน"),
])
def test_compute_kpi_percent_against_target(met: int, target: Decimal, percent_: Decimal,
                                            verdict: str) -> None:
    allocations = allocate(SIZE_ROWS, SCHOOL_ROWS)
    works = [_work(f"{a.school_code}-{i}", a.school_code)
             for a in allocations[:met] for i in range(a.quota or 0)]
    reports = [_report(a.school_code, True) for a in allocations]
    kpi = compute_kpi(allocations, works, reports, target)
    assert (kpi.met, kpi.total, kpi.percent, kpi.verdict) == (met, 5, percent_, verdict)


@pytest.mark.parametrize(("part", "whole", "expected"), [
    (2, 3, D("66.67")), (1, 3, D("33.33")), (1, 8, D("12.50")), (1, 16, D("6.25")),
    (D("0.00125"), 1, D("0.13")), (1, 0, None),
])
def test_compute_percent_half_up(part: Decimal | int, whole: int,
                                 expected: Decimal | None) -> None:
    assert percent(part, whole) == expected


def test_compute_spending_per_school_and_month() -> None:
    allocations = allocate(SIZE_ROWS, SCHOOL_ROWS[:2])
    purchases = [_purchase("BK01", "1000"), _purchase("BK01", "510.50", date(2026, 2, 1)),
                 _purchase("BK02", "15100"), _purchase("BK99", "99")]
    allof = compute_spending(allocations, purchases)
    assert [(s.school_code, s.spent, s.remaining, s.percent) for s in allof.schools] == [
        ("BK01", D("1510.50"), D("13589.50"), D("10.00")),
        ("BK02", D(15100), D(0), D("100.00"))]
    assert (allof.allocated, allof.spent, allof.unassigned, allof.percent) == \
        (D(30200), D("16709.50"), D(99), D("55.33"))
    jan = compute_spending(allocations, purchases, until=date(2026, 1, 31))
    assert jan.spent == D(16199)
    feb_only = compute_spending(allocations, purchases, until=date(2026, 2, 28),
                                since=date(2026, 2, 1))
    assert feb_only.spent == D("510.50")


# The sample's plan ran exactly on schedule, so actual = planned every month. Worked by hand:
# step 1 (10, ก.ย.–ต.ค.), 2 (10, พ.ย.), 3 (10, ธ.ค.), 4 (40, ธ.ค.–มิ.ย.: 40/7 a month),
# 5 (10, มิ.ย.–ก.ค.), 6 (10, ก.ค.), 7 (10, ส.ค.–ก.ย.).
@pytest.mark.parametrize(("month", "planned", "done", "due"), [
    (date(2025, 9, 1), D("5.00"), [], []),  # step 1: 1 of 2 months
    (date(2025, 10, 1), D("10.00"), [1], [1]),
    (date(2025, 11, 1), D("20.00"), [1, 2], [2]),
    (date(2025, 12, 1), D("35.71"), [1, 2, 3], [3]),  # 30 + 40 × 1/7
    (date(2026, 1, 1), D("41.43"), [1, 2, 3], []),  # 30 + 40 × 2/7
    (date(2026, 2, 1), D("47.14"), [1, 2, 3], []),
    (date(2026, 3, 1), D("52.86"), [1, 2, 3], []),
    (date(2026, 4, 1), D("58.57"), [1, 2, 3], []),
    (date(2026, 5, 1), D("64.29"), [1, 2, 3], []),
    (date(2026, 6, 1), D("75.00"), [1, 2, 3, 4], [4]),  # 70 + 10 × 1/2
    (date(2026, 7, 1), D("90.00"), [1, 2, 3, 4, 5, 6], [5, 6]),
    (date(2026, 8, 1), D("95.00"), [1, 2, 3, 4, 5, 6], []),
    (date(2026, 9, 1), D("100.00"), [1, 2, 3, 4, 5, 6, 7], [7]),
])
def test_compute_progress_sample_months(month: date, planned: Decimal, done: list[int],
                                        due: list[int]) -> None:
    p = compute_progress(STEPS, month)
    assert (p.planned, p.actual, p.verdict) == (planned, planned, "เป็นไปตามแผน")
    assert [s.step.step_no for s in p.done] == done
    assert [s.step.step_no for s in p.due] == due


# Step 4 (weight 40, ธ.ค. – มิ.ย., 7 months) at the end of มี.ค.: 4 of 7 months planned.
@pytest.mark.parametrize(("status", "completed", "percent", "state", "actual"), [
    ("เสร็จสิ้น", date(2026, 3, 10), None, "เสร็จสิ้น", D(40)),  # finished early: ahead
    ("เสร็จสิ้น", None, None, "กำลังดำเนินการ", D(160) / 7),  # undated: on schedule
    ("เสร็จสิ้น", date(2026, 4, 2), None, "กำลังดำเนินการ", D(160) / 7),
    ("เสร็จสิ้น", date(2026, 4, 2), D(90), "กำลังดำเนินการ", D(160) / 7),  # % of today
    ("กำลังดำเนินการ", None, None, "กำลังดำเนินการ", D(160) / 7),
    ("กำลังดำเนินการ", None, D(30), "กำลังดำเนินการ", D(12)),  # the office's own 30 %
    ("ยังไม่เริ่ม", None, None, "ยังไม่เริ่ม", D(0)),
    ("ยังไม่เริ่ม", None, D(50), "ยังไม่เริ่ม", D(0)),
])
def test_compute_progress_step_under_way(status: str, completed: date | None,
                                         percent: Decimal | None, state: str,
                                         actual: Decimal) -> None:
    step = STEPS[3].model_copy(update={"status": status, "completed_on": completed,
                                       "percent_done": percent})
    line = compute_progress([step], date(2026, 3, 1)).steps[0]
    assert (line.state, line.planned, line.actual) == (state, D(160) / 7, actual)


@pytest.mark.parametrize(("month", "actual"), [
    (date(2026, 5, 1), D(240) / 7),  # on schedule before its last month: 6/7 of 40
    (date(2026, 6, 1), D(240) / 7),  # its last month unfinished: still 6/7
    (date(2026, 8, 1), D(240) / 7),  # overdue: what was due before its last month
])
def test_compute_progress_last_month_needs_finishing(month: date, actual: Decimal) -> None:
    step = STEPS[3].model_copy(update={"status": "กำลังดำเนินการ", "completed_on": None})
    assert compute_progress([step], month).steps[0].actual == actual


@pytest.mark.parametrize(("percent", "actual", "verdict"), [
    (None, D(10), "ล่าช้ากว่าแผน"),  # step 2 (one month, overdue) counts nothing yet
    (D(60), D(16), "ล่าช้ากว่าแผน"),
    (D(100), D(20), "เป็นไปตามแผน"),
])
def test_compute_progress_overdue_and_verdict(percent: Decimal | None, actual: Decimal,
                                              verdict: str) -> None:
    step = STEPS[1].model_copy(update={"status": "กำลังดำเนินการ", "completed_on": None,
                                       "percent_done": percent})
    p = compute_progress([STEPS[0], step], date(2025, 12, 1))
    assert [s.step.step_no for s in p.overdue] == [2]
    assert (p.planned, p.actual, p.verdict) == (D(20), actual, verdict)


def test_compute_progress_ahead() -> None:
    step = STEPS[3].model_copy(update={"completed_on": date(2026, 1, 30)})
    p = compute_progress([step], date(2026, 1, 1))
    assert (p.planned, p.actual, p.verdict) == (D("11.43"), D(40), "เร็วกว่าแผน")


@pytest.mark.parametrize(("likelihood", "impact", "level"), [
    (1, 1, "น้อยมาก"), (1, 2, "น้อยมาก"), (1, 3, "น้อย"), (2, 2, "น้อย"), (1, 5, "ปานกลาง"),
    (3, 3, "ปานกลาง"), (2, 5, "สูง"), (4, 4, "สูง"), (3, 6, "สูงมาก"), (5, 5, "สูงมาก"),
])
def test_compute_risk_default_bands(likelihood: int, impact: int, level: str) -> None:
    assert risk_level(likelihood, impact) == level


@pytest.mark.parametrize(("text", "bands"), [
    ("2,4,9,16,25", (2, 4, 9, 16, 25)), (" 1, 3 ,6,12,25", (1, 3, 6, 12, 25)),
    ("1,2,3", (2, 4, 9, 16, 25)), ("a,b,c,d,e", (2, 4, 9, 16, 25)), (None, (2, 4, 9, 16, 25)),
])
def test_compute_risk_parse_bands(text: str | None, bands: tuple[int, ...]) -> None:
    assert parse_bands(text) == bands


def test_compute_risk_custom_bands() -> None:
    assert [risk_level(1, n, (1, 3, 6, 12, 25)) for n in (1, 2, 4, 5)] == \
        ["น้อยมาก", "น้อย", "ปานกลาง", "ปานกลาง"]


def test_compute_gantt_sample() -> None:
    g = compute_gantt(STEPS, 2569)
    assert g.labels()[0] == "ก.ย. 68" and g.labels()[-1] == "ก.ย. 69" and len(g.labels()) == 13
    grid: list[Any] = [("".join("■" if p else "." for p in r.planned), r.done) for r in g.rows]
    assert grid == [
        ("■■...........", 1), ("..■..........", 2), ("...■.........", 3),
        ("...■■■■■■■...", 9), (".........■■..", 10), ("..........■..", 10),
        ("...........■■", 12)]
