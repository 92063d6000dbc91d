"""Date rules: periods end after they start; dates fall inside the fiscal year (an error)
and inside the project's run period (a warning)."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from typing import Any

from learnworks_xl import thai
from learnworks_xl.core import findings as fd
from learnworks_xl.core.cellerrors import calendar_hint, named
from learnworks_xl.core.table import Table
from learnworks_xl.core.workbook import ParsedWorkbook


def _d(d: date) -> str:
    return thai.format_thai_date(d, "abbr")


def check_periods(wb: ParsedWorkbook) -> Iterator[fd.Finding]:
    """End dates (and end months) are not before start dates."""
    project = wb.project.model
    if project is not None and project.end_date < project.start_date:
        spec = wb.project.spec
        yield fd.error(
            "end-before-start", spec.name,
            f"{named(spec.title('end_date'))} {_d(project.end_date)} อยู่ก่อน "
            f"{named(spec.title('start_date'))} {_d(project.start_date)}",
            cell=wb.project.cells.get("end_date"), column=spec.title("end_date"),
            value=project.end_date)
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


def check_dates_in_year(wb: ParsedWorkbook) -> Iterator[fd.Finding]:
    """Dates fall inside the fiscal year (error) and the run period (warning)."""
    project = wb.project.model
    if project is None:
        return
    fy_start, fy_end = thai.fiscal_year_bounds(project.fiscal_year)
    fy = f"ปีงบประมาณ พ.ศ. {project.fiscal_year} ({_d(fy_start)} – {_d(fy_end)})"
    spec = wb.project.spec
    for field in ("start_date", "end_date"):
        value: date = getattr(project, field)
        if not fy_start <= value <= fy_end:
            yield fd.error("outside-fiscal-year", spec.name,
                           f"{named(spec.title(field))} {_d(value)} อยู่นอก{fy}"
                           + calendar_hint(value, fy_start, fy_end),
                           cell=wb.project.cells.get(field), column=spec.title(field), value=value)
    run = f"ระยะเวลาดำเนินการ ({_d(project.start_date)} – {_d(project.end_date)})"
    for attr, fields in DATED:
        table: Table[Any] = getattr(wb, attr)
        for row, model in table.valid_rows():
            for field in fields:
                value = getattr(model, field)
                if value is None:
                    continue
                title = table.spec.title(field)
                if not fy_start <= value <= fy_end:
                    yield fd.error("outside-fiscal-year", table.spec.name,
                                   f"{named(title)} {_d(value)} อยู่นอก{fy}"
                                   + calendar_hint(value, fy_start, fy_end),
                                   cell=row.cell(field), column=title, value=value)
                elif not project.start_date <= value <= project.end_date:
                    yield fd.warning("outside-run-period", table.spec.name,
                                     f"{named(title)} {_d(value)} อยู่นอก{run}",
                                     cell=row.cell(field), column=title, value=value)
    yield from _check_plan_span(wb, project.fiscal_year)


def _check_plan_span(wb: ParsedWorkbook, fiscal_year: int) -> Iterator[fd.Finding]:
    """Plan months, completion dates and monthly notes fall inside the plan's span
    (ก.ย. of the year before … ก.ย., as the seed's Gantt: approval may come before the
    fiscal year starts)."""
    gantt = thai.gantt_months(fiscal_year)
    first, last = date(*gantt[0], 1), date(*gantt[-1], 1)
    span = f"ช่วงแผน ({thai.format_thai_month(*gantt[0], 'abbr')} – " \
           f"{thai.format_thai_month(*gantt[-1], 'abbr')})"
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
