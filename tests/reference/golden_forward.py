"""Writes golden_forward.json: PyTorch forward passes and cross-entropy losses the C# tests compare against.

Run with: /usr/bin/python3 tests/reference/golden_forward.py
Each case describes its layers as a list of {"kind": ...} objects that map 1:1 to the children of an nn.Sequential,
so parameter names are nn.Sequential names ("0.weight", "3.conv1.weight", "4.shortcut.1.running_var", ...).
Parameters, buffers and inputs come from fixed sine formulas (not torch's RNG); logits are computed in eval() mode in
float32, and every float is written as the exact double value of the float32 number.
"""
import json
import math
import os

import numpy as np
import torch
import torch.nn.functional as F
from torch import nn


class ResidualBlock(nn.Module):
    def __init__(self, cin, cout, stride):
        super().__init__()
        self.conv1 = nn.Conv2d(cin, cout, 3, stride, padding=1, bias=False)
        self.bn1 = nn.BatchNorm2d(cout)
        self.conv2 = nn.Conv2d(cout, cout, 3, 1, padding=1, bias=False)
        self.bn2 = nn.BatchNorm2d(cout)
        self.shortcut = nn.Sequential()
        if stride != 1 or cin != cout:
            self.shortcut = nn.Sequential(nn.Conv2d(cin, cout, 1, stride, bias=False), nn.BatchNorm2d(cout))

    def forward(self, x):
        y = F.relu(self.bn1(self.conv1(x)))
        y = self.bn2(self.conv2(y))
        s = x if len(self.shortcut) == 0 else self.shortcut(x)
        return F.relu(y + s)


class DepthwiseSeparable(nn.Module):
    def __init__(self, cin, cout, kernel=3, stride=1, padding=1):
        super().__init__()
        self.depthwise = nn.Conv2d(cin, cin, kernel, stride, padding, groups=cin, bias=False)
        self.bn1 = nn.BatchNorm2d(cin)
        self.pointwise = nn.Conv2d(cin, cout, 1, bias=False)
        self.bn2 = nn.BatchNorm2d(cout)

    def forward(self, x):
        return F.relu(self.bn2(self.pointwise(F.relu(self.bn1(self.depthwise(x))))))


class GlobalAveragePool(nn.Module):
    def forward(self, x):
        return x.mean(dim=(2, 3))


def conv2d(cin, cout, kernel, stride=1, padding=0, dilation=1, groups=1, bias=True):
    return {"kind": "conv2d", "in": cin, "out": cout, "kernel": kernel, "stride": stride, "padding": padding,
            "dilation": dilation, "groups": groups, "bias": bias}


def batchnorm2d(channels):
    return {"kind": "batchnorm2d", "channels": channels, "eps": 1e-5, "momentum": 0.1}


def pool(kind, kernel, stride, padding=0):
    return {"kind": kind, "kernel": kernel, "stride": stride, "padding": padding}


def dense(cin, cout, bias=True):
    return {"kind": "dense", "in": cin, "out": cout, "bias": bias}


def build(spec):
    kind = spec["kind"]
    if kind == "conv2d":
        return nn.Conv2d(spec["in"], spec["out"], spec["kernel"], spec["stride"], spec["padding"], spec["dilation"],
                         spec["groups"], spec["bias"])
    if kind == "batchnorm2d":
        return nn.BatchNorm2d(spec["channels"], spec["eps"], spec["momentum"])
    if kind in ("maxpool2d", "avgpool2d"):
        pool_type = nn.MaxPool2d if kind == "maxpool2d" else nn.AvgPool2d
        return pool_type(spec["kernel"], spec["stride"], spec["padding"])
    if kind == "leakyrelu":
        return nn.LeakyReLU(spec["slope"])
    if kind == "dropout":
        return nn.Dropout(spec["p"])
    if kind == "dense":
        return nn.Linear(spec["in"], spec["out"], spec["bias"])
    if kind == "residual":
        return ResidualBlock(spec["in"], spec["out"], spec["stride"])
    if kind == "dwsep":
        return DepthwiseSeparable(spec["in"], spec["out"], spec["kernel"], spec["stride"], spec["padding"])
    simple = {"relu": nn.ReLU, "gelu": nn.GELU, "silu": nn.SiLU, "gap": GlobalAveragePool, "flatten": nn.Flatten}
    return simple[kind]()


def sines(count, seed):
    return np.sin(seed + 0.37 * np.arange(count))


