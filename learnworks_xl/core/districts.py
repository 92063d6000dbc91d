"""Bangkok's 50 district offices (สำนักงานเขต): the one list, and which district a workbook
belongs to.

The list is in the BMA's official order (district codes 1001 พระนคร … 1050 บางบอน); the
setting ``สำนักงานเขต`` of ``โครงการ`` is a drop-down of it, the roll-up lists districts in it,
and the benchmark grows its workbooks from it.

A workbook made before the setting existed has no ``สำนักงานเขต`` label: it takes the district
named in ``หน่วยงานที่รับผิดชอบ`` when exactly one is named there (``…สำนักงานเขตบางเขน`` →
บางเขน), else a ``missing-setting`` finding says what to add
(:func:`district_from_agency`).
"""

from __future__ import annotations

import difflib
import re
from typing import Any, Literal, get_args

from learnworks_xl.core import findings as fd
from learnworks_xl.core.fields import CellValueError, to_text
from learnworks_xl.thai import to_arabic_digits

District = Literal[
    "พระนคร", "ดุสิต", "หนองจอก", "บางรัก", "บางเขน", "บางกะปิ", "ปทุมวัน", "ป้อมปราบศัตรูพ่าย",
    "พระโขนง", "มีนบุรี", "ลาดกระบัง", "ยานนาวา", "สัมพันธวงศ์", "พญาไท", "ธนบุรี", "บางกอกใหญ่",
    "ห้วยขวาง", "คลองสาน", "ตลิ่งชัน", "บางกอกน้อย", "บางขุนเทียน", "ภาษีเจริญ", "หนองแขม",
    "ราษฎร์บูรณะ", "บางพลัด", "ดินแดง", "บึงกุ่ม", "สาทร", "บางซื่อ", "จตุจักร", "บางคอแหลม",
    "ประเวศ", "คลองเตย", "สวนหลวง", "จอมทอง", "ดอนเมือง", "ราชเทวี", "ลาดพร้าว", "วัฒนา",
    "บางแค", "หลักสี่", "สายไหม", "คันนายาว", "สะพานสูง", "วังทองหลาง", "คลองสามวา", "บางนา",
    "ทวีวัฒนา", "ทุ่งครุ", "บางบอน",
]
#: The 50 districts of Bangkok, in the BMA's order.
DISTRICTS: tuple[str, ...] = get_args(District)
#: A district's office is ``สำนักงานเขต`` + its name.
OFFICE = "สำนักงานเขต"
_ORDER = {name: i for i, name in enumerate(DISTRICTS)}
# Longest names first, so that no name stops the match of a longer one.
_NAMED = re.compile("เขต\\s*(" + "|".join(sorted(DISTRICTS, key=len, reverse=True)) + ")")
_PREFIX = re.compile(r"^(?:สำนักงาน\s*)?เขต\s*")


def office(district: str) -> str:
    """The office's name: ``บางเขน`` → ``สำนักงานเขตบางเขน``."""
    return OFFICE + district


def order(district: str) -> int:
    """The district's place in the official order (0 for พระนคร; unknown names last)."""
    return _ORDER.get(district, len(DISTRICTS))


def districts_named(text: str | None) -> list[str]:
    """The districts a text names as ``เขต…`` or ``สำนักงานเขต…``, each once, in the order
    they appear (``ฝ่ายการศึกษา สำนักงานเขตบางเขน`` → ``["บางเขน"]``).

    A district's name alone (``บางเขน`` in a school's name) is not taken: only after เขต.
    """
    found: list[str] = []
    for match in _NAMED.finditer(" ".join((text or "").split())):
        if match[1] not in found:
            found.append(match[1])
    return found


def district_validator(value: Any) -> Any:
    """Read a typed district as the list writes it: ``สำนักงานเขตบางเขน``, ``เขต บางเขน`` and
    `` บางเขน `` are บางเขน. A name not in the list is a ``not-allowed`` finding that suggests
    the closest names."""
    text = "".join(_PREFIX.sub("", to_arabic_digits(to_text(value))).split())
    if text in _ORDER:
        return text
    close = difflib.get_close_matches(text, DISTRICTS, n=3, cutoff=0.6)
    hint = f" หมายถึง {' หรือ '.join(close)} หรือไม่" if close else ""
    raise CellValueError("not-allowed", f"ไม่ใช่ชื่อสำนักงานเขตของกรุงเทพมหานคร{hint} "
                                        "กรุณาเลือกจากรายการ 50 สำนักงานเขต")


def missing_district_message(agency: str | None, found: list[str]) -> str:
    """What an old workbook without ``สำนักงานเขต`` is told when its agency does not name
    exactly one district."""
    from learnworks_xl.core.cellerrors import named, shown
    from learnworks_xl.core.sheets import PROJECT

    label, where = named(PROJECT.title("district")), named(PROJECT.title("agency"))
    if not agency:
        why = f"และยังไม่ได้กรอก {where}"
    elif found:
        why = f"และ {where} '{shown(agency)}' ระบุไว้ {len(found)} เขต ({', '.join(found)})"
    else:
        why = f"และ {where} '{shown(agency)}' ไม่ได้ระบุสำนักงานเขต"
    return (f"ไม่พบหัวข้อ {label} ในชีต «{PROJECT.name}» {why} จึงไม่ทราบว่าเป็นสมุดงานของเขตใด "
            f"กรุณาเพิ่มหัวข้อ {label} (ชื่อหัวข้ออยู่คอลัมน์หนึ่ง ค่าอยู่คอลัมน์ถัดไป) "
            "แล้วเลือกสำนักงานเขตจากรายการ")


def district_from_agency(kv: Any, findings: list[fd.Finding]) -> list[fd.Finding]:
    """Give a ``โครงการ`` sheet made before ``สำนักงานเขต`` existed its district.

    When the sheet has no ``สำนักงานเขต`` label and ``หน่วยงานที่รับผิดชอบ`` names exactly one
    district, the model takes it (``kv.model`` is replaced) and the label's
    ``missing-setting`` finding is dropped; otherwise that finding says why no district
    could be taken. A sheet with the label (filled, empty or wrong) is left as read.

    Args:
        kv: The parsed ``โครงการ`` (:class:`~learnworks_xl.core.table.KeyValue`).
        findings: Its findings.

    Returns:
        The findings, the label's ``missing-setting`` replaced or dropped.
    """
    if not kv.found or "district" in kv.cells:
        return findings
    from learnworks_xl.core.sheets import PROJECT

    title = PROJECT.title("district")
    rest = [f for f in findings if not (f.code == "missing-setting" and f.column == title)]
    agency = getattr(kv.model, "agency", None)
    named = districts_named(agency)
    if len(named) == 1 and kv.model is not None:
        kv.model = kv.model.model_copy(update={"district": named[0]})
        return rest
    return [*rest, fd.error("missing-setting", PROJECT.name,
                            missing_district_message(agency, named), column=title,
                            value=agency)]


__all__ = ["DISTRICTS", "OFFICE", "District", "district_from_agency", "district_validator",
           "districts_named", "office", "order"]
