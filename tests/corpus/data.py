"""Bad data in a sound file: each builder makes one workbook a clerk could have typed."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

from openpyxl.styles import Border, PatternFill, Side

from learnworks_xl.core import sheets as sh
from tests.corpus import zipparts as zp
from tests.corpus.kit import Kit

# --- cell-level cases: the data is wrong, the file is fine --------------------------------

def wrong_types(kit: Kit) -> Path:
    data = kit.data()
    data[sh.PURCHASES.name][0]["quantity"] = "สิบ"
    data[sh.PURCHASES.name][1]["date"] = "พรุ่งนี้"
    data[sh.PURCHASES.name][2]["unit_price"] = True
    data[sh.SCHOOLS.name][0]["email"] = 12345
    data[sh.RESULT_REPORTS.name][0]["participants"] = "หนึ่งร้อย"
    data[sh.WORKS.name][0]["submitted_on"] = -5
    return kit.write(data, "wrong-types.xlsx")


def thai_digits(kit: Kit) -> Path:
    data = kit.data()
    for size in data[sh.SIZES.name]:
        size["budget_per_school"] = f"{size['budget_per_school']:,}.-".translate(THAI)
    for row in data[sh.PURCHASES.name]:
        row["quantity"] = str(row["quantity"]).translate(THAI)
        row["amount"] = f"{row['amount']:,} บาท".translate(THAI)
    data[sh.PROJECT.name]["approved_budget"] = "๖๙,๕๐๐.-"
    return kit.write(data, "thai-digits.xlsx")


THAI = str.maketrans("0123456789", "๐๑๒๓๔๕๖๗๘๙")
MONTHS = ("ม.ค.", "ก.พ.", "มี.ค.", "เม.ย.", "พ.ค.", "มิ.ย.", "ก.ค.", "ส.ค.", "ก.ย.", "ต.ค.",
          "พ.ย.", "ธ.ค.")


def be_dates(kit: Kit) -> Path:
    data = kit.data()
    for i, row in enumerate(data[sh.PURCHASES.name]):
        d: date = row["date"]
        row["date"] = (f"{d.day}/{d.month}/{d.year + 543}" if i % 2 else
                       f"{d.day} {MONTHS[d.month - 1]} {d.year + 543}")
    for row in data[sh.ACTIVITIES.name]:
        d = row["start_date"]
        row["start_date"] = f"{d.day:02d}/{d.month:02d}/{d.year + 543}".translate(THAI)
    return kit.write(data, "be-dates.xlsx")


def merged_over_table(kit: Kit) -> Path:
    def change(wb: Any) -> None:
        ws = wb[sh.SCHOOLS.name]
        ws.insert_rows(1)
        ws["A1"] = "รายชื่อโรงเรียนในโครงการ ปีงบประมาณ 2569"
        ws.merge_cells("A1:H1")
        ws.merge_cells("C3:C4")  # BK01 and BK02 share one size cell: C4 is empty
    return kit.edit("merged.xlsx", change)


def formula_errors(kit: Kit) -> Path:
    out = kit.out("formula-errors.xlsx")
    purchases = zp.part_of(kit.base, sh.PURCHASES.name)
    works = zp.part_of(kit.base, sh.WORKS.name)

    def purchase_cells(xml: bytes) -> bytes:
        xml = zp.replace_cell(xml, "G2", b'<c r="G2" t="e"><f>D2*#REF!</f><v>#REF!</v></c>')
        return zp.replace_cell(xml, "G3", b'<c r="G3" t="e"><f>F3/0</f><v>#DIV/0!</v></c>')

    def work_cells(xml: bytes) -> bytes:
        return zp.replace_cell(xml, "K2", b'<c r="K2" t="e"><f>NA()</f><v>#N/A</v></c>')

    return zp.rewrite(kit.base, out, {purchases: purchase_cells, works: work_cells})


def hidden_rows(kit: Kit) -> Path:
    def change(wb: Any) -> None:
        ws = wb[sh.PURCHASES.name]
        ws["D5"] = "ห้าชิ้น"  # wrong, in a row the clerk hid: still reported
        for r in (3, 5):
            ws.row_dimensions[r].hidden = True
        ws.insert_rows(8, 2)  # two blank rows, hidden: skipped
        for r in (8, 9):
            ws.row_dimensions[r].hidden = True
    return kit.edit("hidden-rows.xlsx", change)


def dates_calamine_cannot_read(kit: Kit) -> Path:
    """Date cells holding numbers no date can be: python-calamine panics on the first (far
    below zero) and reads the second as a time of day."""
    def change(wb: Any) -> None:
        wb[sh.PURCHASES.name]["B2"] = -106751991169
        wb[sh.WORKS.name]["K2"] = -5
    return kit.edit("dates-calamine-cannot-read.xlsx", change)


def percent_cells(kit: Kit) -> Path:
    """The KPI target and the weights typed as Excel stores ``95%`` (0.95, format ``0%``)."""
    def change(wb: Any) -> None:
        ws = wb[sh.PROJECT.name]
        row = [c.field for c in sh.PROJECT.columns].index("kpi_target") + 1
        ws.cell(row, 2).value, ws.cell(row, 2).number_format = 0.95, "0%"
        ws = wb[sh.PLAN.name]
        col = [c.field for c in sh.PLAN.columns].index("weight") + 1
        for r in range(2, ws.max_row + 1):
            cell = ws.cell(r, col)
            cell.value, cell.number_format = cell.value / 100, "0.00%"
    return kit.edit("percent-cells.xlsx", change)


def _header_col(ws: Any, title: str) -> int:
    return next(c.column for c in ws[1] if c.value == title)


def extra_column(kit: Kit) -> Path:
    def change(wb: Any) -> None:
        ws = wb[sh.SCHOOLS.name]
        ws.cell(1, 9, "หมายเหตุของเขต")
        ws.cell(2, 9, "โรงเรียนแกนนำ")
        ws.insert_cols(1)
        ws.cell(1, 1, "ลำดับที่")
        for r in range(2, 7):
            ws.cell(r, 1, r - 1)
    return kit.edit("extra-columns.xlsx", change)


def missing_column(kit: Kit) -> Path:
    def change(wb: Any) -> None:
        ws = wb[sh.SCHOOLS.name]
        ws.delete_cols(_header_col(ws, "ขนาดโรงเรียน"))
    return kit.edit("missing-column.xlsx", change)


def duplicated_column(kit: Kit) -> Path:
    def change(wb: Any) -> None:
        ws = wb[sh.SCHOOLS.name]
        email = _header_col(ws, "อีเมล")
        for r in range(1, 7):
            ws.cell(r, 9, ws.cell(r, email).value)
        ws.cell(3, 9, "ไม่ใช่อีเมล")  # the second copy is not read: no finding from it
    return kit.edit("duplicated-column.xlsx", change)


def reordered_columns(kit: Kit) -> Path:
    def change(wb: Any) -> None:
        ws = wb[sh.PURCHASES.name]
        rows = [[c.value for c in row] for row in ws.iter_rows()]
        fmts = [[c.number_format for c in row] for row in ws.iter_rows()]
        for r, (values, formats) in enumerate(zip(rows, fmts, strict=True), start=1):
            for c, (v, f) in enumerate(zip(reversed(values), reversed(formats),
                                           strict=True), start=1):
                cell = ws.cell(r, c, v)
                cell.number_format = f
    return kit.edit("reordered-columns.xlsx", change)


def blank_rows_middle(kit: Kit) -> Path:
    def change(wb: Any) -> None:
        wb[sh.PURCHASES.name].insert_rows(10, 3)
        wb[sh.WORKS.name].insert_rows(4, 1)
        wb[sh.WORKS.name]["C4"] = "   "  # only spaces: a blank row too
    return kit.edit("blank-rows.xlsx", change)


def formatted_blank_rows(kit: Kit) -> Path:
    def change(wb: Any) -> None:
        ws = wb[sh.PURCHASES.name]
        fill = PatternFill("solid", fgColor="FFF2CC")
        thin = Side(style="thin")
        border = Border(left=thin, right=thin, top=thin, bottom=thin)
        for r in range(32, 10_032):
            for c in range(1, 10):
                cell = ws.cell(r, c)
                cell.fill = fill
                cell.border = border
                cell.number_format = "#,##0.00"
    return kit.edit("formatted-blank-rows.xlsx", change)


def missing_sheets(kit: Kit) -> Path:
    def change(wb: Any) -> None:
        del wb[sh.WORKS.name]
        del wb[sh.RESULT_REPORTS.name]
    return kit.edit("missing-sheets.xlsx", change)


def empty_workbook(kit: Kit) -> Path:
    from openpyxl import Workbook

    target = kit.out("empty.xlsx")
    Workbook().save(target)
    return target


def no_sheets(kit: Kit) -> Path:
    def workbook(xml: bytes) -> bytes:
        start, end = xml.index(b"<sheets>"), xml.index(b"</sheets>") + len(b"</sheets>")
        return xml[:start] + b"<sheets/>" + xml[end:]
    return zp.rewrite(kit.base, kit.out("no-sheets.xlsx"), {"xl/workbook.xml": workbook})


def chart_sheet(kit: Kit) -> Path:
    from openpyxl.chart import BarChart, Reference

    def change(wb: Any) -> None:
        ws = wb[sh.SIZES.name]
        chart = BarChart()
        chart.add_data(Reference(ws, min_col=2, min_row=1, max_row=3), titles_from_data=True)
        wb.create_chartsheet("กราฟงบประมาณ").add_chart(chart)
    return kit.edit("chart-sheet.xlsx", change)
