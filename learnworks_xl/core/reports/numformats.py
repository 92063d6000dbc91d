"""Excel number formats, one place for every writer (XlsxWriter files, the xlwings buttons,
the plain test writer).

SPEC "Thai conventions": Buddhist-era dates through the ``[$-107041E]`` locale prefix (Excel
and LibreOffice both show BE years), amounts with thousands separators and two decimals.
Locale prefixes ``[$-NNCCLLLL]``: numeral shape NN, calendar CC, locale LLLL; NN = 0D shows
Thai digits (LibreOffice maps it to its ``[NatNum1]``), CC = 07 is the Buddhist calendar.
"""

from __future__ import annotations

BE_PREFIX = "[$-107041E]"
THAI_DIGITS_PREFIX = "[$-D00041E]"
THAI_DIGITS_BE_PREFIX = "[$-D07041E]"

DATE_FORMAT = BE_PREFIX + "d mmm yyyy"
MONTH_FORMAT = BE_PREFIX + "mmm yyyy"
#: A month in two digits of its Buddhist-era year (the Gantt's month headers).
SHORT_MONTH_FORMAT = BE_PREFIX + "mmm yy"
DATETIME_FORMAT = BE_PREFIX + "d mmm yyyy hh:mm"
AMOUNT_FORMAT = "#,##0.00"
INT_FORMAT = "#,##0"
PERCENT_FORMAT = "0.00"
TEXT_FORMAT = "@"

#: Number format of each numeric report format name (``content.Format``).
REPORT_NUMBER_FORMATS: dict[str, str] = {
    "int": INT_FORMAT,
    "amount": AMOUNT_FORMAT,
    "percent": PERCENT_FORMAT,
    "date": DATE_FORMAT,
    "month": MONTH_FORMAT,
    "datetime": DATETIME_FORMAT,
}


def thai_digit_format(num_format: str) -> str:
    """The same number format showing Thai digits (๐–๙); text and General are left alone.

    Args:
        num_format: An Excel number format of this module (``#,##0.00``, a BE date...).

    Returns:
        The format with the Thai-digit locale prefix.
    """
    if num_format in (TEXT_FORMAT, "General"):
        return num_format
    if num_format.startswith(BE_PREFIX):
        return THAI_DIGITS_BE_PREFIX + num_format[len(BE_PREFIX):]
    return THAI_DIGITS_PREFIX + num_format
