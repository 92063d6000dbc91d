"""Cross-sheet rules of SPEC, one concern per module. Each takes the parsed workbook (and,
for the rules on figures, the figures) and yields findings; :mod:`learnworks_xl.core.validate`
runs the row rules, computes the figures from the rows they leave valid, then runs the rules
on the figures."""

from __future__ import annotations

from collections.abc import Callable, Iterable

from learnworks_xl.core.findings import Finding
from learnworks_xl.core.pipeline import Figures
from learnworks_xl.core.rules import dates, keys, kpi, money, plan
from learnworks_xl.core.workbook import ParsedWorkbook

RowRule = Callable[[ParsedWorkbook], Iterable[Finding]]
FigureRule = Callable[[ParsedWorkbook, Figures], Iterable[Finding]]

#: Rules about rows and references (no figures needed). An error they report on a row of the
#: schools' sheets leaves that row out of every figure (a draft counts only valid rows).
ROW_RULES: tuple[RowRule, ...] = (
    keys.check_keys,
    keys.check_references,
    money.check_purchase_amounts,
    dates.check_periods,
    dates.check_dates_in_year,
    dates.check_report_month,
    plan.check_plan,
)
#: Rules on the figures (computed once, from the valid rows).
FIGURE_RULES: tuple[FigureRule, ...] = (
    money.check_allocations,
    money.check_overspend,
    kpi.check_kpi_inputs,
)


def run_row_rules(wb: ParsedWorkbook) -> list[Finding]:
    """Every rule about rows and references, in the order its findings are listed."""
    return [f for rule in ROW_RULES for f in rule(wb)]


def run_figure_rules(wb: ParsedWorkbook, figures: Figures) -> list[Finding]:
    """Every rule on the figures (:func:`~learnworks_xl.core.pipeline.compute`): the rules
    read the one computation of the command, never compute again."""
    return [f for rule in FIGURE_RULES for f in rule(wb, figures)]
