"""A clerk types into the product workbook and LibreOffice recalculates it: the formulas compute
what the validator reads (``๑๒๕``, ``1,250.-``, ``พ.ย. 2568``, ``พ.ศ. ๒๕๖๙`` …), and the
validator's findings land on the cells the clerk typed.

The typings go into a copy of the built .xlsm with openpyxl (saved as .xlsx: openpyxl drops
the VBA), as a clerk would type them into the blank rows; LibreOffice opens each file with
recalculation on load. A second workbook is built with the typings as its data and every
formula LibreOffice recomputes must equal the value the builder cached (the Python twins of
:mod:`learnworks_xl.workbook.readings`). Skipped only when ``soffice`` is not installed.
"""

from __future__ import annotations

import shutil
from datetime import date, datetime
from pathlib import Path
from typing import Any

import pytest
from openpyxl import load_workbook

from learnworks_xl import api
from learnworks_xl.core import sheets as sh
from learnworks_xl.sample import sample_data
from learnworks_xl.workbook import build_workbook
from learnworks_xl.workbook.positions import table_layout
from tests.libreoffice import ERRORS, plain, soffice_all

pytestmark = [
    pytest.mark.libreoffice,
    pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice is not installed"),
]

#: The first blank row of การใช้จ่าย and of แผนปฏิบัติการ in the sample (1-based).
PURCHASE_ROW, PLAN_ROW = 34, 11
#: (จำนวน, ราคาต่อหน่วย, จำนวนเงิน the formula shows), typed into blank rows.
AMOUNTS: list[tuple[Any, Any, float | None]] = [
    (2, "๑๒๕", 250), (2, "1,250.-", 2500), (2, "1,250 บาท", 2500), (2, 125, 250),
    (2, "125", 250), ("๒", "125", 250), (2, "฿1,250.50", 2501), ("2.5", "0.07", 0.18),
    (3, 1.005, 3.02), (2, "abc", None), ("สอง", 125, None), (2, "-5", None),
]
#: Findings on the typed rows: (row offset, column letter, code); never `required` on G.
AMOUNT_FINDINGS = [(8, "F", "invalid-format"),  # 1.005: a price has two decimals at most
                   (9, "F", "type-error"), (10, "D", "type-error"), (11, "F", "out-of-range")]
#: (เดือนเริ่ม, เดือนสิ้นสุด, วันที่แล้วเสร็จ) typed into a finished step; the Gantt row.
NOV_DEC = [0, 0, 1, 3, 0, 0, 0, 0, 0, 0, 0, 0, 0]  # ก.ย. 68 … ก.ย. 69: planned, done in ธ.ค.
STEPS: list[tuple[Any, Any, Any, list[int]]] = [
    ("พ.ย. 2568", "ธ.ค. 2568", "15 ธ.ค. 2568", NOV_DEC),
    ("11/2568", "๑๒/๒๕๖๘", "15/12/2568", NOV_DEC),
    ("2025-11", "2025-12", "2025-12-15", NOV_DEC),
    ("พฤศจิกายน พ.ศ. 2568", "ธันวาคม 2568", "๑๕ ธ.ค. ๒๕๖๘", NOV_DEC),
    ("พ.ย. ๒๕๖๘", "12-2568", "วันที่ 15 ธันวาคม 2568", NOV_DEC),
    ("13/2568", "ธ.ค. 2568", "15 ธ.ค. 2568", [0, 0, 0, 2, 0, 0, 0, 0, 0, 0, 0, 0, 0]),
]
#: ปีงบประมาณ and งบประมาณที่ได้รับอนุมัติ typed in โครงการ; what หน้าหลัก shows.
PROJECTS: list[tuple[Any, Any, Any, Any]] = [
    ("๒๕๖๙", "๖๙,๕๐๐.-", 2569, 69500), ("พ.ศ. ๒๕๖๙", "69,500 บาท", 2569, 69500),
    ("2,569", "฿69,500.00", 2569, 69500), ("ปี 2569", "หกหมื่น", None, None),
]


