"""The website in a real browser: headless Chromium renders Thai text, hostile text stays text.

Skipped when Chromium is absent. ``LEARNWORKS_UPDATE_SCREENSHOTS=1`` also writes the README's
screenshots (``docs/publish-index.png``, ``docs/publish-school-phone.png``).
"""

from __future__ import annotations

import html
import os
import re
import shutil
import struct
import subprocess
from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from typing import Any

import pytest

from learnworks_xl import api
from learnworks_xl.core import sheets as sh
from learnworks_xl.core.models import NAMES_FULL, NAMES_HIDDEN, NAMES_INITIALS

ROOT = Path(__file__).resolve().parents[1]
CHROMIUM = next((p for p in (shutil.which("chromium"), shutil.which("chromium-browser"),
                             shutil.which("google-chrome")) if p), None)
pytestmark = pytest.mark.skipif(CHROMIUM is None, reason="Chromium not installed")
NOW = datetime(2026, 9, 30, 10, 0)
FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync",
         "--hide-scrollbars", "--disable-extensions"]


def chromium(tmp_path: Path, *args: str) -> str:
    """Run headless Chromium with a fresh profile; return its stdout."""
    assert CHROMIUM is not None
    profile = tmp_path / f"profile-{len(list(tmp_path.glob('profile-*')))}"
    result = subprocess.run([CHROMIUM, *FLAGS, f"--user-data-dir={profile}", *args],
                            capture_output=True, text=True, timeout=120, check=False)
    assert result.returncode == 0, result.stderr[-2000:]
    return result.stdout


def png_size(path: Path) -> tuple[int, int]:
    head = path.read_bytes()[:24]
    assert head[:8] == b"\x89PNG\r\n\x1a\n"
    width, height = struct.unpack(">II", head[16:24])
    return width, height


@pytest.fixture
def hostile_site(sample_dict: dict[str, Any], make_workbook: Callable[..., Path],
                 tmp_path: Path) -> Path:
    sample_dict[sh.SETTINGS.name]["student_names"] = NAMES_FULL
    works = sample_dict[sh.WORKS.name]
    works[0]["title"] = "<script>alert(1)</script>"
    works[0]["tools"] = '<img src=x onerror="document.body.dataset.pwned=1">'
    works[1]["link"] = "javascript:document.body.dataset.pwned=1"
    return api.publish(make_workbook(sample_dict), tmp_path / "site", now=NOW).out_dir


def test_publish_chromium_dom_keeps_script_as_text(hostile_site: Path, tmp_path: Path) -> None:
    dom = chromium(tmp_path, "--dump-dom", (hostile_site / "school-bk01.html").as_uri())
    assert "<h3>&lt;script&gt;alert(1)&lt;/script&gt;</h3>" in dom
    assert "<script" not in dom.lower()
    assert "<img" not in dom.lower()
    assert "pwned" in dom  # present as text only…
    assert "data-pwned" not in dom  # …never run
    assert 'href="javascript:' not in dom.lower()
    assert "javascript:document.body.dataset.pwned=1 (ไม่แสดงเป็นลิงก์" in dom


def test_publish_chromium_renders_thai(hostile_site: Path, tmp_path: Path) -> None:
    dom = chromium(tmp_path, "--dump-dom", (hostile_site / "index.html").as_uri())
    assert '<html lang="th">' in dom
    assert "<h2>สรุปผลโครงการ</h2>" in dom
    assert "ร้อยละ 100.00" in dom and "หกหมื่นเก้าพันห้าร้อยบาทถ้วน" in dom


