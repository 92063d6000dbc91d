"""Send a composed message over SMTP: STARTTLS or SSL with login, or plain.

Every failure becomes a :class:`~learnworks_xl.mail.errors.MailError` with a Thai message
that names the built file (it stays on disk). A partial delivery is not an error: the
returned :class:`Delivery` lists each recipient, accepted or refused with the server's code.

The password is only handed to ``smtplib.SMTP.login``; it is never logged and never put in a
message. Server replies, which end up in the English messages, are scrubbed of it anyway.
"""

from __future__ import annotations

import logging
import smtplib
import ssl
from dataclasses import dataclass, field
from pathlib import Path

from learnworks_xl.errors import ConfigError
from learnworks_xl.mail import errors as me
from learnworks_xl.mail.config import PLAIN, Addresses, Secret, SmtpServer

log = logging.getLogger(__name__)

MB = 1024 * 1024


@dataclass(frozen=True)
class Delivery:
    """The outcome of one send.

    Attributes:
        accepted: Recipients the server took, in order.
        refused: Recipients the server refused: address → (reply code, reply text).
        size: Bytes sent.
        attachment: The built file, still on disk.
    """

    accepted: tuple[str, ...]
    refused: dict[str, tuple[int, str]] = field(default_factory=dict)
    size: int = 0
    attachment: Path | None = None

    @property
    def complete(self) -> bool:
        """True when every recipient was accepted."""
        return not self.refused


def tls_context(cafile: Path | None = None) -> ssl.SSLContext:
    """A verifying client context: the system's CAs plus ``cafile``.

    Args:
        cafile: Extra trusted certificates (an office CA, PEM), or ``None``.

    Returns:
        The context (certificate and host name checked).

    Raises:
        ConfigError: ``cafile`` cannot be read as PEM certificates.
    """
    context = ssl.create_default_context()
    if cafile is not None:
        try:
            context.load_verify_locations(cafile=str(cafile))
        except (OSError, ValueError) as exc:  # ssl.SSLError is an OSError
            raise ConfigError(
                f"อ่านไฟล์ใบรับรอง {cafile} ไม่ได้ กรุณาตรวจสอบว่าเป็นไฟล์ใบรับรองแบบ PEM",
                f"cannot load the certificates in {cafile}: {type(exc).__name__}") from None
    return context


def _text(reply: bytes | str, secret: Secret | None) -> str:
    text = reply.decode("utf-8", "replace") if isinstance(reply, bytes) else str(reply)
    text = " ".join(text.split())
    if secret is not None and secret.reveal():
        text = text.replace(secret.reveal(), "***")
    return text


def _mb(size: int) -> str:
    return f"{size / MB:,.2f}"


def _too_large(size: int, limit: int, by_server: bool, path: Path | None) -> me.MailTooLargeError:
    if by_server and not limit:
        return me.MailTooLargeError(
            f"อีเมลมีขนาด {_mb(size)} MB เกินขนาดที่เซิร์ฟเวอร์อีเมลรับได้ "
            "กรุณาส่งไฟล์ด้วยวิธีอื่น เช่น ลิงก์จากที่เก็บไฟล์ออนไลน์",
            f"message of {size} bytes is too large for the server", path)
    if by_server:
        return me.MailTooLargeError(
            f"อีเมลมีขนาด {_mb(size)} MB เกินขนาดที่เซิร์ฟเวอร์อีเมลรับได้ ({_mb(limit)} MB) "
            "กรุณาส่งไฟล์ด้วยวิธีอื่น เช่น ลิงก์จากที่เก็บไฟล์ออนไลน์",
            f"message of {size} bytes is larger than the server's limit of {limit} bytes", path)
    return me.MailTooLargeError(
        f"อีเมลมีขนาด {_mb(size)} MB เกินขนาดที่กำหนดไว้ ({_mb(limit)} MB) "
        "กรุณาส่งไฟล์ด้วยวิธีอื่น เช่น ลิงก์จากที่เก็บไฟล์ออนไลน์",
        f"message of {size} bytes is larger than the configured limit of {limit} bytes", path)


def _server_limit(smtp: smtplib.SMTP) -> int:
    try:
        return int(smtp.esmtp_features.get("size", "0").split()[0])
    except (ValueError, IndexError):
        return 0


