#!/usr/bin/env python3
"""Regenerates the gzip fixtures of SwiftletDataTests (run from this folder with Python 3).

Every input is generated deterministically here, so the fixtures are reproducible byte for byte with the
same zlib. Each `NAME.gz` decompresses to `NAME.expected` (written alongside, uncompressed), except the
two-member file, whose expected output is the concatenation of its members' inputs.
"""
import gzip
import struct
import zlib

def text(count, seed):
    """Pseudo-random English-like text from a fixed word list and a linear congruential generator."""
    words = ("federated learning edge device gradient model round client server update weight "
             "the of and to in a is that for on with as by at from").split()
    state, out = seed, []
    for _ in range(count):
        state = (state * 1103515245 + 12345) % 2**31
        out.append(words[state % len(words)])
    return (" ".join(out) + "\n").encode()

def binary(count, seed):
    """Bytes with short repeats, long repeats and noise, so matches of every distance class occur."""
    state, out = seed, bytearray()
    while len(out) < count:
        state = (state * 6364136223846793005 + 1442695040888963407) % 2**64
        choice = state >> 61
        if choice < 3 or len(out) < 300:
            out += bytes([(state >> (8 * k)) & 0xFF for k in range(1, 5)])
        else:
            distance = 1 + (state >> 8) % min(len(out), 32768)
            length = 3 + (state >> 24) % 256
            for _ in range(length):
                out.append(out[-distance])
    return bytes(out[:count])

def write(name, data, member_bytes):
    with open(name + ".gz", "wb") as f:
        f.write(member_bytes)
    with open(name + ".expected", "wb") as f:
        f.write(data)

def raw_deflate(data, level):
    c = zlib.compressobj(level, zlib.DEFLATED, -15)
    return c.compress(data) + c.flush()

# Level 0: stored blocks only (zlib splits 70,000 bytes into several).
stored = binary(70_000, 1)
write("stored", stored, gzip.compress(stored, compresslevel=0, mtime=0))
# A short input: zlib picks the fixed Huffman code.
fixed = b"Swiftlet trains on the edge. Swiftlet trains on the edge, again and again.\n"
write("fixed", fixed, gzip.compress(fixed, compresslevel=6, mtime=0))
# Longer text at level 9: dynamic Huffman blocks.
dynamic = text(6_000, 7)
write("dynamic", dynamic, gzip.compress(dynamic, compresslevel=9, mtime=0))
# Binary data with long-distance matches at level 6: dynamic blocks exercising every length/distance code.
mixed = binary(120_000, 3)
write("binary", mixed, gzip.compress(mixed, compresslevel=6, mtime=0))
# Two members concatenated (as `cat a.gz b.gz` makes): decodes to the concatenation.
first, second = text(300, 11), b"second member\n"
write("two-members", first + second,
      gzip.compress(first, compresslevel=9, mtime=0) + gzip.compress(second, compresslevel=1, mtime=0))
# A member with FEXTRA, FNAME, FCOMMENT and FHCRC, assembled by hand (Python's gzip writes only FNAME).
named = text(200, 5)
flags = 0x02 | 0x04 | 0x08 | 0x10
header = bytes([0x1F, 0x8B, 8, flags]) + struct.pack("<I", 1_700_000_000) + bytes([2, 3])
extra = b"SW" + struct.pack("<H", 4) + b"test"
header += struct.pack("<H", len(extra)) + extra + b"swiftlet.txt\0" + b"made for tests\0"
header += struct.pack("<H", zlib.crc32(header) & 0xFFFF)
write("header-fields", named,
      header + raw_deflate(named, 9) + struct.pack("<II", zlib.crc32(named), len(named) & 0xFFFFFFFF))
# An empty input: a single empty fixed block.
write("empty", b"", gzip.compress(b"", compresslevel=9, mtime=0))
