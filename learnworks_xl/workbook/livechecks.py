"""Live checks while a clerk types: data validation and conditional formats, from the models.

Nothing here is typed twice: allowed values come from the ``Literal`` types, ranges from the
field constraints (:func:`learnworks_xl.core.cellerrors.bounds`), lengths from ``max_length``,
dates from the project's fiscal year (helper cells, see :mod:`.formulas`). Prompts and error
texts are Thai.

The live checks agree with the validator, column by column (README, "สูตรและการตรวจขณะกรอก"):

* **Numbers and dates: text goes to the validator.** A number or date the cell holds must be
  in the validator's range, else Excel refuses it ("stop"; a date in the fiscal year or the
  plan's span, where the validator reports an error); text is let through, because the
  validator reads ``๑๒๕``, ``1,250.-`` or ``15 พ.ย. 2568``. Where a formula or a format reads
  the column, it reads the column's *reading* (:mod:`.readings`), which computes that text as
  the validator does; a cell whose text no reading can compute turns red.
* **Text refused where the checks can't read it** ("stop"): the order of a plan step (its
  duplicate check counts numbers), codes with Thai digits or spaces (the duplicate and
  unknown-code checks compare codes as typed), school codes not in ``โรงเรียน`` (a list), and
  the fixed lists (ใช่/ไม่ใช่, statuses, methods, grades).
* Lengths and links stop; e-mail addresses and the report month only warn (the validator
  reports the first, and does not check the second against the plan).

Per column (sheet: column → choice; "computed" = read through a reading):

* โครงการ: ปีงบประมาณ, งบประมาณที่ได้รับอนุมัติ → computed (helper cells ``lw_fiscal_year``,
  ``lw_approved_budget``), numbers stop outside the range; dates, ค่าเป้าหมาย → text to the
  validator, numbers/dates stop outside the range.
* เกณฑ์ขนาดโรงเรียน: งบประมาณต่อโรงเรียน, จำนวนผลงานที่ต้องส่ง → computed; ขนาด → as typed.
* โรงเรียน: รหัสโรงเรียน → stop on Thai digits and spaces (:data:`CODES`); ขนาด → as typed.
* แผนปฏิบัติการ: ลำดับ → text refused (:data:`TEXT_REFUSED`); เดือนเริ่ม, เดือนสิ้นสุด,
  วันที่แล้วเสร็จ, น้ำหนัก → computed; สถานะ → list.
* แผนกิจกรรมโรงเรียน, การใช้จ่าย, ผลงานนักเรียน, รายงานผลโรงเรียน: รหัสโรงเรียน → list (stop);
  money, quantities, จำนวนนักเรียน → computed (จำนวนเงิน left blank = จำนวน × ราคาต่อหน่วย);
  dates → text to the validator; รหัสผลงาน → as รหัสโรงเรียน; lists → stop.
* ความเสี่ยง: โอกาส, ผลกระทบ → computed. บันทึกรายเดือน: เดือน → computed.
* ตั้งค่า: เกณฑ์ระดับความเสี่ยง → computed (Thai digits); the rest → as the validator.
"""

from __future__ import annotations

from typing import Any

from learnworks_xl import thai
from learnworks_xl.core import sheets as sh
from learnworks_xl.core.cellerrors import bounds, named, range_text
from learnworks_xl.core.sheets import ColumnSpec
from learnworks_xl.workbook.formulas import NAMES, NO_LIMIT
from learnworks_xl.workbook.positions import FIRST_DATA_ROW, TableLayout, col_name, kv_cell
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
#: Number columns whose data validation refuses text: (sheet, field).
TEXT_REFUSED: frozenset[tuple[str, str]] = frozenset({(sh.PLAN.name, "step_no")})
#: Code columns: no Thai digits, no spaces (their checks compare codes as typed).
CODES: frozenset[tuple[str, str]] = frozenset({(sh.SCHOOLS.name, "code"),
                                               (sh.WORKS.name, "work_code")})