def fill_state(model):
    """Sets every parameter and buffer from a sine of its index; returns {name: {"shape", "values"}}."""
    state = {}
    tensors = [(n, t) for n, t in model.state_dict().items() if not n.endswith("num_batches_tracked")]
    for index, (name, tensor) in enumerate(tensors):
        wave = sines(tensor.numel(), index + 1)
        if name.endswith("running_mean"):
            values = 0.2 * wave
        elif name.endswith("running_var"):
            values = 1.0 + 0.5 * wave
        elif name.endswith("bias"):
            values = 0.1 * wave
        elif tensor.dim() == 1:
            values = 1.0 + 0.25 * wave
        else:
            fan_in = tensor.numel() // tensor.shape[0]
            values = wave / math.sqrt(fan_in)
        values = values.astype(np.float32)
        with torch.no_grad():
            tensor.copy_(torch.from_numpy(values).reshape(tensor.shape))
        state[name] = {"shape": list(tensor.shape), "values": floats(values)}
    return state


def floats(array):
    return [float(v) for v in np.asarray(array, dtype=np.float32).ravel()]


def run_case(name, layers, input_shape, seed):
    model = nn.Sequential(*[build(spec) for spec in layers])
    state = fill_state(model)
    model.eval()
    count = int(np.prod(input_shape))
    k = np.arange(count)
    x = (np.sin(seed + 0.73 * k) * np.cos(0.11 * k)).astype(np.float32)
    with torch.no_grad():
        logits = model(torch.from_numpy(x).reshape(input_shape))
    n, classes = logits.shape
    labels = torch.tensor([(3 + 7 * i) % classes for i in range(n)])
    weights = torch.tensor([[1.0, 0.0, 2.5, 0.5, 1.5][i % 5] for i in range(n)], dtype=torch.float32)
    losses = F.cross_entropy(logits, labels, reduction="none")
    return {
        "name": name,
        "layers": layers,
        "input_shape": list(input_shape),
        "input": floats(x),
        "state": state,
        "logits": {"shape": [n, classes], "values": floats(logits.numpy())},
        "labels": labels.tolist(),
        "weights": floats(weights.numpy()),
        "losses": floats(losses.numpy()),
        "loss_mean": float(F.cross_entropy(logits, labels).item()),
        "loss_weighted": float(((weights * losses).sum() / weights.sum()).item()),
    }


CASES = [
    ("convnet", [
        conv2d(1, 4, 3, padding=1),
        batchnorm2d(4),
        {"kind": "relu"},
        pool("maxpool2d", 2, 2),
        conv2d(4, 6, 3, stride=1, padding=2, dilation=2),
        {"kind": "leakyrelu", "slope": 0.1},
        pool("avgpool2d", 2, 2),
        {"kind": "flatten"},
        dense(24, 5),
    ], (3, 1, 10, 10)),
    ("blocks", [
        conv2d(3, 8, 3, padding=1, bias=False),
        batchnorm2d(8),
        {"kind": "silu"},
        {"kind": "residual", "in": 8, "out": 8, "stride": 1},
        {"kind": "residual", "in": 8, "out": 16, "stride": 2},
        {"kind": "dwsep", "in": 16, "out": 16, "kernel": 3, "stride": 1, "padding": 1},
        {"kind": "gelu"},
        {"kind": "gap"},
        {"kind": "dropout", "p": 0.5},
        dense(16, 4),
    ], (2, 3, 8, 8)),
    ("groups", [
        conv2d(4, 8, 3, padding=1, groups=2),
        {"kind": "relu"},
        {"kind": "flatten"},
        dense(200, 3),
    ], (3, 4, 5, 5)),
    ("pools", [
        pool("maxpool2d", 3, 2, 1),
        pool("avgpool2d", 3, 1, 1),
        {"kind": "flatten"},
        dense(32, 3, bias=False),
    ], (3, 2, 7, 7)),
    # One image with 3x3 kernels: the case where libtorch's own heuristic leaves oneDNN on CPU (native/src/blocks.h).
    ("single", [
        conv2d(1, 8, 3),
        {"kind": "relu"},
        pool("maxpool2d", 2, 2),
        conv2d(8, 8, 3, padding=1, bias=False),
        {"kind": "residual", "in": 8, "out": 8, "stride": 1},
        {"kind": "flatten"},
        dense(128, 4),
    ], (1, 1, 10, 10)),
]


def main():
    torch.set_num_threads(1)
    cases = [run_case(name, layers, shape, seed) for seed, (name, layers, shape) in enumerate(CASES, start=1)]
    out = os.path.join(os.path.dirname(os.path.abspath(__file__)), "golden_forward.json")
    with open(out, "w") as f:
        json.dump({"torch_version": torch.__version__, "cases": cases}, f, separators=(",", ":"))
        f.write("\n")
    print(f"wrote {out} ({os.path.getsize(out)} bytes)")


if __name__ == "__main__":
    main()
