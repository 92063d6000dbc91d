"""The roll-up's e-mail, against a real aiosmtpd on 127.0.0.1: ``learnworks email-rollup``
(settings from the office workbook's ``ตั้งค่า``, the password from the environment) and the
button ``ส่งอีเมลสรุปภาพรวม`` in server mode. Subject and body are compared whole; the
figures in them were worked out by hand from the three districts of ``test_office_button``:

* schools 5 + 5 + 5 = 15; meeting the KPI 5 + 4 + 5 = 14 (BK01 of บางเขน one work short);
  KPI 14 ÷ 15 × 100 = 93.333… → 93.33, below the sample's target 95;
* allocated 3 × 69,500.00 = 208,500.00 baht (the sample's sizes 15,100 × 2 + 13,100 × 3);
  spent by 31 Jul 2026 3 × 67,342.00 = 202,026.00 baht; 202,026 ÷ 208,500 × 100 = 96.894… →
  96.89;
* works selected and sent 12 + 11 + 12 = 35 of 3 × 12 = 36; progress 90.00 as planned 90.00
  in each district, so the mean too.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from click.testing import CliRunner
from test_mail_send import HOST, PASSWORD, USER, SmtpdFactory, certs, smtpd
from test_office_button import OFFICE, REFUSED, office_book, three_districts
from test_xl_compare import sheet_cells

from learnworks_xl.cli import cli
from learnworks_xl.core.rollup import SHEETS
from learnworks_xl.core.rollup.data import DATA
from learnworks_xl.mail import PASSWORD_ENV
from learnworks_xl.xl import buttons
from tests.vbareplay import replay_file
from tests.xlpress import message, press

__all__ = ["certs", "smtpd"]  # fixtures used here

pytestmark = pytest.mark.filterwarnings(
    "ignore:Requiring AUTH while not requiring TLS:UserWarning")

SENDER = "rollup@bma-education.example.org"
TO = ("director@bma-education.example.org", "planning@bma-education.example.org")
PROGRAM = "โครงการส่งเสริมสนับสนุนให้นักเรียนสร้างสรรค์ผลงานเพื่อการเรียนรู้"
SUBJECT = f"(ฉบับร่าง) สรุปภาพรวม{PROGRAM} ของสำนักงานเขตทุกเขต กรุงเทพมหานคร ประจำเดือนกรกฎาคม 2569"
ATTACHMENT = "รวบรวมรายงานเขต-2569-07.xlsx"
BODY = (
    "เรียน ผู้เกี่ยวข้อง\n\n"
    f"สำนักการศึกษา กรุงเทพมหานคร ขอส่งสรุปภาพรวม{PROGRAM} จากรายงานของสำนักงานเขต "
    f"ประจำเดือนกรกฎาคม 2569 รายละเอียดตามไฟล์แนบ {ATTACHMENT}\n\n"
    "สรุปภาพรวมฉบับนี้เป็นฉบับร่าง: ข้อมูลของสำนักงานเขต 1 เขต (บางบอน) ยังมีข้อผิดพลาด "
    "ตัวเลขของเขตเหล่านั้นคำนวณจากแถวที่ถูกต้องเท่านั้น\n\n"
    "สรุปผลการดำเนินงาน ปีงบประมาณ พ.ศ. 2569 ณ วันที่ 31 ก.ค. 2569\n"
    "- สำนักงานเขตที่ส่งข้อมูล: 3 จาก 50 เขต\n"
    "- โรงเรียน: 15 โรงเรียน\n"
    "- ตัวชี้วัด: ร้อยละ 93.33 (ค่าเป้าหมายร้อยละ 95) ไม่ผ่านเกณฑ์\n"
    "- โรงเรียนที่ผ่านเกณฑ์: 14 จาก 15 โรงเรียน\n"
    "- งบประมาณที่จัดสรร: 208,500.00 บาท\n"
    "- ใช้จ่ายแล้ว: 202,026.00 บาท (ร้อยละ 96.89 ของงบประมาณที่จัดสรร)\n"
    "- ผลงานที่คัดสรรส่งแล้ว: 35 จาก 36 ผลงาน\n"
    "- ความก้าวหน้าเฉลี่ยของสำนักงานเขต: ร้อยละ 90.00 (ตามแผน ร้อยละ 90.00) เป็นไปตามแผน\n\n"
    "ไฟล์และสำนักงานเขตที่ต้องติดตาม\n"
    "- บางบอน.xlsx: ใช้ข้อมูล (ฉบับร่าง) – ฉบับร่าง: ข้อผิดพลาด 1 รายการ นับเฉพาะแถวที่ถูกต้อง "
    "เช่น «ความเสี่ยง» ช่อง B2: «โอกาสที่จะเกิด» '7' ต้องอยู่ระหว่าง 1 ถึง 5\n"
    f"- {REFUSED}: ไม่ใช้ – ไฟล์ {REFUSED} ไม่ใช่สมุดงาน Excel (.xlsx หรือ .xlsm)\n"
    "- ยังไม่ได้รับข้อมูล 47 เขต (รายชื่ออยู่ในชีต «สถานะการส่งข้อมูล»)\n\n"
    "จึงเรียนมาเพื่อโปรดทราบ\n"
    "สำนักการศึกษา กรุงเทพมหานคร\n\n"
    "(อีเมลฉบับนี้จัดทำโดยโปรแกรม learnworks)\n"
)
DRAFT_LINE = ("สรุปภาพรวมในไฟล์แนบเป็นฉบับร่าง เพราะข้อมูลของสำนักงานเขตบางแห่งยังมีข้อผิดพลาด"
              "หรือไม่ได้นำมารวม "
              "ดูรายละเอียดที่ชีต «สถานะการส่งข้อมูล»")


@pytest.fixture(autouse=True)
def _pinned(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1784000000")
    monkeypatch.delenv(PASSWORD_ENV, raising=False)
    monkeypatch.setitem(sys.modules, "keyring", None)


def office_copy(out: Path, **settings: Any) -> Path:
    """The office's workbook with ``ตั้งค่า`` filled as a clerk would (by title)."""
    wb = openpyxl.load_workbook(OFFICE, keep_vba=True)
    ws = wb["ตั้งค่า"]
    rows = {ws.cell(r, 1).value: r for r in range(1, ws.max_row + 1)}
    for title, value in settings.items():
        ws.cell(rows[title], 2).value = value
    wb.save(out)
    return out


