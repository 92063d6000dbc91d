"""Field types for the sheet models: what a clerk may type, and how it is normalised.

Each type is an ``Annotated`` pydantic type whose "before" validator accepts what clerks
type (Thai digits, ``15,100.-``, Buddhist-era dates, ใช่/ไม่ใช่) through
:mod:`learnworks_xl.thai`, and whose metadata (``x-kind``) tells the workbook builder which
Excel number format and data validation to derive. Nothing here is typed twice: the model is
the one source of headers, types, ranges and allowed values.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date, datetime
from decimal import Decimal
from typing import Annotated, Any

from pydantic import BeforeValidator, Field, WithJsonSchema  # noqa: F401

from learnworks_xl import thai


class CellValueError(ValueError):
    """A cell value that cannot be read; carries a finding code and a Thai message.

    ``message_th`` says only what is wrong with the value (``ไม่ใช่ตัวเลข``), never which
    column it is in nor the value itself: :func:`learnworks_xl.core.cellerrors.finding_from_error`
    puts the column's title and the value in front (``«จำนวน» '2 ชุด' ไม่ใช่ตัวเลข``).
    """

    def __init__(self, code: str, message_th: str) -> None:
        super().__init__(message_th)
        self.code = code
        self.message_th = message_th


#: The Thai parser behind each validator made by :func:`_wrap` (the bulk validator of
#: :mod:`learnworks_xl.core.bulk` knows what each parser returns for a cell of the right type).
PARSERS: dict[Callable[[Any], Any], Callable[..., Any]] = {}


def _wrap(code: str, parse: Callable[..., Any]) -> Callable[[Any], Any]:
    def validator(value: Any) -> Any:
        try:
            return parse(value)
        except thai.ThaiParseError as exc:
            raise CellValueError(code, exc.problem_th) from None

    PARSERS[validator] = parse
    return validator


def to_text(value: Any) -> str:
    """Return a cell value as trimmed text (``10001.0`` → ``"10001"``)."""
    if type(value) is str:  # the common cell first (same result as the last line)
        return " ".join(value.split()) if "\n" not in value else value.strip()
    if isinstance(value, bool):
        return "ใช่" if value else "ไม่ใช่"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, datetime):
        return thai.format_thai_date(value.date())
    if isinstance(value, date):
        return thai.format_thai_date(value)
    return " ".join(str(value).split()) if "\n" not in str(value) else str(value).strip()


def _to_month(value: Any) -> date:
    year, month = thai.parse_month(value)
    return date(year, month, 1)


_EMAIL = re.compile(r"^[^@\s,;]+@[^@\s,;]+\.[^@\s,;]+$")
_PHONE = re.compile(r"^0\d{1,2}-?\d{3}-?\d{3,4}$")
_URL = re.compile(r"^https?://[^\s<>\"]+$", re.IGNORECASE)


def _email(value: Any) -> str:
    text = to_text(value)
    if not _EMAIL.match(text):
        raise CellValueError("invalid-format", "ไม่ใช่อีเมลที่ถูกต้อง ตัวอย่าง: somchai@example.com")
    return text


def _emails(value: Any) -> str:
    text = to_text(value)
    parts = [p.strip() for p in re.split(r"[,;]", text) if p.strip()]
    bad = [p for p in parts if not _EMAIL.match(p)]
    if bad or not parts:
        raise CellValueError(
            "invalid-format",
            (f"มีอีเมลที่ไม่ถูกต้อง ({', '.join(bad)}) " if bad else "ไม่มีอีเมล ")
            + "คั่นหลายอีเมลด้วยเครื่องหมายจุลภาค (,) เช่น somchai@example.com, somsri@example.com",
        )
    return ", ".join(parts)


def _phone(value: Any) -> str:
    text = thai.to_arabic_digits(to_text(value)).replace(" ", "")
    if isinstance(value, float | int) and not isinstance(value, bool):
        text = "0" + text  # Excel dropped the leading zero of a number typed as a number
    if not _PHONE.match(text):
        raise CellValueError(
            "invalid-format", "ไม่ใช่หมายเลขโทรศัพท์ที่ถูกต้อง ตัวอย่าง: 02-521-1234 หรือ 081-234-5678"
        )
    return text


def _url(value: Any) -> str:
    text = to_text(value)
    if not _URL.match(text):
        raise CellValueError(
            "invalid-format", "ต้องเป็นลิงก์ที่ขึ้นต้นด้วย http:// หรือ https://"
        )
    return text


def _kind(kind: str, **extra: Any) -> dict[str, Any]:
    return {"x-kind": kind, **extra}


Text = Annotated[str, BeforeValidator(to_text), Field(json_schema_extra=_kind("text"))]
"""Free text, trimmed."""

Amount = Annotated[
    Decimal,
    BeforeValidator(_wrap("type-error", thai.parse_amount)),
    Field(json_schema_extra=_kind("amount"), ge=0, max_digits=17, decimal_places=2),
]
"""Money in baht, two decimals at most, never negative."""

Number = Annotated[
    Decimal,
    BeforeValidator(_wrap("type-error", thai.parse_amount)),
    Field(json_schema_extra=_kind("decimal"), ge=0),
]
"""A non-negative decimal (quantities, percentages)."""

Percent = Annotated[
    Decimal,
    BeforeValidator(_wrap("type-error", thai.parse_percent)),
    Field(json_schema_extra=_kind("percent"), ge=0),
]
"""A number of per cent, never negative: ``95``, ``95%``, ``ร้อยละ 95``. A cell Excel shows as
``95%`` holds 0.95: the table reader multiplies a percent-formatted cell by 100 and warns
about a value in (0, 1] without that format (:mod:`learnworks_xl.core.percent`)."""

Int = Annotated[
    int, BeforeValidator(_wrap("type-error", thai.parse_int)), Field(json_schema_extra=_kind("int"))
]
"""A whole number."""

Day = Annotated[
    date, BeforeValidator(_wrap("invalid-date", thai.parse_date)),
    Field(json_schema_extra=_kind("date")),
]
"""A date: an Excel date, or Buddhist-era text such as ``15/11/2568``."""

Month = Annotated[
    date, BeforeValidator(_wrap("invalid-date", _to_month)), Field(json_schema_extra=_kind("month"))
]
"""A month, kept as its first day: ``พ.ย. 2568``, ``11/2568`` or any date in it."""

YesNo = Annotated[
    bool, BeforeValidator(_wrap("not-allowed", thai.parse_yes_no)),
    Field(json_schema_extra=_kind("yesno", **{"x-options": ["ใช่", "ไม่ใช่"]})),
]
"""ใช่/ไม่ใช่ (also ✓, yes/no, TRUE/FALSE)."""

Email = Annotated[str, BeforeValidator(_email), Field(json_schema_extra=_kind("email"))]
"""One e-mail address."""

Emails = Annotated[str, BeforeValidator(_emails), Field(json_schema_extra=_kind("emails"))]
"""Several e-mail addresses separated by commas."""

Phone = Annotated[str, BeforeValidator(_phone), Field(json_schema_extra=_kind("phone"))]
"""A Thai phone number such as ``02-521-1234`` or ``081-234-5678``."""

Url = Annotated[str, BeforeValidator(_url), Field(json_schema_extra=_kind("url"))]
"""A web link; only http(s)."""


def choice_validator(value: Any) -> str:
    """Trim a choice cell and read its Thai digits, so ``" สื่อ "`` matches ``สื่อ`` and
    ``ป.๕`` matches ``ป.5``."""
    return thai.to_arabic_digits(to_text(value))


Choice = BeforeValidator(choice_validator)
"""Put beside a ``Literal[...]`` so choices are trimmed before they are matched."""

_GRADE = re.compile(r"^(อ|ป|ม)\s*\.?\s*(\d)$")


def grade_validator(value: Any) -> str:
    """A grade as the list writes it: ``ป.๕``, ``ป5``, ``ป. 5`` → ``ป.5``."""
    text = choice_validator(value)
    match = _GRADE.match(text)
    return f"{match[1]}.{match[2]}" if match else text


GradeChoice = BeforeValidator(grade_validator)
"""Put beside the grade ``Literal[...]``: hurried spellings of a grade are read as the list's."""


def normalise_code(value: Any) -> str:
    """A code as the office means it: Thai digits read, spaces dropped, letters upper case
    (``" bk ๐๑ "`` → ``BK01``). The one normalisation of school and work codes, used by
    validation, computations, reports, forms and collect alike."""
    text = thai.to_arabic_digits(to_text(value))
    return "".join(text.split()).upper()


Code = Annotated[str, BeforeValidator(normalise_code), Field(json_schema_extra=_kind("code"))]
"""A school or work code, normalised by :func:`normalise_code`."""


class _SheetRequired:
    """Marker: the cell must be filled, although the model accepts it empty.

    Settings sheets (``โครงการ``) are checked cell by cell: a bad or empty setting is a
    finding and the model keeps every other setting (``None`` in its place), so one bad
    setting disables only what depends on it.
    """

    def __repr__(self) -> str:
        return "SheetRequired"


SheetRequired = _SheetRequired()
"""Put in a field's ``Annotated`` metadata to make an optional field required on the sheet."""
