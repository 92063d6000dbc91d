"""Validate all the rows of a table sheet in one call to pydantic-core; the reference decides
every row that is not plainly valid.

The sheet models read a cell through a Thai tolerant parser in Python (a pydantic "before"
validator, :mod:`learnworks_xl.core.fields`), and pydantic then checks the field's constraints
(``max_length``, ``ge``, ``max_digits``…) in Python too, because they follow a before-validator:
three or four Python calls per cell. Most cells need none of it — a date cell holds a date, an
amount a float, a text is already trimmed. Here each field's schema becomes a left-to-right
union of two arms:

1. the fast arm, all in pydantic-core (Rust): the field's own type and constraints, taking only
   the cells the parser returns unchanged or converts exactly as pydantic-core does — text
   with no whitespace but single spaces between words, a code already in its normal form, a
   choice typed exactly as listed, a ``float`` for a number (``Decimal(repr(x))`` either way),
   a whole ``float`` up to 2**53 for a count, a ``date`` (not a datetime), a ``bool``;
2. the field's own schema (parser and constraints, in Python) for every other cell, behind a
   guard that fails an error value (``#REF!``) — the reference reports those.

One list validator runs over the rows of a sheet. A row with any error is validated again,
alone, by the reference (:func:`learnworks_xl.core.table.validate_row`), which words the
findings: a finding only ever comes from the reference, and a row that passes here gets the
model the reference would give it (``tests/test_table_bulk.py`` compares the two on the
corpus, on the property tests' examples and field by field).
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Mapping
from decimal import Decimal
from functools import cache
from typing import Any

from pydantic_core import SchemaValidator, ValidationError
from pydantic_core import core_schema as cs

from learnworks_xl import thai
from learnworks_xl.core import fields
from learnworks_xl.core.grid import CellError
from learnworks_xl.core.sheets import SheetSpec

try:  # pydantic's Python constraint checks, named as its Field() names them
    from pydantic._internal._validators import NUMERIC_VALIDATOR_LOOKUP
except ImportError:  # pragma: no cover - another pydantic: no fast arm for a constrained field
    NUMERIC_VALIDATOR_LOOKUP = {}

_CONSTRAINT_OF: dict[Callable[..., Any], str] = {
    func: name for name, func in NUMERIC_VALIDATOR_LOOKUP.items()}

#: Every character ``str.split()`` and ``str.strip()`` treat as whitespace (``str.isspace``),
#: as a class of the Rust regex engine pydantic-core uses (its ``\s`` leaves out U+001C–U+001F).
WHITESPACE = (r"\t\n\x0B\x0C\r\x1C-\x1F \x{85}\x{A0}\x{1680}\x{2000}-\x{200A}\x{2028}\x{2029}"
              r"\x{202F}\x{205F}\x{3000}")
#: Text that :func:`~learnworks_xl.core.fields.to_text` returns unchanged: words separated by
#: single spaces, nothing around them.
TEXT = rf"^[^{WHITESPACE}]+(?: [^{WHITESPACE}]+)*$"
#: A code that :func:`~learnworks_xl.core.fields.normalise_code` returns unchanged (upper case
#: Latin letters, Arabic digits and ``._/-``; anything else goes the parser's way).
CODE = r"^[A-Z0-9._/\-]+$"
EMAIL = rf"^[^@{WHITESPACE},;]+@[^@{WHITESPACE},;]+\.[^@{WHITESPACE},;]+$"
URL = rf'^[hH][tT][tT][pP][sS]?://[^{WHITESPACE}<>"]+$'
PHONE = r"^0[0-9]{1,2}-?[0-9]{3}-?[0-9]{3,4}$"
#: A count read from a float is exact up to here (past it ``repr`` rounds the digits).
EXACT_FLOAT_INT = 2**53

Schema = dict[str, Any]
Arm = Callable[[Schema, dict[str, Any], Callable[..., Any]], Schema | None]


def _text_arm(pattern: str) -> Arm:
    def arm(inner: Schema, constraints: dict[str, Any], _parser: Callable[..., Any]
            ) -> Schema | None:
        if inner.get("type") != "str" or set(inner) - {"type", "metadata"} \
                or set(constraints) - {"min_length", "max_length"}:
            return None
        return dict(cs.str_schema(strict=True, strip_whitespace=False, pattern=pattern,
                                  **constraints))
    return arm


def _choice_arm(inner: Schema, constraints: dict[str, Any], parser: Callable[..., Any]
                ) -> Schema | None:
    """A choice typed exactly as listed (every listed value is the parser's own result)."""
    expected = inner.get("expected", ())
    if inner.get("type") != "literal" or constraints or not all(
            type(e) is str and parser(e) == e for e in expected):
        return None
    return dict(cs.chain_schema([cs.str_schema(strict=True, strip_whitespace=False),
                                 inner]))


def _number_arm(inner: Schema, constraints: dict[str, Any], _parser: Callable[..., Any]
                ) -> Schema | None:
    """A float in fixed notation: the parser reads ``Decimal(repr(x))``; so does this arm, in C.

    The bounds (``ge=0``, ``le=100``) are checked on the float: each is a whole number, which a
    float and its shortest ``repr`` are on the same side of. The digits (``max_digits``,
    ``decimal_places``) are checked on ``repr(x)`` by a pattern that takes only a number with
    no more whole digits and decimals than allowed, so pydantic's own check passes too.
    """
    bounds = {k: v for k, v in constraints.items() if k in ("ge", "gt", "le", "lt")}
    digits = {k: v for k, v in constraints.items() if k not in bounds}
    if inner.get("type") != "decimal" or set(inner) - {"type", "metadata"} \
            or set(digits) - {"max_digits", "decimal_places"} \
            or not all(type(v) is int for v in constraints.values()):
        return None
    places, most = digits.get("decimal_places"), digits.get("max_digits")
    if most is not None and places is None:
        return None  # not in the models (money has both); left to pydantic
    whole = ("[0-9]+" if most is None else "0" if most <= places
             else f"[0-9]{{1,{most - places}}}")
    tail = r"(?:\.[0-9]+)?" if places is None else (
        "" if places == 0 else rf"(?:\.[0-9]{{1,{places}}})?")
    return dict(cs.chain_schema([
        cs.is_instance_schema(float),
        cs.float_schema(allow_inf_nan=False, **bounds),
        cs.no_info_plain_validator_function(float.__repr__),
        cs.str_schema(strict=True, strip_whitespace=False, pattern=f"^{whole}{tail}$"),
        cs.no_info_plain_validator_function(_decimal)]))


#: ``Decimal`` of a number's text, one object for equal texts (a workbook repeats its prices
#: and quantities: 104 bytes each, a quarter of a million of them at ten times Bangkok).
#: Decimals are immutable; the cache is bounded and lives in C (no Python call per cell).
_decimal = functools.lru_cache(maxsize=4096)(Decimal)


def _count_arm(inner: Schema, constraints: dict[str, Any], _parser: Callable[..., Any]
               ) -> Schema | None:
    """A whole float within 2**53: ``int(x)`` is what the parser's ``Decimal(repr(x))`` gives."""
    if inner.get("type") != "int" or set(constraints) - {"ge", "gt", "le", "lt"}:
        return None
    return dict(cs.chain_schema([
        cs.is_instance_schema(float),
        cs.float_schema(ge=-EXACT_FLOAT_INT, le=EXACT_FLOAT_INT),
        {**inner, **constraints}]))


def _strict_arm(kind: str) -> Arm:
    def arm(inner: Schema, constraints: dict[str, Any], _parser: Callable[..., Any]
            ) -> Schema | None:
        if inner.get("type") != kind or constraints:
            return None
        return {**inner, "strict": True}  # a date (not a datetime), a bool (not 1 or "yes")
    return arm


#: The yes/no words of the workbook's drop-down list.
YES_NO_WORDS = ("ใช่", "ไม่ใช่")


def _yes_no_arm(inner: Schema, constraints: dict[str, Any], parser: Callable[..., Any]
                ) -> Schema | None:
    """A bool, or a word of the drop-down list read as the parser reads it (a dict lookup)."""
    strict = _strict_arm("bool")(inner, constraints, parser)
    if strict is None:
        return None
    words = {word: parser(word) for word in YES_NO_WORDS}
    if not all(type(v) is bool for v in words.values()):
        return None
    return dict(cs.union_schema([strict, cs.chain_schema([
        cs.str_schema(strict=True, strip_whitespace=False), cs.literal_schema(list(words)),
        cs.no_info_plain_validator_function(words.__getitem__)])], mode="left_to_right"))


#: The fast arm of each parser (the validators of :mod:`learnworks_xl.core.fields`, or the
#: Thai parser behind a wrapped one).
ARMS: dict[Callable[..., Any], Arm] = {
    fields.to_text: _text_arm(TEXT),
    fields.normalise_code: _text_arm(CODE),
    fields._email: _text_arm(EMAIL),
    fields._url: _text_arm(URL),
    fields._phone: _text_arm(PHONE),
    fields.choice_validator: _choice_arm,
    fields.grade_validator: _choice_arm,
    thai.parse_amount: _number_arm,
    thai.parse_percent: _number_arm,
    thai.parse_int: _count_arm,
    thai.parse_date: _strict_arm("date"),
    thai.parse_yes_no: _yes_no_arm,
}


def refuse_error_values(value: Any) -> Any:
    """Fail an error value (``#REF!``): the reference reports it (``formula-error``)."""
    if isinstance(value, CellError):
        raise ValueError("an error value")
    return value


def fast_arm(schema: Schema) -> Schema | None:
    """The fast arm of one field's core schema, or None when it has none.

    The schema must be the field's parser (a before-validator) under pydantic's own constraint
    checks (after-validators of ``NUMERIC_VALIDATOR_LOOKUP``), as ``Annotated[T,
    BeforeValidator(parser), Field(...)]`` builds it; anything else keeps only its own arm.
    """
    constraints: dict[str, Any] = {}
    while schema.get("type") == "function-after":
        func = schema["function"].get("function")
        if schema["function"].get("type") != "no-info" or not isinstance(
                func, functools.partial) or func.args or func.func not in _CONSTRAINT_OF:
            return None
        for key, value in func.keywords.items():
            if constraints.setdefault(key, value) != value:
                return None
        schema = schema["schema"]
    if schema.get("type") != "function-before" or schema["function"].get("type") != "no-info":
        return None
    validator = schema["function"]["function"]
    parser = fields.PARSERS.get(validator, validator)
    arm = ARMS.get(parser)
    inner = schema["schema"]
    if inner.get("type") == "nullable":  # Annotated[Choice | None, Choice]: a blank never comes
        inner = inner["schema"]
    return None if arm is None else arm(inner, constraints, parser)


def field_schema(schema: Schema) -> Schema:
    """A field's schema (under ``model-field``) with its fast arm first."""
    if schema.get("type") in ("default", "nullable"):
        return {**schema, "schema": field_schema(schema["schema"])}
    guarded = cs.no_info_before_validator_function(refuse_error_values, schema)
    fast = fast_arm(schema)
    if fast is None:
        return dict(guarded)
    return dict(cs.union_schema([fast, guarded], mode="left_to_right"))


def model_schema(schema: Schema) -> Schema | None:
    """The model's core schema with every field's fast arm (None: a shape not handled)."""
    kind = schema.get("type")
    if kind in ("model", "function-before", "function-after", "function-wrap"):
        inner = model_schema(schema["schema"])
        return None if inner is None else {**schema, "schema": inner}
    if kind != "model-fields" or schema.get("computed_fields"):
        return None
    fields_ = schema["fields"]
    return {**schema, "fields": {
        name: {**f, "schema": field_schema(f["schema"])} for name, f in fields_.items()}}


@cache
def rows_validator(spec: SheetSpec) -> SchemaValidator | None:
    """One validator of a list of rows (dicts by field) of ``spec``'s model, or None."""
    model = spec.model
    if model is None or "__pydantic_complete__" not in model.__dict__:
        return None
    schema = model_schema(dict(model.__pydantic_core_schema__))
    if schema is None:
        return None
    # pydantic-core builds a "model" schema whose class is complete as that class's own
    # validator (a prebuilt one), whatever the schema says; while this validator is built,
    # the class reads as incomplete, so the schema above is the one built.
    complete = model.__pydantic_complete__
    try:
        model.__pydantic_complete__ = False
        return SchemaValidator(cs.list_schema(schema))
    finally:
        model.__pydantic_complete__ = complete


def validate_rows(spec: SheetSpec, rows: list[Mapping[str, Any]]) -> list[Any]:
    """Validate rows of values (by field, blank cells left out) in bulk.

    Args:
        spec: The sheet's spec.
        rows: The rows' values.

    Returns:
        For each row its model, or None where the reference must decide (the row has an
        error of any kind, or the sheet has no bulk validator).
    """
    validator = rows_validator(spec)
    if validator is None or not rows:
        return [None] * len(rows)
    try:
        return share_fields_sets(list(validator.validate_python(rows)))
    except ValidationError as exc:
        errors = exc.errors(include_url=False, include_context=False, include_input=False)
        failed = {e["loc"][0] for e in errors if e["loc"]}
    except Exception:  # the reference meets (and reports) it row by row
        return [None] * len(rows)
    good = [i for i in range(len(rows)) if i not in failed]
    out: list[Any] = [None] * len(rows)
    try:
        models = validator.validate_python([rows[i] for i in good])
    except Exception:  # cannot happen (the same rows passed); be safe
        return out
    for i, model in zip(good, models, strict=True):
        out[i] = model
    return share_fields_sets(out)


def share_fields_sets(models: list[Any]) -> list[Any]:
    """Let models with the same set of given fields share one set object.

    pydantic gives every model its own ``__pydantic_fields_set__`` (the fields the input
    had): for a row of nine fields a set of 728 bytes, more than the model's own values —
    100 MB at ten times Bangkok's rows. The sheet models are frozen, so nothing changes
    these sets after validation; pydantic sets the attribute the same way
    (``model_construct``).
    """
    shared: dict[frozenset[str], set[str]] = {}
    last: set[str] | None = None
    for model in models:
        if model is None:
            continue
        given = model.__pydantic_fields_set__
        if given is last:
            continue
        if last is None or given != last:
            last = shared.setdefault(frozenset(given), given)
        if given is not last:
            object.__setattr__(model, "__pydantic_fields_set__", last)
    return models
