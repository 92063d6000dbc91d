"""Thai conventions: amounts in words (Excel's ``BAHTTEXT``), Thai digits, Buddhist-era dates,
the Thai fiscal year, Thai month names, tolerant parsers for what clerks type, and students'
names as initials for public pages.

Pure Python, standard library only. Everything public is re-exported here, so callers write
``from learnworks_xl import thai`` and ``thai.bahttext(69500)``.
"""

from __future__ import annotations

from learnworks_xl.thai.bahttext import BAHTTEXT_LIMIT, AmountLike, bahttext, format_baht
from learnworks_xl.thai.dates import (
    BE_OFFSET,
    THAI_MONTHS_ABBR,
    THAI_MONTHS_FULL,
    MonthStyle,
    be_to_ce,
    ce_to_be,
    fiscal_year,
    fiscal_year_bounds,
    format_thai_date,
    format_thai_month,
    from_excel_serial,
    gantt_months,
    month_name,
    to_excel_serial,
)
from learnworks_xl.thai.digits import ARABIC_DIGITS, THAI_DIGITS, to_arabic_digits, to_thai_digits
from learnworks_xl.thai.errors import ThaiParseError, ThaiValueError
from learnworks_xl.thai.names import initials, initials_of_all, split_names, without_title
from learnworks_xl.thai.parse import (
    YES_WORDS,
    month_words,
    parse_amount,
    parse_date,
    parse_int,
    parse_month,
    parse_percent,
    parse_yes_no,
    strip_be_era,
)

__all__ = [
    "ARABIC_DIGITS",
    "BAHTTEXT_LIMIT",
    "BE_OFFSET",
    "THAI_DIGITS",
    "THAI_MONTHS_ABBR",
    "THAI_MONTHS_FULL",
    "YES_WORDS",
    "AmountLike",
    "MonthStyle",
    "ThaiParseError",
    "ThaiValueError",
    "bahttext",
    "be_to_ce",
    "ce_to_be",
    "fiscal_year",
    "fiscal_year_bounds",
    "format_baht",
    "format_thai_date",
    "format_thai_month",
    "from_excel_serial",
    "gantt_months",
    "initials",
    "initials_of_all",
    "month_name",
    "month_words",
    "parse_amount",
    "parse_date",
    "parse_int",
    "parse_month",
    "parse_percent",
    "parse_yes_no",
    "split_names",
    "strip_be_era",
    "to_arabic_digits",
    "to_excel_serial",
    "to_thai_digits",
    "without_title",
]
