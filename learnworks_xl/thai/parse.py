"""Tolerant parsers for what clerks type: amounts, whole numbers, dates, months, yes/no.

Each parser accepts the unambiguous forms Thai clerks actually type (Thai digits, ``15,100.-``,
``15,100 บาท``, Buddhist-era dates such as ``15/11/2568`` or ``15 พ.ย. 2568``, ใช่/ไม่ใช่) and
the values Excel hands over (numbers, date serials, ``datetime``). Anything ambiguous is a
:class:`~learnworks_xl.thai.errors.ThaiParseError` with a Thai message, never a guess: two-digit
years, US month/day order and European ``15.100,00`` are all rejected.
"""

from __future__ import annotations

import math
import re
from datetime import date, datetime
from decimal import ROUND_FLOOR, Decimal

from learnworks_xl.thai.dates import (
    BE_OFFSET,
    THAI_MONTHS_ABBR,
    THAI_MONTHS_FULL,
    from_excel_serial,
)
from learnworks_xl.thai.digits import to_arabic_digits
from learnworks_xl.thai.errors import ThaiParseError, ThaiValueError

__all__ = [
    "YES_WORDS",
    "ThaiParseError",
    "month_words",
    "parse_amount",
    "parse_date",
    "parse_int",
    "parse_month",
    "parse_percent",
    "parse_yes_no",
    "strip_be_era",
]

_BE_MIN = 2400
"""A four-digit year from here on is Buddhist era (2400 BE = 1857 CE)."""

_CE_MIN = 1900
"""The earliest Common Era year accepted when written as such (earlier is likely a typo)."""

_EMPTY = "ยังไม่ได้กรอก"
_DATE_HINT = "กรุณาใช้ วว/ดด/ปปปป (พ.ศ.) เช่น 15/11/2568"
_MONTH_HINT = "กรุณาใช้ เดือน ปี พ.ศ. เช่น พ.ย. 2568 หรือ 11/2568"
_DATE_EXAMPLE = "15/11/2568"
_MONTH_EXAMPLE = "พ.ย. 2568"

_INVISIBLE = dict.fromkeys(map(ord, "\u200b\u200c\u200d\u2060\ufeff"), None)
_SPACES = re.compile(r"[\s\u00a0\u202f]+")

_NUMBER = re.compile(
    r"""
    (?P<int>\d{1,3}(?:,\d{3})+|\d+)?   # 15,100 or 15100 (or nothing: .50)
    (?:\.(?P<frac>\d+))?               # .50
    """,
    re.VERBOSE,
)


def _clean(text: str) -> str:
    """Trim, drop zero-width characters, collapse spaces and turn Thai digits into 0–9."""
    text = to_arabic_digits(text.translate(_INVISIBLE))
    return _SPACES.sub(" ", text).strip()


def _shown(value: object) -> str:
    """The value as a clerk would recognise it in a message."""
    if isinstance(value, str):
        return " ".join(value.split())
    if isinstance(value, float) and math.isfinite(value) and value.is_integer():
        return str(int(value))
    return str(value)


# --------------------------------------------------------------------------------------------
# numbers


def _bad_value(what_th: str, raw: object, problem_th: str, message_en: str) -> ThaiParseError:
    """``<what> '<value>' <problem>``, keeping the problem alone for callers that name the value
    their own way (a sheet column)."""
    return ThaiParseError(f"{what_th} '{_shown(raw)}' {problem_th}", message_en, value=raw,
                          problem_th=problem_th)


_NUMBER_WITH_WORDS = re.compile(
    r"(?:[^\d\s+\-−]+\s*)?([-+−]?\d[\d,]*(?:\.\d+)?)(?:\s*[^\d\s]+)?")


#: What to type, by what the value should be (a per cent is typed as its number).
_EXAMPLES = {"ค่าร้อยละ": "95"}


def _not_a_number(text: str, what_th: str = "") -> str:
    """``ไม่ใช่ตัวเลข``, with the number to type when the text is a number with words around
    it (``2 ชุด``, ``ร้อยละ 95``)."""
    found = _NUMBER_WITH_WORDS.fullmatch(text)
    if found is None or found[1] == text:
        return f"ไม่ใช่ตัวเลข กรุณากรอกเป็นตัวเลข เช่น {_EXAMPLES.get(what_th, '2 หรือ 1,250.50')}"
    return f"ไม่ใช่ตัวเลข กรุณากรอกเฉพาะตัวเลข เช่น {found[1]}"


