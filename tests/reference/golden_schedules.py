"""Writes golden_schedules.json: the learning rate PyTorch 1.13 holds in optimizer.param_groups[0]['lr'] during every
epoch (per-epoch schedules) or batch (OneCycle) of a run, for each learning-rate schedule of Ml.Cnn.Schedules.

Run with: /usr/bin/python3 tests/reference/golden_schedules.py
The output is deterministic; rerun it after changing a case and commit the JSON with the script.
LearningRateScheduleTests compares every case within a relative tolerance of 1e-12.

Each case drives a dummy SGD optimizer (lr = base) with the usual loop: optimizer.step(), then scheduler.step() after
every epoch (per-epoch schedules, ReduceLROnPlateau with the scripted metric of that epoch) or after every batch
(OneCycleLR). `rates[i]` is the lr during epoch i (per-epoch) or step i (per batch), including the value after the
last step, so a case has one more rate than steps taken. `epochs` is the training length given to the schedule (it
sets T_max and total_steps); per-epoch cases may record further epochs to pin down PyTorch's recursion beyond it.
The schedules map onto PyTorch as follows ("source" says where each case's numbers come from):
  Step -> StepLR; MultiStep -> MultiStepLR; Exponential -> ExponentialLR;
  Cosine(warmup 0) -> CosineAnnealingLR(T_max=epochs, eta_min);
  Cosine(warmup w > 0) -> SequentialLR([LinearLR(start_factor, 1.0, total_iters=w),
                                        CosineAnnealingLR(T_max=epochs-w, eta_min)], milestones=[w]);
  OneCycle -> OneCycleLR(epochs, steps_per_epoch, cycle_momentum=False: momentum is not cycled);
  ReduceOnPlateau -> ReduceLROnPlateau (eps 1e-8);
  Polynomial with end 0 and no cycle -> PolynomialLR(total_iters=decayEpochs, power) (PyTorch 1.13 has it);
  Polynomial otherwise, and Constant, have no PyTorch scheduler: "source": "formula" computes ML.NET's
  PolynomialLRDecay (lr0 - end) * (1 - x / d) ** power + end, with x = min(e, decay), d = decay, or with cycle
  x = e, d = decay * max(1, ceil(e / decay)); Constant keeps the base rate.
"""
import json
import math
import os
import warnings

import torch
from torch.optim import lr_scheduler as S

warnings.filterwarnings("ignore")
HERE = os.path.dirname(os.path.abspath(__file__))
CASES = []


def optimizer(lr):
    return torch.optim.SGD([torch.nn.Parameter(torch.zeros(1))], lr=lr)


def lr_of(opt):
    return float(opt.param_groups[0]["lr"])


def per_epoch(opt, scheduler, length, metrics=None):
    rates = [lr_of(opt)]
    for e in range(length - 1):
        opt.step()
        if metrics is None:
            scheduler.step()
        else:
            scheduler.step(metrics[e])
        rates.append(lr_of(opt))
    return rates


def add(schedule, args, base, epochs, rates, source="torch", batches=1, metrics=None):
    CASES.append({"name": f"{schedule}/{len([c for c in CASES if c['schedule'] == schedule])}", "schedule": schedule,
                  "args": args, "baseLearningRate": base, "epochs": epochs, "batchesPerEpoch": batches,
                  "metrics": metrics, "source": source, "rates": rates})


def epoch_case(schedule, args, base, epochs, make, length=None):
    opt = optimizer(base)
    length = length or epochs + 1
    add(schedule, args, base, epochs, per_epoch(opt, make(opt), length))


# ---- constant and polynomial by formula ----
add("Constant", {}, 0.01, 6, [0.01] * 7, source="formula")


def polynomial(lr0, end, decay, power, cycle, e):
    if cycle:
        x, d = e, decay * (1 if e == 0 else math.ceil(e / decay))
    else:
        x, d = min(e, decay), decay
    return (lr0 - end) * (1 - x / d) ** power + end


for base, decay, end, power, cycle, epochs in ((0.1, 6, 1e-4, 1.0, False, 10), (0.05, 4, 1e-3, 0.5, True, 14),
                                               (0.2, 5, 0.0, 2.0, True, 12), (0.01, 3, 2e-3, 3.0, False, 5)):
    add("Polynomial", {"decayEpochs": decay, "endLearningRate": end, "power": power, "cycle": cycle}, base, epochs,
        [polynomial(base, end, decay, power, cycle, e) for e in range(epochs + 1)], source="formula")

# ---- torch schedulers stepped per epoch ----
for base, decay, power, epochs in ((0.1, 8, 1.0, 12), (0.01, 10, 2.0, 10), (0.3, 7, 0.5, 9)):
    epoch_case("Polynomial", {"decayEpochs": decay, "endLearningRate": 0.0, "power": power, "cycle": False}, base,
               epochs, lambda o, d=decay, p=power: S.PolynomialLR(o, total_iters=d, power=p))

for base, size, gamma, epochs in ((0.1, 3, 0.5, 12), (0.05, 1, 0.9, 20), (1.0, 4, 0.1, 12)):
    epoch_case("Step", {"stepSize": size, "gamma": gamma}, base, epochs,
               lambda o, s=size, g=gamma: S.StepLR(o, step_size=s, gamma=g))

