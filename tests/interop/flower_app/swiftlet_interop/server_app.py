"""ServerApp: Flower's own FedAvg, recording each round's replies so the checker can recompute it."""

import json
from pathlib import Path

import numpy as np
from flwr.app import ArrayRecord, ConfigRecord, Context
from flwr.serverapp import Grid, ServerApp
from flwr.serverapp.strategy import FedAvg

from .model import initial_arrays

app = ServerApp()


class RecordingFedAvg(FedAvg):
    """FedAvg that writes every train reply (arrays, metrics) and each round's aggregate to `record_dir`."""

    def __init__(self, record_dir: Path, **kwargs) -> None:
        super().__init__(**kwargs)
        self.record_dir = record_dir
        self.log: list[dict] = []

    def aggregate_train(self, server_round, replies):
        replies = list(replies)
        round_log = {"round": server_round, "replies": [], "errors": []}
        for index, msg in enumerate(replies):
            node = msg.metadata.src_node_id
            if msg.has_error():
                round_log["errors"].append({"node": node, "code": msg.error.code, "reason": msg.error.reason})
                continue
            record = msg.content["arrays"]
            metrics = dict(msg.content["metrics"])
            np.savez(self.record_dir / f"round{server_round}-reply{index}.npz",
                     **{key: record[key].numpy() for key in record.keys()})
            round_log["replies"].append({"node": node, "file": f"round{server_round}-reply{index}.npz",
                                         "keys": list(record.keys()), "metrics": metrics})
        arrays, metrics = super().aggregate_train(server_round, replies)
        if arrays is not None:
            np.savez(self.record_dir / f"round{server_round}-aggregate.npz",
                     **{key: arrays[key].numpy() for key in arrays.keys()})
        round_log["train-metrics"] = dict(metrics) if metrics is not None else None
        self.log.append(round_log)
        self._write()
        return arrays, metrics

    def aggregate_evaluate(self, server_round, replies):
        replies = list(replies)
        errors = [{"node": m.metadata.src_node_id, "reason": m.error.reason} for m in replies if m.has_error()]
        metrics = super().aggregate_evaluate(server_round, replies)
        for entry in self.log:
            if entry["round"] == server_round:
                entry["evaluate-replies"] = len(replies) - len(errors)
                entry["evaluate-errors"] = errors
                entry["evaluate-metrics"] = dict(metrics) if metrics is not None else None
        self._write()
        return metrics

    def _write(self) -> None:
        (self.record_dir / "rounds.json").write_text(json.dumps(self.log, indent=1))


@app.main()
def main(grid: Grid, context: Context) -> None:
    """Runs FedAvg for `num-server-rounds` rounds over at least `min-nodes` nodes."""
    config = context.run_config
    record_dir = Path(str(config["record-dir"]))
    record_dir.mkdir(parents=True, exist_ok=True)
    nodes = int(config["min-nodes"])
    # A list of NumPy arrays, as a numpy or PyTorch app sends its model: Flower names them "0", "1", …
    initial = ArrayRecord(initial_arrays())
    np.savez(record_dir / "initial.npz", **{key: initial[key].numpy() for key in initial.keys()})
    strategy = RecordingFedAvg(record_dir, fraction_train=1.0, fraction_evaluate=1.0, min_train_nodes=nodes,
                               min_evaluate_nodes=nodes, min_available_nodes=nodes)
    train_config = ConfigRecord({
        "learning-rate": float(config["learning-rate"]),
        "local-epochs": int(config["local-epochs"]),
        "batch-size": int(config["batch-size"]),
    })
    result = strategy.start(grid=grid, initial_arrays=initial, num_rounds=int(config["num-server-rounds"]),
                            timeout=120, train_config=train_config)
    final = result.arrays
    np.savez(record_dir / "final.npz", **{key: final[key].numpy() for key in final.keys()})
    (record_dir / "done").write_text("ok\n")
