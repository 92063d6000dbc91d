"""A fiscal year of collecting (FY 2569, the sample's five schools), step by step.

The office starts the year with its settings, schools and plan but no school rows. Every
step, the office makes the forms from its current workbook (prefilled), the schools fill
them, and ``collect`` writes the workbook the next step starts from:

- ธ.ค. 2568: each school sends its two activity plans;
- ม.ค. – มิ.ย. 2569: each school sends one form a month holding only that month's new
  purchase (BK05 keeps using the form it got in December, which shows none of its
  purchases);
- ก.ค. 2569: works and result reports; BK03 sends its first work, then — on the same July
  form, which does not show the first — its other two;
- ส.ค. 2569: BK04 resubmits its May purchase corrected (6 → 5 memory cards);
- ก.ย. 2569: BK02 asks for its June purchase to be removed (ลบ).

Collect applies what a school typed each time its form is collected, so each form is
collected once, in the order the school sent them.

After each step the office's rows per school and the figures — money spent per school and
in total, % disbursed, the KPI — are compared with figures worked out by hand below.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any

from learnworks_xl import api
from learnworks_xl.core import sheets as sh
from learnworks_xl.core.pipeline import compute, input_data
from learnworks_xl.core.validate import validate_raw
from learnworks_xl.forms.identity import FORM_SHEETS
from learnworks_xl.forms.match import MERGE_KEYS
from learnworks_xl.io.reader import read_workbook
from tests.formfill import FormFiller

CODES = ("BK01", "BK02", "BK03", "BK04", "BK05")
A, P, W, R = sh.ACTIVITIES.name, sh.PURCHASES.name, sh.WORKS.name, sh.RESULT_REPORTS.name

#: Each school's purchase of each month ม.ค.–มิ.ย. (the sample's), in บาท.
MONTHLY = {
    "BK01": (1250, 1780, 900, 5000, 2590, 3500),
    "BK02": (1250, 1780, 900, 5000, 2590, 3500),
    "BK03": (1250, 1780, 900, 5000, 1554, 1950),
    "BK04": (1250, 1780, 900, 5000, 1554, 1950),
    "BK05": (1250, 1780, 900, 5000, 1554, 1950),
}
#: Spent per school at the end of each month (running sums of MONTHLY), and in total.
SPENT_BY_MONTH = {
    1: ((1250, 1250, 1250, 1250, 1250), 6250),
    2: ((3030, 3030, 3030, 3030, 3030), 15150),
    3: ((3930, 3930, 3930, 3930, 3930), 19650),
    4: ((8930, 8930, 8930, 8930, 8930), 44650),
    5: ((11520, 11520, 10484, 10484, 10484), 54492),
    6: ((15020, 15020, 12434, 12434, 12434), 67342),
}
ALLOCATED = 69500  # 2 × 15,100 + 3 × 13,100


class Office:
    """The office's workbook as the year goes: the current file and one collect at a time."""

    def __init__(self, first: Path, folder: Path) -> None:
        self.path = first
        self.folder = folder
        self.step = 0
        self.collected = 0

    def forms(self) -> list[Path]:
        """The forms the office sends now (prefilled from the current workbook)."""
        self.step += 1
        return api.school_forms(self.path, self.folder / f"forms-{self.step}").written

    def collect(self, forms: list[Path]) -> list[list[str]]:
        """Collect the returned forms; the merged workbook becomes the current one. Returns
        each form's per-sheet lines."""
        self.collected += 1
        result = api.collect(self.path, forms, out=self.folder / f"office-{self.collected}.xlsx")
        assert result.ok, result.summary_lines()
        assert result.merge.report.flat() == []
        if result.out is not None:
            self.path = result.out
        return [o.lines()[1:] for o in result.outcomes]

    def rows(self) -> dict[str, dict[str, list[Any]]]:
        """Each sheet's keys by school, in sheet order."""
        data = input_data(api.validate(self.path).parsed)
        return {s.name: {c: [r[MERGE_KEYS[s.name]] for r in data[s.name]
                             if r["school_code"] == c] for c in CODES} for s in FORM_SHEETS}

    def figures(self) -> tuple[list[Decimal], Decimal, Decimal | None, Decimal | None,
                               list[bool]]:
        """Spent per school and in total, % disbursed, the KPI % and who meets it — as of
        the end of the fiscal year (every row of this year counts)."""
        parsed, report = validate_raw(read_workbook(self.path))
        assert report.errors == 0, report.flat()
        results = compute(parsed, date(2026, 9, 1))
        spending, kpi = results.spending, results.kpi
        return ([s.spent for s in spending.schools], spending.spent, spending.percent,
                kpi.percent, [s.meets for s in kpi.schools])


def school_rows(sample: dict[str, Any], sheet: str, code: str) -> list[dict[str, Any]]:
    return [r for r in sample[sheet] if r["school_code"] == code]


def doc_nos(months: int, code: str) -> list[str]:
    return [f"{code}-69/{i:03d}" for i in range(1, months + 1)]


