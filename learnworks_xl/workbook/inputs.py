"""The input sheets: headers from the models, data, formulas, live checks and print setup."""

from __future__ import annotations

from datetime import date
from typing import Any

from xlsxwriter.format import Format
from xlsxwriter.worksheet import Worksheet

from learnworks_xl.core import sheets as sh
from learnworks_xl.core.layout.colours import (
    BORDER_COLOR,
    COMPUTED_FILL,
    GANTT_DONE_FILL,
    GANTT_DONE_FONT,
    GANTT_FILL,
    GRID_BORDER_COLOR,
    HEADER_FILL_OPTIONAL,
    HEADER_FONT,
    MUTED_FONT,
)
from learnworks_xl.core.layout.text import display_width, row_height, wrapped_lines
from learnworks_xl.core.reports.numformats import SHORT_MONTH_FORMAT
from learnworks_xl.core.sheets import ColumnSpec
from learnworks_xl.workbook import formulas, livechecks, readings
from learnworks_xl.workbook.formulas import Formula, Lookups
from learnworks_xl.workbook.marks import Mark, Marks
from learnworks_xl.workbook.positions import (
    FIRST_DATA_ROW,
    GANTT_MONTHS,
    HEADER_ROW,
    KV_FIRST_ROW,
    KV_HEADER_ROW,
    TITLE_ROW,
    TOTALS_ROW,
    TableLayout,
    col_name,
    reading_headers,
)
from learnworks_xl.workbook.styles import FONT_NAME, GANTT_CELL_FORMAT, MARK_PROPS, Styles
from learnworks_xl.workbook.values import Stored, column_width

#: Columns summed in a table's totals row (row 2), by sheet.
TOTALS: dict[str, tuple[str, ...]] = {
    sh.SCHOOLS.name: ("allocation", "quota"),
    sh.PLAN.name: ("weight",),
    sh.ACTIVITIES.name: ("planned_budget",),
    sh.PURCHASES.name: ("amount",),
    sh.RESULT_REPORTS.name: ("participants",),
}
TOTAL_LABEL = "รวม"
KV_HEADERS = ("หัวข้อ", "ข้อมูล", "คำอธิบาย")
GANTT_TITLE = "ระยะเวลาดำเนินการ (เดือน)"
#: The Gantt's legend beside its title: (Thai text, columns after the grid's first column).
GANTT_LEGEND = (("ตามแผน", 4), ("แล้วเสร็จจริง (เดือนที่แล้วเสร็จ)", 7))
HEADER_HEIGHT = 52
#: Sheets wider than this (characters) print landscape: the Gantt and ผลงานนักเรียน would
#: shrink below a readable size on a portrait page.
LANDSCAPE_WIDTH = 160
COMPUTED = {"bg_color": COMPUTED_FILL}
#: Column kinds whose cells wrap (their rows grow with the text).
WRAP_KINDS = ("text", "emails", "choice")
#: Widths of a key/value sheet's columns (label, value, hint) and the hint's font size.
KV_VALUE_WIDTH, KV_HINT_WIDTH, KV_HINT_SIZE = 60, 48, 14


class SheetWriter:
    """Writes one input sheet; shared state of the build is passed in.

    Args:
        ws: The worksheet.
        styles: The workbook's formats.
        marks: Findings to show.
    """

    def __init__(self, ws: Worksheet, styles: Styles, marks: Marks) -> None:
        self.ws = ws
        self.styles = styles
        self.marks = marks

    def _format(self, row: int, col: int, kind: str, *layers: dict[str, Any] | None) -> Format:
        mark = self.marks.take(self.ws.name, row, col)
        if mark is None:
            return self.styles.kind(kind, *layers)
        self.ws.write_comment(row, col, mark.note, {
            "author": "learnworks", "x_scale": 2.4, "y_scale": 1.6,
            "font_name": FONT_NAME, "font_size": 14})
        return self.styles.kind(kind, *layers, MARK_PROPS[mark.severity])

    def value(self, row: int, col: int, kind: str, value: Stored,
              *layers: dict[str, Any] | None) -> None:
        """Write one stored value with its column's format (and its finding, if any)."""
        fmt = self._format(row, col, kind, *layers)
        if value is None:
            self.ws.write_blank(row, col, None, fmt)
        elif isinstance(value, date):
            self.ws.write_datetime(row, col, value, fmt)
        elif isinstance(value, str):
            self.ws.write_string(row, col, value, fmt)
        else:
            self.ws.write_number(row, col, value, fmt)

    def formula(self, row: int, col: int, kind: str, f: Formula,
                *layers: dict[str, Any] | None) -> None:
        """Write a formula with its cached value."""
        self.ws.write_formula(row, col, f.text, self._format(row, col, kind, *layers), f.value)

    def blank_marks(self) -> None:
        """Show the findings of cells left blank (a required value not typed), row by row."""
        for row, col, mark in self.marks.left(self.ws.name):
            self._blank_mark(row, col, mark)

    def marks_at(self, row: int) -> None:
        """Show the findings of the cells of ``row`` left blank: once the row is written
        (a streamed sheet cannot go back to it)."""
        for col, mark in self.marks.left_in_row(self.ws.name, row):
            self._blank_mark(row, col, mark)

    def _blank_mark(self, row: int, col: int, mark: Mark) -> None:
        self.ws.write_blank(row, col, None, self.styles.get(MARK_PROPS[mark.severity]))
        self.ws.write_comment(row, col, mark.note, {
            "author": "learnworks", "x_scale": 2.4, "y_scale": 1.6,
            "font_name": FONT_NAME, "font_size": 14})


