"""LibreOffice (headless) for tests: convert with recalculation on load, in a profile of
our own, and compare cells and PDF text. Shared by every ``test_*_libreoffice.py``."""

from __future__ import annotations

import shutil
import subprocess
import unicodedata
from datetime import datetime
from pathlib import Path
from typing import Any

import pytest

#: Recalculate on load (Excel 2007+ and ODF files).
RECALC_PROFILE = """<?xml version="1.0" encoding="UTF-8"?>
<oor:items xmlns:oor="http://openoffice.org/2001/registry"
 xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
<item oor:path="/org.openoffice.Office.Calc/Formula/Load"><prop oor:name="OOXMLRecalcMode"
 oor:op="fuse"><value>0</value></prop></item>
<item oor:path="/org.openoffice.Office.Calc/Formula/Load"><prop oor:name="ODFRecalcMode"
 oor:op="fuse"><value>0</value></prop></item>
</oor:items>
"""
#: What an error value looks like once LibreOffice saved the file.
ERRORS = ("#NAME?", "#VALUE!", "#REF!", "#DIV/0!", "#N/A", "#NUM!", "#NULL!", "Err:")

needs_soffice = pytest.mark.skipif(shutil.which("soffice") is None,
                                   reason="LibreOffice is not installed")


def soffice(src: Path, fmt: str, out: Path, profile: Path) -> Path:
    """Convert ``src`` to ``fmt`` (``xlsx``, ``pdf``…) into ``out``; return the new file."""
    user = profile / "user"
    if not user.exists():
        user.mkdir(parents=True)
        (user / "registrymodifications.xcu").write_text(RECALC_PROFILE, encoding="utf-8")
    subprocess.run(["soffice", f"-env:UserInstallation={profile.as_uri()}", "--headless",
                    "--convert-to", fmt, "--outdir", str(out), str(src)],
                   check=True, capture_output=True, timeout=180)
    result = out / (src.stem + "." + fmt.split(":")[0])
    assert result.exists(), f"LibreOffice did not write {result.name}"
    return result


def soffice_all(sources: list[Path], fmt: str, out: Path, profile: Path) -> list[Path]:
    """Convert several files in one LibreOffice start (each recalculated on load)."""
    user = profile / "user"
    if not user.exists():
        user.mkdir(parents=True)
        (user / "registrymodifications.xcu").write_text(RECALC_PROFILE, encoding="utf-8")
    subprocess.run(["soffice", f"-env:UserInstallation={profile.as_uri()}", "--headless",
                    "--convert-to", fmt, "--outdir", str(out), *map(str, sources)],
                   check=True, capture_output=True, timeout=180 + 60 * len(sources))
    results = [out / (src.stem + "." + fmt.split(":")[0]) for src in sources]
    for result in results:
        assert result.exists(), f"LibreOffice did not write {result.name}"
    return results


def plain(value: Any) -> Any:
    """A cell value comparable across openpyxl reads of ours and LibreOffice's files."""
    if isinstance(value, datetime):
        return round((value - datetime(1899, 12, 30)).total_seconds() / 86400, 6)
    if isinstance(value, float):
        return int(value) if value.is_integer() else round(value, 6)
    return "" if value is None else value


def bases(text: str) -> str:
    """Thai text without marks above/below the line and without spaces (pdftotext reorders
    the marks)."""
    return "".join(ch for ch in text if unicodedata.category(ch) != "Mn" and not ch.isspace())
