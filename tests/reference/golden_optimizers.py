"""Writes golden_optimizers.json: the parameter trajectory of every optimizer configuration on one fixed problem,
computed by PyTorch 1.13 in float32.

Run with: /usr/bin/python3 tests/reference/golden_optimizers.py

The problem: nn.Linear(4, 3) with fixed weights on 6 images of 1x2x2 uint8 pixels scaled by 1/255 (exactly what the
MlCnn network "flatten / dense in=4 out=3" sees after SetInputPreprocessing(1/255)), cross-entropy (mean) against fixed
labels. Each step: zero_grad, loss = CE + l1 * sum|w| (w: the weight matrix, or weight and bias with l1_all), backward,
clip_grad_value_ then clip_grad_norm_ when set, optimizer.step(). The JSON holds, per configuration, the MlCnn optimizer
spec, the loss before each step and the weight and bias after each step. Every float is the exact double of a float32.
"""
import json
import os

import torch
import torch.nn.functional as F

HERE = os.path.dirname(os.path.abspath(__file__))
STEPS = 6

PIXELS = torch.tensor([[10, 200, 30, 40], [250, 5, 60, 90], [0, 0, 255, 255], [128, 64, 32, 16],
                       [90, 180, 45, 135], [255, 0, 255, 0]], dtype=torch.uint8)
LABELS = torch.tensor([0, 1, 2, 1, 0, 2])
WEIGHT = torch.tensor([[0.3, -0.2, 0.1, 0.05], [-0.1, 0.4, -0.3, 0.2], [0.25, 0.1, -0.05, -0.35]])
BIAS = torch.tensor([0.01, -0.02, 0.03])

CONFIGS = [
    ("sgd lr=0.5", lambda p: torch.optim.SGD(p, lr=0.5), {}),
    ("sgd lr=0.5 momentum=0.9", lambda p: torch.optim.SGD(p, lr=0.5, momentum=0.9), {}),
    ("sgd lr=0.5 momentum=0.9 dampening=0.3", lambda p: torch.optim.SGD(p, lr=0.5, momentum=0.9, dampening=0.3), {}),
    ("sgd lr=0.5 momentum=0.8 nesterov=1", lambda p: torch.optim.SGD(p, lr=0.5, momentum=0.8, nesterov=True), {}),
    ("sgd lr=0.5 momentum=0.9 weight_decay=0.05", lambda p: torch.optim.SGD(p, lr=0.5, momentum=0.9, weight_decay=0.05), {}),
    ("adam lr=0.05", lambda p: torch.optim.Adam(p, lr=0.05), {}),
    ("adam lr=0.05 beta1=0.8 beta2=0.99 eps=1e-6 weight_decay=0.1", lambda p: torch.optim.Adam(p, lr=0.05, betas=(0.8, 0.99), eps=1e-6, weight_decay=0.1), {}),
    ("adam lr=0.05 amsgrad=1", lambda p: torch.optim.Adam(p, lr=0.05, amsgrad=True), {}),
    ("adamw lr=0.05", lambda p: torch.optim.AdamW(p, lr=0.05), {}),
    ("adamw lr=0.05 weight_decay=0.3", lambda p: torch.optim.AdamW(p, lr=0.05, weight_decay=0.3), {}),
    ("adagrad lr=0.1", lambda p: torch.optim.Adagrad(p, lr=0.1), {}),
    ("adagrad lr=0.1 lr_decay=0.05 weight_decay=0.01 initial_accumulator=0.1", lambda p: torch.optim.Adagrad(p, lr=0.1, lr_decay=0.05, weight_decay=0.01, initial_accumulator_value=0.1), {}),
    ("rmsprop lr=0.01", lambda p: torch.optim.RMSprop(p, lr=0.01), {}),
    ("rmsprop lr=0.01 alpha=0.9 momentum=0.5 centered=1 weight_decay=0.01", lambda p: torch.optim.RMSprop(p, lr=0.01, alpha=0.9, momentum=0.5, centered=True, weight_decay=0.01), {}),
    ("sgd lr=0.5 l1=0.05", lambda p: torch.optim.SGD(p, lr=0.5), {"l1": 0.05}),
    ("sgd lr=0.5 l1=0.05 l1_all=1", lambda p: torch.optim.SGD(p, lr=0.5), {"l1": 0.05, "l1_all": True}),
    ("sgd lr=0.5 clip_norm=0.05", lambda p: torch.optim.SGD(p, lr=0.5), {"clip_norm": 0.05}),
    ("sgd lr=0.5 clip_value=0.01", lambda p: torch.optim.SGD(p, lr=0.5), {"clip_value": 0.01}),
    ("adam lr=0.05 clip_value=0.02 clip_norm=0.03 l1=0.01", lambda p: torch.optim.Adam(p, lr=0.05), {"clip_value": 0.02, "clip_norm": 0.03, "l1": 0.01}),
]


def floats(t):
    return [float(v) for v in t.detach().reshape(-1).double().tolist()]


def run(make, extra):
    layer = torch.nn.Linear(4, 3)
    with torch.no_grad():
        layer.weight.copy_(WEIGHT)
        layer.bias.copy_(BIAS)
    params = list(layer.parameters())
    optimizer = make(params)
    x = PIXELS.float() * (1.0 / 255.0)
    losses, weights, biases = [], [], []
    for _ in range(STEPS):
        optimizer.zero_grad()
        loss = F.cross_entropy(layer(x), LABELS)
        if extra.get("l1", 0) > 0:
            penalized = params if extra.get("l1_all") else [layer.weight]
            loss = loss + extra["l1"] * sum(p.abs().sum() for p in penalized)
        loss.backward()
        if extra.get("clip_value", 0) > 0:
            torch.nn.utils.clip_grad_value_(params, extra["clip_value"])
        if extra.get("clip_norm", 0) > 0:
            torch.nn.utils.clip_grad_norm_(params, extra["clip_norm"])
        optimizer.step()
        losses.append(float(loss.double()))
        weights.append(floats(layer.weight))
        biases.append(floats(layer.bias))
    return {"losses": losses, "weights": weights, "biases": biases}


cases = []
for spec, make, extra in CONFIGS:
    case = {"spec": spec}
    case.update(run(make, extra))
    cases.append(case)

with open(os.path.join(HERE, "golden_optimizers.json"), "w") as f:
    json.dump({"torch": torch.__version__, "pixels": PIXELS.reshape(-1).tolist(), "labels": LABELS.tolist(),
               "weight": floats(WEIGHT), "bias": floats(BIAS), "cases": cases}, f, indent=1)
print(f"{len(cases)} cases")
