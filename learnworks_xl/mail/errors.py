"""Errors of the mail layer: each one a clear Thai message, and nothing lost.

Every error raised after the finished workbook was built names the file, so the clerk can
attach it by hand. None of them ever carries the SMTP password: messages are built from our
own words, the host, the port, the user name and the server's reply code — never from the
credentials, and the server's reply text only goes into the English part after scrubbing.
"""

from __future__ import annotations

from pathlib import Path

from learnworks_xl.core import sheets as sh
from learnworks_xl.errors import ConfigError, ExitCode, LearnworksError

SETTINGS_SHEET = sh.SETTINGS.name


def kept_th(path: Path | None) -> str:
    """The Thai sentence that tells the clerk where the built workbook is.

    Args:
        path: The built file, or ``None``.

    Returns:
        ``" ไฟล์ที่จัดทำแล้วยังอยู่ที่ <path>"``, or ``""`` without a file.
    """
    return f" ไฟล์ที่จัดทำแล้วยังอยู่ที่ {path}" if path is not None else ""


def kept_en(path: Path | None) -> str:
    """The English counterpart of :func:`kept_th`.

    Args:
        path: The built file, or ``None``.

    Returns:
        ``"; the built file is kept at <path>"``, or ``""`` without a file.
    """
    return f"; the built file is kept at {path}" if path is not None else ""


def config_kept(exc: ConfigError, path: Path | None) -> ConfigError:
    """The same setting error, naming the built file that stays on disk.

    Args:
        exc: The setting error.
        path: The built file, or ``None``.

    Returns:
        A new :class:`ConfigError` with both messages extended.
    """
    return ConfigError(exc.message_th + kept_th(path), exc.message_en + kept_en(path))


class MailError(LearnworksError):
    """Sending failed. ``attachment`` is the built file, still on disk (or ``None``).

    Args:
        message_th: What the clerk reads, in Thai (without the file sentence).
        message_en: The same in English.
        attachment: The built workbook, named at the end of both messages.
    """

    exit_code = ExitCode.SEND_FAILED

    def __init__(self, message_th: str, message_en: str, attachment: Path | None = None) -> None:
        super().__init__(message_th + kept_th(attachment), message_en + kept_en(attachment))
        self.attachment = attachment


class MailConnectError(MailError):
    """The server cannot be reached (wrong host or port, no network, a firewall)."""


class MailTLSError(MailError):
    """The encrypted connection failed: certificate, protocol, or STARTTLS not offered."""


class MailAuthError(MailError):
    """The server refused the login (wrong user or password, or no login offered)."""


class MailSenderRefused(MailError):
    """The server refused the sender address."""


class MailTooLargeError(MailError):
    """The message is bigger than the server's SIZE or the configured limit."""


class MailRecipientsRefused(MailError):
    """The server refused every recipient; ``refused`` maps each address to its reply code."""

    def __init__(self, message_th: str, message_en: str, attachment: Path | None,
                 refused: dict[str, int]) -> None:
        super().__init__(message_th, message_en, attachment)
        self.refused = refused


class MailProtocolError(MailError):
    """Any other refusal or a dropped connection during the conversation."""
