"""What the city website says, decided from the roll-up (pure; no HTML here).

The Education Office's site (``learnworks publish`` of several district workbooks, folders of
them, or the roll-up workbook): ``index.html`` the Bangkok summary as of the roll-up's month,
``district-<code>.html`` a page per district (its BMA code, 1001 พระนคร … 1050 บางบอน),
``school-<code>-<school>.html`` a page per school (school codes repeat across districts, so
the district's code is part of the name) and ``works.html`` every selected work with its
district and school. Every value is formatted Thai text (:mod:`learnworks_xl.core.wording`,
Buddhist-era dates); students are shown as each district's own ``ชื่อนักเรียนบนเว็บไซต์``
allows (the roll-up already applied it, :class:`learnworks_xl.core.privacy.Students`); only
``http(s)`` links are links (:func:`~learnworks_xl.publish.content.safe_link`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from learnworks_xl import thai
from learnworks_xl.core import wording
from learnworks_xl.core.compute.kpi import FAILED, FAILS, MEETS, PASSED
from learnworks_xl.core.compute.progress import BEHIND_PLAN
from learnworks_xl.core.districts import OFFICE, order
from learnworks_xl.core.privacy import privacy_note
from learnworks_xl.core.reports.kpi import REPORT_WORDS
from learnworks_xl.core.rollup import DistrictFigures, Rollup, SchoolLine, WorkLine
from learnworks_xl.core.rollup.combine import other_year_line
from learnworks_xl.core.rollup.sheets import OFFICE_NAME
from learnworks_xl.core.wording import DASH, program_title
from learnworks_xl.publish.content import RANGE, safe_link

INDEX, WORKS = "index.html", "works.html"
#: The BMA's code of the first district (พระนคร); the others follow in the BMA's order.
FIRST_CODE = 1001
_SLUG = re.compile(r"[^0-9A-Za-z_-]+")


def district_code(district: str) -> int:
    """The BMA's code of a district: ``1005`` for บางเขน."""
    return FIRST_CODE + order(district)


def district_page(district: str) -> str:
    """The file of a district's page: ``district-1005.html``."""
    return f"district-{district_code(district)}.html"


def school_page(district: str, code: str, taken: set[str]) -> str:
    """The file of a school's page, ``school-1005-bk01.html``: the district's code first
    (school codes repeat across districts), unique among ``taken``."""
    base = f"school-{district_code(district)}-" + (_SLUG.sub("-", code).strip("-").lower() or "x")
    name, i = base, 2
    while f"{name}.html" in taken:
        name, i = f"{base}-{i}", i + 1
    taken.add(f"{name}.html")
    return f"{name}.html"


def _day(d: date | None) -> str:
    return DASH if d is None else thai.format_thai_date(d)


def _count(n: int, unit: str) -> str:
    return f"{wording.number(n)} {unit}"


def _of(n: int, total: int, unit: str) -> str:
    return f"{wording.number(n)} จาก {wording.number(total)} {unit}"


def _target(target: Decimal | None) -> str:
    return DASH if target is None else f"ร้อยละ {wording.number(target)}"


def _passed(kpi: Decimal | None, target: Decimal | None) -> bool | None:
    return None if kpi is None or target is None else kpi >= target


@dataclass(frozen=True)
class CityWork:
    """One selected work as the city site shows it."""

    district: str
    school: str
    """``ชื่อโรงเรียน (รหัส)``."""
    school_page: str
    code: str
    title: str
    work_type: str
    students: str
    """As the district's privacy setting allows (counted, initials or full names)."""
    grade: str | None
    tools: str | None
    advisor: str | None
    link: str | None
    """A safe http(s) link, else None (never shown as a link)."""
    submitted: str | None


@dataclass(frozen=True)
class CitySchool:
    """One school of a district: its page and its line in the district's table."""

    district: str
    office: str
    district_page: str
    code: str
    name: str
    size: str
    page: str
    allocated: str
    spent: str
    quota: str
    selected: str
    report: str
    verdict: str
    meets: bool
    reason: str
    report_summary: str | None
    participants: str | None
    privacy: str
    """What the school's district shows of students."""
    works: list[CityWork] = field(default_factory=list)


