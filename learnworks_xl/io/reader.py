"""Read a workbook file (.xlsx/.xlsm) into raw sheets, safely and fast.

Engine: python-calamine (Rust), measured against openpyxl read-only in
``bench/read_engines.py`` (see the README for figures). Macros are never loaded or run: only
the cell values are read.

Nothing is parsed before the file has passed its checks, in this order (each refusal is a
:class:`WorkbookReadError`, exit 2, with a Thai message that says what to do):

1. the file: it exists, is at most :attr:`Limits.max_file`, and is a zip — not an encrypted
   workbook or a legacy .xls (both OLE files, told apart by their streams), not text (a CSV
   or HTML file renamed .xlsx), not a binary .xlsb;
2. the zip: its central directory (entries, read before :mod:`zipfile` builds one object per
   entry), the sizes its parts claim, ``xl/workbook.xml`` present, no duplicate names;
3. one streaming pass over every part (:mod:`learnworks_xl.io.scan`): the real inflated size
   and CRC, no DTD in any XML part, and per sheet the used area, the cells with a value and
   the shared text each cell will copy — compared with :mod:`learnworks_xl.io.limits`.

The file is read into memory once and every check and calamine see the same bytes, so a
file changed while it is read (a workbook still being saved or synced) cannot slip through.

calamine reads error cells (``#REF!``) as empty strings (python-calamine issue #105), so the
error cells found by the scan are put back into the grid; hidden rows and the cells with a
percent number format (:attr:`RawSheet.percent_cells`) come from the scan too. A negative
number is put back as the number (calamine reads it as a time of day in a date-formatted
cell, so a date field can say which number it cannot read). A sheet holding a number
calamine would panic on, or one calamine fails on, is read by openpyxl's sheet parser
instead (:mod:`learnworks_xl.io.fallback`): one unreadable cell is a finding at its cell,
never a refused workbook. Chart sheets and macro sheets are skipped: only worksheets hold
data.
"""

from __future__ import annotations

import io
import posixpath
import re
import struct
import zipfile
from datetime import UTC, datetime
from pathlib import Path, PurePosixPath
from typing import TYPE_CHECKING, Any

from python_calamine import CalamineWorkbook, SheetTypeEnum

from learnworks_xl.core.grid import ERROR_CODES, RawSheet, RawWorkbook, a1
from learnworks_xl.errors import WorkbookReadError
from learnworks_xl.io.limits import MIB, Limits
from learnworks_xl.io.scan import ArchiveScan, ScanError, SheetScan, scan_archive

if TYPE_CHECKING:  # openpyxl is imported only for a sheet calamine cannot read (≈ 0.06 s)
    from learnworks_xl.io.fallback import OpenpyxlBook

OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_REL = re.compile(r"<(?:\w+:)?Relationship\b[^>]*>")
_SHEET = re.compile(r"<(?:\w+:)?sheet\b[^>]*>")
_ATTR = re.compile(r"""([\w:]+)\s*=\s*(?:"([^"]*)"|'([^']*)')""")
_DATE1904 = re.compile(rb"""\bdate1904\s*=\s*["'](?:1|true)["']""")
_EOCD = b"PK\x05\x06"
_EOCD64 = b"PK\x06\x06"


def _fail(th: str, en: str) -> WorkbookReadError:
    return WorkbookReadError(th, en)


def _mb(n: int) -> str:
    return f"{n // MIB:,} MB"


def load_file(path: Path, limits: Limits) -> bytes:
    """Read the file's bytes after checking that it is a zip of a sane size.

    Raises:
        WorkbookReadError: Missing, a folder, unreadable, too big, encrypted, a legacy
            .xls, text, or anything else that is not a zip.
    """
    try:
        size = path.stat().st_size
        if path.is_dir():
            raise IsADirectoryError(path)
        if size > limits.max_file:
            raise _fail(f"ไฟล์ {path.name} ใหญ่เกิน {_mb(limits.max_file)} "
                        "กรุณาลบรูปภาพหรือข้อมูลที่ไม่ใช้ออกแล้วบันทึกใหม่",
                        f"{path.name} is larger than {_mb(limits.max_file)}")
        data = path.read_bytes()
    except FileNotFoundError:
        raise _fail(f"ไม่พบไฟล์ {path}", f"file not found: {path}") from None
    except IsADirectoryError:
        raise _fail(f"{path} เป็นโฟลเดอร์ ไม่ใช่ไฟล์สมุดงาน", f"{path} is a directory") from None
    except OSError as exc:
        raise _fail(f"เปิดไฟล์ {path} ไม่ได้", f"cannot open {path}: {exc.strerror}") from None
    if data.startswith(OLE_MAGIC):
        raise _ole_error(path, data)
    if not data.startswith(b"PK"):
        if _looks_like_text_table(data[:4096]):
            raise _fail(f"ไฟล์ {path.name} เป็นไฟล์ข้อความ (เช่น CSV หรือ HTML) ไม่ใช่สมุดงาน Excel "
                        "กรุณาเปิดใน Excel แล้วบันทึกเป็น .xlsx หรือ .xlsm",
                        f"{path.name} is a text file (CSV/HTML?), not an Excel workbook")
        raise _not_workbook(path)
    return data


