"""Thai digits (๐–๙) ⇄ Arabic digits (0–9)."""

from __future__ import annotations

THAI_DIGITS = "๐๑๒๓๔๕๖๗๘๙"
"""The ten Thai digits, ``THAI_DIGITS[n]`` is the digit for ``n``."""

ARABIC_DIGITS = "0123456789"
"""The ten Arabic (ASCII) digits."""

_TO_THAI = str.maketrans(ARABIC_DIGITS, THAI_DIGITS)
_TO_ARABIC = str.maketrans(THAI_DIGITS, ARABIC_DIGITS)


def to_thai_digits(s: str) -> str:
    """Replace every Arabic digit 0–9 with its Thai digit ๐–๙.

    Args:
        s: Any text.

    Returns:
        The text with Arabic digits replaced; every other character is left untouched.
    """
    return s.translate(_TO_THAI)


def to_arabic_digits(s: str) -> str:
    """Replace every Thai digit ๐–๙ with its Arabic digit 0–9.

    Args:
        s: Any text.

    Returns:
        The text with Thai digits replaced; every other character is left untouched.
    """
    return s.translate(_TO_ARABIC)
