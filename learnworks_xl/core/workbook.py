"""The parsed workbook: every input sheet read and validated, ready for rules and reports."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from learnworks_xl.core import findings as fd
from learnworks_xl.core import models as m
from learnworks_xl.core import sheets as sh
from learnworks_xl.core.districts import district_from_agency
from learnworks_xl.core.grid import RawWorkbook
from learnworks_xl.core.table import (
    FindingBudget,
    KeyValue,
    Table,
    read_keyvalue,
    read_table,
)


@dataclass
class ParsedWorkbook:
    """All input sheets of one workbook, parsed. Invalid rows keep ``model=None``."""

    project: KeyValue[m.ProjectInfo]
    settings: KeyValue[m.Settings]
    sizes: Table[m.SchoolSize]
    schools: Table[m.School]
    plan: Table[m.PlanStep]
    activities: Table[m.SchoolActivityPlan]
    purchases: Table[m.Purchase]
    works: Table[m.StudentWork]
    reports: Table[m.ResultReport]
    risks: Table[m.Risk]
    notes: Table[m.MonthlyNote]

    def tables(self) -> list[Table[Any]]:
        """The table sheets, in workbook order."""
        return [self.sizes, self.schools, self.plan, self.activities, self.purchases,
                self.works, self.reports, self.risks, self.notes]

    @property
    def project_info(self) -> m.ProjectInfo:
        """The project's settings; a bad, empty or missing setting (or sheet) reads as None."""
        return self.project.model or m.ProjectInfo()

    @property
    def settings_or_default(self) -> m.Settings:
        """The settings, or the defaults when ``ตั้งค่า`` is missing or invalid."""
        return self.settings.model or m.Settings()


def parse_workbook(raw: RawWorkbook) -> tuple[ParsedWorkbook, list[fd.Finding]]:
    """Read and validate every input sheet, cell by cell (no cross-sheet rules yet).

    Args:
        raw: The sheets as read by an adapter.

    Returns:
        The parsed workbook and the per-cell findings, in sheet order.

    Raises:
        TooManyFindings: The cells hold more problems than ``raw.max_findings``.
    """
    found: list[fd.Finding] = []
    budget = None if raw.max_findings is None else FindingBudget(raw.max_findings, raw.source)

    def table(spec: sh.SheetSpec) -> Table[Any]:
        t, f = read_table(raw.sheets.get(spec.name), spec, budget)
        found.extend(f)
        return t

    def keyvalue(spec: sh.SheetSpec) -> KeyValue[Any]:
        kv, f = read_keyvalue(raw.sheets.get(spec.name), spec)
        found.extend(district_from_agency(kv, f) if spec is sh.PROJECT else f)
        return kv

    # Parse in workbook order so the findings come out in that order too.
    project = keyvalue(sh.PROJECT)
    sizes, schools, plan = table(sh.SIZES), table(sh.SCHOOLS), table(sh.PLAN)
    activities, purchases, works = table(sh.ACTIVITIES), table(sh.PURCHASES), table(sh.WORKS)
    reports, risks, notes = table(sh.RESULT_REPORTS), table(sh.RISKS), table(sh.NOTES)
    settings = keyvalue(sh.SETTINGS)
    parsed = ParsedWorkbook(project, settings, sizes, schools, plan, activities, purchases,
                            works, reports, risks, notes)
    return parsed, found
