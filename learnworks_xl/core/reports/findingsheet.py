"""``ผลการตรวจสอบ``: every finding with its sheet, a link to its cell, the column, the value,
the Thai message and the severity; and :func:`relocate`, which moves the findings' addresses
from the checked file to the finished workbook (whose input sheets are laid out anew)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from typing import Any

from learnworks_xl import thai
from learnworks_xl.core import sheets as sh
from learnworks_xl.core.cellerrors import display
from learnworks_xl.core.findings import Finding, Findings, Severity
from learnworks_xl.core.grid import column_letter
from learnworks_xl.core.pipeline import Results
from learnworks_xl.core.reports.common import fmt_of, provisional_blocks, sheet_link, subtitles
from learnworks_xl.core.reports.content import (
    Block,
    Column,
    Paragraph,
    ReportSheet,
    Role,
    TableBlock,
)
from learnworks_xl.core.table import KeyValue, Table
from learnworks_xl.core.wording import SEVERITY_WORDS
from learnworks_xl.core.workbook import ParsedWorkbook

TITLE = "ผลการตรวจสอบข้อมูล"
NONE_FOUND = "ไม่พบปัญหา ข้อมูลทุกชีตถูกต้องครบถ้วน"
HOW_TO = ("ข้อผิดพลาดต้องแก้ไขก่อนส่งรายงาน คำเตือนควรตรวจทาน กดที่เซลล์เพื่อไปยังตำแหน่งในสมุดงานนี้ "
          "ส่วน «เซลล์ในไฟล์ที่ตรวจ» คือตำแหน่งในไฟล์ต้นฉบับที่ต้องแก้ไข")
COLUMNS = [
    Column("ลำดับ", "int", 6), Column("ระดับ", "text", 11), Column("ชีต", "text", 18),
    Column("เซลล์", "text", 8), Column("คอลัมน์", "text", 20), Column("ค่าที่พบ", "text", 16),
    Column("รายละเอียดและวิธีแก้ไข", "text", 64),
    Column("เซลล์ใน\nไฟล์ที่ตรวจ", "text", 11),
]
_A1 = re.compile(r"^([A-Z]+)([0-9]+)$")


@dataclass(frozen=True)
class Placement:
    """Where the finished workbook puts the input sheets' cells (1-based Excel rows).

    Args:
        table_first_row: Row of the first data row of a table sheet.
        table_header_row: Row of a table sheet's header.
        keyvalue_first_row: Row of the first setting of a key/value sheet (value in B).
    """

    table_first_row: int
    table_header_row: int
    keyvalue_first_row: int


def _row_positions(table: Table[Any]) -> dict[int, int]:
    """Each data row's Excel row → its index in the table (one lookup per finding, not a
    scan of every row: a workbook with 200,000 findings must not take hours)."""
    positions: dict[int, int] = {}
    for i, r in enumerate(table.rows):
        positions.setdefault(r.excel_row, i)
    return positions


def _table_cell(f: Finding, table: Table[Any], place: Placement,
                positions: dict[int, int]) -> str | None:
    assert f.cell is not None
    m = _A1.match(f.cell)
    if m is None:
        return f.cell
    letters, row = m[1], int(m[2])
    fields = [c.field for c in table.spec.columns]
    titles = {c.title: c.field for c in table.spec.columns}
    col = column_letter(fields.index(titles[f.column])) if f.column in titles else letters
    if table.header_row is not None and row == table.header_row + 1:
        return f"{col}{place.table_header_row}"
    i = positions.get(row)
    return f.cell if i is None else f"{col}{place.table_first_row + i}"


def _keyvalue_cell(f: Finding, kv: KeyValue[Any], place: Placement) -> str | None:
    fields = [c.field for c in kv.spec.columns]
    titles = {c.title: c.field for c in kv.spec.columns}
    if f.column in titles:
        return f"B{place.keyvalue_first_row + fields.index(titles[f.column])}"
    return f.cell


def relocate(report: Findings, parsed: ParsedWorkbook, place: Placement) -> Findings:
    """The findings with the addresses they have in the finished workbook.

    The finished workbook writes each table's rows, in order, from
    ``place.table_first_row`` and the columns in model order; a key/value sheet's settings
    in model order. The checked file may have had another layout (header on row 1, moved
    columns, blank rows), so each finding's cell is moved to where its value now is.

    Args:
        report: The findings, addressed in the checked file.
        parsed: The parsed workbook (its rows know their places in the checked file).
        place: The finished workbook's layout.

    Returns:
        A new report whose findings' ``cell`` is in the finished workbook.
    """
    tables: dict[str, Table[Any]] = {t.spec.name: t for t in parsed.tables()}
    kvs: dict[str, KeyValue[Any]] = {parsed.project.spec.name: parsed.project,
                                      parsed.settings.spec.name: parsed.settings}
    positions = {name: _row_positions(t) for name, t in tables.items()}
    moved = []
    for f in report.findings:
        cell = f.cell
        if f.sheet in tables and tables[f.sheet].found and f.cell is not None:
            cell = _table_cell(f, tables[f.sheet], place, positions[f.sheet])
        elif f.sheet in kvs and kvs[f.sheet].found:
            cell = _keyvalue_cell(f, kvs[f.sheet], place)
        moved.append(f if cell == f.cell else f.model_copy(update={"cell": cell}))
    return Findings(findings=moved)


_ISO = re.compile(r"^(\d{4})-(\d{2})-(\d{2})(?: 00:00:00)?$")


def _value(value: Any) -> str:
    """A finding's value as a clerk reads it (a date, kept ISO in the JSON, Buddhist era)."""
    if isinstance(value, str) and (m := _ISO.match(value)):
        try:
            return thai.format_thai_date(date(int(m[1]), int(m[2]), int(m[3])), "abbr")
        except ValueError:
            return value
    return "" if value is None else display(value)


