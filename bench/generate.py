"""Realistic benchmark workbooks, grown from the bundled sample (``learnworks_xl.sample``).

Three scales, all valid (``learnworks validate`` exits 0):

* ``district`` — the seed itself: Bang Khen's 5 schools;
* ``bma`` — all of Bangkok: 437 schools in the 50 districts, each with 2 activity plans,
  20 purchases, 10 student works and one result report; the approved budget is the sum of
  the allocations so the money rules hold;
* ``bma10`` — ten times Bangkok (4,370 schools), for stress.

And for ``learnworks rollup``: ``rollup50``, one workbook per district (50 files, 4 to 14
schools each, 437 in all, the same school codes in every district); every tenth has two bad
cells, so it is rolled up as a draft.

Usage::

    uv run python bench/generate.py [--out bench/data] [district bma bma10 rollup50]

Files are written with :func:`learnworks_xl.io.plainwriter.write_plain_workbook` and cached
under ``bench/data/`` (named by scale and generator version), so ``bench/run`` reuses them.
"""

from __future__ import annotations

import argparse
import sys
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal
from pathlib import Path
from typing import Any

from learnworks_xl import sample as smp
from learnworks_xl.core import districts
from learnworks_xl.core import sheets as sh
from learnworks_xl.io.plainwriter import write_plain_workbook

#: Bump when the generated content changes, so cached files are rebuilt.
VERSION = 3
DATA = Path(__file__).resolve().parent / "data"

#: The 50 districts of Bangkok (สำนักงานเขต), in the BMA's order: the core's one list.
DISTRICTS: tuple[str, ...] = districts.DISTRICTS


@dataclass(frozen=True)
class Scale:
    """One benchmark size: how many schools, and how much each school sends."""

    name: str
    schools: int
    works: int = 10
    purchases: int = 20

    @property
    def path(self) -> Path:
        """Where the cached workbook of this scale lives."""
        return DATA / f"{self.name}-v{VERSION}.xlsx"


SCALES: dict[str, Scale] = {
    "district": Scale("district", 5),
    "bma": Scale("bma", 437),
    "bma10": Scale("bma10", 4370),
}


def _school(code: str, district: str, n: int, size: str) -> dict[str, Any]:
    return {
        "code": code, "size": size,
        "name": f"โรงเรียนตัวอย่าง{district} {n} {smp.SAMPLE_MARK}",
        "teacher": f"ครูตัวอย่าง {district} {n} {smp.SAMPLE_MARK}",
        "phone": f"02-{500 + n % 400:03d}-{n % 10000:04d}",
        "email": f"{code.lower()}@example.org",
    }


def _purchases(school: dict[str, Any], count: int, budget: Decimal) -> list[dict[str, Any]]:
    """``count`` purchases cycling the sample's items, one of each, never over ``budget``."""
    items = smp._COMMON + smp._BY_SIZE[school["size"]]
    rows: list[dict[str, Any]] = []
    spent = Decimal(0)
    for j in range(count):
        item, _qty, unit, price = items[j % len(items)]
        qty = Decimal(1)
        if spent + price > budget:  # keep the school inside its allocation
            item, _qty, unit, price = items[0]
        spent += qty * price
        rows.append({
            "school_code": school["code"], "date": date(2026, 1, 5) + timedelta(days=7 * j),
            "item": item, "quantity": qty, "unit": unit, "unit_price": price,
            "amount": qty * price, "method": smp.PURCHASES[0]["method"],
            "doc_no": f"{school['code']}-69/{j + 1:03d}",
        })
    return rows


def _works(school: dict[str, Any], count: int, quota: int, i: int) -> list[dict[str, Any]]:
    rows = []
    for j in range(count):
        title, kind, tools = smp._WORKS[j % len(smp._WORKS)]
        selected = j < quota
        rows.append({
            "work_code": f"{school['code']}-W{j + 1:02d}", "school_code": school["code"],
            "title": f"{title} ชิ้นที่ {j + 1}", "work_type": kind, "tools": tools,
            "students": f"{smp._STUDENTS[j % len(smp._STUDENTS)]} {smp.SAMPLE_MARK}",
            "grade": smp._GRADES[j % len(smp._GRADES)],
            "advisor": school["teacher"],
            "link": f"https://example.org/learnworks/{school['code'].lower()}/w{j + 1:02d}",
            "selected": selected,
            "submitted_on": date(2026, 7, 1 + i % 20) if selected else None,
        })
    return rows


def generate(scale: Scale) -> dict[str, Any]:
    """Return the workbook data of ``scale``, by sheet name (as :func:`sample_data`)."""
    data = smp.sample_data()
    if scale.name == "district":
        return data
    large, medium = [s["size"] for s in data[sh.SIZES.name]]
    schools: list[dict[str, Any]] = []
    per_district, extra = divmod(scale.schools, len(DISTRICTS))
    for d, district in enumerate(DISTRICTS):
        for n in range(1, per_district + (1 if d < extra else 0) + 1):
            size = large if n % 5 in (1, 3) else medium  # two in five are large, as in the seed
            schools.append(_school(f"D{d + 1:02d}-{n:03d}", district, n, size))
    grow(data, schools, scale)
    data[sh.PROJECT.name]["agency"] = "สำนักการศึกษา และสำนักงานเขต 50 เขต กรุงเทพมหานคร"
    return data


