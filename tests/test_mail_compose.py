"""The composed message: Thai subject and body, the attachment's type and Thai file name,
the .eml draft."""

from __future__ import annotations

import dataclasses
import datetime as dt
import email
import re
from collections.abc import Callable
from decimal import Decimal
from email import policy
from email.header import decode_header, make_header
from email.message import EmailMessage
from pathlib import Path
from typing import Any

import pytest

from learnworks_xl.errors import OutputError
from learnworks_xl.mail import Addresses, MailSummary, compose, to_bytes, write_eml
from learnworks_xl.mail.compose import body_text, mime_type, subject_line, summary_lines

SUMMARY = MailSummary(
    program="ส่งเสริมสนับสนุนให้นักเรียนสร้างสรรค์ผลงานเพื่อการเรียนรู้",
    agency="ฝ่ายการศึกษา และโรงเรียนในสังกัดสำนักงานเขตบางเขน",
    month=dt.date(2026, 7, 15), kpi_percent=Decimal("80"), kpi_target=Decimal("95"),
    kpi_passed=False, schools_met=4, schools_total=5, allocated=Decimal("69500"),
    spent=Decimal("52000.5"), disbursed=Decimal("74.82"), as_of=dt.date(2026, 7, 31),
    progress_planned=Decimal("90"), progress_actual=Decimal("85.5"),
    progress_verdict="ล่าช้ากว่าแผน", errors=1, warnings=2)
CLEAN = dataclasses.replace(SUMMARY, errors=0, warnings=0)
ADDRS = Addresses("education.bangkhen@example.org", ("office@example.org",),
                  ("bk01@example.org",))
NOW = dt.datetime(2026, 8, 1, 9, 30, tzinfo=dt.timezone(dt.timedelta(hours=7)))


def parse(data: bytes) -> EmailMessage:
    msg = email.message_from_bytes(data, policy=policy.default)
    assert isinstance(msg, EmailMessage)
    return msg


@pytest.fixture
def built(make_workbook: Callable[..., Path], sample_dict: dict[str, Any]) -> Path:
    return make_workbook(sample_dict, "learnworks-ผลลัพธ์-กรกฎาคม-2569.xlsx")


@pytest.mark.parametrize(("summary", "thai_digits", "expected"), [
    (CLEAN, False, "รายงานความก้าวหน้าโครงการส่งเสริมสนับสนุนให้นักเรียนสร้างสรรค์ผลงาน"
                   "เพื่อการเรียนรู้ ประจำเดือนกรกฎาคม 2569 สำนักงานเขตบางเขน"),
    (CLEAN, True, "รายงานความก้าวหน้าโครงการส่งเสริมสนับสนุนให้นักเรียนสร้างสรรค์ผลงาน"
                  "เพื่อการเรียนรู้ ประจำเดือนกรกฎาคม ๒๕๖๙ สำนักงานเขตบางเขน"),
    (dataclasses.replace(CLEAN, program="โครงการทดสอบ", agency="เขตจตุจักร",
                         month=dt.date(2025, 11, 1)),
     False, "รายงานความก้าวหน้าโครงการทดสอบ ประจำเดือนพฤศจิกายน 2568 สำนักงานเขตจตุจักร"),
    (dataclasses.replace(CLEAN, program="ทดสอบ", agency="สำนักการศึกษา"),
     False, "รายงานความก้าวหน้าโครงการทดสอบ ประจำเดือนกรกฎาคม 2569 สำนักการศึกษา"),
    (SUMMARY, False, "(ฉบับร่าง) รายงานความก้าวหน้าโครงการส่งเสริมสนับสนุนให้นักเรียนสร้างสรรค์"
                     "ผลงานเพื่อการเรียนรู้ ประจำเดือนกรกฎาคม 2569 สำนักงานเขตบางเขน"),
], ids=["seed", "thai-digits", "district-only", "no-district", "draft"])
def test_mail_compose_subject(summary: MailSummary, thai_digits: bool, expected: str) -> None:
    assert subject_line(summary, thai_digits) == expected


