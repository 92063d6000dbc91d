"""The roll-up workbook as a file: its golden copy part by part, byte-stable builds, and a
round trip through openpyxl (sheets, A4, landscape, Buddhist-era dates, the chart)."""

from __future__ import annotations

import zipfile
from datetime import datetime
from pathlib import Path

from openpyxl import load_workbook

from learnworks_xl import api
from learnworks_xl.core.rollup import SHEETS
from learnworks_xl.rollup.job import RollupResult
from tests.rollupkit import MONTH, district, unselect_one, write
from tests.test_workbook_golden import check_golden

NOW = datetime(2026, 8, 3, 9, 30)


def every_status(folder: Path) -> Path:
    """Districts used, a draft, an older copy, a file of another year and a broken file."""
    write(folder, "01-บางเขน.xlsx", district("บางเขน"))
    write(folder, "02-ดอนเมือง.xlsx", unselect_one(district("ดอนเมือง"), "BK03"))
    draft = district("จตุจักร")
    draft["การใช้จ่าย"][0]["quantity"] = "สิบรีม"
    write(folder, "03-จตุจักร.xlsx", draft)
    older = district("บางเขน")
    older["การใช้จ่าย"] = older["การใช้จ่าย"][:3]
    older["บันทึกรายเดือน"] = older["บันทึกรายเดือน"][:2]
    older["แผนปฏิบัติการ"] = [{**s, "completed_on": None, "status": "กำลังดำเนินการ"}
                              for s in older["แผนปฏิบัติการ"]]
    older["รายงานผลโรงเรียน"], older["แผนกิจกรรมโรงเรียน"] = [], []
    for w in older["ผลงานนักเรียน"]:
        w["submitted_on"] = None
    write(folder, "04-บางเขน-ฉบับเก่า.xlsx", older)
    write(folder, "05-ดุสิต.xlsx", district("ดุสิต", fiscal_year=2570))
    (folder / "06-เสีย.xlsx").write_bytes(b"PK\x03\x04 not really")
    return folder


def rolled(tmp_path: Path, name: str = "bkk.xlsx") -> RollupResult:
    return api.rollup([every_status(tmp_path / "in")], tmp_path / name, month=MONTH, now=NOW)


def test_rollup_workbook_golden(tmp_path: Path) -> None:
    result = rolled(tmp_path)
    assert [f.status for f in result.rollup.files] == [
        "accepted", "accepted", "draft", "replaced", "refused", "refused"]
    check_golden(result.out, "rollup.xlsx")


def test_rollup_workbook_byte_stable(tmp_path: Path) -> None:
    a = rolled(tmp_path / "a").out
    b = rolled(tmp_path / "b").out
    assert a.read_bytes() == b.read_bytes()


def test_rollup_workbook_round_trip(tmp_path: Path) -> None:
    out = rolled(tmp_path).out
    wb = load_workbook(out)
    assert tuple(wb.sheetnames) == (*SHEETS, "ข้อมูลเว็บไซต์")
    assert SHEETS == ("สรุปภาพรวม", "สรุปรายเขต", "โรงเรียนทั้งหมด", "ผลงานที่คัดสรร",
                      "สถานะการส่งข้อมูล")
    assert [ws.sheet_state for ws in wb.worksheets] == ["visible"] * 5 + ["hidden"]
    assert wb.active.title == "สรุปภาพรวม"
    for ws in wb.worksheets[:5]:
        assert ws.page_setup.paperSize == 9, ws.title  # A4
        assert ws.page_setup.orientation == ("portrait" if ws.title == "สรุปภาพรวม"
                                             else "landscape"), ws.title
        assert ws.print_area is not None
    works = wb["ผลงานที่คัดสรร"]
    dated = [c for row in works.iter_rows() for c in row if isinstance(c.value, datetime)]
    assert dated and {c.number_format for c in dated} == {"[$-107041E]d mmm yyyy"}
    links = [c.hyperlink.target for row in works.iter_rows() for c in row if c.hyperlink]
    assert links and all(t.startswith("https://example.org/") for t in links)
    with zipfile.ZipFile(out) as z:
        names = z.namelist()
        assert "xl/vbaProject.bin" not in names  # macro-free
        charts = [n for n in names if n.startswith("xl/charts/chart")]
        assert len(charts) == 1
        chart = z.read(charts[0]).decode()
        assert "'สรุปรายเขต'!$AA$" in chart
    props = wb.properties
    assert (props.title, props.creator) == ("สรุปภาพรวมโครงการของสำนักงานเขต กรุงเทพมหานคร",
                                            "learnworks")


def test_rollup_workbook_district_of_another_year_is_not_counted_as_not_sent(
        tmp_path: Path) -> None:
    """ดุสิต sent only a file of FY 2570: said so on the sheet, in the summary, on the city
    website (also read back from the workbook) and in the e-mail; 46 districts sent nothing
    (50 − บางเขน, ดอนเมือง, จตุจักร used − ดุสิต)."""
    from learnworks_xl.io.reader import read_workbook
    from learnworks_xl.mail.rollupmail import file_lines as mail_lines
    from learnworks_xl.publish.city import build_city_site
    from learnworks_xl.publish.job import read_rollup_workbook

    result = rolled(tmp_path)
    r = result.rollup
    line = "ส่งไฟล์ปีงบประมาณอื่น 1 เขต: ดุสิต (พ.ศ. 2570)"
    assert r.other_year == {"ดุสิต": (2570,)}
    assert len(r.missing) == 46 and "ดุสิต" not in r.missing
    assert result.summary_lines()[-2:] == [
        "ยังไม่ได้รับข้อมูล 46 เขต (ดูชีต «สถานะการส่งข้อมูล»)", line]
    ws = load_workbook(result.out)["สถานะการส่งข้อมูล"]
    rows = [[c for c in row if c is not None] for row in ws.iter_rows(values_only=True)]
    assert ["สำนักงานเขตที่ยังไม่มีข้อมูลในสรุปภาพรวม: ยังไม่ได้ส่งข้อมูล 46 เขต "
            "ส่งไฟล์ปีงบประมาณอื่น 1 เขต"] in rows
    assert [2, "ดุสิต", "ส่งไฟล์ปีงบประมาณอื่น (พ.ศ. 2570)"] in rows
    assert [1, "พระนคร", "ยังไม่ได้ส่งข้อมูล"] in rows
    assert sum(1 for row in rows if row[-1:] == ["ยังไม่ได้ส่งข้อมูล"]) == 46
    districts = load_workbook(result.out)["สรุปรายเขต"]
    notes = [c for row in districts.iter_rows(values_only=True) for c in row
             if isinstance(c, str) and c.startswith(("ยังไม่ได้รับ", "ส่งไฟล์"))]
    assert notes == ["ยังไม่ได้รับข้อมูล 46 จาก 50 เขต (รายชื่อในชีต «สถานะการส่งข้อมูล»)", line]
    for rollup in (r, read_rollup_workbook(read_workbook(result.out), result.out)):
        summary = build_city_site(rollup).summary
        assert (len(summary.missing), summary.other_year) == (46, line)
        assert mail_lines(rollup)[-2:] == [
            "- ยังไม่ได้รับข้อมูล 46 เขต (รายชื่ออยู่ในชีต «สถานะการส่งข้อมูล»)", f"- {line}"]
