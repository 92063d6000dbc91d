"""The city website: Bangkok's summary, a page per district and per school, the selected works,
from several district workbooks, folders or the roll-up workbook.

The figures are worked out by hand from the sample (README "The sample"): a large school gets
15,100 บาท and sends 3 works, a medium one 13,100 and 2; by 31 ก.ค. 2569 BK01 and BK02 spent
15,020 each and BK03–BK05 12,434 each, every school sent its works and a complete report.

* บางเขน: 5 schools, 69,500 allocated, 67,342 spent, 12 works, 5 meet (100.00).
* ดอนเมือง: the same, but BK03 sends 1 work of 2: 11 works, 4 meet (80.00).
* จตุจักร: without BK05 (medium): 4 schools, 56,400 allocated, 67,342 − 12,434 = 54,908
  spent, 10 works, 4 meet (100.00).
* Bangkok: 14 schools, 13 meet: 13 ÷ 14 × 100 = 92.857… → 92.86 (target 95: ไม่ผ่าน);
  allocated 195,400, spent 189,592 (97.027… → 97.03 %), left 5,808; works 33 of 34.
"""

from __future__ import annotations

import re
from decimal import Decimal
from pathlib import Path

import pytest
from click.testing import CliRunner

from learnworks_xl import api
from learnworks_xl.cli import cli
from learnworks_xl.core import sheets as sh
from learnworks_xl.publish.city import district_code, school_page
from learnworks_xl.publish.job import CityPublishResult
from tests.citykit import NOW, page, three_districts
from tests.rollupkit import MONTH, by_hand, district, drop_schools, unselect_one, write

PDPA = "พระราชบัญญัติคุ้มครองข้อมูลส่วนบุคคล พ.ศ. 2562"
SCHOOL_PAGES = [f"school-{c}-bk0{i}.html" for c, n in ((1005, 5), (1030, 4), (1036, 5))
                for i in range(1, n + 1)]


@pytest.fixture(scope="module")
def folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    base = tmp_path_factory.mktemp("city")
    three_districts(base / "เขต")
    return base


@pytest.fixture(scope="module")
def city(folder: Path) -> CityPublishResult:
    result = api.publish([folder / "เขต"], folder / "site", month=MONTH, now=NOW)
    assert isinstance(result, CityPublishResult)
    return result


def test_publish_city_figures_by_hand(folder: Path) -> None:
    """The hand figures of the module's docstring, against plain Python over the data."""
    from tests.rollupkit import district as d

    hand = [by_hand(d("บางเขน")), by_hand(unselect_one(d("ดอนเมือง"), "BK03")),
            by_hand(drop_schools(d("จตุจักร"), "BK05"))]
    assert [(h.schools, h.met, h.allocated, h.spent, h.works) for h in hand] == [
        (5, 5, 69500, 67342, 12), (5, 4, 69500, 67342, 11), (4, 4, 56400, 54908, 10)]
    assert sum(h.met for h in hand) * Decimal(100) / sum(h.schools for h in hand) == \
        Decimal(13 * 100) / 14


def test_publish_city_pages(city: CityPublishResult, folder: Path) -> None:
    names = [p.name for p in city.pages]
    assert names == ["index.html", "works.html", "district-1005.html", "district-1030.html",
                     "district-1036.html", *SCHOOL_PAGES]
    assert sorted(p.name for p in (folder / "site").iterdir()) == sorted(names)