def _number_from_text(text: str, raw: object, what_th: str, what_en: str) -> Decimal:
    """Read ``[-+]15,100[.50]`` (already cleaned) or raise with a message about ``raw``."""
    shown = _shown(raw)
    if text.startswith("(") and text.endswith(")"):
        raise _bad_value(
            what_th, raw,
            "ใช้วงเล็บแทนเครื่องหมายลบไม่ได้ หากติดลบให้ใส่เครื่องหมายลบ เช่น -500",
            f"{what_en} {shown!r}: parentheses for negatives are not accepted, write -500",
        )
    sign, sign_text = "", text
    if text[:1] in ("-", "−", "+"):
        sign = "" if text[0] == "+" else "-"
        text = text[1:].lstrip()
    match = _NUMBER.fullmatch(text)
    if not text or match is None or (match["int"] is None and match["frac"] is None):
        if re.fullmatch(r"[\d,.]+", text) and re.search(r"\d", text):
            raise _bad_value(
                what_th, raw,
                "ใส่เครื่องหมายจุลภาคหรือจุดทศนิยมไม่ถูกต้อง ตัวอย่างที่ถูกต้อง: 15,100 หรือ 15,100.50",
                f"{what_en} {shown!r} has misplaced thousands separators or decimal point",
            )
        raise _bad_value(what_th, raw, _not_a_number(sign_text, what_th),
                         f"{what_en} {shown!r} is not a number")
    digits = (match["int"] or "0").replace(",", "")
    frac = match["frac"]
    return Decimal(f"{sign}{digits}.{frac}" if frac else f"{sign}{digits}")


def _number_from_value(value: object, what_th: str, what_en: str) -> Decimal | str:
    """Numbers → Decimal; text → cleaned text for the caller; anything else → error."""
    if type(value) is float and math.isfinite(value):  # the common cell: skip the checks
        return Decimal(repr(value))
    shown = _shown(value)
    if value is None:
        raise ThaiParseError(f"ไม่ได้กรอก{what_th}", f"{what_en} is empty", value=value,
                             problem_th=_EMPTY)
    if isinstance(value, bool):
        raise _bad_value(what_th, value, "เป็นค่าจริง/เท็จ ไม่ใช่ตัวเลข",
                         f"{what_en} {shown!r} is a boolean, not a number")
    if isinstance(value, int):
        return Decimal(value)
    if isinstance(value, float | Decimal):
        number = Decimal(repr(value)) if isinstance(value, float) else value
        if not number.is_finite():
            raise _bad_value(what_th, value, "ไม่ใช่ตัวเลขที่ใช้ได้",
                             f"{what_en} {shown!r} is not a finite number")
        return number
    if isinstance(value, str):
        text = _clean(value)
        if not text:
            raise ThaiParseError(f"ไม่ได้กรอก{what_th}", f"{what_en} is empty", value=value,
                                 problem_th=_EMPTY)
        return text
    raise _bad_value(what_th, value, "ไม่ใช่ตัวเลข",
                     f"{what_en} {shown!r} ({type(value).__name__}) is not a number")


_BAHT_SUFFIX = re.compile(r"\s*บาท\s*$")
_DASH_SUFFIX = re.compile(r"(?<=\d)\.-$")


def parse_amount(value: object) -> Decimal:
    """Read an amount of money as clerks type it.

    Accepted: ``int``, ``float`` (read through its shortest ``repr``, so ``2.675`` stays
    ``2.675``), ``Decimal``, and text such as ``15,100``, ``15100``, ``15,100.50``,
    ``15,100.-``, ``15,100.- บาท``, ``15,100 บาท``, ``฿15,100``, ``-500``, ``๑๕,๑๐๐``,
    ``69,5๐๐.-``, with spaces around.

    Rejected: ``bool``, NaN, infinity, empty text, words, parentheses for negatives
    (``(500)``), wrong digit grouping (``1,00,0``) and European notation (``15.100,00``).

    Args:
        value: A cell value.

    Returns:
        The amount, exactly as written (no rounding).

    Raises:
        ThaiParseError: If the value is not an unambiguous amount.
    """
    got = _number_from_value(value, "จำนวนเงิน", "amount")
    if isinstance(got, Decimal):
        return got
    text = got
    text = _BAHT_SUFFIX.sub("", text)
    sign = ""
    if text[:1] in ("-", "−", "+"):
        sign, text = text[:1], text[1:].lstrip()
    if text.startswith("฿"):
        text = text[1:].lstrip()
    if _DASH_SUFFIX.search(text) and "." not in text[:-2]:
        text = text[:-2]  # 15,100.- is a whole amount written the Thai way
    return _number_from_text(sign + text, value, "จำนวนเงิน", "amount")


