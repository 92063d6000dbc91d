"""The library functions behind the CLI commands, the server endpoints and the buttons.

Each command of ``learnworks`` calls the function of the same name here.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

from learnworks_xl.core.findings import Report
from learnworks_xl.core.validate import validate_raw
from learnworks_xl.core.workbook import ParsedWorkbook
from learnworks_xl.io.reader import read_workbook


@dataclass
class Validation:
    """The result of validating one workbook file."""

    path: Path
    parsed: ParsedWorkbook
    report: Report


def validate(path: str | Path) -> Validation:
    """Read and validate a workbook file; the file is never modified.

    Args:
        path: An .xlsx/.xlsm workbook.

    Returns:
        The parsed workbook and its report.

    Raises:
        WorkbookReadError: The file cannot be read as a workbook.
    """
    raw = read_workbook(path)
    parsed, report = validate_raw(raw)
    return Validation(Path(path), parsed, report)


def schemas(out_dir: str | Path) -> list[Path]:
    """Write one JSON Schema per input sheet into ``out_dir`` (``<sheet>.schema.json``).

    Returns:
        The files written, in workbook order.
    """
    from learnworks_xl.core.schemas import sheet_schemas

    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    written = []
    for filename, schema in sheet_schemas().items():
        target = out / filename
        target.write_text(json.dumps(schema, ensure_ascii=False, indent=2) + "\n",
                          encoding="utf-8")
        written.append(target)
    return written
