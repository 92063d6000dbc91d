"""Run ``learnworks`` in a child process with bounded time and address space.

The corpus tests measure, not trust: each bad workbook goes through the real command line in
a fresh process whose address space is capped (``RLIMIT_AS``), whose wall time is bounded,
and whose own peak resident memory is read back from the kernel (``wait4``).
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass
from pathlib import Path

#: Address-space cap for the child (virtual memory, so well above its resident peak).
MEMORY_CAP = 1536 * 2**20
#: Wall-time cap for the child, in seconds.
TIME_CAP = 60.0

_CHILD = (
    "import atexit, resource, sys\n"
    "cap, peak_file = int(sys.argv[1]), sys.argv[2]\n"
    "resource.setrlimit(resource.RLIMIT_AS, (cap, cap))\n"
    "def peak():\n"
    "    with open('/proc/self/status') as st, open(peak_file, 'w') as out:\n"
    "        out.write(next(l for l in st if l.startswith('VmHWM')).split()[1])\n"
    "atexit.register(peak)\n"
    "sys.argv = ['learnworks', *sys.argv[3:]]\n"
    "from learnworks_xl.cli import main\n"
    "main()\n"
)


class TimedOut(AssertionError):
    """The child ran past its time cap and was killed."""


@dataclass(frozen=True)
class Outcome:
    """What one limited run of ``learnworks`` did."""

    code: int
    stdout: str
    stderr: str
    seconds: float
    peak_mb: float
    """The child's own peak resident memory (VmHWM), or -1 when it died before exiting."""


def run_learnworks(*args: str | Path, cap: int = MEMORY_CAP, timeout: float = TIME_CAP,
                   cwd: Path | None = None, env: dict[str, str] | None = None) -> Outcome:
    """Run ``learnworks ARGS`` under the caps and return its exit code, output and peaks.

    Raises:
        TimedOut: The child was still running after ``timeout`` seconds.
    """
    child_env = {**os.environ, "PYTHONIOENCODING": "utf-8", "RUST_BACKTRACE": "0",
                 **(env or {})}
    child_env.pop("LEARNWORKS_DEBUG", None)
    fd, peak_name = tempfile.mkstemp(prefix="learnworks-peak-")
    os.close(fd)
    peak_file = Path(peak_name)
    start = time.perf_counter()
    proc = subprocess.Popen([sys.executable, "-c", _CHILD, str(cap), peak_name,
                             *map(str, args)],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=child_env,
                            cwd=cwd)
    streams: dict[str, bytes] = {}

    def drain(name: str) -> None:
        pipe = proc.stdout if name == "out" else proc.stderr
        assert pipe is not None
        streams[name] = pipe.read()

    readers = [threading.Thread(target=drain, args=(n,)) for n in ("out", "err")]
    for t in readers:
        t.start()
    killer = threading.Timer(timeout, proc.kill)
    killer.start()
    try:
        _, status, _usage = os.wait4(proc.pid, 0)
    finally:
        killer.cancel()
    seconds = time.perf_counter() - start
    proc.returncode = os.waitstatus_to_exitcode(status)
    for t in readers:
        t.join()
    text = peak_file.read_text()
    peak_file.unlink()
    if seconds >= timeout:
        raise TimedOut(f"learnworks {' '.join(map(str, args))} ran past {timeout} s")
    return Outcome(proc.returncode, streams["out"].decode("utf-8", "replace"),
                   streams["err"].decode("utf-8", "replace"), seconds,
                   int(text) / 1024 if text else -1.0)
