"""The built VBA project as analysts and Excel see it: olevba (command line and Python API)
extracts exactly our modules' source from the .bin and from an .xlsm made with XlsxWriter;
code names match the workbook XML; every button's macro exists; the VBA/Python contract."""

from __future__ import annotations

import io
import re
import subprocess
import sys
import tomllib
import zipfile
from pathlib import Path

import pytest
import xlsxwriter
from oletools.olevba import VBA_Parser, filter_vba

from learnworks_xl.workbook.vba import (
    API_KEY_VARIABLE,
    BUTTON_MACROS,
    MESSAGES,
    MODE_LOCAL,
    MODE_NAME,
    MODE_SERVER,
    OFFICE_MACROS,
    SERVER_URL_NAME,
    Module,
    ModuleKind,
    VbaProjectError,
    build_vba_project,
    message_name_formulas,
    project_modules,
    xlwings_version,
)
from learnworks_xl.workbook.vba.contract import PYTHON_MODULE
from learnworks_xl.workbook.vba.sources import (
    XLWINGS_MODULES,
    check_codenames,
    our_modules,
    source_dir,
    to_crlf,
    xlwings_dir,
)

ROOT = Path(__file__).resolve().parents[1]
SHEET_NAMES = ["หน้าหลัก", "ผลการตรวจสอบ", "โรงเรียน", "ตั้งค่า"]
CODENAMES = [f"Sheet{i}" for i in range(1, len(SHEET_NAMES) + 1)]


@pytest.fixture(scope="module")
def modules() -> list[Module]:
    return project_modules(CODENAMES)


