"""The roll-up workbook's hidden sheet ``ข้อมูลเว็บไซต์``: the whole roll-up written and read
back by header title (pure, and through the file), and a damaged sheet refused in Thai."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from learnworks_xl import api
from learnworks_xl.core.grid import RawSheet
from learnworks_xl.core.rollup import Rollup
from learnworks_xl.core.rollup.data import DATA, MARKER, RollupDataError, data_rows, read_data
from learnworks_xl.io.reader import read_workbook
from tests.citykit import NOW
from tests.rollupkit import MONTH
from tests.test_rollup_workbook import every_status


@pytest.fixture(scope="module")
def rolled(tmp_path_factory: pytest.TempPathFactory) -> tuple[Rollup, Path]:
    base = tmp_path_factory.mktemp("data")
    result = api.rollup([every_status(base / "in")], base / "bkk.xlsx", month=MONTH, now=NOW)
    return result.rollup, result.out


def sheet(rows: list[list[Any]]) -> RawSheet:
    return RawSheet(DATA, [list(r) for r in rows])


def test_rollup_data_round_trip_pure(rolled: tuple[Rollup, Path]) -> None:
    rollup, _out = rolled
    assert read_data(sheet(data_rows(rollup))) == rollup


def test_rollup_data_round_trip_file(rolled: tuple[Rollup, Path]) -> None:
    """Every status of ``every_status`` (used, draft, replaced, refused), a draft's first
    errors, dates and amounts come back equal from the written workbook."""
    rollup, out = rolled
    back = read_data(read_workbook(out).sheets[DATA])
    assert back == rollup
    assert [f.status for f in back.files] == [
        "accepted", "accepted", "draft", "replaced", "refused", "refused"]
    assert back.drafts[0].first_errors == rollup.drafts[0].first_errors != ()


def _damage(rows: list[list[Any]], table: str, title: str, value: Any) -> tuple[int, int]:
    start = next(i for i, r in enumerate(rows) if r == [table])
    col = rows[start + 1].index(title)
    rows[start + 2][col] = value
    return start + 3, col


@pytest.mark.parametrize(("table", "title", "value", "message"), [
    ("สำนักงานเขต", "ใช้จ่าย (บาท)", "มาก",
     "ชีต «ข้อมูลเว็บไซต์» ช่อง {cell}: «ใช้จ่าย (บาท)» 'มาก' ไม่ใช่ตัวเลข"),
    ("โรงเรียน", "ผลงานที่คัดสรรส่ง", 2.5,
     "ชีต «ข้อมูลเว็บไซต์» ช่อง {cell}: «ผลงานที่คัดสรรส่ง» '2.5' ไม่ใช่จำนวนเต็ม"),
    ("โรงเรียน", "ผ่านเกณฑ์", None, "ชีต «ข้อมูลเว็บไซต์» ช่อง {cell}: «ผ่านเกณฑ์» ว่าง"),
    ("สำนักงานเขต", "สำนักงานเขต", "แอตแลนติส",
     "ชีต «ข้อมูลเว็บไซต์»: ตาราง «สำนักงานเขต» ไม่รู้จักสำนักงานเขต 'แอตแลนติส'"),
])
def test_rollup_data_damaged_value(rolled: tuple[Rollup, Path], table: str, title: str,
                                   value: Any, message: str) -> None:
    rows = data_rows(rolled[0])
    row, col = _damage(rows, table, title, value)
    with pytest.raises(RollupDataError) as caught:
        read_data(sheet(rows))
    assert caught.value.message_th == message.format(cell=f"{chr(ord('A') + col)}{row}")


@pytest.mark.parametrize(("rows", "message"), [
    ([["อื่น"]], "ชีต «ข้อมูลเว็บไซต์» ไม่ใช่ข้อมูลของ learnworks rollup รุ่นนี้ "
                 "(ช่อง A1 ต้องเป็นข้อความที่โปรแกรมเขียนไว้)"),
    ([[MARKER]], "ชีต «ข้อมูลเว็บไซต์» ไม่มีตาราง «รอบการรวบรวม»"),
])
def test_rollup_data_not_the_sheet(rows: list[list[Any]], message: str) -> None:
    with pytest.raises(RollupDataError) as caught:
        read_data(sheet(rows))
    assert caught.value.message_th == message


def test_rollup_data_missing_title(rolled: tuple[Rollup, Path]) -> None:
    rows = data_rows(rolled[0])
    start = next(i for i, r in enumerate(rows) if r == ["ผลงาน"])
    rows[start + 1] = [t if t != "ลิงก์ผลงาน" else "ลิงก์" for t in rows[start + 1]]
    with pytest.raises(RollupDataError) as caught:
        read_data(sheet(rows))
    assert caught.value.message_th == (
        f"ชีต «ข้อมูลเว็บไซต์» ช่อง A{start + 2}: ตาราง «ผลงาน» ไม่มีหัวข้อ «ลิงก์ผลงาน»")
