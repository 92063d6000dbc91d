"""`run`: the finished workbook from the sample equals a recomputation done here from the
input sheets; the input is never modified; broken inputs still give a finished workbook."""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from datetime import datetime
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path
from typing import Any

import openpyxl
import pytest

from learnworks_xl import api
from learnworks_xl.core import sheets as sh
from learnworks_xl.errors import ConfigError, OutputError

NOW = datetime(2026, 7, 31, 16, 30)
Edit = Callable[[openpyxl.Workbook], None]


def _rows(ws: Any) -> list[dict[str, Any]]:
    """A plain sheet (header in row 1) as dicts keyed by the Thai header."""
    values = list(ws.iter_rows(values_only=True))
    head = values[0]
    return [dict(zip(head, r, strict=False)) for r in values[1:] if any(v is not None for v in r)]


def recompute(path: Path) -> dict[str, Any]:
    """The KPI, per-school results and money, by plain arithmetic on the input sheets."""
    wb = openpyxl.load_workbook(path, data_only=True)
    sizes = {r["ขนาดโรงเรียน"]: r for r in _rows(wb["เกณฑ์ขนาดโรงเรียน"])}
    schools = _rows(wb["โรงเรียน"])
    selected: dict[str, int] = {}
    for w in _rows(wb["ผลงานนักเรียน"]):
        if w["คัดสรรส่งสำนักการศึกษา"] == "ใช่":
            selected[w["รหัสโรงเรียน"]] = selected.get(w["รหัสโรงเรียน"], 0) + 1
    complete = {r["รหัสโรงเรียน"] for r in _rows(wb["รายงานผลโรงเรียน"])
                if r["รายงานครบถ้วน"] == "ใช่"}
    spent: dict[str, Decimal] = {}
    for p in _rows(wb["การใช้จ่าย"]):
        spent[p["รหัสโรงเรียน"]] = spent.get(p["รหัสโรงเรียน"], Decimal(0)) + \
            Decimal(str(p["จำนวนเงิน (บาท)"]))
    per_school = {}
    for s in schools:
        code, crit = s["รหัสโรงเรียน"], sizes[s["ขนาดโรงเรียน"]]
        alloc = Decimal(str(crit["งบประมาณต่อโรงเรียน (บาท)"]))
        per_school[code] = {
            "allocation": alloc, "quota": crit["จำนวนผลงานที่ต้องส่ง"],
            "selected": selected.get(code, 0),
            "meets": selected.get(code, 0) >= crit["จำนวนผลงานที่ต้องส่ง"] and code in complete,
            "spent": spent.get(code, Decimal(0)),
        }
    met = sum(1 for v in per_school.values() if v["meets"])
    cent = Decimal("0.01")
    allocated = sum((v["allocation"] for v in per_school.values()), Decimal(0))
    total_spent = sum(spent.values(), Decimal(0))
    return {
        "schools": per_school, "met": met,
        "kpi": (Decimal(met) * 100 / len(schools)).quantize(cent, ROUND_HALF_UP),
        "allocated": allocated, "spent": total_spent,
        "disbursed": (total_spent * 100 / allocated).quantize(cent, ROUND_HALF_UP),
    }


@pytest.fixture
def finished(sample_path: Path, tmp_path: Path) -> api.RunResult:
    return api.run(sample_path, out=tmp_path / "out.xlsx", month="2026-07", now=NOW)


def test_run_sample_allocations_and_words(finished: api.RunResult) -> None:
    r = finished.results
    assert [(a.school_code, a.amount, a.quota) for a in r.allocations] == [
        ("BK01", 15100, 3), ("BK02", 15100, 3), ("BK03", 13100, 2), ("BK04", 13100, 2),
        ("BK05", 13100, 2)]
    assert [(t.size, t.schools, t.rate, t.amount) for t in r.size_totals] == [
        ("ขนาดใหญ่", 2, 15100, 30200), ("ขนาดกลาง", 3, 13100, 39300)]
    assert r.budget.allocated == 69500 and r.budget.matches
    wb = openpyxl.load_workbook(finished.out)
    texts = [c for row in wb[sh.BUDGET.name].iter_rows(values_only=True) for c in row if c]
    assert "(หกหมื่นเก้าพันห้าร้อยบาทถ้วน)" in texts
    assert "69,500.-" in texts
    assert "จำนวน 2 โรงเรียนๆ ละ 15,100.-บาท เป็นเงิน 30,200.-บาท" in texts
    assert "จำนวน 3 โรงเรียนๆ ละ 13,100.-บาท เป็นเงิน 39,300.-บาท" in texts


def test_run_sample_equals_independent_recomputation(sample_path: Path,
                                                      finished: api.RunResult) -> None:
    expected = recompute(sample_path)
    r = finished.results
    assert r.kpi.percent == expected["kpi"] == Decimal("100.00")
    assert r.kpi.met == expected["met"]
    assert r.spending.allocated == expected["allocated"]
    assert r.spending.spent == expected["spent"]
    assert r.spending.percent == expected["disbursed"]
    for line, money in zip(r.kpi.schools, r.spending.schools, strict=True):
        want = expected["schools"][line.school_code]
        assert (line.quota, line.selected, line.meets) == \
            (want["quota"], want["selected"], want["meets"])
        assert (money.allocated, money.spent) == (want["allocation"], want["spent"])


