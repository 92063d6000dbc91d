"""Build the Education Office's workbook (``learnworks-สำนักการศึกษา.xlsm``).

Reads like a table of contents: ``วิธีใช้`` (the steps and the buttons), ``ตั้งค่า`` (what
the office sets: month, fiscal year, e-mail, mode), the roll-up's five sheets (blank until
the button ``รวบรวมรายงานเขต`` fills them), the hidden ``xlwings.conf``, the defined names
the VBA reads, and the VBA project: the district workbook's ``LearnworksButtons`` (``LwRun``,
``LwAlert``) and ``LearnworksOffice`` (the two buttons). Byte-for-byte reproducible.
"""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

from xlsxwriter.exceptions import XlsxWriterException
from xlsxwriter.worksheet import Worksheet

from learnworks_xl.core.layout.colours import MUTED_FONT, TITLE_FONT
from learnworks_xl.core.layout.text import row_height, wrapped_lines
from learnworks_xl.core.office import DISTRICTS_FOLDER, GUIDE_NAME, OFFICE_SETTINGS, ROLLUP_STEM
from learnworks_xl.core.reports.content import Paragraph, ReportSheet
from learnworks_xl.core.rollup.sheets import FILES, OFFICE_NAME, SHEETS
from learnworks_xl.errors import OutputError
from learnworks_xl.io.atomic import atomic_path
from learnworks_xl.workbook.build import CREATED, check_output_name, write_xlwings_conf
from learnworks_xl.workbook.home import BUTTON_SIZE, BUTTONS_NOTE
from learnworks_xl.workbook.inputs import SheetWriter, write_keyvalue
from learnworks_xl.workbook.marks import Marks
from learnworks_xl.workbook.positions import XLWINGS_CONF_SHEET, kv_cell
from learnworks_xl.workbook.reports import render_report
from learnworks_xl.workbook.sheet import Workbook
from learnworks_xl.workbook.styles import Styles, workbook_options
from learnworks_xl.workbook.values import stored_keyvalue
from learnworks_xl.workbook.vba import contract

#: The file ``learnworks build-workbook`` writes.
FILE_NAME = "learnworks-สำนักการศึกษา.xlsm"
ROLLUP_BUTTON, EMAIL_BUTTON = "รวบรวมรายงานเขต", "ส่งอีเมลสรุปภาพรวม"
#: (Thai caption, VBA macro) of each button, top to bottom.
BUTTONS: tuple[tuple[str, str], ...] = ((ROLLUP_BUTTON, "LwRollup"),
                                        (EMAIL_BUTTON, "LwEmailRollup"))
