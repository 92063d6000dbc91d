"""The ``learnworks`` command line: a thin layer over :mod:`learnworks_xl.api`.

Each command opens its input, calls the library function of the same name, prints what a
clerk reads (Thai) and turns the library's errors into one line on stderr with an exit code.
A mistyped command line is one such line too (:mod:`learnworks_xl.cliusage`, exit code 2).
No logic lives here.
"""

from __future__ import annotations

import json
import os
import sys
from collections.abc import Callable
from functools import wraps
from pathlib import Path
from typing import Any, TypeVar

import click

from learnworks_xl import __version__
from learnworks_xl.cliusage import ClerkGroup, ClerkUsageError
from learnworks_xl.errors import ExitCode, LearnworksError

F = TypeVar("F", bound=Callable[..., Any])



def clerk_errors(func: F) -> F:
    """Turn any error into one Thai + English line on stderr and an exit code, no traceback."""

    @wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return func(*args, **kwargs)
        except LearnworksError as exc:
            click.echo(f"ผิดพลาด: {exc.one_line()}", err=True)
            sys.exit(exc.exit_code)
        except (click.exceptions.Exit, click.ClickException, SystemExit, KeyboardInterrupt):
            raise
        except Exception as exc:
            if os.environ.get("LEARNWORKS_DEBUG"):
                raise
            click.echo(
                "ผิดพลาด: เกิดข้อผิดพลาดภายในโปรแกรม กรุณาแจ้งผู้ดูแลระบบพร้อมไฟล์ที่ใช้ "
                f"(internal error: {type(exc).__name__}; set LEARNWORKS_DEBUG=1 for details)",
                err=True,
            )
            sys.exit(ExitCode.INTERNAL)

    return wrapper  # type: ignore[return-value]


@click.group(name="learnworks", cls=ClerkGroup,
             context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="learnworks")
def cli() -> None:
    """learnworks: ตรวจสอบและจัดทำรายงานโครงการส่งเสริมสนับสนุนให้นักเรียนสร้างสรรค์ผลงาน
    เพื่อการเรียนรู้ จากสมุดงาน Excel (validate, recompute and report from the workbook)."""


@cli.command()
@click.argument("path", type=click.Path(path_type=Path))
@click.option("--json", "as_json", is_flag=True, help="Print the report as JSON (UTF-8).")
@clerk_errors
def validate(path: Path, as_json: bool) -> None:
    """ตรวจสอบข้อมูลทุกชีตในสมุดงาน PATH (check every sheet; exit 0 clean, 1 errors, 2 unreadable)."""
    from learnworks_xl import api
    from learnworks_xl.textreport import format_report

    result = api.validate(path)
    if as_json:
        text = json.dumps(result.report.to_json_dict(), ensure_ascii=False, indent=2)
        click.echo(text)
    else:
        click.echo(format_report(result.report, path.name), nl=False)
    sys.exit(ExitCode.DONE if result.report.valid else ExitCode.FINDINGS)


@cli.command()
@click.argument("path", type=click.Path(path_type=Path))
@click.option("-o", "--out", type=click.Path(path_type=Path),
              help="The finished workbook (.xlsx; default: beside PATH, named "
                   "<name>-ผลลัพธ์-<BE year>-<MM>.xlsx).")
@click.option("--month", metavar="YYYY-MM",
              help="Month to report: 2026-07 (CE) or 2569-07 (BE); default: เดือนที่รายงาน "
                   "of ตั้งค่า, else this month within the fiscal year.")
@clerk_errors
def run(path: Path, out: Path | None, month: str | None) -> None:
    """ตรวจสอบ คำนวณ และจัดทำรายงาน เขียนสมุดงานผลลัพธ์ (.xlsx) โดยไม่แก้ไฟล์ PATH
    (validate, recompute and write the finished workbook; exit 0 done, 1 the reports are
    drafts because the input has errors, 2 the input or a setting is wrong)."""
    from learnworks_xl import api

    result = api.run(path, out=out, month=month,
                     progress=lambda line: click.echo(line, err=True))
    for line in result.summary_lines():
        click.echo(line)
    sys.exit(ExitCode.DONE if result.results.report.valid else ExitCode.FINDINGS)


@cli.command()
@click.option("-o", "--out", "out_dir", type=click.Path(path_type=Path), default=Path("schemas"),
              show_default=True, help="Folder to write the schemas into.")
