"""Flower 1.40 simulation with PyTorch: the peer of `swiftlet bench simulate`.

The workload of issue #4's benchmark: MNIST split IID into --clients clients of --samples images each,
--per-round clients sampled per round, --rounds rounds of FedAvg, each sampled client training --epochs local
epochs of SGD (lr --learning-rate, batch --batch-size) on a zoo model from torch_models.py. Flower runs it on its
Ray simulation backend with one CPU per client actor (so as many actors as cores) and one torch thread each.

Reports client updates per second over the rounds (from the first round's start to the last round's end, so
Ray's start-up is excluded), and over rounds 2…N only ("steady", which also leaves out the first round's
actor start-up and torch import) and peak memory summed over this process and all its children (Ray's raylet, GCS
and actors), sampled every 0.5 s: both the resident set (RSS, which counts pages shared between processes —
Ray's object store, torch's libraries — once per process) and the proportional set size (PSS, which splits
each shared page among the processes mapping it, so the sum is the memory really used). Prints one JSON
object; --output writes it to a file too.

Needs `pip install "flwr[simulation]==1.40.0" torch numpy psutil`.
"""
import argparse
import gzip
import json
import os
import struct
import sys
import threading
import time

import numpy as np
import psutil
import torch

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import torch_models  # noqa: E402

from flwr.app import ArrayRecord, ConfigRecord, Context, Message, MetricRecord, RecordDict  # noqa: E402
from flwr.clientapp import ClientApp  # noqa: E402
from flwr.serverapp import Grid, ServerApp  # noqa: E402
from flwr.serverapp.strategy import FedAvg  # noqa: E402
from flwr.simulation import run_simulation  # noqa: E402

ARGS = None
TIMES = {}
_DATA = None


def read_idx(path):
    """An IDX file (gzipped or raw) as a numpy array."""
    opener = gzip.open if path.endswith(".gz") else open
    with opener(path, "rb") as f:
        data = f.read()
    dims = data[3]
    shape = struct.unpack(">" + "I" * dims, data[4:4 + 4 * dims])
    return np.frombuffer(data, dtype=np.uint8, offset=4 + 4 * dims).reshape(shape)


def mnist_train(directory):
    """MNIST training images scaled to [0, 1] as Swiftlet does, and labels."""
    def find(stem):
        for name in (stem + ".gz", stem):
            if os.path.exists(os.path.join(directory, name)):
                return os.path.join(directory, name)
        raise FileNotFoundError(f"{stem}(.gz) not in {directory}")
    images = read_idx(find("train-images-idx3-ubyte")).astype(np.float32) / 255.0
    labels = read_idx(find("train-labels-idx1-ubyte")).astype(np.int64)
    return images.reshape(-1, 1, 28, 28), labels


def client_data(partition):
    """Client `partition`'s slice of a seeded IID permutation of the training set."""
    global _DATA
    if _DATA is None:
        images, labels = mnist_train(ARGS.data)
        order = np.random.default_rng(ARGS.seed).permutation(len(labels))
        _DATA = (images, labels, order)
    images, labels, order = _DATA
    indices = order[partition * ARGS.samples:(partition + 1) * ARGS.samples]
    return torch.from_numpy(images[indices]), torch.from_numpy(labels[indices])


client_app = ClientApp()


@client_app.train()
def train(msg: Message, context: Context):
    torch.set_num_threads(1)
    partition = int(context.node_config["partition-id"])
    x, y = client_data(partition)
    model = torch_models.build(ARGS.model)
    model.load_state_dict(msg.content["arrays"].to_torch_state_dict())
    optimizer = torch.optim.SGD(model.parameters(), lr=ARGS.learning_rate)
    loss_fn = torch.nn.CrossEntropyLoss()
    generator = torch.Generator().manual_seed(ARGS.seed + partition)
    model.train()
    total = 0.0
    for _ in range(ARGS.epochs):
        order = torch.randperm(len(y), generator=generator)
        for start in range(0, len(y), ARGS.batch_size):
            batch = order[start:start + ARGS.batch_size]
            optimizer.zero_grad()
            loss = loss_fn(model(x[batch]), y[batch])
            loss.backward()
            optimizer.step()
            total += loss.item() * len(batch)
    content = RecordDict({
        "arrays": ArrayRecord(model.state_dict()),
        "metrics": MetricRecord({"num-examples": len(y), "train_loss": total / (len(y) * ARGS.epochs)}),
    })
    return Message(content=content, reply_to=msg)