def test_collect_year_fy2569(sample_dict: dict[str, Any], make_workbook: Callable[..., Path],
                             tmp_path: Path) -> None:
    start = {**sample_dict, **{s.name: [] for s in FORM_SHEETS}}
    office = Office(make_workbook(start, "office-start.xlsx"), tmp_path)
    returned = tmp_path / "returned"

    # ธ.ค. 2568: activity plans.
    december = office.forms()
    lines = office.collect([FormFiller(f).append(A, *school_rows(sample_dict, A, c))
                            .save(returned / f"dec-{c}.xlsx")
                            for f, c in zip(december, CODES, strict=True)])
    assert lines[0] == [f"  «{A}»: เพิ่มใหม่ 2, แก้ไข 0, เหมือนเดิม 0, คงไว้ 0, ลบ 0"]
    rows = office.rows()
    assert rows[A] == {c: [r["activity"] for r in school_rows(sample_dict, A, c)]
                       for c in CODES}
    assert rows[P] == rows[W] == rows[R] == {c: [] for c in CODES}
    assert office.figures() == ([Decimal(0)] * 5, Decimal(0), Decimal("0.00"), Decimal("0.00"),
                                [False] * 5)

    # ม.ค. – มิ.ย. 2569: one new purchase a month per school.
    for month in range(1, 7):
        forms = office.forms()
        forms[4] = december[4]  # BK05 keeps its December form
        sent = [FormFiller(f).append(P, school_rows(sample_dict, P, c)[month - 1])
                .save(returned / f"m{month}-{c}.xlsx") for f, c in zip(forms, CODES, strict=True)]
        lines = office.collect(sent)
        assert lines[0][1] == (f"  «{P}»: เพิ่มใหม่ 1, แก้ไข 0, เหมือนเดิม {month - 1}, คงไว้ 0, "
                               "ลบ 0")
        assert lines[4][1] == f"  «{P}»: เพิ่มใหม่ 1, แก้ไข 0, เหมือนเดิม 0, คงไว้ {month - 1}, ลบ 0"
        assert office.rows()[P] == {c: doc_nos(month, c) for c in CODES}
        per_school, total = SPENT_BY_MONTH[month]
        spent, spent_total, _pct, kpi, _meets = office.figures()
        assert spent == [Decimal(x) for x in per_school]
        assert spent_total == Decimal(total) == sum(sum(MONTHLY[c][:month]) for c in CODES)
        assert kpi == Decimal("0.00")
    assert office.figures()[2] == Decimal("96.89")  # 67,342 ÷ 69,500 × 100

    # ก.ค. 2569: works and reports; BK03 sends its first work only.
    july = office.forms()
    sent = []
    for f, c in zip(july, CODES, strict=True):
        works = school_rows(sample_dict, W, c)
        filler = FormFiller(f).append(W, *(works[:1] if c == "BK03" else works))
        sent.append(filler.append(R, *school_rows(sample_dict, R, c))
                    .save(returned / f"jul-{c}.xlsx"))
    office.collect(sent)
    assert office.rows()[W]["BK03"] == ["BK03-W01"]
    spent, spent_total, _pct, kpi, meets = office.figures()
    assert (spent_total, kpi, meets) == (Decimal(67342), Decimal("80.00"),
                                         [True, True, False, True, True])  # 4 of 5

    # BK03's other two works, on the same July form (it does not show BK03-W01).
    late = FormFiller(july[2]).append(W, *school_rows(sample_dict, W, "BK03")[1:]).save(
        returned / "jul-BK03-late.xlsx")
    assert office.collect([late]) == [[
        f"  «{A}»: เพิ่มใหม่ 0, แก้ไข 0, เหมือนเดิม 2, คงไว้ 0, ลบ 0",
        f"  «{P}»: เพิ่มใหม่ 0, แก้ไข 0, เหมือนเดิม 6, คงไว้ 0, ลบ 0",
        f"  «{W}»: เพิ่มใหม่ 2, แก้ไข 0, เหมือนเดิม 0, คงไว้ 1, ลบ 0",
        f"  «{R}»: เพิ่มใหม่ 0, แก้ไข 0, เหมือนเดิม 0, คงไว้ 1, ลบ 0",
    ]]
    assert office.rows()[W]["BK03"] == ["BK03-W01", "BK03-W02", "BK03-W03"]
    assert office.figures()[3:] == (Decimal("100.00"), [True] * 5)

    # ส.ค. 2569: BK04 corrects its May purchase: 5 × 259 = 1,295 instead of 6 × 259 = 1,554.
    august = office.forms()
    fixed = FormFiller(august[3]).edit(P, 4, quantity=5, amount=1295).save(
        returned / "aug-BK04.xlsx")
    assert office.collect([fixed])[0][1] == (
        f"  «{P}»: เพิ่มใหม่ 0, แก้ไข 1, เหมือนเดิม 5, คงไว้ 0, ลบ 0")
    spent, spent_total, pct, kpi, _meets = office.figures()
    assert spent[3] == Decimal(12175)  # 12,434 − 259
    assert (spent_total, pct, kpi) == (Decimal(67083), Decimal("96.52"), Decimal("100.00"))

    # ก.ย. 2569: BK02 asks for its June purchase (3,500) to be removed.
    september = office.forms()
    removal = FormFiller(september[1]).remove(P, 5).save(returned / "sep-BK02.xlsx")
    assert office.collect([removal])[0][1] == (
        f"  «{P}»: เพิ่มใหม่ 0, แก้ไข 0, เหมือนเดิม 5, คงไว้ 0, ลบ 1")
    spent, spent_total, pct, kpi, meets = office.figures()
    assert spent == [Decimal(x) for x in (15020, 11520, 12434, 12175, 12434)]
    assert (spent_total, pct, kpi) == (Decimal(63583), Decimal("91.49"), Decimal("100.00"))

    # The year's rows: the sample's, in the sample's order, with the two changes.
    expected = input_data(api.validate(make_workbook(sample_dict, "sample.xlsx")).parsed)
    expected[P][22] = {**expected[P][22], "quantity": Decimal(5), "amount": Decimal(1295)}
    del expected[P][11]
    assert input_data(api.validate(office.path).parsed) == expected
    # The last forms collected again, and BK05's December form with its March purchase:
    # nothing changes.
    again = api.collect(office.path, [removal, fixed, returned / "m3-BK05.xlsx"],
                        out=tmp_path / "again.xlsx")
    assert [o.status for o in again.outcomes] == ["unchanged"] * 3 and again.out is None
