"""Buttons run through xlwings itself: the VBA client's body (``tests/vbaclient.py``) → the
server's reading → ``xw.Book(json=...)`` → actions → replayed on a copy of the workbook →
compared with the file path.

``XLWINGS_LICENSE_KEY=noncommercial`` (set in ``conftest.py``) enables xlwings PRO's remote
engine on Linux (PolyForm Noncommercial; see the README).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import openpyxl
import pytest
import xlwings as xw

from learnworks_xl import api
from learnworks_xl.core.findings import Findings
from learnworks_xl.core.layout.colours import CLEAR_FILL, ERROR_FILL, WARN_FILL
from learnworks_xl.core.sheets import INPUT_SHEETS
from learnworks_xl.errors import ConfigError
from learnworks_xl.sample import sample_data
from learnworks_xl.workbook.build import build_workbook
from learnworks_xl.xl import buttons, pressplan
from learnworks_xl.xl.patch import ACTIONS_USED, Alert, Patch, SetValues
from tests.vbaclient import ExcelBook
from tests.vbareplay import Replayed, replay_file
from tests.xlpress import loopback, message, press, server_data

INPUT = {s.name for s in INPUT_SHEETS}
REMOTE_BAS = Path(xw.__file__).parent / "addin" / "Remote.bas"


def vba_client_subs() -> set[str]:
    """The action handlers of the installed VBA client: ``Sub name(wb As Workbook, action …)``."""
    text = REMOTE_BAS.read_text(encoding="utf-8", errors="replace")
    return set(re.findall(r"^Sub (\w+)\(wb As Workbook, action As Dictionary\)", text, re.M))


def break_sample(path: Path, out: Path) -> Path:
    """A copy of the sample with one problem of each kind (see ``test_validate.py``)."""
    wb = openpyxl.load_workbook(path)
    wb["โรงเรียน"]["C3"] = "ขนาดใหญ๋"          # typo in a size
    wb["โรงเรียน"]["A4"] = "BK01"              # duplicate school code
    wb["การใช้จ่าย"]["A3"] = "BK99"             # unknown school
    wb["การใช้จ่าย"]["G4"] = 999                # amount ≠ quantity × price
    wb["การใช้จ่าย"]["B5"] = "31/02/2569"       # no such day
    wb["การใช้จ่าย"]["F6"] = "#REF!"            # an error value
    wb["แผนปฏิบัติการ"]["F5"] = 30              # weights sum to 90
    wb["ความเสี่ยง"]["B2"] = 7                  # likelihood out of range
    wb.save(out)
    return out


def broken_data() -> dict[str, Any]:
    """The sample's data with problems of several kinds, as a clerk might type them."""
    data = sample_data()
    data["โรงเรียน"][2]["size"] = "ขนาดใหญ๋"
    data["โรงเรียน"][3]["code"] = "BK01"
    data["การใช้จ่าย"][1]["school_code"] = "BK99"
    data["การใช้จ่าย"][2]["amount"] = 999
    data["การใช้จ่าย"][3]["date"] = "31/02/2569"
    data["แผนปฏิบัติการ"][3]["weight"] = 30
    data["ความเสี่ยง"][0]["likelihood"] = 7
    return data


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """The product workbook (``build_workbook``) with the sample data, and a broken one."""
    folder = tmp_path_factory.mktemp("built")
    return {"built": build_workbook(folder / "sample.xlsm", data=sample_data()),
            "built-broken": build_workbook(folder / "broken.xlsm", data=broken_data())}


@pytest.fixture(params=["sample", "broken", "built", "built-broken"])
def workbook(request: pytest.FixtureRequest, sample_path: Path, tmp_path: Path,
             built: dict[str, Path]) -> Path:
    """The plain sample, a broken copy, and the product workbook with each."""
    if request.param == "sample":
        return sample_path
    if request.param == "broken":
        return break_sample(sample_path, tmp_path / "broken.xlsx")
    return built[request.param]


def run_button(name: str, path: Path) -> list[dict[str, Any]]:
    """Press a button on the workbook file as xlwings Server would: its actions (the mail
    server on a closed loopback port: no traffic out)."""
    return press(name, loopback(ExcelBook.open(path)))


def press_and_replay(name: str, path: Path, out: Path) -> tuple[list[dict[str, Any]], Replayed]:
    """Press a button and replay its actions on a copy of the workbook at ``out``."""
    actions = run_button(name, path)
    return actions, replay_file(path, actions, out)


def findings_rows(path: Path) -> list[tuple[str, str | None, str]]:
    """(sheet, cell, message) of every finding row of ``ผลการตรวจสอบ`` in a file, sorted."""
    ws = openpyxl.load_workbook(path)["ผลการตรวจสอบ"]
    header = next(r for r in range(1, ws.max_row + 1) if ws.cell(r, 1).value == "ลำดับ")
    titles = [ws.cell(header, c).value for c in range(1, ws.max_column + 1)]
    col = {t: titles.index(t) + 1 for t in ("ชีต", "เซลล์", "รายละเอียดและวิธีแก้ไข")}
    rows = []
    for r in range(header + 1, ws.max_row + 1):
        if not isinstance(ws.cell(r, 1).value, int | float):
            continue
        cell = ws.cell(r, col["เซลล์"]).value
        rows.append((ws.cell(r, col["ชีต"]).value, None if cell == "-" else cell,
                     ws.cell(r, col["รายละเอียดและวิธีแก้ไข"]).value))
    return sorted(rows, key=repr)


