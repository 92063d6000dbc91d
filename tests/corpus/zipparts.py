"""Edit a workbook at the level of its zip parts: the tools the corpus builders share.

Big parts are written by streaming (a generator of byte chunks), never held in memory.
"""

from __future__ import annotations

import re
import struct
import zipfile
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path

from learnworks_xl.io.reader import sheet_parts

Edit = bytes | Callable[[bytes], bytes]

NS = b'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"'
SHEET_HEAD = b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<worksheet ' + NS + b">"
SST_TYPE = (b"application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml")
SST_REL = b"http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings"


def part_of(path: Path, sheet: str) -> str:
    """The zip part that holds ``sheet``."""
    with zipfile.ZipFile(path) as zf:
        return sheet_parts(zf)[sheet]


def read_part(path: Path, part: str) -> bytes:
    """The bytes of one part."""
    with zipfile.ZipFile(path) as zf:
        return zf.read(part)


def rewrite(src: Path, dst: Path, edits: dict[str, Edit] | None = None, *,
            add: dict[str, bytes] | None = None, drop: Iterable[str] = (),
            stream: dict[str, Callable[[], Iterator[bytes]]] | None = None,
            method: int = zipfile.ZIP_DEFLATED, level: int | None = None) -> Path:
    """Copy the workbook ``src`` to ``dst`` part by part, changing some parts on the way.

    Args:
        src: The workbook to start from.
        dst: Where to write the result.
        edits: New bytes for a part, or a function of its old bytes.
        add: New parts (name → bytes).
        drop: Parts to leave out.
        stream: Parts written from a generator of chunks (replacing or adding).
        method: Compression of the written parts.
        level: Compression level.
    """
    edits, add, stream, dropped = edits or {}, add or {}, stream or {}, set(drop)
    with zipfile.ZipFile(src) as zin, zipfile.ZipFile(dst, "w", method,
                                                       compresslevel=level) as out:
        for info in zin.infolist():
            name = info.filename
            if name in dropped:
                continue
            if name in stream:
                _stream(out, name, stream[name]())
                continue
            data = zin.read(name)
            edit = edits.get(name)
            if edit is not None:
                data = edit(data) if callable(edit) else edit
            out.writestr(zipfile.ZipInfo(name, info.date_time), data, method, level)
        for name, data in add.items():
            out.writestr(zipfile.ZipInfo(name), data, method, level)
        for name, chunks in stream.items():
            if name not in zin.namelist():
                _stream(out, name, chunks())
    return dst


def _stream(out: zipfile.ZipFile, name: str, chunks: Iterator[bytes]) -> None:
    # opened by name, the part takes the archive's method and level
    with out.open(name, "w", force_zip64=True) as fh:
        for chunk in chunks:
            fh.write(chunk)


def with_shared_strings(src: Path, dst: Path, sst: bytes, edits: dict[str, Edit]) -> Path:
    """Copy ``src`` adding ``xl/sharedStrings.xml`` (content type and relationship too)."""
    def types(data: bytes) -> bytes:
        return data.replace(b"</Types>", b'<Override PartName="/xl/sharedStrings.xml" '
                            b'ContentType="' + SST_TYPE + b'"/></Types>')

    def rels(data: bytes) -> bytes:
        return data.replace(b"</Relationships>", b'<Relationship Id="rIdSst" Type="'
                            + SST_REL + b'" Target="sharedStrings.xml"/></Relationships>')

    return rewrite(src, dst, {"[Content_Types].xml": types, "xl/_rels/workbook.xml.rels": rels,
                              **edits}, add={"xl/sharedStrings.xml": sst})


def sheet_xml(rows: bytes, head: bytes = SHEET_HEAD) -> bytes:
    """A whole worksheet part around ``rows`` (``<row>`` elements)."""
    return head + b"<sheetData>" + rows + b"</sheetData></worksheet>"


def replace_cell(xml: bytes, ref: str, cell: bytes) -> bytes:
    """Replace the cell ``ref`` (``<c r="G2" ...>...</c>`` or ``<c r="G2"/>``) by ``cell``."""
    pattern = re.compile(rb'<c r="' + ref.encode() + rb'"(?:[^>]*/>|[^>]*>.*?</c>)', re.S)
    new, count = pattern.subn(cell, xml, count=1)
    assert count == 1, f"no cell {ref}"
    return new


def lie_about_sizes(path: Path, member: str, claimed: int) -> None:
    """Make the zip claim ``claimed`` bytes for ``member`` (local header and directory).

    The CRC stays that of the real data, so a reader that trusts the claim sees a small part
    (and a CRC error), and a reader that inflates to the end sees all of it.
    """
    data = bytearray(path.read_bytes())
    with zipfile.ZipFile(path) as zf:
        local = zf.getinfo(member).header_offset
    assert data[local:local + 4] == b"PK\x03\x04"
    name_len, extra_len = struct.unpack_from("<HH", data, local + 26)
    _claim(data, local + 22, local + 30 + name_len, extra_len, claimed)
    at, name = 0, member.encode()
    while True:
        at = data.find(b"PK\x01\x02", at + 1)
        assert at > 0, "central directory entry not found"
        name_len, extra_len = struct.unpack_from("<HH", data, at + 28)
        if bytes(data[at + 46:at + 46 + name_len]) == name:
            break
    _claim(data, at + 24, at + 46 + name_len, extra_len, claimed)
    path.write_bytes(bytes(data))


def _claim(data: bytearray, field: int, extra: int, extra_len: int, claimed: int) -> None:
    """Write ``claimed`` as the uncompressed size: the 32-bit field or its zip64 extra."""
    if struct.unpack_from("<I", data, field)[0] != 0xFFFFFFFF:
        struct.pack_into("<I", data, field, claimed)
        return
    end = extra + extra_len
    while extra < end:
        tag, size = struct.unpack_from("<HH", data, extra)
        if tag == 1:
            struct.pack_into("<Q", data, extra + 4, claimed)
            return
        extra += 4 + size
    raise AssertionError("zip64 extra field not found")
