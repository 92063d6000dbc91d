"""Any cell value in any column of any input sheet never crashes validation, nor ``run``.

Values are what a reader can hand the core: text (Thai, control characters, digits in any
script, things that look like numbers, dates or formulas), numbers (huge, negative, NaN and
infinities), dates, times, durations, booleans, error values and empty cells. Most examples
run in memory (``validate_raw`` on a :class:`RawWorkbook`, milliseconds each); fewer go
through a real file (openpyxl writes it, the reader reads it) and through ``api.run``, which
writes the finished workbook.
"""

from __future__ import annotations

import copy
import json
import math
import re
from datetime import date, datetime, time, timedelta
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from openpyxl import load_workbook

from learnworks_xl import api
from learnworks_xl.core import sheets as sh
from learnworks_xl.core.findings import CODES, Findings, Severity
from learnworks_xl.core.grid import ERROR_CODES, CellError, RawWorkbook
from learnworks_xl.core.validate import validate_raw
from learnworks_xl.errors import LearnworksError
from learnworks_xl.io.plainwriter import write_plain_workbook
from learnworks_xl.io.reader import read_workbook
from learnworks_xl.sample import sample_data
from learnworks_xl.textreport import format_report

INPUT = [s.name for s in sh.INPUT_SHEETS]
A1 = re.compile(r"[A-Z]{1,3}[1-9][0-9]*")

thai = st.characters(min_codepoint=0x0E01, max_codepoint=0x0E5B)
controls = st.characters(min_codepoint=0, max_codepoint=0x1F)
tricky = st.sampled_from([
    "", " ", "\u00a0", "\u200b", "nan", "NaN", "-inf", "Infinity", "1e309", "-1e-400", "0x1F",
    "1_000", "15,100.-", "15,100 บาท", "๑๕,๑๐๐.-", "-๕", "½", "١٢٣", "१२३", "15/11/2568",
    "15 พ.ย. 2568", "31/02/2569", "29/02/2567", "00/00/0000", "2568-11-15", "พ.ศ. 2569",
    "=SUM(A1:A3)", "=1/0", "#REF!", "#N/A", "ใช่", "ไม่ใช่", "✓", "TRUE", "BK01", "bk01 ",
    "ขนาดใหญ่", "ขนาดกลาง", "สื่อ", "'0123", "a" * 40_000, "ก" * 5_000, "\ufffd", "\x00\x1f",
])
texts = st.one_of(tricky, st.text(max_size=40),
                  st.text(st.one_of(thai, controls, st.sampled_from("0123456789๐๑๒๓๔๕๖๗๘๙.,-/ ")),
                          max_size=30))
numbers = st.one_of(st.integers(-10**30, 10**30), st.integers(-3, 3000),
                    st.floats(allow_nan=True, allow_infinity=True),
                    st.sampled_from([0.0, -0.0, 1e308, -1e308, 5e-324, 2958465.0, 2958466.0,
                                     60.0, 0.5, 15100.0, 69500.0, 2569.0, 45962.0]))
moments = st.one_of(st.dates(), st.datetimes(), st.times(), st.timedeltas(),
                    st.dates(min_value=date(2024, 1, 1), max_value=date(2027, 12, 31)))
errors = st.one_of(st.sampled_from(sorted(ERROR_CODES)).map(CellError),
                   st.text(max_size=8).map(CellError))
cells: st.SearchStrategy[Any] = st.one_of(st.none(), st.booleans(), texts, numbers, moments,
                                          errors)

edits = st.lists(st.tuples(st.sampled_from(INPUT), st.integers(0, 40), st.integers(0, 12),
                           cells), min_size=1, max_size=12)


@pytest.fixture(scope="module")
def sample_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return write_plain_workbook(sample_data(), tmp_path_factory.mktemp("prop") / "sample.xlsx")


@pytest.fixture(scope="module")
def sample_raw(sample_file: Path) -> RawWorkbook:
    return read_workbook(sample_file)


