"""``learnworks email`` end to end: a workbook whose ``ตั้งค่า`` points at a real aiosmtpd on
127.0.0.1; what the clerk reads, the exit code, what the server receives, and the password
nowhere."""

from __future__ import annotations

import email
import logging
import re
import sys
from collections.abc import Callable
from datetime import date
from email import policy
from email.message import EmailMessage
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from click.testing import CliRunner, Result
from test_mail_send import (  # the harness: a real server and self-signed certificates
    HOST,
    KEPT,
    PASSWORD,
    USER,
    Certs,
    Recorder,
    SmtpdFactory,
    assert_no_secret,
    certs,
    free_port,
    smtpd,
)

from learnworks_xl import api
from learnworks_xl.cli import cli
from learnworks_xl.core.pipeline import report_month
from learnworks_xl.mail import PASSWORD_ENV
from learnworks_xl.mail.compose import summary_lines
from learnworks_xl.mail.fromrun import summary_from_results

__all__ = ["certs", "smtpd"]  # fixtures used here

pytestmark = pytest.mark.filterwarnings(
    "ignore:Requiring AUTH while not requiring TLS:UserWarning")

SUBJECT = ("รายงานความก้าวหน้าโครงการส่งเสริมสนับสนุนให้นักเรียนสร้างสรรค์ผลงานเพื่อการเรียนรู้ "
           "ประจำเดือนกรกฎาคม 2569 สำนักงานเขตบางเขน")
SENDER = "education.bangkhen@example.org"
RECIPIENTS = ("education.office@example.org", "bk01@example.org")


@pytest.fixture
def no_password(monkeypatch: pytest.MonkeyPatch) -> pytest.MonkeyPatch:
    """No password in the environment, and no keyring package."""
    monkeypatch.delenv(PASSWORD_ENV, raising=False)
    monkeypatch.setitem(sys.modules, "keyring", None)
    return monkeypatch


@pytest.fixture
def workbook(tmp_path: Path, make_workbook: Callable[..., Path],
             sample_dict: dict[str, Any]) -> Callable[..., Path]:
    """The sample workbook with its ``ตั้งค่า`` pointing at a given server."""

    def make(port: int | None = None, security: str = "STARTTLS", **settings: Any) -> Path:
        values = sample_dict["ตั้งค่า"]
        values.update(smtp_host=HOST, smtp_port=port or 1, smtp_security=security)
        values.update(settings)
        return make_workbook(sample_dict, "learnworks.xlsx")

    return make


def run(*args: str | Path) -> Result:
    return CliRunner().invoke(cli, ["email", *map(str, args)])


def built_path(src: Path) -> Path:
    return src.with_name("learnworks-ผลลัพธ์-2569-07.xlsx")


def parse(data: bytes) -> EmailMessage:
    msg = email.message_from_bytes(data, policy=policy.default)
    assert isinstance(msg, EmailMessage)
    return msg


def check_attachment(msg: EmailMessage, built: Path) -> None:
    [part] = msg.iter_attachments()
    assert part.get_filename() == built.name
    assert part.get_content() == built.read_bytes()
    copy = built.with_name("opened.xlsx")
    copy.write_bytes(part.get_content())
    book = openpyxl.load_workbook(copy)
    assert "ตั้งค่า" in book.sheetnames
    copy.unlink()


def test_mail_api_eml_dry_run(workbook: Callable[..., Path], no_password: Any) -> None:
    src = workbook()
    before = src.read_bytes()
    out = src.with_name("ร่าง.eml")
    result = run(src, "--month", "2026-07", "--eml", out)
    built = built_path(src)
    assert (result.exit_code, result.stderr) == (0, "")
    assert result.stdout == (
        f"บันทึกอีเมลฉบับร่างไว้ที่ {out} (ยังไม่ได้ส่ง)\n"
        f"เรื่อง: {SUBJECT}\n"
        f"ถึง: {', '.join(RECIPIENTS)}\n"
        f"ไฟล์แนบ: {built}\n")
    msg = parse(out.read_bytes())
    assert msg["Subject"] == SUBJECT and msg["X-Unsent"] == "1"
    check_attachment(msg, built)
    assert src.read_bytes() == before


@pytest.mark.parametrize(("mode", "security"), [("starttls", "STARTTLS"), ("ssl", "SSL")])
def test_mail_api_sends(smtpd: SmtpdFactory, workbook: Callable[..., Path], tmp_path: Path,
                        caplog: pytest.LogCaptureFixture, no_password: pytest.MonkeyPatch,
                        mode: str, security: str) -> None:
    caplog.set_level(logging.DEBUG)
    no_password.setenv(PASSWORD_ENV, PASSWORD)
    server = smtpd(mode, auth=True)
    src = workbook(server.port, security, smtp_user=USER)
    result = run(src, "--month", "07/2569", "--to", "office@example.org",
                 "--cafile", server.certs.cert)
    built = built_path(src)
    assert (result.exit_code, result.stderr) == (0, "")
    assert result.stdout == (
        "ส่งอีเมลเรียบร้อยแล้ว\n"
        f"เรื่อง: {SUBJECT}\n"
        "ส่งถึง office@example.org สำเร็จ\n"
        f"ไฟล์แนบ: {built}\n")
    [got] = server.recorder.messages
    assert got.mail_from == SENDER and got.rcpt_tos == ["office@example.org"]
    msg = got.parsed()
    assert msg["Subject"] == SUBJECT
    body = msg.get_body(("plain",))
    assert body is not None and "- งบประมาณที่จัดสรร: 69,500.00 บาท" in body.get_content()
    check_attachment(msg, built)
    (tmp_path / "received.eml").write_bytes(got.data)
    assert_no_secret(PASSWORD, [tmp_path],
                     [result.output, *(r.getMessage() for r in caplog.records)])


