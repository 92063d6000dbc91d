"""One streaming pass over every part of a workbook zip, before anything parses it.

The pass inflates each part in chunks (never whole), so it measures what the zip really
holds instead of trusting the sizes it claims, and it learns, per sheet, what python-calamine
is about to build: calamine holds a sheet as a dense grid from A1 to the last cell with a
value, and copies a shared text into every cell that uses it, so a 20 KB file can ask for
terabytes (one value in XFD1048576; one 30,000-character text used by a million cells). The
reader compares the totals with :mod:`learnworks_xl.io.limits` before calamine runs.

The same pass finds what calamine does not report: error cells (``t="e"``, which calamine
reads as empty text), hidden rows, the cells whose number format is a percentage (calamine
gives no formats; the styles part is read first, :mod:`learnworks_xl.io.styles`) and the
negative numbers, which calamine turns into a time of day in a date-formatted cell and, past
:data:`CALAMINE_MIN_SERIAL`, cannot read at all (its date conversion panics). It refuses
DTDs (``<!DOCTYPE``/``<!ENTITY``) in any XML part, the door to entity bombs and external
entities, whatever parser reads the part later (calamine's quick-xml leaves unknown entities
unexpanded and fails; openpyxl uses the standard library's expat).

How a sheet is scanned: each chunk is cut before its last cell or row start tag (the rest
is carried over), so the scanners see whole elements. A segment written the way Excel,
openpyxl and XlsxWriter write (every ``<c`` is ``<c r="A1"``, every ``<row`` is
``<row r="1"``) is counted with ``bytes.count`` and literal-prefixed regexes, at about
100 MB/s. Anything else goes through a tokenizer that follows calamine's rules for cells and
rows without ``r`` (the previous column + 1, the previous row + 1); it costs Python time per
element, so it has its own budget. Every cell start tag is either understood or the file is
refused: a cell the scan cannot see is a cell calamine could place anywhere. Every regex has
bounded repetition, so no input makes a scan quadratic.
"""

from __future__ import annotations

import copy
import functools
import re
import zipfile
import zlib
from array import array
from bisect import bisect_right
from collections.abc import Iterator
from dataclasses import dataclass, field
from itertools import pairwise

from learnworks_xl.core.grid import CellError, column_index, column_letter
from learnworks_xl.io.styles import STYLES_PART, StylesScanner

CHUNK = 1 << 20
XML_SUFFIXES = (".xml", ".rels", ".vml")
SHEET_ROOTS = frozenset({b"worksheet", b"dialogsheet", b"macrosheet", b"chartsheet"})

_DTD = re.compile(rb"<!\s*(?i:doctype|entity)")
_ROOT = re.compile(rb"<(?![?!])([\w.-]{1,64}:)?([\w.-]{1,64})")
_WS = b" \t\r\n>/"
# Canonical segments (see _SheetScanner._fast). Attribute lists are bounded: {0,8}.
_ATTRS = rb'(?: [a-zA-Z:]{1,16}="[^"<>]{0,64}"){0,8}'
_FAST_CELL_ROW = re.compile(rb'<c r="[A-Z]{1,8}([0-9]{1,12})"')
_FAST_CELL_COL = re.compile(rb'<c r="([A-Z]{1,8})')
_FAST_ROW = re.compile(rb'<row r="([0-9]{1,12})"')
_FAST_SREF = re.compile(rb' t="s"' + _ATTRS + rb"><v>([0-9]{1,12})</v>")
_FAST_ERR = re.compile(rb'<c r="([A-Z]{1,8})([0-9]{1,12})"' + _ATTRS + rb'? t="e"' + _ATTRS
                       + rb'>(?:<f' + _ATTRS + rb'(?:/>|>[^<]{0,10000}</f>))?<v>([^<]{0,64})</v>')
