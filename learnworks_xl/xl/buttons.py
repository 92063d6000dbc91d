"""The workbook's buttons: one Python entry point per button, for both modes.

Local mode — the VBA of a button runs::

    RunPython "import learnworks_xl.xl.buttons as b; b.validate()"

and the entry point works on ``xw.Book.caller()``. Server mode — the VBA runs
``RunRemotePython "<url>/validate"`` and :mod:`learnworks_xl.xl.server` calls the same entry
point with the book built from the request. Each entry point reads every sheet (one
``.value`` per used range), plans its changes with the pure core
(:mod:`learnworks_xl.xl.pressplan`), applies them in blocks and ends with a Thai message box.

A clerk never sees a traceback: a :class:`~learnworks_xl.errors.LearnworksError` becomes its
Thai message; anything else becomes a Thai "internal error" message and a log entry. When
planning fails nothing is written.
"""

from __future__ import annotations

import logging
import os
from collections.abc import Callable
from pathlib import Path
from typing import Any

from learnworks_xl.core.grid import RawWorkbook
from learnworks_xl.core.office import DISTRICTS_FOLDER
from learnworks_xl.errors import LearnworksError
from learnworks_xl.xl import pressplan
from learnworks_xl.xl.bookio import apply_patch, read_book
from learnworks_xl.xl.patch import Alert, Patch

log = logging.getLogger("learnworks.buttons")

TITLE_ERROR = "learnworks: เกิดข้อผิดพลาด"
INTERNAL_ERROR = ("เกิดข้อผิดพลาดภายในโปรแกรม ข้อมูลในสมุดงานไม่ถูกแก้ไข "
                  "กรุณาแจ้งผู้ดูแลระบบพร้อมไฟล์ที่ใช้")

WRITE_ERROR = ("เขียนผลลงในสมุดงานไม่สำเร็จ อาจมีชีตที่ถูกป้องกันหรือเซลล์ที่กำลังแก้ไขอยู่ "
               "กรุณาปิดการแก้ไขเซลล์แล้วกดปุ่มอีกครั้ง")

Planner = Callable[[RawWorkbook, pressplan.ButtonContext], Patch]

#: Where server-mode buttons keep the files they write (finished workbooks, forms).
ENV_OUTPUT_DIR = "LEARNWORKS_OUTPUT_DIR"
#: Where the office's server-mode button finds the district files (default: the folder
#: ``รายงานเขต`` in the output folder).
ENV_ROLLUP_DIR = "LEARNWORKS_ROLLUP_DIR"


def caller_book() -> Any:
    """The book whose button was pressed (local mode)."""
    import xlwings as xw

    return xw.Book.caller()


def context(book: Any) -> pressplan.ButtonContext:
    """The press's context: beside the workbook file when it has one (local mode: the
    district files in ``รายงานเขต`` beside it), else the folder of ``LEARNWORKS_OUTPUT_DIR``
    (default ``~/learnworks-output``) and the district files in ``LEARNWORKS_ROLLUP_DIR``
    (default ``รายงานเขต`` in the output folder)."""
    full = Path(str(book.fullname))
    if full.is_absolute() and full.parent.is_dir():
        return pressplan.ButtonContext(full.name, full.parent,
                                  districts_dir=full.parent / DISTRICTS_FOLDER)
    out = Path(os.environ.get(ENV_OUTPUT_DIR) or Path.home() / "learnworks-output")
    districts = os.environ.get(ENV_ROLLUP_DIR)
    folder = Path(districts) if districts else out / DISTRICTS_FOLDER
    return pressplan.ButtonContext(full.name, out, districts_dir=folder, server=True)


def press(name: str, planner: Planner, book: Any | None) -> Patch:
    """Run one button on ``book`` (default: the calling book) and return what it applied.

    Args:
        name: The button's name (for logs).
        planner: Raw workbook → patch.
        book: An ``xw.Book``, or None for ``xw.Book.caller()``.
    """
    if book is None:
        book = caller_book()
    try:
        patch = planner(read_book(book), context(book))
    except LearnworksError as exc:
        log.warning("button %s refused: %s", name, exc.message_en)
        patch = Patch(alert=Alert(exc.message_th, TITLE_ERROR, "critical"))
    except Exception:
        log.exception("button %s failed", name)
        patch = Patch(alert=Alert(INTERNAL_ERROR, TITLE_ERROR, "critical"))
    try:
        apply_patch(book, patch)
    except Exception:  # Excel refused a write: say so, never a traceback
        log.exception("button %s could not write", name)
        patch = Patch(alert=Alert(WRITE_ERROR, TITLE_ERROR, "critical"))
        apply_patch(book, patch)
    return patch


def button(name: str, planner: Planner, title: str) -> Callable[[Any], None]:
    """The entry point of one button: :func:`press` with its planner.

    Args:
        name: The button's name (the server's ``POST /<name>``, the VBA's ``b.<name>()``).
        planner: Raw workbook → patch.
        title: What the button does (its docstring's first line).
    """
    def pressed(book: Any | None = None) -> None:
        press(name, planner, book)

    pressed.__name__ = pressed.__qualname__ = name
    pressed.__doc__ = (f"{title}\n\n    Args:\n        book: The workbook (default: the one "
                       "whose button was pressed).\n    ")
    return pressed


validate = button("validate", pressplan.plan_validate,
                  "ปุ่ม «ตรวจสอบข้อมูล»: check every sheet, colour bad cells, rewrite "
                  "``ผลการตรวจสอบ``.")
recompute = button("recompute", pressplan.plan_recompute,
                   "ปุ่ม «คำนวณงบประมาณและตัวชี้วัด»: validate, then rewrite the budget and KPI "
                   "sheets.")
reports = button("reports", pressplan.plan_reports,
                 "ปุ่ม «จัดทำรายงาน»: validate, then rewrite every report sheet.")
email = button("email", pressplan.plan_email,
               "ปุ่ม «ส่งอีเมล»: build the finished workbook from this book and e-mail it.")
school_forms = button("school_forms", pressplan.plan_school_forms,
                      "ปุ่ม «สร้างแบบฟอร์มโรงเรียน»: one form workbook per school.")
collect = button("collect", pressplan.plan_collect,
                 "ปุ่ม «รวบรวมแบบฟอร์ม»: merge the schools' returned forms into this book.")


def rollup(book: Any | None = None) -> None:
    """ปุ่ม «รวบรวมรายงานเขต» (the office's workbook): roll up the district files of the
    folder and fill the roll-up's five sheets.

    Args:
        book: The workbook (default: the one whose button was pressed).
    """
    from learnworks_xl.xl.officeplan import plan_rollup

    press("rollup", plan_rollup, book)


def email_rollup(book: Any | None = None) -> None:
    """ปุ่ม «ส่งอีเมลสรุปภาพรวม» (the office's workbook): the roll-up, its workbook written
    and e-mailed.

    Args:
        book: The workbook (default: the one whose button was pressed).
    """
    from learnworks_xl.xl.officeplan import plan_email_rollup

    press("email_rollup", plan_email_rollup, book)


#: Every button by name: the server's endpoints are ``POST /<name>``.
BUTTONS: dict[str, Callable[[Any], None]] = {
    "validate": validate,
    "recompute": recompute,
    "reports": reports,
    "email": email,
    "school_forms": school_forms,
    "collect": collect,
    "rollup": rollup,
    "email_rollup": email_rollup,
}
