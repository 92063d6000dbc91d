"""``learnworks serve`` as a real process: uvicorn on 127.0.0.1, request bodies written as the
xlwings VBA client writes them (``tests/vbaclient.py``), answers checked from outside (only
loopback traffic)."""

from __future__ import annotations

import json
import os
import re
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import httpx
import pytest
import xlwings as xw

from learnworks_xl.xl import buttons
from learnworks_xl.xl.clientjson import NEWER_ERROR
from tests.vbaclient import ExcelBook, ExcelError
from tests.xlpress import loopback, message

ROOT = Path(__file__).resolve().parents[1]
KEY = "test-key-0123456789abcdef"
REMOTE_BAS = Path(xw.__file__).parent / "addin" / "Remote.bas"
SUBS = set(re.findall(r"^Sub (\w+)\(wb As Workbook, action As Dictionary\)",
                      REMOTE_BAS.read_text(encoding="utf-8", errors="replace"), re.M))

UNAUTHORIZED = ("รหัส API ไม่ถูกต้องหรือไม่ได้ส่งมา ปุ่มในสมุดงานส่งรหัสจากตัวแปรสภาพแวดล้อม "
                "LEARNWORKS_API_KEY ของเครื่องนี้ (หรือบรรทัด LEARNWORKS_API_KEY ในไฟล์ xlwings.conf "
                "ของผู้ใช้) กรุณาให้ผู้ดูแลระบบตั้งรหัสให้ตรงกับของเซิร์ฟเวอร์ แล้วปิด Excel และเปิดใหม่ "
                "(missing or wrong API key: the buttons send LEARNWORKS_API_KEY from the PC's "
                "environment or from the user's xlwings.conf file)")
MALFORMED_TH = ("ข้อมูลที่สมุดงานส่งมาไม่อยู่ในรูปแบบที่เซิร์ฟเวอร์อ่านได้ "
                "กรุณากดปุ่มจากสมุดงาน learnworks เท่านั้น (malformed request: ")
NOT_JSON_TH = "ข้อมูลที่สมุดงานส่งมาอ่านเป็น JSON ไม่ได้ตั้งแต่อักขระที่ "


@dataclass
class Server:
    """A running ``learnworks serve``."""

    url: str
    process: subprocess.Popen[bytes]
    log: Path

    def post(self, path: str, body: Any = None, *, key: str | None = KEY,
             content: bytes | str | None = None, auth: str | None = None) -> httpx.Response:
        headers = {"Content-Type": "application/json"}
        if auth is not None:
            headers["Authorization"] = auth
        elif key is not None:
            headers["Authorization"] = key
        if isinstance(content, str):
            content = content.encode("utf-8")
        data = content if content is not None else json.dumps(body).encode()
        return httpx.post(self.url + path, content=data, headers=headers, timeout=120)

    def runs(self) -> dict[str, int]:
        answer = httpx.get(self.url + "/stats", headers={"Authorization": KEY}, timeout=10)
        assert answer.status_code == 200
        result: dict[str, int] = answer.json()["runs"]
        return result

    def log_lines(self) -> list[dict[str, Any]]:
        return [json.loads(line) for line in self.log.read_text(encoding="utf-8").splitlines()
                if line.startswith("{")]


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port: int = s.getsockname()[1]
        return port


def start_server(tmp: Path, **env: str) -> Server:
    """Start ``learnworks serve`` on a free loopback port and wait (bounded) until it answers."""
    port = _free_port()
    log = tmp / f"server-{port}.log"
    environ = {**os.environ, "LEARNWORKS_API_KEY": KEY, **env}
    script = Path(sys.executable).parent / "learnworks"
    process = subprocess.Popen(
        [str(script), "serve", "--host", "127.0.0.1", "--port", str(port)],
        env=environ, cwd=ROOT, stdout=log.open("wb"), stderr=subprocess.STDOUT)
    url = f"http://127.0.0.1:{port}"
    for _ in range(200):  # up to ~20 s
        if process.poll() is not None:
            raise RuntimeError(log.read_text(encoding="utf-8"))
        try:
            if httpx.get(url + "/health", timeout=1).status_code == 200:
                return Server(url, process, log)
        except httpx.TransportError:
            pass
        time.sleep(0.1)
    process.kill()
    raise RuntimeError("server did not start: " + log.read_text(encoding="utf-8"))