_FAST_HIDDEN = re.compile(rb'<row r="([0-9]{1,12})"((?: [a-zA-Z0-9:]{1,32}="[^"<>]{0,64}"){0,16})')
_HIDDEN = re.compile(rb"""hidden\s{0,8}=\s{0,8}["'](?:1|true)["']""")
# Any spelling (tokenizer): bounded attribute lists, values without "<" (as XML requires).
_ATTR = re.compile(rb"""([\w:.-]{1,64})\s{0,8}=\s{0,8}(?:"([^"<]{0,4096})"|'([^'<]{0,4096})')""")
_ANY_ATTRS = (rb"""((?:\s{1,8}[\w:.-]{1,64}\s{0,8}=\s{0,8}(?:"[^"<]{0,4096}"|'[^'<]{0,4096}'))"""
              rb"""{0,32})\s{0,8}(/?)>""")
_REF = re.compile(rb"([A-Za-z]{1,8})([0-9]{1,12})")
_FAST_REF = re.compile(rb'<c r="([A-Z]{1,8})([0-9]{1,12})"')
_FAST_TAIL = re.compile(_ATTRS + rb"(/?)>")
_FAST_NEG = re.compile(rb"<v>(-[^<]{1,64})</v>")
# Elements other than c and row whose tags start like theirs (<cols>, <cfRule>, <rowBreaks>).
_OTHER_C = re.compile(rb"<c[A-Za-z]")
_OTHER_C_END = re.compile(rb"</c[A-Za-z]")
_OTHER_ROW = re.compile(rb"<row[A-Za-z]")
_ODD_ROW = re.compile(rb'<row(?! r="[0-9]{1,12}")')
# A formula element as XlsxWriter and Excel write it (a shared formula's <f .../> has no text).
_FAST_FORMULA = re.compile(rb"<f" + _ATTRS + rb">[^<]{0,65536}</f>")
_FAST_NEG_START = re.compile(rb"<v>-")

#: A number below this, in a date-formatted cell, makes python-calamine panic (its date
#: conversion overflows chrono's milliseconds at about -1.0675e11 days); the reader reads a
#: sheet holding one with another engine. Rounded up, whatever the cell's format.
CALAMINE_MIN_SERIAL = -1e11


class ScanError(Exception):
    """The zip cannot be scanned; ``kind`` names why (the reader words the message)."""

    def __init__(self, kind: str, part: str = "", detail: str = "") -> None:
        super().__init__(f"{kind}: {part} {detail}".strip())
        self.kind = kind
        self.part = part
        self.detail = detail


def last_start(buf: bytes, token: bytes) -> int:
    """Index of the last start tag ``token`` (such as ``b"<c"``) in ``buf``, or -1."""
    end = len(buf)
    while True:
        i = buf.rfind(token, 0, end)
        if i < 0:
            return -1
        nxt = buf[i + len(token):i + len(token) + 1]
        if not nxt or nxt in _WS:
            return i
        end = i


@dataclass
class SheetScan:
    """What one sheet part holds, as far as the limits and the reader need to know."""

    rows: int = 0
    """1-based number of the last row with a value (0: none)."""
    cols: int = 0
    """Number of columns up to the last one with a value."""
    cells: int = 0
    """Cells with content (an upper bound of the cells holding a value)."""
    errors: dict[tuple[int, int], CellError] = field(default_factory=dict)
    """Error cells by 0-based (row, column)."""
    hidden: set[int] = field(default_factory=set)
    """0-based hidden rows."""
    shared: array[int] = field(default_factory=lambda: array("q"))
    """Indexes of the shared texts the cells use, one per use."""
    percent: set[tuple[int, int]] = field(default_factory=set)
    """0-based (row, column) of the cells with a value whose number format is a percentage."""
    negative: dict[tuple[int, int], float] = field(default_factory=dict)
    """Numeric cells holding a negative number, by 0-based (row, column)."""
    formula_bytes: int = 0
    """Bytes of formula elements (``<f>…</f>``) in canonical segments: calamine reads values
    only, so this much of the sheet's XML never becomes cell text."""

    @property
    def calamine_safe(self) -> bool:
        """False when a cell holds a number python-calamine may panic on."""
        return all(v >= CALAMINE_MIN_SERIAL for v in self.negative.values())

    @property
    def area(self) -> int:
        """Cells of the dense grid from A1 to the last value."""
        return self.rows * self.cols