def test_mail_api_partial_delivery(smtpd: SmtpdFactory, workbook: Callable[..., Path],
                                   no_password: Any) -> None:
    server = smtpd("starttls", recorder=Recorder(refuse=frozenset({RECIPIENTS[1]})))
    src = workbook(server.port, smtp_user=None, cc="cc@example.org")
    result = run(src, "--month", "2026-07", "--cafile", server.certs.cert)
    assert result.exit_code == 3
    assert result.stdout == (
        "ส่งอีเมลได้ 2 จาก 3 ราย\n"
        f"เรื่อง: {SUBJECT}\n"
        f"ส่งถึง {RECIPIENTS[0]} สำเร็จ\n"
        f"ส่งถึง {RECIPIENTS[1]} ไม่สำเร็จ (เซิร์ฟเวอร์ปฏิเสธ รหัส 550)\n"
        "ส่งถึง cc@example.org สำเร็จ\n"
        f"ไฟล์แนบ: {built_path(src)}\n")
    [got] = server.recorder.messages
    assert got.rcpt_tos == [RECIPIENTS[0], "cc@example.org"]
    assert got.parsed()["Cc"] == "cc@example.org"


@pytest.mark.parametrize("case", ["unreachable", "tls", "login", "refused", "too-big",
                                  "no-password"])
def test_mail_api_failures(smtpd: SmtpdFactory, workbook: Callable[..., Path], tmp_path: Path,
                           certs: Certs, no_password: pytest.MonkeyPatch, case: str) -> None:
    no_password.setenv(PASSWORD_ENV, "not-the-password" if case == "login" else PASSWORD)
    extra: list[str | Path] = ["--cafile", certs.cert]
    if case == "unreachable":
        port = free_port()
        src = workbook(port)
        code, thai = 3, (f"ติดต่อเซิร์ฟเวอร์อีเมล 127.0.0.1:{port} ไม่ได้ "
                         "กรุณาตรวจสอบการเชื่อมต่อเครือข่าย และชื่อเซิร์ฟเวอร์ พอร์ต "
                         "และการเข้ารหัสในชีต ตั้งค่า")
    elif case == "tls":
        server = smtpd("starttls")
        src = workbook(server.port)
        extra = []  # the self-signed certificate is not trusted
        code, thai = 3, (f"เชื่อมต่อแบบเข้ารหัส (STARTTLS) กับเซิร์ฟเวอร์อีเมล 127.0.0.1:{server.port} "
                         "ไม่สำเร็จ กรุณาตรวจสอบพอร์ตและการเข้ารหัสในชีต ตั้งค่า "
                         "หรือใบรับรองความปลอดภัยของเซิร์ฟเวอร์")
    elif case == "login":
        server = smtpd("starttls", auth=True)
        src = workbook(server.port, smtp_user=USER)
        code, thai = 3, (f"เซิร์ฟเวอร์อีเมลไม่ยอมรับชื่อผู้ใช้ {USER} หรือรหัสผ่าน "
                         "กรุณาตรวจสอบชื่อผู้ใช้ในชีต ตั้งค่า และรหัสผ่านที่บันทึกไว้")
    elif case == "refused":
        server = smtpd("plain", recorder=Recorder(refuse=frozenset(RECIPIENTS)))
        src = workbook(server.port, "ไม่เข้ารหัส", smtp_user=None)
        code, thai = 3, (f"เซิร์ฟเวอร์อีเมลไม่รับผู้รับทุกราย: {RECIPIENTS[0]} (รหัส 550), "
                         f"{RECIPIENTS[1]} (รหัส 550) กรุณาตรวจสอบอีเมลผู้รับในชีต ตั้งค่า")
    elif case == "too-big":
        server = smtpd("starttls")
        src = workbook(server.port, smtp_user=None)
        extra += ["--max-mb", "0.02"]
        code, thai = 3, r"อีเมลมีขนาด \d+\.\d\d MB เกินขนาดที่กำหนดไว้ \(0\.02 MB\) "
    else:
        no_password.delenv(PASSWORD_ENV)
        server = smtpd("starttls", auth=True)
        src = workbook(server.port, smtp_user=USER)
        code, thai = 2, (f"ไม่พบรหัสผ่านอีเมลของ {USER} กรุณาตั้งค่าตัวแปร {PASSWORD_ENV} "
                         "หรือบันทึกรหัสผ่านในที่เก็บรหัสผ่านของระบบ (keyring บริการ learnworks-smtp)")
    result = run(src, "--month", "2026-07", *extra)
    built = built_path(src)
    assert result.exit_code == code, result.output
    assert result.stdout == ""
    kept = KEPT.format(path=built)
    if case == "too-big":
        assert re.match(f"ผิดพลาด: {thai}กรุณาส่งไฟล์ด้วยวิธีอื่น เช่น ลิงก์จากที่เก็บไฟล์ออนไลน์"
                        + re.escape(kept + " ("), result.stderr), result.stderr
    else:
        assert result.stderr.startswith(f"ผิดพลาด: {thai}{kept} (")
    assert result.stderr.count("\n") == 1 and "Traceback" not in result.stderr
    assert built.exists()  # nothing lost
    openpyxl.load_workbook(built)
    assert_no_secret(PASSWORD, [tmp_path], [result.output])