def parse_int(value: object) -> int:
    """Read a whole number (a count, an order number, a score).

    Accepted: ``int``; a ``float`` or ``Decimal`` without a fraction (``3.0``); text with
    Thai or Arabic digits and optional thousands separators (``1,000``, ``๑๒``, ``3.0``).

    Args:
        value: A cell value.

    Returns:
        The number.

    Raises:
        ThaiParseError: If the value is not a whole number (``3.5``, ``abc``, ``True``).
    """
    got = _number_from_value(value, "ค่า", "number")
    number = got if isinstance(got, Decimal) else _number_from_text(got, value, "ค่า", "number")
    if number != number.to_integral_value():
        raise _bad_value("ค่า", value, "ต้องเป็นจำนวนเต็ม (ไม่มีทศนิยม)",
                         f"number {_shown(value)!r} is not a whole number")
    return int(number)


_PERCENT_PREFIX = re.compile(r"^ร้อยละ\s*")
_PERCENT_SUFFIX = re.compile(r"\s*(?:%|％|เปอร์เซ็นต์|เปอร์เซนต์)$")


def parse_percent(value: object) -> Decimal:
    """Read a percentage as clerks type it, as the number of per cent.

    Accepted: numbers as they are (``95``; a cell Excel shows as ``95%`` holds 0.95, and only
    its number format tells: the table reader multiplies such a cell by 100 before this runs),
    and text such as ``95``, ``95%``, ``95 %``, ``๙๕%``, ``ร้อยละ 95``, ``ร้อยละ ๙๕``,
    ``95 เปอร์เซ็นต์``, ``12.5%``.

    Args:
        value: A cell value.

    Returns:
        The per cent (``95%`` → ``Decimal("95")``).

    Raises:
        ThaiParseError: If the value is not a number of per cent.
    """
    got = _number_from_value(value, "ค่าร้อยละ", "percentage")
    if isinstance(got, Decimal):
        return got
    text = _PERCENT_SUFFIX.sub("", _PERCENT_PREFIX.sub("", got))
    return _number_from_text(text, value, "ค่าร้อยละ", "percentage")


# --------------------------------------------------------------------------------------------
# dates


def _month_names() -> dict[str, int]:
    """Month words (without dots or spaces) → month number."""
    short = (
        "มกรา", "กุมภา", "มีนา", "เมษา", "พฤษภา", "มิถุนา",
        "กรกฎา", "สิงหา", "กันยา", "ตุลา", "พฤศจิกา", "ธันวา",
    )  # fmt: skip
    names: dict[str, int] = {}
    for number, words in enumerate(zip(THAI_MONTHS_FULL, THAI_MONTHS_ABBR, short, strict=True), 1):
        for word in words:
            names[_month_key(word)] = number
    return names


def _month_key(word: str) -> str:
    return re.sub(r"[.\s]", "", word)


_MONTHS = _month_names()


def month_words() -> dict[str, int]:
    """The month words :func:`parse_month` reads, as keys without dots or spaces (``พย``,
    ``พฤศจิกายน``, ``พฤศจิกา``) → month number; the workbook's formulas read the same list."""
    return dict(_MONTHS)


_ERA_TOKENS = ("พ.ศ.", "พ.ศ")


def strip_be_era(value: object) -> object:
    """Drop the era ``พ.ศ.`` from a year typed as text (``พ.ศ. 2569`` → ``2569``); anything
    else is returned as it is. The workbook's formula for the fiscal year drops the same."""
    if not isinstance(value, str):
        return value
    for token in _ERA_TOKENS:
        value = value.replace(token, "")
    return value

_DMY = re.compile(r"(\d{1,2})([/.\-])(\d{1,2})\2(\d+)")
_YMD = re.compile(r"(\d{4})([/.\-])(\d{1,2})\2(\d{1,2})(?:[T ]\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?)?")
_NAMED_DATE = re.compile(r"(?:วันที่\s*)?(\d{1,2})\s*([^\d]+?)\s*(\d+)")
_NAMED_MONTH = re.compile(r"(?:เดือน\s*)?([^\d]+?)\s*(\d+)")
_MY = re.compile(r"(\d{1,2})([/.\-])(\d+)")
_YM = re.compile(r"(\d{4})([/.\-])(\d{1,2})")
_ERA = re.compile(r"\s*(?P<era>พ\s*\.?\s*ศ|ค\s*\.?\s*ศ)\s*\.?\s*$")