class Budget:
    """Elements the tokenizer may still read (shared by all the parts of one workbook)."""

    def __init__(self, elements: int) -> None:
        self.left = elements

    def spend(self, n: int, part: str) -> None:
        self.left -= n
        if self.left < 0:
            raise ScanError("unusual", part, "too many elements written unusually")


class _SheetScanner:
    def __init__(self, prefix: bytes, part: str, budget: Budget,
                 percent: frozenset[int] = frozenset()) -> None:
        p = re.escape(prefix)
        self.part, self.budget = part, budget
        self.percent = percent
        self.percent_attr = None if not percent else re.compile(
            rb' s="(' + b"|".join(str(i).encode() for i in sorted(percent)) + rb')"'
            if len(percent) <= 64 else rb' s="([0-9]{1,9})"')
        self.negative_v = re.compile(b"<" + p + rb"v\s{0,8}>\s{0,8}(-[^<\s]{1,64})")
        self.plain = not prefix
        self.tokens = (b"<" + prefix + b"c", b"<" + prefix + b"row")
        self.token = re.compile(b"<" + p + rb"(c|row)" + _ANY_ATTRS)
        self.starts = re.compile(b"<" + p + rb"(c|row)[\s>/]")
        self.v = re.compile(b"<" + p + rb"v\s{0,8}>\s{0,8}([^<\s]{0,64})")
        self.out = SheetScan()
        self.row = 0  # the current row number (1-based), as calamine counts
        self.col = -1  # the current column (0-based) in that row
        self.row_hi = 0  # the highest row number seen

    def cut(self, buf: bytes) -> int:
        return max(last_start(buf, t) for t in self.tokens)

    def feed(self, seg: bytes) -> None:
        if not (self.plain and self._fast(seg)):
            self._tokens(seg)

    def _fast(self, seg: bytes) -> bool:
        """Count a canonical segment; False (nothing counted) when it is not one.

        Canonical: every cell start tag is ``<c r="A1"``, every row start tag ``<row r="1"``
        (other tags may start with ``<c`` or ``<row``: ``<cols>``, ``<cfRule>``,
        ``<rowBreaks>``), and every ``"s"`` is a shared-text cell ``t="s"...><v>N</v>``. An
        unusual spelling (quotes, spaces, attribute order) costs time, never a wrong count.
        The cells with content are counted by their end tags ``</c`` (an upper bound: a cell
        closed as ``</c >`` counts too, and so would ``</c`` in a CDATA section).
        """
        out = self.out
        within = self._within(seg)
        if within is None:  # a list of every cell's row and column
            digits = _FAST_CELL_ROW.findall(seg)
            starts = seg.count(b"<c")
            others = 0  # start tags of other elements named c…
            if starts != len(digits):
                others = len(_OTHER_C.findall(seg))
                if starts - others != len(digits):
                    return False
        last_row = None  # the last row tag's number, when it has one
        if _ODD_ROW.search(seg) is None:  # every tag starting <row is <row r="1"
            at = seg.rfind(b'<row r="')
            tag = _FAST_ROW.match(seg, at) if at >= 0 else None
            last_row = int(tag.group(1)) if tag else None
        else:
            rownums = _FAST_ROW.findall(seg)
            rows = seg.count(b"<row")
            if rows != len(rownums) and rows - len(_OTHER_ROW.findall(seg)) != len(rownums):
                return False
            last_row = int(rownums[-1]) if rownums else None
        closed = seg.count(b"</c")
        if within is None and others:
            closed -= len(_OTHER_C_END.findall(seg))
        elif within is not None:  # other elements named c… (<cols>) come before or after the rows
            first, end = seg.find(b"<row"), seg.rfind(b"</row>")
            outside = seg if first < 0 or end < 0 else seg[:first] + seg[end:]
            closed -= len(_OTHER_C_END.findall(outside))
        uses: list[bytes] = []
        quoted = seg.count(b'"s"')
        if quoted:
            uses = _FAST_SREF.findall(seg)
            if len(uses) != quoted:
                return False
        if b"'s'" in seg:
            return False
        out.cells += closed
        last_cell = 0
        if within is not None:
            out.rows, out.cols, last_cell, self.col = within
        elif digits:
            out.rows = max(out.rows, _largest(digits))
            letters = _FAST_CELL_COL.findall(seg)
            out.cols = max(out.cols, 1 + max(column_index(x.decode()) for x in set(letters)))
            self.col = column_index(letters[-1].decode())
            last_cell = int(digits[-1])
        if last_row is not None:
            self.row = last_row
        if last_cell and seg.rfind(b"<c") > seg.rfind(b"<row"):
            self.row = last_cell
        out.shared.extend(map(int, uses))
        if b"hidden" in seg:
            for num, attrs in _FAST_HIDDEN.findall(seg):
                if _HIDDEN.search(attrs):
                    out.hidden.add(int(num) - 1)
        if b'"e"' in seg:
            for letters_, num, code in _FAST_ERR.findall(seg):
                key = (int(num) - 1, column_index(letters_.decode()))
                out.errors[key] = CellError(code.decode("utf-8", "replace").strip())
        if self.percent_attr is not None:
            for m in self.percent_attr.finditer(seg):
                self._fast_percent(seg, m)
        if _FAST_NEG_START.search(seg):  # one quick pass (negatives are rare)
            for m in _FAST_NEG.finditer(seg):
                self._fast_negative(seg, m)
        if b"<f" in seg:
            out.formula_bytes += sum(map(len, _FAST_FORMULA.findall(seg)))
        return True

    def _within(self, seg: bytes) -> tuple[int, int, int, int] | None:
        """Rows and columns of a segment in one search, without a list of its cells.

        Bounds: the row of the segment's last cell (rows come in order) and the columns seen
        so far, or of its last whole row's last cell (the segment may end inside a row).
        When every cell tag in the segment is a canonical cell within them, they are the
        segment's rows and columns; otherwise (a wider row, rows out of order, an unusual
        spelling) None.

        Returns:
            (rows, columns, last cell's row, last cell's 0-based column), or None.
        """
        last = seg.rfind(b'<c r="')
        if last < 0:
            return None
        ref = _FAST_REF.match(seg, last)
        if ref is None:
            return None
        row, col = int(ref.group(2)), column_index(ref.group(1).decode())
        rows, cols = max(self.out.rows, row), max(self.out.cols, col + 1)
        end = seg.rfind(b"</row>", 0, last)  # the last whole row's last cell: its width
        whole = _FAST_REF.match(seg, seg.rfind(b'<c r="', 0, end)) if end > 0 else None
        if whole is not None:
            cols = max(cols, column_index(whole.group(1).decode()) + 1)
        if _beyond(rows, cols).search(seg):
            return None
        return rows, cols, row, col

    def _fast_percent(self, seg: bytes, m: re.Match[bytes]) -> None:
        """A percent style ``s="N"`` found in a canonical segment: record its cell, if it
        is a cell start tag (not a row's style) and holds a value (not ``<c .../>``)."""
        start = seg.rfind(b"<", 0, m.start())
        if start < 0 or int(m.group(1)) not in self.percent:
            return
        ref = _FAST_REF.match(seg, start)
        tail = _FAST_TAIL.match(seg, m.end())
        if ref is not None and not (tail is not None and tail.group(1)):
            self.out.percent.add((int(ref.group(2)) - 1, column_index(ref.group(1).decode())))

    def _fast_negative(self, seg: bytes, m: re.Match[bytes]) -> None:
        """``<v>-…</v>`` in a canonical segment: record it if its cell is a number."""
        number = _negative(m.group(1))
        start = seg.rfind(b'<c r="', 0, m.start())
        if number is None or start < 0:
            return
        tag = seg[start:seg.find(b">", start)]
        if b' t="' in tag and b' t="n"' not in tag:
            return  # a text, boolean or error cell: calamine does not read it as a number
        ref = _FAST_REF.match(seg, start)
        if ref is not None:
            key = (int(ref.group(2)) - 1, column_index(ref.group(1).decode()))
            self.out.negative[key] = number

    def _tokens(self, seg: bytes) -> None:
        """Read every cell and row start tag, in any spelling, as calamine places them."""
        out = self.out
        starts = len(self.starts.findall(seg))
        self.budget.spend(starts, self.part)
        seen, pending = 0, None
        negatives = list(self.negative_v.finditer(seg))
        numbers: list[tuple[int, tuple[int, int] | None]] = []  # (start, key of a number)
        for m in self.token.finditer(seg):
            seen += 1
            if pending is not None:
                self._content(seg, pending, m.start())
                pending = None
            attrs = {k: a or b for k, a, b in _ATTR.findall(m.group(2))}
            if m.group(1) == b"row":
                num = attrs.get(b"r", b"")
                self.row = int(num) if num.isdigit() else self.row + 1
                self.row_hi = max(self.row_hi, self.row)
                self.col = -1
                if _HIDDEN.search(m.group(2)):
                    out.hidden.add(self.row - 1)
                continue
            ref = _REF.fullmatch(attrs.get(b"r", b""))
            if ref:
                self.col = column_index(ref.group(1).decode().upper())
                row = int(ref.group(2))
            else:
                self.col, row = self.col + 1, max(self.row, 1)
            if m.group(3):  # self-closing: no value
                continue
            out.cells += 1
            out.rows = max(out.rows, row)
            out.cols = max(out.cols, self.col + 1)
            self.row_hi = max(self.row_hi, row)
            kind = attrs.get(b"t", b"")
            if kind in (b"s", b"e"):
                pending = (m.end(), kind, (row - 1, self.col))
            style = attrs.get(b"s", b"").strip()
            if self.percent and style.isdigit() and int(style) in self.percent:
                out.percent.add((row - 1, self.col))
            if negatives:
                numbers.append((m.start(), (row - 1, self.col) if kind in (b"", b"n") else None))
        if pending is not None:
            self._content(seg, pending, len(seg))
        if seen != starts:
            raise ScanError("unusual", self.part, "a cell or row tag the scan cannot read")
        for v in negatives:
            at = bisect_right(numbers, v.start(), key=lambda n: n[0]) - 1
            number = _negative(v.group(1))
            if at >= 0 and number is not None and (key := numbers[at][1]) is not None:
                out.negative[key] = number

    def _content(self, seg: bytes, pending: tuple[int, bytes, tuple[int, int]],
                 end: int) -> None:
        start, kind, key = pending
        v = self.v.search(seg, start, end)
        if v is None:
            return
        if kind == b"s":
            if v.group(1).isdigit():
                self.out.shared.append(int(v.group(1)))
        else:
            self.out.errors[key] = CellError(v.group(1).decode("utf-8", "replace"))


