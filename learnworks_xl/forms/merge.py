"""Collect returned school forms into the office's data: validate, then merge by key (pure).

:func:`merge_forms` takes the office workbook as parsed and the forms as read (values only,
macros never run) and returns the merged input data plus one :class:`FormOutcome` per form.
Nothing is written here: ``learnworks collect`` builds a new finished workbook from
:attr:`MergeResult.data`; the xlwings button writes the changed sheets into the live book.

Rules, in order, for each form:

1. the file can be read, and it is one of our forms (its identity sheet);
2. it is for the office's fiscal year and for a school of the office's ``โรงเรียน``;
3. every cell is valid (the sheets' pydantic models), every row is for the form's school,
   every ``ขอลบรายการนี้`` cell is blank or exactly ``ลบ``;
4. its rows meet the school's office rows by key (:mod:`.match`): added, updated,
   unchanged, removed on request; the office's other rows of the school are kept;
5. the school's rows as they would be after the merge keep the core's rules (duplicate
   work codes, dates in the fiscal year, amounts, spending within the allocation…) — a
   problem the office's rows already had before the form is not the form's;
6. no work code it adds or changes is already used by another school (in the office, or
   in a form collected before it in the same batch).

A form that breaks any rule changes nothing and its findings say why. A valid form changes
only the rows it adds, updates or asks to remove; collecting the same form twice changes
nothing the second time.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any, Literal

from learnworks_xl import thai
from learnworks_xl.core import findings as fd
from learnworks_xl.core import sheets as sh
from learnworks_xl.core.cellerrors import named
from learnworks_xl.core.fields import to_text
from learnworks_xl.core.grid import RawSheet, RawWorkbook
from learnworks_xl.core.pipeline import input_data
from learnworks_xl.core.sheets import BY_NAME
from learnworks_xl.core.table import Row, Table, normalise_title, read_table
from learnworks_xl.core.validate import check_parsed
from learnworks_xl.core.workbook import ParsedWorkbook
from learnworks_xl.errors import ConfigError
from learnworks_xl.forms.identity import FORM_SHEETS, read_identity
from learnworks_xl.forms.match import (
    BASE_TITLE,
    MERGE_KEYS,
    REMOVE_TITLE,
    REMOVE_WORD,
    FormRow,
    OfficeRow,
    SheetCounts,
    SheetPlan,
    code_key,
    key_text,
    match_sheet,
    row_key,
)

Status = Literal["changed", "unchanged", "empty", "refused"]

#: Codes of the findings about forms and their rows (titles in ``findings.CODES``).
FORM_CODES: tuple[str, ...] = (
    "form-unreadable", "form-not-recognised", "form-wrong-year", "form-unknown-school",
    "form-other-school", "work-code-conflict", "form-has-errors", "form-empty",
    "form-key-missing", "form-key-ambiguous", "form-remove-mark", "form-remove-unknown",
)
NAMES = frozenset(s.name for s in FORM_SHEETS)


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
    sheets: dict[str, SheetCounts] = field(default_factory=dict)
    """The school's rows by sheet: added, updated, unchanged, kept, removed (every form
    sheet, for a form that was taken)."""

    @property
    def label(self) -> str:
        """``<file> (BK01 โรงเรียน…)`` — how messages name the form."""
        who = " ".join(p for p in (self.school_code, self.school_name) if p)
        return f"{self.name} ({who})" if who else self.name

    @property
    def changed_sheets(self) -> list[str]:
        """The sheets where the form added, updated or removed rows."""
        return [name for name, counts in self.sheets.items() if counts.changed]

    def line(self) -> str:
        """One Thai line: what happened to the form."""
        if self.status == "refused":
            problems = [f for f in self.findings if f.code != "form-has-errors"]
            if len(problems) == 1:
                return f"{self.label}: ไม่ได้รวบรวม {problems[0].message}"
            return f"{self.label}: ไม่ได้รวบรวม พบปัญหา {len(problems)} รายการ"
        if self.status == "unchanged":
            return f"{self.label}: ข้อมูลตรงกับในสมุดงานแล้ว ไม่มีการเปลี่ยนแปลง"
        if self.status == "empty":
            return f"{self.label}: แบบฟอร์มยังไม่ได้กรอกข้อมูล ไม่มีการเปลี่ยนแปลง"
        return f"{self.label}: รวบรวมแล้ว"

    def lines(self) -> list[str]:
        """The form's line, then one line per sheet where the school has or sent rows:
        ``  «การใช้จ่าย»: เพิ่มใหม่ 1, แก้ไข 0, เหมือนเดิม 0, คงไว้ 6, ลบ 0``."""
        return [self.line()] + [f"  «{name}»: {counts.text()}"
                                for name, counts in self.sheets.items() if counts.any]


@dataclass
class MergeResult:
    """The merged data and the outcome of every form."""

    data: dict[str, Any]
    """The office's input data (as :func:`learnworks_xl.core.pipeline.input_data`) with the
    accepted forms' rows."""
    outcomes: list[FormOutcome]

    @property
    def changed(self) -> bool:
        """True when at least one form added, updated or removed rows."""
        return any(o.status == "changed" for o in self.outcomes)

    @property
    def refused(self) -> list[FormOutcome]:
        """The forms that were refused."""
        return [o for o in self.outcomes if o.status == "refused"]

    @property
    def changed_sheets(self) -> list[str]:
        """The sheets whose rows changed, in workbook order."""
        names = {s for o in self.outcomes for s in o.changed_sheets}
        return [s.name for s in FORM_SHEETS if s.name in names]

    @property
    def report(self) -> fd.Findings:
        """Every finding of every form (refused or with warnings)."""
        return fd.Findings(findings=[f for o in self.outcomes for f in o.findings])


