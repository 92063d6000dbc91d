"""Exceptions raised by :mod:`learnworks_xl.thai`.

Both carry a Thai message (what a clerk reads, ``message_th``) and an English one (what
``str()`` returns, for logs and developers). Both are :class:`ValueError` subclasses, so code
that already catches ``ValueError`` keeps working.
"""

from __future__ import annotations


class ThaiValueError(ValueError):
    """A value the Thai helpers cannot handle (NaN, infinity, out of range, unknown style).

    Args:
        message_th: What the clerk reads, in Thai.
        message_en: The same in English; this is what ``str(error)`` returns.
        value: The offending value, kept for callers that want to show it.
    """

    def __init__(self, message_th: str, message_en: str, *, value: object = None) -> None:
        super().__init__(message_en)
        self.message_th = message_th
        self.message_en = message_en
        self.value = value

    def one_line(self) -> str:
        """Return ``"<Thai> (<English>)"``, handy for logs and the command line.

        Returns:
            Both messages on one line.
        """
        return f"{self.message_th} ({self.message_en})"


class ThaiParseError(ThaiValueError):
    """Text or a cell value typed by a clerk that cannot be read unambiguously.

    Raised by the ``parse_*`` functions. Ambiguous input is always an error, never a guess.

    Args:
        message_th: The whole Thai sentence, naming what was read (``จำนวนเงิน '2 ชุด'
            ไม่ใช่ตัวเลข``).
        message_en: The same in English.
        value: The offending value.
        problem_th: Only what is wrong with the value, without naming it or repeating it
            (``ไม่ใช่ตัวเลข …``), for a caller that names the value its own way (a sheet
            column: ``«จำนวน» '2 ชุด' ไม่ใช่ตัวเลข …``). Defaults to ``message_th``.
    """

    def __init__(self, message_th: str, message_en: str, *, value: object = None,
                 problem_th: str | None = None) -> None:
        super().__init__(message_th, message_en, value=value)
        self.problem_th = message_th if problem_th is None else problem_th
