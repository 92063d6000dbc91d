"""Plan progress at the end of a month: planned % from the steps' weights spread over their
months, actual % from what was done by the month's end.

Rules (the README states them):

* **Planned**: each step's weight is spread evenly over its planned months (เดือนเริ่ม …
  เดือนสิ้นสุด, both included); the planned % of a month is the sum, over the steps, of
  ``weight × months of the step up to that month ÷ months of the step``.
* **Actual**, per step, at the month's end:

  - finished (สถานะ เสร็จสิ้น and วันที่แล้วเสร็จ on or before that day): its whole weight;
    a finished step without a date counts as finished from its planned end month on, and as
    on schedule before it;
  - under way (กำลังดำเนินการ, or finished after that month) once its planned start month
    has come: for a step กำลังดำเนินการ, the office's own ``ความก้าวหน้าของขั้นตอน (ร้อยละ)``
    of its weight when that cell is filled (the office's estimate at the reported month's
    end); otherwise its planned share to date, except the share of its last planned
    month, which only finishing earns — so a step on schedule counts exactly as planned, and
    an overdue step counts what was due before its last month;
  - otherwise (ยังไม่เริ่ม, or before its planned start): nothing.

  Weights are taken as typed (they should add up to 100; a finding says so when they do not).
* **Status** (:attr:`Progress.verdict`), from actual − planned in percentage points, both
  rounded to two decimals: below 0 ล่าช้ากว่าแผน, 0 เป็นไปตามแผน, above 0 เร็วกว่าแผน.
"""

from __future__ import annotations

import calendar
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from learnworks_xl import thai
from learnworks_xl.core.compute.numbers import half_up
from learnworks_xl.core.models import STEP_DONE, STEP_STATUSES, PlanStep

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
    elapsed = sum(1 for m in months if m <= this)
    share = Decimal(elapsed) / len(months)
    last = months[-1]
    started = first_of(step.start_month) <= this
    if step.status == STEP_DONE and step.completed_on is None:
        finished = last <= this  # undated: on schedule
    else:
        finished = step.status == STEP_DONE and step.completed_on is not None \
            and step.completed_on <= end
    if finished:
        state, actual = DONE, step.weight
    elif started and step.status in (UNDER_WAY, STEP_DONE):
        state = UNDER_WAY
        if step.status == UNDER_WAY and step.percent_done is not None:
            actual = step.weight * step.percent_done / 100
        else:
            actual = step.weight * Decimal(min(elapsed, len(months) - 1)) / len(months)
    else:
        state, actual = NOT_STARTED, Decimal(0)
    return StepProgress(step, state, step.weight * share, actual,
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


def plan_months(fiscal_year: int, end: date | None = None) -> list[tuple[int, int]]:
    """The months a plan may use: ก.ย. of the year before … ก.ย. of the fiscal year
    (:func:`thai.gantt_months`), continued up to ``end``'s month when the project runs past
    the fiscal year into the next one (money carried over).

    Args:
        fiscal_year: The BE fiscal year.
        end: The project's end date, if known.

    Returns:
        ``(CE year, month)`` pairs, in order.
    """
    months = thai.gantt_months(fiscal_year)
    next_end = thai.fiscal_year_bounds(fiscal_year + 1)[1]  # a carry-over lasts a year at most
    if end is not None and (end.year, end.month) > months[-1] and end <= next_end:
        last = date(*months[-1], 1)
        months += [(m.year, m.month) for m in months_between(last, end)[1:]]
    return months


def sheet_due(plan: list[PlanStep], sheet: str, as_of: date | None,
              project_end: date | None) -> bool:
    """Whether the schools' rows of ``sheet`` are due by ``as_of``: the plan steps that track
    it (``ติดตามผลจากชีต``) have all reached the end of their planned end month; without such
    a step, the project's end date has been reached.

    Args:
        plan: Valid rows of ``แผนปฏิบัติการ``.
        sheet: A school sheet's name (``ผลงานนักเรียน``, ``รายงานผลโรงเรียน`` …).
        as_of: The day things are counted to; None: everything is due.
        project_end: วันสิ้นสุดโครงการ, if known.

    Returns:
        True when missing rows of ``sheet`` are to be reported.
    """
    if as_of is None:
        return True
    ends = [month_end(s.end_month) for s in plan if s.tracks == sheet]
    if ends:
        return max(ends) <= as_of
    return project_end is None or project_end <= as_of
