"""The roll-up's rules: bad files are listed with the reader's Thai reason and never stop it;
schools keyed by (district, code); one fiscal year; one file per district; drafts; folders;
students' names; the command line's errors."""

from __future__ import annotations

import os
import re
import zipfile
from collections.abc import Callable
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from openpyxl import Workbook

from learnworks_xl import api
from learnworks_xl.cli import cli
from learnworks_xl.core import sheets as sh
from learnworks_xl.core.models import NAMES_FULL, NAMES_INITIALS
from learnworks_xl.errors import ConfigError, WorkbookReadError
from learnworks_xl.io.plainwriter import write_plain_workbook
from learnworks_xl.io.reader import read_workbook
from learnworks_xl.rollup.job import RollupResult
from learnworks_xl.sample import sample_data
from tests.corpus import files as bad
from tests.corpus.kit import Kit
from tests.rollupkit import MONTH, by_hand, district, table, unselect_one, write

NOW = datetime(2026, 8, 3, 9)
ROOT = Path(__file__).resolve().parents[1]


def statuses(result: RollupResult) -> list[tuple[str, str | None, str, str]]:
    """(file, district, status, detail) of every file."""
    return [(f.name, f.district, f.status, f.detail) for f in result.rollup.files]


# --- bad files ------------------------------------------------------------------------------

def _not_learnworks(kit: Kit) -> Path:
    wb = Workbook()
    wb.active.append(["ชื่อ", "คะแนน"])  # type: ignore[union-attr]
    target = kit.out("คะแนนสอบ.xlsx")
    wb.save(target)
    return target


def _form(kit: Kit) -> Path:
    return api.school_forms(kit.base, kit.out("forms")).written[0]


BAD: dict[str, Callable[[Kit], Path]] = {
    "encrypted": bad.password, "csv": bad.csv_renamed, "plain-zip": bad.plain_zip,
    "truncated": bad.truncated, "still-saving": bad.no_central_directory,
    "empty": bad.empty_file, "xlsb": bad.xlsb, "zip-bomb": bad.zip_bomb,
    "entity-bomb": bad.entity_bomb_sheet, "external-entity": bad.external_entity,
    "past-cell-limit": bad.past_cell_limit, "lock-file": bad.lock_file,
}