def typed_entry(src: Path, out: Path) -> Path:
    """The sample with a clerk's typings in its blank rows."""
    wb = load_workbook(src)
    ws = wb[sh.PURCHASES.name]
    for i, (quantity, price, _) in enumerate(AMOUNTS):
        for col, value in enumerate(["BK03", "15/1/2569", "กระดาษ", quantity, "รีม", price], 1):
            ws.cell(PURCHASE_ROW + i, col).value = value
    plan = wb[sh.PLAN.name]
    for i, (start, end, done, _) in enumerate(STEPS):
        row = [8 + i, "ขั้นตอนทดสอบ", "ฝ่ายการศึกษา", start, end, "๐", "เสร็จสิ้น", done]
        for col, value in enumerate(row, 1):
            plan.cell(PLAN_ROW + i, col).value = value
    wb[sh.SIZES.name]["B4"] = "15,100.-"
    wb[sh.SIZES.name]["C5"] = "๒"
    wb[sh.RISKS.name]["B4"] = "๒"
    wb[sh.SETTINGS.name]["B14"] = "๒,๔,๙,๑๖,๒๕"
    wb.save(out)
    return out


def typed_project(src: Path, out: Path, year: Any, budget: Any) -> Path:
    wb = load_workbook(src)
    wb[sh.PROJECT.name]["B6"] = year
    wb[sh.PROJECT.name]["B9"] = budget
    wb.save(out)
    return out


def typed_data() -> dict[str, Any]:
    """The sample with typings as its data (built, not typed: the builder caches values)."""
    data = sample_data()
    for quantity, price, _ in AMOUNTS:
        data[sh.PURCHASES.name].append({
            "school_code": "BK03", "date": "15/1/2569", "item": "กระดาษ", "quantity": quantity,
            "unit": "รีม", "unit_price": price, "amount": None})
    for i, (start, end, done, _) in enumerate(STEPS):
        data[sh.PLAN.name].append({
            "step_no": 8 + i, "description": "ขั้นตอนทดสอบ", "owner": "ฝ่ายการศึกษา",
            "start_month": start, "end_month": end, "weight": "๐", "status": "เสร็จสิ้น",
            "completed_on": done})
    data[sh.PROJECT.name].update(fiscal_year="พ.ศ. ๒๕๖๙", approved_budget="๖๙,๕๐๐.-")
    data[sh.SIZES.name][0]["budget_per_school"] = "15,100.-"
    data[sh.NOTES.name][0]["month"] = "พ.ย. 2568"
    data[sh.RESULT_REPORTS.name][0]["participants"] = "๓๕"
    data[sh.SETTINGS.name]["risk_bands"] = "๒,๔,๙,๑๖,๒๕"
    return data


