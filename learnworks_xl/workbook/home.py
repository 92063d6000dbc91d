"""``หน้าหลัก``: the project title, the buttons (columns F–H) and the at-a-glance area (A–D).

The buttons are Form Control buttons that run the workbook's VBA macros; the macros (written
by :mod:`learnworks_xl.workbook.vba`) call Python through xlwings. Without a home report the
at-a-glance area holds live formulas, so it is right even before Python has run.
"""

from __future__ import annotations

from typing import cast

from xlsxwriter.worksheet import Worksheet

from learnworks_xl import thai
from learnworks_xl.core import sheets as sh
from learnworks_xl.core.layout import HOME_COLUMNS
from learnworks_xl.core.layout.colours import BORDER_COLOR, MUTED_FONT, TITLE_FONT
from learnworks_xl.core.reports.content import ReportSheet
from learnworks_xl.core.reports.numformats import AMOUNT_FORMAT
from learnworks_xl.workbook import formulas
from learnworks_xl.workbook.formulas import NAMES, Formula
from learnworks_xl.workbook.positions import TableLayout, kv_cell
from learnworks_xl.workbook.readings import excel_trim
from learnworks_xl.workbook.reports import render_report
from learnworks_xl.workbook.styles import Styles
from learnworks_xl.workbook.values import Stored, text_key

#: (Thai caption, VBA macro) of each button, top to bottom.
BUTTONS: tuple[tuple[str, str], ...] = (
    ("ตรวจสอบข้อมูล", "LwValidate"),
    ("คำนวณงบประมาณและตัวชี้วัด", "LwRecompute"),
    ("จัดทำรายงาน", "LwReports"),
    ("ส่งอีเมล", "LwEmail"),
    ("สร้างแบบฟอร์มโรงเรียน", "LwSchoolForms"),
    ("รวบรวมแบบฟอร์มโรงเรียน", "LwCollect"),
)
#: Columns of the at-a-glance area (the home report's) and of the buttons (0-based, inclusive).
GLANCE_COLS = (0, HOME_COLUMNS - 1)
BUTTON_COLS = (5, 7)
BUTTON_FIRST_ROW = 3
BUTTON_SIZE = (300, 44)
BUTTONS_TITLE = "คำสั่ง"
BUTTONS_NOTE = "ปุ่มทำงานเมื่อเปิดใช้งานแมโคร (กด «เปิดใช้งานเนื้อหา» / Enable Content)"
NO_MACROS_NOTE = "ไฟล์ฉบับผลลัพธ์ (.xlsx) ไม่มีปุ่มคำสั่ง ใช้ตรวจทานและส่งต่อ"
NO_TITLE = "(กรอกชื่อโครงการในชีต «โครงการ»)"
GLANCE_TITLE = "ภาพรวมโครงการ"
LAST_RUN = ("การตรวจสอบล่าสุด", "ยังไม่ได้ตรวจสอบ กดปุ่ม «ตรวจสอบข้อมูล»")


#: What ``ผลงานที่คัดสรร`` counts as yes: the validator's yes words (and ๑).
YES_TEXTS: tuple[str, ...] = tuple(sorted(thai.YES_WORDS | {"๑"}))


def _is_yes(value: Stored) -> bool:
    """The cached test of the yes count: ``TRIM(cell&"")`` is one of :data:`YES_TEXTS`."""
    if value is None:
        return False
    text = str(int(value)) if isinstance(value, float) and value.is_integer() else str(value)
    return excel_trim(text).casefold() in YES_TEXTS


def _escaped(expr: str) -> str:
    """MATCH reads ``~ * ?`` as wildcards: escape them."""
    for char in ("~", "*", "?"):
        expr = f'SUBSTITUTE({expr},"{char}","~{char}")'
    return expr


def glance_formulas(project: dict[str, Stored], tables: dict[str, TableLayout],
                    schools: list[dict[str, object]], purchases: list[dict[str, Stored]],
                    works: list[dict[str, Stored]]) -> list[tuple[str, Formula, str]]:
    """The live at-a-glance lines: (Thai label, formula with cached value, number format).

    The fiscal year and the approved budget are ``โครงการ``'s readings (``lw_fiscal_year``,
    ``lw_approved_budget``); spending sums the reading of จำนวนเงิน; a school counts when its
    code is not blank (a number too); a work counts when คัดสรร reads as yes to the validator.
    """
    fy, budget = NAMES.fiscal_year, NAMES.approved_budget
    fy_v, budget_v = formulas.fiscal_year(project), formulas.approved_budget(project)
    alloc = tables[sh.SCHOOLS.name].body("allocation")
    purchases_layout = tables[sh.PURCHASES.name]
    spent = purchases_layout.reading_body("amount")
    codes = tables[sh.SCHOOLS.name].body("code")
    selected = tables[sh.WORKS.name].body("selected")
    alloc_v = sum(float(v) for r in schools if isinstance(v := r.get("allocation"), int | float))
    spent_v = sum(a for r in purchases if (a := formulas.amount_read(purchases_layout, r))
                  is not None)
    n_codes = sum(1 for r in schools if text_key(cast(Stored, r.get("code"))))
    n_sel = sum(1 for r in works if _is_yes(r.get("selected")))
    yes = ",".join(f'"{w}"' for w in YES_TEXTS)
    answers = _escaped(f'TRIM({selected}&"")')
    return [
        (sh.PROJECT.title("fiscal_year"), Formula(f'=IF(ISNUMBER({fy}),{fy},"")',
                                                  fy_v if fy_v is not None else ""), "0"),
        (sh.PROJECT.title("approved_budget"), Formula(
            f'=IF(ISNUMBER({budget}),{budget},"")', budget_v if budget_v is not None else ""),
         AMOUNT_FORMAT),
        ("จัดสรรให้โรงเรียนแล้ว (บาท)", Formula(f"=SUM({alloc})", alloc_v), AMOUNT_FORMAT),
        ("ใช้จ่ายแล้ว (บาท)", Formula(f"=SUM({spent})", _round(spent_v)), AMOUNT_FORMAT),
        ("เบิกจ่ายแล้ว (ร้อยละ)", Formula(
            f'=IF(SUM({alloc})>0,ROUND(SUM({spent})/SUM({alloc})*100,2),"")',
            formulas.excel_round(spent_v / alloc_v * 100) if alloc_v > 0 else ""), "0.00"),
        ("จำนวนโรงเรียน", Formula(f"=SUMPRODUCT(--(LEN(TRIM({codes}))>0))", n_codes), "0"),
        ("ผลงานที่คัดสรรส่งสำนักการศึกษา", Formula(
            f"=SUMPRODUCT(--ISNUMBER(MATCH({answers},{{{yes}}},0)))",
            n_sel), "0"),
    ]


def _round(value: float) -> float | int:
    """A sum of amounts as cached (whole baht as a whole number, else to the satang)."""
    return int(value) if float(value).is_integer() else round(value, 2)


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
        last = render_report(ws, report, styles, max_cols=HOME_COLUMNS, print_area=False)
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
    cell = {"border": 1, "border_color": BORDER_COLOR}
    for label, f, num_format in glance:
        ws.write_string(row, 0, label, styles.get(cell, bold=True))
        ws.write_formula(row, 1, f.text, styles.get(cell, num_format=num_format), f.value)
        row += 1
    ws.write_string(row, 0, LAST_RUN[0], styles.get(cell, bold=True))
    ws.write_string(row, 1, LAST_RUN[1], styles.get(cell, font_color=MUTED_FONT))
    return row
