"""A button pressed as xlwings Server answers it, on the body the VBA client sends (tests).

The body comes from :mod:`tests.vbaclient` (the client as Excel runs it); the server's own
reading (:func:`learnworks_xl.xl.server.check_request`: repairs, Buddhist-era dates, shape)
and :func:`~learnworks_xl.xl.server.run_button` then run exactly as for an HTTP request.
"""

from __future__ import annotations

import socket
from pathlib import Path
from typing import Any

from learnworks_xl.core.sheets import SETTINGS
from learnworks_xl.xl.server import check_request, run_button
from tests.vbaclient import Calendar, ExcelBook


def server_data(book: ExcelBook, calendar: Calendar = "gregorian") -> dict[str, Any]:
    """What the server makes of the client's body: the checked payload (or the test fails)."""
    data, failure = check_request(book.request_body(calendar).encode("utf-8"))
    assert failure is None, failure[1].decode()
    assert data is not None
    return data


def press(name: str, book: ExcelBook | Path, calendar: Calendar = "gregorian") -> list[
        dict[str, Any]]:
    """Press button ``name`` on ``book`` (or the workbook file): the server's actions."""
    if isinstance(book, Path):
        book = ExcelBook.open(book)
    actions: list[dict[str, Any]] = run_button(name, server_data(book, calendar))["actions"]
    return actions


def message(actions: list[dict[str, Any]]) -> list[Any]:
    """The clerk's message box of a press: ``[message, title, mode]`` of its last action,
    which must be the workbook's ``LwAlert`` called through the client's ``runMacro``."""
    last = actions[-1]
    assert last["func"] == "runMacro" and last["args"][0].endswith("!LwAlert"), last
    return list(last["args"][1:])


def closed_port() -> int:
    """A loopback port nobody listens on."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port: int = s.getsockname()[1]
        return port


def loopback(book: ExcelBook, port: int | None = None) -> ExcelBook:
    """``book`` with ``ตั้งค่า``'s mail server on 127.0.0.1 (no traffic leaves the machine)."""
    for field, value in (("smtp_host", "127.0.0.1"),
                         ("smtp_port", float(port or closed_port())),
                         ("smtp_security", "ไม่เข้ารหัส"), ("smtp_user", None)):
        book.set_setting(SETTINGS.name, SETTINGS.title(field), value)
    return book
