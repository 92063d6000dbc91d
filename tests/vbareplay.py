"""Replay xlwings Server actions on a workbook file, as the VBA client does in Excel (tests).

Excel is not available on Linux, so tests apply the actions that a button returns to a copy
of the workbook with openpyxl, following the ``Sub``s of the VBA client (``Remote.bas``) for
the actions this project produces:

* ``setValues`` — each value goes through ``WebHelpers.ParseIso`` first (ISO dates become
  dates); then Excel's own reading of assigned text: a leading apostrophe keeps text (and is
  dropped), text that looks like a number becomes a number, ``""`` empties the cell;
* ``rangeClear`` — values, fills, number formats and hyperlinks go, merged areas inside are
  unmerged;
* ``setRangeColor``, ``setNumberFormat``, ``addHyperlink`` (the cell shows the text),
  ``addSheet`` (``args = [position, name]``);
* ``runMacro`` — ``Application.Run action("args")(1), wb, action("args")(2), …``: only the
  workbook's ``'<book>'!LwAlert`` (message, title, mode), collected as the clerk's message.

Any other action raises :class:`UnknownAction`: the replay is as strict as the project is.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

from openpyxl import Workbook, load_workbook
from openpyxl.styles import PatternFill
from openpyxl.worksheet.hyperlink import Hyperlink

_ISO = re.compile(r"^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2}):(\d{2})(?:\.\d+)?Z?)?$")
_NUMBER = re.compile(r"^\s*[+-]?(\d{1,3}(,\d{3})+|\d+)?(\.\d+)?([eE][+-]?\d+)?\s*$")


class UnknownAction(ValueError):
    """An action the replay (and this project) does not use."""


@dataclass
class Replayed:
    """What a replay did: the message boxes shown (message, title, mode), and how many
    actions of each kind ran."""

    alerts: list[list[Any]] = field(default_factory=list)
    counts: dict[str, int] = field(default_factory=dict)


def excel_value(value: Any) -> Any:
    """The value Excel stores when the VBA client assigns ``value`` to a cell."""
    if value is None or value == "":
        return None
    if not isinstance(value, str):
        return value
    m = _ISO.match(value)
    if m:
        parts = [int(p) for p in m.groups() if p is not None]
        return datetime(*parts)  # type: ignore[arg-type]
    if value.startswith("'"):
        return value[1:]
    if _NUMBER.match(value) and any(ch.isdigit() for ch in value):
        return float(value.replace(",", ""))
    return value


def _cells(ws: Any, action: dict[str, Any]) -> list[list[Any]]:
    r0, c0 = action["start_row"] + 1, action["start_column"] + 1
    return [[ws.cell(r0 + i, c0 + j) for j in range(action["column_count"])]
            for i in range(action["row_count"])]


def alert_macro(book_name: str) -> str:
    """The name ``Application.Run`` gets for the book's ``LwAlert`` (``'<book>'!LwAlert``)."""
    return "'" + book_name.replace("'", "''") + "'!LwAlert"


def apply_actions(wb: Workbook, actions: list[dict[str, Any]],
                  book_name: str | None = None) -> Replayed:
    """Apply xlwings actions to an open openpyxl workbook.

    Args:
        wb: The workbook (sheet positions are its ``worksheets`` order).
        actions: ``book.json()["actions"]`` as the server returns them.
        book_name: The workbook's file name, when the macro's qualified name is to be checked.

    Returns:
        The message boxes and the action counts.
    """
    done = Replayed()
    for action in actions:
        func = action["func"]
        done.counts[func] = done.counts.get(func, 0) + 1
        if func == "runMacro":
            macro, *args = action["args"]
            if not macro.endswith("!LwAlert") or (
                    book_name is not None and macro != alert_macro(book_name)):
                raise UnknownAction(f"macro {macro!r} is not replayed")
            done.alerts.append(list(args))
            continue
        if func == "addSheet":
            position, name = action["args"]
            wb.create_sheet(name, index=position)
            continue
        ws = wb.worksheets[action["sheet_position"]]
        if func == "setValues":
            r0, c0 = action["start_row"] + 1, action["start_column"] + 1
            for i, row in enumerate(action["values"]):
                for j, value in enumerate(row):
                    ws.cell(r0 + i, c0 + j).value = excel_value(value)
        elif func == "rangeClear":  # Excel's Clear also unmerges the merged areas inside
            r0, c0 = action["start_row"] + 1, action["start_column"] + 1
            r1, c1 = r0 + action["row_count"] - 1, c0 + action["column_count"] - 1
            for merged in list(ws.merged_cells.ranges):
                if (r0 <= merged.min_row and merged.max_row <= r1 and c0 <= merged.min_col
                        and merged.max_col <= c1):
                    ws.unmerge_cells(str(merged))
            for row in _cells(ws, action):
                for cell in row:
                    cell.value = None
                    cell.fill = PatternFill()
                    cell.number_format = "General"
                    cell.hyperlink = None
        elif func == "setRangeColor":
            color = action["args"][0].lstrip("#").upper()
            for row in _cells(ws, action):
                for cell in row:
                    cell.fill = PatternFill("solid", fgColor=color)
        elif func == "setNumberFormat":
            for row in _cells(ws, action):
                for cell in row:
                    cell.number_format = action["args"][0]
        elif func == "addHyperlink":
            address, text, tip = action["args"]
            cell = _cells(ws, action)[0][0]
            cell.value = text
            if address.startswith("#"):
                cell.hyperlink = Hyperlink(ref=cell.coordinate, location=address[1:],
                                           tooltip=tip)
            else:
                cell.hyperlink = Hyperlink(ref=cell.coordinate, target=address, tooltip=tip)
        else:
            raise UnknownAction(f"action {func!r} is not replayed")
    return done


def replay_file(source: str | Path, actions: list[dict[str, Any]], out: str | Path) -> Replayed:
    """Copy ``source`` to ``out`` with the actions applied (``source`` is not modified)."""
    wb = load_workbook(source, keep_vba=str(source).lower().endswith(".xlsm"))
    try:
        done = apply_actions(wb, actions, Path(source).name)
        wb.save(out)
    finally:
        wb.close()
    return done
