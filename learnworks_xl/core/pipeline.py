"""From a parsed, checked workbook to every computed result the reports show.

:func:`compute` is pure: it reads the valid rows of :class:`ParsedWorkbook` (rows with
errors are left out of the sums; the report then says it is provisional) and returns
:class:`Results`, plain dataclasses that the report builders in
:mod:`learnworks_xl.core.reports` turn into report sheets.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

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
from learnworks_xl.core.compute.progress import Progress, compute_progress, month_end
from learnworks_xl.core.compute.risk import RiskLevel, compute_risks, parse_bands
from learnworks_xl.core.findings import Report
from learnworks_xl.core.models import (
    MonthlyNote,
    ProjectInfo,
    SchoolReport,
    SchoolSize,
    Settings,
    StudentWork,
)
from learnworks_xl.core.workbook import ParsedWorkbook
from learnworks_xl.errors import ConfigError


def fiscal_months(fiscal_year: int) -> tuple[date, date]:
    """First days of the first (ต.ค.) and last (ก.ย.) month of a fiscal year."""
    start, end = thai.fiscal_year_bounds(fiscal_year)
    return start, end.replace(day=1)


def default_month(fiscal_year: int | None, today: date) -> date:
    """The current month, clamped into the fiscal year (first day of the month).

    Args:
        fiscal_year: The BE fiscal year, or None when unknown (then: the current month).
        today: The current day.

    Returns:
        ``today``'s month if it lies in the fiscal year, else the year's first or last month.
    """
    this = today.replace(day=1)
    if fiscal_year is None:
        return this
    first, last = fiscal_months(fiscal_year)
    return min(max(this, first), last)


@dataclass(frozen=True)
class Results:
    """Everything computed from one workbook, for one reported month."""

    project: ProjectInfo | None
    settings: Settings
    report: Report
    """The findings of the check (the reports are provisional when it has errors)."""
    month: date
    """First day of the reported month."""
    sizes: list[SchoolSize]
    allocations: list[Allocation]
    size_totals: list[SizeTotal]
    budget: BudgetCheck
    kpi: KpiResult
    spending: Spending
    """Every purchase."""
    spending_to_month: Spending
    """Purchases up to the end of the reported month."""
    spending_in_month: Spending
    """Purchases of the reported month only."""
    progress: Progress
    """The plan at the end of the reported month."""
    progress_final: Progress
    """The plan at the end of the fiscal year (the end-of-project report)."""
    gantt: Gantt | None
    """None when the fiscal year is unknown."""
    risks: list[RiskLevel]
    works: list[StudentWork]
    school_reports: list[SchoolReport]
    notes: list[MonthlyNote]
    generated_at: datetime | None = None
    """When the run happened (shown on หน้าหลัก)."""
    source: str = ""
    """The input file's name."""
    extra: dict[str, Any] = field(default_factory=dict)

    @property
    def provisional(self) -> bool:
        """True when the input has errors: every report says it is a draft (ฉบับร่าง)."""
        return not self.report.valid

    @property
    def fiscal_year(self) -> int | None:
        """The BE fiscal year, if known."""
        return self.project.fiscal_year if self.project else None

    @property
    def thai_digits(self) -> bool:
        """Reports write numbers with Thai digits (``ใช้เลขไทยในรายงาน``)."""
        return self.settings.thai_digits

    @property
    def note(self) -> MonthlyNote | None:
        """The ``บันทึกรายเดือน`` row of the reported month."""
        return next((n for n in self.notes if n.month.replace(day=1) == self.month), None)

    @property
    def works_selected(self) -> list[StudentWork]:
        """Works selected to send (คัดสรรส่งสำนักการศึกษา = ใช่)."""
        return [w for w in self.works if w.selected]

    @property
    def works_required(self) -> int:
        """Works all schools must send (sum of the quotas)."""
        return sum(a.quota for a in self.allocations if a.quota is not None)

    @property
    def works_received(self) -> list[StudentWork]:
        """Selected works sent by the end of the reported month (dated ones)."""
        end = month_end(self.month)
        return [w for w in self.works_selected
                if w.submitted_on is not None and w.submitted_on <= end]

    @property
    def reports_received(self) -> list[SchoolReport]:
        """School result reports sent by the end of the reported month."""
        end = month_end(self.month)
        return [r for r in self.school_reports if r.submitted_on <= end]


