#!/usr/bin/env python3
"""Peer measurement for `swiftlet bench codecs`: the same compression operations in numpy, one thread, on
the same vector sizes, with the same best-of-repetitions timing. GB/s count float32 input bytes (4 per value)
for encoding and float32 output bytes for decoding, as Swiftlet does.

Operations: float16 cast and back; bfloat16 by truncating bits with round-to-nearest-even; 8-bit blockwise
(absmax per block of 256, rint(x * 127 / absmax) to int8, and back); top-k by argpartition on |x|, sorting the
kept indices and gathering their values (decode: scatter into zeros). numpy's kernels are single-threaded.

    python3 bench/peers/codecs_numpy.py --sizes 199210 1663370 --output codecs_numpy.json
"""
import argparse
import json
import time

import numpy as np


def best_seconds(function, repetitions, min_seconds=0.1):
    start = time.perf_counter()
    function()
    warm = max(time.perf_counter() - start, 1e-9)
    calls = max(1, int(np.ceil(min_seconds / repetitions / warm)))
    best = float("inf")
    for _ in range(repetitions):
        start = time.perf_counter()
        for _ in range(calls):
            function()
        best = min(best, (time.perf_counter() - start) / calls)
    return best


def f16(x):
    encoded = x.astype(np.float16)
    return (lambda: x.astype(np.float16)), (lambda: encoded.astype(np.float32))


def bf16(x):
    bits = x.view(np.uint32)

    def encode():
        return ((bits + np.uint32(0x7FFF) + ((bits >> 16) & 1)) >> 16).astype(np.uint16)

    encoded = encode()
    return encode, (lambda: (encoded.astype(np.uint32) << 16).view(np.float32))


def u8(x, block=256):
    n = x.size
    padded = np.zeros(-(-n // block) * block, dtype=np.float32)
    padded[:n] = x

    def encode():
        blocks = padded.reshape(-1, block)
        absmax = np.abs(blocks).max(axis=1)
        inverse = np.divide(127.0, absmax, out=np.zeros_like(absmax), where=absmax > 0)
        codes = np.rint(blocks * inverse[:, None]).astype(np.int8)
        return absmax, codes

    absmax, codes = encode()
    return encode, (lambda: (codes.astype(np.float32) * (absmax / 127.0)[:, None]).reshape(-1)[:n])


def topk(x, fraction=0.01):
    n = x.size
    k = max(1, int(np.ceil(fraction * n)))

    def encode():
        indices = np.argpartition(np.abs(x), n - k)[n - k:]
        indices.sort()
        return indices.astype(np.uint32), x[indices]

    indices, values = encode()

    def decode():
        out = np.zeros(n, dtype=np.float32)
        out[indices] = values
        return out

    return encode, decode


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", type=int, nargs="+", default=[199210, 1663370])
    parser.add_argument("--repetitions", type=int, default=10)
    parser.add_argument("--output", help="write the measurements as JSON here")
    args = parser.parse_args()
    rows = []
    for size in args.sizes:
        x = (np.random.default_rng(size).standard_normal(size) * 0.01).astype(np.float32)
        for name, make in [("f16", f16), ("bf16", bf16), ("u8:256", u8), ("topk:0.01", topk)]:
            encode, decode = make(x)
            encode_seconds = best_seconds(encode, args.repetitions)
            decode_seconds = best_seconds(decode, args.repetitions)
            rows.append({"codec": name, "size": size,
                         "encode_gbps": 4 * size / encode_seconds / 1e9, "decode_gbps": 4 * size / decode_seconds / 1e9})
            print(f"numpy {name:10s} n={size:>9,}  encode {rows[-1]['encode_gbps']:6.2f} GB/s  decode {rows[-1]['decode_gbps']:6.2f} GB/s")
    report = {"peer": "numpy", "version": np.__version__, "results": rows}
    if args.output:
        with open(args.output, "w") as f:
            json.dump(report, f, indent=2)


if __name__ == "__main__":
    main()
