"""Collect reads what LibreOffice writes: forms filled (openpyxl, as a school types), then
opened and saved by LibreOffice Calc (headless), then collected. Skipped only when
``soffice`` is not installed.

One LibreOffice run saves every scenario: BK04's one new purchase (the issue's case), a
correction plus a removal, a version-1 form with only new rows, a partial fill (works only)
and a form returned untouched.
"""

from __future__ import annotations

import shutil
import zipfile
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

from learnworks_xl import api
from learnworks_xl.core import sheets as sh
from learnworks_xl.core.pipeline import input_data
from learnworks_xl.forms.identity import FORM_SHEETS
from learnworks_xl.io.plainwriter import write_plain_workbook
from learnworks_xl.sample import sample_data
from tests.formfill import FormFiller, through_libreoffice

pytestmark = [
    pytest.mark.libreoffice,
    pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice is not installed"),
]

V1_FORM = Path(__file__).resolve().parent / "fixtures" / "แบบฟอร์มโรงเรียน-BK04-2569-v1.xlsx"
P, W, A, R = sh.PURCHASES.name, sh.WORKS.name, sh.ACTIVITIES.name, sh.RESULT_REPORTS.name
JULY = {"school_code": "BK04", "date": date(2026, 7, 3), "item": "กระดาษโฟโต้ A4",
        "quantity": Decimal(2), "unit": "แพ็ค", "unit_price": Decimal("149.50"),
        "amount": Decimal(299), "method": "วิธีเฉพาะเจาะจง", "doc_no": "BK04-69/007"}
WORK = {"work_code": "BK02-W05", "school_code": "BK02", "title": "สื่อการสอนเรื่องเศษส่วน",
        "work_type": "สื่อ", "tools": "Canva", "students": "ด.ญ.ข (ชื่อสมมติ)", "grade": "ป.5",
        "advisor": None, "link": "https://example.org/learnworks/bk02/w05", "selected": False,
        "submitted_on": date(2026, 7, 17)}