def compute(parsed: ParsedWorkbook, report: Report, month: tuple[int, int] | None = None, *,
            today: date | None = None, generated_at: datetime | None = None,
            source: str = "") -> Results:
    """Compute allocations, KPI, money, progress, risks and the Gantt of a workbook.

    Args:
        parsed: The workbook's sheets, parsed.
        report: Its findings (from :func:`learnworks_xl.core.validate.validate_raw`).
        month: ``(CE year, month)`` to report; default: the current month clamped into the
            fiscal year.
        today: The current day (for tests; default: the system's date).
        generated_at: The time of the run (shown on หน้าหลัก).
        source: The input file's name.

    Returns:
        The results, ready for the report builders.
    """
    project = parsed.project.model
    settings = parsed.settings_or_default
    fy = project.fiscal_year if project else None
    when = date(month[0], month[1], 1) if month else default_month(fy, today or date.today())
    sizes = parsed.sizes.valid
    allocations = allocate(sizes, parsed.schools.valid)
    purchases = parsed.purchases.valid
    plan = parsed.plan.valid
    return Results(
        project=project,
        settings=settings,
        report=report,
        month=when,
        sizes=sizes,
        allocations=allocations,
        size_totals=size_totals(sizes, allocations),
        budget=check_budget(allocations, project.approved_budget if project else None),
        kpi=compute_kpi(allocations, parsed.works.valid, parsed.reports.valid,
                        project.kpi_target if project else None),
        spending=compute_spending(allocations, purchases),
        spending_to_month=compute_spending(allocations, purchases, until=month_end(when)),
        spending_in_month=compute_spending(allocations, purchases, until=month_end(when),
                                           since=when),
        progress=compute_progress(plan, when),
        progress_final=compute_progress(plan, fiscal_months(fy)[1] if fy is not None else when),
        gantt=compute_gantt(plan, fy) if fy is not None else None,
        risks=compute_risks(parsed.risks.valid, parse_bands(settings.risk_bands)),
        works=parsed.works.valid,
        school_reports=parsed.reports.valid,
        notes=parsed.notes.valid,
        generated_at=generated_at,
        source=source,
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


def report_month(month: str | None, parsed: ParsedWorkbook, today: date | None = None) -> date:
    """The first day of the month a run reports: :func:`resolve_month`, else the current
    month clamped into the fiscal year (:func:`default_month`).

    Raises:
        ConfigError: ``month`` is not a month of the fiscal year.
    """
    chosen = resolve_month(month, parsed)
    if chosen is not None:
        return date(chosen[0], chosen[1], 1)
    project = parsed.project.model
    return default_month(project.fiscal_year if project else None, today or date.today())


def resolve_month(month: str | None, parsed: ParsedWorkbook) -> tuple[int, int] | None:
    """The month to report: as given (CE ``2026-07`` or BE ``2569-07``, ``07/2569``,
    ``ก.ค. 2569``…), else ``เดือนที่รายงาน`` of ``ตั้งค่า``, else None (the current month).

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
        return (chosen.year, chosen.month) if chosen else None
    try:
        year, mon = thai.parse_month(month)
    except thai.ThaiParseError as exc:
        raise ConfigError(exc.message_th, exc.message_en) from None
    project = parsed.project.model
    if project is not None:
        months = thai.gantt_months(project.fiscal_year)
        if (year, mon) not in months:
            first, last = months[0], months[-1]
            raise ConfigError(
                f"เดือน {thai.format_thai_month(year, mon)} อยู่นอกช่วงของปีงบประมาณ พ.ศ. "
                f"{project.fiscal_year} (เลือกได้ {thai.format_thai_month(*first, 'abbr')} – "
                f"{thai.format_thai_month(*last, 'abbr')})",
                f"month {year}-{mon:02d} is outside fiscal year {project.fiscal_year} "
                f"({first[0]}-{first[1]:02d} .. {last[0]}-{last[1]:02d})")
    return year, mon