@clerk_errors
def schemas(out_dir: Path) -> None:
    """เขียน JSON Schema ของทุกชีตข้อมูล (write one JSON Schema per input sheet)."""
    from learnworks_xl import api

    for written in api.schemas(out_dir):
        click.echo(str(written))


@cli.command("build-workbook")
@click.option("-o", "--out", "out_dir", type=click.Path(path_type=Path),
              default=Path("workbook"), show_default=True,
              help="Folder to write learnworks.xlsm, learnworks-template.xlsm and "
                   "learnworks-สำนักการศึกษา.xlsm into.")
@clerk_errors
def build_workbook(out_dir: Path) -> None:
    """สร้างสมุดงาน learnworks.xlsm (ข้อมูลตัวอย่าง) แม่แบบว่าง และสมุดงานสำนักการศึกษา (build
    the workbook with the sample data, the blank template and the Education Office's
    workbook)."""
    from learnworks_xl import api

    for written in api.build_workbook(out_dir):
        click.echo(str(written))


@cli.command()
@click.option("--host", default="127.0.0.1", show_default=True,
              help="Address to listen on (0.0.0.0 for the office network).")
@click.option("--port", default=8000, show_default=True, type=int, help="TCP port.")
@click.option("--workers", default=1, show_default=True, type=click.IntRange(1, 64),
              help="Worker processes.")
@click.option("--ssl-keyfile", type=click.Path(path_type=Path, exists=True, dir_okay=False),
              help="TLS private key (PEM) to serve HTTPS.")
@click.option("--ssl-certfile", type=click.Path(path_type=Path, exists=True, dir_okay=False),
              help="TLS certificate (PEM).")
@clerk_errors
def serve(host: str, port: int, workers: int, ssl_keyfile: Path | None,
          ssl_certfile: Path | None) -> None:
    """เปิด xlwings Server ให้ปุ่มในสมุดงาน (run the xlwings Server for the workbook's buttons;
    the API key comes from LEARNWORKS_API_KEY)."""
    from learnworks_xl import api

    api.serve(host, port, workers, ssl_keyfile, ssl_certfile)

@cli.command()
@click.argument("path", type=click.Path(path_type=Path))
@click.option("--to", "to", multiple=True, metavar="ADDR",
              help="Recipient (repeat, or separate with commas); replaces อีเมลผู้รับ of ตั้งค่า.")
@click.option("--month", metavar="YYYY-MM",
              help="Month to report (default: เดือนที่รายงาน of ตั้งค่า, else this month).")
@click.option("--eml", type=click.Path(path_type=Path), metavar="OUT",
              help="Write the message to OUT (.eml) instead of sending it; Outlook opens it "
                   "as a draft.")
@click.option("-o", "--out", type=click.Path(path_type=Path),
              help="Where to write the finished workbook (default: beside PATH).")
@click.option("--cafile", type=click.Path(path_type=Path),
              help="Extra trusted certificates (PEM) for an office mail server.")
@click.option("--max-mb", type=click.FloatRange(min=0.01), default=25.0, show_default=True,
              help="Largest message to send, in MB.")
@clerk_errors
def email(path: Path, to: tuple[str, ...], month: str | None, eml: Path | None,
          out: Path | None, cafile: Path | None, max_mb: float) -> None:
    """ส่งสมุดงานฉบับสมบูรณ์ทางอีเมล (build the finished workbook and e-mail it with a Thai
    summary; exit 0 sent, 1 sent but the reports are drafts (the workbook has errors), 2 a
    setting or the password is missing, 3 sending failed)."""
    from learnworks_xl import api
    from learnworks_xl.mail.job import result_lines

    result = api.email(path, to=list(to) or None, month=month, eml=eml, out=out,
                       cafile=cafile, max_mb=max_mb)
    for line in result_lines(result):
        click.echo(line)
    sys.exit(ExitCode.SEND_FAILED if not result.complete
             else ExitCode.FINDINGS if result.provisional else ExitCode.DONE)


@cli.command("school-forms")
@click.argument("path", type=click.Path(path_type=Path))
@click.option("-o", "--out", "out_dir", type=click.Path(path_type=Path), required=True,
              help="Folder for the forms (แบบฟอร์มโรงเรียน-<code>-<year>.xlsx).")
