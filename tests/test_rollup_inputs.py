"""What the roll-up refuses before it reads a file: an output that would replace a district's
workbook in a folder given, a Christian-era fiscal year, no workbook at all; and what it lists
about a file found among the district files that is not a district's (a roll-up workbook)."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import pytest
from click.testing import CliRunner

from learnworks_xl import api
from learnworks_xl.cli import cli
from tests.rollupkit import MONTH, district, write

NOW = datetime(2026, 8, 3, 9)


def _rollup(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(cli, ["rollup", *args])
    return result.exit_code, result.output


# --- 1. the output never replaces a district's workbook ---------------------------------------

def test_rollup_output_over_a_district_workbook_in_the_folder_refused(tmp_path: Path) -> None:
    folder = tmp_path / "รายงานเขต"
    target = write(folder, "จตุจักร.xlsx", district("จตุจักร"))
    write(folder, "บางเขน.xlsx", district("บางเขน"))
    before = target.read_bytes()
    code, output = _rollup(str(folder), "-o", str(target), "--month", MONTH)
    assert (code, output) == (
        2, "ผิดพลาด: ไม่เขียนทับไฟล์ต้นฉบับ จตุจักร.xlsx กรุณาเลือกชื่อไฟล์ผลลัพธ์อื่น "
           f"(refusing to overwrite the input {target}: it is not a roll-up workbook)\n")
    assert target.read_bytes() == before
    assert sorted(p.name for p in folder.iterdir()) == ["จตุจักร.xlsx", "บางเขน.xlsx"]


def test_rollup_output_over_another_workbook_in_a_subfolder_refused(tmp_path: Path) -> None:
    folder = tmp_path / "รายงานเขต"
    write(folder, "บางเขน.xlsx", district("บางเขน"))
    other = folder / "เก่า" / "บันทึก.xlsx"
    other.parent.mkdir()
    other.write_bytes(b"not a workbook at all")
    code, output = _rollup(str(folder), "-o", str(other))
    assert code == 2
    assert output.startswith("ผิดพลาด: ไม่เขียนทับไฟล์ต้นฉบับ บันทึก.xlsx กรุณาเลือกชื่อไฟล์ผลลัพธ์อื่น ")
    assert other.read_bytes() == b"not a workbook at all"


def test_rollup_output_replaces_an_earlier_rollup_in_the_folder(tmp_path: Path) -> None:
    folder = tmp_path / "รายงานเขต"
    write(folder, "บางเขน.xlsx", district("บางเขน"))
    out = folder / "สรุป.xlsx"
    api.rollup([folder], out, month=MONTH, now=NOW)
    again = api.rollup([folder], out, month=MONTH, now=NOW)
    assert [f.name for f in again.rollup.files] == ["บางเขน.xlsx"]
    assert (folder / "สรุป.xlsx.bak").is_file()


# --- 2. a roll-up workbook among the district files -------------------------------------------

def test_rollup_a_rollup_workbook_in_the_folder_is_named_as_such(tmp_path: Path) -> None:
    folder = tmp_path / "รายงานเขต"
    write(folder, "บางเขน.xlsx", district("บางเขน"))
    api.rollup([folder], tmp_path / "สรุปเดือนก่อน.xlsx", month=MONTH, now=NOW)
    (tmp_path / "สรุปเดือนก่อน.xlsx").rename(folder / "สรุปเดือนก่อน.xlsx")
    result = api.rollup([folder], tmp_path / "o.xlsx", month=MONTH, now=NOW)
    assert [(f.name, f.status, f.detail) for f in result.rollup.files] == [
        ("บางเขน.xlsx", "accepted", ""),
        ("สรุปเดือนก่อน.xlsx", "refused",
         "เป็นสมุดงานสรุปภาพรวมกรุงเทพมหานคร (สร้างด้วย learnworks rollup) "
         "ไม่ใช่สมุดงานของสำนักงานเขต จึงไม่นำมารวม")]


# --- 4. nothing found: stop, write nothing ----------------------------------------------------

@pytest.mark.parametrize("given", [["ไม่มีโฟลเดอร์นี้"], ["ไม่มีโฟลเดอร์นี้", "ไม่มี.xlsx"]])
def test_rollup_no_path_exists_stops_like_an_empty_folder(tmp_path: Path,
                                                          given: list[str]) -> None:
    paths = [str(tmp_path / g) for g in given]
    out = tmp_path / "o.xlsx"
    code, output = _rollup(*paths, "-o", str(out))
    where = ", ".join(paths)
    assert (code, output) == (2, f"ผิดพลาด: ไม่พบสมุดงาน (.xlsx หรือ .xlsm) ใน {where} "
                                 f"(no workbook (.xlsx/.xlsm) found in {where})\n")
    assert not out.exists()


def test_rollup_one_missing_path_among_good_ones_is_listed(tmp_path: Path) -> None:
    good = write(tmp_path / "in", "บางเขน.xlsx", district("บางเขน"))
    missing = tmp_path / "ไม่มี.xlsx"
    result = api.rollup([good, missing], tmp_path / "o.xlsx", month=MONTH, now=NOW)
    assert [(f.name, f.status) for f in result.rollup.files] == [
        ("บางเขน.xlsx", "accepted"), ("ไม่มี.xlsx", "refused")]
    assert (tmp_path / "o.xlsx").is_file()


# --- 5. the fiscal year is a Buddhist-era year ------------------------------------------------

def _year_error(year: str) -> str:
    return (f"ผิดพลาด: ปีงบประมาณ {year} ไม่ถูกต้อง กรุณาระบุปีงบประมาณเป็นปีพุทธศักราช เช่น 2569 "
            f"(ระหว่าง 2560–2700) (fiscal year {year}: give a Buddhist-era year such as 2569 "
            "(2560-2700))\n")


@pytest.mark.parametrize("year", ["2026", "69", "2701", "2559"])
def test_rollup_fiscal_year_not_buddhist_era_refused(tmp_path: Path, year: str) -> None:
    folder = tmp_path / "in"
    write(folder, "บางเขน.xlsx", district("บางเขน"))
    out = tmp_path / "o.xlsx"
    assert _rollup(str(folder), "-o", str(out), "--fiscal-year", year) == (2, _year_error(year))
    assert not out.exists()
    site = tmp_path / "site"
    result = CliRunner().invoke(cli, ["publish", str(folder), str(folder / "บางเขน.xlsx"),
                                      "-o", str(site), "--fiscal-year", year])
    assert (result.exit_code, result.output) == (2, _year_error(year))
    assert not site.exists()


@pytest.mark.parametrize("year", ["2560", "2700"])
def test_rollup_fiscal_year_range_ends_accepted(tmp_path: Path, year: str) -> None:
    folder = tmp_path / "in"
    write(folder, "บางเขน.xlsx", district("บางเขน"))
    code, output = _rollup(str(folder), "-o", str(tmp_path / "o.xlsx"), "--fiscal-year", year)
    assert code == 1 and "ไม่ถูกต้อง" not in output
    assert "ไม่ใช่ปีงบประมาณ พ.ศ." in output  # the file is of 2569: refused and listed
