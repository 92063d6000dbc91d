"""Percent fields read as the clerk typed them.

Excel stores a cell typed ``95%`` as 0.95 and gives it a percent number format; so does
LibreOffice. A percent field (x-kind ``percent``: the KPI target, the plan's weights) reads
such a cell — one in :attr:`RawSheet.percent_cells` — as 100 times its value: ``95%`` is 95.
Text is read by :func:`learnworks_xl.thai.parse_percent` (``95%``, ``ร้อยละ 95`` → 95).

A number in (0, 1] without that format may be either: ``0.95`` typed as is (ร้อยละ 0.95), or
``95%`` whose format is unknown — xlwings Server's payload carries no formats, nor does a file
whose format was cleared. It is read as written, with a warning that names both readings.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from decimal import Decimal
from typing import Any

from learnworks_xl import thai
from learnworks_xl.core import findings as fd
from learnworks_xl.core.cellerrors import display, named
from learnworks_xl.core.grid import RawSheet, column_index
from learnworks_xl.core.sheets import SheetSpec

KIND = "percent"
_A1 = re.compile(r"([A-Z]{1,3})([0-9]{1,7})")
_MARKED = re.compile(r"%|％|ร้อยละ|เปอร์เซ็นต์|เปอร์เซนต์")
_FIELDS: dict[str, tuple[str, ...]] = {}


def percent_fields(spec: SheetSpec) -> tuple[str, ...]:
    """The fields of a sheet that hold a percentage (x-kind ``percent``)."""
    if spec.name not in _FIELDS:
        _FIELDS[spec.name] = tuple(c.field for c in spec.columns if c.kind == KIND)
    return _FIELDS[spec.name]


def position(address: str) -> tuple[int, int] | None:
    """0-based (row, column) of an A1 address (``B12`` → ``(11, 1)``)."""
    m = _A1.fullmatch(address)
    return None if m is None else (int(m.group(2)) - 1, column_index(m.group(1)))


def read_percents(raw: RawSheet, spec: SheetSpec, values: dict[str, Any],
                  cells: Mapping[str, str]) -> list[fd.Finding]:
    """Read the percent fields of one row (or key/value sheet) as the clerk typed them.

    A number in a percent-formatted cell is replaced in ``values`` by 100 times it (so the
    model, and any finding about the cell, sees ``95`` where Excel shows ``95%``).

    Args:
        raw: The sheet (its :attr:`~RawSheet.percent_cells`).
        spec: The sheet's spec.
        values: The row's values by field; changed in place.
        cells: The A1 address of each field.

    Returns:
        A ``percent-ambiguous`` warning for each value in (0, 1] that is not percent-formatted.
    """
    out: list[fd.Finding] = []
    for name in percent_fields(spec):
        value = values.get(name)
        number = _number(value)
        address = cells.get(name)
        if number is None or not number.is_finite() or address is None:
            continue
        if not isinstance(value, str) and position(address) in raw.percent_cells:
            values[name] = _hundredfold(number)
        elif 0 < number <= 1:
            title = spec.title(name)
            typed, scaled = display(number), display(_hundredfold(number))
            out.append(fd.warning(
                "percent-ambiguous", spec.name,
                f"{named(title)} '{typed}' หมายถึงร้อยละ {typed} หรือร้อยละ {scaled}? "
                f"ระบบอ่านเป็นร้อยละ {typed} หากหมายถึงร้อยละ {scaled} กรุณาพิมพ์ {scaled}",
                cell=address, column=title, value=value))
    return out


def _number(value: Any) -> Decimal | None:
    """The number a cell holds; text only when it has no percent sign or word (``0.95``)."""
    if isinstance(value, bool):
        return None
    if isinstance(value, float):
        return Decimal(repr(value))
    if isinstance(value, int | Decimal):
        return Decimal(value)
    if isinstance(value, str) and not _MARKED.search(value):
        try:
            return thai.parse_percent(value)
        except thai.ThaiParseError:
            return None
    return None


def _hundredfold(number: Decimal) -> Decimal:
    """100 × ``number`` without trailing zeros (0.95 → 95, 0.125 → 12.5)."""
    scaled = number * 100
    whole = scaled.to_integral_value()
    return whole if scaled == whole else scaled.normalize()


def number_cells(raw: RawSheet, spec: SheetSpec) -> list[tuple[int, int]]:
    """0-based absolute (row, column) of the cells of the percent fields that hold a number,
    found as the table reader finds them: the number format of these cells is all that
    :attr:`RawSheet.percent_cells` needs, so a live book reads only theirs.

    Args:
        raw: The sheet's values.
        spec: The sheet's spec.
    """
    from learnworks_xl.core import table  # the table reader imports this module

    fields = percent_fields(spec)
    if not fields:
        return []
    titles = {table.normalise_title(c.title): c.field for c in spec.columns}
    wanted = {t for t, f in titles.items() if f in fields}
    found: list[tuple[int, int]] = []
    if spec.kind == "keyvalue":
        seen: set[str] = set()
        for r, row in enumerate(raw.rows):
            for c, value in enumerate(row):
                title = table.normalise_title(value) if isinstance(value, str) else ""
                if title in titles and titles[title] not in seen:
                    seen.add(titles[title])
                    if title in wanted and _is_number(raw.value(r, c + 1)):
                        found.append((raw.first_row + r, raw.first_col + c + 1))
                    break
        return found
    header, _ = table._find_header(raw, titles)
    if header is None:
        return []
    columns: dict[str, int] = {}
    for c, value in enumerate(raw.rows[header]):
        title = table.normalise_title(value) if isinstance(value, str) else ""
        if title in titles:
            columns.setdefault(titles[title], c)
    for name in fields:
        if name in columns:
            c = columns[name]
            found.extend((raw.first_row + r, raw.first_col + c)
                         for r in range(header + 1, len(raw.rows))
                         if _is_number(raw.value(r, c)))
    return found


def _is_number(value: Any) -> bool:
    return isinstance(value, int | float | Decimal) and not isinstance(value, bool)
