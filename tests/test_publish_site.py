"""The website: Thai summary and selected works per school, escaped text, http(s) links only."""

from __future__ import annotations

import html as htmllib
import re
from collections.abc import Callable
from datetime import datetime
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from learnworks_xl import api
from learnworks_xl.cli import cli
from learnworks_xl.core import sheets as sh
from learnworks_xl.core.models import NAMES_FULL, NAMES_HIDDEN, NAMES_INITIALS
from learnworks_xl.publish.content import safe_link, slug
from learnworks_xl.publish.job import PublishResult
from learnworks_xl.publish.render import environment, stylesheet

NOW = datetime(2026, 9, 30, 10, 0)
SCRIPT = "<script>alert(1)</script>"


class Tags(HTMLParser):
    """Every start tag with its attributes, and the text inside chosen tags."""

    def __init__(self, *texts: str) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.texts: dict[str, list[str]] = {t: [] for t in texts}
        self._open: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))
        self._open.append(tag)

    def handle_endtag(self, tag: str) -> None:
        if tag in self._open:
            while self._open.pop() != tag:
                pass

    def handle_data(self, data: str) -> None:
        for t in self.texts:
            if t in self._open:
                self.texts[t].append(data)


def parse(html: str, *texts: str) -> Tags:
    p = Tags(*texts)
    p.feed(html)
    return p


@pytest.fixture
def site(sample_path: Path, tmp_path: Path) -> PublishResult:
    return api.publish(sample_path, tmp_path / "site", now=NOW)


@pytest.fixture
def hostile(sample_dict: dict[str, Any], make_workbook: Callable[..., Path],
            tmp_path: Path) -> PublishResult:
    sample_dict[sh.SETTINGS.name]["student_names"] = NAMES_FULL  # the names are shown as typed
    works = sample_dict[sh.WORKS.name]
    works[0]["title"] = SCRIPT
    works[0]["students"] = '<img src=x onerror="alert(2)"> & "เพื่อน"'
    works[1]["link"] = "javascript:alert(1)"
    works[2]["link"] = "https://example.org/a'onmouseover='alert(3)"
    return api.publish(make_workbook(sample_dict), tmp_path / "site", now=NOW)


def test_publish_pages(site: PublishResult, tmp_path: Path) -> None:
    assert [p.name for p in site.pages] == ["index.html", *(f"school-bk0{i}.html"
                                                            for i in range(1, 6))]
    assert site.ok
    assert site.summary_lines() == [
        f"เขียนเว็บไซต์ 6 หน้า (ผลงานที่คัดสรร 12 ผลงาน จาก 5 โรงเรียน) ที่ {tmp_path / 'site'}",
        f"หน้าแรก: {tmp_path / 'site' / 'index.html'}",
    ]


def test_publish_summary_content(site: PublishResult) -> None:
    s = site.site.summary
    assert (s.kpi, s.kpi_target, s.kpi_verdict, s.schools_met) == (
        "ร้อยละ 100.00", "ร้อยละ 95", "ผ่าน", "5 จาก 5 โรงเรียน")
    assert (s.approved, s.approved_words, s.allocated) == (
        "69,500.00 บาท", "หกหมื่นเก้าพันห้าร้อยบาทถ้วน", "69,500.00 บาท")
    assert (s.fiscal_year, s.period, s.works, s.generated) == (
        "ปีงบประมาณ พ.ศ. 2569", "1 พฤศจิกายน 2568 – 31 กรกฎาคม 2569", "12 จาก 12 ผลงาน",
        "30 กันยายน 2569")


