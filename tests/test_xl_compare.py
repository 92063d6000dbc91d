"""Server actions ≡ file path: a button pressed through ``xw.Book(json=...)`` and replayed on
a copy of the workbook shows the same values, number formats and fills as ``learnworks run``
(``api.run``) writes.

Compared per report sheet the button rewrites, cell by cell (``หน้าหลัก`` in its columns
A–D; the buttons area is the template's). A merged range of the file shows its first cell's
format and fill all over, as Excel shows it; the button, which cannot merge, formats each
cell of it. On the product workbook the findings have the same
addresses both ways; on a plain workbook the finished workbook lays the input sheets out
anew, so its links move (``relocate``) while its "cell in the checked file" column keeps the
address that the live book links to.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from test_xl_buttons import break_sample, broken_data, press_and_replay

from learnworks_xl import api
from learnworks_xl.core import sheets as sh
from learnworks_xl.core.layout import HOME_COLUMNS
from learnworks_xl.core.layout.colours import ERROR_FILL, WARN_FILL
from learnworks_xl.workbook.build import build_workbook

EPOCH = "1784000000"  # 2026-07-14 10:13 in Bangkok: inside the sample's fiscal year
WRITES = {
    "validate": (sh.HOME.name, sh.FINDINGS.name),
    "recompute": (sh.HOME.name, sh.FINDINGS.name, sh.BUDGET.name, sh.KPI.name),
    "reports": tuple(s.name for s in sh.REPORT_SHEETS),
}
FINDINGS_CELL, FINDINGS_ORIGINAL = 3, 7  # 0-based columns of ผลการตรวจสอบ's table


@pytest.fixture(autouse=True)
def _pinned_time(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", EPOCH)


@pytest.fixture(scope="module")
def workbooks(tmp_path_factory: pytest.TempPathFactory) -> Callable[[str], Path]:
    """The inputs, made once: plain sample, plain broken, product, product broken, product
    with Thai digits in its reports."""
    from learnworks_xl.io.plainwriter import write_plain_workbook
    from learnworks_xl.sample import sample_data

    folder = tmp_path_factory.mktemp("inputs")
    made: dict[str, Path] = {}

    def get(kind: str) -> Path:
        if kind not in made:
            if kind == "sample":
                made[kind] = write_plain_workbook(sample_data(), folder / "sample.xlsx")
            elif kind == "broken":
                made[kind] = break_sample(get("sample"), folder / "broken.xlsx")
            elif kind == "built":
                made[kind] = build_workbook(folder / "built.xlsm", data=sample_data())
            elif kind == "built-thai":
                data = sample_data()
                data[sh.SETTINGS.name]["thai_digits"] = True  # ใช้เลขไทยในรายงาน = ใช่
                made[kind] = build_workbook(folder / "built-thai.xlsm", data=data)
            else:
                made[kind] = build_workbook(folder / "built-broken.xlsm", data=broken_data())
        return made[kind]

    return get


Shown = tuple[Any, str, str | None]


def fill_color(cell: Any) -> str | None:
    """``#RRGGBB`` of a solid fill, None for no fill."""
    return "#" + str(cell.fill.fgColor.rgb)[-6:] if cell.fill.fill_type == "solid" else None


def sheet_values(path: Path, name: str, max_col: int | None = None) -> dict[tuple[int, int], Any]:
    """Non-empty cells of one sheet as {(row, col): value}, 0-based."""
    ws = openpyxl.load_workbook(path)[name]
    return {(c.row - 1, c.column - 1): c.value for row in ws.iter_rows() for c in row
            if c.value is not None and (max_col is None or c.column <= max_col)}