def mail_settings(port: int, security: str, user: str | None = None) -> dict[str, Any]:
    return {"เดือนที่รายงาน": "ก.ค. 2569", "อีเมลผู้รับ (คั่นด้วย ,)": ", ".join(TO),
            "อีเมลผู้ส่ง": SENDER, "เซิร์ฟเวอร์อีเมล (SMTP)": HOST, "พอร์ต SMTP": port,
            "การเข้ารหัส SMTP": security, "ชื่อผู้ใช้ SMTP": user}


def test_office_email_cli_sends(smtpd: SmtpdFactory, tmp_path: Path,
                                monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(PASSWORD_ENV, PASSWORD)
    server = smtpd("starttls", auth=True)
    office = office_copy(tmp_path / "office.xlsm",
                         **mail_settings(server.port, "STARTTLS", USER))
    folder = three_districts(tmp_path / "รายงานเขต")
    before = {p.name: p.read_bytes() for p in folder.iterdir()}
    result = CliRunner().invoke(cli, ["email-rollup", str(office), "--cafile",
                                      str(server.certs.cert)])
    attachment = tmp_path / ATTACHMENT
    assert result.exit_code == 1, result.output  # sent; a draft and a refused file
    assert result.stdout.splitlines()[-6:] == [
        "ส่งอีเมลเรียบร้อยแล้ว", f"เรื่อง: {SUBJECT}", f"ส่งถึง {TO[0]} สำเร็จ",
        f"ส่งถึง {TO[1]} สำเร็จ", f"ไฟล์แนบ: {attachment}", DRAFT_LINE]
    [got] = server.recorder.messages
    assert (got.mail_from, got.rcpt_tos) == (SENDER, list(TO))
    msg = got.parsed()
    assert msg["Subject"] == SUBJECT
    assert msg["From"] == f"สำนักการศึกษา กรุงเทพมหานคร <{SENDER}>"
    body = msg.get_body(("plain",))
    assert body is not None and body.get_content().replace("\r\n", "\n") == BODY
    [part] = msg.iter_attachments()
    assert part.get_filename() == ATTACHMENT
    assert part.get_content() == attachment.read_bytes()
    assert openpyxl.load_workbook(attachment).sheetnames == [*SHEETS, DATA]
    assert {p.name: p.read_bytes() for p in folder.iterdir()} == before
    assert PASSWORD not in result.output


def test_office_email_cli_eml_and_paths(tmp_path: Path) -> None:
    """Districts named on the command line, ``--to`` and ``--month`` over ``ตั้งค่า``, a draft
    .eml instead of sending; every district clean: exit 0."""
    office = office_copy(tmp_path / "office.xlsm", **{"อีเมลผู้รับ (คั่นด้วย ,)": TO[0]})
    folder = three_districts(tmp_path / "ที่อื่น", bad=False)
    out, eml = tmp_path / "สรุป.xlsx", tmp_path / "ร่าง.eml"
    result = CliRunner().invoke(cli, ["email-rollup", str(office), str(folder), "--month",
                                      "2026-07", "--to", TO[1], "-o", str(out),
                                      "--eml", str(eml)])
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines()[-4:] == [
        f"บันทึกอีเมลฉบับร่างไว้ที่ {eml} (ยังไม่ได้ส่ง)",
        f"เรื่อง: {SUBJECT.removeprefix('(ฉบับร่าง) ')}", f"ถึง: {TO[1]}", f"ไฟล์แนบ: {out}"]
    assert b"X-Unsent: 1" in eml.read_bytes() and out.is_file()


def test_office_email_cli_no_folder(tmp_path: Path) -> None:
    office = office_copy(tmp_path / "office.xlsm")
    result = CliRunner().invoke(cli, ["email-rollup", str(office)])
    assert result.exit_code == 2
    folder = tmp_path / "รายงานเขต"
    assert result.stderr == (f"ผิดพลาด: ไม่พบสมุดงาน (.xlsx หรือ .xlsm) ใน {folder} "
                             f"(no workbook (.xlsx/.xlsm) found in {folder})\n")


def test_office_email_button_server(smtpd: SmtpdFactory, tmp_path: Path,
                                    monkeypatch: pytest.MonkeyPatch) -> None:
    """The button in server mode: the sheets filled, the roll-up workbook kept in the
    server's output folder and sent."""
    server = smtpd("plain")
    folder = three_districts(tmp_path / "districts")
    monkeypatch.setenv(buttons.ENV_ROLLUP_DIR, str(folder))
    monkeypatch.setenv(buttons.ENV_OUTPUT_DIR, str(tmp_path / "out"))
    book = office_book()
    for title, value in mail_settings(server.port, "ไม่เข้ารหัส").items():
        if title != "เดือนที่รายงาน":
            book.set_setting("ตั้งค่า", title, float(value) if isinstance(value, int) else value)
    actions = press("email_rollup", book)
    attachment = tmp_path / "out" / ATTACHMENT
    assert message(actions) == ["\n".join([
        "ส่งอีเมลเรียบร้อยแล้ว", f"เรื่อง: {SUBJECT}", f"ส่งถึง {TO[0]} สำเร็จ",
        f"ส่งถึง {TO[1]} สำเร็จ", f"ไฟล์แนบ: {attachment}", DRAFT_LINE]),
        "ส่งอีเมลสรุปภาพรวม", "info"]
    [got] = server.recorder.messages
    body = got.parsed().get_body(("plain",))
    assert body is not None and body.get_content().replace("\r\n", "\n") == BODY
    replay_file(OFFICE, actions, tmp_path / "live.xlsm")
    for name in SHEETS:
        assert sheet_cells(tmp_path / "live.xlsm", name) == sheet_cells(attachment, name), name


def test_office_email_button_no_server(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """No mail server in ตั้งค่า: the sheets and the file are still made; the message says
    what to fill and where the file is."""
    folder = three_districts(tmp_path / "districts", bad=False)
    monkeypatch.setenv(buttons.ENV_ROLLUP_DIR, str(folder))
    monkeypatch.setenv(buttons.ENV_OUTPUT_DIR, str(tmp_path / "out"))
    actions = press("email_rollup", office_book())
    text, title, mode = message(actions)
    assert (title, mode) == ("ส่งอีเมลสรุปภาพรวม", "critical")
    assert text == ("ยังไม่ได้กรอก «อีเมลผู้ส่ง» ในชีต ตั้งค่า ไฟล์ที่จัดทำแล้วยังอยู่ที่ "
                    f"{tmp_path / 'out' / ATTACHMENT}")
    replay_file(OFFICE, actions, tmp_path / "live.xlsm")
    for name in SHEETS:
        assert sheet_cells(tmp_path / "live.xlsm", name) == sheet_cells(
            tmp_path / "out" / ATTACHMENT, name), name


def test_office_email_cli_out_over_a_district_workbook_refused(tmp_path: Path) -> None:
    office = office_copy(tmp_path / "office.xlsm")
    folder = three_districts(tmp_path / "รายงานเขต", bad=False)
    target = sorted(folder.iterdir())[0]
    before = target.read_bytes()
    result = CliRunner().invoke(cli, ["email-rollup", str(office), "-o", str(target),
                                      "--eml", str(tmp_path / "ร่าง.eml")])
    assert (result.exit_code, result.stderr) == (
        2, f"ผิดพลาด: ไม่เขียนทับไฟล์ต้นฉบับ {target.name} กรุณาเลือกชื่อไฟล์ผลลัพธ์อื่น "
           f"(refusing to overwrite the input {target}: it is not a roll-up workbook)\n")
    assert target.read_bytes() == before and not (tmp_path / "ร่าง.eml").exists()


def test_office_email_cli_fiscal_year_not_buddhist_era_refused(tmp_path: Path) -> None:
    office = office_copy(tmp_path / "office.xlsm")
    three_districts(tmp_path / "รายงานเขต", bad=False)
    result = CliRunner().invoke(cli, ["email-rollup", str(office), "--fiscal-year", "2026",
                                      "--eml", str(tmp_path / "ร่าง.eml")])
    assert (result.exit_code, result.stderr) == (
        2, "ผิดพลาด: ปีงบประมาณ 2026 ไม่ถูกต้อง กรุณาระบุปีงบประมาณเป็นปีพุทธศักราช เช่น 2569 "
           "(ระหว่าง 2560–2700) (fiscal year 2026: give a Buddhist-era year such as 2569 "
           "(2560-2700))\n")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["office.xlsm", "รายงานเขต"]


def test_office_email_cli_a_district_workbook_first_refused(tmp_path: Path) -> None:
    folder = three_districts(tmp_path / "รายงานเขต", bad=False)
    first = sorted(folder.iterdir())[0]
    result = CliRunner().invoke(cli, ["email-rollup", str(first), str(folder),
                                      "--eml", str(tmp_path / "ร่าง.eml")])
    assert (result.exit_code, result.stderr) == (
        2, f"ผิดพลาด: {first.name} เป็นสมุดงานของสำนักงานเขต ไม่ใช่สมุดงานของสำนักการศึกษา "
           "(learnworks-สำนักการศึกษา.xlsm) ชื่อแรกต้องเป็นสมุดงานของสำนักการศึกษา "
           "แล้วตามด้วยสมุดงานของเขตหรือโฟลเดอร์ "
           f"({first.name} is a district's workbook, not the Education Office's; give the "
           "office's workbook first, then the district workbooks or folders)\n")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["รายงานเขต"]
