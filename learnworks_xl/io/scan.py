"""One streaming pass over every part of a workbook zip, before anything parses it.

The pass inflates each part in chunks (never whole), so it measures what the zip really
holds instead of trusting the sizes it claims, and it learns, per sheet, what python-calamine
is about to build: calamine holds a sheet as a dense grid from A1 to the last cell with a
value, and copies a shared text into every cell that uses it, so a 20 KB file can ask for
terabytes (one value in XFD1048576; one 30,000-character text used by a million cells). The
reader compares the totals with :mod:`learnworks_xl.io.limits` before calamine runs.

The same pass finds what calamine does not report: error cells (``t="e"``, which calamine
reads as empty text) and hidden rows, and it refuses DTDs (``<!DOCTYPE``/``<!ENTITY``) in any
XML part, the door to entity bombs and external entities, whatever parser reads the part
later (calamine's quick-xml leaves unknown entities unexpanded and fails; openpyxl uses the
standard library's expat).

The scans use byte regexes on complete elements: a chunk is cut before the last cell or row
start tag and the rest carried to the next chunk. Counts are upper bounds where exactness
would cost a real parse (a cell with content counts as holding a value).
"""

from __future__ import annotations

import copy
import re
import zipfile
import zlib
from array import array
from collections.abc import Iterator
from dataclasses import dataclass, field

from learnworks_xl.core.grid import CellError, column_index

CHUNK = 1 << 20
XML_SUFFIXES = (".xml", ".rels", ".vml")
SHEET_ROOTS = frozenset({b"worksheet", b"dialogsheet", b"macrosheet", b"chartsheet"})

_DTD = re.compile(rb"<!\s*(?i:doctype|entity)")
_ROOT = re.compile(rb"<(?![?!])([\w.-]+:)?([\w.-]+)")
_WS = b" \t\r\n>/"
_Q = rb"[\"']"
# Canonical XML (see _SheetScanner._fast).
_FAST_CELL_ROW = re.compile(rb'<c r="[A-Z]+([0-9]+)"')
_FAST_CELL_COL = re.compile(rb'<c r="([A-Z]+)')
_FAST_ROW = re.compile(rb'<row r="([0-9]+)"')
_FAST_SREF = re.compile(rb' t="s"[^>]*><v>([0-9]+)</v>')


class ScanError(Exception):
    """The zip cannot be scanned; ``kind`` names why (the reader words the message)."""

    def __init__(self, kind: str, part: str = "", detail: str = "") -> None:
        super().__init__(f"{kind}: {part} {detail}".strip())
        self.kind = kind
        self.part = part
        self.detail = detail


def _patterns(prefix: bytes) -> dict[str, re.Pattern[bytes]]:
    p = re.escape(prefix)
    return {
        # a cell start tag that is not self-closing (it has content), with its reference
        "ref": re.compile(rb"<" + p + rb"c\s[^>]*?(?<=\s)r\s*=\s*" + _Q
                          + rb"([A-Za-z]+)([0-9]+)" + _Q + rb"[^>]*(?<!/)>"),
        "open": re.compile(rb"<" + p + rb"c(?:\s[^>]*)?(?<!/)>"),
        "row": re.compile(rb"<" + p + rb"row(?:\s([^>]*))?>"),
        "rownum": re.compile(rb"(?<![\w:])r\s*=\s*" + _Q + rb"([0-9]+)" + _Q),
        "hidden": re.compile(rb"(?<![\w:])hidden\s*=\s*" + _Q + rb"(?:1|true)" + _Q),
        "token": re.compile(rb"<" + p + rb"(c|row)(\s[^>]*)?>"),
        "cellref": re.compile(rb"(?<![\w:])r\s*=\s*" + _Q + rb"([A-Za-z]+)([0-9]+)" + _Q),
        "errcell": re.compile(rb"<" + p + rb"c\s([^>]*?(?<=\s)t\s*=\s*" + _Q + rb"e" + _Q
                              + rb"[^>]*)>(.*?)</" + p + rb"c\s*>", re.S),
        "v": re.compile(rb"<" + p + rb"v\s*>([^<]*)</" + p + rb"v\s*>"),
        "sref": re.compile(rb"<" + p + rb"c\s[^>]*?(?<=\s)t\s*=\s*" + _Q + rb"s" + _Q
                           + rb"[^>]*(?<!/)>.*?<" + p + rb"v\s*>\s*([0-9]+)", re.S),
        "si": re.compile(rb"<" + p + rb"si\b(?:[^>]*/>|.*?</" + p + rb"si\s*>)", re.S),
    }


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

    @property
    def area(self) -> int:
        """Cells of the dense grid from A1 to the last value."""
        return self.rows * self.cols


