"""Write one school's form: a small macro-free .xlsx the school fills and sends back.

The four sheets a school fills are written by the product workbook's own writer
(:func:`learnworks_xl.workbook.inputs.write_table`), so their headers, formats, data
validation and conditional formats are the main workbook's, derived from the same models.
Those checks refer to ``โรงเรียน`` (school codes, the allocation) and to the fiscal-year
bounds by defined name; the form carries both as hidden sheets holding this one school and
this year, so the same formulas work unchanged.

The sheets come prefilled with the school's rows the office already has (version 2), and
each table has two more columns (sorting keeps them with their rows): ``ขอลบรายการนี้``,
where the school types ``ลบ`` to ask for a row to be removed, and a hidden column with each
prefilled row's fingerprint (so that collect knows a row the school did not touch, and never
lets it undo what the office changed since the form was made). A few live checks are the
form's own (:func:`form_checks`): ``เลขที่เอกสาร`` required, keys unique, a marked row
struck through, anything but ``ลบ`` in the removal column red.

Sheets: ``แบบฟอร์มโรงเรียน`` (the school's facts and what to do, protected), the four input
sheets, then hidden ``โรงเรียน`` (this school's row), ``ข้อมูลอ้างอิง`` (year bounds, long
lists) and ``ข้อมูลแบบฟอร์ม`` (the identity ``collect`` checks).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any

from xlsxwriter.exceptions import XlsxWriterException
from xlsxwriter.worksheet import Worksheet

from learnworks_xl import thai
from learnworks_xl.core import sheets as sh
from learnworks_xl.core.compute.allocation import Allocation
from learnworks_xl.core.layout.colours import (
    BORDER_COLOR,
    COMPUTED_FILL,
    GRID_BORDER_COLOR,
    HEADER_FONT,
    MUTED_FONT,
    REMOVE_HEADER_FILL,
)
from learnworks_xl.core.layout.text import display_width, row_height, wrapped_lines
from learnworks_xl.core.models import ProjectInfo, School
from learnworks_xl.core.reports.numformats import AMOUNT_FORMAT, DATE_FORMAT
from learnworks_xl.errors import OutputError
from learnworks_xl.forms.identity import (
    FORM_KIND,
    FORM_SHEETS,
    FORM_VERSION,
    IDENTITY,
    IDENTITY_SHEET,
    INFO_SHEET,
    NAME_KIND,
    NAME_SCHOOL,
    NAME_YEAR,
)
from learnworks_xl.forms.match import (
    BASE_TITLE,
    MERGE_KEYS,
    REMOVE_TITLE,
    REMOVE_WORD,
    fingerprint,
)
from learnworks_xl.io.atomic import atomic_path
from learnworks_xl.workbook import inputs, livechecks
from learnworks_xl.workbook.build import CREATED
from learnworks_xl.workbook.formulas import NAMES, Lookups
from learnworks_xl.workbook.marks import Marks
from learnworks_xl.workbook.positions import (
    FIRST_DATA_ROW,
    FORM_COLUMNS,
    HEADER_ROW,
    LISTS_SHEET,
    TableLayout,
    col_name,
    quote,
    table_layout,
)
from learnworks_xl.workbook.sheet import Workbook
from learnworks_xl.workbook.styles import MARK_PROPS, Styles, workbook_options
from learnworks_xl.workbook.values import Stored, stored_table

TITLE = "แบบฟอร์มรายงานข้อมูลโรงเรียน"
UNKNOWN_ALLOCATION = "ยังไม่ทราบ (ไม่พบขนาดโรงเรียนในเกณฑ์ กรุณาสอบถามสำนักงานเขต)"
#: The removal column's and the fingerprint column's keys in a form sheet's layout.
REMOVE_KEY, BASE_KEY = "remove", "base"
#: How a row marked ``ลบ`` looks, and the removal column's header.
REMOVED_LOOK = {"font_strikeout": True, "font_color": MUTED_FONT, "bg_color": COMPUTED_FILL}
REMOVE_HEADER = {"bold": True, "font_color": HEADER_FONT, "bg_color": REMOVE_HEADER_FILL,
                 "text_wrap": True, "align": "center", "valign": "vcenter", "border": 1,
                 "border_color": GRID_BORDER_COLOR}
#: Width of the instructions (the first sheet's columns A and B, merged).
INFO_WIDTHS = (34, 70)
LOOKUP_NOTE = "ชีตซ่อน: ข้อมูลโรงเรียนเจ้าของแบบฟอร์ม ใช้ตรวจรหัสโรงเรียนและงบประมาณขณะกรอก"
IDENTITY_NOTE = "ชีตซ่อน: ข้อมูลระบุแบบฟอร์ม โปรแกรมใช้ตรวจสอบเมื่อรวบรวม ห้ามแก้ไข"


@dataclass(frozen=True)
class FormFacts:
    """What a form is prefilled with: the project, one school with its allocation, and the
    school's rows the office already has (sheet name → rows of field → value)."""

    project: ProjectInfo
    fiscal_year: int
    """The project's fiscal year (a form needs one)."""
    school: School
    allocation: Allocation
    rows: dict[str, list[dict[str, Any]]] = field(default_factory=dict)