def test_publish_city_summary(city: CityPublishResult) -> None:
    s = city.site.summary
    assert (s.program, s.agency, s.fiscal_year, s.month, s.as_of, s.generated) == (
        "โครงการส่งเสริมสนับสนุนให้นักเรียนสร้างสรรค์ผลงานเพื่อการเรียนรู้",
        "สำนักการศึกษา กรุงเทพมหานคร", "ปีงบประมาณ พ.ศ. 2569", "สิ้นเดือนกรกฎาคม 2569",
        "31 กรกฎาคม 2569", "3 สิงหาคม 2569")
    assert (s.districts, s.drafts, s.schools, s.met) == (
        "3 จาก 50 เขต", None, "14 โรงเรียน", "13 จาก 14 โรงเรียน")
    assert (s.kpi, s.kpi_target, s.kpi_verdict, s.kpi_passed) == (
        "ร้อยละ 92.86", "ร้อยละ 95", "ไม่ผ่าน", False)
    assert (s.approved, s.allocated, s.spent, s.remaining, s.disbursed) == (
        "195,400.00 บาท", "195,400.00 บาท", "189,592.00 บาท", "5,808.00 บาท", "ร้อยละ 97.03")
    assert (s.works, s.reports) == ("33 จาก 34 ผลงาน", "14 จาก 14 โรงเรียน (ครบถ้วน 14)")
    assert len(s.missing) == 47 and s.missing[:2] == ["พระนคร", "ดุสิต"]
    assert "บางเขน" not in s.missing


@pytest.mark.parametrize(("index", "office", "schools", "met", "kpi", "verdict", "allocated",
                          "spent", "disbursed", "works"), [
    (0, "สำนักงานเขตบางเขน", "5 โรงเรียน", "5 จาก 5 โรงเรียน", "ร้อยละ 100.00", "ผ่าน",
     "69,500.00 บาท", "67,342.00 บาท", "ร้อยละ 96.89", "12 จาก 12 ผลงาน"),
    (1, "สำนักงานเขตจตุจักร", "4 โรงเรียน", "4 จาก 4 โรงเรียน", "ร้อยละ 100.00", "ผ่าน",
     "56,400.00 บาท", "54,908.00 บาท", "ร้อยละ 97.35", "10 จาก 10 ผลงาน"),
    (2, "สำนักงานเขตดอนเมือง", "5 โรงเรียน", "4 จาก 5 โรงเรียน", "ร้อยละ 80.00", "ไม่ผ่าน",
     "69,500.00 บาท", "67,342.00 บาท", "ร้อยละ 96.89", "11 จาก 12 ผลงาน"),
])
def test_publish_city_districts(city: CityPublishResult, index: int, office: str, schools: str,
                                met: str, kpi: str, verdict: str, allocated: str, spent: str,
                                disbursed: str, works: str) -> None:
    """Per district, in the BMA's order (บางเขน 1005, จตุจักร 1030, ดอนเมือง 1036); 67,342 ÷
    69,500 = 96.894… → 96.89; 54,908 ÷ 56,400 = 97.354… → 97.35."""
    d = city.site.districts[index]
    assert (d.office, d.schools_count, d.met, d.kpi, d.kpi_target, d.kpi_verdict) == (
        office, schools, met, kpi, "ร้อยละ 95", verdict)
    assert (d.allocated, d.spent, d.disbursed, d.works) == (allocated, spent, disbursed, works)
    html = (city.out_dir / d.page).read_text(encoding="utf-8")
    assert f"<dd>{spent} (เบิกจ่าย{disbursed})</dd>" in html
    assert f"<h1>{office}</h1>" in html


def test_publish_city_index_page(city: CityPublishResult) -> None:
    p = page(city.out_dir / "index.html", "h1", "h2", "title")
    assert p.tags[0] == ("html", {"lang": "th"})
    assert p.texts["h2"] == ["สรุปภาพรวมกรุงเทพมหานคร", "ผลการดำเนินงานรายสำนักงานเขต"]
    assert p.hrefs == ["index.html", "works.html", "works.html", "district-1005.html",
                       "district-1030.html", "district-1036.html"]
    html = (city.out_dir / "index.html").read_text(encoding="utf-8")
    for text in ("ข้อมูล ณ สิ้นเดือนกรกฎาคม 2569 (31 กรกฎาคม 2569)", "3 จาก 50 เขต",
                 "ร้อยละ 92.86", "เป้าหมาย ร้อยละ 95", "189,592.00 บาท", "33 จาก 34 ผลงาน",
                 "14 จาก 14 โรงเรียน (ครบถ้วน 14)", "ยังไม่ได้รับข้อมูล 47 จาก 50 เขต: พระนคร, ดุสิต"):
        assert text in html, text


