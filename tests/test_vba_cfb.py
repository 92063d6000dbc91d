"""The compound-file writer, read back with olefile in its strictest mode."""

from __future__ import annotations

import io
import struct

import olefile
import pytest

from learnworks_xl.workbook.vba.cfb import (
    MINI_CUTOFF,
    NOSTREAM,
    SECTOR,
    Storage,
    write_compound_file,
)


def _open(data: bytes) -> olefile.OleFileIO:
    return olefile.OleFileIO(io.BytesIO(data), raise_defects=olefile.DEFECT_INCORRECT)


def _tree() -> Storage:
    return Storage({
        "VBA": Storage({
            "_VBA_PROJECT": b"\xcc\x61\xff\xff\x00\x00\x00",
            "dir": b"d" * 700,
            "Sheet10": bytes(range(256)) * 20,
            **{f"Module{i}": bytes([i]) * (i * 97) for i in range(1, 12)},
        }),
        "PROJECT": b"ID=...\r\n",
        "PROJECTwm": b"\x00\x00",
    })


def _streams(storage: Storage, prefix: str = "") -> dict[str, bytes]:
    out: dict[str, bytes] = {}
    for name, item in storage.entries.items():
        if isinstance(item, Storage):
            out.update(_streams(item, f"{prefix}{name}/"))
        else:
            out[prefix + name] = item
    return out


def _entry(ole: olefile.OleFileIO, name: str) -> olefile.olefile.OleDirectoryEntry:
    return next(e for e in ole.direntries if e is not None and e.name == name)


def test_vba_cfb_round_trip_olefile() -> None:
    tree = _tree()
    ole = _open(write_compound_file(tree))
    expected = _streams(tree)
    assert sorted("/".join(p) for p in ole.listdir()) == sorted(expected)
    for path, data in expected.items():
        assert ole.openstream(path).read() == data, path
    assert ole.get_type("VBA") == olefile.STGTY_STORAGE


@pytest.mark.parametrize(("size", "mini"), [
    (1, True), (MINI_CUTOFF - 1, True), (MINI_CUTOFF, False), (3 * MINI_CUTOFF + 1, False),
])
def test_vba_cfb_mini_stream_cutoff(size: int, mini: bool) -> None:
    data = bytes(i % 251 for i in range(size))
    ole = _open(write_compound_file(Storage({"s": data, "t": b"small"})))
    assert ole.openstream("s").read() == data
    assert _entry(ole, "s").is_minifat is mini


def test_vba_cfb_header_version3() -> None:
    data = write_compound_file(_tree())
    assert data[:8] == bytes.fromhex("D0CF11E0A1B11AE1")
    minor, major, order, shift, mini_shift = struct.unpack_from("<HHHHH", data, 0x18)
    assert (minor, major, order, shift, mini_shift) == (0x3E, 3, 0xFFFE, 9, 6)
    assert len(data) % SECTOR == 0


def test_vba_cfb_reproducible() -> None:
    assert write_compound_file(_tree()) == write_compound_file(_tree())


def _key(name: str) -> tuple[int, str]:
    return len(name), name.upper()


def test_vba_cfb_red_black_tree() -> None:
    ole = _open(write_compound_file(_tree()))
    entries = ole.direntries

    def walk(sid: int, parent_red: bool) -> tuple[list[str], int]:
        if sid == NOSTREAM:
            return [], 1
        entry = entries[sid]
        red = entry.color == 0
        assert not (red and parent_red), "a red node has a red child"
        left, black_left = walk(entry.sid_left, red)
        right, black_right = walk(entry.sid_right, red)
        assert black_left == black_right, "unequal black height"
        return [*left, entry.name, *right], black_left + (0 if red else 1)

    for storage in (entries[0], _entry(ole, "VBA")):
        names, _height = walk(storage.sid_child, parent_red=False)
        assert names == sorted(names, key=_key)
        assert entries[storage.sid_child].color == 1  # the root of each tree is black


@pytest.mark.parametrize("name", ["", "a/b", "x" * 32, "c:d"])
def test_vba_cfb_rejects_bad_name(name: str) -> None:
    with pytest.raises(ValueError, match="invalid compound file entry name"):
        write_compound_file(Storage({name: b"x"}))


def test_vba_cfb_storage_start_sector_zero() -> None:
    """MS-CFB 2.6.3: "for a storage object, this field MUST be set to all zeroes" — as
    Excel-made files write it; the root holds the mini stream's first sector instead."""
    from learnworks_xl.workbook.vba import build_vba_project

    for data in (write_compound_file(_tree()), build_vba_project(["Sheet1", "Sheet2"])):
        ole = _open(data)
        storages = [e for e in ole.direntries if e is not None and e.entry_type == 1]
        assert [e.name for e in storages] == ["VBA"]
        assert storages[0].isectStart == 0
        raw = data[(ole.first_dir_sector + 1) * SECTOR:][storages[0].sid * 128:][:128]
        assert struct.unpack_from("<I", raw, 116)[0] == 0  # the field itself, on disk
        root = ole.direntries[0]
        assert root.isectStart not in (0, 0xFFFFFFFE) and root.size > 0
