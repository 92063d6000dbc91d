"""Sending against a real aiosmtpd server on 127.0.0.1: plain, STARTTLS and SSL, with login.

This module also holds the harness (:class:`Smtpd`, the ``smtpd`` and ``certs`` fixtures)
that ``test_mail_api.py`` imports. Certificates are made here, with ``cryptography``.
"""

from __future__ import annotations

import base64
import datetime as dt
import email
import ipaddress
import logging
import socket
import ssl
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from decimal import Decimal
from email import policy
from email.message import EmailMessage
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from aiosmtpd.controller import Controller
from aiosmtpd.smtp import AuthResult, LoginPassword
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import NameOID

from learnworks_xl.core.models import Settings
from learnworks_xl.errors import ConfigError, LearnworksError
from learnworks_xl.mail import (
    PASSWORD_ENV,
    Addresses,
    MailAuthError,
    MailConnectError,
    MailRecipientsRefused,
    MailSenderRefused,
    MailSummary,
    MailTLSError,
    MailTooLargeError,
    Secret,
    SmtpServer,
    compose,
    email_workbook,
    send,
    to_bytes,
)
from learnworks_xl.mail.compose import subject_line

# The SSL server takes AUTH over implicit TLS, which aiosmtpd cannot see as TLS.
pytestmark = pytest.mark.filterwarnings(
    "ignore:Requiring AUTH while not requiring TLS:UserWarning")

HOST = "127.0.0.1"
USER = "education.bangkhen@example.org"
PASSWORD = "Pw-7x!q9Zr2-kT4m"
SENDER = "education.bangkhen@example.org"
TO = ("office@example.org", "bk01@example.org")
SUMMARY = MailSummary(
    program="ส่งเสริมสนับสนุนให้นักเรียนสร้างสรรค์ผลงานเพื่อการเรียนรู้",
    agency="ฝ่ายการศึกษา และโรงเรียนในสังกัดสำนักงานเขตบางเขน",
    month=dt.date(2026, 7, 1), kpi_percent=Decimal("80"), kpi_target=Decimal("95"),
    kpi_passed=False, schools_met=4, schools_total=5, allocated=Decimal("69500"),
    spent=Decimal("52000"), errors=0, warnings=2)
SUBJECT = ("รายงานความก้าวหน้าโครงการส่งเสริมสนับสนุนให้นักเรียนสร้างสรรค์ผลงานเพื่อการเรียนรู้ "
           "ประจำเดือนกรกฎาคม 2569 สำนักงานเขตบางเขน")
KEPT = " ไฟล์ที่จัดทำแล้วยังอยู่ที่ {path}"


# ---------------------------------------------------------------- harness


@dataclass
class Certs:
    """A self-signed certificate for 127.0.0.1/localhost and its key, as PEM files."""

    cert: Path
    key: Path

    def server_context(self) -> ssl.SSLContext:
        ctx = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
        ctx.load_cert_chain(self.cert, self.key)
        return ctx


def make_certs(folder: Path) -> Certs:
    """Write a fresh self-signed certificate (EC P-256, SAN 127.0.0.1 and localhost)."""
    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "learnworks test smtpd")])
    now = dt.datetime.now(dt.UTC)
    cert = (
        x509.CertificateBuilder()
        .subject_name(name).issuer_name(name).public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - dt.timedelta(minutes=5))
        .not_valid_after(now + dt.timedelta(days=1))
        .add_extension(x509.SubjectAlternativeName(
            [x509.DNSName("localhost"), x509.IPAddress(ipaddress.ip_address(HOST))]),
            critical=False)
        .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
        .sign(key, hashes.SHA256())
    )
    paths = Certs(folder / "smtpd-cert.pem", folder / "smtpd-key.pem")
    paths.cert.write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    paths.key.write_bytes(key.private_bytes(
        serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
        serialization.NoEncryption()))
    return paths


def free_port() -> int:
    """A loopback port with nothing listening on it (right now)."""
    with socket.socket() as s:
        s.bind((HOST, 0))
        port: int = s.getsockname()[1]
        return port


@dataclass
class Received:
    mail_from: str
    rcpt_tos: list[str]
    data: bytes

    def parsed(self) -> EmailMessage:
        msg = email.message_from_bytes(self.data, policy=policy.default)
        assert isinstance(msg, EmailMessage)
        return msg