#: Date columns checked against the plan's span (ก.ย. before the fiscal year … ก.ย.) rather
#: than the fiscal year, besides the month columns (as ``core/rules/dates.py``).
PLAN_SPAN_DATES: frozenset[tuple[str, str]] = frozenset({(sh.PLAN.name, "completed_on")})
#: Date columns the validator does not check against a period: their check only warns.
UNCHECKED_DATES: frozenset[tuple[str, str]] = frozenset({(sh.SETTINGS.name, "report_month")})
#: What the prompt of a column that reads text says may be typed.
TEXT_HINT = {"amount": " (พิมพ์ 1,250.- หรือเลขไทยก็ได้)", "decimal": " (พิมพ์เลขไทยก็ได้)",
             "int": " (พิมพ์เลขไทยก็ได้)", "percent": " (พิมพ์ 10, 10% หรือเลขไทยก็ได้)"}
DATE_HINT = ("หากพิมพ์ปี พ.ศ. แล้วถูกปฏิเสธ เครื่องอาจตั้งปฏิทินแบบ ค.ศ.: "
             "พิมพ์ปี ค.ศ. หรือพิมพ์เป็นข้อความ เช่น {example}")


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


def _numeric(col: ColumnSpec, cell: str, refuse_text: bool) -> dict[str, Any] | None:
    lo, lo_inc, hi, hi_inc = bounds(col)
    kind = "integer" if col.kind == "int" else "decimal"
    what = "จำนวนเต็ม" if kind == "integer" else "ตัวเลข"
    rule = range_text(col)
    if refuse_text:
        if lo is not None and hi is not None:
            dv: dict[str, Any] = {"criteria": "between", "minimum": _num(lo),
                                  "maximum": _num(hi)}
        elif lo is not None:
            dv = {"criteria": ">=" if lo_inc else ">", "value": _num(lo)}
        elif hi is not None:
            dv = {"criteria": "<=" if hi_inc else "<", "value": _num(hi)}
        else:
            dv = {"criteria": "between", "minimum": -2147483648, "maximum": 2147483647}
        return {"validate": kind, **dv, "error_type": "stop",
                "input_message": f"กรอก{what}เป็นเลขอารบิก" + (f" {rule}" if rule else ""),
                "error_message": f"{named(col.title)} ต้องเป็น{what}" + (f" {rule}" if rule else "")
                                 + " พิมพ์เป็นเลขอารบิก (0–9)"}
    conditions = []
    if lo is not None:
        conditions.append(f"{cell}{'>=' if lo_inc else '>'}{_num(lo)}")
    if hi is not None:
        conditions.append(f"{cell}{'<=' if hi_inc else '<'}{_num(hi)}")
    if kind == "integer":
        conditions.append(f"{cell}=INT({cell})")
    elif col.kind == "amount":
        conditions.append(f"ROUND({cell},2)={cell}")
    if not conditions:
        return None
    places = " ทศนิยมไม่เกิน 2 ตำแหน่ง" if col.kind == "amount" else ""
    return {"validate": "custom", "value": f"=OR(ISTEXT({cell}),AND({','.join(conditions)}))",
            "error_type": "stop",
            "input_message": f"กรอก{what}" + (f" {rule}" if rule else "") + places
                             + TEXT_HINT[col.kind],
            "error_message": f"{named(col.title)} ต้องเป็น{what}" + (f" {rule}" if rule else "")
                             + places}


def _dated(col: ColumnSpec, cell: str, where: tuple[str, str]) -> dict[str, Any]:
    plan = col.kind == "month" or where in PLAN_SPAN_DATES
    low, high = (NAMES.plan_start, NAMES.plan_end) if plan else (NAMES.fy_start, NAMES.date_end)
    period = "ช่วงแผนปฏิบัติการ (ก.ย. – ก.ย.)" if plan else "ปีงบประมาณ"
    month = col.kind == "month"
    what = "เดือน" if month else "วันที่"
    example = "พ.ย. 2568 (หรือวันที่ใดก็ได้ในเดือนนั้น)" if month else "15 พ.ย. 2568"
    warn = where in UNCHECKED_DATES
    return {"validate": "custom", "value": f"=OR(ISTEXT({cell}),AND({cell}>={low},{cell}<={high}))",
            "error_type": "warning" if warn else "stop",
            "input_message": f"กรอก{what}ภายใน{period} เช่น {example} ระบบแสดงเป็นปี พ.ศ.",
            "error_message": f"{named(col.title)} ต้องเป็น{what}ภายใน{period} "
                             + DATE_HINT.format(example=example.split(" (")[0])}


