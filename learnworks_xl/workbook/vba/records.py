"""The streams of a VBA project other than module source: [MS-OVBA] 2.3.

- ``VBA/dir`` (2.3.4.2): project information, references, module records; compressed.
- ``VBA/_VBA_PROJECT`` (2.3.4.1): seven bytes with version 0xFFFF, so that the host ignores the
  (absent) performance cache and compiles every module from its source on first open.
- ``PROJECT`` (2.3.1): the text properties, with the protection fields encrypted (2.4.3).
- ``PROJECTwm`` (2.3.3): module names in the code page and in UTF-16.

Values follow the Excel-made reference (the xlwings quickstart workbook) where the spec
leaves a choice; cookies are 0xFFFF as the spec asks of a writer.
"""

from __future__ import annotations

import struct
from collections.abc import Sequence
from dataclasses import dataclass
from enum import Enum
from functools import lru_cache

from learnworks_xl.workbook.vba.compression import compress

CODE_PAGE = 1252
"""Project code page (Western). Every module source and name is ASCII, so any code page
reads it the same; 1252 is what Excel writes and what olevba assumes."""

ENCODING = "cp1252"
LCID = 0x0409
SYSKIND_WIN64 = 0x03
COMPAT_VERSION = 0x05
VERSION_COMPATIBLE32 = "393222000"
PROJECT_NAME = "VBAProject"
HOST_EXTENDER = "&H00000001={3832D640-CF90-11CF-8E43-00A0C911005A};VBE;&H00000000"
VBA_PROJECT_STREAM = bytes.fromhex("CC61FFFF000000")
"""_VBA_PROJECT: Reserved1 0x61CC, Version 0xFFFF, Reserved2 0x00, Reserved3 0x0000."""


class ModuleKind(Enum):
    """How a module is declared: in the ``dir`` stream (type record) and in ``PROJECT``."""

    DOCUMENT = "document"
    STANDARD = "standard"
    CLASS = "class"


@dataclass(frozen=True)
class Module:
    """One module of the project: its name (also its stream name), kind and stored source."""

    name: str
    kind: ModuleKind
    source: str


@dataclass(frozen=True)
class Reference:
    """A REFERENCEREGISTERED (2.3.4.2.2.5): a type library by its Libid."""

    name: str
    libid: str


REFERENCES: tuple[Reference, ...] = (
    Reference("stdole", "*\\G{00020430-0000-0000-C000-000000000046}#2.0#0#"
              "C:\\Windows\\System32\\stdole2.tlb#OLE Automation"),
    Reference("Office", "*\\G{2DF8D04C-5BFA-101B-BDE5-00AA0044DE52}#2.0#0#"
              "C:\\Program Files\\Common Files\\Microsoft Shared\\OFFICE16\\MSO.DLL"
              "#Microsoft Office 16.0 Object Library"),
)
"""The references a new Excel project has (VBA and Excel themselves are implicit)."""


def _mbcs(text: str) -> bytes:
    return text.encode(ENCODING)


def _record(record_id: int, data: bytes) -> bytes:
    return struct.pack("<HI", record_id, len(data)) + data


def _text_pair(record_id: int, unicode_id: int, text: str) -> bytes:
    """A record with a code-page text followed by its UTF-16 twin (e.g. PROJECTDOCSTRING)."""
    return _record(record_id, _mbcs(text)) + _record(unicode_id, text.encode("utf-16-le"))


def _reference(reference: Reference) -> bytes:
    libid = _mbcs(reference.libid)
    registered = struct.pack("<I", len(libid)) + libid + struct.pack("<IH", 0, 0)
    return _text_pair(0x0016, 0x003E, reference.name) + _record(0x000D, registered)


def _module(module: Module) -> bytes:
    module_type = 0x0021 if module.kind is ModuleKind.STANDARD else 0x0022
    return b"".join((
        _text_pair(0x0019, 0x0047, module.name),
        _text_pair(0x001A, 0x0032, module.name),
        _text_pair(0x001C, 0x0048, ""),
        _record(0x0031, struct.pack("<I", 0)),  # MODULEOFFSET: source at the stream's start
        _record(0x001E, struct.pack("<I", 0)),
        _record(0x002C, struct.pack("<H", 0xFFFF)),
        _record(module_type, b""),
        _record(0x002B, b""),
    ))


def dir_stream(modules: Sequence[Module], references: Sequence[Reference] = REFERENCES) -> bytes:
    """Return the decompressed ``dir`` stream (2.3.4.2).

    Args:
        modules: The modules, in project order.
        references: The type-library references.

    Returns:
        The records, PROJECTINFORMATION to the terminator, uncompressed.
    """
    information = b"".join((
        _record(0x0001, struct.pack("<I", SYSKIND_WIN64)),
        _record(0x004A, struct.pack("<I", COMPAT_VERSION)),
        _record(0x0002, struct.pack("<I", LCID)),
        _record(0x0014, struct.pack("<I", LCID)),
        _record(0x0003, struct.pack("<H", CODE_PAGE)),
        _record(0x0004, _mbcs(PROJECT_NAME)),
        _text_pair(0x0005, 0x0040, ""),
        _text_pair(0x0006, 0x003D, ""),
        _record(0x0007, struct.pack("<I", 0)),
        _record(0x0008, struct.pack("<I", 0)),
        struct.pack("<HIIH", 0x0009, 4, 1, 0),  # PROJECTVERSION: Reserved=4, major, minor
        _text_pair(0x000C, 0x003C, ""),
    ))
    return b"".join((
        information,
        *(_reference(r) for r in references),
        _record(0x000F, struct.pack("<H", len(modules))),
        _record(0x0013, struct.pack("<H", 0xFFFF)),
        *(_module(m) for m in modules),
        _record(0x0010, b""),
    ))


