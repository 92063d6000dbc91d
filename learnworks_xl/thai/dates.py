"""Buddhist-era years, the Thai fiscal year, Thai month names and Excel date serials.

The Buddhist era (พ.ศ., BE) is the Common Era year plus 543. The Thai government fiscal year
runs from 1 October to 30 September and is named by the later BE year: 1 Oct 2025 – 30 Sep 2026
is ปีงบประมาณ พ.ศ. 2569.
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import Literal

from learnworks_xl.thai.digits import to_thai_digits
from learnworks_xl.thai.errors import ThaiValueError

MonthStyle = Literal["full", "abbr"]
"""How a month name is written: ``"full"`` (พฤศจิกายน) or ``"abbr"`` (พ.ย.)."""

BE_OFFSET = 543
"""BE year − CE year."""

THAI_MONTHS_FULL: tuple[str, ...] = (
    "มกราคม",
    "กุมภาพันธ์",
    "มีนาคม",
    "เมษายน",
    "พฤษภาคม",
    "มิถุนายน",
    "กรกฎาคม",
    "สิงหาคม",
    "กันยายน",
    "ตุลาคม",
    "พฤศจิกายน",
    "ธันวาคม",
)
"""Full Thai month names, January first (``THAI_MONTHS_FULL[month - 1]``)."""

THAI_MONTHS_ABBR: tuple[str, ...] = (
    "ม.ค.",
    "ก.พ.",
    "มี.ค.",
    "เม.ย.",
    "พ.ค.",
    "มิ.ย.",
    "ก.ค.",
    "ส.ค.",
    "ก.ย.",
    "ต.ค.",
    "พ.ย.",
    "ธ.ค.",
)
"""Abbreviated Thai month names, January first (``THAI_MONTHS_ABBR[month - 1]``)."""

EXCEL_MAX_SERIAL_1900 = 2958465
"""Excel serial of 9999-12-31 in the 1900 date system."""

EXCEL_MAX_SERIAL_1904 = 2957003
"""Excel serial of 9999-12-31 in the 1904 date system."""

_EPOCH_1900 = date(1899, 12, 30)  # serial 61 = 1900-03-01 (serial 60 is Excel's fake 29 Feb 1900)
_EPOCH_1904 = date(1904, 1, 1)


def ce_to_be(year: int) -> int:
    """Convert a Common Era year to a Buddhist-era year.

    Args:
        year: CE year, e.g. 2025.

    Returns:
        The BE year, e.g. 2568.
    """
    return year + BE_OFFSET


def be_to_ce(year: int) -> int:
    """Convert a Buddhist-era year to a Common Era year.

    Args:
        year: BE year, e.g. 2568.

    Returns:
        The CE year, e.g. 2025.
    """
    return year - BE_OFFSET


def fiscal_year(d: date) -> int:
    """Return the Thai fiscal year (BE) a day falls in.

    Args:
        d: Any day (a ``datetime`` is fine too).

    Returns:
        The BE fiscal year: 2025-10-01 … 2026-09-30 → 2569.
    """
    return ce_to_be(d.year) + (1 if d.month >= 10 else 0)


def fiscal_year_bounds(be_year: int) -> tuple[date, date]:
    """Return the first and last day of a Thai fiscal year.

    Args:
        be_year: The BE fiscal year, e.g. 2569.

    Returns:
        ``(1 October of the previous CE year, 30 September)``, e.g.
        ``(date(2025, 10, 1), date(2026, 9, 30))`` for 2569.
    """
    ce = be_to_ce(be_year)
    return date(ce - 1, 10, 1), date(ce, 9, 30)


def gantt_months(be_year: int) -> list[tuple[int, int]]:
    """Return the 13 months of the action-plan Gantt of a fiscal year.

    The seed's Gantt runs from ก.ย. of the year before the fiscal year starts through the
    fiscal year's last month, ก.ย. (ก.ย. 2568 … ก.ย. 2569 for FY 2569).

    Args:
        be_year: The BE fiscal year, e.g. 2569.

    Returns:
        ``(CE year, month)`` pairs, oldest first: ``[(2025, 9), (2025, 10), …, (2026, 9)]``.
    """
    ce = be_to_ce(be_year)
    months = [(ce - 1, 9)]
    months += [(ce - 1, m) for m in (10, 11, 12)]
    months += [(ce, m) for m in range(1, 10)]
    return months


def month_name(month: int, style: MonthStyle = "full") -> str:
    """Return the Thai name of a month.

    Args:
        month: 1–12.
        style: ``"full"`` (พฤศจิกายน) or ``"abbr"`` (พ.ย.).

    Returns:
        The month name.

    Raises:
        ThaiValueError: If the month or the style is unknown.
    """
    if not 1 <= month <= 12 or isinstance(month, bool):
        raise ThaiValueError(
            f"เดือน {month} ไม่มีอยู่จริง (ต้องเป็น 1–12)",
            f"month must be 1-12, got {month!r}",
            value=month,
        )
    if style == "full":
        return THAI_MONTHS_FULL[month - 1]
    if style == "abbr":
        return THAI_MONTHS_ABBR[month - 1]
    raise ThaiValueError(
        f"รูปแบบชื่อเดือน '{style}' ไม่รู้จัก (ใช้ full หรือ abbr)",
        f"style must be 'full' or 'abbr', got {style!r}",
        value=style,
    )


def format_thai_date(d: date, style: MonthStyle = "full", thai_digits: bool = False) -> str:
    """Write a day the Thai way, with a Buddhist-era year.

    Args:
        d: The day (for a ``datetime`` the time is ignored).
        style: ``"full"`` → ``15 พฤศจิกายน 2568``; ``"abbr"`` → ``15 พ.ย. 2568``.
        thai_digits: Write the numbers with Thai digits (``๑๕ พ.ย. ๒๕๖๘``).

    Returns:
        The formatted date.
    """
    text = f"{d.day} {month_name(d.month, style)} {ce_to_be(d.year)}"
    return to_thai_digits(text) if thai_digits else text


def format_thai_month(
    year: int, month: int, style: MonthStyle = "full", thai_digits: bool = False
) -> str:
    """Write a month the Thai way, with a Buddhist-era year.

    Args:
        year: The CE year, e.g. 2025.
        month: 1–12.
        style: ``"full"`` → ``พฤศจิกายน 2568``; ``"abbr"`` → ``พ.ย. 2568``.
        thai_digits: Write the year with Thai digits.

    Returns:
        The formatted month.
    """
    text = f"{month_name(month, style)} {ce_to_be(year)}"
    return to_thai_digits(text) if thai_digits else text


def from_excel_serial(serial: int, *, date1904: bool = False) -> date:
    """Convert an Excel date serial number to a day.

    In the 1900 system Excel pretends 1900 was a leap year: serial 60 is the non-existent
    29 February 1900 and is rejected; serials from 61 on are shifted by one day.

    Args:
        serial: The whole serial number (1 = 1900-01-01, or 0 = 1904-01-01 with ``date1904``).
        date1904: The workbook uses the 1904 date system (old Excel for Mac).

    Returns:
        The day.

    Raises:
        ThaiValueError: If the serial is out of Excel's range or is the fake 29 Feb 1900.
    """
    top = EXCEL_MAX_SERIAL_1904 if date1904 else EXCEL_MAX_SERIAL_1900
    low = 0 if date1904 else 1
    if not low <= serial <= top:
        raise ThaiValueError(
            f"เลขวันที่ของ Excel {serial} อยู่นอกช่วงที่เป็นวันที่ได้ ({low}–{top})",
            f"Excel date serial {serial} is out of range {low}..{top}",
            value=serial,
        )
    if date1904:
        return _EPOCH_1904 + timedelta(days=serial)
    if serial == 60:
        raise ThaiValueError(
            "เลขวันที่ของ Excel 60 คือ 29 ก.พ. 1900 (ค.ศ.) ซึ่งไม่มีอยู่จริง",
            "Excel date serial 60 is the non-existent 1900-02-29",
            value=serial,
        )
    if serial < 60:
        return _EPOCH_1900 + timedelta(days=serial + 1)
    return _EPOCH_1900 + timedelta(days=serial)


def to_excel_serial(d: date, *, date1904: bool = False) -> int:
    """Convert a day to its Excel date serial number.

    Args:
        d: The day (for a ``datetime`` the time is ignored).
        date1904: Use the 1904 date system.

    Returns:
        The serial number, as Excel shows it for the day.

    Raises:
        ThaiValueError: If Excel cannot represent the day in that date system.
    """
    day = date(d.year, d.month, d.day)
    if date1904:
        serial = (day - _EPOCH_1904).days
        if serial < 0:
            raise ThaiValueError(
                f"วันที่ {day.isoformat()} อยู่ก่อนปี ค.ศ. 1904 ใช้ในระบบวันที่ 1904 ไม่ได้",
                f"{day.isoformat()} is before 1904-01-01",
                value=d,
            )
        return serial
    if day < date(1900, 1, 1):
        raise ThaiValueError(
            f"วันที่ {day.isoformat()} อยู่ก่อนปี ค.ศ. 1900 ซึ่ง Excel ไม่รองรับ",
            f"{day.isoformat()} is before 1900-01-01",
            value=d,
        )
    serial = (day - _EPOCH_1900).days
    return serial if serial >= 61 else serial - 1