@functools.lru_cache(maxsize=64)
def _beyond(rows: int, cols: int) -> re.Pattern[bytes]:
    """A cell tag that is not a canonical cell in rows 1–``rows`` (leading zeros allowed)
    and columns A–(``cols``): an unusual spelling, or a cell beyond these bounds. Other
    elements whose names start with c (``<cols>``, ``<cfRule>``) are not cells: skipped.
    Bounded repetition only."""
    return re.compile(rb'<c(?![A-Za-z]| r="' + _not_above(column_letter(cols - 1), "A-Z")
                      + rb"0{0,12}" + _not_above(str(rows), "0-9") + rb'")')


def _not_above(top: str, alphabet: str) -> bytes:
    """A regex of the words over ``alphabet`` (``A-Z`` or ``0-9``) of at most ``top``'s
    length that do not come after ``top``: shorter ones, then, digit by digit, a smaller
    character after ``top``'s own prefix, then ``top`` itself."""
    first = alphabet[0]
    alts = [f"[{alphabet}]{{1,{len(top) - 1}}}"] if len(top) > 1 else []
    for i, char in enumerate(top):
        if char != first:
            below = f"[{first}-{chr(ord(char) - 1)}]"
            rest = len(top) - i - 1
            alts.append(top[:i] + below + (f"[{alphabet}]{{{rest}}}" if rest else ""))
    alts.append(top)
    return ("(?:" + "|".join(alts) + ")").encode()


