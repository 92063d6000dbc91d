"""Money rules: allocations add up to the approved budget, row amounts equal quantity × price,
and no school spends more than it was allocated."""

from __future__ import annotations

from collections.abc import Iterator
from decimal import ROUND_HALF_UP, Decimal, localcontext

from learnworks_xl.core import findings as fd
from learnworks_xl.core.cellerrors import display, named
from learnworks_xl.core.compute.allocation import total_allocated
from learnworks_xl.core.pipeline import Figures
from learnworks_xl.core.wording import amount, baht
from learnworks_xl.core.workbook import ParsedWorkbook

CENT = Decimal("0.01")


def line_amount(quantity: Decimal, unit_price: Decimal) -> Decimal:
    """Quantity × unit price, rounded half-up to satang, exactly for any size (a quantity
    has no upper bound: past the default 28 digits the product and its satang need more)."""
    with localcontext() as ctx:
        ctx.prec = max(ctx.prec, len(quantity.as_tuple().digits)
                       + len(unit_price.as_tuple().digits))
        product = quantity * unit_price
        ctx.prec = max(ctx.prec, product.adjusted() + 3)
        return product.quantize(CENT, rounding=ROUND_HALF_UP)


def check_allocations(wb: ParsedWorkbook, figures: Figures) -> Iterator[fd.Finding]:
    """Allocations by size add up to the approved budget (more is an error, less leaves a
    remainder unallocated: a warning); computed columns are current."""
    schools = wb.schools.valid_rows()
    allocations = figures.allocations  # one per valid school row, in order
    for (row, school), alloc in zip(schools, allocations, strict=True):
        for field, expected in (("allocation", alloc.amount), ("quota", alloc.quota)):
            actual = getattr(school, field)
            if actual is None or expected is None or actual == expected:
                continue
            title = wb.schools.spec.title(field)
            yield fd.warning(
                "computed-mismatch", wb.schools.spec.name,
                f"{named(title)} {display(actual)} ไม่ตรงกับเกณฑ์ของ{school.size} "
                f"({display(expected)}) ระบบจะคำนวณใหม่ตามเกณฑ์",
                cell=row.cell(field), column=title, value=actual)
    approved = wb.project_info.approved_budget
    if approved is None or not wb.schools.found or not wb.sizes.found:
        return
    repeated = len(wb.schools.duplicates)  # a repeated code is not a school (one policy)
    if any(a.amount is None for a in allocations) \
            or len(schools) != len(wb.schools.rows) - repeated:
        return  # reported already as unknown sizes or bad rows; a sum would mislead
    total = total_allocated(allocations)
    if total == approved:
        return
    title = wb.project.spec.title("approved_budget")
    cell = wb.project.cells.get("approved_budget")
    if total > approved:
        yield fd.error(
            "budget-mismatch", wb.project.spec.name,
            f"ยอดจัดสรรให้โรงเรียนรวม {baht(total)} เกิน {named(title)} {baht(approved)} "
            f"(เกิน {baht(total - approved)})", cell=cell, column=title, value=approved)
    else:
        yield fd.warning(
            "budget-unallocated", wb.project.spec.name,
            f"ยอดจัดสรรให้โรงเรียนรวม {baht(total)} น้อยกว่า {named(title)} {baht(approved)} "
            f"ยังไม่ได้จัดสรร {baht(approved - total)}", cell=cell, column=title,
            value=approved)


def check_purchase_amounts(wb: ParsedWorkbook) -> Iterator[fd.Finding]:
    """จำนวนเงิน equals จำนวน × ราคาต่อหน่วย on every purchase row."""
    spec = wb.purchases.spec
    for row, p in wb.purchases.valid_rows():
        expected = line_amount(p.quantity, p.unit_price)
        if p.amount != expected:
            yield fd.error(
                "amount-mismatch", spec.name,
                f"{named(spec.title('amount'))} {baht(p.amount)} ไม่เท่ากับ "
                f"{named(spec.title('quantity'))} {display(p.quantity)} × "
                f"{named(spec.title('unit_price'))} "
                f"{amount(p.unit_price)} "
                f"= {baht(expected)}", cell=row.cell("amount"), column=spec.title("amount"),
                value=p.amount)


def check_overspend(wb: ParsedWorkbook, figures: Figures) -> Iterator[fd.Finding]:
    """A school's purchases never add up to more than its allocation.

    The finding sits on the purchase that first takes the school over its allocation.
    """
    allocations = {a.school_code: a for a in figures.allocations}
    spent: dict[str, Decimal] = {}
    reported: set[str] = set()
    spec = wb.purchases.spec
    for row, p in wb.purchases.valid_rows():
        alloc = allocations.get(p.school_code)
        if alloc is None or alloc.amount is None:
            continue
        spent[p.school_code] = spent.get(p.school_code, Decimal(0)) + p.amount
        if spent[p.school_code] > alloc.amount and p.school_code not in reported:
            reported.add(p.school_code)
            yield fd.error(
                "overspend", spec.name,
                f"{alloc.school_name} ({p.school_code}) ใช้จ่ายสะสมถึงรายการนี้ "
                f"{baht(spent[p.school_code])} เกินงบที่ได้รับจัดสรร {baht(alloc.amount)}",
                cell=row.cell("amount"), column=spec.title("amount"), value=p.amount)