def instructions(facts: FormFacts) -> list[str]:
    """The numbered Thai instructions on the form's first sheet.

    Args:
        facts: The project and the school.

    Returns:
        One line per step.
    """
    code = facts.school.code
    names = " ".join(f"«{s.name}»" for s in FORM_SHEETS)
    quota = facts.allocation.quota
    works = (f"คัดสรรผลงานที่ดีที่สุด {quota} ผลงาน โดยเลือก «ใช่» ในคอลัมน์ "
             f"«{sh.WORKS.title('selected')}»" if quota is not None else
             f"เลือก «ใช่» ในคอลัมน์ «{sh.WORKS.title('selected')}» สำหรับผลงานที่คัดสรร")
    keys = [f"«{spec.title(MERGE_KEYS[spec.name])}» ในชีต «{spec.name}»" for spec in FORM_SHEETS]
    doc_no = sh.PURCHASES.title("doc_no")
    return [
        f"1. แบบฟอร์มนี้มีข้อมูลที่สำนักงานเขตได้รับจากโรงเรียนแล้ว (ณ วันที่สร้างแบบฟอร์ม) "
        f"ในชีต {names} กรอกเพิ่มหรือแก้ไขเฉพาะชีตที่ถึงกำหนดส่ง "
        "โดยเพิ่มรายการใหม่ต่อท้ายรายการเดิม",
        f"2. ช่อง «{sh.WORKS.title('school_code')}» ทุกแถวให้เลือกรหัส {code} จากรายการ",
        "3. ช่องที่ขึ้นสีแดงคือข้อมูลที่ยังไม่ครบหรือไม่ถูกต้อง กรุณาแก้ไขก่อนส่ง",
        f"4. {works}",
        "5. สำนักงานเขตจับคู่แต่ละแถวกับข้อมูลเดิมของโรงเรียนด้วย " + ", ".join(keys[:-1])
        + f" และ {keys[-1]}: ค่าที่ยังไม่มีจะเพิ่มเป็นรายการใหม่ ค่าที่มีอยู่แล้วจะแก้ไข"
        f"รายการเดิมตามแบบฟอร์ม แถวที่ไม่ได้แก้ไขจะคงเดิม ทุกรายการการใช้จ่ายที่เพิ่มหรือแก้ไข"
        f"ต้องมี «{doc_no}»",
        "6. การลบแถวออกจากแบบฟอร์มหรือเว้นชีตว่างไว้จะไม่ลบข้อมูลเดิมที่สำนักงานเขต "
        f"หากต้องการให้ลบรายการใด ให้พิมพ์คำว่า {REMOVE_WORD} ในช่อง «{REMOVE_TITLE}» "
        f"ของแถวนั้น (ถ้าจะเปลี่ยนค่าที่ใช้จับคู่ของรายการเดิม ให้พิมพ์ {REMOVE_WORD} "
        "ที่แถวเดิมแล้วเพิ่มเป็นแถวใหม่)",
        "7. บันทึกเป็นไฟล์ .xlsx โดยไม่เปลี่ยนชื่อชีตหรือหัวคอลัมน์ แล้วส่งไฟล์คืนสำนักงานเขต "
        "ส่งแบบฟอร์มซ้ำได้ รายการที่ส่งแล้วจะไม่หาย",
    ]


