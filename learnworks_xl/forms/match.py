"""Match a returned form's rows with the office's rows of that school, by key (pure).

A row is identified by a key within its school (:data:`MERGE_KEYS`): an activity plan by
``กิจกรรม``, a purchase by ``เลขที่เอกสาร``, a work by ``รหัสผลงาน`` (unique in the whole
district), a result report by ``วันที่ส่งรายงาน``. Keys are compared loosely: spaces
collapsed, upper and lower case alike, Thai digits as Arabic digits.

For each sheet, :func:`match_sheet` decides what each of the form's rows does:

1. a row identical to one of the school's office rows is ``unchanged``; so is a prefilled
   row the school did not touch (its fingerprint, :func:`fingerprint`, still matches):
   the office's row of that key stays as the office has it now, even if the office changed
   it after the form was made, and a row the office no longer has is not brought back;
2. a row whose ``ขอลบรายการนี้`` cell holds exactly ``ลบ`` is ``removed`` with the office
   row of the same key (a key the office does not have is a warning; nothing is removed);
3. any other row is ``updated`` when the office has its key (in place), else ``added``;
   a row without a key is refused (``form-key-missing``) unless it is identical to an
   office row (step 1) or fills in the key of an office row that had none;
4. every office row of the school that no form row matched is ``kept``.

Nothing is ever removed because a row is missing from the form. Two rows of the form with
the same key (unless both are identical to office rows) and a key that matches several
office rows are errors: the form changes nothing until they are fixed.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal
from typing import Any, Literal

from pydantic import ValidationError

from learnworks_xl.core import findings as fd
from learnworks_xl.core import sheets as sh
from learnworks_xl.core.fields import normalise_code, to_text
from learnworks_xl.core.table import Row, field_adapter
from learnworks_xl.thai import to_arabic_digits

#: The key of each form sheet (a field of its model), matched within the school.
MERGE_KEYS: dict[str, str] = {
    sh.ACTIVITIES.name: "activity",
    sh.PURCHASES.name: "doc_no",
    sh.WORKS.name: "work_code",
    sh.RESULT_REPORTS.name: "submitted_on",
}
#: The form-only column where a school asks for a row to be removed, and the one word that
#: does it.
REMOVE_TITLE = "ขอลบรายการนี้"
REMOVE_WORD = "ลบ"
#: The form-only hidden column holding each prefilled row's fingerprint.
BASE_TITLE = "ข้อมูลตั้งต้น (โปรแกรมใช้ ห้ามแก้ไข)"

Action = Literal["added", "updated", "unchanged", "removed"]
#: The counts a collect reports per school and sheet, in the order they are listed.
COUNT_NAMES: tuple[str, ...] = ("added", "updated", "unchanged", "kept", "removed")


def key_text(value: Any) -> str | None:
    """A key as compared: ``' bk01-69/๐๐1 '`` → ``'bk01-69/001'``; a date by its ISO text;
    None for a blank key."""
    if value is None:
        return None
    if isinstance(value, datetime):
        value = value.date()
    if isinstance(value, date):
        return value.isoformat()
    text = to_arabic_digits(to_text(value)).casefold()
    return text or None


def code_key(value: Any) -> str:
    """A school code as compared: the field type's one normalisation
    (:func:`~learnworks_xl.core.fields.normalise_code`: ``' bk ๐๑ '`` is ``BK01``); ``''``
    for a blank code."""
    return "" if value is None else normalise_code(value)


def _canonical(value: Any) -> Any:
    if isinstance(value, datetime):
        value = value.date()
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return str(value.normalize())
    if isinstance(value, int) and not isinstance(value, bool):
        return str(Decimal(value).normalize())
    return value


def fingerprint(values: dict[str, Any]) -> str:
    """A short digest of a row's values (the school code left out), written beside each
    prefilled row so that collect can tell a row the school left as it was from one it
    changed.

    Args:
        values: Field → validated value of the row's input columns.

    Returns:
        16 hex digits.
    """
    canonical = [[k, _canonical(values[k])] for k in sorted(values) if k != "school_code"]
    text = json.dumps(canonical, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]


def _field_value(spec: sh.SheetSpec, name: str, raw: Any) -> Any:
    """One cell validated alone by its field's type (None when it does not validate)."""
    try:
        return field_adapter(spec, name).validate_python(raw)
    except (ValidationError, TypeError, ValueError):
        return None


def row_key(spec: sh.SheetSpec, f: FormRow) -> str | None:
    """The key of a form row as compared (from its key cell alone when the row has errors
    elsewhere); None when it has none."""
    name = MERGE_KEYS[spec.name]
    if f.values is not None:
        return key_text(f.values.get(name))
    if name not in f.row.raw or name in f.row.bad_fields:
        return None
    return key_text(_field_value(spec, name, f.row.raw[name]))


