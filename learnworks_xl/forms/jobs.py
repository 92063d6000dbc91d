"""The two jobs on files: write every school's form; collect returned forms into a new
finished workbook. :mod:`learnworks_xl.api` exposes them as ``school_forms`` and ``collect``.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from learnworks_xl.core import findings as fd
from learnworks_xl.core import sheets as sh
from learnworks_xl.core.clock import run_time
from learnworks_xl.core.grid import RawWorkbook
from learnworks_xl.core.validate import check
from learnworks_xl.core.workbook import ParsedWorkbook, parse_workbook
from learnworks_xl.errors import ConfigError, WorkbookReadError
from learnworks_xl.forms.identity import FORM_SHEETS, form_filename
from learnworks_xl.forms.match import code_key
from learnworks_xl.forms.merge import FormInput, FormOutcome, MergeResult, merge_forms
from learnworks_xl.io.atomic import refuse_input
from learnworks_xl.io.reader import read_workbook

#: The merged workbook's default name, beside the office workbook: ``<stem>-รวบรวมแบบฟอร์ม.xlsx``.
COLLECT_SUFFIX = "รวบรวมแบบฟอร์ม"
#: What ``คงไว้`` and ``ลบ`` mean, printed under the per-sheet counts.
KEPT_NOTE = ("คงไว้ = ข้อมูลเดิมของโรงเรียนที่แบบฟอร์มไม่ได้ส่งมา ระบบเก็บไว้ตามเดิม; "
             "ลบ = เฉพาะแถวที่โรงเรียนพิมพ์คำว่า ลบ ในช่อง «ขอลบรายการนี้»")


@dataclass
class SchoolFormsResult:
    """The forms written, and the schools left without one (Thai reasons)."""

    path: Path
    written: list[Path] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)

    def summary_lines(self) -> list[str]:
        """What ``learnworks school-forms`` prints (Thai)."""
        lines = [f"สร้างแบบฟอร์มโรงเรียน {len(self.written)} ฉบับ:"]
        lines += [f"  {p}" for p in self.written]
        lines += [f"ไม่ได้สร้าง: {reason}" for reason in self.skipped]
        return lines


def school_forms(path: str | Path, out_dir: str | Path) -> SchoolFormsResult:
    """Write one form per school of the office workbook into ``out_dir``.

    Args:
        path: The office workbook (.xlsx/.xlsm); never modified.
        out_dir: The folder for the forms (created when missing).

    Returns:
        The forms written (``แบบฟอร์มโรงเรียน-<code>-<year>.xlsx``) and the schools skipped
        because their row in ``โรงเรียน`` has errors or repeats a code.

    Raises:
        WorkbookReadError: The workbook cannot be read.
        ConfigError: ``โครงการ`` has no valid project or ``โรงเรียน`` no valid school.
        OutputError: A form cannot be written.
    """
    src = Path(path)
    return write_forms(read_workbook(src), out_dir, path=src)


def write_forms(raw: RawWorkbook, out_dir: str | Path, *, path: Path | None = None,
                ) -> SchoolFormsResult:
    """Write one form per school of a workbook's data into ``out_dir`` (the job behind
    ``learnworks school-forms`` and the school-forms button).

    Args:
        raw: The office workbook's data.
        out_dir: The folder for the forms (created when missing).
        path: The office workbook's file, when there is one (never overwritten).

    Raises:
        ConfigError: ``โครงการ`` has no valid fiscal year or ``โรงเรียน`` no valid school.
        OutputError: A form cannot be written.
    """
    from learnworks_xl.forms.build import FormFacts, build_form

    checked = check(raw, run_time().date())
    parsed = checked.parsed
    project = parsed.project_info
    fiscal_year = project.fiscal_year
    if fiscal_year is None:
        raise ConfigError(f"ข้อมูลในชีต «{sh.PROJECT.name}» ยังไม่ถูกต้อง (ปีงบประมาณ) "
                          "กรุณาตรวจสอบก่อนสร้างแบบฟอร์ม",
                          "the project sheet has no valid fiscal year; validate the workbook first")
    result = SchoolFormsResult(path or Path("learnworks.xlsx"))
    valid = parsed.schools.valid_rows()
    repeated = {f.cell for f in parsed.schools.duplicates}
    for row in parsed.schools.rows:
        if row.model is not None:
            continue
        code = row.raw.get("code")
        if row.cell("code") in repeated:
            result.skipped.append(f"รหัสโรงเรียน {code} ซ้ำ (ชีต «{sh.SCHOOLS.name}» "
                                  f"แถว {row.excel_row}) สร้างแบบฟอร์มให้เฉพาะแถวแรก")
            continue
        who = f"รหัส {code} " if code is not None else ""
        result.skipped.append(f"โรงเรียน{who}(ชีต «{sh.SCHOOLS.name}» แถว {row.excel_row}) "
                              "มีข้อมูลไม่ถูกต้อง กรุณาแก้ไขแล้วสร้างใหม่")
    if not valid:
        raise ConfigError(f"ไม่พบโรงเรียนที่ข้อมูลถูกต้องในชีต «{sh.SCHOOLS.name}» "
                          "จึงไม่มีแบบฟอร์มให้สร้าง",
                          "no valid school in the schools sheet")
    out = Path(out_dir)
    for (_row, school), alloc in zip(valid, checked.figures.allocations, strict=True):
        target = out / form_filename(school.code, fiscal_year)
        if path is not None:
            refuse_input(target, path)
        result.written.append(build_form(target, FormFacts(
            project, fiscal_year, school, alloc,
            school_rows(parsed, school.code, checked.counted))))
    return result


def school_rows(parsed: ParsedWorkbook, code: str,
                counted: Callable[[str, int], bool] | None = None,
                ) -> dict[str, list[dict[str, Any]]]:
    """The school's rows of the four form sheets, as a form is prefilled with them.

    Only rows without any error are taken (a row with an error stays in the office workbook,
    where ``ผลการตรวจสอบ`` points at it, and is kept by ``collect``).

    Args:
        parsed: The office workbook, parsed.
        code: The school's code (compared as ``collect`` compares it).
        counted: Whether a (sheet, row) counts (:meth:`Checked.counted`: False for a row a
            cross-sheet error points at, such as a date outside the fiscal year).

    Returns:
        Sheet name → the school's rows (input fields → validated values), in sheet order.
    """
    mine = code_key(code)
    tables = {t.spec.name: t for t in parsed.tables()}
    out: dict[str, list[dict[str, Any]]] = {}
    for spec in FORM_SHEETS:
        fields = [c.field for c in spec.columns if not c.computed]
        out[spec.name] = [{f: getattr(row.model, f) for f in fields}
                          for row in tables[spec.name].rows
                          if row.model is not None and not row.bad_fields
                          and (counted is None or counted(spec.name, row.excel_row))
                          and code_key(row.model.school_code) == mine]
    return out


@dataclass
class CollectResult:
    """What ``collect`` did: every form's outcome and the merged workbook, if written."""

    path: Path
    out: Path | None
    """The merged workbook, or None when no form changed anything (nothing written)."""
    merge: MergeResult

    @property
    def outcomes(self) -> list[FormOutcome]:
        """One outcome per form, in the order given."""
        return self.merge.outcomes

    @property
    def ok(self) -> bool:
        """True when no form was refused."""
        return not self.merge.refused

    def summary_lines(self) -> list[str]:
        """What ``learnworks collect`` prints (Thai): per form its line and, for a form
        taken, one line per sheet (added, updated, unchanged, kept, removed); the problems
        of each refused form; the totals; where the merged workbook is."""
        lines: list[str] = []
        for o in self.outcomes:
            lines += o.lines()
            many = o.status == "refused" and len(o.findings) > 1
            shown = o.findings if o.status in ("changed", "unchanged") or many else []
            lines += [f"  - {finding_text(f, o.name)}" for f in shown]
        counts = {s: sum(1 for o in self.outcomes if o.status == s)
                  for s in ("changed", "unchanged", "empty", "refused")}
        lines.append(f"แบบฟอร์ม {len(self.outcomes)} ฉบับ: รวบรวมแล้ว {counts['changed']}, "
                     f"ไม่เปลี่ยนแปลง {counts['unchanged'] + counts['empty']}, "
                     f"ไม่ได้รวบรวม {counts['refused']}")
        if any(o.sheets for o in self.outcomes):
            lines.append(KEPT_NOTE)
        if self.out is not None:
            lines.append(f"เขียนสมุดงานที่รวบรวมแล้ว: {self.out} "
                         f"(ไฟล์ {self.path.name} ไม่ถูกแก้ไข)")
        else:
            lines.append(f"ไม่มีข้อมูลเปลี่ยนแปลง จึงไม่ได้เขียนไฟล์ใหม่ "
                         f"(ไฟล์ {self.path.name} ไม่ถูกแก้ไข)")
        return lines


