"""``หน้าหลัก``: the project title, the buttons (columns F–H) and the at-a-glance area (A–D).

The buttons are Form Control buttons that run the workbook's VBA macros; the macros (written
by :mod:`learnworks_xl.workbook.vba`) call Python through xlwings. Without a home report the
at-a-glance area holds live formulas, so it is right even before Python has run.
"""

from __future__ import annotations

from xlsxwriter.worksheet import Worksheet

from learnworks_xl.core import sheets as sh
from learnworks_xl.core.reports.content import ReportSheet
from learnworks_xl.core.reports.numformats import AMOUNT_FORMAT
from learnworks_xl.workbook.formulas import Formula
from learnworks_xl.workbook.layout import TableLayout, kv_cell
from learnworks_xl.workbook.reports import render_report
from learnworks_xl.workbook.styles import MUTED_FONT, TITLE_FONT, Styles
from learnworks_xl.workbook.values import Stored, number

#: (Thai caption, VBA macro) of each button, top to bottom.
BUTTONS: tuple[tuple[str, str], ...] = (
    ("ตรวจสอบข้อมูล", "LwValidate"),
    ("คำนวณงบประมาณและตัวชี้วัด", "LwRecompute"),
    ("จัดทำรายงาน", "LwReports"),
    ("ส่งอีเมล", "LwEmail"),
    ("สร้างแบบฟอร์มโรงเรียน", "LwSchoolForms"),
    ("รวบรวมแบบฟอร์มโรงเรียน", "LwCollect"),
)
#: Columns of the at-a-glance area and of the buttons (0-based, inclusive).
GLANCE_COLS = (0, 3)
BUTTON_COLS = (5, 7)
BUTTON_FIRST_ROW = 3
BUTTON_SIZE = (300, 44)
BUTTONS_TITLE = "คำสั่ง"
BUTTONS_NOTE = "ปุ่มทำงานเมื่อเปิดใช้งานแมโคร (กด «เปิดใช้งานเนื้อหา» / Enable Content)"
NO_MACROS_NOTE = "ไฟล์ฉบับผลลัพธ์ (.xlsx) ไม่มีปุ่มคำสั่ง ใช้ตรวจทานและส่งต่อ"
NO_TITLE = "(กรอกชื่อโครงการในชีต «โครงการ»)"
GLANCE_TITLE = "ภาพรวมโครงการ"
LAST_RUN = ("การตรวจสอบล่าสุด", "ยังไม่ได้ตรวจสอบ กดปุ่ม «ตรวจสอบข้อมูล»")


def _sum(rows: list[dict[str, Stored]], key: str) -> float:
    return sum(n for r in rows if (n := number(r.get(key))) is not None)


def glance_formulas(project: dict[str, Stored], tables: dict[str, TableLayout],
                    schools: list[dict[str, object]], purchases: list[dict[str, Stored]],
                    works: list[dict[str, Stored]]) -> list[tuple[str, Formula, str]]:
    """The live at-a-glance lines: (Thai label, formula with cached value, number format)."""
    fy, budget = kv_cell(sh.PROJECT, "fiscal_year"), kv_cell(sh.PROJECT, "approved_budget")
    fy_v, budget_v = number(project.get("fiscal_year")), number(project.get("approved_budget"))
    alloc = tables[sh.SCHOOLS.name].body("allocation")
    spent = tables[sh.PURCHASES.name].body("amount")
    codes = tables[sh.SCHOOLS.name].body("code")
    selected = tables[sh.WORKS.name].body("selected")
    yes = str(sh.WORKS.column("selected").options[0])
    alloc_v = sum(float(v) for r in schools if isinstance(v := r.get("allocation"), int | float))
    spent_v = _sum(purchases, "amount")
    n_codes = sum(1 for r in schools if isinstance(r.get("code"), str) and r.get("code"))
    n_sel = sum(1 for r in works if isinstance(r.get("selected"), str)
                and str(r["selected"]).strip().casefold() == yes.casefold())
    return [
        (sh.PROJECT.title("fiscal_year"), Formula(f'=IF(ISNUMBER({fy}),{fy},"")',
                                                  int(fy_v) if fy_v is not None else ""), "0"),
        (sh.PROJECT.title("approved_budget"), Formula(
            f'=IF(ISNUMBER({budget}),{budget},"")', budget_v if budget_v is not None else ""),
         AMOUNT_FORMAT),
        ("จัดสรรให้โรงเรียนแล้ว (บาท)", Formula(f"=SUM({alloc})", alloc_v), AMOUNT_FORMAT),
        ("ใช้จ่ายแล้ว (บาท)", Formula(f"=SUM({spent})", spent_v), AMOUNT_FORMAT),
        ("เบิกจ่ายแล้ว (ร้อยละ)", Formula(
            f'=IF(SUM({alloc})>0,ROUND(SUM({spent})/SUM({alloc})*100,2),"")',
            round(spent_v / alloc_v * 100, 2) if alloc_v > 0 else ""), "0.00"),
        ("จำนวนโรงเรียน", Formula(f'=COUNTIF({codes},"?*")', n_codes), "0"),
        ("ผลงานที่คัดสรรส่งสำนักการศึกษา", Formula(f'=COUNTIF({selected},"{yes}")', n_sel), "0"),
    ]


