"""Finding tables by their header titles: pushed-down headers, reordered, extra, duplicated
and missing columns, blank rows, and key/value sheets."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import pytest

from learnworks_xl.core import sheets as sh
from learnworks_xl.core.grid import CellError, RawSheet, a1, column_index, column_letter
from learnworks_xl.core.table import read_keyvalue, read_table

SIZE_HEADER = ["ขนาดโรงเรียน", "งบประมาณต่อโรงเรียน (บาท)", "จำนวนผลงานที่ต้องส่ง"]


def _flat(findings: list[Any]) -> list[tuple[str | None, str]]:
    return [(f.cell, f.code) for f in findings]


@pytest.mark.parametrize(("index", "letters"), [(0, "A"), (25, "Z"), (26, "AA"), (701, "ZZ"),
                                                 (702, "AAA")])
def test_table_column_letters_round_trip(index: int, letters: str) -> None:
    assert column_letter(index) == letters
    assert column_index(letters) == index


def test_table_header_pushed_down_by_title_block() -> None:
    rows = [["เกณฑ์การจัดสรรงบประมาณ"], [], ["ปีงบประมาณ 2569"], SIZE_HEADER,
            ["ขนาดใหญ่", 15100, 3], ["ขนาดกลาง", "13,100.-", "๒"]]
    table, found = read_table(RawSheet("เกณฑ์ขนาดโรงเรียน", rows), sh.SIZES)
    assert found == []
    assert table.header_row == 3
    assert [r.excel_row for r in table.rows] == [5, 6]
    assert table.rows[1].cells["budget_per_school"] == "B6"
    assert [m.works_required for m in table.valid] == [3, 2]


def test_table_columns_reordered_and_extra_ignored() -> None:
    header = ["หมายเหตุของฉัน", SIZE_HEADER[2], SIZE_HEADER[0], SIZE_HEADER[1]]
    rows = [header, ["x", 3, "ขนาดใหญ่", 15100]]
    table, found = read_table(RawSheet("เกณฑ์ขนาดโรงเรียน", rows), sh.SIZES)
    assert found == []
    assert table.rows[0].cells == {"works_required": "B2", "size": "C2",
                                   "budget_per_school": "D2"}


def test_table_blank_rows_skipped_and_trailing_ignored() -> None:
    rows: list[list[Any]] = [SIZE_HEADER, ["ขนาดใหญ่", 15100, 3], [None, "", "  "],
                             ["ขนาดกลาง", 13100, "สอง"]]
    rows += [[None, None, None] for _ in range(10_000)]
    table, found = read_table(RawSheet("เกณฑ์ขนาดโรงเรียน", rows), sh.SIZES)
    assert len(table.rows) == 2
    assert _flat(found) == [("C4", "type-error")]


def test_table_duplicate_column_warns_and_uses_first() -> None:
    rows = [[*SIZE_HEADER, SIZE_HEADER[0]], ["ขนาดใหญ่", 15100, 3, "ขนาดเล็ก"]]
    table, found = read_table(RawSheet("เกณฑ์ขนาดโรงเรียน", rows), sh.SIZES)
    assert _flat(found) == [("D1", "duplicate-column")]
    assert table.valid[0].size == "ขนาดใหญ่"


def test_table_missing_required_column_is_error_at_header() -> None:
    rows = [SIZE_HEADER[:2], ["ขนาดใหญ่", 15100]]
    _table, found = read_table(RawSheet("เกณฑ์ขนาดโรงเรียน", rows), sh.SIZES)
    assert _flat(found) == [("A1", "missing-column")]  # not one more per row
    assert found[0].message == ("ไม่พบหัวคอลัมน์ «จำนวนผลงานที่ต้องส่ง» ในแถวหัวตาราง (แถว 1) "
                                "อาจถูกลบหรือเปลี่ยนชื่อ")


def test_table_no_header_at_all() -> None:
    table, found = read_table(RawSheet("เกณฑ์ขนาดโรงเรียน", [["a", "b"], [1, 2]]), sh.SIZES)
    assert not table.found
    assert [f.code for f in found] == ["missing-column"] * 3


def test_table_missing_sheet() -> None:
    _table, found = read_table(None, sh.SIZES)
    assert [(f.sheet, f.cell, f.code, f.message) for f in found] == [
        ("เกณฑ์ขนาดโรงเรียน", None, "missing-sheet",
         "ไม่พบชีต «เกณฑ์ขนาดโรงเรียน» ในสมุดงาน กรุณาเพิ่มชีตนี้กลับเข้าไป")]


def test_table_error_value_reported_once() -> None:
    rows = [SIZE_HEADER, ["ขนาดใหญ่", CellError("#REF!"), 3]]
    table, found = read_table(RawSheet("เกณฑ์ขนาดโรงเรียน", rows), sh.SIZES)
    assert _flat(found) == [("B2", "formula-error")]
    assert table.rows[0].model is None


def test_table_bad_optional_cell_keeps_row() -> None:
    header = [c.title for c in sh.SCHOOLS.columns]
    rows = [header, ["BK01", "โรงเรียน ก", "ขนาดใหญ่", None, "12", "not-an-email"]]
    table, found = read_table(RawSheet("โรงเรียน", rows), sh.SCHOOLS)
    assert _flat(found) == [("E2", "invalid-format"), ("F2", "invalid-format")]
    assert table.rows[0].model is not None
    assert table.rows[0].model.phone is None


def test_table_offset_sheet_addresses() -> None:
    raw = RawSheet("เกณฑ์ขนาดโรงเรียน", [SIZE_HEADER, ["ขนาดใหญ่", -1, 3]], first_row=4,
                   first_col=2)
    _table, found = read_table(raw, sh.SIZES)
    assert _flat(found) == [(a1(5, 3), "out-of-range")]
    assert found[0].cell == "D6"


def test_keyvalue_labels_anywhere_and_shuffled() -> None:
    rows = [["ข้อมูลโครงการ"], [None, "ค่าเป้าหมายตัวชี้วัด (ร้อยละ)", "๙๕"],
            [None, "ปีงบประมาณ (พ.ศ.)", 2569]]
    kv, found = read_keyvalue(RawSheet("โครงการ", rows), sh.PROJECT)
    assert kv.cells["kpi_target"] == "C2"
    assert kv.raw["fiscal_year"] == 2569
    codes = {f.code for f in found}
    assert codes == {"missing-setting"}
    assert len(found) == len([c for c in sh.PROJECT.columns if c.required]) - 2


# --- percent fields: a percent-formatted cell holds 0.95 for 95% ----------------------------

PLAN_HEADER = [c.title for c in sh.PLAN.columns]


def _plan_row(weight: Any) -> list[Any]:
    return [1, "ขออนุมัติโครงการ", "ฝ่ายการศึกษา", "ก.ย. 2568", "ต.ค. 2568", weight]


@pytest.mark.parametrize(("weight", "formatted", "read", "flat"), [
    (0.1, True, Decimal("10"), []),
    (0.125, True, Decimal("12.5"), []),
    (0.07, True, Decimal("7"), []),  # 0.07 × 100 is 7.000000000000001 in floats
    (1.0, True, Decimal("100"), []),
    (40.0, False, Decimal("40.0"), []),
    ("10%", True, Decimal("10"), []),  # text is never multiplied
    (0.1, False, Decimal("0.1"), [("I6", "percent-ambiguous")]),
    ("0.1", False, Decimal("0.1"), [("I6", "percent-ambiguous")]),
    (1.0, False, Decimal("1.0"), [("I6", "percent-ambiguous")]),
    (2.0, True, None, [("I6", "out-of-range")]),  # 200%
])
def test_table_percent_cells(weight: Any, formatted: bool, read: Decimal | None,
                             flat: list[tuple[str, str]]) -> None:
    """Positions are absolute: the grid starts at D4 as a live book's used range may."""
    raw = RawSheet("แผนปฏิบัติการ", [PLAN_HEADER, _plan_row(weight)], first_row=4, first_col=3,
                   percent_cells=frozenset({(5, 8)} if formatted else ()))
    table, found = read_table(raw, sh.PLAN)
    assert _flat(found) == flat
    model = table.rows[0].model
    assert (model.weight if model else None) == read


