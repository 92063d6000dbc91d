"""Atomic output files: write to a temporary file beside the target, then rename.

A reader never sees a half-written file, the previous output is kept as ``<name>.bak``, and
the input is never overwritten.
"""

from __future__ import annotations

import contextlib
import os
import secrets
import shutil
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
        tmp = _new_file(target.parent, f".{target.stem}.", target.suffix)
    except OSError as exc:
        raise OutputError(f"เขียนไฟล์ในโฟลเดอร์ {target.parent} ไม่ได้",
                          f"cannot write in {target.parent}: {exc.strerror}") from None
    try:
        yield tmp
        if backup and target.exists():
            _keep_backup(target)
        try:
            os.replace(tmp, target)  # the target is never missing: replaced in one step
        except OSError as exc:
            raise OutputError(f"เขียนไฟล์ {target.name} ไม่ได้ ไฟล์อาจเปิดอยู่ในโปรแกรมอื่น "
                              "กรุณาปิดแล้วลองใหม่",
                              f"cannot replace {target}: {exc.strerror}") from None
    finally:
        if tmp.exists():
            tmp.unlink()


def _new_file(folder: Path, prefix: str, suffix: str) -> Path:
    """Create an empty file with a fresh name, its mode that of any new file (the umask's);
    ``tempfile.mkstemp`` would make it readable by its owner only."""
    for _ in range(100):
        path = folder / f"{prefix}{secrets.token_hex(4)}{suffix}"
        try:
            os.close(os.open(path, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o666))
        except FileExistsError:
            continue
        return path
    raise FileExistsError(f"no free temporary name in {folder}")


def _keep_backup(target: Path) -> None:
    """Make ``target.bak`` a copy of ``target`` (a hard link when the disk allows), in one
    step, leaving ``target`` in place until the new output replaces it."""
    bak = target.with_name(target.name + ".bak")
    tmp = None
    try:
        tmp = _new_file(target.parent, f".{bak.name}.", "")
        tmp.unlink()
        try:
            os.link(target, tmp)
        except OSError:  # FAT/exFAT drives and some network shares have no hard links
            shutil.copy2(target, tmp)
        os.replace(tmp, bak)
    except OSError as exc:
        if tmp is not None and tmp.exists():
            tmp.unlink()
        raise OutputError(f"เก็บไฟล์ผลลัพธ์เดิมเป็น {bak.name} ไม่ได้ จึงไม่เขียนทับ {target.name}",
                          f"cannot keep the previous {target.name} as {bak.name}: "
                          f"{exc.strerror}") from None