@pytest.mark.parametrize(("page", "size", "doc"), [
    ("index.html", (1280, 1000), "publish-index.png"),
    ("school-bk01.html", (390, 1700), "publish-school-phone.png"),
])
def test_publish_chromium_screenshot(sample_path: Path, tmp_path: Path, page: str,
                                     size: tuple[int, int], doc: str) -> None:
    site = api.publish(sample_path, tmp_path / "site", now=NOW).out_dir
    shot = tmp_path / doc
    chromium(tmp_path, f"--screenshot={shot}", f"--window-size={size[0]},{size[1]}",
             (site / page).as_uri())
    assert png_size(shot) == size
    assert shot.stat().st_size > 20_000  # a blank page is a few kB
    if os.environ.get("LEARNWORKS_UPDATE_SCREENSHOTS"):
        shutil.copy(shot, ROOT / "docs" / doc)


@pytest.mark.skipif(shutil.which("pdfinfo") is None, reason="poppler-utils not installed")
def test_publish_chromium_prints_a4(sample_path: Path, tmp_path: Path) -> None:
    site = api.publish(sample_path, tmp_path / "site", now=NOW).out_dir
    pdf = tmp_path / "school.pdf"
    chromium(tmp_path, "--no-pdf-header-footer", f"--print-to-pdf={pdf}",
             (site / "school-bk01.html").as_uri())
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True)
    assert "(A4)" in info.stdout
    text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True,
                          check=True).stdout
    assert "ผลงานนักเรียนที่คัดสรรส่งสำนักการศึกษา" in text
    assert "หน้าหลักโครงการ" not in text  # navigation is not printed


PDPA = "พระราชบัญญัติคุ้มครองข้อมูลส่วนบุคคล พ.ศ. 2562"


@pytest.mark.parametrize(("setting", "students", "note"), [
    (NAMES_HIDDEN, ["2 คน (ไม่เปิดเผยชื่อ)", "3 คน (ไม่เปิดเผยชื่อ)", "1 คน (ไม่เปิดเผยชื่อ)"],
     f"ไม่แสดงชื่อและระดับชั้นของนักเรียน เพื่อคุ้มครองข้อมูลส่วนบุคคลของเด็กตาม{PDPA}"),
    (NAMES_INITIALS, ["ป. ต., ธ. ต. (ป.4)", "ก. ต., ณ. ต., ภ. ต. (ป.5)", "ส. ต. (ป.6)"],
     f"แสดงชื่อนักเรียนเป็นอักษรย่อ เพื่อคุ้มครองข้อมูลส่วนบุคคลของเด็กตาม{PDPA}"),
    (NAMES_FULL, ["ด.ญ.ปิยะดา ตัวอย่าง, ด.ช.ธนากร ตัวอย่าง (ชื่อสมมติ) (ป.4)",
                  "ด.ช.กิตติพัฒน์ ตัวอย่าง, ด.ญ.ณัฐธิดา ตัวอย่าง, ด.ช.ภูมิ ตัวอย่าง (ชื่อสมมติ) (ป.5)",
                  "ด.ญ.สุพิชชา ตัวอย่าง (ชื่อสมมติ) (ป.6)"],
     f"แสดงชื่อนักเรียนโดยได้รับความยินยอมจากผู้ปกครองแล้ว ตาม{PDPA}"),
], ids=["hidden", "initials", "full"])
def test_publish_chromium_students_as_set(sample_dict: dict[str, Any],
                                          make_workbook: Callable[..., Path], tmp_path: Path,
                                          setting: str, students: list[str], note: str) -> None:
    """What the browser shows of BK01's students under each ชื่อนักเรียนบนเว็บไซต์."""
    sample_dict[sh.SETTINGS.name]["student_names"] = setting
    site = api.publish(make_workbook(sample_dict), tmp_path / "site", now=NOW).out_dir
    dom = chromium(tmp_path, "--dump-dom", (site / "school-bk01.html").as_uri())
    shown = re.findall(r"<dt>นักเรียนผู้จัดทำ</dt><dd>(.*?)</dd>", dom)
    assert [html.unescape(s) for s in shown] == students
    assert f'<p class="privacy">{note}</p>' in dom
    assert ("ปิยะดา" in dom) is (setting == NAMES_FULL)
