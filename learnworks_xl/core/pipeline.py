"""From a parsed, checked workbook to every computed result the reports show.

:func:`compute` is pure: it reads the valid rows of :class:`ParsedWorkbook` (rows with
errors are left out of the sums; the report then says it is provisional) and returns
:class:`Results`, plain dataclasses that the report builders in
:mod:`learnworks_xl.core.reports` turn into report sheets.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, fields
from datetime import date, datetime, timedelta
from typing import Any, TypeVar

from learnworks_xl import thai
from learnworks_xl.core.compute.allocation import (
    Allocation,
    BudgetCheck,
    SizeTotal,
    allocate,
    check_budget,
    size_totals,
)
from learnworks_xl.core.compute.gantt import Gantt, compute_gantt
from learnworks_xl.core.compute.kpi import KpiResult, compute_kpi
from learnworks_xl.core.compute.money import Spending, compute_spending
from learnworks_xl.core.compute.progress import (
    Progress,
    compute_progress,
    month_end,
    plan_months,
)
from learnworks_xl.core.compute.risk import RiskLevel, compute_risks, parse_bands
from learnworks_xl.core.findings import Findings
from learnworks_xl.core.models import (
    MonthlyNote,
    ProjectInfo,
    ResultReport,
    SchoolSize,
    Settings,
    SheetModel,
    StudentWork,
)
from learnworks_xl.core.table import Table
from learnworks_xl.core.workbook import ParsedWorkbook
from learnworks_xl.errors import ConfigError

_D = TypeVar("_D")
_M = TypeVar("_M", bound=SheetModel)


def fiscal_months(fiscal_year: int) -> tuple[date, date]:
    """First days of the first (ต.ค.) and last (ก.ย.) month of a fiscal year."""
    start, end = thai.fiscal_year_bounds(fiscal_year)
    return start, end.replace(day=1)


def default_month(fiscal_year: int | None, today: date, project_end: date | None = None) -> date:
    """The month a report is made for by default: the month just ended (a month's report is
    prepared in the first days of the next), clamped into the plan's months of the fiscal
    year (ก.ย. of the year before … ก.ย.).

    Args:
        fiscal_year: The BE fiscal year, or None when unknown (then: the month just ended).
        today: The current day.
        project_end: The project's end date (a run period past the fiscal year extends the
            months).

    Returns:
        The first day of that month.
    """
    this = today.replace(day=1)
    ended = (this - timedelta(days=1)).replace(day=1)
    if fiscal_year is None:
        return ended
    months = plan_months(fiscal_year, project_end)
    first, last = date(*months[0], 1), date(*months[-1], 1)
    return min(max(ended, first), last)


def _dated(items: list[_D], day: Callable[[_D], date | None], until: date) -> list[_D]:
    return [i for i in items if (d := day(i)) is not None and d <= until]


@dataclass(frozen=True)
class Figures:
    """Everything computed from one workbook, once, as of one day (SPEC "Time").

    Every figure counts only what is dated on or before :attr:`as_of`: spending, works
    received, result reports, the KPI and the plan's progress. The checks
    (:mod:`learnworks_xl.core.rules`) and the report builders both read these figures, so a
    finding never disagrees with a report.
    """

    project: ProjectInfo
    """The project's settings (a bad or empty setting is None)."""
    settings: Settings
    month: date
    """First day of the reported month."""
    as_of: date
    """The last day counted: the reported month's last day (a check made today: today)."""
    sizes: list[SchoolSize]
    allocations: list[Allocation]
    """One per valid school row, in sheet order."""
    size_totals: list[SizeTotal]
    budget: BudgetCheck
    kpi: KpiResult
    spending: Spending
    """Purchases up to :attr:`as_of`."""
    spending_in_month: Spending
    """Purchases of the reported month up to :attr:`as_of`."""
    progress: Progress
    """The plan at the month's end."""
    gantt: Gantt | None
    """None when the fiscal year is unknown."""
    risks: list[RiskLevel]
    works: list[StudentWork]
    """Every valid work (made; works carry no date of their own)."""
    works_selected: list[StudentWork]
    """Works selected and sent (วันที่ส่ง) by :attr:`as_of`."""
    school_reports: list[ResultReport]
    """Result reports sent by :attr:`as_of`."""
    notes: list[MonthlyNote]

    @property
    def interim(self) -> bool:
        """True before the project's end date has passed (the summary is then interim)."""
        return self.project.end_date is None or self.as_of < self.project.end_date

    @property
    def fiscal_year(self) -> int | None:
        """The BE fiscal year, if known."""
        return self.project.fiscal_year

    @property
    def thai_digits(self) -> bool:
        """Reports write numbers with Thai digits (``ใช้เลขไทยในรายงาน``)."""
        return self.settings.thai_digits

    @property
    def note(self) -> MonthlyNote | None:
        """The ``บันทึกรายเดือน`` row of the reported month."""
        return next((n for n in self.notes if n.month.replace(day=1) == self.month), None)

    @property
    def works_required(self) -> int:
        """Works all schools must send (sum of the quotas)."""
        return sum(a.quota for a in self.allocations if a.quota is not None)


