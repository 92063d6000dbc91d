"""Bulk row validation (``core/bulk.py``) changes no finding and no parsed row.

The per-row path (:func:`learnworks_xl.core.table.validate_row` for every row, ``table.BULK =
False``) is the reference. Both run on the same workbooks and must give the same findings —
the flat view ``(sheet, cell, code)`` and every message, value, column and severity, in the
same order — and the same rows (models field by field with their types and ``repr``, the raw
values, the cells, the bad fields). The workbooks: the sample, the benchmark's district and
BMA-wide workbooks, every readable file of the robustness corpus (``tests/corpus``) and the
property tests' examples (``tests/test_robust_property.py``'s strategies: any value in any
cell, one value down a column, one value in a whole sheet). Field by field, the fast arm
must never take a value the field's own schema reads otherwise.
"""

from __future__ import annotations

import shutil
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from pydantic_core import SchemaValidator, ValidationError

from learnworks_xl.core import bulk, table
from learnworks_xl.core import sheets as sh
from learnworks_xl.core.grid import CellError, RawWorkbook
from learnworks_xl.core.validate import validate_raw
from learnworks_xl.io.plainwriter import write_plain_workbook
from learnworks_xl.io.reader import read_workbook
from learnworks_xl.sample import sample_data
from tests.corpus.cases import CASES, Case, Kit
from tests.test_robust_property import HUGE_QUANTITY, HUGER_QUANTITY, apply, cells, edits

AS_OF = date(2026, 6, 30)
INPUT = [s.name for s in sh.INPUT_SHEETS]
TABLES = [s for s in sh.INPUT_SHEETS if s.kind == "table"]


@contextmanager
def reference() -> Iterator[None]:
    """Every row through the per-row reference (``validate_row``)."""
    table.BULK = False
    try:
        yield
    finally:
        table.BULK = True


def _value(v: Any) -> tuple[str, str]:
    return type(v).__name__, repr(v)


def snapshot(raw: RawWorkbook) -> tuple[list[tuple[Any, ...]], list[tuple[Any, ...]]]:
    """Findings (every attribute, in order) and parsed rows (models field by field)."""
    parsed, report = validate_raw(raw, AS_OF)
    findings = [(f.sheet, f.cell, f.code, f.severity, f.column, _value(f.value), f.message)
                for f in report.findings]
    rows: list[tuple[Any, ...]] = []
    for kv in (parsed.project, parsed.settings):
        rows.append((kv.spec.name, _model(kv.model), sorted(kv.raw.items())))
    for t in parsed.tables():
        rows.append((t.spec.name, t.found, t.header_row, sorted(t.columns.items())))
        rows.extend((t.spec.name, r.excel_row, sorted(r.cells.items()),
                     [(k, _value(v)) for k, v in r.raw.items()], _model(r.model),
                     sorted(r.bad_fields)) for r in t.rows)
    return findings, rows


def _model(model: Any) -> Any:
    if model is None:
        return None
    return type(model).__name__, [(k, _value(v)) for k, v in model.__dict__.items()]


def assert_same(raw: RawWorkbook) -> None:
    with reference():
        expected = snapshot(raw)
    got = snapshot(raw)
    assert [f[:3] for f in got[0]] == [f[:3] for f in expected[0]]  # the flat view first
    assert got[0] == expected[0]
    assert got[1] == expected[1]


# --- workbooks ------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def kit(tmp_path_factory: pytest.TempPathFactory) -> Kit:
    folder = tmp_path_factory.mktemp("bulk-corpus")
    return Kit(write_plain_workbook(sample_data(), folder / "sample.xlsx"), folder)


@pytest.fixture(scope="module")
def sample_raw(kit: Kit) -> RawWorkbook:
    return read_workbook(kit.base)


#: The readable files of the corpus. The slow one (16,500 copies of one wrong row, 50 MB:
#: half a minute here for both paths) is left out: its row is among the property examples.
READABLE = [pytest.param(c, id=c.name) for c in CASES if c.exit_code != 2 and not c.slow]


