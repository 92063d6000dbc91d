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


# ----------------------------------------------------------------------- the import contract

#: What the functional core (and the Thai conventions) may import, besides the standard
#: library: never an adapter (a file format, Excel, the network, the web).
CORE_MAY_IMPORT = ("learnworks_xl.core", "learnworks_xl.thai", "learnworks_xl.errors",
                   "pydantic", "pydantic_core", "annotated_types")
THIRD_PARTY = ("xlwings", "openpyxl", "xlsxwriter", "python_calamine", "fastapi", "uvicorn",
               "jinja2", "starlette", "httpx", "keyring", "click")
#: The entry points: nothing below them may import them (no cycle through the API).
ENTRY_POINTS = ("learnworks_xl.api", "learnworks_xl.cli", "learnworks_xl.cliusage")


def _imports(path: Path, module: str | None = None) -> list[str]:
    """Every module ``path`` imports, at the top or inside a function (``module``: its dotted
    name, default from its place in the repository)."""
    import ast

    tree = ast.parse(path.read_text(encoding="utf-8"))
    module = module or ".".join(path.relative_to(ROOT).with_suffix("").parts)
    found: list[str] = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found += [a.name for a in node.names]
        elif isinstance(node, ast.ImportFrom):
            if node.level:  # relative: resolve against the module's package
                base = module.split(".")[: -node.level]
                found.append(".".join([*base, *(node.module or "").split(".")]).rstrip("."))
            elif node.module:
                found.append(node.module)
                found += [f"{node.module}.{a.name}" for a in node.names]
    return found


def _is(name: str, prefixes: tuple[str, ...]) -> bool:
    return any(name == p or name.startswith(p + ".") for p in prefixes)


def _modules(*parts: str) -> list[Path]:
    return sorted(p for part in parts for p in (ROOT / "learnworks_xl" / part).rglob("*.py"))


@pytest.mark.parametrize("path", _modules("core", "thai"), ids=lambda p: str(p.relative_to(ROOT)))
def test_quality_core_imports_no_adapter(path: Path) -> None:
    """core/ and thai/ import the standard library, pydantic and each other only."""
    ours = [n for n in _imports(path) if n != "learnworks_xl"]  # from learnworks_xl import thai
    bad = [n for n in ours if (_is(n, ("learnworks_xl",)) and not _is(n, CORE_MAY_IMPORT))
           or _is(n, THIRD_PARTY)]
    assert bad == [], f"{path.name} imports {bad}"


@pytest.mark.parametrize("path", [p for p in sorted((ROOT / "learnworks_xl").rglob("*.py"))
                                  if p.stem not in ("api", "cli", "cliusage", "__main__")],
                         ids=lambda p: str(p.relative_to(ROOT)))
def test_quality_adapters_never_import_the_api(path: Path) -> None:
    """Only the CLI imports the API; everything else is called by it (no import cycle)."""
    bad = [n for n in _imports(path) if _is(n, ENTRY_POINTS)]
    assert bad == [], f"{path.name} imports {bad}"


def test_quality_import_contract_can_fail(tmp_path: Path) -> None:
    """The contract's reader sees an import hidden inside a function."""
    # written outside the package: ruff and mypy may be checking it at the same time
    probe = tmp_path / "_probe_contract.py"
    probe.write_text("def f() -> None:\n    from learnworks_xl import api\n    import openpyxl\n",
                     encoding="utf-8")
    found = set(_imports(probe, "learnworks_xl.core._probe_contract"))
    assert {"learnworks_xl.api", "openpyxl"} <= found
