#!/usr/bin/env python3
"""Writes the fleet-protocol interop fixtures with Flower (flwr 1.40) and numpy.

Run from this folder:  python3 make_fixtures.py
Outputs (all small, committed):
  flower_messages.json  per message: metadata, object ids and bytes (base64), tree, listed message (as the
                        SuperLink lists it: content replaced by an empty RecordDict)
  npy/*.npy             arrays saved by numpy.save: every supported dtype in both byte orders, a scalar,
                        an empty array, a Fortran-order array, an unsupported dtype and a version 2.0 file

Flower's array chunk limit is read from FLWR_PRIVATE_MAX_ARRAY_CHUNK_SIZE when flwr is imported; the
"chunked" message sets it to 64 bytes so a small array splits into several chunks (the Swift test deflates
with the same chunk size). All messages of flower_messages.json use that 64-byte limit. flower_big.json is written by a second run
(`make_fixtures.py --big`, started by the first) with the real 5 MiB limit: a 6 MiB float32 array
(arange(1572864) / 8) split into two chunks; it holds the ids and tree only.
"""
import base64
import json
import os
import sys

CHUNK = 64
BIG = "--big" in sys.argv
# The --big run keeps Flower's real 5 MiB limit; it only writes ids, so no 6 MiB file is committed.
if not BIG:
    os.environ["FLWR_PRIVATE_MAX_ARRAY_CHUNK_SIZE"] = str(CHUNK)

import numpy as np  # noqa: E402
from flwr.app import Array, ArrayRecord, ConfigRecord, Message, MetricRecord, RecordDict  # noqa: E402
from flwr.app.metadata import Metadata  # noqa: E402
from flwr.app.message.message import make_message, remove_content_from_message  # noqa: E402
from flwr.app.error import Error  # noqa: E402
from flwr.common.serde import message_to_proto  # noqa: E402
from flwr.supercore.inflatable.inflatable_object import get_all_nested_objects, get_object_tree  # noqa: E402
from google.protobuf.json_format import MessageToDict  # noqa: E402


def metadata(message_type, reply_to=""):
    return Metadata(run_id=7, message_id="", src_node_id=1, dst_node_id=42, reply_to_message_id=reply_to,
                    group_id="3", created_at=1700000000.25, ttl=3600.0, message_type=message_type)


def tree_dict(tree):
    return {"id": tree.object_id, "children": [tree_dict(c) for c in tree.children]}


def dump(message):
    objects = get_all_nested_objects(message)
    # As the SuperLink lists a message and a SuperNode pushes one: content replaced by an empty RecordDict
    # (an error message keeps its error), the content travelling as objects.
    listed = message_to_proto(remove_content_from_message(message))
    listed.metadata.message_id = message.object_id
    return {
        "message_id": message.object_id,
        "objects": {oid: base64.b64encode(obj.deflate()).decode() for oid, obj in objects.items()},
        "tree": tree_dict(get_object_tree(message)),
        "listed": base64.b64encode(listed.SerializeToString()).decode(),
    }


def f32(values, shape):
    return np.arange(values[0], values[1], dtype=np.float32).reshape(shape) / np.float32(4)


def main_big():
    big = make_message(metadata=metadata("train"), content=RecordDict({
        "arrays": ArrayRecord({"big": Array(np.arange(1572864, dtype=np.float32) / np.float32(8))}),
    }))
    d = dump(big)
    out = {"message_id": d["message_id"], "tree": d["tree"], "listed": d["listed"],
           "sizes": {oid: len(base64.b64decode(b)) for oid, b in d["objects"].items()}}
    with open("flower_big.json", "w") as f:
        json.dump(out, f, indent=1, sort_keys=True)
    return 0


def main():
    import subprocess
    env = {k: v for k, v in os.environ.items() if k != "FLWR_PRIVATE_MAX_ARRAY_CHUNK_SIZE"}
    subprocess.run([sys.executable, __file__, "--big"], check=True, env=env)
    train = make_message(metadata=metadata("train"), content=RecordDict({
        "arrays": ArrayRecord({"fc.weight": Array(f32((0, 6), (2, 3))), "fc.bias": Array(f32((6, 8), (2,)))}),
        "config": ConfigRecord({"server-round": 3, "learning-rate": 0.05, "optimizer": "sgd", "big": 2**63}),
    }))
    reply = make_message(metadata=metadata("train", reply_to="ab" * 32), content=RecordDict({
        "arrays": ArrayRecord({"fc.weight": Array(f32((1, 7), (2, 3))), "fc.bias": Array(f32((7, 9), (2,)))}),
        "metrics": MetricRecord({"num-examples": 120, "loss": 0.75, "accuracy": 0.5}),
    }))
    # 40 float32 values = 160 bytes + 128-byte .npy header: several 64-byte chunks, some of them equal.
    chunked = make_message(metadata=metadata("evaluate"), content=RecordDict({
        "arrays": ArrayRecord({"w": Array(np.zeros((4, 10), dtype=np.float32))}),
        "config": ConfigRecord({"server-round": 1}),
    }))
    error = make_message(metadata=metadata("train", reply_to="cd" * 32), error=Error(code=3, reason="client failed"))
    out = {"chunk_size": CHUNK, "train": dump(train), "reply": dump(reply), "chunked": dump(chunked), "error": dump(error)}
    with open("flower_messages.json", "w") as f:
        json.dump(out, f, indent=1, sort_keys=True)

    os.makedirs("npy", exist_ok=True)
    base = np.array([[1.5, -2.0, 3.25], [0.0, 4.0, -0.5]])
    for code in ["f4", "f8", "i4", "i8"]:
        for order, name in [("<", "le"), (">", "be")]:
            np.save(f"npy/{code}_{name}.npy", base.astype(order + code))
    np.save("npy/scalar_f4.npy", np.array(2.5, dtype="<f4"))
    np.save("npy/empty_f4.npy", np.zeros((0, 3), dtype="<f4"))
    np.save("npy/fortran_f4.npy", np.asfortranarray(base.astype("<f4")))
    np.save("npy/f2_le.npy", base.astype("<f2"))
    with open("npy/v2_f4.npy", "wb") as f:
        np.lib.format.write_array(f, base.astype("<f4"), version=(2, 0))
    return 0


if __name__ == "__main__":
    sys.exit(main_big() if BIG else main())
