"""Build the product workbook (.xlsm with buttons) or a finished workbook (.xlsx).

Reads like a table of contents: sheets in SPEC order, then the home sheet, the input sheets,
the report sheets, the hidden helper sheets, the defined names, and the VBA project.
"""

from __future__ import annotations

import importlib
import io
from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from typing import Any, cast

from xlsxwriter.exceptions import XlsxWriterException
from xlsxwriter.worksheet import Worksheet

from learnworks_xl.core import sheets as sh
from learnworks_xl.core.findings import Findings
from learnworks_xl.core.layout.colours import MUTED_FONT, WARN_FILL, WARN_FONT
from learnworks_xl.core.reports.content import ReportSheet
from learnworks_xl.core.reports.numformats import DATE_FORMAT
from learnworks_xl.errors import OutputError
from learnworks_xl.io.atomic import atomic_path
from learnworks_xl.workbook import formulas, home, inputs, livechecks, readings, reports
from learnworks_xl.workbook.formulas import Lookups
from learnworks_xl.workbook.marks import Marks
from learnworks_xl.workbook.positions import (
    LISTS_SHEET,
    XLWINGS_CONF_SHEET,
    TableLayout,
    col_name,
    kv_cell,
    quote,
    table_layout,
)
from learnworks_xl.workbook.sheet import Workbook
from learnworks_xl.workbook.styles import Styles, workbook_options
from learnworks_xl.workbook.values import stored_keyvalue, stored_table
from learnworks_xl.workbook.vba import contract

#: The fixed creation date written into every build, so builds are byte-for-byte repeatable.
CREATED = datetime(2025, 10, 1, 0, 0, 0)
#: How long the xlwings VBA client waits for the server, in milliseconds (``TIMEOUT``; its own
#: default is 30 s: ``myClient.TimeoutMs = 30000``). The slowest button at BMA scale
#: (437 schools), ``school_forms``, took 19.5 s on a quiet 2-core server and 77 s on the same
#: machine under a load of 6 (``bench/server_buttons.py``, README "Buttons and xlwings
#: Server"); 300 s covers the loaded figure about four times over, so a slower or busier
#: office server still answers before the client gives up.
CLIENT_TIMEOUT_MS = 300_000
#: xlwings settings (keys as xlwings reads them from the sheet): the interpreter of local
#: RunPython, and the VBA client's timeout in server mode. Only keys with values: an empty
#: key on the sheet would hide the user's own xlwings.conf.
XLWINGS_CONF: tuple[tuple[str, str], ...] = (
    ("Interpreter_Win", r"%USERPROFILE%\learnworks\.venv\Scripts\pythonw.exe"),
    ("Interpreter_Mac", "$HOME/learnworks/.venv/bin/python"),
    ("Show Console", "False"),
    ("TIMEOUT", str(CLIENT_TIMEOUT_MS)),
)
#: Defined names the VBA reads: name → (sheet spec, field of its value cell).
VBA_NAMES: dict[str, tuple[sh.SheetSpec, str]] = {
    contract.MODE_NAME: (sh.SETTINGS, "mode"),
    contract.SERVER_URL_NAME: (sh.SETTINGS, "server_url"),
}
LISTS_TITLE = "ข้อมูลอ้างอิงของสูตรและรายการเลือก (ชีตซ่อน โปรแกรมสร้างให้ ไม่ต้องแก้ไข)"
MONTH_WORDS_LABEL = "ชื่อเดือนที่สูตรอ่านได้ (มกราคมก่อน ทีละ 3 คำ)"

VbaBuilder = Callable[[list[str]], bytes]


def vba_builder() -> VbaBuilder | None:
    """The VBA project writer of :mod:`learnworks_xl.workbook.vba`, when it is available."""
    try:
        module = importlib.import_module("learnworks_xl.workbook.vba")
    except ImportError:
        return None
    func = getattr(module, "build_vba_project", None)
    return cast(VbaBuilder, func) if callable(func) else None


def check_output_name(target: Path, macros: bool) -> None:
    """Refuse a workbook name that does not fit its kind (before any work is done).

    Raises:
        OutputError: ``.xlsm`` wanted with macros, ``.xlsx`` without.
    """
    wanted = ".xlsm" if macros else ".xlsx"
    if target.suffix.lower() != wanted:
        raise OutputError(
            f"ชื่อไฟล์ {target.name} ต้องลงท้ายด้วย {wanted}"
            + (" (สมุดงานที่มีแมโคร)" if macros else " (สมุดงานไม่มีแมโคร)"),
            f"{target.name}: a workbook {'with' if macros else 'without'} macros must end "
            f"in {wanted}")


