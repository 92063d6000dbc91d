"""Cell formats of the product workbook: fonts, number formats, fills and borders as XlsxWriter
formats (the colours are :mod:`learnworks_xl.core.layout.colours`).

Every sheet uses TH Sarabun New 16 pt (the Thai government document font). Where it is not
installed, Excel and LibreOffice substitute another font; offices that only have TH SarabunPSK
can change the workbook's default font (see the README). Number formats follow SPEC "Thai
conventions": Buddhist-era dates through the ``[$-107041E]`` locale prefix, amounts with
thousands separators and two decimals.
"""

from __future__ import annotations

from typing import Any

from xlsxwriter.format import Format
from xlsxwriter.workbook import Workbook

from learnworks_xl.core.layout.colours import (
    BORDER_COLOR,
    ERROR_FILL,
    ERROR_FONT,
    HEADER_FILL,
    HEADER_FILL_OPTIONAL,
    HEADER_FONT,
    TITLE_FONT,
    WARN_FILL,
    WARN_FONT,
)
from learnworks_xl.core.layout.text import FONT_SIZE, ROW_HEIGHT_PX
from learnworks_xl.core.reports.numformats import (
    AMOUNT_FORMAT,
    DATE_FORMAT,
    MONTH_FORMAT,
    TEXT_FORMAT,
)

#: The workbook's font (TH SarabunPSK is the older, widely installed fallback); its size and
#: the default row height are those the text estimates are measured at.
FONT_NAME = "TH Sarabun New"
FONT_FALLBACK = "TH SarabunPSK"
#: Default column width (pixels) for a 16 pt Thai font.
COLUMN_WIDTH_PX = 80

#: Number format of each column kind (``x-kind`` of the model fields).
KIND_FORMATS: dict[str, str] = {
    "amount": AMOUNT_FORMAT,
    "decimal": "General",
    # A plain number (the header says ร้อยละ): the cell holds the number it shows in every
    # mode. A % format would store 95 typed there as 0.95, which only a reader that sees the
    # format (the file, local mode) reads as 95; xlwings Server's payload carries no formats.
    "percent": "General",
    "int": "0",
    "date": DATE_FORMAT,
    "month": MONTH_FORMAT,
    "text": TEXT_FORMAT,
    "code": TEXT_FORMAT,
    "email": TEXT_FORMAT,
    "emails": TEXT_FORMAT,
    "phone": TEXT_FORMAT,
    "url": TEXT_FORMAT,
    "yesno": TEXT_FORMAT,
    "choice": TEXT_FORMAT,
}

#: Gantt cells show nothing but a ✓ in the month a step was finished (value ≥ 2).
GANTT_CELL_FORMAT = '[>=2]"✓";""'

#: Fills that mark a cell with a finding (severity → properties).
MARK_PROPS: dict[str, dict[str, Any]] = {
    "error": {"bg_color": ERROR_FILL, "font_color": ERROR_FONT},
    "warning": {"bg_color": WARN_FILL, "font_color": WARN_FONT},
}

BASE: dict[str, Any] = {"font_name": FONT_NAME, "font_size": FONT_SIZE, "valign": "top"}


def workbook_options() -> dict[str, Any]:
    """Options for :class:`xlsxwriter.Workbook`: Thai default font, no string conversions."""
    return {
        "default_format_properties": {"font_name": FONT_NAME, "font_size": FONT_SIZE},
        "default_row_height": ROW_HEIGHT_PX,
        "default_column_width": COLUMN_WIDTH_PX,
        "strings_to_numbers": False,
        "strings_to_formulas": False,
        "strings_to_urls": False,
        # A number no cell can hold (a file's 1.797693134862316e+308 reads as infinity) is
        # written as the error Excel shows for it (#DIV/0!, #NUM!), never refused.
        "nan_inf_to_errors": True,
    }


class Styles:
    """Formats of one workbook, made on demand and shared (XlsxWriter formats are per book).

    Args:
        workbook: The workbook the formats belong to.
    """

    def __init__(self, workbook: Workbook) -> None:
        self.workbook = workbook
        self._cache: dict[tuple[tuple[str, Any], ...], Format] = {}

    def get(self, *layers: dict[str, Any] | None, **props: Any) -> Format:
        """Return the format made of the base font, then each layer, then ``props``.

        Args:
            *layers: Property dicts applied in order (None is skipped).
            **props: Last properties.

        Returns:
            A cached format with those properties.
        """
        merged: dict[str, Any] = dict(BASE)
        for layer in layers:
            if layer:
                merged.update(layer)
        merged.update(props)
        key = tuple(sorted(merged.items()))
        fmt = self._cache.get(key)
        if fmt is None:
            fmt = self.workbook.add_format(merged)
            self._cache[key] = fmt
        return fmt

    def title(self) -> Format:
        """The sheet title: bold, 20 pt, dark blue."""
        return self.get(bold=True, font_size=20, font_color=TITLE_FONT, valign="vcenter")

    def header(self, required: bool = True) -> Format:
        """A table header cell: white on blue (lighter for optional columns), wrapped."""
        return self.get(bold=True, font_color=HEADER_FONT,
                        bg_color=HEADER_FILL if required else HEADER_FILL_OPTIONAL,
                        text_wrap=True, align="center", valign="vcenter", border=1,
                        border_color=BORDER_COLOR)

    def kind(self, kind: str, *layers: dict[str, Any] | None, **props: Any) -> Format:
        """The format of a data cell of a column kind, with optional extra layers."""
        wrap = {"text_wrap": True} if kind in ("text", "emails", "choice") else {}
        return self.get({"num_format": KIND_FORMATS.get(kind, "General")}, wrap, *layers,
                        **props)