def _largest(digits: list[bytes]) -> int:
    """The largest of numbers written in ASCII digits. Of digit strings of one length the
    lexicographic largest is the largest number (leading zeros too); when that one is also
    of the greatest length, no shorter string can be larger (it would have fewer leading
    zeros, hence a nonzero digit where this one has a zero). Otherwise: convert them all."""
    top = max(digits)
    if len(top) == max(map(len, digits)):
        return int(top)
    return max(map(int, digits))


def _negative(text: bytes) -> float | None:
    """The negative number a ``<v>`` holds, or None (not a number, or not below zero)."""
    try:
        number = float(text)
    except ValueError:
        return None
    return number if number < 0 else None


class _SharedScanner:
    """Byte length of every shared text: from its ``<si`` to the next (an upper bound)."""

    def __init__(self, prefix: bytes) -> None:
        self.token = b"<" + prefix + b"si"
        self.si = re.compile(re.escape(self.token) + rb"[\s>/]")
        self.lengths: array[int] = array("q")

    def cut(self, buf: bytes) -> int:
        return last_start(buf, self.token)

    def feed(self, seg: bytes) -> None:
        starts = [m.start() for m in self.si.finditer(seg)]
        if not starts:
            return
        starts.append(len(seg))
        self.lengths.extend(b - a for a, b in pairwise(starts))