def test_publish_city_school_page(city: CityPublishResult) -> None:
    """ดอนเมือง's BK03: the one school failing the KPI, its one work of two."""
    p = page(city.out_dir / "school-1036-bk03.html", "h1", "h3", "dd")
    assert p.texts["h1"] == ["โรงเรียนตัวอย่างท่าแร้ง (ชื่อสมมติ)"]
    assert p.texts["dd"][:9] == [
        "สำนักงานเขตดอนเมือง", "BK03", "ขนาดกลาง", "13,100.00 บาท", "12,434.00 บาท",
        "1 ผลงาน จากเกณฑ์ 2 ผลงาน", "ครบถ้วน", "ไม่ผ่านเกณฑ์ ส่งผลงาน 1 จาก 2 ผลงาน", "90 คน"]
    assert p.texts["h3"] == ["ระบบรดน้ำต้นไม้อัตโนมัติด้วยไมโครคอนโทรลเลอร์"]
    assert p.hrefs == ["index.html", "works.html", "district-1036.html", "district-1036.html",
                       "https://example.org/learnworks/bk03/w02"]


def test_publish_city_links_are_relative_and_resolve(city: CityPublishResult) -> None:
    """Every link between pages points at a page of the folder (and its anchor exists);
    every other link is an http(s) work link."""
    ids = {p.name: page(p).ids for p in city.pages}
    for path in city.pages:
        for href in page(path).hrefs:
            if href.startswith("https://"):
                continue
            target, _, anchor = href.partition("#")
            assert "/" not in target and target in ids, (path.name, href)
            assert not anchor or anchor in ids[target], (path.name, href)


def test_publish_city_works_page(city: CityPublishResult) -> None:
    p = page(city.out_dir / "works.html", "h2", "h3")
    assert p.texts["h2"] == ["สำนักงานเขตบางเขน", "สำนักงานเขตจตุจักร", "สำนักงานเขตดอนเมือง"]
    assert len(p.texts["h3"]) == 33 == len(city.site.works)
    schools = [h for h in p.hrefs if h.startswith("school-")]
    assert len(schools) == 33 and set(schools) <= set(SCHOOL_PAGES)


# --- privacy: each district's own setting ---------------------------------------------------

@pytest.mark.parametrize(("school", "students", "note"), [
    ("school-1005-bk01.html", ["2 คน (ไม่เปิดเผยชื่อ)", "3 คน (ไม่เปิดเผยชื่อ)", "1 คน (ไม่เปิดเผยชื่อ)"],
     f"สำนักงานเขตบางเขน: ไม่แสดงชื่อและระดับชั้นของนักเรียน เพื่อคุ้มครองข้อมูลส่วนบุคคลของเด็กตาม{PDPA}"),
    ("school-1030-bk01.html", ["ป. ต., ธ. ต. (ป.4)", "ก. ต., ณ. ต., ภ. ต. (ป.5)", "ส. ต. (ป.6)"],
     f"สำนักงานเขตจตุจักร: แสดงชื่อนักเรียนเป็นอักษรย่อ เพื่อคุ้มครองข้อมูลส่วนบุคคลของเด็กตาม{PDPA}"),
    ("school-1036-bk01.html", ["ด.ญ.ปิยะดา ตัวอย่าง, ด.ช.ธนากร ตัวอย่าง (ชื่อสมมติ) (ป.4)",
                               "ด.ช.กิตติพัฒน์ ตัวอย่าง, ด.ญ.ณัฐธิดา ตัวอย่าง, ด.ช.ภูมิ ตัวอย่าง (ชื่อสมมติ) (ป.5)",
                               "ด.ญ.สุพิชชา ตัวอย่าง (ชื่อสมมติ) (ป.6)"],
     f"สำนักงานเขตดอนเมือง: แสดงชื่อนักเรียนโดยได้รับความยินยอมจากผู้ปกครองแล้ว ตาม{PDPA}"),
], ids=["hidden", "initials", "full"])
def test_publish_city_students_as_each_district_set(city: CityPublishResult, school: str,
                                                   students: list[str], note: str) -> None:
    html = (city.out_dir / school).read_text(encoding="utf-8")
    shown = re.findall(r"<dt>นักเรียนผู้จัดทำ</dt><dd>(.*?)</dd>", html)
    assert shown == students
    assert re.findall(r'<p class="privacy">(.*?)</p>', html) == [note]


