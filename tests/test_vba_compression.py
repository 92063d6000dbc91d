"""[MS-OVBA] 2.4.1 compression: the spec's worked examples (3.2) and round trips through the
decompressor of oletools (olevba), the one analysts use."""

from __future__ import annotations

import random

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from oletools.olevba import decompress_stream

from learnworks_xl.workbook.vba.compression import CHUNK_SIZE, compress, copy_token_help

NORMAL = b"#aaabcdefaaaaghijaaaaaklaaamnopqaaaaaaaaaaaarstuvwxyzaaa"

# [MS-OVBA] 3.2.1 No Compression Example and 3.2.3 Maximum Compression Example, as printed.
SPEC_EXAMPLES = [
    (b"abcdefghijklmnopqrstuv.",
     "01 19 B0 00 61 62 63 64 65 66 67 68 00 69 6A 6B 6C 6D 6E 6F 70 00 71 72 73 74 75 76 2E"),
    (b"a" * 73, "01 03 B0 02 61 45 00"),
]

# [MS-OVBA] 3.2.2 Normal Compression Example, as printed. Office, which made it, chose for
# three copy tokens an older match of the same length; the pseudocode of 2.4.1.3.19.4
# ("IF Len > BestLength") keeps the closest one. Both expand to the same text.
SPEC_NORMAL_PRINTED = (
    "01 2F B0 00 23 61 61 61 62 63 64 65 82 66 00 70 61 67 68 69 6A 01 38 08 61 6B 6C 00 30"
    " 6D 6E 6F 70 06 71 02 70 04 10 72 73 74 75 76 10 77 78 79 7A 00 3C")
SPEC_NORMAL_PSEUDOCODE = (
    "01 2F B0 00 23 61 61 61 62 63 64 65 82 66 00 70 61 67 68 69 6A 01 38 08 61 6B 6C 00 20"
    " 6D 6E 6F 70 06 71 02 70 04 00 72 73 74 75 76 10 77 78 79 7A 00 2C")


def _expand(container: bytes) -> bytes:
    return bytes(decompress_stream(bytearray(container)))


@pytest.mark.parametrize(("text", "expected"), SPEC_EXAMPLES, ids=["none", "maximum"])
def test_vba_compression_spec_example(text: bytes, expected: str) -> None:
    assert compress(text) == bytes.fromhex(expected)
    assert _expand(bytes.fromhex(expected)) == text


def test_vba_compression_spec_normal_example() -> None:
    ours = compress(NORMAL)
    assert ours == bytes.fromhex(SPEC_NORMAL_PSEUDOCODE)
    printed = bytes.fromhex(SPEC_NORMAL_PRINTED)
    assert _expand(printed) == NORMAL
    assert _expand(ours) == NORMAL
    differing = [i for i, (a, b) in enumerate(zip(ours, printed, strict=True)) if a != b]
    assert differing == [28, 38, 50]  # the high bytes of three copy tokens, nothing else


@pytest.mark.parametrize(("current", "start", "expected"), [
    (1, 0, (4, 4098)),
    (16, 0, (4, 4098)),
    (17, 0, (5, 2050)),
    (4095, 0, (12, 18)),
    (4096 + 40, 4096, (6, 1026)),
])
def test_vba_compression_copy_token_help(current: int, start: int,
                                         expected: tuple[int, int]) -> None:
    assert copy_token_help(current, start) == expected


@pytest.mark.parametrize("data", [
    b"",
    b"x",
    b"Attribute VB_Name = \"Module1\"\r\n" * 400,
    b" " * (3 * CHUNK_SIZE + 17),
    bytes(range(256)) * 33,
    random.Random(3).randbytes(2 * CHUNK_SIZE + 100),  # incompressible: raw chunks
], ids=["empty", "one", "source-like", "spaces", "bytes", "random"])
def test_vba_compression_round_trip_multi_chunk(data: bytes) -> None:
    container = compress(data)
    assert container[:1] == b"\x01"
    assert _expand(container) == data


def test_vba_compression_raw_chunk_for_incompressible_data() -> None:
    data = random.Random(5).randbytes(CHUNK_SIZE)
    container = compress(data)
    assert container[1:3] == bytes.fromhex("FF3F")  # size 4095, signature 0b011, flag 0
    assert container[3:] == data


@given(st.binary(max_size=3 * CHUNK_SIZE))
@settings(max_examples=150, deadline=None)
def test_vba_compression_round_trip_hypothesis(data: bytes) -> None:
    assert _expand(compress(data)) == data


@given(st.text(alphabet="ab \r\n", max_size=2 * CHUNK_SIZE + 50))
@settings(max_examples=150, deadline=None)
def test_vba_compression_round_trip_hypothesis_repetitive(text: str) -> None:
    data = text.encode("ascii")
    container = compress(data)
    assert _expand(container) == data
    assert len(container) <= len(data) + 3 * (len(data) // CHUNK_SIZE + 1) + len(data) // 8 + 1