@dataclass(frozen=True)
class CityDistrict:
    """One district: its line on the summary and its page."""

    district: str
    office: str
    """``สำนักงานเขตบางเขน``."""
    page: str
    code: str
    """The BMA's district code, ``1005``."""
    program: str
    period: str
    schools_count: str
    met: str
    kpi: str
    kpi_target: str
    kpi_verdict: str | None
    kpi_passed: bool | None
    approved: str
    allocated: str
    spent: str
    disbursed: str
    works: str
    reports: str
    planned: str
    actual: str
    progress: str
    on_plan: bool
    draft: bool
    errors: str
    privacy: str
    schools: list[CitySchool] = field(default_factory=list)

    @property
    def work_cards(self) -> list[CityWork]:
        """The district's selected works, school by school."""
        return [w for s in self.schools for w in s.works]


@dataclass(frozen=True)
class CitySummary:
    """Bangkok at a glance, as of the roll-up's month."""

    program: str
    """The program's title (``โครงการ…``)."""
    agency: str
    fiscal_year: str
    month: str
    """``สิ้นเดือนกรกฎาคม 2569``."""
    as_of: str
    """``31 กรกฎาคม 2569``."""
    districts: str
    """``3 จาก 50 เขต``."""
    drafts: str | None
    """The districts whose figures have errors: ``1 เขต (จตุจักร)``."""
    schools: str
    met: str
    kpi: str
    kpi_target: str
    kpi_verdict: str | None
    kpi_passed: bool | None
    approved: str
    allocated: str
    spent: str
    remaining: str
    disbursed: str
    works: str
    reports: str
    planned: str
    actual: str
    progress: str
    on_plan: bool
    missing: list[str]
    """The districts of the 50 that sent nothing usable, in the BMA's order."""
    other_year: str | None
    """``ส่งไฟล์ปีงบประมาณอื่น 1 เขต: ดุสิต (พ.ศ. 2570)`` (not counted among :attr:`missing`)."""
    generated: str


@dataclass
class CitySite:
    """Everything the city templates need."""

    summary: CitySummary
    districts: list[CityDistrict]
    privacy: list[str]
    """What the site shows of students, district by district (each its own setting)."""

    @property
    def schools(self) -> list[CitySchool]:
        """Every school, district by district."""
        return [s for d in self.districts for s in d.schools]

    @property
    def works(self) -> list[CityWork]:
        """Every selected work, district by district."""
        return [w for s in self.schools for w in s.works]


def _work(w: WorkLine, school: str, page: str) -> CityWork:
    return CityWork(
        district=w.district, school=school, school_page=page, code=w.code, title=w.title,
        work_type=w.work_type, students=w.students, grade=w.grade, tools=w.tools,
        advisor=w.advisor, link=safe_link(w.link),
        submitted=None if w.submitted_on is None else thai.format_thai_date(w.submitted_on))


def _school(s: SchoolLine, d: DistrictFigures, page: str) -> CitySchool:
    label = wording.school_label(s.code, s.name)
    works = [_work(w, label, page) for w in d.works if w.school_code == s.code]
    return CitySchool(
        district=d.district, office=OFFICE + d.district, district_page=district_page(d.district),
        code=s.code, name=s.name, size=s.size, page=page, allocated=wording.baht(s.allocated),
        spent=wording.baht(s.spent),
        quota=DASH if s.quota is None else _count(s.quota, "ผลงาน"),
        selected=_count(s.selected, "ผลงาน"), report=REPORT_WORDS[s.report],
        verdict=MEETS if s.meets else FAILS, meets=s.meets, reason=s.reason,
        report_summary=s.report_summary,
        participants=None if s.participants is None else _count(s.participants, "คน"),
        privacy=f"{OFFICE}{d.district}: {privacy_note(d.privacy)}", works=works)