def test_publish_city_full_names_only_where_consented(city: CityPublishResult) -> None:
    """ปิยะดา (a student of the sample, so of every district) is named only on ดอนเมือง's
    school pages and in ดอนเมือง's part of the works page."""
    named = sorted(p.name for p in city.pages if "ปิยะดา" in p.read_text(encoding="utf-8"))
    assert "school-1036-bk01.html" in named and "works.html" in named
    assert all(n.startswith("school-1036-") for n in named if n != "works.html"), named
    works = (city.out_dir / "works.html").read_text(encoding="utf-8")
    start = works.index('id="district-1036"')
    assert works.find("ปิยะดา") > start


# --- the roll-up workbook, the same site -----------------------------------------------------

def test_publish_city_from_rollup_workbook_same_pages(city: CityPublishResult,
                                                      folder: Path) -> None:
    """``learnworks rollup`` then ``learnworks publish`` of its workbook: the very same pages
    (read back from the hidden sheet ``ข้อมูลเว็บไซต์``)."""
    book = api.rollup([folder / "เขต"], folder / "bkk.xlsx", month=MONTH, now=NOW).out
    again = api.publish(book, folder / "site2")
    assert isinstance(again, CityPublishResult) and again.from_rollup_workbook
    assert [p.name for p in again.pages] == [p.name for p in city.pages]
    for mine, theirs in zip(city.pages, again.pages, strict=True):
        assert theirs.read_bytes() == mine.read_bytes(), mine.name


def test_publish_city_rollup_workbook_without_data_sheet(folder: Path, tmp_path: Path) -> None:
    """A roll-up workbook without the hidden sheet (an older version) is refused in Thai."""
    from openpyxl import load_workbook

    book = api.rollup([folder / "เขต"], tmp_path / "bkk.xlsx", month=MONTH, now=NOW).out
    wb = load_workbook(book)
    del wb["ข้อมูลเว็บไซต์"]
    old = tmp_path / "เก่า.xlsx"
    wb.save(old)
    result = CliRunner().invoke(cli, ["publish", str(old), str(tmp_path / "site")])
    assert (result.exit_code, result.stdout) == (2, "")
    assert result.stderr == (
        "ผิดพลาด: เก่า.xlsx เป็นสมุดงานสรุปภาพรวม แต่ไม่มีชีต «ข้อมูลเว็บไซต์» ที่เว็บไซต์ใช้ "
        "(สร้างด้วยโปรแกรมรุ่นก่อน) กรุณาสร้างใหม่ด้วย learnworks rollup หรือเผยแพร่จากสมุดงาน"
        "ของเขตโดยตรง (เก่า.xlsx is a roll-up workbook without the sheet the website needs; "
        "write it again with learnworks rollup)\n")


# --- school codes repeat across districts --------------------------------------------------

def test_publish_city_same_school_codes_two_pages(tmp_path: Path) -> None:
    a = district("บางเขน")
    b = district("ดอนเมือง")
    b[sh.SCHOOLS.name][0]["name"] = "โรงเรียนดอนเมืองทดสอบ"
    paths = [write(tmp_path / "in", "a.xlsx", a), write(tmp_path / "in", "b.xlsx", b)]
    result = api.publish(paths, tmp_path / "site", month=MONTH, now=NOW)
    assert isinstance(result, CityPublishResult)
    one, two = (page(tmp_path / "site" / n, "h1") for n in
                ("school-1005-bk01.html", "school-1036-bk01.html"))
    assert one.texts["h1"] == ["โรงเรียนตัวอย่างวัดบางเขน (ชื่อสมมติ)"]
    assert two.texts["h1"] == ["โรงเรียนดอนเมืองทดสอบ"]
    assert [s.page for s in result.site.schools if s.code == "BK01"] == [
        "school-1005-bk01.html", "school-1036-bk01.html"]


