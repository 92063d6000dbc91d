"""The roll-up's figures as a data sheet, and back (pure).

The roll-up workbook's report sheets say what a clerk reads; they do not hold everything a
page of the city website shows (each district's approved budget, KPI target and privacy
setting, a school's report summary, a work's tools). So the workbook also holds the hidden
sheet ``ข้อมูลเว็บไซต์``: the whole :class:`~.combine.Rollup`, as five tables — the roll-up,
the districts, the schools, the selected works (their students already as each district's
privacy setting allows) and the files. Each table is a marker row (its name in column A), a
header row of Thai titles and its rows, then a blank row. :func:`data_rows` writes it;
:func:`read_data` reads it back by marker and header title, so ``learnworks publish`` builds
the same site from the roll-up workbook as from the district workbooks.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal, InvalidOperation
from typing import Any, Literal, cast

from learnworks_xl.core.districts import DISTRICTS
from learnworks_xl.core.grid import RawSheet, is_blank
from learnworks_xl.core.rollup.combine import FileStatus, Rollup
from learnworks_xl.core.rollup.district import DistrictFigures, SchoolLine, WorkLine

#: The hidden sheet's name.
DATA = "ข้อมูลเว็บไซต์"
#: Its first cell: what it is, and the layout's version.
MARKER = "ข้อมูลสำหรับ learnworks publish (โปรแกรมใช้ ห้ามแก้ไข) รุ่น 1"
ROLLUP, DISTRICT, SCHOOL, WORK, FILE = "รอบการรวบรวม", "สำนักงานเขต", "โรงเรียน", "ผลงาน", "ไฟล์"

Kind = Literal["text", "int", "decimal", "date", "datetime", "bool"]


@dataclass(frozen=True)
class Col:
    """One column: the attribute, its Thai title, its kind, and whether it may be blank."""

    attr: str
    title: str
    kind: Kind
    optional: bool = False


ROLLUP_COLS = (
    Col("fiscal_year", "ปีงบประมาณ", "int", True), Col("month", "เดือนที่รายงาน", "date", True),
    Col("generated_at", "จัดทำเมื่อ", "datetime", True),
    Col("chosen_by", "เลือกปีงบประมาณโดย", "text"),
)
DISTRICT_COLS = (
    Col("district", "สำนักงานเขต", "text"), Col("source", "ไฟล์", "text"),
    Col("fiscal_year", "ปีงบประมาณ", "int"), Col("month", "เดือนที่รายงาน", "date"),
    Col("as_of", "ข้อมูล ณ วันที่", "date"), Col("program", "ชื่อโครงการ", "text"),
    Col("agency", "หน่วยงานที่รับผิดชอบ", "text"),
    Col("start_date", "วันเริ่มโครงการ", "date", True),
    Col("end_date", "วันสิ้นสุดโครงการ", "date", True),
    Col("approved", "งบประมาณที่ได้รับอนุมัติ (บาท)", "decimal", True),
    Col("kpi_target", "ค่าเป้าหมายตัวชี้วัด (ร้อยละ)", "decimal", True),
    Col("spent", "ใช้จ่าย (บาท)", "decimal"),
    Col("planned", "ความก้าวหน้าตามแผน (ร้อยละ)", "decimal"),
    Col("actual", "ความก้าวหน้าจริง (ร้อยละ)", "decimal"), Col("verdict", "สถานะ", "text"),
    Col("errors", "ข้อผิดพลาด", "int"), Col("warnings", "คำเตือน", "int"),
    Col("first_errors", "ข้อผิดพลาดแรก", "text", True),
    Col("data_until", "ข้อมูลล่าสุดถึง", "date", True),
    Col("privacy", "ชื่อนักเรียนบนเว็บไซต์", "text"),
    Col("district_from_agency", "สำนักงานเขตอ่านจากหน่วยงาน", "bool"),
)
SCHOOL_COLS = (
    Col("district", "สำนักงานเขต", "text"), Col("code", "รหัสโรงเรียน", "text"),
    Col("name", "ชื่อโรงเรียน", "text"), Col("size", "ขนาดโรงเรียน", "text"),
    Col("allocated", "งบประมาณที่ได้รับจัดสรร (บาท)", "decimal", True),
    Col("spent", "ใช้จ่าย (บาท)", "decimal"), Col("quota", "ผลงานตามเกณฑ์", "int", True),
    Col("selected", "ผลงานที่คัดสรรส่ง", "int"),
    Col("report", "รายงานครบถ้วน", "bool", True), Col("meets", "ผ่านเกณฑ์", "bool"),
    Col("reason", "เหตุผล", "text"),
    Col("report_summary", "สรุปผลการดำเนินงาน", "text", True),
    Col("participants", "จำนวนนักเรียนที่เข้าร่วม", "int", True),
)
WORK_COLS = (
    Col("district", "สำนักงานเขต", "text"), Col("school_code", "รหัสโรงเรียน", "text"),
    Col("school_name", "ชื่อโรงเรียน", "text"), Col("code", "รหัสผลงาน", "text"),
    Col("title", "ชื่อผลงาน", "text"), Col("work_type", "ประเภทผลงาน", "text"),
    Col("students", "นักเรียนผู้จัดทำ", "text"), Col("grade", "ระดับชั้น", "text", True),
    Col("link", "ลิงก์ผลงาน", "text", True), Col("submitted_on", "วันที่ส่ง", "date", True),
    Col("tools", "เครื่องมือที่ใช้", "text", True), Col("advisor", "ครูที่ปรึกษา", "text", True),
)
FILE_COLS = (
    Col("name", "ไฟล์", "text"), Col("district", "สำนักงานเขต", "text", True),
    Col("fiscal_year", "ปีงบประมาณ", "int", True), Col("status", "ผล", "text"),
    Col("detail", "รายละเอียด", "text"),
)
#: Text inside ``first_errors`` between two errors.
ERROR_SEPARATOR = "\n"
_STATUSES = ("accepted", "draft", "replaced", "refused")


class RollupDataError(ValueError):
    """The data sheet cannot be read back; ``message_th`` says where and why (Thai)."""

    def __init__(self, message_th: str) -> None:
        super().__init__(message_th)
        self.message_th = message_th


Cell = str | int | Decimal | date | datetime | bool | None


def _out(value: Any, col: Col) -> Cell:
    if col.attr == "first_errors":
        return ERROR_SEPARATOR.join(value) or None
    return cast(Cell, value)


def _table(name: str, cols: tuple[Col, ...], items: Any) -> list[list[Cell]]:
    return [[name], [c.title for c in cols],
            *[[_out(getattr(item, c.attr), c) for c in cols] for item in items], []]


def data_rows(rollup: Rollup) -> list[list[Cell]]:
    """The hidden sheet's rows, top to bottom (``[]`` a blank row, ``None`` a blank cell).

    Args:
        rollup: The roll-up.

    Returns:
        The marker, then the five tables.
    """
    return [[MARKER], [],
            *_table(ROLLUP, ROLLUP_COLS, [rollup]),
            *_table(DISTRICT, DISTRICT_COLS, rollup.districts),
            *_table(SCHOOL, SCHOOL_COLS, rollup.schools),
            *_table(WORK, WORK_COLS, rollup.works),
            *_table(FILE, FILE_COLS, rollup.files)]


# --------------------------------------------------------------------------- reading back
def _text(value: Any) -> str:
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def _int(value: Any) -> int:
    if isinstance(value, bool) or not isinstance(value, int | float) or value != int(value):
        raise ValueError(value)
    return int(value)


def _decimal(value: Any) -> Decimal:
    if isinstance(value, Decimal):
        return value
    if isinstance(value, bool) or not isinstance(value, int | float | str):
        raise ValueError(value)
    try:
        return Decimal(repr(value) if isinstance(value, float) else str(value))
    except InvalidOperation:
        raise ValueError(value) from None


def _date(value: Any) -> date:
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    raise ValueError(value)


def _datetime(value: Any) -> datetime:
    if isinstance(value, datetime):
        return value
    if isinstance(value, date):
        return datetime(value.year, value.month, value.day)
    raise ValueError(value)


def _bool(value: Any) -> bool:
    if isinstance(value, bool):
        return value
    if isinstance(value, int | float) and value in (0, 1):
        return bool(value)
    raise ValueError(value)


_READ: dict[Kind, Callable[[Any], Any]] = {
    "text": _text, "int": _int, "decimal": _decimal, "date": _date, "datetime": _datetime,
    "bool": _bool,
}
_KIND_WORDS: dict[Kind, str] = {"text": "ข้อความ", "int": "จำนวนเต็ม", "decimal": "ตัวเลข",
                                "date": "วันที่", "datetime": "วันที่และเวลา", "bool": "จริง/เท็จ"}


def _where(sheet: RawSheet, r: int, c: int) -> str:
    return f"ชีต «{DATA}» ช่อง {sheet.address(r, c)}"


def _tables(sheet: RawSheet) -> Iterator[tuple[str, int, list[Any], list[tuple[int, list[Any]]]]]:
    rows = sheet.rows
    i = 0
    while i < len(rows):
        row = rows[i]
        name = row[0] if row else None
        if isinstance(name, str) and name in (ROLLUP, DISTRICT, SCHOOL, WORK, FILE) \
                and all(is_blank(v) for v in row[1:]):
            header = rows[i + 1] if i + 1 < len(rows) else []
            body: list[tuple[int, list[Any]]] = []
            j = i + 2
            while j < len(rows) and not all(is_blank(v) for v in rows[j]):
                body.append((j, rows[j]))
                j += 1
            yield name, i + 1, header, body
            i = j
        else:
            i += 1


def _items(sheet: RawSheet, name: str, header_row: int, header: list[Any],
           body: list[tuple[int, list[Any]]], cols: tuple[Col, ...]) -> list[dict[str, Any]]:
    titles = {str(v).strip(): c for c, v in enumerate(header) if isinstance(v, str)}
    missing = [c.title for c in cols if c.title not in titles]
    if missing:
        raise RollupDataError(f"{_where(sheet, header_row, 0)}: ตาราง «{name}» ไม่มีหัวข้อ "
                              + ", ".join(f"«{t}»" for t in missing))
    out = []
    for r, row in body:
        item: dict[str, Any] = {}
        for col in cols:
            c = titles[col.title]
            value = row[c] if c < len(row) else None
            if is_blank(value):
                if not col.optional and col.kind != "text":
                    raise RollupDataError(f"{_where(sheet, r, c)}: «{col.title}» ว่าง")
                item[col.attr] = None if col.optional else ""
                continue
            try:
                item[col.attr] = _READ[col.kind](value)
            except (ValueError, OverflowError, TypeError):
                raise RollupDataError(f"{_where(sheet, r, c)}: «{col.title}» '{value}' ไม่ใช่"
                                      f"{_KIND_WORDS[col.kind]}") from None
        out.append(item)
    return out


def read_data(sheet: RawSheet) -> Rollup:
    """Read the roll-up back from its hidden data sheet.

    Args:
        sheet: The sheet ``ข้อมูลเว็บไซต์`` of a roll-up workbook.

    Returns:
        The roll-up, as :func:`~.combine.roll_up` made it.

    Raises:
        RollupDataError: The sheet is not the data sheet, or a table, a title or a value of
            it cannot be read.
    """
    if not sheet.rows or not sheet.rows[0] or sheet.rows[0][0] != MARKER:
        raise RollupDataError(f"ชีต «{DATA}» ไม่ใช่ข้อมูลของ learnworks rollup รุ่นนี้ "
                              "(ช่อง A1 ต้องเป็นข้อความที่โปรแกรมเขียนไว้)")
    found = {name: (at, header, body) for name, at, header, body in _tables(sheet)}
    for name in (ROLLUP, DISTRICT, SCHOOL, WORK, FILE):
        if name not in found:
            raise RollupDataError(f"ชีต «{DATA}» ไม่มีตาราง «{name}»")

    def items(name: str, cols: tuple[Col, ...]) -> list[dict[str, Any]]:
        at, header, body = found[name]
        return _items(sheet, name, at, header, body, cols)

    head = items(ROLLUP, ROLLUP_COLS)
    if len(head) != 1 or head[0]["chosen_by"] not in ("given", "majority"):
        raise RollupDataError(f"ชีต «{DATA}»: ตาราง «{ROLLUP}» ต้องมีหนึ่งแถว")
    schools = [SchoolLine(**s) for s in items(SCHOOL, SCHOOL_COLS)]
    works = [WorkLine(**w) for w in items(WORK, WORK_COLS)]
    districts = []
    for d in items(DISTRICT, DISTRICT_COLS):
        if d["district"] not in DISTRICTS:
            raise RollupDataError(f"ชีต «{DATA}»: ตาราง «{DISTRICT}» ไม่รู้จักสำนักงานเขต "
                                  f"'{d['district']}'")
        d["first_errors"] = tuple((d["first_errors"] or "").split(ERROR_SEPARATOR)) \
            if d["first_errors"] else ()
        districts.append(DistrictFigures(
            **d, schools=tuple(s for s in schools if s.district == d["district"]),
            works=tuple(w for w in works if w.district == d["district"])))
    files = []
    for f in items(FILE, FILE_COLS):
        if f["status"] not in _STATUSES:
            raise RollupDataError(f"ชีต «{DATA}»: ตาราง «{FILE}» ผล '{f['status']}' ไม่รู้จัก")
        files.append(FileStatus(**f))
    h = head[0]
    return Rollup(h["fiscal_year"], h["month"], tuple(districts), tuple(files),
                  h["generated_at"], h["chosen_by"])
