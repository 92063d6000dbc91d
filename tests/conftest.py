"""Shared fixtures: temporary workbooks made from the bundled sample."""

from __future__ import annotations

import os

# xlwings decides at import whether its PRO remote engine (xlwings Server) is available; the
# xl tests run it under the PolyForm Noncommercial licence (see the README).
os.environ.setdefault("XLWINGS_LICENSE_KEY", "noncommercial")

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from learnworks_xl.io.plainwriter import write_plain_workbook
from learnworks_xl.sample import sample_data

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture
def sample_dict() -> dict[str, Any]:
    """The sample data, fresh for each test (safe to modify)."""
    return sample_data()


@pytest.fixture
def make_workbook(tmp_path: Path) -> Callable[[dict[str, Any]], Path]:
    """Write data (as :func:`sample_data`) to a temporary .xlsx and return its path."""
    counter = iter(range(10_000))

    def make(data: dict[str, Any], name: str | None = None) -> Path:
        return write_plain_workbook(data, tmp_path / (name or f"wb{next(counter)}.xlsx"))

    return make


@pytest.fixture
def sample_path(make_workbook: Callable[..., Path], sample_dict: dict[str, Any]) -> Path:
    """A plain .xlsx of the sample data."""
    return make_workbook(sample_dict, "sample.xlsx")