@pytest.mark.parametrize(("codes", "pages"), [
    (["BK01", "bk01", "ก/1", "../x"], ["school-1005-bk01.html", "school-1005-bk01-2.html",
                                       "school-1005-1.html", "school-1005-x.html"]),
])
def test_publish_city_school_page_names_unique_and_safe(codes: list[str],
                                                        pages: list[str]) -> None:
    taken: set[str] = set()
    assert district_code("บางเขน") == 1005 and district_code("บางบอน") == 1050
    assert [school_page("บางเขน", c, taken) for c in codes] == pages


# --- hostile text ----------------------------------------------------------------------------

def test_publish_city_hostile_text_escaped_not_linked(tmp_path: Path) -> None:
    data = district("บางเขน")
    works = data[sh.WORKS.name]
    works[0]["title"] = "<script>alert(1)</script>"
    works[0]["tools"] = '<img src=x onerror="alert(2)">'
    works[1]["link"] = "javascript:alert(1)"
    data[sh.SCHOOLS.name][1]["name"] = '<b onmouseover="alert(3)">ตัวหนา</b>'
    paths = [write(tmp_path / "in", "a.xlsx", data),
             write(tmp_path / "in", "b.xlsx", district("ดอนเมือง"))]
    result = api.publish(paths, tmp_path / "site", month=MONTH, now=NOW)
    for p in result.pages:
        html = p.read_text(encoding="utf-8")
        tags = page(p).tags
        assert not [t for t, _a in tags if t in ("script", "img", "b", "iframe", "object")], p
        assert "javascript:" not in html.lower(), p
        assert all(h.startswith("https://") or not re.match(r"^[a-z]+:", h)
                   for h in page(p).hrefs), p
    school = (tmp_path / "site" / "school-1005-bk01.html").read_text(encoding="utf-8")
    assert "<h3>&lt;script&gt;alert(1)&lt;/script&gt;</h3>" in school
    assert "<dd>&lt;img src=x onerror=&#34;alert(2)&#34;&gt;</dd>" in school
    assert "&lt;b onmouseover=&#34;alert(3)&#34;&gt;ตัวหนา&lt;/b&gt;" in \
        (tmp_path / "site" / "school-1005-bk02.html").read_text(encoding="utf-8")


# --- the command line --------------------------------------------------------------------------

def test_publish_city_cli_two_workbooks(tmp_path: Path) -> None:
    a = write(tmp_path, "a.xlsx", district("บางเขน"))
    b = write(tmp_path, "b.xlsx", unselect_one(district("ดอนเมือง"), "BK03"))
    out = tmp_path / "out"
    result = CliRunner().invoke(cli, ["publish", str(a), str(b), f"{out}/", "--month", MONTH])
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines() == [
        f"เขียนเว็บไซต์ของกรุงเทพมหานคร 14 หน้า (สำนักงานเขต 2 จาก 50 เขต โรงเรียน 10 โรงเรียน "
        f"ผลงานที่คัดสรร 23 ผลงาน) ที่ {out}",
        "ปีงบประมาณ พ.ศ. 2569 ข้อมูล ณ สิ้นเดือนกรกฎาคม 2569 (31 กรกฎาคม 2569)",
        f"หน้าแรก: {out / 'index.html'}",
        "ไฟล์ 2 ไฟล์: ใช้ข้อมูล 2 (ฉบับร่าง 0), ไม่ใช้เพราะมีไฟล์ที่ใหม่กว่า 0, ไม่ใช้ 0",
    ]
    assert result.stderr == "[1/2] อ่าน a.xlsx\n[2/2] อ่าน b.xlsx\n"


