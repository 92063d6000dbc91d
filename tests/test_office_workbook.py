"""The Education Office's workbook (``workbook/learnworks-สำนักการศึกษา.xlsm``) as built: its
sheets, ``วิธีใช้`` and its two buttons, ``ตั้งค่า`` read back by the program, the five roll-up
sheets waiting for the button, the names the VBA reads, the VBA project through olevba, and
the committed file current and byte-stable."""

from __future__ import annotations

import re
import subprocess
import sys
import zipfile
from pathlib import Path

import openpyxl
import pytest
from oletools.olevba import VBA_Parser
from test_workbook_golden import compare_parts

from learnworks_xl import api
from learnworks_xl.core.office import OFFICE_SETTINGS, OfficeSettings, office_settings
from learnworks_xl.core.rollup import SHEETS
from learnworks_xl.errors import ConfigError
from learnworks_xl.io.reader import read_workbook
from learnworks_xl.workbook.office import (
    BUTTONS,
    EMPTY_NOTE,
    FILE_NAME,
    STEPS,
    build_office_workbook,
)
from learnworks_xl.workbook.vba import OFFICE_MACROS, OFFICE_MODULES, project_modules
from learnworks_xl.workbook.vba.sources import source_dir

ROOT = Path(__file__).resolve().parents[1]
COMMITTED = ROOT / "workbook" / FILE_NAME


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_office_workbook(tmp_path_factory.mktemp("office") / FILE_NAME)


def test_office_workbook_sheets(built: Path) -> None:
    wb = openpyxl.load_workbook(built)
    assert wb.sheetnames == ["วิธีใช้", "ตั้งค่า", "สรุปภาพรวม", "สรุปรายเขต", "โรงเรียนทั้งหมด",
                             "ผลงานที่คัดสรร", "สถานะการส่งข้อมูล", "xlwings.conf"]
    assert [wb[n].sheet_state for n in wb.sheetnames] == ["visible"] * 7 + ["hidden"]
    assert wb.active.title == "วิธีใช้"
    for name in wb.sheetnames[:7]:
        ws = wb[name]
        assert ws.page_setup.paperSize == 9, name  # A4
        assert ws["A1"].font.name == "TH Sarabun New" and ws["A1"].font.sz in (16, 20), name


def test_office_workbook_guide_texts(built: Path) -> None:
    ws = openpyxl.load_workbook(built)["วิธีใช้"]
    texts = [c.value for c in ws["A"] if c.value is not None]
    assert texts == [
        "รวบรวมรายงานโครงการของสำนักงานเขต",
        "สำนักการศึกษา กรุงเทพมหานคร – สมุดงานสรุปภาพรวมจากสมุดงานของสำนักงานเขตทั้ง 50 เขต",
        "คำสั่ง",
        "ปุ่มทำงานเมื่อเปิดใช้งานแมโคร (กด «เปิดใช้งานเนื้อหา» / Enable Content)",
        "วิธีใช้", *STEPS]
    assert STEPS[0] == ("1. คัดลอกสมุดงานที่สำนักงานเขตส่งมา (ไฟล์ .xlsm หรือ .xlsx เขตละไฟล์ "
                        "ชื่อใดก็ได้) ไว้ในโฟลเดอร์ «รายงานเขต» ข้างไฟล์นี้ ถ้ายังไม่มีโฟลเดอร์ "
                        "กดปุ่ม «รวบรวมรายงานเขต» หนึ่งครั้ง โปรแกรมจะสร้างให้ ไฟล์ในโฟลเดอร์ย่อยก็นับด้วย")
    assert STEPS[2] == ("3. กดปุ่ม «รวบรวมรายงานเขต»: โปรแกรมอ่านสมุดงานของทุกเขต (ไม่แก้ไขไฟล์ของเขต) "
                        "แล้วเขียนชีต «สรุปภาพรวม» «สรุปรายเขต» «โรงเรียนทั้งหมด» «ผลงานที่คัดสรร» "
                        "«สถานะการส่งข้อมูล» ใหม่ทั้งหมด")


def test_office_workbook_buttons_in_vml(built: Path) -> None:
    with zipfile.ZipFile(built) as z:
        vml = z.read("xl/drawings/vmlDrawing1.vml").decode("utf-8")
        assert 'codeName="Sheet1"' in z.read("xl/worksheets/sheet1.xml").decode("utf-8")
    macros = re.findall(r"<x:FmlaMacro>\[0\]!(\w+)</x:FmlaMacro>", vml)
    assert macros == ["LwRollup", "LwEmailRollup"] == list(OFFICE_MACROS)
    assert [c for c, _m in BUTTONS] == ["รวบรวมรายงานเขต", "ส่งอีเมลสรุปภาพรวม"]
    for caption, _ in BUTTONS:
        assert caption in vml