def file_findings(report: Findings) -> list[tuple[str, str | None, str]]:
    """The same view of the file path's report."""
    return sorted(((f.sheet, f.cell, f.message) for f in report.findings), key=repr)


@pytest.mark.parametrize("name", list(buttons.BUTTONS))
def test_buttons_actions_implemented_by_vba_client(name: str, workbook: Path) -> None:
    subs = vba_client_subs()
    assert {"setValues", "setRangeColor", "addHyperlink", "runMacro"} <= subs  # parsed right
    assert subs >= ACTIONS_USED
    actions = run_button(name, workbook)
    assert actions, "a button always ends with at least its message"
    assert {a["func"] for a in actions} <= ACTIONS_USED
    macros = [a["args"][0] for a in actions if a["func"] == "runMacro"]
    assert macros == [f"'{workbook.name}'!LwAlert"]  # one message, the workbook's own macro
    assert len(actions[-1]["args"]) == 4  # LwAlert(wb, message, title, mode)


def test_buttons_validate_same_findings_as_file(workbook: Path, tmp_path: Path) -> None:
    out = tmp_path / ("out" + workbook.suffix)
    _actions, done = press_and_replay("validate", workbook, out)
    expected = api.validate(workbook).report
    assert findings_rows(out) == file_findings(expected)
    assert done.alerts == [[pressplan.findings_summary(expected), "ตรวจสอบข้อมูล",
                            "info" if expected.valid else "critical"]]


def _fills(path: Path) -> dict[tuple[str, str], str]:
    wb = openpyxl.load_workbook(path)
    out = {}
    for ws in wb.worksheets:
        for row in ws.iter_rows():
            for cell in row:
                if cell.fill.fill_type == "solid":
                    out[(ws.title, cell.coordinate)] = "#" + str(cell.fill.fgColor.rgb)[-6:]
    return out


def test_buttons_validate_marks_finding_cells(workbook: Path, tmp_path: Path) -> None:
    out = tmp_path / ("out" + workbook.suffix)
    press_and_replay("validate", workbook, out)
    report = api.validate(workbook).report
    fills = _fills(out)
    marked = {k: c for k, c in fills.items() if c in (ERROR_FILL, WARN_FILL) and k[0] in INPUT}
    header_cells = {(f.sheet, f.cell) for f in report.findings if f.code == "missing-column"}
    expected = {(f.sheet, f.cell) for f in report.findings if f.cell} - header_cells
    assert set(marked) == expected
    errors = {(f.sheet, f.cell) for f in report.findings if f.severity == "error"}
    assert all(marked[k] == ERROR_FILL for k in expected & errors)
    first_data = api.validate(workbook).parsed.purchases.rows[0].cells["school_code"]
    assert fills[("การใช้จ่าย", first_data)] in (CLEAR_FILL, ERROR_FILL, WARN_FILL)


def test_buttons_validate_links_to_cells(workbook: Path, tmp_path: Path) -> None:
    out = tmp_path / ("out" + workbook.suffix)
    press_and_replay("validate", workbook, out)
    ws = openpyxl.load_workbook(out)["ผลการตรวจสอบ"]
    links = {(c.value, c.hyperlink.location) for row in ws.iter_rows() for c in row
             if c.hyperlink is not None and c.value != c.hyperlink.location.split("!")[0]
             .strip("'")}
    report = api.validate(workbook).report
    assert links == {(f.cell, f"'{f.sheet}'!{f.cell}") for f in report.findings if f.cell}


def test_buttons_validate_rerun_fixed_clears_marks(sample_path: Path, tmp_path: Path) -> None:
    broken = break_sample(sample_path, tmp_path / "broken.xlsx")
    press_and_replay("validate", broken, tmp_path / "marked.xlsx")
    assert any(c == ERROR_FILL for c in _fills(tmp_path / "marked.xlsx").values())
    # the clerk fixes every cell (the sample's values back), keeping the marks and findings
    fixed = openpyxl.load_workbook(tmp_path / "marked.xlsx")
    good = openpyxl.load_workbook(sample_path)
    for ws in good.worksheets:
        for row in ws.iter_rows():
            for cell in row:
                fixed[ws.title][cell.coordinate].value = cell.value
    fixed.save(tmp_path / "fixed.xlsx")
    press_and_replay("validate", tmp_path / "fixed.xlsx", tmp_path / "again.xlsx")
    (tmp_path / "c").mkdir()
    clean_src = tmp_path / "c" / "fixed.xlsx"  # same name: the findings sheet names the file
    clean_src.write_bytes(sample_path.read_bytes())
    press_and_replay("validate", clean_src, tmp_path / "clean.xlsx")
    fills = _fills(tmp_path / "again.xlsx")
    assert not [k for k, c in fills.items() if c in (ERROR_FILL, WARN_FILL) and k[0] in INPUT]
    assert findings_rows(tmp_path / "again.xlsx") == []
    ws = openpyxl.load_workbook(tmp_path / "again.xlsx")["ผลการตรวจสอบ"]
    clean = openpyxl.load_workbook(tmp_path / "clean.xlsx")["ผลการตรวจสอบ"]
    assert ws.max_row == clean.max_row  # no stale rows left from the longer run
    assert [c.value for c in ws["A"]] == [c.value for c in clean["A"]]


