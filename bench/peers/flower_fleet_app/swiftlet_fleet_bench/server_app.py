"""ServerApp: Flower's own FedAvg over every connected node, on the `2nn` model's arrays, each round timed.

The arrays have the shapes of Swiftlet's `2nn` preset (784-200-200-10, PyTorch's [out, in] layout: 199,210
float32 values, 0.8 MB), so each node receives and returns what the Swiftlet server's rounds move. A round is
timed as the Swiftlet server times its own: from the instructions being made (`configure_train`) to the
aggregate being done (`aggregate_train` returned). Each round is written to `record-file` as a JSON line as
soon as it ends, so the benchmark can follow the run.
"""

import json
import time
from pathlib import Path

import numpy as np
from flwr.app import ArrayRecord, Context
from flwr.serverapp import Grid, ServerApp
from flwr.serverapp.strategy import FedAvg

app = ServerApp()

SHAPES = [(200, 784), (200,), (200, 200), (200,), (10, 200), (10,)]


def initial_arrays(seed: int = 1) -> list[np.ndarray]:
    """PyTorch's default Linear initialisation, U(-1/sqrt(fan_in), 1/sqrt(fan_in)), in float32."""
    rng = np.random.default_rng(seed)
    arrays = []
    for shape in SHAPES:
        fan_in = shape[1] if len(shape) == 2 else arrays[-1].shape[1]
        bound = 1.0 / np.sqrt(fan_in)
        arrays.append(rng.uniform(-bound, bound, size=shape).astype(np.float32))
    return arrays


class TimedFedAvg(FedAvg):
    """FedAvg that appends each training round's duration and reply counts to `record_file`."""

    def __init__(self, record_file: Path, **kwargs) -> None:
        super().__init__(**kwargs)
        self.record_file = record_file
        self.started: dict[int, float] = {}

    def configure_train(self, server_round, arrays, config, grid):
        self.started[server_round] = time.monotonic()
        return super().configure_train(server_round, arrays, config, grid)

    def aggregate_train(self, server_round, replies):
        replies = list(replies)
        arrays, metrics = super().aggregate_train(server_round, replies)
        seconds = time.monotonic() - self.started[server_round]
        failed = [reply for reply in replies if reply.has_error()]
        reasons = sorted({f"{reply.error.code}: {reply.error.reason}"[:200] for reply in failed})
        line = {"round": server_round, "seconds": seconds, "replies": len(replies) - len(failed),
                "errors": len(failed), "error-reasons": reasons[:5], "aggregated": arrays is not None}
        with self.record_file.open("a") as record:
            record.write(json.dumps(line) + "\n")
        return arrays, metrics


@app.main()
def main(grid: Grid, context: Context) -> None:
    """Runs `num-server-rounds` FedAvg rounds over all `nodes` nodes, without evaluation."""
    config = context.run_config
    record_file = Path(str(config["record-file"]))
    nodes = int(config["nodes"])
    strategy = TimedFedAvg(record_file, fraction_train=1.0, fraction_evaluate=0.0, min_train_nodes=nodes,
                           min_evaluate_nodes=0, min_available_nodes=nodes)
    strategy.start(grid=grid, initial_arrays=ArrayRecord(initial_arrays()),
                   num_rounds=int(config["num-server-rounds"]), timeout=600)
    with record_file.open("a") as record:
        record.write(json.dumps({"done": True}) + "\n")