def _connect(server: SmtpServer, context: ssl.SSLContext, path: Path | None) -> smtplib.SMTP:
    where = f"{server.host}:{server.port}"
    try:
        if server.security == "SSL":
            return smtplib.SMTP_SSL(server.host, server.port, timeout=server.timeout,
                                    context=context)
        return smtplib.SMTP(server.host, server.port, timeout=server.timeout)
    except ssl.SSLError as exc:
        raise _tls_failed(server, f"{type(exc).__name__}: {exc.reason}", path) from exc
    except (OSError, smtplib.SMTPException) as exc:
        raise me.MailConnectError(
            f"ติดต่อเซิร์ฟเวอร์อีเมล {where} ไม่ได้ กรุณาตรวจสอบการเชื่อมต่อเครือข่าย และชื่อเซิร์ฟเวอร์ "
            f"พอร์ต และการเข้ารหัสในชีต {me.SETTINGS_SHEET}",
            f"cannot connect to the mail server {where}: {type(exc).__name__}", path) from exc


def _tls_failed(server: SmtpServer, why: str, path: Path | None) -> me.MailTLSError:
    where = f"{server.host}:{server.port}"
    return me.MailTLSError(
        f"เชื่อมต่อแบบเข้ารหัส ({server.security}) กับเซิร์ฟเวอร์อีเมล {where} ไม่สำเร็จ "
        f"กรุณาตรวจสอบพอร์ตและการเข้ารหัสในชีต {me.SETTINGS_SHEET} "
        "หรือใบรับรองความปลอดภัยของเซิร์ฟเวอร์",
        f"TLS ({server.security}) with {where} failed: {why}", path)


def _starttls(smtp: smtplib.SMTP, server: SmtpServer, context: ssl.SSLContext,
              path: Path | None) -> None:
    smtp.ehlo()
    if not smtp.has_extn("starttls"):
        where = f"{server.host}:{server.port}"
        raise me.MailTLSError(
            f"เซิร์ฟเวอร์อีเมล {where} ไม่รองรับการเข้ารหัสแบบ STARTTLS "
            f"กรุณาตรวจสอบพอร์ตและการเข้ารหัสในชีต {me.SETTINGS_SHEET}",
            f"{where} does not offer STARTTLS", path)
    try:
        smtp.starttls(context=context)
    except ssl.SSLError as exc:
        raise _tls_failed(server, f"{type(exc).__name__}: {exc.reason}", path) from exc
    except smtplib.SMTPResponseException as exc:
        raise _tls_failed(server, f"{exc.smtp_code}", path) from exc
    smtp.ehlo()


def _login(smtp: smtplib.SMTP, server: SmtpServer, password: Secret, path: Path | None) -> None:
    user = server.user or ""
    if not (user.isascii() and password.reveal().isascii()):
        # smtplib encodes the credentials as ASCII; say so instead of failing inside it.
        raise me.MailAuthError(
            "ชื่อผู้ใช้หรือรหัสผ่านอีเมลมีอักขระที่ไม่ใช่ภาษาอังกฤษ ซึ่งการเข้าสู่ระบบอีเมลไม่รองรับ "
            "กรุณาตรวจสอบชื่อผู้ใช้และรหัสผ่าน",
            "the SMTP user name or password is not ASCII", path)
    try:
        smtp.login(user, password.reveal())
    except smtplib.SMTPAuthenticationError as exc:
        raise me.MailAuthError(
            f"เซิร์ฟเวอร์อีเมลไม่ยอมรับชื่อผู้ใช้ {user} หรือรหัสผ่าน "
            f"กรุณาตรวจสอบชื่อผู้ใช้ในชีต {me.SETTINGS_SHEET} และรหัสผ่านที่บันทึกไว้",
            f"login refused for {user}: {exc.smtp_code} {_text(exc.smtp_error, password)}",
            path) from None
    except (smtplib.SMTPNotSupportedError, smtplib.SMTPException) as exc:
        if isinstance(exc, smtplib.SMTPServerDisconnected):
            raise
        raise me.MailAuthError(
            f"เซิร์ฟเวอร์อีเมล {server.host} ไม่เปิดให้เข้าสู่ระบบ "
            f"กรุณาตรวจสอบการเข้ารหัส หรือลบชื่อผู้ใช้ SMTP ในชีต {me.SETTINGS_SHEET}",
            f"{server.host} offers no usable login: {type(exc).__name__}", path) from None


def _refused_th(refused: dict[str, tuple[int, str]]) -> str:
    return ", ".join(f"{addr} (รหัส {code})" for addr, (code, _) in refused.items())


