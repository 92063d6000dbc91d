"""Where the modules' source comes from, and the form in which a project stores it.

- Our modules: the ASCII ``*.bas`` files of ``workbook/vba/`` at the repository's top level
  (packaged into the wheel as ``learnworks_xl/workbook/vba/bas/``).
- The xlwings client: read from the *installed* xlwings package, so the VBA in the workbook is
  always the one of the pinned xlwings (the server must run the same version). The set is the
  one ``xlwings release`` imports into a standalone workbook that also talks to xlwings Server
  (``xlwings/cli.py``: ``xlwings.bas``, ``Dictionary.cls``, then ``import_remote_modules``):
  ``xlwings.bas`` defines ``RunPython`` and ``GetConfig``; ``Remote.bas`` defines
  ``RunRemotePython`` and needs ``Dictionary`` (JSON objects), ``WebRequest``, ``WebClient``,
  ``WebResponse`` (HTTP), ``IWebAuthenticator`` (implemented by ``WebClient``'s
  authenticator) and ``WebHelpers`` (JSON parsing and URL helpers).
- Document modules (``ThisWorkbook``, ``Sheet1``...): the attribute block Excel writes for an
  empty workbook or sheet module, as in the xlwings quickstart workbook.

A project stores source as the VBE keeps it, not as an exported file: CRLF line ends, and a
class without the export header (``VERSION 1.0 CLASS`` ... ``END``) but with the attributes the
VBE adds on import (``VB_Base`` of a class, ``VB_TemplateDerived``, ``VB_Customizable``).
"""

from __future__ import annotations

import re
from importlib import metadata, util
from pathlib import Path

from learnworks_xl.errors import ExitCode, LearnworksError
from learnworks_xl.workbook.vba.records import Module, ModuleKind

OUR_MODULES: tuple[str, ...] = ("LearnworksButtons",)
"""Our standard modules of the district workbook, by name (file ``<name>.bas``)."""
OFFICE_MODULES: tuple[str, ...] = ("LearnworksButtons", "LearnworksOffice")
"""Our standard modules of the Education Office's workbook (its buttons call ``LwRun``)."""

XLWINGS_MODULES: tuple[tuple[str, str], ...] = (
    ("xlwings", "xlwings.bas"),
    ("Dictionary", "addin/Dictionary.cls"),
    ("Remote", "addin/Remote.bas"),
    ("IWebAuthenticator", "addin/IWebAuthenticator.cls"),
    ("WebClient", "addin/WebClient.cls"),
    ("WebRequest", "addin/WebRequest.cls"),
    ("WebResponse", "addin/WebResponse.cls"),
    ("WebHelpers", "addin/WebHelpers.bas"),
)
"""The xlwings modules the buttons need: (module name, path inside the xlwings package)."""

WORKBOOK_BASE = "0{00020819-0000-0000-C000-000000000046}"
SHEET_BASE = "0{00020820-0000-0000-C000-000000000046}"
CLASS_BASE = "0{FCFB3D2A-A0FA-1068-A738-08002B3371B5}"
_CODENAME = re.compile(r"^[A-Za-z][A-Za-z0-9_]{0,30}$")


class VbaProjectError(LearnworksError):
    """The VBA project cannot be built: a source file is missing or not ASCII, or a name is bad.

    A fault of the installation or of the code, not of the clerk's data.
    """

    exit_code = ExitCode.INTERNAL


def _package_dirs() -> list[Path]:
    here = Path(__file__).resolve().parent
    return [here / "bas", here.parents[2] / "workbook" / "vba"]


def source_dir() -> Path:
    """Return the folder of our ``*.bas`` files (packaged copy first, then the repository's).

    Returns:
        The first folder that exists.

    Raises:
        VbaProjectError: Neither exists.
    """
    for folder in _package_dirs():
        if folder.is_dir():
            return folder
    raise VbaProjectError(
        "ไม่พบโฟลเดอร์โค้ดของปุ่ม (VBA) โปรดติดตั้งโปรแกรม learnworks ใหม่",
        f"VBA source folder not found: {_package_dirs()[-1]}",
    )


def xlwings_dir() -> Path:
    """Return the folder of the installed xlwings package.

    Returns:
        The folder that holds ``xlwings.bas`` and ``addin/`` (found without importing xlwings).

    Raises:
        VbaProjectError: xlwings is not installed.
    """
    spec = util.find_spec("xlwings")
    if spec is None or spec.origin is None:
        raise VbaProjectError(
            "ไม่พบแพ็กเกจ xlwings ในเครื่องนี้ โปรดติดตั้งโปรแกรม learnworks ใหม่",
            "xlwings is not installed",
        )
    return Path(spec.origin).resolve().parent


def xlwings_version() -> str:
    """Return the installed xlwings version, the one whose VBA goes into the workbook.

    Returns:
        The version string, e.g. ``"0.37.8"``.
    """
    return metadata.version("xlwings")


def to_crlf(text: str) -> str:
    """Return ``text`` with CRLF line ends and a final line end."""
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    if lines and lines[-1] == "":
        lines.pop()
    return "".join(line + "\r\n" for line in lines)


