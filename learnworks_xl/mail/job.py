"""The whole e-mail job for a workbook that is already built: compose, then send or draft.

Shared by :func:`learnworks_xl.api.email` (command line) and the ``ส่งอีเมล`` button, which
each build the finished workbook their own way and hand it over with its summary.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from learnworks_xl.core.models import Settings
from learnworks_xl.errors import ConfigError
from learnworks_xl.mail.compose import body_text, message, subject_line, to_bytes, write_eml
from learnworks_xl.mail.config import (
    DEFAULT_MAX_BYTES,
    addresses,
    require_password,
    smtp_server,
)
from learnworks_xl.mail.errors import config_kept
from learnworks_xl.mail.send import Delivery, send
from learnworks_xl.mail.summary import MailSummary

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class EmailResult:
    """What the job did.

    Attributes:
        attachment: The finished workbook that was attached (kept on disk).
        subject: The message's subject.
        recipients: Every SMTP recipient (To and Cc).
        eml: The draft written instead of sending, or ``None``.
        delivery: Who accepted the message, or ``None`` for a draft.
        provisional: The workbook has errors: the message says its reports are ฉบับร่าง.
    """

    attachment: Path
    subject: str
    recipients: tuple[str, ...]
    eml: Path | None = None
    delivery: Delivery | None = None
    provisional: bool = False

    @property
    def complete(self) -> bool:
        """True for a draft, or when every recipient accepted the message."""
        return self.delivery is None or self.delivery.complete


def email_workbook(attachment: Path, summary: MailSummary, settings: Settings, *,
                   to: Sequence[str] | None = None, eml: Path | None = None,
                   cafile: Path | None = None, max_bytes: int = DEFAULT_MAX_BYTES,
                   inputs: tuple[Path, ...] = ()) -> EmailResult:
    """Compose the message for ``attachment`` and send it, or write it to ``eml``.

    Args:
        attachment: The finished workbook (.xlsx).
        summary: What the message reports.
        settings: The ``ตั้งค่า`` sheet: server, sender, recipients, Cc, Thai digits.
        to: Recipients that replace those of ``ตั้งค่า``.
        eml: Write the message here instead of sending it (a dry run; no server needed).
        cafile: Extra trusted certificates (PEM) for the server.
        max_bytes: The largest message to send.
        inputs: Files ``eml`` must never overwrite.

    Returns:
        What was sent or written.

    Raises:
        ConfigError: A setting is missing or wrong, or the password is not found (the
            message names ``attachment``).
        MailError: Sending failed (the message names ``attachment``).
        OutputError: ``eml`` cannot be written.
    """
    return deliver(attachment, Letter(subject_line(summary, settings.thai_digits),
                                      body_text(summary, attachment.name, settings.thai_digits),
                                      summary.district, summary.provisional),
                   settings, to=to, eml=eml, cafile=cafile, max_bytes=max_bytes, inputs=inputs)


@dataclass(frozen=True)
class Letter:
    """What a message says: subject, body, the sender's name, and whether it reports a draft."""

    subject: str
    body: str
    from_name: str
    provisional: bool = False


def deliver(attachment: Path, letter: Letter, settings: Settings, *,
            to: Sequence[str] | None = None, eml: Path | None = None,
            cafile: Path | None = None, max_bytes: int = DEFAULT_MAX_BYTES,
            inputs: tuple[Path, ...] = ()) -> EmailResult:
    """Send ``letter`` with ``attachment`` through the server of ``settings``, or write it to
    ``eml`` (the district's e-mail and the roll-up's alike; see :func:`email_workbook`).

    Raises:
        ConfigError: A setting is missing or wrong, or the password is not found (the
            message names ``attachment``).
        MailError: Sending failed (the message names ``attachment``).
        OutputError: ``eml`` cannot be written.
    """
    try:
        addrs = addresses(settings, to, need_sender=eml is None)
        server = None if eml is not None else smtp_server(settings, cafile=cafile,
                                                           max_bytes=max_bytes)
        password = require_password(server) if server is not None else None
    except ConfigError as exc:  # name the built file: nothing is lost
        raise config_kept(exc, attachment) from None
    msg = message(letter.subject, letter.body, letter.from_name, attachment, addrs)
    if server is None:
        written = write_eml(msg, eml or attachment.with_suffix(".eml"),
                            inputs=(*inputs, attachment))
        log.info("draft written to %s", written)
        return EmailResult(attachment, letter.subject, addrs.envelope, eml=written,
                           provisional=letter.provisional)
    delivery = send(to_bytes(msg), server, addrs, password, attachment=attachment)
    return EmailResult(attachment, letter.subject, addrs.envelope, delivery=delivery,
                       provisional=letter.provisional)


#: Said after the result when the workbook had errors (the reports it carries are drafts).
DRAFT_LINE = ("รายงานในไฟล์แนบเป็นฉบับร่าง เพราะข้อมูลยังมีข้อผิดพลาด กรุณาแก้ไขตามชีต "
              "«ผลการตรวจสอบ» แล้วส่งใหม่")


def result_lines(result: EmailResult) -> list[str]:
    """What the clerk reads after the job, in Thai, one recipient per line.

    Args:
        result: The job's result.

    Returns:
        The lines, without line ends.
    """
    if result.delivery is None:
        return [f"บันทึกอีเมลฉบับร่างไว้ที่ {result.eml} (ยังไม่ได้ส่ง)",
                f"เรื่อง: {result.subject}",
                f"ถึง: {', '.join(result.recipients)}",
                f"ไฟล์แนบ: {result.attachment}",
                *([DRAFT_LINE] if result.provisional else [])]
    d = result.delivery
    head = ("ส่งอีเมลเรียบร้อยแล้ว" if d.complete
            else f"ส่งอีเมลได้ {len(d.accepted)} จาก {len(d.accepted) + len(d.refused)} ราย")
    lines = [head, f"เรื่อง: {result.subject}"]
    for addr in result.recipients:
        if addr in d.refused:
            lines.append(f"ส่งถึง {addr} ไม่สำเร็จ (เซิร์ฟเวอร์ปฏิเสธ รหัส {d.refused[addr][0]})")
        else:
            lines.append(f"ส่งถึง {addr} สำเร็จ")
    lines.append(f"ไฟล์แนบ: {result.attachment}")
    if result.provisional:
        lines.append(DRAFT_LINE)
    return lines
