"""Paint a laid-out report sheet (:class:`~learnworks_xl.core.layout.cells.ReportGrid`) with
XlsxWriter: values, number formats, fonts, fills, borders, merges, widths, row heights,
charts and the A4 print setup.

Where each value goes is decided by :func:`learnworks_xl.core.layout.lay_out`; this module
only gives each cell's style, role and format name its look (``workbook.styles``).
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from xlsxwriter.format import Format
from xlsxwriter.worksheet import Worksheet

from learnworks_xl.core.layout import lay_out
from learnworks_xl.core.layout.cells import (
    VALUE_STYLES,
    GridCell,
    PlacedChart,
    ReportGrid,
    Style,
    font_size,
)
from learnworks_xl.core.layout.colours import (
    BANNER_FONT,
    BORDER_COLOR,
    ERROR_FONT,
    LINK_FONT,
    MUTED_FONT,
    OK_FONT,
    REPORT_HEADER_FONT,
    TITLE_FONT,
    WARN_FONT,
)
from learnworks_xl.core.reports.content import Paragraph, ReportSheet
from learnworks_xl.workbook.inputs import print_setup
from learnworks_xl.workbook.positions import col_name, quote
from learnworks_xl.workbook.styles import FONT_NAME, Styles

CELL = {"border": 1, "border_color": BORDER_COLOR}
#: The look of each style (the font size comes from the layout, the fill from the grid).
STYLE_PROPS: dict[Style, dict[str, Any]] = {
    "title": {"bold": True, "font_color": TITLE_FONT, "valign": "vcenter"},
    "subtitle": {"font_color": MUTED_FONT},
    "banner": {"bold": True, "font_color": BANNER_FONT, "align": "center",
               "valign": "vcenter"},
    "heading": {"bold": True, "font_color": TITLE_FONT},
    "paragraph": {"text_wrap": True, "valign": "top"},
    "paragraph_heading": {"text_wrap": True, "valign": "top", "bold": True,
                          "font_color": TITLE_FONT},
    "paragraph_note": {"text_wrap": True, "valign": "top", "font_color": MUTED_FONT,
                       "italic": True},
    "label": {"bold": True, "valign": "top", "text_wrap": True},
    "value": {},
    "header": {"bold": True, "font_color": REPORT_HEADER_FONT, "text_wrap": True,
               "align": "center",
               "valign": "vcenter", **CELL},
    "cell": CELL,
    "total": {**CELL, "bold": True, "top": 6},
    "empty": {**CELL, "font_color": MUTED_FONT, "align": "center"},
    "chart_label": {"bold": True},
}
#: The text of the style roles (their fills are the grid's).
ROLE_FONTS: dict[str, dict[str, Any]] = {
    "ok": {"font_color": OK_FONT},
    "bad": {"font_color": ERROR_FONT, "bold": True},
    "warn": {"font_color": WARN_FONT},
    "muted": {"font_color": MUTED_FONT},
    "strong": {"bold": True},
}
LINK = {"font_color": LINK_FONT, "underline": 1}
#: Formats written as numbers or dates (right-aligned unless the cell says otherwise).
NUMERIC = ("amount", "amount_dash", "int", "percent", "date", "month", "datetime")


def cell_format(styles: Styles, grid: ReportGrid, cell: GridCell) -> Format | None:
    """The XlsxWriter format of a placed cell (None: a chart's data, unformatted)."""
    if cell.style == "chart_data":
        return None
    size = font_size(cell.style)
    fill = {"bg_color": cell.fill} if cell.fill is not None else None
    if cell.style not in VALUE_STYLES:
        return styles.get(STYLE_PROPS[cell.style], {"font_size": size}, fill)
    props: dict[str, Any] = {"num_format": grid.number_format(cell)}
    if cell.format == "text":
        props["text_wrap"] = True
    if cell.format in NUMERIC and cell.align is None:
        props["align"] = "right"
    if cell.role is not None:
        props.update(ROLE_FONTS[cell.role])
    if fill is not None:
        props.update(fill)
    if cell.link is not None:
        props.update(LINK)
    align = {"align": cell.align} if cell.align is not None else None
    return styles.get(STYLE_PROPS[cell.style], align, props)


def _paint_cell(ws: Worksheet, styles: Styles, grid: ReportGrid, row: int, col: int,
                cell: GridCell) -> None:
    fmt = cell_format(styles, grid, cell)
    v = cell.value
    last = grid.merges.get((row, col))
    if last is not None:
        ws.merge_range(row, col, row, last, v, fmt)
    elif cell.link is not None:
        target = "internal:" + cell.link[1:] if cell.link.startswith("#") else cell.link
        ws.write_url(row, col, target, fmt, string=str(v))
    elif v is None:
        ws.write_blank(row, col, None, fmt)
    elif isinstance(v, datetime):
        ws.write_datetime(row, col, v, fmt)
    elif isinstance(v, float):
        ws.write_number(row, col, v, fmt)
    else:
        ws.write_string(row, col, v, fmt)


def _chart(ws: Worksheet, styles: Styles, placed: PlacedChart, sheet: str) -> None:
    """Draw a chart from its data beside the report."""
    block = placed.block
    chart = styles.workbook.add_chart({"type": block.kind})
    assert chart is not None
    c0, s = placed.data_col, quote(sheet)
    first, last = placed.first_data_row + 1, placed.last_data_row + 1  # 1-based
    for j in range(len(block.series)):
        col = col_name(c0 + 1 + j)
        chart.add_series({
            "name": f"={s}!${col}${placed.data_row + 1}",
            "categories": f"={s}!${col_name(c0)}${first}:${col_name(c0)}${last}",
            "values": f"={s}!${col}${first}:${col}${last}",
            "data_labels": {"value": True, "font": {"name": FONT_NAME, "size": 12}},
        })
    font = {"name": FONT_NAME, "size": 14}
    chart.set_title({"name": block.title, "name_font": {"name": FONT_NAME, "size": 16}})
    chart.set_legend({"position": "bottom", "font": font} if len(block.series) > 1
                     or block.kind == "pie" else {"none": True})
    if block.kind != "pie":
        chart.set_x_axis({"num_font": font})
        y: dict[str, Any] = {"num_font": font, "major_gridlines": {"visible": True}}
        if block.y_title:
            y.update(name=block.y_title, name_font=font)
        chart.set_y_axis(y)
    chart.set_size({"width": placed.size[0], "height": placed.size[1]})
    ws.insert_chart(placed.row, 0, chart, {"object_position": 1})


def paint_report(ws: Worksheet, grid: ReportGrid, styles: Styles, *,
                 print_area: bool = True) -> None:
    """Paint a laid-out report on a worksheet.

    Args:
        ws: The (empty) worksheet named ``grid.name``.
        grid: The laid-out report (its cells already painted when it had a sink).
        styles: The workbook's formats.
        print_area: Set A4 print setup and the grid's print area.
    """
    for (row, col), cell in grid.cells.items():
        _paint_cell(ws, styles, grid, row, col, cell)
    for i, width in enumerate(grid.widths):
        ws.set_column(i, i, width)
    for row, height in grid.row_heights.items():
        ws.set_row(row, height)
    for chart in grid.charts:
        _chart(ws, styles, chart, grid.name)
    if print_area:
        last_row, last_col = grid.print_area
        print_setup(ws, last_row, last_col, -1, landscape=grid.landscape)


def render_report(ws: Worksheet, report: ReportSheet, styles: Styles, *, first_row: int = 0,
                  max_cols: int | None = None, print_area: bool = True) -> int:
    """Lay out a report sheet from ``first_row`` down and paint it.

    Args:
        ws: The (empty) worksheet named ``report.name``.
        report: The report content.
        styles: The workbook's formats.
        first_row: The row to start at (0-based).
        max_cols: Keep the report within this many columns (``หน้าหลัก`` uses A–D).
        print_area: Set A4 print setup and the print area.

    Returns:
        The first row after the report.
    """
    def paint(grid: ReportGrid, row: int, col: int, cell: GridCell) -> None:
        _paint_cell(ws, styles, grid, row, col, cell)

    grid = lay_out(report, first_row=first_row, max_cols=max_cols, sink=paint)
    paint_report(ws, grid, styles, print_area=print_area)
    return grid.end_row


def blank_report(ws: Worksheet, name: str, styles: Styles) -> None:
    """A report sheet before its first run: the title, the print setup, a Thai note."""
    report = ReportSheet(name=name, title=name, blocks=[Paragraph(
        "ชีตนี้โปรแกรมจัดทำให้อัตโนมัติ กดปุ่ม «จัดทำรายงาน» ที่ชีต «หน้าหลัก» "
        "(ไม่ต้องพิมพ์ข้อมูลในชีตนี้)", "note")])
    render_report(ws, report, styles)
