"""Formulas that keep the workbook alive without Python, each with its cached result.

python-calamine (our reader) reads the result Excel saved with a formula, never the formula,
so every formula is written with the value Excel would compute from the stored cells
(:mod:`learnworks_xl.workbook.values`). The same formulas are recomputed by LibreOffice in the
tests and compared with these cached values.

A formula never reads a number or month cell directly: it reads the cell's *reading*
(:mod:`learnworks_xl.workbook.readings`), so ``๑๒๕``, ``1,250.-`` or ``พ.ย. 2568`` count as the
validator reads them. The fiscal year and the approved budget of ``โครงการ`` are read the same
way in helper cells of the hidden sheet (``lw_fiscal_year``, ``lw_approved_budget``).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from learnworks_xl import thai
from learnworks_xl.core import sheets as sh
from learnworks_xl.core.compute.risk import DEFAULT_BANDS, LEVELS
from learnworks_xl.core.models import STEP_DONE
from learnworks_xl.workbook import readings
from learnworks_xl.workbook.positions import FIRST_DATA_ROW, RISK_SCORE, TableLayout, kv_cell
from learnworks_xl.workbook.values import Stored, excel_serial, number, text_key

#: Risk levels from low to high, one per band of เกณฑ์ระดับความเสี่ยง (the core's).
RISK_LEVELS: tuple[str, ...] = LEVELS
#: Value used where a lookup finds no allocation (Excel's largest number, roughly).
NO_LIMIT = "9.99E+307"
#: Gantt cell values: planned in the month, finished in the month (3 = both).
GANTT_PLANNED, GANTT_DONE = 1, 2

Cached = str | int | float
#: Computed columns of ``โรงเรียน`` → the column of ``เกณฑ์ขนาดโรงเรียน`` they look up.
SCHOOL_LOOKUPS: dict[str, str] = {"allocation": "budget_per_school", "quota": "works_required"}


@dataclass
class Formula:
    """A formula and the value Excel would cache for it."""

    text: str
    value: Cached


@dataclass
class Names:
    """Defined names of helper cells (fiscal-year bounds, risk bands)."""

    fy_start: str = "lw_fy_start"
    fy_end: str = "lw_fy_end"
    plan_start: str = "lw_plan_start"
    plan_end: str = "lw_plan_end"
    date_end: str = "lw_date_end"
    fiscal_year: str = readings.KV_READINGS["fiscal_year"]
    approved_budget: str = readings.KV_READINGS["approved_budget"]
    month_words: str = readings.MONTH_WORDS_NAME
    bands: tuple[str, ...] = field(
        default_factory=lambda: tuple(f"lw_risk_band_{i + 1}" for i in range(5)))


NAMES = Names()


#: The fiscal years the helper cell ``lw_fiscal_year`` passes on (else it is blank): from
#: 2444, the plan then starts after 1 Mar 1900, where Excel and LibreOffice count days alike.
FY_RANGE = (2444, 9999)


def fiscal_year(project: dict[str, Stored]) -> int | None:
    """The fiscal year as the helper cell ``lw_fiscal_year`` reads it (a whole number in
    :data:`FY_RANGE`; ``๒๕๖๙`` and ``พ.ศ. 2569`` read as 2569)."""
    value = readings.number_value(project.get("fiscal_year"), readings.YEAR_REMOVALS)
    if value is None or not value.is_integer() or not FY_RANGE[0] <= value <= FY_RANGE[1]:
        return None
    return int(value)


def approved_budget(project: dict[str, Stored]) -> float | None:
    """The approved budget as the helper cell ``lw_approved_budget`` reads it."""
    return readings.number_value(project.get("approved_budget"))


def kv_reading_formulas(project: dict[str, Stored]) -> list[tuple[str, str, Formula]]:
    """Helper cells reading ``โครงการ``'s fiscal year and approved budget: (name, Thai label,
    formula); each reading is its cleaned text, then its value."""
    out: list[tuple[str, str, Formula]] = []
    for key, removals in (("fiscal_year", readings.YEAR_REMOVALS),
                          ("approved_budget", readings.NUMBER_REMOVALS)):
        ref, name = kv_cell(sh.PROJECT, key), readings.KV_READINGS[key]
        title = sh.PROJECT.title(key)
        value = project.get(key)
        text_name = f"{name}_text"
        out.append((text_name, title + readings.TEXT_SUFFIX, Formula(
            readings.number_text_formula(ref, removals),
            readings.number_text(value, removals))))
        number_f = readings.number_value_formula(ref, text_name)
        cached = readings.number_value(value, removals)
        if key == "fiscal_year":
            out.append((f"{name}_number", title + readings.VALUE_SUFFIX,
                        Formula(number_f, "" if cached is None else cached)))
            n = f"{name}_number"
            fy = fiscal_year(project)
            out.append((name, f"{title} (จำนวนเต็ม {FY_RANGE[0]}–{FY_RANGE[1]})", Formula(
                f'=IF(ISNUMBER({n}),IF(AND({n}=INT({n}),{n}>={FY_RANGE[0]},'
                f'{n}<={FY_RANGE[1]}),{n},""),"")', "" if fy is None else fy)))
        else:
            out.append((name, title + readings.VALUE_SUFFIX,
                        Formula(number_f, "" if cached is None else cached)))
    return out


def helper_formulas(project: dict[str, Stored]) -> list[tuple[str, str, Formula]]:
    """Fiscal-year and plan bounds for date validation: (name, Thai label, formula)."""
    fy_ref = NAMES.fiscal_year
    fy = fiscal_year(project)

    def bound(name: str, label: str, offset: int, month: int, day: int, empty: date) -> tuple[
            str, str, Formula]:
        text = (f"=IF(ISNUMBER({fy_ref}),DATE({fy_ref}-{offset},{month},{day}),"
                f"DATE({empty.year},{empty.month},{empty.day}))")
        value = date(fy - offset, month, day) if fy is not None else empty
        return name, label, Formula(text, excel_serial(value))

    low, high = date(1900, 1, 1), date(9999, 12, 31)
    fy_end = bound(NAMES.fy_end, "วันสุดท้ายของปีงบประมาณ", 543, 9, 30, high)
    plan_end = bound(NAMES.plan_end, "วันสุดท้ายของแผนปฏิบัติการ", 543, 9, 30, high)
    # A run period past the fiscal year (money carried over) moves the last allowed day and
    # the plan's last month to the project's end, as the validator does.
    end_cell = kv_cell(sh.PROJECT, "end_date")
    end = project.get("end_date")
    end_serial = excel_serial(end) if isinstance(end, date) else 0

    def carried(name: str, label: str, base: Formula) -> tuple[str, str, Formula]:
        # up to the project's end, within the next fiscal year (as the validator's rule)
        inner = base.text[1:]
        next_end = inner.replace("-543,9,30", "-542,9,30")
        text = (f"=MAX({inner},IF(AND(ISNUMBER({end_cell}),{end_cell}<={next_end}),"
                f"{end_cell},0))")
        last = base.value if isinstance(base.value, int | float) else 0
        fy = fiscal_year(project)
        limit = excel_serial(date(fy - 542, 9, 30)) if fy is not None else 0
        return name, label, Formula(text, max(last, end_serial if end_serial <= limit else 0))

    return [
        bound(NAMES.fy_start, "วันแรกของปีงบประมาณ", 544, 10, 1, low),
        fy_end,
        bound(NAMES.plan_start, "เดือนแรกของแผนปฏิบัติการ", 544, 9, 1, low),
        carried(NAMES.plan_end, plan_end[1], plan_end[2]),
        carried(NAMES.date_end, "วันสุดท้ายที่บันทึกรายการได้ (สิ้นปีงบประมาณ หรือวันสิ้นสุด"
                "โครงการเมื่อเบิกเหลื่อมปี)", fy_end[2]),
    ]


_NUMBER = re.compile(r"^\d+(\.\d+)?$")


def band_formulas(settings: dict[str, Stored]) -> list[tuple[str, str, Formula]]:
    """The five upper bounds of the risk bands, split from ตั้งค่า's text (default 2,4,9,16,25)."""
    ref = kv_cell(sh.SETTINGS, "risk_bands")
    raw = settings.get("risk_bands")
    text = "" if raw is None else str(int(raw) if isinstance(raw, float) and raw.is_integer()
                                      else raw)
    parts = text.split(",")
    out = []
    for i, (name, default) in enumerate(zip(NAMES.bands, DEFAULT_BANDS, strict=True)):
        formula = (f'=IFERROR(VALUE(TRIM(MID(SUBSTITUTE({readings.arabic(ref)},",",'
                   f'REPT(" ",50)),{i * 50 + 1},50))),{default})')
        part = " ".join(thai.to_arabic_digits(parts[i]).split()) if i < len(parts) else ""
        value: float = float(part) if _NUMBER.match(part) else float(default)
        out.append((name, f"เกณฑ์ระดับความเสี่ยง ขั้นที่ {i + 1} ({RISK_LEVELS[i]})",
                    Formula(formula, value)))
    return out


