"""The button ``รวบรวมรายงานเขต`` of the Education Office's workbook.

Server mode: the body the VBA client sends (``tests/vbaclient.py``) → the server's reading →
``xw.Book(json=...)`` → actions → replayed on a copy of the workbook; the five sheets equal the
roll-up workbook ``learnworks rollup`` writes, cell for cell (values, number formats, fills),
as ``test_xl_compare.py`` holds the district buttons to ``learnworks run``. Local mode: the
folder ``รายงานเขต`` beside the workbook (made when missing) and the planner on it. The district
files are only read.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import openpyxl
import pytest
from test_xl_compare import sheet_cells

from learnworks_xl import api
from learnworks_xl.core import sheets as sh
from learnworks_xl.core.office import OfficeSettings
from learnworks_xl.core.rollup import SHEETS
from learnworks_xl.io.reader import read_workbook
from learnworks_xl.rollup.office import NoDistrictFiles, roll_up_folder
from learnworks_xl.xl import buttons
from learnworks_xl.xl.officeplan import NOT_OFFICE, plan_rollup
from learnworks_xl.xl.patch import ACTIONS_USED
from tests import rollupkit as kit
from tests.vbaclient import ExcelBook
from tests.vbareplay import replay_file
from tests.xlpress import message, press

ROOT = Path(__file__).resolve().parents[1]
OFFICE = ROOT / "workbook" / "learnworks-สำนักการศึกษา.xlsm"
EPOCH = "1784000000"  # 2026-07-14 in Bangkok
REFUSED = "ไม่ใช่สมุดงาน.xlsx"


@pytest.fixture(autouse=True)
def _pinned_time(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", EPOCH)


def three_districts(folder: Path, *, bad: bool = True) -> Path:
    """พระนคร as the sample; บางเขน with BK01 one selected work short (it fails the KPI);
    บางบอน with an impossible likelihood in ความเสี่ยง (a draft, figures unchanged); and a
    file that is not a workbook."""
    kit.write(folder, "พระนคร.xlsx", kit.district("พระนคร"))
    kit.write(folder, "บางเขน.xlsx", kit.unselect_one(kit.district("บางเขน"), "BK01"))
    bangbon = kit.district("บางบอน")
    if bad:
        bangbon[sh.RISKS.name][0]["likelihood"] = 7
        (folder / REFUSED).write_bytes(b"not a workbook")
    kit.write(folder, "บางบอน.xlsx", bangbon)
    return folder


def office_book(month: str | None = "ก.ค. 2569") -> ExcelBook:
    book = ExcelBook.open(OFFICE)
    if month is not None:
        book.set_setting("ตั้งค่า", "เดือนที่รายงาน", month)
    return book


def snapshot(folder: Path) -> dict[str, tuple[bytes, int]]:
    return {p.name: (p.read_bytes(), p.stat().st_mtime_ns) for p in folder.iterdir()}


def alert_text(folder: Path, refused: bool = True) -> str:
    """The message box, the figures worked out by hand: 5 schools per district, BK01 of
    บางเขน failing: 14 of 15 meet the KPI, 14 ÷ 15 × 100 = 93.33 (the sample's target 95)."""
    lines = [f"รวบรวมรายงานเขตจากโฟลเดอร์ {folder} แล้ว เขียนชีตสรุปทั้ง 5 ชีตใหม่",
             "ปีงบประมาณ พ.ศ. 2569 เดือนที่รายงาน กรกฎาคม 2569"]
    if refused:
        lines += ["สำนักงานเขตที่ส่งข้อมูล 3 จาก 50 เขต (ฉบับร่าง 1 เขต: บางบอน)",
                  f"ไฟล์ที่ไม่ได้นำมารวม 1 ไฟล์: {REFUSED}"]
    else:
        lines.append("สำนักงานเขตที่ส่งข้อมูล 3 จาก 50 เขต")
    lines.append("ตัวชี้วัดของกรุงเทพมหานคร ร้อยละ 93.33 (เป้าหมาย ร้อยละ 95) ไม่ผ่าน "
                 "– โรงเรียนผ่านเกณฑ์ 14 จาก 15 โรงเรียน")
    if refused:
        lines.append("ดูเหตุผลของแต่ละไฟล์ที่ชีต «สถานะการส่งข้อมูล»")
    return "\n".join(lines)


@pytest.mark.parametrize("bad", [True, False], ids=["draft-and-refused", "clean"])
def test_office_button_server_fills_sheets_as_the_file(
        bad: bool, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    folder = three_districts(tmp_path / "server-districts", bad=bad)
    monkeypatch.setenv(buttons.ENV_ROLLUP_DIR, str(folder))
    before = snapshot(folder)
    actions = press("rollup", office_book())
    assert {a["func"] for a in actions} <= ACTIONS_USED
    assert message(actions) == [alert_text(folder, bad), "รวบรวมรายงานเขต",
                                "critical" if bad else "info"]
    live = replay_file(OFFICE, actions, tmp_path / "live.xlsm")
    assert live.alerts == [message(actions)]
    finished = api.rollup([folder], tmp_path / "rollup.xlsx", month="2569-07").out
    for name in SHEETS:
        got, want = sheet_cells(tmp_path / "live.xlsm", name), sheet_cells(finished, name)
        assert got == want, name
    districts = kit.table(tmp_path / "live.xlsm", "สรุปรายเขต", "สำนักงานเขต")
    assert [r[:5] for r in districts[1:]] == [
        ["พระนคร", 5, 5, 100, 69500], ["บางเขน", 5, 4, 80, 69500], ["บางบอน", 5, 5, 100, 69500],
        ["รวม", 15, 14, 93.33, 208500]]
    assert snapshot(folder) == before  # never written, never touched


def test_office_button_press_twice_same_sheets(tmp_path: Path,
                                               monkeypatch: pytest.MonkeyPatch) -> None:
    """A second press on the filled book rewrites the sheets whole (the old cells cleared)."""
    folder = three_districts(tmp_path / "districts")
    monkeypatch.setenv(buttons.ENV_ROLLUP_DIR, str(folder))
    first = tmp_path / "first.xlsm"
    replay_file(OFFICE, press("rollup", office_book()), first)
    (folder / "บางบอน.xlsx").unlink()
    (folder / REFUSED).unlink()
    book = ExcelBook.open(first)
    book.set_setting("ตั้งค่า", "เดือนที่รายงาน", "ก.ค. 2569")
    replay_file(first, press("rollup", book), tmp_path / "second.xlsm")
    finished = api.rollup([folder], tmp_path / "rollup.xlsx", month="2569-07").out
    for name in SHEETS:
        assert sheet_cells(tmp_path / "second.xlsm", name) == sheet_cells(finished, name), name


def test_office_button_server_empty_folder(tmp_path: Path,
                                           monkeypatch: pytest.MonkeyPatch) -> None:
    folder = tmp_path / "ไม่มี"
    monkeypatch.setenv(buttons.ENV_ROLLUP_DIR, str(folder))
    actions = press("rollup", office_book())
    assert message(actions) == [
        f"สร้างโฟลเดอร์ {folder} ให้แล้ว ยังไม่มีสมุดงานของสำนักงานเขตในโฟลเดอร์ {folder} "
        "(บนเซิร์ฟเวอร์) กรุณาให้ผู้ดูแลระบบคัดลอกสมุดงานของแต่ละสำนักงานเขต "
        "(ไฟล์ .xlsm หรือ .xlsx เขตละไฟล์) ไว้ในโฟลเดอร์นี้ แล้วกดปุ่ม «รวบรวมรายงานเขต» อีกครั้ง",
        "learnworks: เกิดข้อผิดพลาด", "critical"]
    assert [a["func"] for a in actions] == ["runMacro"]  # nothing written
    assert folder.is_dir()


def test_office_button_server_default_folder(tmp_path: Path,
                                             monkeypatch: pytest.MonkeyPatch) -> None:
    """Without LEARNWORKS_ROLLUP_DIR the server reads รายงานเขต in its output folder."""
    monkeypatch.delenv(buttons.ENV_ROLLUP_DIR, raising=False)
    monkeypatch.setenv(buttons.ENV_OUTPUT_DIR, str(tmp_path))
    folder = three_districts(tmp_path / "รายงานเขต", bad=False)
    assert message(press("rollup", office_book()))[0] == alert_text(folder, refused=False)


class FileBook:
    """What :func:`buttons.context` reads of an ``xw.Book`` opened from a file."""

    def __init__(self, path: Path) -> None:
        self.fullname = str(path)


def local_press(office: Path) -> Any:
    ctx = buttons.context(FileBook(office))
    return ctx, plan_rollup(read_workbook(office), ctx)


def with_month(out: Path, month: str = "ก.ค. 2569") -> Path:
    """A copy of the office's workbook with เดือนที่รายงาน typed in, saved as Excel would."""
    wb = openpyxl.load_workbook(OFFICE, keep_vba=True)
    assert wb["ตั้งค่า"]["A3"].value == "เดือนที่รายงาน"
    wb["ตั้งค่า"]["B3"] = month
    wb.save(out)
    return out


def test_office_button_local_folder_beside_the_workbook(tmp_path: Path) -> None:
    office = with_month(tmp_path / "learnworks-สำนักการศึกษา.xlsm")
    ctx = buttons.context(FileBook(office))
    assert (ctx.districts_dir, ctx.server, ctx.out_dir) == (tmp_path / "รายงานเขต", False, tmp_path)
    three_districts(tmp_path / "รายงานเขต")
    _ctx, patch = local_press(office)
    assert patch.alert is not None
    assert patch.alert.message == alert_text(tmp_path / "รายงานเขต")
    written = {op.sheet for op in patch.ops}
    assert written == set(SHEETS)


@pytest.mark.parametrize("exists", [False, True], ids=["missing", "empty"])
def test_office_button_local_empty_folder(exists: bool, tmp_path: Path) -> None:
    office = tmp_path / "office.xlsm"
    office.write_bytes(OFFICE.read_bytes())
    folder = tmp_path / "รายงานเขต"
    if exists:
        folder.mkdir()
        (folder / "อ่านก่อน.txt").write_text("ไม่ใช่สมุดงาน", encoding="utf-8")
    made = "" if exists else f"สร้างโฟลเดอร์ {folder} ให้แล้ว "
    with pytest.raises(NoDistrictFiles) as err:
        local_press(office)
    assert err.value.message_th == (
        f"{made}ยังไม่มีสมุดงานของสำนักงานเขตในโฟลเดอร์ {folder} (ข้างไฟล์นี้) "
        "กรุณาคัดลอกสมุดงานของแต่ละสำนักงานเขต (ไฟล์ .xlsm หรือ .xlsx เขตละไฟล์) "
        "ไว้ในโฟลเดอร์นี้ แล้วกดปุ่ม «รวบรวมรายงานเขต» อีกครั้ง")
    assert folder.is_dir()


def test_office_button_roll_up_folder_job(tmp_path: Path) -> None:
    """The local job on a folder: the month and year of ตั้งค่า, one file per district."""
    folder = three_districts(tmp_path / "d")
    gathered = roll_up_folder(folder, OfficeSettings(report_month="ก.ค. 2569"))
    rollup = gathered.rollup
    assert [d.district for d in rollup.districts] == ["พระนคร", "บางเขน", "บางบอน"]
    assert [(f.name, f.status) for f in rollup.files] == [
        ("บางบอน.xlsx", "draft"), ("บางเขน.xlsx", "accepted"), ("พระนคร.xlsx", "accepted"),
        (REFUSED, "refused")]
    assert (rollup.fiscal_year, rollup.met, rollup.school_count) == (2569, 14, 15)
    assert [r.name for r in gathered.reports] == list(SHEETS)
    with pytest.raises(Exception, match="2570"):
        roll_up_folder(folder, OfficeSettings(report_month="ก.ค. 2569", fiscal_year=2570))


def test_office_button_on_a_district_workbook(tmp_path: Path) -> None:
    actions = press("rollup", ROOT / "workbook" / "learnworks.xlsm")
    assert message(actions) == [NOT_OFFICE, "learnworks: เกิดข้อผิดพลาด", "critical"]
    assert NOT_OFFICE == ("ปุ่มนี้ใช้กับสมุดงานของสำนักการศึกษา (learnworks-สำนักการศึกษา.xlsm) "
                          "เท่านั้น สมุดงานนี้เป็นสมุดงานของสำนักงานเขต")
