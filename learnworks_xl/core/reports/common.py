"""What every report sheet shares: number formatting (with Thai digits when ``ตั้งค่า`` asks),
the title lines, the provisional note and small Thai phrases."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

from learnworks_xl import thai
from learnworks_xl.core import sheets as sh
from learnworks_xl.core import wording
from learnworks_xl.core.pipeline import Results
from learnworks_xl.core.reports.content import Format, Paragraph, Role, Value
from learnworks_xl.core.wording import DASH

#: The words of a report that the input still has errors (besides the adapter's banner).
PROVISIONAL_NOTE = ("ฉบับร่าง – ข้อมูลยังมีข้อผิดพลาด {errors} รายการ ตัวเลขในรายงานนี้คำนวณจาก"
                    "แถวที่ถูกต้องเท่านั้น กรุณาแก้ไขตามชีต «{sheet}» แล้วจัดทำรายงานใหม่")


class Fmt:
    """Make report values. With Thai digits, prose and ``15,100.-`` amounts become Thai-digit
    text; numbers and dates stay numbers and dates (the report's ``thai_digits`` makes the
    adapters show them with ๐–๙ through the number format).

    Args:
        thai_digits: Write numbers and dates with ๐–๙ (``ใช้เลขไทยในรายงาน``).
    """

    def __init__(self, thai_digits: bool = False) -> None:
        self.thai_digits = thai_digits

    def s(self, text: str) -> str:
        """Prose composed by the report (not data typed by clerks), digits converted."""
        return thai.to_thai_digits(text) if self.thai_digits else text

    def text(self, text: str | None, role: Role | None = None,
             link: str | None = None) -> Value:
        """A text value as typed by a clerk (digits kept)."""
        return Value(text, "text", role, link)

    def prose(self, text: str, role: Role | None = None, link: str | None = None) -> Value:
        """A text value composed by the report (digits converted)."""
        return Value(self.s(text), "text", role, link)

    def _num(self, value: Decimal | int | None, fmt: Format, role: Role | None) -> Value:
        if value is None:
            return Value(DASH, "text", role)
        return Value(value, fmt, role)

    def amount(self, value: Decimal | None, role: Role | None = None) -> Value:
        """Money, ``#,##0.00``."""
        return self._num(value, "amount", role)

    def dash(self, value: Decimal | None, role: Role | None = None) -> Value:
        """Money written the seed's way, ``15,100.-``."""
        if value is None:
            return Value(DASH, "text", role)
        if self.thai_digits:
            return Value(thai.format_baht(value, "dash", True), "amount_dash", role)
        return Value(value, "amount_dash", role)

    def count(self, value: int | None, role: Role | None = None) -> Value:
        """A count."""
        return self._num(value, "int", role)

    def pct(self, value: Decimal | None, role: Role | None = None) -> Value:
        """A percentage already × 100, two decimals."""
        return self._num(value, "percent", role)

    def day(self, value: date | None, role: Role | None = None) -> Value:
        """A Buddhist-era date (``15 พ.ย. 2568``)."""
        if value is None:
            return Value(DASH, "text", role)
        return Value(value, "date", role)

    def when(self, value: datetime | None) -> Value:
        """A Buddhist-era date and time."""
        if value is None:
            return Value(DASH, "text")
        return Value(value, "datetime")

    def baht(self, value: Decimal | None) -> str:
        """Money in a sentence: ``69,500.00 บาท`` (:func:`wording.baht`)."""
        return self.s(wording.baht(value))

    def number(self, value: Decimal | int | None) -> str:
        """A number in a sentence: ``95`` or ``95.5`` (:func:`wording.number`)."""
        return self.s(wording.number(value))

    def percent_text(self, value: Decimal | None) -> str:
        """``ร้อยละ 96.89`` in a sentence (:func:`wording.percent_phrase`)."""
        return self.s(wording.percent_phrase(value))


def fmt_of(results: Results) -> Fmt:
    """The formatter of a run (Thai digits from ``ตั้งค่า``)."""
    return Fmt(results.thai_digits)


def program_title(results: Results) -> str:
    """``โครงการ…`` (the project's name starting with โครงการ once)."""
    return (wording.program_title(results.project.name)
            or "โครงการ (ยังไม่ได้กรอกชื่อโครงการในชีต «โครงการ»)")


def program_name(results: Results) -> str:
    """The project's name without the word โครงการ in front."""
    return wording.program_name(results.project.name)


def month_text(month: date, f: Fmt, style: thai.MonthStyle = "full") -> str:
    """``กรกฎาคม 2569``."""
    return f.s(thai.format_thai_month(month.year, month.month, style))


def as_of_text(results: Results, f: Fmt) -> str:
    """``ข้อมูล ณ วันที่ 31 ก.ค. 2569`` (the last day every figure counts)."""
    return f.s(f"ข้อมูล ณ วันที่ {thai.format_thai_date(results.as_of, 'abbr')}")


def period_text(results: Results, f: Fmt) -> str:
    """``1 พ.ย. 2568 – 31 ก.ค. 2569`` (the run period), or ``-``."""
    p = results.project
    if p.start_date is None or p.end_date is None:
        return DASH
    return f.s(f"{thai.format_thai_date(p.start_date, 'abbr')} – "
               f"{thai.format_thai_date(p.end_date, 'abbr')}")


def ref_text(ref: str | None, f: Fmt) -> str:
    """`` (ข้อ 10.1)`` for a section of the project document, or nothing when not set."""
    return f.s(f" (ข้อ {ref})") if ref else ""


def subtitles(results: Results, f: Fmt) -> list[str]:
    """The lines under a report's title: the project, the agency, the fiscal year."""
    lines = [program_title(results)]
    p = results.project
    parts = [p.agency or ""]
    if p.fiscal_year is not None:
        parts.append(f"ปีงบประมาณ พ.ศ. {f.s(str(p.fiscal_year))}")
    if any(parts):
        lines.append("   ".join(x for x in parts if x))
    return lines


def provisional_blocks(results: Results, f: Fmt) -> list[Paragraph]:
    """The draft note as the first block of every report when the input has errors."""
    if not results.provisional:
        return []
    return [Paragraph(f.s(PROVISIONAL_NOTE.format(errors=results.report.errors,
                                                  sheet=sh.FINDINGS.name)), "note")]


def sheet_link(sheet: str, cell: str = "A1") -> str:
    """An internal link: ``#'โรงเรียน'!C5``."""
    return f"#'{sheet}'!{cell}"