def test_publish_index_thai_and_phone_ready(site: PublishResult) -> None:
    html = site.pages[0].read_text(encoding="utf-8")
    tags = parse(html, "h1", "h2", "title")
    assert tags.tags[0] == ("html", {"lang": "th"})
    assert ("meta", {"name": "viewport", "content": "width=device-width, initial-scale=1"}) \
        in tags.tags
    assert tags.texts["h2"] == ["สรุปผลโครงการ", "โรงเรียนและผลงานที่คัดสรร"]
    assert tags.texts["h1"] == ["โครงการส่งเสริมสนับสนุนให้นักเรียนสร้างสรรค์ผลงานเพื่อการเรียนรู้"]
    hrefs = [a["href"] for t, a in tags.tags if t == "a"]
    assert hrefs == [f"school-bk0{i}.html" for i in range(1, 6)]


def test_publish_school_page_works(site: PublishResult) -> None:
    html = site.pages[3].read_text(encoding="utf-8")  # BK03: 2 selected of 3 made
    tags = parse(html, "h3")
    assert tags.texts["h3"] == ["หนังสืออิเล็กทรอนิกส์ นิทานพื้นบ้านบางเขน",
                                "ระบบรดน้ำต้นไม้อัตโนมัติด้วยไมโครคอนโทรลเลอร์"]
    links = [a["href"] for t, a in tags.tags if t == "a"]
    assert links == ["index.html", "https://example.org/learnworks/bk03/w01",
                     "https://example.org/learnworks/bk03/w02"]


@pytest.mark.parametrize("index", range(6))
def test_publish_no_external_requests(site: PublishResult, index: int) -> None:
    html = site.pages[index].read_text(encoding="utf-8")
    tags = parse(html)
    assert not [t for t, a in tags.tags if t in ("script", "link", "img", "iframe", "object")]
    assert not [a for _, a in tags.tags if "src" in a]
    assert "@import" not in html and "url(" not in html
    csp = next(a["content"] for t, a in tags.tags if t == "meta"
               and a.get("http-equiv") == "Content-Security-Policy")
    assert csp is not None and csp.startswith("default-src 'none'")


def test_publish_css_fonts_print_phone() -> None:
    css = str(stylesheet())
    assert '"Sarabun", "TH Sarabun New", "Noto Sans Thai"' in css
    for tlwg in ("Loma", "Garuda", "Umpush", "Waree", "Norasi"):
        assert f'"{tlwg}"' in css
    assert "@media print" in css and "@page { size: A4 portrait" in css
    assert "@media (max-width: 40rem)" in css


def test_publish_autoescape_on() -> None:
    env = environment()
    assert env.autoescape is True
    assert env.from_string("{{ x }}").render(x=SCRIPT) == "&lt;script&gt;alert(1)&lt;/script&gt;"


def test_publish_script_title_is_text(hostile: PublishResult) -> None:
    html = (hostile.out_dir / "school-bk01.html").read_text(encoding="utf-8")
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "<script" not in html.lower()
    tags = parse(html, "h3", "dd")
    assert tags.texts["h3"][0] == SCRIPT
    assert not [t for t, _ in tags.tags if t == "img"]
    assert '<img src=x onerror="alert(2)"> & "เพื่อน" (ป.4)' in tags.texts["dd"]


def test_publish_javascript_link_refused(hostile: PublishResult) -> None:
    html = (hostile.out_dir / "school-bk01.html").read_text(encoding="utf-8")
    tags = parse(html, "dd")
    hrefs = [a["href"] for t, a in tags.tags if t == "a"]
    assert hrefs == ["index.html", "https://example.org/learnworks/bk01/w01",
                     "https://example.org/a'onmouseover='alert(3)"]
    assert "javascript:alert(1) (ไม่แสดงเป็นลิงก์ เพราะไม่ได้ขึ้นต้นด้วย http:// หรือ https://)" \
        in tags.texts["dd"]
    assert "href=\"https://example.org/a&#39;onmouseover=&#39;alert(3)\"" in html
    assert [(f.sheet, f.cell, f.code) for f in hostile.site.findings] == [
        ("ผลงานนักเรียน", "I3", "link-refused")]
    assert not hostile.ok