@dataclass
class ArchiveScan:
    """The totals of one pass over a workbook zip."""

    inflated: int = 0
    sheets: dict[str, SheetScan] = field(default_factory=dict)
    """Sheet parts by part name."""
    shared: dict[str, array[int]] = field(default_factory=dict)
    """Byte length of each shared text (upper bound), by shared-strings part."""
    shared_bytes: int = 0
    """Inflated size of the shared-strings parts."""
    sheet_bytes: dict[str, int] = field(default_factory=dict)
    percent_styles: frozenset[int] = frozenset()
    """Cell styles (``s`` indexes) whose number format is a percentage."""

    def text(self) -> int:
        """Bytes of cell data the sheets ask for: their XML but the formulas, the shared
        strings, and each shared text again at every use (the longest text of that index in
        any part)."""
        parts = list(self.shared.values())
        lengths = parts[0] if len(parts) == 1 else array("q")
        if len(parts) > 1:
            for part in parts:
                for i, n in enumerate(part):
                    if i < len(lengths):
                        lengths[i] = max(lengths[i], n)
                    else:
                        lengths.append(n)
        n = len(lengths)
        uses = 0
        for scan in self.sheets.values():
            if scan.shared and min(scan.shared) >= 0 and max(scan.shared) < n:
                uses += sum(map(lengths.__getitem__, scan.shared))
            else:
                uses += sum(lengths[i] for i in scan.shared if 0 <= i < n)
        formulas = sum(scan.formula_bytes for scan in self.sheets.values())
        return sum(self.sheet_bytes.values()) - formulas + self.shared_bytes + uses


def _chunks(zf: zipfile.ZipFile, info: zipfile.ZipInfo, room: int) -> Iterator[bytes]:
    """Inflate ``info`` in chunks, reading past its claimed size (up to ``room`` bytes)."""
    probe = copy.copy(info)
    # zipfile stops (and checks the CRC) at the claimed size: claim enough to see the real
    # size, two chunks past the room left, so the caller stops first
    probe.file_size = max(room, 0) + 2 * CHUNK
    with zf.open(probe) as fh:
        while chunk := fh.read(CHUNK):
            yield chunk