@lru_cache(maxsize=128)
def module_stream(module: Module) -> bytes:
    """Return a module stream: the compressed source and no p-code (MODULEOFFSET 0).

    Cached: the xlwings modules are the same in every build.

    Args:
        module: The module.

    Returns:
        The CompressedContainer of the source in the project code page.
    """
    return compress(_mbcs(module.source))


def project_wm_stream(modules: Sequence[Module]) -> bytes:
    """Return ``PROJECTwm`` (2.3.3): each name in the code page and in UTF-16, then 0x0000.

    Args:
        modules: The modules, in project order.

    Returns:
        The stream's bytes.
    """
    names = b"".join(
        _mbcs(m.name) + b"\x00" + m.name.encode("utf-16-le") + b"\x00\x00" for m in modules)
    return names + b"\x00\x00"


def encrypt(data: bytes, project_id: str, seed: int) -> str:
    """Encrypt a PROJECT stream value ([MS-OVBA] 2.4.3.2) and return it as hex text.

    Args:
        data: The plain bytes (e.g. the protection state as a 32-bit integer).
        project_id: The ``ID=`` GUID text with braces, the source of the project key.
        seed: The seed byte; a fixed one keeps the build reproducible.

    Returns:
        The upper-case hex of Seed, VersionEnc, ProjKeyEnc, ignored bytes, length and data.
    """
    version, project_key = 2, sum(_mbcs(project_id)) & 0xFF
    out = bytearray((seed, seed ^ version, seed ^ project_key))
    plain_1, encrypted_1, encrypted_2 = project_key, seed ^ project_key, seed ^ version
    ignored = [0x07] * ((seed & 6) // 2)
    for byte in (*ignored, *struct.pack("<I", len(data)), *data):
        encrypted = byte ^ ((encrypted_2 + plain_1) & 0xFF)
        out.append(encrypted)
        encrypted_2, encrypted_1, plain_1 = encrypted_1, encrypted, byte
    return out.hex().upper()


def decrypt(text: str) -> bytes:
    """Decrypt a PROJECT stream value ([MS-OVBA] 2.4.3.3).

    Args:
        text: The hex text of ``CMG=``, ``DPB=`` or ``GC=``, without quotes.

    Returns:
        The plain data.
    """
    raw = bytes.fromhex(text)
    seed, version_enc, key_enc = raw[0], raw[1], raw[2]
    if seed ^ version_enc != 2:
        raise ValueError("not an MS-OVBA encrypted value")
    plain_1, encrypted_1, encrypted_2 = seed ^ key_enc, key_enc, version_enc
    plain = bytearray()
    for encrypted in raw[3:]:
        byte = encrypted ^ ((encrypted_2 + plain_1) & 0xFF)
        plain.append(byte)
        encrypted_2, encrypted_1, plain_1 = encrypted_1, encrypted, byte
    skip = (seed & 6) // 2
    length = struct.unpack_from("<I", plain, skip)[0]
    return bytes(plain[skip + 4 : skip + 4 + length])


def project_stream(modules: Sequence[Module], project_id: str, seed: int = 0x8D) -> bytes:
    """Return the ``PROJECT`` stream (2.3.1): no protection, no password, visible.

    Args:
        modules: The modules, in project order.
        project_id: The project GUID with braces.
        seed: Seed of the encrypted values.

    Returns:
        The stream's bytes in the project code page, CRLF line ends.
    """
    protection = encrypt(struct.pack("<I", 0), project_id, seed)
    password = encrypt(b"\x00", project_id, seed)
    visibility = encrypt(b"\xff", project_id, seed)
    lines = [f'ID="{project_id}"']
    for module in modules:
        if module.kind is ModuleKind.DOCUMENT:
            lines.append(f"Document={module.name}/&H00000000")
        elif module.kind is ModuleKind.CLASS:
            lines.append(f"Class={module.name}")
        else:
            lines.append(f"Module={module.name}")
    lines += [
        f'Name="{PROJECT_NAME}"',
        'HelpContextID="0"',
        f'VersionCompatible32="{VERSION_COMPATIBLE32}"',
        f'CMG="{protection}"',
        f'DPB="{password}"',
        f'GC="{visibility}"',
        "",
        "[Host Extender Info]",
        HOST_EXTENDER,
        "",
        "[Workspace]",
        *(f"{m.name}=0, 0, 0, 0, C" for m in modules),
        "",
    ]
    return _mbcs("\r\n".join(lines))