def test_rollup_bad_files_listed_with_the_readers_reason(
        tmp_path: Path, sample_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Every bad file is listed with exactly the Thai reason the reader gives for it; the
    good district is rolled up all the same; the command exits 1."""
    # the default limit (2,500,000 cells) is set lower, as a PC with little memory would,
    # so that the file past it stays small
    monkeypatch.setenv("LEARNWORKS_MAX_CELLS", "150000")
    kit = Kit(sample_path, tmp_path / "bad")
    kit.folder.mkdir()
    bad_files = [build(kit) for build in BAD.values()]
    good = write(tmp_path, "บางเขน.xlsx", district("บางเขน"))
    reasons = []
    for path in bad_files:
        with pytest.raises(WorkbookReadError) as caught:
            read_workbook(path)
        reasons.append(caught.value.message_th)
    result = api.rollup([good, *bad_files], tmp_path / "out.xlsx", month=MONTH, now=NOW)
    assert statuses(result) == [("บางเขน.xlsx", "บางเขน", "accepted", ""),
                                *[(p.name, None, "refused", reason)
                                  for p, reason in zip(bad_files, reasons, strict=True)]]
    assert [d.district for d in result.rollup.districts] == ["บางเขน"]
    assert not result.ok
    listed = table(tmp_path / "out.xlsx", "สถานะการส่งข้อมูล", "ลำดับ")
    assert listed[2][1:] == ["password.xlsx", "-", "-", "ไม่ใช้", reasons[0]]


def test_rollup_files_that_are_not_district_workbooks(tmp_path: Path, sample_path: Path,
                                                      sample_dict: dict[str, Any]) -> None:
    kit = Kit(sample_path, tmp_path)
    other, form = _not_learnworks(kit), _form(kit)
    no_year = district("บางนา")
    del no_year[sh.PROJECT.name]["fiscal_year"]
    unknown = write_plain_workbook(no_year, tmp_path / "no-year.xlsx")
    result = api.rollup([other, form, unknown, tmp_path / "gone.xlsx"], tmp_path / "o.xlsx",
                        month=MONTH, now=NOW)
    not_district = ("ไม่ใช่สมุดงานโครงการของสำนักงานเขต (ไม่พบชีต «โครงการ») "
                    "หากเป็นแบบฟอร์มโรงเรียน ให้สำนักงานเขตรวบรวมเข้าสมุดงานของเขตก่อน")
    assert statuses(result) == [
        ("คะแนนสอบ.xlsx", None, "refused", not_district),
        (form.name, None, "refused", not_district),
        ("no-year.xlsx", "บางนา", "refused", "ไม่ทราบปีงบประมาณของสมุดงาน: กรุณากรอก "
                                           "«ปีงบประมาณ (พ.ศ.)» (ช่องนี้ต้องมีข้อมูล)"),
        ("gone.xlsx", None, "refused", f"ไม่พบไฟล์ {tmp_path / 'gone.xlsx'}"),
    ]
    assert result.rollup.districts == () and result.rollup.month is None
    assert (tmp_path / "o.xlsx").exists()  # the status sheet says what happened


def test_rollup_district_unknown(tmp_path: Path) -> None:
    data = district("บางเขน")
    data[sh.PROJECT.name]["district"] = "เชียงใหม่"
    path = write(tmp_path, "x.xlsx", data)
    result = api.rollup([path], tmp_path / "o.xlsx", month=MONTH, now=NOW)
    assert statuses(result) == [("x.xlsx", None, "refused",
                                 "ไม่ทราบว่าเป็นสมุดงานของสำนักงานเขตใด: «สำนักงานเขต» 'เชียงใหม่' "
                                 "ไม่ใช่ชื่อสำนักงานเขตของกรุงเทพมหานคร กรุณาเลือกจากรายการ "
                                 "50 สำนักงานเขต")]


def test_rollup_a_program_fault_on_one_file_does_not_stop_it(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from learnworks_xl.rollup import job

    folder = tmp_path / "in"
    write(folder, "a.xlsx", district("บางเขน"))
    write(folder, "b.xlsx", district("บางนา"))
    real = job.read_district

    def flaky(raw: Any, name: str, **kwargs: Any) -> Any:
        if name == "a.xlsx":
            raise KeyError("boom")
        return real(raw, name, **kwargs)

    monkeypatch.setattr(job, "read_district", flaky)
    monkeypatch.delenv("LEARNWORKS_DEBUG", raising=False)
    result = api.rollup([folder], tmp_path / "o.xlsx", month=MONTH, now=NOW)
    assert statuses(result)[0] == ("a.xlsx", None, "refused",
                                   "อ่านไฟล์นี้ไม่ได้เพราะข้อผิดพลาดภายในโปรแกรม (KeyError) "
                                   "กรุณาแจ้งผู้ดูแลระบบพร้อมไฟล์นี้")
    assert [d.district for d in result.rollup.districts] == ["บางนา"]


# --- keys, years, duplicates, drafts --------------------------------------------------------

def test_rollup_same_school_codes_in_two_districts(tmp_path: Path) -> None:
    """BK01…BK05 in both districts are ten schools; BK03 fails in บางเขน only, and บางเขน's
    works and money never count for บางนา's BK03."""
    folder = tmp_path / "in"
    write(folder, "a.xlsx", unselect_one(district("บางเขน"), "BK03"))
    more = district("บางนา")
    more[sh.PURCHASES.name] = [p for p in more[sh.PURCHASES.name] if p["school_code"] != "BK03"]
    write(folder, "b.xlsx", more)
    out = tmp_path / "o.xlsx"
    result = api.rollup([folder], out, month=MONTH, now=NOW)
    bk03 = {s.district: s for s in result.rollup.schools if s.code == "BK03"}
    assert (bk03["บางเขน"].selected, bk03["บางเขน"].meets) == (1, False)
    assert (bk03["บางนา"].selected, bk03["บางนา"].meets) == (2, True)
    assert bk03["บางนา"].spent == 0 and bk03["บางเขน"].spent == by_hand_spent("BK03")
    assert result.rollup.school_count == 10 and result.rollup.met == 9
    rows = table(out, "โรงเรียนทั้งหมด", "สำนักงานเขต")[1:]
    assert [(r[0], r[1], r[9]) for r in rows if r[1] == "BK03"] == [
        ("บางเขน", "BK03", "ไม่ผ่านเกณฑ์"), ("บางนา", "BK03", "ผ่านเกณฑ์")]


def by_hand_spent(code: str) -> Decimal:
    """What the sample's school ``code`` spent by the end of July 2569."""
    return sum((p["amount"] for p in sample_data()[sh.PURCHASES.name]
                if p["school_code"] == code and p["date"] <= date(2026, 7, 31)), Decimal(0))


def _fy2570(folder: Path, name: str, district_name: str) -> Path:
    """District ``district_name``'s FY 2570 workbook, made by ``learnworks new-year``."""
    src = write(folder / "src", f"{district_name}.xlsx", district(district_name))
    return api.new_year(src, 2570, out=folder / name).out


def test_rollup_mixed_fiscal_years(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    write(folder, "a.xlsx", district("บางเขน"))
    write(folder, "b.xlsx", district("บางนา"))
    _fy2570(tmp_path, "in/c.xlsm", "ดุสิต")
    result = api.rollup([folder], tmp_path / "o.xlsx", month=MONTH, now=NOW)
    assert result.rollup.fiscal_year == 2569
    assert statuses(result)[2] == ("c.xlsm", "ดุสิต", "refused",
                                   "เป็นข้อมูลปีงบประมาณ พ.ศ. 2570 ไม่ใช่ปีงบประมาณ พ.ศ. 2569 "
                                   "ของไฟล์ส่วนใหญ่ จึงไม่นำมารวม")
    assert [d.district for d in result.rollup.districts] == ["บางเขน", "บางนา"]
    chosen = api.rollup([folder], tmp_path / "o.xlsx", fiscal_year=2570,
                        now=datetime(2026, 11, 3, 9))
    assert [f.status for f in chosen.rollup.files] == ["refused", "refused", "accepted"]
    assert chosen.rollup.files[0].detail == ("เป็นข้อมูลปีงบประมาณ พ.ศ. 2569 ไม่ใช่ปีงบประมาณ "
                                             "พ.ศ. 2570 ที่กำหนดให้รวบรวม จึงไม่นำมารวม")
    assert chosen.rollup.month == date(2026, 10, 1)  # the month just ended, FY 2570


@pytest.mark.parametrize(("now", "year", "used"), [
    (datetime(2026, 8, 3, 9), 2569, ["accepted", "refused"]),  # FY 2569 contains the day
    (datetime(2026, 11, 3, 9), 2570, ["refused", "accepted"]),  # FY 2570 contains the day
    (datetime(2027, 11, 3, 9), 2570, ["refused", "accepted"]),  # neither: the later one
])
def test_rollup_majority_tie_takes_the_year_of_today_else_the_later(
        tmp_path: Path, now: datetime, year: int, used: list[str]) -> None:
    folder = tmp_path / "in"
    write(folder, "a.xlsx", district("บางเขน"))
    _fy2570(tmp_path, "in/b.xlsm", "ดุสิต")
    result = api.rollup([folder], tmp_path / "o.xlsx", now=now)
    assert result.rollup.fiscal_year == year
    assert [f.status for f in result.rollup.files] == used


def _older(data: dict[str, Any]) -> dict[str, Any]:
    """The same district a month earlier: nothing dated after 30 มิ.ย. 2569."""
    last = date(2026, 6, 30)
    for spec, field in ((sh.PURCHASES, "date"), (sh.RESULT_REPORTS, "submitted_on"),
                        (sh.ACTIVITIES, "submitted_on")):
        data[spec.name] = [r for r in data[spec.name] if (r.get(field) or last) <= last]
    for w in data[sh.WORKS.name]:
        if w["submitted_on"] and w["submitted_on"] > last:
            w["submitted_on"] = None
    data[sh.PLAN.name] = [{**s, "completed_on": s["completed_on"]
                           if s.get("completed_on") and s["completed_on"] <= last else None,
                           "status": s["status"] if s.get("completed_on")
                           and s["completed_on"] <= last else "กำลังดำเนินการ"}
                          for s in data[sh.PLAN.name]]
    data[sh.NOTES.name] = [n for n in data[sh.NOTES.name] if n["month"] <= last]
    return data


@pytest.mark.parametrize("newer_first", [True, False])
def test_rollup_same_district_twice_later_data_counts(tmp_path: Path, newer_first: bool) -> None:
    folder = tmp_path / "in"
    newer = district("บางเขน")
    names = ("1-ล่าสุด.xlsx", "2-เดือนก่อน.xlsx") if newer_first else ("2-ล่าสุด.xlsx",
                                                                      "1-เดือนก่อน.xlsx")
    write(folder, names[0], newer)
    write(folder, names[1], _older(district("บางเขน")))
    write(folder, "3-บางนา.xlsx", district("บางนา"))
    result = api.rollup([folder], tmp_path / "o.xlsx", month=MONTH, now=NOW)
    used = {d.district: d.source for d in result.rollup.districts}
    assert used == {"บางเขน": names[0], "บางนา": "3-บางนา.xlsx"}
    old = next(f for f in result.rollup.files if f.name == names[1])
    assert (old.status, old.detail) == (
        "replaced", f"ใช้ไฟล์ {names[0]} ของสำนักงานเขตบางเขนแทน (ข้อมูลถึง 15 ก.ย. 2569 "
                    "ไฟล์นี้ข้อมูลถึง 26 มิ.ย. 2569) ไม่นับซ้ำ")  # the latest date of any row
    assert result.rollup.school_count == 10  # never both
    assert result.rollup.spent == 2 * by_hand(newer).spent
    assert result.ok  # an older copy is not a problem of the files


def _saved(path: Path, stamp: str | None) -> Path:
    """Set the workbook's ``dcterms:modified`` (as Excel writes it on saving), or remove it
    (a workbook whose saved time only the file's date tells)."""
    with zipfile.ZipFile(path) as src:
        parts = {i.filename: src.read(i) for i in src.infolist()}
    core = parts["docProps/core.xml"].decode()
    core, n = re.subn(r"<dcterms:modified[^>]*>[^<]*</dcterms:modified>",
                      f'<dcterms:modified xsi:type="dcterms:W3CDTF">{stamp}</dcterms:modified>'
                      if stamp else "", core)
    assert n == 1
    parts["docProps/core.xml"] = core.encode()
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as out:
        for name, data in parts.items():
            out.writestr(name, data)
    return path


def _replaced(result: RollupResult) -> list[tuple[str, str, str]]:
    return [(f.name, f.status, f.detail) for f in result.rollup.files]


def test_rollup_same_district_same_data_the_copy_without_errors_counts(tmp_path: Path) -> None:
    """A draft saved after the corrected copy, with the same data date: the corrected copy."""
    folder = tmp_path / "in"
    draft = district("บางเขน")
    draft[sh.RISKS.name][0]["likelihood"] = 7  # an error that changes no date
    _saved(write(folder, "1-แก้แล้ว.xlsx", district("บางเขน")), "2026-08-01T08:00:00Z")
    _saved(write(folder, "2-ร่าง.xlsx", draft), "2026-08-02T08:00:00Z")
    result = api.rollup([folder], tmp_path / "o.xlsx", month=MONTH, now=NOW)
    assert _replaced(result) == [
        ("1-แก้แล้ว.xlsx", "accepted", ""),
        ("2-ร่าง.xlsx", "replaced", "ใช้ไฟล์ 1-แก้แล้ว.xlsx ของสำนักงานเขตบางเขนแทน "
                                    "(ข้อมูลถึงวันเดียวกัน ใช้ไฟล์ที่ไม่มีข้อผิดพลาด) ไม่นับซ้ำ")]
    assert result.ok


def test_rollup_same_district_same_data_saved_later_counts(tmp_path: Path) -> None:
    """The workbook's own saved time decides, not the date the file got on this disk (a
    copy, a download): b was saved later though a's file date is later."""
    folder = tmp_path / "in"
    a = _saved(write(folder, "a.xlsx", district("บางเขน")), "2026-08-01T08:00:00Z")
    b = _saved(write(folder, "b.xlsx", district("บางเขน")), "2026-08-01T09:30:00Z")
    os.utime(a, (1_800_000_000, 1_800_000_000))
    os.utime(b, (1_700_000_000, 1_700_000_000))
    result = api.rollup([folder], tmp_path / "o.xlsx", month=MONTH, now=NOW)
    assert _replaced(result) == [
        ("a.xlsx", "replaced", "ใช้ไฟล์ b.xlsx ของสำนักงานเขตบางเขนแทน "
                               "(ข้อมูลถึงวันเดียวกัน ใช้ไฟล์ที่บันทึกล่าสุด) ไม่นับซ้ำ"),
        ("b.xlsx", "accepted", "")]


def test_rollup_same_district_no_saved_time_takes_the_file_date(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    a = _saved(write(folder, "a.xlsx", district("บางเขน")), None)
    b = _saved(write(folder, "b.xlsx", district("บางเขน")), None)
    os.utime(a, (1_800_000_000, 1_800_000_000))  # a saved after b
    os.utime(b, (1_700_000_000, 1_700_000_000))
    result = api.rollup([folder], tmp_path / "o.xlsx", month=MONTH, now=NOW)
    assert [d.source for d in result.rollup.districts] == ["a.xlsx"]
    assert _replaced(result)[1] == (
        "b.xlsx", "replaced", "ใช้ไฟล์ a.xlsx ของสำนักงานเขตบางเขนแทน "
                              "(ข้อมูลถึงวันเดียวกัน ใช้ไฟล์ที่บันทึกล่าสุด) ไม่นับซ้ำ")
    os.utime(a, (1_700_000_000, 1_700_000_000))  # the same time: the one given later
    result = api.rollup([folder], tmp_path / "o.xlsx", month=MONTH, now=NOW)
    assert _replaced(result)[0] == (
        "a.xlsx", "replaced", "ใช้ไฟล์ b.xlsx ของสำนักงานเขตบางเขนแทน (ข้อมูลถึงวันเดียวกัน "
                              "บันทึกเวลาเดียวกัน ใช้ไฟล์ที่ระบุไว้ทีหลัง) ไม่นับซ้ำ")


def test_rollup_draft_counts_its_valid_rows(tmp_path: Path) -> None:
    data = district("บางเขน")
    data[sh.PURCHASES.name][0]["quantity"] = "สิบรีม"  # BK01's 1,250.00 paper: not counted
    data[sh.WORKS.name][0]["grade"] = "ป.9"  # BK01 then sends 2 of its 3 works
    folder = tmp_path / "in"
    write(folder, "a.xlsx", data)
    runner = CliRunner()
    result = runner.invoke(cli, ["rollup", str(folder), "-o", str(tmp_path / "o.xlsx"),
                                 "--month", MONTH], catch_exceptions=False)
    assert result.exit_code == 1
    rollup = api.rollup([folder], tmp_path / "o.xlsx", month=MONTH, now=NOW).rollup
    d = rollup.districts[0]
    assert (d.draft, d.errors, d.met, d.spent) == (True, 2, 4, Decimal(67342 - 1250))
    status = rollup.files[0]
    assert status.status == "draft"
    assert status.detail == (
        "ฉบับร่าง: ข้อผิดพลาด 2 รายการ นับเฉพาะแถวที่ถูกต้อง เช่น "
        "«การใช้จ่าย» ช่อง D2: «จำนวน» 'สิบรีม' ไม่ใช่ตัวเลข กรุณากรอกเป็นตัวเลข เช่น 2 หรือ "
        "1,250.50 | "
        "«ผลงานนักเรียน» ช่อง G2: «ระดับชั้น» 'ป.9' ไม่อยู่ในรายการ เลือกได้เฉพาะ อ.1, อ.2, "
        "อ.3, ป.1, ป.2, ป.3, ป.4, ป.5, ป.6, ม.1, ม.2, ม.3, ม.4, ม.5, ม.6")
    assert "  a.xlsx: ใช้ข้อมูล (ฉบับร่าง) – ฉบับร่าง: ข้อผิดพลาด 2 รายการ" in result.stdout
    rows = table(tmp_path / "o.xlsx", "สรุปรายเขต", "สำนักงานเขต")
    assert rows[1][9:] == ["เป็นไปตามแผน (ฉบับร่าง)", 2, 1]


def test_rollup_old_workbook_takes_its_agency_district(tmp_path: Path) -> None:
    before = ROOT / "tests" / "fixtures" / "learnworks-before-district.xlsm"
    result = api.rollup([before], tmp_path / "o.xlsx", month=MONTH, now=NOW)
    assert statuses(result) == [(before.name, "บางเขน", "accepted",
                                 "สำนักงานเขตอ่านจาก «หน่วยงานที่รับผิดชอบ» "
                                 "(สมุดงานรุ่นก่อนมีหัวข้อ «สำนักงานเขต»)")]


# --- folders, output, command line ----------------------------------------------------------

def test_rollup_folder_search(tmp_path: Path) -> None:
    """Subfolders are searched and named relatively; hidden and temporary files, other
    suffixes and the output itself (a previous roll-up in the same folder) are not read."""
    folder = tmp_path / "รายงานเขต"
    write(folder / "บางเขน", "learnworks.xlsx", district("บางเขน"))
    write(folder / "บางนา", "learnworks.xlsx", district("บางนา"))
    write(folder, "~$learnworks.xlsx", district("ดุสิต"))
    write(folder, ".ซ่อน.xlsx", district("ดุสิต"))
    write(folder / ".git", "x.xlsx", district("ดุสิต"))
    (folder / "หมายเหตุ.txt").write_text("อ่านฉัน", encoding="utf-8")
    out = folder / "สรุป.xlsx"
    api.rollup([folder], out, month=MONTH, now=NOW)
    again = api.rollup([folder, folder / "บางเขน" / "learnworks.xlsx"], out, month=MONTH,
                       now=NOW)
    assert [f.name for f in again.rollup.files] == ["บางนา/learnworks.xlsx",
                                                    "บางเขน/learnworks.xlsx"]
    assert (folder / "สรุป.xlsx.bak").exists()


def test_rollup_cli_errors(tmp_path: Path) -> None:
    runner = CliRunner()
    empty = tmp_path / "ว่าง"
    empty.mkdir()
    result = runner.invoke(cli, ["rollup", str(empty), "-o", str(tmp_path / "o.xlsx")])
    assert (result.exit_code, result.output) == (
        2, f"ผิดพลาด: ไม่พบสมุดงาน (.xlsx หรือ .xlsm) ใน {empty} "
           f"(no workbook (.xlsx/.xlsm) found in {empty})\n")
    write(empty, "a.xlsx", district("บางเขน"))
    result = runner.invoke(cli, ["rollup", str(empty), "-o", str(tmp_path / "o.xlsx"),
                                 "--month", "2570-07"])
    assert (result.exit_code, result.output.splitlines()[-1]) == (
        2, "ผิดพลาด: เดือน กรกฎาคม 2570 อยู่นอกช่วงของปีงบประมาณ พ.ศ. 2569 (เลือกได้ ก.ย. 2568 "
           "– ก.ย. 2569) (month 2027-07 is outside fiscal year 2569)")
    result = runner.invoke(cli, ["rollup", str(empty), "-o", str(tmp_path / "o.xlsm")])
    assert (result.exit_code, result.output) == (
        2, "ผิดพลาด: ชื่อไฟล์ o.xlsm ต้องลงท้ายด้วย .xlsx (สมุดงานไม่มีแมโคร) "
           "(o.xlsm: the roll-up workbook must end in .xlsx)\n")
    result = runner.invoke(cli, ["rollup", str(empty), "-o", str(tmp_path / "o.xlsx"),
                                 "--month", "ไม่รู้"])
    assert result.exit_code == 2 and result.output.startswith("ผิดพลาด: ")
    result = runner.invoke(cli, ["rollup", "-o", str(tmp_path / "o.xlsx")])
    assert result.exit_code == 2


def test_rollup_month_checked_before_reading_with_a_fiscal_year(tmp_path: Path) -> None:
    with pytest.raises(ConfigError) as caught:
        api.rollup([tmp_path / "nothing-read.xlsx"], tmp_path / "o.xlsx", month="2569-07",
                   fiscal_year=2571)
    assert caught.value.message_th == ("เดือน กรกฎาคม 2569 อยู่นอกช่วงของปีงบประมาณ พ.ศ. 2571 "
                                       "(เลือกได้ ก.ย. 2570 – ก.ย. 2571)")


# --- students' names --------------------------------------------------------------------------

@pytest.mark.parametrize(("setting", "students", "grade"), [
    (None, "2 คน (ไม่เปิดเผยชื่อ)", "-"),
    (NAMES_INITIALS, "ป. ต., ธ. ต.", "ป.4"),
    (NAMES_FULL, "ด.ญ.ปิยะดา ตัวอย่าง, ด.ช.ธนากร ตัวอย่าง (ชื่อสมมติ)", "ป.4"),
])
def test_rollup_selected_works_follow_each_districts_privacy(
        tmp_path: Path, setting: str | None, students: str, grade: str) -> None:
    data = district("บางเขน")
    if setting is not None:
        data[sh.SETTINGS.name]["student_names"] = setting
    data[sh.WORKS.name][0]["title"] = "นิทานของ ด.ญ.ปิยะดา ตัวอย่าง"
    data[sh.RESULT_REPORTS.name][0]["summary"] = "ด.ญ.ปิยะดา ตัวอย่าง ได้รางวัล"
    folder = tmp_path / "in"
    write(folder, "a.xlsx", data)
    write(folder, "b.xlsx", district("บางนา"))  # the default: no names
    out = tmp_path / "o.xlsx"
    result = api.rollup([folder], out, month=MONTH, now=NOW)
    rows = table(out, "ผลงานที่คัดสรร", "สำนักงานเขต")
    first = rows[1]
    assert (first[0], first[2], first[5], first[6]) == ("บางเขน", "BK01-W01", students, grade)
    title = {None: "นิทานของ นักเรียน", NAMES_INITIALS: "นิทานของ ป. ต.",
             NAMES_FULL: "นิทานของ ด.ญ.ปิยะดา ตัวอย่าง"}[setting]
    assert first[3] == title
    bk01 = result.rollup.schools[0]
    assert (bk01.district, bk01.report_summary, bk01.participants) == (
        "บางเขน", title.replace("นิทานของ ", "") + " ได้รางวัล", 120)
    others = [r for r in rows[1:] if r[0] == "บางนา"]
    assert others and all(r[5].endswith("(ไม่เปิดเผยชื่อ)") and r[6] == "-" for r in others)
    if setting != NAMES_FULL:
        from openpyxl import load_workbook

        cells = [str(c) for r in load_workbook(out)["ผลงานที่คัดสรร"].iter_rows(values_only=True)
                 for c in r if c is not None]
        assert not any("ปิยะดา" in c for c in cells)