def _looks_like_text_table(head: bytes) -> bool:
    """A CSV (commas, semicolons or tabs over several lines) or an HTML/XML page."""
    if not head or b"\x00" in head:
        return False
    start = head.lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if start.startswith((b"<html", b"<!doctype html", b"<?xml", b"<table")):
        return True
    return b"\n" in head and any(sep in head for sep in (b",", b";", b"\t"))


def _not_workbook(path: Path) -> WorkbookReadError:
    return _fail(f"ไฟล์ {path.name} ไม่ใช่สมุดงาน Excel (.xlsx หรือ .xlsm)",
                 f"{path.name} is not an Excel workbook (.xlsx/.xlsm)")


def _corrupt(path: Path, detail: str) -> WorkbookReadError:
    return _fail(f"ไฟล์ {path.name} เสียหายหรือยังบันทึกไม่เสร็จ เปิดอ่านไม่ได้",
                 f"{path.name} is corrupt or incomplete: {detail}")


def _ole_error(path: Path, data: bytes) -> WorkbookReadError:
    """An OLE compound file: an encrypted OOXML workbook, a legacy .xls, or something else."""
    if "EncryptedPackage".encode("utf-16-le") in data:
        return _fail(f"ไฟล์ {path.name} มีรหัสผ่านป้องกัน กรุณาเปิดใน Excel เอารหัสผ่านออก "
                     "แล้วบันทึกใหม่เป็น .xlsx หรือ .xlsm",
                     f"{path.name} is password-protected (encrypted)")
    if "Workbook".encode("utf-16-le") in data or "Book".encode("utf-16-le") in data:
        return _fail(f"ไฟล์ {path.name} เป็นไฟล์ Excel รุ่นเก่า (.xls) กรุณาเปิดใน Excel "
                     "แล้วบันทึกเป็น .xlsx หรือ .xlsm",
                     f"{path.name} is a legacy .xls workbook; save it as .xlsx/.xlsm")
    return _not_workbook(path)


def directory_entries(data: bytes) -> int | None:
    """Number of entries the zip's end-of-central-directory record announces (None: none)."""
    at = data.rfind(_EOCD, max(0, len(data) - 22 - 65535))
    if at < 0 or len(data) < at + 22:
        return None
    entries = struct.unpack_from("<H", data, at + 10)[0]
    if entries == 0xFFFF:
        at64 = data.rfind(_EOCD64, max(0, at - 20 - 56), at)
        if at64 >= 0 and len(data) >= at64 + 56:
            return int(struct.unpack_from("<Q", data, at64 + 32)[0])
    return int(entries)


