"""The corpus of bad workbooks, built by code at test time (nothing big is committed).

Each :class:`Case` builds one file from the sample workbook and says what ``learnworks
validate`` must answer: findings at given cells (exit 0/1), or one exact Thai line on stderr
(exit 2). Builders stream big parts, so even the 1 GB zip bomb is never held in memory.
"""

from __future__ import annotations

from learnworks_xl.core import sheets as sh
from tests.corpus.data import (
    be_dates,
    blank_rows_middle,
    chart_sheet,
    dates_calamine_cannot_read,
    duplicated_column,
    empty_workbook,
    extra_column,
    formatted_blank_rows,
    formula_errors,
    hidden_rows,
    merged_over_table,
    missing_column,
    missing_sheets,
    no_sheets,
    percent_cells,
    reordered_columns,
    thai_digits,
    wrong_types,
)
from tests.corpus.files import (
    a_folder,
    bad_crc,
    big_data,
    big_picture,
    bzip2_part,
    csv_renamed,
    duplicate_parts,
    empty_file,
    entity_bomb_shared,
    entity_bomb_sheet,
    external_entity,
    far_cell,
    far_column,
    lock_file,
    missing_path,
    no_central_directory,
    no_r_attributes,
    odd_spelling,
    password,
    past_cell_limit,
    plain_zip,
    quadratic_bait,
    real_xls,
    rows_without_r,
    shared_text_copies,
    too_many_parts,
    truncated,
    unreadable_tag,
    xlsb,
    zip_bomb,
    zip_bomb_lying,
    zip_bomb_one_element,
)
from tests.corpus.kit import BOMB, NOT_WORKBOOK, Case, Kit, corrupt, dtd, refused

__all__ = ["CASES", "Case", "Kit", "big_data", "big_picture"]


# --- what each case must answer ----------------------------------------------------------

P, SC, W, R = sh.PURCHASES.name, sh.SCHOOLS.name, sh.WORKS.name, sh.RESULT_REPORTS.name
ALL_MISSING = frozenset(("missing-sheet", s.name, None) for s in sh.INPUT_SHEETS)
NONE: frozenset[str] = frozenset()
TEN_S = 10.0  # a refusal reads no cell: it must be quick

