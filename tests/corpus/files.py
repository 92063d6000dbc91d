"""Files that are not workbooks, broken, hostile or past a limit, built by streaming."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import warnings
import zipfile
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

from learnworks_xl.core import sheets as sh
from tests.corpus import zipparts as zp
from tests.corpus.kit import Kit

# --- file-level cases: not a workbook, broken, hostile, or past a limit -------------------

def real_xls(kit: Kit) -> Path:
    folder = kit.out("xls")
    folder.mkdir(exist_ok=True)
    subprocess.run(["soffice", "--headless", f"-env:UserInstallation=file://{folder}/profile",
                    "--convert-to", "xls", "--outdir", str(folder), str(kit.base)],
                   check=True, capture_output=True, timeout=180)
    made = folder / (kit.base.stem + ".xls")
    target = kit.out("legacy.xls")
    shutil.move(made, target)
    return target


def csv_renamed(kit: Kit) -> Path:
    target = kit.out("schools.xlsx")
    rows = ["รหัสโรงเรียน,ชื่อโรงเรียน,ขนาดโรงเรียน"]
    rows += [f"{s['code']},{s['name']},{s['size']}" for s in kit.data()[sh.SCHOOLS.name]]
    target.write_text("\n".join(rows) + "\n", encoding="utf-8-sig")
    return target


def password(kit: Kit) -> Path:
    from msoffcrypto.format.ooxml import OOXMLFile

    target = kit.out("password.xlsx")
    with kit.base.open("rb") as src, target.open("wb") as out:
        OOXMLFile(src).encrypt("lw-2569", out)
    return target


def _spaces(total: int) -> Callable[[], Iterator[bytes]]:
    """A worksheet whose sheetData holds ``total`` bytes of blanks: compresses ~1000:1."""
    def chunks() -> Iterator[bytes]:
        yield zp.SHEET_HEAD + b"<sheetData>"
        block = b" " * (4 << 20)
        for _ in range(total // len(block)):
            yield block
        yield b"</sheetData></worksheet>"
    return chunks


def zip_bomb(kit: Kit) -> Path:
    part = zp.part_of(kit.base, sh.SETTINGS.name)
    return zp.rewrite(kit.base, kit.out("bomb.xlsx"), stream={part: _spaces(1 << 30)},
                      level=9)


def _rows_of_spaces(total: int) -> Callable[[], Iterator[bytes]]:
    """Rows of 1 MB of blanks each: every element small, the whole part ``total`` bytes."""
    def chunks() -> Iterator[bytes]:
        yield zp.SHEET_HEAD + b"<sheetData>"
        block = b" " * (1 << 20)
        for r in range(1, total // len(block) + 1):
            yield b'<row r="%d">' % r + block + b"</row>"
        yield b"</sheetData></worksheet>"
    return chunks


def _lying(kit: Kit, name: str, chunks: Callable[[], Iterator[bytes]]) -> Path:
    part = zp.part_of(kit.base, sh.SETTINGS.name)
    target = zp.rewrite(kit.base, kit.out(name), stream={part: chunks}, level=9)
    with zipfile.ZipFile(target) as zf:
        compressed = zf.getinfo(part).compress_size
    zp.lie_about_sizes(target, part, compressed * 3)
    return target


def zip_bomb_lying(kit: Kit) -> Path:
    """1 GB of rows that the zip says are 3 MB: only inflating tells."""
    return _lying(kit, "bomb-lying.xlsx", _rows_of_spaces(1 << 30))


def zip_bomb_one_element(kit: Kit) -> Path:
    """1 GB of blanks in one element, sizes lying too: refused at the element limit."""
    return _lying(kit, "bomb-element.xlsx", _spaces(1 << 30))


LAUGHS = (b'<!DOCTYPE lolz [<!ENTITY lol "lol">'
          + b"".join(b'<!ENTITY lol%d "%s">' % (i, (b"&lol%d;" % (i - 1) if i > 1 else b"&lol;")
                                                   * 10) for i in range(1, 10)) + b"]>")


def entity_bomb_shared(kit: Kit) -> Path:
    sst = (b'<?xml version="1.0" encoding="UTF-8"?>' + LAUGHS
           + b'<sst ' + zp.NS + b' count="1" uniqueCount="1"><si><t>&lol9;</t></si></sst>')
    part = zp.part_of(kit.base, sh.SETTINGS.name)
    sheet = zp.sheet_xml(b'<row r="1"><c r="A1" t="s"><v>0</v></c></row>')
    return zp.with_shared_strings(kit.base, kit.out("laughs-shared.xlsx"), sst, {part: sheet})


def entity_bomb_sheet(kit: Kit) -> Path:
    part = zp.part_of(kit.base, sh.SETTINGS.name)
    sheet = zp.sheet_xml(b'<row r="1"><c r="A1" t="inlineStr"><is><t>&lol9;</t></is></c></row>',
                         head=b'<?xml version="1.0"?>' + LAUGHS + b"<worksheet " + zp.NS + b">")
    return zp.rewrite(kit.base, kit.out("laughs-sheet.xlsx"), {part: sheet})


def external_entity(kit: Kit) -> Path:
    part = zp.part_of(kit.base, sh.SETTINGS.name)
    head = (b'<?xml version="1.0"?>\n<!DOCTYPE worksheet [<!ENTITY xxe SYSTEM '
            b'"file:///etc/passwd">]>\n<worksheet ' + zp.NS + b">")
    sheet = zp.sheet_xml(b'<row r="1"><c r="A1" t="inlineStr"><is><t>&xxe;</t></is></c></row>',
                         head=head)
    return zp.rewrite(kit.base, kit.out("xxe.xlsx"), {part: sheet})


def big_picture(kit: Kit) -> Path:
    """50 MB: a clerk pasted photographs (incompressible bytes, stored)."""
    def photo() -> Iterator[bytes]:
        for _ in range(50):
            yield os.urandom(1 << 20)
    return zp.rewrite(kit.base, kit.out("big-picture.xlsx"),
                      stream={"xl/media/image1.jpeg": photo}, method=zipfile.ZIP_STORED)


def _purchase_rows(rows: int, value: bytes) -> Callable[[], Iterator[bytes]]:
    """The purchases sheet with its header and ``rows`` rows of ``value`` in all 9 columns."""
    def chunks() -> Iterator[bytes]:
        titles = [c.title for c in sh.PURCHASES.columns]
        yield zp.SHEET_HEAD + b'<sheetData><row r="1">' + b"".join(
            b'<c r="%c1" t="inlineStr"><is><t>%s</t></is></c>' % (65 + i, t.encode())
            for i, t in enumerate(titles)) + b"</row>"
        batch: list[bytes] = []
        for r in range(2, rows + 2):
            batch.append(b'<row r="%d">' % r + b"".join(
                b'<c r="%c%d" t="inlineStr"><is><t>%s</t></is></c>' % (65 + i, r, value)
                for i in range(len(titles))) + b"</row>")
            if len(batch) == 1000:
                yield b"".join(batch)
                batch = []
        yield b"".join(batch) + b"</sheetData></worksheet>"
    return chunks


BIG_VALUE = ("ไม่ใช่ตัวเลขxyz" * 7).encode()


def big_data(kit: Kit) -> Path:
    """50 MB of cells (stored), every one wrong: 132,000 findings, just under the limit of
    findings kept (150,000), the worst case of a wrong workbook."""
    part = zp.part_of(kit.base, sh.PURCHASES.name)
    return zp.rewrite(kit.base, kit.out("big-data.xlsx"),
                      stream={part: _purchase_rows(16_500, BIG_VALUE)},
                      method=zipfile.ZIP_STORED)


def past_cell_limit(kit: Kit) -> Path:
    part = zp.part_of(kit.base, sh.PURCHASES.name)
    return zp.rewrite(kit.base, kit.out("past-cell-limit.xlsx"),
                      stream={part: _purchase_rows(25_000, b"1")})


def truncated(kit: Kit) -> Path:
    target = kit.out("half-saved.xlsx")
    data = kit.base.read_bytes()
    target.write_bytes(data[: len(data) * 6 // 10])
    return target


def no_central_directory(kit: Kit) -> Path:
    """Every part written, the directory not yet: Excel or a sync client still saving."""
    data = kit.base.read_bytes()
    target = kit.out("still-saving.xlsx")
    target.write_bytes(data[:data.find(b"PK\x01\x02")])
    return target


def empty_file(kit: Kit) -> Path:
    target = kit.out("zero.xlsx")
    target.write_bytes(b"")
    return target


def lock_file(kit: Kit) -> Path:
    """Excel's owner file ``~$name.xlsx``, picked by mistake."""
    target = kit.out("~$sample.xlsx")
    user = b"somjai"
    target.write_bytes(bytes([len(user)]) + user.ljust(53, b" ")
                       + bytes([len(user), 0]) + "somjai".encode("utf-16-le") + b" \x00" * 49)
    return target


