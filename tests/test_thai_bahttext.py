"""Tests for ``bahttext`` (Excel's BAHTTEXT) and ``format_baht``."""

from __future__ import annotations

import re
from decimal import ROUND_HALF_UP, Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from learnworks_xl.thai import ThaiValueError, bahttext, format_baht, parse_amount

# --- a reader of Thai number words, used to check bahttext's output independently ---------

_DIGIT_WORDS = {
    "ศูนย์": 0, "หนึ่ง": 1, "เอ็ด": 1, "สอง": 2, "ยี่": 2, "สาม": 3, "สี่": 4,
    "ห้า": 5, "หก": 6, "เจ็ด": 7, "แปด": 8, "เก้า": 9,
}  # fmt: skip
_PLACE_WORDS = {"สิบ": 10, "ร้อย": 100, "พัน": 1000, "หมื่น": 10**4, "แสน": 10**5}
_TOKEN = re.compile("|".join(sorted([*_DIGIT_WORDS, *_PLACE_WORDS], key=len, reverse=True)))


def _group_value(text: str) -> int:
    assert _TOKEN.sub("", text) == "", f"unexpected words in {text!r}"
    value, digit = 0, None
    for token in _TOKEN.findall(text):
        if token in _DIGIT_WORDS:
            assert digit is None, f"two digits in a row in {text!r}"
            digit = _DIGIT_WORDS[token]
        else:
            value += (1 if digit is None else digit) * _PLACE_WORDS[token]
            digit = None
    return value + (digit or 0)


def _words_value(text: str) -> int:
    total = 0
    for part in text.split("ล้าน"):
        total = total * 10**6 + _group_value(part)
    return total


def _read_bahttext(text: str) -> Decimal:
    """Thai words → amount (the inverse of bahttext, for property tests)."""
    sign = -1 if text.startswith("ลบ") else 1
    text = text.removeprefix("ลบ")
    if text.endswith("บาทถ้วน"):
        return Decimal(sign * _words_value(text.removesuffix("บาทถ้วน")))
    assert text.endswith("สตางค์"), text
    baht_text, _, satang_text = text.removesuffix("สตางค์").rpartition("บาท")
    baht = _words_value(baht_text) if baht_text else 0
    return sign * (Decimal(baht) + Decimal(_words_value(satang_text)) / 100)


# --- examples -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("amount", "expected"),
    [
        (1, "หนึ่งบาทถ้วน"),
        (11, "สิบเอ็ดบาทถ้วน"),
        (20, "ยี่สิบบาทถ้วน"),
        (21, "ยี่สิบเอ็ดบาทถ้วน"),
        (101, "หนึ่งร้อยเอ็ดบาทถ้วน"),
        (1001, "หนึ่งพันเอ็ดบาทถ้วน"),
        (15100, "หนึ่งหมื่นห้าพันหนึ่งร้อยบาทถ้วน"),
        (13100, "หนึ่งหมื่นสามพันหนึ่งร้อยบาทถ้วน"),
        (30200, "สามหมื่นสองร้อยบาทถ้วน"),
        (69500, "หกหมื่นเก้าพันห้าร้อยบาทถ้วน"),
        (1000000, "หนึ่งล้านบาทถ้วน"),
        (1000001, "หนึ่งล้านเอ็ดบาทถ้วน"),
        (2000001, "สองล้านเอ็ดบาทถ้วน"),
        (11000000, "สิบเอ็ดล้านบาทถ้วน"),
        (21000000, "ยี่สิบเอ็ดล้านบาทถ้วน"),
        (1000000001, "หนึ่งพันล้านเอ็ดบาทถ้วน"),
        (1000000000000, "หนึ่งล้านล้านบาทถ้วน"),
        (1000000000001, "หนึ่งล้านล้านเอ็ดบาทถ้วน"),
        (10**15, "หนึ่งพันล้านล้านบาทถ้วน"),
        (0, "ศูนย์บาทถ้วน"),
        (-1, "ลบหนึ่งบาทถ้วน"),
        (-21, "ลบยี่สิบเอ็ดบาทถ้วน"),
    ],
)
def test_bahttext_whole_amounts(amount: int, expected: str) -> None:
    assert bahttext(amount) == expected


@pytest.mark.parametrize(
    ("amount", "expected"),
    [
        (Decimal("0.50"), "ห้าสิบสตางค์"),
        (0.5, "ห้าสิบสตางค์"),
        (Decimal("0.01"), "หนึ่งสตางค์"),
        (Decimal("0.11"), "สิบเอ็ดสตางค์"),
        (Decimal("0.21"), "ยี่สิบเอ็ดสตางค์"),
        (Decimal("1.01"), "หนึ่งบาทหนึ่งสตางค์"),
        (1.01, "หนึ่งบาทหนึ่งสตางค์"),
        (Decimal("101.21"), "หนึ่งร้อยเอ็ดบาทยี่สิบเอ็ดสตางค์"),
        (Decimal("-0.50"), "ลบห้าสิบสตางค์"),
        (Decimal("15100.75"), "หนึ่งหมื่นห้าพันหนึ่งร้อยบาทเจ็ดสิบห้าสตางค์"),
    ],
)
def test_bahttext_satang(amount: Decimal | float, expected: str) -> None:
    assert bahttext(amount) == expected


