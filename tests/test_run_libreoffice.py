"""The finished workbook in LibreOffice (headless): every formula recalculates to the value we
cached with no error value anywhere, and the report sheets print on A4 with Thai text in the
TH Sarabun family. ``LEARNWORKS_UPDATE_DOCS=1`` rewrites ``docs/report-*.png`` from these
pages. Skipped only when ``soffice`` is not installed."""

from __future__ import annotations

import os
import shutil
import subprocess
from datetime import datetime
from pathlib import Path

import openpyxl
import pytest

from learnworks_xl import api
from learnworks_xl.core import sheets as sh
from tests.libreoffice import ERRORS, bases, plain, soffice

pytestmark = [
    pytest.mark.libreoffice,
    pytest.mark.skipif(shutil.which("soffice") is None or shutil.which("pdftotext") is None,
                       reason="LibreOffice or poppler is not installed"),
]

ROOT = Path(__file__).resolve().parents[1]
NOW = datetime(2026, 7, 31, 16, 30)
#: docs/report-<key>.png: (run, report sheet) of each picture in the README.
DOC_PAGES = {"home": ("sample", sh.HOME), "budget": ("sample", sh.BUDGET),
             "kpi": ("sample", sh.KPI), "monthly": ("sample", sh.MONTHLY),
             "summary": ("sample", sh.SUMMARY), "findings": ("broken", sh.FINDINGS)}


@pytest.fixture(scope="module")
def finished(tmp_path_factory: pytest.TempPathFactory) -> dict[str, dict[str, Path]]:
    from learnworks_xl.io.plainwriter import write_plain_workbook
    from learnworks_xl.sample import sample_data

    base = tmp_path_factory.mktemp("run-lo")
    src = write_plain_workbook(sample_data(), base / "sample.xlsx")
    wb = openpyxl.load_workbook(src)
    wb["โรงเรียน"]["C3"] = "ขนาดใหณ่"  # unknown size
    wb["การใช้จ่าย"]["G2"] = 1300  # amount ≠ quantity × price
    wb["ความเสี่ยง"]["B2"] = 7  # likelihood out of range
    wb["การใช้จ่าย"]["B3"] = "31/02/2569"  # no such day
    wb.save(base / "broken.xlsx")
    thai_data = sample_data()
    thai_data[sh.SETTINGS.name]["thai_digits"] = True  # ใช้เลขไทยในรายงาน = ใช่
    write_plain_workbook(thai_data, base / "thai.xlsx")
    out: dict[str, dict[str, Path]] = {}
    for kind in ("sample", "broken", "thai"):
        run = api.run(base / f"{kind}.xlsx", out=base / f"{kind}-out.xlsx", month="2026-07",
                      now=NOW)
        out[kind] = {"out": run.out,
                     "xlsx": soffice(run.out, "xlsx", base / f"{kind}-lo", base / "profile"),
                     "pdf": soffice(run.out, "pdf", base / f"{kind}-pdf", base / "profile")}
    return out


@pytest.mark.parametrize("kind", ["sample", "broken"])
def test_run_libreoffice_recalculates_without_errors(finished: dict[str, dict[str, Path]],
                                                     kind: str) -> None:
    formulas = openpyxl.load_workbook(finished[kind]["out"])
    cached = openpyxl.load_workbook(finished[kind]["out"], data_only=True)
    recalculated = openpyxl.load_workbook(finished[kind]["xlsx"], data_only=True)
    errors, differences, checked = [], [], 0
    for ws in recalculated.worksheets:
        for row in ws.iter_rows():
            for cell in row:
                if isinstance(cell.value, str) and cell.value.startswith(ERRORS) and \
                        ws.title not in (sh.FINDINGS.name,):
                    errors.append((ws.title, cell.coordinate, cell.value))
                formula = formulas[ws.title][cell.coordinate].value
                if isinstance(formula, str) and formula.startswith("="):
                    checked += 1
                    ours = plain(cached[ws.title][cell.coordinate].value)
                    if ours != plain(cell.value):
                        differences.append((ws.title, cell.coordinate, ours, cell.value))
    assert errors == []
    assert differences == []
    assert checked > 500