@dataclass(frozen=True)
class Results(Figures):
    """A run: the figures, the findings of the check, and when and on what it ran."""

    report: Findings
    """The findings of the check (the reports are provisional when it has errors)."""
    generated_at: datetime | None = None
    """When the run happened (shown on หน้าหลัก)."""
    source: str = ""
    """The input file's name."""

    @classmethod
    def of(cls, figures: Figures, report: Findings, *, generated_at: datetime | None = None,
           source: str = "") -> Results:
        """The results of a run from its figures and findings."""
        values = {f.name: getattr(figures, f.name) for f in fields(Figures)}
        return cls(**values, report=report, generated_at=generated_at, source=source)

    @property
    def provisional(self) -> bool:
        """True when the input has errors: every report says it is a draft (ฉบับร่าง)."""
        return not self.report.valid


def compute(parsed: ParsedWorkbook, month: date, as_of: date | None = None,
            excluded: frozenset[tuple[str, int]] = frozenset()) -> Figures:
    """Compute allocations, KPI, money, progress, risks and the Gantt of a workbook — the
    one computation of a command.

    Args:
        parsed: The workbook's sheets, parsed.
        month: Any day of the reported month (see :func:`report_month`).
        as_of: The last day counted (default: the month's last day).
        excluded: (sheet, row) of rows an error leaves out (their cells are valid, a
            cross-sheet rule is not: an unknown school, a date outside the year…).

    Returns:
        The figures, for the checks and the report builders.
    """

    def valid(table: Table[_M]) -> list[_M]:
        return [r.model for r in table.rows if r.model is not None
                and (table.spec.name, r.excel_row) not in excluded]

    project = parsed.project_info
    settings = parsed.settings_or_default
    when = month.replace(day=1)
    until = as_of or month_end(when)
    sizes = parsed.sizes.valid
    allocations = allocate(sizes, parsed.schools.valid)
    purchases = valid(parsed.purchases)
    plan = parsed.plan.valid
    works = valid(parsed.works)
    selected = _dated([w for w in works if w.selected], lambda w: w.submitted_on, until)
    reports = _dated(valid(parsed.reports), lambda r: r.submitted_on, until)
    fy = project.fiscal_year
    return Figures(
        project=project,
        settings=settings,
        month=when,
        as_of=until,
        sizes=sizes,
        allocations=allocations,
        size_totals=size_totals(sizes, allocations),
        budget=check_budget(allocations, project.approved_budget),
        kpi=compute_kpi(allocations, selected, reports, project.kpi_target),
        spending=compute_spending(allocations, purchases, until=until),
        spending_in_month=compute_spending(allocations, purchases, until=until, since=when),
        progress=compute_progress(plan, when),
        gantt=compute_gantt(plan, fy) if fy is not None else None,
        risks=compute_risks(parsed.risks.valid, parse_bands(settings.risk_bands)),
        works=works,
        works_selected=selected,
        school_reports=reports,
        notes=parsed.notes.valid,
    )


