"""Live checks while a clerk types: data validation and conditional formats, from the models.

Nothing here is typed twice: allowed values come from the ``Literal`` types, ranges from the
field constraints (:func:`learnworks_xl.core.cellerrors.bounds`), lengths from ``max_length``,
dates from the project's fiscal year (helper cells, see :mod:`.formulas`). Prompts and error
texts are Thai. Numbers and dates only *warn* (a clerk may type ``15,100.-`` or a Buddhist-era
date as text, which the validator accepts); fixed lists and lengths *stop*.
"""

from __future__ import annotations

from typing import Any

from learnworks_xl.core import sheets as sh
from learnworks_xl.core.cellerrors import bounds, range_text
from learnworks_xl.core.sheets import ColumnSpec
from learnworks_xl.workbook.formulas import NAMES, NO_LIMIT
from learnworks_xl.workbook.layout import FIRST_DATA_ROW, TableLayout, col_name, kv_cell
from learnworks_xl.workbook.values import max_length

#: Excel's limits on data validation texts and literal lists.
TITLE_MAX = 32
MESSAGE_MAX = 255
LIST_MAX = 255
ERROR_TITLE = "ข้อมูลไม่ถูกต้อง"
WARN_TITLE = "โปรดตรวจสอบข้อมูล"

#: Fields that refer to another sheet's key: field → (sheet spec, key field).
REFERENCES: dict[str, tuple[sh.SheetSpec, str]] = {
    "school_code": (sh.SCHOOLS, "code"),
}


def clip(text: str, limit: int) -> str:
    """Shorten ``text`` to Excel's ``limit`` characters (with an ellipsis)."""
    return text if len(text) <= limit else text[: limit - 1] + "…"


def literal_list_fits(options: tuple[Any, ...]) -> bool:
    """True when options can be an in-cell list (no comma, at most 255 characters)."""
    texts = [str(o) for o in options]
    return all("," not in t for t in texts) and len(",".join(texts)) <= LIST_MAX


def _num(x: Any) -> int | float:
    value = float(x)
    return int(value) if value.is_integer() else value


def _numeric(col: ColumnSpec) -> dict[str, Any] | None:
    lo, lo_inc, hi, hi_inc = bounds(col)
    kind = "integer" if col.kind == "int" else "decimal"
    if lo is not None and hi is not None:
        dv: dict[str, Any] = {"criteria": "between", "minimum": _num(lo), "maximum": _num(hi)}
    elif lo is not None:
        dv = {"criteria": ">=" if lo_inc else ">", "value": _num(lo)}
    elif hi is not None:
        dv = {"criteria": "<=" if hi_inc else "<", "value": _num(hi)}
    elif kind == "integer":
        dv = {"criteria": "between", "minimum": -2147483648, "maximum": 2147483647}
    else:
        return None
    what = "จำนวนเต็ม" if kind == "integer" else "ตัวเลข"
    rule = range_text(col)
    return {"validate": kind, **dv, "error_type": "warning",
            "input_message": f"กรอก{what}" + (f" {rule}" if rule else ""),
            "error_message": f"{col.title}: ต้องเป็น{what}" + (f" {rule}" if rule else "")}


def column_validation(col: ColumnSpec, cell: str, *, list_source: str | None = None,
                      ) -> dict[str, Any] | None:
    """The data validation of one column (or setting), or None when nothing applies.

    Args:
        col: The column.
        cell: A1 address of the first cell of the range (relative), for custom formulas.
        list_source: A range holding the allowed values when they cannot be an in-cell list.

    Returns:
        XlsxWriter ``data_validation`` options with Thai prompt and error texts.
    """
    dv: dict[str, Any] | None = None
    if col.field in REFERENCES:
        target, _key = REFERENCES[col.field]
        dv = {"validate": "list", "source": list_source, "error_type": "warning",
              "input_message": f"เลือก{col.title}จากชีต «{target.name}»",
              "error_message": f"ไม่พบ{col.title}นี้ในชีต «{target.name}»"}
    elif col.options:
        options = [str(o) for o in col.options]
        source: Any = options if list_source is None else list_source
        dv = {"validate": "list", "source": source, "error_type": "stop",
              "input_message": "เลือกจากรายการ: " + ", ".join(options),
              "error_message": f"{col.title}: เลือกได้เฉพาะ " + ", ".join(options)}
    elif col.kind in ("int", "decimal", "percent", "amount"):
        dv = _numeric(col)
    elif col.kind in ("date", "month"):
        low, high = ((NAMES.fy_start, NAMES.fy_end) if col.kind == "date"
                     else (NAMES.plan_start, NAMES.plan_end))
        period = "ปีงบประมาณ" if col.kind == "date" else "ช่วงแผนปฏิบัติการ (ก.ย. – ก.ย.)"
        what = "วันที่" if col.kind == "date" else "เดือน (วันที่ใดก็ได้ในเดือนนั้น)"
        dv = {"validate": "date", "criteria": "between", "minimum": f"={low}",
              "maximum": f"={high}", "error_type": "warning",
              "input_message": f"กรอก{what}ภายใน{period} ระบบแสดงเป็นปี พ.ศ.",
              "error_message": f"{col.title}: ต้องเป็นวันที่ภายใน{period}"}
    elif col.kind == "url":
        limit = max_length(col) or 2000
        dv = {"validate": "custom",
              "value": f'=AND(LEN({cell})<={limit},OR(LEFT({cell},7)="http://",'
                       f'LEFT({cell},8)="https://"))', "error_type": "stop",
              "input_message": "ลิงก์ขึ้นต้นด้วย http:// หรือ https://",
              "error_message": f"{col.title}: ลิงก์ต้องขึ้นต้นด้วย http:// หรือ https://"}
    elif col.kind in ("email", "emails"):
        several = col.kind == "emails"
        dv = {"validate": "custom", "value": f'=ISNUMBER(FIND("@",{cell}))',
              "error_type": "warning",
              "input_message": "ตัวอย่าง: somchai@example.com"
                               + (" คั่นหลายอีเมลด้วยเครื่องหมายจุลภาค (,)" if several else ""),
              "error_message": f"{col.title}: อีเมลไม่ถูกต้อง ตัวอย่าง: somchai@example.com"}
    elif (most := max_length(col)) is not None:
        dv = {"validate": "length", "criteria": "<=", "value": most, "error_type": "stop",
              "input_message": f"พิมพ์ได้ไม่เกิน {most} ตัวอักษร",
              "error_message": f"{col.title}: ข้อความยาวเกิน {most} ตัวอักษร"}
    if dv is None:
        return None
    stop = dv["error_type"] == "stop"
    dv.update({
        "ignore_blank": True,
        "input_title": clip(col.title, TITLE_MAX),
        "input_message": clip(dv["input_message"], MESSAGE_MAX),
        "error_title": ERROR_TITLE if stop else WARN_TITLE,
        "error_message": clip(dv["error_message"], MESSAGE_MAX),
    })
    return dv


