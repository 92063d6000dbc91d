"""Each school's money and works quota, from its size (seed section 7)."""

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
