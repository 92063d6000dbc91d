"""Risk level from likelihood × impact, by the bands of ``ตั้งค่า`` (an assumption).

The bands are the upper bounds of the scores of each level: default ``2,4,9,16,25`` →
1–2 น้อยมาก, 3–4 น้อย, 5–9 ปานกลาง, 10–16 สูง, 17–25 สูงมาก (SPEC "Thai conventions").
A score above the fourth bound is สูงมาก, the same rule as the workbook's formula.
"""

from __future__ import annotations

from dataclasses import dataclass

from learnworks_xl.core.models import Risk, Settings

LEVELS: tuple[str, ...] = ("น้อยมาก", "น้อย", "ปานกลาง", "สูง", "สูงมาก")
DEFAULT_BANDS: tuple[int, ...] = tuple(
    int(x) for x in str(Settings.model_fields["risk_bands"].default).split(","))
#: Shown under every table of risk levels (the bands are not from the seed).
ASSUMPTION = "เกณฑ์ระดับความเสี่ยงเป็นค่าที่สมมติขึ้น ปรับได้ในชีตตั้งค่า"


def parse_bands(text: str | None) -> tuple[int, ...]:
    """The five upper bounds from ``เกณฑ์ระดับความเสี่ยง`` (the defaults when unreadable).

    Args:
        text: The setting, e.g. ``"2,4,9,16,25"``.

    Returns:
        Five integers.
    """
    try:
        bands = tuple(int(x) for x in (text or "").split(","))
    except ValueError:
        return DEFAULT_BANDS
    return bands if len(bands) == len(LEVELS) else DEFAULT_BANDS


def risk_level(likelihood: int, impact: int, bands: tuple[int, ...] = DEFAULT_BANDS) -> str:
    """The Thai level of a risk.

    Args:
        likelihood: โอกาสที่จะเกิด, 1–5.
        impact: ผลกระทบ, 1–5.
        bands: Upper bounds of the levels.

    Returns:
        น้อยมาก / น้อย / ปานกลาง / สูง / สูงมาก.
    """
    score = likelihood * impact
    for bound, label in zip(bands[:-1], LEVELS, strict=False):
        if score <= bound:
            return label
    return LEVELS[-1]


@dataclass(frozen=True)
class RiskLevel:
    """One risk with its score and level."""

    risk: Risk
    score: int
    level: str


def compute_risks(risks: list[Risk], bands: tuple[int, ...] = DEFAULT_BANDS) -> list[RiskLevel]:
    """Score and level of every risk.

    Args:
        risks: Valid rows of ``ความเสี่ยง``.
        bands: Upper bounds of the levels.

    Returns:
        One line per risk, in order.
    """
    return [RiskLevel(r, r.likelihood * r.impact, risk_level(r.likelihood, r.impact, bands))
            for r in risks]
