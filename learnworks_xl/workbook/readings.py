"""How the workbook's formulas read what a clerk typed: numbers and months written as text.

The validator reads ``๑๒๕``, ``1,250.-``, ``1,250 บาท``, ``พ.ย. 2568`` or ``11/2568``
(:mod:`learnworks_xl.thai.parse`); Excel's ``ISNUMBER`` sees only text there. So every number
or month column that a formula or a conditional format reads gets a *reading*: two hidden
helper columns in the same rows, to the right of the sheet (``…: ข้อความที่อ่าน`` the text
cleaned, ``…: ค่าที่อ่านได้`` the value), and every formula reads the value column instead of
the cell. A number stays a number; text becomes what the validator makes of it; anything else
is blank, so the formulas leave it out and the validator reports it at the cell the clerk
typed. Totals stay ``SUBTOTAL(109, …)`` over the value column: a filter hides whole rows, so
the helper cells of a hidden row are left out too.

Numbers (Thai digits, thousands separators, ``.-``, ``บาท``, ``฿``, ``+``; at most one decimal
point, at most 15 digits): the decimal point is found by hand, so the result does not depend
on the PC's decimal separator. Where the validator is stricter the formula reads a little
more (it does not check where the thousands separators stand: ``1,00,0`` is 1000); the
validator still reports the cell.

Months (``พ.ย. 2568``, ``พฤศจิกายน พ.ศ. 2568``, ``11/2568``, ``11-2568``, ``2025-11``,
``15/11/2568``, ``15 พ.ย. 2568``, ``2025-11-15``, Thai digits; a four-digit year from 2400 is
Buddhist era): the first day of the month, the serial Excel gives ``DATE(year, month, 1)``.
The formula does not check the day (``31/02/2569`` reads as ก.พ. 2569); the validator does.

Each formula has a Python twin here that computes the value Excel caches, step by step as the
formula does (not through the validator's parser, whose leniency differs at the edges above);
``tests/test_workbook_typings_libreoffice.py`` has LibreOffice recompute both.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Literal, TypeGuard

from learnworks_xl import thai
from learnworks_xl.core import sheets as sh
from learnworks_xl.thai.dates import EXCEL_MAX_SERIAL_1900
from learnworks_xl.workbook.values import Stored, excel_serial

ReadingKind = Literal["number", "percent", "month"]


@dataclass(frozen=True)
class Reading:
    """A column read through helper columns: the field and how it is read."""

    field: str
    kind: ReadingKind


#: The columns read through helper columns, by sheet (what formulas and formats read).
READINGS: dict[str, tuple[Reading, ...]] = {
    sh.SIZES.name: (Reading("budget_per_school", "number"), Reading("works_required", "number")),
    sh.PLAN.name: (Reading("weight", "percent"), Reading("start_month", "month"),
                   Reading("end_month", "month"), Reading("completed_on", "month")),
    sh.ACTIVITIES.name: (Reading("planned_budget", "number"),),
    sh.PURCHASES.name: (Reading("quantity", "number"), Reading("unit_price", "number"),
                        Reading("amount", "number")),
    sh.RESULT_REPORTS.name: (Reading("participants", "number"),),
    sh.RISKS.name: (Reading("likelihood", "number"), Reading("impact", "number")),
    sh.NOTES.name: (Reading("month", "month"),),
}
#: Settings of ``โครงการ`` read through helper cells of the hidden sheet (by defined name).
KV_READINGS: dict[str, str] = {"fiscal_year": "lw_fiscal_year",
                               "approved_budget": "lw_approved_budget"}
#: Headers of the two helper columns: the column's title, then these.
TEXT_SUFFIX, VALUE_SUFFIX = ": ข้อความที่อ่าน", ": ค่าที่อ่านได้"

#: Removed from a number typed as text, in this order (SUBSTITUTE, every occurrence).
NUMBER_REMOVALS: tuple[str, ...] = ("บาท", "฿", ",", ".-", "+")
#: A per cent typed as text (``10%``, ``ร้อยละ 10``) also drops its sign or word.
PERCENT_REMOVALS: tuple[str, ...] = ("ร้อยละ", "เปอร์เซ็นต์", "%", "％", *NUMBER_REMOVALS)
#: The fiscal year also drops the era (as :func:`learnworks_xl.thai.strip_be_era`).
YEAR_REMOVALS: tuple[str, ...] = ("พ.ศ.", "พ.ศ", *NUMBER_REMOVALS)
#: A month's separators all become ``/`` (the dots of ``พ.ย.`` too), then these go.
MONTH_SEPARATORS: tuple[str, ...] = ("-", ".")
MONTH_REMOVALS: tuple[str, ...] = ("พ/ศ/", "พ/ศ", "พศ", "ค/ศ/", "ค/ศ", "คศ", "เดือน", "วันที่")
#: The month words the validator reads (``พย``, ``พฤศจิกายน``, ``พฤศจิกา``), by month: the
#: hidden sheet's list ``lw_month_words``, :data:`WORDS_PER_MONTH` words of January first.
MONTH_WORDS: tuple[str, ...] = tuple(
    w for _, w in sorted((n, w) for w, n in thai.month_words().items()))
WORDS_PER_MONTH = len(MONTH_WORDS) // 12
MONTH_WORDS_NAME = "lw_month_words"
#: Removed from the words of a month before they are looked up (MATCH reads ``*?~`` as
#: wildcards).
WORD_REMOVALS: tuple[str, ...] = (" ", "/", "*", "?", "~", *thai.ARABIC_DIGITS)
#: Digits read from a number (Excel keeps 15 significant digits).
MAX_DIGITS = 15
CE_MIN, BE_MIN = 1900, 2400
#: The first serial Excel and LibreOffice date alike (1 Mar 1900: Excel counts a 29 Feb 1900);
#: a month cell holding a smaller number reads as "" (the validator reports it).
FIRST_SERIAL = 61


# ------------------------------------------------------------------------------- formulas


def arabic(ref: str) -> str:
    """``ref`` with Thai digits ๐–๙ turned into 0–9 (ten nested SUBSTITUTEs)."""
    expr = ref
    for thai_digit, digit in zip(thai.THAI_DIGITS, thai.ARABIC_DIGITS, strict=True):
        expr = f'SUBSTITUTE({expr},"{thai_digit}","{digit}")'
    return expr


def _substitute(expr: str, pairs: tuple[tuple[str, str], ...]) -> str:
    for old, new in pairs:
        expr = f'SUBSTITUTE({expr},"{old}","{new}")'
    return expr


def number_text_formula(ref: str, removals: tuple[str, ...] = NUMBER_REMOVALS) -> str:
    """The cleaned text of a number cell ("" when the cell holds a number)."""
    cleaned = _substitute(arabic(ref), tuple((r, "") for r in removals))
    return f'=IF(ISNUMBER({ref}),"",IFERROR(TRIM({cleaned}),""))'


def number_value_formula(ref: str, text: str) -> str:
    """The number a cell holds or its cleaned text says, else ""."""
    digits = f'SUBSTITUTE({text},".","")'
    return (f'=IF(ISNUMBER({ref}),{ref},IF(AND(LEN({digits})>=1,LEN({digits})<={MAX_DIGITS},'
            f'LEN({text})-LEN({digits})<=1,RIGHT({text},1)<>"."),'
            f'IFERROR(IF(TEXT(--{digits},REPT("0",LEN({digits})))={digits},'
            f'--{digits}/10^IFERROR(LEN({text})-FIND(".",{text}),0),""),""),""))')


def month_text_formula(ref: str) -> str:
    """The cleaned text of a month cell ("" when the cell holds a date)."""
    cleaned = _substitute(arabic(ref), tuple((s, "/") for s in MONTH_SEPARATORS))
    cleaned = _substitute(cleaned, tuple((r, "") for r in MONTH_REMOVALS))
    return f'=IF(ISNUMBER({ref}),"",IFERROR(TRIM({cleaned}),""))'


def _digits_value(expr: str) -> str:
    """``--expr`` when expr is ASCII digits only, else an error (a division by FALSE)."""
    return f'(--{expr}/(TEXT(--{expr},REPT("0",LEN({expr})))={expr}))'


def month_value_formula(ref: str, text: str) -> str:
    """The first day of the month a cell holds or its cleaned text names, else ""."""
    t = text
    iso = f'AND(MID({t},5,1)="/",IFERROR(TEXT(--LEFT({t},4),"0000")=LEFT({t},4),FALSE))'
    after = f"MID({t},6,99)"
    iso_month = f'LEFT({after},FIND("/",{after}&"/")-1)'
    word = _substitute(f"LEFT({t},LEN({t})-4)", tuple((r, "") for r in WORD_REMOVALS))
    numeric = (f'IF(MID({t},LEN({t})-4,1)="/",'
               f'TRIM(RIGHT(SUBSTITUTE(LEFT({t},LEN({t})-5),"/",REPT(" ",20)),20)),"")')
    month = (f"IF({iso},{_digits_value(iso_month)},"
             f"IFERROR(INT((MATCH({word},{MONTH_WORDS_NAME},0)-1)/{WORDS_PER_MONTH})+1,"
             f"{_digits_value(numeric)}))")
    checked = "CHOOSE(" + month + "," + ",".join(str(m) for m in range(1, 13)) + ")"
    year = f"IF({iso},--LEFT({t},4),{_digits_value(f'RIGHT({t},4)')})"
    return (f'=IF(ISNUMBER({ref}),IF({ref}>={FIRST_SERIAL},'
            f'DATE(YEAR({ref}),MONTH({ref}),1),""),'
            f'IFERROR(DATE({year}-IF({year}>={BE_MIN},{thai.BE_OFFSET},0),{checked},1)'
            f'/({year}>={CE_MIN}),""))')


def text_formula(kind: ReadingKind, ref: str, removals: tuple[str, ...] = NUMBER_REMOVALS,
                 ) -> str:
    """The helper formula of the text column of a reading."""
    if kind == "percent":
        return number_text_formula(ref, PERCENT_REMOVALS)
    return number_text_formula(ref, removals) if kind == "number" else month_text_formula(ref)


def percent_value_formula(ref: str, text: str) -> str:
    """A percent field's number: a cell shown as a percentage (``10%`` typed in Excel holds
    0.1, its format's ``CELL("format")`` code starts with ``P``) counts × 100, as the
    validator reads it (:mod:`learnworks_xl.core.percent`)."""
    number = number_value_formula(ref, text)[1:]
    return (f'=IF(AND(ISNUMBER({ref}),LEFT(CELL("format",{ref}),1)="P"),{ref}*100,'
            f"{number})")


def value_formula(kind: ReadingKind, ref: str, text: str) -> str:
    """The helper formula of the value column of a reading."""
    if kind == "percent":
        return percent_value_formula(ref, text)
    return number_value_formula(ref, text) if kind == "number" else \
        month_value_formula(ref, text)


# ---------------------------------------------------------------------- the Python twins


def excel_trim(text: str) -> str:
    """Excel's ``TRIM``: spaces (only U+0020) dropped at both ends, runs of them made one."""
    return " ".join(part for part in text.split(" ") if part)


