"""`run` on broken inputs: a finished workbook whose ผลการตรวจสอบ lists the findings (linked to
their cells) and whose every report says it is a draft — never a crash, never a half file."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from pathlib import Path

import openpyxl
import pytest

from learnworks_xl import api
from learnworks_xl.core import sheets as sh
from learnworks_xl.errors import OutputError

NOW = datetime(2026, 7, 31, 16, 30)
Edit = Callable[[openpyxl.Workbook], None]
DRAFT = "ฉบับร่าง – ข้อมูลยังมีข้อผิดพลาด"


def _set(sheet: str, cell: str, value: object) -> Edit:
    def edit(wb: openpyxl.Workbook) -> None:
        wb[sheet][cell] = value

    return edit


def _delete(name: str) -> Edit:
    def edit(wb: openpyxl.Workbook) -> None:
        del wb[name]

    return edit


#: (edit, sheet, code, cell in the finished workbook): the plain input has its header in
#: row 1, the finished workbook in row 3 (data from row 4).
BROKEN = [
    pytest.param(_set("โรงเรียน", "C3", "ขนาดใหณ่"), "โรงเรียน", "unknown-size", "C5",
                 id="size-typo"),
    pytest.param(_set("โรงเรียน", "A4", "BK01"), "โรงเรียน", "duplicate-key", "A6",
                 id="duplicate-school-code"),
    pytest.param(_set("การใช้จ่าย", "A3", "BK99"), "การใช้จ่าย", "unknown-school", "A5",
                 id="unknown-school"),
    pytest.param(_set("การใช้จ่าย", "G2", 1300), "การใช้จ่าย", "amount-mismatch", "G4",
                 id="amount-mismatch"),
    pytest.param(_set("การใช้จ่าย", "B2", "31/02/2569"), "การใช้จ่าย", "invalid-date", "B4",
                 id="date-31-feb"),
    pytest.param(_set("การใช้จ่าย", "D1", "ปริมาณ"), "การใช้จ่าย", "missing-column", "D3",
                 id="renamed-header"),
    pytest.param(_delete("ผลงานนักเรียน"), "ผลงานนักเรียน", "missing-sheet", None,
                 id="deleted-sheet"),
    pytest.param(_set("การใช้จ่าย", "G3", "#REF!"), "การใช้จ่าย", "formula-error", "G5",
                 id="ref-error"),
    pytest.param(_set("แผนปฏิบัติการ", "F5", 30), "แผนปฏิบัติการ", "plan-weights-sum", "F10",
                 id="weights-90"),
    pytest.param(_set("ความเสี่ยง", "B2", 7), "ความเสี่ยง", "out-of-range", "B4",
                 id="likelihood-7"),
    pytest.param(_delete("โครงการ"), "โครงการ", "missing-sheet", None, id="deleted-project"),
    pytest.param(_set("โครงการ", "B7", "ไม่ทราบ"), "โครงการ", "type-error", "B9",
                 id="bad-approved-budget"),
]


def _edited(src: Path, dst: Path, edit: Edit) -> Path:
    wb = openpyxl.load_workbook(src)
    edit(wb)
    wb.save(dst)
    return dst


@pytest.mark.parametrize(("edit", "sheet", "code", "cell"), BROKEN)
def test_run_broken_still_finished(sample_path: Path, tmp_path: Path, edit: Edit, sheet: str,
                                   code: str, cell: str | None) -> None:
    broken = _edited(sample_path, tmp_path / "broken.xlsx", edit)
    result = api.run(broken, out=tmp_path / "out.xlsx", month="2026-07", now=NOW)
    assert (sheet, cell, code) in result.results.report.flat()
    assert result.results.provisional
    assert all(r.provisional for r in result.reports)
    wb = openpyxl.load_workbook(result.out)
    assert wb.sheetnames[: len(sh.ALL_SHEETS)] == [s.name for s in sh.ALL_SHEETS]
    listed = {(r[2], r[3]) for r in wb[sh.FINDINGS.name].iter_rows(values_only=True)}
    assert (sheet, cell or "-") in listed
    if cell is not None:
        links = {c.hyperlink.location for row in wb[sh.FINDINGS.name].iter_rows()
                 for c in row if c.hyperlink is not None and c.hyperlink.location}
        assert f"'{sheet}'!{cell}" in links
    for spec in sh.REPORT_SHEETS:
        text = " ".join(str(v) for row in wb[spec.name].iter_rows(max_row=8, values_only=True)
                        for v in row if v)
        assert DRAFT in text, spec.name


def test_run_failed_write_leaves_no_file(sample_path: Path, tmp_path: Path,
                                         monkeypatch: pytest.MonkeyPatch) -> None:
    import learnworks_xl.workbook.build as build

    def half_then_fail(path: Path, *args: object) -> None:
        Path(path).write_bytes(b"PK\x03\x04 half a workbook")
        raise OSError("disk full")

    monkeypatch.setattr(build, "_write", half_then_fail)
    target = tmp_path / "out.xlsx"
    target.write_bytes(b"previous run")
    with pytest.raises(OutputError):
        api.run(sample_path, out=target, month="2026-07", now=NOW)
    assert target.read_bytes() == b"previous run"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out.xlsx", "sample.xlsx"]