TITLE = "รวบรวมรายงานโครงการของสำนักงานเขต"
SUBTITLE = f"{OFFICE_NAME} – สมุดงานสรุปภาพรวมจากสมุดงานของสำนักงานเขตทั้ง 50 เขต"
STEPS_TITLE = "วิธีใช้"
_SHEETS = " ".join(f"«{s}»" for s in SHEETS)
#: The steps on ``วิธีใช้``, in order (tested exactly).
STEPS: tuple[str, ...] = (
    f"1. คัดลอกสมุดงานที่สำนักงานเขตส่งมา (ไฟล์ .xlsm หรือ .xlsx เขตละไฟล์ ชื่อใดก็ได้) ไว้ใน"
    f"โฟลเดอร์ «{DISTRICTS_FOLDER}» ข้างไฟล์นี้ ถ้ายังไม่มีโฟลเดอร์ กดปุ่ม «{ROLLUP_BUTTON}» "
    "หนึ่งครั้ง โปรแกรมจะสร้างให้ ไฟล์ในโฟลเดอร์ย่อยก็นับด้วย",
    f"2. ชีต «{OFFICE_SETTINGS.name}»: เดือนที่รายงาน (เว้นว่าง = เดือนที่เพิ่งสิ้นสุด) "
    "ปีงบประมาณ (เว้นว่าง = ปีของไฟล์ส่วนใหญ่) และอีเมลผู้รับสรุปภาพรวม",
    f"3. กดปุ่ม «{ROLLUP_BUTTON}»: โปรแกรมอ่านสมุดงานของทุกเขต (ไม่แก้ไขไฟล์ของเขต) "
    f"แล้วเขียนชีต {_SHEETS} ใหม่ทั้งหมด",
    f"4. ตรวจชีต «{FILES}»: ไฟล์ที่ไม่ได้นำมารวมพร้อมเหตุผล ไฟล์ฉบับร่าง (มีข้อผิดพลาด "
    "นับเฉพาะแถวที่ถูกต้อง) และเขตที่ยังไม่ส่งข้อมูล",
    f"5. กดปุ่ม «{EMAIL_BUTTON}»: รวบรวมอีกครั้ง บันทึกสมุดงานสรุป ({ROLLUP_STEM}-ปี-เดือน.xlsx) "
    f"ไว้ข้างไฟล์นี้ แล้วส่งทางอีเมลตามชีต «{OFFICE_SETTINGS.name}» "
    "(รหัสผ่านอีเมลไม่เก็บในไฟล์ ผู้ดูแลระบบตั้งไว้ที่เครื่อง)",
    f"6. โหมด xlwings Server (ชีต «{OFFICE_SETTINGS.name}»): เซิร์ฟเวอร์รวบรวมสมุดงานของเขต"
    "จากโฟลเดอร์ที่ผู้ดูแลระบบกำหนด และบันทึกสมุดงานสรุปไว้ที่เซิร์ฟเวอร์",
)
#: What a roll-up sheet says before the first press.
EMPTY_NOTE = (f"ชีตนี้โปรแกรมเขียนให้ กดปุ่ม «{ROLLUP_BUTTON}» ที่ชีต «{GUIDE_NAME}» "
              "(ไม่ต้องพิมพ์ข้อมูลในชีตนี้)")
#: The month's live check: a month typed as text (``ก.ค. 2569``) or any date in it.
MONTH_CHECK: dict[str, Any] = {
    "input_message": "เช่น ก.ค. 2569 (หรือวันที่ใดก็ได้ในเดือนนั้น) เว้นว่าง = เดือนที่เพิ่งสิ้นสุด",
    "error_message": "«เดือนที่รายงาน» ต้องเป็นเดือน เช่น ก.ค. 2569 หรือวันที่ในเดือนนั้น",
}
GUIDE_WIDTH = 96
"""Width of ``วิธีใช้``'s one column, in characters."""


def build_office_workbook(path: str | Path) -> Path:
    """Build the Education Office's workbook.

    Args:
        path: The ``.xlsm`` to write (atomically, the previous file kept as ``.bak``).

    Returns:
        The path written.

    Raises:
        OutputError: ``path`` is not ``.xlsm`` or cannot be written.
    """
    target = Path(path)
    check_output_name(target, True)
    with atomic_path(target) as tmp:
        try:
            _write(tmp)
        except (XlsxWriterException, OSError) as exc:
            raise OutputError(f"เขียนไฟล์ {target.name} ไม่ได้",
                              f"cannot write {target.name}: {exc}") from None
    return target