def build_form(path: str | Path, facts: FormFacts) -> Path:
    """Write one school's form (a macro-free .xlsx).

    Args:
        path: The file to write; written atomically.
        facts: The project, the school and its allocation.

    Returns:
        The path written.

    Raises:
        OutputError: The name does not end in .xlsx, or the file cannot be written.
    """
    target = Path(path)
    if target.suffix.lower() != ".xlsx":
        raise OutputError(f"ชื่อไฟล์ {target.name} ต้องลงท้ายด้วย .xlsx (สมุดงานไม่มีแมโคร)",
                          f"{target.name}: a form must end in .xlsx")
    with atomic_path(target, backup=False) as tmp:
        try:
            _write(tmp, facts)
        except (XlsxWriterException, OSError) as exc:
            raise OutputError(f"เขียนไฟล์ {target.name} ไม่ได้",
                              f"cannot write {target.name}: {exc}") from None
    return target


def _write(path: Path, facts: FormFacts) -> None:
    project, school = facts.project, facts.school
    wb = Workbook(str(path), workbook_options())
    wb.set_properties({
        "title": f"{TITLE} {school.code}", "subject": project.name or "", "author": "learnworks",
        "company": project.agency, "comments": "สร้างโดย learnworks school-forms",
        "created": CREATED})
    for name, value in ((NAME_KIND, FORM_KIND), (NAME_SCHOOL, school.code),
                        (NAME_YEAR, str(project.fiscal_year))):
        wb.set_custom_property(name, value)
    styles = Styles(wb)
    info = wb.add_worksheet(INFO_SHEET)
    sheets = {spec.name: wb.add_worksheet(spec.name) for spec in FORM_SHEETS}
    schools_ws = wb.add_worksheet(sh.SCHOOLS.name)
    lists_ws = wb.add_worksheet(LISTS_SHEET)
    ident_ws = wb.add_worksheet(IDENTITY_SHEET)

    rows = {s.name: stored_table(s, facts.rows.get(s.name)) for s in FORM_SHEETS}
    tables: dict[str, TableLayout] = {s.name: form_layout(s, len(rows[s.name]))
                                      for s in FORM_SHEETS}
    tables[sh.SCHOOLS.name] = table_layout(sh.SCHOOLS, 1)
    _school_lookup(schools_ws, styles, tables[sh.SCHOOLS.name], facts)
    sources = _lists(wb, lists_ws, styles, facts.fiscal_year, tables, facts.project.end_date)
    stored_project: dict[str, Stored] = {"fiscal_year": facts.fiscal_year}
    marks = Marks(None, tables)
    lookups = Lookups([], [])
    for spec in FORM_SHEETS:
        ws, layout = sheets[spec.name], tables[spec.name]
        writer = inputs.SheetWriter(ws, styles, marks)
        inputs.write_table(writer, layout, rows[spec.name], lookups, tables, stored_project,
                           sources.get(spec.name, {}))
        _form_columns(ws, styles, layout, facts.rows.get(spec.name, []))
    _info(info, styles, facts)
    _identity(wb, ident_ws, styles, facts)
    info.activate()
    wb.close()


