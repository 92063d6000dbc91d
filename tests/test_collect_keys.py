"""Collect merges by key: a form with one new row adds it and drops nothing; a changed row is
updated in place; a row left out is kept; only a row marked ลบ is removed.

The office is the whole sample (every school's rows); the forms are the ones the office
sends (prefilled with each school's rows), filled as a school would (:mod:`tests.formfill`).
"""

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
from learnworks_xl.forms.jobs import CollectResult
from tests.formfill import FormFiller

ROOT = Path(__file__).resolve().parent
V1_FORM = ROOT / "fixtures" / "แบบฟอร์มโรงเรียน-BK04-2569-v1.xlsx"
BK01 = "BK01 โรงเรียนตัวอย่างวัดบางเขน (ชื่อสมมติ)"
BK04 = "BK04 โรงเรียนตัวอย่างคลองถนน (ชื่อสมมติ)"
NOTE = ("คงไว้ = ข้อมูลเดิมของโรงเรียนที่แบบฟอร์มไม่ได้ส่งมา ระบบเก็บไว้ตามเดิม; "
        "ลบ = เฉพาะแถวที่โรงเรียนพิมพ์คำว่า ลบ ในช่อง «ขอลบรายการนี้»")
P, W, A, R = sh.PURCHASES.name, sh.WORKS.name, sh.ACTIVITIES.name, sh.RESULT_REPORTS.name

#: BK04's new purchase in July 2569 (the issue's case): 2 × 150 = 300 บาท.
JULY = {"school_code": "BK04", "date": date(2026, 7, 3), "item": "กระดาษโฟโต้ A4",
        "quantity": Decimal(2), "unit": "แพ็ค", "unit_price": Decimal(150),
        "amount": Decimal(300), "method": "วิธีเฉพาะเจาะจง", "doc_no": "BK04-69/007"}
#: BK01 has 80 บาท left (15,100 − 15,020): its new purchase is 2 × 35 = 70 บาท.
BK01_NEW = {**JULY, "school_code": "BK01", "unit_price": Decimal(35), "amount": Decimal(70),
            "doc_no": "BK01-69/007"}


@pytest.fixture
def forms(sample_path: Path, tmp_path: Path) -> list[Path]:
    """The forms the office sends: prefilled with each school's rows of the sample."""
    return api.school_forms(sample_path, tmp_path / "forms").written


def collect(office: Path, *forms: Path, out: str = "merged.xlsx") -> CollectResult:
    return api.collect(office, list(forms), out=office.with_name(out))


def data_of(path: Path) -> dict[str, Any]:
    return input_data(api.validate(path).parsed)


def sheet_lines(a: str, p: str, w: str, r: str) -> list[str]:
    return [f"  «แผนกิจกรรมโรงเรียน»: {a}", f"  «การใช้จ่าย»: {p}", f"  «ผลงานนักเรียน»: {w}",
            f"  «รายงานผลโรงเรียน»: {r}"]


def counts(added: int = 0, updated: int = 0, unchanged: int = 0, kept: int = 0,
           removed: int = 0) -> str:
    return (f"เพิ่มใหม่ {added}, แก้ไข {updated}, เหมือนเดิม {unchanged}, คงไว้ {kept}, "
            f"ลบ {removed}")


def test_collect_keys_one_new_purchase_drops_nothing(sample_path: Path, forms: list[Path],
                                                     tmp_path: Path) -> None:
    """The acceptance case: BK04 returns its form with only its new July purchase."""
    form = FormFiller(forms[3]).append(P, JULY).save(tmp_path / "returned" / forms[3].name)
    result = collect(sample_path, form)
    assert result.summary_lines() == [
        f"{form.name} ({BK04}): รวบรวมแล้ว",
        *sheet_lines(counts(unchanged=2), counts(added=1, unchanged=6), counts(unchanged=3),
                     counts(unchanged=1)),
        "แบบฟอร์ม 1 ฉบับ: รวบรวมแล้ว 1, ไม่เปลี่ยนแปลง 0, ไม่ได้รวบรวม 0",
        NOTE,
        f"เขียนสมุดงานที่รวบรวมแล้ว: {tmp_path / 'merged.xlsx'} (ไฟล์ sample.xlsx ไม่ถูกแก้ไข)",
    ]
    expected = data_of(sample_path)
    expected[P].insert(24, JULY)  # after BK04's sixth purchase, before BK05's
    assert data_of(result.out) == expected  # type: ignore[arg-type]


