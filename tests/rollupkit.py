"""Helpers of the roll-up tests: district workbooks grown from the sample, the figures worked
out independently of learnworks (plain Python over the data), and the roll-up workbook's
tables read back with openpyxl."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import date
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path
from typing import Any

from openpyxl import load_workbook

from learnworks_xl.core import sheets as sh
from learnworks_xl.io.plainwriter import write_plain_workbook
from learnworks_xl.sample import sample_data

#: The month the roll-up tests count to, and its last day.
MONTH, AS_OF = "2569-07", date(2026, 7, 31)


def district(name: str, **project: Any) -> dict[str, Any]:
    """The sample as district ``name``'s workbook (its agency names it too)."""
    data = sample_data()
    data[sh.PROJECT.name].update(district=name, agency=f"ฝ่ายการศึกษา สำนักงานเขต{name}", **project)
    return data


def unselect_one(data: dict[str, Any], school: str) -> dict[str, Any]:
    """``school`` selects one work fewer (it then fails the KPI)."""
    work = next(w for w in data[sh.WORKS.name] if w["school_code"] == school and w["selected"])
    work["selected"], work["submitted_on"] = False, None
    return data


def drop_schools(data: dict[str, Any], *codes: str) -> dict[str, Any]:
    """The district without ``codes`` (and their rows); the approved budget follows."""
    for spec in (sh.SCHOOLS, sh.ACTIVITIES, sh.PURCHASES, sh.WORKS, sh.RESULT_REPORTS):
        key = "code" if spec is sh.SCHOOLS else "school_code"
        data[spec.name] = [r for r in data[spec.name] if r[key] not in codes]
    sizes = {s["size"]: s["budget_per_school"] for s in data[sh.SIZES.name]}
    data[sh.PROJECT.name]["approved_budget"] = sum(
        (sizes[s["size"]] for s in data[sh.SCHOOLS.name]), Decimal(0))
    return data


def write(folder: Path, name: str, data: dict[str, Any]) -> Path:
    """A plain .xlsx of ``data`` in ``folder``."""
    folder.mkdir(parents=True, exist_ok=True)
    return write_plain_workbook(data, folder / name)


def half_up(value: Decimal) -> Decimal:
    """Two decimals, half-up (worked out here, not with learnworks' rounding)."""
    return value.quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)


@dataclass(frozen=True)
class ByHand:
    """A district's figures, worked out from its data without learnworks."""

    schools: int
    met: int
    allocated: Decimal
    spent: Decimal
    works: int

    @property
    def kpi(self) -> Decimal:
        return half_up(Decimal(self.met) * 100 / self.schools)

    @property
    def disbursed(self) -> Decimal:
        return half_up(self.spent * 100 / self.allocated)


def by_hand(data: dict[str, Any], as_of: date = AS_OF) -> ByHand:
    """Schools, schools meeting the KPI (their quota of works selected and sent by ``as_of``
    and a complete report by then), allocations by size, spending by ``as_of``."""
    size = {s["size"]: s for s in data[sh.SIZES.name]}
    schools = data[sh.SCHOOLS.name]
    sent = Counter(w["school_code"] for w in data[sh.WORKS.name]
                   if w["selected"] and w["submitted_on"] and w["submitted_on"] <= as_of)
    complete = {r["school_code"] for r in data[sh.RESULT_REPORTS.name]
                if r["complete"] and r["submitted_on"] <= as_of}
    met = sum(1 for s in schools
              if sent[s["code"]] >= size[s["size"]]["works_required"] and s["code"] in complete)
    return ByHand(
        schools=len(schools), met=met,
        allocated=sum((size[s["size"]]["budget_per_school"] for s in schools), Decimal(0)),
        spent=sum((p["amount"] for p in data[sh.PURCHASES.name] if p["date"] <= as_of),
                  Decimal(0)),
        works=sum(sent.values()))


def table(path: Path, sheet: str, first_header: str) -> list[list[Any]]:
    """The rows of the table on ``sheet`` whose header row starts with ``first_header``,
    header included, up to the first blank row."""
    ws = load_workbook(path)[sheet]
    rows = [list(r) for r in ws.iter_rows(values_only=True)]
    start = next(i for i, r in enumerate(rows) if r and r[0] == first_header)
    header = rows[start]
    width = header.index(None) if None in header else len(header)  # the chart's data is beyond
    out = []
    for r in rows[start:]:
        if r[0] is None:
            break
        out.append(r[:width])
    return out
