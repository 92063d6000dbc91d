"""The safety scan's fast path counts what its tokenizer counts (``io/scan.py``).

The fast path reads a canonical segment with a few regexes and byte counts; the tokenizer
reads every cell and row tag one by one, as calamine places them. On the workbooks the
program meets — plain ones (openpyxl), the product workbook and a finished one (XlsxWriter,
with ``<cols>``, formulas and shared strings), the school form, every readable file of the
robustness corpus — both must find the same cells, shared-text uses, error cells, hidden rows,
percent cells and negative numbers, and the same used area, except that the fast path counts
a formatted empty cell (``<c r="A9" s="1"/>``) in it, the tokenizer not: an upper bound.
"""

from __future__ import annotations

import io
import zipfile
from pathlib import Path
from typing import Any

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from learnworks_xl.core.grid import column_letter
from learnworks_xl.core.validate import validate_raw
from learnworks_xl.io import scan
from learnworks_xl.io.plainwriter import write_plain_workbook
from learnworks_xl.io.reader import read_workbook
from learnworks_xl.sample import sample_data
from learnworks_xl.workbook.build import build_workbook
from tests.corpus.cases import CASES, Case, Kit

ROOT = Path(__file__).resolve().parents[1]


def _scan(path: Path) -> dict[str, Any]:
    with zipfile.ZipFile(io.BytesIO(path.read_bytes())) as zf:
        found = scan.scan_archive(zf, max_inflated=400 * 2**20, max_cell_bytes=16 * 2**20,
                                  max_unusual=10**9)
    return {part: ((s.rows, s.cols), s.cells, sorted(s.errors.items()), sorted(s.hidden),
                   list(s.shared), sorted(s.percent), sorted(s.negative.items()))
            for part, s in found.sheets.items()}


def assert_paths_agree(path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    fast = _scan(path)
    with monkeypatch.context() as m:
        m.setattr(scan._SheetScanner, "_fast", lambda self, seg: False)
        slow = _scan(path)
    assert fast.keys() == slow.keys()
    for part, (area, *rest) in fast.items():
        (slow_area, *slow_rest) = slow[part]
        assert rest == slow_rest, part
        assert area[0] >= slow_area[0] and area[1] >= slow_area[1], part


@pytest.fixture(scope="module")
def kit(tmp_path_factory: pytest.TempPathFactory) -> Kit:
    folder = tmp_path_factory.mktemp("scan-corpus")
    return Kit(write_plain_workbook(sample_data(), folder / "sample.xlsx"), folder)


@pytest.mark.parametrize("case", [pytest.param(c, id=c.name) for c in CASES
                                  if c.exit_code != 2 and not c.slow])
def test_io_scan_fast_path_corpus(case: Case, kit: Kit, monkeypatch: pytest.MonkeyPatch) -> None:
    assert_paths_agree(case.build(kit), monkeypatch)


def test_io_scan_fast_path_product_workbooks(tmp_path: Path,
                                            monkeypatch: pytest.MonkeyPatch) -> None:
    """XlsxWriter's workbooks: ``<cols>`` before the cells, conditional formats after them,
    shared strings, formulas; findings marked in a finished workbook."""
    data = sample_data()
    product = build_workbook(tmp_path / "product.xlsm", data=data)
    raw = read_workbook(product)
    _parsed, report = validate_raw(raw)
    data["การใช้จ่าย"][0]["quantity"] = "สองชุด"
    finished = build_workbook(tmp_path / "finished.xlsx", data=data, findings=report,
                              macros=False)
    for path in (product, finished, ROOT / "tests" / "fixtures"
                 / "แบบฟอร์มโรงเรียน-BK04-2569-v1.xlsx"):
        assert_paths_agree(path, monkeypatch)


def test_io_scan_fast_path_takes_xlsxwriter_segments(tmp_path: Path,
                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    """A sheet with ``<cols>`` and conditional formats is read by the fast path (the
    tokenizer costs Python time per tag: it once read the first megabyte of every sheet)."""
    product = build_workbook(tmp_path / "product.xlsm", data=sample_data())
    slow: list[bytes] = []
    original = scan._SheetScanner._tokens

    def tokens(self: Any, seg: bytes) -> None:
        slow.append(seg)
        original(self, seg)

    monkeypatch.setattr(scan._SheetScanner, "_tokens", tokens)
    _scan(product)
    assert slow == []


@given(st.lists(st.integers(0, 10**12).map(str), min_size=1),
       st.lists(st.integers(0, 4), min_size=1))
def test_io_scan_largest_number(numbers: list[str], zeros: list[int]) -> None:
    """The largest of digit strings, leading zeros and all, without converting each."""
    written = [("0" * zeros[i % len(zeros)] + n).encode() for i, n in enumerate(numbers)]
    assert scan._largest(written) == max(int(n) for n in numbers)


@given(st.integers(1, 10**12 - 1), st.integers(1, 16_384), st.integers(0, 10**12 - 1),
       st.integers(0, 16_383), st.integers(0, 3))
@example(10**11, 3, 10**11, 2, 1)
@example(8741, 9, 8742, 8, 0)
@example(8741, 9, 8740, 9, 0)
@example(999, 27, 1000, 0, 0)
@example(1000, 26, 999, 25, 2)
def test_io_scan_beyond_bounds(rows: int, cols: int, row: int, col: int, zeros: int) -> None:
    """The one-search check finds exactly the cells past the bounds (leading zeros too)."""
    written = f"{'0' * zeros}{row}"
    tag = f'<c r="{column_letter(col)}{written}" s="1">'.encode()
    found = scan._beyond(rows, cols).search(tag) is not None
    assert found == (row > rows or col >= cols)


@pytest.mark.parametrize("tag", [b"<cols>", b'<col min="1"/>', b"<cfRule>", b"<customPr/>"])
def test_io_scan_beyond_skips_other_elements(tag: bytes) -> None:
    assert scan._beyond(5, 5).search(tag) is None
    assert scan._beyond(5, 5).search(b'<c  r="A1">') is not None  # an unusual spelling
