"""The reader's engine choice: python-calamine vs openpyxl (read-only) reading all sheets.

Each engine reads every cell value of every sheet of the same generated workbook, in a fresh
process each time (imports count), and the median wall time and the peak memory are shown.

Usage::

    uv run python bench/read_engines.py [--scales district bma bma10] [--repeat 3]
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from generate import SCALES, ensure

README = Path(__file__).resolve().parents[1] / "README.md"
START, END = "<!-- bench/read_engines:start -->", "<!-- bench/read_engines:end -->"

ENGINES = {
    "python-calamine": """
import sys
from python_calamine import CalamineWorkbook
book = CalamineWorkbook.from_path(sys.argv[1])
n = sum(len(r) for s in book.sheet_names
        for r in book.get_sheet_by_name(s).to_python(skip_empty_area=False))
""",
    "openpyxl read-only": """
import sys
from openpyxl import load_workbook
wb = load_workbook(sys.argv[1], read_only=True, data_only=True)
n = sum(len(r) for ws in wb.worksheets for r in ws.iter_rows(values_only=True))
wb.close()
""",
}


def run(code: str, path: Path) -> tuple[float, float]:
    """One fresh process: (wall seconds, peak MB from GNU time)."""
    with tempfile.NamedTemporaryFile(suffix=".time") as rss:
        start = time.perf_counter()
        subprocess.run(["/usr/bin/time", "-f", "%M", "-o", rss.name, sys.executable, "-c",
                        code, str(path)], check=True)
        wall = time.perf_counter() - start
        return wall, int(Path(rss.name).read_text().split()[-1]) / 1024


def main(argv: list[str] | None = None) -> int:
    """Print a Markdown table of both engines on each scale."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--scales", nargs="+", choices=list(SCALES), default=["district", "bma"])
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--update-readme", action="store_true",
                        help="also replace the figures between the read_engines markers")
    args = parser.parse_args(argv)
    lines = ["| scale | engine | wall s (median) | peak MB | × calamine |",
             "|---|---|---:|---:|---:|"]
    for name in args.scales:
        path = ensure(SCALES[name])
        figures = {}
        for engine, code in ENGINES.items():
            runs = [run(code, path) for _ in range(args.repeat)]
            figures[engine] = (statistics.median(w for w, _ in runs), max(m for _, m in runs))
        base = figures["python-calamine"][0]
        for engine, (wall, peak) in figures.items():
            lines.append(f"| {name} | {engine} | {wall:.3f} | {peak:.0f} | {wall / base:.1f}× |")
    text = "\n".join(lines) + "\n"
    print(text, end="")
    if args.update_readme:
        readme = README.read_text(encoding="utf-8")
        head, rest = readme.split(START, 1)
        tail = rest.split(END, 1)[1]
        README.write_text(f"{head}{START}\n{text}{END}{tail}", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
