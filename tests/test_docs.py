"""The README is kept honest by code: every command and every finding code appears in it."""

from __future__ import annotations

from pathlib import Path

import pytest

from learnworks_xl.cli import cli
from learnworks_xl.core.findings import CODES

README = (Path(__file__).resolve().parents[1] / "README.md").read_text(encoding="utf-8")


@pytest.mark.parametrize("name", sorted(cli.commands))
def test_docs_every_command_documented(name: str) -> None:
    assert f"learnworks {name}" in README
    assert cli.commands[name].help, f"{name} has no help text"


@pytest.mark.parametrize("code", sorted(CODES))
def test_docs_every_finding_code_documented(code: str) -> None:
    assert f"| `{code}` | {CODES[code]} |" in README


def test_docs_two_commands_first() -> None:
    block = README.split("## The two commands", 1)[1].split("```", 2)[1]
    assert "uv run learnworks run workbook/learnworks.xlsm" in block
    assert "uv run pytest" in block
