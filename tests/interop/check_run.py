"""Checks one interop run recorded by flower_app's ServerApp (see run.sh).

Asserts that every round completed with no failures and replies from the expected nodes, that the
metrics arrived, that Swiftlet's arrays came back under the ServerApp's keys with its shapes, that the
models really trained, and that each round's aggregate — and the run's final arrays — are exactly what
Flower's FedAvg must produce from the recorded replies: the num-examples-weighted mean, computed here
with numpy in FedAvg's own order and dtype.

usage: check_run.py RECORD_DIR --rounds N --nodes N [--swiftlet-ids FILE] [--min-swiftlet K] [--min-python K]
"""

import argparse
import json
import sys
from pathlib import Path

import numpy as np


def fail(message: str) -> None:
    print(f"interop check FAILED: {message}", file=sys.stderr)
    sys.exit(1)


def fedavg(replies: list[tuple[dict[str, np.ndarray], float]]) -> dict[str, np.ndarray]:
    """Flower 1.40's aggregate_arrayrecords: weights normalised first, then summed in reply order."""
    total = sum(weight for _, weight in replies)
    result: dict[str, np.ndarray] = {}
    for arrays, weight in replies:
        factor = weight / total
        for key, value in arrays.items():
            if key not in result:
                result[key] = value * factor
            else:
                result[key] += value * factor
    return result


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("record_dir", type=Path)
    parser.add_argument("--rounds", type=int, required=True)
    parser.add_argument("--nodes", type=int, required=True)
    parser.add_argument("--swiftlet-ids", type=Path)
    parser.add_argument("--min-swiftlet", type=int, default=0)
    parser.add_argument("--min-python", type=int, default=0)
    args = parser.parse_args()
    record = args.record_dir
    if not (record / "done").exists():
        fail(f"the ServerApp did not finish ({record / 'done'} is missing)")
    rounds = json.loads((record / "rounds.json").read_text())
    initial = dict(np.load(record / "initial.npz"))
    shapes = {key: value.shape for key, value in initial.items()}
    swiftlet_ids = set()
    if args.swiftlet_ids:
        swiftlet_ids = {int(line) for line in args.swiftlet_ids.read_text().split()}
    if [entry["round"] for entry in rounds] != list(range(1, args.rounds + 1)):
        fail(f"rounds recorded: {[entry['round'] for entry in rounds]}, expected 1…{args.rounds}")

    aggregate = None
    losses = []
    for entry in rounds:
        number = entry["round"]
        if entry["errors"]:
            fail(f"round {number}: error replies {entry['errors']}")
        if len(entry["replies"]) != args.nodes:
            fail(f"round {number}: {len(entry['replies'])} train replies, expected {args.nodes}")
        nodes = [reply["node"] for reply in entry["replies"]]
        swift = sum(node in swiftlet_ids for node in nodes)
        if swift < args.min_swiftlet or len(nodes) - swift < args.min_python:
            fail(f"round {number}: {swift} Swiftlet and {len(nodes) - swift} Python replies, expected at least "
                 f"{args.min_swiftlet} and {args.min_python} (Swiftlet node ids {sorted(swiftlet_ids)}, repliers {nodes})")
        replies = []
        for reply in entry["replies"]:
            metrics = reply["metrics"]
            for key in ("num-examples", "loss", "accuracy"):
                if key not in metrics:
                    fail(f"round {number}: node {reply['node']} sent metrics {sorted(metrics)} without '{key}'")
            if not metrics["num-examples"] > 0 or not np.isfinite(metrics["loss"]):
                fail(f"round {number}: node {reply['node']} sent metrics {metrics}")
            arrays = dict(np.load(record / reply["file"]))
            if list(arrays) != list(initial):
                fail(f"round {number}: node {reply['node']} answered arrays {list(arrays)}, the ServerApp sent {list(initial)}")
            for key, value in arrays.items():
                if value.shape != shapes[key] or value.dtype != np.float32:
                    fail(f"round {number}: node {reply['node']} array '{key}' is {value.dtype}{value.shape}, "
                         f"expected float32{shapes[key]}")
            sent = initial if aggregate is None else aggregate
            if all(np.array_equal(arrays[key], sent[key]) for key in arrays):
                fail(f"round {number}: node {reply['node']} sent back the model unchanged: it did not train")
            replies.append((arrays, float(metrics["num-examples"])))
        expected = fedavg(replies)
        recorded = dict(np.load(record / f"round{number}-aggregate.npz"))
        for key in expected:
            if not np.array_equal(expected[key], recorded[key]):
                diff = float(np.abs(expected[key] - recorded[key]).max())
                fail(f"round {number}: FedAvg's '{key}' differs from the weighted mean of the replies by {diff}")
        aggregate = recorded
        if entry.get("train-metrics") is None:
            fail(f"round {number}: no aggregated train metrics")
        if entry.get("evaluate-errors") or entry.get("evaluate-replies") != args.nodes:
            fail(f"round {number}: evaluate replies {entry.get('evaluate-replies')} errors {entry.get('evaluate-errors')}")
        evaluated = entry.get("evaluate-metrics") or {}
        if "loss" not in evaluated:
            fail(f"round {number}: aggregated evaluate metrics {evaluated} lack 'loss'")
        losses.append(evaluated["loss"])
        print(f"round {number}: {len(replies)} replies ({swift} Swiftlet), "
              f"examples {[int(w) for _, w in replies]}, evaluate loss {evaluated['loss']:.4f}, "
              f"accuracy {evaluated.get('accuracy', float('nan')):.4f}")

    final = dict(np.load(record / "final.npz"))
    for key in final:
        if not np.array_equal(final[key], aggregate[key]):
            fail(f"final array '{key}' is not the last round's FedAvg aggregate")
    if not losses[-1] < losses[0]:
        fail(f"the federated evaluation loss did not fall: {losses}")
    print(f"interop check passed: {args.rounds} rounds, {args.nodes} nodes, final arrays = FedAvg of the replies")


if __name__ == "__main__":
    main()