@pytest.fixture(scope="module")
def saved(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """The sample office, and each scenario's form as LibreOffice saved it."""
    base = tmp_path_factory.mktemp("collect-lo")
    office = write_plain_workbook(sample_data(), base / "office.xlsx")
    forms = api.school_forms(office, base / "forms").written
    filled = base / "filled"
    files = {
        "bk04-new": FormFiller(forms[3]).append(P, JULY).save(filled / "bk04-new.xlsx"),
        "bk03-edit-remove": FormFiller(forms[2]).edit(W, 0, title="ผลงานฉบับแก้ไข")
        .remove(P, 5).save(filled / "bk03-edit-remove.xlsx"),
        "bk04-v1": FormFiller(V1_FORM).append(P, JULY).save(filled / "bk04-v1.xlsx"),
        "bk02-works": FormFiller(forms[1]).append(W, WORK).save(filled / "bk02-works.xlsx"),
        "bk05-untouched": FormFiller(forms[4]).save(filled / "bk05-untouched.xlsx"),
    }
    lo = through_libreoffice(list(files.values()), base / "saved", base / "profile")
    for path in lo:  # written by LibreOffice, not by openpyxl
        with zipfile.ZipFile(path) as z:
            assert "LibreOffice" in z.read("docProps/app.xml").decode("utf-8"), path.name
    data = sample_data()
    data[P][24].update(quantity=Decimal(9), amount=Decimal(1125))  # corrected after the forms
    corrected = write_plain_workbook(data, base / "corrected.xlsx")
    return {"office": office, "corrected": corrected, **dict(zip(files, lo, strict=True))}


def collect_one(saved: dict[str, Path], name: str, tmp_path: Path) -> tuple[list[str],
                                                                         dict[str, Any]]:
    result = api.collect(saved["office"], [saved[name]], out=tmp_path / "m.xlsx")
    assert result.ok, result.summary_lines()
    merged = tmp_path / "m.xlsx" if result.out else saved["office"]
    return result.outcomes[0].lines()[1:], input_data(api.validate(merged).parsed)


def line(sheet: str, added: int = 0, updated: int = 0, unchanged: int = 0, kept: int = 0,
         removed: int = 0) -> str:
    return (f"  «{sheet}»: เพิ่มใหม่ {added}, แก้ไข {updated}, เหมือนเดิม {unchanged}, "
            f"คงไว้ {kept}, ลบ {removed}")


@pytest.fixture(scope="module")
def office_data(saved: dict[str, Path]) -> dict[str, Any]:
    return input_data(api.validate(saved["office"]).parsed)


def test_collect_libreoffice_one_new_purchase(saved: dict[str, Path], tmp_path: Path,
                                              office_data: dict[str, Any]) -> None:
    lines, data = collect_one(saved, "bk04-new", tmp_path)
    assert lines == [line(A, unchanged=2), line(P, added=1, unchanged=6),
                     line(W, unchanged=3), line(R, unchanged=1)]
    expected = {**office_data, P: [*office_data[P][:24], JULY, *office_data[P][24:]]}
    assert data == expected


def test_collect_libreoffice_old_form_new_rows_only(saved: dict[str, Path], tmp_path: Path,
                                                    office_data: dict[str, Any]) -> None:
    lines, data = collect_one(saved, "bk04-v1", tmp_path)
    assert lines == [line(A, kept=2), line(P, added=1, kept=6), line(W, kept=3),
                     line(R, kept=1)]
    assert data == {**office_data, P: [*office_data[P][:24], JULY, *office_data[P][24:]]}


def test_collect_libreoffice_edit_and_removal(saved: dict[str, Path], tmp_path: Path,
                                              office_data: dict[str, Any]) -> None:
    lines, data = collect_one(saved, "bk03-edit-remove", tmp_path)
    assert lines == [line(A, unchanged=2), line(P, unchanged=5, removed=1),
                     line(W, updated=1, unchanged=2), line(R, unchanged=1)]
    works = list(office_data[W])
    works[8] = {**works[8], "title": "ผลงานฉบับแก้ไข"}
    purchases = [p for p in office_data[P] if p["doc_no"] != "BK03-69/006"]
    assert data == {**office_data, P: purchases, W: works}


def test_collect_libreoffice_partial_fill(saved: dict[str, Path], tmp_path: Path,
                                          office_data: dict[str, Any]) -> None:
    lines, data = collect_one(saved, "bk02-works", tmp_path)
    assert lines == [line(A, unchanged=2), line(P, unchanged=6), line(W, added=1, unchanged=4),
                     line(R, unchanged=1)]
    assert data == {**office_data, W: [*office_data[W][:8], WORK, *office_data[W][8:]]}


def test_collect_libreoffice_untouched_form_unchanged(saved: dict[str, Path],
                                                      tmp_path: Path) -> None:
    """Every prefilled value survives LibreOffice's save exactly (dates, amounts, ใช่/ไม่ใช่,
    links): the form changes nothing and no file is written."""
    result = api.collect(saved["office"], [saved["bk05-untouched"]], out=tmp_path / "m.xlsx")
    assert [o.status for o in result.outcomes] == ["unchanged"]
    assert result.outcomes[0].lines()[1:] == [line(A, unchanged=2), line(P, unchanged=6),
                                              line(W, unchanged=3), line(R, unchanged=1)]
    assert result.out is None and result.merge.report.flat() == []


@pytest.mark.parametrize("spec", FORM_SHEETS, ids=lambda s: s.name)
def test_collect_libreoffice_keeps_removal_column(saved: dict[str, Path],
                                                  spec: sh.SheetSpec) -> None:
    """LibreOffice keeps ขอลบรายการนี้ inside the table, with its list of one word."""
    from openpyxl import load_workbook

    ws = load_workbook(saved["bk05-untouched"])[spec.name]
    letter = chr(ord("A") + len(spec.columns))
    assert ws[f"{letter}3"].value == "ขอลบรายการนี้"
    dv = [d for d in ws.data_validations.dataValidation if str(d.sqref).startswith(letter)]
    assert [(d.type, d.formula1) for d in dv] == [("list", '"ลบ"')]


def test_collect_libreoffice_untouched_rows_never_undo_the_office(saved: dict[str, Path],
                                                                  tmp_path: Path) -> None:
    """The office corrected BK05's January purchase after sending the forms; BK05's form,
    saved by LibreOffice with that row untouched, leaves the correction alone (the row's
    fingerprint survives LibreOffice)."""
    result = api.collect(saved["corrected"], [saved["bk05-untouched"]], out=tmp_path / "m.xlsx")
    assert [o.status for o in result.outcomes] == ["unchanged"]
    assert result.outcomes[0].lines()[2] == line(P, unchanged=6)
    assert result.out is None
