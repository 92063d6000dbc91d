"""The one formatter of figures and recurring words in Thai text: money, percentages,
numbers, severities, schools and the program's title.

Every writer that puts a figure into a sentence — the reports, the console summary, the
e-mail, the website, the findings' messages, the buttons' message boxes — uses these, so a
figure reads the same everywhere. Rounding is one policy: half-up to two decimals, as the
workbook's ROUND (:func:`~learnworks_xl.core.compute.numbers.half_up`). Numbers and dates a
report shows as cell values are formatted by the number formats of
:mod:`learnworks_xl.core.reports.numformats`; this module is for text.
"""

from __future__ import annotations

from decimal import Decimal

from learnworks_xl import thai
from learnworks_xl.core.compute.numbers import half_up
from learnworks_xl.core.findings import Findings, Severity
from learnworks_xl.thai.errors import ThaiValueError

#: What a missing figure reads as.
DASH = "-"
#: The words of the two severities (one word each, everywhere).
SEVERITY_WORDS: dict[Severity, str] = {Severity.ERROR: "ข้อผิดพลาด", Severity.WARNING: "คำเตือน"}
ERROR_WORD, WARNING_WORD = SEVERITY_WORDS[Severity.ERROR], SEVERITY_WORDS[Severity.WARNING]


def percent(value: Decimal | int | None) -> str:
    """A percentage already × 100, two decimals half-up: ``96.89`` (``-`` when unknown)."""
    if value is None:
        return DASH
    return f"{half_up(Decimal(value)):,.2f}"


def percent_phrase(value: Decimal | int | None) -> str:
    """``ร้อยละ 96.89`` in a sentence (``-`` when unknown)."""
    return DASH if value is None else f"ร้อยละ {percent(value)}"


def amount(value: Decimal | int) -> str:
    """Money with separators and two decimals, ``69,500.00`` (any size: a sum of valid
    cells can pass BAHTTEXT's range, and a message must still be written)."""
    try:
        return thai.format_baht(value)
    except ThaiValueError:
        return f"{Decimal(value):,.2f}"


def baht(value: Decimal | int | None) -> str:
    """Money in a sentence: ``69,500.00 บาท`` (``-`` when unknown)."""
    return DASH if value is None else f"{amount(value)} บาท"


def number(value: Decimal | int | None) -> str:
    """A number in a sentence, without trailing zeros: ``95``, ``95.5``, ``1,234``."""
    if value is None:
        return DASH
    d = Decimal(value)
    return f"{int(d):,}" if d == d.to_integral_value() else f"{d.normalize():,f}"


def findings_count(report: Findings) -> str:
    """``ข้อผิดพลาด 1 รายการ คำเตือน 2 รายการ``."""
    return f"{ERROR_WORD} {report.errors} รายการ {WARNING_WORD} {report.warnings} รายการ"


def school_label(code: str, name: str) -> str:
    """``โรงเรียนตัวอย่าง (BK01)``: a school as reports and findings name it."""
    return f"{name} ({code})"


def program_title(name: str | None) -> str:
    """The project's name starting with โครงการ exactly once (``""`` when unknown)."""
    text = (name or "").strip()
    if not text:
        return ""
    return text if text.startswith("โครงการ") else "โครงการ" + text


def program_name(name: str | None) -> str:
    """The project's name without the word โครงการ in front."""
    return (name or "").strip().removeprefix("โครงการ")
