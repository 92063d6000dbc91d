"""Children's names typed in free text (a work's title, a report's summary) with a child's
title are hidden by the privacy setting even when no work lists them among its students."""

from __future__ import annotations

import pytest

from learnworks_xl.core.models import NAMES_FULL, NAMES_INITIALS
from learnworks_xl.core.privacy import Students

HIDDEN = "ไม่แสดงชื่อและระดับชั้น"


@pytest.mark.parametrize(("text", "hidden", "initials"), [
    ("ระบบรดน้ำของ ด.ช.ภูมิ ตัวอย่าง และ ด.ญ.มะลิ หอมหวาน",
     "ระบบรดน้ำของ นักเรียน และ นักเรียน", "ระบบรดน้ำของ ภ. ต. และ ม. ห."),
    ("ด.ญ.ปิยะดา ตัวอย่าง ได้รับรางวัลชนะเลิศ และเด็กชายสมศักดิ์ รักเรียน ได้รางวัลชมเชย",
     "นักเรียน ได้รับรางวัลชนะเลิศ และนักเรียน ได้รางวัลชมเชย",
     "ป. ต. ได้รับรางวัลชนะเลิศ และส. ร. ได้รางวัลชมเชย"),
    ("ผลงานของ ดช. ก้อง กับ เด็กหญิงแก้ว", "ผลงานของ นักเรียน กับ นักเรียน",
     "ผลงานของ ก. กับ แ."),
    # a word that only starts like a title, and text without names, stay as typed
    ("นายิกา ดูแลแปลงผัก ชั้น ป.5", "นายิกา ดูแลแปลงผัก ชั้น ป.5", "นายิกา ดูแลแปลงผัก ชั้น ป.5"),
])
def test_privacy_text_titled_children(text: str, hidden: str, initials: str) -> None:
    assert Students(HIDDEN, []).text(text) == hidden
    assert Students(NAMES_INITIALS, []).text(text) == initials
    assert Students(NAMES_FULL, []).text(text) == text
