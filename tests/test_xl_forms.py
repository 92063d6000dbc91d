"""School forms through the buttons: forms out from the live book, forms back in merged into
the live book — the same rows as ``learnworks collect`` merges on the file path."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

from learnworks_xl import api
from learnworks_xl.core import sheets as sh
from learnworks_xl.core.pipeline import input_data
from learnworks_xl.io.plainwriter import write_plain_workbook
from learnworks_xl.sample import sample_data
from learnworks_xl.workbook.build import build_workbook
from learnworks_xl.xl import buttons
from learnworks_xl.xl.formsplan import FORMS_DIR, INBOX_DIR
from tests.formfill import FormFiller
from tests.vbareplay import replay_file
from tests.xlpress import message, press

SCHOOL = "BK02"
SENT = (sh.WORKS.name, sh.RESULT_REPORTS.name)


def _without_school(data: dict[str, Any]) -> dict[str, Any]:
    for name in SENT:
        data[name] = [r for r in data[name] if r["school_code"] != SCHOOL]
    return data


@pytest.fixture(params=["plain", "built"])
def office(request: pytest.FixtureRequest, tmp_path: Path) -> Path:
    """The office workbook before BK02 sent its works and result report."""
    data = _without_school(sample_data())
    if request.param == "plain":
        return write_plain_workbook(data, tmp_path / "office.xlsx")
    return build_workbook(tmp_path / "office.xlsm", data=data)


def _press(name: str, path: Path, out: Path | None = None) -> list[dict[str, Any]]:
    actions = press(name, path)
    if out is not None:
        replay_file(path, actions, out)
    return actions


def _rows(path: Path, name: str) -> list[str]:
    table = next(t for t in api.validate(path).parsed.tables() if t.spec.name == name)
    return sorted(m.model_dump_json() for m in table.valid)


@pytest.fixture
def returned(office: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
             fill_form: Callable[..., Path]) -> Path:
    """BK02's form made by the button, filled with the sample's rows, in the inbox."""
    out = tmp_path / "out"
    monkeypatch.setenv(buttons.ENV_OUTPUT_DIR, str(out))
    actions = _press("school_forms", office)
    assert [a["func"] for a in actions] == ["runMacro"]
    assert message(actions)[0].startswith(f"สร้างแบบฟอร์มแล้ว 5 ฉบับ ที่โฟลเดอร์ {out / FORMS_DIR}")
    form = next((out / FORMS_DIR).glob(f"*{SCHOOL}*.xlsx"))
    sample = sample_data()
    rows = {name: [r for r in sample[name] if r["school_code"] == SCHOOL] for name in SENT}
    (out / INBOX_DIR).mkdir()
    return fill_form(form, rows, name=str(Path("out") / INBOX_DIR / form.name))


def test_forms_collect_equals_file_path(office: Path, returned: Path, tmp_path: Path) -> None:
    live = tmp_path / ("live" + office.suffix)
    actions = _press("collect", office, live)
    filed = api.collect(office, [returned], out=tmp_path / "filed.xlsx")
    assert filed.out is not None
    sample = write_plain_workbook(sample_data(), tmp_path / "sample.xlsx")
    for name in SENT:
        assert _rows(live, name) == _rows(filed.out, name) == _rows(sample, name), name
    text, _title, mode = message(actions)
    assert f"รวมข้อมูลลงในสมุดงานนี้แล้ว (ชีต «{sh.WORKS.name}», «{sh.RESULT_REPORTS.name}»)" in text
    assert mode == "info"
    assert api.validate(live).report.valid


def test_forms_collect_twice_changes_nothing(office: Path, returned: Path,
                                             tmp_path: Path) -> None:
    live = tmp_path / ("live" + office.suffix)
    _press("collect", office, live)
    again = _press("collect", live)
    assert [a["func"] for a in again] == ["runMacro"]
    assert message(again)[0].endswith("ไม่มีข้อมูลเปลี่ยนแปลง สมุดงานนี้ไม่ถูกแก้ไข")


def test_forms_collect_foreign_file_changes_nothing(office: Path, returned: Path,
                                                   tmp_path: Path) -> None:
    returned.unlink()
    (returned.parent / "ไม่ใช่แบบฟอร์ม.xlsx").write_bytes(office.read_bytes())
    actions = _press("collect", office)
    assert [a["func"] for a in actions] == ["runMacro"]
    assert message(actions)[2] == "critical"


def test_forms_collect_empty_inbox(office: Path, tmp_path: Path,
                                   monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(buttons.ENV_OUTPUT_DIR, str(tmp_path / "nowhere"))
    actions = _press("collect", office)
    assert message(actions)[:2] == [
        f"ไม่พบแบบฟอร์มที่ส่งกลับในโฟลเดอร์ {tmp_path / 'nowhere' / INBOX_DIR} กรุณาวางไฟล์แบบฟอร์ม"
        "ของโรงเรียน (.xlsx) ไว้ที่นั่นแล้วกดปุ่มอีกครั้ง", "รวบรวมแบบฟอร์มโรงเรียน"]


def _values(path: Path) -> dict[str, dict[tuple[int, int], Any]]:
    import openpyxl

    wb = openpyxl.load_workbook(path)
    return {ws.title: {(c.row, c.column): c.value for row in ws.iter_rows() for c in row
                       if c.value is not None} for ws in wb.worksheets}


@pytest.mark.parametrize("broken", [False, True], ids=["sample", "broken"])
def test_forms_out_equal_file_path(broken: bool, office: Path, tmp_path: Path,
                                   monkeypatch: pytest.MonkeyPatch) -> None:
    if broken:
        from test_xl_buttons import broken_data

        office = build_workbook(tmp_path / "broken.xlsm", data=broken_data())
    monkeypatch.setenv(buttons.ENV_OUTPUT_DIR, str(tmp_path / "out"))
    _press("school_forms", office)
    filed = api.school_forms(office, tmp_path / "filed")
    made = sorted((tmp_path / "out" / FORMS_DIR).glob("*.xlsx"))
    assert [p.name for p in made] == sorted(p.name for p in filed.written)
    assert made
    for path in made:
        assert _values(path) == _values(tmp_path / "filed" / path.name), path.name


@pytest.mark.parametrize("kind", ["plain", "built"])
def test_forms_collect_one_new_purchase_keeps_the_rest(kind: str, tmp_path: Path,
                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    """The issue's case through the buttons: BK04's form (made by the button, prefilled)
    comes back with only its new July purchase; the live book gains that row and keeps
    every other, and the alert lists each sheet's counts."""
    data = sample_data()
    office = (write_plain_workbook(data, tmp_path / "office.xlsx") if kind == "plain"
              else build_workbook(tmp_path / "office.xlsm", data=data))
    out = tmp_path / "out"
    monkeypatch.setenv(buttons.ENV_OUTPUT_DIR, str(out))
    _press("school_forms", office)
    form = out / FORMS_DIR / "แบบฟอร์มโรงเรียน-BK04-2569.xlsx"
    july = {"school_code": "BK04", "date": date(2026, 7, 3), "item": "กระดาษโฟโต้ A4",
            "quantity": Decimal(2), "unit": "แพ็ค", "unit_price": Decimal(150),
            "amount": Decimal(300), "method": "วิธีเฉพาะเจาะจง", "doc_no": "BK04-69/007"}
    FormFiller(form).append(sh.PURCHASES.name, july).save(out / INBOX_DIR / form.name)
    live = tmp_path / ("live" + office.suffix)
    actions = _press("collect", office, live)
    assert message(actions)[0].splitlines()[:-1] == [
        "แบบฟอร์มโรงเรียน-BK04-2569.xlsx (BK04 โรงเรียนตัวอย่างคลองถนน (ชื่อสมมติ)): รวบรวมแล้ว",
        "  «แผนกิจกรรมโรงเรียน»: เพิ่มใหม่ 0, แก้ไข 0, เหมือนเดิม 2, คงไว้ 0, ลบ 0",
        "  «การใช้จ่าย»: เพิ่มใหม่ 1, แก้ไข 0, เหมือนเดิม 6, คงไว้ 0, ลบ 0",
        "  «ผลงานนักเรียน»: เพิ่มใหม่ 0, แก้ไข 0, เหมือนเดิม 3, คงไว้ 0, ลบ 0",
        "  «รายงานผลโรงเรียน»: เพิ่มใหม่ 0, แก้ไข 0, เหมือนเดิม 1, คงไว้ 0, ลบ 0",
        "แบบฟอร์ม 1 ฉบับ: รวบรวมแล้ว 1, ไม่เปลี่ยนแปลง 0, ไม่ได้รวบรวม 0",
        "คงไว้ = ข้อมูลเดิมของโรงเรียนที่แบบฟอร์มไม่ได้ส่งมา ระบบเก็บไว้ตามเดิม; "
        "ลบ = เฉพาะแถวที่โรงเรียนพิมพ์คำว่า ลบ ในช่อง «ขอลบรายการนี้»",
        "รวมข้อมูลลงในสมุดงานนี้แล้ว (ชีต «การใช้จ่าย»)",
    ]
    expected = input_data(api.validate(office).parsed)
    expected[sh.PURCHASES.name].insert(24, july)
    assert input_data(api.validate(live).parsed) == expected
