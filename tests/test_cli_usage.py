"""A mistyped command line: one Thai + English line on stderr, exit code 2 (as click uses);
``--help`` unchanged."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from learnworks_xl.cli import cli

QUOTE = 'หากชื่อไฟล์มีช่องว่าง ให้ใส่ชื่อไฟล์ในเครื่องหมายคำพูด เช่น "สมุด งาน.xlsx"'


def _see(command: str) -> tuple[str, str]:
    return f"ดูวิธีใช้ด้วย learnworks {command} --help", f"see learnworks {command} --help"


USAGE_ERRORS = [
    pytest.param(["x"], "ไม่มีคำสั่ง 'x' ดูคำสั่งทั้งหมดด้วย learnworks --help "
                        "(no such command 'x'; see learnworks --help)", id="no-such-command"),
    pytest.param(["valdate", "a.xlsx"],
                 "ไม่มีคำสั่ง 'valdate' หมายถึง validate หรือไม่ ดูคำสั่งทั้งหมดด้วย learnworks --help "
                 "(no such command 'valdate', did you mean validate? see learnworks --help)",
                 id="no-such-command-close-match"),
    pytest.param(["validate", "สมุด", "งาน.xlsx"],
                 f"มีค่าเกินมา: งาน.xlsx ({QUOTE}) {_see('validate')[0]} "
                 f"(unexpected extra argument: งาน.xlsx; {_see('validate')[1]})",
                 id="extra-argument"),
    pytest.param(["run", "a", "b", "c"],
                 f"มีค่าเกินมา: b c ({QUOTE}) {_see('run')[0]} "
                 f"(unexpected extra arguments: b c; {_see('run')[1]})", id="extra-arguments"),
    pytest.param(["validate"], f"ยังไม่ได้ระบุสมุดงาน (PATH) {_see('validate')[0]} "
                               f"(missing argument PATH; {_see('validate')[1]})",
                 id="missing-argument"),
    pytest.param(["collect", "office.xlsx"],
                 f"ยังไม่ได้ระบุแบบฟอร์มของโรงเรียน (FORMS...) {_see('collect')[0]} "
                 f"(missing argument FORMS...; {_see('collect')[1]})",
                 id="missing-forms"),
    pytest.param(["rollup"], f"ยังไม่ได้ระบุสมุดงานหรือโฟลเดอร์ (PATHS...) {_see('rollup')[0]} "
                             f"(missing argument PATHS...; {_see('rollup')[1]})",
                 id="missing-paths"),
    pytest.param(["school-forms", "office.xlsx"],
                 f"ยังไม่ได้ระบุตัวเลือก --out ซึ่งคำสั่งนี้ต้องมี {_see('school-forms')[0]} "
                 f"(missing option --out; {_see('school-forms')[1]})", id="missing-option"),
    pytest.param(["serve", "--port", "แปดพัน"],
                 f"ค่า 'แปดพัน' ของตัวเลือก --port ต้องเป็นจำนวนเต็ม {_see('serve')[0]} "
                 f"(invalid value for --port: 'แปดพัน' is not a valid integer; {_see('serve')[1]})",
                 id="bad-integer"),
    pytest.param(["serve", "--port=abc"],
                 f"ค่า 'abc' ของตัวเลือก --port ต้องเป็นจำนวนเต็ม {_see('serve')[0]} "
                 f"(invalid value for --port: 'abc' is not a valid integer; {_see('serve')[1]})",
                 id="bad-integer-with-equals"),
    pytest.param(["serve", "--workers", "0"],
                 f"ค่า '0' ของตัวเลือก --workers ต้องเป็นจำนวนเต็มตั้งแต่ 1 ถึง 64 {_see('serve')[0]} "
                 f"(invalid value for --workers: 0 is not in the range 1<=x<=64; "
                 f"{_see('serve')[1]})", id="out-of-range"),
    pytest.param(["email", "a.xlsx", "--max-mb", "0"],
                 f"ค่า '0' ของตัวเลือก --max-mb ต้องเป็นตัวเลขไม่น้อยกว่า 0.01 {_see('email')[0]} "
                 f"(invalid value for --max-mb: 0.0 is not in the range x>=0.01; "
                 f"{_see('email')[1]})", id="float-out-of-range"),
    pytest.param(["serve", "--ssl-keyfile", "{tmp}/ไม่มี.pem"],
                 "ไม่พบไฟล์ {tmp}/ไม่มี.pem (ตัวเลือก --ssl-keyfile) " + _see("serve")[0]
                 + " (invalid value for --ssl-keyfile: File '{tmp}/ไม่มี.pem' does not exist; "
                 + _see("serve")[1] + ")", id="missing-file"),
    pytest.param(["serve", "--ssl-certfile", "{tmp}"],
                 "{tmp} เป็นโฟลเดอร์ ตัวเลือก --ssl-certfile ต้องเป็นไฟล์ " + _see("serve")[0]
                 + " (invalid value for --ssl-certfile: File '{tmp}' is a directory; "
                 + _see("serve")[1] + ")", id="folder-not-file"),
    pytest.param(["run", "--bogus", "a.xlsx"],
                 f"learnworks run ไม่มีตัวเลือก --bogus หมายถึง --out หรือไม่ {_see('run')[0]} "
                 f"(no such option --bogus, did you mean --out? {_see('run')[1]})",
                 id="no-such-option"),
    pytest.param(["--bogus"], "learnworks ไม่มีตัวเลือก --bogus ดูวิธีใช้ด้วย learnworks --help "
                              "(no such option --bogus; see learnworks --help)",
                 id="no-such-option-of-the-program"),
    pytest.param(["run", "a.xlsx", "--month"],
                 f"ตัวเลือก --month ต้องมีค่าตามหลัง (รูปแบบ: --month YYYY-MM) {_see('run')[0]} "
                 f"(option --month requires a value; {_see('run')[1]})", id="option-needs-value"),
    pytest.param(["validate", "a.xlsx", "--json=yes"],
                 f"ตัวเลือก --json ไม่ต้องมีค่าตามหลัง {_see('validate')[0]} "
                 f"(option --json does not take a value; {_see('validate')[1]})",
                 id="flag-given-a-value"),
]


@pytest.mark.parametrize(("args", "line"), USAGE_ERRORS)
def test_cli_usage_error_one_thai_line(tmp_path: Path, args: list[str], line: str) -> None:
    filled = [a.format(tmp=tmp_path) for a in args]
    result = CliRunner().invoke(cli, filled)
    assert (result.exit_code, result.stdout) == (2, "")
    assert result.stderr == f"ผิดพลาด: {line.format(tmp=tmp_path)}\n"


def test_cli_usage_error_console_script() -> None:
    """The installed entry point (prog name ``learnworks``) prints the same line."""
    done = subprocess.run([sys.executable, "-m", "learnworks_xl.cli", "x"], capture_output=True,
                          text=True, encoding="utf-8", check=False)
    assert (done.returncode, done.stdout) == (2, "")
    assert done.stderr == ("ผิดพลาด: ไม่มีคำสั่ง 'x' ดูคำสั่งทั้งหมดด้วย learnworks --help "
                           "(no such command 'x'; see learnworks --help)\n")


@pytest.mark.parametrize(("command", "usage"), [
    ("validate", "[OPTIONS] PATH"), ("run", "[OPTIONS] PATH"), ("schemas", "[OPTIONS]"),
    ("build-workbook", "[OPTIONS]"), ("serve", "[OPTIONS]"), ("email", "[OPTIONS] PATH"),
    ("school-forms", "[OPTIONS] PATH"), ("collect", "[OPTIONS] PATH FORMS..."),
    ("publish", "[OPTIONS] PATH..."),
])
def test_cli_usage_help_unchanged(command: str, usage: str) -> None:
    result = CliRunner().invoke(cli, [command, "--help"])
    assert (result.exit_code, result.stderr) == (0, "")
    lines = result.stdout.splitlines()
    assert lines[0] == f"Usage: learnworks {command} {usage}"
    assert lines[-1].split() == ["-h,", "--help", "Show", "this", "message", "and", "exit."]


def test_cli_usage_bare_program_shows_help() -> None:
    result = CliRunner().invoke(cli, [])
    assert result.exit_code == 2  # click: no command is a usage error that shows the help
    assert result.output.startswith("Usage: learnworks [OPTIONS] COMMAND [ARGS]...\n")
    assert "Commands:" in result.output