@pytest.fixture(scope="module")
def files(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """The built vbaProject.bin, and an .xlsm holding it made with XlsxWriter."""
    folder = tmp_path_factory.mktemp("vba")
    data = build_vba_project(CODENAMES)
    binary = folder / "vbaProject.bin"
    binary.write_bytes(data)
    xlsm = folder / "buttons.xlsm"
    workbook = xlsxwriter.Workbook(str(xlsm))
    workbook.set_vba_name("ThisWorkbook")
    for name, codename in zip(SHEET_NAMES, CODENAMES, strict=True):
        worksheet = workbook.add_worksheet(name)
        worksheet.set_vba_name(codename)
    home = workbook.get_worksheet_by_name(SHEET_NAMES[0])
    assert home is not None
    for row, macro in enumerate(BUTTON_MACROS):
        home.insert_button(row * 3, 1, {"macro": macro, "caption": macro})
    workbook.add_vba_project(io.BytesIO(data), is_stream=True)
    workbook.close()
    return {"bin": binary, "xlsm": xlsm}


def _expected(modules: list[Module]) -> dict[str, str]:
    ext = {ModuleKind.STANDARD: "bas", ModuleKind.CLASS: "cls", ModuleKind.DOCUMENT: "cls"}
    return {f"{m.name}.{ext[m.kind]}": m.source for m in modules}


@pytest.mark.parametrize("kind", ["bin", "xlsm"])
def test_vba_project_olevba_api_exact_sources(kind: str, files: dict[str, Path],
                                              modules: list[Module]) -> None:
    parser = VBA_Parser(str(files[kind]))
    try:
        assert parser.detect_vba_macros()
        found = {name: code for _f, _s, name, code in parser.extract_all_macros()}
    finally:
        parser.close()
    assert found == _expected(modules)


def _olevba_cli(path: Path, *options: str) -> dict[str, str]:
    olevba = Path(sys.executable).parent / "olevba"
    result = subprocess.run([str(olevba), "-c", *options, str(path)], capture_output=True,
                            check=False, text=True, encoding="utf-8")
    assert result.returncode == 0, result.stderr
    sections = re.findall(r"^VBA MACRO (\S+) \n.*?\n- - -[- ]*\n(.*?)\n-{79}\n",
                          result.stdout.replace("\r\n", "\n") + "-" * 79 + "\n",
                          flags=re.S | re.M)
    return {name: code for name, code in sections}


@pytest.mark.parametrize("kind", ["bin", "xlsm"])
@pytest.mark.parametrize("attributes", [True, False], ids=["attr", "default"])
def test_vba_project_olevba_cli_exact_sources(kind: str, attributes: bool,
                                              files: dict[str, Path],
                                              modules: list[Module]) -> None:
    found = _olevba_cli(files[kind], *(["--attr"] if attributes else []))
    expected = {}
    for name, source in _expected(modules).items():
        text = source.replace("\r\n", "\n") if attributes else filter_vba(source)
        expected[name] = text if text.strip() else "(empty macro)"
    assert {k: v.rstrip("\n") for k, v in found.items()} == {
        k: v.rstrip("\n") for k, v in expected.items()}


def test_vba_project_xlsm_codenames_match_workbook_xml(files: dict[str, Path],
                                                       modules: list[Module]) -> None:
    with zipfile.ZipFile(files["xlsm"]) as package:
        workbook_xml = package.read("xl/workbook.xml").decode()
        sheet_codes = [
            re.search(r'<sheetPr[^>]*codeName="(\w+)"', package.read(
                f"xl/worksheets/sheet{i}.xml").decode())[1]  # type: ignore[index]
            for i in range(1, len(SHEET_NAMES) + 1)]
        content_types = package.read("[Content_Types].xml").decode()
        assert package.read("xl/vbaProject.bin") == files["bin"].read_bytes()
    assert re.search(r'<workbookPr[^>]*codeName="ThisWorkbook"', workbook_xml)
    documents = [m.name for m in modules if m.kind is ModuleKind.DOCUMENT]
    assert documents == ["ThisWorkbook", *sheet_codes]
    assert "application/vnd.ms-office.vbaProject" in content_types


def _procedures(source: str) -> dict[str, str]:
    """Public procedures of a module: name -> body."""
    found = re.findall(r"^(?:Public )?(?:Sub|Function) (\w+)\((.*?)^End (?:Sub|Function)",
                       source, flags=re.M | re.S)
    return dict(found)


def test_vba_project_button_macros_exist(modules: list[Module]) -> None:
    by_name = {m.name: m.source for m in modules}
    ours = _procedures(by_name["LearnworksButtons"])
    for macro, entry in BUTTON_MACROS.items():
        assert f'LwRun "{entry}"' in ours[macro], macro
        assert re.search(rf"^Public Sub {macro}\(\)\r$", by_name["LearnworksButtons"], re.M)
    assert "RunPython" in _procedures(by_name["xlwings"])
    assert "RunRemotePython" in _procedures(by_name["Remote"])
    assert list(BUTTON_MACROS) == ["LwValidate", "LwRecompute", "LwReports", "LwEmail",
                                   "LwSchoolForms", "LwCollect"]


def test_vba_project_run_calls(modules: list[Module]) -> None:
    source = next(m.source for m in modules if m.name == "LearnworksButtons")
    assert f'"{PYTHON_MODULE}"' in source
    assert 'RunPython "import " & LW_PYTHON_MODULE & " as b; b." & entryPoint & "()"' in source
    assert 'RunRemotePython url & "/" & entryPoint, apiKey:=apiKey' in source
    assert 'Environ$(LW_API_KEY_VARIABLE)' in source
    assert f'"{API_KEY_VARIABLE}"' in source
    remote = next(m.source for m in modules if m.name == "Remote")
    signature = re.search(r"Function RunRemotePython\((.*?)\)\r\n", remote, re.S)
    assert signature and "Optional apiKey As String" in signature[1]


def test_vba_project_contract_names() -> None:
    source = (source_dir() / "LearnworksButtons.bas").read_text("ascii")
    names = set(re.findall(r'"(lw_\w+)"', source))
    assert names == {MODE_NAME, SERVER_URL_NAME, *MESSAGES}
    assert "xlwings" in MODE_SERVER and "xlwings" not in MODE_LOCAL.lower()
    assert 'Private Const LW_SERVER_MARK As String = "xlwings"' in source


def test_vba_project_messages_thai() -> None:
    assert (MODE_LOCAL, MODE_SERVER) == ("Python ในเครื่อง", "xlwings Server")
    assert MESSAGES == {
        "lw_msg_title": "สมุดงานโครงการผลงานนักเรียน",
        "lw_msg_no_server_url": "ยังไม่ได้กรอก «URL ของ xlwings Server» ในแผ่นงาน «ตั้งค่า» "
                                "โปรดกรอกที่อยู่ หรือเปลี่ยน «โหมดการทำงาน» เป็น Python ในเครื่อง",
        "lw_msg_no_api_key": "เครื่องนี้ยังไม่ได้ตั้งรหัส API ของเซิร์ฟเวอร์ "
                             "โปรดให้ผู้ดูแลระบบตั้งตัวแปรสภาพแวดล้อม LEARNWORKS_API_KEY "
                             "(บน Mac: บรรทัด LEARNWORKS_API_KEY ในไฟล์ xlwings.conf ของผู้ใช้) "
                             "แล้วปิด Excel และเปิดใหม่",
        "lw_msg_rows_too_far": "แผ่นงาน «{sheet}» ใช้เซลล์ไปถึงแถว {row} แต่โหมด xlwings Server "
                               "ส่งได้ถึงแถว 32,766 โปรดลบแถวที่เกินมา: เลือกแถวแรกใต้ข้อมูล "
                               "กด Ctrl+Shift+ลูกศรลง คลิกขวา ลบ บันทึกไฟล์ แล้วกด Ctrl+End "
                               "ตรวจว่าหยุดที่ข้อมูลสุดท้าย หรือเปลี่ยนโหมดเป็น Python ในเครื่อง",
        "lw_msg_failed": "ทำงานไม่สำเร็จ โปรดลองอีกครั้ง "
                         "หากยังไม่สำเร็จโปรดแจ้งผู้ดูแลระบบพร้อมข้อความด้านล่าง",
    }


def test_vba_project_message_name_formulas() -> None:
    formulas = message_name_formulas()
    assert set(formulas) == set(MESSAGES)
    assert formulas["lw_msg_title"] == '="สมุดงานโครงการผลงานนักเรียน"'
    for name, formula in formulas.items():
        assert formula == f'="{MESSAGES[name]}"' and '"' not in MESSAGES[name]
        assert len(MESSAGES[name]) <= 255  # Excel's limit for a text constant in a formula


def test_vba_project_entry_points_exist() -> None:
    """Every macro's entry point is a function of learnworks_xl.xl.buttons and a server route."""
    import importlib
    import typing

    from learnworks_xl.core.models import Mode

    buttons = importlib.import_module(PYTHON_MODULE)
    assert set(BUTTON_MACROS.values()) | set(OFFICE_MACROS.values()) == set(buttons.BUTTONS)
    for entry in [*BUTTON_MACROS.values(), *OFFICE_MACROS.values()]:
        assert callable(getattr(buttons, entry))
    assert set(typing.get_args(Mode)) == {MODE_LOCAL, MODE_SERVER}


@pytest.mark.parametrize("path", sorted((ROOT / "workbook" / "vba").glob("*.bas")),
                         ids=lambda p: p.name)
def test_vba_project_sources_ascii(path: Path) -> None:
    assert path.read_bytes().isascii()


def test_vba_project_xlwings_pinned_version(modules: list[Module]) -> None:
    pyproject = tomllib.loads((ROOT / "pyproject.toml").read_text("utf-8"))
    pins = [d for d in pyproject["project"]["dependencies"] if d.startswith("xlwings")]
    assert pins == [f"xlwings=={xlwings_version()}"]
    xlwings = next(m.source for m in modules if m.name == "xlwings")
    assert f"'Version: {xlwings_version()}\r\n" in xlwings


def test_vba_project_xlwings_modules_verbatim(modules: list[Module]) -> None:
    by_name = {m.name: m for m in modules}
    for name, relative in XLWINGS_MODULES:
        original = to_crlf((xlwings_dir() / relative).read_text("ascii"))
        stored = by_name[name].source
        body = original[original.index("Attribute VB_Name"):]
        expected_kind = ModuleKind.CLASS if relative.endswith(".cls") else ModuleKind.STANDARD
        assert by_name[name].kind is expected_kind
        assert [ln for ln in stored.split("\r\n") if not ln.startswith("Attribute VB_")] == [
            ln for ln in body.split("\r\n") if not ln.startswith("Attribute VB_")]


def test_vba_project_xlwings_modules_needed(modules: list[Module]) -> None:
    """Each xlwings module is an entry (RunPython, RunRemotePython) or used by another."""
    sources = {m.name: m.source for m in modules}
    for name, _relative in XLWINGS_MODULES:
        if name in ("xlwings", "Remote"):
            continue
        users = [other for other, text in sources.items()
                 if other != name and re.search(rf"\b{name}\b", filter_vba(text))]
        assert users, f"{name} is not used"
    assert re.search(r"\bGetConfig\(", sources["Remote"])
    assert "Function GetConfig(" in sources["xlwings"]


def test_vba_project_reproducible() -> None:
    assert build_vba_project(CODENAMES) == build_vba_project(CODENAMES)


@pytest.mark.parametrize(("codenames", "message_th"), [
    (["Sheet1", "sheet1"], "ชื่อรหัสของแผ่นงาน (code name) 'sheet1' ใช้ไม่ได้"),
    (["ThisWorkbook"], "ชื่อรหัสของแผ่นงาน (code name) 'ThisWorkbook' ใช้ไม่ได้"),
    (["หน้าหลัก"], "ชื่อรหัสของแผ่นงาน (code name) 'หน้าหลัก' ใช้ไม่ได้"),
    (["1Sheet"], "ชื่อรหัสของแผ่นงาน (code name) '1Sheet' ใช้ไม่ได้"),
])
def test_vba_project_bad_codename(codenames: list[str], message_th: str) -> None:
    with pytest.raises(VbaProjectError) as caught:
        check_codenames(codenames)
    assert caught.value.message_th == message_th
    assert caught.value.exit_code == 70


@pytest.mark.parametrize(("content", "message_th"), [
    (None, "ไม่พบไฟล์โค้ดของปุ่ม (VBA) LearnworksButtons.bas โปรดติดตั้งโปรแกรม learnworks ใหม่"),
    ('Attribute VB_Name = "LearnworksButtons"\r\n\' ตรวจสอบ\r\n'.encode(),
     "ไฟล์โค้ดของปุ่ม (VBA) LearnworksButtons.bas มีอักขระที่ไม่ใช่ ASCII ที่บรรทัด 2"),
    (b'Attribute VB_Name = "Other"\r\n',
     "ไฟล์โค้ดของปุ่ม (VBA) LearnworksButtons.bas ต้องขึ้นต้นด้วยชื่อโมดูล LearnworksButtons"),
])
def test_vba_project_bad_source(tmp_path: Path, content: bytes | None, message_th: str) -> None:
    if content is not None:
        (tmp_path / "LearnworksButtons.bas").write_bytes(content)
    with pytest.raises(VbaProjectError) as caught:
        our_modules(tmp_path)
    assert caught.value.message_th == message_th


def _buttons_source() -> str:
    return (source_dir() / "LearnworksButtons.bas").read_text("ascii").replace("\r\n", "\n")


def test_vba_project_lw_alert_takes_the_servers_arguments(tmp_path: Path) -> None:
    """The server's ``runMacro`` action calls ``Application.Run name, wb, args(2), …``
    (``Remote.bas``): ``LwAlert`` takes the workbook and the three texts, and shows them with
    ``MessageBoxW`` (Windows) or ``MsgBox`` (Mac, after the client's ``Utf8ToUtf16``)."""
    import xlwings as xw

    from learnworks_xl.xl.bookio import ALERT_MACRO
    from tests.vbaclient import ExcelBook
    from tests.xlpress import press

    source = _buttons_source()
    alerts = re.findall(r"^Public Sub (LwAlert)\((.*?)\)$", source.replace(" _\n", ""), re.M)
    assert alerts and alerts[0][0] == ALERT_MACRO
    params = [p.strip() for p in alerts[0][1].split(",")]
    assert params == ["ByVal wb As Object", "ByVal message As Variant", "ByVal title As Variant",
                      "ByVal mode As Variant"]
    body = source.split("Public Sub LwAlert(", 1)[1].split("End Sub", 1)[0]
    assert 'Case "critical"' in body and 'Case "info"' in body
    assert "msgText = Utf8ToUtf16(msgText)" in body and "LwShow msgText, msgTitle, icon" in body
    show = source.split("Private Sub LwShow(", 1)[1].split("End Sub", 1)[0]
    assert "LwMessageBoxW Application.hWnd, StrPtr(message), StrPtr(title), icon" in show
    remote = (Path(xw.__file__).parent / "addin" / "Remote.bas").read_text("ascii")
    assert "Function Utf8ToUtf16(ByVal strText As String) As String" in remote
    sample = tmp_path / "sample.xlsx"
    from learnworks_xl.io.plainwriter import write_plain_workbook
    from learnworks_xl.sample import sample_data

    write_plain_workbook(sample_data(), sample)
    last = press("validate", ExcelBook.open(sample))[-1]
    assert last["func"] == "runMacro" and len(last["args"]) == len(params)  # macro + 3 texts


def test_vba_project_rows_checked_before_the_server() -> None:
    """``LwRun`` refuses, with a Thai message, a book whose used range the client cannot send
    (``Dim startRow As Integer`` … ``.Cells(startRow + nRows - 1, …)`` in ``Remote.bas``):
    the limit is the one the test client overflows past."""
    import json

    from learnworks_xl.workbook.vba.contract import LAST_ROW_SENT
    from tests.vbaclient import ExcelBook, Sheet, VbaOverflow

    source = _buttons_source()
    assert f"Private Const LW_LAST_ROW_SENT As Long = {LAST_ROW_SENT}" in source
    run = source.split("Public Sub LwRun(", 1)[1].split("End Sub", 1)[0]
    assert run.index("tooLong = LwSheetTooLong(lastRow)") < run.index("RunRemotePython")
    assert run.index("RunRemotePython") < run.index("Else\n        RunPython")  # server only
    assert ('LwShow Replace(Replace(LwText("lw_msg_rows_too_far"), "{sheet}", tooLong), _\n'
            '                           "{row}", Format$(lastRow, "#,##0")), LwTitle(), '
            "LW_MB_ICONWARNING") in run
    check = source.split("Private Function LwSheetTooLong(", 1)[1].split("End Function", 1)[0]
    assert "For Each sheet In ActiveWorkbook.Worksheets" in check  # Set wb = ActiveWorkbook
    assert "lastRow = .Row + .Rows.Count - 1" in check and "Dim lastRow As Long" in run
    assert "If lastRow > LW_LAST_ROW_SENT Then" in check
    assert "{sheet}" in MESSAGES["lw_msg_rows_too_far"]
    assert "{row}" in MESSAGES["lw_msg_rows_too_far"]

    def body(last_row: int) -> str:
        sheet = Sheet("ชีต")
        sheet.set("A1", "x")
        sheet.used = (1, 1, last_row, 1)
        return ExcelBook("b.xlsm", [sheet], []).request_body()

    assert len(json.loads(body(LAST_ROW_SENT))["sheets"][0]["values"]) == LAST_ROW_SENT
    with pytest.raises(VbaOverflow):
        body(LAST_ROW_SENT + 1)


def test_vba_project_api_key_never_from_the_workbook() -> None:
    """The key: the PC's environment variable, else the user's own ``xlwings.conf`` file
    (``GetConfig(…, source:="user")`` skips the workbook's sheet and the folder's file)."""
    run = _buttons_source().split("Public Sub LwRun(", 1)[1].split("End Sub", 1)[0]
    assert ("apiKey = Environ$(LW_API_KEY_VARIABLE)\n        If Len(apiKey) = 0 Then apiKey = "
            'CStr(GetConfig(LW_API_KEY_VARIABLE, "", "user"))') in run
    assert run.count("GetConfig(") == 1
    xlwings_bas = (xlwings_dir() / "xlwings.bas").read_text("ascii")
    assert ('Function GetConfig(configKey As String, Optional default As String = "", '
            'Optional source As String = "") As Variant') in xlwings_bas
    assert 'If source = "" Or source = "user" Then' in xlwings_bas


def test_vba_project_built_workbook_olevba(tmp_path: Path) -> None:
    """``olevba`` on the committed product workbook finds our module exactly, with
    ``LwAlert``, and reports no parsing problem."""
    found = _olevba_cli(ROOT / "workbook" / "learnworks.xlsm", "--attr")
    ours = found["LearnworksButtons.bas"].rstrip("\n")
    assert ours == _buttons_source().rstrip("\n")
    assert "Public Sub LwAlert(" in ours