def test_publish_refused_link_reported_in_thai(hostile: PublishResult) -> None:
    assert hostile.summary_lines()[2:] == [
        "ลิงก์ไม่ได้เผยแพร่: «ผลงานนักเรียน» ช่อง I3: ลิงก์ผลงาน 'javascript:alert(1)' "
        "ไม่ได้เผยแพร่เป็นลิงก์ เพราะเว็บไซต์แสดงเฉพาะลิงก์ที่ขึ้นต้นด้วย http:// หรือ https://",
        "ฉบับร่าง: สมุดงานมีข้อผิดพลาด 1 รายการ (ตรวจด้วย learnworks validate) "
        "แถวที่ผิดไม่ได้แสดงบนเว็บไซต์",
    ]
    html = hostile.pages[0].read_text(encoding="utf-8")
    assert ("ฉบับร่าง: ข้อมูลในสมุดงานยังมีข้อผิดพลาด 1 รายการ ตัวเลขในหน้านี้อาจยังไม่ถูกต้อง"
            in html)


@pytest.mark.parametrize(("value", "safe"), [
    ("https://example.org/x", True),
    ("HTTP://EXAMPLE.ORG", True),
    ("javascript:alert(1)", False),
    ("JavaScript:alert(1)", False),
    (" javascript:alert(1)", False),
    ("java\tscript:alert(1)", False),
    ("https://exa mple.org", False),
    ("data:text/html,<script>alert(1)</script>", False),
    ("vbscript:msgbox", False),
    ("//example.org/x", False),
    ("https:///nohost", False),
    ("ftp://example.org", False),
    ("https://[::1", False),
    (None, False),
])
def test_publish_safe_link(value: Any, safe: bool) -> None:
    assert (safe_link(value) is not None) is safe


@pytest.mark.parametrize(("codes", "slugs"), [
    (["BK01", "bk01", "ก/1", "../x"], ["school-bk01", "school-bk01-2", "school-1", "school-x"]),
])
def test_publish_slugs_unique_and_safe(codes: list[str], slugs: list[str]) -> None:
    taken: set[str] = set()
    assert [slug(c, taken) for c in codes] == slugs


def test_publish_thai_digits(sample_dict: dict[str, Any], make_workbook: Callable[..., Path],
                             tmp_path: Path) -> None:
    sample_dict[sh.SETTINGS.name]["thai_digits"] = True
    result = api.publish(make_workbook(sample_dict), tmp_path / "s", now=NOW)
    s = result.site.summary
    assert (s.kpi, s.approved, s.generated) == ("ร้อยละ ๑๐๐.๐๐", "๖๙,๕๐๐.๐๐ บาท",
                                                "๓๐ กันยายน ๒๕๖๙")