def _row_has_data(layout: TableLayout) -> str:
    cols = [layout.col(c.field) for c in layout.spec.columns if not c.computed]
    first, last = min(cols), max(cols)
    r = FIRST_DATA_ROW + 1
    rng = f"${col_name(first)}{r}:${col_name(last)}{r}"
    return f'COUNTIF({rng},"?*")+COUNT({rng})>0'


def conditional_formats(layout: TableLayout, tables: dict[str, TableLayout],
                        ) -> list[tuple[str, dict[str, Any]]]:
    """Conditional formats of a table sheet: (range, options without the format).

    Blank required cells in rows that have data; codes that must be unique; unknown school
    codes and sizes; on ``การใช้จ่าย`` spending above the school's allocation and amounts that
    are not quantity × price.
    """
    spec = layout.spec
    r = FIRST_DATA_ROW + 1
    out: list[tuple[str, dict[str, Any]]] = []
    required = [c for c in spec.columns if c.required and not c.computed]
    if required:
        first = layout.letter(required[0].field)
        ranges = " ".join(layout.body(c.field, sheet=False).replace("$", "") for c in required)
        out.append((ranges.split()[0], {"type": "formula", "multi_range": ranges,
                             "criteria": f"=AND({_row_has_data(layout)},LEN(TRIM({first}{r}))=0)"}))
    for key in spec.key:
        cell = f"{layout.letter(key)}{r}"
        body = layout.body(key, sheet=False)
        out.append((body, {"type": "formula",
                           "criteria": f'=AND(LEN(TRIM({cell}))>0,COUNTIF({body},{cell})>1)'}))
    for field_name, (target, key) in REFERENCES.items():
        if field_name in layout.columns and target.name in tables:
            cell = f"{layout.letter(field_name)}{r}"
            whole = tables[target.name].whole(key)
            out.append((layout.body(field_name, sheet=False), {
                "type": "formula",
                "criteria": f"=AND(LEN(TRIM({cell}))>0,COUNTIF({whole},TRIM({cell}))=0)"}))
    if spec is sh.SCHOOLS and sh.SIZES.name in tables:
        cell = f"{layout.letter('size')}{r}"
        whole = tables[sh.SIZES.name].whole("size")
        out.append((layout.body("size", sheet=False), {
            "type": "formula",
            "criteria": f"=AND(LEN(TRIM({cell}))>0,COUNTIF({whole},TRIM({cell}))=0)"}))
    if spec is sh.PURCHASES and sh.SCHOOLS.name in tables:
        schools = tables[sh.SCHOOLS.name]
        a, q, p = (layout.letter(f) for f in ("amount", "quantity", "unit_price"))
        code = layout.letter("school_code")
        f0 = FIRST_DATA_ROW + 1
        limit = (f"IFERROR(INDEX({schools.whole('allocation')},MATCH(TRIM(${code}{r}),"
                 f"{schools.whole('code')},0))*1,{NO_LIMIT})")
        out.append((layout.body("amount", sheet=False), {
            "type": "formula",
            "criteria": f"=AND(ISNUMBER({a}{r}),SUMIF(${code}${f0}:${code}{r},${code}{r},"
                        f"${a}${f0}:${a}{r})>{limit})"}))
        out.append((layout.body("amount", sheet=False), {
            "type": "formula",
            "criteria": f"=AND(ISNUMBER({a}{r}),ISNUMBER({q}{r}),ISNUMBER({p}{r}),"
                        f"ABS({a}{r}-ROUND({q}{r}*{p}{r},2))>=0.005)"}))
    return out


def budget_check(schools: TableLayout) -> tuple[str, dict[str, Any]]:
    """On ``โครงการ``: the approved budget differs from the sum of the allocations."""
    cell = kv_cell(sh.PROJECT, "approved_budget").split("!")[1]
    return cell, {"type": "formula",
                  "criteria": f"=AND(ISNUMBER({cell}),COUNT({schools.body('allocation')})>0,"
                              f"ROUND(SUM({schools.body('allocation')})-{cell},2)<>0)"}
