"""Lay out a report sheet (:class:`~learnworks_xl.core.reports.content.ReportSheet`) with
XlsxWriter: title, subtitles, the ฉบับร่าง banner, then each block from top to bottom.

The core decides what a report says; this module only places it (fonts, number formats,
borders, colours of the style roles, links, charts).
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from xlsxwriter.worksheet import Worksheet

from learnworks_xl import thai
from learnworks_xl.core.reports.content import (
    CHART_DATA_COL,
    CHART_DATA_TITLE,
    PROVISIONAL_BANNER,
    ChartBlock,
    Column,
    KeyValues,
    Paragraph,
    ReportSheet,
    TableBlock,
    Value,
)
from learnworks_xl.core.reports.numformats import REPORT_NUMBER_FORMATS, thai_digit_format
from learnworks_xl.workbook.inputs import print_setup
from learnworks_xl.workbook.layout import col_name, quote
from learnworks_xl.workbook.styles import (
    FONT_NAME,
    MUTED_FONT,
    ROLE_PROPS,
    ROW_HEIGHT_PX,
    TITLE_FONT,
    Styles,
)
from learnworks_xl.workbook.values import display_width, row_height, wrapped_lines

CHART_SIZE = (720, 360)
#: Row height (points) of a heading line (18 pt text).
HEADING_HEIGHT = 30

NUM_FORMATS: dict[str, str] = {"text": "@", "amount_dash": "@", **REPORT_NUMBER_FORMATS}
CELL = {"border": 1, "border_color": "#8EA9C1"}
LINK = {"font_color": "#0563C1", "underline": 1}
#: Formats written as numbers or dates (right-aligned unless a block says otherwise).
NUMERIC = ("amount", "amount_dash", "int", "percent", "date", "month", "datetime")


#: Excel keeps at most 65,530 hyperlinks per sheet; past that a value is written plainly.
MAX_LINKS = 65_530


def _props(fmt: str, role: str | None, link: bool = False,
           thai_digits: bool = False) -> dict[str, Any]:
    num_format = NUM_FORMATS.get(fmt, "General")
    props: dict[str, Any] = {
        "num_format": thai_digit_format(num_format) if thai_digits else num_format}
    if fmt == "text":
        props["text_wrap"] = True
    if fmt in NUMERIC:
        props["align"] = "right"
    if role:
        props.update(ROLE_PROPS[role])
    if link:
        props.update(LINK)
    return props


def write_value(ws: Worksheet, styles: Styles, row: int, col: int, value: Value,
                *layers: dict[str, Any], thai_digits: bool = False) -> None:
    """Write one report value with its format, role and link.

    Args:
        ws: The worksheet.
        styles: The workbook's formats.
        row: 0-based row.
        col: 0-based column.
        value: The value.
        *layers: Extra format properties (borders, bold, alignment); the value's own format
            and role come last.
        thai_digits: Show numbers and dates with Thai digits (a number format, the cell
            stays a number).
    """
    props = _props(value.format, value.role, value.link is not None, thai_digits)
    if any("align" in layer for layer in layers):
        props.pop("align", None)
    fmt = styles.get(*layers, props)
    v = value.value
    if value.link is not None and ws.hlink_count < MAX_LINKS:
        shown = _text(value)
        url = value.link
        target = "internal:" + url[1:] if url.startswith("#") else url
        ws.write_url(row, col, target, fmt, string=shown or url)
    elif v is None:
        ws.write_blank(row, col, None, fmt)
    elif value.format == "amount_dash" and isinstance(v, int | Decimal):
        ws.write_string(row, col, thai.format_baht(v, "dash"), fmt)
    elif isinstance(v, datetime | date):
        ws.write_datetime(row, col, v, fmt)
    elif isinstance(v, bool):
        ws.write_string(row, col, "ใช่" if v else "ไม่ใช่", fmt)
    elif isinstance(v, int | Decimal):
        ws.write_number(row, col, float(v), fmt)
    else:
        ws.write_string(row, col, str(v), fmt)


def _text(value: Value) -> str:
    v = value.value
    if v is None:
        return ""
    if isinstance(v, datetime | date):
        return thai.format_thai_date(v if not isinstance(v, datetime) else v.date(), "abbr")
    if value.format in ("amount", "amount_dash") and isinstance(v, int | Decimal):
        return thai.format_baht(v, "dash" if value.format == "amount_dash" else "plain")
    return str(v)


def report_widths(report: ReportSheet, min_cols: int = 2) -> list[float]:
    """Column widths (characters) that fit every block of a report."""
    widths: list[float] = [0.0] * min_cols

    def need(i: int, w: float) -> None:
        while len(widths) <= i:
            widths.append(0.0)
        widths[i] = max(widths[i], w)

    for block in report.blocks:
        if isinstance(block, TableBlock):
            for i, c in enumerate(block.columns):
                need(i, c.width)
        elif isinstance(block, KeyValues):
            labels = [display_width(k) for k, _ in block.rows] or [10]
            values = [display_width(_text(v)) for _, v in block.rows] or [10]
            need(0, min(max(labels) + 2, 40))
            need(1, min(max(max(values) + 2, 16), 60))
    return [w or 14.0 for w in widths]


def render_report(ws: Worksheet, report: ReportSheet, styles: Styles, *, first_row: int = 0,
                  max_cols: int | None = None, print_area: bool = True) -> int:
    """Lay out a report sheet from ``first_row`` down.

    Args:
        ws: The (empty) worksheet named ``report.name``.
        styles: The workbook's formats.
        first_row: The row to start at (0-based).
        max_cols: Keep the report within this many columns (``หน้าหลัก`` uses A–D).
        print_area: Set A4 print setup and the print area.

    Returns:
        The first row after the report.
    """
    widths = report_widths(report)
    if max_cols is not None:
        widths = widths[:max_cols]
    ncols = len(widths)
    for i, w in enumerate(widths):
        ws.set_column(i, i, w)
    row = first_row
    ws.write_string(row, 0, report.title, styles.title())
    ws.set_row(row, 40)
    row += 1
    for sub in report.subtitles:
        ws.write_string(row, 0, sub, styles.get(font_color=MUTED_FONT))
        row += 1
    if report.provisional:
        banner = styles.get(bold=True, font_size=18, font_color="#FFFFFF", bg_color="#C00000",
                            align="center", valign="vcenter")
        if ncols > 1:
            ws.merge_range(row, 0, row, ncols - 1, PROVISIONAL_BANNER, banner)
        else:
            ws.write_string(row, 0, PROVISIONAL_BANNER, banner)
        ws.set_row(row, 36)
        row += 1
    row += 1
    chart_row = 0
    digits = report.thai_digits
    for block in report.blocks:
        if isinstance(block, Paragraph):
            row = _paragraph(ws, styles, row, block, widths)
        elif isinstance(block, KeyValues):
            row = _keyvalues(ws, styles, row, block, widths, digits)
        elif isinstance(block, TableBlock):
            row = _table(ws, styles, row, block, widths, digits)
        elif isinstance(block, ChartBlock):
            row, chart_row = _chart(ws, styles, row, block, report.name, chart_row)
        row += 1
    if print_area:
        print_setup(ws, max(row - 1, first_row), ncols - 1, -1, landscape=report.landscape)
    return row


def _heading(ws: Worksheet, styles: Styles, row: int, text: str | None) -> int:
    if text:
        ws.write_string(row, 0, text, styles.get(bold=True, font_size=18, font_color=TITLE_FONT))
        ws.set_row(row, HEADING_HEIGHT)
        return row + 1
    return row


def _paragraph(ws: Worksheet, styles: Styles, row: int, block: Paragraph,
               widths: list[float]) -> int:
    props: dict[str, Any] = {"text_wrap": True, "valign": "top"}
    size = 16
    if block.style == "heading":
        size = 18
        props.update(bold=True, font_size=size, font_color=TITLE_FONT)
    elif block.style == "note":
        size = 14
        props.update(font_color=MUTED_FONT, italic=True, font_size=size)
    fmt = styles.get(props)
    last = len(widths) - 1
    if last > 0:
        ws.merge_range(row, 0, row, last, block.text, fmt)
    else:
        ws.write_string(row, 0, block.text, fmt)
    height = row_height(wrapped_lines(block.text, sum(widths), size), size)
    if height is not None:
        ws.set_row(row, height)
    elif block.style == "heading":
        ws.set_row(row, HEADING_HEIGHT)
    return row + 1


def cell_lines(value: Value, width: float) -> int:
    """Lines a report value takes in a column of ``width`` characters (text wraps; numbers,
    dates and links stay on one line)."""
    if value.format != "text" or value.link is not None or value.value is None:
        return 1
    return wrapped_lines(str(value.value), width)


def fit_row(ws: Worksheet, row: int, lines: Sequence[int]) -> None:
    """Give a row the height of its tallest wrapped cell (explicit, so Excel and LibreOffice
    agree; a row of one line keeps the default height)."""
    height = row_height(max(lines, default=1))
    if height is not None:
        ws.set_row(row, height)


def mixed(values: Sequence[Value]) -> bool:
    """True when a list of values holds both numbers (or dates) and text."""
    kinds = {(isinstance(v.value, int | Decimal | date) and not isinstance(v.value, bool))
             or v.format == "amount_dash" for v in values if v.value is not None}
    return len(kinds) > 1


def _keyvalues(ws: Worksheet, styles: Styles, row: int, block: KeyValues,
               widths: list[float], thai_digits: bool) -> int:
    row = _heading(ws, styles, row, block.heading)
    label_fmt = styles.get(bold=True, valign="top", text_wrap=True)
    # One alignment for the value column: left when numbers and text share it.
    align = {"align": "left"} if mixed([v for _, v in block.rows]) else {}
    for label, value in block.rows:
        ws.write_string(row, 0, label, label_fmt)
        write_value(ws, styles, row, 1, value, align, thai_digits=thai_digits)
        fit_row(ws, row, [wrapped_lines(label, widths[0]),
                          cell_lines(value, widths[1] if len(widths) > 1 else widths[0])])
        row += 1
    return row


def _table(ws: Worksheet, styles: Styles, row: int, block: TableBlock, widths: list[float],
           thai_digits: bool) -> int:
    row = _heading(ws, styles, row, block.heading)
    columns: list[Column] = block.columns
    width = [widths[i] if i < len(widths) else c.width for i, c in enumerate(columns)]
    head = styles.header()
    for c, col in enumerate(columns):
        ws.write_string(row, c, col.header, head)
    fit_row(ws, row, [wrapped_lines(c.header, width[i]) for i, c in enumerate(columns)])
    row += 1
    if not block.rows:
        fmt = styles.get(CELL, font_color=MUTED_FONT, align="center")
        if len(columns) > 1:
            ws.merge_range(row, 0, row, len(columns) - 1, block.empty_text, fmt)
        else:
            ws.write_string(row, 0, block.empty_text, fmt)
        row += 1
    parts: tuple[tuple[list[list[Value]], tuple[dict[str, Any], ...]], ...] = (
        (block.rows, (CELL,)), (block.totals, (CELL, {"bold": True, "top": 6})))
    for rows, layers in parts:
        for values in rows:
            shown = [_as(value, columns[c]) for c, value in enumerate(values[: len(columns)])]
            for c, value in enumerate(shown):
                write_value(ws, styles, row, c, value, *layers, thai_digits=thai_digits)
            fit_row(ws, row, [cell_lines(v, width[c]) for c, v in enumerate(shown)])
            row += 1
    return row


def _as(value: Value, column: Column) -> Value:
    """A value shown in a column: the column's format unless the value names its own."""
    if value.format == "text" and column.format != "text":
        return Value(value.value, column.format, value.role, value.link)
    return value


