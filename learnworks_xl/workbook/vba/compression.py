"""[MS-OVBA] 2.4.1 compression: the run-length scheme of module source and the ``dir`` stream.

This is the spec's algorithm (2.4.1.3.7 to 2.4.1.3.19.4) step for step, so that the output is
byte-for-byte what the spec's pseudocode writes, including its choice of match: the longest
earlier match in the chunk, and of equally long ones the closest. Only the search is faster
than the pseudocode's scan of every earlier byte: a match of three or more bytes must start
with the same three bytes, so candidates come from a table of positions by 3-byte prefix,
visited closest first, which finds the same match.
"""

from __future__ import annotations

CHUNK_SIZE = 4096
"""Bytes of decompressed data in one chunk (2.4.1.1.3)."""

_SIGNATURE = b"\x01"
_MIN_MATCH = 3


def copy_token_help(current: int, chunk_start: int) -> tuple[int, int]:
    """Return ``(bit_count, maximum_length)`` of a CopyToken at ``current`` (2.4.1.3.19.1).

    Args:
        current: Position of the token in the decompressed buffer.
        chunk_start: Position where the token's chunk starts in the decompressed buffer.

    Returns:
        The number of offset bits (at least 4) and the longest copy a token can describe.
    """
    difference = current - chunk_start
    bit_count = max((difference - 1).bit_length(), 4)
    return bit_count, (0xFFFF >> bit_count) + 3


def _common_length(data: bytes, candidate: int, current: int, end: int) -> int:
    """Length of the common run of ``data[candidate:]`` and ``data[current:end]``.

    Overlap is allowed, as in the spec's byte-by-byte loop; slices compare in halves so
    that long runs of spaces in source code stay cheap.
    """
    low, high = 0, end - current
    while low < high:
        middle = (low + high + 1) // 2
        if data[candidate : candidate + middle] == data[current : current + middle]:
            low = middle
        else:
            high = middle - 1
    return low


class _Chunk:
    """The state of compressing one chunk of at most :data:`CHUNK_SIZE` bytes."""

    def __init__(self, data: bytes, start: int) -> None:
        self.data = data
        self.start = start
        self.end = min(start + CHUNK_SIZE, len(data))
        self.current = start
        self.out = bytearray()
        self.heads: dict[bytes, list[int]] = {}
        self.indexed = start

    def _index_up_to(self, position: int) -> None:
        """Record the 3-byte prefix of every position before ``position``."""
        data, heads = self.data, self.heads
        for at in range(self.indexed, position):
            heads.setdefault(data[at : at + _MIN_MATCH], []).append(at)
        self.indexed = max(self.indexed, position)

    def match(self) -> tuple[int, int]:
        """Return ``(offset, length)`` of the spec's match at the current position (2.4.1.3.19.4).

        Returns:
            ``(0, 0)`` when no earlier run of three or more bytes matches.
        """
        self._index_up_to(self.current)
        current, end = self.current, self.end
        if end - current < _MIN_MATCH:
            return 0, 0
        best_length, best_candidate = 0, -1
        for candidate in reversed(self.heads.get(self.data[current : current + _MIN_MATCH], [])):
            length = _common_length(self.data, candidate, current, end)
            if length > best_length:
                best_length, best_candidate = length, candidate
                if length == end - current:
                    break
        if best_length < _MIN_MATCH:
            return 0, 0
        _bits, maximum = copy_token_help(current, self.start)
        return current - best_candidate, min(best_length, maximum)

    def compress(self) -> bytes:
        """Compress the chunk: a compressed chunk, or a raw one if that would not be smaller.

        Returns:
            The CompressedChunk (header and data), 2.4.1.3.7.
        """
        room = CHUNK_SIZE  # CompressedEnd - (CompressedChunkStart + 2)
        while self.current < self.end and len(self.out) < room:
            self._token_sequence(room)
        if self.current < self.end:
            raw = self.data[self.start : self.start + CHUNK_SIZE].ljust(CHUNK_SIZE, b"\x00")
            self.current = self.start + min(CHUNK_SIZE, len(self.data) - self.start)
            return (0x3000 | (CHUNK_SIZE - 1)).to_bytes(2, "little") + raw
        header = 0x8000 | 0x3000 | (len(self.out) + 2 - 3)
        return header.to_bytes(2, "little") + bytes(self.out)

    def _token_sequence(self, room: int) -> None:
        """Write one flag byte and up to eight tokens (2.4.1.3.8)."""
        flag_index = len(self.out)
        self.out.append(0)
        flags = 0
        for index in range(8):
            if self.current >= self.end or len(self.out) >= room:
                break
            offset, length = self.match()
            if offset:
                if len(self.out) + 1 < room:
                    bit_count, _maximum = copy_token_help(self.current, self.start)
                    token = ((offset - 1) << (16 - bit_count)) | (length - 3)
                    self.out += token.to_bytes(2, "little")
                    flags |= 1 << index
                    self.current += length
                else:
                    self.out += b"\x00" * (room - len(self.out))
            else:
                self.out.append(self.data[self.current])
                self.current += 1
        self.out[flag_index] = flags


def compress(data: bytes) -> bytes:
    """Compress bytes into an [MS-OVBA] CompressedContainer (2.4.1.3.6).

    Args:
        data: The decompressed bytes (module source in the project code page, or a ``dir``
            stream).

    Returns:
        The container: the signature byte 0x01 followed by one CompressedChunk per 4096 bytes.
    """
    out = bytearray(_SIGNATURE)
    position = 0
    while position < len(data):
        chunk = _Chunk(data, position)
        out += chunk.compress()
        position = chunk.current
    return bytes(out)
