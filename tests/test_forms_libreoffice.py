"""A school that works in LibreOffice: the form recalculates without error values, keeps its
live checks, and the file LibreOffice saves is collected like any other. Skipped only when
``soffice`` is not installed."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from openpyxl import load_workbook

from learnworks_xl import api
from learnworks_xl.core import sheets as sh
from learnworks_xl.core.pipeline import input_data
from learnworks_xl.forms.identity import FORM_SHEETS
from tests.libreoffice import ERRORS, soffice

pytestmark = [
    pytest.mark.libreoffice,
    pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice is not installed"),
]

@pytest.fixture(scope="module")
def saved(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """BK01's form filled with the sample's rows, then opened and saved by LibreOffice."""
    from learnworks_xl.io.plainwriter import write_plain_workbook
    from learnworks_xl.sample import sample_data

    base = tmp_path_factory.mktemp("forms-lo")
    data = sample_data()
    office_data = {**data, **{s.name: [] for s in FORM_SHEETS}}
    office = write_plain_workbook(office_data, base / "office.xlsx")
    form = api.school_forms(office, base / "forms").written[0]
    wb = load_workbook(form)
    from decimal import Decimal

    from learnworks_xl.io.plainwriter import cell_value
    from learnworks_xl.workbook.positions import FIRST_DATA_ROW, table_layout

    for spec in FORM_SHEETS:
        layout = table_layout(spec, 0)
        rows = [r for r in data[spec.name] if r["school_code"] == "BK01"]
        for i, row in enumerate(rows):
            for col in spec.columns:
                value = cell_value(spec, col.field, row.get(col.field))
                wb[spec.name].cell(FIRST_DATA_ROW + 1 + i, layout.col(col.field) + 1).value = (
                    float(value) if isinstance(value, Decimal) else value)
    filled = base / "filled" / form.name
    filled.parent.mkdir()
    wb.save(filled)
    return {"office": office, "blank": form, "filled": filled,
            "saved": soffice(filled, "xlsx", base / "saved", base / "profile")}


def test_forms_libreoffice_no_error_values(saved: dict[str, Path]) -> None:
    formulas = load_workbook(saved["filled"])
    values = load_workbook(saved["saved"], data_only=True)
    checked = 0
    for ws in formulas.worksheets:
        for row in ws.iter_rows():
            for cell in row:
                if isinstance(cell.value, str) and cell.value.startswith("="):
                    got = values[ws.title][cell.coordinate].value
                    assert not (isinstance(got, str) and got.startswith(ERRORS)), \
                        f"{ws.title}!{cell.coordinate} = {got} ({cell.value})"
                    checked += 1
    assert checked > 90  # totals and the blank rows' จำนวนเงิน


@pytest.mark.parametrize(("sheet", "cell", "total"), [
    (sh.ACTIVITIES.name, "E2", 15100),
    (sh.PURCHASES.name, "G2", 15020),
    (sh.RESULT_REPORTS.name, "C2", 120),
])
def test_forms_libreoffice_totals(saved: dict[str, Path], sheet: str, cell: str,
                                  total: int) -> None:
    assert load_workbook(saved["saved"], data_only=True)[sheet][cell].value == total


@pytest.mark.parametrize("spec", FORM_SHEETS, ids=lambda s: s.name)
def test_forms_libreoffice_keeps_validation(saved: dict[str, Path], spec: sh.SheetSpec) -> None:
    ours = load_workbook(saved["blank"])[spec.name].data_validations.dataValidation
    theirs = load_workbook(saved["saved"])[spec.name].data_validations.dataValidation
    assert len(ours) == len(spec.columns) + 1  # every column, and ขอลบรายการนี้
    assert sorted((dv.type, dv.prompt) for dv in theirs) == \
        sorted((dv.type, dv.prompt) for dv in ours)


def test_forms_libreoffice_saved_form_collects(saved: dict[str, Path], tmp_path: Path,
                                               sample_dict: dict[str, Any],
                                               make_workbook: Callable[..., Path]) -> None:
    result = api.collect(saved["office"], [saved["saved"]], out=tmp_path / "m.xlsx")
    assert [o.status for o in result.outcomes] == ["changed"], result.summary_lines()
    merged = input_data(api.validate(tmp_path / "m.xlsx").parsed)
    expected = input_data(api.validate(make_workbook(sample_dict)).parsed)
    for spec in FORM_SHEETS:
        assert merged[spec.name] == [r for r in expected[spec.name]
                                     if r["school_code"] == "BK01"]