def test_publish_cli(sample_path: Path, tmp_path: Path) -> None:
    out = tmp_path / "เว็บไซต์"
    result = CliRunner().invoke(cli, ["publish", str(sample_path), "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert result.output.splitlines()[1] == f"หน้าแรก: {out / 'index.html'}"


def test_publish_cli_out_is_a_file(sample_path: Path, tmp_path: Path) -> None:
    target = tmp_path / "file.txt"
    target.write_text("x", encoding="utf-8")
    result = CliRunner().invoke(cli, ["publish", str(sample_path), "-o", str(target)])
    assert result.exit_code == 2
    assert result.output == (f"ผิดพลาด: {target} เป็นไฟล์ ไม่ใช่โฟลเดอร์ กรุณาเลือกโฟลเดอร์สำหรับ"
                             f"เว็บไซต์ ({target} is a file, not a folder)\n")


# --- students' names (SPEC "Privacy": children, พ.ร.บ.คุ้มครองข้อมูลส่วนบุคคล พ.ศ. 2562) ------------

PDPA = "พระราชบัญญัติคุ้มครองข้อมูลส่วนบุคคล พ.ศ. 2562"
#: BK01's selected works: W01 (ป.4, two students), W02 (ป.5, three), W03 (ป.6, one).
STUDENTS_SHOWN = {
    NAMES_HIDDEN: ["2 คน (ไม่เปิดเผยชื่อ)", "3 คน (ไม่เปิดเผยชื่อ)", "1 คน (ไม่เปิดเผยชื่อ)"],
    NAMES_INITIALS: ["ป. ต., ธ. ต. (ป.4)", "ก. ต., ณ. ต., ภ. ต. (ป.5)", "ส. ต. (ป.6)"],
    NAMES_FULL: ["ด.ญ.ปิยะดา ตัวอย่าง, ด.ช.ธนากร ตัวอย่าง (ชื่อสมมติ) (ป.4)",
                 "ด.ช.กิตติพัฒน์ ตัวอย่าง, ด.ญ.ณัฐธิดา ตัวอย่าง, ด.ช.ภูมิ ตัวอย่าง (ชื่อสมมติ) (ป.5)",
                 "ด.ญ.สุพิชชา ตัวอย่าง (ชื่อสมมติ) (ป.6)"],
}
PRIVACY_NOTE = {
    NAMES_HIDDEN: f"ไม่แสดงชื่อและระดับชั้นของนักเรียน เพื่อคุ้มครองข้อมูลส่วนบุคคลของเด็กตาม{PDPA}",
    NAMES_INITIALS: f"แสดงชื่อนักเรียนเป็นอักษรย่อ เพื่อคุ้มครองข้อมูลส่วนบุคคลของเด็กตาม{PDPA}",
    NAMES_FULL: f"แสดงชื่อนักเรียนโดยได้รับความยินยอมจากผู้ปกครองแล้ว ตาม{PDPA}",
}
FULL_NAMES = ["ปิยะดา ตัวอย่าง", "ธนากร ตัวอย่าง", "กิตติพัฒน์ ตัวอย่าง", "ณัฐธิดา ตัวอย่าง",
              "ภูมิ ตัวอย่าง", "สุพิชชา ตัวอย่าง", "อนุชา ตัวอย่าง", "พิมพ์ชนก ตัวอย่าง"]


def described(html: str, term: str) -> list[str]:
    """The text of each ``<dd>`` that follows ``<dt>term</dt>``."""
    found = re.findall(rf"<dt>{re.escape(term)}</dt><dd[^>]*>(.*?)</dd>", html, re.DOTALL)
    return [htmllib.unescape(t) for t in found]


def publish_with(sample_dict: dict[str, Any], make_workbook: Callable[..., Path], out: Path,
                 setting: str | None) -> PublishResult:
    """Publish the sample with ``ชื่อนักเรียนบนเว็บไซต์`` set; None: a workbook made before
    the setting existed (no such row in ``ตั้งค่า``)."""
    sample_dict[sh.SETTINGS.name]["student_names"] = setting
    path = make_workbook(sample_dict)
    if setting is None:
        import openpyxl

        wb = openpyxl.load_workbook(path)
        ws = wb[sh.SETTINGS.name]
        row = next(c.row for c in ws["A"] if c.value == sh.SETTINGS.title("student_names"))
        ws.delete_rows(row)
        wb.save(path)
    return api.publish(path, out, now=NOW)


@pytest.mark.parametrize("setting", [NAMES_HIDDEN, NAMES_INITIALS, NAMES_FULL],
                         ids=["hidden", "initials", "full"])
def test_publish_students_as_set(sample_dict: dict[str, Any],
                                 make_workbook: Callable[..., Path], tmp_path: Path,
                                 setting: str) -> None:
    result = publish_with(sample_dict, make_workbook, tmp_path / "site", setting)
    assert result.ok
    school = result.pages[1].read_text(encoding="utf-8")
    assert described(school, "นักเรียนผู้จัดทำ") == STUDENTS_SHOWN[setting]
    for page in result.pages:
        html = page.read_text(encoding="utf-8")
        assert parse(html, "p").texts["p"][-1] == PRIVACY_NOTE[setting], page.name


@pytest.mark.parametrize("setting", [NAMES_HIDDEN, NAMES_INITIALS, None],
                         ids=["hidden", "initials", "old-workbook"])
def test_publish_no_full_name_without_consent(sample_dict: dict[str, Any],
                                              make_workbook: Callable[..., Path],
                                              tmp_path: Path, setting: str | None) -> None:
    result = publish_with(sample_dict, make_workbook, tmp_path / "site", setting)
    text = "".join(p.read_text(encoding="utf-8") for p in result.pages)
    assert [n for n in FULL_NAMES if n in text] == []
    assert ("ด.ช." in text, "ด.ญ." in text) == (False, False)
    grades_shown = re.findall(r"\((?:อ|ป|ม)\.\d\)", text)
    assert grades_shown == ([] if setting != NAMES_INITIALS else
                            ["(ป.4)", "(ป.5)", "(ป.6)"] * 2 + ["(ป.4)", "(ป.5)"] * 3)


def test_publish_no_full_name_default_is_hidden(sample_dict: dict[str, Any],
                                                make_workbook: Callable[..., Path],
                                                tmp_path: Path) -> None:
    """A workbook made before the setting existed (no row in ตั้งค่า) shows no name."""
    result = publish_with(sample_dict, make_workbook, tmp_path / "site", None)
    school = result.pages[1].read_text(encoding="utf-8")
    assert described(school, "นักเรียนผู้จัดทำ") == STUDENTS_SHOWN[NAMES_HIDDEN]


@pytest.mark.parametrize(("setting", "title", "summary"), [
    (NAMES_HIDDEN, "นิทานโดย นักเรียน และ นักเรียน", "นักเรียน นำเสนอผลงาน"),
    (NAMES_INITIALS, "นิทานโดย ป. ต. และ ธ. ต.", "ป. ต. นำเสนอผลงาน"),
    (NAMES_FULL, "นิทานโดย ด.ญ.ปิยะดา ตัวอย่าง และ ธนากร ตัวอย่าง",
     "ปิยะดา ตัวอย่าง นำเสนอผลงาน"),
], ids=["hidden", "initials", "full"])
def test_publish_students_named_in_other_texts(sample_dict: dict[str, Any],
                                               make_workbook: Callable[..., Path],
                                               tmp_path: Path, setting: str, title: str,
                                               summary: str) -> None:
    """A student's full name typed in a work's title or the school's report is replaced too."""
    sample_dict[sh.WORKS.name][0]["title"] = "นิทานโดย ด.ญ.ปิยะดา ตัวอย่าง และ ธนากร ตัวอย่าง"
    sample_dict[sh.RESULT_REPORTS.name][0]["summary"] = "ปิยะดา ตัวอย่าง นำเสนอผลงาน"
    result = publish_with(sample_dict, make_workbook, tmp_path / "site", setting)
    school = result.pages[1].read_text(encoding="utf-8")
    assert parse(school, "h3").texts["h3"][0] == title
    assert described(school, "สรุปผลการดำเนินงาน") == [summary]


def test_publish_students_thai_digits(sample_dict: dict[str, Any],
                                      make_workbook: Callable[..., Path], tmp_path: Path) -> None:
    sample_dict[sh.SETTINGS.name]["thai_digits"] = True
    result = publish_with(sample_dict, make_workbook, tmp_path / "site", NAMES_HIDDEN)
    school = result.pages[1].read_text(encoding="utf-8")
    assert described(school, "นักเรียนผู้จัดทำ") == [
        "๒ คน (ไม่เปิดเผยชื่อ)", "๓ คน (ไม่เปิดเผยชื่อ)", "๑ คน (ไม่เปิดเผยชื่อ)"]
    assert result.site.privacy.endswith("พระราชบัญญัติคุ้มครองข้อมูลส่วนบุคคล พ.ศ. ๒๕๖๒")
