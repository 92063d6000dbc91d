"""The validation report as a readable Thai table, grouped by sheet (for the terminal)."""

from __future__ import annotations

from itertools import groupby

from learnworks_xl.core.findings import Findings, Severity
from learnworks_xl.core.sheets import ALL_SHEETS
from learnworks_xl.core.wording import ERROR_WORD, SEVERITY_WORDS, WARNING_WORD


def format_report(report: Findings, name: str) -> str:
    """Return the report as lines grouped by sheet, ending with a one-line summary.

    Args:
        report: The findings.
        name: The workbook's file name, for the summary line.
    """
    lines: list[str] = []
    order = {spec.name: i for i, spec in enumerate(ALL_SHEETS)}
    findings = sorted(report.findings, key=lambda f: (order.get(f.sheet, len(order)), f.position))
    for sheet, group in groupby(findings, key=lambda f: f.sheet):
        items = list(group)
        errors = sum(1 for f in items if f.severity is Severity.ERROR)
        lines.append(f"ชีต «{sheet}»: {ERROR_WORD} {errors} {WARNING_WORD} {len(items) - errors}")
        for f in items:
            where = f.cell or "-"
            lines.append(f"  {SEVERITY_WORDS[f.severity]}  {where:<6} {f.message}  [{f.code}]")
        lines.append("")
    verdict = "ผ่าน" if report.valid else "ไม่ผ่าน"
    lines.append(
        f"ผลการตรวจสอบ {name}: {verdict} "
        f"({ERROR_WORD} {report.errors} รายการ, {WARNING_WORD} {report.warnings} รายการ)"
    )
    return "\n".join(lines) + "\n"