def _form_error(code: str, name: str, message: str) -> fd.Finding:
    return fd.error(code, name, message)


def _input_fields(spec: sh.SheetSpec) -> list[str]:
    return [c.field for c in spec.columns if not c.computed]


@dataclass
class _Stored:
    """One row of the office's data: its values, and what the rules need to check it."""

    values: dict[str, Any]
    model: Any | None
    raw: dict[str, Any]
    bad: set[str]
    school: str = field(init=False)
    """The school code as compared."""

    def __post_init__(self) -> None:
        self.school = code_key(self.values.get("school_code"))

    def as_row(self) -> Row[Any]:
        """The row for the rules, without cells (it is not in the form)."""
        return Row(0, {}, self.raw, self.model, set(self.bad))

    @classmethod
    def taken(cls, f: FormRow, code: str) -> _Stored:
        """A form row as the office stores it, with the school's code as the office has it."""
        assert f.values is not None and f.row.model is not None
        values = {**f.values, "school_code": code}
        model = f.row.model.model_copy(update={"school_code": code})
        return cls(values, model, {**f.row.raw, "school_code": code}, set(f.row.bad_fields))


@dataclass
class _FormSheet:
    """One sheet of a form, read: the table, the rows of the form's school, the findings."""

    table: Table[Any]
    rows: list[FormRow]
    findings: list[fd.Finding]
    others: list[Row[Any]]
    """Rows for another school (refused; still checked by the rules)."""


def _form_column(raw: RawSheet, table: Table[Any], title: str) -> int | None:
    """The column of a form-only header (version 2) in the table's header row."""
    if table.header_row is None:
        return None
    header = raw.rows[table.header_row - raw.first_row]
    return next((c for c, v in enumerate(header)
                 if isinstance(v, str) and normalise_title(v) == normalise_title(title)), None)


