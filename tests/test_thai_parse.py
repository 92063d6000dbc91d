"""Tests for the tolerant parsers: amounts, whole numbers, dates, months, yes/no."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from learnworks_xl.thai import (
    ThaiParseError,
    ThaiValueError,
    format_baht,
    format_thai_date,
    parse_amount,
    parse_date,
    parse_int,
    parse_month,
    parse_yes_no,
    to_thai_digits,
)

# --- parse_amount ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("15,100", Decimal(15100)),
        ("15100", Decimal(15100)),
        ("15,100.-", Decimal(15100)),
        ("15,100.- บาท", Decimal(15100)),
        ("15,100 บาท", Decimal(15100)),
        ("15,100บาท", Decimal(15100)),
        ("฿15,100", Decimal(15100)),
        ("฿ 15,100.00", Decimal("15100.00")),
        ("๑๕,๑๐๐", Decimal(15100)),
        ("69,5๐๐.-", Decimal(69500)),
        ("1,234.50", Decimal("1234.50")),
        (" 15100 ", Decimal(15100)),
        ("\u200b15,100\u00a0", Decimal(15100)),
        ("-500", Decimal(-500)),
        ("-฿500", Decimal(-500)),
        ("+500", Decimal(500)),
        ("0.50", Decimal("0.50")),
        (".50", Decimal("0.50")),
        ("1,000,000", Decimal(1000000)),
    ],
)
def test_parse_amount_text(value: str, expected: Decimal) -> None:
    assert parse_amount(value) == expected


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (15100, Decimal(15100)),
        (2.675, Decimal("2.675")),
        (0.1, Decimal("0.1")),
        (Decimal("15100.50"), Decimal("15100.50")),
        (-3, Decimal(-3)),
    ],
)
def test_parse_amount_numbers(value: object, expected: Decimal) -> None:
    result = parse_amount(value)
    assert result == expected
    assert isinstance(result, Decimal)


@pytest.mark.parametrize(
    ("value", "message_part"),
    [
        ("", "ไม่ได้กรอกจำนวนเงิน"),
        ("   ", "ไม่ได้กรอกจำนวนเงิน"),
        (None, "ไม่ได้กรอกจำนวนเงิน"),
        ("abc", "จำนวนเงิน 'abc' ไม่ใช่ตัวเลข"),
        ("บาท", "ไม่ใช่ตัวเลข"),
        ("1,00,0", "จุลภาค"),
        ("1,0000", "จุลภาค"),
        ("15.100,00", "จุลภาค"),
        ("1.2.3", "จุลภาค"),
        ("(500)", "วงเล็บ"),
        ("15,100-", "ไม่ใช่ตัวเลข"),
        ("15,100.50.-", "ไม่ใช่ตัวเลข"),
        ("1e5", "ไม่ใช่ตัวเลข"),
        ("--500", "ไม่ใช่ตัวเลข"),
        ("15 100", "ไม่ใช่ตัวเลข"),
        (True, "จริง/เท็จ"),
        (False, "จริง/เท็จ"),
        (float("nan"), "ไม่ใช่ตัวเลขที่ใช้ได้"),
        (float("inf"), "ไม่ใช่ตัวเลขที่ใช้ได้"),
        (Decimal("NaN"), "ไม่ใช่ตัวเลขที่ใช้ได้"),
        ([1], "ไม่ใช่ตัวเลข"),
        (date(2025, 1, 1), "ไม่ใช่ตัวเลข"),
    ],
)
def test_parse_amount_rejects(value: object, message_part: str) -> None:
    with pytest.raises(ThaiParseError) as info:
        parse_amount(value)
    assert message_part in info.value.message_th
    assert str(info.value) == info.value.message_en
    assert isinstance(info.value, ValueError)
    assert isinstance(info.value, ThaiValueError)


@given(st.decimals(min_value=-(10**12), max_value=10**12, places=2))
def test_parse_amount_property_format_round_trip(amount: Decimal) -> None:
    for text in (format_baht(amount), format_baht(amount, "dash"), str(amount)):
        assert parse_amount(text) == amount
        assert parse_amount(to_thai_digits(text)) == amount
        assert parse_amount(f" ฿{text} บาท ") == amount


@given(st.floats(allow_nan=False, allow_infinity=False))
def test_parse_amount_property_float_repr(value: float) -> None:
    assert parse_amount(value) == Decimal(repr(value))


# --- parse_int ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (3, 3),
        (3.0, 3),
        ("3", 3),
        ("3.0", 3),
        ("๑๒", 12),
        (" 1,000 ", 1000),
        (Decimal("7.00"), 7),
        ("-2", -2),
    ],
)
def test_parse_int_accepts(value: object, expected: int) -> None:
    result = parse_int(value)
    assert result == expected
    assert type(result) is int


@pytest.mark.parametrize(
    ("value", "message_part"),
    [
        (3.5, "จำนวนเต็ม"),
        ("3.5", "จำนวนเต็ม"),
        ("abc", "ไม่ใช่ตัวเลข"),
        ("", "ไม่ได้กรอก"),
        (None, "ไม่ได้กรอก"),
        (True, "จริง/เท็จ"),
        (float("nan"), "ไม่ใช่ตัวเลขที่ใช้ได้"),
        ("3 บาท", "ไม่ใช่ตัวเลข"),
    ],
)
def test_parse_int_rejects(value: object, message_part: str) -> None:
    with pytest.raises(ThaiParseError) as info:
        parse_int(value)
    assert message_part in info.value.message_th


@given(st.integers(min_value=-(10**18), max_value=10**18))
def test_parse_int_property_round_trip(n: int) -> None:
    assert parse_int(str(n)) == n
    assert parse_int(to_thai_digits(f"{n:,}")) == n


# --- parse_date -----------------------------------------------------------------------------

_NOV15 = date(2025, 11, 15)


@pytest.mark.parametrize(
    "value",
    [
        "15/11/2568",
        "15-11-2568",
        "15.11.2568",
        "15/11/2025",
        "๑๕/๑๑/๒๕๖๘",
        "15 พ.ย. 2568",
        "15 พ.ย.2568",
        "15 พย 2568",
        "15 พฤศจิกายน 2568",
        "15 พฤศจิกายน พ.ศ. 2568",
        "15 พฤศจิกายน พ.ศ.2568",
        "15 พ.ย. ค.ศ. 2025",
        "วันที่ 15 พฤศจิกายน 2568",
        "๑๕ พ.ย. ๒๕๖๘",
        "  15/11/2568  ",
        "2025-11-15",
        "2568-11-15",
        "2025-11-15T00:00:00",
        "2025-11-15 13:45:00",
        _NOV15,
        datetime(2025, 11, 15, 9, 30),
        45976,
        45976.0,
        45976.999,
        Decimal(45976),
    ],
)
def test_parse_date_accepts(value: object) -> None:
    result = parse_date(value)
    assert result == _NOV15
    assert type(result) is date


def test_parse_date_1904_system() -> None:
    assert parse_date(44514, date1904=True) == _NOV15


@pytest.mark.parametrize(
    ("value", "message_part"),
    [
        ("31/02/2569", "วันที่ 31/02/2569 ไม่มีอยู่จริง"),
        ("29/02/2568", "ไม่มีอยู่จริง"),  # 2025 is not a leap year
        ("0/11/2568", "ไม่มีอยู่จริง"),
        ("15/0/2568", "ไม่มีอยู่จริง"),
        ("15/13/2568", "ไม่มีอยู่จริง"),
        ("31 เม.ย. 2569", "ไม่มีอยู่จริง"),
        ("11/15/2568", "ไม่ชัดเจน"),  # US month/day order is never accepted
        ("15/11/68", "2 หลัก"),
        ("15 พ.ย. 68", "2 หลัก"),
        ("15/11/568", "ไม่ถูกต้อง"),
        ("15/11/1568", "ไม่ถูกต้อง"),
        ("15 พ.ย. พ.ศ. 2025", "ไม่ถูกต้อง"),
        ("15 พ.ย. ค.ศ. 2568", "ไม่ถูกต้อง"),
        ("15/11-2568", "ไม่ชัดเจน"),
        ("15 Nov 2025", "ไม่ชัดเจน"),
        ("15 พฤศจิ 2568", "ไม่ชัดเจน"),
        ("45976", "ไม่ชัดเจน"),
        ("hello", "รูปแบบวันที่ 'hello' ไม่ชัดเจน กรุณาใช้ วว/ดด/ปปปป (พ.ศ.) เช่น 15/11/2568"),
        ("", "ไม่ได้กรอกวันที่"),
        (None, "ไม่ได้กรอกวันที่"),
        (True, "จริง/เท็จ"),
        (60, "ไม่มีอยู่จริง"),  # Excel's fake 29 Feb 1900
        (0, "นอกช่วง"),
        (-5, "นอกช่วง"),
        (2958466, "นอกช่วง"),
        (float("nan"), "ไม่ใช่ตัวเลข"),
        ([2025, 11, 15], "ไม่ชัดเจน"),
    ],
)
def test_parse_date_rejects(value: object, message_part: str) -> None:
    with pytest.raises(ThaiParseError) as info:
        parse_date(value)
    assert message_part in info.value.message_th


@given(
    st.dates(min_value=date(1900, 1, 1), max_value=date(9000, 12, 31)),
    st.sampled_from(
        [
            "{d}/{m}/{be}",
            "{d:02d}-{m:02d}-{be}",
            "{ce}-{m:02d}-{d:02d}",
            "{d}/{m}/{ce}",
            "{be}/{m}/{d}",
        ]
    ),
    st.booleans(),
)
def test_parse_date_property_text_round_trip(day: date, pattern: str, thai_digits: bool) -> None:
    if "{ce}" in pattern and day.year >= 2400:
        return  # a four-digit year from 2400 on is read as Buddhist era
    text = pattern.format(d=day.day, m=day.month, be=day.year + 543, ce=day.year)
    assert parse_date(to_thai_digits(text) if thai_digits else text) == day


@given(st.dates(min_value=date(1900, 1, 1), max_value=date(9000, 12, 31)))
def test_parse_date_property_format_round_trip(day: date) -> None:
    assert parse_date(format_thai_date(day)) == day
    assert parse_date(format_thai_date(day, "abbr", thai_digits=True)) == day


# --- parse_month ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    "value",
    [
        "พ.ย. 2568",
        "พ.ย.2568",
        "พฤศจิกายน 2568",
        "พฤศจิกายน พ.ศ. 2568",
        "เดือนพฤศจิกายน 2568",
        "พย ๒๕๖๘",
        "11/2568",
        "11-2568",
        "๑๑/๒๕๖๘",
        "11/2025",
        "2025-11",
        "2568-11",
        "15/11/2568",
        "1 พ.ย. 2568",
        _NOV15,
        datetime(2025, 11, 30, 23, 59),
        45976,
        45976.5,
    ],
)
def test_parse_month_accepts(value: object) -> None:
    assert parse_month(value) == (2025, 11)


@pytest.mark.parametrize(
    ("value", "message_part"),
    [
        ("13/2568", "ไม่มีอยู่จริง"),
        ("0/2568", "ไม่มีอยู่จริง"),
        ("พ.ย. 68", "2 หลัก"),
        ("11/68", "2 หลัก"),
        ("2568", "ไม่ชัดเจน"),
        ("abc", "รูปแบบเดือน 'abc' ไม่ชัดเจน"),
        ("", "ไม่ได้กรอกเดือน"),
        (None, "ไม่ได้กรอกเดือน"),
        (60, "ไม่มีอยู่จริง"),
        ("31/02/2569", "ไม่มีอยู่จริง"),
    ],
)
def test_parse_month_rejects(value: object, message_part: str) -> None:
    with pytest.raises(ThaiParseError) as info:
        parse_month(value)
    assert message_part in info.value.message_th


# --- parse_yes_no ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    "value",
    [
        "ใช่",
        " ใช่ ",
        "✓",
        "✔",
        "☑",
        "✅",
        "y",
        "Y",
        "yes",
        "YES",
        "Yes ",
        "true",
        "TRUE",
        "จริง",
        "1",
        "๑",
        True,
        1,
        1.0,
        Decimal(1),
    ],
)
def test_parse_yes_no_true(value: object) -> None:
    assert parse_yes_no(value) is True


@pytest.mark.parametrize(
    "value",
    [
        "ไม่ใช่",
        "ไม่",
        "✗",
        "✘",
        "❌",
        "n",
        "N",
        "no",
        "No",
        "false",
        "FALSE",
        "เท็จ",
        "0",
        "๐",
        False,
        0,
        0.0,
    ],
)
def test_parse_yes_no_false(value: object) -> None:
    assert parse_yes_no(value) is False


@pytest.mark.parametrize(
    ("value", "message_part"),
    [
        ("maybe", "'maybe' ไม่ใช่คำตอบ ใช่/ไม่ใช่"),
        ("-", "ไม่ใช่คำตอบ"),
        ("x", "ไม่ใช่คำตอบ"),
        ("ใช่ไหม", "ไม่ใช่คำตอบ"),
        (2, "ไม่ใช่คำตอบ"),
        (0.5, "ไม่ใช่คำตอบ"),
        (Decimal("sNaN"), "ไม่ใช่คำตอบ"),
        ("", "ไม่ได้กรอกคำตอบ"),
        (None, "ไม่ได้กรอกคำตอบ"),
    ],
)
def test_parse_yes_no_rejects(value: object, message_part: str) -> None:
    with pytest.raises(ThaiParseError) as info:
        parse_yes_no(value)
    assert message_part in info.value.message_th


@given(
    st.sampled_from(["ใช่", "ไม่ใช่", "yes", "no", "✓", "✗"]),
    st.sampled_from([str.upper, str.lower, str.title]),
    st.text(" \t", max_size=3),
)
def test_parse_yes_no_property_case_and_space(
    word: str, case: Callable[[str], str], pad: str
) -> None:
    expected = parse_yes_no(word)
    assert parse_yes_no(pad + case(word) + pad) is expected


# --- the problem alone, for a caller that names the value its own way ----------------------

_NUMBER_HINT = " กรุณากรอกเป็นตัวเลข เช่น 2 หรือ 1,250.50"
_DATE_HINT = "กรุณาใช้ วว/ดด/ปปปป (พ.ศ.) เช่น 15/11/2568"
_MONTH_HINT = "กรุณาใช้ เดือน ปี พ.ศ. เช่น พ.ย. 2568 หรือ 11/2568"


@pytest.mark.parametrize(("parse", "value", "message", "problem"), [
    (parse_amount, "2 ชุด", "จำนวนเงิน '2 ชุด' ไม่ใช่ตัวเลข กรุณากรอกเฉพาะตัวเลข เช่น 2",
     "ไม่ใช่ตัวเลข กรุณากรอกเฉพาะตัวเลข เช่น 2"),
    (parse_amount, "ร้อยละ ๙๕", "จำนวนเงิน 'ร้อยละ ๙๕' ไม่ใช่ตัวเลข กรุณากรอกเฉพาะตัวเลข เช่น 95",
     "ไม่ใช่ตัวเลข กรุณากรอกเฉพาะตัวเลข เช่น 95"),
    (parse_amount, "-2 ชุด", "จำนวนเงิน '-2 ชุด' ไม่ใช่ตัวเลข กรุณากรอกเฉพาะตัวเลข เช่น -2",
     "ไม่ใช่ตัวเลข กรุณากรอกเฉพาะตัวเลข เช่น -2"),
    (parse_amount, "abc", f"จำนวนเงิน 'abc' ไม่ใช่ตัวเลข{_NUMBER_HINT}",
     f"ไม่ใช่ตัวเลข{_NUMBER_HINT}"),
    (parse_amount, "1e5", f"จำนวนเงิน '1e5' ไม่ใช่ตัวเลข{_NUMBER_HINT}",
     f"ไม่ใช่ตัวเลข{_NUMBER_HINT}"),
    (parse_amount, "(500)",
     "จำนวนเงิน '(500)' ใช้วงเล็บแทนเครื่องหมายลบไม่ได้ หากติดลบให้ใส่เครื่องหมายลบ เช่น -500",
     "ใช้วงเล็บแทนเครื่องหมายลบไม่ได้ หากติดลบให้ใส่เครื่องหมายลบ เช่น -500"),
    (parse_amount, "1,00,0",
     "จำนวนเงิน '1,00,0' ใส่เครื่องหมายจุลภาคหรือจุดทศนิยมไม่ถูกต้อง ตัวอย่างที่ถูกต้อง: 15,100 หรือ 15,100.50",
     "ใส่เครื่องหมายจุลภาคหรือจุดทศนิยมไม่ถูกต้อง ตัวอย่างที่ถูกต้อง: 15,100 หรือ 15,100.50"),
    (parse_amount, True, "จำนวนเงิน 'True' เป็นค่าจริง/เท็จ ไม่ใช่ตัวเลข",
     "เป็นค่าจริง/เท็จ ไม่ใช่ตัวเลข"),
    (parse_amount, float("inf"), "จำนวนเงิน 'inf' ไม่ใช่ตัวเลขที่ใช้ได้", "ไม่ใช่ตัวเลขที่ใช้ได้"),
    (parse_amount, None, "ไม่ได้กรอกจำนวนเงิน", "ยังไม่ได้กรอก"),
    (parse_int, "3.5", "ค่า '3.5' ต้องเป็นจำนวนเต็ม (ไม่มีทศนิยม)",
     "ต้องเป็นจำนวนเต็ม (ไม่มีทศนิยม)"),
    (parse_int, "3 ผลงาน", "ค่า '3 ผลงาน' ไม่ใช่ตัวเลข กรุณากรอกเฉพาะตัวเลข เช่น 3",
     "ไม่ใช่ตัวเลข กรุณากรอกเฉพาะตัวเลข เช่น 3"),
    (parse_date, "15/11/68",
     "ปี '68' ใน '15/11/68' มีแค่ 2 หลัก ไม่ชัดเจน กรุณาใส่ปี พ.ศ. 4 หลัก เช่น 15/11/2568",
     "มีปีแค่ 2 หลัก ('68') ไม่ชัดเจน กรุณาใส่ปี พ.ศ. 4 หลัก เช่น 15/11/2568"),
    (parse_date, "15/11/1568",
     "ปี '1568' ใน '15/11/1568' ไม่ถูกต้อง กรุณาใส่ปี พ.ศ. 4 หลัก เช่น 15/11/2568",
     "มีปี '1568' ซึ่งไม่ถูกต้อง กรุณาใส่ปี พ.ศ. 4 หลัก เช่น 15/11/2568"),
    (parse_date, "15 พ.ย. พ.ศ. 2025",
     "ปี พ.ศ. 2025 ใน '15 พ.ย. พ.ศ. 2025' ไม่ถูกต้อง (ปี พ.ศ. ปัจจุบันคือ 25xx)",
     "มีปี พ.ศ. 2025 ซึ่งไม่ถูกต้อง (ปี พ.ศ. ปัจจุบันคือ 25xx)"),
    (parse_date, "15 พ.ย. ค.ศ. 2568",
     "ปี ค.ศ. 2568 ใน '15 พ.ย. ค.ศ. 2568' ไม่ถูกต้อง (ปี ค.ศ. ปัจจุบันคือ 20xx)",
     "มีปี ค.ศ. 2568 ซึ่งไม่ถูกต้อง (ปี ค.ศ. ปัจจุบันคือ 20xx)"),
    (parse_date, "31/02/2569", "วันที่ 31/02/2569 ไม่มีอยู่จริง",
     f"เป็นวันที่ที่ไม่มีอยู่จริง (ตรวจวันที่ของเดือนนั้น) {_DATE_HINT}"),
    (parse_date, "15/13/2569", "วันที่ 15/13/2569 ไม่มีอยู่จริง (เดือนต้องเป็น 1–12)",
     f"เป็นวันที่ที่ไม่มีอยู่จริง (เดือนต้องเป็น 1–12) {_DATE_HINT}"),
    (parse_date, "11/15/2568",
     f"รูปแบบวันที่ '11/15/2568' ไม่ชัดเจน (ดูเหมือนใส่เดือนก่อนวัน) {_DATE_HINT}",
     f"ไม่ชัดเจน (ดูเหมือนใส่เดือนก่อนวัน) {_DATE_HINT}"),
    (parse_date, "hello", f"รูปแบบวันที่ 'hello' ไม่ชัดเจน {_DATE_HINT}",
     f"อ่านเป็นวันที่ไม่ได้ {_DATE_HINT}"),
    (parse_date, True, "วันที่ 'True' เป็นค่าจริง/เท็จ ไม่ใช่วันที่",
     "เป็นค่าจริง/เท็จ ไม่ใช่วันที่"),
    (parse_date, -5, "เลขวันที่ของ Excel -5 อยู่นอกช่วงที่เป็นวันที่ได้ (1–2958465)",
     "เป็นเลขวันที่ของ Excel ที่อยู่นอกช่วงที่เป็นวันที่ได้ (1–2958465)"),
    (parse_date, float("nan"), "วันที่ 'nan' ไม่ใช่ตัวเลขที่ใช้ได้", "ไม่ใช่ตัวเลขที่ใช้ได้"),
    (parse_date, "", "ไม่ได้กรอกวันที่", "ยังไม่ได้กรอก"),
    (parse_month, "13/2568", f"เดือน '13/2568' ไม่มีอยู่จริง (เดือนต้องเป็น 1–12) {_MONTH_HINT}",
     f"เป็นเดือนที่ไม่มีอยู่จริง (เดือนต้องเป็น 1–12) {_MONTH_HINT}"),
    (parse_month, "abc", f"รูปแบบเดือน 'abc' ไม่ชัดเจน {_MONTH_HINT}",
     f"อ่านเป็นเดือนไม่ได้ {_MONTH_HINT}"),
    (parse_month, None, "ไม่ได้กรอกเดือน", "ยังไม่ได้กรอก"),
    (parse_yes_no, "maybe", "'maybe' ไม่ใช่คำตอบ ใช่/ไม่ใช่ กรุณาเลือก 'ใช่' หรือ 'ไม่ใช่'",
     "ไม่ใช่คำตอบ ใช่/ไม่ใช่ กรุณาเลือก 'ใช่' หรือ 'ไม่ใช่'"),
    (parse_yes_no, "", "ไม่ได้กรอกคำตอบ กรุณาเลือก 'ใช่' หรือ 'ไม่ใช่'", "ยังไม่ได้กรอก"),
])
def test_parse_problem_exact(parse: Callable[[object], object], value: object, message: str,
                             problem: str) -> None:
    """The whole sentence names what was read; the problem alone names nothing, so a sheet
    column can be put in front (``«จำนวน» '2 ชุด' ไม่ใช่ตัวเลข …``)."""
    with pytest.raises(ThaiParseError) as info:
        parse(value)
    assert (info.value.message_th, info.value.problem_th) == (message, problem)


# --- percentages ---------------------------------------------------------------------------

@pytest.mark.parametrize(("value", "expected"), [
    ("95%", "95"), ("๙๕%", "95"), ("ร้อยละ 95", "95"), ("ร้อยละ๙๕", "95"), ("95 %", "95"),
    ("95％", "95"), ("95 เปอร์เซ็นต์", "95"), ("12.5%", "12.5"), (" ร้อยละ 100 ", "100"),
    ("0.95", "0.95"), (95, "95"), (0.95, "0.95"), (Decimal("95.5"), "95.5")])
def test_parse_percent_accepts(value: object, expected: str) -> None:
    from learnworks_xl.thai import parse_percent

    assert parse_percent(value) == Decimal(expected)


@pytest.mark.parametrize(("value", "message"), [
    ("ร้อยละ", "ค่าร้อยละ 'ร้อยละ' ไม่ใช่ตัวเลข กรุณากรอกเป็นตัวเลข เช่น 95"),
    ("%", "ค่าร้อยละ '%' ไม่ใช่ตัวเลข กรุณากรอกเป็นตัวเลข เช่น 95"),
    ("95%%", "ค่าร้อยละ '95%%' ไม่ใช่ตัวเลข กรุณากรอกเฉพาะตัวเลข เช่น 95"),
    ("เก้าสิบห้า", "ค่าร้อยละ 'เก้าสิบห้า' ไม่ใช่ตัวเลข กรุณากรอกเป็นตัวเลข เช่น 95"),
    (True, "ค่าร้อยละ 'True' เป็นค่าจริง/เท็จ ไม่ใช่ตัวเลข")])
def test_parse_percent_rejects(value: object, message: str) -> None:
    from learnworks_xl.thai import parse_percent

    with pytest.raises(ThaiParseError) as caught:
        parse_percent(value)
    assert caught.value.message_th == message