def stop_server(server: Server) -> None:
    """Stop the server process we started."""
    server.process.terminate()
    try:
        server.process.wait(timeout=10)
    except subprocess.TimeoutExpired:
        server.process.kill()
        server.process.wait(timeout=10)


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    """One live server for the module, its clock stopped at its start (``SOURCE_DATE_EPOCH``):
    the reports a press rewrites say the time of the press, so two presses compared for the
    same answer must not straddle a second."""
    running = start_server(tmp_path_factory.mktemp("server"),
                           SOURCE_DATE_EPOCH=str(int(time.time())))
    yield running
    stop_server(running)


@pytest.fixture(scope="module")
def book(tmp_path_factory: pytest.TempPathFactory) -> ExcelBook:
    """The product workbook with the sample, open in Excel (mail server on a closed loopback
    port: no traffic out)."""
    from learnworks_xl.sample import sample_data
    from learnworks_xl.workbook.build import build_workbook

    path = build_workbook(tmp_path_factory.mktemp("wb") / "learnworks.xlsm", data=sample_data())
    return loopback(ExcelBook.open(path))


@pytest.fixture(scope="module")
def body(book: ExcelBook) -> str:
    """What the VBA client posts for the sample (a Gregorian PC)."""
    return book.request_body()


@pytest.fixture(scope="module")
def payload(body: str) -> dict[str, Any]:
    """The sample's body decoded (it is JSON: no odd cells), for hand-made bad requests."""
    decoded: dict[str, Any] = json.loads(body)
    return decoded


@pytest.mark.parametrize("auth", [None, "", "wrong-key-0123456789", f"Bearer {KEY}x",
                                  KEY.upper()], ids=["missing", "empty", "wrong", "bearer-wrong",
                                                     "case"])
@pytest.mark.parametrize("button", list(buttons.BUTTONS))
def test_server_auth_refused_does_no_work(server: Server, body: str,
                                          auth: str | None, button: str) -> None:
    before = server.runs()
    answer = server.post(f"/{button}", content=body, key=None, auth=auth)
    assert answer.status_code == 401
    assert answer.text == UNAUTHORIZED
    assert server.runs() == before


def test_server_auth_refused_before_reading_body(server: Server) -> None:
    before = server.runs()
    started = time.perf_counter()
    answer = server.post("/validate", content=b"x" * (80 * 2**20), key=None)
    assert answer.status_code == 401  # not 413: the key is checked before the body is read
    assert time.perf_counter() - started < 10
    assert server.runs() == before
    refused = [e for e in server.log_lines() if e["event"] == "auth-refused"]
    assert refused and all(set(e) >= {"ts", "level", "path", "client"} for e in refused)


@pytest.mark.parametrize("auth", [KEY, f"Bearer {KEY}", f"bearer  {KEY}"])
def test_server_auth_accepted(server: Server, body: str, auth: str) -> None:
    before = server.runs()["validate"]
    answer = server.post("/validate", content=body, auth=auth)
    assert answer.status_code == 200, answer.text
    assert server.runs()["validate"] == before + 1


@pytest.mark.parametrize("button", list(buttons.BUTTONS))
def test_server_button_actions_implemented(server: Server, body: str, button: str) -> None:
    answer = server.post(f"/{button}", content=body)
    assert answer.status_code == 200, answer.text
    actions = answer.json()["actions"]
    assert {a["func"] for a in actions} <= SUBS
    assert len(message(actions)) == 3  # LwAlert(wb, message, title, mode)


def _drop(data: dict[str, Any], key: str) -> dict[str, Any]:
    return {k: v for k, v in data.items() if k != key}


def _malformed(payload: dict[str, Any]) -> list[tuple[str, bytes]]:
    sheets = payload["sheets"]
    ragged = {**payload, "sheets": [{**sheets[0], "values": [[1, 2], [3]]}, *sheets[1:]]}
    nested = {**payload, "sheets": [{**sheets[0], "values": [[{"x": 1}]]}]}
    bad_index = {**payload, "book": {**payload["book"], "active_sheet_index": 999}}
    twice = {**payload, "sheets": [sheets[0], sheets[0]]}
    cases = {
        "not-json": b"{not json",
        "not-utf8": b"\xff\xfe{}",
        "array": b"[]",
        "empty-object": b"{}",
        "no-sheets": json.dumps(_drop(payload, "sheets")).encode(),
        "no-book": json.dumps(_drop(payload, "book")).encode(),
        "sheets-not-list": json.dumps({**payload, "sheets": "x"}).encode(),
        "ragged-values": json.dumps(ragged).encode(),
        "object-in-cell": json.dumps(nested).encode(),
        "active-sheet-out-of-range": json.dumps(bad_index).encode(),
        "sheet-twice": json.dumps(twice).encode(),
        "version-not-string": json.dumps({**payload, "version": 37}).encode(),
    }
    return list(cases.items())


