"""Tests for Buddhist-era years, the fiscal year, month names and Excel serials."""

from __future__ import annotations

from datetime import date, datetime, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from learnworks_xl.thai import (
    THAI_MONTHS_ABBR,
    THAI_MONTHS_FULL,
    ThaiValueError,
    be_to_ce,
    ce_to_be,
    fiscal_year,
    fiscal_year_bounds,
    format_thai_date,
    format_thai_month,
    from_excel_serial,
    gantt_months,
    month_name,
    parse_date,
    parse_month,
    to_excel_serial,
)


@pytest.mark.parametrize(("ce", "be"), [(2025, 2568), (2026, 2569), (1900, 2443), (0, 543)])
def test_era_conversion(ce: int, be: int) -> None:
    assert ce_to_be(ce) == be
    assert be_to_ce(be) == ce


@given(st.integers(min_value=-(10**6), max_value=10**6))
def test_era_property_round_trip(year: int) -> None:
    assert be_to_ce(ce_to_be(year)) == year
    assert ce_to_be(be_to_ce(year)) == year


@pytest.mark.parametrize(
    ("day", "expected"),
    [
        (date(2025, 9, 30), 2568),
        (date(2025, 10, 1), 2569),
        (date(2025, 11, 15), 2569),
        (date(2026, 1, 1), 2569),
        (date(2026, 9, 30), 2569),
        (date(2026, 10, 1), 2570),
        (datetime(2025, 10, 1, 8, 30), 2569),
    ],
)
def test_fiscal_year_examples(day: date, expected: int) -> None:
    assert fiscal_year(day) == expected


def test_fiscal_year_bounds_2569() -> None:
    assert fiscal_year_bounds(2569) == (date(2025, 10, 1), date(2026, 9, 30))


@given(st.dates(min_value=date(2, 1, 1), max_value=date(9998, 12, 31)))
def test_fiscal_year_property_inside_bounds(day: date) -> None:
    start, end = fiscal_year_bounds(fiscal_year(day))
    assert start <= day <= end
    assert (end - start).days in (364, 365)
    assert fiscal_year(start - timedelta(days=1)) == fiscal_year(day) - 1


def test_gantt_months_2569() -> None:
    months = gantt_months(2569)
    assert len(months) == 13
    assert months[0] == (2025, 9)
    assert months[1] == (2025, 10)
    assert months[-1] == (2026, 9)
    assert [format_thai_month(*months[0], "abbr"), format_thai_month(*months[-1], "abbr")] == [
        "ก.ย. 2568",
        "ก.ย. 2569",
    ]


@given(st.integers(min_value=2400, max_value=9000))
def test_gantt_months_property_consecutive(be_year: int) -> None:
    months = gantt_months(be_year)
    indexes = [y * 12 + m for y, m in months]
    assert indexes == list(range(indexes[0], indexes[0] + 13))


def test_month_names_constants() -> None:
    assert len(THAI_MONTHS_FULL) == len(THAI_MONTHS_ABBR) == 12
    assert THAI_MONTHS_FULL[0] == "มกราคม"
    assert THAI_MONTHS_FULL[10] == "พฤศจิกายน"
    assert THAI_MONTHS_FULL[11] == "ธันวาคม"
    assert THAI_MONTHS_ABBR == (
        "ม.ค.", "ก.พ.", "มี.ค.", "เม.ย.", "พ.ค.", "มิ.ย.",
        "ก.ค.", "ส.ค.", "ก.ย.", "ต.ค.", "พ.ย.", "ธ.ค.",
    )  # fmt: skip


@pytest.mark.parametrize("month", [0, 13, -1])
def test_month_name_rejects_invalid(month: int) -> None:
    with pytest.raises(ThaiValueError):
        month_name(month)


@pytest.mark.parametrize(
    ("day", "style", "thai_digits", "expected"),
    [
        (date(2025, 11, 15), "full", False, "15 พฤศจิกายน 2568"),
        (date(2025, 11, 15), "abbr", False, "15 พ.ย. 2568"),
        (date(2025, 11, 15), "abbr", True, "๑๕ พ.ย. ๒๕๖๘"),
        (date(2026, 1, 1), "full", False, "1 มกราคม 2569"),
        (datetime(2026, 9, 30, 23, 59), "abbr", False, "30 ก.ย. 2569"),
    ],
)
def test_format_thai_date_styles(day: date, style: str, thai_digits: bool, expected: str) -> None:
    assert format_thai_date(day, style, thai_digits) == expected  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("year", "month", "style", "thai_digits", "expected"),
    [
        (2025, 11, "full", False, "พฤศจิกายน 2568"),
        (2025, 11, "abbr", False, "พ.ย. 2568"),
        (2026, 7, "full", True, "กรกฎาคม ๒๕๖๙"),
    ],
)
def test_format_thai_month_styles(
    year: int, month: int, style: str, thai_digits: bool, expected: str
) -> None:
    assert format_thai_month(year, month, style, thai_digits) == expected  # type: ignore[arg-type]


def test_format_thai_month_rejects_bad_style() -> None:
    with pytest.raises(ThaiValueError):
        format_thai_month(2025, 11, "long")  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("serial", "date1904", "expected"),
    [
        (1, False, date(1900, 1, 1)),
        (59, False, date(1900, 2, 28)),
        (61, False, date(1900, 3, 1)),
        (45976, False, date(2025, 11, 15)),
        (2958465, False, date(9999, 12, 31)),
        (0, True, date(1904, 1, 1)),
        (44514, True, date(2025, 11, 15)),
        (2957003, True, date(9999, 12, 31)),
    ],
)
def test_excel_serial_examples(serial: int, date1904: bool, expected: date) -> None:
    assert from_excel_serial(serial, date1904=date1904) == expected
    assert to_excel_serial(expected, date1904=date1904) == serial


@pytest.mark.parametrize(
    ("serial", "date1904"), [(60, False), (0, False), (-1, False), (2958466, False), (-1, True)]
)
def test_excel_serial_rejects_invalid(serial: int, date1904: bool) -> None:
    with pytest.raises(ThaiValueError):
        from_excel_serial(serial, date1904=date1904)


@given(st.dates(min_value=date(1900, 1, 1)), st.booleans())
def test_excel_serial_property_round_trip(day: date, date1904: bool) -> None:
    if date1904 and day < date(1904, 1, 1):
        return
    serial = to_excel_serial(day, date1904=date1904)
    assert from_excel_serial(serial, date1904=date1904) == day
    assert parse_date(serial, date1904=date1904) == day
    assert parse_date(serial + 0.75, date1904=date1904) == day  # a time of day is dropped


_parseable_dates = st.dates(min_value=date(1900, 1, 1), max_value=date(9000, 12, 31))


@given(_parseable_dates, st.sampled_from(["full", "abbr"]), st.booleans())
def test_format_thai_date_property_parse_round_trip(
    day: date, style: str, thai_digits: bool
) -> None:
    text = format_thai_date(day, style, thai_digits)  # type: ignore[arg-type]
    assert parse_date(text) == day


@given(_parseable_dates, st.sampled_from(["full", "abbr"]), st.booleans())
def test_format_thai_month_property_parse_round_trip(
    day: date, style: str, thai_digits: bool
) -> None:
    text = format_thai_month(day.year, day.month, style, thai_digits)  # type: ignore[arg-type]
    assert parse_month(text) == (day.year, day.month)
