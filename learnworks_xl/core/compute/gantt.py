"""The action plan's Gantt grid: the months ก.ย. of the year before … ก.ย. of the fiscal
year (``thai.gantt_months``), the planned months of each step, and the month it was finished.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from learnworks_xl import thai
from learnworks_xl.core.compute.progress import first_of, months_between
from learnworks_xl.core.models import STEP_DONE, PlanStep


@dataclass(frozen=True)
class GanttRow:
    """One step of the grid."""

    step: PlanStep
    planned: tuple[bool, ...]
    """One flag per month of the grid."""
    done: int | None
    """Index of the month the step was finished, None when unfinished or outside the grid."""


@dataclass(frozen=True)
class Gantt:
    """The grid of a fiscal year."""

    months: list[date]
    """First days of the 13 months."""
    rows: list[GanttRow]

    def labels(self) -> list[str]:
        """Column labels: ``ก.ย. 68``, ``ต.ค. 68`` … (abbreviated month, short BE year)."""
        return [f"{thai.month_name(m.month, 'abbr')} {thai.ce_to_be(m.year) % 100:02d}"
                for m in self.months]


def compute_gantt(plan: list[PlanStep], fiscal_year: int) -> Gantt:
    """The Gantt grid of the plan.

    Args:
        plan: Valid rows of ``แผนปฏิบัติการ``.
        fiscal_year: The BE fiscal year (2569).

    Returns:
        Planned months per step and the month each finished step was finished.
    """
    months = [date(y, m, 1) for y, m in thai.gantt_months(fiscal_year)]
    rows = []
    for step in plan:
        planned = set(months_between(step.start_month, step.end_month))
        done = None
        if step.status == STEP_DONE and step.completed_on is not None:
            finished = first_of(step.completed_on)
            done = months.index(finished) if finished in months else None
        rows.append(GanttRow(step, tuple(m in planned for m in months), done))
    return Gantt(months, rows)
