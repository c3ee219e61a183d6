#!/usr/bin/env python3
"""Peer measurement for `swiftlet bench gemm`: float32 square `a @ b` in numpy (OpenBLAS or whatever BLAS
numpy links), single thread and all threads, at the same sizes and with the same best-of-repetitions timing.

Run it with the machine's OpenBLAS tuning overrides removed, since OPENBLAS_CORETYPE / OPENBLAS_L2_SIZE may be
set here and select slower kernels:

    env -u OPENBLAS_CORETYPE -u OPENBLAS_L2_SIZE python3 bench/peers/gemm_numpy.py --output gemm_numpy.json

Single-thread runs use threadpoolctl when it is installed; otherwise start the script with
OPENBLAS_NUM_THREADS=1 for the single-thread row (the all-threads row then also runs on one thread, and the
script says so).
"""
import argparse
import json
import os
import time

import numpy as np

try:
    from threadpoolctl import threadpool_info, threadpool_limits
except ImportError:  # fall back to the environment variable
    threadpool_limits = None
    threadpool_info = None


def measure(size, repetitions, min_seconds=0.2):
    """Best seconds per product over `repetitions` runs, each of enough calls to last min_seconds in all."""
    rng = np.random.default_rng(size)
    a = rng.uniform(-1, 1, (size, size)).astype(np.float32)
    b = rng.uniform(-1, 1, (size, size)).astype(np.float32)
    c = np.empty((size, size), dtype=np.float32)
    start = time.perf_counter()
    np.matmul(a, b, out=c)  # warm-up
    warm = max(time.perf_counter() - start, 1e-9)
    calls = max(1, int(np.ceil(min_seconds / repetitions / warm)))
    best = float("inf")
    for _ in range(repetitions):
        start = time.perf_counter()
        for _ in range(calls):
            np.matmul(a, b, out=c)
        best = min(best, (time.perf_counter() - start) / calls)
    return best


def run(sizes, threads, repetitions):
    rows = []
    for size in sizes:
        seconds = measure(size, repetitions)
        rows.append({"size": size, "threads": threads, "seconds": seconds,
                     "gflops": 2.0 * size ** 3 / seconds / 1e9})
    return rows


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", type=int, nargs="+", default=[64, 128, 256, 512, 1024])
    parser.add_argument("--repetitions", type=int, default=20)
    parser.add_argument("--output", help="write the measurements as JSON here")
    args = parser.parse_args()

    cores = os.cpu_count() or 1
    for name in ("OPENBLAS_CORETYPE", "OPENBLAS_L2_SIZE"):
        if name in os.environ:
            print(f"warning: {name}={os.environ[name]} is set; numpy may be slower than usual")
    results = []
    if threadpool_limits is not None:
        libraries = ", ".join(f"{i.get('internal_api')} {i.get('version')}" for i in threadpool_info())
        print(f"numpy {np.__version__} ({libraries})")
        with threadpool_limits(limits=1):
            results += run(args.sizes, 1, args.repetitions)
        with threadpool_limits(limits=cores):
            results += run(args.sizes, cores, args.repetitions)
    else:
        threads = int(os.environ.get("OPENBLAS_NUM_THREADS", cores))
        print(f"numpy {np.__version__}; threadpoolctl missing, using OPENBLAS_NUM_THREADS={threads}")
        results += run(args.sizes, threads, args.repetitions)

    print(f"{'size':>6}{'threads':>9}{'seconds':>14}{'GFLOPS':>10}")
    for r in results:
        print(f"{r['size']:>6}{r['threads']:>9}{r['seconds']:>14.9f}{r['gflops']:>10.1f}")
    if args.output:
        with open(args.output, "w") as f:
            json.dump(results, f, indent=2)


if __name__ == "__main__":
    main()
