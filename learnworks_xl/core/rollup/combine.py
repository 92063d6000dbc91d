"""The roll-up's rules: which file of which district counts, and the city's figures.

:func:`roll_up` is pure: every input file's :class:`~.district.DistrictFile` in, one
:class:`Rollup` out. The rules (README "Roll-up"):

* schools are keyed by (district, school code): codes may repeat across districts;
* the fiscal year is ``--fiscal-year``, else the year most files are of (on a tie the one
  that contains the day of the roll-up, else the later one); a file of another year is
  refused and listed;
* two files of one district: the one whose data is later is used (then the one without
  errors, then the one saved later, then the one given later) and the other is listed with
  the rule that chose, never both counted;
* a file with errors counts its valid rows and is marked ฉบับร่าง;
* a file that cannot be used (unreadable, not a district workbook, no district or fiscal
  year) is listed with its Thai reason; nothing stops the roll-up.

The city's figures are sums over the districts used; the KPI is schools meeting ÷ all schools
× 100 over the whole city, the progress the mean of the districts' (each district's plan
counts alike).
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from typing import Literal

from learnworks_xl import thai
from learnworks_xl.core.compute.numbers import half_up, percent
from learnworks_xl.core.compute.progress import AHEAD_OF_PLAN, BEHIND_PLAN, ON_PLAN, month_end
from learnworks_xl.core.districts import DISTRICTS, order
from learnworks_xl.core.rollup.district import DistrictFigures, DistrictFile, SchoolLine, WorkLine

Status = Literal["accepted", "draft", "replaced", "refused"]
#: The words of each status in ``สถานะการส่งข้อมูล`` (tested exactly).
STATUS_WORDS: dict[Status, str] = {
    "accepted": "ใช้ข้อมูล",
    "draft": "ใช้ข้อมูล (ฉบับร่าง)",
    "replaced": "ไม่ใช้ (มีไฟล์ที่ใหม่กว่า)",
    "refused": "ไม่ใช้",
}


@dataclass(frozen=True)
class FileStatus:
    """What the roll-up did with one input file."""

    name: str
    district: str | None
    fiscal_year: int | None
    status: Status
    detail: str
    """Why, in Thai: the reason of a refusal, the newer file, or a draft's errors."""

    @property
    def used(self) -> bool:
        """The file's figures are counted."""
        return self.status in ("accepted", "draft")

    @property
    def words(self) -> str:
        """The status in Thai."""
        return STATUS_WORDS[self.status]


