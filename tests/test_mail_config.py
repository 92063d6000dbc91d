"""Mail settings from ``ตั้งค่า``, recipients from the command line, the password from the
environment or the keyring — and the exact Thai messages when something is missing."""

from __future__ import annotations

import sys
import types
from typing import Any

import pytest

from learnworks_xl.core.models import Settings
from learnworks_xl.errors import ConfigError
from learnworks_xl.mail import (
    KEYRING_SERVICE,
    PASSWORD_ENV,
    Addresses,
    Secret,
    SmtpServer,
    addresses,
    require_password,
    smtp_password,
    smtp_server,
)

BASE: dict[str, Any] = {"smtp_host": "smtp.example.org", "sender": "a@example.org",
                        "recipients": "b@example.org, c@example.org"}


def settings(**changes: Any) -> Settings:
    return Settings(**{**BASE, **changes})


@pytest.mark.parametrize(("changes", "security", "port"), [
    ({}, "STARTTLS", 587),
    ({"smtp_security": "SSL"}, "SSL", 465),
    ({"smtp_security": "ไม่เข้ารหัส"}, "ไม่เข้ารหัส", 25),
    ({"smtp_security": "STARTTLS", "smtp_port": 2525}, "STARTTLS", 2525),
])
def test_mail_config_server_defaults(changes: dict[str, Any], security: str, port: int) -> None:
    server = smtp_server(settings(**changes))
    assert (server.host, server.security, server.port, server.user) == (
        "smtp.example.org", security, port, None)


@pytest.mark.parametrize(("changes", "call", "expected"), [
    ({"smtp_host": None}, "server", "ยังไม่ได้กรอก «เซิร์ฟเวอร์อีเมล (SMTP)» ในชีต ตั้งค่า"),
    ({"sender": None}, "addresses", "ยังไม่ได้กรอก «อีเมลผู้ส่ง» ในชีต ตั้งค่า"),
    ({"recipients": None}, "addresses", "ยังไม่ได้กรอก «อีเมลผู้รับ (คั่นด้วย ,)» ในชีต ตั้งค่า"),
    ({"sender": "ครู@โรงเรียน.th"}, "addresses",
     "อีเมลผู้ส่ง ครู@โรงเรียน.th ต้องเขียนด้วยตัวอักษรภาษาอังกฤษ "
     "กรุณาแก้ «อีเมลผู้ส่ง» ในชีต ตั้งค่า"),
])
def test_mail_config_missing(changes: dict[str, Any], call: str, expected: str) -> None:
    with pytest.raises(ConfigError) as info:
        if call == "server":
            smtp_server(settings(**changes))
        else:
            addresses(settings(**changes))
    assert info.value.message_th == expected
    assert info.value.exit_code == 2


@pytest.mark.parametrize(("to", "cc", "expected"), [
    (None, None, Addresses("a@example.org", ("b@example.org", "c@example.org"))),
    (["x@example.org; y@example.org", "z@example.org"], "b@example.org",
     Addresses("a@example.org", ("x@example.org", "y@example.org", "z@example.org"),
               ("b@example.org",))),
])
def test_mail_config_addresses(to: list[str] | None, cc: str | None,
                               expected: Addresses) -> None:
    assert addresses(settings(cc=cc), to) == expected


def test_mail_config_envelope_once_each() -> None:
    addrs = Addresses("a@example.org", ("B@example.org", "c@example.org"),
                      ("b@example.org", "d@example.org"))
    assert addrs.envelope == ("B@example.org", "c@example.org", "d@example.org")


def test_mail_config_draft_needs_no_sender() -> None:
    assert addresses(settings(sender=None), need_sender=False).sender is None


@pytest.mark.parametrize(("to", "expected"), [
    (["somchai"], "อีเมลผู้รับ somchai ไม่ถูกต้อง ตัวอย่าง: somchai@example.com"),
    (["ok@example.org, bad@, ครู@โรงเรียน.th"],
     "อีเมลผู้รับ bad@, ครู@โรงเรียน.th ไม่ถูกต้อง ตัวอย่าง: somchai@example.com"),
])
def test_mail_config_bad_recipient(to: list[str], expected: str) -> None:
    with pytest.raises(ConfigError) as info:
        addresses(settings(), to)
    assert info.value.message_th == expected


