"""Plan progress for a month: planned % from the steps' weights spread over their months,
actual % from what was finished by the month's end.

Rules (documented in the README):

* **Planned**: each step's weight is spread evenly over its planned months (เดือนเริ่ม …
  เดือนสิ้นสุด, both included); the planned % of a month is the sum, over the steps, of
  ``weight × months of the step up to that month ÷ months of the step``.
* **Actual**: a step counts its whole weight once it is finished by the month's end (สถานะ
  เสร็จสิ้น and วันที่แล้วเสร็จ on or before that day; a finished step without a date counts as
  finished). A step under way at the month's end — สถานะ กำลังดำเนินการ, or finished after the
  month — counts **half** its weight (:data:`PARTIAL_CREDIT`) once its planned start month has
  come; otherwise it counts nothing. Weights are taken as typed (they should add up to 100; a
  finding says so when they do not).
"""

from __future__ import annotations

import calendar
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from learnworks_xl.core.compute.numbers import half_up
from learnworks_xl.core.models import STEP_DONE, STEP_STATUSES, PlanStep

#: Share of its weight a step earns while it is under way.
PARTIAL_CREDIT = Decimal("0.5")
NOT_STARTED, UNDER_WAY, DONE = STEP_STATUSES
#: Thai words of how the plan stands (tested exactly).
ON_PLAN, BEHIND_PLAN, AHEAD_OF_PLAN = "เป็นไปตามแผน", "ล่าช้ากว่าแผน", "เร็วกว่าแผน"


def month_end(month: date) -> date:
    """The last day of ``month``'s month."""
    return month.replace(day=calendar.monthrange(month.year, month.month)[1])


def first_of(d: date) -> date:
    """The first day of ``d``'s month."""
    return d.replace(day=1)


def months_between(start: date, end: date) -> list[date]:
    """First days of the months from ``start`` to ``end`` (both included; ``[start]`` when
    ``end`` is before ``start``)."""
    y, m = start.year, start.month
    out = [date(y, m, 1)]
    while (y, m) < (end.year, end.month):
        y, m = (y + 1, 1) if m == 12 else (y, m + 1)
        out.append(date(y, m, 1))
    return out


@dataclass(frozen=True)
class StepProgress:
    """One plan step at the end of the reported month."""

    step: PlanStep
    state: str
    """How the step stood at the month's end: ยังไม่เริ่ม / กำลังดำเนินการ / เสร็จสิ้น."""
    planned: Decimal
    """Weight planned to be done by the month's end."""
    actual: Decimal
    """Weight earned by the month's end."""
    due: bool
    """The step's planned end month is the reported month."""
    overdue: bool
    """The step should have finished before the reported month and has not."""

    @property
    def done(self) -> bool:
        """Finished by the month's end."""
        return self.state == DONE

    @property
    def late(self) -> bool | None:
        """Finished after its planned end month (None while unfinished or undated)."""
        c = self.step.completed_on
        if self.step.status != STEP_DONE or c is None:
            return None
        return first_of(c) > first_of(self.step.end_month)


@dataclass(frozen=True)
class Progress:
    """The plan at the end of one month."""

    month: date
    steps: list[StepProgress]

    @property
    def planned(self) -> Decimal:
        """Planned % (cumulative), two decimals half-up."""
        return half_up(sum((s.planned for s in self.steps), Decimal(0)))

    @property
    def actual(self) -> Decimal:
        """Actual % (cumulative), two decimals half-up."""
        return half_up(sum((s.actual for s in self.steps), Decimal(0)))

    @property
    def gap(self) -> Decimal:
        """Actual − planned."""
        return self.actual - self.planned

    @property
    def verdict(self) -> str:
        """เป็นไปตามแผน / ล่าช้ากว่าแผน / เร็วกว่าแผน."""
        return ON_PLAN if self.gap == 0 else BEHIND_PLAN if self.gap < 0 else AHEAD_OF_PLAN

    @property
    def done(self) -> list[StepProgress]:
        """Steps finished by the month's end."""
        return [s for s in self.steps if s.done]

    @property
    def due(self) -> list[StepProgress]:
        """Steps planned to end in the month."""
        return [s for s in self.steps if s.due]

    @property
    def overdue(self) -> list[StepProgress]:
        """Steps past their planned end and not finished."""
        return [s for s in self.steps if s.overdue]


def step_progress(step: PlanStep, month: date) -> StepProgress:
    """Where one step stands at the end of ``month``.

    Args:
        step: A valid plan row.
        month: Any day of the reported month.

    Returns:
        The step's state, planned and actual weight.
    """
    this, end = first_of(month), month_end(month)
    months = months_between(step.start_month, step.end_month)
    share = Decimal(sum(1 for m in months if m <= this)) / len(months)
    started = first_of(step.start_month) <= this
    finished = step.status == STEP_DONE and (step.completed_on is None
                                              or step.completed_on <= end)
    if finished:
        state, credit = DONE, Decimal(1)
    elif started and (step.status == UNDER_WAY or step.status == STEP_DONE):
        state, credit = UNDER_WAY, PARTIAL_CREDIT
    else:
        state, credit = NOT_STARTED, Decimal(0)
    last = months[-1]
    return StepProgress(step, state, step.weight * share, step.weight * credit,
                        due=last == this, overdue=last < this and not finished)


def compute_progress(plan: list[PlanStep], month: date) -> Progress:
    """The plan's progress at the end of ``month``.

    Args:
        plan: Valid rows of ``แผนปฏิบัติการ``.
        month: Any day of the reported month.

    Returns:
        Every step's standing and the planned and actual %.
    """
    return Progress(first_of(month), [step_progress(s, month) for s in plan])
