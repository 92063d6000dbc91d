"""The built VBA project lines up, record by record, with an Excel-made one: the quickstart
workbook shipped in the installed xlwings package (``xlwings/quickstart.xlsm``, saved by
Excel with p-code). Content differs (modules, references, cookies, offsets); the records, their
order, the module declarations and the PROJECT keys do not."""

from __future__ import annotations

import io
import re
import struct
import zipfile
from dataclasses import dataclass

import olefile
import pytest
from oletools.olevba import decompress_stream

from learnworks_xl.workbook.vba import build_vba_project, project_modules
from learnworks_xl.workbook.vba.records import ModuleKind, decrypt
from learnworks_xl.workbook.vba.sources import xlwings_dir

SHEETS = [f"Sheet{i}" for i in range(1, 19)]


@dataclass
class Project:
    """A VBA project read with olefile: its dir records, split by part, and text streams."""

    information: list[tuple[int, bytes]]
    references: list[list[tuple[int, bytes]]]
    modules_header: list[tuple[int, bytes]]
    modules: list[list[tuple[int, bytes]]]
    terminator: list[tuple[int, bytes]]
    project_text: str
    project_wm: bytes
    ole: olefile.OleFileIO


def _records(data: bytes) -> list[tuple[int, bytes]]:
    out, at = [], 0
    while at < len(data):
        record_id, size = struct.unpack_from("<HI", data, at)
        if record_id == 0x0009:  # PROJECTVERSION: Reserved (=4) then 6 bytes
            size = 6
        out.append((record_id, data[at + 6 : at + 6 + size]))
        at += 6 + size
    return out


def _read(vba_project: bytes) -> Project:
    ole = olefile.OleFileIO(io.BytesIO(vba_project))
    records = _records(bytes(decompress_stream(bytearray(ole.openstream("VBA/dir").read()))))
    ids = [r for r, _ in records]
    first_ref, modules_at = ids.index(0x000C) + 2, ids.index(0x000F)
    references: list[list[tuple[int, bytes]]] = []
    for record in records[first_ref:modules_at]:
        if record[0] == 0x0016:
            references.append([])
        references[-1].append(record)
    modules: list[list[tuple[int, bytes]]] = [[]]
    for record in records[modules_at + 2 : -1]:
        modules[-1].append(record)
        if record[0] == 0x002B:
            modules.append([])
    assert modules.pop() == []
    return Project(
        information=records[:first_ref], references=references,
        modules_header=records[modules_at : modules_at + 2], modules=modules,
        terminator=records[-1:], project_text=ole.openstream("PROJECT").read().decode("cp1252"),
        project_wm=ole.openstream("PROJECTwm").read(), ole=ole)


@pytest.fixture(scope="module")
def reference() -> Project:
    with zipfile.ZipFile(xlwings_dir() / "quickstart.xlsm") as package:
        return _read(package.read("xl/vbaProject.bin"))


@pytest.fixture(scope="module")
def built() -> Project:
    return _read(build_vba_project(SHEETS))


def _ids(records: list[tuple[int, bytes]]) -> list[int]:
    return [r for r, _ in records]


def _name(module: list[tuple[int, bytes]]) -> str:
    return dict(module)[0x0019].decode("cp1252")


def _type(module: list[tuple[int, bytes]]) -> int:
    return next(r for r, _ in module if r in (0x0021, 0x0022))


def test_vba_reference_information_records(reference: Project, built: Project) -> None:
    assert _ids(built.information) == _ids(reference.information)
    for (record_id, ours), (_same, theirs) in zip(built.information, reference.information,
                                                 strict=True):
        if record_id != 0x0009:  # PROJECTVERSION is content (the project's own version)
            assert ours == theirs, f"record 0x{record_id:04X}"


def test_vba_reference_reference_records(reference: Project, built: Project) -> None:
    theirs = {tuple(_ids(r)) for r in reference.references}
    for ref in built.references:
        assert tuple(_ids(ref)) in theirs
        assert dict(ref)[0x0016].decode("cp1252") == dict(ref)[0x003E].decode("utf-16-le")
    office = [dict(r)[0x000D] for r in reference.references if dict(r)[0x0016] == b"Office"]
    assert office == [dict(r)[0x000D] for r in built.references if dict(r)[0x0016] == b"Office"]


def test_vba_reference_module_records(reference: Project, built: Project) -> None:
    assert _ids(built.modules_header) == _ids(reference.modules_header)
    assert _ids(built.terminator) == _ids(reference.terminator) == [0x0010]
    assert struct.unpack("<H", dict(built.modules_header)[0x000F]) == (len(built.modules),)
    model = {_type(m): m for m in reference.modules}
    for module in built.modules:
        expected = model[_type(module)]
        assert _ids(module) == _ids(expected), _name(module)
        assert [len(d) for r, d in module if r in (0x0031, 0x001E, 0x002C)] == [4, 4, 2]
        assert dict(module)[0x0031] == bytes(4)  # source at offset 0: no p-code
        name = _name(module)
        assert dict(module)[0x0047].decode("utf-16-le") == name
        assert dict(module)[0x001A].decode("cp1252") == name