def build_workbook(path: str | Path, *, data: dict[str, Any] | None = None,
                   reports: list[ReportSheet] | None = None, findings: Findings | None = None,
                   macros: bool = True) -> Path:
    """Build the workbook: every sheet of SPEC, live checks, formulas, buttons and VBA.

    Args:
        path: The file to write (``.xlsm`` with macros, ``.xlsx`` without); written
            atomically, the previous file kept as ``<name>.bak``.
        data: Sheet contents by sheet name, as :func:`learnworks_xl.sample.sample_data`
            (typed values or raw strings as a clerk typed them); None for a blank template.
        reports: Report sheets to render; None leaves them blank but formatted.
        findings: Findings to show in the input sheets (red for errors, amber for warnings,
            with a Thai note).
        macros: Add the VBA project and the buttons (.xlsm); False makes a macro-free .xlsx.

    Returns:
        The path written.

    Raises:
        OutputError: The file name does not fit ``macros``, or the file cannot be written.
    """
    target = Path(path)
    check_output_name(target, macros)
    known = {s.name for s in sh.REPORT_SHEETS}
    for report in reports or []:
        if report.name not in known:
            raise ValueError(f"report sheet {report.name!r} is not a report sheet of SPEC")
    with atomic_path(target) as tmp:
        try:
            _write(tmp, data, reports or [], findings, macros)
        except (XlsxWriterException, OSError) as exc:
            raise OutputError(f"เขียนไฟล์ {target.name} ไม่ได้",
                              f"cannot write {target.name}: {exc}") from None
    return target


def _write(path: Path, data: dict[str, Any] | None, report_list: list[ReportSheet],
           findings: Findings | None, macros: bool) -> None:
    content = data or {}
    blank = data is None
    project = stored_keyvalue(sh.PROJECT, content.get(sh.PROJECT.name, None if blank else {}))
    settings = stored_keyvalue(sh.SETTINGS, content.get(sh.SETTINGS.name, None if blank else {}))
    rows = {s.name: stored_table(s, content.get(s.name)) for s in sh.INPUT_SHEETS
            if s.kind == "table"}
    tables = {name: table_layout(sh.BY_NAME[name], len(r)) for name, r in rows.items()}

    wb = Workbook(str(path), workbook_options())
    name = project.get("name")
    wb.set_properties({
        "title": str(name) if name else "learnworks", "subject": "learnworks",
        "author": "learnworks", "company": str(project.get("agency") or ""),
        "comments": "สร้างโดย learnworks build-workbook", "created": CREATED,
    })
    styles = Styles(wb)
    # The table input sheets are written row by row (inputs.write_table): streamed, their
    # memory is one row's, whatever the number of rows.
    sheets: dict[str, Worksheet] = {
        s.name: wb.add_streamed_worksheet(s.name) if s.kind == "table" else wb.add_worksheet(s.name)
        for s in sh.ALL_SHEETS}
    lists_ws = wb.add_worksheet(LISTS_SHEET)
    conf_ws = wb.add_worksheet(XLWINGS_CONF_SHEET)

    helpers = formulas.helper_formulas(project)
    bands = formulas.band_formulas(settings)
    lookups = Lookups(rows[sh.SIZES.name], [float(f.value) for _, _, f in bands])
    list_sources = _lists(wb, lists_ws, styles,
                          helpers + bands + formulas.kv_reading_formulas(project), tables)

    marks = Marks(findings, tables)
    by_name = {r.name: r for r in report_list}
    cached_schools: list[dict[str, object]] = []
    for spec in sh.INPUT_SHEETS:
        writer = inputs.SheetWriter(sheets[spec.name], styles, marks)
        if spec.kind == "keyvalue":
            inputs.write_keyvalue(writer, spec, project if spec is sh.PROJECT else settings,
                                  list_sources.get(spec.name, {}))
            continue
        layout = tables[spec.name]
        inputs.write_table(writer, layout, rows[spec.name], lookups, tables, project,
                           list_sources.get(spec.name, {}))
        if spec is sh.SCHOOLS:
            cached_schools = [
                {**r, "allocation": lookups.by_size(r.get("size"), "budget_per_school")}
                for r in rows[spec.name]]
    _budget_check(sheets[sh.PROJECT.name], styles, tables[sh.SCHOOLS.name])
    glance = home.glance_formulas(project, tables, cached_schools, rows[sh.PURCHASES.name],
                                  rows[sh.WORKS.name])
    home.write_home(sheets[sh.HOME.name], styles, report=by_name.get(sh.HOME.name),
                    project=project, glance=glance, buttons=macros)
    for spec in sh.REPORT_SHEETS:
        if spec is sh.HOME:
            continue
        report = by_name.get(spec.name)
        if report is None:
            reports.blank_report(sheets[spec.name], spec.name, styles)
        else:
            reports.render_report(sheets[spec.name], report, styles)
    write_xlwings_conf(conf_ws)
    for vba_name, (spec, field_name) in VBA_NAMES.items():
        wb.define_name(vba_name, "=" + kv_cell(spec, field_name))
    for msg_name, formula in contract.message_name_formulas().items():
        wb.define_name(msg_name, formula)
    sheets[sh.HOME.name].activate()
    if macros:
        _vba(wb, [*sheets.values(), lists_ws, conf_ws])
    wb.close()


