"""Writes golden_train_steps.json: whole training steps of small networks computed by PyTorch 1.13 in float32, plain
NCHW eager code, layers in the spec's order.

Run with: /usr/bin/python3 tests/reference/golden_train_steps.py

MlCnn rewrites networks for speed (native/src/spec.cpp, model.cpp, blocks.cpp, conv_pool.cpp): an activation that never
decreases moves after a following max pool, some ReLUs run in place, weights and inputs are channels-last, and a first
convolution with few input channels runs fused with the 2x2 max pool (and ReLU) after it ("first-layer-pool" cases: RGB
with padding, an odd size the pool cuts, 20 output channels, no bias; a LeakyReLU left outside the fusion, a rectangular
image), 3x3 stride-1 convolutions of 16, 32 or 64 channels into as many run as the shim's own fused Winograd
convolution on AVX-512 CPUs ("fused-winograd-" cases: groups of tiles full and partial and across images, tiles cut at
the right and bottom edges) and other 3x3 convolutions of 32+ channels as oneDNN's Winograd convolution ("winograd-"
cases). None of this may
change a result beyond float rounding. Each case: a layer spec (the same dictionaries as golden_forward.py), parameters
set from sines, uint8 pixels scaled by 1/255, cross-entropy (mean), SGD lr=0.1 momentum=0.9, three steps in training
mode (batch norm uses batch statistics and updates its running estimates). The JSON holds per case the spec, pixels,
labels, the loss before each step, every parameter and buffer before the first step ("initial") and after the last
("state").
"""
import json
import os

import numpy as np
import torch
import torch.nn.functional as F

from golden_forward import batchnorm2d, build, conv2d, dense, fill_state, floats, pool

HERE = os.path.dirname(os.path.abspath(__file__))
STEPS = 3

