"""Mail settings: the server and the addresses from ``ตั้งค่า``, the password from outside.

The password never lives in the workbook. It comes from the environment variable
:data:`PASSWORD_ENV` or, when that is not set, from the operating system's password store
through the optional ``keyring`` package (service :data:`KEYRING_SERVICE`, user name = the
SMTP user). It is held in a :class:`Secret`, whose ``repr``/``str`` never show it.
"""

from __future__ import annotations

import importlib
import logging
import os
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from pydantic import TypeAdapter, ValidationError

from learnworks_xl.core.cellerrors import named
from learnworks_xl.core.fields import Email
from learnworks_xl.core.models import Settings
from learnworks_xl.errors import ConfigError
from learnworks_xl.mail.errors import SETTINGS_SHEET

log = logging.getLogger(__name__)

PASSWORD_ENV = "LEARNWORKS_SMTP_PASSWORD"
KEYRING_SERVICE = "learnworks-smtp"
PLAIN = "ไม่เข้ารหัส"
DEFAULT_PORTS: dict[str, int] = {"STARTTLS": 587, "SSL": 465, PLAIN: 25}
#: Largest message we send (bytes on the wire, after base64): most office servers take 25 MB.
DEFAULT_MAX_BYTES = 25 * 1024 * 1024
DEFAULT_TIMEOUT = 30.0

SecurityName = Literal["STARTTLS", "SSL", "ไม่เข้ารหัส"]

_EMAIL = TypeAdapter(Email)


class Secret:
    """A password that does not show itself in ``repr``, ``str``, logs or tracebacks.

    Args:
        value: The password.
    """

    __slots__ = ("_value",)

    def __init__(self, value: str) -> None:
        self._value = value

    def reveal(self) -> str:
        """Return the password itself (only for ``smtplib.SMTP.login``)."""
        return self._value

    def __repr__(self) -> str:
        return "Secret('***')"

    __str__ = __repr__


@dataclass(frozen=True)
class Addresses:
    """Who the message is from and to. ``envelope`` is ``to`` + ``cc``, each address once."""

    sender: str | None
    to: tuple[str, ...]
    cc: tuple[str, ...] = ()

    @property
    def envelope(self) -> tuple[str, ...]:
        """The SMTP recipients: every To and Cc address once, in order."""
        seen: set[str] = set()
        out: list[str] = []
        for addr in (*self.to, *self.cc):
            if addr.lower() not in seen:
                seen.add(addr.lower())
                out.append(addr)
        return tuple(out)


@dataclass(frozen=True)
class SmtpServer:
    """How to reach the SMTP server.

    Attributes:
        host: Host name or IP address.
        port: TCP port.
        security: ``STARTTLS``, ``SSL`` (implicit TLS) or ``ไม่เข้ารหัส`` (plain).
        user: Login name, or ``None`` to send without login.
        cafile: Extra trusted certificates (PEM) for an office server with its own CA.
        timeout: Seconds to wait for the server at each step.
        max_bytes: The configured size limit of the whole message.
    """

    host: str
    port: int
    security: SecurityName
    user: str | None = None
    cafile: Path | None = None
    timeout: float = DEFAULT_TIMEOUT
    max_bytes: int = DEFAULT_MAX_BYTES


def _title(field: str) -> str:
    """A setting as messages name it: its Thai title in guillemets (``«อีเมลผู้ส่ง»``)."""
    title = Settings.model_fields[field].title
    return named(title if title is not None else field)


def missing_setting(field: str) -> ConfigError:
    """The error for a setting that the job needs and ``ตั้งค่า`` leaves empty.

    Args:
        field: The field of :class:`~learnworks_xl.core.models.Settings`.

    Returns:
        The error, naming the setting by its Thai title.
    """
    return ConfigError(
        f"ยังไม่ได้กรอก {_title(field)} ในชีต {SETTINGS_SHEET}",
        f"the setting {field} is empty in the {SETTINGS_SHEET} sheet",
    )


def split_addresses(values: Iterable[str]) -> tuple[str, ...]:
    """Split and check addresses typed as ``a@x.org, b@y.org`` (also ``;``), in order.

    Args:
        values: Texts, each holding one or more addresses.

    Returns:
        The addresses, in order.

    Raises:
        ConfigError: An address is not an e-mail address (all bad ones are named).
    """
    parts = [p.strip() for v in values for p in v.replace(";", ",").split(",") if p.strip()]
    bad = []
    for part in parts:
        try:
            _EMAIL.validate_python(part)
        except ValidationError:
            bad.append(part)
            continue
        if not part.isascii():  # SMTP without SMTPUTF8 carries ASCII addresses only
            bad.append(part)
    if bad:
        raise ConfigError(
            f"อีเมลผู้รับ {', '.join(bad)} ไม่ถูกต้อง ตัวอย่าง: somchai@example.com",
            f"invalid e-mail address: {', '.join(bad)}",
        )
    return tuple(parts)