CASES: tuple[Case, ...] = (
    # the data is wrong: findings at the cells
    Case("wrong-types", wrong_types, 1, findings=frozenset({
        ("invalid-format", SC, "F2"), ("type-error", P, "D2"), ("invalid-date", P, "B3"),
        ("type-error", P, "F4"), ("invalid-date", W, "K2"), ("type-error", R, "C2")})),
    Case("dates-calamine-cannot-read", dates_calamine_cannot_read, 1, findings=frozenset({
        ("invalid-date", P, "B2"), ("invalid-date", W, "K2")}),
        # K2 is BK01's first selected work's date: undated, it is not counted (BK01 2 of 3)
        codes=frozenset({"invalid-date", "quota-not-met"})),
    Case("percent-cells", percent_cells, 0, codes=NONE),
    Case("thai-digits", thai_digits, 0, codes=NONE),
    Case("be-dates", be_dates, 0, codes=NONE),
    Case("merged-over-table", merged_over_table, 1,
         findings=frozenset({("required", SC, "C4")}), codes=frozenset({"required"})),
    Case("formula-errors", formula_errors, 1, findings=frozenset({
        ("formula-error", P, "G2"), ("formula-error", P, "G3"), ("formula-error", W, "K2")}),
        # K2 is BK01's first selected work's date: undated, it is not counted (BK01 2 of 3)
        codes=frozenset({"formula-error", "quota-not-met"})),
    Case("hidden-rows", hidden_rows, 1, findings=frozenset({("type-error", P, "D5")}),
         codes=frozenset({"type-error"})),
    Case("extra-columns", extra_column, 0, codes=NONE),
    Case("missing-column", missing_column, 1,
         findings=frozenset({("missing-column", SC, "A1")}),
         codes=frozenset({"missing-column", "required"})),
    Case("duplicated-column", duplicated_column, 0,
         findings=frozenset({("duplicate-column", SC, "I1")}),
         codes=frozenset({"duplicate-column"})),
    Case("reordered-columns", reordered_columns, 0, codes=NONE),
    Case("blank-rows-in-the-middle", blank_rows_middle, 0, codes=NONE),
    Case("10000-formatted-blank-rows", formatted_blank_rows, 0, codes=NONE,
         max_seconds=TEN_S),
    Case("missing-sheets", missing_sheets, 1,
         findings=frozenset({("missing-sheet", W, None), ("missing-sheet", R, None)}),
         codes=frozenset({"missing-sheet"})),
    Case("empty-workbook", empty_workbook, 1, findings=ALL_MISSING,
         codes=frozenset({"missing-sheet"})),
    Case("no-sheets-at-all", no_sheets, 1, findings=ALL_MISSING,
         codes=frozenset({"missing-sheet"})),
    Case("chart-sheet", chart_sheet, 0, codes=NONE),
    Case("cells-without-r", no_r_attributes, 0, codes=NONE),
    Case("odd-xml-spelling", odd_spelling, 0, codes=NONE),
    Case("50mb-of-pictures", big_picture, 0, codes=NONE, max_seconds=TEN_S),
    Case("50mb-of-wrong-cells", big_data, 1, findings=frozenset({
        ("too-long", P, "A2"), ("not-allowed", P, "H16501")}), slow=True),
    # the file is not a workbook, is broken, hostile, or past a limit: one line, exit 2
    Case("missing-file", missing_path, 2, max_seconds=TEN_S,
         stderr=refused("ไม่พบไฟล์ {path}", "file not found: {path}")),
    Case("a-folder", a_folder, 2, max_seconds=TEN_S,
         stderr=refused("{path} เป็นโฟลเดอร์ ไม่ใช่ไฟล์สมุดงาน", "{path} is a directory")),
    Case("real-xls", real_xls, 2, needs="soffice", max_seconds=TEN_S, stderr=refused(
        "ไฟล์ {name} เป็นไฟล์ Excel รุ่นเก่า (.xls) กรุณาเปิดใน Excel แล้วบันทึกเป็น .xlsx หรือ .xlsm",
        "{name} is a legacy .xls workbook; save it as .xlsx/.xlsm")),
    Case("csv-renamed-xlsx", csv_renamed, 2, max_seconds=TEN_S, stderr=refused(
        "ไฟล์ {name} เป็นไฟล์ข้อความ (เช่น CSV หรือ HTML) ไม่ใช่สมุดงาน Excel "
        "กรุณาเปิดใน Excel แล้วบันทึกเป็น .xlsx หรือ .xlsm",
        "{name} is a text file (CSV/HTML?), not an Excel workbook")),
    Case("password-protected", password, 2, max_seconds=TEN_S, stderr=refused(
        "ไฟล์ {name} มีรหัสผ่านป้องกัน กรุณาเปิดใน Excel เอารหัสผ่านออก "
        "แล้วบันทึกใหม่เป็น .xlsx หรือ .xlsm", "{name} is password-protected (encrypted)")),
    Case("zip-bomb-1gb", zip_bomb, 2, stderr=BOMB, max_seconds=TEN_S, slow=True),
    Case("zip-bomb-lying-sizes", zip_bomb_lying, 2, stderr=BOMB, max_seconds=TEN_S * 2,
         slow=True),
    Case("zip-bomb-one-element", zip_bomb_one_element, 2, max_seconds=TEN_S, slow=True,
         stderr=refused("ไฟล์ {name} มีข้อมูลในเซลล์เดียวยาวเกินกำหนด (16 MB) อาจเป็นไฟล์อันตราย",
                        "{name}: one element of xl/worksheets/sheet11.xml is larger than 16 MB")),
    Case("entity-bomb-shared-strings", entity_bomb_shared, 2, max_seconds=TEN_S,
         stderr=dtd("xl/sharedStrings.xml")),
    Case("entity-bomb-sheet", entity_bomb_sheet, 2, max_seconds=TEN_S,
         stderr=dtd("xl/worksheets/sheet11.xml")),
    Case("external-entity", external_entity, 2, max_seconds=TEN_S,
         stderr=dtd("xl/worksheets/sheet11.xml")),
    Case("still-being-written", truncated, 2, max_seconds=TEN_S,
         stderr=corrupt("no end of central directory")),
    Case("no-central-directory", no_central_directory, 2, max_seconds=TEN_S,
         stderr=corrupt("no end of central directory")),
    Case("zero-bytes", empty_file, 2, stderr=NOT_WORKBOOK, max_seconds=TEN_S),
    Case("excel-lock-file", lock_file, 2, stderr=NOT_WORKBOOK, max_seconds=TEN_S),
    Case("plain-zip", plain_zip, 2, max_seconds=TEN_S, stderr=refused(
        "ไฟล์ {name} ไม่ใช่สมุดงาน Excel (.xlsx หรือ .xlsm)",
        "{name} is a zip but not an Excel workbook")),
    Case("xlsb", xlsb, 2, max_seconds=TEN_S, stderr=refused(
        "ไฟล์ {name} เป็นสมุดงานแบบไบนารี (.xlsb) ซึ่งยังไม่รองรับ กรุณาบันทึกเป็น .xlsx หรือ .xlsm",
        "{name} is a binary workbook (.xlsb), not supported")),
    Case("duplicate-parts", duplicate_parts, 2, max_seconds=TEN_S,
         stderr=corrupt("duplicate part names")),
    Case("bad-crc", bad_crc, 2, max_seconds=TEN_S, stderr=corrupt(
        "xl/worksheets/sheet3.xml: BadZipFile: Bad CRC-32 for file 'xl/worksheets/sheet3.xml'")),
    Case("bzip2-parts", bzip2_part, 2, max_seconds=TEN_S,
         stderr=corrupt("docProps/app.xml: encrypted or unsupported method")),
    Case("too-many-parts", too_many_parts, 2, max_seconds=TEN_S, stderr=refused(
        "ไฟล์ {name} มีส่วนประกอบภายในมากเกินไป (เกิน 10,000 ส่วน) อาจเป็นไฟล์อันตราย",
        "{name} has 10,020 zip entries")),
    Case("value-in-xfd1048576", far_cell, 2, max_seconds=TEN_S, stderr=refused(
        "ชีต «บันทึกรายเดือน» ในไฟล์ {name} มีข้อมูลถึงแถว 1,048,576 เกินขีดจำกัด 250,000 แถว "
        "กรุณาลบแถวที่ไม่ใช้ออก (กด Ctrl+End เพื่อดูเซลล์สุดท้ายที่มีข้อมูล)",
        "sheet 'บันทึกรายเดือน' has data down to row 1,048,576, past 250,000")),
    Case("value-in-xfd1000", far_column, 2, max_seconds=TEN_S, stderr=refused(
        "ชีต «บันทึกรายเดือน» ในไฟล์ {name} มีข้อมูลไกลถึงเซลล์ XFD1000 "
        "ทำให้พื้นที่ข้อมูลใหญ่เกินกำหนด กรุณาลบข้อมูลที่อยู่ไกลออกไป "
        "(กด Ctrl+End เพื่อดูเซลล์สุดท้ายที่มีข้อมูล)",
        "used area of 16,384,796 cells (sheet 'บันทึกรายเดือน' reaches XFD1000), past 5,000,000")),
    Case("300000-rows-without-r", rows_without_r, 2, max_seconds=TEN_S, stderr=refused(
        "ชีต «บันทึกรายเดือน» ในไฟล์ {name} มีข้อมูลถึงแถว 300,000 เกินขีดจำกัด 250,000 แถว "
        "กรุณาลบแถวที่ไม่ใช้ออก (กด Ctrl+End เพื่อดูเซลล์สุดท้ายที่มีข้อมูล)",
        "sheet 'บันทึกรายเดือน' has data down to row 300,000, past 250,000")),
    Case("shared-text-copies", shared_text_copies, 2, max_seconds=TEN_S, stderr=refused(
        "ไฟล์ {name} มีข้อความในเซลล์รวมกันเกิน 192 MB อาจเป็นไฟล์อันตราย",
        "{name}: cell text of 9,005,642,542 bytes, past 192 MB")),
    # the default limit (2,500,000 cells) is set lower, as a clerk's PC with little memory
    # would, so the file stays small
    Case("past-the-cell-limit", past_cell_limit, 2, max_seconds=TEN_S, stderr=refused(
        "สมุดงาน {name} มีเซลล์ที่มีข้อมูลประมาณ 225,521 เซลล์ เกินขีดจำกัด 150,000 เซลล์ "
        "กรุณาแยกข้อมูลเป็นหลายไฟล์", "{name} has about 225,521 cells with data, past 150,000"),
         env={"LEARNWORKS_MAX_CELLS": "150000"}),
    Case("unreadable-cell-tag", unreadable_tag, 2, max_seconds=TEN_S, stderr=refused(
        "ไฟล์ {name} เขียนเซลล์ในรูปแบบที่ Excel ไม่ใช้ จึงตรวจขนาดไม่ได้ "
        "กรุณาเปิดใน Excel แล้วบันทึกใหม่เป็น .xlsx",
        "{name}: xl/worksheets/sheet10.xml: a cell or row tag the scan cannot read")),
    Case("quadratic-regex-bait", quadratic_bait, 2, max_seconds=TEN_S, stderr=refused(
        "ไฟล์ {name} เขียนเซลล์ในรูปแบบที่ Excel ไม่ใช้ จึงตรวจขนาดไม่ได้ "
        "กรุณาเปิดใน Excel แล้วบันทึกใหม่เป็น .xlsx",
        "{name}: xl/worksheets/sheet10.xml: a cell or row tag the scan cannot read")),
)
