#!/usr/bin/env python3
"""PyTorch side of scripts/check-safetensors-interop.sh.

With PyTorch installed the checks go through torch (safetensors.torch, load_state_dict); without it
(as in CI, where a 2 GB torch install is not worth it) they go through safetensors.numpy, which reads and
writes the same bytes: names, shapes, dtypes, layout and values are checked either way.

check-swift-file FILE
    Loads a Swiftlet-written 2NN file (FedAvg's 784-200-200-10 MLP) with safetensors.torch.load_file, checks
    the byte layout, names, dtypes and shapes, checks the weights lie in PyTorch's default nn.Linear
    initialisation range, and loads them into an equivalent torch.nn.Sequential (mapping fc1/fc2/fc3 to
    its Linear modules) with strict=True, then runs a forward pass.
write-torch-file FILE
    Writes a freshly initialised torch 2NN's state dict with safetensors.torch.save_file, renamed to
    Swiftlet's <layer>.<tensor> keys, for `swiftlet model inspect`.

Needs: pip install safetensors numpy (and torch for the torch.nn checks)
"""
import json
import math
import struct
import sys

try:
    import numpy as np
    import safetensors.numpy
except ImportError as error:  # pragma: no cover
    sys.exit(f"missing Python package ({error}); run: pip install safetensors numpy")
try:
    import torch
    from torch import nn
    from safetensors.torch import load_file, save_file
except ImportError:
    torch = None

# Swiftlet layer name -> index of the matching Linear in the torch Sequential below.
NAME_MAP = {"fc1": "1", "fc2": "3", "fc3": "5"}
EXPECTED_SHAPES = {
    "fc1.weight": [200, 784], "fc1.bias": [200],
    "fc2.weight": [200, 200], "fc2.bias": [200],
    "fc3.weight": [10, 200], "fc3.bias": [10],
}
FAN_IN = {"fc1": 784, "fc2": 200, "fc3": 200}


def torch_2nn():
    return nn.Sequential(nn.Flatten(), nn.Linear(784, 200), nn.ReLU(), nn.Linear(200, 200), nn.ReLU(), nn.Linear(200, 10))


def fail(message):
    sys.exit(f"FAIL: {message}")


def check_layout(path):
    """The raw format: 8-byte little-endian header length, space-padded JSON to 8 bytes, F32 data tiling the rest."""
    with open(path, "rb") as f:
        raw = f.read()
    (length,) = struct.unpack("<Q", raw[:8])
    if length % 8 != 0:
        fail(f"header length {length} is not a multiple of 8")
    header = json.loads(raw[8:8 + length].decode("utf-8"))
    metadata = header.pop("__metadata__", {})
    if not all(isinstance(k, str) and isinstance(v, str) for k, v in metadata.items()):
        fail(f"__metadata__ must map strings to strings, got {metadata!r}")
    spans = sorted(tuple(entry["data_offsets"]) for entry in header.values())
    cursor = 0
    for begin, end in spans:
        if begin != cursor:
            fail(f"data not tiled: expected a tensor at byte {cursor}, found {begin}")
        cursor = end
    if cursor != len(raw) - 8 - length:
        fail(f"data section is {len(raw) - 8 - length} bytes but tensors cover {cursor}")
    for name, entry in header.items():
        if entry["dtype"] != "F32":
            fail(f"{name}: dtype {entry['dtype']}, expected F32")
    print(f"layout ok: header {length} bytes, {len(header)} tensors, metadata {metadata}")


def check_swift_file_numpy(path):
    """The same checks as check_swift_file, through safetensors.numpy, for machines without torch."""
    tensors = safetensors.numpy.load_file(path)
    if sorted(tensors) != sorted(EXPECTED_SHAPES):
        fail(f"tensor names {sorted(tensors)}, expected {sorted(EXPECTED_SHAPES)}")
    for name, shape in EXPECTED_SHAPES.items():
        array = tensors[name]
        print(f"  {name} {list(array.shape)} {array.dtype}")
        if list(array.shape) != shape or array.dtype != np.float32:
            fail(f"{name}: shape {list(array.shape)} dtype {array.dtype}, expected {shape} float32")
        if not np.isfinite(array).all():
            fail(f"{name}: holds NaN or infinity")
        bound = 1 / math.sqrt(FAN_IN[name.split(".")[0]])
        if np.abs(array).max() > bound * (1 + 1e-6):
            fail(f"{name}: values exceed PyTorch's init bound {bound:.5f}")
        if array.size > 100 and array.std() < bound / 4:
            fail(f"{name}: values look degenerate (std {array.std():.2e})")
    # The forward pass of the 2NN in numpy, as torch would compute it.
    x = np.random.default_rng(0).random((4, 784), dtype=np.float32)
    h = np.maximum(x @ tensors["fc1.weight"].T + tensors["fc1.bias"], 0)
    h = np.maximum(h @ tensors["fc2.weight"].T + tensors["fc2.bias"], 0)
    out = h @ tensors["fc3.weight"].T + tensors["fc3.bias"]
    if out.shape != (4, 10) or not np.isfinite(out).all():
        fail(f"forward pass gave shape {out.shape} or non-finite values")
    print("numpy load and forward ok (torch not installed: torch.nn checks skipped)")


