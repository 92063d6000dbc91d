"""Formulas that keep the workbook alive without Python, each with its cached result.

python-calamine (our reader) reads the result Excel saved with a formula, never the formula,
so every formula is written with the value Excel would compute from the stored cells
(:mod:`learnworks_xl.workbook.values`). The same formulas are recomputed by LibreOffice in the
tests and compared with these cached values.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

from learnworks_xl import thai
from learnworks_xl.core import sheets as sh
from learnworks_xl.core.compute.risk import DEFAULT_BANDS, LEVELS
from learnworks_xl.core.models import STEP_DONE
from learnworks_xl.workbook.layout import RISK_SCORE, TableLayout, kv_cell
from learnworks_xl.workbook.values import Stored, excel_serial, number, text_key

#: Risk levels from low to high, one per band of เกณฑ์ระดับความเสี่ยง (the core's).
RISK_LEVELS: tuple[str, ...] = LEVELS
#: Value used where a lookup finds no allocation (Excel's largest number, roughly).
NO_LIMIT = "9.99E+307"
#: How many months the Gantt shows (ก.ย. of the year before … ก.ย.).
GANTT_MONTHS = len(thai.gantt_months(2569))
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
    bands: tuple[str, ...] = field(
        default_factory=lambda: tuple(f"lw_risk_band_{i + 1}" for i in range(5)))


NAMES = Names()


def fiscal_year(project: dict[str, Stored]) -> int | None:
    """The fiscal year as Excel's ISNUMBER sees the stored cell."""
    value = number(project.get("fiscal_year"))
    return int(value) if value is not None and value.is_integer() else None


def excel_date(year: int, month: int, day: int) -> Cached:
    """What Excel's ``DATE(year, month, day)`` gives, as a serial: a year 0–1899 counts from
    1900 (``DATE(56,10,1)`` is 1 Oct 1956), a month past 12 rolls into the next year, and a
    date outside the years 1900–9999 is ``#NUM!`` (any number may stand in the fiscal-year
    cell: the cached value must still be Excel's)."""
    if 0 <= year < 1900:
        year += 1900
    if not 0 <= year <= 9999:
        return "#NUM!"
    year, month = year + (month - 1) // 12, (month - 1) % 12 + 1
    if not 1900 <= year <= 9999:
        return "#NUM!"
    return excel_serial(date(year, month, day))


