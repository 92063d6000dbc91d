"""`learnworks run`: the exact Thai summary on stdout, progress on stderr, exit codes."""

from __future__ import annotations

from pathlib import Path

import openpyxl
import pytest
from click.testing import CliRunner

from learnworks_xl.cli import cli

EPOCH = "1785490200"  # 2026-07-31 16:30 in Bangkok (SOURCE_DATE_EPOCH fixes the run time)


def test_run_cli_sample_summary(sample_path: Path) -> None:
    out = sample_path.with_name("sample-ผลลัพธ์-2569-07.xlsx")
    result = CliRunner().invoke(cli, ["run", str(sample_path), "--month", "2569-07"],
                                env={"SOURCE_DATE_EPOCH": EPOCH})
    assert result.exit_code == 0, result.output
    assert result.stdout == (
        f"สร้างสมุดงานผลลัพธ์แล้ว: {out}\n"
        "เดือนที่รายงาน: กรกฎาคม 2569 (ข้อมูล ณ วันที่ 31 ก.ค. 2569)\n"
        "ความก้าวหน้า: ตามแผน ร้อยละ 90.00 ผลจริง ร้อยละ 90.00 – เป็นไปตามแผน\n"
        "ตัวชี้วัด: ร้อยละ 100.00 (เป้าหมาย ร้อยละ 95) ผ่าน – โรงเรียนผ่านเกณฑ์ 5 จาก 5 โรงเรียน\n"
        "งบประมาณ: จัดสรร 69,500.00 บาท ใช้จ่าย 67,342.00 บาท (เบิกจ่ายร้อยละ 96.89)\n"
        "ผลการตรวจสอบ: ข้อผิดพลาด 0 รายการ คำเตือน 0 รายการ\n")
    assert result.stderr == (
        "[1/4] อ่านและตรวจสอบ sample.xlsx\n"
        "[2/4] คำนวณงบประมาณ ตัวชี้วัด และความก้าวหน้า\n"
        "[3/4] จัดทำรายงาน\n"
        "[4/4] เขียนสมุดงานผลลัพธ์ sample-ผลลัพธ์-2569-07.xlsx\n")
    assert out.exists()


def test_run_cli_broken_is_draft_exit_1(sample_path: Path, tmp_path: Path) -> None:
    wb = openpyxl.load_workbook(sample_path)
    wb["ผลงานนักเรียน"]["J2"] = "ไม่ใช่"  # BK01 selects 2 of 3 works
    wb["โรงเรียน"]["C3"] = "ขนาดใหณ่"  # BK02: unknown size (an error)
    broken = tmp_path / "broken.xlsx"
    wb.save(broken)
    out = tmp_path / "ผล.xlsx"
    result = CliRunner().invoke(cli, ["run", str(broken), "-o", str(out), "--month", "2026-07"],
                                env={"SOURCE_DATE_EPOCH": EPOCH})
    assert result.exit_code == 1, result.output
    assert result.stdout == (
        f"สร้างสมุดงานผลลัพธ์แล้ว: {out}\n"
        "เดือนที่รายงาน: กรกฎาคม 2569 (ข้อมูล ณ วันที่ 31 ก.ค. 2569)\n"
        "ความก้าวหน้า: ตามแผน ร้อยละ 90.00 ผลจริง ร้อยละ 90.00 – เป็นไปตามแผน\n"
        "ตัวชี้วัด: ร้อยละ 60.00 (เป้าหมาย ร้อยละ 95) ไม่ผ่าน – โรงเรียนผ่านเกณฑ์ 3 จาก 5 โรงเรียน\n"
        "งบประมาณ: จัดสรร 54,400.00 บาท ใช้จ่าย 67,342.00 บาท (เบิกจ่ายร้อยละ 123.79)\n"
        "ผลการตรวจสอบ: ข้อผิดพลาด 1 รายการ คำเตือน 1 รายการ\n"
        "รายงานเป็นฉบับร่าง: แก้ข้อผิดพลาดตามชีต «ผลการตรวจสอบ» แล้วสั่ง learnworks run อีกครั้ง\n")
    assert out.exists()


@pytest.mark.parametrize(("args", "code", "message"), [
    (["--month", "2026-13"], 2, "ผิดพลาด: เดือน '2026-13' ไม่มีอยู่จริง"),
    (["-o", "{src}"], 2, "ผิดพลาด: ไม่เขียนทับไฟล์ต้นฉบับ sample.xlsx กรุณาเลือกชื่อไฟล์ผลลัพธ์อื่น "
                         "(refusing to overwrite the input"),
    (["-o", "{dir}/out.xlsm"], 2, "ผิดพลาด: ชื่อไฟล์ out.xlsm ต้องลงท้ายด้วย .xlsx "
                                  "(สมุดงานไม่มีแมโคร)"),
])
def test_run_cli_clerk_errors(sample_path: Path, args: list[str], code: int,
                              message: str) -> None:
    filled = [a.format(src=sample_path, dir=sample_path.parent) for a in args]
    result = CliRunner().invoke(cli, ["run", str(sample_path), *filled],
                                env={"SOURCE_DATE_EPOCH": EPOCH})
    assert result.exit_code == code
    assert result.stderr.splitlines()[-1].startswith(message)
    assert "Traceback" not in result.output


def test_run_cli_unreadable_input(tmp_path: Path) -> None:
    bad = tmp_path / "notes.xlsx"
    bad.write_text("not a workbook", encoding="utf-8")
    result = CliRunner().invoke(cli, ["run", str(bad)])
    assert result.exit_code == 2
    assert result.stderr.splitlines()[-1].startswith("ผิดพลาด: ")
    assert not list(tmp_path.glob("*ผลลัพธ์*"))