def test_mail_api_library_call(workbook: Callable[..., Path], no_password: Any) -> None:
    src = workbook()
    result = api.email(src, month="ก.ค. 2569", eml=src.with_name("a.eml"), to=["x@example.org"])
    assert result.eml == src.with_name("a.eml") and result.delivery is None
    assert result.recipients == ("x@example.org",) and result.complete
    assert result.attachment == built_path(src) and result.subject == SUBJECT


@pytest.mark.parametrize(("change", "expected"), [
    (None, ["- ความก้าวหน้าของโครงการ: ร้อยละ 90.00 (ตามแผน ร้อยละ 90.00) เป็นไปตามแผน",
            "- ตัวชี้วัด: ร้อยละ 100.00 (ค่าเป้าหมายร้อยละ 95) ผ่านเกณฑ์",
            "- โรงเรียนที่ผ่านเกณฑ์: 5 จาก 5 โรงเรียน",
            "- งบประมาณที่จัดสรร: 69,500.00 บาท",
            "- ใช้จ่ายแล้ว: 67,342.00 บาท (ร้อยละ 96.89 ของงบประมาณที่จัดสรร)",
            "- ผลการตรวจสอบข้อมูล: ไม่พบข้อผิดพลาด"]),
    ("one-work-unselected",
     ["- ความก้าวหน้าของโครงการ: ร้อยละ 90.00 (ตามแผน ร้อยละ 90.00) เป็นไปตามแผน",
      "- ตัวชี้วัด: ร้อยละ 80.00 (ค่าเป้าหมายร้อยละ 95) ไม่ผ่านเกณฑ์",
      "- โรงเรียนที่ผ่านเกณฑ์: 4 จาก 5 โรงเรียน",
      "- งบประมาณที่จัดสรร: 69,500.00 บาท",
      "- ใช้จ่ายแล้ว: 67,342.00 บาท (ร้อยละ 96.89 ของงบประมาณที่จัดสรร)",
      "- ผลการตรวจสอบข้อมูล: ข้อผิดพลาด 0 รายการ คำเตือน 1 รายการ (ดูชีต ผลการตรวจสอบ)"]),
])
def test_mail_api_summary_from_workbook(make_workbook: Callable[..., Path],
                                        sample_dict: dict[str, Any], change: str | None,
                                        expected: list[str]) -> None:
    if change == "one-work-unselected":
        next(w for w in sample_dict["ผลงานนักเรียน"] if w.get("selected"))["selected"] = False
    src = make_workbook(sample_dict)
    done = api.run(src, out=src.with_name("finished.xlsx"), month="2026-07")
    summary = summary_from_results(done.results)
    assert summary.month == date(2026, 7, 1)
    assert summary_lines(summary) == expected


@pytest.mark.parametrize(("month", "setting", "expected"), [
    ("2026-07", None, date(2026, 7, 1)),
    ("ก.ค. 2569", date(2026, 3, 1), date(2026, 7, 1)),
    (None, date(2026, 3, 1), date(2026, 3, 1)),
    (None, None, date(2026, 8, 1)),  # the month just ended (today is 17 Sep 2026)
])
def test_mail_api_report_month(make_workbook: Callable[..., Path], sample_dict: dict[str, Any],
                               month: str | None, setting: date | None,
                               expected: date) -> None:
    sample_dict["ตั้งค่า"]["report_month"] = setting
    parsed = api.validate(make_workbook(sample_dict)).parsed
    assert report_month(month, parsed, today=date(2026, 9, 17)) == expected


def test_mail_api_bad_month(make_workbook: Callable[..., Path],
                            sample_dict: dict[str, Any]) -> None:
    src = make_workbook(sample_dict, "learnworks.xlsx")
    result = run(src, "--month", "13/2569", "--eml", src.with_name("x.eml"))
    assert result.exit_code == 2
    assert result.stderr.startswith(
        "ผิดพลาด: เดือน '13/2569' ไม่มีอยู่จริง (เดือนต้องเป็น 1–12) กรุณาใช้ เดือน ปี พ.ศ. "
        "เช่น พ.ย. 2568 หรือ 11/2568 (")
    assert sorted(p.name for p in src.parent.iterdir()) == ["learnworks.xlsx"]