def test_collect_keys_old_form_with_new_rows_only(sample_path: Path, tmp_path: Path) -> None:
    """A version-1 form (made before forms were prefilled) returned with only the new rows:
    they are added and nothing the office has is dropped."""
    work = {"work_code": "BK04-W04", "school_code": "BK04", "title": "เกมฝึกคิดเลขเร็ว",
            "work_type": "เทคโนโลยีสารสนเทศ", "students": "ด.ช.ก (ชื่อสมมติ)", "grade": "ป.6",
            "selected": True, "submitted_on": date(2026, 7, 15)}
    form = FormFiller(V1_FORM).append(P, JULY).append(W, work).save(tmp_path / "v1.xlsx")
    result = collect(sample_path, form)
    assert result.summary_lines()[:5] == [
        f"v1.xlsx ({BK04}): รวบรวมแล้ว",
        *sheet_lines(counts(kept=2), counts(added=1, kept=6), counts(added=1, kept=3),
                     counts(kept=1))]
    expected = data_of(sample_path)
    expected[P].insert(24, JULY)
    expected[W].insert(14, {**{c.field: None for c in sh.WORKS.columns}, **work})
    assert data_of(result.out) == expected  # type: ignore[arg-type]


@pytest.mark.parametrize(("form_of", "code"), [("prefilled", "BK04"), ("old", "BK04"),
                                               ("prefilled", "bk04")])
def test_collect_keys_overspend_counts_the_office_rows(sample_path: Path, forms: list[Path],
                                                       tmp_path: Path, form_of: str,
                                                       code: str) -> None:
    """BK04 spent 12,434 of 13,100: a new purchase of 1,000 goes over — checked on the rows
    the school will have after the merge, also when the form holds only the new row, and
    whatever the case the school typed its code in."""
    base = forms[3] if form_of == "prefilled" else V1_FORM
    big = {**JULY, "quantity": Decimal(4), "unit_price": Decimal(250), "amount": Decimal(1000),
           "school_code": code}
    filler = FormFiller(base)
    row = filler.rows(P) + 4
    form = filler.append(P, big).save(tmp_path / "big.xlsx")
    result = collect(sample_path, form)
    assert result.merge.report.flat() == [(P, f"G{row}", "overspend"),
                                          ("big.xlsx", None, "form-has-errors")]
    assert result.merge.report.findings[0].message == (
        "โรงเรียนตัวอย่างคลองถนน (ชื่อสมมติ) (BK04) ใช้จ่ายสะสมถึงรายการนี้ "
        "13,434.00 บาท เกินงบที่ได้รับจัดสรร 13,100.00 บาท")
    assert result.out is None


def test_collect_keys_edit_updates_in_place_and_left_out_is_kept(
        sample_path: Path, forms: list[Path], tmp_path: Path) -> None:
    """BK03 corrects its first work's title and deletes its third work from the form: the
    first is updated where it stands, the third is kept."""
    form = (FormFiller(forms[2]).edit(W, 0, title="ผลงานฉบับแก้ไข").delete(W, 2)
            .save(tmp_path / "bk03.xlsx"))
    result = collect(sample_path, form)
    assert result.outcomes[0].lines()[1:] == sheet_lines(
        counts(unchanged=2), counts(unchanged=6), counts(updated=1, unchanged=1, kept=1),
        counts(unchanged=1))
    expected = data_of(sample_path)
    expected[W][8] = {**expected[W][8], "title": "ผลงานฉบับแก้ไข"}
    assert data_of(result.out) == expected  # type: ignore[arg-type]


