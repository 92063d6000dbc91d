"""A minimal writer of [MS-CFB] compound files (version 3: 512-byte sectors).

``olefile`` (0.47, pulled in by oletools) reads compound files and can overwrite a stream of
an existing file with data of the same size (``OleFileIO.write_stream``), but it cannot create a
file, add a stream or change a size; so a ``vbaProject.bin`` needs a writer of its own. This
one writes what a VBA project needs and nothing more: storages and streams given as a tree,
streams under 4096 bytes in the mini stream (64-byte mini sectors, 2.4), larger ones in
regular sectors, one FAT (its sectors listed in the header's DIFAT, so up to 109 FAT sectors,
about 6.8 MB), and the directory as a red-black tree per storage (2.6.4). Nothing varies
between runs: no timestamps, no CLSIDs, unused space zero-filled.
"""

from __future__ import annotations

import struct
from dataclasses import dataclass, field

SECTOR = 512
MINI_SECTOR = 64
MINI_CUTOFF = 4096
_HEADER_DIFAT = 109
_MAX_NAME = 31

FREESECT = 0xFFFFFFFF
ENDOFCHAIN = 0xFFFFFFFE
FATSECT = 0xFFFFFFFD
NOSTREAM = 0xFFFFFFFF

_SIGNATURE = bytes.fromhex("D0CF11E0A1B11AE1")
_STORAGE, _STREAM, _ROOT = 1, 2, 5
_RED, _BLACK = 0, 1


@dataclass
class Storage:
    """A storage (folder) of a compound file: named streams (bytes) and storages."""

    entries: dict[str, Storage | bytes] = field(default_factory=dict)


@dataclass
class _Entry:
    name: str
    kind: int
    data: bytes = b""
    children: list[int] = field(default_factory=list)
    left: int = NOSTREAM
    right: int = NOSTREAM
    child: int = NOSTREAM
    color: int = _BLACK
    start: int = ENDOFCHAIN


def _sort_key(name: str) -> tuple[int, str]:
    """The directory order of names (2.6.4): shorter first, then by upper-case code points."""
    return len(name.encode("utf-16-le")), name.upper()


def _check_name(name: str) -> None:
    if not name or len(name) > _MAX_NAME or any(c in name for c in "/\\:!"):
        raise ValueError(f"invalid compound file entry name: {name!r}")


def _flatten(root: Storage) -> list[_Entry]:
    """List the directory entries, root first, each storage's children after it."""
    entries = [_Entry("Root Entry", _ROOT)]
    pending: list[tuple[int, Storage]] = [(0, root)]
    while pending:
        parent, storage = pending.pop(0)
        for name, item in storage.entries.items():
            _check_name(name)
            entries[parent].children.append(len(entries))
            if isinstance(item, Storage):  # 2.6.3: a storage's start sector MUST be 0
                pending.append((len(entries), item))
                entries.append(_Entry(name, _STORAGE, start=0))
            else:
                entries.append(_Entry(name, _STREAM, data=bytes(item)))
    return entries


def _link_tree(entries: list[_Entry]) -> None:
    """Make each storage's children a balanced binary search tree, coloured red-black.

    Built from the sorted children by halving, every path to a leaf has the same length up to
    one; colouring the deepest level red (never the root) and the rest black gives every
    root-to-leaf path the same number of black nodes and no red node a red child.
    """
    for parent in entries:
        ordered = sorted(parent.children, key=lambda i: _sort_key(entries[i].name))
        if not ordered:
            continue
        depth_of: dict[int, int] = {}

        def build(low: int, high: int, depth: int, ordered: list[int] = ordered,
                  depth_of: dict[int, int] = depth_of) -> int:
            if low > high:
                return NOSTREAM
            middle = (low + high) // 2
            node = ordered[middle]
            depth_of[node] = depth
            entries[node].left = build(low, middle - 1, depth + 1)
            entries[node].right = build(middle + 1, high, depth + 1)
            return node

        parent.child = build(0, len(ordered) - 1, 0)
        deepest = max(depth_of.values())
        for node, depth in depth_of.items():
            entries[node].color = _RED if depth == deepest and depth > 0 else _BLACK


