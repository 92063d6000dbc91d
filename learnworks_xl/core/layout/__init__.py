"""The report layout: where each value of a report sheet goes, for files and buttons alike.

* :mod:`~learnworks_xl.core.layout.report` — :func:`lay_out` turns a
  :class:`~learnworks_xl.core.reports.content.ReportSheet` into a :class:`ReportGrid`;
* :mod:`~learnworks_xl.core.layout.cells` — the grid: cells (written value, number format
  name, style, role, link, fill), merges, widths, row heights, charts, print area;
* :mod:`~learnworks_xl.core.layout.text` — how much room Thai text takes (widths, wrapped
  lines, row heights);
* :mod:`~learnworks_xl.core.layout.colours` — every colour of the product.

Two painters read a grid: ``workbook.reports`` (XlsxWriter, files) and ``xl.reportwrite``
(the VBA client's actions, buttons). Pure: no Excel library is imported here.
"""

from learnworks_xl.core.layout.cells import GridCell, PlacedChart, ReportGrid
from learnworks_xl.core.layout.report import HOME_COLUMNS, lay_out

__all__ = ["HOME_COLUMNS", "GridCell", "PlacedChart", "ReportGrid", "lay_out"]