@dataclass
class OfficeRow:
    """One of the school's rows in the office's sheet."""

    index: int
    """Its position among the sheet's rows (every school's)."""
    values: dict[str, Any]
    """Field → value, as :func:`learnworks_xl.core.pipeline.input_data` gives them."""


@dataclass
class FormRow:
    """One row of a returned form."""

    row: Row[Any]
    """The row as read (its cells and model)."""
    values: dict[str, Any] | None
    """Field → validated value of the input columns (None when the row has errors)."""
    remove: bool = False
    """The school typed ``ลบ`` in ``ขอลบรายการนี้``."""
    remove_cell: str | None = None
    base: str | None = None
    """The fingerprint the row was prefilled with (None for a row the school added)."""

    @property
    def untouched(self) -> bool:
        """A prefilled row the school left as it was."""
        return self.values is not None and self.base == fingerprint(self.values)


@dataclass
class Match:
    """What one form row does: its action and the office row it meets (by index)."""

    form: FormRow
    action: Action
    office: int | None = None
    office_stands: bool = False
    """An untouched prefilled row whose office row differs now: the office's values stay."""


@dataclass
class SheetCounts:
    """Rows of one school in one sheet: what the form added, updated, left unchanged, what
    the office kept without the form, and what the school asked to remove."""

    added: int = 0
    updated: int = 0
    unchanged: int = 0
    kept: int = 0
    removed: int = 0

    @property
    def changed(self) -> bool:
        """True when rows were added, updated or removed."""
        return bool(self.added or self.updated or self.removed)

    @property
    def any(self) -> bool:
        """True when the school has or sent any row in this sheet."""
        return any(getattr(self, n) for n in COUNT_NAMES)

    def text(self) -> str:
        """``เพิ่มใหม่ 1, แก้ไข 0, เหมือนเดิม 0, คงไว้ 6, ลบ 0``."""
        return (f"เพิ่มใหม่ {self.added}, แก้ไข {self.updated}, เหมือนเดิม {self.unchanged}, "
                f"คงไว้ {self.kept}, ลบ {self.removed}")


@dataclass
class SheetPlan:
    """The outcome of matching one sheet: a match per form row taken, the office rows kept,
    and the findings (errors mean the form changes nothing)."""

    spec: sh.SheetSpec
    matches: list[Match] = field(default_factory=list)
    kept: list[int] = field(default_factory=list)
    findings: list[fd.Finding] = field(default_factory=list)
    stale: list[FormRow] = field(default_factory=list)
    """Prefilled rows the school left as they were and the office no longer has (the office
    removed them or changed their key since): they change nothing."""

    @property
    def counts(self) -> SheetCounts:
        """How many rows of each kind."""
        counts = SheetCounts(kept=len(self.kept))
        for m in self.matches:
            setattr(counts, m.action, getattr(counts, m.action) + 1)
        return counts


def _comparable(values: dict[str, Any], *leave_out: str) -> dict[str, Any]:
    return {k: v for k, v in values.items() if k != "school_code" and k not in leave_out}


