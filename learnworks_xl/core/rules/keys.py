"""Keys and references: unique codes, school codes that exist, sizes that exist."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from learnworks_xl.core import findings as fd
from learnworks_xl.core.cellerrors import named
from learnworks_xl.core.fields import normalise_code, to_text
from learnworks_xl.core.table import Table
from learnworks_xl.core.workbook import ParsedWorkbook


def check_keys(wb: ParsedWorkbook) -> Iterator[fd.Finding]:
    """Codes that must be unique (school code, work code, size, plan step, month) are: the
    duplicates found when each table was read (:func:`~learnworks_xl.core.table.read_table`
    leaves them out of every computation)."""
    for table in wb.tables():
        yield from table.duplicates


def school_codes(wb: ParsedWorkbook) -> set[str]:
    """Every school code typed in ``โรงเรียน`` (even on rows with other problems)."""
    return {normalise_code(r.raw["code"]) for r in wb.schools.rows if "code" in r.raw}


def _unknown_refs(table: Table[Any], known: set[str], sheet_of_known: str,
                  field: str = "school_code") -> Iterator[fd.Finding]:
    title = table.spec.title(field)
    for row in table.rows:
        if field not in row.raw or field in row.bad_fields:
            continue
        if normalise_code(row.raw[field]) not in known:
            yield fd.error(
                "unknown-school", table.spec.name,
                f"ไม่พบ {named(title)} '{to_text(row.raw[field])}' ในชีต «{sheet_of_known}»",
                cell=row.cell(field), column=title, value=row.raw[field])


def check_references(wb: ParsedWorkbook) -> Iterator[fd.Finding]:
    """Every school code points at a school; every school's size is in the criteria."""
    if wb.schools.found:
        known = school_codes(wb)
        for table in (wb.activities, wb.purchases, wb.works, wb.reports):
            yield from _unknown_refs(table, known, wb.schools.spec.name)
    if wb.sizes.found and wb.schools.found:
        sizes = {r.raw["size"] for r in wb.sizes.rows if "size" in r.raw}
        sizes_text = {to_text(s) for s in sizes}
        title = wb.schools.spec.title("size")
        for row in wb.schools.rows:
            if "size" in row.raw and "size" not in row.bad_fields \
                    and to_text(row.raw["size"]) not in sizes_text:
                yield fd.error(
                    "unknown-size", wb.schools.spec.name,
                    f"{named(title)} '{to_text(row.raw['size'])}' ไม่มีในชีต «{wb.sizes.spec.name}» "
                    f"เลือกได้เฉพาะ {', '.join(sorted(sizes_text))}",
                    cell=row.cell("size"), column=title, value=row.raw["size"])