def _code(col: ColumnSpec, cell: str) -> dict[str, Any]:
    most = max_length(col) or 255
    digits = ",".join(f'"{d}"' for d in thai.THAI_DIGITS)
    return {"validate": "custom",
            "value": f'=AND(LEN({cell})<={most},LEN({cell})=LEN(SUBSTITUTE({cell}," ","")),'
                     f"SUMPRODUCT(--ISNUMBER(FIND({{{digits}}},{cell})))=0)",
            "error_type": "stop",
            "input_message": f"พิมพ์ได้ไม่เกิน {most} ตัวอักษร ไม่เว้นวรรค ตัวเลขใช้เลขอารบิก (0–9)",
            "error_message": f"{named(col.title)} ยาวไม่เกิน {most} ตัวอักษร ไม่เว้นวรรค "
                             "และใช้เลขอารบิก (0–9) ไม่ใช้เลขไทย"}


def column_validation(col: ColumnSpec, cell: str, *, list_source: str | None = None,
                      sheet: str = "") -> dict[str, Any] | None:
    """The data validation of one column (or setting), or None when nothing applies.

    Args:
        col: The column.
        cell: A1 address of the first cell of the range (relative), for custom formulas.
        list_source: A range holding the allowed values when they cannot be an in-cell list.
        sheet: The sheet's name (per-column choices: :data:`TEXT_REFUSED`, :data:`CODES`…).

    Returns:
        XlsxWriter ``data_validation`` options with Thai prompt and error texts.
    """
    where = (sheet, col.field)
    dv: dict[str, Any] | None = None
    if col.field in REFERENCES:
        target, _key = REFERENCES[col.field]
        dv = {"validate": "list", "source": list_source, "error_type": "stop",
              "input_message": f"เลือก{col.title}จากรายการ (ชีต «{target.name}»)",
              "error_message": f"ไม่พบ {named(col.title)} นี้ในชีต «{target.name}» เลือกจากรายการ "
                               f"หรือเพิ่มโรงเรียนในชีต «{target.name}» ก่อน"}
    elif col.options:
        options = [str(o) for o in col.options]
        source: Any = options if list_source is None else list_source
        dv = {"validate": "list", "source": source, "error_type": "stop",
              "input_message": "เลือกจากรายการ: " + ", ".join(options),
              "error_message": f"{named(col.title)} เลือกได้เฉพาะ " + ", ".join(options)}
        if not literal_list_fits(col.options):  # too many to name in a message (50 districts)
            dv.update(input_message=f"เลือก{col.title}จากรายการ ({len(options)} รายการ)",
                      error_message=f"{named(col.title)} เลือกได้เฉพาะค่าในรายการ "
                                    f"({len(options)} รายการ) กรุณาเลือกจากรายการ")
    elif col.kind in ("int", "decimal", "percent", "amount"):
        dv = _numeric(col, cell, where in TEXT_REFUSED)
    elif col.kind in ("date", "month"):
        dv = _dated(col, cell, where)
    elif where in CODES:
        dv = _code(col, cell)
    elif col.kind == "url":
        limit = max_length(col) or 2000
        dv = {"validate": "custom",
              "value": f'=AND(LEN({cell})<={limit},OR(LEFT({cell},7)="http://",'
                       f'LEFT({cell},8)="https://"))', "error_type": "stop",
              "input_message": "ลิงก์ขึ้นต้นด้วย http:// หรือ https://",
              "error_message": f"{named(col.title)} ต้องเป็นลิงก์ที่ขึ้นต้นด้วย http:// หรือ https://"}
    elif col.kind in ("email", "emails"):
        several = col.kind == "emails"
        dv = {"validate": "custom", "value": f'=ISNUMBER(FIND("@",{cell}))',
              "error_type": "warning",
              "input_message": "ตัวอย่าง: somchai@example.com"
                               + (" คั่นหลายอีเมลด้วยเครื่องหมายจุลภาค (,)" if several else ""),
              "error_message": f"{named(col.title)} ไม่ใช่อีเมลที่ถูกต้อง ตัวอย่าง: somchai@example.com"}
    elif (most := max_length(col)) is not None:
        dv = {"validate": "length", "criteria": "<=", "value": most, "error_type": "stop",
              "input_message": f"พิมพ์ได้ไม่เกิน {most} ตัวอักษร",
              "error_message": f"{named(col.title)} ยาวเกิน {most} ตัวอักษร"}
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


