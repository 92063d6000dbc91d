"""Atomic output files: write to a temporary file beside the target, then rename.

A reader never sees a half-written file, the previous output is kept as ``<name>.bak``, and
the input is never overwritten.
"""

from __future__ import annotations

import contextlib
import os
import tempfile
from collections.abc import Iterator
from pathlib import Path

from learnworks_xl.errors import OutputError


def refuse_input(out: Path, *inputs: Path) -> None:
    """Raise :class:`OutputError` if ``out`` is one of ``inputs`` (same file)."""
    for src in inputs:
        try:
            same = out.exists() and src.exists() and os.path.samefile(out, src)
        except OSError:
            same = False
        if same or out.resolve() == src.resolve():
            raise OutputError(
                f"ไม่เขียนทับไฟล์ต้นฉบับ {src.name} กรุณาเลือกชื่อไฟล์ผลลัพธ์อื่น",
                f"refusing to overwrite the input {src}",
            )


@contextlib.contextmanager
def atomic_path(target: str | Path, *, inputs: tuple[Path, ...] = (),
                backup: bool = True) -> Iterator[Path]:
    """Yield a temporary path to write; on success it replaces ``target`` atomically.

    Args:
        target: The final file.
        inputs: Files that must never be overwritten (the inputs of the job).
        backup: Keep the previous ``target`` as ``target.bak``.

    Raises:
        OutputError: ``target`` is an input, or its folder cannot be written.
    """
    target = Path(target)
    refuse_input(target, *inputs)
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp_name = tempfile.mkstemp(prefix=f".{target.stem}.", suffix=target.suffix,
                                        dir=target.parent)
    except OSError as exc:
        raise OutputError(f"เขียนไฟล์ในโฟลเดอร์ {target.parent} ไม่ได้",
                          f"cannot write in {target.parent}: {exc.strerror}") from None
    os.close(fd)
    tmp = Path(tmp_name)
    try:
        yield tmp
        if backup and target.exists():
            os.replace(target, target.with_name(target.name + ".bak"))
        os.replace(tmp, target)
    finally:
        if tmp.exists():
            tmp.unlink()
