"""Turn one pydantic validation error into one Thai finding at its cell.

Every pydantic error type the sheet models can raise is mapped to a stable finding code and a
Thai sentence that names the column and says what is allowed (taken from the model's own
constraints, so the message and the rule cannot drift apart).
"""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from typing import Any

import annotated_types as at
from pydantic_core import ErrorDetails

from learnworks_xl import thai
from learnworks_xl.core import findings as fd
from learnworks_xl.core.fields import CellValueError
from learnworks_xl.core.sheets import ColumnSpec, field_metadata


def display(value: Any) -> str:
    """Show a cell value the way a clerk would recognise it."""
    if isinstance(value, bool):
        return "ใช่" if value else "ไม่ใช่"
    if isinstance(value, float) and value.is_integer():
        return f"{int(value):,}" if abs(value) >= 10000 else str(int(value))
    if isinstance(value, Decimal):
        if value == value.to_integral_value():
            return f"{int(value):,}"
        return f"{value.normalize():,f}"
    if isinstance(value, datetime):
        value = value.date()
    if isinstance(value, date):
        return thai.format_thai_date(value, "abbr")
    return str(value)


def bounds(col: ColumnSpec) -> tuple[Any, bool, Any, bool]:
    """Return (low, low inclusive, high, high inclusive) of a column's numeric range."""
    lo: Any = None
    hi: Any = None
    lo_inc = hi_inc = True
    for meta in field_metadata(col.info):
        if isinstance(meta, at.Ge):
            lo, lo_inc = meta.ge, True
        elif isinstance(meta, at.Gt):
            lo, lo_inc = meta.gt, False
        elif isinstance(meta, at.Le):
            hi, hi_inc = meta.le, True
        elif isinstance(meta, at.Lt):
            hi, hi_inc = meta.lt, False
    return lo, lo_inc, hi, hi_inc


def range_text(col: ColumnSpec) -> str:
    """Thai words for a column's range, e.g. ``ต้องอยู่ระหว่าง 1 ถึง 5``."""
    lo, lo_inc, hi, hi_inc = bounds(col)
    if lo is not None and hi is not None and lo_inc and hi_inc:
        return f"ต้องอยู่ระหว่าง {lo} ถึง {hi}"
    parts = []
    if lo is not None:
        parts.append(f"ต้องไม่น้อยกว่า {lo}" if lo_inc else f"ต้องมากกว่า {lo}")
    if hi is not None:
        parts.append(f"ไม่เกิน {hi}" if hi_inc else f"น้อยกว่า {hi}")
    return " และ".join(parts)


#: The longest value a message repeats; a longer one is cut with an ellipsis.
SHOWN_MAX = 60


def shown(value: Any) -> str:
    """A cell value inside a message: as :func:`display`, on one line, cut at ``SHOWN_MAX``."""
    text = " ".join(display(value).split())
    return text if len(text) <= SHOWN_MAX else text[: SHOWN_MAX - 1] + "…"


def named(title: str) -> str:
    """A column as every message names it: its Thai header in guillemets, ``«จำนวน»``."""
    return f"«{title}»"


def required_message(title: str) -> str:
    """The message of an empty required cell: ``กรุณากรอก «จำนวน» (ช่องนี้ต้องมีข้อมูล)``."""
    return f"กรุณากรอก {named(title)} (ช่องนี้ต้องมีข้อมูล)"


def calendar_hint(value: date, first: date, last: date, *, month: bool = False) -> str:
    """A hint for a date 543 years late: a Buddhist-era year typed into a date cell on a PC set
    to the Gregorian calendar, which Excel stores as that year of the Common Era.

    Args:
        value: The date (or month, as its first day) found outside its period.
        first: The period's first day (periods are whole months).
        last: The period's last day (or last month's first day).
        month: The cell holds a month: the example to type is the month's first day and the
            cell shows the month.

    Returns:
        ``""`` when ``value`` less 543 years is outside the period too, else the hint, with a
        leading space, saying what to type instead.
    """
    year = value.year - thai.BE_OFFSET
    if year < 1:
        return ""
    try:
        meant = value.replace(year=year)
    except ValueError:  # 29 ก.พ. of a leap year whose year less 543 is not one
        meant = value.replace(year=year, day=28)
    if not first.replace(day=1) <= meant.replace(day=1) <= last.replace(day=1):
        return ""
    if month:
        typed, shows = meant.replace(day=1), thai.format_thai_month(year, value.month, "abbr")
    else:
        typed, shows = meant, thai.format_thai_date(meant, "abbr")
    return (f" ปีเกินมา {thai.BE_OFFSET} ปี: น่าจะพิมพ์ปี พ.ศ. ลงในช่องวันที่บนเครื่องที่ตั้งปฏิทินเป็น ค.ศ. "
            f"Excel จึงเก็บเป็นปี ค.ศ. {value.year} กรุณาพิมพ์ใหม่เป็น {typed.isoformat()} "
            f"(ปี ค.ศ.-เดือน-วัน) แล้วช่องจะแสดงเป็น {shows} "
            "หรือตั้งค่าปฏิทินของ Windows เป็นพุทธศักราช")


