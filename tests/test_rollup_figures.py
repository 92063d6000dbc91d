"""``learnworks rollup``: each district's and the city's figures, against figures worked out by
hand and by an independent computation in the test (:mod:`tests.rollupkit`)."""

from __future__ import annotations

import importlib.util
import sys
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest
from click.testing import CliRunner

from learnworks_xl import api
from learnworks_xl.cli import cli
from learnworks_xl.core import sheets as sh
from learnworks_xl.core.districts import DISTRICTS
from tests.rollupkit import (
    AS_OF,
    MONTH,
    ByHand,
    by_hand,
    district,
    drop_schools,
    table,
    unselect_one,
    write,
)

ROOT = Path(__file__).resolve().parents[1]
NOW = datetime(2026, 8, 3, 9)
HEADERS = ["สำนักงานเขต", "จำนวนโรงเรียน", "โรงเรียนผ่านเกณฑ์", "ตัวชี้วัด (ร้อยละ)",
           "งบประมาณที่ได้รับจัดสรร (บาท)", "ใช้จ่าย (บาท)", "ร้อยละการเบิกจ่าย",
           "ความก้าวหน้าตามแผน (ร้อยละ)", "ความก้าวหน้าจริง (ร้อยละ)", "สถานะ", "ข้อผิดพลาด",
           "คำเตือน"]


def three(folder: Path) -> Path:
    """The acceptance's three districts: the sample renamed; in ดอนเมือง, BK03 selects one
    work fewer than its quota of 2 and fails the KPI."""
    write(folder, "บางเขน.xlsx", district("บางเขน"))
    write(folder, "ดอนเมือง.xlsx", unselect_one(district("ดอนเมือง"), "BK03"))
    write(folder, "จตุจักร.xlsx", district("จตุจักร"))
    return folder