def test_table_percent_warning_names_both_readings() -> None:
    raw = RawSheet("แผนปฏิบัติการ", [PLAN_HEADER, _plan_row(0.4)])
    _table, found = read_table(raw, sh.PLAN)
    assert [(f.severity, f.column, f.value, f.message) for f in found] == [
        ("warning", "น้ำหนัก (ร้อยละ)", 0.4,
         "«น้ำหนัก (ร้อยละ)» '0.4' หมายถึงร้อยละ 0.4 หรือร้อยละ 40? ระบบอ่านเป็นร้อยละ 0.4 "
         "หากหมายถึงร้อยละ 40 กรุณาพิมพ์ 40")]


def test_table_percent_only_percent_fields() -> None:
    """A percent format on another number (the step number) changes nothing."""
    raw = RawSheet("แผนปฏิบัติการ", [PLAN_HEADER, _plan_row(10.0)],
                   percent_cells=frozenset({(1, 0)}))
    table, found = read_table(raw, sh.PLAN)
    assert found == []
    assert table.rows[0].model is not None and table.rows[0].model.step_no == 1


def test_keyvalue_percent_cell() -> None:
    rows = [["ข้อมูลโครงการ"], [None, "ค่าเป้าหมายตัวชี้วัด (ร้อยละ)", 0.95]]
    kv, found = read_keyvalue(RawSheet("โครงการ", rows, percent_cells=frozenset({(1, 2)})),
                              sh.PROJECT)
    assert kv.raw["kpi_target"] == 95
    assert "percent-ambiguous" not in {f.code for f in found}
    kv, found = read_keyvalue(RawSheet("โครงการ", rows), sh.PROJECT)
    assert kv.raw["kpi_target"] == 0.95
    assert [(f.cell, f.code) for f in found if f.severity == "warning"] == [
        ("C2", "percent-ambiguous")]
