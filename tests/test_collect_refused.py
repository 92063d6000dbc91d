"""Collect: bad, foreign and broken forms are findings with the reason, and change nothing."""

from __future__ import annotations

import hashlib
import shutil
import zipfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from openpyxl import load_workbook

from learnworks_xl import api
from learnworks_xl.cli import cli
from learnworks_xl.core import sheets as sh
from learnworks_xl.core.pipeline import input_data
from learnworks_xl.errors import ConfigError, OutputError, WorkbookReadError
from learnworks_xl.forms.identity import FORM_SHEETS, IDENTITY_SHEET
from learnworks_xl.forms.jobs import CollectResult
from learnworks_xl.io.reader import read_workbook

Fill = Callable[..., Path]
BK01 = "BK01 โรงเรียนตัวอย่างวัดบางเขน (ชื่อสมมติ)"


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def rows_of(data: dict[str, Any], code: str) -> dict[str, list[dict[str, Any]]]:
    return {s.name: [dict(r) for r in data[s.name] if r["school_code"] == code]
            for s in FORM_SHEETS}


@pytest.fixture
def office(sample_dict: dict[str, Any], make_workbook: Callable[..., Path]) -> Path:
    data = dict(sample_dict)
    for spec in FORM_SHEETS:
        data[spec.name] = []
    return make_workbook(data, "office.xlsx")


@pytest.fixture
def blank(office: Path, tmp_path: Path) -> Path:
    """BK01's blank form."""
    return api.school_forms(office, tmp_path / "forms").written[0]


def refused(office: Path, form: Path, tmp_path: Path) -> CollectResult:
    """Collect one form that must be refused; the office is untouched, nothing written."""
    before = digest(office)
    result = api.collect(office, [form], out=tmp_path / "merged.xlsx")
    assert [o.status for o in result.outcomes] == ["refused"]
    assert result.out is None and not (tmp_path / "merged.xlsx").exists()
    assert digest(office) == before
    assert not result.ok
    return result


@pytest.mark.parametrize("content", [
    b"not a workbook", b"PK\x03\x04 truncated", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 64,
], ids=["text", "truncated-zip", "encrypted"])
def test_collect_broken_file(office: Path, tmp_path: Path, content: bytes) -> None:
    bad = tmp_path / "broken.xlsx"
    bad.write_bytes(content)
    with pytest.raises(WorkbookReadError) as err:
        read_workbook(bad)
    result = refused(office, bad, tmp_path)
    assert result.merge.report.flat() == [("broken.xlsx", None, "form-unreadable")]
    assert result.summary_lines()[0] == f"broken.xlsx: ไม่ได้รวบรวม {err.value.message_th}"


def test_collect_missing_file(office: Path, tmp_path: Path) -> None:
    result = refused(office, tmp_path / "ไม่มี.xlsx", tmp_path)
    assert result.merge.report.findings[0].message == f"ไม่พบไฟล์ {tmp_path / 'ไม่มี.xlsx'}"


def test_collect_not_a_form(office: Path, sample_path: Path, tmp_path: Path) -> None:
    result = refused(office, sample_path, tmp_path)
    assert result.merge.report.flat() == [("sample.xlsx", None, "form-not-recognised")]
    assert result.outcomes[0].line() == (
        "sample.xlsx: ไม่ได้รวบรวม ไฟล์นี้ไม่ใช่แบบฟอร์มโรงเรียนที่สร้างจาก learnworks "
        "(ไม่พบชีต «ข้อมูลแบบฟอร์ม»)")


def test_collect_tampered_identity(office: Path, blank: Path, tmp_path: Path) -> None:
    wb = load_workbook(blank)
    wb[IDENTITY_SHEET]["B3"] = "some-other-form"
    wb.save(tmp_path / "tampered.xlsx")
    result = refused(office, tmp_path / "tampered.xlsx", tmp_path)
    assert result.merge.report.flat() == [("tampered.xlsx", None, "form-not-recognised")]
    assert result.merge.report.findings[0].message == (
        "ข้อมูลระบุแบบฟอร์มถูกแก้ไขหรือไม่ครบ (ชนิดแบบฟอร์ม) จึงไม่ใช่แบบฟอร์มที่ใช้ได้")