@pytest.mark.parametrize(
    ("amount", "expected"),
    [
        (2.675, "สองบาทหกสิบแปดสตางค์"),  # the binary float is 2.67499999…
        (Decimal("2.675"), "สองบาทหกสิบแปดสตางค์"),
        ("2.675", "สองบาทหกสิบแปดสตางค์"),
        (0.995, "หนึ่งบาทถ้วน"),  # rounding carries into baht
        (Decimal("0.004"), "ศูนย์บาทถ้วน"),
        (Decimal("-0.004"), "ศูนย์บาทถ้วน"),
        (Decimal("-2.675"), "ลบสองบาทหกสิบแปดสตางค์"),  # half away from zero, like ROUND
        (Decimal("999999.995"), "หนึ่งล้านบาทถ้วน"),
    ],
)
def test_bahttext_rounding(amount: Decimal | float | str, expected: str) -> None:
    assert bahttext(amount) == expected


@pytest.mark.parametrize(
    ("amount", "expected"),
    [("69,500.-", "หกหมื่นเก้าพันห้าร้อยบาทถ้วน"), ("๑๕,๑๐๐", "หนึ่งหมื่นห้าพันหนึ่งร้อยบาทถ้วน")],
)
def test_bahttext_text_input(amount: str, expected: str) -> None:
    assert bahttext(amount) == expected


@pytest.mark.parametrize(
    "amount",
    [
        float("nan"),
        float("inf"),
        float("-inf"),
        Decimal("NaN"),
        Decimal("Infinity"),
        10**16,
        -(10**16),
        Decimal("9999999999999999.995"),  # rounds up to 10^16
        Decimal("1E+100"),
        "abc",
        "",
        True,
    ],
)
def test_bahttext_rejects_invalid(amount: object) -> None:
    with pytest.raises(ThaiValueError) as info:
        bahttext(amount)  # type: ignore[arg-type]
    assert isinstance(info.value, ValueError)
    assert info.value.message_th


def test_bahttext_largest_accepted() -> None:
    text = bahttext(Decimal("9999999999999999.99"))
    assert text.startswith("เก้าพันเก้าร้อยเก้าสิบเก้าล้านเก้าแสน")
    assert text.count("ล้าน") == 2
    assert text.endswith("บาทเก้าสิบเก้าสตางค์")


# --- format_baht ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("amount", "style", "thai_digits", "expected"),
    [
        (15100, "plain", False, "15,100.00"),
        (15100, "dash", False, "15,100.-"),
        (Decimal("15100.50"), "dash", False, "15,100.50"),
        (Decimal("15100.50"), "plain", False, "15,100.50"),
        (69500, "dash", True, "๖๙,๕๐๐.-"),
        (0, "plain", False, "0.00"),
        (0, "dash", False, "0.-"),
        (Decimal("-0.001"), "plain", False, "0.00"),
        (-500, "plain", False, "-500.00"),
        (-500, "dash", False, "-500.-"),
        (2.675, "plain", False, "2.68"),
        (Decimal("999.995"), "dash", False, "1,000.-"),
        (1234567.891, "plain", True, "๑,๒๓๔,๕๖๗.๘๙"),
    ],
)
def test_format_baht_styles(
    amount: Decimal | int | float, style: str, thai_digits: bool, expected: str
) -> None:
    assert format_baht(amount, style, thai_digits) == expected  # type: ignore[arg-type]


def test_format_baht_rejects_unknown_style() -> None:
    with pytest.raises(ThaiValueError):
        format_baht(1, "fancy")  # type: ignore[arg-type]


# --- properties -----------------------------------------------------------------------------

_LIMIT = Decimal("9999999999999999.99")
_in_range = st.decimals(min_value=-_LIMIT, max_value=_LIMIT, allow_nan=False, allow_infinity=False)
_two_places = st.decimals(
    min_value=-_LIMIT, max_value=_LIMIT, places=2, allow_nan=False, allow_infinity=False
)


@given(_in_range)
def test_bahttext_property_never_crashes(amount: Decimal) -> None:
    text = bahttext(amount)
    assert text.endswith(("บาทถ้วน", "สตางค์"))
    assert "หนึ่งสิบ" not in text and "สองสิบ" not in text


@given(_two_places)
def test_bahttext_property_words_read_back(amount: Decimal) -> None:
    assert _read_bahttext(bahttext(amount)) == amount


@given(_in_range)
def test_bahttext_property_rounds_half_up(amount: Decimal) -> None:
    expected = amount.quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
    assert _read_bahttext(bahttext(amount)) == expected


@given(st.integers(min_value=2, max_value=10**16 - 1))
def test_bahttext_property_units_one_is_et(baht: int) -> None:
    words = bahttext(baht).removesuffix("บาทถ้วน")
    if baht % 10 == 1:
        assert words.endswith("เอ็ด")
    assert not words.endswith("หนึ่ง")


@given(st.floats(min_value=-1e15, max_value=1e15, allow_nan=False))
def test_bahttext_property_float_uses_repr(amount: float) -> None:
    assert bahttext(amount) == bahttext(Decimal(repr(amount)))


@given(_two_places)
def test_format_baht_property_parse_round_trip(amount: Decimal) -> None:
    assert parse_amount(format_baht(amount)) == amount
    assert parse_amount(format_baht(amount, "dash", thai_digits=True)) == amount