@pytest.fixture(scope="module")
def recalculated(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    base = tmp_path_factory.mktemp("typings-lo")
    src = build_workbook(base / "sample.xlsm", data=sample_data())
    sources = {"entry": typed_entry(src, base / "entry.xlsx"),
               "built": build_workbook(base / "built.xlsx", data=typed_data(), macros=False)}
    for i, (year, budget, _, _) in enumerate(PROJECTS):
        sources[f"project{i}"] = typed_project(src, base / f"project{i}.xlsx", year, budget)
    names = list(sources)
    done = soffice_all([sources[n] for n in names], "xlsx", base / "lo", base / "profile")
    return {**{f"{n}-src": sources[n] for n in names}, **dict(zip(names, done, strict=True))}


@pytest.mark.parametrize(("i", "typed"), list(enumerate(AMOUNTS)),
                         ids=[repr(a[:2]) for a in AMOUNTS])
def test_workbook_typings_libreoffice_amount(recalculated: dict[str, Path], i: int,
                                             typed: tuple[Any, Any, float | None]) -> None:
    ws = load_workbook(recalculated["entry"], data_only=True)[sh.PURCHASES.name]
    assert ws.cell(PURCHASE_ROW + i, 7).value == typed[2]


def test_workbook_typings_libreoffice_findings_on_typed_cells(
        recalculated: dict[str, Path]) -> None:
    report = api.validate(recalculated["entry"]).report
    rows = range(PURCHASE_ROW, PURCHASE_ROW + len(AMOUNTS))
    typed = [(f.cell, f.code) for f in report.findings if f.sheet == sh.PURCHASES.name
             and f.cell and int(f.cell[1:]) in rows and f.code != "overspend"]
    assert typed == [(f"{letter}{PURCHASE_ROW + k}", code) for k, letter, code in AMOUNT_FINDINGS]
    plan = [(f.cell, f.code) for f in report.findings if f.sheet == sh.PLAN.name]
    assert plan == [(f"D{PLAN_ROW + 5}", "invalid-date")]  # 13/2568: no such month
    assert not [f for f in report.findings if f.code == "required"]


@pytest.mark.parametrize(("i", "step"), list(enumerate(STEPS)), ids=[s[0] for s in STEPS])
def test_workbook_typings_libreoffice_gantt(recalculated: dict[str, Path], i: int,
                                            step: tuple[Any, Any, Any, list[int]]) -> None:
    ws = load_workbook(recalculated["entry"], data_only=True)[sh.PLAN.name]
    first = len(table_layout(sh.PLAN, 0).headers) + 1  # the Gantt's first month
    assert [ws.cell(PLAN_ROW + i, first + m).value for m in range(13)] == step[3]
    assert ws.cell(3, first).value == datetime(2025, 9, 1)


def test_workbook_typings_libreoffice_lookups_and_bands(recalculated: dict[str, Path]) -> None:
    wb = load_workbook(recalculated["entry"], data_only=True)
    assert [wb[sh.SCHOOLS.name][f"G{r}"].value for r in range(4, 9)] == \
        [15100, 15100, 13100, 13100, 13100]  # B4 typed 15,100.-
    assert [wb[sh.SCHOOLS.name][f"H{r}"].value for r in range(4, 9)] == [3, 3, 2, 2, 2]  # C5 ๒
    assert (wb[sh.RISKS.name]["F4"].value, wb[sh.RISKS.name]["D4"].value) == (2, "น้อยมาก")
    bands = [wb.defined_names[f"lw_risk_band_{i}"].destinations for i in range(1, 6)]
    assert [wb[sheet][cell.replace("$", "")].value for d in bands for sheet, cell in d] == \
        [2, 4, 9, 16, 25]


@pytest.mark.parametrize(("i", "project"), list(enumerate(PROJECTS)),
                         ids=[p[0] for p in PROJECTS])
def test_workbook_typings_libreoffice_home(recalculated: dict[str, Path], i: int,
                                           project: tuple[Any, Any, Any, Any]) -> None:
    year, budget = project[2], project[3]
    wb = load_workbook(recalculated[f"project{i}"], data_only=True)
    home = wb[sh.HOME.name]
    assert (home["B4"].value, home["B5"].value) == (year, budget)
    assert home["B6"].value == 69500 and home["B7"].value == 67342
    first = wb[sh.PLAN.name].cell(3, len(table_layout(sh.PLAN, 0).headers) + 1).value
    assert (first.date() if first else None) == (date(2025, 9, 1) if year else None)
    findings = api.validate(recalculated[f"project{i}"]).report.flat()
    expected = [] if year else [(sh.PROJECT.name, "B6", "type-error"),
                                (sh.PROJECT.name, "B9", "type-error")]
    assert [f for f in findings if f[0] == sh.PROJECT.name] == expected


def test_workbook_typings_libreoffice_cached_values(recalculated: dict[str, Path]) -> None:
    """Every formula of a workbook built with the typings as data recalculates in LibreOffice
    to the value the builder cached, with no error value."""
    formulas = load_workbook(recalculated["built-src"])
    cached = load_workbook(recalculated["built-src"], data_only=True)
    theirs = load_workbook(recalculated["built"], data_only=True)
    checked, differences = 0, []
    for ws in formulas.worksheets:
        for row in ws.iter_rows():
            for cell in row:
                if not (isinstance(cell.value, str) and cell.value.startswith("=")):
                    continue
                checked += 1
                ours = plain(cached[ws.title][cell.coordinate].value)
                got = plain(theirs[ws.title][cell.coordinate].value)
                assert not (isinstance(got, str) and got.startswith(ERRORS)), \
                    f"{ws.title}!{cell.coordinate} = {got}"
                if ours != got:
                    differences.append((ws.title, cell.coordinate, ours, got))
    assert checked > 4000
    assert differences == []
