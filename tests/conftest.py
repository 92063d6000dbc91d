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
from hypothesis import HealthCheck, settings

from learnworks_xl.io.plainwriter import write_plain_workbook
from learnworks_xl.sample import sample_data

ROOT = Path(__file__).resolve().parents[1]

# Property tests: random examples on a developer's machine (each run explores new ones; a
# failure is saved in .hypothesis/ and replayed first), the same examples on every CI run
# (derandomised, no example database): CI fails on a change, never on luck. `.ci/run` sets CI
# (so does every CI service); `uv run pytest` stays the command. Hypothesis has a "ci"
# profile of its own that it loads when it sees CI; this one is spelled out so the choice
# does not depend on its version. conftest is imported before the test modules, so each
# test's own @settings (max_examples…) builds on the profile.
settings.register_profile("ci", derandomize=True, database=None, print_blob=True,
                          deadline=None, suppress_health_check=[HealthCheck.too_slow])
if os.environ.get("CI", "").strip().lower() not in ("", "0", "false", "no"):
    settings.load_profile("ci")


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


@pytest.fixture
def fill_form(tmp_path: Path) -> Callable[..., Path]:
    """Fill a school form as a school would (openpyxl, into a copy): rows by sheet name,
    written under the form's header from its first data row; returns the filled copy."""
    from decimal import Decimal

    from openpyxl import load_workbook

    from learnworks_xl.core.sheets import BY_NAME
    from learnworks_xl.io.plainwriter import cell_value
    from learnworks_xl.workbook.positions import FIRST_DATA_ROW, table_layout

    def fill(form: Path, rows: dict[str, list[dict[str, Any]]], name: str | None = None) -> Path:
        wb = load_workbook(form)
        for sheet, sheet_rows in rows.items():
            spec, ws = BY_NAME[sheet], wb[sheet]
            layout = table_layout(spec, 0)
            for i, row in enumerate(sheet_rows):
                for col in spec.columns:
                    value = row.get(col.field)
                    cell = ws.cell(FIRST_DATA_ROW + 1 + i, layout.col(col.field) + 1)
                    value = cell_value(spec, col.field, value)
                    cell.value = float(value) if isinstance(value, Decimal) else value
        out = tmp_path / (name or f"filled-{form.name}")
        wb.save(out)
        return out

    return fill