def test_buttons_validate_writes_in_blocks(sample_path: Path, tmp_path: Path) -> None:
    broken = break_sample(sample_path, tmp_path / "broken.xlsx")
    actions = run_button("validate", broken)
    writes = [a for a in actions if a["func"] == "setValues"]
    added = [a["args"][1] for a in actions if a["func"] == "addSheet"]
    assert added == ["หน้าหลัก", "ผลการตรวจสอบ"]  # the plain sample has no report sheets
    # one assignment per rewritten sheet: หน้าหลัก and ผลการตรวจสอบ
    assert sorted(a["sheet_position"] for a in writes) == [11, 12]
    findings = next(a for a in writes if a["sheet_position"] == 12)
    report = api.validate(broken).report
    assert findings["row_count"] > report.errors + report.warnings
    assert len(actions) < 10 * (report.errors + report.warnings) + 50  # no cell-by-cell writes


@pytest.mark.parametrize(("error", "text", "mode"), [
    (ValueError("boom"), buttons.INTERNAL_ERROR, "critical"),
    (ConfigError("ข้อความไทย", "english"), "ข้อความไทย", "critical"),
])
def test_buttons_failure_is_one_thai_alert(error: Exception, text: str, mode: str,
                                           sample_path: Path) -> None:
    def failing(raw: Any, ctx: Any) -> Any:
        raise error

    with xw.Book(json=server_data(ExcelBook.open(sample_path))) as book:
        buttons.press("test", failing, book)
        actions = book.json()["actions"]
    assert [a["func"] for a in actions] == ["runMacro"]  # nothing written
    assert actions[0]["args"] == [f"'{sample_path.name}'!LwAlert", text, buttons.TITLE_ERROR,
                                  mode]


@pytest.fixture
def caller(monkeypatch: pytest.MonkeyPatch, sample_path: Path) -> Iterator[Callable[[], Any]]:
    """Local mode: ``xw.Book.caller()`` returns the book (here the remote engine's)."""
    with xw.Book(json=server_data(ExcelBook.open(sample_path))) as book:
        monkeypatch.setattr(buttons, "caller_book", lambda: book)
        yield lambda: book


def test_buttons_local_mode_uses_caller(caller: Callable[[], Any]) -> None:
    buttons.validate()
    assert message(caller().json()["actions"])[0] == "ตรวจสอบข้อมูลเรียบร้อย ไม่พบข้อผิดพลาด"


def test_buttons_write_failure_is_thai_alert(sample_path: Path) -> None:
    def writes_nowhere(raw: Any, ctx: Any) -> Patch:
        return Patch([SetValues("ไม่มีชีตนี้", 0, 0, [["x"]])], Alert("ไม่ควรเห็น", "t"))

    with xw.Book(json=server_data(ExcelBook.open(sample_path))) as book:
        buttons.press("test", writes_nowhere, book)
        actions = book.json()["actions"]
    assert message(actions) == [buttons.WRITE_ERROR, buttons.TITLE_ERROR, "critical"]
    assert [a for a in actions if a["func"] == "runMacro"] == actions[-1:]


def test_buttons_local_mode_alert_is_xlwings_alert() -> None:
    """Local mode (Excel through COM or AppleScript) keeps xlwings' ``App.alert``, which calls
    ``win32api.MessageBox`` (Unicode) on Windows: only server mode needs ``LwAlert``."""
    from types import SimpleNamespace

    from learnworks_xl.xl.bookio import show_alert

    calls: list[tuple[Any, ...]] = []

    class App:
        engine = SimpleNamespace(name="excel")

        def alert(self, prompt: str, **kwargs: Any) -> None:
            calls.append((prompt, kwargs))

        def macro(self, name: str) -> Any:
            raise AssertionError("local mode must not call a macro")

    show_alert(SimpleNamespace(app=App(), name="learnworks.xlsm"),
               Alert("ข้อความ", "หัวเรื่อง", "critical"))
    assert calls == [("ข้อความ", {"title": "หัวเรื่อง", "buttons": "ok", "mode": "critical"})]


@pytest.mark.parametrize(("book", "macro"), [
    ("learnworks.xlsm", "'learnworks.xlsm'!LwAlert"),
    ("ครู's งาน.xlsm", "'ครู''s งาน.xlsm'!LwAlert"),  # Application.Run doubles the quote
])
def test_buttons_alert_macro_name(book: str, macro: str) -> None:
    from learnworks_xl.xl.bookio import alert_macro

    assert alert_macro(book) == macro
