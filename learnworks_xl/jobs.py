"""The jobs behind the commands and the buttons, on a workbook's data.

A job takes a :class:`~learnworks_xl.core.grid.RawWorkbook` — read from a file by
:mod:`learnworks_xl.api`, or from the live book by a button — so ``learnworks run`` and the
buttons run the same code on the data they read (nothing is saved and read back).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING

from learnworks_xl import thai
from learnworks_xl.core.clock import run_time
from learnworks_xl.core.grid import RawWorkbook
from learnworks_xl.core.pipeline import Results, input_data
from learnworks_xl.core.reports.content import ReportSheet
from learnworks_xl.core.reports.findingsheet import Placement, relocate
from learnworks_xl.core.reports.registry import build_reports
from learnworks_xl.core.validate import check_month
from learnworks_xl.io.atomic import refuse_input

if TYPE_CHECKING:
    from learnworks_xl.mail.job import EmailResult

#: The finished workbook is named ``<stem>-ผลลัพธ์-<BE year>-<MM>.xlsx``.
RUN_SUFFIX = "ผลลัพธ์"


def finished_name(stem: str, month: date) -> str:
    """The finished workbook's name for a month: ``learnworks-ผลลัพธ์-2569-07.xlsx``."""
    return f"{stem}-{RUN_SUFFIX}-{thai.ce_to_be(month.year)}-{month.month:02d}.xlsx"


@dataclass
class RunResult:
    """The result of a run: where the finished workbook is and what it says."""

    path: Path | None
    """The input file (None for a live book)."""
    out: Path
    results: Results
    reports: list[ReportSheet]

    def summary_lines(self) -> list[str]:
        """The Thai summary ``learnworks run`` prints."""
        from learnworks_xl.core.reports.console import run_summary

        return run_summary(self.results, self.out)


def run_workbook(raw: RawWorkbook, *, stem: str, folder: Path, out: Path | None = None,
                 month: str | None = None, now: datetime | None = None,
                 progress: Callable[[str], None] | None = None, source: str = "",
                 inputs: tuple[Path, ...] = ()) -> RunResult:
    """Check, compute once, make every report and write the finished, macro-free workbook.

    Args:
        raw: The workbook's data.
        stem: The name the finished workbook starts with (the input's stem).
        folder: Where the finished workbook goes when ``out`` is not given.
        out: The finished workbook (.xlsx).
        month: The month to report, as typed; default: ``เดือนที่รายงาน`` of ``ตั้งค่า``, else
            the month just ended.
        now: The time of the run (default: the clock's, Bangkok).
        progress: Called with a Thai line before steps 2–4 (step 1, reading, is the caller's).
        source: The input's name (shown on หน้าหลัก).
        inputs: Files the output must never be.

    Returns:
        The paths, the results and the report sheets.

    Raises:
        ConfigError: ``month`` is not a month of the fiscal year.
        OutputError: ``out`` is an input, is not .xlsx, or cannot be written.
    """
    from learnworks_xl.workbook import build_workbook
    from learnworks_xl.workbook.build import check_output_name
    from learnworks_xl.workbook.positions import FIRST_DATA_ROW, HEADER_ROW, KV_FIRST_ROW

    def step(i: int, text: str) -> None:
        if progress is not None:
            progress(f"[{i}/4] {text}")

    if out is not None:  # a wrong output is refused before any work
        check_output_name(out, macros=False)
        for path in inputs:
            refuse_input(out, path)
    when = run_time(now)
    checked = check_month(raw, month, when.date())
    step(2, "คำนวณงบประมาณ ตัวชี้วัด และความก้าวหน้า")
    place = Placement(FIRST_DATA_ROW + 1, HEADER_ROW + 1, KV_FIRST_ROW + 1)
    moved = relocate(checked.report, checked.parsed, place)
    results = Results.of(checked.figures, moved, generated_at=when, source=source)
    step(3, "จัดทำรายงาน")
    reports = build_reports(results, original=checked.report)
    target = out if out is not None else folder / finished_name(stem, results.month)
    for path in inputs:
        refuse_input(target, path)
    step(4, f"เขียนสมุดงานผลลัพธ์ {target.name}")
    build_workbook(target, data=input_data(checked.parsed), reports=reports, findings=moved,
                   macros=False)
    return RunResult(inputs[0] if inputs else None, target, results, reports)


def email_finished(done: RunResult, *, to: list[str] | None = None, eml: Path | None = None,
                   cafile: Path | None = None, max_bytes: int = 25 * 1024 * 1024,
                   inputs: tuple[Path, ...] = ()) -> EmailResult:
    """E-mail a finished workbook with the Thai summary of its run (or write an .eml draft).

    Args:
        done: The run (:func:`run_workbook`); its settings name the server and recipients.
        to: Recipients replacing those of ``ตั้งค่า``.
        eml: Write the message to this file instead of sending it.
        cafile: Extra trusted certificates (PEM) for the mail server.
        max_bytes: The largest message to send.
        inputs: Files ``eml`` must never be.

    Raises:
        ConfigError: A mail setting or the password is missing or wrong.
        MailError: Sending failed; the message names the finished workbook, kept on disk.
    """
    from learnworks_xl.mail import email_workbook
    from learnworks_xl.mail.fromrun import summary_from_results

    return email_workbook(done.out.absolute(), summary_from_results(done.results),
                          done.results.settings, to=to, eml=eml, cafile=cafile,
                          max_bytes=max_bytes, inputs=inputs)