@dataclass
class Recorder:
    """The aiosmtpd handler: keeps every message; refuses some recipients or the data."""

    refuse: frozenset[str] = frozenset()
    refuse_sender: bool = False
    data_reply: str | None = None
    messages: list[Received] = field(default_factory=list)
    logins: list[bytes] = field(default_factory=list)

    async def handle_MAIL(self, server: Any, session: Any, envelope: Any, address: str,
                          mail_options: list[str]) -> str:
        if self.refuse_sender:
            return "553 5.7.1 Sender address rejected"
        envelope.mail_from = address
        envelope.mail_options.extend(mail_options)
        return "250 OK"

    async def handle_RCPT(self, server: Any, session: Any, envelope: Any, address: str,
                          rcpt_options: list[str]) -> str:
        if address in self.refuse:
            return "550 5.1.1 No such user"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:
        if self.data_reply:
            return self.data_reply
        self.messages.append(Received(envelope.mail_from, list(envelope.rcpt_tos),
                                      envelope.original_content))
        return "250 Message accepted"


class Authenticator:
    """Accepts exactly USER / PASSWORD."""

    def __init__(self, recorder: Recorder) -> None:
        self.recorder = recorder

    def __call__(self, server: Any, session: Any, envelope: Any, mechanism: str,
                 auth_data: Any) -> AuthResult:
        ok = (isinstance(auth_data, LoginPassword) and auth_data.login == USER.encode()
              and auth_data.password == PASSWORD.encode())
        self.recorder.logins.append(auth_data.login if ok else b"refused")
        return AuthResult(success=ok, handled=False)


@dataclass
class Smtpd:
    """A running server and what the client needs to reach it."""

    mode: str
    port: int
    recorder: Recorder
    certs: Certs

    def server(self, security: str | None = None, *, user: str | None = None,
               trust: bool = True, max_bytes: int = 25 * 1024 * 1024) -> SmtpServer:
        sec: Any = security or {"plain": "ไม่เข้ารหัส", "starttls": "STARTTLS",
                                "ssl": "SSL"}[self.mode]
        return SmtpServer(HOST, self.port, sec, user, self.certs.cert if trust else None,
                          timeout=5, max_bytes=max_bytes)

    def settings(self, **extra: Any) -> Settings:
        sec = {"plain": "ไม่เข้ารหัส", "starttls": "STARTTLS", "ssl": "SSL"}[self.mode]
        values: dict[str, Any] = {"smtp_host": HOST, "smtp_port": self.port,
                                  "smtp_security": sec, "sender": SENDER,
                                  "recipients": ", ".join(TO)}
        values.update(extra)
        return Settings(**values)


@pytest.fixture
def certs(tmp_path_factory: pytest.TempPathFactory) -> Certs:
    """A self-signed certificate, outside the test's tmp_path (which is scanned)."""
    return make_certs(tmp_path_factory.mktemp("certs"))


SmtpdFactory = Callable[..., Smtpd]


@pytest.fixture
def smtpd(certs: Certs) -> Iterator[SmtpdFactory]:
    """Start aiosmtpd servers on 127.0.0.1; all are stopped after the test."""
    running: list[Controller] = []

    def start(mode: str = "plain", *, auth: bool = False, size: int | None = 2**25,
              recorder: Recorder | None = None) -> Smtpd:
        rec = recorder or Recorder()
        kwargs: dict[str, Any] = {"data_size_limit": size}
        if mode == "starttls":
            kwargs.update(tls_context=certs.server_context(), require_starttls=True)
        if auth:
            kwargs.update(authenticator=Authenticator(rec), auth_required=True,
                          auth_require_tls=mode != "plain")
            if mode == "ssl":
                kwargs["auth_require_tls"] = False  # implicit TLS: aiosmtpd can't tell
        port = free_port()
        controller = Controller(
            rec, hostname=HOST, port=port,
            ssl_context=certs.server_context() if mode == "ssl" else None, **kwargs)
        controller.start()
        running.append(controller)
        return Smtpd(mode, port, rec, certs)

    yield start
    for controller in running:
        controller.stop()


@pytest.fixture
def built(make_workbook: Callable[..., Path], sample_dict: dict[str, Any]) -> Path:
    """A finished workbook stand-in with a Thai file name."""
    return make_workbook(sample_dict, "learnworks-ผลลัพธ์-2569-07.xlsx")


