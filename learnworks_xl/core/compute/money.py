"""Money spent per school and overall, and the share of the allocation disbursed."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from learnworks_xl.core.compute.allocation import Allocation
from learnworks_xl.core.compute.numbers import percent
from learnworks_xl.core.models import Purchase


@dataclass(frozen=True)
class SchoolSpending:
    """One school's allocation and what it spent."""

    school_code: str
    school_name: str
    allocated: Decimal | None
    spent: Decimal
    purchases: int

    @property
    def remaining(self) -> Decimal | None:
        """Allocation − spent (None without an allocation)."""
        return None if self.allocated is None else self.allocated - self.spent

    @property
    def percent(self) -> Decimal | None:
        """Spent ÷ allocated × 100 (None without an allocation)."""
        return None if not self.allocated else percent(self.spent, self.allocated)


@dataclass(frozen=True)
class Spending:
    """Money allocated and spent, per school and overall (up to a day, or all)."""

    schools: list[SchoolSpending]
    unassigned: Decimal
    """Spent on purchases whose school code is not a school of the workbook."""
    until: date | None = None
    """The last day counted (None: every purchase)."""

    @property
    def allocated(self) -> Decimal:
        """All known allocations."""
        return sum((s.allocated for s in self.schools if s.allocated is not None), Decimal(0))

    @property
    def spent(self) -> Decimal:
        """Everything spent, including purchases of unknown schools."""
        return sum((s.spent for s in self.schools), Decimal(0)) + self.unassigned

    @property
    def remaining(self) -> Decimal:
        """Allocated − spent."""
        return self.allocated - self.spent

    @property
    def percent(self) -> Decimal | None:
        """ร้อยละการเบิกจ่าย: spent ÷ allocated × 100, two decimals half-up."""
        return percent(self.spent, self.allocated)


def compute_spending(allocations: list[Allocation], purchases: list[Purchase],
                     until: date | None = None, since: date | None = None) -> Spending:
    """Sum the purchases per school.

    Args:
        allocations: One per school.
        purchases: Valid rows of ``การใช้จ่าย``.
        until: Count purchases up to and including this day (None: all).
        since: Count purchases from this day on (None: from the start).

    Returns:
        The spending per school (in school order) and overall.
    """
    spent: dict[str, Decimal] = {}
    count: dict[str, int] = {}
    for p in purchases:
        if (until is not None and p.date > until) or (since is not None and p.date < since):
            continue
        spent[p.school_code] = spent.get(p.school_code, Decimal(0)) + p.amount
        count[p.school_code] = count.get(p.school_code, 0) + 1
    known = {a.school_code for a in allocations}
    schools, seen = [], set()
    for a in allocations:
        first = a.school_code not in seen  # a duplicated code does not count twice
        seen.add(a.school_code)
        schools.append(SchoolSpending(
            a.school_code, a.school_name, a.amount,
            spent.get(a.school_code, Decimal(0)) if first else Decimal(0),
            count.get(a.school_code, 0) if first else 0))
    unassigned = sum((v for k, v in spent.items() if k not in known), Decimal(0))
    return Spending(schools, unassigned, until)
