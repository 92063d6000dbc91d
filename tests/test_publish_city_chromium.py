"""The city website in headless Chromium: the pages load with no console message and no
network request (the browser's own net log), and render their Thai text.

A probe page (an outside image and a console error, no CSP) proves that both detectors see
what they look for. Skipped when Chromium is absent.
"""

from __future__ import annotations

import json
import subprocess
from dataclasses import dataclass
from pathlib import Path

import pytest

from learnworks_xl import api
from tests.citykit import NOW, three_districts
from tests.rollupkit import MONTH
from tests.test_publish_chromium import CHROMIUM, FLAGS

pytestmark = pytest.mark.skipif(CHROMIUM is None, reason="Chromium not installed")


@dataclass(frozen=True)
class Load:
    """What Chromium did with one page."""

    dom: str
    console: list[str]
    """Console messages (errors included: a CSP refusal is one)."""
    requests: list[str]
    """URLs the page asked the network for (loads of ``file://`` pages are not network)."""


def load(tmp_path: Path, url: str) -> Load:
    """Open ``url`` in headless Chromium with logging and a net log; dump the DOM."""
    assert CHROMIUM is not None
    n = len(list(tmp_path.glob("profile-*")))
    netlog = tmp_path / f"net-{n}.json"
    done = subprocess.run(
        [CHROMIUM, *FLAGS, f"--user-data-dir={tmp_path / f'profile-{n}'}",
         "--enable-logging=stderr", "--v=0", f"--log-net-log={netlog}", "--dump-dom", url],
        capture_output=True, text=True, timeout=120, check=False)
    assert done.returncode == 0, done.stderr[-2000:]
    console = [line for line in done.stderr.splitlines() if ":CONSOLE" in line]
    log = json.loads(netlog.read_text(encoding="utf-8"))
    start = log["constants"]["logEventTypes"]["URL_REQUEST_START_JOB"]
    requests = [e["params"]["url"] for e in log["events"]
                if e["type"] == start and "file://" in e["params"].get("site_for_cookies", "")]
    return Load(done.stdout, console, requests)


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    base = tmp_path_factory.mktemp("city-chromium")
    return api.publish(three_districts(base / "in"), base / "site", month=MONTH,
                       now=NOW).out_dir


def test_publish_city_chromium_detectors_see_a_bad_page(tmp_path: Path) -> None:
    probe = tmp_path / "probe.html"
    probe.write_text('<!DOCTYPE html><html><body><img src="https://example.invalid/x.png">'
                     '<script>console.error("probe-error")</script></body></html>',
                     encoding="utf-8")
    seen = load(tmp_path, probe.as_uri())
    assert any('"probe-error"' in line for line in seen.console)
    assert seen.requests == ["https://example.invalid/x.png"]


@pytest.mark.parametrize(("name", "texts"), [
    ("index.html", ["<h2>สรุปภาพรวมกรุงเทพมหานคร</h2>", "ร้อยละ 92.86", "3 จาก 50 เขต",
                    '<a href="district-1005.html">สำนักงานเขตบางเขน</a>']),
    ("district-1036.html", ["<h1>สำนักงานเขตดอนเมือง</h1>", "4 จาก 5 โรงเรียน",
                            '<a href="school-1036-bk03.html">']),
    ("works.html", ['<h2 id="district-1030">', "ป. ต., ธ. ต. (ป.4)"]),
])
def test_publish_city_chromium_loads_clean(site: Path, tmp_path: Path, name: str,
                                           texts: list[str]) -> None:
    seen = load(tmp_path, (site / name).as_uri())
    assert seen.console == []
    assert seen.requests == []
    assert '<html lang="th">' in seen.dom
    for text in texts:
        assert text in seen.dom, text