@clerk_errors
def school_forms(path: Path, out_dir: Path) -> None:
    """สร้างแบบฟอร์มโรงเรียน: one small .xlsx per school, prefilled, with the sheets a school
    fills and the workbook's live checks (exit 0 done, 1 some schools skipped)."""
    from learnworks_xl import api

    result = api.school_forms(path, out_dir)
    for line in result.summary_lines():
        click.echo(line)
    sys.exit(ExitCode.FINDINGS if result.skipped else ExitCode.DONE)


@cli.command()
@click.argument("path", type=click.Path(path_type=Path))
@click.argument("forms", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("-o", "--out", type=click.Path(path_type=Path),
              help="The merged workbook (.xlsm with the buttons, or .xlsx; default: beside "
                   "PATH, named <name>-รวบรวมแบบฟอร์ม, of PATH's kind).")
@clerk_errors
def collect(path: Path, forms: tuple[Path, ...], out: Path | None) -> None:
    """รวบรวมแบบฟอร์มโรงเรียน: check each returned FORM and write a new workbook with the
    rows merged; PATH is never modified (exit 0 done, 1 a form was refused)."""
    from learnworks_xl import api

    result = api.collect(path, list(forms), out=out)
    for line in result.summary_lines():
        click.echo(line)
    sys.exit(ExitCode.DONE if result.ok else ExitCode.FINDINGS)


@cli.command()
@click.argument("paths", metavar="PATH...", nargs=-1, required=True,
                type=click.Path(path_type=Path))
@click.option("-o", "--out", "out_dir", type=click.Path(path_type=Path),
              help="Folder for the site (without -o: the last PATH).")
@click.option("--month", metavar="YYYY-MM",
              help="Several district workbooks: the month every district is counted to "
                   "(2026-07 or 2569-07; default: the month just ended).")
@click.option("--fiscal-year", "fiscal_year", type=int, metavar="YEAR",
              help="Several district workbooks: the Buddhist-era fiscal year "
                   "(default: the year of most files).")
@clerk_errors
def publish(paths: tuple[Path, ...], out_dir: Path | None, month: str | None,
            fiscal_year: int | None) -> None:
    """เผยแพร่ผลงาน: write the static website (Thai). One district workbook: the district's
    site (the program summary and the selected works per school). Several district
    workbooks, folders of them, or the roll-up workbook of learnworks rollup: Bangkok's site
    (the summary, a page per district and per school, the selected works). Exit 0 done, 1 a
    draft (errors in a workbook, a link or a file refused)."""
    from learnworks_xl import api

    if out_dir is None:
        if len(paths) < 2:
            raise ClerkUsageError(
                "ระบุโฟลเดอร์ของเว็บไซต์ด้วย -o โฟลเดอร์ หรือเป็นชื่อสุดท้าย เช่น "
                "learnworks publish สมุดงาน.xlsm เว็บไซต์/",
                "give the site's folder with -o DIR or as the last PATH")
        paths, out_dir = paths[:-1], paths[-1]
        if out_dir.suffix.lower() in (".xlsx", ".xlsm") and not out_dir.exists():
            raise ClerkUsageError(
                f"ไม่พบไฟล์ {out_dir} (ชื่อสุดท้ายเป็นชื่อสมุดงาน จึงไม่ใช้เป็นโฟลเดอร์ของเว็บไซต์ "
                "กรุณาตรวจชื่อไฟล์ หรือระบุโฟลเดอร์ของเว็บไซต์ด้วย -o โฟลเดอร์)",
                f"{out_dir} not found; a workbook's name is not taken as the site's folder "
                "(give it with -o DIR)")
    result = api.publish(list(paths), out_dir, month=month, fiscal_year=fiscal_year,
                         progress=lambda line: click.echo(line, err=True))
    for line in result.summary_lines():
        click.echo(line)
    sys.exit(ExitCode.DONE if result.ok else ExitCode.FINDINGS)


@cli.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("-o", "--out", type=click.Path(path_type=Path), required=True,
              help="The Bangkok roll-up workbook (.xlsx).")
@click.option("--month", metavar="YYYY-MM",
              help="Month every district is counted to: 2026-07 (CE) or 2569-07 (BE); "
                   "default: the month just ended, within the fiscal year.")
@click.option("--fiscal-year", "fiscal_year", type=int, metavar="YEAR",
              help="The Buddhist-era fiscal year to roll up (default: the year of most files).")
@clerk_errors
def rollup(paths: tuple[Path, ...], out: Path, month: str | None,
           fiscal_year: int | None) -> None:
    """รวบรวมรายงานเขต: roll the district workbooks (files or folders) up into one Bangkok
    workbook; no input is modified (exit 0 done, 1 a file was refused or has errors)."""
    from learnworks_xl import api

    result = api.rollup(list(paths), out, month=month, fiscal_year=fiscal_year,
                        progress=lambda line: click.echo(line, err=True))
    for line in result.summary_lines():
        click.echo(line)
    sys.exit(ExitCode.DONE if result.ok else ExitCode.FINDINGS)


@cli.command("email-rollup")
@click.argument("workbook", type=click.Path(path_type=Path))
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path))
@click.option("--to", "to", multiple=True, metavar="ADDR",
              help="Recipient (repeat, or separate with commas); replaces อีเมลผู้รับ of ตั้งค่า.")