def far_cell(kit: Kit) -> Path:
    part = zp.part_of(kit.base, sh.NOTES.name)

    def stray(xml: bytes) -> bytes:
        return xml.replace(b"</sheetData>", b'<row r="1048576"><c r="XFD1048576" '
                           b't="inlineStr"><is><t>x</t></is></c></row></sheetData>')
    return zp.rewrite(kit.base, kit.out("far-cell.xlsx"), {part: stray})


def far_column(kit: Kit) -> Path:
    def change(wb: Any) -> None:
        wb[sh.NOTES.name]["XFD1000"] = "ลองพิมพ์"
    return kit.edit("far-column.xlsx", change)


def shared_text_copies(kit: Kit) -> Path:
    """One 30,000-character text used by 100,000 cells: 220 KB that asked for 15 GB."""
    sst = (b'<?xml version="1.0" encoding="UTF-8"?><sst ' + zp.NS + b' count="1" '
           b'uniqueCount="1"><si><t>' + ("ก" * 30_000).encode() + b"</t></si></sst>")
    rows = b"".join(b'<row r="%d">' % r + b"".join(
        b'<c r="%c%d" t="s"><v>0</v></c>' % (c, r) for c in b"ABCDEFGHIJ") + b"</row>"
        for r in range(1, 10_001))
    part = zp.part_of(kit.base, sh.NOTES.name)
    return zp.with_shared_strings(kit.base, kit.out("shared-copies.xlsx"), sst,
                                  {part: zp.sheet_xml(rows)})


