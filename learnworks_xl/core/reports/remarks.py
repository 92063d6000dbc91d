"""Problems and suggestions of the end-of-project report, gathered from the workbook:
the schools' result reports, ``บันทึกรายเดือน``, the KPI, the money and the risks."""

from __future__ import annotations

from learnworks_xl import thai
from learnworks_xl.core.pipeline import Results
from learnworks_xl.core.reports.common import Fmt


def _unique(items: list[str]) -> list[str]:
    seen: set[str] = set()
    out = []
    for item in items:
        key = " ".join(item.split())
        if key and key not in seen:
            seen.add(key)
            out.append(item)
    return out


def problems(results: Results) -> list[str]:
    """Problems reported by schools and noted month by month (each once).

    Args:
        results: The run.

    Returns:
        ``<school>: <problem>`` and ``<month>: <problem>`` lines, in that order.
    """
    names = {a.school_code: a.school_name for a in results.allocations}
    items = [f"{names.get(r.school_code, r.school_code)}: {r.problems}"
             for r in results.school_reports if r.problems]
    items += [f"{thai.format_thai_month(n.month.year, n.month.month, 'abbr')}: {n.problems}"
              for n in results.notes if n.problems]
    return _unique(items)


def suggestions(results: Results, f: Fmt) -> list[str]:
    """What to do next: follow up schools that missed the KPI, unspent money, the fixes
    noted month by month and the risk mitigations.

    Args:
        results: The run.
        f: The formatter (Thai digits).

    Returns:
        Thai sentences.
    """
    items = []
    missed = [s for s in results.kpi.schools if not s.meets]
    if missed:
        who = ", ".join(f"{s.school_name} ({s.reason})" for s in missed)
        items.append(f"ติดตามโรงเรียนที่ยังไม่ผ่านเกณฑ์ตัวชี้วัดให้ส่งผลงานและรายงานผลให้ครบถ้วน: {who}")
    left = results.spending.remaining
    if left > 0:
        items.append(f"ติดตามการใช้จ่ายงบประมาณคงเหลือ {f.baht(left)} ให้เป็นไปตามแผนและระเบียบ"
                     "ที่เกี่ยวข้อง หรือส่งคืนตามขั้นตอน")
    items += [n.fixes for n in results.notes if n.fixes]
    items += [r.risk.mitigation for r in results.risks]
    return _unique(items)
