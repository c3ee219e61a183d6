"""The model both sides train: Swiftlet's `mlp` preset on the 64-feature digits data.

Shapes are PyTorch's (`nn.Linear` weight is [out, in]), which is the layout Swiftlet's Dense uses, so the
arrays travel by position and shape with no transposition:
fc1.weight [64, 64], fc1.bias [64], fc2.weight [10, 64], fc2.bias [10].
"""

import numpy as np

SHAPES = [("fc1.weight", (64, 64)), ("fc1.bias", (64,)), ("fc2.weight", (10, 64)), ("fc2.bias", (10,))]


def initial_arrays(seed: int = 7) -> list[np.ndarray]:
    """PyTorch's default Linear initialisation, U(-1/sqrt(fan_in), 1/sqrt(fan_in)), in float32."""
    rng = np.random.default_rng(seed)
    arrays = []
    for _, shape in SHAPES:
        fan_in = 64
        bound = 1.0 / np.sqrt(fan_in)
        arrays.append(rng.uniform(-bound, bound, size=shape).astype(np.float32))
    return arrays