def print_setup(ws: Worksheet, last_row: int, last_col: int, repeat_row: int, *,
                landscape: bool = False) -> None:
    """A4 (portrait unless too wide), fitted to the page width, header row repeated, Thai
    page numbers."""
    ws.set_paper(9)
    if landscape:
        ws.set_landscape()
    else:
        ws.set_portrait()
    ws.fit_to_pages(1, 0)
    ws.set_margins(left=0.5, right=0.5, top=0.6, bottom=0.6)
    ws.center_horizontally()
    if repeat_row >= 0:
        ws.repeat_rows(repeat_row)
    ws.print_area(0, 0, last_row, last_col)
    ws.set_footer(f'&L&"{FONT_NAME}"&12&A&R&"{FONT_NAME}"&12หน้า &P จาก &N')


def _title(w: SheetWriter, spec: sh.SheetSpec) -> None:
    w.ws.write_string(TITLE_ROW, 0, spec.name, w.styles.title())
    w.ws.set_row(TITLE_ROW, 40)


def write_table(w: SheetWriter, layout: TableLayout, rows: list[dict[str, Stored]],
                lookups: Lookups, tables: dict[str, TableLayout],
                project: dict[str, Stored], list_sources: dict[str, str]) -> None:
    """Write a table sheet: title, totals, header (an Excel table), data and entry rows.

    Rows are written top to bottom, each whole before the next (its values, formulas,
    readings, Gantt cells, then the marks of its blank cells), so the sheet can be streamed
    (XlsxWriter's ``constant_memory``: :func:`learnworks_xl.workbook.sheet.Workbook.
    add_streamed_worksheet`) — the totals above the data are summed first.

    Args:
        w: The sheet's writer.
        layout: The sheet's layout.
        rows: Stored data rows.
        lookups: Cached results of cross-sheet formulas.
        tables: Every table layout (for references).
        project: Stored values of ``โครงการ`` (the fiscal year).
        list_sources: Helper-sheet ranges of lists too long for a cell, by field.
    """
    spec, ws, st = layout.spec, w.ws, w.styles
    _title(w, spec)
    w.marks_at(TITLE_ROW)
    columns = list(spec.columns)
    wraps = [(c.field, column_width(c)) for c in columns if c.kind in WRAP_KINDS]
    for c in columns:
        ws.set_column(layout.col(c.field), layout.col(c.field), column_width(c),
                      st.kind(c.kind))
    for idx in range(len(columns), len(layout.headers)):
        ws.set_column(idx, idx, max(12, display_width(layout.headers[idx]) // 2 + 3),
                      st.kind("int"))
    gantt = _Gantt(w, layout, project) if spec is sh.PLAN else None
    totals = TOTALS.get(spec.name, ())
    if totals:
        ws.write_string(TOTALS_ROW, 0, TOTAL_LABEL, st.get(bold=True, align="right"))
        for key in totals:
            whole = (_merged(layout, FIRST_DATA_ROW + i, rows[i] if i < len(rows) else None,
                             lookups, tables) for i in range(layout.rows))
            f = formulas.column_total(layout, key, whole)
            kind = spec.column(key).kind
            ws.write_formula(TOTALS_ROW, layout.col(key), f.text,
                             st.kind(kind, bold=True, top=1, bottom=6), f.value)
    if gantt is not None:
        gantt.top()
    w.marks_at(TOTALS_ROW)
    table_columns = [{"header": c.title, "header_format": st.header(c.required)}
                     for c in columns]
    table_columns += [{"header": h, "header_format": st.header(False)}
                      for h in layout.headers[len(columns):]]
    ws.add_table(HEADER_ROW, 0, layout.last_row, layout.last_col, {
        "name": "tbl" + (spec.model.__name__ if spec.model else "Sheet"),
        "style": "Table Style Light 1", "columns": table_columns, "autofilter": True})
    ws.set_row(HEADER_ROW, HEADER_HEIGHT)
    _reading_headers(w, layout)
    if gantt is not None:
        gantt.header()
    w.marks_at(HEADER_ROW)
    for i in range(layout.rows):
        r = FIRST_DATA_ROW + i
        row = rows[i] if i < len(rows) else None
        if row is not None:
            for c in columns:
                if not c.computed and c.field not in _written_by_formula(spec, row):
                    w.value(r, layout.col(c.field), c.kind, row.get(c.field))
            _fit_row(ws, r, row, wraps)
        merged = {**(row or {}), **_write_computed(w, layout, r, row, lookups, tables)}
        _readings(w, layout, r, merged)
        if gantt is not None:
            gantt.row(r, row or {})
        w.marks_at(r)
    w.blank_marks()  # the marks below the table (a finding of a row past it)
    if gantt is not None:
        gantt.formats()
    if spec is sh.PLAN and "weight" in totals:
        cell = f"{layout.letter('weight')}{TOTALS_ROW + 1}"
        ws.conditional_format(cell, {
            "type": "formula", "format": st.get(MARK_PROPS["error"]),
            "criteria": f"=AND(COUNT({layout.reading_body('weight', sheet=False)})>0,"
                        f"ROUND({cell},6)<>100)"})
    for c in columns:
        if c.computed:
            continue
        first = f"{layout.letter(c.field)}{FIRST_DATA_ROW + 1}"
        dv = livechecks.column_validation(c, first, list_source=list_sources.get(c.field),
                                      sheet=spec.name)
        if dv is not None:
            ws.data_validation(layout.body(c.field, sheet=False), dv)
    for rng, options in livechecks.conditional_formats(layout, tables):
        ws.conditional_format(rng, {**options, "format": st.get(MARK_PROPS["error"])})
    ws.freeze_panes(FIRST_DATA_ROW, 0)
    last_col = layout.last_col + (GANTT_MONTHS if spec is sh.PLAN else 0)
    width = sum(column_width(c) for c in columns) + (7 * GANTT_MONTHS
                                                     if spec is sh.PLAN else 0)
    print_setup(ws, layout.print_last_row, last_col, HEADER_ROW,
                landscape=width > LANDSCAPE_WIDTH)


def _fit_row(ws: Worksheet, r: int, row: dict[str, Stored],
             wraps: list[tuple[str, int]]) -> None:
    """Give a data row the height of its longest wrapped text (explicit: Excel and LibreOffice
    show every line; a row of one line keeps the default height).

    Args:
        ws: The sheet.
        r: The row.
        row: Its stored values.
        wraps: The fields whose text wraps, with their columns' widths.
    """
    lines = [wrapped_lines(v, width) for name, width in wraps
             if isinstance(v := row.get(name), str)]
    height = row_height(max(lines, default=1))
    if height is not None:
        ws.set_row(r, height)


Computed = list[tuple[str, str, Formula, dict[str, Any] | None]]
"""A row's formulas: (column key, kind, formula, format layer)."""


def _computed(layout: TableLayout, r: int, row: dict[str, Stored] | None, lookups: Lookups,
              tables: dict[str, TableLayout]) -> Computed:
    """A row's formulas, with their cached values."""
    spec = layout.spec
    empty: dict[str, Stored] = {}
    out: Computed = []
    if spec is sh.SCHOOLS:
        sizes = tables[sh.SIZES.name]
        for key in ("allocation", "quota"):
            f = formulas.school_formula(layout, sizes, r, key, row or empty, lookups)
            out.append((key, spec.column(key).kind, f, COMPUTED))
    elif spec is sh.RISKS:
        score = formulas.risk_score(layout, r, row or empty)
        out.append(("score", "int", score, COMPUTED))
        out.append(("level", "text", formulas.risk_level(layout, r, score, lookups), COMPUTED))
    elif spec is sh.PURCHASES and (row is None or row.get("amount") is None):
        out.append(("amount", "amount", formulas.line_amount(layout, r, row or empty), None))
    return out


def _merged(layout: TableLayout, r: int, row: dict[str, Stored] | None, lookups: Lookups,
            tables: dict[str, TableLayout]) -> dict[str, Any]:
    """A row's values with its formulas' cached values (what the totals add up)."""
    return {**(row or {}), **{key: f.value for key, _kind, f, _layer
                              in _computed(layout, r, row, lookups, tables)}}


def _write_computed(w: SheetWriter, layout: TableLayout, r: int, row: dict[str, Stored] | None,
                    lookups: Lookups, tables: dict[str, TableLayout]) -> dict[str, Any]:
    """Write a row's formulas; return their cached values by column key."""
    cached: dict[str, Any] = {}
    for key, kind, f, layer in _computed(layout, r, row, lookups, tables):
        w.formula(r, layout.col(key), kind, f, *([layer] if layer else []))
        cached[key] = f.value
    return cached


def _written_by_formula(spec: sh.SheetSpec, row: dict[str, Stored]) -> tuple[str, ...]:
    """Input columns of a data row that get a formula instead of the stored value: a
    purchase's blank จำนวนเงิน (จำนวน × ราคาต่อหน่วย, as in the blank rows)."""
    return ("amount",) if spec is sh.PURCHASES and row.get("amount") is None else ()


def _readings(w: SheetWriter, layout: TableLayout, r: int, row: dict[str, Any]) -> None:
    """The hidden helper cells of a row's readings (text, then value)."""
    for reading in readings.READINGS.get(layout.spec.name, ()):
        text_col, value_col = layout.readings[reading.field]
        ref = layout.cell(reading.field, r)
        value = row.get(reading.field)
        stored: Stored = None if value == "" else value
        text = f"${col_name(text_col)}{r + 1}"
        number = readings.reading_value(reading.kind, stored)
        fmt = w.styles.get(num_format="General")
        w.ws.write_formula(r, text_col, readings.text_formula(reading.kind, ref), fmt,
                           readings.text_value(reading.kind, stored))
        w.ws.write_formula(r, value_col, readings.value_formula(reading.kind, ref, text), fmt,
                           "" if number is None else number)


def _reading_headers(w: SheetWriter, layout: TableLayout) -> None:
    """Headers of the helper columns (hidden: they are the formulas' working)."""
    style = w.styles.get(font_color=MUTED_FONT, text_wrap=True, font_size=12)
    for key, cols in layout.readings.items():
        for col, header in zip(cols, reading_headers(layout.spec, key), strict=True):
            w.ws.write_string(HEADER_ROW, col, header, style)
            w.ws.set_column(col, col, 16, None, {"hidden": True})


class _Gantt:
    """The plan's Gantt grid beside its table, written row by row with the table."""

    def __init__(self, w: SheetWriter, layout: TableLayout, project: dict[str, Stored]) -> None:
        self.w, self.layout = w, layout
        self.fy = formulas.fiscal_year(project)
        self.first = layout.last_col + 1
        self.months: list[formulas.Cached] = []
        self.done: dict[str, Any] = {"bg_color": GANTT_DONE_FILL, "font_color": GANTT_DONE_FONT,
                                     "bold": True}
        self.planned: dict[str, Any] = {"bg_color": GANTT_FILL, "font_color": GANTT_FILL}

    def top(self) -> None:
        """Row 2: the title and the legend."""
        ws, st, first = self.w.ws, self.w.styles, self.first
        ws.write_string(TOTALS_ROW, first, GANTT_TITLE, st.get(bold=True))
        legend = ((self.planned, formulas.GANTT_PLANNED), (self.done, formulas.GANTT_DONE))
        for (text, offset), (props, mark) in zip(GANTT_LEGEND, legend, strict=True):
            ws.write_number(TOTALS_ROW, first + offset, mark,
                            st.get(props, num_format=GANTT_CELL_FORMAT, align="center",
                                   border=1, border_color=GRID_BORDER_COLOR))
            ws.write_string(TOTALS_ROW, first + offset + 1, text, st.get(font_size=14))

    def header(self) -> None:
        """The header row: one month a column, from the fiscal year."""
        ws, st, first = self.w.ws, self.w.styles, self.first
        head = st.get(bold=True, font_color=HEADER_FONT, bg_color=HEADER_FILL_OPTIONAL, border=1,
                      border_color=BORDER_COLOR, align="center", valign="vcenter",
                      num_format=SHORT_MONTH_FORMAT, text_wrap=True)
        for i in range(GANTT_MONTHS):
            prev = f"{col_name(first + i - 1)}${HEADER_ROW + 1}" if i else None
            f = formulas.gantt_header(prev, self.fy, i)
            ws.write_formula(HEADER_ROW, first + i, f.text, head, f.value)
            self.months.append(f.value)
        ws.set_column(first, first + GANTT_MONTHS - 1, 7)

    def row(self, r: int, step: dict[str, Stored]) -> None:
        """One step's months (a blank entry row's too)."""
        cell_fmt = self.w.styles.get(num_format=GANTT_CELL_FORMAT, border=1,
                                     border_color=GRID_BORDER_COLOR, align="center", bold=True)
        for m in range(GANTT_MONTHS):
            header = f"{col_name(self.first + m)}${HEADER_ROW + 1}"
            f = formulas.gantt_cell(self.layout, r, header, step, self.months[m])
            self.w.ws.write_formula(r, self.first + m, f.text, cell_fmt, f.value)

    def formats(self) -> None:
        """The grid's colours: done, then planned."""
        ws, st, first = self.w.ws, self.w.styles, self.first
        grid = (f"{col_name(first)}{FIRST_DATA_ROW + 1}:"
                f"{col_name(first + GANTT_MONTHS - 1)}{self.layout.last_row + 1}")
        top_left = f"{col_name(first)}{FIRST_DATA_ROW + 1}"
        ws.conditional_format(grid, {"type": "formula", "stop_if_true": True,
                                     "criteria": f"={top_left}>={formulas.GANTT_DONE}",
                                     "format": st.get(self.done)})
        ws.conditional_format(grid, {"type": "formula",
                                     "criteria": f"={top_left}={formulas.GANTT_PLANNED}",
                                     "format": st.get(self.planned)})


def write_keyvalue(w: SheetWriter, spec: sh.SheetSpec, values: dict[str, Stored],
                   list_sources: dict[str, str] | None = None, *,
                   validations: dict[str, dict[str, Any]] | None = None) -> None:
    """Write a key/value sheet: label in A, value in B, a Thai hint in C.

    Args:
        w: The sheet's writer.
        spec: ``โครงการ`` or ``ตั้งค่า`` (of a district's workbook or of the office's).
        values: Stored values by field.
        list_sources: Ranges holding the choices of a setting whose list is too long for
            Excel's in-cell list (``สำนักงานเขต``), by field.
        validations: The live check of a setting, by field, instead of its column's
            (a sheet without the district workbook's helper names).
    """
    ws, st = w.ws, w.styles
    _title(w, spec)
    for c, text in enumerate(KV_HEADERS):
        ws.write_string(KV_HEADER_ROW, c, text, st.header())
    label_w = max(display_width(c.title) for c in spec.columns) + 3
    ws.set_column(0, 0, label_w)
    ws.set_column(1, 1, KV_VALUE_WIDTH)
    ws.set_column(2, 2, KV_HINT_WIDTH)
    for i, col in enumerate(spec.columns):
        r = KV_FIRST_ROW + i
        ws.write_string(r, 0, col.title, st.get(bold=col.required, border=1,
                                                border_color=GRID_BORDER_COLOR))
        w.value(r, 1, col.kind, values.get(col.field), {"border": 1, "border_color": BORDER_COLOR})
        own = (validations or {}).get(col.field)
        dv = own if own is not None else livechecks.column_validation(
            col, f"B{r + 1}", sheet=spec.name, list_source=(list_sources or {}).get(col.field))
        hint = _hint(col, dv)
        ws.write_string(r, 2, hint, st.get(font_color=MUTED_FONT, text_wrap=True,
                                           font_size=KV_HINT_SIZE))
        value = values.get(col.field)
        lines = wrapped_lines(value, KV_VALUE_WIDTH) if isinstance(value, str) else 1
        heights = [row_height(lines),
                   row_height(wrapped_lines(hint, KV_HINT_WIDTH, KV_HINT_SIZE), KV_HINT_SIZE)]
        height = max((h for h in heights if h is not None), default=None)
        if height is not None:
            ws.set_row(r, height)
        if dv is not None:
            ws.data_validation(r, 1, r, 1, dv)
    w.blank_marks()
    ws.freeze_panes(KV_FIRST_ROW, 0)
    print_setup(ws, KV_FIRST_ROW + len(spec.columns) - 1, 2, KV_HEADER_ROW)


def _hint(col: ColumnSpec, dv: dict[str, Any] | None) -> str:
    required = "ต้องกรอก" if col.required else "ไม่บังคับ"
    return f"{required}" + (f" – {dv['input_message']}" if dv else "")
