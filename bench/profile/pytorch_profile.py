"""Records training steps of the `basic` or `resnet` network with PyTorch's (legacy) profiler, one Chrome trace per step.

Usage: /usr/bin/python3 bench/profile/pytorch_profile.py --model basic|resnet --precision fp32|bf16 --out PREFIX
       [--first 60] [--count 10] [--threads 2]
The step is bench/pytorch_train.py's (channels-last, batch 128, Adam 1e-3, cross-entropy, bf16 under torch.autocast) on
random batches of the model's input shape; steps FIRST .. FIRST + COUNT - 1 (counted from 1) are written to
PREFIX<step>.json, as MlCnn's MLCNN_PROFILE writes its own (bench/profile/run.sh compares the two).
"""
import argparse
import os
import sys

import torch
from torch import nn

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
from pytorch_train import BATCH_SIZE, LEARNING_RATE, ResNet, basic_network  # noqa: E402


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--model", choices=("basic", "resnet"), required=True)
    parser.add_argument("--precision", choices=("fp32", "bf16"), default="fp32")
    parser.add_argument("--out", required=True)
    parser.add_argument("--first", type=int, default=60)
    parser.add_argument("--count", type=int, default=10)
    parser.add_argument("--threads", type=int, default=2)
    args = parser.parse_args()
    torch.set_num_threads(args.threads)
    torch.manual_seed(1)
    model = (basic_network() if args.model == "basic" else ResNet()).to(memory_format=torch.channels_last)
    optimizer = torch.optim.Adam(model.parameters(), lr=LEARNING_RATE)
    loss_fn = nn.CrossEntropyLoss()
    shape = (BATCH_SIZE, 1, 28, 28) if args.model == "basic" else (BATCH_SIZE, 3, 32, 32)
    x = torch.rand(shape).contiguous(memory_format=torch.channels_last)
    y = torch.randint(0, 10, (BATCH_SIZE,))

    def step():
        optimizer.zero_grad(set_to_none=True)
        with torch.autocast("cpu", dtype=torch.bfloat16, enabled=args.precision == "bf16"):
            loss = loss_fn(model(x), y)
        loss.backward()
        optimizer.step()

    model.train()
    for number in range(1, args.first + args.count):
        if number < args.first:
            step()
            continue
        with torch.autograd.profiler.profile(use_kineto=False) as profile:
            step()
        profile.export_chrome_trace(f"{args.out}{number}.json")


if __name__ == "__main__":
    main()
