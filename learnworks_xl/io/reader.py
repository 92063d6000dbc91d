"""Read a workbook file (.xlsx/.xlsm) into raw sheets, safely and fast.

Engine: python-calamine (Rust), measured against openpyxl read-only in
``bench/read_engines.py`` (see the README for figures). calamine reads error cells
(``#REF!``) as empty strings (python-calamine issue #105), so the error cells are found
separately with one pass over each sheet's XML. Macros are never loaded or run: only the
cell values are read. Before anything is parsed the zip is checked (is it a zip, is it
encrypted, is it a legacy .xls, would it inflate past the limits).
"""

from __future__ import annotations

import re
import zipfile
from pathlib import Path, PurePosixPath
from typing import Any

from python_calamine import CalamineWorkbook

from learnworks_xl.core.grid import ERROR_CODES, CellError, RawSheet, RawWorkbook, column_index
from learnworks_xl.errors import WorkbookReadError

#: Refuse workbooks whose parts inflate past this many bytes in all (zip bombs).
MAX_UNCOMPRESSED = 400 * 1024 * 1024
#: Refuse a part that inflates more than this many times its compressed size.
MAX_RATIO = 200
#: Refuse workbooks bigger than this on disk.
MAX_FILE = 100 * 1024 * 1024

OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_CELL = re.compile(rb'<(?:\w+:)?c\b([^>]*?)(?:/>|>(.*?)</(?:\w+:)?c>)', re.S)
_REF = re.compile(rb'\br="([A-Z]+)([0-9]+)"')
_ERR_T = re.compile(rb'\bt="e"')
_V = re.compile(rb'<(?:\w+:)?v>([^<]*)</(?:\w+:)?v>')
_REL = re.compile(r'<Relationship\b[^>]*>')
_SHEET = re.compile(r'<sheet\b[^>]*>')
_ATTR = re.compile(r'([\w:]+)="([^"]*)"')


def _fail(th: str, en: str) -> WorkbookReadError:
    return WorkbookReadError(th, en)


def check_container(path: Path) -> zipfile.ZipFile:
    """Open ``path`` as an OOXML zip after the safety checks; raise WorkbookReadError."""
    try:
        size = path.stat().st_size
        with path.open("rb") as fh:
            head = fh.read(8)
    except FileNotFoundError:
        raise _fail(f"ไม่พบไฟล์ {path}", f"file not found: {path}") from None
    except IsADirectoryError:
        raise _fail(f"{path} เป็นโฟลเดอร์ ไม่ใช่ไฟล์สมุดงาน", f"{path} is a directory") from None
    except OSError as exc:
        raise _fail(f"เปิดไฟล์ {path} ไม่ได้", f"cannot open {path}: {exc.strerror}") from None
    if head == OLE_MAGIC:
        raise _fail(
            f"ไฟล์ {path.name} มีรหัสผ่านป้องกัน หรือเป็นไฟล์ .xls รุ่นเก่า "
            "กรุณาเอารหัสผ่านออกแล้วบันทึกเป็น .xlsx หรือ .xlsm",
            f"{path.name} is password-protected or a legacy .xls; save it as .xlsx/.xlsm",
        )
    if size > MAX_FILE:
        raise _fail(f"ไฟล์ {path.name} ใหญ่เกิน {MAX_FILE // 2**20} MB",
                    f"{path.name} is larger than {MAX_FILE // 2**20} MB")
    if not head.startswith(b"PK"):
        raise _fail(f"ไฟล์ {path.name} ไม่ใช่สมุดงาน Excel (.xlsx หรือ .xlsm)",
                    f"{path.name} is not an Excel workbook (.xlsx/.xlsm)")
    try:
        zf = zipfile.ZipFile(path)
        infos = zf.infolist()
    except (zipfile.BadZipFile, OSError, EOFError):
        raise _fail(f"ไฟล์ {path.name} เสียหายหรือยังบันทึกไม่เสร็จ เปิดอ่านไม่ได้",
                    f"{path.name} is corrupt or incomplete") from None
    total = sum(i.file_size for i in infos)
    worst = max((i.file_size / max(i.compress_size, 1) for i in infos), default=0)
    if total > MAX_UNCOMPRESSED or (worst > MAX_RATIO and total > 50 * 2**20):
        zf.close()
        raise _fail(
            f"ไฟล์ {path.name} ขยายตัวเกินขนาดที่อนุญาต ({MAX_UNCOMPRESSED // 2**20} MB) "
            "อาจเป็นไฟล์อันตราย",
            f"{path.name} inflates past {MAX_UNCOMPRESSED // 2**20} MB (zip bomb?)")
    names = {i.filename for i in infos}
    if "xl/workbook.xml" not in names and "xl/workbook.bin" not in names:
        zf.close()
        raise _fail(f"ไฟล์ {path.name} ไม่ใช่สมุดงาน Excel (.xlsx หรือ .xlsm)",
                    f"{path.name} is a zip but not an Excel workbook")
    return zf


