"""The ``ส่งอีเมล`` button through xlwings Server's engine, against a real SMTP server on
127.0.0.1 (aiosmtpd)."""

from __future__ import annotations

import email
import socket
from collections.abc import Iterator
from email.message import Message
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from aiosmtpd.controller import Controller

from learnworks_xl.io.plainwriter import write_plain_workbook
from learnworks_xl.sample import sample_data
from learnworks_xl.xl import buttons
from tests.xlpress import message, press


class Inbox:
    """aiosmtpd handler keeping every message."""

    def __init__(self) -> None:
        self.messages: list[tuple[list[str], bytes]] = []

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:
        self.messages.append((list(envelope.rcpt_tos), bytes(envelope.content)))
        return "250 OK"


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port: int = s.getsockname()[1]
        return port


@pytest.fixture
def smtp() -> Iterator[tuple[int, Inbox]]:
    """A plain SMTP server on a free loopback port."""
    inbox = Inbox()
    port = _free_port()
    controller = Controller(inbox, hostname="127.0.0.1", port=port)
    controller.start()
    yield port, inbox
    controller.stop()


def _workbook(tmp: Path, port: int) -> Path:
    data = sample_data()
    data["ตั้งค่า"].update(smtp_host="127.0.0.1", smtp_port=port, smtp_security="ไม่เข้ารหัส",
                          smtp_user=None, report_month=None)
    return write_plain_workbook(data, tmp / "learnworks.xlsx")


def _press(path: Path) -> list[dict[str, Any]]:
    return press("email", path)


def _attachment(raw: bytes) -> tuple[Message, bytes]:
    msg = email.message_from_bytes(raw)
    part = next(p for p in msg.walk() if p.get_filename())
    payload = part.get_payload(decode=True)
    assert isinstance(payload, bytes)
    return msg, payload


def test_email_button_sends_finished_workbook(smtp: tuple[int, Inbox], tmp_path: Path,
                                              monkeypatch: pytest.MonkeyPatch) -> None:
    port, inbox = smtp
    out = tmp_path / "out"
    monkeypatch.setenv(buttons.ENV_OUTPUT_DIR, str(out))
    actions = _press(_workbook(tmp_path, port))
    assert [a["func"] for a in actions] == ["runMacro"]
    text, title, mode = message(actions)
    assert (title, mode) == ("ส่งอีเมล", "info")
    lines = text.split("\n")
    assert lines[0] == "ส่งอีเมลเรียบร้อยแล้ว"
    assert "ส่งถึง education.office@example.org สำเร็จ" in lines
    assert len(inbox.messages) == 1
    rcpts, raw = inbox.messages[0]
    assert rcpts == ["education.office@example.org", "bk01@example.org"]
    _msg, attached = _attachment(raw)
    kept = list(out.glob("learnworks-ผลลัพธ์-*.xlsx"))
    assert len(kept) == 1 and lines[-1] == f"ไฟล์แนบ: {kept[0]}"
    assert kept[0].read_bytes() == attached
    wb = openpyxl.load_workbook(kept[0])
    assert "ตัวชี้วัด" in wb.sheetnames  # the finished workbook, with its reports
    codes = [row[0] for row in wb["โรงเรียน"].iter_rows(values_only=True)]
    assert codes.index("BK01") > codes.index("รหัสโรงเรียน")


def test_email_button_server_down_is_thai_message(tmp_path: Path,
                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(buttons.ENV_OUTPUT_DIR, str(tmp_path / "out"))
    actions = _press(_workbook(tmp_path, _free_port()))  # nobody listens there
    assert [a["func"] for a in actions] == ["runMacro"]
    text, title, mode = message(actions)
    assert (title, mode) == (buttons.TITLE_ERROR, "critical")
    assert "127.0.0.1" in text and "Traceback" not in text
    kept = list((tmp_path / "out").glob("*.xlsx"))
    assert len(kept) == 1 and str(kept[0]) in text  # the built workbook is kept and named


def _values(path: Path) -> dict[str, dict[tuple[int, int], Any]]:
    wb = openpyxl.load_workbook(path)
    return {ws.title: {(c.row, c.column): c.value for row in ws.iter_rows() for c in row
                       if c.value is not None} for ws in wb.worksheets}


def test_email_button_attachment_equals_file_path(smtp: tuple[int, Inbox], tmp_path: Path,
                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    from learnworks_xl import api

    port, inbox = smtp
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1784000000")
    monkeypatch.setenv(buttons.ENV_OUTPUT_DIR, str(tmp_path / "out"))
    source = _workbook(tmp_path, port)
    _press(source)
    _msg, attached = _attachment(inbox.messages[0][1])
    (tmp_path / "button.xlsx").write_bytes(attached)
    drafted = api.email(source, eml=tmp_path / "draft.eml")  # its default: beside the source
    assert _values(tmp_path / "button.xlsx") == _values(drafted.attachment)
    kept = list((tmp_path / "out").glob("*.xlsx"))
    assert [p.name for p in kept] == [drafted.attachment.name]  # named as the file path names it
