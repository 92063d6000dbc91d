"""LibreOffice (headless) opens the built workbook, keeps its data validation, recalculates
every formula to the value we cached (no error values), and prints each sheet on A4 with Thai
text. Skipped only when ``soffice`` is not installed."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest
from openpyxl import load_workbook

from learnworks_xl.core import sheets as sh
from learnworks_xl.sample import sample_data
from learnworks_xl.workbook import build_workbook
from tests.libreoffice import ERRORS, bases, plain, soffice

pytestmark = [
    pytest.mark.libreoffice,
    pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice is not installed"),
]

@pytest.fixture(scope="module")
def converted(tmp_path_factory: pytest.TempPathFactory) -> dict[str, dict[str, Path]]:
    base = tmp_path_factory.mktemp("lo")
    profile = base / "profile"
    out: dict[str, dict[str, Path]] = {}
    for kind, data in (("sample", sample_data()), ("template", None)):
        src = build_workbook(base / f"{kind}.xlsm", data=data)
        out[kind] = {
            "src": src,
            "xlsx": soffice(src, "xlsx", base / f"{kind}-xlsx", profile),
            "pdf": soffice(src, "pdf", base / f"{kind}-pdf", profile),
        }
    return out


@pytest.mark.parametrize("kind", ["sample", "template"])
def test_workbook_libreoffice_recalculates_to_cached_values(
        converted: dict[str, dict[str, Path]], kind: str) -> None:
    formulas = load_workbook(converted[kind]["src"])
    cached = load_workbook(converted[kind]["src"], data_only=True)
    recalculated = load_workbook(converted[kind]["xlsx"], data_only=True)
    checked = 0
    differences = []
    for ws in formulas.worksheets:
        for row in ws.iter_rows():
            for cell in row:
                if not (isinstance(cell.value, str) and cell.value.startswith("=")):
                    continue
                ours = plain(cached[ws.title][cell.coordinate].value)
                theirs = plain(recalculated[ws.title][cell.coordinate].value)
                assert not (isinstance(theirs, str) and theirs.startswith(ERRORS)), \
                    f"{ws.title}!{cell.coordinate} = {theirs} ({cell.value})"
                checked += 1
                if ours != theirs:
                    differences.append((ws.title, cell.coordinate, ours, theirs, cell.value))
    assert checked > 500
    assert differences == []


@pytest.mark.parametrize("sheet", [s.name for s in sh.INPUT_SHEETS])
def test_workbook_libreoffice_keeps_validation(converted: dict[str, dict[str, Path]],
                                               sheet: str) -> None:
    ours = load_workbook(converted["template"]["src"])[sheet].data_validations.dataValidation
    theirs = load_workbook(converted["template"]["xlsx"])[sheet].data_validations.dataValidation
    assert len(ours) > 0
    assert sorted((dv.type, dv.prompt) for dv in theirs) == \
        sorted((dv.type, dv.prompt) for dv in ours)


@pytest.mark.parametrize("kind", ["sample", "template"])
def test_workbook_libreoffice_prints_a4_with_thai(converted: dict[str, dict[str, Path]],
                                                  kind: str, tmp_path: Path) -> None:
    pdf = converted[kind]["pdf"]
    info = subprocess.run(["pdfinfo", "-l", "100", str(pdf)], check=True, capture_output=True,
                          text=True).stdout
    sizes = [line.split(":", 1)[1].split("pts")[0].strip() for line in info.splitlines()
             if line.startswith("Page") and "size" in line]
    pages = int(next(line for line in info.splitlines() if line.startswith("Pages:")).split()[1])
    visible = len(sh.ALL_SHEETS)
    assert pages >= visible
    assert {s.replace(" ", "") for s in sizes} <= {"595.304x841.89", "841.89x595.304"}
    text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], check=True,
                          capture_output=True, text=True).stdout
    for spec in sh.ALL_SHEETS[1:]:  # each sheet's title (pdftotext reorders Thai marks)
        assert bases(spec.name) in bases(text), spec.name
    fonts = subprocess.run(["pdffonts", str(pdf)], check=True, capture_output=True,
                           text=True).stdout
    assert "emb" in fonts and "yes" in fonts
    if shutil.which("pdftoppm"):
        subprocess.run(["pdftoppm", "-r", "30", "-png", "-f", "1", "-l", "2", str(pdf),
                        str(tmp_path / "page")], check=True, capture_output=True)
        assert len(list(tmp_path.glob("page-*.png"))) == 2


#: docs/workbook-<key>.png: the top of an input sheet's first page (160 dpi, 440 px high).
DOC_SHEETS = {"plan": sh.PLAN, "schools": sh.SCHOOLS}
#: Gantt cells of the sample (step, month index from ก.ย. 2568): 1 planned, 2 finished
#: outside the plan, 3 finished in a planned month, 0 neither.
GANTT_CASES = [(1, 0, 1), (1, 1, 3), (1, 2, 0), (4, 3, 1), (4, 9, 3), (7, 11, 1), (7, 12, 3)]


def sheet_page(pdf: Path, name: str) -> int:
    """First page (1-based) of a sheet, found by its name in the page footer."""
    pages = int(next(line for line in subprocess.run(
        ["pdfinfo", str(pdf)], check=True, capture_output=True, text=True).stdout.splitlines()
        if line.startswith("Pages:")).split()[1])
    for page in range(1, pages + 1):
        text = subprocess.run(["pdftotext", "-layout", "-f", str(page), "-l", str(page),
                               str(pdf), "-"], check=True, capture_output=True, text=True).stdout
        lines = [line for line in text.splitlines() if line.strip()]
        if lines and bases(lines[-1].split("หน้า")[0]) == bases(name):
            return page
    raise AssertionError(f"no page of {name}")


@pytest.mark.parametrize(("step", "month", "expected"), GANTT_CASES)
def test_workbook_libreoffice_gantt_marks_month_finished(
        converted: dict[str, dict[str, Path]], step: int, month: int, expected: int) -> None:
    from learnworks_xl.workbook.positions import FIRST_DATA_ROW, table_layout

    layout = table_layout(sh.PLAN, len(sample_data()[sh.PLAN.name]))
    ws = load_workbook(converted["sample"]["xlsx"], data_only=True)[sh.PLAN.name]
    value = ws.cell(FIRST_DATA_ROW + step, layout.last_col + 2 + month).value
    assert (value or 0) == expected


@pytest.mark.skipif(shutil.which("pdftoppm") is None, reason="poppler is not installed")
@pytest.mark.parametrize("key", sorted(DOC_SHEETS))
def test_workbook_libreoffice_sheet_pictures(converted: dict[str, dict[str, Path]],
                                             key: str, tmp_path: Path) -> None:
    import os

    update = os.environ.get("LEARNWORKS_UPDATE_DOCS") == "1"
    root = Path(__file__).resolve().parents[1]
    target = (root / "docs" if update else tmp_path) / f"workbook-{key}.png"
    pdf = converted["sample"]["pdf"]
    page = str(sheet_page(pdf, DOC_SHEETS[key].name))
    subprocess.run(["pdftoppm", "-png", "-singlefile", "-r", "160", "-f", page, "-l", page,
                    "-x", "0", "-y", "0", "-W", "1870", "-H", "440", str(pdf),
                    str(target.with_suffix(""))], check=True, capture_output=True)
    assert target.stat().st_size > 20_000
    assert (root / "docs" / target.name).exists(), "run with LEARNWORKS_UPDATE_DOCS=1"
