"""Golden-file tests of the workbook builder, XlsxWriter style: unzip the built file and a
committed copy, same member list, compare each XML part's tags and text; the failure names the
part. Ignoring a part is a per-test decision.

Regenerate the golden files after an intended change with
``LEARNWORKS_UPDATE_GOLDEN=1 uv run pytest tests/test_workbook_golden.py`` (and the committed
workbooks with ``uv run learnworks build-workbook``), then review the diff.
"""

from __future__ import annotations

import os
import re
import shutil
import zipfile
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

from learnworks_xl.core.findings import Findings, error, warning
from learnworks_xl.core.reports.content import (
    ChartBlock,
    Column,
    KeyValues,
    Paragraph,
    ReportSheet,
    TableBlock,
    v,
)
from learnworks_xl.sample import sample_data
from learnworks_xl.workbook import build_workbook

ROOT = Path(__file__).resolve().parents[1]
GOLDEN = ROOT / "tests" / "golden" / "workbook"
UPDATE = os.environ.get("LEARNWORKS_UPDATE_GOLDEN") == "1"
_TOKENS = re.compile(r"<[^>]+>|[^<]+")
_TIMESTAMPS = re.compile(r"<dcterms:(created|modified)[^>]*>[^<]*</dcterms:\1>")


def xml_tokens(data: bytes) -> list[str]:
    """The tags and texts of an XML part, timestamps removed (as XlsxWriter's helper)."""
    text = _TIMESTAMPS.sub("", data.decode("utf-8"))
    return [t for t in _TOKENS.findall(text) if t.strip()]


def compare_parts(got: Path, expected: Path, ignore: frozenset[str] = frozenset()) -> None:
    """Assert two workbooks have the same parts with the same content; name the first
    part that differs."""
    with zipfile.ZipFile(got) as g, zipfile.ZipFile(expected) as e:
        got_names = sorted(n for n in g.namelist() if n not in ignore)
        exp_names = sorted(n for n in e.namelist() if n not in ignore)
        assert got_names == exp_names, "the workbooks have different parts"
        for name in got_names:
            a, b = g.read(name), e.read(name)
            if name.endswith((".xml", ".rels", ".vml")):
                ta, tb = xml_tokens(a), xml_tokens(b)
                if ta != tb:
                    i = next((i for i, (x, y) in enumerate(zip(ta, tb, strict=False)) if x != y),
                             min(len(ta), len(tb)))
                    pytest.fail(f"part {name} differs at token {i}: "
                                f"got {ta[i:i + 3]!r}, expected {tb[i:i + 3]!r}")
            else:
                assert a == b, f"binary part {name} differs"


def check_golden(built: Path, name: str, ignore: frozenset[str] = frozenset()) -> None:
    golden = GOLDEN / name
    if UPDATE:
        shutil.copyfile(built, golden)
        pytest.skip(f"golden file {name} rewritten")
    compare_parts(built, golden, ignore)


def report_sheets() -> list[ReportSheet]:
    """A report of every block kind and format, for the renderer's golden file."""
    table = TableBlock(
        columns=[Column("โรงเรียน", "text", 30), Column("งบประมาณ (บาท)", "amount", 16),
                 Column("ร้อยละ", "percent", 10), Column("วันที่", "date", 16)],
        rows=[[v("โรงเรียนตัวอย่าง", link="#'โรงเรียน'!A4"), v(Decimal("15100")),
               v(Decimal("96.5"), "percent", "ok"), v(date(2025, 11, 15), "date")],
              [v("เว็บไซต์", link="https://example.org/"), v(Decimal("13100.5")),
               v(Decimal("40"), "percent", "bad"), v(None)]],
        totals=[[v("รวม", role="strong"), v(Decimal("28200.5")), v(None), v(None)]],
        heading="ตารางตัวอย่าง")
    return [
        ReportSheet("สรุปงบประมาณ", "สรุปงบประมาณ", ["ปีงบประมาณ พ.ศ. 2569"], [
            Paragraph("หัวข้อ", "heading"), Paragraph("ย่อหน้าตัวอย่าง " * 20),
            Paragraph("หมายเหตุ", "note"),
            KeyValues([("รวมทั้งสิ้น", v(Decimal("69500"), "amount_dash")),
                       ("เดือน", v(date(2026, 7, 1), "month")),
                       ("ผล", v("ไม่ผ่าน", role="warn"))], heading="สรุป"),
            table,
            TableBlock([Column("ว่าง")], [], heading="ไม่มีรายการ"),
            ChartBlock("column", "ร้อยละ", ["ก", "ข"], [("ร้อยละ", [Decimal(50), 100])], "ร้อยละ"),
        ], provisional=True),
        ReportSheet("หน้าหลัก", "โครงการตัวอย่าง", blocks=[
            KeyValues([("งบประมาณ", v(Decimal(69500), "amount"))])]),
    ]


def findings() -> Findings:
    return Findings(findings=[
        error("required", "โรงเรียน", "กรุณากรอก «ชื่อโรงเรียน»", cell="B5", column="ชื่อโรงเรียน"),
        warning("outside-run-period", "การใช้จ่าย", "นอกระยะเวลา", cell="B4", column="วันที่"),
        error("out-of-range", "โครงการ", "ปีงบประมาณผิด", cell="B5", column="ปีงบประมาณ (พ.ศ.)"),
    ])


BUILDS: dict[str, dict[str, Any]] = {
    "template.xlsm": {},
    "finished.xlsx": {"data": "sample", "reports": "reports", "findings": "findings",
                      "macros": False},
}


@pytest.mark.parametrize("name", sorted(BUILDS))
def test_workbook_golden_parts(tmp_path: Path, name: str) -> None:
    options = dict(BUILDS[name])
    options["data"] = sample_data() if options.get("data") else None
    options["reports"] = report_sheets() if options.get("reports") else None
    options["findings"] = findings() if options.get("findings") else None
    built = build_workbook(tmp_path / name, **options)
    # The VBA project belongs to its own tests (test_vba_*); the committed workbooks catch
    # its drift. Everything else must match part by part.
    check_golden(built, name, ignore=frozenset({"xl/vbaProject.bin"}))


@pytest.mark.parametrize(("name", "data"), [("learnworks.xlsm", True),
                                            ("learnworks-template.xlsm", False)])
def test_workbook_golden_committed_files_current(tmp_path: Path, name: str, data: bool) -> None:
    built = build_workbook(tmp_path / name, data=sample_data() if data else None)
    compare_parts(built, ROOT / "workbook" / name)


def test_workbook_golden_builds_are_byte_stable(tmp_path: Path) -> None:
    a = build_workbook(tmp_path / "a.xlsm", data=sample_data())
    b = build_workbook(tmp_path / "b.xlsm", data=sample_data())
    assert a.read_bytes() == b.read_bytes()


def test_workbook_golden_compare_names_the_part(tmp_path: Path) -> None:
    a = build_workbook(tmp_path / "a.xlsx", macros=False)
    b = build_workbook(tmp_path / "b.xlsx", data=sample_data(), macros=False)
    with pytest.raises(pytest.fail.Exception, match=r"part \S+ differs"):
        compare_parts(a, b)
