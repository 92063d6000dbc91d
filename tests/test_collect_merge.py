"""Collect: returned forms merged into a NEW workbook; round trip, idempotence, resubmission.

The forms here are made from an office workbook whose four school sheets are empty (the
start of the year: nothing to prefill), then filled with the sample's rows of each school."""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from learnworks_xl import api
from learnworks_xl.cli import cli
from learnworks_xl.core import sheets as sh
from learnworks_xl.core.pipeline import input_data
from learnworks_xl.forms.identity import FORM_SHEETS

CODES = ["BK01", "BK02", "BK03", "BK04", "BK05"]
Fill = Callable[..., Path]


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def rows_of(data: dict[str, Any], code: str) -> dict[str, list[dict[str, Any]]]:
    return {s.name: [r for r in data[s.name] if r["school_code"] == code] for s in FORM_SHEETS}


@pytest.fixture
def office(sample_dict: dict[str, Any], make_workbook: Callable[..., Path]) -> Path:
    """The sample with the four school sheets empty: what the office has before the forms."""
    data = dict(sample_dict)
    for spec in FORM_SHEETS:
        data[spec.name] = []
    return make_workbook(data, "office.xlsx")


@pytest.fixture
def filled(office: Path, tmp_path: Path, fill_form: Fill,
           sample_dict: dict[str, Any]) -> list[Path]:
    """Every school's form filled with the sample's rows of that school."""
    forms = api.school_forms(office, tmp_path / "forms").written
    return [fill_form(p, rows_of(sample_dict, c)) for p, c in zip(forms, CODES, strict=True)]


def test_collect_round_trip_equals_sample(office: Path, filled: list[Path], sample_path: Path,
                                          tmp_path: Path) -> None:
    before = digest(office)
    result = api.collect(office, filled, out=tmp_path / "merged.xlsx")
    assert result.out == tmp_path / "merged.xlsx"
    assert [o.status for o in result.outcomes] == ["changed"] * 5
    assert input_data(api.validate(result.out).parsed) == input_data(
        api.validate(sample_path).parsed)
    assert api.validate(result.out).report.flat() == api.validate(sample_path).report.flat()
    assert digest(office) == before


def test_collect_same_form_twice_adds_nothing(office: Path, filled: list[Path],
                                              tmp_path: Path) -> None:
    first = api.collect(office, [filled[0], filled[0]], out=tmp_path / "m1.xlsx")
    assert [o.status for o in first.outcomes] == ["changed", "unchanged"]
    assert first.outcomes[1].line() == (
        f"{filled[0].name} (BK01 โรงเรียนตัวอย่างวัดบางเขน (ชื่อสมมติ)): "
        "ข้อมูลตรงกับในสมุดงานแล้ว ไม่มีการเปลี่ยนแปลง")
    assert first.out is not None
    before = digest(first.out)
    again = api.collect(first.out, [filled[0]], out=tmp_path / "m2.xlsx")
    assert [o.status for o in again.outcomes] == ["unchanged"]
    assert again.out is None and not (tmp_path / "m2.xlsx").exists()
    assert digest(first.out) == before
    assert again.summary_lines()[-1] == (
        "ไม่มีข้อมูลเปลี่ยนแปลง จึงไม่ได้เขียนไฟล์ใหม่ (ไฟล์ m1.xlsx ไม่ถูกแก้ไข)")


def test_collect_into_sample_is_unchanged(sample_path: Path, filled: list[Path]) -> None:
    result = api.collect(sample_path, filled)
    assert [o.status for o in result.outcomes] == ["unchanged"] * 5
    assert result.out is None
    assert not sample_path.with_name("sample-รวบรวมแบบฟอร์ม.xlsx").exists()


def test_collect_resubmission_updates_by_key(sample_path: Path, office: Path,
                                             sample_dict: dict[str, Any], fill_form: Fill,
                                             tmp_path: Path) -> None:
    """A form made before anything was collected (not prefilled), returned again with two of
    BK03's three works, one of them corrected: the corrected one is updated in place, the
    one left out is kept — nothing is replaced wholesale."""
    form = api.school_forms(office, tmp_path / "forms").written[2]  # BK03
    rows = rows_of(sample_dict, "BK03")
    rows[sh.WORKS.name] = rows[sh.WORKS.name][:2]
    rows[sh.WORKS.name][0] = {**rows[sh.WORKS.name][0], "title": "ผลงานฉบับแก้ไข"}
    rows[sh.ACTIVITIES.name] = []  # not sent again: the office keeps its rows
    rows[sh.PURCHASES.name] = []
    rows[sh.RESULT_REPORTS.name] = []
    result = api.collect(sample_path, [fill_form(form, rows)], out=tmp_path / "m.xlsx")
    outcome = result.outcomes[0]
    assert outcome.status == "changed"
    assert outcome.lines() == [
        "filled-แบบฟอร์มโรงเรียน-BK03-2569.xlsx (BK03 โรงเรียนตัวอย่างท่าแร้ง (ชื่อสมมติ)): "
        "รวบรวมแล้ว",
        "  «แผนกิจกรรมโรงเรียน»: เพิ่มใหม่ 0, แก้ไข 0, เหมือนเดิม 0, คงไว้ 2, ลบ 0",
        "  «การใช้จ่าย»: เพิ่มใหม่ 0, แก้ไข 0, เหมือนเดิม 0, คงไว้ 6, ลบ 0",
        "  «ผลงานนักเรียน»: เพิ่มใหม่ 0, แก้ไข 1, เหมือนเดิม 1, คงไว้ 1, ลบ 0",
        "  «รายงานผลโรงเรียน»: เพิ่มใหม่ 0, แก้ไข 0, เหมือนเดิม 0, คงไว้ 1, ลบ 0",
    ]
    merged = input_data(api.validate(tmp_path / "m.xlsx").parsed)
    expected = input_data(api.validate(sample_path).parsed)
    works = expected[sh.WORKS.name]
    start = next(i for i, w in enumerate(works) if w["school_code"] == "BK03")
    works[start] = {**works[start], "title": "ผลงานฉบับแก้ไข"}
    assert merged == expected


