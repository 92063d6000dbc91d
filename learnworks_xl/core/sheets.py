"""The workbook's sheets, in order: names, kinds and the model behind each input sheet.

Sheet names are part of the interface (SPEC "Sheets"): tests, the VBA and people refer to
them. This module is the one place that lists them.
"""

from __future__ import annotations

import types
import typing
from dataclasses import dataclass
from functools import cached_property
from typing import Annotated, Any, Literal, Union, get_args, get_origin

from pydantic.fields import FieldInfo

from learnworks_xl.core import models as m
from learnworks_xl.core.fields import SheetRequired

SheetKind = Literal["keyvalue", "table", "report"]


def _optional_arm(info: FieldInfo) -> Any:
    """The non-None member of an ``X | None`` annotation (else the annotation itself)."""
    annotation = info.annotation
    if get_origin(annotation) in (Union, types.UnionType):
        return next(a for a in get_args(annotation) if a is not type(None))
    return annotation


def field_metadata(info: FieldInfo) -> list[Any]:
    """All metadata of a field: its own, and that of an optional field's inner type.

    ``Annotated[Amount | None, Field(...)]`` keeps ``Amount``'s constraints (``ge=0``) and
    ``x-kind`` inside the union member; this gathers them with the field's own.
    """
    found: list[Any] = []
    arm = _optional_arm(info)
    inner = list(getattr(arm, "__metadata__", ())) if get_origin(arm) is Annotated else []
    for meta in [*inner, *info.metadata, info]:
        found.append(meta)
        if isinstance(meta, FieldInfo) and meta is not info:
            found.extend(meta.metadata)
    return found


def field_extra(info: FieldInfo) -> dict[str, Any]:
    """Merge the ``json_schema_extra`` dicts of a field's type metadata and its own Field."""
    extra: dict[str, Any] = {}
    for meta in field_metadata(info):
        value = getattr(meta, "json_schema_extra", None)
        if isinstance(value, dict):
            extra.update(value)
    return extra


def literal_options(info: FieldInfo) -> tuple[Any, ...]:
    """Return the allowed values of a ``Literal`` field (or of ``YesNo``), else ``()``."""
    extra = field_extra(info)
    if "x-options" in extra:
        return tuple(extra["x-options"])
    annotation = _optional_arm(info)
    if get_origin(annotation) is typing.Literal:
        return get_args(annotation)
    return ()


@dataclass(frozen=True)
class ColumnSpec:
    """One column (or one key/value setting) of an input sheet, derived from a model field."""

    field: str
    title: str
    required: bool
    computed: bool
    kind: str
    info: FieldInfo

    @property
    def options(self) -> tuple[Any, ...]:
        """Allowed values (for drop-downs), or ``()`` when the column is free."""
        return literal_options(self.info)

    @property
    def schema_extra(self) -> dict[str, Any]:
        """The field's ``json_schema_extra`` merged from its type and its own Field."""
        return field_extra(self.info)


@dataclass(frozen=True)
class SheetSpec:
    """One sheet of the workbook."""

    name: str
    kind: SheetKind
    model: type[m.SheetModel] | None = None
    #: fields whose values must be unique over the rows (a table's key)
    key: tuple[str, ...] = ()

    @cached_property
    def columns(self) -> tuple[ColumnSpec, ...]:
        """The columns (or settings) in model order, with Thai titles."""
        if self.model is None:
            return ()
        result = []
        for name, info in self.model.model_fields.items():
            extra = field_extra(info)
            assert info.title, f"{self.model.__name__}.{name} has no Thai title"
            result.append(
                ColumnSpec(
                    field=name,
                    title=info.title,
                    required=info.is_required() or any(
                        meta is SheetRequired for meta in field_metadata(info)),
                    computed=bool(extra.get("x-computed")),
                    kind=str(extra.get("x-kind", "choice")),
                    info=info,
                )
            )
        return tuple(result)

    def column(self, field: str) -> ColumnSpec:
        """Return the column of ``field``."""
        for col in self.columns:
            if col.field == field:
                return col
        raise KeyError(field)

    def title(self, field: str) -> str:
        """Return the Thai title of ``field``."""
        return self.column(field).title


PROJECT = SheetSpec("โครงการ", "keyvalue", m.ProjectInfo)
SIZES = SheetSpec("เกณฑ์ขนาดโรงเรียน", "table", m.SchoolSize, key=("size",))
SCHOOLS = SheetSpec("โรงเรียน", "table", m.School, key=("code",))
PLAN = SheetSpec("แผนปฏิบัติการ", "table", m.PlanStep, key=("step_no",))
# The four sheets schools fill are named once, by the plan's ``ติดตามผลจากชีต`` choices.
_ACTIVITIES, _PURCHASES, _WORKS, _REPORTS = m.TRACKED_SHEETS
ACTIVITIES = SheetSpec(_ACTIVITIES, "table", m.SchoolActivityPlan)
PURCHASES = SheetSpec(_PURCHASES, "table", m.Purchase)
WORKS = SheetSpec(_WORKS, "table", m.StudentWork, key=("work_code",))
RESULT_REPORTS = SheetSpec(_REPORTS, "table", m.ResultReport)
RISKS = SheetSpec("ความเสี่ยง", "table", m.Risk)
NOTES = SheetSpec("บันทึกรายเดือน", "table", m.MonthlyNote, key=("month",))
SETTINGS = SheetSpec("ตั้งค่า", "keyvalue", m.Settings)

HOME = SheetSpec("หน้าหลัก", "report")
FINDINGS = SheetSpec("ผลการตรวจสอบ", "report")
BUDGET = SheetSpec("สรุปงบประมาณ", "report")
KPI = SheetSpec("ตัวชี้วัด", "report")
MONTHLY = SheetSpec("รายงานประจำเดือน", "report")
SUMMARY = SheetSpec("รายงานสรุปผล", "report")

#: Input sheets, in workbook order.
INPUT_SHEETS: tuple[SheetSpec, ...] = (
    PROJECT, SIZES, SCHOOLS, PLAN, ACTIVITIES, PURCHASES, WORKS, RESULT_REPORTS, RISKS, NOTES,
    SETTINGS,
)
#: Report sheets (the program rewrites them whole).
REPORT_SHEETS: tuple[SheetSpec, ...] = (HOME, FINDINGS, BUDGET, KPI, MONTHLY, SUMMARY)
#: Every sheet, in the order of the workbook: home first, inputs, then the other reports.
ALL_SHEETS: tuple[SheetSpec, ...] = (HOME, *INPUT_SHEETS, FINDINGS, BUDGET, KPI, MONTHLY, SUMMARY)

BY_NAME: dict[str, SheetSpec] = {s.name: s for s in ALL_SHEETS}