for base, milestones, gamma, epochs in ((0.1, [2, 5, 9], 0.5, 12), (0.3, [1, 10], 0.1, 12), (0.02, [4, 8], 0.2, 8)):
    epoch_case("MultiStep", {"milestones": milestones, "gamma": gamma}, base, epochs,
               lambda o, m=milestones, g=gamma: S.MultiStepLR(o, milestones=m, gamma=g))

for base, gamma, epochs in ((0.1, 0.9, 15), (1.0, 0.5, 12), (3e-4, 0.97, 30)):
    epoch_case("Exponential", {"gamma": gamma}, base, epochs, lambda o, g=gamma: S.ExponentialLR(o, gamma=g))


def cosine(o, epochs, warmup, eta_min, start):
    if warmup == 0:
        return S.CosineAnnealingLR(o, T_max=epochs, eta_min=eta_min)
    linear = S.LinearLR(o, start_factor=start, end_factor=1.0, total_iters=warmup)
    cos = S.CosineAnnealingLR(o, T_max=epochs - warmup, eta_min=eta_min)
    return S.SequentialLR(o, [linear, cos], milestones=[warmup])


for base, epochs, warmup, eta_min, start, length in ((0.1, 10, 0, 0.0, 0.1, None), (0.1, 12, 3, 1e-4, 0.1, None),
                                                     (0.05, 6, 2, 0.0, 0.25, 16), (0.02, 5, 0, 1e-3, 0.1, 17),
                                                     (0.4, 9, 1, 0.0, 0.5, None)):
    epoch_case("Cosine", {"warmupEpochs": warmup, "minLearningRate": eta_min, "warmupStartFactor": start}, base, epochs,
               lambda o, n=epochs, w=warmup, m=eta_min, s=start: cosine(o, n, w, m, s), length)

# ---- OneCycle, stepped per batch ----
for base, epochs, batches, max_lr, pct, div, final_div, cos, three in (
        (0.05, 12, 5, 0.1, 0.3, 25.0, 1e4, True, False), (0.05, 12, 5, 0.01, 0.25, 10.0, 100.0, False, False),
        (0.05, 12, 5, 1.0, 0.3, 25.0, 1e4, True, True), (0.05, 7, 3, 0.2, 0.4, 25.0, 1e4, False, True)):
    opt = optimizer(base)
    sched = S.OneCycleLR(opt, max_lr=max_lr, epochs=epochs, steps_per_epoch=batches, pct_start=pct,
                         anneal_strategy="cos" if cos else "linear", cycle_momentum=False, div_factor=div,
                         final_div_factor=final_div, three_phase=three)
    rates = [lr_of(opt)]
    for _ in range(epochs * batches):
        opt.step()
        sched.step()
        rates.append(lr_of(opt))
    add("OneCycle", {"maxLearningRate": max_lr, "pctStart": pct, "divFactor": div, "finalDivFactor": final_div,
                     "cosineAnneal": cos, "threePhase": three}, base, epochs, rates, batches=batches)

# ---- ReduceLROnPlateau, driven by scripted metrics ----
LOSSES = [1.0, 0.8, 0.79995, 0.81, 0.8, 0.7, 0.7, 0.71, 0.72, 0.69, 0.6999, 0.7, 0.5, 0.5, 0.5, 0.5, 0.5, 0.5]
ACCURACIES = [0.5, 0.6, 0.605, 0.61, 0.6, 0.62, 0.7, 0.7, 0.705, 0.69, 0.71, 0.72, 0.72, 0.72, 0.9, 0.9, 0.9, 0.9]
for base, metrics, factor, patience, threshold, rel, maximize, cooldown, min_lr in (
        (0.1, LOSSES, 0.5, 2, 1e-4, True, False, 0, 0.0),
        (0.1, LOSSES, 0.1, 0, 0.02, False, False, 0, 1e-3),
        (0.1, ACCURACIES, 0.5, 1, 0.01, False, True, 2, 0.02),
        (0.05, ACCURACIES, 0.2, 1, 1e-2, True, True, 1, 0.0),
        (1e-7, [1.0] * 10, 0.5, 0, 1e-4, True, False, 0, 0.0)):
    opt = optimizer(base)
    sched = S.ReduceLROnPlateau(opt, mode="max" if maximize else "min", factor=factor, patience=patience,
                                threshold=threshold, threshold_mode="rel" if rel else "abs", cooldown=cooldown,
                                min_lr=min_lr)
    add("ReduceOnPlateau", {"factor": factor, "patience": patience, "threshold": threshold, "relativeThreshold": rel,
                            "maximize": maximize, "cooldown": cooldown, "minLearningRate": min_lr}, base,
        len(metrics), per_epoch(opt, sched, len(metrics) + 1, metrics), metrics=metrics)

with open(os.path.join(HERE, "golden_schedules.json"), "w") as f:
    json.dump({"torch": torch.__version__, "cases": CASES}, f, indent=1)
print(f"{len(CASES)} cases")
