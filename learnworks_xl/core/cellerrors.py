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


def finding_from_error(
    err: ErrorDetails, col: ColumnSpec, sheet: str, cell: str | None, raw: Any
) -> fd.Finding:
    """Map one pydantic error of one field to a finding.

    Args:
        err: The error as given by ``ValidationError.errors()``.
        col: The column (field) it belongs to.
        sheet: Thai sheet name.
        cell: A1 address of the cell, if known.
        raw: The value as read from the cell.
    """
    kind = err["type"]
    ctx = err.get("ctx") or {}
    title = col.title
    shown = display(raw)
    code: str
    message: str
    if kind == "missing":
        code, message = "required", f"กรุณากรอก «{title}» (ช่องนี้ต้องมีข้อมูล)"
    elif kind == "value_error" and isinstance(ctx.get("error"), CellValueError):
        cve: CellValueError = ctx["error"]
        said = cve.message_th
        code, message = cve.code, said if said.startswith(title) else f"{title}: {said}"
    elif kind == "string_too_short":
        code, message = "required", f"กรุณากรอก «{title}» (ช่องนี้ต้องมีข้อมูล)"
    elif kind == "string_too_long":
        code = "too-long"
        message = (f"{title}: ข้อความยาว {len(str(raw))} ตัวอักษร "
                   f"เกินกำหนด {ctx.get('max_length')} ตัวอักษร")
    elif kind in {"greater_than", "greater_than_equal", "less_than", "less_than_equal",
                  "decimal_max_digits", "decimal_whole_digits"}:
        code, message = "out-of-range", f"{title}: ค่า {shown} {range_text(col)}"
    elif kind == "decimal_max_places":
        code = "invalid-format"
        message = f"{title}: {shown} มีทศนิยมเกิน {ctx.get('decimal_places')} ตำแหน่ง"
    elif kind == "literal_error":
        options = ", ".join(str(o) for o in col.options)
        code, message = "not-allowed", f"{title}: '{shown}' ไม่อยู่ในรายการ เลือกได้เฉพาะ {options}"
    elif kind == "string_pattern_mismatch":
        code, message = "invalid-format", f"{title}: รูปแบบ '{shown}' ไม่ถูกต้อง"
    else:
        code, message = "type-error", f"{title}: ค่า '{shown}' ไม่ถูกต้องสำหรับช่องนี้"
    return fd.error(code, sheet, message, cell=cell, column=title, value=raw)