def _year(year_text: str, era: str | None, raw: str, example: str) -> int:
    """Turn a written year into a CE year (four digits; ≥ 2400 means BE)."""
    if len(year_text) <= 2:
        raise ThaiParseError(
            f"ปี '{year_text}' ใน '{raw}' มีแค่ {len(year_text)} หลัก ไม่ชัดเจน "
            f"กรุณาใส่ปี พ.ศ. 4 หลัก เช่น {example}",
            f"two-digit year in {raw!r} is ambiguous; write the four-digit BE year",
            value=raw,
            problem_th=f"มีปีแค่ {len(year_text)} หลัก ('{year_text}') ไม่ชัดเจน "
                       f"กรุณาใส่ปี พ.ศ. 4 หลัก เช่น {example}",
        )
    year = int(year_text)
    if len(year_text) != 4 or year < _CE_MIN:
        raise ThaiParseError(
            f"ปี '{year_text}' ใน '{raw}' ไม่ถูกต้อง กรุณาใส่ปี พ.ศ. 4 หลัก เช่น {example}",
            f"year {year_text!r} in {raw!r} is not a four-digit BE or CE year",
            value=raw,
            problem_th=f"มีปี '{year_text}' ซึ่งไม่ถูกต้อง กรุณาใส่ปี พ.ศ. 4 หลัก เช่น {example}",
        )
    if era == "BE" and year < _BE_MIN:
        raise ThaiParseError(
            f"ปี พ.ศ. {year} ใน '{raw}' ไม่ถูกต้อง (ปี พ.ศ. ปัจจุบันคือ 25xx)",
            f"{raw!r}: {year} is not a Buddhist-era year",
            value=raw,
            problem_th=f"มีปี พ.ศ. {year} ซึ่งไม่ถูกต้อง (ปี พ.ศ. ปัจจุบันคือ 25xx)",
        )
    if era == "CE" and year >= _BE_MIN:
        raise ThaiParseError(
            f"ปี ค.ศ. {year} ใน '{raw}' ไม่ถูกต้อง (ปี ค.ศ. ปัจจุบันคือ 20xx)",
            f"{raw!r}: {year} is not a Common Era year",
            value=raw,
            problem_th=f"มีปี ค.ศ. {year} ซึ่งไม่ถูกต้อง (ปี ค.ศ. ปัจจุบันคือ 20xx)",
        )
    return year - BE_OFFSET if year >= _BE_MIN else year


def _month_word(words: str, raw: str) -> tuple[int, str | None] | None:
    """Split ``พ.ย. พ.ศ.`` into (month, era); None if the words are not a month."""
    era: str | None = None
    found = _ERA.search(words)
    if found:
        era = "BE" if found["era"].startswith("พ") else "CE"
        words = words[: found.start()]
    month = _MONTHS.get(_month_key(words))
    return None if month is None else (month, era)


def _make_date(year: int, month: int, day: int, raw: str) -> date:
    if not 1 <= month <= 12:
        raise ThaiParseError(
            f"วันที่ {raw} ไม่มีอยู่จริง (เดือนต้องเป็น 1–12)",
            f"date {raw!r} does not exist (month {month})",
            value=raw,
            problem_th=f"เป็นวันที่ที่ไม่มีอยู่จริง (เดือนต้องเป็น 1–12) {_DATE_HINT}",
        )
    try:
        return date(year, month, day)
    except ValueError:
        raise ThaiParseError(
            f"วันที่ {raw} ไม่มีอยู่จริง",
            f"date {raw!r} does not exist",
            value=raw,
            problem_th=f"เป็นวันที่ที่ไม่มีอยู่จริง (ตรวจวันที่ของเดือนนั้น) {_DATE_HINT}",
        ) from None


def _date_from_text(text: str, raw: str) -> date | None:
    """Read a cleaned date text; None if it has no date shape at all."""
    if m := _DMY.fullmatch(text):
        day, month = int(m[1]), int(m[3])
        year = _year(m[4], None, raw, _DATE_EXAMPLE)
        if month > 12 and 1 <= day <= 12:
            raise ThaiParseError(
                f"รูปแบบวันที่ '{raw}' ไม่ชัดเจน (ดูเหมือนใส่เดือนก่อนวัน) {_DATE_HINT}",
                f"date {raw!r} looks like month/day order; write day/month/BE year",
                value=raw,
                problem_th=f"ไม่ชัดเจน (ดูเหมือนใส่เดือนก่อนวัน) {_DATE_HINT}",
            )
        return _make_date(year, month, day, raw)
    if m := _YMD.fullmatch(text):
        year = _year(m[1], None, raw, _DATE_EXAMPLE)
        return _make_date(year, int(m[3]), int(m[4]), raw)
    if (m := _NAMED_DATE.fullmatch(text)) and (found := _month_word(m[2], raw)):
        month, era = found
        return _make_date(_year(m[3], era, raw, _DATE_EXAMPLE), month, int(m[1]), raw)
    return None