class _Matcher:
    """Matches one sheet of one school (see the module's rules)."""

    def __init__(self, spec: sh.SheetSpec, office: list[OfficeRow]) -> None:
        self.spec = spec
        self.field = MERGE_KEYS[spec.name]
        self.title = spec.title(self.field)
        self.office = office
        self.office_keys = {o.index: key_text(o.values.get(self.field)) for o in office}
        self.claimed: set[int] = set()
        self.plan = SheetPlan(spec)

    def key(self, f: FormRow) -> str | None:
        return row_key(self.spec, f)

    def shown(self, f: FormRow) -> str:
        value = f.values.get(self.field) if f.values is not None else f.row.raw.get(self.field)
        return to_text(value) if value is not None else ""

    def free(self, *leave_out: str, values: dict[str, Any] | None = None,
             key: str | None = None, keyless: bool = False) -> list[OfficeRow]:
        """Unclaimed office rows: equal to ``values`` (less ``leave_out``), or with ``key``."""
        out = []
        for o in self.office:
            if o.index in self.claimed:
                continue
            if keyless and self.office_keys[o.index] is not None:
                continue
            if key is not None and self.office_keys[o.index] != key:
                continue
            if values is not None and _comparable(o.values, *leave_out) != _comparable(
                    values, *leave_out):
                continue
            out.append(o)
        return out

    def take(self, f: FormRow, action: Action, office: OfficeRow | None = None) -> None:
        if office is not None:
            self.claimed.add(office.index)
        self.plan.matches.append(Match(f, action, office.index if office else None))

    def error(self, code: str, f: FormRow, message: str, *, cell: str | None = None,
              warning: bool = False) -> None:
        make = fd.warning if warning else fd.error
        self.plan.findings.append(make(
            code, self.spec.name, message, cell=cell or f.row.cell(self.field),
            column=REMOVE_TITLE if cell and cell == f.remove_cell else self.title,
            value=self.shown(f) or None))

    def key_missing(self, f: FormRow) -> None:
        self.error("form-key-missing", f,
                   f"กรุณากรอก «{self.title}» ของรายการนี้ ระบบใช้{self.title}จับคู่รายการกับ"
                   f"ข้อมูลเดิมของโรงเรียน รายการใหม่หรือรายการที่แก้ไขจึงต้องมี{self.title}")

    def ambiguous(self, f: FormRow, count: int) -> None:
        self.error("form-key-ambiguous", f,
                   f"«{self.title}» '{self.shown(f)}' ตรงกับข้อมูลเดิมของโรงเรียนในสมุดงาน "
                   f"{count} แถว จึงไม่ทราบว่าหมายถึงแถวใด กรุณาให้สำนักงานเขตแก้ «{self.title}» "
                   "ในสมุดงานให้ไม่ซ้ำกันก่อน")

    def run(self, form: list[FormRow]) -> SheetPlan:
        for f in form:  # 1. identical rows
            if not f.remove and f.values is not None:
                same = self.free(values=f.values)
                if same:
                    self.take(f, "unchanged", same[0])
        for f in form:  # 1b. prefilled rows the school did not touch: the office's stand
            if not f.remove and f.untouched and id(f) not in {id(m.form) for m in
                                                              self.plan.matches}:
                key = self.key(f)
                found = self.free(key=key) if key is not None else []
                if len(found) == 1:
                    self.take(f, "unchanged", found[0])
                    self.plan.matches[-1].office_stands = True
                else:
                    self.plan.stale.append(f)
        unchanged = {id(m.form) for m in self.plan.matches} | {id(f) for f in self.plan.stale}
        doubled = self.duplicates(form, unchanged)
        for f in form:  # 2. removals
            if f.remove and id(f) not in doubled:
                self.removal(f)
        for f in form:  # 3. new and changed rows
            if not f.remove and f.values is not None and id(f) not in unchanged | doubled:
                self.change(f)
        self.plan.kept = [o.index for o in self.office if o.index not in self.claimed]
        return self.plan

    def duplicates(self, form: list[FormRow], unchanged: set[int]) -> set[int]:
        """Rows repeating a key of an earlier row (unless both are unchanged rows)."""
        first: dict[str, FormRow] = {}
        doubled: set[int] = set()
        for f in form:
            k = self.key(f)
            if k is None:
                continue
            if k not in first:
                first[k] = f
            elif not (id(f) in unchanged and id(first[k]) in unchanged):
                doubled.add(id(f))
                self.error("duplicate-key", f,
                           f"«{self.title}» '{self.shown(f)}' ซ้ำกับที่กรอกไว้แล้วที่ช่อง "
                           f"{first[k].row.cell(self.field) or ''}")
        return doubled

    def removal(self, f: FormRow) -> None:
        k = self.key(f)
        if k is not None:
            found = self.free(key=k)
            if len(found) > 1 and f.values is not None:
                found = self.free(values=f.values, key=k) or found
        elif f.values is not None:
            found = self.free(values=f.values)
            if not found:
                self.key_missing(f)
                return
        else:
            return  # the row's own findings say why (the key cell is bad)
        if len(found) > 1:
            self.ambiguous(f, len(found))
        elif not found:
            self.error("form-remove-unknown", f,
                       f"ขอลบรายการที่ «{self.title}» '{self.shown(f)}' แต่ไม่พบรายการนี้ของโรงเรียนใน"
                       "สมุดงาน (อาจลบไปแล้ว) จึงไม่มีรายการใดถูกลบ",
                       cell=f.remove_cell, warning=True)
        else:
            self.take(f, "removed", found[0])

    def change(self, f: FormRow) -> None:
        assert f.values is not None
        k = self.key(f)
        if k is None:
            self.key_missing(f)
            return
        found = self.free(key=k)
        if len(found) > 1:
            self.ambiguous(f, len(found))
        elif found:
            self.take(f, "updated", found[0])
        else:
            filled = self.free(self.field, values=f.values, keyless=True)
            self.take(f, "updated", filled[0]) if filled else self.take(f, "added")


def match_sheet(spec: sh.SheetSpec, office: list[OfficeRow], form: list[FormRow]) -> SheetPlan:
    """Decide what each of a form's rows does to the school's rows of one sheet.

    Args:
        spec: One of the four form sheets.
        office: The school's rows in the office's sheet, in sheet order.
        form: The form's rows of that school, in sheet order.

    Returns:
        A match per row taken (added, updated, unchanged, removed), the office rows kept,
        and the findings (duplicate keys, missing keys, ambiguous keys, unknown removals).
    """
    return _Matcher(spec, office).run(form)
