"""What the e-mail says about the month: a small summary that the run's result fills.

The mail layer does not compute anything; :func:`learnworks_xl.api.email` fills a
:class:`MailSummary` from the result of :func:`learnworks_xl.api.run`, and the tests fill one
by hand.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

_DISTRICT_OFFICE = re.compile(r"สำนักงานเขต[^\s,()]+")
_DISTRICT = re.compile(r"เขต[^\s,()]+")


@dataclass(frozen=True)
class MailSummary:
    """The facts the message reports.

    Attributes:
        program: The project's name (``ชื่อโครงการ``), with or without the word โครงการ.
        agency: The responsible agency (``หน่วยงานที่รับผิดชอบ``); the district comes from it.
        month: Any day of the reported month.
        kpi_percent: The KPI in percent, or ``None`` when it cannot be computed yet.
        kpi_target: The KPI target in percent.
        kpi_passed: Whether the KPI meets its target (``None``: unknown).
        schools_met: Schools that meet the KPI criteria.
        schools_total: All schools of the program.
        allocated: Money allocated to the schools, in baht.
        spent: Money spent by the schools, in baht.
        disbursed: Spent ÷ allocated × 100 as the workbook rounds it (two decimals, half-up).
        as_of: The last day the figures count (the reported month's last day).
        progress_planned: The plan's progress due by then, in percent.
        progress_actual: The plan's progress made by then, in percent.
        progress_verdict: เป็นไปตามแผน / ล่าช้ากว่าแผน / เร็วกว่าแผน.
        errors: Error findings of the check.
        warnings: Warning findings of the check.
    """

    program: str
    agency: str
    month: date
    kpi_percent: Decimal | None = None
    kpi_target: Decimal | None = None
    kpi_passed: bool | None = None
    schools_met: int | None = None
    schools_total: int | None = None
    allocated: Decimal | None = None
    spent: Decimal | None = None
    disbursed: Decimal | None = None
    as_of: date | None = None
    progress_planned: Decimal | None = None
    progress_actual: Decimal | None = None
    progress_verdict: str | None = None
    errors: int = 0
    warnings: int = 0

    @property
    def provisional(self) -> bool:
        """The workbook has errors: its reports are ฉบับร่าง, and the message says so."""
        return self.errors > 0

    @property
    def district(self) -> str:
        """The district office named in the agency, e.g. ``สำนักงานเขตบางเขน``."""
        if m := _DISTRICT_OFFICE.search(self.agency):
            return m[0]
        if m := _DISTRICT.search(self.agency):
            return "สำนักงาน" + m[0]
        return self.agency.strip()

    @property
    def program_title(self) -> str:
        """The program's name starting with โครงการ exactly once."""
        name = self.program.strip()
        return name if name.startswith("โครงการ") else "โครงการ" + name