def _declarations(project: Project) -> list[tuple[str, str]]:
    out = []
    for line in project.project_text.split("\r\n"):
        match = re.fullmatch(r"(Document|Module|Class)=(\w+)(/&H00000000)?", line)
        if match:
            out.append((match[1], match[2]))
    return out


@pytest.mark.parametrize("which", ["reference", "built"])
def test_vba_reference_declarations_match_module_types(which: str, request: pytest.FixtureRequest
                                                       ) -> None:
    project: Project = request.getfixturevalue(which)
    kinds = {"Document": 0x0022, "Class": 0x0022, "Module": 0x0021}
    declared = [(name, kinds[kind]) for kind, name in _declarations(project)]
    assert declared == [(_name(m), _type(m)) for m in project.modules]
    assert project.project_wm == b"".join(
        n.encode() + b"\x00" + n.encode("utf-16-le") + b"\x00\x00"
        for n, _ in declared) + b"\x00\x00"


def test_vba_reference_code_names(built: Project) -> None:
    documents = [name for kind, name in _declarations(built) if kind == "Document"]
    assert documents == ["ThisWorkbook", *SHEETS]
    expected = [(m.name, m.kind.value) for m in project_modules(SHEETS)]
    kind_of = {"Document": "document", "Class": "class", "Module": "standard"}
    assert [(name, kind_of[kind]) for kind, name in _declarations(built)] == expected


def _keys(project: Project) -> list[str]:
    """The PROJECT stream's keys and section heads in order; a run of module declarations
    becomes one ``<modules>`` and the workspace lines one ``<workspace>``."""
    keys: list[str] = []
    section = ""
    for line in project.project_text.split("\r\n"):
        if line.startswith("["):
            section = line
            keys.append(line)
        elif section == "[Workspace]" and line:
            if keys[-1] != "<workspace>":
                keys.append("<workspace>")
        elif re.match(r"(Document|Module|Class)=", line):
            if keys[-1] != "<modules>":
                keys.append("<modules>")
        else:
            keys.append(line.split("=", 1)[0] if section == "" else line)
    return keys


def test_vba_reference_project_keys(reference: Project, built: Project) -> None:
    assert _keys(built) == _keys(reference) == [
        "ID", "<modules>", "Name", "HelpContextID", "VersionCompatible32", "CMG", "DPB", "GC",
        "", "[Host Extender Info]",
        "&H00000001={3832D640-CF90-11CF-8E43-00A0C911005A};VBE;&H00000000", "",
        "[Workspace]", "<workspace>", ""]
    host = [ln for ln in reference.project_text.split("\r\n") if ln.startswith("&H00000001")]
    assert host == [ln for ln in built.project_text.split("\r\n") if ln.startswith("&H00000001")]


@pytest.mark.parametrize("key", ["CMG", "DPB", "GC", "Name", "HelpContextID",
                                 "VersionCompatible32"])
def test_vba_reference_project_values(reference: Project, built: Project, key: str) -> None:
    def value(project: Project) -> str:
        line = next(ln for ln in project.project_text.split("\r\n") if ln.startswith(key + "="))
        return line.split("=", 1)[1].strip('"')

    if key in ("CMG", "DPB", "GC"):
        assert decrypt(value(built)) == decrypt(value(reference))  # unprotected, visible
    else:
        assert value(built) == value(reference)


def _source(project: Project, name: str) -> str:
    module = next(m for m in project.modules if _name(m) == name)
    offset = struct.unpack("<I", dict(module)[0x0031])[0]
    stream = project.ole.openstream("VBA/" + name).read()
    return bytes(decompress_stream(bytearray(stream[offset:]))).decode("cp1252")


@pytest.mark.parametrize("name", ["ThisWorkbook", "Sheet1", "Sheet2"])
def test_vba_reference_document_source(reference: Project, built: Project, name: str) -> None:
    assert _source(built, name) == _source(reference, name)


def test_vba_reference_class_attributes() -> None:
    with zipfile.ZipFile(xlwings_dir() / "quickstart_standalone.xlsm") as package:
        standalone = _read(package.read("xl/vbaProject.bin"))
    built = _read(build_vba_project(SHEETS))

    def attributes(project: Project) -> list[str]:
        lines = _source(project, "Dictionary").split("\r\n")
        return [ln for ln in lines[:8] if ln.startswith("Attribute VB_")]

    assert len(attributes(built)) == 8
    assert attributes(built) == attributes(standalone)


def test_vba_reference_vba_project_stream(built: Project) -> None:
    assert built.ole.openstream("VBA/_VBA_PROJECT").read() == bytes.fromhex("CC61FFFF000000")
    names = {"/".join(p) for p in built.ole.listdir()}
    assert names == {"PROJECT", "PROJECTwm", "VBA/_VBA_PROJECT", "VBA/dir",
                     *(f"VBA/{m.name}" for m in project_modules(SHEETS))}
    kinds = {m.name: m.kind for m in project_modules(SHEETS)}
    assert all(kinds[_name(m)] is ModuleKind.STANDARD for m in built.modules if _type(m) == 0x21)
