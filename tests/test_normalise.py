"""One normalisation of what clerks type, used by validation, computation and reports alike:
school and work codes (case, spaces, Thai digits), choices with Thai digits, and one
duplicate-key policy (the first row counts, later ones are errors left out everywhere)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

from learnworks_xl import api
from learnworks_xl.core import sheets as sh
from learnworks_xl.core.fields import grade_validator, normalise_code

Make = Callable[..., Path]
NOW = datetime(2026, 10, 5, 9)


@pytest.mark.parametrize(("typed", "code"), [
    ("BK01", "BK01"), ("bk01", "BK01"), (" Bk 01 ", "BK01"), ("bk๐๑", "BK01"),
    ("ＢＫ01", "ＢＫ01"), ("bk01-w02", "BK01-W02"), (1001.0, "1001"),
])
def test_normalise_code(typed: Any, code: str) -> None:
    assert normalise_code(typed) == code


@pytest.mark.parametrize(("typed", "grade"), [
    ("ป.5", "ป.5"), ("ป.๕", "ป.5"), ("ป5", "ป.5"), ("ป. 5", "ป.5"), (" ม.๑ ", "ม.1"),
    ("อ๓", "อ.3"), ("ป.55", "ป.55"), ("ประถม 5", "ประถม 5"),
])
def test_normalise_grade(typed: str, grade: str) -> None:
    assert grade_validator(typed) == grade


@pytest.mark.parametrize("typed", ["bk01", " bk 01", "BK๐๑", "Bk01"])
def test_normalise_code_same_school_everywhere(make_workbook: Make,
                                               sample_dict: dict[str, Any], typed: str) -> None:
    """BK01's works, report and purchases typed with another spelling of its code are still
    BK01's: validation is clean and the KPI stays 100 % (it was 80 % when only validation
    ignored the case)."""
    for sheet in (sh.WORKS.name, sh.RESULT_REPORTS.name, sh.PURCHASES.name, sh.ACTIVITIES.name):
        for row in sample_dict[sheet]:
            if row["school_code"] == "BK01":
                row["school_code"] = typed
    src = make_workbook(sample_dict)
    result = api.run(src, out=src.with_name("o.xlsx"), month="2569-09", now=NOW)
    assert result.results.report.flat() == []
    kpi = result.results.kpi
    assert (kpi.percent, kpi.met) == (Decimal("100.00"), 5)
    bk01 = next(s for s in kpi.schools if s.school_code == "BK01")
    assert (bk01.selected, bk01.report) == (3, True)
    spent = {s.school_code: s.spent for s in result.results.spending.schools}
    assert spent["BK01"] == Decimal(15020)


def test_normalise_thai_digit_grade_accepted(make_workbook: Make,
                                             sample_dict: dict[str, Any]) -> None:
    sample_dict[sh.WORKS.name][0]["grade"] = "ป.๕"
    checked = api.validate(make_workbook(sample_dict), now=NOW)
    assert checked.report.flat() == []
    assert checked.parsed.works.valid[0].grade == "ป.5"


@pytest.mark.parametrize("second", ["BK01", "bk01", "BK๐๑"])
def test_normalise_duplicate_school_first_row_counts(make_workbook: Make,
                                                     sample_dict: dict[str, Any],
                                                     second: str) -> None:
    """A second row with BK01's code (any spelling) is one error at its cell, and every
    computation uses the first row only: BK01 is counted once, with its own size."""
    schools = sample_dict[sh.SCHOOLS.name]
    schools.append({**schools[2], "code": second, "name": "โรงเรียนซ้ำ"})  # a medium school
    src = make_workbook(sample_dict)
    result = api.run(src, out=src.with_name("o.xlsx"), month="2569-09", now=NOW)
    report = result.results.report
    assert [(f.sheet, f.code) for f in report.findings] == [("โรงเรียน", "duplicate-key")]
    assert report.findings[0].message == (
        f"«รหัสโรงเรียน» '{second}' ซ้ำกับที่กรอกไว้แล้วที่ช่อง A2 ระบบนับเฉพาะแถวแรก "
        "หากเป็นคนละรายการ กรุณาแก้ให้ไม่ซ้ำกัน")  # checked file
    r = result.results
    assert [a.school_code for a in r.allocations] == ["BK01", "BK02", "BK03", "BK04", "BK05"]
    assert r.budget.allocated == Decimal(69500)
    assert (r.kpi.total, r.kpi.met) == (5, 5)


def test_normalise_duplicate_work_code_left_out(make_workbook: Make,
                                                sample_dict: dict[str, Any]) -> None:
    """A work code used twice: the second row is an error and does not count for its school
    (BK02 then has 2 of 3 works: a KPI warning that agrees with the KPI)."""
    works = sample_dict[sh.WORKS.name]
    bk02 = [w for w in works if w["school_code"] == "BK02" and w["selected"]]
    bk02[2]["work_code"] = bk02[0]["work_code"].lower()
    src = make_workbook(sample_dict)
    result = api.run(src, out=src.with_name("o.xlsx"), month="2569-09", now=NOW)
    assert [f.code for f in result.results.report.findings] == ["duplicate-key", "quota-not-met"]
    school = next(s for s in result.results.kpi.schools if s.school_code == "BK02")
    assert (school.selected, school.meets) == (2, False)