def apply(raw: RawWorkbook, changes: list[tuple[str, int, int, Any]]) -> RawWorkbook:
    """A copy of ``raw`` with each (sheet, row, column, value) written in (grids grow)."""
    raw = copy.deepcopy(raw)
    for sheet, r, c, value in changes:
        rows = raw.sheets[sheet].rows
        while len(rows) <= r:
            rows.append([])
        row = rows[r]
        if len(row) <= c:
            row.extend([None] * (c + 1 - len(row)))
        row[c] = value
    return raw


def check_report(report: Findings) -> None:
    """The report is whole: known codes, Thai messages, A1 cells, strict JSON (no NaN or
    Infinity: a value that is not finite is shown as its text), and the text output."""
    for f in report.findings:
        assert f.code in CODES
        assert f.severity in (Severity.ERROR, Severity.WARNING)
        assert re.search("[\u0e00-\u0e7f]", f.message), f.message
        assert f.cell is None or A1.fullmatch(f.cell), f.cell
    json.dumps(report.to_json_dict(), ensure_ascii=False, allow_nan=False)
    assert format_report(report, "book.xlsx").endswith("\n")


HUGE_QUANTITY = [(sh.PURCHASES.name, 1, 3, 80_000_000_000_000.0)]  # × price passed 10^16
#: × price past Decimal's 28 digits: quantize raised InvalidOperation (seen on main).
HUGER_QUANTITY = [(sh.PURCHASES.name, 1, 3, 5.7142857142857145e22),
                  (sh.PURCHASES.name, 1, 5, 15100.0)]
#: A date cell python-calamine panicked on (exit 2, Rust's panic text on stderr).
CALAMINE_PANIC_DATE = [(sh.PURCHASES.name, 1, 1, -106751991169)]
#: A fiscal year of 0: the finished workbook's cached DATE(0-544, 10, 1) crashed `run`.
FISCAL_YEAR_ZERO = [(sh.PROJECT.name, 2, 1, 0)]
#: Written by openpyxl as 1.797693134862316e+308, read back as infinity: `run` could not
#: write it (XlsxWriter refuses NaN/Inf) and the findings' JSON held Infinity.
READS_AS_INFINITY = [(sh.SCHOOLS.name, 1, 2, 1.7976931348623155e+308),
                     (sh.PROJECT.name, 2, 1, 1.7976931348623155e+308)]
#: A duration past Excel's last day (31 Dec 9999) in a plan's month cell: the cached value
#: of its month reading raised instead of being blank (found by the 20-run loop, random seed).
PAST_EXCEL_MONTH = [(sh.PLAN.name, 31, 3, timedelta(days=2958466))]


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(changes=edits)
@example(changes=HUGE_QUANTITY)
@example(changes=HUGER_QUANTITY)
def test_robust_property_validate_any_cell(sample_raw: RawWorkbook,
                                           changes: list[tuple[str, int, int, Any]]) -> None:
    parsed, report = validate_raw(apply(sample_raw, changes))
    check_report(report)
    assert parsed is not None


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(sheet=st.sampled_from(INPUT), value=cells)
def test_robust_property_whole_column(sample_raw: RawWorkbook, sheet: str, value: Any) -> None:
    """One value in every cell of a sheet, headers included: headers vanish, all rows change."""
    rows = sample_raw.sheets[sheet].rows
    changes = [(sheet, r, c, value) for r in range(len(rows)) for c in range(len(rows[r]))]
    _, report = validate_raw(apply(sample_raw, changes))
    check_report(report)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(sheet=st.sampled_from(INPUT), col=st.integers(0, 12),
       values=st.lists(cells, min_size=1, max_size=40))
def test_robust_property_one_column(sample_raw: RawWorkbook, sheet: str, col: int,
                                    values: list[Any]) -> None:
    """Many values down one column: duplicates, sums and cross-row rules meet odd values."""
    changes = [(sheet, r + 1, col, v) for r, v in enumerate(values)]
    _, report = validate_raw(apply(sample_raw, changes))
    check_report(report)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(drop=st.sets(st.sampled_from(INPUT)), rename=st.sets(st.sampled_from(INPUT)),
       extra=st.lists(st.text(max_size=31), max_size=3))
