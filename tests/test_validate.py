"""`validate`: the sample is clean; each broken copy is reported at its sheet and cell."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable
from pathlib import Path

import openpyxl
import pytest
from click.testing import CliRunner

from learnworks_xl import api
from learnworks_xl.cli import cli

Edit = Callable[[openpyxl.Workbook], None]


def _edited(src: Path, dst: Path, edit: Edit) -> Path:
    wb = openpyxl.load_workbook(src)
    edit(wb)
    wb.save(dst)
    return dst


def _set(sheet: str, cell: str, value: object) -> Edit:
    def edit(wb: openpyxl.Workbook) -> None:
        wb[sheet][cell] = value

    return edit


def _delete_sheet(name: str) -> Edit:
    def edit(wb: openpyxl.Workbook) -> None:
        del wb[name]

    return edit


def _weights_90(wb: openpyxl.Workbook) -> None:
    wb["แผนปฏิบัติการ"]["F5"] = 30  # step 4: 40 → 30


def test_validate_sample_clean(sample_path: Path) -> None:
    result = api.validate(sample_path)
    assert result.report.errors == 0, result.report.flat()
    assert result.report.valid


def test_validate_cli_json_sample(sample_path: Path) -> None:
    out = CliRunner().invoke(cli, ["validate", str(sample_path), "--json"])
    assert out.exit_code == 0, out.output
    doc = json.loads(out.output)
    assert doc["valid"] is True
    assert doc["errors"] == 0
    assert set(doc) == {"valid", "errors", "warnings", "findings"}


BROKEN = [
    pytest.param(_set("โรงเรียน", "C3", "ขนาดใหณ่"), ("โรงเรียน", "C3", "unknown-size"),
                 id="size-typo"),
    pytest.param(_set("โรงเรียน", "A4", "BK01"), ("โรงเรียน", "A4", "duplicate-key"),
                 id="duplicate-school-code"),
    pytest.param(_set("การใช้จ่าย", "A3", "BK99"), ("การใช้จ่าย", "A3", "unknown-school"),
                 id="unknown-school-in-purchases"),
    pytest.param(_set("การใช้จ่าย", "G2", 1300), ("การใช้จ่าย", "G2", "amount-mismatch"),
                 id="amount-not-qty-times-price"),
    pytest.param(_set("การใช้จ่าย", "B2", "31/02/2569"), ("การใช้จ่าย", "B2", "invalid-date"),
                 id="date-31-feb"),
    pytest.param(_set("การใช้จ่าย", "D1", "ปริมาณ"), ("การใช้จ่าย", "A1", "missing-column"),
                 id="renamed-header"),
    pytest.param(_delete_sheet("ผลงานนักเรียน"), ("ผลงานนักเรียน", None, "missing-sheet"),
                 id="deleted-sheet"),
    pytest.param(_set("การใช้จ่าย", "G3", "#REF!"), ("การใช้จ่าย", "G3", "formula-error"),
                 id="ref-error-in-amount"),
    pytest.param(_weights_90, ("แผนปฏิบัติการ", "F8", "plan-weights-sum"), id="weights-90"),
    pytest.param(_set("ความเสี่ยง", "B2", 7), ("ความเสี่ยง", "B2", "out-of-range"),
                 id="likelihood-7"),
]


@pytest.mark.parametrize(("edit", "expected"), BROKEN)
def test_validate_broken_reported_at_cell(
    sample_path: Path, tmp_path: Path, edit: Edit, expected: tuple[str, str | None, str]
) -> None:
    broken = _edited(sample_path, tmp_path / "broken.xlsx", edit)
    before = hashlib.sha256(broken.read_bytes()).hexdigest()
    result = api.validate(broken)
    assert expected in result.report.flat(), result.report.flat()
    assert not result.report.valid
    out = CliRunner().invoke(cli, ["validate", str(broken)])
    assert out.exit_code == 1
    assert hashlib.sha256(broken.read_bytes()).hexdigest() == before


@pytest.mark.parametrize(
    ("cell", "value"),
    [("B2", "15/01/2569"), ("B2", "15 ม.ค. 2569"), ("B2", "๑๕ มกราคม ๒๕๖๙")],
)
def test_validate_be_text_date_accepted(sample_path: Path, tmp_path: Path,
                                        cell: str, value: str) -> None:
    path = _edited(sample_path, tmp_path / "be.xlsx", _set("การใช้จ่าย", cell, value))
    assert api.validate(path).report.errors == 0


def test_validate_thai_digit_amounts_accepted(sample_path: Path, tmp_path: Path) -> None:
    def edit(wb: openpyxl.Workbook) -> None:
        ws = wb["การใช้จ่าย"]
        ws["F2"] = "๑๒๕.-"
        ws["G2"] = "๑,๒๕๐ บาท"
        wb["เกณฑ์ขนาดโรงเรียน"]["B2"] = "15,100.-"

    path = _edited(sample_path, tmp_path / "thai.xlsx", edit)
    assert api.validate(path).report.errors == 0


def test_validate_all_findings_at_once(sample_path: Path, tmp_path: Path) -> None:
    def edit(wb: openpyxl.Workbook) -> None:
        for e in (_set("โรงเรียน", "C3", "ขนาดจิ๋ว"), _set("ความเสี่ยง", "B2", 7),
                  _set("การใช้จ่าย", "B2", "31/02/2569")):
            e(wb)

    report = api.validate(_edited(sample_path, tmp_path / "many.xlsx", edit)).report
    codes = {(s, c, k) for s, c, k in report.flat()}
    assert {("โรงเรียน", "C3", "unknown-size"), ("ความเสี่ยง", "B2", "out-of-range"),
            ("การใช้จ่าย", "B2", "invalid-date")} <= codes


def test_validate_message_thai_exact(sample_path: Path, tmp_path: Path) -> None:
    path = _edited(sample_path, tmp_path / "r.xlsx", _set("ความเสี่ยง", "B2", 7))
    finding = next(f for f in api.validate(path).report.findings if f.cell == "B2")
    assert finding.message == "«โอกาสที่จะเกิด» '7' ต้องอยู่ระหว่าง 1 ถึง 5"
    assert finding.column == "โอกาสที่จะเกิด"
    assert finding.value == 7


@pytest.mark.parametrize(
    ("name", "content"),
    [("notes.xlsx", b"hello, this is not a workbook"),
     ("renamed.xlsx", "รหัสโรงเรียน,ชื่อโรงเรียน\nBK01,x\n".encode()),
     ("old.xls", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 512),
     ("broken.xlsx", b"PK\x03\x04garbage")],
)
def test_validate_unreadable_exit_2(tmp_path: Path, name: str, content: bytes) -> None:
    path = tmp_path / name
    path.write_bytes(content)
    out = CliRunner().invoke(cli, ["validate", str(path)])
    assert out.exit_code == 2
    assert "Traceback" not in out.output
    assert out.output.startswith("ผิดพลาด: ")
    assert path.read_bytes() == content


def test_validate_missing_file_exit_2(tmp_path: Path) -> None:
    out = CliRunner().invoke(cli, ["validate", str(tmp_path / "nope.xlsx")])
    assert out.exit_code == 2
    assert out.output == (
        f"ผิดพลาด: ไม่พบไฟล์ {tmp_path / 'nope.xlsx'} (file not found: {tmp_path / 'nope.xlsx'})\n"
    )


@pytest.mark.parametrize("later_complete", [True, False])
def test_validate_kpi_findings_agree_with_kpi(sample_dict: dict[str, object],
                                              make_workbook: Callable[..., Path],
                                              tmp_path: Path, later_complete: bool) -> None:
    """A school that sent two reports, one complete: the KPI counts it as met, and no
    finding says otherwise, whichever report came last."""
    reports = sample_dict["รายงานผลโรงเรียน"]
    assert isinstance(reports, list)
    second = dict(reports[0], complete=later_complete)
    reports[0]["complete"] = not later_complete
    reports.append(second)
    result = api.run(make_workbook(sample_dict), out=tmp_path / "out.xlsx")
    codes = {k for _, _, k in result.results.report.flat()}
    assert "report-incomplete" not in codes
    assert all(s.meets for s in result.results.kpi.schools)


@pytest.mark.parametrize(("completed", "codes"), [
    ("20/09/2568", []),  # approval in ก.ย. 2568, before the fiscal year: the seed's plan
    ("15/08/2568", ["outside-fiscal-year"]),  # before the plan's first month
    ("01/10/2569", ["outside-fiscal-year"]),  # after the plan's last month
])
def test_validate_plan_completion_within_plan_span(sample_path: Path, tmp_path: Path,
                                                   completed: str, codes: list[str]) -> None:
    path = _edited(sample_path, tmp_path / "plan.xlsx", _set("แผนปฏิบัติการ", "H2", completed))
    found = [f.code for f in api.validate(path).report.findings if f.cell == "H2"]
    assert found == codes
