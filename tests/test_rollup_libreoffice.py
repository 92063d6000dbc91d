"""The roll-up against the real other side: district workbooks as offices keep them (the
built .xlsm with buttons, a copy saved by LibreOffice, a finished workbook of
``learnworks run``), and the roll-up workbook printed by LibreOffice on A4."""

from __future__ import annotations

import re
import shutil
import subprocess
from datetime import datetime
from pathlib import Path

import pytest

from learnworks_xl import api
from learnworks_xl.workbook import build_workbook
from tests.libreoffice import bases, soffice
from tests.rollupkit import MONTH, district, unselect_one, write

pytestmark = pytest.mark.skipif(
    shutil.which("soffice") is None or shutil.which("pdftotext") is None,
    reason="LibreOffice or poppler is not installed")
NOW = datetime(2026, 8, 3, 9)


def test_rollup_reads_workbooks_as_offices_keep_them(tmp_path: Path) -> None:
    folder = tmp_path / "รายงานเขต"
    folder.mkdir()
    build_workbook(folder / "บางเขน.xlsm", data=district("บางเขน"))
    plain = write(tmp_path / "src", "ดอนเมือง.xlsx", unselect_one(district("ดอนเมือง"), "BK03"))
    saved = soffice(plain, "xlsx:Calc MS Excel 2007 XML", tmp_path / "lo", tmp_path / "profile")
    shutil.copy(saved, folder / "ดอนเมือง-LibreOffice.xlsx")
    source = write(tmp_path / "src", "จตุจักร.xlsx", district("จตุจักร"))
    api.run(source, out=folder / "จตุจักร-ผลลัพธ์.xlsx", month=MONTH, now=NOW)
    result = api.rollup([folder], tmp_path / "bkk.xlsx", month=MONTH, now=NOW)
    assert [(f.name, f.status) for f in result.rollup.files] == [
        ("จตุจักร-ผลลัพธ์.xlsx", "accepted"), ("ดอนเมือง-LibreOffice.xlsx", "accepted"),
        ("บางเขน.xlsm", "accepted")]
    r = result.rollup
    assert [(d.district, len(d.schools), d.met, d.spent) for d in r.districts] == [
        ("บางเขน", 5, 5, 67342), ("จตุจักร", 5, 5, 67342), ("ดอนเมือง", 5, 4, 67342)]
    assert (r.school_count, r.met, str(r.kpi)) == (15, 14, "93.33")


def test_rollup_prints_on_a4(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    write(folder, "บางเขน.xlsx", district("บางเขน"))
    write(folder, "ดอนเมือง.xlsx", unselect_one(district("ดอนเมือง"), "BK03"))
    out = api.rollup([folder], tmp_path / "bkk.xlsx", month=MONTH, now=NOW).out
    pdf = soffice(out, "pdf", tmp_path / "pdf", tmp_path / "profile")
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True,
                          check=True).stdout
    size = re.search(r"Page size:\s+([\d.]+) x ([\d.]+)", info)
    assert size is not None
    assert sorted(round(float(x)) for x in size.groups()) == [595, 842]  # A4, either way
    text = bases(subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True,
                                check=True).stdout)
    for words in ("สรุปภาพรวมกรุงเทพมหานคร", "สรุปผลการดำเนินงานรายสำนักงานเขต",
                  "โรงเรียนทั้งหมด", "ผลงานนักเรียนที่คัดสรรส่งสำนักการศึกษา",
                  "สถานะการส่งข้อมูลของสำนักงานเขต", "ข้อมูล ณ วันที่ 31 ก.ค. 2569", "90.00"):
        assert bases(words) in text, words
