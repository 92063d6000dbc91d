"""The KPI of seed 10.1: a school meets it when it sends its quota of selected works AND a
complete result report; KPI % = schools meeting ÷ all schools × 100 (two decimals, half-up),
against the target (ร้อยละ 95 in the seed) → ผ่าน / ไม่ผ่าน."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from learnworks_xl.core.compute.allocation import Allocation
from learnworks_xl.core.compute.numbers import percent
from learnworks_xl.core.models import ResultReport, StudentWork

#: Thai words of the verdicts (tested exactly).
MEETS, FAILS = "ผ่านเกณฑ์", "ไม่ผ่านเกณฑ์"
PASSED, FAILED = "ผ่าน", "ไม่ผ่าน"
REASON_MET = "ส่งผลงานครบและรายงานผลครบถ้วน"
REASON_NO_SIZE = "ไม่พบขนาดโรงเรียนในเกณฑ์ จึงไม่ทราบจำนวนผลงานที่ต้องส่ง"
REASON_NO_REPORT = "ยังไม่ได้ส่งรายงานผลการดำเนินงาน"
REASON_INCOMPLETE = "รายงานผลยังไม่ครบถ้วน"


def reason_short(selected: int, quota: int) -> str:
    """The reason for too few works: ``ส่งผลงาน 1 จาก 3 ผลงาน``."""
    return f"ส่งผลงาน {selected} จาก {quota} ผลงาน"


@dataclass(frozen=True)
class SchoolKpi:
    """One school against the KPI criteria."""

    school_code: str
    school_name: str
    size: str
    quota: int | None
    selected: int
    """Works the school selected to send (คัดสรรส่งสำนักการศึกษา = ใช่)."""
    report: bool | None
    """Result report: True complete, False incomplete, None not received."""
    meets: bool
    reason: str
    """Why, in Thai (several reasons joined by ``และ``)."""

    @property
    def verdict(self) -> str:
        """ผ่านเกณฑ์ / ไม่ผ่านเกณฑ์."""
        return MEETS if self.meets else FAILS


@dataclass(frozen=True)
class KpiResult:
    """The KPI of the project."""

    schools: list[SchoolKpi]
    target: Decimal | None
    """ค่าเป้าหมายตัวชี้วัด (ร้อยละ), None when unknown."""

    @property
    def met(self) -> int:
        """Schools that meet the criteria."""
        return sum(1 for s in self.schools if s.meets)

    @property
    def total(self) -> int:
        """All schools."""
        return len(self.schools)

    @property
    def percent(self) -> Decimal | None:
        """Met ÷ all × 100, two decimals half-up (None without schools)."""
        return percent(self.met, self.total)

    @property
    def passed(self) -> bool | None:
        """KPI % ≥ target (None when either is unknown)."""
        if self.percent is None or self.target is None:
            return None
        return self.percent >= self.target

    @property
    def verdict(self) -> str | None:
        """ผ่าน / ไม่ผ่าน (None when unknown)."""
        return None if self.passed is None else PASSED if self.passed else FAILED


def selected_works(works: list[StudentWork]) -> dict[str, int]:
    """Selected works per school code."""
    counts: dict[str, int] = {}
    for w in works:
        if w.selected:
            counts[w.school_code] = counts.get(w.school_code, 0) + 1
    return counts


def report_status(reports: list[ResultReport]) -> dict[str, bool]:
    """Per school code: True when any of its reports is complete, else False."""
    status: dict[str, bool] = {}
    for r in reports:
        status[r.school_code] = status.get(r.school_code, False) or r.complete
    return status


def school_kpi(alloc: Allocation, selected: int, report: bool | None) -> SchoolKpi:
    """Judge one school.

    Args:
        alloc: The school's allocation (its quota).
        selected: Works it selected to send.
        report: Its result report (True complete, False incomplete, None missing).

    Returns:
        The school's KPI line with the Thai reason.
    """
    reasons = []
    if alloc.quota is None:
        reasons.append(REASON_NO_SIZE)
    elif selected < alloc.quota:
        reasons.append(reason_short(selected, alloc.quota))
    if report is None:
        reasons.append(REASON_NO_REPORT)
    elif not report:
        reasons.append(REASON_INCOMPLETE)
    return SchoolKpi(alloc.school_code, alloc.school_name, alloc.size, alloc.quota, selected,
                     report, not reasons, " และ ".join(reasons) or REASON_MET)


def compute_kpi(allocations: list[Allocation], works: list[StudentWork],
                reports: list[ResultReport], target: Decimal | None) -> KpiResult:
    """The KPI over every school.

    Args:
        allocations: One per school (from :func:`~.allocation.allocate`).
        works: Valid rows of ``ผลงานนักเรียน``.
        reports: Valid rows of ``รายงานผลโรงเรียน``.
        target: The KPI target in percent.

    Returns:
        Per-school lines and the KPI.
    """
    counts = selected_works(works)
    status = report_status(reports)
    lines = [school_kpi(a, counts.get(a.school_code, 0), status.get(a.school_code))
             for a in allocations]
    return KpiResult(lines, target)