def test_server_malformed_is_422(server: Server, payload: dict[str, Any]) -> None:
    before = server.runs()
    for case, body in _malformed(payload):
        answer = server.post("/validate", content=body)
        assert answer.status_code == 422, (case, answer.status_code, answer.text)
        prefix = NOT_JSON_TH if case in ("not-json", "not-utf8") else MALFORMED_TH
        assert answer.text.startswith(prefix), (case, answer.text)
    assert server.runs() == before


def test_server_wrong_xlwings_version_is_400(server: Server, body: str) -> None:
    answer = server.post("/validate", content=body.replace('"version":"0.37.8"',
                                                           '"version":"0.30.0"', 1))
    assert answer.status_code == 400
    assert answer.text == (
        f"สมุดงานนี้ใช้ xlwings รุ่น 0.30.0 แต่เซิร์ฟเวอร์ใช้รุ่น {xw.__version__} "
        "กรุณาใช้สมุดงานรุ่นล่าสุดจากผู้ดูแลระบบ หรือให้ผู้ดูแลติดตั้ง xlwings รุ่นเดียวกันบนเซิร์ฟเวอร์ "
        f"(xlwings version mismatch: workbook VBA client 0.30.0, server {xw.__version__}; "
        f"rebuild the workbook or install xlwings=={xw.__version__} on the server)")


def test_server_unknown_path_is_not_found(server: Server, body: str) -> None:
    assert server.post("/shutdown", content=body).status_code == 404


def test_server_cors_closed_by_default(server: Server) -> None:
    answer = httpx.options(server.url + "/validate", headers={
        "Origin": "https://evil.example", "Access-Control-Request-Method": "POST"}, timeout=10)
    assert "access-control-allow-origin" not in answer.headers


def test_server_logs_json_without_secrets(server: Server, body: str) -> None:
    server.post("/validate", content=body)
    server.post("/validate", content=body, key="wrong-key-0123456789")
    text = server.log.read_text(encoding="utf-8")
    assert KEY not in text and "wrong-key-0123456789" not in text
    assert "BK01" not in text  # no cell values either
    events = {e["event"] for e in server.log_lines()}
    assert {"button", "auth-refused"} <= events
    button = next(e for e in server.log_lines() if e["event"] == "button")
    assert set(button) == {"ts", "level", "event", "button", "status", "ms", "sheets", "actions"}


@pytest.fixture(scope="module")
def small_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    """A server with a 1 MB limit and one allowed origin."""
    running = start_server(tmp_path_factory.mktemp("small"), LEARNWORKS_MAX_REQUEST_MB="1",
                           LEARNWORKS_CORS_ORIGINS="https://office.example")
    yield running
    stop_server(running)


def test_server_size_limit_is_413(small_server: Server, payload: dict[str, Any]) -> None:
    big = {**payload, "sheets": [*payload["sheets"],
                                 {"name": "big", "values": [["x" * 1000]] * 1100}]}
    answer = small_server.post("/validate", big)
    assert answer.status_code == 413
    assert answer.text == ("ข้อมูลในสมุดงานมีขนาดเกิน 1 MB ที่เซิร์ฟเวอร์รับได้ "
                           "(request body larger than 1 MB)")
    assert small_server.runs()["validate"] == 0


def test_server_cors_configured(small_server: Server) -> None:
    answer = httpx.options(small_server.url + "/validate", headers={
        "Origin": "https://office.example", "Access-Control-Request-Method": "POST"},
        timeout=10)
    assert answer.headers.get("access-control-allow-origin") == "https://office.example"
    other = httpx.options(small_server.url + "/validate", headers={
        "Origin": "https://evil.example", "Access-Control-Request-Method": "POST"}, timeout=10)
    assert "access-control-allow-origin" not in other.headers