def _read_sheet(raw: RawSheet | None, spec: sh.SheetSpec, code: str) -> _FormSheet:
    """Read one form sheet: cells, the removal marks, rows of another school."""
    table, cell_findings = read_table(raw, spec)
    cell_findings += table.duplicates
    if raw is None:
        return _FormSheet(table, [], cell_findings, [])
    found: list[fd.Finding] = []
    dropped: set[str] = set()
    rows: list[FormRow] = []
    others: list[Row[Any]] = []
    mine = code_key(code)
    mark_col = _form_column(raw, table, REMOVE_TITLE)
    base_col = _form_column(raw, table, BASE_TITLE)
    title = spec.title("school_code")
    fields = _input_fields(spec)
    for row in table.rows:
        value = row.raw.get("school_code")
        if value is not None and "school_code" not in row.bad_fields and code_key(value) != mine:
            found.append(fd.error(
                "form-other-school", spec.name,
                f"«{title}» '{to_text(value)}' ไม่ใช่รหัสของโรงเรียนเจ้าของแบบฟอร์ม ({code}) "
                "แบบฟอร์มหนึ่งฉบับส่งข้อมูลได้เฉพาะโรงเรียนเดียว",
                cell=row.cell("school_code"), column=title, value=value))
            others.append(row)
            continue
        if row.model is not None and row.model.school_code != code:  # bk01, ' BK01', ...
            row.model = row.model.model_copy(update={"school_code": code})
        values = ({f: getattr(row.model, f) for f in fields} if row.model is not None
                  else None)
        form_row = FormRow(row, values)
        r = row.excel_row - 1 - raw.first_row
        if base_col is not None:
            base = raw.value(r, base_col)
            form_row.base = to_text(base) if base is not None else None
        if mark_col is not None:
            mark = raw.value(r, mark_col)
            cell = raw.address(r, mark_col)
            if mark is not None and to_text(mark):
                if to_text(mark) == REMOVE_WORD:
                    form_row.remove, form_row.remove_cell = True, cell
                    key = {row.cell("school_code"), row.cell(MERGE_KEYS[spec.name])}
                    dropped |= {c for c in row.cells.values() if c not in key}
                else:
                    found.append(fd.error(
                        "form-remove-mark", spec.name,
                        f"ช่อง «{REMOVE_TITLE}» พิมพ์ได้เฉพาะคำว่า {REMOVE_WORD} (พบ "
                        f"'{to_text(mark)}') ถ้าไม่ต้องการให้ลบรายการนี้ให้เว้นว่าง",
                        cell=cell, column=REMOVE_TITLE, value=mark))
        rows.append(form_row)
    kept = [f for f in cell_findings if f.cell is None or f.cell not in dropped]
    return _FormSheet(table, rows, kept + found, others)


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
        self.schools: dict[str, Any] = {}
        self.school_rows: dict[str, Row[Any]] = {}
        for row, school in office.schools.valid_rows():
            self.schools.setdefault(code_key(school.code), school)
            self.school_rows.setdefault(code_key(school.code), row)
        self._index: dict[str, dict[str, list[int]]] = {}
        self._owners: dict[str | None, dict[str, Any]] | None = None
        self.other = input_data(office)
        tables = {t.spec.name: t for t in office.tables()}
        self.rows: dict[str, list[_Stored]] = {}
        for spec in FORM_SHEETS:
            values = self.other.pop(spec.name, [])
            self.rows[spec.name] = [_Stored(v, r.model, r.raw, r.bad_fields)
                                    for v, r in zip(values, tables[spec.name].rows, strict=True)]

    @property
    def data(self) -> dict[str, Any]:
        """The office's input data with the rows merged so far."""
        return {**self.other, **{name: [s.values for s in rows]
                                 for name, rows in self.rows.items()}}

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
        school = self.schools.get(code_key(ident.school_code))
        outcome = FormOutcome(form.name, "refused", ident.school_code,
                              school.name if school else None)
        if ident.fiscal_year != self.fiscal_year:
            outcome.findings.append(_form_error(
                "form-wrong-year", form.name,
                f"แบบฟอร์มนี้เป็นของปีงบประมาณ พ.ศ. {ident.fiscal_year} แต่สมุดงานเป็นของ"
                f"ปีงบประมาณ พ.ศ. {self.fiscal_year} กรุณาส่งแบบฟอร์มของปีงบประมาณ พ.ศ. "
                f"{self.fiscal_year} ให้โรงเรียน (สร้างด้วยปุ่มสร้างแบบฟอร์มโรงเรียน หรือ "
                "learnworks school-forms) แล้วให้โรงเรียนกรอกใหม่"))
            return outcome
        if school is None:
            outcome.findings.append(_form_error(
                "form-unknown-school", form.name,
                f"แบบฟอร์มนี้เป็นของโรงเรียนรหัส '{ident.school_code}' ซึ่งไม่มีในชีต "
                f"«{sh.SCHOOLS.name}» ของสมุดงาน"))
            return outcome
        code = school.code
        sheets = {s.name: _read_sheet(form.raw.sheets.get(s.name), s, code) for s in FORM_SHEETS}
        plans = {s.name: match_sheet(s, self._office_rows(s.name, code), sheets[s.name].rows)
                 for s in FORM_SHEETS}
        found = [f for s in sheets.values() for f in s.findings]
        found += [f for p in plans.values() for f in p.findings]
        found += self._rule_findings(sheets, plans, code)
        found += self._conflicts(plans[sh.WORKS.name], code)
        outcome.findings.extend(_unique(found))
        errors = [f for f in outcome.findings if f.severity is fd.Severity.ERROR]
        if errors:
            outcome.findings.append(_form_error(
                "form-has-errors", form.name,
                f"แบบฟอร์มมีข้อผิดพลาด {len(errors)} รายการ จึงไม่ได้รวบรวม "
                "กรุณาให้โรงเรียนแก้ไขแล้วส่งแบบฟอร์มใหม่"))
            return outcome
        if not any(s.table.rows for s in sheets.values()):
            outcome.status = "empty"
            outcome.findings.append(fd.warning(
                "form-empty", form.name,
                "แบบฟอร์มยังไม่ได้กรอกข้อมูลในชีตใดเลย จึงไม่มีอะไรให้รวบรวม"))
            return outcome
        outcome.sheets = {name: plan.counts for name, plan in plans.items()}
        for name, plan in plans.items():
            self._apply(name, plan, code)
        outcome.status = "changed" if outcome.changed_sheets else "unchanged"
        return outcome

    def _mine(self, sheet: str, code: str) -> list[int]:
        """Positions of the school's rows in the sheet (an index, rebuilt after a change)."""
        if sheet not in self._index:
            index: dict[str, list[int]] = {}
            for i, s in enumerate(self.rows[sheet]):
                index.setdefault(s.school, []).append(i)
            self._index[sheet] = index
        return self._index[sheet].get(code_key(code), [])

    def _office_rows(self, sheet: str, code: str) -> list[OfficeRow]:
        return [OfficeRow(i, self.rows[sheet][i].values) for i in self._mine(sheet, code)]

    def _views(self, sheets: dict[str, _FormSheet], plans: dict[str, SheetPlan], code: str,
               ) -> tuple[ParsedWorkbook, ParsedWorkbook, set[str]]:
        """The school's rows before and after the merge (the office's other sheets around
        them), and the cells of the form rows that change something."""
        before: dict[str, Table[Any]] = {}
        after: dict[str, Table[Any]] = {}
        changing: set[str] = set()
        for spec in FORM_SHEETS:
            name, plan = spec.name, plans[spec.name]
            stored = self.rows[name]
            mine = self._mine(name, code)
            by_office = {m.office: m for m in plan.matches if m.office is not None}
            taken = {id(m.form) for m in plan.matches} | {id(f) for f in plan.stale}
            # Rows refused by the matching or by their cells: one with a key stands for the
            # office row of that key; one without (form-key-missing) is left out, as it may
            # stand for any keyless row (counting it twice would report a false overspend).
            pending = [f for f in sheets[name].rows if id(f) not in taken and not f.remove
                       and (f.values is None or row_key(spec, f) is not None)]
            meant = {row_key(spec, f) for f in pending} - {None}
            field_name = MERGE_KEYS[name]
            rows: list[Row[Any]] = []
            for i in mine:
                m = by_office.get(i)
                if m is None:  # kept, unless a refused form row stands for it
                    office_stays = key_text(stored[i].values.get(field_name)) not in meant
                else:
                    office_stays = m.office_stands
                if office_stays:
                    rows.append(stored[i].as_row())
                elif m is not None and m.action != "removed":
                    rows.append(m.form.row)
            rows += [m.form.row for m in plan.matches if m.action == "added"]
            rows += [f.row for f in pending]
            rows += sheets[name].others
            for r in rows:
                if r.cells and not any(m.form.row is r and m.action == "unchanged"
                                       for m in plan.matches):
                    changing |= set(r.cells.values())
            after[name] = Table(spec, rows, found=True)
            before[name] = Table(spec, [stored[i].as_row() for i in mine], found=True)
        return self._with(before, code), self._with(after, code), changing

    def _with(self, tables: dict[str, Table[Any]], code: str) -> ParsedWorkbook:
        """The office's project and sizes, the form's school, and the given four sheets."""
        o = self.office
        school = Table(sh.SCHOOLS, [self.school_rows[code_key(code)]], found=True)
        return ParsedWorkbook(o.project, o.settings, o.sizes, school, Table(sh.PLAN),
                              tables[sh.ACTIVITIES.name], tables[sh.PURCHASES.name],
                              tables[sh.WORKS.name], tables[sh.RESULT_REPORTS.name],
                              Table(sh.RISKS), Table(sh.NOTES))

    def _rules(self, wb: ParsedWorkbook) -> list[fd.Finding]:
        """The core's rules on a view of the school's rows, with its figures (as of the fiscal
        year's end: a form's rows are judged whatever their month)."""
        checked = check_parsed(wb, fd.Findings(), thai.fiscal_year_bounds(self.fiscal_year)[1])
        return checked.report.findings

    def _rule_findings(self, sheets: dict[str, _FormSheet], plans: dict[str, SheetPlan],
                       code: str) -> list[fd.Finding]:
        """The core's rules on the school's rows after the merge: every finding on a row the
        form adds or changes, and any other one the office's rows did not have before."""
        before, after, changing = self._views(sheets, plans, code)
        had = {(f.code, f.sheet, f.message) for f in self._rules(before)}
        flagged = {(f.sheet, f.cell) for s in sheets.values() for f in s.findings
                   if f.code == "form-other-school"}
        out = []
        for f in self._rules(after):
            if f.sheet not in NAMES or (f.code == "unknown-school"
                                        and (f.sheet, f.cell) in flagged):
                continue
            if f.code == "duplicate-key" and f.column == BY_NAME[f.sheet].title(
                    MERGE_KEYS[f.sheet]):
                continue  # the matching reports a repeated key, with the form's cells
            on_change = f.cell is not None and f.cell in changing
            if on_change or (f.code, f.sheet, f.message) not in had:
                out.append(f)
        return out

    def _conflicts(self, plan: SheetPlan, code: str) -> list[fd.Finding]:
        """Work codes the form adds or changes that another school already uses."""
        mine = code_key(code)
        if self._owners is None:  # work code → the schools using it (code as the office has it)
            self._owners = {}
            for s in self.rows[sh.WORKS.name]:
                self._owners.setdefault(key_text(s.values.get("work_code")), {}).setdefault(
                    s.school, s.values.get("school_code"))
        owners = self._owners
        title = sh.WORKS.title("work_code")
        out = []
        for m in plan.matches:
            if m.action not in ("added", "updated") or m.form.values is None:
                continue
            work_code = m.form.values["work_code"]
            owner = next((c for school, c in owners.get(key_text(work_code), {}).items()
                          if school != mine), None)
            if owner is not None:
                out.append(fd.error(
                    "work-code-conflict", sh.WORKS.name,
                    f"{named(title)} '{work_code}' มีอยู่แล้วในสมุดงานเป็นผลงานของโรงเรียน "
                    f"{to_text(owner)} กรุณาใช้รหัสผลงานอื่น",
                    cell=m.form.row.cell("work_code"), column=title, value=work_code))
        return out

    def _apply(self, sheet: str, plan: SheetPlan, code: str) -> None:
        """Update rows in place, remove the rows asked for, add new rows after the school's
        last row (at the end when it has none)."""
        if not plan.counts.changed:
            return
        mine = self._mine(sheet, code)  # positions stay until the rows are rebuilt below
        stored = self.rows[sheet]
        removed = set()
        for m in plan.matches:
            if m.action == "updated":
                assert m.office is not None
                stored[m.office] = _Stored.taken(m.form, code)
            elif m.action == "removed":
                removed.add(m.office)
        added = [_Stored.taken(m.form, code) for m in plan.matches if m.action == "added"]
        at = mine[-1] + 1 if mine else len(stored)
        self.rows[sheet] = ([s for i, s in enumerate(stored[:at]) if i not in removed] + added
                            + [s for i, s in enumerate(stored[at:], at) if i not in removed])
        self._index.pop(sheet, None)
        if sheet == sh.WORKS.name:
            self._owners = None


def _unique(found: list[fd.Finding]) -> list[fd.Finding]:
    """Findings in order, each once (the rules and the matching may report the same one)."""
    seen: set[tuple[str, str, str | None, str]] = set()
    out = []
    for f in found:
        key = (f.code, f.sheet, f.cell, f.message)
        if key not in seen:
            seen.add(key)
            out.append(f)
    return out


def merge_forms(office: ParsedWorkbook, forms: Sequence[FormInput]) -> MergeResult:
    """Validate returned forms and merge the valid ones into the office's data, by key.

    Forms are taken in order; a later form sees the rows of those merged before it (a second
    form of the same school meets the first one's rows by key, a work code taken by a school
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
