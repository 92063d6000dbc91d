"""Problems and suggestions of the end-of-project report, gathered from the workbook:
the schools' result reports, ``บันทึกรายเดือน``, the KPI, the money and the risks."""

from __future__ import annotations

from learnworks_xl import thai
from learnworks_xl.core import sheets as sh
from learnworks_xl.core.compute.progress import sheet_due
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
              for n in results.notes if n.problems and n.month <= results.month]
    return _unique(items)


def suggestions(results: Results, f: Fmt) -> list[str]:
    """What to do next, from where the project stands (never a restatement of what was
    done): follow up the schools that miss the KPI once their step is due, the steps past
    their planned end, and, after the project's end, the money left.

    Args:
        results: The run.
        f: The formatter (Thai digits).

    Returns:
        Thai sentences.
    """
    items = []
    overdue = results.progress.overdue
    if overdue:
        steps = ", ".join(f"{s.step.step_no}. {s.step.description}" for s in overdue)
        items.append(f"เร่งรัดขั้นตอนที่เลยกำหนดตามแผนแต่ยังไม่แล้วเสร็จ: {f.s(steps)}")
    missed = [s for s in results.kpi.schools if not s.meets]
    plan = [s.step for s in results.progress.steps]
    due = any(sheet_due(plan, sheet.name, results.as_of, results.project.end_date)
              for sheet in (sh.WORKS, sh.RESULT_REPORTS))
    if missed and due:
        who = ", ".join(f"{s.school_name} ({s.reason})" for s in missed)
        items.append(f"ติดตามโรงเรียนที่ยังไม่ผ่านเกณฑ์ตัวชี้วัดให้ส่งผลงานและรายงานผลให้ครบถ้วน: {who}")
    left = results.spending.remaining
    if left > 0 and not results.interim:
        items.append(f"ติดตามการใช้จ่ายงบประมาณคงเหลือ {f.baht(left)} ให้เป็นไปตามแผนและระเบียบ"
                     "ที่เกี่ยวข้อง หรือส่งคืนตามขั้นตอน")
    return _unique(items)
