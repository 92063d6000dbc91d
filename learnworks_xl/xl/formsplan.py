"""The school-forms buttons: forms out (files) and forms back in (merged into the live book).

``school_forms`` writes one form per school with the job behind ``learnworks school-forms``
(:func:`learnworks_xl.forms.jobs.write_forms`) on the live book's values, saved or not
(prefilled with each school's rows). ``collect`` reads the
returned forms from the inbox folder, merges them by key with the same core as
``learnworks collect`` (:func:`learnworks_xl.forms.merge.merge_forms`; the alert lists each
form's added, updated, unchanged, kept and removed rows per sheet) and — unlike the file
path, which writes a new workbook — writes the changed sheets' rows into the live book
(updated rows where they stand), one block per run of input columns, then checks the merged
book again (marks and ``ผลการตรวจสอบ``).
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

from learnworks_xl.core.grid import RawSheet, RawWorkbook
from learnworks_xl.core.sheets import BY_NAME
from learnworks_xl.core.table import Table
from learnworks_xl.core.workbook import parse_workbook
from learnworks_xl.io.plainwriter import cell_value as stored_value
from learnworks_xl.xl.markpatch import runs, sheet_extent
from learnworks_xl.xl.patch import Alert, Patch, SetValues, cell_value
from learnworks_xl.xl.pressplan import ButtonContext, findings_summary, with_reports

TITLE_FORMS = "สร้างแบบฟอร์มโรงเรียน"
TITLE_COLLECT = "รวบรวมแบบฟอร์มโรงเรียน"
#: Folders under the button's output folder: forms sent out, and forms sent back.
FORMS_DIR = "แบบฟอร์มโรงเรียน"
INBOX_DIR = "แบบฟอร์มที่ส่งกลับ"


def plan_school_forms(raw: RawWorkbook, ctx: ButtonContext) -> Patch:
    """Button ``สร้างแบบฟอร์มโรงเรียน``: one form workbook per school into
    ``<output folder>/แบบฟอร์มโรงเรียน``; the live book is not changed."""
    from learnworks_xl.forms.jobs import write_forms

    out = ctx.out_dir / FORMS_DIR
    result = write_forms(raw, out)
    lines = [f"สร้างแบบฟอร์มแล้ว {len(result.written)} ฉบับ ที่โฟลเดอร์ {out}"]
    lines += [f"  - {reason}" for reason in result.skipped]
    lines.append(f"เมื่อโรงเรียนส่งแบบฟอร์มกลับมา ให้วางไฟล์ไว้ที่ {ctx.out_dir / INBOX_DIR} "
                 "แล้วกดปุ่ม «รวบรวมแบบฟอร์มโรงเรียน»")
    return Patch(alert=Alert("\n".join(lines), TITLE_FORMS,
                             "critical" if result.skipped else "info"))


def inbox_forms(folder: Path) -> list[Path]:
    """The returned forms in ``folder`` (``.xlsx``/``.xlsm``, Excel's ``~$`` lock files left
    out), by name."""
    if not folder.is_dir():
        return []
    return sorted(p for p in folder.iterdir() if p.suffix.lower() in (".xlsx", ".xlsm")
                  and not p.name.startswith("~$") and p.is_file())


def _written(spec_name: str, field: str, value: Any) -> Any:
    return cell_value(stored_value(BY_NAME[spec_name], field, value))


def _raw_value(value: Any) -> Any:
    """What the live book holds after the write (the file reader's view)."""
    if isinstance(value, str) and value.startswith("'"):
        return value[1:]
    if isinstance(value, int) and not isinstance(value, bool):
        return float(value)
    return value


def table_rows_patch(sheet: RawSheet, table: Table[Any], rows: Sequence[dict[str, Any]]) -> tuple[
        Patch, RawSheet]:
    """Write ``rows`` (field → value) under a table's header, replacing its data rows.

    One block per run of adjacent input columns (computed columns keep their formulas);
    rows past the new end are emptied. Returns the patch and the sheet as it will read.
    """
    assert table.header_row is not None
    spec = table.spec
    computed = {c.field for c in spec.columns if c.computed}
    by_col = {col: f for f, col in table.columns.items() if f not in computed}
    first = table.header_row + 1
    old_rows, _cols = sheet_extent(sheet)
    count = max(len(rows), old_rows - first)
    patch = Patch()
    grid = [list(r) for r in sheet.rows]
    for start, width in runs(by_col):
        block = []
        for i in range(count):
            row = rows[i] if i < len(rows) else {}
            block.append([_written(spec.name, by_col[c], row.get(by_col[c]))
                          for c in range(start, start + width)])
        patch.add(SetValues(spec.name, first, start, block))
        for i, values in enumerate(block):
            r = first + i - sheet.first_row
            while len(grid) <= r:
                grid.append([])
            for j, value in enumerate(values):
                c = start + j - sheet.first_col
                while len(grid[r]) <= c:
                    grid[r].append(None)
                grid[r][c] = _raw_value(value)
    return patch, RawSheet(sheet.name, grid, sheet.first_row, sheet.first_col)


def plan_collect(raw: RawWorkbook, ctx: ButtonContext) -> Patch:
    """Button ``รวบรวมแบบฟอร์มโรงเรียน``: merge the forms of the inbox folder into this book.

    A refused form changes nothing; when some form changed rows, the changed sheets are
    rewritten in place and the book is checked again (marks, ``ผลการตรวจสอบ``, ``หน้าหลัก``).
    """
    from learnworks_xl.core import sheets as sh
    from learnworks_xl.forms.jobs import CollectResult, read_form
    from learnworks_xl.forms.merge import merge_forms

    inbox = ctx.out_dir / INBOX_DIR
    forms = inbox_forms(inbox)
    if not forms:
        return Patch(alert=Alert(f"ไม่พบแบบฟอร์มที่ส่งกลับในโฟลเดอร์ {inbox} กรุณาวางไฟล์แบบฟอร์ม"
                                 "ของโรงเรียน (.xlsx) ไว้ที่นั่นแล้วกดปุ่มอีกครั้ง",
                                 TITLE_COLLECT, "critical"))
    parsed, _cells = parse_workbook(raw)
    merged = merge_forms(parsed, [read_form(p) for p in forms])
    lines = CollectResult(Path(ctx.book_name), None, merged).summary_lines()[:-1]
    patch = Patch()
    if merged.changed:
        sheets = dict(raw.sheets)
        tables = {t.spec.name: t for t in parsed.tables()}
        for name in merged.changed_sheets:
            ops, sheets[name] = table_rows_patch(raw.sheets[name], tables[name],
                                                 merged.data.get(name, []))
            patch.extend(ops)
        after = RawWorkbook(sheets, raw.source, raw.date1904)
        results, checked = with_reports(after, ctx, (sh.FINDINGS.name, sh.HOME.name))
        patch.extend(checked)
        lines += ["รวมข้อมูลลงในสมุดงานนี้แล้ว (ชีต " + ", ".join(
            f"«{s}»" for s in merged.changed_sheets) + ")", findings_summary(results.report)]
    else:
        lines.append("ไม่มีข้อมูลเปลี่ยนแปลง สมุดงานนี้ไม่ถูกแก้ไข")
    patch.alert = Alert("\n".join(lines), TITLE_COLLECT,
                        "critical" if merged.refused else "info")
    return patch
