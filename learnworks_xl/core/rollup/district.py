"""One district's workbook reduced to what the roll-up keeps: its schools, its selected works
and its figures, as of the roll-up's month.

:func:`read_district` is pure: the sheets of one file (a
:class:`~learnworks_xl.core.grid.RawWorkbook`) in, a :class:`DistrictFile` out — the file's
:class:`DistrictFigures`, or the Thai reason it cannot be used. The job reading the files keeps
only that, so one district's sheets are in memory at a time (README "Roll-up").
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from urllib.parse import urlsplit

from learnworks_xl.core import sheets as sh
from learnworks_xl.core.compute.numbers import percent
from learnworks_xl.core.findings import Finding, Findings, Severity
from learnworks_xl.core.grid import RawWorkbook
from learnworks_xl.core.pipeline import default_month
from learnworks_xl.core.privacy import Students
from learnworks_xl.core.validate import Checked, check_parsed
from learnworks_xl.core.workbook import ParsedWorkbook, parse_workbook

#: How many of a draft's errors the roll-up repeats.
FIRST_ERRORS = 3
NOT_A_DISTRICT = ("ไม่ใช่สมุดงานโครงการของสำนักงานเขต (ไม่พบชีต «{project}») หากเป็นแบบฟอร์มโรงเรียน "
                  "ให้สำนักงานเขตรวบรวมเข้าสมุดงานของเขตก่อน")
NO_DISTRICT = "ไม่ทราบว่าเป็นสมุดงานของสำนักงานเขตใด: {why}"
NO_YEAR = "ไม่ทราบปีงบประมาณของสมุดงาน: {why}"


@dataclass(frozen=True)
class SchoolLine:
    """One school of a district, as the roll-up shows it."""

    district: str
    code: str
    name: str
    size: str
    allocated: Decimal | None
    """None when the school's size is not in the district's criteria."""
    spent: Decimal
    quota: int | None
    selected: int
    """Works selected and sent by the month's end."""
    report: bool | None
    """Result report by the month's end: True complete, False incomplete, None not received."""
    meets: bool
    """Meets the KPI criteria (quota of works AND a complete report)."""
    reason: str
    """Why, in Thai (as the district's ``ตัวชี้วัด`` says)."""
    report_summary: str | None = None
    """Its result report's summary, students' full names replaced as the district's privacy
    setting says (for a page per school)."""
    participants: int | None = None
    """Students who took part, from its result report."""


@dataclass(frozen=True)
class WorkLine:
    """One selected work, with what its district's privacy setting lets the roll-up say of
    its students."""

    district: str
    school_code: str
    school_name: str
    code: str
    title: str
    work_type: str
    students: str
    """Full names, initials or how many, by the district's ``ชื่อนักเรียนบนเว็บไซต์``."""
    grade: str | None
    """None when the students are not named (grades follow the names)."""
    link: str | None
    """An http(s) link with a host, else None."""
    submitted_on: date | None
    tools: str | None = None
    advisor: str | None = None


@dataclass(frozen=True)
class DistrictFigures:
    """One district's figures as of the roll-up's month (from its own workbook)."""

    district: str
    source: str
    """The file the figures come from."""
    fiscal_year: int
    month: date
    """First day of the month counted to."""
    as_of: date
    program: str
    """ชื่อโครงการ as the district typed it."""
    agency: str
    start_date: date | None
    end_date: date | None
    approved: Decimal | None
    kpi_target: Decimal | None
    schools: tuple[SchoolLine, ...]
    works: tuple[WorkLine, ...]
    spent: Decimal
    """Everything spent by :attr:`as_of` (also purchases of an unknown school code)."""
    planned: Decimal
    actual: Decimal
    verdict: str
    """เป็นไปตามแผน / ล่าช้ากว่าแผน / เร็วกว่าแผน."""
    errors: int
    warnings: int
    first_errors: tuple[str, ...]
    """The first few errors, each ``«sheet» ช่อง A1: message``."""
    data_until: date | None
    """The latest date in the district's data (which of two files of a district is newer)."""
    privacy: str
    """``ชื่อนักเรียนบนเว็บไซต์`` of the district."""
    district_from_agency: bool = False
    """The workbook predates ``สำนักงานเขต``: the district was read from its agency."""

    @property
    def draft(self) -> bool:
        """The file has errors: its figures count only valid rows (ฉบับร่าง)."""
        return self.errors > 0

    @property
    def met(self) -> int:
        """Schools meeting the KPI."""
        return sum(1 for s in self.schools if s.meets)

    @property
    def kpi(self) -> Decimal | None:
        """Schools meeting ÷ all schools × 100, two decimals half-up."""
        return percent(self.met, len(self.schools))

    @property
    def allocated(self) -> Decimal:
        """Money allocated to the schools (known allocations)."""
        return sum((s.allocated for s in self.schools if s.allocated is not None), Decimal(0))

    @property
    def disbursed(self) -> Decimal | None:
        """Spent ÷ allocated × 100, two decimals half-up."""
        return percent(self.spent, self.allocated)

    @property
    def works_required(self) -> int:
        """Works all the district's schools must send."""
        return sum(s.quota for s in self.schools if s.quota is not None)

    @property
    def works_selected(self) -> int:
        """Works selected and sent by the month's end."""
        return sum(s.selected for s in self.schools)

    @property
    def reports_received(self) -> int:
        """Schools whose result report arrived by the month's end."""
        return sum(1 for s in self.schools if s.report is not None)

    @property
    def reports_complete(self) -> int:
        """Schools whose complete result report arrived by the month's end."""
        return sum(1 for s in self.schools if s.report)


