"""Fill the mail summary from the results of :func:`learnworks_xl.api.run`.

The mail layer computes nothing itself: the KPI, the money and the findings are the run's,
so the e-mail and the finished workbook it carries always say the same.
"""

from __future__ import annotations

from learnworks_xl.core.pipeline import Results
from learnworks_xl.mail.summary import MailSummary


def summary_from_results(results: Results) -> MailSummary:
    """The facts of the message, from a run's results.

    Args:
        results: What :func:`learnworks_xl.core.pipeline.compute` computed.

    Returns:
        The summary; what cannot be computed (no project sheet, no schools) is ``None``.
    """
    project = results.project
    kpi = results.kpi
    spending = results.spending
    known = [a.amount for a in results.allocations if a.amount is not None]
    return MailSummary(
        program=project.name or "",
        agency=project.agency or "",
        month=results.month,
        kpi_percent=kpi.percent,
        kpi_target=kpi.target,
        kpi_passed=kpi.passed,
        schools_met=kpi.met if kpi.total else None,
        schools_total=kpi.total or None,
        allocated=spending.allocated if known else None,
        spent=spending.spent,
        disbursed=spending.percent,
        as_of=results.as_of,
        progress_planned=results.progress.planned,
        progress_actual=results.progress.actual,
        progress_verdict=results.progress.verdict,
        errors=results.report.errors,
        warnings=results.report.warnings,
    )