def _is_number(value: Stored) -> TypeGuard[int | float | date]:
    return isinstance(value, int | float | date) and not isinstance(value, bool)


def _serial(value: int | float | date) -> float:
    return excel_serial(value) if isinstance(value, date) else float(value)


def number_text(value: Stored, removals: tuple[str, ...] = NUMBER_REMOVALS) -> str:
    """The cached value of :func:`number_text_formula`."""
    if value is None or _is_number(value):
        return ""
    text = thai.to_arabic_digits(str(value))
    for removed in removals:
        text = text.replace(removed, "")
    return excel_trim(text)


def _digits(text: str, most: int = MAX_DIGITS) -> int | None:
    """``--text`` when text is 1…most ASCII digits (``TEXT(--x, "0…0") = x``), else None."""
    if not 1 <= len(text) <= most or not (text.isascii() and text.isdigit()):
        return None
    return int(text)


def number_value(value: Stored, removals: tuple[str, ...] = NUMBER_REMOVALS) -> float | None:
    """The cached value of :func:`number_value_formula` (None for "")."""
    if value is None:
        return None
    if _is_number(value):
        return _serial(value)
    text = number_text(value, removals)
    digits = text.replace(".", "")
    if len(text) - len(digits) > 1 or text.endswith("."):
        return None
    whole = _digits(digits)
    if whole is None:
        return None
    decimals = len(text) - text.index(".") - 1 if "." in text else 0
    scale: int = 10**decimals
    return whole / scale


