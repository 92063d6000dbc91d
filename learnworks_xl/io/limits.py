"""The limits a workbook file must stay within before it is read (one place, documented).

Workbooks come from clerks and schools; a few are broken and a few may be hostile. Every
limit below is checked on the file itself, before the workbook is parsed, so a file past
one of them is refused at once with a clear message (exit 2) instead of exhausting the
memory or the time of the PC. The README's "Limits" section states them, with the figures
they were measured at; ``tests/test_robust_*.py`` prove them against a corpus of bad files.

Only the cell limit can be raised, through ``LEARNWORKS_MAX_CELLS`` (for a machine with more
memory); the cell-text budget and the findings the validation may keep grow with it in
proportion. The others guard against hostile files.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass

from learnworks_xl.errors import ConfigError

MIB = 2**20

#: Environment variable that raises (or lowers) :attr:`Limits.max_cells`.
ENV_MAX_CELLS = "LEARNWORKS_MAX_CELLS"


@dataclass(frozen=True)
class Limits:
    """What a workbook file may hold. The defaults are the product's limits."""

    max_file: int = 100 * MIB
    """Size of the file on disk."""
    max_inflated: int = 400 * MIB
    """All parts of the zip, inflated: measured while inflating, not as the zip claims."""
    max_ratio: int = 200
    """A part that claims to inflate more than this many times its compressed size is
    refused once the parts claim more than :attr:`ratio_floor` in all."""
    ratio_floor: int = 50 * MIB
    max_parts: int = 10_000
    """Parts (members) in the zip."""
    max_meta: int = 32 * MIB
    """``xl/workbook.xml`` and its relationships, each."""
    max_text: int = 192 * MIB
    """Cell data as read: the sheets' XML but the formulas, plus each cell's shared text,
    counted at every use (a short file can make one long text appear in a million cells).
    Ten times Bangkok's schools: 102 MB in a plain workbook, 148 MB in the product
    workbook."""
    max_cells: int = 2_500_000
    """Cells holding a value, in all sheets: what the memory bound allows. The program's own
    workbook for all of Bangkok (437 schools, with the hidden reading columns) holds 206,000,
    for ten times that 2,017,000, which ``validate`` reads in about 420 MB (README,
    "Performance"); Bang Khen's five schools, 2,000."""
    max_findings: int = 150_000
    """Findings about cells the validation keeps before it stops (exit 2): a workbook of
    millions of cells, every one wrong, would hold a finding (about 1.5 KB) for each. At the
    limits, the worst readable workbook peaks as the README's "Limits" says
    (``tests/test_robust_corpus.py``)."""
    max_rows: int = 250_000
    """Rows of one sheet, up to its last row holding a value."""
    max_area: int = 5_000_000
    """Used area of all sheets: rows × columns from A1 to the last cell holding a value
    (the reader holds it as a grid)."""
    max_cell_bytes: int = 16 * MIB
    """One element of a sheet or of the shared strings (Excel's own limit for a cell is
    32,767 characters)."""
    max_unusual: int = 2_000_000
    """Cells and rows written unlike Excel writes them (no ``r``, other quoting), which the
    scan must read one by one."""

    @classmethod
    def from_env(cls, env: Mapping[str, str] | None = None) -> Limits:
        """The default limits, with ``LEARNWORKS_MAX_CELLS`` applied when it is set.

        Raises:
            ConfigError: ``LEARNWORKS_MAX_CELLS`` is not a positive whole number.
        """
        env = os.environ if env is None else env
        text = env.get(ENV_MAX_CELLS, "").strip().replace(",", "").replace("_", "")
        if not text:
            return cls()
        if not text.isascii() or not text.isdigit() or int(text) < 1:
            raise ConfigError(
                f"ค่า {ENV_MAX_CELLS} ต้องเป็นจำนวนเต็มบวก (จำนวนเซลล์สูงสุด)",
                f"{ENV_MAX_CELLS} must be a positive whole number of cells")
        cells = int(text)
        base = cls()
        # More cells legitimately hold more text and more findings: a raised cell limit raises
        # those budgets in proportion (never below their defaults), so they keep their
        # per-cell sense.
        text_budget = max(base.max_text, base.max_text * cells // base.max_cells)
        findings = max(base.max_findings, base.max_findings * cells // base.max_cells)
        return cls(max_cells=cells, max_text=text_budget, max_findings=findings)


DEFAULT = Limits()