def test_rollup_three_districts_by_hand(tmp_path: Path) -> None:
    """By hand, each sample district as of 31 ก.ค. 2569: 2 × 15,100 + 3 × 13,100 = 69,500
    allocated, 67,342.00 spent (67,342 ÷ 69,500 = 96.89 %), the plan at 90 % of 90 %; all 5
    schools meet the KPI, 4 in ดอนเมือง (4 ÷ 5 = 80 %). The city: 15 schools, 14 meeting,
    14 ÷ 15 = 93.33 % (target 95: ไม่ผ่าน), 208,500 allocated, 202,026 spent (96.89 %)."""
    out = tmp_path / "กรุงเทพมหานคร.xlsx"
    result = CliRunner().invoke(cli, ["rollup", str(three(tmp_path / "in")), "-o", str(out),
                                      "--month", MONTH], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    assert table(out, "สรุปรายเขต", "สำนักงานเขต") == [
        HEADERS,
        ["บางเขน", 5, 5, 100, 69500, 67342, 96.89, 90, 90, "เป็นไปตามแผน", 0, 0],
        ["จตุจักร", 5, 5, 100, 69500, 67342, 96.89, 90, 90, "เป็นไปตามแผน", 0, 0],
        ["ดอนเมือง", 5, 4, 80, 69500, 67342, 96.89, 90, 90, "เป็นไปตามแผน", 0, 1],
        ["รวม", 15, 14, 93.33, 208500, 202026, 96.89, 90, 90, "เป็นไปตามแผน", 0, 1],
    ]
    lines = result.stdout.splitlines()
    assert lines == [
        f"สร้างสมุดงานสรุปภาพรวมกรุงเทพมหานครแล้ว: {out}",
        "ปีงบประมาณ พ.ศ. 2569 เดือนที่รายงาน: กรกฎาคม 2569 (ข้อมูล ณ วันที่ 31 ก.ค. 2569)",
        "สำนักงานเขตที่ส่งข้อมูล: 3 จาก 50 เขต โรงเรียน 15 โรงเรียน",
        "ตัวชี้วัด: ร้อยละ 93.33 (เป้าหมาย ร้อยละ 95) ไม่ผ่าน – โรงเรียนผ่านเกณฑ์ 14 จาก 15 โรงเรียน",
        "งบประมาณ: จัดสรร 208,500.00 บาท ใช้จ่าย 202,026.00 บาท (เบิกจ่ายร้อยละ 96.89)",
        "ไฟล์ 3 ไฟล์: ใช้ข้อมูล 3 (ฉบับร่าง 0), ไม่ใช้เพราะมีไฟล์ที่ใหม่กว่า 0, ไม่ใช้ 0",
        "ยังไม่ได้รับข้อมูล 47 เขต (ดูชีต «สถานะการส่งข้อมูล»)",
    ]
    schools = table(out, "โรงเรียนทั้งหมด", "สำนักงานเขต")
    failing = [r[:3] + r[6:10] for r in schools[1:] if r[9] == "ไม่ผ่านเกณฑ์"]
    assert failing == [["ดอนเมือง", "BK03", "โรงเรียนตัวอย่างท่าแร้ง (ชื่อสมมติ)", 2, 1, "ครบถ้วน",
                        "ไม่ผ่านเกณฑ์"]]


def _varied(folder: Path) -> dict[str, dict[str, Any]]:
    """Four districts unlike each other: the sample; three schools only; a purchase after
    the month and an incomplete report; a school short of works."""
    late = district("ห้วยขวาง")
    late[sh.PURCHASES.name][0]["date"] = date(2026, 8, 5)
    next(r for r in late[sh.RESULT_REPORTS.name] if r["school_code"] == "BK02")["complete"] = False
    data = {
        "พระนคร": district("พระนคร"),
        "สาทร": drop_schools(district("สาทร"), "BK04", "BK05"),
        "ห้วยขวาง": late,
        "บางบอน": unselect_one(district("บางบอน"), "BK01"),
    }
    for name, d in data.items():
        write(folder, f"{name}.xlsx", d)
    return data


def _city(hands: list[ByHand]) -> ByHand:
    return ByHand(sum(h.schools for h in hands), sum(h.met for h in hands),
                  sum((h.allocated for h in hands), Decimal(0)),
                  sum((h.spent for h in hands), Decimal(0)), sum(h.works for h in hands))


def test_rollup_figures_against_an_independent_computation(tmp_path: Path) -> None:
    data = _varied(tmp_path / "in")
    result = api.rollup([tmp_path / "in"], tmp_path / "out.xlsx", month=MONTH, now=NOW)
    hands = {name: by_hand(d) for name, d in data.items()}
    assert [d.district for d in result.rollup.districts] == ["พระนคร", "ห้วยขวาง", "สาทร",
                                                             "บางบอน"]  # the BMA's order
    for d in result.rollup.districts:
        h = hands[d.district]
        assert (len(d.schools), d.met, d.kpi, d.allocated, d.spent, d.disbursed,
                d.works_selected) == (h.schools, h.met, h.kpi, h.allocated, h.spent,
                                      h.disbursed, h.works), d.district
    city = _city(list(hands.values()))
    r = result.rollup
    assert (r.school_count, r.met, r.kpi, r.allocated, r.spent, r.disbursed,
            r.works_selected) == (city.schools, city.met, city.kpi, city.allocated, city.spent,
                                  city.disbursed, city.works)
    rows = table(tmp_path / "out.xlsx", "สรุปรายเขต", "สำนักงานเขต")[1:]
    expected = [[name, h.schools, h.met, float(h.kpi), float(h.allocated), float(h.spent),
                 float(h.disbursed)] for name, h in
                [(d.district, hands[d.district]) for d in r.districts] + [("รวม", city)]]
    assert [[row[0], *[float(x) if isinstance(x, int | float) else x for x in row[1:7]]]
            for row in rows] == expected
    # by hand: 5 + 3 + 5 + 5 schools; BK02 of ห้วยขวาง (report) and BK01 of บางบอน (works)
    # fail: 16 ÷ 18 × 100 = 88.89
    assert (city.schools, city.met, city.kpi) == (18, 16, Decimal("88.89"))


def test_rollup_city_summary_sheet(tmp_path: Path) -> None:
    out = tmp_path / "out.xlsx"
    api.rollup([three(tmp_path / "in")], out, month=MONTH, now=NOW)
    rows = {r[0]: r[1] for r in table(out, "สรุปภาพรวม", "สำนักงานเขตที่ส่งข้อมูล")}
    assert rows == {"สำนักงานเขตที่ส่งข้อมูล": "3 จาก 50 เขต",
                    "ฉบับร่าง (ข้อมูลยังมีข้อผิดพลาด)": "0 เขต",
                    "ไฟล์ที่ไม่ได้นำมารวม": "0 ไฟล์ (ดูชีต «สถานะการส่งข้อมูล»)"}
    money = {r[0]: r[1] for r in table(out, "สรุปภาพรวม", "จำนวนโรงเรียน")}
    assert money == {"จำนวนโรงเรียน": "15 โรงเรียน", "งบประมาณที่ได้รับอนุมัติ (บาท)": 208500,
                     "งบประมาณที่ได้รับจัดสรร (บาท)": 208500, "ใช้จ่าย (บาท)": 202026,
                     "คงเหลือ (บาท)": 6474, "ร้อยละการเบิกจ่าย": 96.89}
    kpi = {r[0]: r[1] for r in table(out, "สรุปภาพรวม", "โรงเรียนทั้งหมด")}
    assert kpi == {"โรงเรียนทั้งหมด": "15 โรงเรียน", "โรงเรียนที่ผ่านเกณฑ์": "14 โรงเรียน",
                   "ผลการดำเนินงาน (ร้อยละ)": 93.33, "ค่าเป้าหมาย (ร้อยละ)": "95",
                   "ผลการประเมินตัวชี้วัด": "ไม่ผ่าน"}
    works = {r[0]: r[1] for r in table(out, "สรุปภาพรวม", "ผลงานที่คัดสรรส่ง")}
    assert works == {"ผลงานที่คัดสรรส่ง": "35 จาก 36 ผลงาน",
                     "รายงานผลที่ได้รับ": "15 จาก 15 โรงเรียน (ครบถ้วน 15)"}


def test_rollup_kpi_targets_that_differ(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    write(folder, "a.xlsx", district("บางเขน"))
    write(folder, "b.xlsx", district("บางนา", kpi_target=Decimal(90)))
    out = tmp_path / "out.xlsx"
    result = api.rollup([folder], out, month=MONTH, now=NOW)
    assert result.rollup.kpi_target is None and result.rollup.kpi_passed is None
    kpi = {r[0]: r[1] for r in table(out, "สรุปภาพรวม", "โรงเรียนทั้งหมด")}
    assert kpi["ค่าเป้าหมาย (ร้อยละ)"] == "แตกต่างกันรายเขต: 90, 95"
    assert kpi["ผลการประเมินตัวชี้วัด"] == "ประเมินไม่ได้ (ค่าเป้าหมายแตกต่างกันรายเขต ดูชีต «สรุปรายเขต»)"


@pytest.fixture(scope="module")
def bench_generate() -> ModuleType:
    spec = importlib.util.spec_from_file_location("bench_gen_r", ROOT / "bench" / "generate.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


def test_rollup_fifty_districts(tmp_path: Path, bench_generate: ModuleType) -> None:
    """The 50 districts as the benchmark grows them (smaller: 1 to 3 schools each, the same
    school codes everywhere), every tenth with two bad cells: all 50 rolled up, five as
    drafts, each district's and the city's figures as computed independently (a draft's bad
    rows left out by hand: its first purchase and its second work)."""
    folder = tmp_path / "in"
    folder.mkdir()
    hands: list[ByHand] = []
    for i, name in enumerate(DISTRICTS):
        errors = i % 10 == 9
        data = bench_generate.district_data(i, 1 + i % 3, errors=errors)
        write(folder, f"{i + 1:02d}-{name}.xlsx", data)
        if errors:
            del data[sh.PURCHASES.name][0], data[sh.WORKS.name][1]
        hands.append(by_hand(data, AS_OF))
    result = api.rollup([folder], tmp_path / "bkk.xlsx", month=MONTH, now=NOW)
    r = result.rollup
    assert [d.district for d in r.districts] == list(DISTRICTS) and r.missing == ()
    assert [d.district for d in r.drafts] == [DISTRICTS[i] for i in (9, 19, 29, 39, 49)]
    assert not result.ok
    for d, h in zip(r.districts, hands, strict=True):
        assert (len(d.schools), d.met, d.kpi, d.allocated, d.spent) == (
            h.schools, h.met, h.kpi, h.allocated, h.spent), d.district
    city = _city(hands)
    assert (r.school_count, r.met, r.kpi, r.allocated, r.spent, r.disbursed) == (
        city.schools, city.met, city.kpi, city.allocated, city.spent, city.disbursed)
    assert city.schools == 99  # 17 × 1 + 17 × 2 + 16 × 3
    rows = table(tmp_path / "bkk.xlsx", "สรุปรายเขต", "สำนักงานเขต")
    assert len(rows) == 52 and rows[-1][:3] == ["รวม", city.schools, city.met]