@click.option("--month", metavar="YYYY-MM",
              help="Month every district is counted to (default: เดือนที่รายงาน of ตั้งค่า, "
                   "else the month just ended).")
@click.option("--fiscal-year", "fiscal_year", type=int, metavar="YEAR",
              help="The Buddhist-era fiscal year (default: ตั้งค่า's, else the year of most "
                   "files).")
@click.option("--eml", type=click.Path(path_type=Path), metavar="OUT",
              help="Write the message to OUT (.eml) instead of sending it.")
@click.option("-o", "--out", type=click.Path(path_type=Path),
              help="The roll-up workbook (.xlsx; default: beside WORKBOOK, named "
                   "รวบรวมรายงานเขต-<BE year>-<MM>.xlsx).")
@click.option("--cafile", type=click.Path(path_type=Path),
              help="Extra trusted certificates (PEM) for an office mail server.")
@click.option("--max-mb", type=click.FloatRange(min=0.01), default=25.0, show_default=True,
              help="Largest message to send, in MB.")
@clerk_errors
def email_rollup(workbook: Path, paths: tuple[Path, ...], to: tuple[str, ...],
                 month: str | None, fiscal_year: int | None, eml: Path | None,
                 out: Path | None, cafile: Path | None, max_mb: float) -> None:
    """ส่งอีเมลสรุปภาพรวม: roll up the district workbooks (PATHS, default the folder
    รายงานเขต beside WORKBOOK) and e-mail the roll-up workbook with the city's figures; the
    mail settings are those of ตั้งค่า of WORKBOOK, the Education Office's workbook (exit 0
    sent, 1 sent but a file was refused or has errors, 2 a setting or the password is
    missing, 3 sending failed)."""
    from learnworks_xl import api
    from learnworks_xl.mail.rollupmail import rollup_result_lines

    result = api.email_rollup(workbook, list(paths), to=list(to) or None, month=month,
                              fiscal_year=fiscal_year, eml=eml, out=out, cafile=cafile,
                              max_mb=max_mb, progress=lambda line: click.echo(line, err=True))
    for line in [*result.rollup.summary_lines(), *rollup_result_lines(result.email)]:
        click.echo(line)
    sys.exit(ExitCode.SEND_FAILED if not result.email.complete
             else ExitCode.FINDINGS if not result.rollup.ok else ExitCode.DONE)


@cli.command("new-year")
@click.argument("path", type=click.Path(path_type=Path))
@click.option("--fiscal-year", "fiscal_year", type=int, required=True, metavar="YEAR",
              help="The new Buddhist-era fiscal year, e.g. 2570.")
@click.option("-o", "--out", type=click.Path(path_type=Path),
              help="The new workbook (.xlsm; default: beside PATH, named for the new year).")
@clerk_errors
def new_year(path: Path, fiscal_year: int, out: Path | None) -> None:
    """ขึ้นปีงบประมาณใหม่: a new workbook (.xlsm) for the next fiscal year with the schools,
    sizes, settings, plan steps (moved a year, statuses cleared) and risks; the year's own
    sheets start empty; PATH is never modified."""
    from learnworks_xl import api

    result = api.new_year(path, fiscal_year, out=out)
    for line in result.summary_lines():
        click.echo(line)


def main() -> None:
    """Entry point of the ``learnworks`` console script."""
    cli(prog_name="learnworks")


if __name__ == "__main__":
    main()
