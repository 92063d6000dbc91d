"""`learnworks schemas`: one JSON Schema per input sheet, committed, never drifting."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from learnworks_xl.cli import cli
from learnworks_xl.core.schemas import sheet_schemas
from learnworks_xl.core.sheets import INPUT_SHEETS

ROOT = Path(__file__).resolve().parents[1]


def test_schemas_committed_match_models(tmp_path: Path) -> None:
    out = CliRunner().invoke(cli, ["schemas", "-o", str(tmp_path)])
    assert out.exit_code == 0, out.output
    fresh = sorted(p.name for p in tmp_path.iterdir())
    committed = sorted(p.name for p in (ROOT / "schemas").glob("*.schema.json"))
    assert fresh == committed, "run `uv run learnworks schemas` and commit schemas/"
    for name in fresh:
        assert (tmp_path / name).read_text(encoding="utf-8") == (
            ROOT / "schemas" / name).read_text(encoding="utf-8"), (
            f"schemas/{name} drifted from the models: run `uv run learnworks schemas`")


@pytest.mark.parametrize("spec", INPUT_SHEETS, ids=lambda s: s.name)
def test_schemas_titles_are_thai_headers(spec: object) -> None:
    schemas = {s["title"]: s for s in sheet_schemas().values()}
    schema = schemas[spec.name]  # type: ignore[attr-defined]
    titles = [p["title"] for p in schema["properties"].values()]
    assert titles == [c.title for c in spec.columns]  # type: ignore[attr-defined]


def test_schemas_thai_not_escaped() -> None:
    text = (ROOT / "schemas" / "school.schema.json").read_text(encoding="utf-8")
    assert "รหัสโรงเรียน" in text
    assert "\\u0e" not in text
    assert json.loads(text)["title"] == "โรงเรียน"