class Lookups:
    """Cached results of the cross-sheet formulas, computed from the stored data.

    Args:
        sizes: Stored rows of ``เกณฑ์ขนาดโรงเรียน``.
        bands: The band bounds as cached in the helper sheet.
    """

    def __init__(self, sizes: list[dict[str, Stored]], bands: list[float]) -> None:
        """Index the sizes by their ``TRIM``-ed, case-folded name (the first row wins)."""
        self.sizes: dict[str, dict[str, Stored]] = {}
        for row in sizes:
            key = text_key(row.get("size"))
            if key and key not in self.sizes:
                self.sizes[key] = row
        self.bands = bands

    def by_size(self, size: Stored, field_name: str) -> Cached:
        """``INDEX(<reading of the criteria column>, MATCH(TRIM(size), <sizes>, 0))``, or ""
        when the size is not found or its criterion does not read as a number."""
        key = text_key(size)
        if not key or key not in self.sizes:
            return ""
        value = readings.number_value(self.sizes[key].get(field_name))
        return "" if value is None else _whole(value)

    def level(self, score: float | None) -> str:
        """The risk level of a score, by the bands."""
        if score is None:
            return ""
        for bound, label in zip(self.bands[:4], RISK_LEVELS, strict=False):
            if score <= bound:
                return label
        return RISK_LEVELS[-1]


