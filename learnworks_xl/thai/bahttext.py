"""Amounts of money: Excel's ``BAHTTEXT`` (the amount in Thai words) and ``15,100.00`` formatting.

Why our own ``BAHTTEXT``
------------------------
The reference is Microsoft Excel, because that is what the office's clerks and the
Education Office see. The other implementations at hand write some numbers differently:

* LibreOffice Calc's ``BAHTTEXT`` writes 101 as ``หนึ่งร้อยหนึ่ง`` and 1,000,001 as
  ``หนึ่งล้านหนึ่ง``; Excel writes ``หนึ่งร้อยเอ็ด`` and ``หนึ่งล้านเอ็ด``.
* PyThaiNLP's ``bahttext`` follows its own ``num_to_thaiword`` rules, which differ from Excel in
  the same places (เอ็ด after a higher digit, across the ล้าน boundary) and in rounding, and
  pulling in PyThaiNLP for one function is a heavy dependency.

So this module implements Excel's rules directly, with the standard library only:

* digits ``ศูนย์ หนึ่ง สอง … เก้า``, places ``สิบ ร้อย พัน หมื่น แสน``, then ``ล้าน`` repeated for
  every further six digits (10^12 is ``หนึ่งล้านล้าน``);
* the tens digit 1 is ``สิบ`` and 2 is ``ยี่สิบ``;
* a units digit 1 is ``เอ็ด`` whenever any higher digit of the number is non-zero, even in a
  higher six-digit group (11 → สิบเอ็ด, 101 → หนึ่งร้อยเอ็ด, 1,000,001 → หนึ่งล้านเอ็ด), and
  ``หนึ่ง`` otherwise (1 → หนึ่ง, 1,000,000 → หนึ่งล้าน);
* the amount is rounded half-up to satang on its *decimal* value (a float is read through its
  shortest ``repr``, so 2.675 → 68 สตางค์, not the 67 the binary float would give);
* whole amounts end in ``บาทถ้วน``; otherwise the satang follow in words and the text ends in
  ``สตางค์``, with no ``ศูนย์บาท`` before them (0.50 → ห้าสิบสตางค์); zero is ``ศูนย์บาทถ้วน``;
  negative amounts start with ``ลบ``.
"""

from __future__ import annotations

import math
from decimal import ROUND_HALF_UP, Decimal, localcontext
from typing import Literal

from learnworks_xl.thai.digits import to_thai_digits
from learnworks_xl.thai.errors import ThaiValueError
from learnworks_xl.thai.parse import parse_amount

AmountLike = Decimal | int | float | str
"""What the amount functions accept."""

BAHTTEXT_LIMIT = Decimal(10) ** 16
"""Amounts whose magnitude (after rounding to satang) reaches this are rejected."""

_CENT = Decimal("0.01")
_DIGITS = ("ศูนย์", "หนึ่ง", "สอง", "สาม", "สี่", "ห้า", "หก", "เจ็ด", "แปด", "เก้า")
_PLACES = ("", "สิบ", "ร้อย", "พัน", "หมื่น", "แสน")
_MILLION = 10**6


def _to_decimal(amount: object) -> Decimal:
    """Any accepted amount → a finite Decimal (text is read as clerks type it)."""
    if isinstance(amount, bool):
        raise ThaiValueError(
            f"ค่า {amount} ไม่ใช่จำนวนเงิน",
            f"a boolean ({amount!r}) is not an amount",
            value=amount,
        )
    if isinstance(amount, float) and not math.isfinite(amount):
        raise ThaiValueError(
            f"จำนวนเงิน '{amount}' ไม่ใช่ตัวเลขที่ใช้ได้",
            f"amount {amount!r} is not a finite number",
            value=amount,
        )
    if not isinstance(amount, Decimal | int | float | str):
        raise ThaiValueError(
            f"'{amount}' ไม่ใช่จำนวนเงิน",
            f"{type(amount).__name__} is not an amount",
            value=amount,
        )
    return parse_amount(amount)  # Decimal, NaN check, float via repr, text via the parser


