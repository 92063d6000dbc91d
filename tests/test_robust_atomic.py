"""Nothing lost: outputs are written atomically, the previous output is kept as ``.bak``, the
input is never overwritten, and no command writes into its input.

``learnworks_xl.io.atomic`` is tested directly (including a failure, and a killed process, in
the middle of writing), then every command that writes is run with its output pointed at its
input (the one line on stderr, exit 2, the input unchanged) and normally (the input still
unchanged: no command writes in place).
"""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import CliRunner

from learnworks_xl.cli import cli
from learnworks_xl.errors import OutputError
from learnworks_xl.io.atomic import atomic_path, refuse_input

OLD, NEW = b"previous output", b"new output"


def fingerprint(path: Path) -> tuple[str, int, int]:
    stat = path.stat()
    return hashlib.sha256(path.read_bytes()).hexdigest(), stat.st_size, stat.st_mtime_ns


def strays(folder: Path) -> list[str]:
    """Temporary files left behind (atomic_path names them ``.<stem>.<random><suffix>``)."""
    return sorted(p.name for p in folder.iterdir() if p.name.startswith("."))


# --- atomic_path ----------------------------------------------------------------------------

@pytest.mark.parametrize("existing", [False, True], ids=["new", "replaces"])
def test_atomic_write_success(tmp_path: Path, existing: bool) -> None:
    target = tmp_path / "out.xlsx"
    if existing:
        target.write_bytes(OLD)
    with atomic_path(target) as tmp:
        assert tmp.parent == tmp_path and tmp != target
        tmp.write_bytes(NEW)
        assert target.exists() == existing  # untouched until the end
    assert target.read_bytes() == NEW
    backup = tmp_path / "out.xlsx.bak"
    assert backup.exists() == existing
    if existing:
        assert backup.read_bytes() == OLD
    assert strays(tmp_path) == []


def test_atomic_write_backup_is_the_previous_output(tmp_path: Path) -> None:
    target = tmp_path / "out.xlsx"
    for text in (b"one", b"two", b"three"):
        with atomic_path(target) as tmp:
            tmp.write_bytes(text)
    assert target.read_bytes() == b"three"
    assert (tmp_path / "out.xlsx.bak").read_bytes() == b"two"


def test_atomic_write_without_backup(tmp_path: Path) -> None:
    target = tmp_path / "page.html"
    target.write_bytes(OLD)
    with atomic_path(target, backup=False) as tmp:
        tmp.write_bytes(NEW)
    assert target.read_bytes() == NEW
    assert not (tmp_path / "page.html.bak").exists()


@pytest.mark.parametrize("error", [OSError("disk full"), ValueError("bad data"),
                                   KeyboardInterrupt()], ids=["oserror", "bug", "ctrl-c"])
def test_atomic_write_failure_keeps_old_output(tmp_path: Path, error: BaseException) -> None:
    target = tmp_path / "out.xlsx"
    target.write_bytes(OLD)
    (tmp_path / "out.xlsx.bak").write_bytes(b"older output")
    before = fingerprint(target)
    with pytest.raises(type(error)), atomic_path(target) as tmp:
        tmp.write_bytes(NEW[:3])  # half written
        raise error
    assert fingerprint(target) == before
    assert (tmp_path / "out.xlsx.bak").read_bytes() == b"older output"
    assert strays(tmp_path) == []


def test_atomic_write_killed_mid_write_keeps_old_output(tmp_path: Path) -> None:
    """A process killed while writing (power cut, Task Manager) leaves the old file whole."""
    target = tmp_path / "out.xlsx"
    target.write_bytes(OLD)
    before = fingerprint(target)
    script = ("import os, sys\n"
              "from learnworks_xl.io.atomic import atomic_path\n"
              "with atomic_path(sys.argv[1]) as tmp:\n"
              "    tmp.write_bytes(b'half of the new')\n"
              "    os._exit(9)\n")
    proc = subprocess.run([sys.executable, "-c", script, str(target)], check=False)
    assert proc.returncode == 9
    assert fingerprint(target) == before
    assert not (tmp_path / "out.xlsx.bak").exists()
    # only a hidden temporary file is left, never under the output's name
    assert [p.name for p in tmp_path.iterdir() if not p.name.startswith(".")] == ["out.xlsx"]


def test_atomic_write_output_is_readable_like_any_new_file(tmp_path: Path) -> None:
    target = tmp_path / "out.xlsx"
    plain = tmp_path / "plain.xlsx"
    plain.write_bytes(NEW)
    with atomic_path(target) as tmp:
        tmp.write_bytes(NEW)
    assert target.stat().st_mode & 0o777 == plain.stat().st_mode & 0o777