server_app = ServerApp()


@server_app.main()
def main(grid: Grid, context: Context):
    model = torch_models.build(ARGS.model)
    torch.manual_seed(ARGS.seed)
    strategy = FedAvg(fraction_train=ARGS.per_round / ARGS.clients, fraction_evaluate=0.0,
                      min_train_nodes=ARGS.per_round, min_evaluate_nodes=0, min_available_nodes=ARGS.clients)
    rounds_done = []

    def stamp(server_round, arrays):
        # Flower calls evaluate_fn with round 0 before training and after every round: a round clock.
        rounds_done.append((server_round, time.perf_counter()))
        return None

    TIMES["start"] = time.perf_counter()
    strategy.start(grid=grid, initial_arrays=ArrayRecord(model.state_dict()), num_rounds=ARGS.rounds,
                   train_config=ConfigRecord({"lr": ARGS.learning_rate}), evaluate_fn=stamp)
    TIMES["end"] = time.perf_counter()
    TIMES["rounds"] = rounds_done


class MemorySampler(threading.Thread):
    """Samples the summed RSS and PSS of this process and all its descendants; keeps the peaks."""

    def __init__(self):
        super().__init__(daemon=True)
        self.peak = 0
        self.peak_pss = 0
        self.stopped = threading.Event()

    def run(self):
        me = psutil.Process()
        while not self.stopped.is_set():
            rss = pss = 0
            for process in [me] + me.children(recursive=True):
                try:
                    info = process.memory_full_info()
                    rss += info.rss
                    pss += getattr(info, "pss", info.rss)
                except psutil.Error:
                    pass
            self.peak = max(self.peak, rss)
            self.peak_pss = max(self.peak_pss, pss)
            self.stopped.wait(0.5)


def main_cli():
    global ARGS
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--model", default="2nn", choices=["2nn", "lenet5", "cnn"])
    parser.add_argument("--clients", type=int, default=100)
    parser.add_argument("--per-round", type=int, default=10)
    parser.add_argument("--samples", type=int, default=600, help="training images per client")
    parser.add_argument("--rounds", type=int, default=20)
    parser.add_argument("--epochs", type=int, default=1)
    parser.add_argument("--batch-size", type=int, default=10)
    parser.add_argument("--learning-rate", type=float, default=0.05)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--data", default=os.path.join(os.path.dirname(__file__), "..", "..", "Data", "mnist"))
    parser.add_argument("--output", default=None)
    ARGS = parser.parse_args()
    if ARGS.clients * ARGS.samples > 60000:
        parser.error("--clients × --samples exceeds MNIST's 60,000 training images")
    cpus = os.cpu_count() or 1
    sampler = MemorySampler()
    sampler.start()
    started = time.perf_counter()
    run_simulation(server_app=server_app, client_app=client_app, num_supernodes=ARGS.clients,
                   backend_config={"client_resources": {"num_cpus": 1, "num_gpus": 0.0},
                                   "init_args": {"num_cpus": cpus}})
    wall = time.perf_counter() - started
    sampler.stopped.set()
    sampler.join()
    seconds = TIMES["end"] - TIMES["start"]
    updates = ARGS.rounds * ARGS.per_round
    ends = dict(TIMES.get("rounds", []))
    # Rounds 2…N: the first round also starts Ray's actors and loads torch and the data in each.
    steady = None
    if ARGS.rounds >= 2 and 1 in ends and ARGS.rounds in ends:
        steady = (ARGS.rounds - 1) * ARGS.per_round / (ends[ARGS.rounds] - ends[1])
    result = {
        "peer": "flower", "flwr": __import__("flwr").__version__, "torch": torch.__version__,
        "model": ARGS.model, "clients": ARGS.clients, "per_round": ARGS.per_round, "samples": ARGS.samples,
        "rounds": ARGS.rounds, "epochs": ARGS.epochs, "batch_size": ARGS.batch_size, "cpus": cpus,
        "round_seconds": seconds, "wall_seconds": wall, "client_updates": updates,
        "client_updates_per_second": updates / seconds, "steady_client_updates_per_second": steady,
        "peak_rss_bytes": sampler.peak,
        "peak_pss_bytes": sampler.peak_pss,
    }
    print(json.dumps(result))
    if ARGS.output:
        with open(ARGS.output, "w") as f:
            json.dump(result, f, indent=2)


if __name__ == "__main__":
    main_cli()