def _round_satang(amount: object) -> Decimal:
    """Round to satang, half-up on the decimal value; reject |amount| ≥ 10^16."""
    value = _to_decimal(amount)
    with localcontext() as ctx:
        ctx.prec = 60
        too_big = abs(value) >= BAHTTEXT_LIMIT
        rounded = value if too_big else value.quantize(_CENT, rounding=ROUND_HALF_UP)
    if too_big or abs(rounded) >= BAHTTEXT_LIMIT:
        raise ThaiValueError(
            f"จำนวนเงิน {amount} มากเกินไป (ต้องน้อยกว่า 10,000 ล้านล้านบาท)",
            f"amount {amount!r} is out of range (|amount| must be below 10**16)",
            value=amount,
        )
    return rounded


def _group_words(n: int, higher: bool) -> str:
    """Words for 0 ≤ n < 10^6; ``higher``: a non-zero digit stands above this group."""
    words: list[str] = []
    for place, char in zip(range(5, -1, -1), f"{n:06d}", strict=True):
        digit = int(char)
        if digit == 0:
            continue
        if place == 1:
            words.append({1: "สิบ", 2: "ยี่สิบ"}.get(digit, _DIGITS[digit] + "สิบ"))
        elif place == 0 and digit == 1 and (higher or n > 1):
            words.append("เอ็ด")
        else:
            words.append(_DIGITS[digit] + _PLACES[place])
    return "".join(words)


def _integer_words(n: int, higher: bool = False) -> str:
    """Words for a whole number n > 0, ล้าน repeated every six digits."""
    if n < _MILLION:
        return _group_words(n, higher)
    upper, lower = divmod(n, _MILLION)
    return _integer_words(upper, higher) + "ล้าน" + (_group_words(lower, True) if lower else "")


def bahttext(amount: AmountLike) -> str:
    """Write an amount of money in Thai words, exactly like Microsoft Excel's ``BAHTTEXT``.

    See the module docstring for the rules and for why we do not use LibreOffice's or
    PyThaiNLP's version. Examples: ``1`` → หนึ่งบาทถ้วน, ``101`` → หนึ่งร้อยเอ็ดบาทถ้วน,
    ``1000001`` → หนึ่งล้านเอ็ดบาทถ้วน, ``0.5`` → ห้าสิบสตางค์, ``-1`` → ลบหนึ่งบาทถ้วน,
    ``2.675`` → สองบาทหกสิบแปดสตางค์, ``69500`` → หกหมื่นเก้าพันห้าร้อยบาทถ้วน.

    Args:
        amount: The amount in baht. Text is read like :func:`~learnworks_xl.thai.parse_amount`
            (``"15,100.-"``, Thai digits); a float through its shortest ``repr``.

    Returns:
        The amount in words, ending in ``บาทถ้วน`` or ``สตางค์``.

    Raises:
        ThaiValueError: For NaN, infinity, booleans, unreadable text, or ``|amount| ≥ 10^16``
            (after rounding to satang).
    """
    rounded = _round_satang(amount)
    if rounded == 0:
        return "ศูนย์บาทถ้วน"
    sign = "ลบ" if rounded < 0 else ""
    rounded = abs(rounded)
    baht = int(rounded)
    satang = int((rounded - baht) * 100)
    text = sign + (_integer_words(baht) + "บาท" if baht else "")
    return text + (_group_words(satang, False) + "สตางค์" if satang else "ถ้วน")


def format_baht(
    amount: AmountLike,
    style: Literal["plain", "dash"] = "plain",
    thai_digits: bool = False,
) -> str:
    """Format an amount with thousands separators and satang, the way Thai documents do.

    Args:
        amount: The amount in baht (as for :func:`bahttext`); rounded half-up to satang.
        style: ``"plain"`` → ``15,100.00``; ``"dash"`` → ``15,100.-`` for whole amounts (a
            non-whole amount is still written ``15,100.50``).
        thai_digits: Write the digits as Thai digits (``๑๕,๑๐๐.๐๐``).

    Returns:
        The formatted amount; negative amounts start with ``-``.

    Raises:
        ThaiValueError: As for :func:`bahttext`, or for an unknown style.
    """
    if style not in ("plain", "dash"):
        raise ThaiValueError(
            f"รูปแบบจำนวนเงิน '{style}' ไม่รู้จัก (ใช้ plain หรือ dash)",
            f"style must be 'plain' or 'dash', got {style!r}",
            value=style,
        )
    rounded = _round_satang(amount)
    if rounded == 0:
        rounded = abs(rounded)  # no "-0.00"
    if style == "dash" and rounded == rounded.to_integral_value():
        text = f"{int(rounded):,}.-"
    else:
        text = f"{rounded:,.2f}"
    return to_thai_digits(text) if thai_digits else text
