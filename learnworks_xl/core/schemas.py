"""JSON Schemas of the input sheets, derived from the models (committed under ``schemas/``)."""

from __future__ import annotations

from typing import Any

from learnworks_xl.core.sheets import INPUT_SHEETS


def sheet_schemas() -> dict[str, dict[str, Any]]:
    """Return ``{filename: schema}`` for every input sheet, in workbook order.

    The file name is the model's English name in kebab case (``school-size.schema.json``);
    the schema's ``title`` is the Thai sheet name and ``x-sheet-kind`` says whether a row
    is a table row or the sheet is a list of settings.
    """
    result: dict[str, dict[str, Any]] = {}
    for spec in INPUT_SHEETS:
        assert spec.model is not None
        schema = spec.model.model_json_schema(mode="validation")
        schema = {
            "$schema": "https://json-schema.org/draft/2020-12/schema",
            "$id": f"https://learnworks.invalid/schemas/{_kebab(spec.model.__name__)}.schema.json",
            "title": spec.name,
            "description": (spec.model.__doc__ or "").strip().splitlines()[0],
            "x-sheet-kind": spec.kind,
            "x-key": list(spec.key),
            **{k: v for k, v in schema.items() if k not in {"title", "description"}},
        }
        result[f"{_kebab(spec.model.__name__)}.schema.json"] = schema
    return result


def _kebab(name: str) -> str:
    out = "".join("-" + c.lower() if c.isupper() else c for c in name)
    return out.lstrip("-")