def _transfer(smtp: smtplib.SMTP, data: bytes, addrs: Addresses, secret: Secret | None,
              path: Path | None) -> dict[str, tuple[int, str]]:
    sender = addrs.sender or ""
    try:
        raw = smtp.sendmail(sender, list(addrs.envelope), data)
    except smtplib.SMTPRecipientsRefused as exc:
        refused = {a: (c, _text(t, secret)) for a, (c, t) in exc.recipients.items()}
        raise me.MailRecipientsRefused(
            f"เซิร์ฟเวอร์อีเมลไม่รับผู้รับทุกราย: {_refused_th(refused)} "
            f"กรุณาตรวจสอบอีเมลผู้รับในชีต {me.SETTINGS_SHEET}",
            "every recipient was refused: "
            + ", ".join(f"{a} ({c} {t})" for a, (c, t) in refused.items()),
            path, {a: c for a, (c, _) in refused.items()}) from exc
    except smtplib.SMTPSenderRefused as exc:
        if exc.smtp_code == 552:
            raise _too_large(len(data), _server_limit(smtp), True, path) from exc
        raise me.MailSenderRefused(
            f"เซิร์ฟเวอร์อีเมลไม่รับอีเมลผู้ส่ง {sender} (รหัส {exc.smtp_code}) "
            f"กรุณาตรวจสอบอีเมลผู้ส่งในชีต {me.SETTINGS_SHEET}",
            f"sender {sender} refused: {exc.smtp_code} {_text(exc.smtp_error, secret)}",
            path) from exc
    except smtplib.SMTPDataError as exc:
        if exc.smtp_code == 552:
            raise _too_large(len(data), _server_limit(smtp), True, path) from exc
        raise me.MailProtocolError(
            f"เซิร์ฟเวอร์อีเมลไม่รับข้อความ (รหัส {exc.smtp_code}) กรุณาลองส่งใหม่อีกครั้ง",
            f"message refused: {exc.smtp_code} {_text(exc.smtp_error, secret)}", path) from exc
    return {a: (c, _text(t, secret)) for a, (c, t) in raw.items()}


def send(data: bytes, server: SmtpServer, addrs: Addresses, password: Secret | None = None, *,
         attachment: Path | None = None) -> Delivery:
    """Send the message bytes to every recipient of ``addrs``.

    Args:
        data: The message as :func:`learnworks_xl.mail.compose.to_bytes` makes it.
        server: Where and how to connect.
        addrs: The sender and the recipients (To and Cc).
        password: The login password (required when ``server.user`` is set).
        attachment: The built file, named in every error so nothing is lost.

    Returns:
        Who was accepted and who was refused.

    Raises:
        ConfigError: ``server.cafile`` cannot be read.
        MailError: A subclass for each failure: unreachable, TLS, login, sender refused,
            every recipient refused, too large, or another refusal.
    """
    size = len(data)
    if size > server.max_bytes:
        raise _too_large(size, server.max_bytes, False, attachment)
    try:
        context = tls_context(server.cafile)
    except ConfigError as exc:
        raise me.config_kept(exc, attachment) from None
    log.info("connecting to %s:%s (%s)", server.host, server.port,
             "plain" if server.security == PLAIN else server.security)
    smtp = _connect(server, context, attachment)
    try:
        with smtp:
            if server.security == "STARTTLS":
                _starttls(smtp, server, context, attachment)
            else:
                smtp.ehlo()
            limit = _server_limit(smtp)
            if limit and size > limit:
                raise _too_large(size, limit, True, attachment)
            if server.user is not None and password is not None:
                _login(smtp, server, password, attachment)
                log.info("logged in as %s", server.user)
            refused = _transfer(smtp, data, addrs, password, attachment)
    except (smtplib.SMTPServerDisconnected, smtplib.SMTPResponseException, OSError) as exc:
        raise me.MailProtocolError(
            f"การส่งอีเมลถูกตัดกลางคันโดยเซิร์ฟเวอร์ {server.host}:{server.port} "
            "กรุณาลองส่งใหม่อีกครั้ง",
            f"the conversation with {server.host}:{server.port} broke off: "
            f"{type(exc).__name__}", attachment) from exc
    accepted = tuple(a for a in addrs.envelope if a not in refused)
    log.info("sent %d bytes: %d accepted, %d refused", size, len(accepted), len(refused))
    return Delivery(accepted, refused, size, attachment)