def _serial_date(value: int | float | Decimal, date1904: bool) -> date:
    shown = _shown(value)
    number = Decimal(repr(value)) if isinstance(value, float) else Decimal(value)
    if not number.is_finite():
        raise _bad_value("วันที่", value, "ไม่ใช่ตัวเลขที่ใช้ได้", f"date {shown!r} is not a finite number")
    whole = int(number.to_integral_value(rounding=ROUND_FLOOR))
    try:
        return from_excel_serial(whole, date1904=date1904)
    except ThaiValueError as exc:
        said = exc.message_th
        problem = ("เป็นเลขวันที่ของ Excel ที่" + said[said.index("อยู่นอกช่วง"):]
                   if "อยู่นอกช่วง" in said else "เป็นเลขวันที่ของ Excel ที่ไม่ใช่วันที่ที่ใช้ได้")
        raise ThaiParseError(said, exc.message_en, value=value, problem_th=problem) from None


def parse_date(value: object, *, date1904: bool = False) -> date:
    """Read a day as Excel stores it or as clerks type it.

    Accepted:

    * ``date`` and ``datetime`` (the time is dropped);
    * Excel serial numbers (``int``/``float``/``Decimal``; a fraction is a time of day and is
      dropped). In the 1900 system, serial 60 (Excel's fake 29 Feb 1900) is an error;
    * text, with Thai or Arabic digits: ``15/11/2568``, ``15-11-2568``, ``15.11.2568``
      (day/month/year), ``15 พ.ย. 2568``, ``15 พฤศจิกายน 2568``, ``15 พฤศจิกายน พ.ศ. 2568``,
      ISO ``2025-11-15``. A four-digit year from 2400 on is Buddhist era, below it Common Era
      (``15/11/2025``).

    Rejected as ambiguous: two-digit years (``15/11/68``), month/day order (``11/15/2568``),
    and anything else. Days that do not exist (``31/02/2569``) are errors too.

    Args:
        value: A cell value.
        date1904: The workbook uses Excel's 1904 date system (only matters for serials).

    Returns:
        The day.

    Raises:
        ThaiParseError: If the value is not an unambiguous, existing day.
    """
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    shown = _shown(value)
    if value is None or (isinstance(value, str) and not _clean(value)):
        raise ThaiParseError("ไม่ได้กรอกวันที่", "date is empty", value=value, problem_th=_EMPTY)
    if isinstance(value, bool):
        raise _bad_value("วันที่", value, "เป็นค่าจริง/เท็จ ไม่ใช่วันที่", f"date {shown!r} is a boolean")
    if isinstance(value, int | float | Decimal):
        return _serial_date(value, date1904)
    if isinstance(value, str):
        found = _date_from_text(_clean(value), shown)
        if found is not None:
            return found
    raise ThaiParseError(
        f"รูปแบบวันที่ '{shown}' ไม่ชัดเจน {_DATE_HINT}",
        f"cannot read {shown!r} as a date; write day/month/BE year, e.g. 15/11/2568",
        value=value,
        problem_th=f"อ่านเป็นวันที่ไม่ได้ {_DATE_HINT}",
    )