@dataclass(frozen=True)
class DistrictFile:
    """One input file: its figures, or the Thai reason it cannot be used."""

    name: str
    figures: DistrictFigures | None = None
    refused: str | None = None
    """Why the file cannot be used (unreadable, not a district workbook, no district or
    fiscal year), in Thai."""
    modified: datetime | None = None
    """When the file was last saved (a tie-break between two files of one district)."""
    district: str | None = None
    fiscal_year: int | None = None


def error_line(f: Finding) -> str:
    """A finding in one line: ``«การใช้จ่าย» ช่อง D7: …``."""
    return f"«{f.sheet}»" + (f" ช่อง {f.cell}" if f.cell else "") + f": {f.message}"


def latest_date(parsed: ParsedWorkbook) -> date | None:
    """The latest date the valid rows carry: purchases, plans and works sent, reports, steps
    finished, the monthly log."""
    days: list[date] = [p.date for p in parsed.purchases.valid]
    days += [a.submitted_on for a in parsed.activities.valid if a.submitted_on]
    days += [w.submitted_on for w in parsed.works.valid if w.submitted_on]
    days += [r.submitted_on for r in parsed.reports.valid]
    days += [s.completed_on for s in parsed.plan.valid if s.completed_on]
    days += [n.month for n in parsed.notes.valid]
    return max(days, default=None)


def _link(url: str | None) -> str | None:
    if url is None:
        return None
    parts = urlsplit(url)
    return url if parts.scheme.lower() in ("http", "https") and parts.netloc else None


def district_figures(checked: Checked, source: str) -> DistrictFigures:
    """Reduce one checked district workbook to its roll-up figures.

    Args:
        checked: The workbook checked for the roll-up's month (its district and fiscal year
            known).
        source: The file's name.

    Returns:
        The district's schools, selected works and figures.
    """
    parsed, figures, report = checked.parsed, checked.figures, checked.report
    project = figures.project
    assert project.district is not None and project.fiscal_year is not None
    district = project.district
    spending = {s.school_code: s for s in figures.spending.schools}
    setting = figures.settings.student_names
    students = Students(setting, figures.works)
    reports = {r.school_code: r for r in figures.school_reports}  # the last one sent
    schools = tuple(
        SchoolLine(district, k.school_code, k.school_name, k.size, a.amount,
                   spending[k.school_code].spent if k.school_code in spending else Decimal(0),
                   k.quota, k.selected, k.report, k.meets, k.reason,
                   students.maybe(r.summary) if (r := reports.get(k.school_code)) else None,
                   r.participants if r else None)
        for a, k in zip(figures.allocations, figures.kpi.schools, strict=True))
    names = {a.school_code: a.school_name for a in figures.allocations}
    works = tuple(
        WorkLine(district, w.school_code, names.get(w.school_code, ""), w.work_code,
                 students.text(w.title), w.work_type, students.names(w.students),
                 students.grade(w.grade), _link(w.link), w.submitted_on,
                 students.maybe(w.tools), w.advisor)
        for w in figures.works_selected)
    errors = [f for f in report.findings if f.severity is Severity.ERROR]
    return DistrictFigures(
        district=district, source=source, fiscal_year=project.fiscal_year, month=figures.month,
        as_of=figures.as_of, program=project.name or "", agency=project.agency or "",
        start_date=project.start_date, end_date=project.end_date,
        approved=project.approved_budget,
        kpi_target=project.kpi_target, schools=schools, works=works,
        spent=figures.spending.spent, planned=figures.progress.planned,
        actual=figures.progress.actual, verdict=figures.progress.verdict,
        errors=report.errors, warnings=report.warnings,
        first_errors=tuple(error_line(f) for f in errors[:FIRST_ERRORS]),
        data_until=latest_date(parsed), privacy=setting,
        district_from_agency="district" not in parsed.project.cells)


def _why(report: Findings, field: str) -> str:
    """The message of the finding that left a setting of ``โครงการ`` unknown."""
    title = sh.PROJECT.title(field)
    for f in report.findings:
        if f.sheet == sh.PROJECT.name and f.column == title:
            return f.message
    return f"ไม่พบ «{title}» ในชีต «{sh.PROJECT.name}»"  # pragma: no cover - always a finding


def read_district(raw: RawWorkbook, name: str, *, month: date | None, today: date,
                  modified: datetime | None = None) -> DistrictFile:
    """Check one district workbook for the roll-up and keep its figures.

    Args:
        raw: The file's sheets.
        name: The file's name (as the status sheet lists it).
        month: Any day of the month to count to; None: the month just ended, within the
            workbook's fiscal year (as ``learnworks run`` chooses without a month, but never
            from the district's own ``เดือนที่รายงาน``: every district is counted to the same
            month).
        today: The day of the roll-up.
        modified: When the file was saved.

    Returns:
        The file's figures, or why it cannot be used.
    """
    parsed, cell_findings = parse_workbook(raw)
    if not parsed.project.found:
        return DistrictFile(name, refused=NOT_A_DISTRICT.format(project=sh.PROJECT.name),
                            modified=modified)
    project = parsed.project_info
    cells = Findings(findings=cell_findings)
    if project.district is None:
        return DistrictFile(name, refused=NO_DISTRICT.format(why=_why(cells, "district")),
                            modified=modified, fiscal_year=project.fiscal_year)
    if project.fiscal_year is None:
        return DistrictFile(name, refused=NO_YEAR.format(why=_why(cells, "fiscal_year")),
                            modified=modified, district=project.district)
    when = month or default_month(project.fiscal_year, today)
    figures = district_figures(check_parsed(parsed, cells, when), name)
    return DistrictFile(name, figures, modified=modified, district=figures.district,
                        fiscal_year=figures.fiscal_year)
