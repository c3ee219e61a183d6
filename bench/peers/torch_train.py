#!/usr/bin/env python3
"""PyTorch CPU training throughput for Swiftlet's zoo models — the peer for `swiftlet bench train`.

Measures samples/s of a full SGD training step (zero_grad, forward, cross-entropy, backward, step) at the
given batch sizes, with 1 thread and with all cores, on synthetic inputs of each model's shape. Prints a
table and writes JSON in the same schema as Swiftlet's benchmark.

    pip install torch numpy
    python3 bench/peers/torch_train.py --output bench/results/torch-train.json
"""
import argparse
import json
import os
import platform
import time

import torch
from torch import nn

from torch_models import build, sample_batch


def measure(name: str, batch: int, threads: int, min_seconds: float) -> dict:
    torch.set_num_threads(threads)
    torch.manual_seed(0)
    generator = torch.Generator().manual_seed(0)
    model = build(name)
    model.train()
    optimizer = torch.optim.SGD(model.parameters(), lr=0.01)
    loss_fn = nn.CrossEntropyLoss()
    batches = [sample_batch(name, batch, generator) for _ in range(8)]

    def step(i):
        x, y = batches[i % len(batches)]
        optimizer.zero_grad(set_to_none=True)
        loss = loss_fn(model(x), y)
        loss.backward()
        optimizer.step()

    for i in range(5):
        step(i)
    steps = 0
    start = time.perf_counter()
    while True:
        step(steps)
        steps += 1
        elapsed = time.perf_counter() - start
        if elapsed >= min_seconds and steps >= 5:
            break
    return {
        "model": name, "batch": batch, "threads": threads,
        "steps": steps, "seconds": elapsed, "samples_per_second": steps * batch / elapsed,
        "parameters": sum(p.numel() for p in model.parameters()),
    }


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--models", default="cnn,2nn,lenet5,charlstm,kws,mlp,logreg")
    parser.add_argument("--batches", default="10,32")
    parser.add_argument("--threads", default=f"1,{os.cpu_count()}")
    parser.add_argument("--seconds", type=float, default=2.0, help="minimum timed seconds per measurement")
    parser.add_argument("--output", default=None, help="write JSON here")
    args = parser.parse_args()

    results = []
    print(f"{'model':10} {'batch':>5} {'threads':>7} {'samples/s':>12}")
    for threads in [int(t) for t in args.threads.split(",")]:
        for name in args.models.split(","):
            for batch in [int(b) for b in args.batches.split(",")]:
                r = measure(name, batch, threads, args.seconds)
                results.append(r)
                print(f"{name:10} {batch:5d} {threads:7d} {r['samples_per_second']:12.1f}", flush=True)
    report = {
        "peer": "pytorch", "version": torch.__version__, "machine": platform.processor() or platform.machine(),
        "cpus": os.cpu_count(), "results": results,
    }
    if args.output:
        os.makedirs(os.path.dirname(os.path.abspath(args.output)), exist_ok=True)
        with open(args.output, "w") as f:
            json.dump(report, f, indent=2)


if __name__ == "__main__":
    main()
