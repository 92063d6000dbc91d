"""Tests for Thai ⇄ Arabic digits."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from learnworks_xl.thai import (
    ARABIC_DIGITS,
    THAI_DIGITS,
    to_arabic_digits,
    to_thai_digits,
)


@pytest.mark.parametrize(
    ("arabic", "thai"),
    [
        ("0123456789", "๐๑๒๓๔๕๖๗๘๙"),
        ("15,100.-", "๑๕,๑๐๐.-"),
        ("15 พ.ย. 2568", "๑๕ พ.ย. ๒๕๖๘"),
        ("", ""),
        ("ไม่มีตัวเลข abc", "ไม่มีตัวเลข abc"),
    ],
)
def test_digits_both_directions(arabic: str, thai: str) -> None:
    assert to_thai_digits(arabic) == thai
    assert to_arabic_digits(thai) == arabic


@pytest.mark.parametrize("text", ["๑๕,1๐๐", "69,5๐๐.-"])
def test_digits_mixed_input(text: str) -> None:
    assert not set(to_arabic_digits(text)) & set(THAI_DIGITS)
    assert not set(to_thai_digits(text)) & set(ARABIC_DIGITS)


@pytest.mark.parametrize("text", ["²³", "١٢٣", "１２３"])  # other scripts' digits are left alone
def test_digits_other_scripts_untouched(text: str) -> None:
    assert to_arabic_digits(text) == text
    assert to_thai_digits(text) == text


_no_thai = st.text().filter(lambda s: not set(s) & set(THAI_DIGITS))
_no_arabic = st.text().filter(lambda s: not set(s) & set(ARABIC_DIGITS))


@given(_no_thai)
def test_digits_property_arabic_round_trip(text: str) -> None:
    assert to_arabic_digits(to_thai_digits(text)) == text


@given(_no_arabic)
def test_digits_property_thai_round_trip(text: str) -> None:
    assert to_thai_digits(to_arabic_digits(text)) == text


@given(st.text())
def test_digits_property_length_and_idempotence(text: str) -> None:
    thai = to_thai_digits(text)
    assert len(thai) == len(text)
    assert to_thai_digits(thai) == thai
    assert to_thai_digits(to_arabic_digits(text)) == thai


@given(st.integers())
def test_digits_property_integers(n: int) -> None:
    assert int(to_arabic_digits(to_thai_digits(str(n)))) == n