def _sectors(size: int, unit: int) -> int:
    return -(-size // unit)


def _chain(fat: list[int], start: int, count: int) -> None:
    for i in range(count):
        fat[start + i] = start + i + 1 if i + 1 < count else ENDOFCHAIN


def _directory_entry(entry: _Entry, size: int) -> bytes:
    name = entry.name.encode("utf-16-le") + b"\x00\x00"
    return struct.pack(
        "<64sHBBIII16sIQQIQ",
        name, len(name), entry.kind, entry.color, entry.left, entry.right, entry.child,
        b"\x00" * 16, 0, 0, 0, entry.start, size,
    )


def write_compound_file(root: Storage) -> bytes:
    """Write a compound file (version 3) holding ``root``'s storages and streams.

    Args:
        root: The root storage; names are at most 31 characters without ``/ \\ : !``.

    Returns:
        The file's bytes.

    Raises:
        ValueError: A name is invalid or the file would need more than 109 FAT sectors.
    """
    entries = _flatten(root)
    _link_tree(entries)

    mini = bytearray()
    mini_fat: list[int] = []
    big: list[_Entry] = []
    for entry in entries:
        if entry.kind != _STREAM or not entry.data:
            continue
        if len(entry.data) < MINI_CUTOFF:
            entry.start = len(mini_fat)
            count = _sectors(len(entry.data), MINI_SECTOR)
            mini_fat.extend([0] * count)
            _chain(mini_fat, entry.start, count)
            mini += entry.data.ljust(count * MINI_SECTOR, b"\x00")
        else:
            big.append(entry)

    dir_count = _sectors(len(entries) * 128, SECTOR)
    mini_fat_count = _sectors(len(mini_fat) * 4, SECTOR)
    mini_stream_count = _sectors(len(mini), SECTOR)
    data_count = dir_count + mini_fat_count + mini_stream_count + sum(
        _sectors(len(e.data), SECTOR) for e in big)
    fat_count = 1
    while fat_count * (SECTOR // 4) < fat_count + data_count:
        fat_count += 1
    if fat_count > _HEADER_DIFAT:
        raise ValueError("compound file too large for a header-only DIFAT")

    fat = [FREESECT] * (fat_count * (SECTOR // 4))
    for i in range(fat_count):
        fat[i] = FATSECT
    next_free = fat_count
    body = bytearray()

    def place(data: bytes) -> int:
        nonlocal next_free
        count = _sectors(len(data), SECTOR)
        if count == 0:
            return ENDOFCHAIN
        start = next_free
        _chain(fat, start, count)
        next_free += count
        body.extend(data.ljust(count * SECTOR, b"\x00"))
        return start

    dir_start = next_free
    next_free += dir_count  # the directory is written once every start sector is known
    _chain(fat, dir_start, dir_count)
    mini_fat_bytes = b"".join(struct.pack("<I", v) for v in mini_fat)
    mini_fat_bytes += b"\xff" * ((-len(mini_fat_bytes)) % SECTOR)
    mini_fat_start = place(mini_fat_bytes)
    entries[0].start = place(bytes(mini))
    for entry in big:
        entry.start = place(entry.data)

    directory = bytearray()
    for index, entry in enumerate(entries):
        size = len(mini) if index == 0 else len(entry.data)
        directory += _directory_entry(entry, size)
    while len(directory) < dir_count * SECTOR:
        directory += struct.pack("<64sHBBIII16sIQQIQ", b"", 0, 0, 0, NOSTREAM, NOSTREAM,
                                 NOSTREAM, b"\x00" * 16, 0, 0, 0, 0, 0)

    difat = [FREESECT] * _HEADER_DIFAT
    difat[:fat_count] = range(fat_count)
    header = struct.pack(
        "<8s16sHHHHH6sIIIIIIIII",
        _SIGNATURE, b"\x00" * 16, 0x003E, 0x0003, 0xFFFE, 9, 6, b"\x00" * 6,
        0, fat_count, dir_start, 0, MINI_CUTOFF,
        mini_fat_start if mini_fat else ENDOFCHAIN, mini_fat_count, ENDOFCHAIN, 0,
    ) + struct.pack(f"<{_HEADER_DIFAT}I", *difat)
    fat_bytes = struct.pack(f"<{len(fat)}I", *fat)
    return header + fat_bytes + bytes(directory) + bytes(body)
