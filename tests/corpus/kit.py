"""What the corpus is made of: a :class:`Kit` to build from, a :class:`Case` to expect, and
the exact lines of the refusals."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from openpyxl import load_workbook

from learnworks_xl.io.plainwriter import write_plain_workbook
from learnworks_xl.sample import sample_data

Flat = tuple[str, str, str | None]
"""(code, sheet, cell) of a finding."""


@dataclass
class Kit:
    """What a builder gets: the sample workbook, fresh sample data and a folder to write in."""

    base: Path
    folder: Path

    def data(self) -> dict[str, Any]:
        """The sample data, fresh (safe to change)."""
        return sample_data()

    def out(self, name: str) -> Path:
        """A path in the folder."""
        return self.folder / name

    def write(self, data: dict[str, Any], name: str) -> Path:
        """Write data as a plain workbook."""
        return write_plain_workbook(data, self.out(name))

    def edit(self, name: str, change: Callable[[Any], None]) -> Path:
        """Open the sample with openpyxl, apply ``change(workbook)``, save as ``name``."""
        wb = load_workbook(self.base)
        change(wb)
        target = self.out(name)
        wb.save(target)
        return target


@dataclass(frozen=True)
class Case:
    """One bad input and the answer it must get."""

    name: str
    build: Callable[[Kit], Path]
    exit_code: int
    stderr: Callable[[Path], str] | None = None
    """The exact stderr for a refused file, given the file."""
    findings: frozenset[Flat] = frozenset()
    """Findings that must be reported (among others)."""
    codes: frozenset[str] | None = None
    """When set, the only finding codes allowed."""
    needs: str | None = None
    """A program on PATH the builder needs (the case skips without it)."""
    slow: bool = False
    max_seconds: float = 60.0
    env: dict[str, str] = field(default_factory=dict)


def refused(th: str, en: str) -> Callable[[Path], str]:
    """The stderr line of an exit-2 refusal: ``{name}`` and ``{path}`` filled in."""
    def line(path: Path) -> str:
        return (f"ผิดพลาด: {th.format(name=path.name, path=path)} "
                f"({en.format(name=path.name, path=path)})\n")
    return line


def corrupt(detail: str) -> Callable[[Path], str]:
    """The refusal of a corrupt or incomplete file, with its English detail."""
    return refused("ไฟล์ {name} เสียหายหรือยังบันทึกไม่เสร็จ เปิดอ่านไม่ได้",
                   "{name} is corrupt or incomplete: " + detail)


NOT_WORKBOOK = refused("ไฟล์ {name} ไม่ใช่สมุดงาน Excel (.xlsx หรือ .xlsm)",
                       "{name} is not an Excel workbook (.xlsx/.xlsm)")
BOMB = refused("ไฟล์ {name} ขยายตัวเกินขนาดที่อนุญาต (400 MB) อาจเป็นไฟล์อันตราย",
               "{name} inflates past 400 MB (zip bomb?)")
DTD = "ไฟล์ {name} มีการประกาศ DTD หรือ ENTITY ซึ่ง Excel ไม่สร้าง อาจเป็นไฟล์อันตราย จึงไม่เปิดอ่าน"


def dtd(part: str) -> Callable[[Path], str]:
    """The refusal of a DTD found in ``part``."""
    return refused(DTD, "{name}: a DTD (DOCTYPE/ENTITY) in " + part)
