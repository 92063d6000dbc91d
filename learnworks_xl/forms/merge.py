"""Collect returned school forms into the office's data: validate, then merge (pure).

:func:`merge_forms` takes the office workbook as parsed and the forms as read (values only,
macros never run) and returns the merged input data plus one :class:`FormOutcome` per form.
Nothing is written here: ``learnworks collect`` builds a new finished workbook from
:attr:`MergeResult.data`; the xlwings button writes the changed sheets into the live book.

Rules, in order, for each form:

1. the file can be read, and it is one of our forms (its identity sheet);
2. it is for the office's fiscal year and for a school of the office's ``โรงเรียน``;
3. every cell is valid (the sheets' pydantic models), every row is for the form's school,
   and the cross-sheet rules hold (the core's rules, run on the office's project, sizes and
   schools with the form's rows: duplicate work codes, dates in the fiscal year, amounts,
   spending within the allocation…);
4. no work code is already used by another school (in the office, or in a form collected
   before it in the same batch).

A form that breaks any rule changes nothing and its findings say why. A valid form replaces,
sheet by sheet, the school's rows of every sheet it fills (a sheet left empty keeps the
office's rows, so a school may send its plan in December and its works in July); rows equal
to the office's are "unchanged", so collecting the same form twice adds nothing.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any, Literal

from learnworks_xl.core import findings as fd
from learnworks_xl.core import sheets as sh
from learnworks_xl.core.cellerrors import named
from learnworks_xl.core.fields import to_text
from learnworks_xl.core.grid import RawWorkbook
from learnworks_xl.core.pipeline import input_data
from learnworks_xl.core.rules import run_rules
from learnworks_xl.core.table import Table, read_table
from learnworks_xl.core.workbook import ParsedWorkbook
from learnworks_xl.errors import ConfigError
from learnworks_xl.forms.identity import FORM_SHEETS, read_identity

Status = Literal["added", "replaced", "unchanged", "empty", "refused"]

#: Codes of the findings about forms and their rows (titles in ``findings.CODES``).
FORM_CODES: tuple[str, ...] = (
    "form-unreadable", "form-not-recognised", "form-wrong-year", "form-unknown-school",
    "form-other-school", "work-code-conflict", "form-has-errors", "form-empty",
)


@dataclass(frozen=True)
class FormInput:
    """One returned form: its file name and its values, or why it could not be read.

    Args:
        name: The file's name (shown in every message).
        raw: The workbook as read, or None when the file cannot be read.
        problem: The Thai reason the file cannot be read (when ``raw`` is None).
    """

    name: str
    raw: RawWorkbook | None
    problem: str | None = None


@dataclass
class FormOutcome:
    """What happened to one form."""

    name: str
    status: Status
    school_code: str | None = None
    school_name: str | None = None
    findings: list[fd.Finding] = field(default_factory=list)
    rows: dict[str, int] = field(default_factory=dict)
    """Rows taken, by sheet (only the sheets that changed)."""
    replaced: dict[str, int] = field(default_factory=dict)
    """The school's rows that were replaced, by sheet (only the sheets that changed)."""

    @property
    def label(self) -> str:
        """``<file> (BK01 โรงเรียน…)`` — how messages name the form."""
        who = " ".join(p for p in (self.school_code, self.school_name) if p)
        return f"{self.name} ({who})" if who else self.name

    def line(self) -> str:
        """One Thai line: what happened to the form."""
        if self.status == "refused":
            return f"{self.label}: ไม่ได้รวบรวม {self.findings[0].message}" if len(
                self.findings) == 1 else (f"{self.label}: ไม่ได้รวบรวม พบปัญหา "
                                          f"{len(self.findings)} รายการ")
        if self.status == "unchanged":
            return f"{self.label}: ข้อมูลตรงกับในสมุดงานแล้ว ไม่มีการเปลี่ยนแปลง"
        if self.status == "empty":
            return f"{self.label}: แบบฟอร์มยังไม่ได้กรอกข้อมูล ไม่มีการเปลี่ยนแปลง"
        parts = []
        for sheet, count in self.rows.items():
            old = self.replaced.get(sheet, 0)
            parts.append(f"«{sheet}» {count} แถว" + (f" (แทนที่ของเดิม {old} แถว)" if old else ""))
        verb = "รวบรวมแล้ว" if self.status == "added" else "ส่งใหม่ แทนที่ข้อมูลเดิมของโรงเรียนแล้ว"
        return f"{self.label}: {verb} " + ", ".join(parts)


