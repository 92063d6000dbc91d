"""JSON Schemas of the input sheets, derived from the models (committed under ``schemas/``)."""

from __future__ import annotations

from typing import Any

from learnworks_xl.core.sheets import INPUT_SHEETS, SheetSpec


def sheet_schemas() -> dict[str, dict[str, Any]]:
    """Return ``{filename: schema}`` for every input sheet, in workbook order.

    The file name is the model's English name in kebab case (``school-size.schema.json``);
    the schema's ``title`` is the Thai sheet name and ``x-sheet-kind`` says whether a row
    is a table row or the sheet is a list of settings.
    """
    result: dict[str, dict[str, Any]] = {}
    for spec in INPUT_SHEETS:
        assert spec.model is not None
        schema = _sheet_required(spec, spec.model.model_json_schema(mode="validation"))
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


def _sheet_required(spec: SheetSpec, schema: dict[str, Any]) -> dict[str, Any]:
    """Settings the sheet requires although the model takes None (``SheetRequired``) are
    required, non-null properties in the schema, as the clerk must fill them."""
    properties = schema.get("properties", {})
    required = list(schema.get("required", []))
    for col in spec.columns:
        prop = properties.get(col.field)
        if not col.required or prop is None or col.field in required:
            continue
        arms = [a for a in prop.get("anyOf", []) if a != {"type": "null"}]
        rest = {k: v for k, v in prop.items() if k not in ("anyOf", "default")}
        merged = {**arms[0], **rest} if len(arms) == 1 else {"anyOf": arms, **rest}
        properties[col.field] = dict(sorted(merged.items()))
        required.append(col.field)
    if required:
        order = [c.field for c in spec.columns]
        schema["required"] = sorted(required, key=order.index)
    return schema
