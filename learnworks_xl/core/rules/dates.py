"""Date rules: periods end after they start; dates fall inside the fiscal year (an error)
and inside the project's run period (a warning); a run period that ends after the fiscal
year carries money over (a warning, and its dates up to the project's end are allowed).

Each check needs only the settings it reads: with a bad fiscal year the run-period checks
still run, and the other way round."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from typing import Any

from learnworks_xl import thai
from learnworks_xl.core import findings as fd
from learnworks_xl.core.cellerrors import calendar_hint, named
from learnworks_xl.core.compute.progress import plan_months
from learnworks_xl.core.models import ProjectInfo
from learnworks_xl.core.table import Table
from learnworks_xl.core.workbook import ParsedWorkbook


def _d(d: date) -> str:
    return thai.format_thai_date(d, "abbr")


def check_periods(wb: ParsedWorkbook) -> Iterator[fd.Finding]:
    """End dates (and end months) are not before start dates."""
    p = wb.project_info
    if p.start_date is not None and p.end_date is not None and p.end_date < p.start_date:
        spec = wb.project.spec
        yield fd.error(
            "end-before-start", spec.name,
            f"{named(spec.title('end_date'))} {_d(p.end_date)} อยู่ก่อน "
            f"{named(spec.title('start_date'))} {_d(p.start_date)}",
            cell=wb.project.cells.get("end_date"), column=spec.title("end_date"),
            value=p.end_date)
    pairs: list[tuple[Table[Any], str, str]] = [
        (wb.plan, "start_month", "end_month"), (wb.activities, "start_date", "end_date")]
    for table, start, end in pairs:
        for row, model in table.valid_rows():
            if getattr(model, end) < getattr(model, start):
                yield fd.error(
                    "end-before-start", table.spec.name,
                    f"{named(table.spec.title(end))} อยู่ก่อน {named(table.spec.title(start))}",
                    cell=row.cell(end), column=table.spec.title(end), value=getattr(model, end))


#: The dated fields checked against the fiscal year and the run period.
DATED: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("activities", ("start_date", "end_date", "submitted_on")),
    ("purchases", ("date",)),
    ("works", ("submitted_on",)),
    ("reports", ("submitted_on",)),
)


def run_period(p: ProjectInfo) -> tuple[date, date] | None:
    """The project's run period, when both dates are known and in order."""
    if p.start_date is None or p.end_date is None or p.end_date < p.start_date:
        return None
    return p.start_date, p.end_date


def carried_over(p: ProjectInfo) -> bool:
    """True when the run period ends after the fiscal year, within the next one (money
    carried over, เบิกเหลื่อมปี); an end further away is a mistake, not a carry-over."""
    if p.fiscal_year is None or p.end_date is None:
        return False
    fy_end = thai.fiscal_year_bounds(p.fiscal_year)[1]
    return fy_end < p.end_date <= thai.fiscal_year_bounds(p.fiscal_year + 1)[1]


def _project_dates(wb: ParsedWorkbook) -> Iterator[fd.Finding]:
    p, spec = wb.project_info, wb.project.spec
    if p.fiscal_year is None:
        return
    fy_start, fy_end = thai.fiscal_year_bounds(p.fiscal_year)
    fy = f"ปีงบประมาณ พ.ศ. {p.fiscal_year} ({_d(fy_start)} – {_d(fy_end)})"
    for field in ("start_date", "end_date"):
        value: date | None = getattr(p, field)
        if value is None or fy_start <= value <= fy_end:
            continue
        cell, title = wb.project.cells.get(field), spec.title(field)
        if field == "end_date" and carried_over(p):
            yield fd.warning(
                "carried-over", spec.name,
                f"{named(title)} {_d(value)} อยู่หลังสิ้น{fy} ถือเป็นการกันเงินไว้เบิกเหลื่อมปี "
                "วันที่ของรายการหลังสิ้นปีงบประมาณจนถึงวันสิ้นสุดโครงการถือว่าถูกต้อง",
                cell=cell, column=title, value=value)
        else:
            yield fd.error("outside-fiscal-year", spec.name,
                           f"{named(title)} {_d(value)} อยู่นอก{fy}"
                           + calendar_hint(value, fy_start, fy_end),
                           cell=cell, column=title, value=value)


