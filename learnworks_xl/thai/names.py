"""Students' names as a public page may show them (SPEC "Privacy").

A cell of ``ผลงานนักเรียน`` holds one or several names, typed as clerks type them:
``ด.ญ.ปิยะดา ตัวอย่าง, ด.ช.ธนากร ตัวอย่าง (ชื่อสมมติ)``, ``เด็กชายภูมิ ใจดี และเด็กหญิงมานี
รักเรียน``, one per line, numbered. :func:`split_names` finds each name; :func:`initials`
shortens one to the first letter of each word, without the title (``ด.ช. สมชาย ใจดี`` →
``ส. ใ.``), so a child is not named in full on the web.
"""

from __future__ import annotations

import re
import unicodedata

__all__ = ["initials", "initials_of_all", "split_names", "without_title"]

_SEPARATOR = re.compile(
    r"""\s*(?:
        [,;，、\n]                                     # commas, semicolons, one per line
      | \s และ \s*                                      # ... และ ...
      | และ (?=\s*(?:ด\s*\.|ดช|ดญ|เด็ก|นาย|นาง|น\s*\.\s*ส))  # ...ใจดีและด.ญ.มานี
    )\s*""",
    re.VERBOSE,
)
_LEADING_AND = re.compile(r"^และ\s*")
_NUMBERING = re.compile(r"^(?:\d+|[๐-๙]+)\s*[.)]\s*")
_PARENTHESES = re.compile(r"\([^()]*\)|（[^（）]*）")

_TITLE = re.compile(
    r"""^(?:
        ด\s*\.\s*[ชญ]\s*\.? | ด[ชญ]\s*\. | น\s*\.\s*ส\s*\.?   # ด.ช. ด.ญ. ดช. น.ส.
      | เด็กชาย | เด็กหญิง | นางสาว | นาย | นาง
      | (?:mr|mrs|ms|miss|master)(?:\.|(?=\s))
    )\s*""",
    re.VERBOSE | re.IGNORECASE,
)


def split_names(text: str) -> list[str]:
    """The names in one cell, each trimmed, without numbering or remarks in parentheses.

    Names are separated by commas, semicolons, new lines or ``และ``; ``(ชื่อสมมติ)`` or a
    nickname in parentheses is dropped.

    Args:
        text: The cell's text.

    Returns:
        The names, in order (empty when there is none).
    """
    names = []
    for part in _SEPARATOR.split(_PARENTHESES.sub(" ", text)):
        name = " ".join(_NUMBERING.sub("", _LEADING_AND.sub("", part.strip())).split())
        if name:
            names.append(name)
    return names


def without_title(name: str) -> str:
    """A name without its title: ``ด.ช.สมชาย ใจดี`` → ``สมชาย ใจดี`` (also เด็กชาย, เด็กหญิง,
    นาย, นางสาว, นาง, น.ส., Mr., Miss…); a title alone leaves nothing. A word that only begins
    like a title stays whole (``นายิกา``)."""
    found = _TITLE.match(name)
    if found is None:
        return name
    rest = name[found.end():]
    if rest and unicodedata.category(rest[0]).startswith("M"):
        return name  # นายิกา: the "title" is the start of the name itself
    return rest


def initials(name: str) -> str:
    """One name as initials: the first letter of each word, without the title.

    Args:
        name: One person's name, e.g. ``ด.ช. สมชาย ใจดี``.

    Returns:
        ``ส. ใ.`` (Latin letters upper case: ``J. S.``); empty for an empty name.
    """
    return " ".join(f"{word[0].upper()}." for word in without_title(name).split())


def initials_of_all(text: str) -> list[str]:
    """The initials of every name in a cell (:func:`split_names`, then :func:`initials`)."""
    return [short for short in (initials(n) for n in split_names(text)) if short]