def _info(ws: Worksheet, st: Styles, facts: FormFacts) -> None:
    """The first sheet: title, the school's facts (label/value), the instructions."""
    project, school, alloc = facts.project, facts.school, facts.allocation
    ws.write_string(0, 0, TITLE, st.title())
    ws.set_row(0, 40)
    ws.write_string(1, 0, f"โครงการ{(project.name or '').removeprefix('โครงการ')}",
                    st.get(text_wrap=True))
    ws.set_row(1, 48)
    label = st.get(bold=True, border=1, border_color=GRID_BORDER_COLOR)
    boxed = {"border": 1, "border_color": BORDER_COLOR, "bg_color": COMPUTED_FILL}
    value = st.get(boxed)
    amount: str | Decimal = UNKNOWN_ALLOCATION if alloc.amount is None else alloc.amount
    quota: str | int = "-" if alloc.quota is None else alloc.quota
    facts_rows: list[tuple[str, str | int | Decimal]] = [
        (sh.PROJECT.title("fiscal_year"), facts.fiscal_year),
        (sh.PROJECT.title("agency"), project.agency or "-"),
        (sh.SCHOOLS.title("code"), school.code),
        (sh.SCHOOLS.title("name"), school.name),
        (sh.SCHOOLS.title("size"), school.size),
        (sh.SCHOOLS.title("allocation"), amount),
        (sh.SCHOOLS.title("quota"), quota),
    ]
    first = 3
    for i, (text, v) in enumerate(facts_rows):
        r = first + i
        ws.write_string(r, 0, text, label)
        if isinstance(v, Decimal):
            ws.write_number(r, 1, float(v), st.get(boxed, num_format=AMOUNT_FORMAT, align="left"))
        elif isinstance(v, int):
            ws.write_number(r, 1, v, st.get(boxed, num_format="0", align="left"))
        else:
            ws.write_string(r, 1, v, st.get(boxed, text_wrap=True))
    if alloc.amount is not None:
        r = first + len(facts_rows)
        ws.write_string(r, 0, "จำนวนเงินเป็นตัวอักษร", label)
        ws.write_string(r, 1, f"({thai.bahttext(alloc.amount)})", value)
    r = first + len(facts_rows) + 2
    ws.write_string(r, 0, "วิธีกรอกและส่งแบบฟอร์ม", st.get(bold=True, font_size=18))
    for i, line in enumerate(instructions(facts)):
        ws.merge_range(r + 1 + i, 0, r + 1 + i, 1, line, st.get(text_wrap=True, valign="top"))
        ws.set_row(r + 1 + i, row_height(wrapped_lines(line, sum(INFO_WIDTHS)) + 1))
    ws.set_column(0, 0, INFO_WIDTHS[0])
    ws.set_column(1, 1, INFO_WIDTHS[1])
    ws.protect()
    inputs.print_setup(ws, r + len(instructions(facts)), 1, -1)


def plan_start(fiscal_year: int) -> date:
    """The first day of the action plan's first month: ก.ย. before the fiscal year
    (1 Sep 2025 for FY 2569), the first month of :func:`learnworks_xl.thai.gantt_months`."""
    year, month = thai.gantt_months(fiscal_year)[0]
    return date(year, month, 1)


def form_layout(spec: sh.SheetSpec, data_rows: int) -> TableLayout:
    """A form sheet's layout: the workbook's, plus two columns inside the table (sorting
    keeps them with their rows): ``ขอลบรายการนี้`` and the hidden fingerprints."""
    base = table_layout(spec, data_rows)
    n = len(base.headers)
    assert FORM_COLUMNS == 2  # the workbook's layout leaves these two columns free
    return TableLayout(spec, base.rows, base.data_rows,
                       {**base.columns, REMOVE_KEY: n, BASE_KEY: n + 1},
                       (*base.headers, REMOVE_TITLE, BASE_TITLE), base.readings)


def _row_range(layout: TableLayout, last: int) -> str:
    r = FIRST_DATA_ROW + 1
    return f"$A{r}:${col_name(last)}{r}"


def form_checks(layout: TableLayout) -> list[tuple[str, dict[str, Any], dict[str, Any]]]:
    """The live checks only a form has: (range, conditional format options, format).

    A row marked ``ลบ`` is struck through; anything else typed in ``ขอลบรายการนี้`` is
    red; a purchase with data but no ``เลขที่เอกสาร`` is red (a form's purchase needs its
    key); a key repeated in the sheet is red (``รหัสผลงาน`` is already checked as the
    workbook's key).
    """
    spec, r = layout.spec, FIRST_DATA_ROW + 1
    mark = f"${layout.letter(REMOVE_KEY)}{r}"
    inputs_last = max(layout.col(c.field) for c in spec.columns)
    error = MARK_PROPS["error"]
    body = f"A{r}:{col_name(inputs_last)}{layout.last_row + 1}"
    out: list[tuple[str, dict[str, Any], dict[str, Any]]] = [
        (body, {"type": "formula", "criteria": f'=TRIM({mark})="{REMOVE_WORD}"'}, REMOVED_LOOK),
        (layout.body(REMOVE_KEY, sheet=False), {
            "type": "formula",
            "criteria": f'=AND(LEN(TRIM({mark}))>0,TRIM({mark})<>"{REMOVE_WORD}")'}, error),
    ]
    key = MERGE_KEYS[spec.name]
    cell = f"{layout.letter(key)}{r}"
    if not spec.column(key).required:
        rng = _row_range(layout, inputs_last)
        has_data = f'COUNTIF({rng},"?*")+COUNT({rng})>0'
        out.append((layout.body(key, sheet=False), {
            "type": "formula", "criteria": f"=AND({has_data},LEN(TRIM({cell}))=0)"}, error))
    if key not in spec.key:
        keys = layout.body(key, sheet=False)
        out.append((keys, {"type": "formula",
                           "criteria": f"=AND(LEN(TRIM({cell}))>0,COUNTIF({keys},{cell})>1)"},
                    error))
    return out


