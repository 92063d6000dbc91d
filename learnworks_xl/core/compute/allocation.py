"""Each school's money and works quota, from its size (seed section 7); totals per size and
the check against the approved budget (seed: 2 × 15,100 + 3 × 13,100 = 69,500)."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from learnworks_xl.core.models import School, SchoolSize


@dataclass(frozen=True)
class Allocation:
    """What one school receives: money and the number of works it must send."""

    school_code: str
    school_name: str
    size: str
    amount: Decimal | None
    """None when the school's size is not in the criteria."""
    quota: int | None


@dataclass(frozen=True)
class SizeTotal:
    """One line of the seed's budget table: ``size × count × rate``."""

    size: str
    schools: int
    rate: Decimal
    """Money per school of this size."""
    quota: int
    """Works each school of this size sends."""

    @property
    def amount(self) -> Decimal:
        """``schools × rate``."""
        return self.rate * self.schools

    @property
    def works(self) -> int:
        """``schools × quota``."""
        return self.quota * self.schools


@dataclass(frozen=True)
class BudgetCheck:
    """The allocations against the approved budget."""

    allocated: Decimal
    """Sum of the known allocations."""
    approved: Decimal | None
    """The approved budget, None when ``โครงการ`` has no valid value."""
    unallocated_schools: int
    """Schools whose size is not in the criteria (no allocation)."""

    @property
    def difference(self) -> Decimal | None:
        """``allocated − approved`` (None when the approved budget is unknown)."""
        return None if self.approved is None else self.allocated - self.approved

    @property
    def matches(self) -> bool:
        """True when every school is allocated and the sum equals the approved budget."""
        return self.difference == 0 and self.unallocated_schools == 0


def size_table(sizes: list[SchoolSize]) -> dict[str, SchoolSize]:
    """Criteria by size name (the first row wins when a size is listed twice)."""
    table: dict[str, SchoolSize] = {}
    for s in sizes:
        table.setdefault(s.size, s)
    return table


def allocate(sizes: list[SchoolSize], schools: list[School]) -> list[Allocation]:
    """Return one allocation per school, in the order of the schools.

    Args:
        sizes: The rows of ``เกณฑ์ขนาดโรงเรียน``.
        schools: The rows of ``โรงเรียน``.

    Returns:
        The allocations, one per school row.
    """
    by_size = size_table(sizes)
    result = []
    for school in schools:
        crit = by_size.get(school.size)
        result.append(Allocation(
            school.code, school.name, school.size,
            crit.budget_per_school if crit else None,
            crit.works_required if crit else None,
        ))
    return result


def total_allocated(allocations: list[Allocation]) -> Decimal:
    """Sum of the known allocations."""
    return sum((a.amount for a in allocations if a.amount is not None), Decimal(0))


def size_totals(sizes: list[SchoolSize], allocations: list[Allocation]) -> list[SizeTotal]:
    """Totals per size, in the order of the criteria (sizes without schools left out).

    Args:
        sizes: The rows of ``เกณฑ์ขนาดโรงเรียน``.
        allocations: The result of :func:`allocate`.

    Returns:
        One line per size that has schools.
    """
    counts: dict[str, int] = {}
    for a in allocations:
        if a.amount is not None:
            counts[a.size] = counts.get(a.size, 0) + 1
    return [SizeTotal(s.size, counts[s.size], s.budget_per_school, s.works_required)
            for s in size_table(sizes).values() if counts.get(s.size)]


def check_budget(allocations: list[Allocation], approved: Decimal | None) -> BudgetCheck:
    """Compare the allocations with the approved budget.

    Args:
        allocations: The result of :func:`allocate`.
        approved: ``งบประมาณที่ได้รับอนุมัติ (บาท)`` of ``โครงการ``, if known.

    Returns:
        The sums and whether they match.
    """
    missing = sum(1 for a in allocations if a.amount is None)
    return BudgetCheck(total_allocated(allocations), approved, missing)
