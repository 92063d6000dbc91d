"""The layout-free content of a report sheet.

A report sheet is a title, a few subtitle lines, then blocks from top to bottom: paragraphs,
label/value lists, tables and charts. Each value carries a *format name* and may carry a
*style role* and a link; the adapters map format names to Excel number formats and roles to
fonts, fills and borders (TH Sarabun New 16 pt, A4). The core decides content; adapters only
place it, so a file and a live workbook show the same report.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from typing import Literal

#: How a value is shown. ``amount`` → ``#,##0.00``; ``amount_dash`` → ``15,100.-`` (text);
#: ``percent`` → a number already ×100 shown with two decimals and ``%``-free (ร้อยละ);
#: ``date``/``month`` → Buddhist-era date formats; ``text`` wraps.
Format = Literal["text", "int", "amount", "amount_dash", "percent", "date", "month", "datetime"]

#: Extra emphasis: good (green), bad (red), warning (amber), muted (grey), strong (bold).
Role = Literal["ok", "bad", "warn", "muted", "strong"]

Scalar = str | int | Decimal | date | None


@dataclass(frozen=True)
class Value:
    """One cell of a report: the value, how to show it, an optional role and link.

    ``link`` is either ``"#'ชีต'!A1"`` (a place in the workbook) or an ``https://`` URL.
    """

    value: Scalar
    format: Format = "text"
    role: Role | None = None
    link: str | None = None


def v(value: Scalar, format: Format = "text", role: Role | None = None,
      link: str | None = None) -> Value:
    """Shorthand for :class:`Value`."""
    return Value(value, format, role, link)


@dataclass(frozen=True)
class Paragraph:
    """A line (or wrapped paragraph) of text across the sheet's width."""

    text: str
    style: Literal["heading", "body", "note"] = "body"


@dataclass(frozen=True)
class KeyValues:
    """Label/value pairs, one per row (label in the first column)."""

    rows: list[tuple[str, Value]]
    heading: str | None = None


@dataclass(frozen=True)
class Column:
    """A table column: its Thai header, its format and its width in characters."""

    header: str
    format: Format = "text"
    width: float = 14


@dataclass(frozen=True)
class TableBlock:
    """A bordered table with a header row, body rows and optional total rows."""

    columns: list[Column]
    rows: list[list[Value]]
    totals: list[list[Value]] = field(default_factory=list)
    heading: str | None = None
    empty_text: str = "ไม่มีข้อมูล"


@dataclass(frozen=True)
class ChartBlock:
    """A chart placed below the previous block."""

    kind: Literal["bar", "column", "pie"]
    title: str
    categories: list[str]
    series: list[tuple[str, list[Decimal | int]]]
    """(series name, values) pairs."""
    y_title: str | None = None


Block = Paragraph | KeyValues | TableBlock | ChartBlock

#: The banner both adapters put under the titles of a provisional report.
PROVISIONAL_BANNER = "ฉบับร่าง – ข้อมูลยังมีข้อผิดพลาด กรุณาตรวจสอบในชีต «ผลการตรวจสอบ»"
#: Where both adapters write a chart's data (outside the printed area): first column, title.
CHART_DATA_COL = 26
CHART_DATA_TITLE = "ข้อมูลกราฟ"


@dataclass(frozen=True)
class ReportSheet:
    """One report sheet: its name (the Thai sheet name of SPEC), titles and blocks."""

    name: str
    title: str
    subtitles: list[str] = field(default_factory=list)
    blocks: list[Block] = field(default_factory=list)
    provisional: bool = False
    """True when the input has errors: the report says it is provisional (ฉบับร่าง)."""
    landscape: bool = False
    thai_digits: bool = False
    """Show numbers and dates with Thai digits (๐–๙): the values stay numbers and dates, the
    adapters give them a Thai-digit number format (``ใช้เลขไทยในรายงาน``)."""