def _row_values(spec_fields: list[str], model: Any, raw: dict[str, Any],
                bad: set[str]) -> dict[str, Any]:
    """Validated values where the cell was good, the raw typed value where it was not."""
    out: dict[str, Any] = {}
    for name in spec_fields:
        value = getattr(model, name, None) if model is not None and name not in bad else None
        out[name] = value if value is not None else raw.get(name)
    return out


def input_data(parsed: ParsedWorkbook) -> dict[str, Any]:
    """The input sheets as read, for the finished workbook (as ``sample_data()`` shapes it).

    A valid cell gives its validated value (``15,100.-`` → ``Decimal("15100")``, a BE text
    date → a ``date``); a bad cell or a row that failed keeps what the clerk typed, so the
    finished workbook shows the mistake where ``ผลการตรวจสอบ`` points. Computed columns are
    left to the workbook's formulas; a sheet that was not found is left out (the workbook
    then has it empty).

    Args:
        parsed: The parsed workbook.

    Returns:
        Sheet name → a dict (key/value sheets) or a list of row dicts (tables), rows in the
        order they were read.
    """
    data: dict[str, Any] = {}
    for kv in (parsed.project, parsed.settings):
        if kv.found:
            fields = [c.field for c in kv.spec.columns]
            data[kv.spec.name] = _row_values(fields, kv.model, kv.raw, set())
    for table in parsed.tables():
        if table.found:
            fields = [c.field for c in table.spec.columns if not c.computed]
            data[table.spec.name] = [_row_values(fields, r.model, r.raw, r.bad_fields)
                                     for r in table.rows]
    return data


def report_month(month: str | None, parsed: ParsedWorkbook, today: date) -> date:
    """The first day of the month a run reports: :func:`resolve_month`, else the month just
    ended, clamped into the fiscal year's plan months (:func:`default_month`).

    Raises:
        ConfigError: ``month`` is not a month of the fiscal year.
    """
    chosen = resolve_month(month, parsed)
    if chosen is not None:
        return date(chosen[0], chosen[1], 1)
    p = parsed.project_info
    return default_month(p.fiscal_year, today, p.end_date)


def in_plan(project: ProjectInfo, month: date) -> bool:
    """True when ``month`` is one of the plan's months of the project's fiscal year (any
    month when the fiscal year is unknown)."""
    if project.fiscal_year is None:
        return True
    return (month.year, month.month) in plan_months(project.fiscal_year, project.end_date)


def resolve_month(month: str | None, parsed: ParsedWorkbook) -> tuple[int, int] | None:
    """The month to report: as given (CE ``2026-07`` or BE ``2569-07``, ``07/2569``,
    ``ก.ค. 2569``…), else ``เดือนที่รายงาน`` of ``ตั้งค่า`` (when it is a month of the plan),
    else None (the default).

    Args:
        month: The month as typed, or None.
        parsed: The workbook (its settings and fiscal year).

    Returns:
        ``(CE year, month)``, or None for the default.

    Raises:
        ConfigError: ``month`` is not a month, or lies outside the plan's months of the
            fiscal year (ก.ย. of the year before … ก.ย.).
    """
    if month is None:
        chosen = parsed.settings_or_default.report_month
        if chosen is None or not in_plan(parsed.project_info, chosen):
            return None  # a setting outside the plan's months is a finding (rules/dates)
        return chosen.year, chosen.month
    try:
        year, mon = thai.parse_month(month)
    except thai.ThaiParseError as exc:
        raise ConfigError(exc.message_th, exc.message_en) from None
    fiscal_year = parsed.project_info.fiscal_year
    if fiscal_year is not None:
        months = plan_months(fiscal_year, parsed.project_info.end_date)
        if (year, mon) not in months:
            first, last = months[0], months[-1]
            raise ConfigError(
                f"เดือน {thai.format_thai_month(year, mon)} อยู่นอกช่วงของปีงบประมาณ พ.ศ. "
                f"{fiscal_year} (เลือกได้ {thai.format_thai_month(*first, 'abbr')} – "
                f"{thai.format_thai_month(*last, 'abbr')})",
                f"month {year}-{mon:02d} is outside fiscal year {fiscal_year} "
                f"({first[0]}-{first[1]:02d} .. {last[0]}-{last[1]:02d})")
    return year, mon
