"""`learnworks serve` as a clerk's IT person starts it: a real process, no licence variable
set beforehand — the buttons must work (xlwings checks its licence at import time)."""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

from tests.vbaclient import ExcelBook

ROOT = Path(__file__).resolve().parents[1]
KEY = "test-key-0123456789abcdef"


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _post(url: str, body: bytes, key: str | None) -> tuple[int, bytes]:
    headers = {"Content-Type": "application/json"}
    if key:
        headers["Authorization"] = key
    req = urllib.request.Request(url, data=body, headers=headers)
    try:
        with urllib.request.urlopen(req, timeout=60) as r:
            return r.status, r.read()
    except urllib.error.HTTPError as e:
        return e.code, e.read()


def test_serve_cli_buttons_work_without_licence_variable() -> None:
    port = _free_port()
    env = {k: v for k, v in os.environ.items() if k != "XLWINGS_LICENSE_KEY"}
    env["LEARNWORKS_API_KEY"] = KEY
    proc = subprocess.Popen(
        [sys.executable, "-m", "learnworks_xl.cli", "serve", "--port", str(port)],
        cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    try:
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            try:
                urllib.request.urlopen(f"http://127.0.0.1:{port}/health", timeout=1)
                break
            except OSError:
                time.sleep(0.2)
        body = ExcelBook.open(ROOT / "workbook" / "learnworks.xlsm").request_body().encode()
        status, _ = _post(f"http://127.0.0.1:{port}/validate", body, None)
        assert status == 401
        status, answer = _post(f"http://127.0.0.1:{port}/validate", body, KEY)
        assert status == 200, answer.decode("utf-8", "replace")
        funcs = [a["func"] for a in json.loads(answer)["actions"]]
        assert funcs[-1] == "runMacro"
    finally:
        proc.terminate()
        proc.wait(timeout=10)
