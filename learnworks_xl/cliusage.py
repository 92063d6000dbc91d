"""Command-line usage errors in the clerk's words.

click reports a mistyped command line in English over three lines (``Usage: …``, ``Try …``,
``Error: No such command 'x'.``). Here every usage error becomes the one line every other
failure prints, ``ผิดพลาด: <Thai> (<English>)``, with click's exit code 2:

* :class:`ClerkGroup` translates what the group parses (its options, the command name);
* :class:`ClerkCommand` translates what a command parses (options, values, arguments, and
  extra arguments, which click reports as a bare ``UsageError``).

``--help`` and a bare ``learnworks`` (which shows the help) are left to click unchanged.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from typing import Any

import click

#: What a path given with spaces needs: the shell splits it into extra arguments.
QUOTE_HINT = 'หากชื่อไฟล์มีช่องว่าง ให้ใส่ชื่อไฟล์ในเครื่องหมายคำพูด เช่น "สมุด งาน.xlsx"'


class ClerkUsageError(click.UsageError):
    """A usage error shown as one Thai + English line (``ผิดพลาด: … (…)``), exit code 2.

    Args:
        message_th: What the clerk reads, in Thai.
        message_en: The same in English.
        ctx: The click context it happened in.
    """

    def __init__(self, message_th: str, message_en: str,
                 ctx: click.Context | None = None) -> None:
        super().__init__(message_en, ctx)
        self.message_th = message_th
        self.message_en = message_en

    def show(self, file: Any = None) -> None:
        """Print the one line on stderr (no usage, no ``Try … --help``)."""
        click.echo(f"ผิดพลาด: {self.message_th} ({self.message_en})", file=file, err=True)


#: What a missing argument is, in Thai (the metavar follows in parentheses).
ARGUMENT_WORDS: dict[str, str] = {
    "path": "สมุดงาน",
    "paths": "สมุดงานหรือโฟลเดอร์",
    "forms": "แบบฟอร์มของโรงเรียน",
    "workbook": "สมุดงานของสำนักการศึกษา",
}

def _option_name(param: click.Parameter) -> str:
    """``--out`` for ``-o/--out``; ``PATH`` for an argument."""
    if isinstance(param, click.Option):
        return max(param.opts, key=len)
    return param.human_readable_name


def _given(param: click.Parameter, args: Sequence[str]) -> str | None:
    """The last value typed for an option in ``args`` (``--port 80`` or ``--port=80``)."""
    if not isinstance(param, click.Option):
        return None
    value: str | None = None
    for i, token in enumerate(args):
        if token == "--":
            break
        for name in param.opts:
            if token == name and i + 1 < len(args):
                value = args[i + 1]
            elif name.startswith("--") and token.startswith(name + "="):
                value = token[len(name) + 1:]
            elif not name.startswith("--") and token.startswith(name) and token != name:
                value = token[len(name):]
    return value


def _number(x: float | int | None) -> str:
    return "" if x is None else f"{x:g}" if isinstance(x, float) else str(x)


def _range_th(low: Any, high: Any, low_open: bool, high_open: bool) -> str:
    if low is not None and high is not None and not low_open and not high_open:
        return f"ตั้งแต่ {_number(low)} ถึง {_number(high)}"
    parts = []
    if low is not None:
        parts.append(f"{'มากกว่า' if low_open else 'ไม่น้อยกว่า'} {_number(low)}")
    if high is not None:
        parts.append(f"{'น้อยกว่า' if high_open else 'ไม่เกิน'} {_number(high)}")
    return " และ".join(parts)


def _bad_value_th(param: click.Parameter, given: str | None) -> str:
    """What is wrong with an option's value, in Thai, from the option's type."""
    name = _option_name(param)
    kind = param.type
    if isinstance(kind, click.Path):
        if given is None:
            return f"ไฟล์ของตัวเลือก {name} ใช้ไม่ได้"
        if not os.path.exists(given):
            return f"ไม่พบไฟล์ {given} (ตัวเลือก {name})"
        if os.path.isdir(given) and not kind.dir_okay:
            return f"{given} เป็นโฟลเดอร์ ตัวเลือก {name} ต้องเป็นไฟล์"
        if os.path.isfile(given) and not kind.file_okay:
            return f"{given} เป็นไฟล์ ตัวเลือก {name} ต้องเป็นโฟลเดอร์"
        return f"ใช้ {given} กับตัวเลือก {name} ไม่ได้ (อ่านหรือเขียนไม่ได้)"
    if isinstance(kind, click.types.IntParamType):
        expected = "ต้องเป็นจำนวนเต็ม"
    elif isinstance(kind, click.types.FloatParamType):
        expected = "ต้องเป็นตัวเลข"
    elif isinstance(kind, click.Choice):
        expected = "ต้องเป็นค่าใดค่าหนึ่งใน " + ", ".join(str(c) for c in kind.choices)
    else:
        expected = "ไม่ถูกต้อง"
    if isinstance(kind, click.IntRange | click.FloatRange):
        expected += _range_th(kind.min, kind.max, kind.min_open, kind.max_open)
    value = f"ค่า '{given}' ของตัวเลือก" if given is not None else "ค่าของตัวเลือก"
    return f"{value} {name} {expected}"


def _option(ctx: click.Context, name: str) -> click.Option | None:
    for param in ctx.command.params:
        if isinstance(param, click.Option) and name in (*param.opts, *param.secondary_opts):
            return param
    return None


def in_thai(exc: click.UsageError, ctx: click.Context,
            args: Sequence[str] = ()) -> click.UsageError:
    """The same usage error in the clerk's words.

    Args:
        exc: What click raised while parsing.
        ctx: The context of the command (or group) being parsed.
        args: The arguments it was parsing (to show the value typed for an option).

    Returns:
        A :class:`ClerkUsageError`; ``exc`` itself when click shows the help instead
        (a bare ``learnworks``) or when it is already in Thai.
    """
    if isinstance(exc, ClerkUsageError | click.exceptions.NoArgsIsHelpError):
        return exc
    path = ctx.command_path
    see_th, see_en = f"ดูวิธีใช้ด้วย {path} --help", f"see {path} --help"
    th: str
    en: str
    if isinstance(exc, click.exceptions.NoSuchCommand):
        name, maybe = exc.command_name, exc.possibilities or []
        th = f"ไม่มีคำสั่ง '{name}'"
        en = f"no such command '{name}'"
        if maybe:
            th += f" หมายถึง {' หรือ '.join(maybe)} หรือไม่"
            en += f", did you mean {' or '.join(maybe)}?"
        see_th = f"ดูคำสั่งทั้งหมดด้วย {path} --help"
    elif isinstance(exc, click.NoSuchOption):
        name, maybe = exc.option_name, exc.possibilities or []
        th = f"{path} ไม่มีตัวเลือก {name}"
        en = f"no such option {name}"
        if maybe:
            th += f" หมายถึง {' หรือ '.join(maybe)} หรือไม่"
            en += f", did you mean {' or '.join(maybe)}?"
    elif isinstance(exc, click.BadOptionUsage):
        name = exc.option_name
        option = _option(ctx, name)
        if option is not None and option.is_flag:
            th = f"ตัวเลือก {name} ไม่ต้องมีค่าตามหลัง"
            en = f"option {name} does not take a value"
        else:
            shape = f" (รูปแบบ: {name} {option.make_metavar(ctx)})" if option else ""
            th = f"ตัวเลือก {name} ต้องมีค่าตามหลัง{shape}"
            en = f"option {name} requires a value"
    elif isinstance(exc, click.MissingParameter) and exc.param is not None:
        name = _option_name(exc.param)
        if isinstance(exc.param, click.Option):
            th = f"ยังไม่ได้ระบุตัวเลือก {name} ซึ่งคำสั่งนี้ต้องมี"
            en = f"missing option {name}"
        else:
            name = exc.param.make_metavar(ctx)  # FORMS... for several files
            what = ARGUMENT_WORDS.get(exc.param.name or "")
            th = f"ยังไม่ได้ระบุ{what} ({name})" if what else f"ยังไม่ได้ระบุ {name}"
            en = f"missing argument {name}"
    elif isinstance(exc, click.BadParameter) and exc.param is not None:
        th = _bad_value_th(exc.param, _given(exc.param, args))
        en = f"invalid value for {_option_name(exc.param)}: {exc.message.rstrip('.')}"
    else:
        th = "ใช้คำสั่งไม่ถูกต้อง"
        en = exc.format_message().rstrip(".")
    return ClerkUsageError(f"{th} {see_th}", f"{en}{' ' if en.endswith('?') else '; '}{see_en}",
                           ctx)


def extra_arguments(ctx: click.Context, extra: Sequence[str]) -> ClerkUsageError:
    """The error for arguments a command does not take (often a file name with spaces)."""
    path = ctx.command_path
    shown = " ".join(extra)
    return ClerkUsageError(
        f"มีค่าเกินมา: {shown} ({QUOTE_HINT}) ดูวิธีใช้ด้วย {path} --help",
        f"unexpected extra argument{'s' if len(extra) > 1 else ''}: {shown}; "
        f"see {path} --help", ctx)


class ClerkCommand(click.Command):
    """A command whose usage errors are one Thai + English line."""

    def parse_args(self, ctx: click.Context, args: list[str]) -> list[str]:
        """Parse as click does; report a usage error (or an extra argument) in Thai."""
        strict = not ctx.allow_extra_args and not ctx.resilient_parsing
        if strict:
            ctx.allow_extra_args = True  # extra arguments are reported below, in Thai
        try:
            rest = super().parse_args(ctx, list(args))
        except click.UsageError as exc:
            raise in_thai(exc, ctx, args) from exc
        finally:
            if strict:
                ctx.allow_extra_args = False
        if strict and rest:
            raise extra_arguments(ctx, rest)
        return rest


class ClerkGroup(click.Group):
    """A group whose commands are :class:`ClerkCommand` and whose own usage errors (its
    options, an unknown command) are one Thai + English line."""

    command_class = ClerkCommand

    def parse_args(self, ctx: click.Context, args: list[str]) -> list[str]:
        """Parse the group's options; report a usage error in Thai."""
        try:
            return super().parse_args(ctx, list(args))
        except click.UsageError as exc:
            raise in_thai(exc, ctx, args) from exc

    def resolve_command(self, ctx: click.Context, args: list[str],
                        ) -> tuple[str | None, click.Command | None, list[str]]:
        """Find the command; an unknown one is reported in Thai."""
        try:
            return super().resolve_command(ctx, args)
        except click.UsageError as exc:
            raise in_thai(exc, ctx, args) from exc
