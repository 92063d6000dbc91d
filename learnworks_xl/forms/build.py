"""Write one school's form: a small macro-free .xlsx the school fills and sends back.

The four sheets a school fills are written by the product workbook's own writer
(:func:`learnworks_xl.workbook.inputs.write_table`), so their headers, formats, data
validation and conditional formats are the main workbook's, derived from the same models.
Those checks refer to ``โรงเรียน`` (school codes, the allocation) and to the fiscal-year
bounds by defined name; the form carries both as hidden sheets holding this one school and
this year, so the same formulas work unchanged.

Sheets: ``แบบฟอร์มโรงเรียน`` (the school's facts and what to do, protected), the four input
sheets, then hidden ``โรงเรียน`` (this school's row), ``ข้อมูลอ้างอิง`` (year bounds, long
lists) and ``ข้อมูลแบบฟอร์ม`` (the identity ``collect`` checks).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from pathlib import Path

from xlsxwriter.exceptions import XlsxWriterException
from xlsxwriter.worksheet import Worksheet

from learnworks_xl import thai
from learnworks_xl.core import sheets as sh
from learnworks_xl.core.compute.allocation import Allocation
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
from learnworks_xl.io.atomic import atomic_path
from learnworks_xl.workbook import checks, inputs
from learnworks_xl.workbook.build import CREATED
from learnworks_xl.workbook.formulas import NAMES, Lookups
from learnworks_xl.workbook.layout import (
    FIRST_DATA_ROW,
    HEADER_ROW,
    LISTS_SHEET,
    TableLayout,
    col_name,
    quote,
    table_layout,
)
from learnworks_xl.workbook.marks import Marks
from learnworks_xl.workbook.sheet import Workbook
from learnworks_xl.workbook.styles import MUTED_FONT, Styles, workbook_options
from learnworks_xl.workbook.values import Stored

TITLE = "แบบฟอร์มรายงานข้อมูลโรงเรียน"
UNKNOWN_ALLOCATION = "ยังไม่ทราบ (ไม่พบขนาดโรงเรียนในเกณฑ์ กรุณาสอบถามสำนักงานเขต)"
LOOKUP_NOTE = "ชีตซ่อน: ข้อมูลโรงเรียนเจ้าของแบบฟอร์ม ใช้ตรวจรหัสโรงเรียนและงบประมาณขณะกรอก"
IDENTITY_NOTE = "ชีตซ่อน: ข้อมูลระบุแบบฟอร์ม โปรแกรมใช้ตรวจสอบเมื่อรวบรวม ห้ามแก้ไข"


@dataclass(frozen=True)
class FormFacts:
    """What a form is prefilled with: the project and one school with its allocation."""

    project: ProjectInfo
    fiscal_year: int
    """The project's fiscal year (a form needs one)."""
    school: School
    allocation: Allocation


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
    return [
        f"1. กรอกข้อมูลในชีต {names} เฉพาะชีตที่ถึงกำหนดส่ง "
        "ชีตที่เว้นว่างไว้จะไม่เปลี่ยนข้อมูลเดิมของโรงเรียนที่สำนักงานเขต",
        f"2. ช่อง «{sh.WORKS.title('school_code')}» ทุกแถวให้เลือกรหัส {code} จากรายการ",
        "3. ช่องที่ขึ้นสีแดงคือข้อมูลที่ยังไม่ครบหรือไม่ถูกต้อง กรุณาแก้ไขก่อนส่ง",
        f"4. {works}",
        "5. บันทึกเป็นไฟล์ .xlsx โดยไม่เปลี่ยนชื่อชีตหรือหัวคอลัมน์ แล้วส่งไฟล์คืนสำนักงานเขต",
        "6. ส่งใหม่ได้: ไฟล์ที่ส่งใหม่จะแทนที่ข้อมูลเดิมของโรงเรียนในชีตที่กรอก",
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

    tables: dict[str, TableLayout] = {s.name: table_layout(s, 0) for s in FORM_SHEETS}
    tables[sh.SCHOOLS.name] = table_layout(sh.SCHOOLS, 1)
    _school_lookup(schools_ws, styles, tables[sh.SCHOOLS.name], facts)
    sources = _lists(wb, lists_ws, styles, facts.fiscal_year, tables)
    stored_project: dict[str, Stored] = {"fiscal_year": facts.fiscal_year}
    marks = Marks(None, tables)
    lookups = Lookups([], [])
    for spec in FORM_SHEETS:
        writer = inputs.SheetWriter(sheets[spec.name], styles, marks)
        inputs.write_table(writer, tables[spec.name], [], lookups, tables, stored_project,
                           sources.get(spec.name, {}))
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
    label = st.get(bold=True, border=1, border_color="#D9D9D9")
    boxed = {"border": 1, "border_color": "#8EA9C1", "bg_color": "#EDEDED"}
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
        ws.merge_range(r + 1 + i, 0, r + 1 + i, 1, line, st.get(text_wrap=True))
        ws.set_row(r + 1 + i, 52)
    ws.set_column(0, 0, 34)
    ws.set_column(1, 1, 70)
    ws.protect()
    inputs.print_setup(ws, r + len(instructions(facts)), 1, -1)


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
           tables: dict[str, TableLayout]) -> dict[str, dict[str, str]]:
    """Hidden ``ข้อมูลอ้างอิง``: the year's bounds (the names the date checks use) and the
    lists too long for a cell; return list sources by sheet and field."""
    fy_start, fy_end = thai.fiscal_year_bounds(fiscal_year)
    bounds: list[tuple[str, str, date]] = [
        (NAMES.fy_start, "วันแรกของปีงบประมาณ", fy_start),
        (NAMES.fy_end, "วันสุดท้ายของปีงบประมาณ", fy_end),
        (NAMES.plan_start, "เดือนแรกของแผนปฏิบัติการ", date(fy_start.year - 1, 9, 1)),
        (NAMES.plan_end, "วันสุดท้ายของแผนปฏิบัติการ", fy_end),
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
            if col.field in checks.REFERENCES:
                target, key = checks.REFERENCES[col.field]
                sources.setdefault(spec.name, {})[col.field] = "=" + tables[target.name].body(key)
            elif col.options and not checks.literal_list_fits(col.options):
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
