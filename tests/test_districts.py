"""District identity: the 50 district offices, the ``สำนักงานเขต`` setting, and a workbook made
before it (the committed fixture, as ``build-workbook`` wrote it) taking the district its
agency names."""

from __future__ import annotations

import importlib.util
import sys
from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from typing import Any

import pytest
from openpyxl import load_workbook

from learnworks_xl import api
from learnworks_xl.core import districts
from learnworks_xl.core import sheets as sh

ROOT = Path(__file__).resolve().parents[1]
BEFORE = ROOT / "tests" / "fixtures" / "learnworks-before-district.xlsm"
NOW = datetime(2026, 8, 3, 9)
Make = Callable[..., Path]


def test_districts_the_official_fifty() -> None:
    assert len(districts.DISTRICTS) == 50 == len(set(districts.DISTRICTS))
    assert districts.DISTRICTS[:5] == ("พระนคร", "ดุสิต", "หนองจอก", "บางรัก", "บางเขน")
    assert districts.DISTRICTS[-3:] == ("ทวีวัฒนา", "ทุ่งครุ", "บางบอน")
    assert districts.order("บางเขน") == 4 and districts.office("บางเขน") == "สำนักงานเขตบางเขน"


def test_districts_bench_uses_the_core_list() -> None:
    spec = importlib.util.spec_from_file_location("bench_gen", ROOT / "bench" / "generate.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # its dataclasses look their module up
    spec.loader.exec_module(module)
    assert module.DISTRICTS is districts.DISTRICTS


@pytest.mark.parametrize(("agency", "named"), [
    ("ฝ่ายการศึกษา และโรงเรียนในสังกัดสำนักงานเขตบางเขน", ["บางเขน"]),
    ("ฝ่ายการศึกษา เขต ทวีวัฒนา", ["ทวีวัฒนา"]),  # not วัฒนา
    ("สำนักงานเขตวัฒนา", ["วัฒนา"]),
    ("สำนักงานเขตบางกอกน้อย และสำนักงานเขตบางกอกใหญ่", ["บางกอกน้อย", "บางกอกใหญ่"]),
    ("สำนักงานเขตบางเขน ฝ่ายการศึกษาเขตบางเขน", ["บางเขน"]),
    ("โรงเรียนวัดบางเขน", []),  # a name without เขต is not a district
    ("สำนักการศึกษา และสำนักงานเขต 50 เขต กรุงเทพมหานคร", []),
    (None, []),
])
def test_districts_named_in_agency(agency: str | None, named: list[str]) -> None:
    assert districts.districts_named(agency) == named


@pytest.mark.parametrize(("typed", "district", "message"), [
    ("บางเขน", "บางเขน", None),
    ("สำนักงานเขตบางเขน", "บางเขน", None),
    (" เขต บางเขน ", "บางเขน", None),
    ("ป้อมปราบ ศัตรูพ่าย", "ป้อมปราบศัตรูพ่าย", None),
    ("บางเขม", None, "«สำนักงานเขต» 'บางเขม' ไม่ใช่ชื่อสำนักงานเขตของกรุงเทพมหานคร หมายถึง บางเขน "
                     "หรือไม่ กรุณาเลือกจากรายการ 50 สำนักงานเขต"),
    ("นนทบุรี", None, "«สำนักงานเขต» 'นนทบุรี' ไม่ใช่ชื่อสำนักงานเขตของกรุงเทพมหานคร หมายถึง ธนบุรี "
                      "หรือ มีนบุรี หรือไม่ กรุณาเลือกจากรายการ 50 สำนักงานเขต"),
    ("เชียงใหม่", None, "«สำนักงานเขต» 'เชียงใหม่' ไม่ใช่ชื่อสำนักงานเขตของกรุงเทพมหานคร "
                        "กรุณาเลือกจากรายการ 50 สำนักงานเขต"),
])
def test_districts_setting_typed(make_workbook: Make, sample_dict: dict[str, Any], typed: str,
                                 district: str | None, message: str | None) -> None:
    sample_dict[sh.PROJECT.name]["district"] = typed
    result = api.validate(make_workbook(sample_dict), now=NOW)
    assert result.parsed.project_info.district == district
    assert [(f.code, f.cell, f.message) for f in result.report.findings] == (
        [] if message is None else [("not-allowed", "B2", message)])


def test_districts_setting_required(make_workbook: Make, sample_dict: dict[str, Any]) -> None:
    del sample_dict[sh.PROJECT.name]["district"]  # the label is there, the value is not
    result = api.validate(make_workbook(sample_dict), now=NOW)
    assert [(f.code, f.cell, f.message) for f in result.report.findings] == [
        ("required", "B2", "กรุณากรอก «สำนักงานเขต» (ช่องนี้ต้องมีข้อมูล)")]


def test_districts_workbook_made_before_the_setting() -> None:
    """The sample workbook as ``build-workbook`` wrote it before ``สำนักงานเขต`` existed."""
    result = api.validate(BEFORE, now=NOW)
    assert "district" not in result.parsed.project.cells
    assert result.parsed.project_info.district == "บางเขน"
    assert result.report.flat() == []


def _without_label(path: Path, agency: str | None) -> Path:
    """A plain workbook whose ``โครงการ`` has no ``สำนักงานเขต`` row, as before the setting."""
    wb = load_workbook(path)
    ws = wb[sh.PROJECT.name]
    row = next(c.row for c in ws["A"] if c.value == sh.PROJECT.title("district"))
    ws.delete_rows(row)
    agency_row = next(c.row for c in ws["A"] if c.value == sh.PROJECT.title("agency"))
    ws.cell(agency_row, 2).value = agency
    out = path.with_name("old-" + path.name)
    wb.save(out)
    return out


LABEL = ("ไม่พบหัวข้อ «สำนักงานเขต» ในชีต «โครงการ» {why} จึงไม่ทราบว่าเป็นสมุดงานของเขตใด "
         "กรุณาเพิ่มหัวข้อ «สำนักงานเขต» (ชื่อหัวข้ออยู่คอลัมน์หนึ่ง ค่าอยู่คอลัมน์ถัดไป) "
         "แล้วเลือกสำนักงานเขตจากรายการ")


@pytest.mark.parametrize(("agency", "district", "why"), [
    ("ฝ่ายการศึกษา สำนักงานเขตจตุจักร", "จตุจักร", None),
    ("ฝ่ายการศึกษา", None, "และ «หน่วยงานที่รับผิดชอบ» 'ฝ่ายการศึกษา' ไม่ได้ระบุสำนักงานเขต"),
    ("สำนักงานเขตบางเขน และสำนักงานเขตดอนเมือง", None,
     "และ «หน่วยงานที่รับผิดชอบ» 'สำนักงานเขตบางเขน และสำนักงานเขตดอนเมือง' ระบุไว้ 2 เขต "
     "(บางเขน, ดอนเมือง)"),
])
def test_districts_old_workbook_takes_the_agency_district(
        sample_path: Path, agency: str, district: str | None, why: str | None) -> None:
    result = api.validate(_without_label(sample_path, agency), now=NOW)
    assert result.parsed.project_info.district == district
    expected = [] if why is None else [("missing-setting", None, LABEL.format(why=why))]
    assert [(f.code, f.cell, f.message) for f in result.report.findings] == expected


def test_districts_old_workbook_without_agency(sample_path: Path) -> None:
    result = api.validate(_without_label(sample_path, None), now=NOW)
    assert [(f.code, f.message) for f in result.report.findings] == [
        ("required", "กรุณากรอก «หน่วยงานที่รับผิดชอบ» (ช่องนี้ต้องมีข้อมูล)"),
        ("missing-setting", LABEL.format(why="และยังไม่ได้กรอก «หน่วยงานที่รับผิดชอบ»"))]


def test_districts_new_year_of_an_old_workbook_fills_the_setting(tmp_path: Path) -> None:
    out = api.new_year(BEFORE, 2570, out=tmp_path / "learnworks-2570.xlsm").out
    result = api.validate(out, now=NOW)
    assert result.parsed.project.cells["district"] == "B4"
    assert result.parsed.project_info.district == "บางเขน"


def test_districts_drop_down_in_the_workbook() -> None:
    """``สำนักงานเขต`` is a drop-down of the 50 names (too long for an in-cell list: a range of
    the hidden sheet), with a prompt and an error message that fit Excel's 255 characters."""
    wb = load_workbook(ROOT / "workbook" / "learnworks-template.xlsm")
    ws = wb[sh.PROJECT.name]
    assert ws["A4"].value == "สำนักงานเขต"
    dv = next(d for d in ws.data_validations.dataValidation if str(d.sqref) == "B4")
    assert (dv.type, dv.errorStyle, dv.prompt, dv.error) == (  # errorStyle None: stop
        "list", None, "เลือกสำนักงานเขตจากรายการ (50 รายการ)",
        "«สำนักงานเขต» เลือกได้เฉพาะค่าในรายการ (50 รายการ) กรุณาเลือกจากรายการ")
    sheet, cells = dv.formula1.split("!")
    first, last = cells.replace("$", "").split(":")
    listed = [c.value for row in wb[sheet.strip("'")][f"{first}:{last}"] for c in row]
    assert tuple(listed) == districts.DISTRICTS
    sample = load_workbook(ROOT / "workbook" / "learnworks.xlsm")
    assert sample[sh.PROJECT.name]["B4"].value == "บางเขน"
