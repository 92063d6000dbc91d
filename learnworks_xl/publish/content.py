"""What the website says, decided from the computed results (pure; no HTML here).

The pages show the program summary (KPI, money, period) and, per school, the works it
selected to send (คัดสรรส่งสำนักการศึกษา = ใช่). Every value is already formatted Thai text;
the templates only place and escape it. Links are published only when they are ``http(s)``
with a host; any other link (``javascript:``, ``data:``…) is shown as plain text and
reported as a ``link-refused`` finding at its cell.

Students are children (SPEC "Privacy"): ``ตั้งค่า`` → ``ชื่อนักเรียนบนเว็บไซต์`` decides what a
work card says about them (:class:`learnworks_xl.core.privacy.Students`, shared with the
roll-up's ``ผลงานที่คัดสรร``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from urllib.parse import urlsplit

from learnworks_xl import thai
from learnworks_xl.core import findings as fd
from learnworks_xl.core import sheets as sh
from learnworks_xl.core import wording
from learnworks_xl.core.fields import to_text
from learnworks_xl.core.models import StudentWork
from learnworks_xl.core.pipeline import Results
from learnworks_xl.core.privacy import Students, privacy_note
from learnworks_xl.core.wording import DASH
from learnworks_xl.core.workbook import ParsedWorkbook

#: Schemes a published link may have.
SAFE_SCHEMES = frozenset({"http", "https"})
_CONTROL = re.compile(r"[\x00-\x20\x7f-\x9f]")
_SLUG = re.compile(r"[^0-9A-Za-z_-]+")
#: Between the two dates of a period.
RANGE = "–"


def safe_link(value: object) -> str | None:
    """Return ``value`` when it is a link a page may point at (``http(s)://host…``), else None.

    Whitespace or control characters anywhere (browsers drop them, so ``java\\tscript:``
    would still run) make it unsafe too.
    """
    if not isinstance(value, str):
        return None
    text = value.strip()
    if not text or _CONTROL.search(text):
        return None
    try:
        parts = urlsplit(text)
    except ValueError:
        return None
    if parts.scheme.lower() not in SAFE_SCHEMES or not parts.netloc:
        return None
    return text


@dataclass(frozen=True)
class WorkCard:
    """One selected work as the site shows it."""

    code: str
    title: str
    work_type: str
    grade: str | None
    """None when the students are not named (grades follow the names)."""
    students: str
    """Full names, initials, or how many students, as ``ชื่อนักเรียนบนเว็บไซต์`` says."""
    tools: str | None
    advisor: str | None
    link: str | None
    """A safe http(s) link, or None."""
    link_text: str | None
    """A refused link, shown as plain text (None when there is none)."""
    submitted: str | None


@dataclass(frozen=True)
class SchoolPage:
    """One school: its facts, its KPI line and its selected works."""

    code: str
    name: str
    size: str
    slug: str
    """The page's file name without ``.html``."""
    allocated: str
    spent: str
    quota: str
    selected: str
    verdict: str
    meets: bool
    reason: str
    report_summary: str | None
    participants: str | None
    works: list[WorkCard] = field(default_factory=list)


@dataclass(frozen=True)
class Summary:
    """The program at a glance."""

    program: str
    agency: str
    fiscal_year: str
    period: str
    kpi: str
    kpi_target: str
    kpi_verdict: str | None
    kpi_passed: bool | None
    schools_met: str
    approved: str
    approved_words: str
    allocated: str
    spent: str
    disbursed: str
    works: str
    regulation: str
    generated: str


@dataclass
class Site:
    """Everything the templates need."""

    summary: Summary
    schools: list[SchoolPage]
    provisional: bool
    """The workbook has errors: the pages say they are a draft (ฉบับร่าง)."""
    errors: int
    findings: list[fd.Finding] = field(default_factory=list)
    """``link-refused`` findings: links not published."""
    privacy: str = ""
    """How the site shows students, said on every page."""


class _Fmt:
    def __init__(self, thai_digits: bool) -> None:
        self.digits = thai_digits

    def text(self, s: str) -> str:
        return thai.to_thai_digits(s) if self.digits else s

    def baht(self, amount: Decimal | None) -> str:
        return self.text(wording.baht(amount))

    def pct(self, value: Decimal | None) -> str:
        return self.text(wording.percent_phrase(value))

    def day(self, d: date | None) -> str | None:
        return None if d is None else thai.format_thai_date(d, thai_digits=self.digits)

    def count(self, n: int | None, unit: str = "") -> str:
        return DASH if n is None else self.text(f"{n:,}") + (f" {unit}" if unit else "")


def slug(code: str, taken: set[str]) -> str:
    """A file name for a school's page: ``school-bk01`` (unique among ``taken``)."""
    base = "school-" + (_SLUG.sub("-", code).strip("-").lower() or "x")
    name, i = base, 2
    while name in taken:
        name, i = f"{base}-{i}", i + 1
    taken.add(name)
    return name


def refused_links(parsed: ParsedWorkbook) -> tuple[dict[int, str], list[fd.Finding]]:
    """Links of ``ผลงานนักเรียน`` that are not published: by Excel row, and as findings."""
    title = sh.WORKS.title("link")
    by_row: dict[int, str] = {}
    found: list[fd.Finding] = []
    for row in parsed.works.rows:
        raw = row.raw.get("link")
        if raw is None:
            continue
        model_link = getattr(row.model, "link", None) if row.model is not None else None
        if safe_link(model_link) is not None:
            continue
        text = to_text(raw)
        by_row[row.excel_row] = text
        found.append(fd.warning(
            "link-refused", sh.WORKS.name,
            f"{title} '{text}' ไม่ได้เผยแพร่เป็นลิงก์ เพราะเว็บไซต์แสดงเฉพาะลิงก์ที่ขึ้นต้นด้วย "
            "http:// หรือ https://", cell=row.cell("link"), column=title, value=text))
    return by_row, found


def build_site(parsed: ParsedWorkbook, results: Results) -> Site:
    """Decide the site's content from the workbook and its computed results.

    Args:
        parsed: The workbook, parsed (for the rows' cells and refused links).
        results: :func:`learnworks_xl.core.pipeline.compute` of it.

    Returns:
        The summary, one page per school (in the order of ``โรงเรียน``) and the findings.
    """
    f = _Fmt(results.thai_digits)
    setting = results.settings.student_names
    students = Students(setting, results.works, results.thai_digits)
    refused, findings = refused_links(parsed)
    spending = {s.school_code: s for s in results.spending.schools}
    kpi = {k.school_code: k for k in results.kpi.schools}
    reports = {r.school_code: r for r in results.school_reports}
    taken: set[str] = set()
    pages: list[SchoolPage] = []
    sent = {id(w) for w in results.works_selected}  # selected and sent by the day counted
    for alloc in results.allocations:
        k, money, rep = kpi.get(alloc.school_code), spending.get(alloc.school_code), \
            reports.get(alloc.school_code)
        works = [_card(row.excel_row, w, refused, f, students)
                 for row, w in parsed.works.valid_rows()
                 if id(w) in sent and w.school_code == alloc.school_code]
        pages.append(SchoolPage(
            code=alloc.school_code, name=alloc.school_name, size=alloc.size,
            slug=slug(alloc.school_code, taken), allocated=f.baht(alloc.amount),
            spent=f.baht(money.spent if money else Decimal(0)),
            quota=f.count(alloc.quota, "ผลงาน"), selected=f.count(len(works), "ผลงาน"),
            verdict=k.verdict if k else DASH, meets=bool(k and k.meets),
            reason=f.text(k.reason) if k else DASH,
            report_summary=students.text(rep.summary) if rep else None,
            participants=f.count(rep.participants, "คน") if rep else None,
            works=works))
    return Site(_summary(results, f), pages, results.provisional, results.report.errors,
                findings, f.text(privacy_note(setting)))


def _card(excel_row: int, w: StudentWork, refused: dict[int, str], f: _Fmt,
          students: Students) -> WorkCard:
    return WorkCard(
        code=w.work_code, title=students.text(w.title), work_type=w.work_type,
        grade=students.grade(w.grade), students=students.names(w.students),
        tools=students.maybe(w.tools), advisor=w.advisor, link=safe_link(w.link),
        link_text=students.maybe(refused.get(excel_row)), submitted=f.day(w.submitted_on))


def _summary(results: Results, f: _Fmt) -> Summary:
    project = results.project
    kpi = results.kpi
    spending = results.spending
    selected = len(results.works_selected)
    period = (f"{f.day(project.start_date)} {RANGE} {f.day(project.end_date)}"
              if project.start_date and project.end_date else DASH)
    return Summary(
        program=project.name or "",
        agency=project.agency or "",
        fiscal_year=(f.text(f"ปีงบประมาณ พ.ศ. {project.fiscal_year}")
                     if project.fiscal_year else DASH),
        period=period,
        kpi=f.pct(kpi.percent),
        kpi_target=f.text(f"ร้อยละ {wording.number(kpi.target)}") if kpi.target is not None
        else DASH,
        kpi_verdict=kpi.verdict,
        kpi_passed=kpi.passed,
        schools_met=f.text(f"{kpi.met} จาก {kpi.total} โรงเรียน"),
        approved=f.baht(project.approved_budget),
        approved_words=(thai.bahttext(project.approved_budget)
                        if project.approved_budget is not None else ""),
        allocated=f.baht(spending.allocated),
        spent=f.baht(spending.spent),
        disbursed=f.pct(spending.percent),
        works=f.text(f"{selected} จาก {results.works_required} ผลงาน"),
        regulation=project.regulation or "",
        generated=f.day(results.as_of) or "",
    )
