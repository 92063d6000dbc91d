"""How much room Thai text takes in a cell: widths, wrapped lines and row heights.

Estimates for the workbook's font, TH Sarabun New 16 pt (measured in LibreOffice with TLWG
Laksaman, metric-compatible with it). Pure, so the report layout, the input sheets and the
school forms size their rows the same way.
"""

from __future__ import annotations

import functools
import math
import unicodedata

#: The workbook's font size (points): every estimate here is measured at it.
FONT_SIZE = 16
#: Default row height (pixels) for a 16 pt Thai font.
ROW_HEIGHT_PX = 32
#: Height (points) of one line of TH Sarabun New 16 pt, and the padding of a wrapped row.
LINE_HEIGHT = 24
ROW_PADDING = 4
#: Characters of wrapped Thai text per unit of column width (about 1.1, less the space lost
#: where lines break between words).
WRAP_FILL = 1.0
#: Width of narrow characters (spaces, ASCII digits and punctuation) relative to a Thai letter.
NARROW_WIDTH = 0.6
_NARROW = frozenset(" 0123456789.,:;-()/'\"!%+[]")
_ZERO_WIDTH = ("Mn", "Me", "Cf")


@functools.lru_cache(maxsize=8192)
def display_width(text: str) -> int:
    """Width of text in characters, not counting Thai marks above and below the line."""
    return sum(0 if unicodedata.category(ch) in _ZERO_WIDTH else 1 for ch in text)


@functools.lru_cache(maxsize=8192)
def text_width(text: str) -> float:
    """Estimated printed width of one line in Thai letters: marks above and below the line
    take none, spaces, digits and punctuation about :data:`NARROW_WIDTH`."""
    return sum(0.0 if unicodedata.category(ch) in _ZERO_WIDTH else
               NARROW_WIDTH if ch in _NARROW else 1.0 for ch in text)


def wrapped_lines(text: str, width: float, font_size: float = FONT_SIZE) -> int:
    """Estimate how many lines text takes when wrapped in a column.

    At TH Sarabun New 16 pt one Thai letter (marks above and below the line take no width) is
    about one unit of Excel's column width (:func:`text_width`); smaller text fits
    proportionally more.

    Args:
        text: The cell's text (a line break starts a new line).
        width: The column width (characters), or the sum of merged columns.
        font_size: The cell's font size in points.

    Returns:
        The number of lines, at least 1.
    """
    per_line = max(width * WRAP_FILL * FONT_SIZE / font_size, 1.0)
    return sum(max(1, math.ceil(text_width(part) / per_line))
               for part in str(text).split("\n"))


def row_height(lines: int, font_size: float = FONT_SIZE) -> float | None:
    """The explicit height (points) of a row of ``lines`` lines; None keeps the default."""
    if lines <= 1:
        return None
    return round(lines * LINE_HEIGHT * font_size / FONT_SIZE + ROW_PADDING, 1)