# ---------------------------------------------------------------- the password


class FakeKeyring(types.ModuleType):
    """Stands in for the optional ``keyring`` package (not installed in the test env)."""

    def __init__(self, stored: dict[tuple[str, str], str], broken: bool = False) -> None:
        super().__init__("keyring")
        self.stored = stored
        self.broken = broken
        self.asked: list[tuple[str, str]] = []

    def get_password(self, service: str, user: str) -> str | None:
        self.asked.append((service, user))
        if self.broken:
            raise RuntimeError("no backend")
        return self.stored.get((service, user))


@pytest.fixture
def no_env(monkeypatch: pytest.MonkeyPatch) -> pytest.MonkeyPatch:
    monkeypatch.delenv(PASSWORD_ENV, raising=False)
    monkeypatch.setitem(sys.modules, "keyring", None)  # import keyring -> ImportError
    return monkeypatch


def test_mail_config_password_from_env(no_env: pytest.MonkeyPatch) -> None:
    no_env.setenv(PASSWORD_ENV, "from-env")
    keyring = FakeKeyring({(KEYRING_SERVICE, "u"): "from-keyring"})
    no_env.setitem(sys.modules, "keyring", keyring)
    found = smtp_password("u")
    assert found is not None and found.reveal() == "from-env"
    assert keyring.asked == []


@pytest.mark.parametrize(("stored", "broken", "expected"), [
    ({(KEYRING_SERVICE, "u"): "from-keyring"}, False, "from-keyring"),
    ({(KEYRING_SERVICE, "someone-else"): "x"}, False, None),
    ({(KEYRING_SERVICE, "u"): "from-keyring"}, True, None),
], ids=["found", "other-user", "backend-fails"])
def test_mail_config_password_from_keyring(no_env: pytest.MonkeyPatch,
                                           stored: dict[tuple[str, str], str], broken: bool,
                                           expected: str | None) -> None:
    keyring = FakeKeyring(stored, broken)
    no_env.setitem(sys.modules, "keyring", keyring)
    found = smtp_password("u")
    assert (found.reveal() if found else None) == expected
    assert keyring.asked == [(KEYRING_SERVICE, "u")]


def test_mail_config_password_absent(no_env: pytest.MonkeyPatch) -> None:
    assert smtp_password("u") is None
    with pytest.raises(ConfigError) as info:
        require_password(SmtpServer("h", 587, "STARTTLS", user="u@example.org"))
    assert info.value.message_th == (
        f"ไม่พบรหัสผ่านอีเมลของ u@example.org กรุณาตั้งค่าตัวแปร {PASSWORD_ENV} "
        f"หรือบันทึกรหัสผ่านในที่เก็บรหัสผ่านของระบบ (keyring บริการ {KEYRING_SERVICE})")


def test_mail_config_no_password_over_plain(no_env: pytest.MonkeyPatch) -> None:
    no_env.setenv(PASSWORD_ENV, "pw-in-env")
    with pytest.raises(ConfigError) as info:
        require_password(SmtpServer("h", 25, "ไม่เข้ารหัส", user="u"))
    assert info.value.message_th == (
        "ไม่ส่งรหัสผ่านผ่านการเชื่อมต่อที่ไม่เข้ารหัส กรุณาเลือก «การเข้ารหัส SMTP» "
        "เป็น STARTTLS หรือ SSL ในชีต ตั้งค่า")
    assert "pw-in-env" not in info.value.one_line()


def test_mail_config_no_user_no_password(no_env: pytest.MonkeyPatch) -> None:
    assert require_password(SmtpServer("h", 25, "ไม่เข้ารหัส")) is None


@pytest.mark.parametrize("show", [repr, str, lambda s: f"{s}", lambda s: repr([s])])
def test_mail_config_secret_hidden(show: Any) -> None:
    assert "hunter2" not in show(Secret("hunter2"))
