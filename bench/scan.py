"""What the reader's safety scan (``io/scan.py``) costs, alone, per workbook.

CPU seconds (``time.process_time``) of :func:`learnworks_xl.io.scan.scan_archive` on the
benchmark workbooks, median of several runs, and the same workbook with its percent fields
typed as Excel stores ``95%`` (0.95 with a ``0%`` format), so the percent path of the scan is
measured too. Compare two checkouts by running it in each.

Usage::

    uv run python bench/scan.py [--scales district bma] [--repeat 9]
"""

from __future__ import annotations

import argparse
import io
import statistics
import sys
import time
import zipfile
from pathlib import Path

BENCH = Path(__file__).resolve().parent
sys.path.insert(0, str(BENCH))
sys.path.insert(0, str(BENCH.parent))


def percent_copy(path: Path) -> Path:
    """``path`` with the KPI target and every plan weight in a percent format (cached)."""
    from openpyxl import load_workbook

    from learnworks_xl.core import sheets as sh

    out = path.with_name(path.stem + "-percent.xlsx")
    if out.exists() and out.stat().st_mtime >= path.stat().st_mtime:
        return out
    wb = load_workbook(path)
    project = wb[sh.PROJECT.name]
    row = [c.field for c in sh.PROJECT.columns].index("kpi_target") + 1
    col = [c.field for c in sh.PLAN.columns].index("weight") + 1
    cells = [project.cell(row, 2)]
    plan = wb[sh.PLAN.name]
    cells += [plan.cell(r, col) for r in range(2, plan.max_row + 1)]
    for cell in cells:
        if isinstance(cell.value, int | float):
            cell.value, cell.number_format = cell.value / 100, "0%"
    wb.save(out)
    return out


def scan_seconds(path: Path, repeat: int) -> float:
    """Median CPU seconds of one scan of ``path``."""
    from learnworks_xl.io.limits import Limits
    from learnworks_xl.io.scan import scan_archive

    data, limits = path.read_bytes(), Limits(max_cells=10**8, max_text=10**11)
    times = []
    for _ in range(repeat):
        with zipfile.ZipFile(io.BytesIO(data)) as zf:
            start = time.process_time()
            scan_archive(zf, max_inflated=limits.max_inflated,
                         max_cell_bytes=limits.max_cell_bytes, max_unusual=limits.max_unusual)
            times.append(time.process_time() - start)
    return statistics.median(times)


def main(argv: list[str] | None = None) -> int:
    """Print one line per workbook: MB of sheet XML, scan time, time per MB."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scales", nargs="+", default=["district", "bma"])
    parser.add_argument("--repeat", type=int, default=9)
    args = parser.parse_args(argv)

    from generate import SCALES, ensure

    for name in args.scales:
        plain = ensure(SCALES[name])
        for path in (plain, percent_copy(plain)):
            with zipfile.ZipFile(path) as zf:
                xml = sum(i.file_size for i in zf.infolist() if "worksheets/" in i.filename)
            seconds = scan_seconds(path, args.repeat)
            mb = xml / 2**20
            print(f"{path.name}: {mb:.1f} MB of sheet XML, scan {seconds * 1000:.1f} ms CPU "
                  f"({seconds * 1000 / max(mb, 1e-9):.1f} ms per MB)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