def _example(col: ColumnSpec) -> str:
    default = col.info.default
    return f" ตัวอย่าง: {default}" if isinstance(default, str) and default else ""


def problem(err: ErrorDetails, col: ColumnSpec, raw: Any) -> tuple[str, str]:
    """The finding code of one pydantic error and what is wrong with the value, in Thai.

    Args:
        err: The error as given by ``ValidationError.errors()``.
        col: The column (field) it belongs to.
        raw: The value as read from the cell.

    Returns:
        ``(code, problem)``; the problem says what is wrong without naming the column or the
        value (``ไม่ใช่ตัวเลข``); an empty problem means the cell is empty.
    """
    kind = err["type"]
    ctx = err.get("ctx") or {}
    if kind in {"missing", "string_too_short", "too_short"}:
        return "required", ""
    if kind == "value_error" and isinstance(ctx.get("error"), CellValueError):
        cve: CellValueError = ctx["error"]
        return cve.code, cve.message_th
    if kind in {"string_too_long", "too_long"}:  # too_long: a constrained Annotated str
        return "too-long", (f"ยาว {len(str(raw))} ตัวอักษร "
                            f"เกินกำหนด {ctx.get('max_length')} ตัวอักษร")
    if kind in {"greater_than", "greater_than_equal", "less_than", "less_than_equal"}:
        return "out-of-range", range_text(col)
    if kind in {"decimal_max_digits", "decimal_whole_digits"}:
        digits = ctx.get("whole_digits", ctx.get("max_digits"))
        return "out-of-range", f"มีตัวเลขเกิน {digits} หลัก"
    if kind == "decimal_max_places":
        return "invalid-format", f"มีทศนิยมเกิน {ctx.get('decimal_places')} ตำแหน่ง"
    if kind == "literal_error":
        options = ", ".join(str(o) for o in col.options)
        return "not-allowed", f"ไม่อยู่ในรายการ เลือกได้เฉพาะ {options}"
    if kind == "string_pattern_mismatch":
        return "invalid-format", "มีรูปแบบไม่ถูกต้อง" + _example(col)
    return "type-error", "ไม่ถูกต้องสำหรับช่องนี้"


def finding_from_error(
    err: ErrorDetails, col: ColumnSpec, sheet: str, cell: str | None, raw: Any
) -> fd.Finding:
    """Map one pydantic error of one field to a finding.

    Every message names the column by its Thai header and shows the value as typed, then says
    what is wrong: ``«จำนวน» '2 ชุด' ไม่ใช่ตัวเลข กรุณากรอกเฉพาะตัวเลข เช่น 2``; an empty
    required cell is ``กรุณากรอก «จำนวน» (ช่องนี้ต้องมีข้อมูล)``; a text too long is
    ``«รายการ» ยาว 301 ตัวอักษร เกินกำหนด 300 ตัวอักษร`` (the text itself is not repeated).

    Args:
        err: The error as given by ``ValidationError.errors()``.
        col: The column (field) it belongs to.
        sheet: Thai sheet name.
        cell: A1 address of the cell, if known.
        raw: The value as read from the cell.
    """
    code, what = problem(err, col, raw)
    if not what or (isinstance(raw, str) and not raw.strip()):
        code, message = "required", required_message(col.title)
    elif code == "too-long":
        message = f"{named(col.title)} {what}"
    else:
        message = f"{named(col.title)} '{shown(raw)}' {what}"
    return fd.error(code, sheet, message, cell=cell, column=col.title, value=raw)