def helper_formulas(project: dict[str, Stored]) -> list[tuple[str, str, Formula]]:
    """Fiscal-year and plan bounds for date validation: (name, Thai label, formula)."""
    fy_ref = kv_cell(sh.PROJECT, "fiscal_year")
    fy = fiscal_year(project)

    def bound(name: str, label: str, offset: int, month: int, day: int, empty: date) -> tuple[
            str, str, Formula]:
        text = (f"=IF(ISNUMBER({fy_ref}),DATE({fy_ref}-{offset},{month},{day}),"
                f"DATE({empty.year},{empty.month},{empty.day}))")
        value = (excel_date(fy - offset, month, day) if fy is not None
                 else excel_serial(empty))
        return name, label, Formula(text, value)

    low, high = date(1900, 1, 1), date(9999, 12, 31)
    return [
        bound(NAMES.fy_start, "วันแรกของปีงบประมาณ", 544, 10, 1, low),
        bound(NAMES.fy_end, "วันสุดท้ายของปีงบประมาณ", 543, 9, 30, high),
        bound(NAMES.plan_start, "เดือนแรกของแผนปฏิบัติการ", 544, 9, 1, low),
        bound(NAMES.plan_end, "วันสุดท้ายของแผนปฏิบัติการ", 543, 9, 30, high),
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
        formula = (f'=IFERROR(VALUE(TRIM(MID(SUBSTITUTE({ref},",",REPT(" ",50)),'
                   f'{i * 50 + 1},50))),{default})')
        part = " ".join(parts[i].split()) if i < len(parts) else ""
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
        self.sizes: dict[str, dict[str, Stored]] = {}
        for row in sizes:
            key = text_key(row.get("size"))
            if key and key not in self.sizes:
                self.sizes[key] = row
        self.bands = bands

    def by_size(self, size: Stored, field_name: str) -> Cached:
        """``INDEX(<criteria column>, MATCH(TRIM(size), <sizes>, 0))``, or "" when not found."""
        key = text_key(size)
        if not key or key not in self.sizes:
            return ""
        value = self.sizes[key].get(field_name)
        if value is None:
            return 0
        return number(value) if isinstance(value, date) else value  # type: ignore[return-value]

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
    text = (f'=IF(TRIM({size})="","",IFERROR(INDEX({sizes.whole(source)},'
            f'MATCH(TRIM({size}),{sizes.whole("size")},0)),""))')
    return Formula(text, lookups.by_size(school.get("size"), source))


def risk_score(layout: TableLayout, row: int, risk: dict[str, Stored]) -> Formula:
    """โอกาส × ผลกระทบ when both are numbers."""
    a, b = layout.cell("likelihood", row), layout.cell("impact", row)
    la, lb = number(risk.get("likelihood")), number(risk.get("impact"))
    value: Cached = la * lb if la is not None and lb is not None else ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return Formula(f'=IF(AND(ISNUMBER({a}),ISNUMBER({b})),{a}*{b},"")', value)


def risk_level(layout: TableLayout, row: int, score: Formula, lookups: Lookups) -> Formula:
    """The level of a risk's score, by the bands of ตั้งค่า."""
    s = layout.cell(RISK_SCORE, row)
    text = f'"{RISK_LEVELS[-1]}"'
    for name, label in reversed(list(zip(NAMES.bands[:4], RISK_LEVELS, strict=False))):
        text = f'IF({s}<={name},"{label}",{text})'
    value = lookups.level(float(score.value) if isinstance(score.value, int | float) else None)
    return Formula(f'=IF(ISNUMBER({s}),{text},"")', value)


def line_amount(layout: TableLayout, row: int) -> Formula:
    """จำนวน × ราคาต่อหน่วย for a blank entry row (the clerk may overwrite it)."""
    q, p = layout.cell("quantity", row), layout.cell("unit_price", row)
    return Formula(f'=IF(AND(ISNUMBER({q}),ISNUMBER({p})),ROUND({q}*{p},2),"")', "")


def column_total(layout: TableLayout, key: str, rows: list[dict[str, Any]]) -> Formula:
    """``SUBTOTAL(109, column)``: the sum of the visible numbers of a column."""
    total = sum(n for r in rows if (n := number(r.get(key))) is not None)
    value: Cached = int(total) if float(total).is_integer() else round(total, 2)
    return Formula(f"=SUBTOTAL(109,{layout.body(key, sheet=False)})", value)


def gantt_header(first_cell: str | None, fy_ref: str, fy: int | None, index: int) -> Formula:
    """The month of one Gantt column: the first from the fiscal year, the next +1 month."""
    value = gantt_header_values(fy)[index]
    if first_cell is None:
        return Formula(f'=IF(ISNUMBER({fy_ref}),DATE({fy_ref}-544,9,1),"")', value)
    return Formula(f'=IF(ISNUMBER({first_cell}),DATE(YEAR({first_cell}),'
                   f'MONTH({first_cell})+1,1),"")', value)


def gantt_header_values(fy: int | None) -> list[Cached]:
    """The cached months of the Gantt's headers (ก.ย. of the year before … ก.ย., as
    :func:`thai.gantt_months`), as Excel's ``DATE`` computes them from any fiscal-year cell:
    after an error (``#NUM!``) the next headers are blank (their ``ISNUMBER`` test fails)."""
    values: list[Cached] = [""] * GANTT_MONTHS
    if fy is None:
        return values
    values[0] = excel_date(fy - 544, 9, 1)
    for i in range(1, GANTT_MONTHS):
        prev = values[i - 1]
        if isinstance(prev, float):
            shown = date(1899, 12, 30) + timedelta(days=prev)
            values[i] = excel_date(shown.year, shown.month + 1, 1)
    return values


def gantt_cell(layout: TableLayout, row: int, header: str, step: dict[str, Stored],
               month: Cached) -> Formula:
    """The Gantt mark of one step in the header's month: :data:`GANTT_PLANNED` when the step
    is planned to run then, plus :data:`GANTT_DONE` when it was finished then (สถานะ
    เสร็จสิ้น and วันที่แล้วเสร็จ in that month, as the core's ``compute_gantt``); 0 otherwise.
    """
    s, e = layout.cell("start_month", row), layout.cell("end_month", row)
    d, st = layout.cell("completed_on", row), layout.cell("status", row)
    planned = (f'IF(AND(ISNUMBER({header}),ISNUMBER({s}),ISNUMBER({e})),'
               f'IF(AND({header}>=DATE(YEAR({s}),MONTH({s}),1),{header}<={e}),'
               f'{GANTT_PLANNED},0),0)')
    done = (f'IF(AND(ISNUMBER({header}),ISNUMBER({d})),'
            f'IF(AND(TRIM({st})="{STEP_DONE}",YEAR({d})=YEAR({header}),'
            f'MONTH({d})=MONTH({header})),{GANTT_DONE},0),0)')
    start, end = step.get("start_month"), step.get("end_month")
    finished, status = step.get("completed_on"), step.get("status")
    value = 0
    if isinstance(month, float) and isinstance(start, date) and isinstance(end, date):
        first = excel_serial(date(start.year, start.month, 1))
        if first <= month <= excel_serial(end):
            value += GANTT_PLANNED
    if isinstance(month, float) and isinstance(finished, date) and \
            text_key(status) == text_key(STEP_DONE) and \
            excel_serial(date(finished.year, finished.month, 1)) == month:
        value += GANTT_DONE
    return Formula(f"={planned}+{done}", value)