def _chart(ws: Worksheet, styles: Styles, row: int, block: ChartBlock, sheet: str,
           data_row: int) -> tuple[int, int]:
    """Write the chart's data beside the report and the chart below the previous block."""
    wb = styles.workbook
    c0 = CHART_DATA_COL
    if data_row == 0:
        ws.write_string(0, c0, CHART_DATA_TITLE, styles.get(bold=True))
        data_row = 1
    ws.write_string(data_row, c0, block.title, styles.get(bold=True))
    for j, (name, _values) in enumerate(block.series):
        ws.write_string(data_row, c0 + 1 + j, name, styles.get(bold=True))
    for i, cat in enumerate(block.categories):
        ws.write_string(data_row + 1 + i, c0, cat)
        for j, (_name, values) in enumerate(block.series):
            if i < len(values):
                ws.write_number(data_row + 1 + i, c0 + 1 + j, float(values[i]))
    chart = wb.add_chart({"type": block.kind})
    assert chart is not None
    first, last = data_row + 1, data_row + len(block.categories)
    s = quote(sheet)
    for j in range(len(block.series)):
        col = col_name(c0 + 1 + j)
        series: dict[str, Any] = {
            "name": f"={s}!${col}${data_row + 1}",
            "categories": f"={s}!${col_name(c0)}${first + 1}:${col_name(c0)}${last + 1}",
            "values": f"={s}!${col}${first + 1}:${col}${last + 1}",
            "data_labels": {"value": True, "font": {"name": FONT_NAME, "size": 12}},
        }
        chart.add_series(series)
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
    chart.set_size({"width": CHART_SIZE[0], "height": CHART_SIZE[1]})
    ws.insert_chart(row, 0, chart, {"object_position": 1})
    rows = math.ceil(CHART_SIZE[1] / ROW_HEIGHT_PX) + 1
    return row + rows, last + 2


def blank_report(ws: Worksheet, name: str, styles: Styles) -> None:
    """A report sheet before its first run: the title, the print setup, a Thai note."""
    report = ReportSheet(name=name, title=name, blocks=[Paragraph(
        "ชีตนี้โปรแกรมจัดทำให้อัตโนมัติ กดปุ่ม «จัดทำรายงาน» ที่ชีต «หน้าหลัก» "
        "(ไม่ต้องพิมพ์ข้อมูลในชีตนี้)", "note")])
    render_report(ws, report, styles)