def test_robust_property_sheets_missing_or_renamed(sample_raw: RawWorkbook, drop: set[str],
                                                   rename: set[str], extra: list[str]) -> None:
    raw = copy.deepcopy(sample_raw)
    for name in drop:
        del raw.sheets[name]
    for name in rename - drop:
        raw.sheets[name + " (2)"] = raw.sheets.pop(name)
    for name in extra:
        raw.sheets.setdefault(name, copy.deepcopy(sample_raw.sheets[sh.SCHOOLS.name]))
    _, report = validate_raw(raw)
    check_report(report)
    missing = {f.sheet for f in report.findings if f.code == "missing-sheet"}
    assert missing >= {n for n in drop | rename if n != sh.SETTINGS.name}


# --- through a real file -----------------------------------------------------------------

def _storable(value: Any) -> Any:
    """What openpyxl can store in a cell: error values as their code, no XML-illegal
    characters (Excel cannot hold them either), durations as days, no NaN or infinity."""
    if isinstance(value, CellError):
        return value.code if value.code in ERROR_CODES else "#N/A"
    if isinstance(value, str):
        return re.sub(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]", "", value)[:32_767]
    if isinstance(value, float) and not math.isfinite(value):
        return str(value)
    if isinstance(value, int) and not isinstance(value, bool) and abs(value) > 2**53:
        return str(value)
    if isinstance(value, datetime | date) and not date(1900, 3, 1) <= (
            value.date() if isinstance(value, datetime) else value) <= date(9999, 12, 31):
        return value.isoformat()
    if isinstance(value, datetime):
        return value.replace(tzinfo=None)
    if isinstance(value, timedelta):
        return value.total_seconds() / 86_400
    if isinstance(value, time):
        return value.replace(tzinfo=None)
    return value


def write_edited(sample_file: Path, folder: Path,
                 changes: list[tuple[str, int, int, Any]]) -> Path:
    wb = load_workbook(sample_file)
    for sheet, r, c, value in changes:
        wb[sheet].cell(r + 1, c + 1, _storable(value))
    target = folder / "edited.xlsx"
    wb.save(target)
    return target


@settings(max_examples=30, deadline=None,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
@given(changes=edits)
@example(changes=HUGE_QUANTITY)
@example(changes=HUGER_QUANTITY)
@example(changes=CALAMINE_PANIC_DATE)
@example(changes=READS_AS_INFINITY)
def test_robust_property_file_round_trip(sample_file: Path, tmp_path: Path,
                                         changes: list[tuple[str, int, int, Any]]) -> None:
    path = write_edited(sample_file, tmp_path, changes)
    result = api.validate(path)
    check_report(result.report)


@settings(max_examples=15, deadline=None,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
@given(changes=edits)
@example(changes=CALAMINE_PANIC_DATE)
@example(changes=FISCAL_YEAR_ZERO)
@example(changes=READS_AS_INFINITY)
@example(changes=PAST_EXCEL_MONTH)
def test_robust_property_run_any_cell(sample_file: Path, tmp_path: Path,
                                      changes: list[tuple[str, int, int, Any]]) -> None:
    """``learnworks run`` writes a finished workbook whatever the cells hold (or refuses
    with a clerk's message, never an exception of its own)."""
    path = write_edited(sample_file, tmp_path, changes)
    out = tmp_path / "done.xlsx"
    try:
        done = api.run(path, out)
    except LearnworksError as exc:
        assert exc.exit_code == 2 and re.search("[\u0e00-\u0e7f]", exc.message_th)
        return
    assert done.out == out and out.read_bytes()[:2] == b"PK"
    assert {s.name for s in sh.ALL_SHEETS} <= set(load_workbook(out, read_only=True).sheetnames)


def test_robust_property_ci_runs_derandomised() -> None:
    """CI runs the same examples every time (`.ci/run` sets CI; tests/conftest.py loads the
    profile); a developer's `uv run pytest` keeps exploring new ones."""
    import os
    import subprocess
    import sys

    root = Path(__file__).resolve().parents[1]
    assert 'export CI="${CI:-true}"' in (root / ".ci" / "run").read_text(encoding="utf-8")
    probe = ("import tests.conftest\nfrom hypothesis import settings\n"
             "print(settings.default.derandomize, settings.default.database)")
    child = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True,
                           cwd=root, env={**os.environ, "CI": "true"}, timeout=120, check=True)
    assert child.stdout == "True None\n"