@pytest.mark.parametrize("how", ["same", "relative", "dotdot", "symlink", "hardlink"])
def test_atomic_refuses_the_input(tmp_path: Path, how: str,
                                  monkeypatch: pytest.MonkeyPatch) -> None:
    src = tmp_path / "book.xlsx"
    src.write_bytes(OLD)
    monkeypatch.chdir(tmp_path)
    out = {"same": src, "relative": Path("book.xlsx"),
           "dotdot": tmp_path / "sub" / ".." / "book.xlsx",
           "symlink": tmp_path / "link.xlsx", "hardlink": tmp_path / "hard.xlsx"}[how]
    if how == "symlink":
        out.symlink_to(src)
    if how == "hardlink":
        os.link(src, out)
    (tmp_path / "sub").mkdir()
    before = fingerprint(src)
    with pytest.raises(OutputError) as caught, atomic_path(out, inputs=(src,)) as tmp:
        tmp.write_bytes(NEW)
    assert caught.value.message_th == ("ไม่เขียนทับไฟล์ต้นฉบับ book.xlsx "
                                       "กรุณาเลือกชื่อไฟล์ผลลัพธ์อื่น")
    assert caught.value.exit_code == 2
    assert fingerprint(src) == before
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".")] == []


def test_atomic_refuse_input_other_file_is_fine(tmp_path: Path) -> None:
    src = tmp_path / "book.xlsx"
    src.write_bytes(OLD)
    refuse_input(tmp_path / "book-ผลลัพธ์.xlsx", src)  # no error
    refuse_input(tmp_path / "missing.xlsx", tmp_path / "also-missing.xlsx")


def test_atomic_folder_not_writable(tmp_path: Path) -> None:
    blocker = tmp_path / "not-a-folder"
    blocker.write_bytes(OLD)
    with pytest.raises(OutputError) as caught, atomic_path(blocker / "out.xlsx") as tmp:
        tmp.write_bytes(NEW)
    assert caught.value.message_th == f"เขียนไฟล์ในโฟลเดอร์ {blocker} ไม่ได้"


def test_atomic_backup_that_cannot_be_made_keeps_old_output(tmp_path: Path) -> None:
    """The old output cannot become ``.bak`` (a folder has that name): clear error, old kept."""
    target = tmp_path / "out.xlsx"
    target.write_bytes(OLD)
    (tmp_path / "out.xlsx.bak").mkdir()
    (tmp_path / "out.xlsx.bak" / "x").write_bytes(b"x")
    with pytest.raises(OutputError) as caught, atomic_path(target) as tmp:
        tmp.write_bytes(NEW)
    assert caught.value.message_th == ("เก็บไฟล์ผลลัพธ์เดิมเป็น out.xlsx.bak ไม่ได้ "
                                       "จึงไม่เขียนทับ out.xlsx")
    assert target.read_bytes() == OLD
    assert strays(tmp_path) == []


# --- every command that writes -------------------------------------------------------------

REFUSED = ("ผิดพลาด: ไม่เขียนทับไฟล์ต้นฉบับ {name} กรุณาเลือกชื่อไฟล์ผลลัพธ์อื่น "
           "(refusing to overwrite the input {path})\n")


def _invoke(*args: str | Path) -> tuple[int, str]:
    result = CliRunner().invoke(cli, [str(a) for a in args], catch_exceptions=False)
    return result.exit_code, result.output


Pointing = Callable[[Path, Path], list[str | Path]]
"""(input, a folder) → the command line with its output pointed at the input."""

AT_INPUT: dict[str, Pointing] = {
    "run": lambda src, d: ["run", src, "-o", src],
    "run-relative": lambda src, d: ["run", src, "-o", Path(os.path.relpath(src))],
    "collect": lambda src, d: ["collect", src, src, "-o", src],
    "email-out": lambda src, d: ["email", src, "--eml", d / "m.eml", "-o", src],
    "email-eml": lambda src, d: ["email", src, "--eml", src, "-o", d / "done.xlsx"],
    "new-year": lambda src, d: ["new-year", src, "--fiscal-year", "2570", "-o", src],
    "rollup": lambda src, d: ["rollup", src, "-o", src],
    "rollup-folder": lambda src, d: ["rollup", src.parent, src, "-o", src],
}


@pytest.mark.parametrize("command", sorted(AT_INPUT))
def test_robust_commands_refuse_output_at_input(command: str, sample_path: Path,
                                                tmp_path: Path) -> None:
    before = fingerprint(sample_path)
    code, output = _invoke(*AT_INPUT[command](sample_path, tmp_path))
    assert code == 2, output
    assert output.endswith(REFUSED.format(name=sample_path.name, path=sample_path)), output
    assert fingerprint(sample_path) == before
    assert strays(sample_path.parent) == []


def test_robust_school_forms_refuse_input_named_like_a_form(make_workbook: Callable[..., Path],
                                                             sample_dict: dict[str, object],
                                                             ) -> None:
    src = make_workbook(sample_dict, "แบบฟอร์มโรงเรียน-BK01-2569.xlsx")
    before = fingerprint(src)
    code, output = _invoke("school-forms", src, "-o", src.parent)
    assert code == 2
    assert output == REFUSED.format(name=src.name, path=src)
    assert fingerprint(src) == before


