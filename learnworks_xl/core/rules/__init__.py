"""Cross-sheet rules of SPEC, one concern per module. Each takes the parsed workbook and
yields findings; :func:`run_rules` runs them all."""

from __future__ import annotations

from collections.abc import Callable, Iterable

from learnworks_xl.core.findings import Finding
from learnworks_xl.core.pipeline import Figures
from learnworks_xl.core.rules import dates, keys, kpi, money, plan
from learnworks_xl.core.workbook import ParsedWorkbook

Rule = Callable[[ParsedWorkbook, Figures], Iterable[Finding]]

#: Every cross-sheet rule, in the order its findings are listed.
RULES: tuple[Rule, ...] = (
    keys.check_keys,
    keys.check_references,
    money.check_allocations,
    money.check_purchase_amounts,
    money.check_overspend,
    dates.check_periods,
    dates.check_dates_in_year,
    plan.check_plan,
    kpi.check_kpi_inputs,
)


def run_rules(wb: ParsedWorkbook, figures: Figures) -> list[Finding]:
    """Run every cross-sheet rule and return all findings.

    Args:
        wb: The parsed workbook.
        figures: Its figures (:func:`~learnworks_xl.core.pipeline.compute`): the rules read
            the one computation of the command, never compute again.
    """
    return [f for rule in RULES for f in rule(wb, figures)]
