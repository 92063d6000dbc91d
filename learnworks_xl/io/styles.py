"""Which cell styles show a percentage, read from ``xl/styles.xml`` during the scan's one pass.

Excel stores a cell typed ``95%`` as 0.95 with a percent number format; python-calamine
hands over the value only. A sheet cell names its style by index (``<c r="B12" s="3">``);
the index points into ``cellXfs``, whose ``xf`` names a number format by ``numFmtId``: a
built-in (:data:`~learnworks_xl.core.grid.PERCENT_FORMAT_IDS`) or one of the ``numFmts`` of
the file (its ``formatCode``, judged by :func:`~learnworks_xl.core.grid.is_percent_format`).
A custom format of a built-in's number replaces it, and a format is known from where it is
defined on, as python-calamine resolves them.

The part is read in chunks like every other part (each chunk cut before its last ``<``, so
the scanner sees whole tags), with regexes of bounded repetition; only the sections that
matter are followed (``numFmt`` of ``dxfs`` and ``xf`` of ``cellStyleXfs`` are skipped).
"""

from __future__ import annotations

import html
import re

from learnworks_xl.core.grid import PERCENT_FORMAT_IDS, is_percent_format

#: The styles part, as Excel, LibreOffice, openpyxl, XlsxWriter and python-calamine name it.
STYLES_PART = "xl/styles.xml"
#: Excel allows 64,000 cell formats and about 250 custom number formats; past these bounds a
#: (hostile) file's styles are not followed (its cells then read as not percent-formatted).
MAX_CELL_STYLES = 65_536
MAX_NUMBER_FORMATS = 4_096

_PREFIX = rb"(?:[\w.-]{1,64}:)?"
_TAG = re.compile(
    rb"<" + _PREFIX + rb"(numFmts|numFmt|cellXfs|xf)"
    rb"""((?:\s{1,8}[\w:.-]{1,64}\s{0,8}=\s{0,8}(?:"[^"<]{0,4096}"|'[^'<]{0,4096}')){0,32})"""
    rb"\s{0,8}(/?)>"
    rb"|</" + _PREFIX + rb"(numFmts|cellXfs)\s{0,8}>")
_ATTR = re.compile(rb"""([\w:.-]{1,64})\s{0,8}=\s{0,8}(?:"([^"<]{0,4096})"|'([^'<]{0,4096})')""")


def _attrs(text: bytes) -> dict[bytes, bytes]:
    return {k.rpartition(b":")[2]: a or b for k, a, b in _ATTR.findall(text)}


class StylesScanner:
    """Follows ``numFmts`` and ``cellXfs`` of a styles part fed in whole-tag segments."""

    def __init__(self) -> None:
        self.section = b""
        self.percent_ids = set(PERCENT_FORMAT_IDS)
        self.formats = 0
        self.xf = 0
        self.percent: set[int] = set()
        """``cellXfs`` indexes (the cells' ``s``) whose number format is a percentage."""

    def cut(self, buf: bytes) -> int:
        return buf.rfind(b"<")

    def feed(self, seg: bytes) -> None:
        for m in _TAG.finditer(seg):
            name, attrs, empty, end = m.group(1), m.group(2), m.group(3), m.group(4)
            if end:
                if end == self.section:
                    self.section = b""
            elif name in (b"numFmts", b"cellXfs"):
                self.section = b"" if empty else name
            elif name == b"numFmt" and self.section == b"numFmts":
                self._number_format(_attrs(attrs))
            elif name == b"xf" and self.section == b"cellXfs":
                fmt = _attrs(attrs).get(b"numFmtId", b"0").strip()
                if self.xf < MAX_CELL_STYLES and fmt.isdigit() and int(fmt) in self.percent_ids:
                    self.percent.add(self.xf)
                self.xf += 1

    def _number_format(self, attrs: dict[bytes, bytes]) -> None:
        fmt, code = attrs.get(b"numFmtId", b"").strip(), attrs.get(b"formatCode")
        if not fmt.isdigit() or code is None or self.formats >= MAX_NUMBER_FORMATS:
            return
        self.formats += 1
        if is_percent_format(html.unescape(code.decode("utf-8", "replace"))):
            self.percent_ids.add(int(fmt))
        else:
            self.percent_ids.discard(int(fmt))