@dataclass
class MergeResult:
    """The merged data and the outcome of every form."""

    data: dict[str, Any]
    """The office's input data (as :func:`learnworks_xl.core.pipeline.input_data`) with the
    accepted forms' rows."""
    outcomes: list[FormOutcome]

    @property
    def changed(self) -> bool:
        """True when at least one form added or replaced rows."""
        return any(o.status in ("added", "replaced") for o in self.outcomes)

    @property
    def refused(self) -> list[FormOutcome]:
        """The forms that were refused."""
        return [o for o in self.outcomes if o.status == "refused"]

    @property
    def changed_sheets(self) -> list[str]:
        """The sheets whose rows changed, in workbook order."""
        names = {s for o in self.outcomes for s in o.rows}
        return [s.name for s in FORM_SHEETS if s.name in names]

    @property
    def report(self) -> fd.Report:
        """Every finding of every form (refused or with warnings)."""
        return fd.Report(findings=[f for o in self.outcomes for f in o.findings])


def _key(value: Any) -> str:
    return to_text(value).casefold() if value is not None else ""


def _form_error(code: str, name: str, message: str) -> fd.Finding:
    return fd.error(code, name, message)


def _rows_of(table: Table[Any]) -> list[dict[str, Any]]:
    fields = [c.field for c in table.spec.columns if not c.computed]
    return [{f: getattr(model, f) for f in fields} for model in table.valid]


