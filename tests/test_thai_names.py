"""Students' names for public pages: several names in one cell, titles, initials."""

from __future__ import annotations

import pytest

from learnworks_xl.thai import initials, initials_of_all, split_names, without_title


@pytest.mark.parametrize(("text", "names"), [
    ("ด.ช. สมชาย ใจดี", ["ด.ช. สมชาย ใจดี"]),
    ("ด.ญ.ปิยะดา ตัวอย่าง, ด.ช.ธนากร ตัวอย่าง (ชื่อสมมติ)",
     ["ด.ญ.ปิยะดา ตัวอย่าง", "ด.ช.ธนากร ตัวอย่าง"]),
    ("เด็กชายภูมิ ใจดี และเด็กหญิงมานี รักเรียน", ["เด็กชายภูมิ ใจดี", "เด็กหญิงมานี รักเรียน"]),
    ("นายสมชาย ใจดีและนางสาวสมหญิง รักดี", ["นายสมชาย ใจดี", "นางสาวสมหญิง รักดี"]),
    ("สมชาย ใจดี และ มานี รักเรียน", ["สมชาย ใจดี", "มานี รักเรียน"]),
    ("ก ข, ค ง, และ จ ฉ", ["ก ข", "ค ง", "จ ฉ"]),
    ("1. ด.ช.ก ข\n2) ด.ญ.ค ง\n๓. จ ฉ", ["ด.ช.ก ข", "ด.ญ.ค ง", "จ ฉ"]),
    ("ด.ช.ต้น (ต้นกล้า) มั่นคง; ด.ญ.ฝน  ใจเย็น", ["ด.ช.ต้น มั่นคง", "ด.ญ.ฝน ใจเย็น"]),
    ("(ชื่อสมมติ)", []),
    ("", []),
])
def test_thai_names_split(text: str, names: list[str]) -> None:
    assert split_names(text) == names


@pytest.mark.parametrize(("name", "bare"), [
    ("ด.ช. สมชาย ใจดี", "สมชาย ใจดี"),
    ("ด.ช.สมชาย ใจดี", "สมชาย ใจดี"),
    ("ด.ญ. มานี รักเรียน", "มานี รักเรียน"),
    ("ด. ญ. มานี รักเรียน", "มานี รักเรียน"),
    ("ดช.สมชาย ใจดี", "สมชาย ใจดี"),
    ("เด็กชายสมชาย ใจดี", "สมชาย ใจดี"),
    ("เด็กหญิง มานี รักเรียน", "มานี รักเรียน"),
    ("นายสมชาย ใจดี", "สมชาย ใจดี"),
    ("นางสาวสมหญิง รักดี", "สมหญิง รักดี"),
    ("น.ส.สมหญิง รักดี", "สมหญิง รักดี"),
    ("นางมาลี ศรีสุข", "มาลี ศรีสุข"),
    ("นายิกา สุขใจ", "นายิกา สุขใจ"),  # a name that begins like นาย
    ("Mr. John Smith", "John Smith"),
    ("Miss Jane Doe", "Jane Doe"),
    ("Mrinal Sen", "Mrinal Sen"),
    ("สมชาย ใจดี", "สมชาย ใจดี"),
])
def test_thai_names_without_title(name: str, bare: str) -> None:
    assert without_title(name) == bare


@pytest.mark.parametrize(("name", "short"), [
    ("ด.ช. สมชาย ใจดี", "ส. ใ."),
    ("ด.ญ.ปิยะดา ตัวอย่าง", "ป. ต."),
    ("นางสาวแก้ว ใส", "แ. ใ."),
    ("john smith", "J. S."),
    ("มานี", "ม."),
    ("ด.ช.", ""),
])
def test_thai_names_initials(name: str, short: str) -> None:
    assert initials(name) == short


def test_thai_names_initials_of_a_cell() -> None:
    assert initials_of_all("ด.ช.กิตติพัฒน์ ตัวอย่าง, ด.ญ.ณัฐธิดา ตัวอย่าง, "
                           "ด.ช.ภูมิ ตัวอย่าง (ชื่อสมมติ)") == ["ก. ต.", "ณ. ต.", "ภ. ต."]