@pytest.mark.slow
def test_server_bma_scale(server: Server) -> None:
    sys.path.insert(0, str(ROOT / "bench"))
    import generate  # bench/generate.py: 437 schools

    path = generate.ensure(generate.SCALES["bma"])
    book = ExcelBook.open(path)
    schools = book.sheet("โรงเรียน")
    assert schools.used[2] - 1 == 437
    started = time.perf_counter()
    answer = server.post("/validate", content=book.request_body("buddhist"))
    elapsed = time.perf_counter() - started
    assert answer.status_code == 200, answer.text
    actions = answer.json()["actions"]
    assert {a["func"] for a in actions} <= SUBS
    assert message(actions)[0] == "ตรวจสอบข้อมูลเรียบร้อย ไม่พบข้อผิดพลาด"
    assert elapsed < 30


def test_server_concurrent_presses_keep_their_own_actions(server: Server, book: ExcelBook,
                                                          body: str) -> None:
    import copy
    from concurrent.futures import ThreadPoolExecutor

    broken = copy.deepcopy(book)
    broken.sheet("โรงเรียน").set("C4", "ขนาดใหญ๋")  # one finding: an unknown size
    bodies = [body, broken.request_body()] * 6
    with ThreadPoolExecutor(max_workers=6) as pool:
        answers = list(pool.map(lambda sent: server.post("/validate", content=sent), bodies))
    for sent, answer in zip(bodies, answers, strict=True):
        assert answer.status_code == 200
        alerts = [a for a in answer.json()["actions"] if a["func"] == "runMacro"]
        assert len(alerts) == 1
        clean = sent is body
        assert alerts[0]["args"][3] == ("info" if clean else "critical")


@pytest.mark.parametrize(("key", "message"), [
    (None, "ผิดพลาด: ยังไม่ได้กำหนดรหัส API ของเซิร์ฟเวอร์ กรุณาตั้งค่าตัวแปรสภาพแวดล้อม "
           "LEARNWORKS_API_KEY (LEARNWORKS_API_KEY is not set: the server refuses to run "
           "without an API key)\n"),
    ("short", "ผิดพลาด: รหัส API ใน LEARNWORKS_API_KEY สั้นเกินไป ต้องยาวอย่างน้อย 16 ตัวอักษร "
              "(LEARNWORKS_API_KEY is shorter than 16 characters)\n"),
])
def test_server_cli_refuses_without_key(key: str | None, message: str,
                                        monkeypatch: pytest.MonkeyPatch) -> None:
    from click.testing import CliRunner

    from learnworks_xl.cli import cli

    if key is None:
        monkeypatch.delenv("LEARNWORKS_API_KEY", raising=False)
    else:
        monkeypatch.setenv("LEARNWORKS_API_KEY", key)
    result = CliRunner().invoke(cli, ["serve", "--port", str(_free_port())])
    assert result.exit_code == 2
    assert result.stderr == message


def test_server_buddhist_pc_same_answer(server: Server, book: ExcelBook, body: str) -> None:
    """Acceptance, over HTTP: the sample as a Buddhist-calendar PC posts it."""
    buddhist = book.request_body("buddhist")
    assert buddhist != body
    answers = [server.post("/validate", content=sent) for sent in (buddhist, body)]
    assert [a.status_code for a in answers] == [200, 200]
    assert answers[0].json() == answers[1].json()
    assert message(answers[0].json()["actions"])[0] == "ตรวจสอบข้อมูลเรียบร้อย ไม่พบข้อผิดพลาด"


def test_server_spill_cell_is_200_and_a_finding(server: Server, book: ExcelBook) -> None:
    """Acceptance, over HTTP: a ``#SPILL!`` cell (not JSON as the client writes it) is 200 and
    one ``formula-error`` finding at that cell, listed on ``ผลการตรวจสอบ``."""
    import copy

    spilled = copy.deepcopy(book)
    spilled.sheet("การใช้จ่าย").set("B4", ExcelError("#SPILL!"))
    sent = spilled.request_body()
    assert '"BK01",,"' in sent
    answer = server.post("/validate", content=sent)
    assert answer.status_code == 200, answer.text
    actions = answer.json()["actions"]
    text, _title, mode = message(actions)
    assert (text.split(" ", 2)[:2], mode) == (["พบข้อผิดพลาด", "1"], "critical")
    rows = [row for a in actions if a["func"] == "setValues" for row in a["values"]]
    assert [r for r in rows if "B4" in r and NEWER_ERROR in r and "การใช้จ่าย" in r]
