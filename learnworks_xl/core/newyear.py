"""A new fiscal year of a continuing program (โครงการต่อเนื่อง): what carries over (pure).

:func:`carry_over` takes last year's workbook as parsed and returns the input data of the
new year's workbook: the project's settings (fiscal year, run period moved by the years
between; the old year in the name and budget source renamed), the school sizes, the
schools, the settings, the plan's steps (months moved, statuses, completion dates and
per cents cleared) and the risks. The sheets a year fills — schools' activity plans,
purchases, works, result reports and the monthly log — start empty. Cells that had errors
are carried as the clerk typed them, so the new workbook shows the same findings.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from learnworks_xl import thai
from learnworks_xl.core import sheets as sh
from learnworks_xl.core.models import STEP_STATUSES
from learnworks_xl.core.pipeline import input_data
from learnworks_xl.core.workbook import ParsedWorkbook
from learnworks_xl.errors import ConfigError

#: Sheets whose rows carry over to the new year.
CARRIED: tuple[sh.SheetSpec, ...] = (sh.PROJECT, sh.SIZES, sh.SCHOOLS, sh.PLAN, sh.RISKS,
                                     sh.SETTINGS)
#: Sheets that start empty: what happens during a year.
EMPTIED: tuple[sh.SheetSpec, ...] = (sh.ACTIVITIES, sh.PURCHASES, sh.WORKS, sh.RESULT_REPORTS,
                                     sh.NOTES)
#: Settings of ``โครงการ`` whose text names the fiscal year (the old year is renamed).
RENAMED_FIELDS: tuple[str, ...] = ("name", "budget_source", "expense_item")
#: Settings the clerk must look at for the new year (listed in the summary).
TO_CHECK: tuple[str, ...] = ("approved_budget", "budget_source", "start_date", "end_date")


@dataclass
class NewYear:
    """The new year's input data and what happened to it."""

    fiscal_year: int
    previous_year: int
    data: dict[str, Any]
    """The input data by sheet name (as :func:`~learnworks_xl.core.pipeline.input_data`)."""
    renamed: list[str] = field(default_factory=list)
    """Thai titles of the settings whose text had the old year replaced."""

    def count(self, spec: sh.SheetSpec) -> int:
        """Rows carried in a table sheet."""
        rows = self.data.get(spec.name, [])
        return len(rows) if isinstance(rows, list) else 0


def shift_years(day: date, years: int) -> date:
    """``day`` moved by whole years (29 Feb → 28 Feb when the new year has none)."""
    try:
        return day.replace(year=day.year + years)
    except ValueError:
        return day.replace(year=day.year + years, day=28)


def _year_pattern(year: int) -> re.Pattern[str]:
    thai_year = thai.to_thai_digits(str(year))
    return re.compile(rf"(?<![0-9๐-๙])({year}|{thai_year})(?![0-9๐-๙])")


def rename_year(text: str, old: int, new: int) -> str:
    """``text`` with the year ``old`` (Arabic or Thai digits, a whole number) made ``new``."""
    pattern = _year_pattern(old)
    return pattern.sub(lambda m: str(new) if m[1].isascii() else thai.to_thai_digits(str(new)),
                       text)


def carry_over(parsed: ParsedWorkbook, fiscal_year: int) -> NewYear:
    """The new year's workbook data from last year's.

    Args:
        parsed: Last year's workbook, parsed.
        fiscal_year: The new BE fiscal year (later than last year's).

    Returns:
        The data and what was renamed.

    Raises:
        ConfigError: Last year's fiscal year is unknown, or the new one is not later.
    """
    old = parsed.project_info.fiscal_year
    if old is None:
        raise ConfigError(
            f"ไม่พบปีงบประมาณที่ถูกต้องในชีต «{sh.PROJECT.name}» ของสมุดงานเดิม "
            "กรุณาแก้ไขก่อนขึ้นปีงบประมาณใหม่",
            "the workbook has no valid fiscal year to start the new year from")
    if not old < fiscal_year <= 2700:
        raise ConfigError(
            f"ปีงบประมาณใหม่ พ.ศ. {fiscal_year} ต้องอยู่หลังปีงบประมาณของสมุดงานเดิม "
            f"(พ.ศ. {old})",
            f"the new fiscal year {fiscal_year} must be later than the workbook's ({old})")
    years = fiscal_year - old
    data = input_data(parsed)
    result = NewYear(fiscal_year, old, {})
    project = dict(data.get(sh.PROJECT.name, {}))
    project["fiscal_year"] = fiscal_year
    for name in ("start_date", "end_date"):
        if isinstance(project.get(name), date):
            project[name] = shift_years(project[name], years)
    for name in RENAMED_FIELDS:
        value = project.get(name)
        renamed = rename_year(value, old, fiscal_year) if isinstance(value, str) else value
        if renamed != value:
            project[name] = renamed
            result.renamed.append(sh.PROJECT.title(name))
    result.data[sh.PROJECT.name] = project
    settings = dict(data.get(sh.SETTINGS.name, {}))
    settings["report_month"] = None  # last year's month is not this year's
    result.data[sh.SETTINGS.name] = settings
    for spec in (sh.SIZES, sh.SCHOOLS, sh.RISKS):
        result.data[spec.name] = [dict(r) for r in data.get(spec.name, [])]
    result.data[sh.PLAN.name] = [_next_step(r, years) for r in data.get(sh.PLAN.name, [])]
    for spec in EMPTIED:
        result.data[spec.name] = []
    return result


def _next_step(row: dict[str, Any], years: int) -> dict[str, Any]:
    step = dict(row)
    for name in ("start_month", "end_month"):
        if isinstance(step.get(name), date):
            step[name] = shift_years(step[name], years)
    step.update(status=STEP_STATUSES[0], completed_on=None, percent_done=None)
    return step
