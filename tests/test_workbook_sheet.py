"""The worksheet's shortcut through XlsxWriter's formula preparation writes the same text as
XlsxWriter: for every formula the builder writes, for every function XlsxWriter expands, and
the shortcut's list of functions is still XlsxWriter's."""

from __future__ import annotations

import inspect
import re
from datetime import datetime
from pathlib import Path
from typing import Any

import pytest
from xlsxwriter.worksheet import Worksheet as StockWorksheet

from learnworks_xl import api
from learnworks_xl.workbook.sheet import DYNAMIC_FUNCTIONS, Worksheet


def _stock(formula: str, future: bool = False, expand: bool = False) -> Any:
    ws = StockWorksheet()
    ws.use_future_functions = future
    return ws._prepare_formula(formula, expand)


def _ours(formula: str, future: bool = False, expand: bool = False) -> Any:
    ws = Worksheet()
    ws.use_future_functions = future
    return ws._prepare_formula(formula, expand)


def test_workbook_sheet_names_are_xlsxwriters() -> None:
    """Every function XlsxWriter expands without ``use_future_functions`` is in the list."""
    source = inspect.getsource(StockWorksheet._prepare_formula)
    always = source.split("if not self.use_future_functions")[0]
    patterns = re.findall(r're\.sub\(r"([^"]+)"', always)
    assert patterns, "XlsxWriter's formula preparation changed shape"
    # ``\bNAME\(`` needs "NAME(" in the text; ``\SINGLE\(`` needs "INGLE(" after any character.
    literals = {re.sub(r"^\\[bS]", "", p).removesuffix("\\(") for p in patterns}
    assert literals == set(DYNAMIC_FUNCTIONS)


@pytest.mark.parametrize("name", [*DYNAMIC_FUNCTIONS, "SINGLE", "xSINGLE", "SORTBY", "MAPX",
                                  "a.SORT", "xSORT", "X_INGLE", "_INGLE", "9MAP"])
@pytest.mark.parametrize("template", ["={}(A1:A3)", "=IF(B1,{}(A1),0)", "{{={}(A1)}}",
                                      "=_xlfn.{}(A1)", "=SUM(A1)+{}(B2)"])
def test_workbook_sheet_same_as_xlsxwriter(name: str, template: str) -> None:
    formula = template.format(name)
    assert _ours(formula) == _stock(formula)


@pytest.mark.parametrize("formula", [
    "=SUM(A1:A3)", "SUM(A1)", "{=SUM(A1*B1)}", '=IF(TRIM(A1)="เสร็จสิ้น",2,0)', "=", "{}",
    "=AGGREGATE(9,6,A1:A3)", "=CONCAT(A1,B1)", "=IFS(A1>1,1,TRUE,0)"])
@pytest.mark.parametrize(("future", "expand"), [(False, False), (True, False), (False, True)])
def test_workbook_sheet_flags(formula: str, future: bool, expand: bool) -> None:
    assert _ours(formula, future, expand) == _stock(formula, future, expand)


def test_workbook_sheet_every_builder_formula(sample_path: Path,
                                              monkeypatch: pytest.MonkeyPatch) -> None:
    """Each formula of a finished workbook and of the product workbook prepares alike."""
    seen: list[tuple[str, bool]] = []
    original = Worksheet._prepare_formula

    def spy(self: Worksheet, formula: str, expand_future_functions: bool = False) -> Any:
        seen.append((formula, expand_future_functions))
        return original(self, formula, expand_future_functions)

    monkeypatch.setattr(Worksheet, "_prepare_formula", spy)
    api.run(sample_path, out=sample_path.with_name("out.xlsx"), month="2026-07",
            now=datetime(2026, 7, 31, 16, 30))
    api.build_workbook(sample_path.parent / "built")
    assert len({f for f, _ in seen}) > 1000
    for formula, expand in set(seen):
        assert _ours(formula, expand=expand) == _stock(formula, expand=expand), formula
