"""Compose the Thai message: subject, body and the finished workbook as an attachment.

The message is built with the ``email`` package's classic MIME classes (policy
``compat32``), because the modern policy folds long non-ASCII parameters into RFC 2231
continuations and, past a length, even encodes the content type itself. Here the attachment
gets both spellings that mail programs understand:

* ``Content-Disposition: attachment; filename*=utf-8''…`` (RFC 2231 / RFC 5987, one piece);
* ``Content-Type: …; name="=?utf-8?b?…?="`` (RFC 2047), which Outlook reads.

The subject is RFC 2047 (UTF-8, base64); the body is UTF-8 in base64, so any server can
carry it. Lines end in CRLF on the wire and in the ``.eml`` file.
"""

from __future__ import annotations

import mimetypes
from datetime import datetime
from decimal import Decimal
from email import encoders
from email.header import Header
from email.message import Message
from email.mime.base import MIMEBase
from email.mime.multipart import MIMEMultipart
from email.mime.text import MIMEText
from email.policy import compat32
from email.utils import encode_rfc2231, format_datetime, formataddr, make_msgid
from pathlib import Path

from learnworks_xl import thai
from learnworks_xl.core import sheets as sh
from learnworks_xl.core.wording import ERROR_WORD, WARNING_WORD, baht, number, percent
from learnworks_xl.io.atomic import atomic_path
from learnworks_xl.mail.config import Addresses
from learnworks_xl.mail.summary import MailSummary

WIRE = compat32.clone(linesep="\r\n")

#: MIME types of the files we attach; anything else is guessed, then octet-stream.
MIME_TYPES: dict[str, str] = {
    ".xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    ".xlsm": "application/vnd.ms-excel.sheet.macroEnabled.12",
    ".pdf": "application/pdf",
}
PROGRAM_NAME = "learnworks"
FINDINGS_SHEET = sh.FINDINGS.name
#: The paragraph a draft's body starts its summary with.
DRAFT_NOTE = ("รายงานฉบับนี้เป็นฉบับร่าง: ข้อมูลยังมีข้อผิดพลาด {errors} รายการ "
              f"ตัวเลขคำนวณจากแถวที่ถูกต้องเท่านั้น ดูรายละเอียดที่ชีต {sh.FINDINGS.name}\n\n")


def mime_type(path: Path) -> str:
    """The MIME type of a file to attach.

    Args:
        path: The file (only its suffix counts).

    Returns:
        e.g. ``application/vnd.openxmlformats-officedocument.spreadsheetml.sheet``.
    """
    known = MIME_TYPES.get(path.suffix.lower())
    if known:
        return known
    guessed, _ = mimetypes.guess_type(path.name)
    return guessed or "application/octet-stream"


def month_text(summary: MailSummary, thai_digits: bool = False) -> str:
    """The reported month in full with its Buddhist-era year.

    Args:
        summary: What the message reports.
        thai_digits: Write the year with Thai digits.

    Returns:
        e.g. ``กรกฎาคม 2569``.
    """
    return thai.format_thai_month(summary.month.year, summary.month.month,
                                  thai_digits=thai_digits)


def subject_line(summary: MailSummary, thai_digits: bool = False) -> str:
    """The subject: program, month (BE) and district.

    Args:
        summary: What the message reports.
        thai_digits: Write the year with Thai digits.

    Returns:
        e.g. ``รายงานความก้าวหน้าโครงการส่งเสริม… ประจำเดือนกรกฎาคม 2569 สำนักงานเขตบางเขน``.
    """
    draft = "(ฉบับร่าง) " if summary.provisional else ""
    return (f"{draft}รายงานความก้าวหน้า{summary.program_title} "
            f"ประจำเดือน{month_text(summary, thai_digits)} {summary.district}")