def addresses(settings: Settings, to: Sequence[str] | None = None, *,
              need_sender: bool = True) -> Addresses:
    """The sender and recipients: ``to`` replaces the recipients of ``ตั้งค่า``; Cc stays.

    Args:
        settings: The ``ตั้งค่า`` sheet.
        to: Recipients given on the command line (each may hold several, comma-separated).
        need_sender: Require ``อีเมลผู้ส่ง`` (sending does; an .eml dry run does not).

    Returns:
        The sender, To and Cc.

    Raises:
        ConfigError: No sender (when needed), no recipient, or a bad address.
    """
    if need_sender and not settings.sender:
        raise missing_setting("sender")
    if settings.sender and not settings.sender.isascii():
        raise ConfigError(
            f"อีเมลผู้ส่ง {settings.sender} ต้องเขียนด้วยตัวอักษรภาษาอังกฤษ "
            f"กรุณาแก้ {_title('sender')} ในชีต {SETTINGS_SHEET}",
            f"the sender address {settings.sender!r} is not ASCII",
        )
    rcpts = split_addresses(to) if to else split_addresses([settings.recipients or ""])
    if not rcpts:
        raise missing_setting("recipients")
    return Addresses(settings.sender, rcpts, split_addresses([settings.cc or ""]))


def smtp_server(settings: Settings, *, cafile: Path | None = None,
                max_bytes: int = DEFAULT_MAX_BYTES,
                timeout: float = DEFAULT_TIMEOUT) -> SmtpServer:
    """The server of ``ตั้งค่า``; security defaults to STARTTLS, the port to its usual one.

    Args:
        settings: The ``ตั้งค่า`` sheet.
        cafile: Extra trusted certificates (PEM).
        max_bytes: The configured size limit of a message.
        timeout: Seconds to wait for the server at each step.

    Returns:
        How to reach the server.

    Raises:
        ConfigError: No server name in ``ตั้งค่า``.
    """
    if not settings.smtp_host:
        raise missing_setting("smtp_host")
    security: SecurityName = settings.smtp_security or "STARTTLS"
    port = settings.smtp_port or DEFAULT_PORTS[security]
    return SmtpServer(settings.smtp_host, port, security, settings.smtp_user or None,
                      cafile, timeout, max_bytes)


def smtp_password(user: str) -> Secret | None:
    """Find the SMTP password: :data:`PASSWORD_ENV` first, then the OS keyring.

    Args:
        user: The SMTP user (the keyring's user name under :data:`KEYRING_SERVICE`).

    Returns:
        The password, or ``None`` when neither place has it.
    """
    value = os.environ.get(PASSWORD_ENV)
    if value:
        log.debug("SMTP password taken from %s", PASSWORD_ENV)
        return Secret(value)
    try:
        keyring = importlib.import_module("keyring")
    except ImportError:
        return None
    try:
        found = keyring.get_password(KEYRING_SERVICE, user)
    except Exception as exc:  # any backend failure means "not found", never a crash
        log.warning("keyring lookup failed: %s", type(exc).__name__)
        return None
    if isinstance(found, str) and found:
        log.debug("SMTP password taken from the keyring")
        return Secret(found)
    return None


def require_password(server: SmtpServer) -> Secret | None:
    """The password for ``server.user``.

    Args:
        server: The server; its ``user`` and ``security`` matter.

    Returns:
        The password, or ``None`` when there is no user (no login).

    Raises:
        ConfigError: A user is set but no password is found, or the connection would be
            unencrypted (a password is never sent in clear text).
    """
    if server.user is None:
        return None
    if server.security == PLAIN:
        raise ConfigError(
            f"ไม่ส่งรหัสผ่านผ่านการเชื่อมต่อที่ไม่เข้ารหัส กรุณาเลือก {_title('smtp_security')} "
            f"เป็น STARTTLS หรือ SSL ในชีต {SETTINGS_SHEET}",
            "refusing to send a password over an unencrypted connection",
        )
    password = smtp_password(server.user)
    if password is None:
        raise ConfigError(
            f"ไม่พบรหัสผ่านอีเมลของ {server.user} กรุณาตั้งค่าตัวแปร {PASSWORD_ENV} "
            f"หรือบันทึกรหัสผ่านในที่เก็บรหัสผ่านของระบบ (keyring บริการ {KEYRING_SERVICE})",
            f"no SMTP password for {server.user}: set {PASSWORD_ENV} or store it in the "
            f"keyring under the service {KEYRING_SERVICE}",
        )
    return password
