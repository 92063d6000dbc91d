"""Where `learnworks validate` spends its time, phase by phase, in one process.

CPU seconds (``time.process_time``, so load from other processes on the machine counts less
than in wall time) of: the imports; python-calamine reading every sheet (the floor's work);
the reader (``io.reader.read_workbook``: the safety scan, then calamine); parsing and
validating the rows (``core.workbook.parse_workbook``); the cross-sheet rules. Each phase is
repeated and the median shown; the imports are measured once (a fresh process).

Usage::

    uv run python bench/phases.py [--scales district bma] [--repeat 5]
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

BENCH = Path(__file__).resolve().parent
sys.path.insert(0, str(BENCH))
sys.path.insert(0, str(BENCH.parent))


def _median(func: Callable[[], Any], repeat: int) -> tuple[float, Any]:
    times, result = [], None
    for _ in range(repeat):
        start = time.process_time()
        result = func()
        times.append(time.process_time() - start)
    return statistics.median(times), result


def main(argv: list[str] | None = None) -> int:
    """Print one line of phase times per scale."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scales", nargs="+", default=["district", "bma"])
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args(argv)

    start = time.process_time()
    from learnworks_xl.core.findings import Findings
    from learnworks_xl.core.validate import check_parsed
    from learnworks_xl.core.workbook import parse_workbook
    from learnworks_xl.io.reader import read_workbook
    imports = time.process_time() - start

    from generate import SCALES, ensure
    from python_calamine import CalamineWorkbook

    def calamine(path: Path) -> int:
        book = CalamineWorkbook.from_path(str(path))
        return sum(len(r) for n in book.sheet_names
                   for r in book.get_sheet_by_name(n).to_python())

    def scan(path: Path) -> int:
        import zipfile

        from learnworks_xl.io.limits import Limits
        from learnworks_xl.io.scan import scan_archive

        limits = Limits()
        with zipfile.ZipFile(path) as zf:
            found = scan_archive(zf, max_inflated=limits.max_inflated,
                                 max_cell_bytes=limits.max_cell_bytes,
                                 max_unusual=limits.max_unusual)
        return len(found.sheets)

    print(f"imports (core, reader, pydantic): {imports:.3f} s CPU")
    for name in args.scales:
        path = ensure(SCALES[name])
        cal, _ = _median(lambda p=path: calamine(p), args.repeat)
        scanned, _ = _median(lambda p=path: scan(p), args.repeat)
        read, raw = _median(lambda p=path: read_workbook(p), args.repeat)
        parse, (parsed, _found) = _median(lambda r=raw: parse_workbook(r), args.repeat)
        rows = sum(len(t.rows) for t in parsed.tables())
        rules, _ = _median(lambda p=parsed: check_parsed(p, Findings(), date(2026, 9, 30)),
                           args.repeat)
        print(f"{name}: calamine {cal:.3f} | scan {scanned:.3f} | reader (scan + calamine) "
              f"{read:.3f} | "
              f"parse + validate {rows:,} rows {parse:.3f} ({parse / max(rows, 1) * 1e6:.1f} µs "
              f"a row) | rules and figures {rules:.3f} s CPU")
    return 0


if __name__ == "__main__":
    sys.exit(main())
