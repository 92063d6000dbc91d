"""The VBA project of the product workbook: ``vbaProject.bin`` written on Linux from source.

:func:`build_vba_project` returns the ``vbaProject.bin`` that the workbook builder adds with
XlsxWriter (``workbook.add_vba_project(io.BytesIO(data), is_stream=True)``, code names
``ThisWorkbook`` and ``Sheet1``...). It holds the document modules, our
``LearnworksButtons`` (``workbook/vba/LearnworksButtons.bas``: the macros the buttons call)
and the xlwings client modules taken from the installed xlwings package.

Choice: a small [MS-OVBA] writer of our own, not ``pyopenvba``
----------------------------------------------------------------
``pyopenvba`` 6.5.0 (MIT, pure Python, no dependencies) was read before choosing. It is a
capable library, but it edits an Office file package: it starts from a blank ``.xlsm``
template made by Office, names document modules after the sheets it finds in that package,
and saves a whole package. Our workbook is written by XlsxWriter, which takes a
``vbaProject.bin``; using pyopenvba would mean writing a throw-away package, editing it, and
cutting the project back out of it, with code names decided by the template instead of by us.
It is also a large surface for a narrow need (Access database engine, form designer, Power
Query, an Excel formula interpreter: over 13,000 lines outside its VBA core) from one
maintainer whose 6.x line is recent. Against the criteria:

- correctness against the spec: our writer follows [MS-OVBA] record by record and a test
  compares it with an Excel-made project (the xlwings quickstart workbook) record by record;
  compression is the spec's pseudocode, tested on the spec's worked examples (3.2);
- ability to test: every stream is a pure function of the module list, unit-tested and read
  back with oletools/olevba and olefile, the tools analysts use;
- license: ours (MIT), no new runtime dependency;
- maintenance: about 1,000 lines in six small modules, nothing beyond the spec to follow.

What it writes: ``VBA/_VBA_PROJECT`` with version 0xFFFF and no performance cache, so Excel
compiles every module from source on first open (as the standalone xlwings quickstart
workbook shipped by xlwings does); module streams holding only compressed source
(MODULEOFFSET 0, no p-code); the ``dir`` stream; ``PROJECT`` (unprotected, visible) and
``PROJECTwm``. The compound file is written by :mod:`.cfb` because ``olefile`` cannot create
one (see there). The output is byte-for-byte reproducible.

Contract with the workbook (names the VBA reads): :data:`MODE_NAME`, :data:`SERVER_URL_NAME`,
:data:`MESSAGES` (defined names holding the Thai texts the VBA shows; the builder defines them
with :func:`message_name_formulas`); buttons call the
macros of :data:`BUTTON_MACROS`; the server API key comes from the environment variable
:data:`API_KEY_VARIABLE` on the clerk's PC (else the line of that name in the user's own
``xlwings.conf``), never from the workbook; before calling the server the buttons check that
no sheet's used range reaches past :data:`~.contract.LAST_ROW_SENT`; the server's results are
shown by the public macro ``LwAlert`` (``MessageBoxW``).
"""

from __future__ import annotations

from learnworks_xl.workbook.vba.cfb import Storage, write_compound_file
from learnworks_xl.workbook.vba.compression import compress
from learnworks_xl.workbook.vba.contract import (
    API_KEY_VARIABLE,
    BUTTON_MACROS,
    MESSAGES,
    MODE_LOCAL,
    MODE_NAME,
    MODE_SERVER,
    OFFICE_MACROS,
    OFFICE_TITLE,
    SERVER_URL_NAME,
    message_name_formulas,
)
from learnworks_xl.workbook.vba.records import VBA_PROJECT_STREAM as _VBA_PROJECT_STREAM
from learnworks_xl.workbook.vba.records import (
    Module,
    ModuleKind,
    dir_stream,
    module_stream,
    project_stream,
    project_wm_stream,
)
from learnworks_xl.workbook.vba.sources import (
    OFFICE_MODULES,
    OUR_MODULES,
    VbaProjectError,
    document_modules,
    our_modules,
    xlwings_modules,
    xlwings_version,
)

PROJECT_ID = "{8F4C2D1A-6B3E-4A57-9C0D-2E5F7A1B3C4D}"
"""The project GUID, fixed so that builds are reproducible."""

__all__ = [
    "API_KEY_VARIABLE",
    "BUTTON_MACROS",
    "MESSAGES",
    "MODE_LOCAL",
    "MODE_NAME",
    "MODE_SERVER",
    "OFFICE_MACROS",
    "OFFICE_MODULES",
    "OFFICE_TITLE",
    "OUR_MODULES",
    "PROJECT_ID",
    "SERVER_URL_NAME",
    "Module",
    "ModuleKind",
    "VbaProjectError",
    "build_vba_project",
    "message_name_formulas",
    "project_modules",
    "write_vba_project",
    "xlwings_version",
]


def project_modules(sheet_codenames: list[str],
                    ours: tuple[str, ...] = OUR_MODULES) -> list[Module]:
    """Return every module of the project, in project order.

    Args:
        sheet_codenames: The sheets' code names in workbook order (``Sheet1``...).
        ours: Our modules (:data:`OUR_MODULES`; the office's workbook :data:`OFFICE_MODULES`).

    Returns:
        ``ThisWorkbook``, the sheets, our modules, then the xlwings modules.

    Raises:
        VbaProjectError: A code name is invalid or a source file is missing or not ASCII.
    """
    return [*document_modules(sheet_codenames), *our_modules(names=ours), *xlwings_modules()]


def write_vba_project(modules: list[Module]) -> bytes:
    """Write a ``vbaProject.bin`` holding the given modules.

    Args:
        modules: The modules in project order; names unique.

    Returns:
        The compound file's bytes.
    """
    vba = Storage({
        "_VBA_PROJECT": _VBA_PROJECT_STREAM,
        "dir": compress(dir_stream(modules)),
        **{m.name: module_stream(m) for m in modules},
    })
    return write_compound_file(Storage({
        "VBA": vba,
        "PROJECT": project_stream(modules, PROJECT_ID),
        "PROJECTwm": project_wm_stream(modules),
    }))


def build_vba_project(sheet_codenames: list[str],
                      ours: tuple[str, ...] = OUR_MODULES) -> bytes:
    """Build the product workbook's ``vbaProject.bin``.

    Args:
        sheet_codenames: The sheets' code names in workbook order (``Sheet1`` ... ``SheetN``),
            the same the builder gives XlsxWriter with ``worksheet.set_vba_name``.
        ours: Our modules (the office's workbook: :data:`OFFICE_MODULES`).

    Returns:
        The compound file's bytes, for ``workbook.add_vba_project(BytesIO(data),
        is_stream=True)``.

    Raises:
        VbaProjectError: A code name is invalid or a source file is missing or not ASCII.
    """
    return write_vba_project(project_modules(sheet_codenames, ours))