def no_r_attributes(kit: Kit) -> Path:
    """Cells and rows without ``r`` (legal; some generators write them): placed in order."""
    part = zp.part_of(kit.base, sh.SCHOOLS.name)

    def strip(xml: bytes) -> bytes:
        return re.sub(rb'(<(?:c|row)) r="[A-Z]*[0-9]+"', rb"\1", xml)
    return zp.rewrite(kit.base, kit.out("no-r.xlsx"), {part: strip})


def odd_spelling(kit: Kit) -> Path:
    """Single quotes, line breaks and spaces inside tags, attributes in another order."""
    part = zp.part_of(kit.base, sh.SCHOOLS.name)

    def respell(xml: bytes) -> bytes:
        xml = re.sub(rb'<c r="([A-Z]+[0-9]+)" t="inlineStr">', rb"<c\n  t='inlineStr'  r = '\1' >",
                     xml)
        return re.sub(rb'<row r="([0-9]+)"', rb"<row\tr='\1'", xml)
    return zp.rewrite(kit.base, kit.out("odd-spelling.xlsx"), {part: respell})


def unreadable_tag(kit: Kit) -> Path:
    part = zp.part_of(kit.base, sh.NOTES.name)
    attrs = b"".join(b' a%d="x"' % i for i in range(40))

    def add(xml: bytes) -> bytes:
        return xml.replace(b"</sheetData>", b"<row r='40'><c r='XFD40'" + attrs
                           + b"><v>1</v></c></row></sheetData>")
    return zp.rewrite(kit.base, kit.out("unreadable-tag.xlsx"), {part: add})


def rows_without_r(kit: Kit) -> Path:
    """300,000 rows without ``r``: calamine counts them, so does the scan."""
    part = zp.part_of(kit.base, sh.NOTES.name)
    rows = b"<row><c><v>1</v></c></row>" * 300_000
    return zp.rewrite(kit.base, kit.out("rows-without-r.xlsx"), {part: zp.sheet_xml(rows)})


def quadratic_bait(kit: Kit) -> Path:
    """A megabyte of unfinished cell tags: a naive regex would scan it once per tag."""
    part = zp.part_of(kit.base, sh.NOTES.name)
    rows = b"<row r='1'>" + b"<c r='A1' " * 100_000 + b"</row>"
    return zp.rewrite(kit.base, kit.out("quadratic-bait.xlsx"), {part: zp.sheet_xml(rows)})


def too_many_parts(kit: Kit) -> Path:
    return zp.rewrite(kit.base, kit.out("many-parts.xlsx"),
                      add={f"xl/media/dot{i}.png": b"" for i in range(10_001)})


def xlsb(kit: Kit) -> Path:
    target = kit.out("binary.xlsb")
    with zipfile.ZipFile(target, "w") as zf:
        zf.writestr("[Content_Types].xml", b"<Types/>")
        zf.writestr("xl/workbook.bin", b"\x83\x01\x00")
    return target


def plain_zip(kit: Kit) -> Path:
    target = kit.out("photos.xlsx")
    with zipfile.ZipFile(target, "w") as zf:
        zf.writestr("readme.txt", "ไม่ใช่สมุดงาน")
    return target


def duplicate_parts(kit: Kit) -> Path:
    part = zp.part_of(kit.base, sh.SCHOOLS.name)
    target = zp.rewrite(kit.base, kit.out("duplicate-parts.xlsx"))
    with zipfile.ZipFile(target, "a") as zf, warnings.catch_warnings():
        warnings.simplefilter("ignore")  # zipfile warns about the duplicate name
        zf.writestr(part, zp.sheet_xml(b'<row r="1"><c r="A1"><v>1</v></c></row>'))
    return target


def bad_crc(kit: Kit) -> Path:
    part = zp.part_of(kit.base, sh.SCHOOLS.name)
    target = zp.rewrite(kit.base, kit.out("bad-crc.xlsx"), method=zipfile.ZIP_STORED)
    data = bytearray(target.read_bytes())
    with zipfile.ZipFile(target) as zf:
        info = zf.getinfo(part)
    at = data.find(b"BK01", info.header_offset)
    data[at:at + 4] = b"BK99"
    target.write_bytes(bytes(data))
    return target


def bzip2_part(kit: Kit) -> Path:
    return zp.rewrite(kit.base, kit.out("bzip2.xlsx"), method=zipfile.ZIP_BZIP2)


def missing_path(kit: Kit) -> Path:
    return kit.out("nowhere") / "gone.xlsx"


def a_folder(kit: Kit) -> Path:
    folder = kit.out("a-folder.xlsx")
    folder.mkdir(exist_ok=True)
    return folder