def _read_ascii(path: Path, name: str) -> str:
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise VbaProjectError(
            f"ไม่พบไฟล์โค้ดของปุ่ม (VBA) {path.name} โปรดติดตั้งโปรแกรม learnworks ใหม่",
            f"VBA source of module {name} not readable: {path} ({exc.strerror})",
        ) from exc
    for number, line in enumerate(raw.splitlines(), start=1):
        if any(byte > 0x7F for byte in line):
            raise VbaProjectError(
                f"ไฟล์โค้ดของปุ่ม (VBA) {path.name} มีอักขระที่ไม่ใช่ ASCII ที่บรรทัด {number}",
                f"VBA source {path} has a non-ASCII character on line {number}",
            )
    return to_crlf(raw.decode("ascii"))


def _check_name(source: str, name: str, path: Path) -> None:
    first = source.split("\r\n", 1)[0]
    if first != f'Attribute VB_Name = "{name}"':
        raise VbaProjectError(
            f"ไฟล์โค้ดของปุ่ม (VBA) {path.name} ต้องขึ้นต้นด้วยชื่อโมดูล {name}",
            f'{path} must start with Attribute VB_Name = "{name}"',
        )


def stored_class_source(exported: str) -> str:
    """Turn an exported ``.cls`` into the source a project stores for a class module.

    Args:
        exported: The ``.cls`` text (CRLF).

    Returns:
        The source from ``Attribute VB_Name`` on, with ``VB_Base`` after the name and
        ``VB_TemplateDerived``/``VB_Customizable`` after ``VB_Exposed``, as the VBE stores them.
    """
    lines = exported.split("\r\n")
    start = next(i for i, line in enumerate(lines) if line.startswith("Attribute VB_Name"))
    out: list[str] = []
    for line in lines[start:]:
        out.append(line)
        if line.startswith("Attribute VB_Name"):
            out.append(f'Attribute VB_Base = "{CLASS_BASE}"')
        elif line.startswith("Attribute VB_Exposed"):
            out += ["Attribute VB_TemplateDerived = False", "Attribute VB_Customizable = False"]
    return "\r\n".join(out)


def document_source(name: str, base: str) -> str:
    """Return the source Excel stores for an empty workbook or sheet module.

    Args:
        name: The code name (``ThisWorkbook``, ``Sheet1``...).
        base: :data:`WORKBOOK_BASE` or :data:`SHEET_BASE`.

    Returns:
        The attribute block, CRLF.
    """
    return to_crlf(
        f'Attribute VB_Name = "{name}"\n'
        f'Attribute VB_Base = "{base}"\n'
        "Attribute VB_GlobalNameSpace = False\n"
        "Attribute VB_Creatable = False\n"
        "Attribute VB_PredeclaredId = True\n"
        "Attribute VB_Exposed = True\n"
        "Attribute VB_TemplateDerived = False\n"
        "Attribute VB_Customizable = True\n"
    )


def check_codenames(sheet_codenames: list[str]) -> None:
    """Check sheet code names: VBA identifiers, unique, none ``ThisWorkbook``.

    Args:
        sheet_codenames: The code names in workbook order.

    Raises:
        VbaProjectError: A name is not a valid, unique code name.
    """
    seen: set[str] = set()
    for name in sheet_codenames:
        key = name.lower()
        if not _CODENAME.match(name) or key in seen or key == "thisworkbook":
            raise VbaProjectError(
                f"ชื่อรหัสของแผ่นงาน (code name) {name!r} ใช้ไม่ได้",
                f"invalid or duplicate sheet code name: {name!r}",
            )
        seen.add(key)


def document_modules(sheet_codenames: list[str]) -> list[Module]:
    """Return ``ThisWorkbook`` and one document module per sheet code name.

    Args:
        sheet_codenames: The code names in workbook order.

    Returns:
        The document modules, workbook first.
    """
    check_codenames(sheet_codenames)
    modules = [Module("ThisWorkbook", ModuleKind.DOCUMENT,
                      document_source("ThisWorkbook", WORKBOOK_BASE))]
    modules += [Module(name, ModuleKind.DOCUMENT, document_source(name, SHEET_BASE))
                for name in sheet_codenames]
    return modules


def our_modules(folder: Path | None = None,
                names: tuple[str, ...] = OUR_MODULES) -> list[Module]:
    """Return our standard modules, read from their ASCII ``.bas`` files.

    Args:
        folder: Where the files are; :func:`source_dir` when None.
        names: The modules (:data:`OUR_MODULES` or :data:`OFFICE_MODULES`).

    Returns:
        One standard module per name.
    """
    folder = folder or source_dir()
    modules = []
    for name in names:
        path = folder / f"{name}.bas"
        source = _read_ascii(path, name)
        _check_name(source, name, path)
        modules.append(Module(name, ModuleKind.STANDARD, source))
    return modules


def xlwings_modules(folder: Path | None = None) -> list[Module]:
    """Return the xlwings client modules, read from the installed xlwings package.

    Args:
        folder: The xlwings package folder; :func:`xlwings_dir` when None.

    Returns:
        The modules of :data:`XLWINGS_MODULES`, classes in their stored form.
    """
    folder = folder or xlwings_dir()
    modules = []
    for name, relative in XLWINGS_MODULES:
        path = folder / relative
        source = _read_ascii(path, name)
        if path.suffix == ".cls":
            source = stored_class_source(source)
            _check_name(source, name, path)
            modules.append(Module(name, ModuleKind.CLASS, source))
        else:
            _check_name(source, name, path)
            modules.append(Module(name, ModuleKind.STANDARD, source))
    return modules
