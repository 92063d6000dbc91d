"""The Education Office's workbook (``learnworks-สำนักการศึกษา.xlsm``): its sheets and the
settings the office keeps in ``ตั้งค่า`` (pure).

The workbook holds an instructions sheet with the buttons, ``ตั้งค่า`` (:class:`OfficeSettings`)
and the roll-up's five report sheets (:data:`learnworks_xl.core.rollup.SHEETS`), which the
button ``รวบรวมรายงานเขต`` fills from the district files.
"""

from __future__ import annotations

from typing import Annotated, Any

from pydantic import BeforeValidator, Field

from learnworks_xl import thai
from learnworks_xl.core import findings as fd
from learnworks_xl.core.fields import Choice, Email, Emails, Int, Month, Text, Url
from learnworks_xl.core.grid import RawWorkbook
from learnworks_xl.core.models import Mode, Security, Settings, SheetModel
from learnworks_xl.core.sheets import SheetSpec
from learnworks_xl.core.table import read_keyvalue
from learnworks_xl.errors import ConfigError

#: The instructions sheet (first, with the buttons).
GUIDE_NAME = "วิธีใช้"
#: The folder beside the workbook that local mode rolls up.
DISTRICTS_FOLDER = "รายงานเขต"
#: The roll-up workbook's file name stem (``รวบรวมรายงานเขต-2569-07.xlsx``).
ROLLUP_STEM = "รวบรวมรายงานเขต"


class OfficeSettings(SheetModel):
    """Sheet ``ตั้งค่า`` of the office's workbook: the month and year to roll up, the e-mail
    of the roll-up, how the buttons run. Never a password. Titles are the district
    workbook's (:class:`~learnworks_xl.core.models.Settings`) where the setting is the same."""

    report_month: Annotated[Month | None, Field(title="เดือนที่รายงาน")] = None
    fiscal_year: Annotated[
        Int | None, BeforeValidator(thai.strip_be_era),
        Field(title="ปีงบประมาณ (พ.ศ.)", ge=2560, le=2700)] = None
    recipients: Annotated[Emails | None, Field(title="อีเมลผู้รับ (คั่นด้วย ,)")] = None
    cc: Annotated[Emails | None, Field(title="สำเนาถึง (คั่นด้วย ,)")] = None
    sender: Annotated[Email | None, Field(title="อีเมลผู้ส่ง")] = None
    smtp_host: Annotated[Text | None, Field(title="เซิร์ฟเวอร์อีเมล (SMTP)", max_length=253)] = None
    smtp_port: Annotated[Int | None, Field(title="พอร์ต SMTP", ge=1, le=65535)] = None
    smtp_security: Annotated[Security | None, Choice, Field(title="การเข้ารหัส SMTP")] = None
    smtp_user: Annotated[Text | None, Field(title="ชื่อผู้ใช้ SMTP", max_length=254)] = None
    mode: Annotated[Mode, Choice, Field(title="โหมดการทำงาน")] = "Python ในเครื่อง"
    server_url: Annotated[Url | None, Field(title="URL ของ xlwings Server")] = None

    def mail_settings(self) -> Settings:
        """The mail settings as the district e-mail reads them (same server, sender,
        recipients and Cc; Arabic digits)."""
        fields = ("smtp_host", "smtp_port", "smtp_security", "smtp_user", "sender",
                  "recipients", "cc", "mode", "server_url")
        values: dict[str, Any] = {f: getattr(self, f) for f in fields}
        return Settings.model_construct(**values)


OFFICE_SETTINGS = SheetSpec("ตั้งค่า", "keyvalue", OfficeSettings)


def office_settings(raw: RawWorkbook) -> OfficeSettings:
    """Read ``ตั้งค่า`` of the office's workbook.

    Args:
        raw: The workbook as read (a file or the live book).

    Returns:
        The settings (defaults for a missing sheet's settings are not assumed).

    Raises:
        ConfigError: The sheet is missing or a setting is wrong (the first problem, in Thai).
    """
    kv, found = read_keyvalue(raw.sheets.get(OFFICE_SETTINGS.name), OFFICE_SETTINGS)
    errors = [f for f in found if f.severity is fd.Severity.ERROR]
    if errors or kv.model is None:
        first = errors[0] if errors else None
        where = f" (เซลล์ {first.cell})" if first is not None and first.cell else ""
        text = first.message if first is not None else "อ่านการตั้งค่าไม่ได้"
        raise ConfigError(f"ชีต «{OFFICE_SETTINGS.name}»{where}: {text}",
                          f"the {OFFICE_SETTINGS.name} sheet has a wrong setting"
                          + (f" ({first.code} at {first.cell})" if first is not None else ""))
    model: OfficeSettings = kv.model
    return model


__all__ = ["DISTRICTS_FOLDER", "GUIDE_NAME", "OFFICE_SETTINGS", "ROLLUP_STEM", "OfficeSettings",
           "office_settings"]