def open_zip(path: Path, data: bytes, limits: Limits) -> zipfile.ZipFile:
    """Open the bytes as a workbook zip after the checks on its directory and claimed sizes.

    Raises:
        WorkbookReadError: Corrupt or incomplete, too many parts, claims to inflate past
            the limit, a binary .xlsb, or a zip that is not a workbook.
    """
    entries = directory_entries(data)
    if entries is None:
        raise _corrupt(path, "no end of central directory")
    if entries > limits.max_parts:
        raise _fail(f"ไฟล์ {path.name} มีส่วนประกอบภายในมากเกินไป (เกิน {limits.max_parts:,} ส่วน) "
                    "อาจเป็นไฟล์อันตราย", f"{path.name} has {entries:,} zip entries")
    try:
        zf = zipfile.ZipFile(io.BytesIO(data))
        infos = zf.infolist()
    except (zipfile.BadZipFile, OSError, EOFError, ValueError, NotImplementedError) as exc:
        raise _corrupt(path, f"{type(exc).__name__}: {exc}") from None
    total = sum(i.file_size for i in infos)
    worst = max((i.file_size / max(i.compress_size, 1) for i in infos), default=0)
    if total > limits.max_inflated or (worst > limits.max_ratio and total > limits.ratio_floor):
        zf.close()
        raise _bomb(path, limits)
    names = [i.filename for i in infos]
    if len(set(names)) != len(names):
        zf.close()
        raise _corrupt(path, "duplicate part names")
    if "xl/workbook.xml" not in names:
        zf.close()
        if "xl/workbook.bin" in names:
            raise _fail(f"ไฟล์ {path.name} เป็นสมุดงานแบบไบนารี (.xlsb) ซึ่งยังไม่รองรับ "
                        "กรุณาบันทึกเป็น .xlsx หรือ .xlsm",
                        f"{path.name} is a binary workbook (.xlsb), not supported")
        raise _fail(f"ไฟล์ {path.name} ไม่ใช่สมุดงาน Excel (.xlsx หรือ .xlsm)",
                    f"{path.name} is a zip but not an Excel workbook")
    return zf


def _bomb(path: Path, limits: Limits) -> WorkbookReadError:
    return _fail(f"ไฟล์ {path.name} ขยายตัวเกินขนาดที่อนุญาต ({_mb(limits.max_inflated)}) "
                 "อาจเป็นไฟล์อันตราย",
                 f"{path.name} inflates past {_mb(limits.max_inflated)} (zip bomb?)")


def scan(path: Path, zf: zipfile.ZipFile, limits: Limits) -> ArchiveScan:
    """Run the streaming pass over every part; turn its refusals into clerk messages.

    Raises:
        WorkbookReadError: See :func:`learnworks_xl.io.scan.scan_archive`.
    """
    try:
        return scan_archive(zf, max_inflated=limits.max_inflated,
                            max_cell_bytes=limits.max_cell_bytes,
                            max_unusual=limits.max_unusual)
    except ScanError as exc:
        if exc.kind == "inflate":
            raise _bomb(path, limits) from None
        if exc.kind == "dtd":
            raise _fail(f"ไฟล์ {path.name} มีการประกาศ DTD หรือ ENTITY ซึ่ง Excel ไม่สร้าง "
                        "อาจเป็นไฟล์อันตราย จึงไม่เปิดอ่าน",
                        f"{path.name}: a DTD (DOCTYPE/ENTITY) in {exc.part}") from None
        if exc.kind == "cell":
            raise _fail(f"ไฟล์ {path.name} มีข้อมูลในเซลล์เดียวยาวเกินกำหนด "
                        f"({_mb(limits.max_cell_bytes)}) อาจเป็นไฟล์อันตราย",
                        f"{path.name}: one element of {exc.part} is larger than "
                        f"{_mb(limits.max_cell_bytes)}") from None
        if exc.kind == "unusual":
            raise _fail(f"ไฟล์ {path.name} เขียนเซลล์ในรูปแบบที่ Excel ไม่ใช้ จึงตรวจขนาดไม่ได้ "
                        "กรุณาเปิดใน Excel แล้วบันทึกใหม่เป็น .xlsx",
                        f"{path.name}: {exc.part}: {exc.detail}") from None
        raise _corrupt(path, f"{exc.part}: {exc.detail}") from None


def _attrs(tag: str) -> dict[str, str]:
    return {k: a or b for k, a, b in _ATTR.findall(tag)}


def _read_meta(zf: zipfile.ZipFile, name: str, limits: Limits) -> str:
    info = zf.getinfo(name)
    if info.file_size > limits.max_meta:
        raise ValueError(f"{name} is larger than {limits.max_meta} bytes")
    return zf.read(name).decode("utf-8", "replace")


def sheet_parts(zf: zipfile.ZipFile, limits: Limits | None = None) -> dict[str, str]:
    """Map sheet names to their XML part names, from ``xl/workbook.xml`` and its rels."""
    limits = limits or Limits()
    try:
        workbook = _read_meta(zf, "xl/workbook.xml", limits)
        rels = _read_meta(zf, "xl/_rels/workbook.xml.rels", limits)
    except KeyError:
        return {}
    targets = {}
    for tag in _REL.findall(rels):
        a = _attrs(tag)
        target = a.get("Target", "")
        target = (target.lstrip("/") if target.startswith("/")
                  else posixpath.normpath(str(PurePosixPath("xl", target))))
        targets[a.get("Id", "")] = target
    result = {}
    for tag in _SHEET.findall(workbook):
        a = _attrs(tag)
        rid = next((v for k, v in a.items() if k.endswith(":id")), "")
        if rid in targets:
            result[_unescape(a.get("name", ""))] = targets[rid]
    return result