def _form_columns(ws: Worksheet, st: Styles, layout: TableLayout,
                  rows: list[dict[str, Any]]) -> None:
    """What a form sheet adds to the workbook's: the removal column, each prefilled row's
    fingerprint (hidden), its own checks, and the purchases' key shown as required.

    Prefilled amounts stay values (as the office has them): a tool that saves no formula
    results would otherwise return them blank; an amount that no longer equals quantity ×
    price after an edit is red, as in the workbook.
    """
    spec, col = layout.spec, layout.col(REMOVE_KEY)
    ws.write_string(HEADER_ROW, col, REMOVE_TITLE, st.get(REMOVE_HEADER))
    ws.set_column(col, col, max(14, display_width(REMOVE_TITLE) // 2 + 4),
                  st.get(align="center"))
    ws.data_validation(layout.body(REMOVE_KEY, sheet=False), {
        "validate": "list", "source": [REMOVE_WORD], "dropdown": False, "ignore_blank": True,
        "error_type": "stop", "input_title": REMOVE_TITLE,
        "input_message": f"เว้นว่างไว้ หรือพิมพ์คำว่า {REMOVE_WORD} เฉพาะรายการที่ต้องการ"
                         "ให้สำนักงานเขตลบ",
        "error_title": livechecks.ERROR_TITLE,
        "error_message": f"{REMOVE_TITLE}: พิมพ์ได้เฉพาะคำว่า {REMOVE_WORD} หรือเว้นว่าง"})
    base = layout.col(BASE_KEY)
    muted = st.get(font_color=MUTED_FONT)
    ws.set_column(base, base, 20, muted, {"hidden": True})
    for i, row in enumerate(rows):
        ws.write_string(FIRST_DATA_ROW + i, base, fingerprint(row), muted)
    for rng, options, look in form_checks(layout):
        ws.conditional_format(rng, {**options, "format": st.get(look)})
    key = MERGE_KEYS[spec.name]
    if not spec.column(key).required:
        ws.write_string(HEADER_ROW, layout.col(key), spec.title(key), st.header(True))


def _school_lookup(ws: Worksheet, st: Styles, layout: TableLayout, facts: FormFacts) -> None:
    """Hidden ``โรงเรียน``: the header and this school's row where the checks look."""
    school, alloc = facts.school, facts.allocation
    ws.write_string(0, 0, LOOKUP_NOTE, st.get(font_color=MUTED_FONT))
    for col in layout.spec.columns:
        ws.write_string(HEADER_ROW, layout.col(col.field), col.title, st.header(col.required))
    values: dict[str, str | int | Decimal | None] = {
        **{c.field: getattr(school, c.field) for c in layout.spec.columns},
        "allocation": alloc.amount, "quota": alloc.quota}
    for key, v in values.items():
        c = layout.col(key)
        if isinstance(v, Decimal):
            ws.write_number(FIRST_DATA_ROW, c, float(v), st.get(num_format=AMOUNT_FORMAT))
        elif isinstance(v, int):
            ws.write_number(FIRST_DATA_ROW, c, v)
        elif v is not None:
            ws.write_string(FIRST_DATA_ROW, c, str(v))
    ws.hide()
    ws.protect()


def _lists(wb: Workbook, ws: Worksheet, st: Styles, fiscal_year: int,
           tables: dict[str, TableLayout],
           project_end: date | None = None) -> dict[str, dict[str, str]]:
    """Hidden ``ข้อมูลอ้างอิง``: the year's bounds (the names the date checks use) and the
    lists too long for a cell; return list sources by sheet and field."""
    fy_start, fy_end = thai.fiscal_year_bounds(fiscal_year)
    # a run period past the fiscal year (money carried over) allows dates up to its end
    next_end = thai.fiscal_year_bounds(fiscal_year + 1)[1]  # a carry-over lasts a year at most
    last = project_end if project_end is not None and fy_end < project_end <= next_end \
        else fy_end
    bounds: list[tuple[str, str, date]] = [
        (NAMES.fy_start, "วันแรกของปีงบประมาณ", fy_start),
        (NAMES.fy_end, "วันสุดท้ายของปีงบประมาณ", fy_end),
        (NAMES.plan_start, "เดือนแรกของแผนปฏิบัติการ", plan_start(fiscal_year)),
        (NAMES.plan_end, "วันสุดท้ายของแผนปฏิบัติการ", last),
        (NAMES.date_end, "วันสุดท้ายที่บันทึกรายการได้", last),
    ]
    ws.write_string(0, 0, "ข้อมูลอ้างอิงของการตรวจสอบ (ชีตซ่อน โปรแกรมสร้างให้ ไม่ต้องแก้ไข)",
                    st.get(bold=True))
    for i, (name, label, day) in enumerate(bounds):
        r = 2 + i
        ws.write_string(r, 0, label)
        ws.write_datetime(r, 1, day, st.get(num_format=DATE_FORMAT))
        ws.write_string(r, 2, name, st.get(font_color=MUTED_FONT))
        wb.define_name(name, f"={quote(LISTS_SHEET)}!$B${r + 1}")
    ws.set_column(0, 0, 34)
    ws.set_column(1, 1, 16)
    sources: dict[str, dict[str, str]] = {}
    next_col = 4
    for spec in FORM_SHEETS:
        for col in spec.columns:
            if col.field in livechecks.REFERENCES:
                target, key = livechecks.REFERENCES[col.field]
                sources.setdefault(spec.name, {})[col.field] = "=" + tables[target.name].body(key)
            elif col.options and not livechecks.literal_list_fits(col.options):
                letter = col_name(next_col)
                ws.write_string(1, next_col, col.title, st.get(bold=True))
                for j, option in enumerate(col.options):
                    ws.write_string(2 + j, next_col, str(option))
                sources.setdefault(spec.name, {})[col.field] = (
                    f"={quote(LISTS_SHEET)}!${letter}$3:${letter}${2 + len(col.options)}")
                next_col += 1
    ws.hide()
    ws.protect()
    return sources


def _identity(wb: Workbook, ws: Worksheet, st: Styles, facts: FormFacts) -> None:
    """Hidden ``ข้อมูลแบบฟอร์ม``: label/value rows read back by :func:`read_identity`."""
    values: dict[str, str | int] = {
        "kind": FORM_KIND, "version": FORM_VERSION, "school_code": facts.school.code,
        "fiscal_year": facts.fiscal_year, "project": facts.project.name or ""}
    ws.write_string(0, 0, IDENTITY_NOTE, st.get(font_color=MUTED_FONT))
    for i, col in enumerate(IDENTITY.columns):
        r = 2 + i
        ws.write_string(r, 0, col.title, st.get(bold=True))
        v = values[col.field]
        if isinstance(v, int):
            ws.write_number(r, 1, v)
        else:
            ws.write_string(r, 1, v)
        if col.field == "school_code":
            wb.define_name(NAME_SCHOOL, f"={quote(IDENTITY_SHEET)}!$B${r + 1}")
        elif col.field == "fiscal_year":
            wb.define_name(NAME_YEAR, f"={quote(IDENTITY_SHEET)}!$B${r + 1}")
        elif col.field == "kind":
            wb.define_name(NAME_KIND, f"={quote(IDENTITY_SHEET)}!$B${r + 1}")
    ws.set_column(0, 0, 24)
    ws.set_column(1, 1, 40)
    ws.very_hidden()
    ws.protect()
