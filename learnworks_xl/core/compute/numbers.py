"""Rounding shared by the computations: percentages to two decimals, half-up."""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

HUNDREDTH = Decimal("0.01")


def half_up(value: Decimal, places: Decimal = HUNDREDTH) -> Decimal:
    """Round half-up (``12.345`` → ``12.35``), as Excel's ROUND does.

    Args:
        value: The number.
        places: The unit to round to (default ``0.01``).

    Returns:
        The rounded number.
    """
    return value.quantize(places, rounding=ROUND_HALF_UP)


def percent(part: Decimal | int, whole: Decimal | int) -> Decimal | None:
    """``part ÷ whole × 100`` rounded half-up to two decimals; None when ``whole`` is 0.

    Args:
        part: The numerator.
        whole: The denominator.

    Returns:
        The percentage (``Decimal("66.67")`` for 2 ÷ 3), or None.
    """
    if whole == 0:
        return None
    return half_up(Decimal(part) * 100 / Decimal(whole))
