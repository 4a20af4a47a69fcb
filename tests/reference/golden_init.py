"""Writes golden_init.json: PyTorch's default initial weights after torch.manual_seed(seed), which a network built from
the same layers with the same seed must reproduce.

Run with: /usr/bin/python3 tests/reference/golden_init.py
Layers use golden_forward.py's {"kind": ...} objects and nn.Sequential names; every float is written as the exact double
value of the float32 number.
"""
import json
import os

import torch
from torch import nn

from golden_forward import batchnorm2d, build, conv2d, dense

CASES = [
    ("dense", [dense(4, 3)], 42),
    ("conv_dense", [conv2d(1, 2, 3), {"kind": "flatten"}, dense(8, 3)], 7),
    ("conv_bn_dense", [conv2d(3, 4, 3, padding=1, bias=False), batchnorm2d(4), {"kind": "relu"}, {"kind": "gap"},
                       dense(4, 2)], 2024),
]


def run_case(name, layers, seed):
    torch.manual_seed(seed)
    model = nn.Sequential(*[build(layer) for layer in layers])
    state = {n: {"shape": list(t.shape), "values": [float(v) for v in t.flatten().tolist()]}
             for n, t in model.state_dict().items() if not n.endswith("num_batches_tracked")}
    return {"name": name, "layers": layers, "seed": seed, "state": state}


def main():
    cases = [run_case(name, layers, seed) for name, layers, seed in CASES]
    out = os.path.join(os.path.dirname(os.path.abspath(__file__)), "golden_init.json")
    with open(out, "w") as f:
        json.dump({"torch_version": torch.__version__, "cases": cases}, f, separators=(",", ":"))
        f.write("\n")
    print(f"wrote {out} ({os.path.getsize(out)} bytes)")


if __name__ == "__main__":
    main()