def test_collect_keys_removal_on_request_only(sample_path: Path, forms: list[Path],
                                              tmp_path: Path) -> None:
    """BK01 types ลบ on its second purchase: that row goes, the other five stay. Collecting
    the same form again changes nothing and says the row is no longer there."""
    form = FormFiller(forms[0]).remove(P, 1).save(tmp_path / "bk01.xlsx")
    result = collect(sample_path, form)
    assert result.outcomes[0].lines()[2] == f"  «การใช้จ่าย»: {counts(unchanged=5, removed=1)}"
    expected = data_of(sample_path)
    del expected[P][1]
    assert result.out is not None
    assert data_of(result.out) == expected
    again = collect(result.out, form, out="again.xlsx")
    assert [o.status for o in again.outcomes] == ["unchanged"]
    assert again.out is None
    assert again.merge.report.flat() == [(P, "J5", "form-remove-unknown")]
    assert again.summary_lines()[1:7] == [
        *sheet_lines(counts(unchanged=2), counts(unchanged=5), counts(unchanged=4),
                     counts(unchanged=1)),
        "  - «การใช้จ่าย» ช่อง J5: ขอลบรายการที่ «เลขที่เอกสาร» 'BK01-69/002' แต่ไม่พบรายการนี้"
        "ของโรงเรียนในสมุดงาน (อาจลบไปแล้ว) จึงไม่มีรายการใดถูกลบ",
        "แบบฟอร์ม 1 ฉบับ: รวบรวมแล้ว 0, ไม่เปลี่ยนแปลง 1, ไม่ได้รวบรวม 0",
    ]


@pytest.mark.parametrize("word", ["x", "ลบออก", "ใช่"])
def test_collect_keys_removal_needs_the_exact_word(sample_path: Path, forms: list[Path],
                                                   tmp_path: Path, word: str) -> None:
    form = FormFiller(forms[0]).remove(P, 1, word).save(tmp_path / "bk01.xlsx")
    result = collect(sample_path, form)
    assert result.merge.report.flat() == [(P, "J5", "form-remove-mark"),
                                          ("bk01.xlsx", None, "form-has-errors")]
    assert result.merge.report.findings[0].message == (
        f"ช่อง «ขอลบรายการนี้» พิมพ์ได้เฉพาะคำว่า ลบ (พบ '{word}') "
        "ถ้าไม่ต้องการให้ลบรายการนี้ให้เว้นว่าง")


def test_collect_keys_same_changes_twice_change_nothing(sample_path: Path, forms: list[Path],
                                                        tmp_path: Path) -> None:
    """A form that adds, updates and removes, collected twice in one batch and once more on
    the merged workbook: only the first time changes anything."""
    form = (FormFiller(forms[0]).append(P, BK01_NEW)
            .edit(A, 0, planned_budget=Decimal(8000)).remove(W, 3).save(tmp_path / "f.xlsx"))
    first = collect(sample_path, form, form)
    assert [o.status for o in first.outcomes] == ["changed", "unchanged"]
    assert first.outcomes[0].lines()[1:] == sheet_lines(
        counts(updated=1, unchanged=1), counts(added=1, unchanged=6),
        counts(unchanged=3, removed=1), counts(unchanged=1))
    assert first.out is not None
    again = collect(first.out, form, out="again.xlsx")
    assert [o.status for o in again.outcomes] == ["unchanged"] and again.out is None


def test_collect_keys_purchase_needs_its_document_number(sample_path: Path, forms: list[Path],
                                                         tmp_path: Path) -> None:
    form = FormFiller(forms[3]).append(P, {**JULY, "doc_no": None}).save(tmp_path / "f.xlsx")
    result = collect(sample_path, form)
    assert result.merge.report.flat() == [(P, "I10", "form-key-missing"),
                                          ("f.xlsx", None, "form-has-errors")]
    assert result.merge.report.findings[0].message == (
        "กรุณากรอก «เลขที่เอกสาร» ของรายการนี้ ระบบใช้เลขที่เอกสารจับคู่รายการกับข้อมูลเดิม"
        "ของโรงเรียน รายการใหม่หรือรายการที่แก้ไขจึงต้องมีเลขที่เอกสาร")


@pytest.fixture
def keyless(sample_dict: dict[str, Any], make_workbook: Callable[..., Path]) -> Path:
    """The sample where the office typed BK01's purchases without เลขที่เอกสาร."""
    for row in sample_dict[P]:
        if row["school_code"] == "BK01":
            row["doc_no"] = None
    return make_workbook(sample_dict, "keyless.xlsx")