def write_home(ws: Worksheet, styles: Styles, *, report: ReportSheet | None,
               project: dict[str, Stored], glance: list[tuple[str, Formula, str]],
               buttons: bool) -> None:
    """Write ``หน้าหลัก``.

    Args:
        ws: The worksheet.
        styles: The workbook's formats.
        report: The home report (fills A–D), or None for the live formulas.
        project: Stored values of ``โครงการ`` (the title).
        glance: The live at-a-glance lines (used when ``report`` is None).
        buttons: Add the macro buttons (a .xlsm) or a note that there are none (a .xlsx).
    """
    ws.set_column(GLANCE_COLS[0], GLANCE_COLS[0], 34)
    ws.set_column(1, GLANCE_COLS[1], 18)
    ws.set_column(GLANCE_COLS[1] + 1, GLANCE_COLS[1] + 1, 3)
    ws.set_column(BUTTON_COLS[0], BUTTON_COLS[1], 14)
    ws.hide_gridlines(2)
    if report is not None:
        last = render_report(ws, report, styles, max_cols=GLANCE_COLS[1] + 1,
                             print_area=False)
    else:
        last = _live(ws, styles, project, glance)
    ws.write_string(1, BUTTON_COLS[0], BUTTONS_TITLE,
                    styles.get(bold=True, font_size=18, font_color=TITLE_FONT))
    if buttons:
        for i, (caption, macro) in enumerate(BUTTONS):
            ws.insert_button(BUTTON_FIRST_ROW + 2 * i, BUTTON_COLS[0], {
                "macro": macro, "caption": caption, "width": BUTTON_SIZE[0],
                "height": BUTTON_SIZE[1], "y_offset": 6,
                "description": caption})
        note_row = BUTTON_FIRST_ROW + 2 * len(BUTTONS)
        ws.write_string(note_row, BUTTON_COLS[0], BUTTONS_NOTE,
                        styles.get(font_color=MUTED_FONT, font_size=14))
    else:
        note_row = BUTTON_FIRST_ROW
        ws.write_string(note_row, BUTTON_COLS[0], NO_MACROS_NOTE,
                        styles.get(font_color=MUTED_FONT, font_size=14))
    ws.set_paper(9)
    ws.set_portrait()
    ws.fit_to_pages(1, 0)
    ws.print_area(0, 0, max(last, note_row), GLANCE_COLS[1])


def _live(ws: Worksheet, styles: Styles, project: dict[str, Stored],
          glance: list[tuple[str, Formula, str]]) -> int:
    name = kv_cell(sh.PROJECT, "name")
    agency = kv_cell(sh.PROJECT, "agency")
    title = project.get("name")
    ws.write_formula(0, 0, f'=IF(LEN({name})=0,"{NO_TITLE}",{name})', styles.title(),
                     str(title) if title is not None else NO_TITLE)
    ws.set_row(0, 40)
    sub = project.get("agency")
    ws.write_formula(1, 0, f'=IF(LEN({agency})=0,"",{agency})', styles.get(font_color=MUTED_FONT),
                     str(sub) if sub is not None else "")
    row = BUTTON_FIRST_ROW
    ws.write_string(row - 1, 0, GLANCE_TITLE,
                    styles.get(bold=True, font_size=18, font_color=TITLE_FONT))
    cell = {"border": 1, "border_color": "#8EA9C1"}
    for label, f, num_format in glance:
        ws.write_string(row, 0, label, styles.get(cell, bold=True))
        ws.write_formula(row, 1, f.text, styles.get(cell, num_format=num_format), f.value)
        row += 1
    ws.write_string(row, 0, LAST_RUN[0], styles.get(cell, bold=True))
    ws.write_string(row, 1, LAST_RUN[1], styles.get(cell, font_color=MUTED_FONT))
    return row
