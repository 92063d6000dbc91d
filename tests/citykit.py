"""Helpers of the city website's tests: three districts grown from the sample (rollupkit), each
with its own privacy setting, and the pages' tags and links read back."""

from __future__ import annotations

from datetime import datetime
from html.parser import HTMLParser
from pathlib import Path

from learnworks_xl.core import sheets as sh
from learnworks_xl.core.models import NAMES_FULL, NAMES_HIDDEN, NAMES_INITIALS
from tests.rollupkit import district, drop_schools, unselect_one, write

NOW = datetime(2026, 8, 3, 9, 30)


def three_districts(folder: Path) -> list[Path]:
    """บางเขน (the sample, names hidden), ดอนเมือง (BK03 selects one work fewer: it fails the
    KPI; full names, consent recorded) and จตุจักร (without BK05; initials)."""
    bangkhen = district("บางเขน")
    bangkhen[sh.SETTINGS.name]["student_names"] = NAMES_HIDDEN
    donmueang = unselect_one(district("ดอนเมือง"), "BK03")
    donmueang[sh.SETTINGS.name]["student_names"] = NAMES_FULL
    chatuchak = drop_schools(district("จตุจักร"), "BK05")
    chatuchak[sh.SETTINGS.name]["student_names"] = NAMES_INITIALS
    return [write(folder, "บางเขน.xlsx", bangkhen), write(folder, "ดอนเมือง.xlsx", donmueang),
            write(folder, "จตุจักร.xlsx", chatuchak)]


class Page(HTMLParser):
    """A page's start tags with their attributes, and the text inside chosen tags."""

    def __init__(self, *texts: str) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.texts: dict[str, list[str]] = {t: [] for t in texts}
        self._open: list[str] = []
        self._buffer: dict[str, list[str]] = {}

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))
        self._open.append(tag)
        if tag in self.texts:
            self._buffer[tag] = []

    def handle_endtag(self, tag: str) -> None:
        if tag in self._open:
            while (top := self._open.pop()) != tag:
                pass
            if top in self._buffer:
                self.texts[top].append("".join(self._buffer.pop(top)).strip())

    def handle_data(self, data: str) -> None:
        for t in self._buffer:
            self._buffer[t].append(data)

    @property
    def hrefs(self) -> list[str]:
        return [a["href"] or "" for t, a in self.tags if t == "a" and "href" in a]

    @property
    def ids(self) -> set[str]:
        return {a["id"] or "" for _t, a in self.tags if "id" in a}


def page(path: Path, *texts: str) -> Page:
    p = Page(*texts)
    p.feed(path.read_text(encoding="utf-8"))
    return p