class _Merger:
    """Merges forms one after the other into a copy of the office's data."""

    def __init__(self, office: ParsedWorkbook) -> None:
        fiscal_year = office.project_info.fiscal_year
        if fiscal_year is None:
            raise ConfigError(
                f"ชีต «{sh.PROJECT.name}» ของสมุดงานยังไม่ถูกต้อง (ปีงบประมาณ) "
                "กรุณาแก้ไขก่อนรวบรวมแบบฟอร์ม",
                "the office workbook's project sheet is invalid; fix it before collecting")
        self.office = office
        self.fiscal_year = fiscal_year
        self.schools = {_key(s.code): s for s in office.schools.valid}
        self.data = input_data(office)
        for spec in FORM_SHEETS:
            self.data.setdefault(spec.name, [])

    def merge(self, form: FormInput) -> FormOutcome:
        """Check one form and, when it is valid, merge its rows."""
        if form.raw is None:
            return FormOutcome(form.name, "refused", findings=[_form_error(
                "form-unreadable", form.name, form.problem or "เปิดไฟล์ไม่ได้")])
        check = read_identity(form.raw)
        if check.identity is None:
            return FormOutcome(form.name, "refused", findings=[_form_error(
                "form-not-recognised", form.name, check.problem or "")])
        ident = check.identity
        school = self.schools.get(_key(ident.school_code))
        outcome = FormOutcome(form.name, "refused", ident.school_code,
                              school.name if school else None)
        if ident.fiscal_year != self.fiscal_year:
            outcome.findings.append(_form_error(
                "form-wrong-year", form.name,
                f"แบบฟอร์มนี้เป็นของปีงบประมาณ พ.ศ. {ident.fiscal_year} แต่สมุดงานเป็นของ"
                f"ปีงบประมาณ พ.ศ. {self.fiscal_year}"))
            return outcome
        if school is None:
            outcome.findings.append(_form_error(
                "form-unknown-school", form.name,
                f"แบบฟอร์มนี้เป็นของโรงเรียนรหัส '{ident.school_code}' ซึ่งไม่มีในชีต "
                f"«{sh.SCHOOLS.name}» ของสมุดงาน"))
            return outcome
        tables, found = self._check_rows(form.raw, school.code)
        errors = [f for f in found if f.severity is fd.Severity.ERROR]
        outcome.findings.extend(found)
        if errors:
            outcome.findings.append(_form_error(
                "form-has-errors", form.name,
                f"แบบฟอร์มมีข้อผิดพลาด {len(errors)} รายการ จึงไม่ได้รวบรวม "
                "กรุณาให้โรงเรียนแก้ไขแล้วส่งแบบฟอร์มใหม่"))
            return outcome
        rows = {t.spec.name: _rows_of(t) for t in tables}
        if not any(rows.values()):
            outcome.status = "empty"
            outcome.findings.append(fd.warning(
                "form-empty", form.name,
                "แบบฟอร์มยังไม่ได้กรอกข้อมูลในชีตใดเลย จึงไม่มีอะไรให้รวบรวม"))
            return outcome
        outcome.status = self._apply(outcome, school.code, rows)
        return outcome

    def _check_rows(self, raw: RawWorkbook, code: str) -> tuple[list[Table[Any]],
                                                                  list[fd.Finding]]:
        """The form's tables and every finding about them (cells, school, rules, codes)."""
        found: list[fd.Finding] = []
        tables: list[Table[Any]] = []
        for spec in FORM_SHEETS:
            table, cell_findings = read_table(raw.sheets.get(spec.name), spec)
            tables.append(table)
            found.extend(cell_findings)
        flagged: set[tuple[str, str | None]] = set()
        mine = _key(code)
        for table in tables:
            title = table.spec.title("school_code")
            for row in table.rows:
                value = row.raw.get("school_code")
                if value is None or "school_code" in row.bad_fields or _key(value) == mine:
                    continue
                cell = row.cell("school_code")
                flagged.add((table.spec.name, cell))
                found.append(fd.error(
                    "form-other-school", table.spec.name,
                    f"{named(title)} '{to_text(value)}' ไม่ใช่รหัสของโรงเรียนเจ้าของแบบฟอร์ม ({code}) "
                    "แบบฟอร์มหนึ่งฉบับส่งข้อมูลได้เฉพาะโรงเรียนเดียว",
                    cell=cell, column=title, value=value))
        names = {s.name for s in FORM_SHEETS}
        for f in run_rules(self._with_rows(tables)):
            if f.sheet in names and not (f.code == "unknown-school"
                                         and (f.sheet, f.cell) in flagged):
                found.append(f)
        found.extend(self._conflicts(tables[FORM_SHEETS.index(sh.WORKS)], mine))
        return tables, found

    def _with_rows(self, tables: list[Table[Any]]) -> ParsedWorkbook:
        """The office's project, sizes and schools with the form's four sheets."""
        o = self.office
        act, pur, works, reps = tables
        return ParsedWorkbook(o.project, o.settings, o.sizes, o.schools, Table(sh.PLAN), act,
                              pur, works, reps, Table(sh.RISKS), Table(sh.NOTES))

    def _conflicts(self, works: Table[Any], mine: str) -> list[fd.Finding]:
        owners = {_key(w.get("work_code")): w.get("school_code")
                  for w in self.data[sh.WORKS.name] if _key(w.get("school_code")) != mine}
        title = sh.WORKS.title("work_code")
        out = []
        for row, work in works.valid_rows():
            owner = owners.get(_key(work.work_code))
            if owner is not None:
                out.append(fd.error(
                    "work-code-conflict", sh.WORKS.name,
                    f"{named(title)} '{work.work_code}' มีอยู่แล้วในสมุดงานเป็นผลงานของโรงเรียน "
                    f"{to_text(owner)} กรุณาใช้รหัสผลงานอื่น",
                    cell=row.cell("work_code"), column=title, value=work.work_code))
        return out

    def _apply(self, outcome: FormOutcome, code: str, rows: dict[str, list[dict[str, Any]]],
               ) -> Status:
        mine = _key(code)
        replaced_any = False
        for sheet, new in rows.items():
            if not new:
                continue
            current = self.data[sheet]
            old = [r for r in current if _key(r.get("school_code")) == mine]
            if old == new:
                continue
            at = next((i for i, r in enumerate(current)
                       if _key(r.get("school_code")) == mine), len(current))
            kept = [r for r in current if _key(r.get("school_code")) != mine]
            self.data[sheet] = kept[:at] + [dict(r) for r in new] + kept[at:]
            outcome.rows[sheet] = len(new)
            if old:
                outcome.replaced[sheet] = len(old)
                replaced_any = True
        if not outcome.rows:
            return "unchanged"
        return "replaced" if replaced_any else "added"


def merge_forms(office: ParsedWorkbook, forms: Sequence[FormInput]) -> MergeResult:
    """Validate returned forms and merge the valid ones into the office's data.

    Forms are taken in order; a later form sees the rows of those merged before it (a second
    form of the same school replaces the first one's rows, a work code taken by a school
    earlier in the batch is a conflict).

    Args:
        office: The office workbook, parsed (:func:`learnworks_xl.core.validate.validate_raw`).
        forms: The returned forms, as read.

    Returns:
        The merged data (the office's own rows unchanged where no form touched them) and
        one outcome per form.

    Raises:
        ConfigError: The office workbook has no valid fiscal year to check the forms against.
    """
    merger = _Merger(office)
    outcomes = [merger.merge(form) for form in forms]
    return MergeResult(merger.data, outcomes)

