"""The one exception hierarchy of learnworks.

Every error a clerk can meet is a :class:`LearnworksError`. It carries a Thai message
(what the clerk reads) and an English one (what logs and developers read). The CLI turns any
of them into one line on stderr and an exit code; a clerk never sees a traceback.
"""

from __future__ import annotations

from enum import IntEnum


class ExitCode(IntEnum):
    """The exit codes of every command (the README's table; the one list of them)."""

    DONE = 0
    """Done (warnings allowed)."""
    FINDINGS = 1
    """The workbook has errors (or a form was refused, a school skipped, a site a draft)."""
    INPUT = 2
    """The input can't be read, a setting is wrong, or the command line is."""
    SEND_FAILED = 3
    """The e-mail could not be sent (the finished workbook is kept)."""
    INTERNAL = 70
    """An internal fault (a bug or a broken installation)."""


class LearnworksError(Exception):
    """Base class of every error learnworks raises on purpose.

    Args:
        message_th: What the clerk reads, in Thai.
        message_en: The same in English, for logs.
    """

    exit_code: ExitCode = ExitCode.FINDINGS

    def __init__(self, message_th: str, message_en: str) -> None:
        super().__init__(message_en)
        self.message_th = message_th
        self.message_en = message_en

    def one_line(self) -> str:
        """Return ``"<Thai> (<English>)"``, the form printed on stderr."""
        return f"{self.message_th} ({self.message_en})"


class WorkbookReadError(LearnworksError):
    """The file cannot be read as a workbook: not a workbook, corrupt, encrypted, too big."""

    exit_code = ExitCode.INPUT


class OutputError(LearnworksError, OSError):
    """An output file cannot be written (for example it would overwrite the input)."""

    exit_code = ExitCode.INPUT


class ConfigError(LearnworksError, ValueError):
    """A setting needed for the job is missing or wrong (for example in ``ตั้งค่า``)."""

    exit_code = ExitCode.INPUT
