"""What a clerk types, as the workbook's formulas and the validator both read it.

Each typing replaces a value of the sample by the same value typed another way (``๑๒๕`` for
125, ``พ.ย. 2568`` for 1 Nov 2025), so the workbook must compute exactly the sample's figures
and the validator must find nothing. Typings that are wrong must give a finding at the cell the
clerk typed, never at a computed cell. LibreOffice recomputes the same in
``test_workbook_typings_libreoffice.py``.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

import pytest
from openpyxl import load_workbook

from learnworks_xl import api
from learnworks_xl.core import sheets as sh
from learnworks_xl.io.plainwriter import write_plain_workbook
from learnworks_xl.sample import sample_data
from learnworks_xl.workbook import build_workbook
from learnworks_xl.workbook.positions import table_layout

#: (จำนวน, ราคาต่อหน่วย) typed for the sample's first purchase (10 × 125 = 1,250.00).
PURCHASE_TYPINGS: list[tuple[Any, Any]] = [
    (10, "๑๒๕"), (10, "125"), (10, 125), ("๑๐", "125"), ("10.0", "125.-"), (1, "1,250.-"),
    (1, "1,250 บาท"), ("๑", "๑,๒๕๐.-"), (1, "฿1,250"), ("2.5", "500"), (4, "312.50"),
]
#: The same month (the sample's step 2: พ.ย. 2568, finished 14 พ.ย. 2568) typed as text.
MONTH_TYPINGS: list[tuple[Any, Any]] = [
    ("พ.ย. 2568", "14/11/2568"), ("11/2568", "14 พ.ย. 2568"), ("๑๑/๒๕๖๘", "๑๔/๑๑/๒๕๖๘"),
    ("พฤศจิกายน พ.ศ. 2568", "2025-11-14"), ("2025-11", "วันที่ 14 พฤศจิกายน 2568"),
    ("15/11/2568", date(2025, 11, 14)),
]
FY_TYPINGS: list[tuple[Any, Any]] = [
    ("๒๕๖๙", "๖๙,๕๐๐.-"), ("พ.ศ. ๒๕๖๙", "69,500 บาท"), ("2569", "69500"),
    ("พ.ศ.2569", "฿69,500.00"), (2569, "๖๙๕๐๐"),
]


def typed_purchase(quantity: Any, price: Any) -> dict[str, Any]:
    data = sample_data()
    data[sh.PURCHASES.name][0].update(quantity=quantity, unit_price=price, amount=None)
    return data


@pytest.mark.parametrize(("quantity", "price"), PURCHASE_TYPINGS)
def test_workbook_typings_purchase_amount_computed(tmp_path: Path, quantity: Any,
                                                   price: Any) -> None:
    built = build_workbook(tmp_path / "t.xlsx", data=typed_purchase(quantity, price),
                           macros=False)
    formulas, cached = load_workbook(built), load_workbook(built, data_only=True)
    assert formulas[sh.PURCHASES.name]["G4"].value.startswith("=IF(AND(ISNUMBER(")
    assert cached[sh.PURCHASES.name]["G4"].value == 1250
    assert cached[sh.PURCHASES.name]["G2"].value == 67342  # the sample's total spending
    assert cached[sh.HOME.name]["B7"].value == 67342
    checked = api.validate(built)
    assert checked.report.flat() == []
    assert checked.parsed.purchases.rows[0].model.amount == 1250


@pytest.mark.parametrize(("quantity", "price"), PURCHASE_TYPINGS)
def test_workbook_typings_blank_amount_computed_by_the_validator(
        tmp_path: Path, quantity: Any, price: Any) -> None:
    """A workbook without formulas (a plain file, or one saved by another program) with
    จำนวนเงิน left blank: the validator computes it instead of demanding it."""
    plain = write_plain_workbook(typed_purchase(quantity, price), tmp_path / "plain.xlsx")
    checked = api.validate(plain)
    assert checked.report.flat() == []
    assert checked.parsed.purchases.rows[0].model.amount == 1250


@pytest.mark.parametrize(("quantity", "price", "amount", "flat"), [
    (10, "abc", None, [("F", "type-error")]),
    (10, "๑๒๕ บาทต่อรีม", None, [("F", "type-error")]),
    ("สิบ", "125", None, [("D", "type-error")]),
    (None, "125", None, [("D", "required")]),
    (10, None, None, [("F", "required")]),
    ("-10", "125", None, [("D", "out-of-range")]),
    (10, "1.255", 12.55, [("F", "invalid-format")]),
    (None, None, None, [("D", "required"), ("F", "required")]),
])
@pytest.mark.parametrize("kind", ["built", "plain"])
def test_workbook_typings_finding_on_the_typed_cell(tmp_path: Path, quantity: Any, price: Any,
                                                    amount: float | None,
                                                    flat: list[tuple[str, str]],
                                                    kind: str) -> None:
    """A blank จำนวนเงิน is never `required` at G: the finding is on จำนวน or ราคาต่อหน่วย
    (the built workbook's G holds the formula, blank when it can't compute; the plain file's
    G is empty)."""
    data = typed_purchase(quantity, price)
    path = (build_workbook(tmp_path / "t.xlsx", data=data, macros=False) if kind == "built"
            else write_plain_workbook(data, tmp_path / "plain.xlsx"))
    if kind == "built":
        assert load_workbook(path, data_only=True)[sh.PURCHASES.name]["G4"].value == amount
    row = 4 if kind == "built" else 2  # the plain file has its header in row 1
    assert api.validate(path).report.flat() == [(sh.PURCHASES.name, f"{letter}{row}", code)
                                                for letter, code in flat]


@pytest.mark.parametrize(("month", "finished"), MONTH_TYPINGS)
def test_workbook_typings_gantt_reads_months(tmp_path: Path, month: Any, finished: Any) -> None:
    data = sample_data()
    data[sh.PLAN.name][1].update(start_month=month, end_month=month, completed_on=finished)
    built = build_workbook(tmp_path / "t.xlsx", data=data, macros=False)
    sample = build_workbook(tmp_path / "sample.xlsx", data=sample_data(), macros=False)
    layout = table_layout(sh.PLAN, len(data[sh.PLAN.name]))
    first = layout.last_col + 1

    def grid(path: Path) -> list[list[Any]]:
        ws = load_workbook(path, data_only=True)[sh.PLAN.name]
        return [[ws.cell(r, first + 1 + m).value for m in range(13)] for r in range(3, 11)]

    got = grid(built)
    assert got == grid(sample)
    assert got[2] == [0, 0, 3, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0]  # พ.ย. 2568 planned and done
    assert api.validate(built).report.flat() == []


@pytest.mark.parametrize(("year", "budget"), FY_TYPINGS)
def test_workbook_typings_home_reads_the_project(tmp_path: Path, year: Any, budget: Any) -> None:
    data = sample_data()
    data[sh.PROJECT.name].update(fiscal_year=year, approved_budget=budget)
    built = build_workbook(tmp_path / "t.xlsx", data=data, macros=False)
    home = load_workbook(built, data_only=True)[sh.HOME.name]
    # 67,342 / 69,500 = 96.894…% of the allocations spent
    assert [home[f"B{r}"].value for r in range(4, 11)] == [2569, 69500, 69500, 67342, 96.89,
                                                          5, 12]
    plan = load_workbook(built, data_only=True)[sh.PLAN.name]
    first = len(table_layout(sh.PLAN, 0).headers)  # the Gantt's first month
    assert plan.cell(3, first + 1).value.date() == date(2025, 9, 1)
    assert plan.cell(3, first + 13).value.date() == date(2026, 9, 1)
    assert api.validate(built).report.flat() == []