CASES = [
    ("relu-before-maxpool", [
        conv2d(1, 4, 3),
        {"kind": "relu"},
        pool("maxpool2d", 2, 2),
        conv2d(4, 6, 3, padding=1),
        {"kind": "leakyrelu", "slope": 0.1},
        pool("maxpool2d", 3, 2, 1),
        {"kind": "relu"},
        {"kind": "flatten"},
        dense(24, 8),
        {"kind": "relu"},
        dense(8, 5),
    ], (6, 1, 10, 10)),
    ("negative-slope-stays", [
        conv2d(3, 4, 3, padding=1),
        {"kind": "leakyrelu", "slope": -0.2},
        pool("maxpool2d", 2, 2),
        batchnorm2d(4),
        {"kind": "relu"},
        {"kind": "gap"},
        dense(4, 3),
    ], (5, 3, 8, 8)),
    ("residual", [
        conv2d(3, 8, 3, padding=1, bias=False),
        batchnorm2d(8),
        {"kind": "relu"},
        {"kind": "residual", "in": 8, "out": 8, "stride": 1},
        {"kind": "residual", "in": 8, "out": 16, "stride": 2},
        {"kind": "dwsep", "in": 16, "out": 16, "kernel": 3, "stride": 1, "padding": 1},
        {"kind": "gap"},
        dense(16, 4),
    ], (4, 3, 8, 8)),
    ("first-layer-pool-rgb", [
        conv2d(3, 20, 3, padding=1, bias=False),
        {"kind": "relu"},
        pool("maxpool2d", 2, 2),
        conv2d(20, 6, 3),
        {"kind": "relu"},
        {"kind": "flatten"},
        dense(24, 5),
    ], (4, 3, 9, 9)),
    ("first-layer-pool-leaky", [
        conv2d(2, 5, 5, padding=2),
        {"kind": "leakyrelu", "slope": 0.1},
        pool("maxpool2d", 2, 2),
        batchnorm2d(5),
        {"kind": "relu"},
        {"kind": "gap"},
        dense(5, 3),
    ], (6, 2, 11, 12)),
    # Batch norm + ReLU fused (batch_norm_relu.cpp) over 16, 32, 48 and 80 channels: its vector paths with 1, 2, 3 and
    # 4 + 1 vectors of 16 channels; rows in several parts and blocks; residual sums through the identity and a shortcut.
    ("batch-norm-relu-lanes", [
        conv2d(3, 16, 3, padding=1, bias=False),
        batchnorm2d(16),
        {"kind": "relu"},
        {"kind": "residual", "in": 16, "out": 16, "stride": 1},
        {"kind": "residual", "in": 16, "out": 32, "stride": 2},
        {"kind": "dwsep", "in": 32, "out": 48, "kernel": 3, "stride": 1, "padding": 1},
        {"kind": "dwsep", "in": 48, "out": 80, "kernel": 3, "stride": 1, "padding": 1},
        {"kind": "gap"},
        dense(80, 4),
    ], (4, 3, 12, 12)),
    # 3x3 stride-1 convolutions of 32 into 32 and 64 into 64 channels run as fused_winograd.cpp's (both of the first
    # block's, the second block's second, whose weight gradient is oneDNN's Winograd); the second block's first (stride
    # 2) and the 1x1 shortcut stay direct. Winograd rounds about
    # 3x more than the direct convolution (~1e-6 of the largest value), which flips a ReLU whose input is that close to
    # zero and moves a gradient by that unit's share. This input keeps every ReLU input of the first forward at least
    # 1.5e-4 of its largest value away from zero (4x3x12x12 inputs had one within 1e-5: a batch-norm bias gradient then
    # differed by 4%).
    ("winograd-residual", [
        conv2d(3, 32, 3, padding=1, bias=False),
        batchnorm2d(32),
        {"kind": "relu"},
        {"kind": "residual", "in": 32, "out": 32, "stride": 1},
        {"kind": "residual", "in": 32, "out": 64, "stride": 2},
        {"kind": "gap"},
        dense(64, 4),
    ], (2, 3, 8, 8)),
    # oneDNN's Winograd convolution (32 into 48 channels) right before the global average pool: its output gradient
    # arrives expanded (stride 0).
    ("winograd-before-gap", [
        conv2d(3, 32, 3, padding=1, bias=False),
        batchnorm2d(32),
        {"kind": "relu"},
        conv2d(32, 48, 3, padding=1, bias=False),
        {"kind": "gap"},
        dense(48, 3),
    ], (3, 3, 6, 6)),
    # 16-channel 3x3 convolutions run as fused_winograd.cpp's F(4x4, 3x3) (AVX-512): forward and input gradient. 16x16:
    # 16 whole tiles per image, two groups of 8.
    ("fused-winograd-16-residual", [
        conv2d(3, 16, 3, padding=1, bias=False),
        batchnorm2d(16),
        {"kind": "relu"},
        {"kind": "residual", "in": 16, "out": 16, "stride": 1},
        {"kind": "gap"},
        dense(16, 4),
    ], (2, 3, 16, 16)),
    # Width 46, height 6: 12 tile columns (a full group of 8, then 4), the last 2 columns wide; the second tile row 2
    # rows high.
    ("fused-winograd-16-wide", [
        conv2d(3, 16, 3, padding=1, bias=False),
        batchnorm2d(16),
        {"kind": "relu"},
        conv2d(16, 16, 3, padding=1, bias=False),
        batchnorm2d(16),
        {"kind": "relu"},
        {"kind": "gap"},
        dense(16, 3),
    ], (1, 3, 6, 46)),
    # 5x21: tiles of 1 row and 1 column at the edges, groups across the two images; the convolution right before the
    # global average pool (its output gradient arrives expanded).
    ("fused-winograd-16-before-gap", [
        conv2d(3, 16, 3, padding=1, bias=False),
        batchnorm2d(16),
        {"kind": "relu"},
        conv2d(16, 16, 3, padding=1, bias=False),
        {"kind": "gap"},
        dense(16, 3),
    ], (2, 3, 5, 21)),
    # 32 and 64 channels at 6x10: 6 tiles per image (the last row of tiles 2 rows high, the last column 2 wide), groups
    # of 8 (32 channels) and 4 (64) across the three images, the last group partial.
    ("fused-winograd-32-64", [
        conv2d(3, 32, 3, padding=1, bias=False),
        batchnorm2d(32),
        {"kind": "relu"},
        conv2d(32, 32, 3, padding=1, bias=False),
        batchnorm2d(32),
        {"kind": "relu"},
        conv2d(32, 64, 1, bias=False),
        batchnorm2d(64),
        {"kind": "relu"},
        conv2d(64, 64, 3, padding=1, bias=False),
        {"kind": "gap"},
        dense(64, 3),
    ], (3, 3, 6, 10)),
]


def run_case(name, layers, shape, seed):
    model = torch.nn.Sequential(*[build(spec) for spec in layers])
    initial = fill_state(model)
    model.train()
    generator = np.random.default_rng(seed)
    pixels = generator.integers(0, 256, size=shape, dtype=np.uint8)
    x = torch.from_numpy(pixels.astype(np.float32)) / 255.0
    classes = layers[-1]["out"]
    labels = torch.tensor([(1 + 3 * i) % classes for i in range(shape[0])])
    optimizer = torch.optim.SGD(model.parameters(), lr=0.1, momentum=0.9)
    losses = []
    for _ in range(STEPS):
        optimizer.zero_grad()
        loss = F.cross_entropy(model(x), labels)
        losses.append(float(loss.item()))
        loss.backward()
        optimizer.step()
    state = {n: {"shape": list(t.shape), "values": floats(t.detach().numpy())}
             for n, t in model.state_dict().items() if not n.endswith("num_batches_tracked")}
    return {"name": name, "layers": layers, "input_shape": list(shape), "pixels": pixels.ravel().tolist(),
            "labels": labels.tolist(), "initial": initial, "losses": losses, "state": state}


def main():
    torch.set_num_threads(1)
    cases = [run_case(name, layers, shape, seed) for seed, (name, layers, shape) in enumerate(CASES, start=1)]
    out = os.path.join(HERE, "golden_train_steps.json")
    with open(out, "w") as f:
        json.dump({"torch_version": torch.__version__, "optimizer": "sgd lr=0.1 momentum=0.9", "cases": cases}, f,
                  separators=(",", ":"))
        f.write("\n")
    print(f"wrote {out} ({os.path.getsize(out)} bytes)")


if __name__ == "__main__":
    main()