class _SheetScanner:
    def __init__(self, prefix: bytes) -> None:
        self.re = _patterns(prefix)
        self.close = re.compile(rb"</" + re.escape(prefix) + rb"c\s*>")
        self.tokens = (b"<" + prefix + b"c", b"<" + prefix + b"row")
        self.out = SheetScan()
        self.row_hi = 0  # highest row number seen so far (1-based)
        self.plain = not prefix

    def cut(self, buf: bytes) -> int:
        return max(last_start(buf, t) for t in self.tokens)

    def feed(self, seg: bytes) -> None:
        if not (self.plain and self._fast(seg)):
            self._generic(seg)
        if b"hidden" in seg:
            self._hidden(seg)
        if b'"e"' in seg or b"'e'" in seg:
            self._errors(seg)

    def _fast(self, seg: bytes) -> bool:
        """Canonical XML as Excel, openpyxl and XlsxWriter write it: every ``<c`` is
        ``<c r="A1"``, every ``<row`` is ``<row r="1"``, every ``"s"`` is a shared-text cell
        ``t="s"...><v>N</v>``. Counted with ``bytes.count`` and literal-prefixed regexes;
        False (and nothing counted) when the segment is anything else, so an unusual spelling
        (quotes, spaces, attribute order) costs time, never a wrong count."""
        digits = _FAST_CELL_ROW.findall(seg)
        if seg.count(b"<c") != len(digits):
            return False
        rownums = _FAST_ROW.findall(seg)
        closed = seg.count(b"</c>")
        if seg.count(b"<row") != len(rownums) or seg.count(b"</c") != closed:
            return False
        uses: list[bytes] = []
        if b'"s"' in seg or b"'s'" in seg:
            uses = _FAST_SREF.findall(seg)
            if len(uses) != seg.count(b'"s"') or b"'s'" in seg:
                return False
        out = self.out
        out.cells += closed
        if digits:
            out.rows = max(out.rows, max(map(int, digits)))
            out.cols = max(out.cols, 1 + max(column_index(x.decode())
                                             for x in set(_FAST_CELL_COL.findall(seg))))
        if rownums:
            self.row_hi = max(self.row_hi, max(map(int, rownums)))
        self.row_hi = max(self.row_hi, out.rows)
        out.shared.extend(map(int, uses))
        return True

    def _generic(self, seg: bytes) -> None:
        out, rx = self.out, self.re
        refs = rx["ref"].findall(seg)
        opened = len(rx["open"].findall(seg))
        out.cells += max(opened, len(self.close.findall(seg)))
        rows = rx["row"].findall(seg)
        rownums = [int(m) for attrs in rows for m in rx["rownum"].findall(attrs)[:1]]
        if opened > len(refs) or len(rows) > len(rownums):
            self._walk(seg)
        else:
            if refs:
                letters, digits = zip(*refs, strict=True)
                out.cols = max(out.cols, 1 + max(column_index(x.decode().upper())
                                                 for x in set(letters)))
                out.rows = max(out.rows, max(map(int, digits)))
            if rownums:
                self.row_hi = max(self.row_hi, *rownums)
        self.row_hi = max(self.row_hi, out.rows)
        out.shared.extend(int(i) for i in rx["sref"].findall(seg))

    def _walk(self, seg: bytes) -> None:
        """Exact positions when cells or rows lack their ``r`` (as calamine counts them)."""
        out, rx = self.out, self.re
        row, col = self.row_hi, -1
        for m in rx["token"].finditer(seg):
            attrs = m.group(2) or b""
            if m.group(1) == b"row":
                num = rx["rownum"].search(attrs)
                row = int(num.group(1)) if num else self.row_hi + 1
                self.row_hi = max(self.row_hi, row)
                col = -1
                continue
            ref = rx["cellref"].search(attrs)
            if ref:
                col = column_index(ref.group(1).decode().upper())
                r = int(ref.group(2))
            else:
                col, r = col + 1, max(row, 1)
            if not attrs.endswith(b"/"):
                out.rows = max(out.rows, r)
                out.cols = max(out.cols, col + 1)
                self.row_hi = max(self.row_hi, r)

    def _hidden(self, seg: bytes) -> None:
        rx = self.re
        for attrs in rx["row"].findall(seg):
            if rx["hidden"].search(attrs):
                num = rx["rownum"].search(attrs)
                if num:
                    self.out.hidden.add(int(num.group(1)) - 1)

    def _errors(self, seg: bytes) -> None:
        rx = self.re
        for attrs, inner in rx["errcell"].findall(seg):
            ref = rx["cellref"].search(attrs)
            if ref is None:
                continue
            v = rx["v"].search(inner)
            code = v.group(1).decode("utf-8", "replace").strip() if v else "#N/A"
            key = (int(ref.group(2)) - 1, column_index(ref.group(1).decode().upper()))
            self.out.errors[key] = CellError(code)


