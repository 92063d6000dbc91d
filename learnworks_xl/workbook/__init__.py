"""The product workbook, built with XlsxWriter from the models (see ``build.py``).

Public: :func:`build_workbook` (the .xlsm with buttons, or a macro-free finished .xlsx) and
:func:`render_report` (a report sheet laid out by :func:`learnworks_xl.core.layout.lay_out`,
painted). The VBA project writer lives in ``vba/``.
"""

from __future__ import annotations

from learnworks_xl.workbook.build import build_workbook
from learnworks_xl.workbook.reports import render_report

__all__ = ["build_workbook", "render_report"]
