"""Action-plan rules: weights add up to 100; a finished step says when it finished."""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal

from learnworks_xl.core import findings as fd
from learnworks_xl.core.cellerrors import display, named
from learnworks_xl.core.models import STEP_DONE
from learnworks_xl.core.workbook import ParsedWorkbook


def check_plan(wb: ParsedWorkbook) -> Iterator[fd.Finding]:
    """Plan weights sum to 100; steps marked done carry a completion date."""
    spec = wb.plan.spec
    rows = wb.plan.valid_rows()
    if rows and len(rows) == len(wb.plan.rows):
        total = sum((s.weight for _, s in rows), Decimal(0))
        if total != 100:
            title = spec.title("weight")
            last_row = rows[-1][0]
            yield fd.error(
                "plan-weights-sum", spec.name,
                f"{named(title)} รวมทุกขั้นตอนได้ {display(total)} ต้องรวมได้ 100 พอดี",
                cell=last_row.cell("weight"), column=title, value=total)
    for row, step in rows:
        if step.status == STEP_DONE and step.completed_on is None:
            title = spec.title("completed_on")
            yield fd.warning(
                "completion-date-missing", spec.name,
                f"ขั้นตอนที่ {step.step_no} มีสถานะ{STEP_DONE} แต่ยังไม่ได้กรอก {named(title)}",
                cell=row.cell("completed_on"), column=title)
