"""What the VBA and the workbook agree on: defined names, modes, macros, Thai messages.

The VBA source is ASCII only, so every text it shows a clerk is the value of a defined name
that the workbook builder writes from :data:`MESSAGES`. Tests check that the names the
``.bas`` file reads are exactly these.
"""

from __future__ import annotations

from learnworks_xl.core import sheets as sh
from learnworks_xl.core.cellerrors import named

MODE_NAME = "lw_mode"
"""Defined name of the mode cell on ``ตั้งค่า``."""

SERVER_URL_NAME = "lw_server_url"
"""Defined name of the xlwings Server base URL cell on ``ตั้งค่า``."""

MODE_LOCAL = "Python ในเครื่อง"
"""Mode value: run Python on the clerk's PC (``RunPython``)."""

MODE_SERVER = "xlwings Server"
"""Mode value: call xlwings Server (``RunRemotePython``); the VBA looks for "xlwings" in it."""

API_KEY_VARIABLE = "LEARNWORKS_API_KEY"
"""Environment variable on the clerk's PC holding the server API key (never in the workbook);
when it is not set, the line of that name in the user's own ``xlwings.conf`` file (how a Mac
sets it: ``setx`` is Windows-only)."""

LAST_ROW_SENT = 32_766
"""The last row the xlwings VBA client can send: ``Remote.bas`` adds ``startRow + nRows`` in
16-bit ``Integer`` variables (run-time error 6 from 32,767 on); the buttons check it first."""

PYTHON_MODULE = "learnworks_xl.xl.buttons"
"""Module of the entry points that local mode imports."""

BUTTON_MACROS: dict[str, str] = {
    "LwValidate": "validate",
    "LwRecompute": "recompute",
    "LwReports": "reports",
    "LwEmail": "email",
    "LwSchoolForms": "school_forms",
    "LwCollect": "collect",
}
"""Macro a button calls -> Python entry point in :data:`PYTHON_MODULE` and server path
``<server URL>/<entry point>``."""

OFFICE_MACROS: dict[str, str] = {
    "LwRollup": "rollup",
    "LwEmailRollup": "email_rollup",
}
"""The Education Office's workbook's buttons (module ``LearnworksOffice``), as
:data:`BUTTON_MACROS`."""

MESSAGES: dict[str, str] = {
    "lw_msg_title": "สมุดงานโครงการผลงานนักเรียน",
    "lw_msg_no_server_url": (
        f"ยังไม่ได้กรอก {named(sh.SETTINGS.title('server_url'))} ในแผ่นงาน «{sh.SETTINGS.name}» "
        f"โปรดกรอกที่อยู่ หรือเปลี่ยน {named(sh.SETTINGS.title('mode'))} เป็น {MODE_LOCAL}"
    ),
    "lw_msg_no_api_key": (
        "เครื่องนี้ยังไม่ได้ตั้งรหัส API ของเซิร์ฟเวอร์ "
        "โปรดให้ผู้ดูแลระบบตั้งตัวแปรสภาพแวดล้อม LEARNWORKS_API_KEY "
        "(บน Mac: บรรทัด LEARNWORKS_API_KEY ในไฟล์ xlwings.conf ของผู้ใช้) "
        "แล้วปิด Excel และเปิดใหม่"
    ),
    "lw_msg_rows_too_far": (
        "แผ่นงาน «{sheet}» ใช้เซลล์ไปถึงแถว {row} แต่โหมด xlwings Server ส่งได้ถึงแถว 32,766 "
        "โปรดลบแถวที่เกินมา: เลือกแถวแรกใต้ข้อมูล กด Ctrl+Shift+ลูกศรลง คลิกขวา ลบ "
        "บันทึกไฟล์ แล้วกด Ctrl+End ตรวจว่าหยุดที่ข้อมูลสุดท้าย หรือเปลี่ยนโหมดเป็น Python ในเครื่อง"
    ),
    "lw_msg_failed": (
        "ทำงานไม่สำเร็จ โปรดลองอีกครั้ง หากยังไม่สำเร็จโปรดแจ้งผู้ดูแลระบบพร้อมข้อความด้านล่าง"
    ),
}
"""Defined name -> the Thai text the VBA shows in a message box (``{sheet}`` and ``{row}`` in
``lw_msg_rows_too_far`` are filled in by the VBA)."""


OFFICE_TITLE = "สมุดงานสำนักการศึกษา รวบรวมรายงานเขต"
"""``lw_msg_title`` of the Education Office's workbook (its other messages are the same)."""


def message_name_formulas(title: str | None = None) -> dict[str, str]:
    """Return the defined names the VBA shows, as formulas for ``workbook.define_name``.

    The builder writes them with ``for name, formula in message_name_formulas().items():
    wb.define_name(name, formula)``; each is a constant text (``="..."``, quotes doubled).

    Args:
        title: The message boxes' title (default: the district workbook's).

    Returns:
        Defined name -> formula text, one per entry of :data:`MESSAGES`.
    """
    texts = {**MESSAGES, **({"lw_msg_title": title} if title is not None else {})}
    return {name: '="' + text.replace('"', '""') + '"' for name, text in texts.items()}
