"""Every bad workbook of the corpus gets findings or one clear Thai line (exit 2), within
bounded time and memory, never a traceback, and the file is never changed.

Each case runs the real ``learnworks validate --json`` in a child process capped at 1.5 GB of
address space and 60 s (``tests/corpus/limited.py``); the child's own peak memory is read
back. The corpus is built by code (``tests/corpus/cases.py``), once per session.
"""

from __future__ import annotations

import hashlib
import json
import shutil
from pathlib import Path

import pytest

from learnworks_xl.io.plainwriter import write_plain_workbook
from learnworks_xl.sample import sample_data
from tests.corpus.cases import CASES, Case, Kit, big_data, big_picture
from tests.corpus.files import entity_bomb_sheet, password, truncated, zip_bomb
from tests.corpus.limited import MEMORY_CAP, run_learnworks

#: A refusal reads no cell: its peak stays near the interpreter's own (about 40 MB), plus
#: the file itself (read once, up to 100 MB) and calamine's copy of it.
REFUSAL_PEAK_MB = 300
#: The measured worst case (every one of 148,500 cells wrong, 50 MB, JSON report) is about
#: 0.7 GB.
PEAK_MB = 1000


@pytest.fixture(scope="session")
def kit(tmp_path_factory: pytest.TempPathFactory) -> Kit:
    folder = tmp_path_factory.mktemp("corpus")
    return Kit(write_plain_workbook(sample_data(), folder / "sample.xlsx"), folder)


def fingerprint(path: Path) -> tuple[object, ...]:
    """Content hash, size and modification time (or what the path is, when not a file)."""
    if not path.is_file():
        return (path.exists(), path.is_dir())
    stat = path.stat()
    return (hashlib.sha256(path.read_bytes()).hexdigest(), stat.st_size, stat.st_mtime_ns)


def _params(cases: tuple[Case, ...]) -> list[object]:
    return [pytest.param(c, id=c.name, marks=[pytest.mark.slow] if c.slow else [])
            for c in cases]


def _build(case: Case, kit: Kit) -> Path:
    if case.needs and shutil.which(case.needs) is None:
        pytest.skip(f"needs {case.needs}")
    return case.build(kit)


@pytest.mark.parametrize("case", _params(CASES))
def test_robust_corpus_answer(case: Case, kit: Kit) -> None:
    path = _build(case, kit)
    before = fingerprint(path)
    outcome = run_learnworks("validate", "--json", path, env=case.env)
    assert fingerprint(path) == before, "the input changed"
    assert "Traceback" not in outcome.stderr and "panicked" not in outcome.stderr, outcome.stderr
    assert outcome.code == case.exit_code, outcome.stderr[-2000:]
    assert outcome.seconds < case.max_seconds, f"{outcome.seconds:.1f} s"
    assert 0 < outcome.peak_mb < (REFUSAL_PEAK_MB if case.exit_code == 2 else PEAK_MB)
    if case.exit_code == 2:
        assert case.stderr is not None
        assert outcome.stdout == ""
        assert outcome.stderr == case.stderr(path)
        return
    assert outcome.stderr == ""
    report = json.loads(outcome.stdout)
    flat = {(f["code"], f["sheet"], f["cell"]) for f in report["findings"]}
    assert case.findings <= flat, sorted(case.findings - flat)
    if case.codes is not None:
        assert {code for code, _, _ in flat} <= case.codes, sorted(flat)
    assert report["valid"] == (case.exit_code == 0)


@pytest.mark.parametrize("case", _params(tuple(c for c in CASES if c.exit_code != 2
                                               and not c.slow)))
def test_robust_corpus_text_report(case: Case, kit: Kit) -> None:
    path = _build(case, kit)
    outcome = run_learnworks("validate", path)
    assert outcome.code == case.exit_code
    assert outcome.stderr == ""
    verdict = "ผ่าน" if case.exit_code == 0 else "ไม่ผ่าน"
    last = outcome.stdout.rstrip("\n").rsplit("\n", 1)[-1]
    assert last.startswith(f"ผลการตรวจสอบ {path.name}: {verdict} (ข้อผิดพลาด ")


