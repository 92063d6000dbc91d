"""Fill a school form the way a school does: open the file the office sent, add rows after
the prefilled ones, edit a prefilled row, type ลบ to ask for a removal, delete a row — then
save it (openpyxl), and optionally let LibreOffice open and save it again, so that collect
reads what LibreOffice writes."""

from __future__ import annotations

import shutil
import subprocess
from decimal import Decimal
from pathlib import Path
from typing import Any

from openpyxl import load_workbook

from learnworks_xl.core.sheets import BY_NAME
from learnworks_xl.forms.match import REMOVE_TITLE, REMOVE_WORD
from learnworks_xl.io.plainwriter import cell_value
from learnworks_xl.workbook.positions import FIRST_DATA_ROW, HEADER_ROW
from tests.libreoffice import RECALC_PROFILE


class FormFiller:
    """One returned form being filled, by sheet name and field name.

    Rows are found by the form's own header row, so the same code fills a version-1 form
    (blank, no removal column) and a version-2 form (prefilled, with ``ขอลบรายการนี้``).
    """

    def __init__(self, form: Path) -> None:
        self.form = form
        self.wb = load_workbook(form)

    def _columns(self, sheet: str) -> dict[str, int]:
        """1-based column of each field (and of the removal column, key ``remove``)."""
        ws, spec = self.wb[sheet], BY_NAME[sheet]
        titles = {c.title: c.field for c in spec.columns}
        titles[REMOVE_TITLE] = "remove"
        return {titles[c.value]: c.column for c in ws[HEADER_ROW + 1] if c.value in titles}

    def rows(self, sheet: str) -> int:
        """How many rows of the sheet hold data (the prefilled ones, and any added)."""
        ws, cols = self.wb[sheet], self._columns(sheet)
        count = 0
        for r in range(FIRST_DATA_ROW + 1, ws.max_row + 1):
            if any(ws.cell(r, c).value not in (None, "") for f, c in cols.items()
                   if f not in ("remove", "amount")):
                count = r - FIRST_DATA_ROW
        return count

    def _write(self, sheet: str, index: int, values: dict[str, Any]) -> None:
        ws, cols, spec = self.wb[sheet], self._columns(sheet), BY_NAME[sheet]
        for name, value in values.items():
            stored = value if name == "remove" else cell_value(spec, name, value)
            ws.cell(FIRST_DATA_ROW + 1 + index, cols[name]).value = (
                float(stored) if isinstance(stored, Decimal) else stored)

    def append(self, sheet: str, *rows: dict[str, Any]) -> FormFiller:
        """Type new rows after the last filled row."""
        start = self.rows(sheet)
        for i, row in enumerate(rows):
            self._write(sheet, start + i, row)
        return self

    def edit(self, sheet: str, index: int, **values: Any) -> FormFiller:
        """Change cells of the ``index``-th data row (0-based)."""
        self._write(sheet, index, values)
        return self

    def remove(self, sheet: str, index: int, word: str = REMOVE_WORD) -> FormFiller:
        """Type ``word`` (ลบ) in the row's ``ขอลบรายการนี้`` cell."""
        self._write(sheet, index, {"remove": word})
        return self

    def delete(self, sheet: str, index: int) -> FormFiller:
        """Delete the row from the sheet (the rows below move up), as Excel's Delete Row."""
        self.wb[sheet].delete_rows(FIRST_DATA_ROW + 1 + index)
        return self

    def save(self, out: Path) -> Path:
        """Save the filled form as ``out``."""
        out.parent.mkdir(parents=True, exist_ok=True)
        self.wb.save(out)
        return out


def fill(form: Path, out: Path, rows: dict[str, list[dict[str, Any]]]) -> Path:
    """Append ``rows`` (by sheet) after the form's prefilled rows and save as ``out``."""
    filler = FormFiller(form)
    for sheet, sheet_rows in rows.items():
        filler.append(sheet, *sheet_rows)
    return filler.save(out)


def through_libreoffice(files: list[Path], out_dir: Path, profile: Path) -> list[Path]:
    """Open and save every file in LibreOffice (headless, one process), as a school that
    works in LibreOffice Calc sends its form: returns the files LibreOffice wrote."""
    assert shutil.which("soffice") is not None, "LibreOffice is not installed"
    user = profile / "user"
    if not user.exists():
        user.mkdir(parents=True)
        (user / "registrymodifications.xcu").write_text(RECALC_PROFILE, encoding="utf-8")
    out_dir.mkdir(parents=True, exist_ok=True)
    subprocess.run(["soffice", f"-env:UserInstallation={profile.as_uri()}", "--headless",
                    "--convert-to", "xlsx:Calc MS Excel 2007 XML", "--outdir", str(out_dir),
                    *map(str, files)], check=True, capture_output=True, timeout=300)
    saved = [out_dir / f.name for f in files]
    missing = [p.name for p in saved if not p.exists()]
    assert not missing, f"LibreOffice did not write {missing}"
    return saved
