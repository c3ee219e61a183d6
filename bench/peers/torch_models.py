"""PyTorch twins of Swiftlet's model zoo (Sources/SwiftletNN/Zoo/ModelPreset.swift).

Same layers, same shapes, same parameter names as Swiftlet's safetensors export (`<layer>.<tensor>`), so
weights move between the two and throughput is compared on identical work.
"""
import torch
from torch import nn


class CharLSTM(nn.Module):
    """LEAF Shakespeare: embedding 8 over 80 symbols, 2 x LSTM 256, fc 80 on the last step."""

    def __init__(self):
        super().__init__()
        self.embedding = nn.Embedding(80, 8)
        self.lstm = nn.LSTM(8, 256, num_layers=2, batch_first=True)
        self.fc = nn.Linear(256, 80)

    def forward(self, x):
        out, _ = self.lstm(self.embedding(x))
        return self.fc(out[:, -1, :])


def build(name: str) -> nn.Module:
    if name == "cnn":
        return nn.Sequential(
            nn.Conv2d(1, 32, 5, padding=2), nn.ReLU(), nn.MaxPool2d(2),
            nn.Conv2d(32, 64, 5, padding=2), nn.ReLU(), nn.MaxPool2d(2),
            nn.Flatten(), nn.Linear(3136, 512), nn.ReLU(), nn.Linear(512, 10))
    if name == "2nn":
        return nn.Sequential(nn.Flatten(), nn.Linear(784, 200), nn.ReLU(), nn.Linear(200, 200), nn.ReLU(),
                             nn.Linear(200, 10))
    if name == "lenet5":
        return nn.Sequential(
            nn.Conv2d(1, 6, 5, padding=2), nn.ReLU(), nn.MaxPool2d(2),
            nn.Conv2d(6, 16, 5), nn.ReLU(), nn.MaxPool2d(2),
            nn.Flatten(), nn.Linear(400, 120), nn.ReLU(), nn.Linear(120, 84), nn.ReLU(), nn.Linear(84, 10))
    if name == "charlstm":
        return CharLSTM()
    if name == "kws":
        return nn.Sequential(
            nn.Conv2d(1, 32, 3, stride=2, padding=1), nn.ReLU(),
            nn.Conv2d(32, 32, 3, padding=1, groups=32), nn.ReLU(),
            nn.Conv2d(32, 64, 1), nn.ReLU(), nn.MaxPool2d(2),
            nn.Conv2d(64, 64, 3, padding=1, groups=64), nn.ReLU(),
            nn.Conv2d(64, 64, 1), nn.ReLU(),
            nn.AdaptiveAvgPool2d(1), nn.Flatten(), nn.Linear(64, 12))
    if name == "mlp":
        return nn.Sequential(nn.Linear(64, 64), nn.ReLU(), nn.Linear(64, 10))
    if name == "logreg":
        return nn.Sequential(nn.Linear(64, 10))
    raise ValueError(f"unknown model {name}")


INPUT_SHAPES = {
    "cnn": (1, 28, 28), "2nn": (1, 28, 28), "lenet5": (1, 28, 28), "charlstm": (80,),
    "kws": (1, 49, 40), "mlp": (64,), "logreg": (64,),
}
CLASSES = {"cnn": 10, "2nn": 10, "lenet5": 10, "charlstm": 80, "kws": 12, "mlp": 10, "logreg": 10}


def sample_batch(name: str, batch: int, generator: torch.Generator):
    """A synthetic batch of the model's input shape and labels (throughput does not depend on values)."""
    if name == "charlstm":
        x = torch.randint(0, 80, (batch, 80), generator=generator)
    else:
        x = torch.rand((batch,) + INPUT_SHAPES[name], generator=generator)
    y = torch.randint(0, CLASSES[name], (batch,), generator=generator)
    return x, y
