"""A second, independent reader of the VBA project: LibreOffice (headless) imports the modules
of the .xlsm into its Basic library; saved as .ods, each module keeps its kind and source."""

from __future__ import annotations

import io
import re
import shutil
import subprocess
import zipfile
from html import unescape

import pytest
import xlsxwriter

from learnworks_xl.workbook.vba import (
    BUTTON_MACROS,
    ModuleKind,
    build_vba_project,
    project_modules,
)

pytestmark = [
    pytest.mark.libreoffice,
    pytest.mark.slow,
    pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice not installed"),
]

CODENAMES = ["Sheet1", "Sheet2"]
LO_KIND = {ModuleKind.DOCUMENT: "document", ModuleKind.CLASS: "class",
           ModuleKind.STANDARD: "normal"}


@pytest.fixture(scope="module")
def basic(tmp_path_factory: pytest.TempPathFactory) -> dict[str, tuple[str, str]]:
    """Module name -> (LibreOffice module type, source) from the converted .ods."""
    folder = tmp_path_factory.mktemp("lo")
    xlsm = folder / "buttons.xlsm"
    workbook = xlsxwriter.Workbook(str(xlsm))
    workbook.set_vba_name("ThisWorkbook")
    for name, codename in zip(["หน้าหลัก", "ตั้งค่า"], CODENAMES, strict=True):
        workbook.add_worksheet(name).set_vba_name(codename)
    workbook.add_vba_project(io.BytesIO(build_vba_project(CODENAMES)), is_stream=True)
    workbook.close()
    subprocess.run(
        ["soffice", "--headless", f"-env:UserInstallation={(folder / 'profile').as_uri()}",
         "--convert-to", "ods", "--outdir", str(folder), str(xlsm)],
        check=True, capture_output=True, timeout=240)
    modules: dict[str, tuple[str, str]] = {}
    with zipfile.ZipFile(folder / "buttons.ods") as package:
        for member in package.namelist():
            if member.startswith("Basic/VBAProject/") and not member.endswith("script-lb.xml"):
                xml = package.read(member).decode("utf-8")
                found = re.search(r'script:name="(\w+)"[^>]*script:moduleType="(\w+)">(.*)'
                                  r"</script:module>", xml, re.S)
                assert found, member
                modules[found[1]] = (found[2], unescape(found[3]))
    return modules


def test_vba_libreoffice_modules_and_kinds(basic: dict[str, tuple[str, str]]) -> None:
    expected = {m.name: LO_KIND[m.kind] for m in project_modules(CODENAMES)}
    assert {name: kind for name, (kind, _source) in basic.items()} == expected


@pytest.mark.parametrize("macro", list(BUTTON_MACROS))
def test_vba_libreoffice_macro_source(basic: dict[str, tuple[str, str]], macro: str) -> None:
    source = basic["LearnworksButtons"][1]
    assert f"Public Sub {macro}()\n    LwRun \"{BUTTON_MACROS[macro]}\"\nEnd Sub" in source


def test_vba_libreoffice_source_verbatim(basic: dict[str, tuple[str, str]]) -> None:
    ours = next(m for m in project_modules(CODENAMES) if m.name == "LearnworksButtons")
    body = ours.source.split("\r\n", 1)[1].replace("\r\n", "\n")  # without VB_Name
    header = "Rem Attribute VBA_ModuleType=VBAModule\nOption VBASupport 1\n"
    assert basic["LearnworksButtons"][1] == header + body + "\n"
