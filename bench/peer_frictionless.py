"""The peer: frictionless validating the same sheets with a schema built from our models.

Each table sheet becomes a frictionless resource (the .xlsx sheet, header row 1) whose Table
Schema is derived from the sheet's pydantic model, field by field: the same types, required
cells, lengths, ranges and allowed values; the table's key as a primary key; every
``รหัสโรงเรียน`` as a foreign key into ``โรงเรียน``. The two key/value sheets (``โครงการ``,
``ตั้งค่า``: ten cells each) have no tabular form and are left out.

Usage::

    uv run python bench/peer_frictionless.py WORKBOOK.xlsx   # exit 0 when valid
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

from frictionless import Package

from learnworks_xl.core import sheets as sh
from learnworks_xl.core.cellerrors import bounds
from learnworks_xl.core.sheets import ColumnSpec, SheetSpec

_TYPES = {
    "text": "string", "amount": "number", "decimal": "number", "int": "integer",
    "date": "date", "month": "date", "yesno": "boolean", "email": "string",
    "emails": "string", "phone": "string", "url": "string", "choice": "string",
    "code": "string", "percent": "number",
}
_PATTERNS = {
    "email": r"[^@\s,;]+@[^@\s,;]+\.[^@\s,;]+",
    "emails": r"([^@\s,;]+@[^@\s,;]+\.[^@\s,;]+)(\s*,\s*[^@\s,;]+@[^@\s,;]+\.[^@\s,;]+)*",
    "phone": r"0\d{1,2}-?\d{3}-?\d{3,4}",
    "url": r"https?://[^\s<>\"]+",
}
_REFERENCING = (sh.ACTIVITIES, sh.PURCHASES, sh.WORKS, sh.RESULT_REPORTS)


def _length(col: ColumnSpec, attr: str) -> int | None:
    for meta in sh.field_metadata(col.info):
        value = getattr(meta, attr, None)
        if isinstance(value, int):
            return value
    return None


def field_descriptor(col: ColumnSpec) -> dict[str, Any]:
    """One frictionless field from one model column (named by its Thai title)."""
    desc: dict[str, Any] = {"name": col.title, "type": _TYPES[col.kind]}
    constraints: dict[str, Any] = {}
    if col.required:
        constraints["required"] = True
    if col.kind == "yesno":
        desc.update(trueValues=["ใช่"], falseValues=["ไม่ใช่"])
    elif col.options:
        constraints["enum"] = list(col.options)
    if col.kind in _PATTERNS:
        constraints["pattern"] = _PATTERNS[col.kind]
    if desc["type"] == "string":
        for attr, key in (("max_length", "maxLength"), ("min_length", "minLength")):
            if (n := _length(col, attr)) is not None:
                constraints[key] = n
    if desc["type"] in ("number", "integer"):
        low, low_inc, high, high_inc = bounds(col)
        if low is not None:
            constraints["minimum" if low_inc else "exclusiveMinimum"] = float(low)
        if high is not None:
            constraints["maximum" if high_inc else "exclusiveMaximum"] = float(high)
    if constraints:
        desc["constraints"] = constraints
    return desc


def schema_of(spec: SheetSpec) -> dict[str, Any]:
    """The Table Schema of one table sheet."""
    schema: dict[str, Any] = {
        "$schema": "https://datapackage.org/profiles/2.0/tableschema.json",  # exclusiveMinimum
        "fields": [field_descriptor(c) for c in spec.columns],
    }
    if spec.key:
        schema["primaryKey"] = [spec.title(f) for f in spec.key]
    if spec in _REFERENCING:
        schema["foreignKeys"] = [{
            "fields": spec.title("school_code"),
            "reference": {"resource": "schools", "fields": sh.SCHOOLS.title("code")},
        }]
    return schema


def package_of(path: str) -> Package:
    """A package of every table sheet of the workbook at ``path``."""
    resources = []
    for spec in sh.INPUT_SHEETS:
        if spec.kind != "table":
            continue
        resources.append({
            "$schema": "https://datapackage.org/profiles/2.0/dataresource.json",
            "name": "schools" if spec is sh.SCHOOLS else f"sheet{len(resources)}",
            "path": Path(path).name, "format": "xlsx", "schema": schema_of(spec),
            "dialect": {"excel": {"sheet": spec.name}},
        })
    return Package.from_descriptor({
        "$schema": "https://datapackage.org/profiles/2.0/datapackage.json",
        "resources": resources}, basepath=str(Path(path).resolve().parent))


def main(argv: list[str]) -> int:
    """Validate the workbook at ``argv[0]``; print a summary; exit 0 when valid."""
    report = package_of(argv[0]).validate()
    rows = sum(task.stats.get("rows", 0) or 0 for task in report.tasks)
    print(f"frictionless: valid={report.valid} rows={rows} errors={report.stats['errors']}")
    if not report.valid:
        for row in report.flatten(["rowNumber", "fieldName", "type", "note"])[:10]:
            print("  ", row)
    return 0 if report.valid else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