def school_formula(layout: TableLayout, sizes: TableLayout, row: int, target: str,
                   school: dict[str, Stored], lookups: Lookups) -> Formula:
    """A school's allocation or quota, looked up from its size."""
    size = layout.cell("size", row)
    source = SCHOOL_LOOKUPS[target]
    text = (f'=IF(TRIM({size})="","",IFERROR(INDEX({sizes.reading_whole(source)},'
            f'MATCH(TRIM({size}),{sizes.whole("size")},0)),""))')
    return Formula(text, lookups.by_size(school.get("size"), source))


def _whole(value: float) -> Cached:
    return int(value) if value.is_integer() else value


def reading_values(layout: TableLayout, row: dict[str, Stored]) -> dict[str, float | None]:
    """The cached values of a row's readings, by field (None for a blank reading)."""
    kinds = {r.field: r.kind for r in readings.READINGS.get(layout.spec.name, ())}
    return {key: readings.reading_value(kinds[key], row.get(key)) for key in layout.readings}


def risk_score(layout: TableLayout, row: int, risk: dict[str, Stored]) -> Formula:
    """โอกาส × ผลกระทบ when both read as numbers."""
    a, b = layout.reading("likelihood", row), layout.reading("impact", row)
    read = reading_values(layout, risk)
    la, lb = read["likelihood"], read["impact"]
    value: Cached = _whole(la * lb) if la is not None and lb is not None else ""
    return Formula(f'=IF(AND(ISNUMBER({a}),ISNUMBER({b})),{a}*{b},"")', value)


def risk_level(layout: TableLayout, row: int, score: Formula, lookups: Lookups) -> Formula:
    """The level of a risk's score, by the bands of ตั้งค่า."""
    s = layout.cell(RISK_SCORE, row)
    text = f'"{RISK_LEVELS[-1]}"'
    for name, label in reversed(list(zip(NAMES.bands[:4], RISK_LEVELS, strict=False))):
        text = f'IF({s}<={name},"{label}",{text})'
    value = lookups.level(float(score.value) if isinstance(score.value, int | float) else None)
    return Formula(f'=IF(ISNUMBER({s}),{text},"")', value)


