"""Server time per button, on the sample payload and on a BMA-scale payload (437 schools).

For each button and payload this measures, as the median of a few presses:

* **in-process** — the server's reading of the body (``check_request``), ``xw.Book(json=…)``,
  the button, ``book.json()``: the server's work;
* **HTTP** — a POST to a live ``learnworks serve`` (uvicorn on 127.0.0.1) until the actions
  are received and decoded: what the VBA client waits for, minus the network and Excel.

The bodies are what the xlwings VBA client posts from a Thai office PC (Buddhist calendar),
written by the test suite's client (``tests/vbaclient.py``) from ``bench/generate.py``'s
workbooks, with ``ตั้งค่า``'s mail server pointed at a local aiosmtpd (so ``email`` really
sends, over loopback only). Usage::

    uv run python bench/server_buttons.py [--repeat 5] [--scales district bma]

Prints a Markdown table (copied into the README).
"""

from __future__ import annotations

import os

os.environ.setdefault("XLWINGS_LICENSE_KEY", "noncommercial")  # before xlwings is imported

import argparse
import platform
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import httpx
import xlwings as xw

sys.path.insert(0, str(Path(__file__).resolve().parent))

import generate  # bench/generate.py
from aiosmtpd.controller import Controller

from learnworks_xl.xl import buttons
from learnworks_xl.xl.server import check_request, run_button
from tests.vbaclient import ExcelBook  # the VBA client as Excel runs it (not installed)
from tests.xlpress import loopback

KEY = "bench-key-0123456789abcdef"


class Sink:
    """An SMTP handler that accepts and drops every message."""

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:
        return "250 OK"


#: Buttons of the Education Office's workbook, not measured on a district's payload.
OFFICE_BUTTONS = frozenset({"rollup", "email_rollup"})

def free_port() -> int:
    """A free TCP port on 127.0.0.1."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port: int = s.getsockname()[1]
        return port


def in_process(name: str, body: bytes) -> tuple[float, int]:
    """Seconds for one press without HTTP, and the number of actions."""
    started = time.perf_counter()
    data, failure = check_request(body)
    assert data is not None and failure is None
    actions = len(run_button(name, data)["actions"])
    return time.perf_counter() - started, actions


def start_server() -> tuple[subprocess.Popen[bytes], str]:
    """Start ``learnworks serve`` on a free loopback port; wait until it answers (≤ 20 s)."""
    port = free_port()
    script = Path(sys.executable).parent / "learnworks"
    process = subprocess.Popen([str(script), "serve", "--port", str(port)],
                               env={**os.environ, "LEARNWORKS_API_KEY": KEY},
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    url = f"http://127.0.0.1:{port}"
    for _ in range(200):
        try:
            if httpx.get(url + "/health", timeout=1).status_code == 200:
                return process, url
        except httpx.TransportError:
            time.sleep(0.1)
    process.kill()
    raise SystemExit("server did not start")


def over_http(url: str, name: str, body: bytes) -> float:
    """Seconds for one POST until the decoded actions are in hand."""
    started = time.perf_counter()
    answer = httpx.post(f"{url}/{name}", content=body, timeout=300,
                        headers={"Authorization": KEY, "Content-Type": "application/json"})
    answer.raise_for_status()
    answer.json()
    return time.perf_counter() - started


def main(argv: list[str] | None = None) -> int:
    """Measure and print the table."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--scales", nargs="*", default=["district", "bma"],
                        choices=list(generate.SCALES))
    parser.add_argument("--readme", action="store_true",
                        help="also write the table into README.md between its markers")
    args = parser.parse_args(argv)
    smtp_port = free_port()
    smtp = Controller(Sink(), hostname="127.0.0.1", port=smtp_port, data_size_limit=2**27)
    smtp.start()
    os.environ.setdefault(buttons.ENV_OUTPUT_DIR, tempfile.mkdtemp(prefix="learnworks-bench-"))
    bodies = {}
    for scale in args.scales:
        book = loopback(ExcelBook.open(generate.ensure(generate.SCALES[scale])), smtp_port)
        bodies[scale] = book.request_body("buddhist").encode()
    process, url = start_server()
    rows = []
    try:
        for scale, body in bodies.items():
            for name in buttons.BUTTONS:
                if name in OFFICE_BUTTONS:  # the Education Office's: they refuse a district's
                    continue
                local = [in_process(name, body) for _ in range(args.repeat)]
                remote = [over_http(url, name, body) for _ in range(args.repeat)]
                rows.append((scale, len(body) / 2**20, name,
                             statistics.median(t for t, _ in local),
                             statistics.median(remote), local[0][1]))
    finally:
        process.terminate()
        process.wait(timeout=10)
        smtp.stop()
    lines = [f"Machine: {platform.machine()}, {os.cpu_count()} CPUs, Python "
             f"{platform.python_version()}, xlwings {xw.__version__}; median of {args.repeat}.",
             "",
             "| payload | size (MB) | button | in-process (s) | HTTP round trip (s) | actions |",
             "|---|---:|---|---:|---:|---:|"]
    for scale, mb, name, local_s, http_s, actions in rows:
        lines.append(f"| {scale} | {mb:.2f} | {name} | {local_s:.3f} | {http_s:.3f} "
                     f"| {actions} |")
    print("\n".join(lines))
    if args.readme:
        readme = Path(__file__).resolve().parents[1] / "README.md"
        text = readme.read_text(encoding="utf-8")
        start, end = "<!-- server-bench:start -->", "<!-- server-bench:end -->"
        head, rest = text.split(start, 1)
        _old, tail = rest.split(end, 1)
        readme.write_text(head + start + "\n" + "\n".join(lines) + "\n" + end + tail,
                          encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