def scan_archive(zf: zipfile.ZipFile, *, max_inflated: int, max_cell_bytes: int,
                 max_unusual: int) -> ArchiveScan:
    """Inflate every part once; measure it, refuse DTDs, scan sheets and shared strings.

    Args:
        zf: The workbook zip.
        max_inflated: Refuse past this many inflated bytes in all.
        max_cell_bytes: Refuse one element (cell, row start, shared text) bigger than this.
        max_unusual: Cell and row tags the tokenizer may read in all (unusual spellings).

    Raises:
        ScanError: ``inflate`` (past ``max_inflated``), ``dtd``, ``corrupt`` (a CRC or size
            that does not match, a method other than stored/deflated, an encrypted part),
            ``cell`` (one element past ``max_cell_bytes``) or ``unusual`` (cells written in a
            way the scan cannot read, or past ``max_unusual``).
    """
    result, budget = ArchiveScan(), Budget(max_unusual)
    infos = [info for info in zf.infolist() if not info.is_dir()]
    for info in infos:
        if info.flag_bits & 0x1 or info.compress_type not in (zipfile.ZIP_STORED,
                                                               zipfile.ZIP_DEFLATED):
            raise ScanError("corrupt", info.filename, "encrypted or unsupported method")
    # The styles first (still read once), so the sheets' scan knows the percent styles.
    for info in sorted(infos, key=lambda i: i.filename.casefold() != STYLES_PART):
        size = _scan_part(zf, info, result, max_inflated, max_cell_bytes, budget)
        if size != info.file_size:
            raise ScanError("corrupt", info.filename, f"inflates to {size}, not {info.file_size}")
    return result


def _scan_part(zf: zipfile.ZipFile, info: zipfile.ZipInfo, result: ArchiveScan,
               max_inflated: int, max_cell_bytes: int, budget: Budget) -> int:
    is_xml = info.filename.casefold().endswith(XML_SUFFIXES)
    scanner: _SheetScanner | _SharedScanner | StylesScanner | None = None
    size, tail, carry, first = 0, b"", b"", True
    try:
        for chunk in _chunks(zf, info, max_inflated - result.inflated):
            size += len(chunk)
            result.inflated += len(chunk)
            if result.inflated > max_inflated:
                raise ScanError("inflate", info.filename)
            if not is_xml:
                continue
            # "<!" needs "!": a single byte, found at memory speed where it is absent
            if (b"!" in chunk or b"!" in tail) and _DTD.search(tail + chunk):
                raise ScanError("dtd", info.filename)
            tail = chunk[-16:]
            if first:
                first = False
                scanner = _scanner_for(chunk, info.filename, budget, result)
            if scanner is None:
                continue
            buf = carry + chunk if carry else chunk
            cut = scanner.cut(buf)
            if cut > 0:
                scanner.feed(buf[:cut])
                carry = buf[cut:]
            else:
                carry = buf
            if len(carry) > max_cell_bytes:
                raise ScanError("cell", info.filename)
    except (zipfile.BadZipFile, zlib.error, EOFError, OSError, ValueError) as exc:
        raise ScanError("corrupt", info.filename, f"{type(exc).__name__}: {exc}") from None
    if scanner is not None and carry:
        scanner.feed(carry)
    if isinstance(scanner, _SheetScanner):
        result.sheets[info.filename] = scanner.out
        result.sheet_bytes[info.filename] = size
    elif isinstance(scanner, _SharedScanner):
        result.shared[info.filename] = scanner.lengths
        result.shared_bytes += size
    elif isinstance(scanner, StylesScanner):
        result.percent_styles = frozenset(scanner.percent)
    return size


def _scanner_for(head: bytes, part: str, budget: Budget,
                 result: ArchiveScan) -> _SheetScanner | _SharedScanner | StylesScanner | None:
    root = _ROOT.search(head)
    if root is None:
        return None
    prefix, name = root.group(1) or b"", root.group(2)
    if name in SHEET_ROOTS:
        return _SheetScanner(prefix, part, budget, result.percent_styles)
    if name == b"sst":
        return _SharedScanner(prefix)
    if name == b"styleSheet" and part.casefold() == STYLES_PART:
        return StylesScanner()
    return None