def write_numpy_file(path):
    rng = np.random.default_rng(1)
    state = {}
    for name, shape in EXPECTED_SHAPES.items():
        bound = 1 / math.sqrt(FAN_IN[name.split(".")[0]])
        state[name] = rng.uniform(-bound, bound, size=shape).astype(np.float32)
    safetensors.numpy.save_file(state, path, metadata={"format": "np", "producer": "numpy " + np.__version__})
    print(f"wrote {path} from numpy {np.__version__}: {sorted(state)}")


def check_swift_file(path):
    check_layout(path)
    if torch is None:
        check_swift_file_numpy(path)
        return
    tensors = load_file(path)
    names = sorted(tensors)
    if names != sorted(EXPECTED_SHAPES):
        fail(f"tensor names {names}, expected {sorted(EXPECTED_SHAPES)}")
    for name, shape in EXPECTED_SHAPES.items():
        tensor = tensors[name]
        print(f"  {name} {list(tensor.shape)} {tensor.dtype}")
        if list(tensor.shape) != shape:
            fail(f"{name}: shape {list(tensor.shape)}, expected {shape}")
        if tensor.dtype != torch.float32:
            fail(f"{name}: dtype {tensor.dtype}, expected torch.float32")
        if not torch.isfinite(tensor).all():
            fail(f"{name}: holds NaN or infinity")
        # nn.Linear's default initialisation draws weight and bias from U(-1/sqrt(fan_in), 1/sqrt(fan_in)).
        bound = 1 / math.sqrt(FAN_IN[name.split(".")[0]])
        if tensor.abs().max().item() > bound * (1 + 1e-6):
            fail(f"{name}: values exceed PyTorch's init bound {bound:.5f}")
        if tensor.numel() > 100 and tensor.std().item() < bound / 4:
            fail(f"{name}: values look degenerate (std {tensor.std().item():.2e})")

    model = torch_2nn()
    state = {f"{NAME_MAP[name.split('.')[0]]}.{name.split('.')[1]}": value for name, value in tensors.items()}
    model.load_state_dict(state, strict=True)
    for name, value in tensors.items():
        torch_name = f"{NAME_MAP[name.split('.')[0]]}.{name.split('.')[1]}"
        if not torch.equal(model.state_dict()[torch_name], value):
            fail(f"{name} did not load into {torch_name} unchanged")
    generator = torch.Generator().manual_seed(0)
    output = model(torch.rand(4, 1, 28, 28, generator=generator))
    if list(output.shape) != [4, 10] or not torch.isfinite(output).all():
        fail(f"forward pass gave shape {list(output.shape)} or non-finite values")
    print("torch load_state_dict(strict=True) and forward ok")


def write_torch_file(path):
    if torch is None:
        write_numpy_file(path)
        return
    torch.manual_seed(1)
    model = torch_2nn()
    inverse = {index: name for name, index in NAME_MAP.items()}
    state = {}
    for key, value in model.state_dict().items():
        index, tensor = key.split(".")
        state[f"{inverse[index]}.{tensor}"] = value.detach().contiguous()
    save_file(state, path, metadata={"format": "pt", "producer": "torch " + torch.__version__})
    print(f"wrote {path} from torch {torch.__version__}: {sorted(state)}")


def main():
    if len(sys.argv) != 3 or sys.argv[1] not in ("check-swift-file", "write-torch-file"):
        sys.exit(__doc__)
    if sys.argv[1] == "check-swift-file":
        check_swift_file(sys.argv[2])
    else:
        write_torch_file(sys.argv[2])


if __name__ == "__main__":
    main()