def test_robust_collect_refuses_output_at_a_form(sample_path: Path, tmp_path: Path) -> None:
    forms = tmp_path / "forms"
    assert _invoke("school-forms", sample_path, "-o", forms)[0] == 0
    form = sorted(forms.iterdir())[0]
    before = fingerprint(form)
    code, output = _invoke("collect", sample_path, form, "-o", form)
    assert code == 2
    assert output == REFUSED.format(name=form.name, path=form)
    assert fingerprint(form) == before


def test_robust_publish_refuses_the_input_as_its_folder(sample_path: Path) -> None:
    before = fingerprint(sample_path)
    code, output = _invoke("publish", sample_path, "-o", sample_path)
    assert code == 2
    assert output == (f"ผิดพลาด: {sample_path} เป็นไฟล์ ไม่ใช่โฟลเดอร์ กรุณาเลือกโฟลเดอร์สำหรับเว็บไซต์ "
                      f"({sample_path} is a file, not a folder)\n")
    assert fingerprint(sample_path) == before


WRITES: dict[str, Pointing] = {
    "run": lambda src, d: ["run", src, "-o", d / "done.xlsx"],
    "school-forms": lambda src, d: ["school-forms", src, "-o", d / "forms"],
    "publish": lambda src, d: ["publish", src, "-o", d / "site"],
    "email --eml": lambda src, d: ["email", src, "--eml", d / "m.eml", "-o", d / "done.xlsx"],
    "new-year": lambda src, d: ["new-year", src, "--fiscal-year", "2570", "-o", d / "n.xlsm"],
    "rollup": lambda src, d: ["rollup", src, "-o", d / "bkk.xlsx", "--month", "2569-07"],
    "email-rollup --eml": lambda src, d: [
        "email-rollup", Path(__file__).resolve().parents[1] / "workbook"
        / "learnworks-สำนักการศึกษา.xlsm", src, "--to", "office@example.org", "--eml",
        d / "m.eml", "-o", d / "bkk.xlsx", "--month", "2569-07"],
}


@pytest.mark.parametrize("command", sorted(WRITES))
def test_robust_commands_never_write_in_place(command: str, sample_path: Path,
                                              tmp_path: Path) -> None:
    """Every command leaves its input byte for byte (and its time stamp): none writes in
    place, so no part-by-part proof of untouched parts is needed."""
    out = tmp_path / "out"
    out.mkdir()
    before = fingerprint(sample_path)
    code, output = _invoke(*WRITES[command](sample_path, out))
    assert code in (0, 1), output
    assert fingerprint(sample_path) == before
    assert any(out.rglob("*")), "the command wrote nothing"
    assert strays(sample_path.parent) == []


def test_robust_collect_never_writes_in_place(sample_path: Path, tmp_path: Path,
                                             fill_form: Callable[..., Path]) -> None:
    from learnworks_xl.core import sheets as sh
    from learnworks_xl.sample import sample_data

    forms = tmp_path / "forms"
    assert _invoke("school-forms", sample_path, "-o", forms)[0] == 0
    form = sorted(forms.iterdir())[0]
    row = {**sample_data()[sh.PURCHASES.name][0], "doc_no": "BK01-69/999",  # a new purchase
           "quantity": 1, "unit_price": 50, "amount": 50}  # within BK01's allocation
    filled = fill_form(form, {sh.PURCHASES.name: [row]})
    inputs = {p: fingerprint(p) for p in (sample_path, form, filled)}
    merged = tmp_path / "merged.xlsx"
    code, output = _invoke("collect", sample_path, filled, "-o", merged)
    assert code in (0, 1), output
    assert merged.exists()
    assert {p: fingerprint(p) for p in inputs} == inputs


def test_robust_every_writing_command_is_covered() -> None:
    """A new command that writes files must be added to the tables above."""
    writing = {"run", "school-forms", "collect", "publish", "email", "build-workbook",
               "schemas", "new-year", "rollup", "email-rollup"}
    reading = {"validate", "serve"}
    assert set(cli.commands) == writing | reading
    assert {c.split()[0] for c in WRITES} | {"collect", "build-workbook", "schemas"} == writing


def test_robust_build_workbook_keeps_previous_as_backup(tmp_path: Path) -> None:
    assert _invoke("build-workbook", "-o", tmp_path)[0] == 0
    first = (tmp_path / "learnworks.xlsm").read_bytes()
    assert _invoke("build-workbook", "-o", tmp_path)[0] == 0
    assert (tmp_path / "learnworks.xlsm.bak").read_bytes() == first
    assert strays(tmp_path) == []


def test_robust_run_keeps_previous_output_as_backup(sample_path: Path, tmp_path: Path) -> None:
    done = tmp_path / "done.xlsx"
    done.write_bytes(OLD)
    code, output = _invoke("run", sample_path, "-o", done)
    assert code == 0, output
    assert (tmp_path / "done.xlsx.bak").read_bytes() == OLD
    assert done.read_bytes()[:2] == b"PK"