def _unescape(text: str) -> str:
    return (text.replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", '"')
            .replace("&apos;", "'").replace("&amp;", "&"))


def check_limits(path: Path, found: ArchiveScan, parts: dict[str, str], limits: Limits) -> None:
    """Compare what the sheets ask for with the limits, before calamine builds anything.

    Raises:
        WorkbookReadError: Too many rows in a sheet, too big a used area, too many cells
            with a value, or too much cell text.
    """
    names = {part: name for name, part in parts.items()}
    for part, sheet in found.sheets.items():
        if sheet.rows > limits.max_rows:
            name = names.get(part, part)
            raise _fail(f"ชีต «{name}» ในไฟล์ {path.name} มีข้อมูลถึงแถว {sheet.rows:,} "
                        f"เกินขีดจำกัด {limits.max_rows:,} แถว กรุณาลบแถวที่ไม่ใช้ออก "
                        "(กด Ctrl+End เพื่อดูเซลล์สุดท้ายที่มีข้อมูล)",
                        f"sheet {name!r} has data down to row {sheet.rows:,}, "
                        f"past {limits.max_rows:,}")
    area = sum(s.area for s in found.sheets.values())
    if area > limits.max_area:
        part, sheet = max(found.sheets.items(), key=lambda kv: kv[1].area)
        name = names.get(part, part)
        far = a1(sheet.rows - 1, sheet.cols - 1)
        raise _fail(f"ชีต «{name}» ในไฟล์ {path.name} มีข้อมูลไกลถึงเซลล์ {far} "
                    "ทำให้พื้นที่ข้อมูลใหญ่เกินกำหนด กรุณาลบข้อมูลที่อยู่ไกลออกไป "
                    "(กด Ctrl+End เพื่อดูเซลล์สุดท้ายที่มีข้อมูล)",
                    f"used area of {area:,} cells (sheet {name!r} reaches {far}), "
                    f"past {limits.max_area:,}")
    cells = sum(s.cells for s in found.sheets.values())
    if cells > limits.max_cells:
        raise _fail(f"สมุดงาน {path.name} มีเซลล์ที่มีข้อมูลประมาณ {cells:,} เซลล์ "
                    f"เกินขีดจำกัด {limits.max_cells:,} เซลล์ กรุณาแยกข้อมูลเป็นหลายไฟล์",
                    f"{path.name} has about {cells:,} cells with data, "
                    f"past {limits.max_cells:,}")
    text = found.text()
    if text > limits.max_text:
        raise _fail(f"ไฟล์ {path.name} มีข้อความในเซลล์รวมกันเกิน {_mb(limits.max_text)} "
                    "อาจเป็นไฟล์อันตราย",
                    f"{path.name}: cell text of {text:,} bytes, past {_mb(limits.max_text)}")


def read_workbook(path: str | Path, limits: Limits | None = None) -> RawWorkbook:
    """Read every worksheet of a workbook file as raw values with their positions.

    Args:
        path: An .xlsx or .xlsm file. It is read once, never modified.
        limits: What the file may hold (default: :meth:`Limits.from_env`).

    Returns:
        The raw workbook.

    Raises:
        WorkbookReadError: The file is missing, not a workbook, encrypted, corrupt,
            hostile or past a limit.
        ConfigError: ``LEARNWORKS_MAX_CELLS`` is set to something that is not a number.
    """
    path = Path(path)
    limits = limits or Limits.from_env()
    data = load_file(path, limits)
    with open_zip(path, data, limits) as zf:
        found = scan(path, zf, limits)
        try:
            parts = sheet_parts(zf, limits)
        except ValueError as exc:
            raise _corrupt(path, str(exc)) from None
        date1904 = bool(_DATE1904.search(zf.read("xl/workbook.xml")))
        saved = saved_at(zf)
    check_limits(path, found, parts, limits)
    raw = _calamine(path, data, found, parts, date1904)
    raw.max_findings = limits.max_findings
    raw.saved_at = saved
    return raw


_CORE = "docProps/core.xml"
_CORE_MAX = 64 * 1024
_MODIFIED = re.compile(rb"<dcterms:modified\b[^>]*>\s*([^<]{10,40}?)\s*</dcterms:modified>")


