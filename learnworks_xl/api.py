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


def serve(host: str = "127.0.0.1", port: int = 8000, workers: int = 1,
          ssl_keyfile: str | Path | None = None, ssl_certfile: str | Path | None = None) -> None:
    """Run the xlwings Server for the workbook's buttons (blocks until stopped).

    The API key and the other settings come from the environment (see
    :class:`learnworks_xl.xl.server.ServerConfig`); they are checked before the server starts.
    xlwings PRO's remote engine runs under the PolyForm Noncommercial licence unless
    ``XLWINGS_LICENSE_KEY`` names another licence (see the README).

    Args:
        host: Address to listen on (``127.0.0.1``: this PC only; ``0.0.0.0``: the network).
        port: TCP port.
        workers: Worker processes (each handles one button press at a time).
        ssl_keyfile: TLS private key (PEM), to serve HTTPS.
        ssl_certfile: TLS certificate (PEM).

    Raises:
        ConfigError: The API key is missing or too short, or a setting is wrong.
    """
    import os

    import uvicorn

    from learnworks_xl.xl.server import ServerConfig, configure_logging

    ServerConfig.from_env()
    os.environ.setdefault("XLWINGS_LICENSE_KEY", "noncommercial")
    configure_logging()
    uvicorn.run("learnworks_xl.xl.server:app_from_env", factory=True, host=host, port=port,
                workers=workers, access_log=False,
                ssl_keyfile=str(ssl_keyfile) if ssl_keyfile else None,
                ssl_certfile=str(ssl_certfile) if ssl_certfile else None)