def finding_text(f: fd.Finding, form_name: str) -> str:
    """A finding of a form in one Thai line: ``«ผลงานนักเรียน» ช่อง C5: …``."""
    if f.sheet == form_name:
        return f.message
    where = f"«{f.sheet}»" + (f" ช่อง {f.cell}" if f.cell else "")
    return f"{where}: {f.message}"


def read_form(path: Path) -> FormInput:
    """Read a returned form as values only (macros never run); a broken file is kept as
    its Thai reason, not raised."""
    try:
        return FormInput(path.name, read_workbook(path))
    except WorkbookReadError as exc:
        return FormInput(path.name, None, exc.message_th)


def collect(path: str | Path, forms: Sequence[str | Path],
            out: str | Path | None = None) -> CollectResult:
    """Validate returned forms and write a NEW finished workbook with their rows merged.

    Args:
        path: The office workbook (.xlsx/.xlsm); never modified.
        forms: The returned forms.
        out: The merged workbook: ``.xlsm`` with the buttons (to keep working in it) or
            ``.xlsx`` without; default beside ``path``, ``<stem>-รวบรวมแบบฟอร์ม`` with
            ``path``'s kind. Written only when a form changed something.

    Returns:
        The outcome of every form and the path written (None when nothing changed).

    Raises:
        WorkbookReadError: The office workbook cannot be read.
        ConfigError: The office workbook has no valid fiscal year.
        OutputError: ``out`` is an input or cannot be written.
    """
    from learnworks_xl.workbook import build_workbook
    from learnworks_xl.workbook.build import check_output_name

    src = Path(path)
    paths = [Path(f) for f in forms]
    kind = ".xlsm" if src.suffix.lower() == ".xlsm" else ".xlsx"
    target = Path(out) if out else src.with_name(f"{src.stem}-{COLLECT_SUFFIX}{kind}")
    macros = target.suffix.lower() == ".xlsm"
    check_output_name(target, macros)
    refuse_input(target, src, *paths)
    parsed, _cells = parse_workbook(read_workbook(src))
    merged = merge_forms(parsed, [read_form(p) for p in paths])
    written = None
    if merged.changed:
        written = build_workbook(target, data=merged.data, macros=macros)
    return CollectResult(src, written, merged)