def test_publish_city_cli_rollup_workbook(tmp_path: Path) -> None:
    a = write(tmp_path / "in", "a.xlsx", district("บางเขน"))
    write(tmp_path / "in", "b.xlsx", district("ดอนเมือง"))
    book = api.rollup([a.parent], tmp_path / "rollup.xlsx", month=MONTH, now=NOW).out
    out = tmp_path / "out"
    result = CliRunner().invoke(cli, ["publish", str(book), str(out)])
    assert (result.exit_code, result.stderr) == (0, ""), result.output
    assert result.stdout.splitlines() == [
        f"เขียนเว็บไซต์ของกรุงเทพมหานคร 14 หน้า (สำนักงานเขต 2 จาก 50 เขต โรงเรียน 10 โรงเรียน "
        f"ผลงานที่คัดสรร 24 ผลงาน) ที่ {out}",
        "ปีงบประมาณ พ.ศ. 2569 ข้อมูล ณ สิ้นเดือนกรกฎาคม 2569 (31 กรกฎาคม 2569)",
        f"หน้าแรก: {out / 'index.html'}",
        "อ่านจากสมุดงานสรุปภาพรวม rollup.xlsx (จัดทำเมื่อ 3 สิงหาคม 2569)",
        "ไฟล์ 2 ไฟล์: ใช้ข้อมูล 2 (ฉบับร่าง 0), ไม่ใช้เพราะมีไฟล์ที่ใหม่กว่า 0, ไม่ใช้ 0",
    ]


def test_publish_city_cli_bad_file_listed_not_fatal(tmp_path: Path) -> None:
    """A broken file and a draft among good ones: listed, the site written, exit 1."""
    folder = tmp_path / "in"
    write(folder, "1-บางเขน.xlsx", district("บางเขน"))
    draft = district("จตุจักร")
    draft[sh.PURCHASES.name][0]["quantity"] = "สิบรีม"
    write(folder, "2-จตุจักร.xlsx", draft)
    (folder / "3-เสีย.xlsx").write_bytes(b"PK\x03\x04 not really")
    out = tmp_path / "out"
    result = CliRunner().invoke(cli, ["publish", str(folder), "-o", str(out), "--month", MONTH])
    assert result.exit_code == 1, result.output
    lines = result.stdout.splitlines()
    assert lines[0].startswith("เขียนเว็บไซต์ของกรุงเทพมหานคร 14 หน้า (สำนักงานเขต 2 จาก 50 เขต")
    assert lines[3] == "ไฟล์ 3 ไฟล์: ใช้ข้อมูล 2 (ฉบับร่าง 1), ไม่ใช้เพราะมีไฟล์ที่ใหม่กว่า 0, ไม่ใช้ 1"
    assert lines[4].startswith("  2-จตุจักร.xlsx: ใช้ข้อมูล (ฉบับร่าง) – ฉบับร่าง: ข้อผิดพลาด 1 รายการ")
    assert lines[5].startswith("  3-เสีย.xlsx: ไม่ใช้ – ")
    assert lines[6] == "ฉบับร่าง: จตุจักร มีข้อผิดพลาด ตัวเลขของเขตเหล่านี้นับเฉพาะแถวที่ถูกต้อง"
    assert len(lines) == 7
    index = (out / "index.html").read_text(encoding="utf-8")
    assert ("ฉบับร่าง: ข้อมูลของสำนักงานเขต 1 เขต (จตุจักร) ยังมีข้อผิดพลาด "
            "ตัวเลขของเขตเหล่านี้นับเฉพาะแถวที่ถูกต้อง") in index
    assert "บางเขต" not in index
    district_page = (out / "district-1030.html").read_text(encoding="utf-8")
    assert "ฉบับร่าง: ข้อมูลของสำนักงานเขตจตุจักรยังมีข้อผิดพลาด 1 รายการ" in district_page


