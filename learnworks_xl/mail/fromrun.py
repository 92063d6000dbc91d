"""Fill the mail summary from a checked workbook, and pick the month to report.

Interim: until ``api.run`` (the finished workbook and its computed results) lands, the
e-mail job computes its few facts here from the parsed workbook — allocations with
:func:`~learnworks_xl.core.compute.allocation.allocate`, money spent from ``การใช้จ่าย``,
and the KPI from the selected works and the result reports (seed 10.1).
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from learnworks_xl import thai
from learnworks_xl.core.compute.allocation import allocate
from learnworks_xl.core.findings import Report
from learnworks_xl.core.workbook import ParsedWorkbook
from learnworks_xl.errors import ConfigError
from learnworks_xl.mail.summary import MailSummary


def report_month(month: str | date | None, parsed: ParsedWorkbook,
                 today: date | None = None) -> date:
    """The month to report: ``month`` if given, else ``เดือนที่รายงาน`` in ``ตั้งค่า``,
    else the current month.

    Args:
        month: As typed: ``2026-07``, ``07/2569``, ``ก.ค. 2569``… (see ``thai.parse_month``).
        parsed: The workbook (for its settings).
        today: The current day (for tests).

    Returns:
        The first day of the month.

    Raises:
        ConfigError: ``month`` is not a month.
    """
    if month is None:
        settings = parsed.settings_or_default
        if settings.report_month is not None:
            return settings.report_month.replace(day=1)
        return (today or date.today()).replace(day=1)
    try:
        year, mon = thai.parse_month(month)
    except thai.ThaiParseError as exc:
        raise ConfigError(exc.message_th, exc.message_en) from None
    return date(year, mon, 1)


def summary_from_parsed(parsed: ParsedWorkbook, report: Report, month: date) -> MailSummary:
    """The facts of the message, from a parsed and checked workbook.

    Args:
        parsed: The workbook's sheets.
        report: Its findings.
        month: The reported month.

    Returns:
        The summary; what cannot be computed (no project sheet, no schools) is ``None``.
    """
    project = parsed.project.model
    allocations = allocate(parsed.sizes.valid, parsed.schools.valid)
    amounts = [a.amount for a in allocations if a.amount is not None]
    spent = sum((p.amount for p in parsed.purchases.valid), Decimal(0))
    selected: dict[str, int] = {}
    for work in parsed.works.valid:
        if work.selected:
            selected[work.school_code] = selected.get(work.school_code, 0) + 1
    complete = {r.school_code for r in parsed.reports.valid if r.complete}
    met = sum(1 for a in allocations
              if a.quota is not None and selected.get(a.school_code, 0) >= a.quota
              and a.school_code in complete)
    total = len(allocations)
    kpi = Decimal(met * 100) / total if total else None
    target = project.kpi_target if project else None
    return MailSummary(
        program=project.name if project else "",
        agency=project.agency if project else "",
        month=month,
        kpi_percent=kpi,
        kpi_target=target,
        kpi_passed=None if kpi is None or target is None else kpi >= target,
        schools_met=met if total else None,
        schools_total=total or None,
        allocated=sum(amounts, Decimal(0)) if amounts else None,
        spent=spent,
        errors=report.errors,
        warnings=report.warnings,
    )