def secret_forms(secret: str) -> list[bytes]:
    """The password as it could leak: plain, base64, and inside an AUTH PLAIN blob."""
    raw = secret.encode()
    return [raw, base64.b64encode(raw), base64.b64encode(b"\0" + USER.encode() + b"\0" + raw)]


def assert_no_secret(secret: str, folders: list[Path], texts: list[str]) -> None:
    """No file under ``folders`` and no text contains the password in any form."""
    forms = secret_forms(secret)
    for folder in folders:
        for path in folder.rglob("*"):
            if path.is_file():
                data = path.read_bytes()
                assert not any(f in data for f in forms), f"password in {path}"
    for text in texts:
        assert not any(f.decode() in text for f in forms), f"password in {text!r}"


def exception_texts(exc: BaseException | None) -> list[str]:
    """str/repr/args of an exception and of everything it chains to."""
    out: list[str] = []
    while exc is not None:
        out += [str(exc), repr(exc), *map(repr, exc.args)]
        if isinstance(exc, LearnworksError):
            out += [exc.message_th, exc.message_en, exc.one_line()]
        exc = exc.__cause__ or exc.__context__
    return out


def sent_message(built: Path, to: tuple[str, ...] = TO) -> bytes:
    return to_bytes(compose(SUMMARY, built, Addresses(SENDER, to)))


# ---------------------------------------------------------------- delivery