def findings_report(results: Results, original: Findings | None = None) -> ReportSheet:
    """The ``ผลการตรวจสอบ`` sheet.

    Args:
        results: The run (its ``report`` addressed in the finished workbook, see
            :func:`relocate`).
        original: The same findings addressed in the checked file, shown beside the link
            (same order); None to show the same address.

    Returns:
        Every finding, errors first then warnings, each in workbook order.
    """
    f = fmt_of(results)
    report = results.report
    pairs = list(zip(report.findings, (original or report).findings, strict=True))
    order = {s.name: i for i, s in enumerate(sh.ALL_SHEETS)}
    pairs.sort(key=lambda p: (p[0].severity is not Severity.ERROR, order.get(p[0].sheet, 99),
                              p[0].position))
    rows = []
    for i, (finding, source) in enumerate(pairs, start=1):
        role: Role = "bad" if finding.severity is Severity.ERROR else "warn"
        where = finding.cell or "A1"
        sheet_exists = finding.sheet in order
        rows.append([
            f.count(i), f.text(SEVERITY_WORDS[finding.severity], role),
            f.text(finding.sheet, link=sheet_link(finding.sheet) if sheet_exists else None),
            f.text(finding.cell or "-", link=sheet_link(finding.sheet, where)
                   if sheet_exists else None),
            f.text(finding.column or "-"), f.text(_value(finding.value)),
            f.text(finding.message), f.text(source.cell or "-", "muted"),
        ])
    summary = (f"ตรวจสอบไฟล์ {results.source} พบข้อผิดพลาด {report.errors} รายการ "
               f"คำเตือน {report.warnings} รายการ")
    blocks: list[Block] = [
        *provisional_blocks(results, f), Paragraph(f.s(summary)),
        TableBlock(COLUMNS, rows, empty_text=NONE_FOUND),
        Paragraph(HOW_TO, "note")]
    return ReportSheet(sh.FINDINGS.name, TITLE, subtitles(results, f), blocks,
                       provisional=results.provisional, thai_digits=results.thai_digits,
                       landscape=True)
