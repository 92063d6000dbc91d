"""Whatever a client sends, the server answers 200, 400 or 422 — never an exception (500)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from learnworks_xl.xl import buttons
from learnworks_xl.xl.server import check_request, run_button
from tests.vbaclient import ExcelBook
from tests.xlpress import message, server_data

scalars = st.one_of(st.none(), st.booleans(), st.integers(-10**20, 10**20),
                    st.floats(allow_nan=False, allow_infinity=False), st.text(max_size=30),
                    st.sampled_from(["#REF!", "=1+1", "15,100.-", "31/02/2569", "ใช่",
                                     "2025-11-15T00:00:00.000Z", "BK01", "ขนาดใหญ่"]))
json_values = st.recursive(scalars, lambda inner: st.one_of(
    st.lists(inner, max_size=4), st.dictionaries(st.text(max_size=8), inner, max_size=4)),
    max_leaves=12)


@pytest.fixture(scope="module")
def payload(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    """The sample as the server reads the VBA client's body."""
    from learnworks_xl.io.plainwriter import write_plain_workbook
    from learnworks_xl.sample import sample_data

    path: Path = write_plain_workbook(sample_data(), tmp_path_factory.mktemp("f") / "s.xlsx")
    return server_data(ExcelBook.open(path))


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(body=json_values)
def test_fuzz_any_json_is_rejected_cleanly(body: Any) -> None:
    data, failure = check_request(json.dumps(body).encode())
    assert failure is not None and failure[0] in (400, 422)
    assert data is None


@settings(max_examples=40, deadline=None,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
@given(edits=st.lists(st.tuples(st.integers(0, 10), st.integers(0, 40), st.integers(0, 12),
                                scalars), max_size=8),
       button=st.sampled_from(["validate", "recompute", "reports"]))
def test_fuzz_cell_values_never_crash_a_button(payload: dict[str, Any],
                                               edits: list[tuple[int, int, int, Any]],
                                               button: str) -> None:
    body = json.loads(json.dumps(payload))
    for s, r, c, value in edits:
        values = body["sheets"][s % len(body["sheets"])]["values"]
        row = values[r % len(values)]
        if row:
            row[c % len(row)] = value
    data, failure = check_request(json.dumps(body).encode())
    assert failure is None and data is not None
    actions = run_button(button, data)["actions"]
    assert message(actions)[0] not in (buttons.INTERNAL_ERROR, buttons.WRITE_ERROR)


@settings(max_examples=150, deadline=None)
@given(text=st.text(alphabet=st.sampled_from(list('[]{},:"\\0123456789.Ee-+tfnul ')),
                    max_size=60))
def test_fuzz_any_text_is_read_or_rejected_cleanly(text: str) -> None:
    """The repairs of the client's text (empty elements, long bare tokens) never raise."""
    data, failure = check_request(text.encode())
    assert (data is None) != (failure is None)
    assert failure is None or failure[0] in (400, 422)