def _write(path: Path) -> None:
    wb = Workbook(str(path), workbook_options())
    wb.set_properties({
        "title": TITLE, "subject": "learnworks rollup", "author": "learnworks",
        "company": OFFICE_NAME, "comments": "สร้างโดย learnworks build-workbook",
        "created": CREATED,
    })
    styles = Styles(wb)
    guide = wb.add_worksheet(GUIDE_NAME)
    settings = wb.add_worksheet(OFFICE_SETTINGS.name)
    rollup = [wb.add_worksheet(name) for name in SHEETS]
    conf = wb.add_worksheet(XLWINGS_CONF_SHEET)

    write_guide(guide, styles)
    write_keyvalue(SheetWriter(settings, styles, Marks(None, {})), OFFICE_SETTINGS,
                   stored_keyvalue(OFFICE_SETTINGS, None),
                   validations={"report_month": month_check(OFFICE_SETTINGS, "report_month")})
    for ws in rollup:
        render_report(ws, ReportSheet(ws.name, ws.name, blocks=[Paragraph(EMPTY_NOTE, "note")]),
                      styles)
    write_xlwings_conf(conf)
    wb.define_name(contract.MODE_NAME, "=" + kv_cell(OFFICE_SETTINGS, "mode"))
    wb.define_name(contract.SERVER_URL_NAME, "=" + kv_cell(OFFICE_SETTINGS, "server_url"))
    for name, formula in contract.message_name_formulas(contract.OFFICE_TITLE).items():
        wb.define_name(name, formula)
    guide.activate()
    _vba(wb, [guide, settings, *rollup, conf])
    wb.close()


def month_check(spec: Any, field: str) -> dict[str, Any]:
    """The live check of the month cell: text (read by the program) or a date."""
    cell = kv_cell(spec, field).split("!", 1)[1].replace("$", "")
    return {"validate": "custom", "value": f"=OR(ISTEXT({cell}),ISNUMBER({cell}))",
            "error_type": "stop", "ignore_blank": True,
            "input_title": "เดือนที่รายงาน", "error_title": "ค่าไม่ถูกต้อง", **MONTH_CHECK}


def write_guide(ws: Worksheet, styles: Styles) -> None:
    """``วิธีใช้``: the title, the buttons, the note on macros, the steps; A4 portrait."""
    ws.set_column(0, 0, GUIDE_WIDTH)
    ws.hide_gridlines(2)
    ws.write_string(0, 0, TITLE, styles.title())
    ws.set_row(0, 40)
    ws.write_string(1, 0, SUBTITLE, styles.get(font_color=MUTED_FONT))
    heading = styles.get(bold=True, font_size=18, font_color=TITLE_FONT)
    ws.write_string(3, 0, "คำสั่ง", heading)
    for i, (caption, macro) in enumerate(BUTTONS):
        row = 4 + 2 * i
        ws.set_row(row, 40)
        ws.insert_button(row, 0, {"macro": macro, "caption": caption, "width": BUTTON_SIZE[0],
                                  "height": BUTTON_SIZE[1], "y_offset": 6,
                                  "description": caption})
    note = 4 + 2 * len(BUTTONS)
    ws.write_string(note, 0, BUTTONS_NOTE, styles.get(font_color=MUTED_FONT, font_size=14))
    ws.write_string(note + 2, 0, STEPS_TITLE, heading)
    wrap = styles.get(text_wrap=True, valign="top")
    for i, step in enumerate(STEPS):
        row = note + 3 + i
        ws.write_string(row, 0, step, wrap)
        height = row_height(wrapped_lines(step, GUIDE_WIDTH))
        if height is not None:
            ws.set_row(row, height)
    last = note + 2 + len(STEPS)
    ws.set_paper(9)
    ws.set_portrait()
    ws.fit_to_pages(1, 0)
    ws.print_area(0, 0, last, 0)


def _vba(wb: Workbook, worksheets: list[Worksheet]) -> None:
    """Code names ``ThisWorkbook`` and ``Sheet1``…; the project with the office's module."""
    from learnworks_xl.workbook.vba import OFFICE_MODULES, build_vba_project

    wb.set_vba_name("ThisWorkbook")
    names = [f"Sheet{i + 1}" for i in range(len(worksheets))]
    for ws, code_name in zip(worksheets, names, strict=True):
        ws.set_vba_name(code_name)
    wb.add_vba_project(io.BytesIO(build_vba_project(names, OFFICE_MODULES)), is_stream=True)


__all__ = ["BUTTONS", "EMPTY_NOTE", "FILE_NAME", "STEPS", "build_office_workbook"]