def check_dates_in_year(wb: ParsedWorkbook) -> Iterator[fd.Finding]:
    """Dates fall inside the fiscal year (error) and the run period (warning); the part of a
    carried-over run period after the fiscal year counts as inside it."""
    p = wb.project_info
    yield from _project_dates(wb)
    year = thai.fiscal_year_bounds(p.fiscal_year) if p.fiscal_year is not None else None
    period = run_period(p)
    fy = "" if year is None else \
        f"ปีงบประมาณ พ.ศ. {p.fiscal_year} ({_d(year[0])} – {_d(year[1])})"
    run = "" if period is None else f"ระยะเวลาดำเนินการ ({_d(period[0])} – {_d(period[1])})"
    for attr, fields in DATED:
        table: Table[Any] = getattr(wb, attr)
        for row, model in table.valid_rows():
            for field in fields:
                value = getattr(model, field)
                if value is None:
                    continue
                title = table.spec.title(field)
                in_year = year is None or year[0] <= value <= year[1]
                in_run = period is None or period[0] <= value <= period[1]
                if not in_year and not (in_run and period is not None and carried_over(p)):
                    yield fd.error("outside-fiscal-year", table.spec.name,
                                   f"{named(title)} {_d(value)} อยู่นอก{fy}"
                                   + (calendar_hint(value, *year) if year else ""),
                                   cell=row.cell(field), column=title, value=value)
                elif not in_run:
                    yield fd.warning("outside-run-period", table.spec.name,
                                     f"{named(title)} {_d(value)} อยู่นอก{run}",
                                     cell=row.cell(field), column=title, value=value)
    if p.fiscal_year is not None:
        yield from _check_plan_span(wb, plan_months(p.fiscal_year, p.end_date))


def _check_plan_span(wb: ParsedWorkbook, months: list[tuple[int, int]]) -> Iterator[fd.Finding]:
    """Plan months, completion dates and monthly notes fall inside the plan's span
    (ก.ย. of the year before … ก.ย., as the seed's Gantt: approval may come before the
    fiscal year starts; up to the project's end month when it is carried over)."""
    first, last = date(*months[0], 1), date(*months[-1], 1)
    span = f"ช่วงแผน ({thai.format_thai_month(*months[0], 'abbr')} – " \
           f"{thai.format_thai_month(*months[-1], 'abbr')})"
    done_title = wb.plan.spec.title("completed_on")
    for step_row, step in wb.plan.valid_rows():
        done = step.completed_on
        if done is not None and not first <= done.replace(day=1) <= last:
            yield fd.error("outside-fiscal-year", wb.plan.spec.name,
                           f"{named(done_title)} {_d(done)} อยู่นอก{span}"
                           + calendar_hint(done, first, last),
                           cell=step_row.cell("completed_on"), column=done_title, value=done)
    pairs: list[tuple[Table[Any], tuple[str, ...]]] = [
        (wb.plan, ("start_month", "end_month")), (wb.notes, ("month",))]
    for table, fields in pairs:
        for row, model in table.valid_rows():
            for field in fields:
                value = getattr(model, field)
                if not first <= value <= last:
                    title = table.spec.title(field)
                    yield fd.error(
                        "outside-fiscal-year", table.spec.name,
                        f"{named(title)} {thai.format_thai_month(value.year, value.month, 'abbr')} "
                        f"อยู่นอก{span}" + calendar_hint(value, first, last, month=True),
                        cell=row.cell(field), column=title, value=value)


def check_report_month(wb: ParsedWorkbook) -> Iterator[fd.Finding]:
    """``เดือนที่รายงาน`` of ``ตั้งค่า`` is a month of the plan (else the run reports the month
    just ended, and says why here)."""
    p, month = wb.project_info, wb.settings_or_default.report_month
    if month is None or p.fiscal_year is None:
        return
    months = plan_months(p.fiscal_year, p.end_date)
    if (month.year, month.month) in months:
        return
    spec = wb.settings.spec
    title = spec.title("report_month")
    first, last = date(*months[0], 1), date(*months[-1], 1)
    yield fd.error(
        "outside-fiscal-year", spec.name,
        f"{named(title)} {thai.format_thai_month(month.year, month.month, 'abbr')} อยู่นอก"
        f"ช่วงแผนของปีงบประมาณ พ.ศ. {p.fiscal_year} "
        f"({thai.format_thai_month(first.year, first.month, 'abbr')} – "
        f"{thai.format_thai_month(last.year, last.month, 'abbr')}) "
        "ระบบจึงรายงานเดือนที่เพิ่งสิ้นสุดแทน" + calendar_hint(month, first, last, month=True),
        cell=wb.settings.cells.get("report_month"), column=title, value=month)