@pytest.mark.parametrize(("sheet", "field", "value", "code", "message"), [
    (sh.PROJECT.name, "fiscal_year", 2570, "form-wrong-year",
     "แบบฟอร์มนี้เป็นของปีงบประมาณ พ.ศ. 2570 แต่สมุดงานเป็นของปีงบประมาณ พ.ศ. 2569 "
     "กรุณาส่งแบบฟอร์มของปีงบประมาณ พ.ศ. 2569 ให้โรงเรียน (สร้างด้วยปุ่มสร้างแบบฟอร์มโรงเรียน "
     "หรือ learnworks school-forms) แล้วให้โรงเรียนกรอกใหม่"),
    (sh.SCHOOLS.name, "code", "BK99", "form-unknown-school",
     "แบบฟอร์มนี้เป็นของโรงเรียนรหัส 'BK99' ซึ่งไม่มีในชีต «โรงเรียน» ของสมุดงาน"),
], ids=["other-year", "other-school"])
def test_collect_foreign_form(office: Path, sample_dict: dict[str, Any],
                              make_workbook: Callable[..., Path], fill_form: Fill,
                              tmp_path: Path, sheet: str, field: str, value: Any, code: str,
                              message: str) -> None:
    other = dict(sample_dict)
    if sheet == sh.PROJECT.name:
        other[sheet] = {**other[sheet], field: value}
    else:
        other[sheet] = [{**other[sheet][0], field: value}, *other[sheet][1:]]
    form = api.school_forms(make_workbook(other, "other.xlsx"), tmp_path / "other").written[0]
    rows = rows_of(sample_dict, "BK01")
    filled = fill_form(form, rows, "foreign.xlsx")
    result = refused(office, filled, tmp_path)
    assert result.merge.report.flat() == [("foreign.xlsx", None, code)]
    assert result.merge.report.findings[0].message == message


def _bad_grade(rows: dict[str, list[dict[str, Any]]]) -> None:
    rows[sh.WORKS.name][0]["grade"] = "ป.9"


def _other_school_row(rows: dict[str, list[dict[str, Any]]]) -> None:
    rows[sh.ACTIVITIES.name][1]["school_code"] = "BK02"


def _taken_work_code(rows: dict[str, list[dict[str, Any]]]) -> None:
    rows[sh.WORKS.name][0]["work_code"] = "BK02-W01"


def _repeated_work_code(rows: dict[str, list[dict[str, Any]]]) -> None:
    rows[sh.WORKS.name][1]["work_code"] = "bk01-w01"


def _overspend(rows: dict[str, list[dict[str, Any]]]) -> None:
    row = rows[sh.PURCHASES.name][0]
    row.update(quantity=100, amount=row["unit_price"] * 100)


def _outside_year(rows: dict[str, list[dict[str, Any]]]) -> None:
    from datetime import date

    rows[sh.RESULT_REPORTS.name][0]["submitted_on"] = date(2026, 10, 5)


@pytest.mark.parametrize(("change", "flat"), [
    (_bad_grade, [("ผลงานนักเรียน", "G4", "not-allowed")]),
    (_other_school_row, [("แผนกิจกรรมโรงเรียน", "A5", "form-other-school")]),
    (_taken_work_code, [("ผลงานนักเรียน", "A4", "work-code-conflict")]),
    (_repeated_work_code, [("ผลงานนักเรียน", "A5", "duplicate-key")]),
    (_overspend, [("การใช้จ่าย", "G6", "overspend")]),
    (_outside_year, [("รายงานผลโรงเรียน", "B4", "outside-fiscal-year")]),
], ids=["cell", "other-school-row", "work-code-conflict", "repeated-code", "overspend",
        "outside-year"])
def test_collect_form_with_errors(sample_path: Path, blank: Path, sample_dict: dict[str, Any],
                                  fill_form: Fill, tmp_path: Path,
                                  change: Callable[[dict[str, list[dict[str, Any]]]], None],
                                  flat: list[tuple[str, str, str]]) -> None:
    rows = rows_of(sample_dict, "BK01")
    change(rows)
    form = fill_form(blank, rows, "bad.xlsx")
    result = refused(sample_path, form, tmp_path)
    assert result.merge.report.flat() == [*flat, ("bad.xlsx", None, "form-has-errors")]


def test_collect_messages_exact(sample_path: Path, blank: Path, sample_dict: dict[str, Any],
                                fill_form: Fill, tmp_path: Path) -> None:
    rows = rows_of(sample_dict, "BK01")
    _taken_work_code(rows)
    _other_school_row(rows)
    result = refused(sample_path, fill_form(blank, rows, "bad.xlsx"), tmp_path)
    assert result.summary_lines()[:4] == [
        f"bad.xlsx ({BK01}): ไม่ได้รวบรวม พบปัญหา 2 รายการ",
        "  - «แผนกิจกรรมโรงเรียน» ช่อง A5: «รหัสโรงเรียน» 'BK02' ไม่ใช่รหัสของโรงเรียนเจ้าของแบบฟอร์ม "
        "(BK01) แบบฟอร์มหนึ่งฉบับส่งข้อมูลได้เฉพาะโรงเรียนเดียว",
        "  - «ผลงานนักเรียน» ช่อง A4: «รหัสผลงาน» 'BK02-W01' มีอยู่แล้วในสมุดงานเป็นผลงานของโรงเรียน "
        "BK02 กรุณาใช้รหัสผลงานอื่น",
        "  - แบบฟอร์มมีข้อผิดพลาด 2 รายการ จึงไม่ได้รวบรวม กรุณาให้โรงเรียนแก้ไขแล้วส่งแบบฟอร์มใหม่",
    ]