def test_collect_keys_keyless_office_rows(keyless: Path, tmp_path: Path) -> None:
    """Prefilled rows without a key, returned as they were, are unchanged; a key typed into
    one of them updates that row (no second copy); an edit without a key is refused."""
    form = api.school_forms(keyless, tmp_path / "forms").written[0]
    same = collect(keyless, FormFiller(form).append(P, BK01_NEW).save(tmp_path / "a.xlsx"))
    assert same.outcomes[0].sheets[P].text() == counts(added=1, unchanged=6)
    filled = collect(keyless, FormFiller(form).edit(P, 0, doc_no="BK01-69/001")
                     .save(tmp_path / "b.xlsx"), out="b-merged.xlsx")
    assert filled.outcomes[0].sheets[P].text() == counts(updated=1, unchanged=5)
    assert [r["doc_no"] for r in data_of(filled.out)[P][:6]] == [  # type: ignore[arg-type]
        "BK01-69/001", None, None, None, None, None]
    edited = collect(keyless, FormFiller(form).edit(P, 1, quantity=3, amount=2670)
                     .save(tmp_path / "c.xlsx"), out="c-merged.xlsx")
    assert edited.merge.report.flat() == [(P, "I5", "form-key-missing"),
                                          ("c.xlsx", None, "form-has-errors")]


def test_collect_keys_repeated_key_in_form(sample_path: Path, forms: list[Path],
                                           tmp_path: Path) -> None:
    """A new row with the key of a prefilled row is not a silent update of that row."""
    form = FormFiller(forms[3]).append(P, {**JULY, "doc_no": "BK04-69/001"}).save(
        tmp_path / "f.xlsx")
    result = collect(sample_path, form)
    assert result.merge.report.flat() == [(P, "I10", "duplicate-key"),
                                          ("f.xlsx", None, "form-has-errors")]
    assert result.merge.report.findings[0].message == (
        "«เลขที่เอกสาร» 'BK04-69/001' ซ้ำกับที่กรอกไว้แล้วที่ช่อง I4")


def test_collect_keys_ambiguous_office_key(sample_dict: dict[str, Any],
                                           make_workbook: Callable[..., Path],
                                           tmp_path: Path) -> None:
    """The office has two BK01 purchases under one document number: returned as they were
    they are unchanged; one of them deleted and the other edited is refused (which one?)."""
    sample_dict[P][1]["doc_no"] = "BK01-69/001"
    office = make_workbook(sample_dict, "office.xlsx")
    form = api.school_forms(office, tmp_path / "forms").written[0]
    untouched = collect(office, form)
    assert [o.status for o in untouched.outcomes] == ["unchanged"]
    edited = FormFiller(form).delete(P, 1).edit(P, 0, quantity=12, amount=1500).save(
        tmp_path / "e.xlsx")
    result = collect(office, edited, out="e-merged.xlsx")
    assert result.merge.report.flat() == [(P, "I4", "form-key-ambiguous"),
                                          ("e.xlsx", None, "form-has-errors")]
    assert result.merge.report.findings[0].message == (
        "«เลขที่เอกสาร» 'BK01-69/001' ตรงกับข้อมูลเดิมของโรงเรียนในสมุดงาน 2 แถว จึงไม่ทราบว่า"
        "หมายถึงแถวใด กรุณาให้สำนักงานเขตแก้ «เลขที่เอกสาร» ในสมุดงานให้ไม่ซ้ำกันก่อน")


def test_collect_keys_activity_and_report_keys(sample_path: Path, forms: list[Path],
                                               tmp_path: Path) -> None:
    """An activity is known by its name, a report by its date: a changed budget or count
    updates; a report of another date is a new one (the first is kept)."""
    interim = {"school_code": "BK02", "submitted_on": date(2026, 3, 31), "participants": 40,
               "summary": "รายงานระหว่างดำเนินการ", "complete": False}
    form = (FormFiller(forms[1]).edit(A, 1, planned_budget=Decimal(6900))
            .edit(R, 0, participants=110).append(R, interim).save(tmp_path / "bk02.xlsx"))
    result = collect(sample_path, form)
    assert result.outcomes[0].lines()[1:] == sheet_lines(
        counts(updated=1, unchanged=1), counts(unchanged=6), counts(unchanged=4),
        counts(added=1, updated=1))
    data = data_of(result.out)  # type: ignore[arg-type]
    assert [a["planned_budget"] for a in data[A][2:4]] == [Decimal(8100), Decimal(6900)]
    assert [(r["submitted_on"], r["participants"]) for r in data[R][1:3]] == [
        (date(2026, 7, 21), 110), (date(2026, 3, 31), 40)]