@pytest.mark.parametrize(("args", "line"), [
    (["{a}"], "ระบุโฟลเดอร์ของเว็บไซต์ด้วย -o โฟลเดอร์ หรือเป็นชื่อสุดท้าย เช่น learnworks publish "
              "สมุดงาน.xlsm เว็บไซต์/ (give the site's folder with -o DIR or as the last PATH)"),
    (["{a}", "{tmp}/site", "--month", "2569-07"],
     "เลือกเดือนหรือปีงบประมาณได้เฉพาะเมื่อเผยแพร่จากสมุดงานของเขตหลายไฟล์ หรือโฟลเดอร์ "
     "(สมุดงานเดียวแสดงข้อมูล ณ วันนี้) (--month and --fiscal-year apply to several district "
     "workbooks or folders (one workbook shows today's figures))"),
    (["{a}", "{a}", "{a}"], "{a} เป็นไฟล์ ไม่ใช่โฟลเดอร์ กรุณาเลือกโฟลเดอร์สำหรับเว็บไซต์ "
                            "({a} is a file, not a folder)"),
    (["{a}", "{tmp}/ไม่มี.XLSM"],
     "ไม่พบไฟล์ {tmp}/ไม่มี.XLSM (ชื่อสุดท้ายเป็นชื่อสมุดงาน จึงไม่ใช้เป็นโฟลเดอร์ของเว็บไซต์ "
     "กรุณาตรวจชื่อไฟล์ หรือระบุโฟลเดอร์ของเว็บไซต์ด้วย -o โฟลเดอร์) ({tmp}/ไม่มี.XLSM not found; "
     "a workbook's name is not taken as the site's folder (give it with -o DIR))"),
    (["{a}", "{a}", "{tmp}/ไม่มี.xlsx"],
     "ไม่พบไฟล์ {tmp}/ไม่มี.xlsx (ชื่อสุดท้ายเป็นชื่อสมุดงาน จึงไม่ใช้เป็นโฟลเดอร์ของเว็บไซต์ "
     "กรุณาตรวจชื่อไฟล์ หรือระบุโฟลเดอร์ของเว็บไซต์ด้วย -o โฟลเดอร์) ({tmp}/ไม่มี.xlsx not found; "
     "a workbook's name is not taken as the site's folder (give it with -o DIR))"),
])
def test_publish_city_cli_usage(tmp_path: Path, args: list[str], line: str) -> None:
    a = write(tmp_path, "a.xlsx", district("บางเขน"))
    fill = {"a": a, "tmp": tmp_path}
    result = CliRunner().invoke(cli, ["publish", *(x.format(**fill) for x in args)])
    assert (result.exit_code, result.stdout) == (2, "")
    assert result.stderr == f"ผิดพลาด: {line.format(**fill)}\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.xlsx"]  # nothing written


def test_publish_city_rollup_workbook_damaged_data(folder: Path, tmp_path: Path) -> None:
    """A value of ``ข้อมูลเว็บไซต์`` edited by hand: refused in Thai, with its cell."""
    from openpyxl import load_workbook

    book = api.rollup([folder / "เขต"], tmp_path / "bkk.xlsx", month=MONTH, now=NOW).out
    wb = load_workbook(book)
    ws = wb["ข้อมูลเว็บไซต์"]
    cell = next(c for row in ws.iter_rows() for c in row if c.value == "ใช้จ่าย (บาท)")
    below = ws.cell(cell.row + 1, cell.column)
    below.value = "มาก"
    damaged = tmp_path / "แก้.xlsx"
    wb.save(damaged)
    result = CliRunner().invoke(cli, ["publish", str(damaged), "-o", str(tmp_path / "site")])
    assert (result.exit_code, result.stdout) == (2, "")
    assert result.stderr == (
        f"ผิดพลาด: อ่านข้อมูลเว็บไซต์จาก แก้.xlsx ไม่ได้: ชีต «ข้อมูลเว็บไซต์» ช่อง "
        f"{below.coordinate}: «ใช้จ่าย (บาท)» 'มาก' ไม่ใช่ตัวเลข "
        "(แก้.xlsx: the roll-up's data sheet cannot be read)\n")
    assert not (tmp_path / "site").exists()