def test_collect_second_form_same_school_in_batch(office: Path, filled: list[Path],
                                                  sample_dict: dict[str, Any], fill_form: Fill,
                                                  tmp_path: Path) -> None:
    rows = rows_of(sample_dict, "BK01")
    rows[sh.RESULT_REPORTS.name] = [{**rows[sh.RESULT_REPORTS.name][0], "participants": 99}]
    again = fill_form(filled[0], {sh.RESULT_REPORTS.name: rows[sh.RESULT_REPORTS.name]},
                      "again.xlsx")
    result = api.collect(office, [filled[0], again], out=tmp_path / "m.xlsx")
    assert [o.status for o in result.outcomes] == ["changed", "changed"]
    assert result.outcomes[1].sheets[sh.RESULT_REPORTS.name].updated == 1
    data = input_data(api.validate(tmp_path / "m.xlsx").parsed)
    assert [r["participants"] for r in data[sh.RESULT_REPORTS.name]] == [99]


def test_collect_summary_lines(office: Path, filled: list[Path], tmp_path: Path) -> None:
    result = api.collect(office, filled[:1], out=tmp_path / "m.xlsx")
    assert result.summary_lines() == [
        f"{filled[0].name} (BK01 โรงเรียนตัวอย่างวัดบางเขน (ชื่อสมมติ)): รวบรวมแล้ว",
        "  «แผนกิจกรรมโรงเรียน»: เพิ่มใหม่ 2, แก้ไข 0, เหมือนเดิม 0, คงไว้ 0, ลบ 0",
        "  «การใช้จ่าย»: เพิ่มใหม่ 6, แก้ไข 0, เหมือนเดิม 0, คงไว้ 0, ลบ 0",
        "  «ผลงานนักเรียน»: เพิ่มใหม่ 4, แก้ไข 0, เหมือนเดิม 0, คงไว้ 0, ลบ 0",
        "  «รายงานผลโรงเรียน»: เพิ่มใหม่ 1, แก้ไข 0, เหมือนเดิม 0, คงไว้ 0, ลบ 0",
        "แบบฟอร์ม 1 ฉบับ: รวบรวมแล้ว 1, ไม่เปลี่ยนแปลง 0, ไม่ได้รวบรวม 0",
        "คงไว้ = ข้อมูลเดิมของโรงเรียนที่แบบฟอร์มไม่ได้ส่งมา ระบบเก็บไว้ตามเดิม; "
        "ลบ = เฉพาะแถวที่โรงเรียนพิมพ์คำว่า ลบ ในช่อง «ขอลบรายการนี้»",
        f"เขียนสมุดงานที่รวบรวมแล้ว: {tmp_path / 'm.xlsx'} (ไฟล์ office.xlsx ไม่ถูกแก้ไข)",
    ]


def test_collect_default_output_beside_office(office: Path, filled: list[Path]) -> None:
    result = api.collect(office, filled[:1])
    assert result.out == office.with_name("office-รวบรวมแบบฟอร์ม.xlsx")
    assert result.out.exists()


def test_collect_empty_form_changes_nothing(office: Path, tmp_path: Path) -> None:
    form = api.school_forms(office, tmp_path / "forms").written[0]
    result = api.collect(office, [form], out=tmp_path / "m.xlsx")
    assert result.outcomes[0].status == "empty"
    assert result.merge.report.flat() == [(form.name, None, "form-empty")]
    assert result.out is None and result.ok


def test_collect_cli_exit_zero(office: Path, filled: list[Path], tmp_path: Path) -> None:
    out = tmp_path / "m.xlsx"
    result = CliRunner().invoke(cli, ["collect", str(office), *map(str, filled), "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert result.output.splitlines()[-1] == (
        f"เขียนสมุดงานที่รวบรวมแล้ว: {out} (ไฟล์ office.xlsx ไม่ถูกแก้ไข)")


def test_collect_cli_needs_a_form(office: Path) -> None:
    result = CliRunner().invoke(cli, ["collect", str(office)])
    assert result.exit_code == 2
    assert result.stderr == ("ผิดพลาด: ยังไม่ได้ระบุแบบฟอร์มของโรงเรียน (FORMS...) "
                             "ดูวิธีใช้ด้วย learnworks collect --help "
                             "(missing argument FORMS...; see learnworks collect --help)\n")


def test_collect_warnings_listed_with_accepted_form(office: Path, tmp_path: Path,
                                                    fill_form: Fill,
                                                    sample_dict: dict[str, Any]) -> None:
    from datetime import date

    form = api.school_forms(office, tmp_path / "forms").written[0]
    rows = rows_of(sample_dict, "BK01")
    rows[sh.RESULT_REPORTS.name] = [{**rows[sh.RESULT_REPORTS.name][0],
                                     "submitted_on": date(2026, 8, 14)}]
    result = api.collect(office, [fill_form(form, rows)], out=tmp_path / "m.xlsx")
    assert [o.status for o in result.outcomes] == ["changed"]
    assert result.merge.report.flat() == [("รายงานผลโรงเรียน", "B4", "outside-run-period")]
    assert result.summary_lines()[5] == (
        "  - «รายงานผลโรงเรียน» ช่อง B4: «วันที่ส่งรายงาน» 14 ส.ค. 2569 อยู่นอกระยะเวลาดำเนินการ "
        "(1 พ.ย. 2568 – 31 ก.ค. 2569)")
    assert result.ok
