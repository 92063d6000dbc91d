"""The benchmark generator makes workbooks that validate clean, with the expected rows.

Only the fast sizes: the district and a few-district slice of the BMA-wide layout.
"""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import ModuleType

import pytest

from learnworks_xl import api
from learnworks_xl.core import sheets as sh

BENCH = Path(__file__).resolve().parents[1] / "bench"


@pytest.fixture(scope="module")
def generate() -> ModuleType:
    """The ``bench/generate.py`` module (bench/ is scripts, not a package)."""
    spec = importlib.util.spec_from_file_location("bench_generate", BENCH / "generate.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["bench_generate"] = module
    spec.loader.exec_module(module)
    return module


@pytest.mark.parametrize(("schools", "works", "purchases"), [(5, 10, 20), (53, 10, 20), (7, 3, 4)])
def test_bench_generator_validates_clean(generate: ModuleType, tmp_path: Path, schools: int,
                                         works: int, purchases: int) -> None:
    scale = generate.Scale("test", schools, works=works, purchases=purchases)
    data = generate.generate(scale)
    path = generate.write_plain_workbook(data, tmp_path / "bench.xlsx")
    result = api.validate(path)
    assert result.report.flat() == []
    counts = {t.spec.name: len(t.rows) for t in result.parsed.tables()}
    assert counts == generate.row_counts(data)
    assert counts[sh.SCHOOLS.name] == schools
    assert counts[sh.WORKS.name] == schools * works
    assert counts[sh.PURCHASES.name] == schools * purchases
    assert counts[sh.RESULT_REPORTS.name] == schools
    assert counts[sh.ACTIVITIES.name] == 2 * schools


def test_bench_generator_budget_adds_up(generate: ModuleType) -> None:
    data = generate.generate(generate.SCALES["bma"])
    sizes = {s["size"]: s["budget_per_school"] for s in data[sh.SIZES.name]}
    schools = data[sh.SCHOOLS.name]
    assert len(schools) == 437
    assert len({s["code"] for s in schools}) == 437
    assert len({s["code"][:3] for s in schools}) == 50  # every district of Bangkok
    assert data[sh.PROJECT.name]["approved_budget"] == sum(sizes[s["size"]] for s in schools)
    assert generate.row_counts(data)[sh.PURCHASES.name] == 437 * 20


def test_bench_generator_district_is_the_sample(generate: ModuleType) -> None:
    from learnworks_xl.sample import sample_data

    assert generate.generate(generate.SCALES["district"]) == sample_data()
