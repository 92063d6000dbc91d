"""The codebase stays ruff and mypy clean, and modules stay small (checked as tests, so
the README's one test command covers them)."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


def _run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(args, cwd=ROOT, capture_output=True, text=True, check=False)


@pytest.mark.skipif(shutil.which("ruff") is None and not (ROOT / ".venv").exists(),
                    reason="ruff not installed")
def test_quality_ruff_clean() -> None:
    result = _run(sys.executable, "-m", "ruff", "check", "learnworks_xl", "tests", "bench")
    assert result.returncode == 0, result.stdout + result.stderr


def test_quality_mypy_clean() -> None:
    result = _run(sys.executable, "-m", "mypy", "learnworks_xl")
    assert result.returncode == 0, result.stdout + result.stderr


@pytest.mark.parametrize("path", sorted((ROOT / "learnworks_xl").rglob("*.py")),
                         ids=lambda p: str(p.relative_to(ROOT)))
def test_quality_module_small(path: Path) -> None:
    lines = len(path.read_text(encoding="utf-8").splitlines())
    assert lines < 600, f"{path.name} has {lines} lines: split it"