@dataclass(frozen=True)
class Rollup:
    """Every district's figures and the city's, as of one month, and every file's fate."""

    fiscal_year: int | None
    month: date | None
    """First day of the month counted to (None when no file was used)."""
    districts: tuple[DistrictFigures, ...]
    """The districts used, in the BMA's order."""
    files: tuple[FileStatus, ...]
    """Every input file, in the order given."""
    generated_at: datetime | None = None
    chosen_by: Literal["given", "majority"] = "majority"
    """How the fiscal year was chosen."""

    # ---------------------------------------------------------------- who sent what
    @property
    def as_of(self) -> date | None:
        """The last day counted (the month's last day)."""
        return None if self.month is None else month_end(self.month)

    @property
    def missing(self) -> tuple[str, ...]:
        """The districts of the 50 that sent nothing the roll-up could use, in the BMA's
        order (not those that sent a file of another fiscal year: :attr:`other_year`)."""
        have = {d.district for d in self.districts} | set(self.other_year)
        return tuple(d for d in DISTRICTS if d not in have)

    @property
    def other_year(self) -> dict[str, tuple[int, ...]]:
        """The districts not in the roll-up that sent a file of another fiscal year only, in
        the BMA's order, with those years (lowest first)."""
        have = {d.district for d in self.districts}
        years: dict[str, set[int]] = {}
        for f in self.files:
            if (f.status == "refused" and f.district in DISTRICTS and f.district not in have
                    and f.fiscal_year is not None and f.fiscal_year != self.fiscal_year):
                years.setdefault(f.district, set()).add(f.fiscal_year)
        return {d: tuple(sorted(years[d])) for d in DISTRICTS if d in years}

    @property
    def drafts(self) -> tuple[DistrictFigures, ...]:
        """Districts whose file has errors (counted from their valid rows)."""
        return tuple(d for d in self.districts if d.draft)

    @property
    def refused(self) -> tuple[FileStatus, ...]:
        """Files not used because they could not be (not the older file of a district)."""
        return tuple(f for f in self.files if f.status == "refused")

    @property
    def program(self) -> str:
        """The program's name, as most districts typed it."""
        names = Counter(d.program for d in self.districts if d.program)
        return names.most_common(1)[0][0] if names else ""

    # ---------------------------------------------------------------- the city's figures
    @property
    def schools(self) -> tuple[SchoolLine, ...]:
        """Every school, district by district."""
        return tuple(s for d in self.districts for s in d.schools)

    @property
    def works(self) -> tuple[WorkLine, ...]:
        """Every selected work, district by district."""
        return tuple(w for d in self.districts for w in d.works)

    @property
    def school_count(self) -> int:
        """All schools of the districts used."""
        return sum(len(d.schools) for d in self.districts)

    @property
    def met(self) -> int:
        """Schools meeting the KPI."""
        return sum(d.met for d in self.districts)

    @property
    def kpi(self) -> Decimal | None:
        """The city's KPI: schools meeting ÷ all schools × 100, two decimals half-up."""
        return percent(self.met, self.school_count)

    @property
    def kpi_targets(self) -> tuple[Decimal, ...]:
        """The districts' KPI targets, each once, lowest first."""
        return tuple(sorted({d.kpi_target for d in self.districts if d.kpi_target is not None}))

    @property
    def kpi_target(self) -> Decimal | None:
        """The KPI target when every district has the same one (else None)."""
        targets = self.kpi_targets
        known = all(d.kpi_target is not None for d in self.districts)
        return targets[0] if len(targets) == 1 and known else None

    @property
    def kpi_passed(self) -> bool | None:
        """The city's KPI against the common target (None when unknown or targets differ)."""
        if self.kpi is None or self.kpi_target is None:
            return None
        return self.kpi >= self.kpi_target

    @property
    def approved(self) -> Decimal:
        """The districts' approved budgets (known ones)."""
        return sum((d.approved for d in self.districts if d.approved is not None), Decimal(0))

    @property
    def allocated(self) -> Decimal:
        """Money allocated to the schools."""
        return sum((d.allocated for d in self.districts), Decimal(0))

    @property
    def spent(self) -> Decimal:
        """Money spent by the month's end."""
        return sum((d.spent for d in self.districts), Decimal(0))

    @property
    def disbursed(self) -> Decimal | None:
        """Spent ÷ allocated × 100, two decimals half-up."""
        return percent(self.spent, self.allocated)

    @property
    def works_required(self) -> int:
        """Works all schools must send."""
        return sum(d.works_required for d in self.districts)

    @property
    def works_selected(self) -> int:
        """Works selected and sent by the month's end."""
        return sum(d.works_selected for d in self.districts)

    @property
    def reports_received(self) -> int:
        """Schools whose result report arrived."""
        return sum(d.reports_received for d in self.districts)

    @property
    def reports_complete(self) -> int:
        """Schools whose complete result report arrived."""
        return sum(d.reports_complete for d in self.districts)

    @property
    def planned(self) -> Decimal | None:
        """Planned progress: the mean of the districts', two decimals half-up."""
        return _mean([d.planned for d in self.districts])

    @property
    def actual(self) -> Decimal | None:
        """Actual progress: the mean of the districts', two decimals half-up."""
        return _mean([d.actual for d in self.districts])

    @property
    def verdict(self) -> str | None:
        """The city's progress against plan (as a district's: actual − planned)."""
        if self.planned is None or self.actual is None:
            return None
        gap = self.actual - self.planned
        return ON_PLAN if gap == 0 else BEHIND_PLAN if gap < 0 else AHEAD_OF_PLAN

    @property
    def errors(self) -> int:
        """Errors in the files used."""
        return sum(d.errors for d in self.districts)

    @property
    def warnings(self) -> int:
        """Warnings in the files used."""
        return sum(d.warnings for d in self.districts)


def other_year_words(years: tuple[int, ...]) -> str:
    """What a district that sent only files of another fiscal year did, in Thai:
    ``ส่งไฟล์ปีงบประมาณอื่น (พ.ศ. 2570)``."""
    return f"ส่งไฟล์ปีงบประมาณอื่น (พ.ศ. {', '.join(str(y) for y in years)})"


def other_year_line(rollup: Rollup) -> str | None:
    """``ส่งไฟล์ปีงบประมาณอื่น 1 เขต: ดุสิต (พ.ศ. 2570)``, or None when no district did."""
    other = rollup.other_year
    if not other:
        return None
    named = ", ".join(f"{d} (พ.ศ. {', '.join(str(y) for y in years)})"
                      for d, years in other.items())
    return f"ส่งไฟล์ปีงบประมาณอื่น {len(other)} เขต: {named}"


def _mean(values: list[Decimal]) -> Decimal | None:
    return half_up(sum(values, Decimal(0)) / len(values)) if values else None


def majority_year(files: list[DistrictFile], today: date | None = None) -> int | None:
    """The fiscal year most usable files are of; on a tie the year that contains ``today``
    (the roll-up's day), else the later year."""
    years = Counter(f.figures.fiscal_year for f in files if f.figures is not None)
    if not years:
        return None
    current = thai.fiscal_year(today) if today is not None else None
    return max(years, key=lambda y: (years[y], y == current, y))


def _rank(i: int, f: DistrictFile) -> tuple[date, bool, float, int]:
    """What makes one of two files of a district the one used: later data, then the copy
    without errors, then saved later, then given later."""
    assert f.figures is not None
    saved = f.modified.timestamp() if f.modified is not None else float("-inf")
    return (f.figures.data_until or date.min, not f.figures.draft, saved, i)


