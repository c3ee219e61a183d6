"""ClientApp for Python SuperNodes in the mixed run: trains the same MLP as Swiftlet's `mlp` preset with numpy.

It answers exactly as a Swiftlet node does, so Flower's FedAvg can average both: the arrays under the keys
the server sent, and a MetricRecord with the same keys (`num-examples`, `loss`, `accuracy`, `steps`).
Local training is plain mini-batch SGD on softmax cross-entropy over the node's share of the bundled
digits data (features scaled to [0, 1]); node config `partition-id` / `num-partitions` picks the share and
`data-file` names the CSV.
"""

import gzip

import numpy as np
from flwr.app import Array, ArrayRecord, Context, Message, MetricRecord, RecordDict
from flwr.clientapp import ClientApp

app = ClientApp()


def _load(context: Context) -> tuple[np.ndarray, np.ndarray]:
    config = context.node_config
    with gzip.open(str(config["data-file"]), "rt") as handle:
        table = np.loadtxt(handle, delimiter=",", dtype=np.float32)
    features, labels = table[:, :64] / 16.0, table[:, 64].astype(np.int64)
    partition, count = int(config["partition-id"]), int(config["num-partitions"])
    return features[partition::count], labels[partition::count]


def _forward(arrays: list[np.ndarray], x: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    w1, b1, w2, b2 = arrays
    hidden = np.maximum(x @ w1.T + b1, 0.0)
    logits = hidden @ w2.T + b2
    return hidden, logits


def _softmax(logits: np.ndarray) -> np.ndarray:
    shifted = logits - logits.max(axis=1, keepdims=True)
    e = np.exp(shifted)
    return e / e.sum(axis=1, keepdims=True)


def _loss_and_accuracy(arrays, x, y) -> tuple[float, float]:
    _, logits = _forward(arrays, x)
    p = _softmax(logits)
    loss = float(-np.log(p[np.arange(len(y)), y] + 1e-12).mean())
    return loss, float((logits.argmax(axis=1) == y).mean())


@app.train()
def train(msg: Message, context: Context) -> Message:
    """One pass of mini-batch SGD over the local share."""
    record = msg.content["arrays"]
    keys = list(record.keys())
    arrays = [record[key].numpy().astype(np.float32) for key in keys]
    config = msg.content["config"]
    lr, batch, epochs = float(config["learning-rate"]), int(config["batch-size"]), int(config["local-epochs"])
    x, y = _load(context)
    rng = np.random.default_rng(int(config["server-round"]))
    steps = 0
    for _ in range(epochs):
        order = rng.permutation(len(y))
        for start in range(0, len(y), batch):
            idx = order[start:start + batch]
            xb, yb = x[idx], y[idx]
            hidden, logits = _forward(arrays, xb)
            grad_logits = _softmax(logits)
            grad_logits[np.arange(len(yb)), yb] -= 1.0
            grad_logits /= len(yb)
            w1, b1, w2, b2 = arrays
            grad_w2 = grad_logits.T @ hidden
            grad_b2 = grad_logits.sum(axis=0)
            grad_hidden = (grad_logits @ w2) * (hidden > 0)
            grad_w1 = grad_hidden.T @ xb
            grad_b1 = grad_hidden.sum(axis=0)
            arrays = [(a - lr * g).astype(np.float32) for a, g in zip(arrays, (grad_w1, grad_b1, grad_w2, grad_b2))]
            steps += 1
    loss, accuracy = _loss_and_accuracy(arrays, x, y)
    content = RecordDict({
        "arrays": ArrayRecord({key: Array(a) for key, a in zip(keys, arrays)}),
        "metrics": MetricRecord({"num-examples": len(y), "loss": loss, "accuracy": accuracy, "steps": steps}),
    })
    return Message(content=content, reply_to=msg)


@app.evaluate()
def evaluate(msg: Message, context: Context) -> Message:
    """Loss and accuracy of the received model on the local share."""
    record = msg.content["arrays"]
    arrays = [record[key].numpy().astype(np.float32) for key in record.keys()]
    x, y = _load(context)
    loss, accuracy = _loss_and_accuracy(arrays, x, y)
    metrics = MetricRecord({"num-examples": len(y), "loss": loss, "accuracy": accuracy})
    return Message(content=RecordDict({"metrics": metrics}), reply_to=msg)