@pytest.mark.parametrize(("mode", "auth"), [
    ("plain", False), ("starttls", False), ("starttls", True), ("ssl", False), ("ssl", True),
])
def test_mail_send_delivers(smtpd: SmtpdFactory, built: Path, mode: str, auth: bool) -> None:
    server = smtpd(mode, auth=auth)
    password = Secret(PASSWORD) if auth else None
    delivery = send(sent_message(built), server.server(user=USER if auth else None),
                    Addresses(SENDER, TO), password, attachment=built)
    assert delivery.complete and delivery.accepted == TO
    [got] = server.recorder.messages
    assert got.mail_from == SENDER and got.rcpt_tos == list(TO)
    assert server.recorder.logins == ([USER.encode()] if auth else [])
    msg = got.parsed()
    assert msg["Subject"] == SUBJECT
    assert msg["To"] == ", ".join(TO)
    [attachment] = msg.iter_attachments()
    assert attachment.get_filename() == built.name
    assert attachment.get_content_type() == (
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
    payload = attachment.get_content()
    assert payload == built.read_bytes()
    copy = built.with_name("received.xlsx")
    copy.write_bytes(payload)
    assert "ตั้งค่า" in openpyxl.load_workbook(copy).sheetnames


def test_mail_send_partial_delivery(smtpd: SmtpdFactory, built: Path) -> None:
    server = smtpd("starttls", recorder=Recorder(refuse=frozenset({TO[1]})))
    delivery = send(sent_message(built), server.server(), Addresses(SENDER, TO),
                    attachment=built)
    assert not delivery.complete
    assert delivery.accepted == (TO[0],)
    assert {a: c for a, (c, _) in delivery.refused.items()} == {TO[1]: 550}
    assert [m.rcpt_tos for m in server.recorder.messages] == [[TO[0]]]


# ---------------------------------------------------------------- failures

TLS_FAILED = ("เชื่อมต่อแบบเข้ารหัส ({sec}) กับเซิร์ฟเวอร์อีเมล 127.0.0.1:{port} ไม่สำเร็จ "
              "กรุณาตรวจสอบพอร์ตและการเข้ารหัสในชีต ตั้งค่า หรือใบรับรองความปลอดภัยของเซิร์ฟเวอร์")


@pytest.mark.parametrize(("mode", "security", "trust", "expected"), [
    ("starttls", "STARTTLS", False, TLS_FAILED),
    ("ssl", "SSL", False, TLS_FAILED),
    ("plain", "SSL", True, TLS_FAILED),
    ("plain", "STARTTLS", True,
     "เซิร์ฟเวอร์อีเมล 127.0.0.1:{port} ไม่รองรับการเข้ารหัสแบบ STARTTLS "
     "กรุณาตรวจสอบพอร์ตและการเข้ารหัสในชีต ตั้งค่า"),
], ids=["starttls-untrusted", "ssl-untrusted", "ssl-to-plain", "starttls-not-offered"])
def test_mail_send_tls_failure(smtpd: SmtpdFactory, built: Path, mode: str, security: str,
                               trust: bool, expected: str) -> None:
    server = smtpd(mode)
    with pytest.raises(MailTLSError) as info:
        send(sent_message(built), server.server(security, trust=trust),
             Addresses(SENDER, TO), attachment=built)
    want = expected.format(sec=security, port=server.port) + KEPT.format(path=built)
    assert info.value.message_th == want
    assert info.value.exit_code == 3
    assert server.recorder.messages == []
    assert built.exists()


def test_mail_send_unreachable(built: Path) -> None:
    port = free_port()
    server = SmtpServer(HOST, port, "STARTTLS", timeout=5)
    with pytest.raises(MailConnectError) as info:
        send(sent_message(built), server, Addresses(SENDER, TO), attachment=built)
    assert info.value.message_th == (
        f"ติดต่อเซิร์ฟเวอร์อีเมล 127.0.0.1:{port} ไม่ได้ กรุณาตรวจสอบการเชื่อมต่อเครือข่าย "
        "และชื่อเซิร์ฟเวอร์ พอร์ต และการเข้ารหัสในชีต ตั้งค่า" + KEPT.format(path=built))


@pytest.mark.parametrize(("mode", "password", "expected"), [
    ("starttls", "wrong-password",
     f"เซิร์ฟเวอร์อีเมลไม่ยอมรับชื่อผู้ใช้ {USER} หรือรหัสผ่าน "
     "กรุณาตรวจสอบชื่อผู้ใช้ในชีต ตั้งค่า และรหัสผ่านที่บันทึกไว้"),
    ("ssl", "wrong-password",
     f"เซิร์ฟเวอร์อีเมลไม่ยอมรับชื่อผู้ใช้ {USER} หรือรหัสผ่าน "
     "กรุณาตรวจสอบชื่อผู้ใช้ในชีต ตั้งค่า และรหัสผ่านที่บันทึกไว้"),
    ("starttls", "รหัสผ่านไทย",
     "ชื่อผู้ใช้หรือรหัสผ่านอีเมลมีอักขระที่ไม่ใช่ภาษาอังกฤษ ซึ่งการเข้าสู่ระบบอีเมลไม่รองรับ "
     "กรุณาตรวจสอบชื่อผู้ใช้และรหัสผ่าน"),
], ids=["starttls", "ssl", "non-ascii"])
def test_mail_send_login_refused(smtpd: SmtpdFactory, built: Path, tmp_path: Path,
                                 caplog: pytest.LogCaptureFixture, mode: str, password: str,
                                 expected: str) -> None:
    caplog.set_level(logging.DEBUG)
    server = smtpd(mode, auth=True)
    with pytest.raises(MailAuthError) as info:
        send(sent_message(built), server.server(user=USER), Addresses(SENDER, TO),
             Secret(password), attachment=built)
    assert info.value.message_th == expected + KEPT.format(path=built)
    assert server.recorder.messages == []
    texts = exception_texts(info.value) + [r.getMessage() for r in caplog.records]
    assert_no_secret(password, [tmp_path], texts)


def test_mail_send_login_not_offered(smtpd: SmtpdFactory, built: Path) -> None:
    server = smtpd("plain")  # aiosmtpd offers AUTH only over TLS
    with pytest.raises(MailAuthError) as info:
        send(sent_message(built), server.server(user=USER), Addresses(SENDER, TO),
             Secret(PASSWORD), attachment=built)
    assert info.value.message_th == (
        "เซิร์ฟเวอร์อีเมล 127.0.0.1 ไม่เปิดให้เข้าสู่ระบบ กรุณาตรวจสอบการเข้ารหัส "
        "หรือลบชื่อผู้ใช้ SMTP ในชีต ตั้งค่า" + KEPT.format(path=built))


def test_mail_send_every_recipient_refused(smtpd: SmtpdFactory, built: Path) -> None:
    server = smtpd("plain", recorder=Recorder(refuse=frozenset(TO)))
    with pytest.raises(MailRecipientsRefused) as info:
        send(sent_message(built), server.server(), Addresses(SENDER, TO), attachment=built)
    assert info.value.message_th == (
        "เซิร์ฟเวอร์อีเมลไม่รับผู้รับทุกราย: office@example.org (รหัส 550), "
        "bk01@example.org (รหัส 550) กรุณาตรวจสอบอีเมลผู้รับในชีต ตั้งค่า"
        + KEPT.format(path=built))
    assert info.value.refused == {TO[0]: 550, TO[1]: 550}


def test_mail_send_sender_refused(smtpd: SmtpdFactory, built: Path) -> None:
    server = smtpd("plain", recorder=Recorder(refuse_sender=True))
    with pytest.raises(MailSenderRefused) as info:
        send(sent_message(built), server.server(), Addresses(SENDER, TO), attachment=built)
    assert info.value.message_th == (
        f"เซิร์ฟเวอร์อีเมลไม่รับอีเมลผู้ส่ง {SENDER} (รหัส 553) "
        "กรุณาตรวจสอบอีเมลผู้ส่งในชีต ตั้งค่า" + KEPT.format(path=built))


def _mb(n: int) -> str:
    return f"{n / 2**20:,.2f}"


@pytest.mark.parametrize("where", ["server-size", "configured", "data-552"])
def test_mail_send_too_large(smtpd: SmtpdFactory, built: Path, where: str) -> None:
    data = sent_message(built)
    size = len(data)
    tail = " กรุณาส่งไฟล์ด้วยวิธีอื่น เช่น ลิงก์จากที่เก็บไฟล์ออนไลน์" + KEPT.format(path=built)
    if where == "server-size":
        server = smtpd("plain", size=4096)
        target = server.server()
        expected = (f"อีเมลมีขนาด {_mb(size)} MB เกินขนาดที่เซิร์ฟเวอร์อีเมลรับได้ "
                    f"({_mb(4096)} MB)" + tail)
    elif where == "configured":
        server = smtpd("plain")
        target = server.server(max_bytes=4096)
        expected = f"อีเมลมีขนาด {_mb(size)} MB เกินขนาดที่กำหนดไว้ ({_mb(4096)} MB)" + tail
    else:
        server = smtpd("plain", size=None,
                       recorder=Recorder(data_reply="552 5.3.4 Message size exceeds limit"))
        target = server.server()
        expected = f"อีเมลมีขนาด {_mb(size)} MB เกินขนาดที่เซิร์ฟเวอร์อีเมลรับได้" + tail
    with pytest.raises(MailTooLargeError) as info:
        send(data, target, Addresses(SENDER, TO), attachment=built)
    assert info.value.message_th == expected
    assert server.recorder.messages == []
    assert built.exists()


# ---------------------------------------------------------------- the whole job


def test_mail_send_job_never_leaks_password(smtpd: SmtpdFactory, built: Path, tmp_path: Path,
                                            caplog: pytest.LogCaptureFixture,
                                            monkeypatch: pytest.MonkeyPatch) -> None:
    caplog.set_level(logging.DEBUG)
    monkeypatch.setenv(PASSWORD_ENV, PASSWORD)
    server = smtpd("starttls", auth=True)
    settings = server.settings(smtp_user=USER)
    result = email_workbook(built, SUMMARY, settings, cafile=server.certs.cert)
    assert result.complete and result.subject == subject_line(SUMMARY) == SUBJECT
    [got] = server.recorder.messages
    eml = email_workbook(built, SUMMARY, settings, eml=tmp_path / "ร่าง.eml").eml
    assert eml is not None and eml.exists()
    (tmp_path / "received.eml").write_bytes(got.data)
    texts = [r.getMessage() for r in caplog.records] + [repr(settings), repr(result)]
    assert_no_secret(PASSWORD, [tmp_path], texts)


@pytest.mark.parametrize("content", [None, b"not a certificate"], ids=["missing", "not-pem"])
def test_mail_send_bad_cafile(built: Path, tmp_path: Path, content: bytes | None) -> None:
    cafile = tmp_path / "ca.pem"
    if content is not None:
        cafile.write_bytes(content)
    server = SmtpServer(HOST, free_port(), "STARTTLS", cafile=cafile)
    with pytest.raises(ConfigError) as info:
        send(sent_message(built), server, Addresses(SENDER, TO), attachment=built)
    assert info.value.message_th == (
        f"อ่านไฟล์ใบรับรอง {cafile} ไม่ได้ กรุณาตรวจสอบว่าเป็นไฟล์ใบรับรองแบบ PEM"
        + KEPT.format(path=built))