def month_text(value: Stored) -> str:
    """The cached value of :func:`month_text_formula`."""
    if value is None or _is_number(value):
        return ""
    text = thai.to_arabic_digits(str(value))
    for sep in MONTH_SEPARATORS:
        text = text.replace(sep, "/")
    for removed in MONTH_REMOVALS:
        text = text.replace(removed, "")
    return excel_trim(text)


def month_value(value: Stored) -> float | None:
    """The cached value of :func:`month_value_formula` (None for ""): a serial."""
    if value is None:
        return None
    if _is_number(value):
        serial = _serial(value)
        if not FIRST_SERIAL <= serial <= EXCEL_MAX_SERIAL_1900:
            return None  # Excel: YEAR() of a serial past 31 Dec 9999 is #NUM!, no month
        day = thai.from_excel_serial(int(serial))
        return excel_serial(date(day.year, day.month, 1))
    t = month_text(value)
    month: int | None
    if t[4:5] == "/" and _digits(t[:4]) is not None:  # 2025-11, 2025-11-15
        month = _digits(t[5:104].split("/", 1)[0])
        year = _digits(t[:4])
    elif len(t) < 4:
        return None
    else:
        word = t[:len(t) - 4]
        for removed in WORD_REMOVALS:
            word = word.replace(removed, "")
        if word in MONTH_WORDS:
            month = MONTH_WORDS.index(word) // WORDS_PER_MONTH + 1
        else:
            numeric = excel_trim(t[:-5].split("/")[-1]) if t[-5:-4] == "/" else ""
            month = _digits(numeric)
        year = _digits(t[-4:])
    if year is None or month is None or year < CE_MIN or not 1 <= month <= 12:
        return None
    ce = year - thai.BE_OFFSET if year >= BE_MIN else year
    return excel_serial(date(ce, month, 1))


def text_value(kind: ReadingKind, value: Stored,
               removals: tuple[str, ...] = NUMBER_REMOVALS) -> str:
    """The cached value of :func:`text_formula`."""
    if kind == "percent":
        return number_text(value, PERCENT_REMOVALS)
    return number_text(value, removals) if kind == "number" else month_text(value)


def reading_value(kind: ReadingKind, value: Stored) -> float | None:
    """The cached value of :func:`value_formula` (None for ""; the builder writes percent
    fields' numbers as plain numbers, so a cached percent is the number itself)."""
    if kind == "percent":
        return number_value(value, PERCENT_REMOVALS)
    return number_value(value) if kind == "number" else month_value(value)