def _newer(a: tuple[int, DistrictFile], b: tuple[int, DistrictFile]) -> bool:
    """True when file ``a`` (index, file) is used rather than ``b`` (:func:`_rank`)."""
    return _rank(*a) > _rank(*b)


#: Why the file used was chosen over another of the same district's data date (by rule).
SAME_DATE = {1: "ข้อมูลถึงวันเดียวกัน ใช้ไฟล์ที่ไม่มีข้อผิดพลาด",
             2: "ข้อมูลถึงวันเดียวกัน ใช้ไฟล์ที่บันทึกล่าสุด",
             3: "ข้อมูลถึงวันเดียวกัน บันทึกเวลาเดียวกัน ใช้ไฟล์ที่ระบุไว้ทีหลัง"}


def _chosen_because(used: tuple[int, DistrictFile], other: tuple[int, DistrictFile]) -> str:
    """The rule of :func:`_rank` that chose ``used`` over ``other``, in Thai."""
    ku, ko = _rank(*used), _rank(*other)
    if ku[0] != ko[0]:
        return f"ข้อมูลถึง {_day(ku[0])} ไฟล์นี้ข้อมูลถึง {_day(ko[0])}"
    rule = next(k for k in (1, 2, 3) if ku[k] != ko[k])
    return SAME_DATE[rule]


def _day(d: date | None) -> str:
    return "-" if d is None else thai.format_thai_date(d, "abbr")


def roll_up(files: list[DistrictFile], *, fiscal_year: int | None = None,
            generated_at: datetime | None = None) -> Rollup:
    """Roll the districts' files up into the city's figures.

    Args:
        files: Every input file, in the order given (each read by
            :func:`~.district.read_district` for the same month).
        fiscal_year: The BE fiscal year to roll up; None: the year most files are of (on a
            tie the one containing ``generated_at``'s day, else the later one).
        generated_at: When the roll-up ran.

    Returns:
        The districts used (in the BMA's order), the city's figures and every file's status.
    """
    today = generated_at.date() if generated_at is not None else None
    year = fiscal_year if fiscal_year is not None else majority_year(files, today)
    chosen_by: Literal["given", "majority"] = "given" if fiscal_year is not None else "majority"
    newest: dict[str, tuple[int, DistrictFile]] = {}
    for i, f in enumerate(files):
        if f.figures is None or f.figures.fiscal_year != year:
            continue
        current = newest.get(f.figures.district)
        if current is None or _newer((i, f), current):
            newest[f.figures.district] = (i, f)
    used = {id(f) for _i, f in newest.values()}
    statuses = [_status(i, f, year, chosen_by, newest, used) for i, f in enumerate(files)]
    districts = sorted((f.figures for _i, f in newest.values() if f.figures is not None),
                       key=lambda d: order(d.district))
    month = districts[0].month if districts else None
    return Rollup(year, month, tuple(districts), tuple(statuses), generated_at, chosen_by)


def _status(i: int, f: DistrictFile, year: int | None, chosen_by: str,
            newest: dict[str, tuple[int, DistrictFile]], used: set[int]) -> FileStatus:
    fig = f.figures
    district = fig.district if fig else f.district
    fy = fig.fiscal_year if fig else f.fiscal_year
    if fig is None:
        return FileStatus(f.name, district, fy, "refused", f.refused or "")
    if fig.fiscal_year != year:
        how = "ที่กำหนดให้รวบรวม" if chosen_by == "given" else "ของไฟล์ส่วนใหญ่"
        return FileStatus(f.name, district, fy, "refused",
                          f"เป็นข้อมูลปีงบประมาณ พ.ศ. {fig.fiscal_year} ไม่ใช่ปีงบประมาณ "
                          f"พ.ศ. {year} {how} จึงไม่นำมารวม")
    if id(f) not in used:
        chosen = newest[fig.district]
        return FileStatus(f.name, district, fy, "replaced",
                          f"ใช้ไฟล์ {chosen[1].name} ของสำนักงานเขต{fig.district}แทน "
                          f"({_chosen_because(chosen, (i, f))}) ไม่นับซ้ำ")
    if fig.draft:
        detail = (f"ฉบับร่าง: ข้อผิดพลาด {fig.errors} รายการ นับเฉพาะแถวที่ถูกต้อง เช่น "
                  + " | ".join(fig.first_errors))
        return FileStatus(f.name, district, fy, "draft", detail)
    detail = f"คำเตือน {fig.warnings} รายการ" if fig.warnings else ""
    if fig.district_from_agency:
        detail = ("สำนักงานเขตอ่านจาก «หน่วยงานที่รับผิดชอบ» (สมุดงานรุ่นก่อนมีหัวข้อ «สำนักงานเขต»)"
                  + (f" {detail}" if detail else ""))
    return FileStatus(f.name, district, fy, "accepted", detail)