def test_mail_compose_body() -> None:
    assert body_text(SUMMARY, "ผล.xlsx") == (
        "เรียน ผู้เกี่ยวข้อง\n\n"
        "สำนักงานเขตบางเขน ขอส่งรายงานความก้าวหน้าโครงการส่งเสริมสนับสนุนให้นักเรียนสร้างสรรค์"
        "ผลงานเพื่อการเรียนรู้ ประจำเดือนกรกฎาคม 2569 รายละเอียดตามไฟล์แนบ ผล.xlsx\n\n"
        "รายงานฉบับนี้เป็นฉบับร่าง: ข้อมูลยังมีข้อผิดพลาด 1 รายการ ตัวเลขคำนวณจากแถวที่ถูกต้อง"
        "เท่านั้น ดูรายละเอียดที่ชีต ผลการตรวจสอบ\n\n"
        "สรุปผลการดำเนินงาน ณ วันที่ 31 ก.ค. 2569\n"
        "- ความก้าวหน้าของโครงการ: ร้อยละ 85.50 (ตามแผน ร้อยละ 90.00) ล่าช้ากว่าแผน\n"
        "- ตัวชี้วัด: ร้อยละ 80.00 (ค่าเป้าหมายร้อยละ 95) ไม่ผ่านเกณฑ์\n"
        "- โรงเรียนที่ผ่านเกณฑ์: 4 จาก 5 โรงเรียน\n"
        "- งบประมาณที่จัดสรร: 69,500.00 บาท\n"
        "- ใช้จ่ายแล้ว: 52,000.50 บาท (ร้อยละ 74.82 ของงบประมาณที่จัดสรร)\n"
        "- ผลการตรวจสอบข้อมูล: ข้อผิดพลาด 1 รายการ คำเตือน 2 รายการ (ดูชีต ผลการตรวจสอบ)\n\n"
        "จึงเรียนมาเพื่อโปรดทราบ\n"
        "สำนักงานเขตบางเขน\n\n"
        "(อีเมลฉบับนี้จัดทำโดยโปรแกรม learnworks)\n"
    )


@pytest.mark.parametrize(("changes", "expected"), [
    ({"kpi_percent": Decimal("100"), "kpi_passed": True, "errors": 0, "warnings": 0,
      "progress_planned": None},
     ["- ตัวชี้วัด: ร้อยละ 100.00 (ค่าเป้าหมายร้อยละ 95) ผ่านเกณฑ์",
      "- โรงเรียนที่ผ่านเกณฑ์: 4 จาก 5 โรงเรียน",
      "- งบประมาณที่จัดสรร: 69,500.00 บาท",
      "- ใช้จ่ายแล้ว: 52,000.50 บาท (ร้อยละ 74.82 ของงบประมาณที่จัดสรร)",
      "- ผลการตรวจสอบข้อมูล: ไม่พบข้อผิดพลาด"]),
    ({"kpi_percent": None, "kpi_target": None, "kpi_passed": None, "schools_met": None,
      "allocated": None, "spent": Decimal("0"), "disbursed": None, "errors": 0, "warnings": 0,
      "progress_actual": None},
     ["- ตัวชี้วัด: ยังคำนวณไม่ได้",
      "- ใช้จ่ายแล้ว: 0.00 บาท",
      "- ผลการตรวจสอบข้อมูล: ไม่พบข้อผิดพลาด"]),
    ({"kpi_percent": Decimal("66.6667"), "kpi_target": None, "kpi_passed": None,
      "allocated": Decimal("0"), "spent": None, "progress_verdict": None},
     ["- ความก้าวหน้าของโครงการ: ร้อยละ 85.50 (ตามแผน ร้อยละ 90.00)",
      "- ตัวชี้วัด: ร้อยละ 66.67",
      "- โรงเรียนที่ผ่านเกณฑ์: 4 จาก 5 โรงเรียน",
      "- งบประมาณที่จัดสรร: 0.00 บาท",
      "- ผลการตรวจสอบข้อมูล: ข้อผิดพลาด 1 รายการ คำเตือน 2 รายการ (ดูชีต ผลการตรวจสอบ)"]),
], ids=["passed-clean", "nothing-yet", "rounded-no-target"])
def test_mail_compose_summary_lines(changes: dict[str, Any], expected: list[str]) -> None:
    assert summary_lines(dataclasses.replace(SUMMARY, **changes)) == expected