def _district(d: DistrictFigures, taken: set[str]) -> CityDistrict:
    passed = _passed(d.kpi, d.kpi_target)
    schools = [_school(s, d, school_page(d.district, s.code, taken)) for s in d.schools]
    return CityDistrict(
        district=d.district, office=OFFICE + d.district, page=district_page(d.district),
        code=str(district_code(d.district)), program=program_title(d.program),
        period=(f"{_day(d.start_date)} {RANGE} {_day(d.end_date)}"
                if d.start_date and d.end_date else DASH),
        schools_count=_count(len(d.schools), "โรงเรียน"),
        met=_of(d.met, len(d.schools), "โรงเรียน"),
        kpi=wording.percent_phrase(d.kpi), kpi_target=_target(d.kpi_target),
        kpi_verdict=None if passed is None else PASSED if passed else FAILED, kpi_passed=passed,
        approved=wording.baht(d.approved), allocated=wording.baht(d.allocated),
        spent=wording.baht(d.spent), disbursed=wording.percent_phrase(d.disbursed),
        works=_of(d.works_selected, d.works_required, "ผลงาน"),
        reports=(_of(d.reports_received, len(d.schools), "โรงเรียน")
                 + f" (ครบถ้วน {wording.number(d.reports_complete)})"),
        planned=wording.percent_phrase(d.planned), actual=wording.percent_phrase(d.actual),
        progress=d.verdict, on_plan=d.verdict != BEHIND_PLAN, draft=d.draft,
        errors=_count(d.errors, "รายการ"),
        privacy=f"{OFFICE}{d.district}: {privacy_note(d.privacy)}", schools=schools)


def _summary(r: Rollup) -> CitySummary:
    drafts = r.drafts
    if r.kpi_target is not None:
        target = _target(r.kpi_target)
    elif r.kpi_targets:
        target = "แตกต่างกันรายเขต: " + ", ".join(_target(t) for t in r.kpi_targets)
    else:
        target = DASH
    return CitySummary(
        program=program_title(r.program) or "โครงการ", agency=OFFICE_NAME,
        fiscal_year=f"ปีงบประมาณ พ.ศ. {r.fiscal_year}" if r.fiscal_year else DASH,
        month=(f"สิ้นเดือน{thai.format_thai_month(r.month.year, r.month.month)}"
               if r.month else DASH),
        as_of=_day(r.as_of), districts=_of(len(r.districts), 50, "เขต"),
        drafts=(f"{len(drafts)} เขต ({', '.join(d.district for d in drafts)})"
                if drafts else None),
        schools=_count(r.school_count, "โรงเรียน"), met=_of(r.met, r.school_count, "โรงเรียน"),
        kpi=wording.percent_phrase(r.kpi), kpi_target=target,
        kpi_verdict=None if r.kpi_passed is None else PASSED if r.kpi_passed else FAILED,
        kpi_passed=r.kpi_passed, approved=wording.baht(r.approved),
        allocated=wording.baht(r.allocated), spent=wording.baht(r.spent),
        remaining=wording.baht(r.allocated - r.spent),
        disbursed=wording.percent_phrase(r.disbursed),
        works=_of(r.works_selected, r.works_required, "ผลงาน"),
        reports=(_of(r.reports_received, r.school_count, "โรงเรียน")
                 + f" (ครบถ้วน {wording.number(r.reports_complete)})"),
        planned=wording.percent_phrase(r.planned), actual=wording.percent_phrase(r.actual),
        progress=r.verdict or DASH,
        on_plan=r.verdict != BEHIND_PLAN,
        missing=list(r.missing), other_year=other_year_line(r),
        generated=DASH if r.generated_at is None else thai.format_thai_date(r.generated_at))


def privacy_lines(r: Rollup) -> list[str]:
    """What the site shows of students: one line per setting, with its districts."""
    by_setting: dict[str, list[str]] = {}
    for d in r.districts:
        by_setting.setdefault(d.privacy, []).append(d.district)
    return [f"{OFFICE}{', '.join(names)}: {privacy_note(setting)}"
            for setting, names in by_setting.items()]


def build_city_site(rollup: Rollup) -> CitySite:
    """Decide the city site's content from the roll-up.

    Args:
        rollup: The roll-up (:func:`learnworks_xl.core.rollup.roll_up`, or read back from the
            roll-up workbook by :func:`learnworks_xl.core.rollup.data.read_data`).

    Returns:
        The Bangkok summary, one entry per district (BMA order) with its schools and their
        selected works, and the privacy lines.
    """
    taken: set[str] = set()
    return CitySite(_summary(rollup), [_district(d, taken) for d in rollup.districts],
                    privacy_lines(rollup))