def report_pages(pdf: Path) -> dict[str, int]:
    """First page (1-based) of each report sheet, found by the sheet name in its footer."""
    pages = int(next(line for line in subprocess.run(
        ["pdfinfo", str(pdf)], check=True, capture_output=True, text=True).stdout.splitlines()
        if line.startswith("Pages:")).split()[1])
    found: dict[str, int] = {sh.HOME.name: 1}
    for page in range(2, pages + 1):
        text = subprocess.run(["pdftotext", "-layout", "-f", str(page), "-l", str(page),
                               str(pdf), "-"], check=True, capture_output=True, text=True).stdout
        lines = [line for line in text.splitlines() if line.strip()]
        footer = bases(lines[-1].split("หน้า")[0] if lines else "")
        for spec in sh.REPORT_SHEETS[1:]:
            if footer == bases(spec.name):
                found.setdefault(spec.name, page)
    return found


@pytest.mark.parametrize("kind", ["sample", "broken"])
def test_run_libreoffice_prints_reports_a4(finished: dict[str, dict[str, Path]],
                                           kind: str) -> None:
    pdf = finished[kind]["pdf"]
    info = subprocess.run(["pdfinfo", "-l", "200", str(pdf)], check=True, capture_output=True,
                          text=True).stdout
    sizes = {line.split(":", 1)[1].split("pts")[0].replace(" ", "")
             for line in info.splitlines() if line.startswith("Page") and "size" in line}
    assert sizes <= {"595.304x841.89", "841.89x595.304"}  # A4 portrait / landscape
    pages = report_pages(pdf)
    assert set(pages) == {s.name for s in sh.REPORT_SHEETS}
    text = bases(subprocess.run(["pdftotext", str(pdf), "-"], check=True,
                                 capture_output=True, text=True).stdout)
    total = {"sample": ("(หกหมื่นเก้าพันห้าร้อยบาทถ้วน)", "69,500.-"),
             "broken": ("(ห้าหมื่นสี่พันสี่ร้อยบาทถ้วน)", "54,400.-")}[kind]
    for words in ("สรุปงบประมาณโครงการ", *total, "ผลการดำเนินงานตามตัวชี้วัด",
                  "รายงานความก้าวหน้าประจำเดือนกรกฎาคม 2569", "รายงานสรุปผลการดำเนินงานโครงการ"):
        assert bases(words) in text, words
    assert (bases("ฉบับร่าง") in text) is (kind == "broken")
    fonts = subprocess.run(["pdffonts", str(pdf)], check=True, capture_output=True,
                           text=True).stdout
    assert "Laksaman" in fonts or "Sarabun" in fonts  # TH Sarabun (TLWG's Laksaman on Linux)


@pytest.mark.skipif(shutil.which("pdftoppm") is None, reason="poppler is not installed")
def test_run_libreoffice_report_pictures(finished: dict[str, dict[str, Path]],
                                         tmp_path: Path) -> None:
    update = os.environ.get("LEARNWORKS_UPDATE_DOCS") == "1"
    pages = {kind: report_pages(finished[kind]["pdf"]) for kind in ("sample", "broken")}
    for key, (kind, spec) in DOC_PAGES.items():
        target = (ROOT / "docs" if update else tmp_path) / f"report-{key}.png"
        page = str(pages[kind][spec.name])
        subprocess.run(["pdftoppm", "-png", "-singlefile", "-scale-to", "1240", "-f", page,
                        "-l", page, str(finished[kind]["pdf"]), str(target.with_suffix(""))],
                       check=True, capture_output=True)
        assert target.stat().st_size > 20_000
        assert (ROOT / "docs" / f"report-{key}.png").exists(), "run with LEARNWORKS_UPDATE_DOCS=1"


@pytest.mark.parametrize(("sheet", "shown"), [
    (sh.BUDGET, "๖๙,๕๐๐.๐๐"),  # an amount cell: [$-D00041E]#,##0.00
    (sh.KPI, "๑๐๐.๐๐"),  # a percentage: [$-D00041E]0.00
    (sh.MONTHLY, "๒๐ต.ค.๒๕๖๘"),  # a date: [$-D07041E]d mmm yyyy (Buddhist era)
    (sh.HOME, "๓๑ก.ค.๒๕๖๙๑๖:๓๐"),  # a date and time
])
def test_run_libreoffice_thai_digits_by_number_format(finished: dict[str, dict[str, Path]],
                                                      sheet: sh.SheetSpec, shown: str) -> None:
    pdf = finished["thai"]["pdf"]
    page = str(report_pages(pdf)[sheet.name])
    text = subprocess.run(["pdftotext", "-f", page, "-l", page, str(pdf), "-"], check=True,
                          capture_output=True, text=True).stdout
    assert bases(shown) in bases(text)