def test_office_workbook_settings_read_back(built: Path) -> None:
    ws = openpyxl.load_workbook(built)["ตั้งค่า"]
    labels = [ws.cell(r, 1).value for r in range(3, 3 + len(OFFICE_SETTINGS.columns))]
    assert labels == ["เดือนที่รายงาน", "ปีงบประมาณ (พ.ศ.)", "อีเมลผู้รับ (คั่นด้วย ,)",
                      "สำเนาถึง (คั่นด้วย ,)", "อีเมลผู้ส่ง", "เซิร์ฟเวอร์อีเมล (SMTP)", "พอร์ต SMTP",
                      "การเข้ารหัส SMTP", "ชื่อผู้ใช้ SMTP", "โหมดการทำงาน", "URL ของ xlwings Server"]
    assert office_settings(read_workbook(built)) == OfficeSettings()
    assert ws["B12"].value == "Python ในเครื่อง"


def test_office_workbook_settings_wrong(built: Path, tmp_path: Path) -> None:
    wb = openpyxl.load_workbook(built, keep_vba=True)
    wb["ตั้งค่า"]["B4"] = 2400
    wb.save(tmp_path / "wrong.xlsm")
    with pytest.raises(ConfigError) as err:
        office_settings(read_workbook(tmp_path / "wrong.xlsm"))
    assert err.value.message_th == ("ชีต «ตั้งค่า» (เซลล์ B4): «ปีงบประมาณ (พ.ศ.)» '2400' "
                                    "ต้องอยู่ระหว่าง 2560 ถึง 2700")


def test_office_workbook_rollup_sheets_wait_for_the_button(built: Path) -> None:
    wb = openpyxl.load_workbook(built)
    assert EMPTY_NOTE == ("ชีตนี้โปรแกรมเขียนให้ กดปุ่ม «รวบรวมรายงานเขต» ที่ชีต «วิธีใช้» "
                          "(ไม่ต้องพิมพ์ข้อมูลในชีตนี้)")
    for name in SHEETS:
        values = [c.value for row in wb[name].iter_rows() for c in row if c.value is not None]
        assert values == [name, EMPTY_NOTE], name


def test_office_workbook_names_the_vba_reads(built: Path) -> None:
    wb = openpyxl.load_workbook(built)
    names = {n: d.attr_text for n, d in wb.defined_names.items()}
    assert names["lw_mode"] == "'ตั้งค่า'!$B$12"
    assert names["lw_server_url"] == "'ตั้งค่า'!$B$13"
    assert names["lw_msg_title"] == '"สมุดงานสำนักการศึกษา รวบรวมรายงานเขต"'
    assert {"lw_msg_no_server_url", "lw_msg_no_api_key", "lw_msg_rows_too_far",
            "lw_msg_failed"} < set(names)


@pytest.mark.parametrize("path", ["built", "committed"])
def test_office_workbook_vba_project_olevba(path: str, built: Path) -> None:
    """olevba (Python API and command line) finds exactly our two modules, the xlwings client
    and one document module per sheet; the office's macros call the shared ``LwRun``."""
    target = built if path == "built" else COMMITTED
    parser = VBA_Parser(str(target))
    try:
        found = {name: code for _f, _s, name, code in parser.extract_all_macros()}
    finally:
        parser.close()
    modules = project_modules([f"Sheet{i}" for i in range(1, 9)], OFFICE_MODULES)
    ext = {"standard": "bas", "class": "cls", "document": "cls"}
    assert found == {f"{m.name}.{ext[m.kind.name.lower()]}": m.source for m in modules}
    office = found["LearnworksOffice.bas"]
    for macro, entry in OFFICE_MACROS.items():
        assert f'Public Sub {macro}()\r\n    LwRun "{entry}"\r\nEnd Sub' in office
    assert "Public Sub LwRun(ByVal entryPoint As String)" in found["LearnworksButtons.bas"]
    assert (source_dir() / "LearnworksOffice.bas").read_bytes().isascii()
    olevba = Path(sys.executable).parent / "olevba"
    cli = subprocess.run([str(olevba), "-c", str(target)], capture_output=True, check=False,
                         text=True, encoding="utf-8")
    assert cli.returncode == 0, cli.stderr
    assert "VBA MACRO LearnworksOffice.bas" in cli.stdout
    assert 'LwRun "email_rollup"' in cli.stdout


def test_office_workbook_committed_current(built: Path) -> None:
    compare_parts(built, COMMITTED)


def test_office_workbook_byte_stable(built: Path, tmp_path: Path) -> None:
    again = build_office_workbook(tmp_path / FILE_NAME)
    assert again.read_bytes() == built.read_bytes()


def test_office_workbook_built_by_build_workbook(tmp_path: Path) -> None:
    written = api.build_workbook(tmp_path)
    assert [p.name for p in written] == ["learnworks.xlsm", "learnworks-template.xlsm",
                                         "learnworks-สำนักการศึกษา.xlsm"]