def _attrs(tag: str) -> dict[str, str]:
    return dict(_ATTR.findall(tag))


def sheet_parts(zf: zipfile.ZipFile) -> dict[str, str]:
    """Map sheet names to their XML part names, from ``xl/workbook.xml`` and its rels."""
    try:
        workbook = zf.read("xl/workbook.xml").decode("utf-8")
        rels = zf.read("xl/_rels/workbook.xml.rels").decode("utf-8")
    except KeyError:
        return {}
    targets = {}
    for tag in _REL.findall(rels):
        a = _attrs(tag)
        target = a.get("Target", "")
        target = target.lstrip("/") if target.startswith("/") else str(PurePosixPath("xl", target))
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


def error_cells(xml: bytes) -> dict[tuple[int, int], CellError]:
    """Find the error-valued cells (``t="e"``) of one sheet's XML: 0-based (row, col)."""
    found: dict[tuple[int, int], CellError] = {}
    if b't="e"' not in xml:
        return found
    for m in _CELL.finditer(xml):
        attrs = m.group(1)
        if not _ERR_T.search(attrs):
            continue
        ref = _REF.search(attrs)
        v = _V.search(m.group(2) or b"")
        if ref is None:
            continue
        code = v.group(1).decode("utf-8", "replace") if v else "#N/A"
        found[(int(ref.group(2)) - 1, column_index(ref.group(1).decode()))] = CellError(code)
    return found


def _hidden_rows(xml: bytes) -> frozenset[int]:
    if b'hidden="1"' not in xml:
        return frozenset()
    rows = re.finditer(rb'<(?:\w+:)?row\b([^>]*)>', xml)
    return frozenset(
        int(r.group(1)) - 1 for m in rows if b'hidden="1"' in m.group(1)
        and (r := re.search(rb'\br="(\d+)"', m.group(1))) is not None)


def read_workbook(path: str | Path) -> RawWorkbook:
    """Read every sheet of a workbook file as raw values with their positions.

    Args:
        path: An .xlsx or .xlsm file. It is opened read-only and never modified.

    Returns:
        The raw workbook.

    Raises:
        WorkbookReadError: The file is missing, not a workbook, encrypted, corrupt or too big.
    """
    path = Path(path)
    with check_container(path) as zf:
        parts = sheet_parts(zf)
        xml_of = {name: zf.read(part) for name, part in parts.items() if part in zf.namelist()}
        date1904 = b'date1904="1"' in zf.read("xl/workbook.xml") or \
            b"date1904=\"true\"" in zf.read("xl/workbook.xml")
    try:
        book = CalamineWorkbook.from_path(str(path))
    except Exception as exc:  # calamine raises its own error types for broken files
        raise _fail(f"ไฟล์ {path.name} เสียหาย เปิดอ่านไม่ได้",
                    f"{path.name} cannot be read: {type(exc).__name__}: {exc}") from None
    sheets: dict[str, RawSheet] = {}
    for name in book.sheet_names:
        try:
            sheet = book.get_sheet_by_name(name)
            rows: list[list[Any]] = sheet.to_python(skip_empty_area=False)
        except Exception as exc:
            raise _fail(f"อ่านชีต «{name}» ในไฟล์ {path.name} ไม่ได้",
                        f"cannot read sheet {name!r}: {type(exc).__name__}") from None
        xml = xml_of.get(name, b"")
        for (r, c), err in error_cells(xml).items():
            if r < len(rows) and err.code in ERROR_CODES:
                row = rows[r]
                if c >= len(row):
                    row.extend([""] * (c + 1 - len(row)))
                row[c] = err
        sheets[name] = RawSheet(name, rows, 0, 0, _hidden_rows(xml))
    return RawWorkbook(sheets, source=str(path), date1904=date1904)
