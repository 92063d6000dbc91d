"""The corpus of bad workbooks, built by code at test time (nothing big is committed).

Each :class:`Case` builds one file from the sample workbook and says what ``learnworks
validate`` must answer: findings at given cells (exit 0/1), or one exact Thai line on stderr
(exit 2). Builders stream big parts, so even the 1 GB zip bomb is never held in memory.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import warnings
import zipfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from openpyxl import load_workbook
from openpyxl.styles import Border, PatternFill, Side

from learnworks_xl.core import sheets as sh
from learnworks_xl.io.plainwriter import write_plain_workbook
from learnworks_xl.sample import sample_data
from tests.corpus import zipparts as zp

Flat = tuple[str, str, str | None]
"""(code, sheet, cell) of a finding."""


@dataclass
class Kit:
    """What a builder gets: the sample workbook, fresh sample data and a folder to write in."""

    base: Path
    folder: Path

    def data(self) -> dict[str, Any]:
        """The sample data, fresh (safe to change)."""
        return sample_data()

    def out(self, name: str) -> Path:
        """A path in the folder."""
        return self.folder / name

    def write(self, data: dict[str, Any], name: str) -> Path:
        """Write data as a plain workbook."""
        return write_plain_workbook(data, self.out(name))

    def edit(self, name: str, change: Callable[[Any], None]) -> Path:
        """Open the sample with openpyxl, apply ``change(workbook)``, save as ``name``."""
        wb = load_workbook(self.base)
        change(wb)
        target = self.out(name)
        wb.save(target)
        return target


@dataclass(frozen=True)
class Case:
    """One bad input and the answer it must get."""

    name: str
    build: Callable[[Kit], Path]
    exit_code: int
    stderr: Callable[[Path], str] | None = None
    """The exact stderr for a refused file, given the file."""
    findings: frozenset[Flat] = frozenset()
    """Findings that must be reported (among others)."""
    codes: frozenset[str] | None = None
    """When set, the only finding codes allowed."""
    needs: str | None = None
    """A program on PATH the builder needs (the case skips without it)."""
    slow: bool = False
    max_seconds: float = 60.0
    env: dict[str, str] = field(default_factory=dict)


def refused(th: str, en: str) -> Callable[[Path], str]:
    """The stderr line of an exit-2 refusal: ``{name}`` and ``{path}`` filled in."""
    def line(path: Path) -> str:
        return (f"ผิดพลาด: {th.format(name=path.name, path=path)} "
                f"({en.format(name=path.name, path=path)})\n")
    return line


def corrupt(detail: str) -> Callable[[Path], str]:
    """The refusal of a corrupt or incomplete file, with its English detail."""
    return refused("ไฟล์ {name} เสียหายหรือยังบันทึกไม่เสร็จ เปิดอ่านไม่ได้",
                   "{name} is corrupt or incomplete: " + detail)


NOT_WORKBOOK = refused("ไฟล์ {name} ไม่ใช่สมุดงาน Excel (.xlsx หรือ .xlsm)",
                       "{name} is not an Excel workbook (.xlsx/.xlsm)")
BOMB = refused("ไฟล์ {name} ขยายตัวเกินขนาดที่อนุญาต (400 MB) อาจเป็นไฟล์อันตราย",
               "{name} inflates past 400 MB (zip bomb?)")
DTD = "ไฟล์ {name} มีการประกาศ DTD หรือ ENTITY ซึ่ง Excel ไม่สร้าง อาจเป็นไฟล์อันตราย จึงไม่เปิดอ่าน"


def dtd(part: str) -> Callable[[str], str]:
    """The refusal of a DTD found in ``part``."""
    return refused(DTD, "{name}: a DTD (DOCTYPE/ENTITY) in " + part)


# --- cell-level cases: the data is wrong, the file is fine --------------------------------

def wrong_types(kit: Kit) -> Path:
    data = kit.data()
    data[sh.PURCHASES.name][0]["quantity"] = "สิบ"
    data[sh.PURCHASES.name][1]["date"] = "พรุ่งนี้"
    data[sh.PURCHASES.name][2]["unit_price"] = True
    data[sh.SCHOOLS.name][0]["email"] = 12345
    data[sh.REPORTS.name][0]["participants"] = "หนึ่งร้อย"
    data[sh.WORKS.name][0]["submitted_on"] = -5
    return kit.write(data, "wrong-types.xlsx")


def thai_digits(kit: Kit) -> Path:
    data = kit.data()
    for size in data[sh.SIZES.name]:
        size["budget_per_school"] = f"{size['budget_per_school']:,}.-".translate(THAI)
    for row in data[sh.PURCHASES.name]:
        row["quantity"] = str(row["quantity"]).translate(THAI)
        row["amount"] = f"{row['amount']:,} บาท".translate(THAI)
    data[sh.PROJECT.name]["approved_budget"] = "๖๙,๕๐๐.-"
    return kit.write(data, "thai-digits.xlsx")


THAI = str.maketrans("0123456789", "๐๑๒๓๔๕๖๗๘๙")
MONTHS = ("ม.ค.", "ก.พ.", "มี.ค.", "เม.ย.", "พ.ค.", "มิ.ย.", "ก.ค.", "ส.ค.", "ก.ย.", "ต.ค.",
          "พ.ย.", "ธ.ค.")


def be_dates(kit: Kit) -> Path:
    data = kit.data()
    for i, row in enumerate(data[sh.PURCHASES.name]):
        d: date = row["date"]
        row["date"] = (f"{d.day}/{d.month}/{d.year + 543}" if i % 2 else
                       f"{d.day} {MONTHS[d.month - 1]} {d.year + 543}")
    for row in data[sh.ACTIVITIES.name]:
        d = row["start_date"]
        row["start_date"] = f"{d.day:02d}/{d.month:02d}/{d.year + 543}".translate(THAI)
    return kit.write(data, "be-dates.xlsx")


def merged_over_table(kit: Kit) -> Path:
    def change(wb: Any) -> None:
        ws = wb[sh.SCHOOLS.name]
        ws.insert_rows(1)
        ws["A1"] = "รายชื่อโรงเรียนในโครงการ ปีงบประมาณ 2569"
        ws.merge_cells("A1:H1")
        ws.merge_cells("C3:C4")  # BK01 and BK02 share one size cell: C4 is empty
    return kit.edit("merged.xlsx", change)


def formula_errors(kit: Kit) -> Path:
    out = kit.out("formula-errors.xlsx")
    purchases = zp.part_of(kit.base, sh.PURCHASES.name)
    works = zp.part_of(kit.base, sh.WORKS.name)

    def purchase_cells(xml: bytes) -> bytes:
        xml = zp.replace_cell(xml, "G2", b'<c r="G2" t="e"><f>D2*#REF!</f><v>#REF!</v></c>')
        return zp.replace_cell(xml, "G3", b'<c r="G3" t="e"><f>F3/0</f><v>#DIV/0!</v></c>')

    def work_cells(xml: bytes) -> bytes:
        return zp.replace_cell(xml, "K2", b'<c r="K2" t="e"><f>NA()</f><v>#N/A</v></c>')

    return zp.rewrite(kit.base, out, {purchases: purchase_cells, works: work_cells})


def hidden_rows(kit: Kit) -> Path:
    def change(wb: Any) -> None:
        ws = wb[sh.PURCHASES.name]
        ws["D5"] = "ห้าชิ้น"  # wrong, in a row the clerk hid: still reported
        for r in (3, 5):
            ws.row_dimensions[r].hidden = True
        ws.insert_rows(8, 2)  # two blank rows, hidden: skipped
        for r in (8, 9):
            ws.row_dimensions[r].hidden = True
    return kit.edit("hidden-rows.xlsx", change)


def _header_col(ws: Any, title: str) -> int:
    return next(c.column for c in ws[1] if c.value == title)


def extra_column(kit: Kit) -> Path:
    def change(wb: Any) -> None:
        ws = wb[sh.SCHOOLS.name]
        ws.cell(1, 9, "หมายเหตุของเขต")
        ws.cell(2, 9, "โรงเรียนแกนนำ")
        ws.insert_cols(1)
        ws.cell(1, 1, "ลำดับที่")
        for r in range(2, 7):
            ws.cell(r, 1, r - 1)
    return kit.edit("extra-columns.xlsx", change)


def missing_column(kit: Kit) -> Path:
    def change(wb: Any) -> None:
        ws = wb[sh.SCHOOLS.name]
        ws.delete_cols(_header_col(ws, "ขนาดโรงเรียน"))
    return kit.edit("missing-column.xlsx", change)


def duplicated_column(kit: Kit) -> Path:
    def change(wb: Any) -> None:
        ws = wb[sh.SCHOOLS.name]
        email = _header_col(ws, "อีเมล")
        for r in range(1, 7):
            ws.cell(r, 9, ws.cell(r, email).value)
        ws.cell(3, 9, "ไม่ใช่อีเมล")  # the second copy is not read: no finding from it
    return kit.edit("duplicated-column.xlsx", change)


def reordered_columns(kit: Kit) -> Path:
    def change(wb: Any) -> None:
        ws = wb[sh.PURCHASES.name]
        rows = [[c.value for c in row] for row in ws.iter_rows()]
        fmts = [[c.number_format for c in row] for row in ws.iter_rows()]
        for r, (values, formats) in enumerate(zip(rows, fmts, strict=True), start=1):
            for c, (v, f) in enumerate(zip(reversed(values), reversed(formats),
                                           strict=True), start=1):
                cell = ws.cell(r, c, v)
                cell.number_format = f
    return kit.edit("reordered-columns.xlsx", change)


def blank_rows_middle(kit: Kit) -> Path:
    def change(wb: Any) -> None:
        wb[sh.PURCHASES.name].insert_rows(10, 3)
        wb[sh.WORKS.name].insert_rows(4, 1)
        wb[sh.WORKS.name]["C4"] = "   "  # only spaces: a blank row too
    return kit.edit("blank-rows.xlsx", change)


def formatted_blank_rows(kit: Kit) -> Path:
    def change(wb: Any) -> None:
        ws = wb[sh.PURCHASES.name]
        fill = PatternFill("solid", fgColor="FFF2CC")
        thin = Side(style="thin")
        border = Border(left=thin, right=thin, top=thin, bottom=thin)
        for r in range(32, 10_032):
            for c in range(1, 10):
                cell = ws.cell(r, c)
                cell.fill = fill
                cell.border = border
                cell.number_format = "#,##0.00"
    return kit.edit("formatted-blank-rows.xlsx", change)


def missing_sheets(kit: Kit) -> Path:
    def change(wb: Any) -> None:
        del wb[sh.WORKS.name]
        del wb[sh.REPORTS.name]
    return kit.edit("missing-sheets.xlsx", change)


def empty_workbook(kit: Kit) -> Path:
    from openpyxl import Workbook

    target = kit.out("empty.xlsx")
    Workbook().save(target)
    return target


def no_sheets(kit: Kit) -> Path:
    def workbook(xml: bytes) -> bytes:
        start, end = xml.index(b"<sheets>"), xml.index(b"</sheets>") + len(b"</sheets>")
        return xml[:start] + b"<sheets/>" + xml[end:]
    return zp.rewrite(kit.base, kit.out("no-sheets.xlsx"), {"xl/workbook.xml": workbook})


def chart_sheet(kit: Kit) -> Path:
    from openpyxl.chart import BarChart, Reference

    def change(wb: Any) -> None:
        ws = wb[sh.SIZES.name]
        chart = BarChart()
        chart.add_data(Reference(ws, min_col=2, min_row=1, max_row=3), titles_from_data=True)
        wb.create_chartsheet("กราฟงบประมาณ").add_chart(chart)
    return kit.edit("chart-sheet.xlsx", change)


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
    """50 MB of cells (stored), every one wrong, just under the cell limit: the worst case."""
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


# --- what each case must answer ----------------------------------------------------------

P, SC, W, R = sh.PURCHASES.name, sh.SCHOOLS.name, sh.WORKS.name, sh.REPORTS.name
ALL_MISSING = frozenset(("missing-sheet", s.name, None) for s in sh.INPUT_SHEETS)
NONE: frozenset[str] = frozenset()
TEN_S = 10.0  # a refusal reads no cell: it must be quick

CASES: tuple[Case, ...] = (
    # the data is wrong: findings at the cells
    Case("wrong-types", wrong_types, 1, findings=frozenset({
        ("invalid-format", SC, "F2"), ("type-error", P, "D2"), ("invalid-date", P, "B3"),
        ("type-error", P, "F4"), ("invalid-date", W, "K2"), ("type-error", R, "C2")})),
    Case("thai-digits", thai_digits, 0, codes=NONE),
    Case("be-dates", be_dates, 0, codes=NONE),
    Case("merged-over-table", merged_over_table, 1,
         findings=frozenset({("required", SC, "C4")}), codes=frozenset({"required"})),
    Case("formula-errors", formula_errors, 1, findings=frozenset({
        ("formula-error", P, "G2"), ("formula-error", P, "G3"), ("formula-error", W, "K2")}),
        codes=frozenset({"formula-error"})),
    Case("hidden-rows", hidden_rows, 1, findings=frozenset({("type-error", P, "D5")}),
         codes=frozenset({"type-error"})),
    Case("extra-columns", extra_column, 0, codes=NONE),
    Case("missing-column", missing_column, 1,
         findings=frozenset({("missing-column", SC, "A1")}),
         codes=frozenset({"missing-column", "required"})),
    Case("duplicated-column", duplicated_column, 0,
         findings=frozenset({("duplicate-column", SC, "I1")}),
         codes=frozenset({"duplicate-column"})),
    Case("reordered-columns", reordered_columns, 0, codes=NONE),
    Case("blank-rows-in-the-middle", blank_rows_middle, 0, codes=NONE),
    Case("10000-formatted-blank-rows", formatted_blank_rows, 0, codes=NONE,
         max_seconds=TEN_S),
    Case("missing-sheets", missing_sheets, 1,
         findings=frozenset({("missing-sheet", W, None), ("missing-sheet", R, None)}),
         codes=frozenset({"missing-sheet"})),
    Case("empty-workbook", empty_workbook, 1, findings=ALL_MISSING,
         codes=frozenset({"missing-sheet"})),
    Case("no-sheets-at-all", no_sheets, 1, findings=ALL_MISSING,
         codes=frozenset({"missing-sheet"})),
    Case("chart-sheet", chart_sheet, 0, codes=NONE),
    Case("cells-without-r", no_r_attributes, 0, codes=NONE),
    Case("odd-xml-spelling", odd_spelling, 0, codes=NONE),
    Case("50mb-of-pictures", big_picture, 0, codes=NONE, max_seconds=TEN_S),
    Case("50mb-of-wrong-cells", big_data, 1, findings=frozenset({
        ("type-error", P, "A2"), ("not-allowed", P, "H16501")}), slow=True),
    # the file is not a workbook, is broken, hostile, or past a limit: one line, exit 2
    Case("missing-file", missing_path, 2, max_seconds=TEN_S,
         stderr=refused("ไม่พบไฟล์ {path}", "file not found: {path}")),
    Case("a-folder", a_folder, 2, max_seconds=TEN_S,
         stderr=refused("{path} เป็นโฟลเดอร์ ไม่ใช่ไฟล์สมุดงาน", "{path} is a directory")),
    Case("real-xls", real_xls, 2, needs="soffice", max_seconds=TEN_S, stderr=refused(
        "ไฟล์ {name} เป็นไฟล์ Excel รุ่นเก่า (.xls) กรุณาเปิดใน Excel แล้วบันทึกเป็น .xlsx หรือ .xlsm",
        "{name} is a legacy .xls workbook; save it as .xlsx/.xlsm")),
    Case("csv-renamed-xlsx", csv_renamed, 2, max_seconds=TEN_S, stderr=refused(
        "ไฟล์ {name} เป็นไฟล์ข้อความ (เช่น CSV หรือ HTML) ไม่ใช่สมุดงาน Excel "
        "กรุณาเปิดใน Excel แล้วบันทึกเป็น .xlsx หรือ .xlsm",
        "{name} is a text file (CSV/HTML?), not an Excel workbook")),
    Case("password-protected", password, 2, max_seconds=TEN_S, stderr=refused(
        "ไฟล์ {name} มีรหัสผ่านป้องกัน กรุณาเปิดใน Excel เอารหัสผ่านออก "
        "แล้วบันทึกใหม่เป็น .xlsx หรือ .xlsm", "{name} is password-protected (encrypted)")),
    Case("zip-bomb-1gb", zip_bomb, 2, stderr=BOMB, max_seconds=TEN_S, slow=True),
    Case("zip-bomb-lying-sizes", zip_bomb_lying, 2, stderr=BOMB, max_seconds=TEN_S * 2,
         slow=True),
    Case("zip-bomb-one-element", zip_bomb_one_element, 2, max_seconds=TEN_S, slow=True,
         stderr=refused("ไฟล์ {name} มีข้อมูลในเซลล์เดียวยาวเกินกำหนด (16 MB) อาจเป็นไฟล์อันตราย",
                        "{name}: one element of xl/worksheets/sheet11.xml is larger than 16 MB")),
    Case("entity-bomb-shared-strings", entity_bomb_shared, 2, max_seconds=TEN_S,
         stderr=dtd("xl/sharedStrings.xml")),
    Case("entity-bomb-sheet", entity_bomb_sheet, 2, max_seconds=TEN_S,
         stderr=dtd("xl/worksheets/sheet11.xml")),
    Case("external-entity", external_entity, 2, max_seconds=TEN_S,
         stderr=dtd("xl/worksheets/sheet11.xml")),
    Case("still-being-written", truncated, 2, max_seconds=TEN_S,
         stderr=corrupt("no end of central directory")),
    Case("no-central-directory", no_central_directory, 2, max_seconds=TEN_S,
         stderr=corrupt("no end of central directory")),
    Case("zero-bytes", empty_file, 2, stderr=NOT_WORKBOOK, max_seconds=TEN_S),
    Case("excel-lock-file", lock_file, 2, stderr=NOT_WORKBOOK, max_seconds=TEN_S),
    Case("plain-zip", plain_zip, 2, max_seconds=TEN_S, stderr=refused(
        "ไฟล์ {name} ไม่ใช่สมุดงาน Excel (.xlsx หรือ .xlsm)",
        "{name} is a zip but not an Excel workbook")),
    Case("xlsb", xlsb, 2, max_seconds=TEN_S, stderr=refused(
        "ไฟล์ {name} เป็นสมุดงานแบบไบนารี (.xlsb) ซึ่งยังไม่รองรับ กรุณาบันทึกเป็น .xlsx หรือ .xlsm",
        "{name} is a binary workbook (.xlsb), not supported")),
    Case("duplicate-parts", duplicate_parts, 2, max_seconds=TEN_S,
         stderr=corrupt("duplicate part names")),
    Case("bad-crc", bad_crc, 2, max_seconds=TEN_S, stderr=corrupt(
        "xl/worksheets/sheet3.xml: BadZipFile: Bad CRC-32 for file 'xl/worksheets/sheet3.xml'")),
    Case("bzip2-parts", bzip2_part, 2, max_seconds=TEN_S,
         stderr=corrupt("docProps/app.xml: encrypted or unsupported method")),
    Case("too-many-parts", too_many_parts, 2, max_seconds=TEN_S, stderr=refused(
        "ไฟล์ {name} มีส่วนประกอบภายในมากเกินไป (เกิน 10,000 ส่วน) อาจเป็นไฟล์อันตราย",
        "{name} has 10,020 zip entries")),
    Case("value-in-xfd1048576", far_cell, 2, max_seconds=TEN_S, stderr=refused(
        "ชีต «บันทึกรายเดือน» ในไฟล์ {name} มีข้อมูลถึงแถว 1,048,576 เกินขีดจำกัด 250,000 แถว "
        "กรุณาลบแถวที่ไม่ใช้ออก (กด Ctrl+End เพื่อดูเซลล์สุดท้ายที่มีข้อมูล)",
        "sheet 'บันทึกรายเดือน' has data down to row 1,048,576, past 250,000")),
    Case("value-in-xfd1000", far_column, 2, max_seconds=TEN_S, stderr=refused(
        "ชีต «บันทึกรายเดือน» ในไฟล์ {name} มีข้อมูลไกลถึงเซลล์ XFD1000 "
        "ทำให้พื้นที่ข้อมูลใหญ่เกินกำหนด กรุณาลบข้อมูลที่อยู่ไกลออกไป "
        "(กด Ctrl+End เพื่อดูเซลล์สุดท้ายที่มีข้อมูล)",
        "used area of 16,384,762 cells (sheet 'บันทึกรายเดือน' reaches XFD1000), past 5,000,000")),
    Case("300000-rows-without-r", rows_without_r, 2, max_seconds=TEN_S, stderr=refused(
        "ชีต «บันทึกรายเดือน» ในไฟล์ {name} มีข้อมูลถึงแถว 300,000 เกินขีดจำกัด 250,000 แถว "
        "กรุณาลบแถวที่ไม่ใช้ออก (กด Ctrl+End เพื่อดูเซลล์สุดท้ายที่มีข้อมูล)",
        "sheet 'บันทึกรายเดือน' has data down to row 300,000, past 250,000")),
    Case("shared-text-copies", shared_text_copies, 2, max_seconds=TEN_S, stderr=refused(
        "ไฟล์ {name} มีข้อความในเซลล์รวมกันเกิน 64 MB อาจเป็นไฟล์อันตราย",
        "{name}: cell text of 9,005,638,842 bytes, past 64 MB")),
    Case("past-the-cell-limit", past_cell_limit, 2, max_seconds=TEN_S, stderr=refused(
        "สมุดงาน {name} มีเซลล์ที่มีข้อมูลประมาณ 225,497 เซลล์ เกินขีดจำกัด 150,000 เซลล์ "
        "กรุณาแยกข้อมูลเป็นหลายไฟล์", "{name} has about 225,497 cells with data, past 150,000")),
    Case("unreadable-cell-tag", unreadable_tag, 2, max_seconds=TEN_S, stderr=refused(
        "ไฟล์ {name} เขียนเซลล์ในรูปแบบที่ Excel ไม่ใช้ จึงตรวจขนาดไม่ได้ "
        "กรุณาเปิดใน Excel แล้วบันทึกใหม่เป็น .xlsx",
        "{name}: xl/worksheets/sheet10.xml: a cell or row tag the scan cannot read")),
    Case("quadratic-regex-bait", quadratic_bait, 2, max_seconds=TEN_S, stderr=refused(
        "ไฟล์ {name} เขียนเซลล์ในรูปแบบที่ Excel ไม่ใช้ จึงตรวจขนาดไม่ได้ "
        "กรุณาเปิดใน Excel แล้วบันทึกใหม่เป็น .xlsx",
        "{name}: xl/worksheets/sheet10.xml: a cell or row tag the scan cannot read")),
)
