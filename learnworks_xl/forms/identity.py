"""What identifies a school form, as a key/value sheet read by the core's own reader.

A form carries a hidden sheet :data:`IDENTITY_SHEET` with its kind (a fixed marker), its
layout version, the school's code and the project's fiscal year. ``collect`` reads it with
:func:`learnworks_xl.core.table.read_keyvalue`, so a form that is not a form, or a form for
another school or year, is refused before any of its rows is looked at. The same facts are
also written as document properties and defined names (for people and other tools).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Annotated, Literal

from pydantic import Field

from learnworks_xl.core import sheets as sh
from learnworks_xl.core.fields import Choice, Int, Text
from learnworks_xl.core.grid import RawWorkbook
from learnworks_xl.core.models import SheetModel
from learnworks_xl.core.table import read_keyvalue

#: The marker every school form carries (value of ``ชนิดแบบฟอร์ม``).
FORM_KIND = "learnworks-school-form"
#: The layout version of the forms this code writes; it reads every version up to it
#: (1: blank sheets; 2: prefilled with the school's rows, with the ``ขอลบรายการนี้`` column).
FORM_VERSION = 2
#: The hidden sheet holding the identity.
IDENTITY_SHEET = "ข้อมูลแบบฟอร์ม"
#: The visible first sheet: the school's facts and what to do.
INFO_SHEET = "แบบฟอร์มโรงเรียน"
#: The sheets a school fills, in workbook order (same headers as the office workbook).
FORM_SHEETS: tuple[sh.SheetSpec, ...] = (sh.ACTIVITIES, sh.PURCHASES, sh.WORKS, sh.RESULT_REPORTS)
#: Defined names and custom document properties written into every form.
NAME_KIND, NAME_SCHOOL, NAME_YEAR = "lw_form_kind", "lw_form_school", "lw_form_fiscal_year"


class FormIdentity(SheetModel):
    """The identity of one school form (sheet ``ข้อมูลแบบฟอร์ม``)."""

    kind: Annotated[Literal["learnworks-school-form"], Choice, Field(title="ชนิดแบบฟอร์ม")]
    version: Annotated[Int, Field(title="รุ่นแบบฟอร์ม", ge=1, le=99)]
    school_code: Annotated[Text, Field(title="รหัสโรงเรียน", min_length=1, max_length=20)]
    fiscal_year: Annotated[Int, Field(title="ปีงบประมาณ (พ.ศ.)", ge=2560, le=2700)]
    project: Annotated[Text | None, Field(title="ชื่อโครงการ", max_length=300)] = None


IDENTITY = sh.SheetSpec(IDENTITY_SHEET, "keyvalue", FormIdentity)


@dataclass(frozen=True)
class IdentityCheck:
    """The identity read from a workbook, or why there is none (Thai)."""

    identity: FormIdentity | None
    problem: str | None = None


def read_identity(raw: RawWorkbook) -> IdentityCheck:
    """Read a form's identity from its hidden sheet.

    Args:
        raw: The workbook as read (values only).

    Returns:
        The identity, or None with the Thai reason when the workbook is not one of our forms
        (no identity sheet, a wrong marker, a newer layout, an unreadable code or year).
    """
    sheet = raw.sheets.get(IDENTITY_SHEET)
    if sheet is None:
        return IdentityCheck(None, "ไฟล์นี้ไม่ใช่แบบฟอร์มโรงเรียนที่สร้างจาก learnworks "
                                   f"(ไม่พบชีต «{IDENTITY_SHEET}»)")
    kv, found = read_keyvalue(sheet, IDENTITY)
    model: FormIdentity | None = kv.model
    if model is None:
        bad = ", ".join(sorted({f.column or "" for f in found if f.column}))
        return IdentityCheck(None, "ข้อมูลระบุแบบฟอร์มถูกแก้ไขหรือไม่ครบ "
                                   f"({bad or IDENTITY_SHEET}) จึงไม่ใช่แบบฟอร์มที่ใช้ได้")
    if model.version > FORM_VERSION:
        return IdentityCheck(None, f"แบบฟอร์มรุ่นที่ {model.version} ใหม่กว่าโปรแกรมนี้ "
                                   "กรุณาปรับปรุงโปรแกรม learnworks")
    return IdentityCheck(model)


_UNSAFE = re.compile(r"[^0-9A-Za-z\u0E00-\u0E7F_.-]+")


def form_filename(school_code: str, fiscal_year: int) -> str:
    """The file name of a school's form: ``แบบฟอร์มโรงเรียน-BK01-2569.xlsx``.

    Characters a file system may refuse are replaced by ``_``.
    """
    code = _UNSAFE.sub("_", school_code).strip("._") or "school"
    return f"{INFO_SHEET}-{code}-{fiscal_year}.xlsx"