def saved_at(zf: zipfile.ZipFile) -> datetime | None:
    """``dcterms:modified`` of ``docProps/core.xml`` (UTC when it names no zone), or None."""
    try:
        info = zf.getinfo(_CORE)
        if info.file_size > _CORE_MAX:
            return None
        found = _MODIFIED.search(zf.read(info)[:_CORE_MAX])
        if found is None:
            return None
        stamp = datetime.fromisoformat(found.group(1).decode("ascii"))
    except (KeyError, ValueError, UnicodeDecodeError, zipfile.BadZipFile, OSError):
        return None
    return stamp if stamp.tzinfo else stamp.replace(tzinfo=UTC)


def _calamine(path: Path, data: bytes, found: ArchiveScan, parts: dict[str, str],
              date1904: bool) -> RawWorkbook:
    try:
        book = CalamineWorkbook.from_filelike(io.BytesIO(data))
        worksheets = [m.name for m in book.sheets_metadata if m.typ == SheetTypeEnum.WorkSheet]
    except BaseException as exc:  # calamine raises its own errors; a Rust panic is a BaseException
        if not _calamine_failure(exc):
            raise
        raise _fail(f"ไฟล์ {path.name} เสียหาย เปิดอ่านไม่ได้",
                    f"{path.name} cannot be read: {type(exc).__name__}: {exc}") from None
    sheets: dict[str, RawSheet] = {}
    second: list[OpenpyxlBook] = []  # opened at the first sheet calamine cannot read
    texts: dict[str, str] = {}  # one object per distinct text, for all sheets
    for name in worksheets:
        if parts.get(name) not in found.sheets:
            raise _fail(f"อ่านชีต «{name}» ในไฟล์ {path.name} ไม่ได้",
                        f"cannot find the part of sheet {name!r}")
        scanned = found.sheets[parts[name]]
        rows = _calamine_rows(book, name) if scanned.calamine_safe else None
        if rows is None:
            rows = _second_reader_rows(path, data, name, scanned, second)
        _share_texts(rows, texts)
        for (r, c), number in scanned.negative.items():
            _put(rows, r, c, number)
        for (r, c), err in scanned.errors.items():
            if r < len(rows) and err.code in ERROR_CODES:
                _put(rows, r, c, err)
        sheets[name] = RawSheet(name, rows, 0, 0, frozenset(scanned.hidden),
                                frozenset(scanned.percent))
    return RawWorkbook(sheets, source=str(path), date1904=date1904)


def _share_texts(rows: list[list[Any]], texts: dict[str, str]) -> None:
    """Make equal texts one object. calamine gives every cell its own: at ten times
    Bangkok's rows (a school code in every purchase, the same units and methods) four texts
    in five are copies, 76 MB of 89; sharing them costs about 60 ns a cell."""
    share = texts.setdefault
    for row in rows:
        for i, value in enumerate(row):
            if value.__class__ is str:
                row[i] = share(value, value)


def _calamine_failure(exc: BaseException) -> bool:
    """An error of calamine's own, or a Rust panic (pyo3's PanicException, a BaseException)."""
    return isinstance(exc, Exception) or type(exc).__name__ == "PanicException"


def _calamine_rows(book: CalamineWorkbook, name: str) -> list[list[Any]] | None:
    """The sheet as calamine reads it, or None when calamine fails on it."""
    try:
        rows: list[list[Any]] = book.get_sheet_by_name(name).to_python(skip_empty_area=False)
    except BaseException as exc:
        if not _calamine_failure(exc):
            raise
        return None
    return rows


def _second_reader_rows(path: Path, data: bytes, name: str, scanned: SheetScan,
                        second: list[OpenpyxlBook]) -> list[list[Any]]:
    try:
        if not second:
            from learnworks_xl.io.fallback import OpenpyxlBook

            second.append(OpenpyxlBook(data))
        return second[0].rows(name, scanned.rows, scanned.cols)
    except Exception as exc:  # openpyxl's errors are of many kinds
        raise _fail(f"อ่านชีต «{name}» ในไฟล์ {path.name} ไม่ได้",
                    f"cannot read sheet {name!r}: {type(exc).__name__}") from None


def _put(rows: list[list[Any]], r: int, c: int, value: Any) -> None:
    if r >= len(rows):
        return
    row = rows[r]
    if c >= len(row):
        row.extend([""] * (c + 1 - len(row)))
    row[c] = value