def test_run_sample_workbook_shows_recomputed_values(sample_path: Path,
                                                     finished: api.RunResult) -> None:
    expected = recompute(sample_path)
    ws = openpyxl.load_workbook(finished.out)[sh.KPI.name]
    rows = {str(r[0]).rsplit("(", 1)[-1].rstrip(")"): r for r in ws.iter_rows(values_only=True)
            if isinstance(r[0], str) and r[0].endswith(")") and "(BK" in r[0]}
    assert set(rows) == set(expected["schools"])
    for code, want in expected["schools"].items():
        row = rows[code]
        assert (row[2], row[3]) == (want["quota"], want["selected"])
        assert row[5] == ("ผ่านเกณฑ์" if want["meets"] else "ไม่ผ่านเกณฑ์")
    values = [r for r in ws.iter_rows(values_only=True) if r[0] == "ผลการดำเนินงาน (ร้อยละ)"]
    assert values and Decimal(str(values[0][1])) == expected["kpi"]


def test_run_never_modifies_input(sample_path: Path, tmp_path: Path) -> None:
    before = hashlib.sha256(sample_path.read_bytes()).hexdigest()
    result = api.run(sample_path, month="2569-07", now=NOW)
    assert result.out == sample_path.with_name("sample-ผลลัพธ์-2569-07.xlsx")
    assert result.out.exists()
    assert hashlib.sha256(sample_path.read_bytes()).hexdigest() == before


@pytest.mark.parametrize("month", ["2026-07", "2569-07", "07/2569", "ก.ค. 2569", "๒๕๖๙-๐๗"])
def test_run_month_forms_ce_and_be(sample_path: Path, tmp_path: Path, month: str) -> None:
    result = api.run(sample_path, out=tmp_path / "m.xlsx", month=month, now=NOW)
    assert (result.results.month.year, result.results.month.month) == (2026, 7)


@pytest.mark.parametrize(("month", "message"), [
    ("2026-13", "เดือน '2026-13' ไม่มีอยู่จริง"),
    ("2024-07", "เดือน กรกฎาคม 2567 อยู่นอกช่วงของปีงบประมาณ พ.ศ. 2569 "
                "(เลือกได้ ก.ย. 2568 – ก.ย. 2569)"),
])
def test_run_month_rejected(sample_path: Path, tmp_path: Path, month: str,
                            message: str) -> None:
    with pytest.raises(ConfigError) as exc:
        api.run(sample_path, out=tmp_path / "m.xlsx", month=month, now=NOW)
    assert exc.value.message_th.startswith(message)
    assert not (tmp_path / "m.xlsx").exists()


@pytest.mark.parametrize(("today", "expected"), [
    (datetime(2026, 3, 15, 9), (2026, 2)),   # the month just ended (its report is due)
    (datetime(2026, 8, 3, 9), (2026, 7)),
    (datetime(2025, 10, 3, 9), (2025, 9)),   # ก.ย. 2568 is the plan's first month
    (datetime(2026, 11, 2, 9), (2026, 9)),   # after the year: its last month
    (datetime(2025, 6, 1, 9), (2025, 9)),    # before: the plan's first month
])
def test_run_default_month_clamped_into_fiscal_year(
        sample_path: Path, tmp_path: Path, today: datetime, expected: tuple[int, int]) -> None:
    result = api.run(sample_path, out=tmp_path / "d.xlsx", now=today)
    assert (result.results.month.year, result.results.month.month) == expected


def test_run_refuses_out_equal_to_input(sample_path: Path) -> None:
    before = sample_path.read_bytes()
    with pytest.raises(OutputError) as exc:
        api.run(sample_path, out=sample_path, now=NOW)
    assert exc.value.message_th == "ไม่เขียนทับไฟล์ต้นฉบับ sample.xlsx กรุณาเลือกชื่อไฟล์ผลลัพธ์อื่น"
    assert sample_path.read_bytes() == before


def test_run_twice_same_bytes(sample_path: Path, tmp_path: Path) -> None:
    a = api.run(sample_path, out=tmp_path / "a.xlsx", month="2026-07", now=NOW)
    b = api.run(sample_path, out=tmp_path / "b.xlsx", month="2026-07", now=NOW)
    assert a.out.read_bytes() == b.out.read_bytes()


def test_run_progress_reported(sample_path: Path, tmp_path: Path) -> None:
    lines: list[str] = []
    api.run(sample_path, out=tmp_path / "p.xlsx", month="2026-07", progress=lines.append,
            now=NOW)
    assert lines == ["[1/4] อ่านและตรวจสอบ sample.xlsx",
                     "[2/4] คำนวณงบประมาณ ตัวชี้วัด และความก้าวหน้า",
                     "[3/4] จัดทำรายงาน", "[4/4] เขียนสมุดงานผลลัพธ์ p.xlsx"]