def test_collect_keys_office_problem_is_not_the_forms(sample_dict: dict[str, Any],
                                                      make_workbook: Callable[..., Path],
                                                      tmp_path: Path) -> None:
    """BK01's first purchase in the office has an amount that is not quantity × price (the
    office's own error). BK01's form, returned with that row untouched and one new row, is
    taken: the error was there before the form and stays the office's to fix."""
    sample_dict[P][0]["amount"] = Decimal(1260)
    office = make_workbook(sample_dict, "office.xlsx")
    form = api.school_forms(office, tmp_path / "forms").written[0]
    result = collect(office, FormFiller(form).append(P, BK01_NEW).save(tmp_path / "f.xlsx"))
    assert [o.status for o in result.outcomes] == ["changed"]
    assert result.merge.report.flat() == []
    assert api.validate(result.out).report.flat() == [(P, "G4", "amount-mismatch")]  # type: ignore[arg-type]


def test_collect_keys_old_form_never_undoes_the_office(sample_dict: dict[str, Any],
                                                       make_workbook: Callable[..., Path],
                                                       tmp_path: Path) -> None:
    """BK04 got its form; then the office corrected BK04's May purchase and removed its June
    purchase in the workbook. BK04 returns the form — May and June as they were prefilled,
    untouched — with one new row: the office's correction and removal stand."""
    sample_path = make_workbook(sample_dict, "sample.xlsx")
    form = api.school_forms(sample_path, tmp_path / "forms").written[3]
    may = sample_dict[P][22]
    may.update(quantity=Decimal(5), amount=Decimal(1295))
    del sample_dict[P][23]
    office = make_workbook(sample_dict, "office.xlsx")
    result = collect(office, FormFiller(form).append(P, JULY).save(tmp_path / "f.xlsx"))
    assert result.outcomes[0].sheets[P].text() == counts(added=1, unchanged=5)
    expected = data_of(office)
    expected[P].insert(23, JULY)
    assert data_of(result.out) == expected  # type: ignore[arg-type]


def test_collect_keys_old_form_edited_row_wins(sample_dict: dict[str, Any],
                                               make_workbook: Callable[..., Path],
                                               tmp_path: Path) -> None:
    """What the school did change in its form is taken, even on an older form."""
    sample_path = make_workbook(sample_dict, "sample.xlsx")
    form = api.school_forms(sample_path, tmp_path / "forms").written[3]
    sample_dict[P][22].update(quantity=Decimal(5), amount=Decimal(1295))
    office = make_workbook(sample_dict, "office.xlsx")
    edited = FormFiller(form).edit(P, 4, item="การ์ดหน่วยความจำ 64 GB").save(tmp_path / "f.xlsx")
    result = collect(office, edited)
    assert result.outcomes[0].sheets[P].text() == counts(updated=1, unchanged=5)
    row = data_of(result.out)[P][22]  # type: ignore[arg-type]
    assert (row["item"], row["quantity"], row["amount"]) == (
        "การ์ดหน่วยความจำ 64 GB", Decimal(6), Decimal(1554))


def test_collect_keys_removal_needs_only_the_key(sample_path: Path, forms: list[Path],
                                                 tmp_path: Path) -> None:
    """A row marked ลบ is removed by its key: what else the school did to the row (here: it
    cleared the title and the grade) is not checked."""
    form = (FormFiller(forms[4]).edit(W, 2, title=None, grade=None).remove(W, 2)
            .save(tmp_path / "bk05.xlsx"))
    result = collect(sample_path, form)
    assert result.merge.report.flat() == []
    assert result.outcomes[0].sheets[W].text() == counts(unchanged=2, removed=1)
    assert [w["work_code"] for w in data_of(result.out)[W][14:]] == [  # type: ignore[arg-type]
        "BK05-W01", "BK05-W02"]