@pytest.mark.parametrize("case", READABLE)
def test_table_bulk_corpus(case: Case, kit: Kit, monkeypatch: pytest.MonkeyPatch) -> None:
    if case.needs and shutil.which(case.needs) is None:
        pytest.skip(f"needs {case.needs}")
    for key, value in case.env.items():
        monkeypatch.setenv(key, value)
    assert_same(read_workbook(case.build(kit)))


def test_table_bulk_sample(sample_raw: RawWorkbook) -> None:
    assert_same(sample_raw)


@pytest.mark.parametrize("scale", ["district", pytest.param("bma", marks=pytest.mark.slow)])
def test_table_bulk_bench_workbooks(scale: str, tmp_path: Path) -> None:
    sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "bench"))
    try:
        from generate import SCALES, generate
    finally:
        sys.path.pop(0)
    path = write_plain_workbook(generate(SCALES[scale]), tmp_path / f"{scale}.xlsx")
    assert_same(read_workbook(path))


# --- the property tests' examples --------------------------------------------------------------

@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(changes=edits)
@example(changes=HUGE_QUANTITY)
@example(changes=HUGER_QUANTITY)
@example(changes=[(sh.PURCHASES.name, 1, 0, CellError("#REF!")),
                  (sh.WORKS.name, 2, 2, CellError("#N/A"))])
@example(changes=[(sh.SCHOOLS.name, 1, 0, " bk ๐๑ "), (sh.WORKS.name, 1, 6, "ป. ๕"),
                  (sh.PURCHASES.name, 1, 7, " วิธีคัดเลือก ")])
def test_table_bulk_property_any_cell(sample_raw: RawWorkbook,
                                      changes: list[tuple[str, int, int, Any]]) -> None:
    assert_same(apply(sample_raw, changes))


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(sheet=st.sampled_from(INPUT), col=st.integers(0, 12),
       values=st.lists(cells, min_size=1, max_size=40))
def test_table_bulk_property_one_column(sample_raw: RawWorkbook, sheet: str, col: int,
                                        values: list[Any]) -> None:
    assert_same(apply(sample_raw, [(sheet, r + 1, col, v) for r, v in enumerate(values)]))


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(sheet=st.sampled_from(INPUT), value=cells)
def test_table_bulk_property_whole_column(sample_raw: RawWorkbook, sheet: str,
                                          value: Any) -> None:
    rows = sample_raw.sheets[sheet].rows
    assert_same(apply(sample_raw, [(sheet, r, c, value) for r in range(1, len(rows))
                                   for c in range(len(rows[r]))]))


# --- field by field ----------------------------------------------------------------------------

def _field_schemas() -> list[Any]:
    out = []
    for spec in TABLES:
        assert spec.model is not None
        schema = spec.model.__pydantic_core_schema__
        config = schema.get("config")
        while schema["type"] != "model-fields":
            schema = schema["schema"]
        for name, f in schema["fields"].items():
            out.append(pytest.param(f["schema"], config, id=f"{spec.model.__name__}.{name}"))
    return out


FIELDS = _field_schemas()
#: Values near what each fast arm takes: text spacing, codes, choices, numbers at their edges.
NEAR = st.sampled_from([
    "abc", "a b", "a  b", " a", "a ", "a\tb", "a\nb", "a\u00a0b", "a\u200bb", "a\x1cb", "ก ข",
    "BK01", "bk01", "B K01", "BK๐๑", "D01-001", "D01/1.2_x", "ß", "ﬁ", "สื่อ", " สื่อ", "ป.5",
    "ป5", "ป.๕", "วิธีเฉพาะเจาะจง", "ใช่", "ไม่ใช่", "a@b.co", "a@b", "http://x.y", "HTTPS://x",
    "httpſ://x", "02-521-1234", "025211234", "๐๒-521-1234", "", "0.0", "1", "x" * 301,
    0.0, -0.0, 0.01, 0.005, 1.005, 2.675, 125.0, 99.99, 100.0, 100.00000000000001, 1e-5,
    1e15, 999999999999999.9, 99999999999999.99, 1e16, 2.0**53, 2.0**53 + 2, -1.0, 1e300,
    float("nan"), float("inf"), 5e-324, 3, 10**20, True, False, date(2026, 1, 5),
    datetime(2026, 1, 5), datetime(2026, 1, 5, 13, 30), Decimal("12.5"), CellError("#REF!"),
])