def test_collect_conflict_within_batch(office: Path, tmp_path: Path, fill_form: Fill,
                                       sample_dict: dict[str, Any]) -> None:
    forms = api.school_forms(office, tmp_path / "forms").written
    one = fill_form(forms[0], rows_of(sample_dict, "BK01"))
    rows = rows_of(sample_dict, "BK02")
    rows[sh.WORKS.name][0]["work_code"] = "BK01-W01"
    two = fill_form(forms[1], rows)
    result = api.collect(office, [one, two], out=tmp_path / "m.xlsx")
    assert [o.status for o in result.outcomes] == ["changed", "refused"]
    assert result.merge.report.flat() == [("ผลงานนักเรียน", "A4", "work-code-conflict"),
                                          (two.name, None, "form-has-errors")]
    data = input_data(api.validate(tmp_path / "m.xlsx").parsed)
    assert {r["school_code"] for s in FORM_SHEETS for r in data[s.name]} == {"BK01"}


def test_collect_good_and_bad_mixed(office: Path, tmp_path: Path, fill_form: Fill,
                                    sample_dict: dict[str, Any], sample_path: Path) -> None:
    forms = api.school_forms(office, tmp_path / "forms").written
    good = fill_form(forms[0], rows_of(sample_dict, "BK01"))
    out = tmp_path / "m.xlsx"
    result = CliRunner().invoke(cli, ["collect", str(office), str(good), str(sample_path),
                                      "-o", str(out)])
    assert result.exit_code == 1
    assert result.output.splitlines()[5:7] == [
        "sample.xlsx: ไม่ได้รวบรวม ไฟล์นี้ไม่ใช่แบบฟอร์มโรงเรียนที่สร้างจาก learnworks "
        "(ไม่พบชีต «ข้อมูลแบบฟอร์ม»)",
        "แบบฟอร์ม 2 ฉบับ: รวบรวมแล้ว 1, ไม่เปลี่ยนแปลง 0, ไม่ได้รวบรวม 1",
    ]
    data = input_data(api.validate(out).parsed)
    assert data[sh.WORKS.name] == rows_of(input_data(api.validate(sample_path).parsed),
                                          "BK01")[sh.WORKS.name]


def test_collect_macros_never_copied(office: Path, blank: Path, fill_form: Fill,
                                     sample_dict: dict[str, Any], tmp_path: Path) -> None:
    filled = fill_form(blank, rows_of(sample_dict, "BK01"))
    with_macro = tmp_path / "แบบฟอร์ม.xlsm"
    shutil.copy(filled, with_macro)
    with zipfile.ZipFile(with_macro, "a") as z:
        z.writestr("xl/vbaProject.bin", b"\xd0\xcf\x11\xe0 pretend VBA AutoOpen Shell")
    result = api.collect(office, [with_macro], out=tmp_path / "m.xlsx")
    assert [o.status for o in result.outcomes] == ["changed"]
    with zipfile.ZipFile(tmp_path / "m.xlsx") as z:
        assert not [n for n in z.namelist() if "vba" in n.lower()]


@pytest.mark.parametrize("which", ["office", "form"])
def test_collect_never_overwrites_inputs(office: Path, blank: Path, which: str) -> None:
    target = office if which == "office" else blank
    before = digest(target)
    with pytest.raises(OutputError):
        api.collect(office, [blank], out=target)
    assert digest(target) == before


def test_collect_office_without_year(sample_dict: dict[str, Any], blank: Path,
                                     make_workbook: Callable[..., Path]) -> None:
    sample_dict[sh.PROJECT.name]["fiscal_year"] = None
    with pytest.raises(ConfigError) as err:
        api.collect(make_workbook(sample_dict), [blank])
    assert err.value.message_th == ("ชีต «โครงการ» ของสมุดงานยังไม่ถูกต้อง (ปีงบประมาณ) "
                                    "กรุณาแก้ไขก่อนรวบรวมแบบฟอร์ม")
