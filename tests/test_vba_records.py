"""Unit tests of the project streams: encryption of PROJECT values ([MS-OVBA] 2.4.3) checked
against values Excel wrote, ``PROJECTwm``, ``_VBA_PROJECT`` and the stored source forms."""

from __future__ import annotations

import struct

import pytest

from learnworks_xl.workbook.vba.records import (
    VBA_PROJECT_STREAM,
    Module,
    ModuleKind,
    decrypt,
    encrypt,
    project_stream,
    project_wm_stream,
)
from learnworks_xl.workbook.vba.sources import stored_class_source, to_crlf

# From PROJECT streams written by Excel (the two quickstart workbooks of xlwings 0.37.8).
EXCEL_VALUES = [
    ("A7A58C2B7CDD73E173E173E173E1", bytes(4)),  # CMG: protection state 0
    ("A2A089308531853185", b"\x00"),  # DPB: no password
    ("9D9FB6314A2D4B2D4BD2", b"\xff"),  # GC: visible
    ("8D8FA61394EA98EA98EA98EA98", bytes(4)),
    ("8D8FA61394EF95EF95EF", b"\x00"),
    ("8D8FA61394EF95EF9510", b"\xff"),
]
EXCEL_IDS = {
    "A7": "{E2E0E410-BF04-4DC5-BDD2-D3FBBA8B7D37}",
    "A2": "{E2E0E410-BF04-4DC5-BDD2-D3FBBA8B7D37}",
    "9D": "{E2E0E410-BF04-4DC5-BDD2-D3FBBA8B7D37}",
    "8D": "{5CF9CDAB-B77B-4FE4-BD7E-D29900070E1B}",
}


@pytest.mark.parametrize(("text", "plain"), EXCEL_VALUES)
def test_vba_records_decrypt_excel_values(text: str, plain: bytes) -> None:
    assert decrypt(text) == plain
    project_key = int(text[0:2], 16) ^ int(text[4:6], 16)
    assert project_key == sum(EXCEL_IDS[text[:2]].encode("ascii")) & 0xFF


@pytest.mark.parametrize("seed", range(0, 256, 7))
@pytest.mark.parametrize("plain", [bytes(4), b"\x00", b"\xff", b"secret"])
def test_vba_records_encrypt_round_trip(seed: int, plain: bytes) -> None:
    project_id = "{8F4C2D1A-6B3E-4A57-9C0D-2E5F7A1B3C4D}"
    text = encrypt(plain, project_id, seed)
    assert text == text.upper()
    assert len(text) == 2 * (3 + (seed & 6) // 2 + 4 + len(plain))
    assert decrypt(text) == plain


def test_vba_records_encrypt_matches_excel_layout() -> None:
    # Same seed and project as Excel's CMG: the three leading bytes and the length agree.
    ours = encrypt(bytes(4), EXCEL_IDS["8D"], 0x8D)
    assert ours[:6] == "8D8FA6"
    assert len(ours) == len("8D8FA61394EA98EA98EA98EA98")


def test_vba_records_decrypt_rejects_other_version() -> None:
    with pytest.raises(ValueError, match="not an MS-OVBA encrypted value"):
        decrypt("000000")


def test_vba_records_vba_project_stream() -> None:
    reserved1, version, reserved2, reserved3 = struct.unpack("<HHBH", VBA_PROJECT_STREAM)
    assert (reserved1, version, reserved2, reserved3) == (0x61CC, 0xFFFF, 0, 0)


MODULES = [
    Module("ThisWorkbook", ModuleKind.DOCUMENT, ""),
    Module("Sheet1", ModuleKind.DOCUMENT, ""),
    Module("LearnworksButtons", ModuleKind.STANDARD, ""),
    Module("Dictionary", ModuleKind.CLASS, ""),
]


def test_vba_records_project_wm() -> None:
    expected = (b"ThisWorkbook\x00" + "ThisWorkbook".encode("utf-16-le") + b"\x00\x00"
                + b"Sheet1\x00" + "Sheet1".encode("utf-16-le") + b"\x00\x00"
                + b"LearnworksButtons\x00" + "LearnworksButtons".encode("utf-16-le") + b"\x00\x00"
                + b"Dictionary\x00" + "Dictionary".encode("utf-16-le") + b"\x00\x00"
                + b"\x00\x00")
    assert project_wm_stream(MODULES) == expected


def test_vba_records_project_stream_lines() -> None:
    text = project_stream(MODULES, "{8F4C2D1A-6B3E-4A57-9C0D-2E5F7A1B3C4D}").decode("cp1252")
    lines = text.split("\r\n")
    assert lines[:5] == [
        'ID="{8F4C2D1A-6B3E-4A57-9C0D-2E5F7A1B3C4D}"',
        "Document=ThisWorkbook/&H00000000",
        "Document=Sheet1/&H00000000",
        "Module=LearnworksButtons",
        "Class=Dictionary",
    ]
    values = dict(line.split("=", 1) for line in lines[5:11])
    assert decrypt(values["CMG"].strip('"')) == bytes(4)
    assert decrypt(values["DPB"].strip('"')) == b"\x00"
    assert decrypt(values["GC"].strip('"')) == b"\xff"
    assert lines[-6:] == ["[Workspace]", "ThisWorkbook=0, 0, 0, 0, C", "Sheet1=0, 0, 0, 0, C",
                          "LearnworksButtons=0, 0, 0, 0, C", "Dictionary=0, 0, 0, 0, C", ""]


@pytest.mark.parametrize(("text", "expected"), [
    ("a\nb", "a\r\nb\r\n"),
    ("a\r\nb\r\n", "a\r\nb\r\n"),
    ("a\rb\n\n", "a\r\nb\r\n\r\n"),
    ("", ""),
])
def test_vba_records_to_crlf(text: str, expected: str) -> None:
    assert to_crlf(text) == expected


def test_vba_records_stored_class_source() -> None:
    exported = to_crlf(
        "VERSION 1.0 CLASS\nBEGIN\n  MultiUse = -1  'True\nEND\n"
        'Attribute VB_Name = "Thing"\nAttribute VB_GlobalNameSpace = False\n'
        "Attribute VB_Creatable = False\nAttribute VB_PredeclaredId = False\n"
        "Attribute VB_Exposed = True\nOption Explicit\n")
    assert stored_class_source(exported) == to_crlf(
        'Attribute VB_Name = "Thing"\n'
        'Attribute VB_Base = "0{FCFB3D2A-A0FA-1068-A738-08002B3371B5}"\n'
        "Attribute VB_GlobalNameSpace = False\nAttribute VB_Creatable = False\n"
        "Attribute VB_PredeclaredId = False\nAttribute VB_Exposed = True\n"
        "Attribute VB_TemplateDerived = False\nAttribute VB_Customizable = False\n"
        "Option Explicit\n")