def _lists(wb: Workbook, ws: Worksheet, styles: Styles,
           helpers: list[tuple[str, str, formulas.Formula]],
           tables: dict[str, TableLayout]) -> dict[str, dict[str, str]]:
    """Fill the hidden helper sheet; return list sources by sheet name and field."""
    ws.write_string(0, 0, LISTS_TITLE, styles.get(bold=True))
    ws.set_column(0, 0, 34)
    ws.set_column(1, 1, 16)
    names = formulas.NAMES
    dates = (names.fy_start, names.fy_end, names.plan_start, names.plan_end, names.date_end)
    for i, (name, label, f) in enumerate(helpers):
        r = 2 + i
        ws.write_string(r, 0, label)
        fmt = DATE_FORMAT if name in dates else "0" if name in names.bands else "General"
        ws.write_formula(r, 1, f.text, styles.get(num_format=fmt), f.value)
        ws.write_string(r, 2, name, styles.get(font_color=MUTED_FONT))
        wb.define_name(name, f"={quote(LISTS_SHEET)}!$B${r + 1}")
    first = 2 + len(helpers) + 1
    ws.write_string(first, 0, MONTH_WORDS_LABEL)
    for j, word in enumerate(readings.MONTH_WORDS):
        ws.write_string(first + j, 1, word)
    wb.define_name(names.month_words, f"={quote(LISTS_SHEET)}!$B${first + 1}:"
                                      f"$B${first + len(readings.MONTH_WORDS)}")
    sources: dict[str, dict[str, str]] = {}
    next_col = 4
    for spec in sh.INPUT_SHEETS:
        for col in spec.columns:
            if col.field in livechecks.REFERENCES and spec.name in tables:
                target, key = livechecks.REFERENCES[col.field]
                sources.setdefault(spec.name, {})[col.field] = "=" + tables[target.name].body(key)
            elif spec is sh.SCHOOLS and col.field == "size":
                sources.setdefault(spec.name, {})[col.field] = \
                    "=" + tables[sh.SIZES.name].body("size")
            elif col.options and not livechecks.literal_list_fits(col.options):
                letter = col_name(next_col)
                ws.write_string(1, next_col, col.title, styles.get(bold=True))
                for j, option in enumerate(col.options):
                    ws.write_string(2 + j, next_col, str(option))
                ws.set_column(next_col, next_col, 30)
                sources.setdefault(spec.name, {})[col.field] = (
                    f"={quote(LISTS_SHEET)}!${letter}$3:${letter}${2 + len(col.options)}")
                next_col += 1
    ws.hide()
    return sources


def _budget_check(ws: Worksheet, styles: Styles, schools: TableLayout) -> None:
    cell, options = livechecks.budget_check(schools)
    ws.conditional_format(cell, {**options, "format": styles.get(bg_color=WARN_FILL,
                                                                  font_color=WARN_FONT)})


def write_xlwings_conf(ws: Worksheet) -> None:
    for r, (key, value) in enumerate(XLWINGS_CONF):
        ws.write_string(r, 0, key)
        ws.write_string(r, 1, value)
    ws.set_column(0, 0, 20)
    ws.set_column(1, 1, 60)
    ws.hide()


def _vba(wb: Workbook, worksheets: list[Worksheet]) -> None:
    """Code names ``ThisWorkbook`` and ``Sheet1``…``SheetN``; the VBA project if available."""
    wb.set_vba_name("ThisWorkbook")
    names = [f"Sheet{i + 1}" for i in range(len(worksheets))]
    for ws, code_name in zip(worksheets, names, strict=True):
        ws.set_vba_name(code_name)
    builder = vba_builder()
    if builder is not None:
        wb.add_vba_project(io.BytesIO(builder(names)), is_stream=True)


__all__ = ["CREATED", "VBA_NAMES", "XLWINGS_CONF", "build_workbook", "vba_builder"]