def grow(data: dict[str, Any], schools: list[dict[str, Any]], scale: Scale) -> None:
    """Replace the sample's schools by ``schools``, each with the sample's activity plans, its
    purchases, works and result report; the approved budget becomes the allocations' sum."""
    sizes = {s["size"]: s for s in data[sh.SIZES.name]}
    activities, purchases, works, reports = [], [], [], []
    # Each size plans the activities the sample's first school of that size plans.
    first_of = {}
    for s in data[sh.SCHOOLS.name]:
        first_of.setdefault(s["size"], s["code"])
    by_size_activities = {
        size: [a for a in data[sh.ACTIVITIES.name] if a["school_code"] == code]
        for size, code in first_of.items()
    }
    report = data[sh.RESULT_REPORTS.name][0]
    for i, school in enumerate(schools):
        crit = sizes[school["size"]]
        for a in by_size_activities[school["size"]]:
            activities.append({**a, "school_code": school["code"],
                               "submitted_on": date(2025, 12, 1 + i % 25)})
        purchases += _purchases(school, scale.purchases, crit["budget_per_school"])
        works += _works(school, scale.works, crit["works_required"], i)
        reports.append({**report, "school_code": school["code"],
                        "submitted_on": date(2026, 7, 1 + i % 28),
                        "participants": 40 + i % 160})
    data[sh.SCHOOLS.name] = schools
    data[sh.ACTIVITIES.name] = activities
    data[sh.PURCHASES.name] = purchases
    data[sh.WORKS.name] = works
    data[sh.RESULT_REPORTS.name] = reports
    data[sh.PROJECT.name]["approved_budget"] = sum(
        (sizes[s["size"]]["budget_per_school"] for s in schools), Decimal(0))


# ------------------------------------------------------------------ the roll-up's 50 files

#: The roll-up benchmark: one workbook per district, 437 schools in all (as Bangkok).
ROLLUP = Scale("rollup50", 437)
#: Every how many districts a file has errors (then it is rolled up as a draft).
ERRORS_EVERY = 10


def district_sizes(total: int = ROLLUP.schools, count: int = len(DISTRICTS)) -> list[int]:
    """Schools per district: 4 to 14, uneven, ``total`` in all."""
    sizes = [4 + (i * 7) % 10 for i in range(count)]
    for i in range(total - sum(sizes)):
        sizes[i % count] += 1
    return sizes


def district_data(index: int, schools: int, *, errors: bool = False) -> dict[str, Any]:
    """One district's workbook: the sample grown to ``schools`` schools (codes ``S001``…, the
    same codes in every district), the district's name and agency; ``errors`` puts two bad
    cells in (a quantity typed in words, a grade not in the list)."""
    data = smp.sample_data()
    district = DISTRICTS[index]
    large, medium = [s["size"] for s in data[sh.SIZES.name]]
    rows = [_school(f"S{n:03d}", district, n, large if n % 5 in (1, 3) else medium)
            for n in range(1, schools + 1)]
    grow(data, rows, ROLLUP)
    data[sh.PROJECT.name].update(district=district, agency=f"ฝ่ายการศึกษา สำนักงานเขต{district}")
    if errors:
        data[sh.PURCHASES.name][0]["quantity"] = "สองชุด"
        data[sh.WORKS.name][1]["grade"] = "ป.9"
    return data


def rollup_folder(out: Path | None = None) -> Path:
    """Where the roll-up's 50 files are cached."""
    return (out or DATA) / f"{ROLLUP.name}-v{VERSION}"


def ensure_rollup(*, force: bool = False, out: Path | None = None) -> Path:
    """Write the 50 district workbooks unless a current copy is cached; return the folder."""
    folder = rollup_folder(out)
    names = [f"{i + 1:02d}-{d}.xlsx" for i, d in enumerate(DISTRICTS)]
    if not force and folder.is_dir() and all((folder / n).exists() for n in names):
        return folder
    folder.mkdir(parents=True, exist_ok=True)
    for i, (name, schools) in enumerate(zip(names, district_sizes(), strict=True)):
        tmp = folder / f".{name}.tmp.xlsx"
        write_plain_workbook(district_data(i, schools, errors=i % ERRORS_EVERY == ERRORS_EVERY - 1),
                             tmp)
        tmp.replace(folder / name)
    return folder


def row_counts(data: dict[str, Any]) -> dict[str, int]:
    """Data rows per table sheet (key/value sheets left out)."""
    return {name: len(rows) for name, rows in data.items() if isinstance(rows, list)}


def ensure(scale: Scale, *, force: bool = False, out: Path | None = None) -> Path:
    """Write ``scale``'s workbook unless a current copy is cached; return its path."""
    path = (out / scale.path.name) if out else scale.path
    if force or not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_suffix(".tmp.xlsx")
        write_plain_workbook(generate(scale), tmp)
        tmp.replace(path)
    return path


def main(argv: list[str] | None = None) -> int:
    """Command line: write the workbooks of the named scales."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    # choices are checked below: argparse (3.11) checks an empty nargs="*" as one value
    parser.add_argument("scales", nargs="*", metavar="SCALE",
                        help=f"any of {', '.join([*SCALES, ROLLUP.name])} (default: all but "
                             f"{ROLLUP.name})")
    parser.add_argument("--out", type=Path, default=None, help="folder (default bench/data)")
    parser.add_argument("--force", action="store_true", help="rebuild cached files")
    args = parser.parse_args(argv)
    unknown = [name for name in args.scales if name not in SCALES and name != ROLLUP.name]
    if unknown:
        parser.error(f"unknown scale {unknown[0]!r} "
                     f"(choose from {', '.join([*SCALES, ROLLUP.name])})")
    for name in args.scales or list(SCALES):
        if name == ROLLUP.name:
            folder = ensure_rollup(force=args.force, out=args.out)
            size = sum(p.stat().st_size for p in folder.iterdir()) / 2**20
            print(f"{name}: {folder} (50 files, {size:.1f} MB)")
            continue
        path = ensure(SCALES[name], force=args.force, out=args.out)
        print(f"{name}: {path} ({path.stat().st_size / 2**20:.1f} MB)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