def kpi_line(kpi: Decimal | None, target: Decimal | None, passed: bool | None) -> str:
    """The e-mail's KPI line (a district's or the city's): the per cent, its target, the
    verdict; ``ยังคำนวณไม่ได้`` without a per cent."""
    if kpi is None:
        return "- ตัวชี้วัด: ยังคำนวณไม่ได้"
    line = f"- ตัวชี้วัด: ร้อยละ {percent(kpi)}"
    if target is not None:
        line += f" (ค่าเป้าหมายร้อยละ {number(target)})"
    if passed is not None:
        line += " ผ่านเกณฑ์" if passed else " ไม่ผ่านเกณฑ์"
    return line


def summary_lines(summary: MailSummary) -> list[str]:
    """The body's summary lines: KPI, schools, money, findings (Arabic digits).

    Args:
        summary: What the message reports; ``None`` facts are left out.

    Returns:
        One line per fact, each starting with ``- ``.
    """
    lines = []
    if summary.progress_actual is not None and summary.progress_planned is not None:
        lines.append(f"- ความก้าวหน้าของโครงการ: ร้อยละ {percent(summary.progress_actual)} "
                     f"(ตามแผน ร้อยละ {percent(summary.progress_planned)}) "
                     f"{summary.progress_verdict or ''}".rstrip())
    lines.append(kpi_line(summary.kpi_percent, summary.kpi_target, summary.kpi_passed))
    if summary.schools_met is not None and summary.schools_total is not None:
        lines.append(f"- โรงเรียนที่ผ่านเกณฑ์: {summary.schools_met} จาก "
                     f"{summary.schools_total} โรงเรียน")
    if summary.allocated is not None:
        lines.append(f"- งบประมาณที่จัดสรร: {baht(summary.allocated)}")
    if summary.spent is not None:
        spent = f"- ใช้จ่ายแล้ว: {baht(summary.spent)}"
        if summary.disbursed is not None:
            spent += f" (ร้อยละ {percent(summary.disbursed)} ของงบประมาณที่จัดสรร)"
        lines.append(spent)
    if summary.errors or summary.warnings:
        lines.append(f"- ผลการตรวจสอบข้อมูล: {ERROR_WORD} {summary.errors} รายการ "
                     f"{WARNING_WORD} {summary.warnings} รายการ (ดูชีต {FINDINGS_SHEET})")
    else:
        lines.append("- ผลการตรวจสอบข้อมูล: ไม่พบข้อผิดพลาด")
    return lines


def body_text(summary: MailSummary, filename: str, thai_digits: bool = False) -> str:
    """The plain-text body in Thai.

    Args:
        summary: What the message reports.
        filename: The attachment's file name, named in the body.
        thai_digits: Write the summary's numbers with Thai digits.

    Returns:
        The body, lines separated by ``\\n``.
    """
    facts = "\n".join(summary_lines(summary))
    as_of = (f" ณ วันที่ {thai.format_thai_date(summary.as_of, 'abbr')}"
             if summary.as_of is not None else "")
    draft = DRAFT_NOTE.format(errors=summary.errors) if summary.provisional else ""
    if thai_digits:
        facts, as_of = thai.to_thai_digits(facts), thai.to_thai_digits(as_of)
        draft = thai.to_thai_digits(draft)
    return (
        "เรียน ผู้เกี่ยวข้อง\n\n"
        f"{summary.district} ขอส่งรายงานความก้าวหน้า{summary.program_title} "
        f"ประจำเดือน{month_text(summary, thai_digits)} รายละเอียดตามไฟล์แนบ {filename}\n\n"
        f"{draft}สรุปผลการดำเนินงาน{as_of}\n"
        f"{facts}\n\n"
        "จึงเรียนมาเพื่อโปรดทราบ\n"
        f"{summary.district}\n\n"
        f"(อีเมลฉบับนี้จัดทำโดยโปรแกรม {PROGRAM_NAME})\n"
    )