def sheet_cells(path: Path, name: str, max_col: int | None = None) -> dict[tuple[int, int], Shown]:
    """Cells of one sheet with a value, a number format or a fill, as {(row, col): (value,
    number format, fill)}, 0-based; a merged range's cells show its first cell's format and
    fill."""
    ws = openpyxl.load_workbook(path)[name]
    first = {(r, c): (m.min_row, m.min_col) for m in ws.merged_cells.ranges
             for r in range(m.min_row, m.max_row + 1) for c in range(m.min_col, m.max_col + 1)}
    out: dict[tuple[int, int], Shown] = {}
    for row in ws.iter_rows(max_col=max_col):
        for c in row:
            look = ws.cell(*first.get((c.row, c.column), (c.row, c.column)))
            shown = (c.value, look.number_format, fill_color(look))
            if shown != (None, "General", None):
                out[(c.row - 1, c.column - 1)] = shown
    return out


def marked(path: Path) -> dict[tuple[str, str], str]:
    """Input cells filled red (error) or amber (warning)."""
    wb = openpyxl.load_workbook(path)
    out = {}
    for spec in sh.INPUT_SHEETS:
        if spec.name not in wb.sheetnames:
            continue
        for row in wb[spec.name].iter_rows():
            for cell in row:
                color = fill_color(cell)
                if color in (ERROR_FILL, WARN_FILL):
                    out[(spec.name, cell.coordinate)] = color
    return out


def _findings_table(cells: dict[tuple[int, int], Shown]) -> int:
    return next(r for (r, c), shown in cells.items() if c == 0 and shown[0] == "ลำดับ")


@pytest.mark.parametrize("button", list(WRITES))
@pytest.mark.parametrize("kind", ["sample", "broken", "built", "built-broken", "built-thai"])
def test_compare_button_equals_file_path(button: str, kind: str, tmp_path: Path,
                                         workbooks: Callable[[str], Path]) -> None:
    source = workbooks(kind)
    finished = api.run(source, out=tmp_path / "finished.xlsx").out
    live = tmp_path / ("live" + source.suffix)
    press_and_replay(button, source, live)
    for name in WRITES[button]:
        cols = HOME_COLUMNS if name == sh.HOME.name else None
        got, want = sheet_cells(live, name, cols), sheet_cells(finished, name, cols)
        if name == sh.FINDINGS.name and kind in ("sample", "broken"):
            header = _findings_table(want)
            for (r, c), (value, *look) in list(want.items()):
                if r > header and c == FINDINGS_CELL:  # relocated in the finished workbook
                    original = want.get((r, FINDINGS_ORIGINAL), (value,))[0]
                    want[(r, c)] = (original, *look)
        assert got == want, name
        if kind == "built-thai" and name == sh.BUDGET.name:  # amounts in Thai digits
            assert "[$-D00041E]#,##0.00" in {fmt for _v, fmt, _fill in got.values()}
    if kind.startswith("built"):  # same layout: the same cells are marked
        assert marked(live) == marked(finished)


@pytest.mark.parametrize("kind", ["sample", "broken", "built", "built-broken"])
def test_compare_input_values_untouched(kind: str, tmp_path: Path,
                                        workbooks: Callable[[str], Path]) -> None:
    source = workbooks(kind)
    live = tmp_path / ("live" + source.suffix)
    press_and_replay("reports", source, live)
    for spec in sh.INPUT_SHEETS:
        assert sheet_values(live, spec.name) == sheet_values(source, spec.name), spec.name


def test_compare_broken_is_provisional(tmp_path: Path,
                                       workbooks: Callable[[str], Path]) -> None:
    live = tmp_path / "live.xlsx"
    _actions, done = press_and_replay("reports", workbooks("broken"), live)
    banner = "ฉบับร่าง – ข้อมูลยังมีข้อผิดพลาด กรุณาตรวจสอบในชีต «ผลการตรวจสอบ»"
    for spec in sh.REPORT_SHEETS[1:]:
        assert banner in sheet_values(live, spec.name).values(), spec.name
    assert done.alerts[0][0].startswith("จัดทำรายงานครบทุกชีตเรียบร้อย (ฉบับร่าง")
    assert done.alerts[0][2] == "critical"