def _outcome(validator: SchemaValidator, value: Any) -> tuple[str, str] | None:
    try:
        return _value(validator.validate_python(value))
    except ValidationError:
        return None


@pytest.mark.parametrize(("schema", "config"), FIELDS)
@settings(max_examples=150, deadline=None,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
@given(value=st.one_of(NEAR, cells))
def test_table_bulk_field_reads_as_reference(schema: Any, config: Any, value: Any) -> None:
    """Whatever a field's bulk schema reads, its own schema reads the same (type and repr);
    it fails exactly where the reference does, and on every error value."""
    own = _outcome(SchemaValidator(schema, config), value)
    fast = _outcome(SchemaValidator(bulk.field_schema(schema), config), value)
    if isinstance(value, CellError):
        assert fast is None
    else:
        assert fast == own


FAST_KINDS = {"text", "code", "amount", "decimal", "int", "date", "yesno", "choice", "email",
              "url", "phone", "percent"}


@pytest.mark.parametrize("spec", TABLES, ids=lambda s: s.model.__name__)
def test_table_bulk_fast_arm_for_every_plain_field(spec: sh.SheetSpec) -> None:
    """Each field whose kind has a fast arm gets one (a change to the models or to pydantic
    that hides the parser would silently send every cell back to Python)."""
    assert spec.model is not None
    schema = spec.model.__pydantic_core_schema__
    while schema["type"] != "model-fields":
        schema = schema["schema"]
    for col in spec.columns:
        inner = schema["fields"][col.field]["schema"]
        while inner["type"] in ("default", "nullable"):
            inner = inner["schema"]
        if col.kind in FAST_KINDS:
            assert bulk.fast_arm(inner) is not None, col.field


def test_table_bulk_clean_rows_call_no_python() -> None:
    """A clean purchase and a clean work are validated without one Python call per cell:
    the only Python code run is the purchase's model validator (once a row)."""
    rows = {
        sh.PURCHASES: {"school_code": "D01-001", "date": date(2026, 1, 5), "item": "กระดาษ A4",
                       "quantity": 2.0, "unit": "รีม", "unit_price": 125.0, "amount": 250.0,
                       "method": "วิธีเฉพาะเจาะจง", "doc_no": "D01-001-69/001"},
        sh.WORKS: {"work_code": "D01-001-W01", "school_code": "D01-001", "title": "นิทาน ชิ้นที่ 1",
                   "work_type": "สื่อ", "tools": "Canva", "students": "ด.ญ.ปิยะดา",
                   "grade": "ป.4", "advisor": "ครูตัวอย่าง", "selected": True,
                   "link": "https://example.org/w01", "submitted_on": date(2026, 7, 1)},
    }
    for spec, row in rows.items():
        validator = bulk.rows_validator(spec)
        assert validator is not None
        called: list[str] = []

        def watch(frame: Any, event: str, _arg: Any, called: list[str] = called) -> None:
            if event == "call" and "learnworks_xl" in frame.f_code.co_filename:
                called.append(frame.f_code.co_name)

        sys.setprofile(watch)
        try:
            (model,) = validator.validate_python([row])
        finally:
            sys.setprofile(None)
        assert called == (["_amount_from_quantity_and_price"] if spec is sh.PURCHASES else [])
        assert model == spec.model.model_validate(row)


def test_table_bulk_whitespace_is_python_whitespace() -> None:
    """The text arm's whitespace is exactly ``str.isspace`` (what ``str.split`` splits at):
    ``a?b`` is taken as it is unless ``?`` is whitespace, then it goes to ``to_text``."""
    text: Any = {"type": "function-before", "schema": {"type": "str"},
                 "function": {"type": "no-info", "function": bulk.fields.to_text}}
    arm = bulk.fast_arm(text)
    assert arm is not None
    fast, own = SchemaValidator(arm), SchemaValidator(text)
    for code in [*range(0x3001), 0xFEFF, 0x205F, 0xFFFD]:
        char = chr(code)
        if char == " ":
            continue
        value = f"a{char}b"
        taken = _outcome(fast, value) is not None
        assert taken == (not char.isspace()), hex(code)
        if taken:
            assert _outcome(own, value) == _value(value)
