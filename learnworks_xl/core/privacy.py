"""What a page or a list meant for publishing may say about students (SPEC "Privacy").

Students are children (พ.ร.บ.คุ้มครองข้อมูลส่วนบุคคล พ.ศ. 2562): ``ตั้งค่า`` →
``ชื่อนักเรียนบนเว็บไซต์`` decides what a work says about them — how many they are (the
default, no name and no grade), their initials and grade, or their full names and grade once
the office records that consent was obtained. A student's full name typed in another text of a
work (its title, its tools) or in a school's report summary is replaced the same way, so
nothing published names a child unless consent says so. The website and the roll-up's
``ผลงานที่คัดสรร`` both use :class:`Students`.
"""

from __future__ import annotations

import re

from learnworks_xl import thai
from learnworks_xl.core.models import NAMES_FULL, NAMES_INITIALS, StudentWork

#: What every page says about students' names, by ``ชื่อนักเรียนบนเว็บไซต์``.
PDPA = "พระราชบัญญัติคุ้มครองข้อมูลส่วนบุคคล พ.ศ. 2562"
PRIVACY_NOTES: dict[str, str] = {
    NAMES_FULL: f"แสดงชื่อนักเรียนโดยได้รับความยินยอมจากผู้ปกครองแล้ว ตาม{PDPA}",
    NAMES_INITIALS: f"แสดงชื่อนักเรียนเป็นอักษรย่อ เพื่อคุ้มครองข้อมูลส่วนบุคคลของเด็กตาม{PDPA}",
}
HIDDEN_NOTE = f"ไม่แสดงชื่อและระดับชั้นของนักเรียน เพื่อคุ้มครองข้อมูลส่วนบุคคลของเด็กตาม{PDPA}"
UNNAMED = "ไม่เปิดเผยชื่อ"
#: A child's name typed with a child's title anywhere in a text (ด.ช. ด.ญ. เด็กชาย เด็กหญิง),
#: with the next word as its surname unless that word is a joining word: a name no work lists
#: among its students is hidden too.
_WORD = r"[\u0E01-\u0E2E\u0E30-\u0E4E]+"
_JOINING = ("และ", "กับ", "หรือ", "ได้", "ได้รับ", "ชั้น", "ระดับ", "ซึ่ง", "ที่", "จาก", "ผู้", "เป็น",
            "จึง", "ทำ", "ร่วม")
_TITLED_CHILD = re.compile(
    r"(?:ด\s*\.\s*[ชญ]\s*\.?|ด[ชญ]\s*\.|เด็กชาย|เด็กหญิง)\s*" + _WORD
    + r"(?:[ \t]+(?!(?:" + "|".join(_JOINING) + r")(?![\u0E01-\u0E4E]))" + _WORD + ")?")


def privacy_note(setting: str) -> str:
    """What a page says about students' names under ``setting``."""
    return PRIVACY_NOTES.get(setting, HIDDEN_NOTE)


class Students:
    """What may be said about the students of a district's works, by its setting.

    Args:
        setting: ``ชื่อนักเรียนบนเว็บไซต์`` of the district's ``ตั้งค่า``.
        works: The district's works (every full name typed in them is known).
        thai_digits: Write the count of students with Thai digits.
    """

    def __init__(self, setting: str, works: list[StudentWork], thai_digits: bool = False) -> None:
        self.full = setting == NAMES_FULL
        self.initials = setting == NAMES_INITIALS
        self.thai_digits = thai_digits
        stand_ins: dict[str, str] = {}
        if not self.full:  # every full name typed anywhere, longest first
            for w in works:
                for name in thai.split_names(w.students):
                    short = thai.initials(name) if self.initials else "นักเรียน"
                    for form in {name, thai.without_title(name)}:
                        if len(form.split()) >= 2:
                            stand_ins[form] = short
        self._names = sorted(stand_ins.items(), key=lambda kv: -len(kv[0]))

    def names(self, students: str) -> str:
        """The students of one work: full names, initials, or ``2 คน (ไม่เปิดเผยชื่อ)``."""
        if self.full:
            return students
        if self.initials:
            return ", ".join(thai.initials_of_all(students)) or UNNAMED
        count = len(thai.split_names(students))
        if not count:
            return UNNAMED
        shown = thai.to_thai_digits(f"{count:,}") if self.thai_digits else f"{count:,}"
        return f"{shown} คน ({UNNAMED})"

    def grade(self, grade: str) -> str | None:
        """The grade, shown only with the names."""
        return grade if self.full or self.initials else None

    def text(self, text: str) -> str:
        """``text`` with each student's full name replaced (initials, or ``นักเรียน``), and any
        other child's name typed with its title (``ด.ญ.มะลิ หอมหวาน``, ``เด็กชายสมศักดิ์``)."""
        if self.full:
            return text
        for name, short in self._names:
            text = text.replace(name, short)
        return _TITLED_CHILD.sub(
            lambda m: thai.initials(m[0]) if self.initials else "นักเรียน", text)

    def maybe(self, text: str | None) -> str | None:
        """:meth:`text` of an optional text."""
        return None if text is None else self.text(text)


__all__ = ["HIDDEN_NOTE", "PDPA", "PRIVACY_NOTES", "UNNAMED", "Students", "privacy_note"]
