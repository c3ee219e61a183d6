#!/usr/bin/env python3
"""Writes Tests/SwiftletNNTests/Fixtures/python-mixed-dtypes.safetensors with the real `safetensors` package.

The Swift reader test (SafetensorsReaderTests.pythonWrittenFixtureIsReadCorrectly) expects exactly these
tensors and metadata, so change both together. Needs: pip install safetensors numpy
Run from the repository root: python3 scripts/make-safetensors-fixture.py
"""
import pathlib

import numpy as np
from safetensors import serialize_file
from safetensors.numpy import save_file  # noqa: F401  (imported to fail early if the package is missing)

try:  # safetensors >= 0.6 passes raw buffers through TensorSpec
    from safetensors import TensorSpec
except ImportError:  # pragma: no cover
    TensorSpec = None

OUT = pathlib.Path(__file__).resolve().parent.parent / "Tests/SwiftletNNTests/Fixtures/python-mixed-dtypes.safetensors"


def spec(array, dtype_name):
    """A serialize_file entry for `array`'s raw little-endian bytes labelled as `dtype_name`."""
    array = np.ascontiguousarray(array)
    if TensorSpec is not None:
        return TensorSpec(dtype=dtype_name, shape=list(array.shape), data_ptr=array.ctypes.data, data_len=array.nbytes)
    return {"dtype": dtype_name, "shape": list(array.shape), "data": array.tobytes()}


def main():
    f32 = np.array([[1.5, -2.0, 0.25], [3.0, -0.125, 1e-3]], dtype="<f4")  # 2x3
    f16 = np.array([1.0, -0.5, 65504.0, 6.103515625e-05, 5.960464477539063e-08], dtype="<f2")  # incl. max, min normal, min subnormal
    f64 = np.array([[0.1], [-1e10]], dtype="<f8")  # 2x1
    # bfloat16: the upper halves of these float32 values (all exactly representable in bfloat16).
    bf16_values = np.array([1.0, -3.0, 0.15625, 256.0], dtype="<f4")
    bf16 = (bf16_values.view("<u4") >> 16).astype("<u2")
    empty = np.zeros((0, 4), dtype="<f4")
    keep_alive = [f32, f16, f64, bf16, empty]
    tensors = {
        "layer.f32": spec(f32, "float32"),
        "layer.f16": spec(f16, "float16"),
        "layer.f64": spec(f64, "float64"),
        "layer.bf16": spec(bf16, "bfloat16"),
        "layer.empty": spec(empty, "float32"),
    }
    serialize_file(tensors, str(OUT), metadata={"format": "pt", "note": "written by safetensors"})
    del keep_alive
    print(f"wrote {OUT} ({OUT.stat().st_size} bytes)")


if __name__ == "__main__":
    main()