def attachment_part(path: Path) -> MIMEBase:
    """The file as a base64 MIME part with its type and Thai-safe file name.

    Args:
        path: The file to attach.

    Returns:
        The part, ``Content-Disposition: attachment``.

    Raises:
        OSError: The file cannot be read.
    """
    maintype, subtype = mime_type(path).split("/", 1)
    part = MIMEBase(maintype, subtype)
    part.set_payload(path.read_bytes())
    encoders.encode_base64(part)
    name = path.name
    if name.isascii():
        part.set_param("name", name)
        part.add_header("Content-Disposition", "attachment", filename=name)
    else:
        part.set_param("name", Header(name, "utf-8").encode(linesep=" "))
        part.add_header("Content-Disposition",
                        f"attachment; filename*={encode_rfc2231(name, 'utf-8')}")
    return part


def compose(summary: MailSummary, attachment: Path, addrs: Addresses, *,
            thai_digits: bool = False, now: datetime | None = None) -> Message:
    """Build the whole message.

    Args:
        summary: What the message reports.
        attachment: The finished workbook to attach.
        addrs: Sender (may be ``None`` for an .eml draft), To and Cc.
        thai_digits: Thai digits in the subject's year and the summary.
        now: The ``Date`` header (default: now, local time).

    Returns:
        The message, ready for :func:`to_bytes`.
    """
    return message(subject_line(summary, thai_digits),
                   body_text(summary, attachment.name, thai_digits), summary.district,
                   attachment, addrs, now=now)


def message(subject: str, body: str, from_name: str, attachment: Path, addrs: Addresses, *,
            now: datetime | None = None) -> Message:
    """A Thai message with one attachment (the district's and the roll-up's alike).

    Args:
        subject: The subject (RFC 2047, UTF-8).
        body: The plain-text body, lines separated by ``\\n``.
        from_name: The sender's display name.
        attachment: The file to attach.
        addrs: Sender (may be ``None`` for an .eml draft), To and Cc.
        now: The ``Date`` header (default: now, local time).

    Returns:
        The message, ready for :func:`to_bytes`.
    """
    msg = MIMEMultipart("mixed")
    # typeshed types header values as str; compat32 takes a Header (RFC 2047 folding).
    msg["Subject"] = Header(subject, "utf-8")  # type: ignore[assignment]
    if addrs.sender:
        msg["From"] = formataddr((from_name, addrs.sender), charset="utf-8")
    msg["To"] = ", ".join(addrs.to)
    if addrs.cc:
        msg["Cc"] = ", ".join(addrs.cc)
    msg["Date"] = format_datetime(now or datetime.now().astimezone())
    domain = addrs.sender.rsplit("@", 1)[1] if addrs.sender else "learnworks.invalid"
    msg["Message-ID"] = make_msgid(PROGRAM_NAME, domain=domain)
    msg["X-Mailer"] = PROGRAM_NAME
    msg.attach(MIMEText(body.replace("\n", "\r\n"), "plain", "utf-8"))  # CRLF, then base64
    msg.attach(attachment_part(attachment))
    return msg


def to_bytes(msg: Message) -> bytes:
    """The message as sent.

    Args:
        msg: A message from :func:`compose`.

    Returns:
        The bytes: CRLF line ends, 7-bit clean.
    """
    return msg.as_bytes(policy=WIRE)


def write_eml(msg: Message, out: str | Path, *, inputs: tuple[Path, ...] = ()) -> Path:
    """Write the message to an ``.eml`` file instead of sending it (a dry run).

    The file is marked ``X-Unsent: 1``, so Outlook on Windows opens it as a draft ready to
    send; other mail programs open it as a message.

    Args:
        msg: The composed message (not modified).
        out: The file to write.
        inputs: Files that must never be overwritten (the workbook, the attachment).

    Returns:
        The file written.

    Raises:
        OutputError: ``out`` is an input or cannot be written.
    """
    draft = to_bytes(msg)
    draft = b"X-Unsent: 1\r\n" + draft
    target = Path(out)
    with atomic_path(target, inputs=inputs, backup=False) as tmp:
        tmp.write_bytes(draft)
    return target