def test_robust_corpus_memory_cap_is_real(kit: Kit) -> None:
    """The cap bites: the 50 MB workbook (about 200 MB at its peak) fails under 128 MB."""
    path = big_picture(kit)
    assert run_learnworks("validate", path).code == 0
    assert run_learnworks("validate", path, cap=MEMORY_CAP // 12).code != 0


@pytest.mark.parametrize("case", _params(tuple(c for c in CASES if c.exit_code != 2
                                               and not c.slow)))
def test_robust_corpus_run(case: Case, kit: Kit, tmp_path: Path) -> None:
    """``learnworks run`` on every readable bad workbook writes its finished workbook."""
    path = _build(case, kit)
    before = fingerprint(path)
    out = tmp_path / "done.xlsx"
    outcome = run_learnworks("run", path, "-o", out)
    assert fingerprint(path) == before
    assert "Traceback" not in outcome.stderr, outcome.stderr
    assert outcome.code == case.exit_code, outcome.stderr[-2000:]
    assert out.read_bytes()[:2] == b"PK"


@pytest.mark.slow
def test_robust_corpus_run_at_the_limits(kit: Kit, tmp_path: Path) -> None:
    """The worst readable workbook (50 MB, 148,500 cells, every one wrong) through ``run``:
    about a minute and 1.1 GB here, so the time cap is doubled for this one."""
    path = big_data(kit)
    out = tmp_path / "done.xlsx"
    outcome = run_learnworks("run", path, "-o", out, timeout=150)
    assert outcome.code == 1, outcome.stderr[-2000:]
    assert "Traceback" not in outcome.stderr
    assert outcome.peak_mb < 1300
    assert out.stat().st_size > 0


def test_robust_corpus_collect_hostile_forms(kit: Kit, tmp_path: Path) -> None:
    """Returned forms that are hostile or broken are each refused with their reason; the
    office workbook and the forms stay as they were, and nothing is written."""
    forms = [entity_bomb_sheet(kit), truncated(kit), password(kit), zip_bomb(kit)]
    paths = [kit.base, *forms]
    before = [fingerprint(p) for p in paths]
    merged = tmp_path / "merged.xlsx"
    outcome = run_learnworks("collect", kit.base, *forms, "-o", merged)
    assert [fingerprint(p) for p in paths] == before
    assert outcome.code == 1 and outcome.stderr == ""
    assert outcome.stdout == (
        "laughs-sheet.xlsx: ไม่ได้รวบรวม ไฟล์ laughs-sheet.xlsx มีการประกาศ DTD หรือ ENTITY "
        "ซึ่ง Excel ไม่สร้าง อาจเป็นไฟล์อันตราย จึงไม่เปิดอ่าน\n"
        "half-saved.xlsx: ไม่ได้รวบรวม ไฟล์ half-saved.xlsx เสียหายหรือยังบันทึกไม่เสร็จ "
        "เปิดอ่านไม่ได้\n"
        "password.xlsx: ไม่ได้รวบรวม ไฟล์ password.xlsx มีรหัสผ่านป้องกัน กรุณาเปิดใน Excel "
        "เอารหัสผ่านออก แล้วบันทึกใหม่เป็น .xlsx หรือ .xlsm\n"
        "bomb.xlsx: ไม่ได้รวบรวม ไฟล์ bomb.xlsx ขยายตัวเกินขนาดที่อนุญาต (400 MB) "
        "อาจเป็นไฟล์อันตราย\n"
        "แบบฟอร์ม 4 ฉบับ: รวบรวมแล้ว 0, ไม่เปลี่ยนแปลง 0, ไม่ได้รวบรวม 4\n"
        "ไม่มีข้อมูลเปลี่ยนแปลง จึงไม่ได้เขียนไฟล์ใหม่ (ไฟล์ sample.xlsx ไม่ถูกแก้ไข)\n")
    assert not merged.exists()