def test_mail_compose_body_thai_digits() -> None:
    body = body_text(SUMMARY, "ผล-2569.xlsx", thai_digits=True)
    assert "- งบประมาณที่จัดสรร: ๖๙,๕๐๐.๐๐ บาท\n" in body
    assert "ประจำเดือนกรกฎาคม ๒๕๖๙ รายละเอียดตามไฟล์แนบ ผล-2569.xlsx" in body


def test_mail_compose_message_parses(built: Path) -> None:
    data = to_bytes(compose(SUMMARY, built, ADDRS, now=NOW))
    assert data.isascii()
    assert all(len(line) <= 998 for line in data.split(b"\r\n"))
    assert b"\n" not in data.replace(b"\r\n", b"")
    msg = parse(data)
    assert msg["Subject"] == subject_line(SUMMARY)
    assert msg["From"] == "สำนักงานเขตบางเขน <education.bangkhen@example.org>"
    assert (msg["To"], msg["Cc"]) == ("office@example.org", "bk01@example.org")
    assert msg["Date"] == "Sat, 01 Aug 2026 09:30:00 +0700"
    assert msg["Message-ID"].endswith("@example.org>")
    body = msg.get_body(("plain",))
    assert body is not None
    assert body.get_content().replace("\r\n", "\n") == body_text(SUMMARY, built.name)


def test_mail_compose_attachment_names(built: Path) -> None:
    data = to_bytes(compose(SUMMARY, built, ADDRS))
    msg = parse(data)
    [part] = msg.iter_attachments()
    assert part.get_content_type() == (
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
    assert part["Content-Transfer-Encoding"] == "base64"
    assert part.get_content() == built.read_bytes()
    # RFC 2231 in Content-Disposition, in one piece (no *0*, *1* continuations) ...
    raw = email.message_from_bytes(data).get_payload()[1]  # compat32: headers as written
    disposition = " ".join(raw["Content-Disposition"].split())
    assert re.fullmatch(r"attachment; filename\*=utf-8''[A-Za-z0-9%.\-]+", disposition)
    assert part.get_filename() == built.name
    # ... and RFC 2047 in Content-Type's name, which Outlook reads.
    assert part.get_param("name") == built.name
    name = raw.get_param("name")
    assert isinstance(name, str) and name.startswith("=?utf-8?b?")
    assert str(make_header(decode_header(name))) == built.name


def test_mail_compose_ascii_file_name(make_workbook: Callable[..., Path],
                                      sample_dict: dict[str, Any]) -> None:
    path = make_workbook(sample_dict, "report-2569-07.xlsx")
    [part] = parse(to_bytes(compose(SUMMARY, path, ADDRS))).iter_attachments()
    assert part["Content-Disposition"] == 'attachment; filename="report-2569-07.xlsx"'
    assert part.get_filename() == "report-2569-07.xlsx"


@pytest.mark.parametrize(("name", "expected"), [
    ("a.xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
    ("a.XLSM", "application/vnd.ms-excel.sheet.macroEnabled.12"),
    ("a.pdf", "application/pdf"),
    ("a.zzz-unknown", "application/octet-stream"),
])
def test_mail_compose_mime_type(name: str, expected: str) -> None:
    assert mime_type(Path(name)) == expected


def test_mail_compose_eml_draft(built: Path, tmp_path: Path) -> None:
    msg = compose(SUMMARY, built, Addresses(None, ("office@example.org",)), now=NOW)
    out = write_eml(msg, tmp_path / "ร่าง" / "อีเมล.eml")
    data = out.read_bytes()
    assert data.startswith(b"X-Unsent: 1\r\n")
    parsed = parse(data)
    assert parsed["From"] is None and parsed["X-Unsent"] == "1"
    assert parsed["Subject"] == subject_line(SUMMARY)
    [part] = parsed.iter_attachments()
    assert part.get_content() == built.read_bytes()


def test_mail_compose_eml_never_overwrites_input(built: Path) -> None:
    msg = compose(SUMMARY, built, ADDRS)
    before = built.read_bytes()
    with pytest.raises(OutputError):
        write_eml(msg, built, inputs=(built,))
    assert built.read_bytes() == before