def excel_round(value: float, digits: int = 2) -> float:
    """Excel's ``ROUND``: half away from zero on the number to 15 significant digits (so
    3 × 1.005, stored as 3.01499…97, rounds to 3.02 as in Excel and LibreOffice)."""
    shown = Decimal(f"{value:.15g}")
    return float(shown.quantize(Decimal(1).scaleb(-digits), rounding=ROUND_HALF_UP))


def line_amount(layout: TableLayout, row: int, purchase: dict[str, Stored]) -> Formula:
    """จำนวน × ราคาต่อหน่วย, for a purchase whose amount is left blank (the clerk may
    overwrite it)."""
    q, p = layout.reading("quantity", row), layout.reading("unit_price", row)
    read = reading_values(layout, purchase)
    rq, rp = read["quantity"], read["unit_price"]
    value: Cached = _whole(excel_round(rq * rp)) if rq is not None and rp is not None else ""
    return Formula(f'=IF(AND(ISNUMBER({q}),ISNUMBER({p})),ROUND({q}*{p},2),"")', value)


def amount_read(layout: TableLayout, purchase: dict[str, Stored]) -> float | None:
    """The reading of a purchase's จำนวนเงิน: the typed amount, or the formula's result
    when it is left blank."""
    if purchase.get("amount") is None:
        value = line_amount(layout, FIRST_DATA_ROW, purchase).value
        return float(value) if isinstance(value, int | float) else None
    return readings.number_value(purchase.get("amount"))


def column_total(layout: TableLayout, key: str, rows: Iterable[dict[str, Any]]) -> Formula:
    """``SUBTOTAL(109, column)``: the sum of the visible numbers of a column (of its reading,
    when it has one)."""
    if key in layout.readings:
        values = [reading_values(layout, r)[key] for r in rows]
        body = layout.reading_body(key, sheet=False)
    else:
        values = [number(r.get(key)) for r in rows]
        body = layout.body(key, sheet=False)
    total = sum(n for n in values if n is not None)
    value: Cached = int(total) if float(total).is_integer() else round(total, 2)
    return Formula(f"=SUBTOTAL(109,{body})", value)


def gantt_header(first_cell: str | None, fy: int | None, index: int) -> Formula:
    """The month of one Gantt column: the first from the fiscal year, the next +1 month."""
    months = thai.gantt_months(fy) if fy is not None else None
    value: Cached = excel_serial(date(*months[index], 1)) if months else ""
    if first_cell is None:
        name = NAMES.fiscal_year
        return Formula(f'=IF(ISNUMBER({name}),DATE({name}-544,9,1),"")', value)
    return Formula(f'=IF(ISNUMBER({first_cell}),DATE(YEAR({first_cell}),'
                   f'MONTH({first_cell})+1,1),"")', value)


def gantt_cell(layout: TableLayout, row: int, header: str, step: dict[str, Stored],
               month: Cached) -> Formula:
    """The Gantt mark of one step in the header's month: :data:`GANTT_PLANNED` when the step
    is planned to run then, plus :data:`GANTT_DONE` when it was finished then (สถานะ
    เสร็จสิ้น and วันที่แล้วเสร็จ in that month, as the core's ``compute_gantt``); 0 otherwise.
    The months are the readings of the step's cells (the first day of each month).
    """
    s, e = layout.reading("start_month", row), layout.reading("end_month", row)
    d, st = layout.reading("completed_on", row), layout.cell("status", row)
    planned = (f'IF(AND(ISNUMBER({header}),ISNUMBER({s}),ISNUMBER({e})),'
               f'IF(AND({header}>={s},{header}<={e}),{GANTT_PLANNED},0),0)')
    done = (f'IF(AND(ISNUMBER({header}),ISNUMBER({d})),'
            f'IF(AND(TRIM({st})="{STEP_DONE}",{d}={header}),{GANTT_DONE},0),0)')
    read = reading_values(layout, step)
    start, end, finished = read["start_month"], read["end_month"], read["completed_on"]
    value = 0
    if isinstance(month, float) and start is not None and end is not None \
            and start <= month <= end:
        value += GANTT_PLANNED
    if isinstance(month, float) and finished is not None and finished == month and \
            text_key(step.get("status")) == text_key(STEP_DONE):
        value += GANTT_DONE
    return Formula(f"={planned}+{done}", value)