def parse_month(value: object, *, date1904: bool = False) -> tuple[int, int]:
    """Read a month as clerks type it.

    Accepted: ``พ.ย. 2568``, ``พฤศจิกายน 2568``, ``พฤศจิกายน พ.ศ. 2568``, ``11/2568``,
    ``11-2568``, ``2025-11`` (a four-digit year from 2400 on is Buddhist era), Thai digits,
    and anything :func:`parse_date` accepts (``date``, ``datetime``, Excel serial, a full
    date text), which gives the month of that day.

    Args:
        value: A cell value.
        date1904: The workbook uses Excel's 1904 date system (only matters for serials).

    Returns:
        ``(CE year, month)``, e.g. ``(2025, 11)``.

    Raises:
        ThaiParseError: If the value is not an unambiguous month.
    """
    if not isinstance(value, str):
        if value is None:
            raise ThaiParseError("ไม่ได้กรอกเดือน", "month is empty", value=value,
                                 problem_th=_EMPTY)
        day = parse_date(value, date1904=date1904)
        return day.year, day.month
    shown = _shown(value)
    text = _clean(value)
    if not text:
        raise ThaiParseError("ไม่ได้กรอกเดือน", "month is empty", value=value, problem_th=_EMPTY)
    year: int | None = None
    month = 0
    if m := _YM.fullmatch(text):
        year, month = _year(m[1], None, shown, _MONTH_EXAMPLE), int(m[3])
    elif m := _MY.fullmatch(text):
        month, year = int(m[1]), _year(m[3], None, shown, _MONTH_EXAMPLE)
    elif (m := _NAMED_MONTH.fullmatch(text)) and (found := _month_word(m[1], shown)):
        month, era = found
        year = _year(m[2], era, shown, _MONTH_EXAMPLE)
    if year is not None:
        if not 1 <= month <= 12:
            raise ThaiParseError(
                f"เดือน '{shown}' ไม่มีอยู่จริง (เดือนต้องเป็น 1–12) {_MONTH_HINT}",
                f"month {shown!r} does not exist",
                value=value,
                problem_th=f"เป็นเดือนที่ไม่มีอยู่จริง (เดือนต้องเป็น 1–12) {_MONTH_HINT}",
            )
        return year, month
    found_day = _date_from_text(text, shown)
    if found_day is not None:
        return found_day.year, found_day.month
    raise ThaiParseError(
        f"รูปแบบเดือน '{shown}' ไม่ชัดเจน {_MONTH_HINT}",
        f"cannot read {shown!r} as a month; write e.g. พ.ย. 2568 or 11/2568",
        value=value,
        problem_th=f"อ่านเป็นเดือนไม่ได้ {_MONTH_HINT}",
    )


# --------------------------------------------------------------------------------------------
# yes / no

_YES = frozenset({"ใช่", "✓", "✔", "☑", "✅", "y", "yes", "true", "จริง", "1"})
YES_WORDS: frozenset[str] = _YES
"""The texts read as yes (case-folded, Thai ๑ read as 1)."""
_NO = frozenset({"ไม่ใช่", "ไม่", "✗", "✘", "❌", "n", "no", "false", "เท็จ", "0"})


def parse_yes_no(value: object) -> bool:
    """Read a yes/no answer.

    Yes: ``True``, ``1``, ``ใช่``, ``✓``, ``✔``, ``☑``, ``✅``, ``y``, ``yes``, ``true``, ``จริง``.
    No: ``False``, ``0``, ``ไม่ใช่``, ``ไม่``, ``✗``, ``✘``, ``❌``, ``n``, ``no``, ``false``,
    ``เท็จ``. Text is trimmed and case-insensitive; Thai digits ๑/๐ count as 1/0.

    Args:
        value: A cell value.

    Returns:
        ``True`` for yes, ``False`` for no.

    Raises:
        ThaiParseError: For anything else, including an empty cell.
    """
    if isinstance(value, bool):
        return value
    shown = _shown(value)
    if isinstance(value, Decimal) and not value.is_finite():
        pass  # NaN (even signalling) is neither yes nor no; comparing sNaN would raise
    elif isinstance(value, int | float | Decimal) and value in (0, 1):
        return bool(value == 1)
    if isinstance(value, str):
        key = _clean(value).casefold()
        if not key:
            raise ThaiParseError(
                "ไม่ได้กรอกคำตอบ กรุณาเลือก 'ใช่' หรือ 'ไม่ใช่'", "yes/no is empty", value=value,
                problem_th=_EMPTY,
            )
        if key in _YES:
            return True
        if key in _NO:
            return False
    if value is None:
        raise ThaiParseError(
            "ไม่ได้กรอกคำตอบ กรุณาเลือก 'ใช่' หรือ 'ไม่ใช่'", "yes/no is empty", value=value,
            problem_th=_EMPTY,
        )
    raise ThaiParseError(
        f"'{shown}' ไม่ใช่คำตอบ ใช่/ไม่ใช่ กรุณาเลือก 'ใช่' หรือ 'ไม่ใช่'",
        f"{shown!r} is not a yes/no answer",
        value=value,
        problem_th="ไม่ใช่คำตอบ ใช่/ไม่ใช่ กรุณาเลือก 'ใช่' หรือ 'ไม่ใช่'",
    )