class _SharedScanner:
    def __init__(self, prefix: bytes) -> None:
        self.si = _patterns(prefix)["si"]
        self.token = b"<" + prefix + b"si"
        self.lengths: array[int] = array("q")

    def cut(self, buf: bytes) -> int:
        return last_start(buf, self.token)

    def feed(self, seg: bytes) -> None:
        self.lengths.extend(m.end() - m.start() for m in self.si.finditer(seg))


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

    def text(self) -> int:
        """Bytes of cell data the sheets ask for: their XML, the shared strings, and each
        shared text again at every use (the longest text of that index in any part)."""
        lengths: array[int] = array("q")
        for part in self.shared.values():
            for i, n in enumerate(part):
                if i < len(lengths):
                    lengths[i] = max(lengths[i], n)
                else:
                    lengths.append(n)
        n = len(lengths)
        uses = sum(lengths[i] for scan in self.sheets.values() for i in scan.shared
                   if 0 <= i < n)
        return sum(self.sheet_bytes.values()) + self.shared_bytes + uses


def _chunks(zf: zipfile.ZipFile, info: zipfile.ZipInfo, room: int) -> Iterator[bytes]:
    """Inflate ``info`` in chunks, reading past its claimed size (up to ``room`` bytes)."""
    probe = copy.copy(info)
    probe.file_size = room + 1  # zipfile stops at the claimed size; measure the real one
    with zf.open(probe) as fh:
        while chunk := fh.read(CHUNK):
            yield chunk


def scan_archive(zf: zipfile.ZipFile, *, max_inflated: int, max_cell_bytes: int) -> ArchiveScan:
    """Inflate every part once; measure it, refuse DTDs, scan sheets and shared strings.

    Raises:
        ScanError: ``inflate`` (past ``max_inflated``), ``dtd``, ``corrupt`` (a CRC or size
            that does not match, a method other than stored/deflated, an encrypted part),
            or ``cell`` (one element bigger than ``max_cell_bytes``).
    """
    result = ArchiveScan()
    for info in zf.infolist():
        if info.is_dir():
            continue
        if info.flag_bits & 0x1 or info.compress_type not in (zipfile.ZIP_STORED,
                                                               zipfile.ZIP_DEFLATED):
            raise ScanError("corrupt", info.filename, "encrypted or unsupported method")
        size = _scan_part(zf, info, result, max_inflated, max_cell_bytes)
        if size != info.file_size:
            raise ScanError("corrupt", info.filename, f"inflates to {size}, not {info.file_size}")
    return result


def _scan_part(zf: zipfile.ZipFile, info: zipfile.ZipInfo, result: ArchiveScan,
               max_inflated: int, max_cell_bytes: int) -> int:
    is_xml = info.filename.casefold().endswith(XML_SUFFIXES)
    scanner: _SheetScanner | _SharedScanner | None = None
    size, tail, carry, first = 0, b"", b"", True
    try:
        for chunk in _chunks(zf, info, max_inflated - result.inflated):
            size += len(chunk)
            result.inflated += len(chunk)
            if result.inflated > max_inflated:
                raise ScanError("inflate", info.filename)
            if not is_xml:
                continue
            if (b"<!" in chunk or b"<" in tail) and _DTD.search(tail + chunk):
                raise ScanError("dtd", info.filename)
            tail = chunk[-16:]
            if first:
                first = False
                scanner = _scanner_for(chunk)
            if scanner is None:
                continue
            buf = carry + chunk
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
    return size


def _scanner_for(head: bytes) -> _SheetScanner | _SharedScanner | None:
    root = _ROOT.search(head)
    if root is None:
        return None
    prefix, name = root.group(1) or b"", root.group(2)
    if name in SHEET_ROOTS:
        return _SheetScanner(prefix)
    if name == b"sst":
        return _SharedScanner(prefix)
    return None