def _derived(col: ColumnSpec) -> bool:
    """A column the workbook computes when it is left blank (``x-derived``: จำนวนเงิน)."""
    return bool(col.schema_extra.get("x-derived"))


def conditional_formats(layout: TableLayout, tables: dict[str, TableLayout],
                        ) -> list[tuple[str, dict[str, Any]]]:
    """Conditional formats of a table sheet: (range, options without the format).

    Blank required cells in rows that have data (not จำนวนเงิน, computed when blank: its
    จำนวน and ราคาต่อหน่วย are marked instead); text no reading computes; codes that must be
    unique; unknown school codes and sizes; on ``การใช้จ่าย`` spending above the school's
    allocation and amounts that are not quantity × price. Numbers and months are compared
    through their readings.
    """
    spec = layout.spec
    r = FIRST_DATA_ROW + 1
    out: list[tuple[str, dict[str, Any]]] = []
    required = [c for c in spec.columns if c.required and not c.computed and not _derived(c)]
    if required:
        first = layout.letter(required[0].field)
        ranges = " ".join(layout.body(c.field, sheet=False).replace("$", "") for c in required)
        out.append((ranges.split()[0], {"type": "formula", "multi_range": ranges,
                             "criteria": f"=AND({_row_has_data(layout)},LEN(TRIM({first}{r}))=0)"}))
    for key in layout.readings:
        cell, value = f"{layout.letter(key)}{r}", layout.reading(key, FIRST_DATA_ROW)
        out.append((layout.body(key, sheet=False), {
            "type": "formula", "criteria": f"=AND(LEN(TRIM({cell}))>0,NOT(ISNUMBER({value})))"}))
    for key in spec.key:
        cell = f"{layout.letter(key)}{r}"
        body = layout.body(key, sheet=False)
        if key in layout.readings:
            value = layout.reading(key, FIRST_DATA_ROW)
            criteria = (f"=AND(ISNUMBER({value}),"
                        f"COUNTIF({layout.reading_body(key, sheet=False)},{value})>1)")
        else:
            criteria = f"=AND(LEN(TRIM({cell}))>0,COUNTIF({body},{cell})>1)"
        out.append((body, {"type": "formula", "criteria": criteria}))
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
        out.extend(_purchase_checks(layout, tables[sh.SCHOOLS.name]))
    return out


def _purchase_checks(layout: TableLayout, schools: TableLayout,
                     ) -> list[tuple[str, dict[str, Any]]]:
    """Spending above the school's allocation; จำนวนเงิน ≠ จำนวน × ราคาต่อหน่วย."""
    r = FIRST_DATA_ROW + 1
    a, q, p = (layout.reading(f, FIRST_DATA_ROW) for f in ("amount", "quantity", "unit_price"))
    amounts = layout.readings["amount"][1]
    a_col = col_name(amounts)
    code = layout.letter("school_code")
    f0 = FIRST_DATA_ROW + 1
    limit = (f"IFERROR(INDEX({schools.whole('allocation')},MATCH(TRIM(${code}{r}),"
             f"{schools.whole('code')},0))*1,{NO_LIMIT})")
    body = layout.body("amount", sheet=False)
    return [
        (body, {"type": "formula",
                "criteria": f"=AND(ISNUMBER({a}),SUMIF(${code}${f0}:${code}{r},${code}{r},"
                            f"${a_col}${f0}:${a_col}{r})>{limit})"}),
        (body, {"type": "formula",
                "criteria": f"=AND(ISNUMBER({a}),ISNUMBER({q}),ISNUMBER({p}),"
                            f"ABS({a}-ROUND({q}*{p},2))>=0.005)"}),
    ]


def budget_check(schools: TableLayout) -> tuple[str, dict[str, Any]]:
    """On ``โครงการ``: the approved budget (as read) differs from the sum of the allocations."""
    cell = kv_cell(sh.PROJECT, "approved_budget").split("!")[1]
    budget = NAMES.approved_budget
    return cell, {"type": "formula",
                  "criteria": f"=AND(ISNUMBER({budget}),COUNT({schools.body('allocation')})>0,"
                              f"ROUND(SUM({schools.body('allocation')})-{budget},2)<>0)"}
