"""The readings (hidden helper columns) read what the validator reads: numbers and months typed
as text. Here the Python twins that give each formula its cached value are held against the
validator's parsers; ``test_workbook_typings_libreoffice.py`` holds the formulas against the
twins in LibreOffice."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

import pytest
from pydantic import ValidationError

from learnworks_xl import thai
from learnworks_xl.core.models import ProjectInfo
from learnworks_xl.workbook import formulas, readings
from learnworks_xl.workbook.values import excel_serial

#: Number typings the validator accepts, with their value worked out by hand.
NUMBERS: list[tuple[Any, float]] = [
    ("๑๒๕", 125), ("1,250.-", 1250), ("1,250 บาท", 1250), (125, 125), ("125", 125),
    ("฿1,250.50", 1250.5), ("๖๙,๕๐๐.-", 69500), ("15,100.- บาท", 15100), (" 2 ", 2),
    ("+5", 5), (".5", 0.5), ("0012", 12), (2.675, 2.675), ("๑,๒๕๐.๕๐", 1250.5),
]
#: Number typings both refuse.
NOT_NUMBERS = ["abc", "1/2", "10%", "1.2.3", "5.", "1e3", "(500)", "1 250", "สองร้อย", "",
               "๑๒๕ ชุด"]
NOV_2568 = excel_serial(date(2025, 11, 1))
#: Month typings the validator accepts: all are พ.ย. 2568 (November 2025).
MONTHS: list[Any] = [
    "พ.ย. 2568", "พ.ย.2568", "พฤศจิกายน 2568", "พฤศจิกายน พ.ศ. 2568", "เดือน พ.ย. 2568",
    "พฤศจิกา 2568", "11/2568", "11-2568", "11.2568", "๑๑/๒๕๖๘", "พ.ย. ๒๕๖๘", "2025-11",
    "11/2025", "15/11/2568", "15-11-2568", "15 พ.ย. 2568", "วันที่ 15 พ.ย. 2568",
    "2025-11-15", date(2025, 11, 15), excel_serial(date(2025, 11, 30)),
]
#: Month typings both refuse.
NOT_MONTHS = ["13/2568", "พ.ย.", "abc", "11/68", "2568", "11/ 2568", "พ*. 2568", "", "0/2568",
              "พย 1899"]


@pytest.mark.parametrize(("typed", "value"), NUMBERS)
def test_workbook_readings_number_as_the_validator(typed: Any, value: float) -> None:
    assert readings.number_value(typed) == value
    assert float(thai.parse_amount(typed)) == value


@pytest.mark.parametrize("typed", NOT_NUMBERS)
def test_workbook_readings_number_refused_by_both(typed: str) -> None:
    assert readings.number_value(typed) is None
    with pytest.raises(thai.ThaiParseError):
        thai.parse_amount(typed)


@pytest.mark.parametrize("typed", MONTHS)
def test_workbook_readings_month_as_the_validator(typed: Any) -> None:
    assert readings.month_value(typed) == NOV_2568
    assert thai.parse_month(typed) == (2025, 11)


@pytest.mark.parametrize("typed", NOT_MONTHS)
def test_workbook_readings_month_refused_by_both(typed: str) -> None:
    assert readings.month_value(typed) is None
    with pytest.raises(thai.ThaiParseError):
        thai.parse_month(typed)


@pytest.mark.parametrize(("kind", "typed", "formula_reads"), [
    ("number", "1,00,0", 1000),  # thousands separators are not checked
    ("number", "1,250.-.-", 1250),  # nor where and how often .- is written
    ("number", "1,250.50.-", 1250.5),
    ("month", "31/02/2569", excel_serial(date(2026, 2, 1))),  # the day is not checked
    ("month", "011/2568", NOV_2568),  # nor the number of a month's digits
    ("month", "พ.ย. ค.ศ. 2568", NOV_2568),  # nor the era
])
def test_workbook_readings_reads_more_than_the_validator(kind: str, typed: str,
                                                         formula_reads: float) -> None:
    """Where the formula reads a little more (README), the validator still refuses the cell."""
    assert readings.reading_value(kind, typed) == formula_reads  # type: ignore[arg-type]
    with pytest.raises(thai.ThaiParseError):
        thai.parse_amount(typed) if kind == "number" else thai.parse_month(typed)


@pytest.mark.parametrize(("typed", "why"), [
    ("-5", "a negative amount or quantity: out of the validator's range"),
    ("12345678901234567", "17 digits: Excel keeps 15"),
])
def test_workbook_readings_reads_less_than_the_validator(typed: str, why: str) -> None:
    """Text the formulas leave blank although the validator's parser reads it: a negative is
    out of every number column's range (the validator reports it), and Excel holds 15
    significant digits."""
    assert readings.number_value(typed) is None, why
    assert thai.parse_amount(typed) == Decimal(typed)


@pytest.mark.parametrize("typed", [2569, "2569", "๒๕๖๙", "2,569", "พ.ศ. ๒๕๖๙", "พ.ศ.2569",
                                   "2569 พ.ศ.", "2569.0"])
def test_workbook_readings_fiscal_year_as_the_validator(typed: Any) -> None:
    assert formulas.fiscal_year({"fiscal_year": typed}) == 2569
    assert ProjectInfo.model_validate({"fiscal_year": typed}).fiscal_year == 2569


@pytest.mark.parametrize("typed", ["ปี 2569", "2569.5", "๒๕๖", "abc"])
def test_workbook_readings_fiscal_year_refused_by_both(typed: str) -> None:
    assert formulas.fiscal_year({"fiscal_year": typed}) is None
    with pytest.raises(ValidationError) as info:
        ProjectInfo.model_validate({"fiscal_year": typed})
    assert "fiscal_year" in {e["loc"][0] for e in info.value.errors()}


@pytest.mark.parametrize(("typed", "text"), [
    ("๖๙,๕๐๐.- บาท", "69500"), ("  ฿ 1,250.50 ", "1250.50"), ("abc  def", "abc def"),
    (125, ""), (None, ""),
])
def test_workbook_readings_number_text_is_excels(typed: Any, text: str) -> None:
    assert readings.number_text(typed) == text


def test_workbook_readings_month_words_are_the_validators() -> None:
    assert sorted(readings.MONTH_WORDS) == sorted(thai.month_words())
    assert readings.WORDS_PER_MONTH == 3
    for i, word in enumerate(readings.MONTH_WORDS):
        assert thai.month_words()[word] == i // 3 + 1


@pytest.mark.parametrize(("quantity", "price", "amount"), [
    (3, 1.005, 3.02),  # 3.01499…97 in binary; Excel and LibreOffice round 3.015
    (2, 2.675, 5.35), (1, 2.675, 2.68), (2.5, 0.07, 0.18), ("๒", "๑๒๕", 250),
])
def test_workbook_readings_line_amount_rounds_as_excel(quantity: Any, price: Any,
                                                       amount: float) -> None:
    from learnworks_xl.core import sheets as sh
    from learnworks_xl.core.rules.money import line_amount
    from learnworks_xl.workbook.positions import FIRST_DATA_ROW, table_layout

    layout = table_layout(sh.PURCHASES, 0)
    row = {"quantity": quantity, "unit_price": price}
    assert formulas.line_amount(layout, FIRST_DATA_ROW, row).value == amount
    assert line_amount(thai.parse_amount(quantity), thai.parse_amount(price)) == \
        Decimal(str(amount)).quantize(Decimal("0.01"))
