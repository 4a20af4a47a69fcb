"""Trains the `basic` CNN (Fashion-MNIST) or the small `resnet` (32x32 RGB) with PyTorch eager and reports throughput and memory.

Usage: /usr/bin/python3 bench/pytorch_train.py [--model basic|resnet] [--data DIR] [--epochs N] [--threads N] [--seed S]
       [--limit N]
  --data:  basic: Fashion-MNIST IDX files (default data/fashion-mnist); resnet: the raw files of bench/make_rgb32.py
           (default data/fashion-mnist-rgb32)
  --limit: train on the first N training images only (default: all)
fp32 eager training in channels-last memory format (faster on this CPU for both models; --nchw for plain NCHW), batch
128, Adam lr 1e-3, CrossEntropyLoss. All images are converted to one float
tensor / 255 before the timer; each epoch is timed (shuffle and steps); test evaluation is not timed. After every epoch
a line goes to stdout and the process RSS (VmRSS) is recorded. The last stdout line is a JSON object:
{"Model", "ImagesPerSecond", "TrainSeconds", "EpochSeconds", "RssMiB", "PeakRssMiB", "MicroAccuracy", "Threads"}.
"""
import argparse
import json
import time

import numpy as np
import torch
from torch import nn

from make_rgb32 import read_idx, read_rgb32

BATCH_SIZE = 128
LEARNING_RATE = 1e-3
DEFAULT_DATA = {"basic": "data/fashion-mnist", "resnet": "data/fashion-mnist-rgb32"}


def load_split(model, data_dir, split, limit=None):
    """(float images / 255 as N x C x H x W, int64 labels) of a split, or of its first `limit` images."""
    if model == "basic":
        images = read_idx(data_dir, f"{split}-images-idx3-ubyte")[:, None, :, :]
        labels = read_idx(data_dir, f"{split}-labels-idx1-ubyte")
    else:
        images, labels = read_rgb32(data_dir, split)
    images, labels = images[:limit], labels[:limit]
    x = torch.from_numpy(images.astype(np.float32) / 255.0).contiguous()
    return x, torch.from_numpy(labels.astype(np.int64))


def basic_network():
    return nn.Sequential(
        nn.Conv2d(1, 32, 3), nn.ReLU(), nn.MaxPool2d(2),
        nn.Conv2d(32, 64, 3), nn.ReLU(), nn.MaxPool2d(2),
        nn.Conv2d(64, 64, 3), nn.ReLU(),
        nn.Flatten(), nn.Linear(576, 64), nn.ReLU(), nn.Linear(64, 10))


class BasicBlock(nn.Module):
    """conv3x3(stride)-BN-ReLU-conv3x3-BN plus the shortcut (identity, or conv1x1(stride)-BN), then ReLU."""

    def __init__(self, inputs, outputs, stride=1):
        super().__init__()
        self.conv1 = nn.Conv2d(inputs, outputs, 3, stride=stride, padding=1, bias=False)
        self.bn1 = nn.BatchNorm2d(outputs)
        self.conv2 = nn.Conv2d(outputs, outputs, 3, padding=1, bias=False)
        self.bn2 = nn.BatchNorm2d(outputs)
        self.shortcut = nn.Sequential()
        if stride != 1 or inputs != outputs:
            self.shortcut = nn.Sequential(nn.Conv2d(inputs, outputs, 1, stride=stride, bias=False), nn.BatchNorm2d(outputs))

    def forward(self, x):
        y = torch.relu(self.bn1(self.conv1(x)))
        y = self.bn2(self.conv2(y))
        return torch.relu(y + self.shortcut(x))


class ResNet(nn.Module):
    """MlCnn's `resnet` preset on 3x32x32 inputs: conv16-BN-ReLU, blocks 16, 32 (stride 2), 64 (stride 2), mean, dense."""

    def __init__(self, classes=10):
        super().__init__()
        self.stem = nn.Sequential(nn.Conv2d(3, 16, 3, padding=1, bias=False), nn.BatchNorm2d(16), nn.ReLU())
        self.blocks = nn.Sequential(BasicBlock(16, 16), BasicBlock(16, 32, stride=2), BasicBlock(32, 64, stride=2))
        self.fc = nn.Linear(64, classes)

    def forward(self, x):
        return self.fc(self.blocks(self.stem(x)).mean(dim=(2, 3)))


def status_mib(field):
    """A memory field of /proc/self/status (VmRSS, VmHWM) in MiB."""
    with open("/proc/self/status") as f:
        for line in f:
            if line.startswith(field + ":"):
                return int(line.split()[1]) / 1024  # kB
    raise RuntimeError(f"{field} not in /proc/self/status")


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--model", choices=("basic", "resnet"), default="basic")
    parser.add_argument("--data")
    parser.add_argument("--epochs", type=int, default=1)
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--limit", type=int, help="train on the first N training images (default: all)")
    parser.add_argument("--device", choices=("cpu", "cuda"), default="cpu", help="fp32 on either (default: cpu)")
    parser.add_argument("--precision", choices=("fp32", "bf16"), default="fp32",
                        help="bf16: forward and loss under torch.autocast with bfloat16 (CPU or CUDA); default fp32")
    parser.add_argument("--nchw", action="store_true",
                        help="keep the model and batches NCHW (default: channels-last, faster here; see bench/README.md)")
    args = parser.parse_args()
    if args.epochs < 1 or args.threads < 1 or (args.limit is not None and args.limit < 1):
        parser.error("--epochs, --threads and --limit must be positive")
    data_dir = args.data or DEFAULT_DATA[args.model]

    torch.set_num_threads(args.threads)
    torch.manual_seed(args.seed)
    train_x, train_y = load_split(args.model, data_dir, "train", args.limit)
    test_x, test_y = load_split(args.model, data_dir, "t10k")
    device = torch.device(args.device)
    model = (basic_network() if args.model == "basic" else ResNet()).to(device)
    memory_format = torch.contiguous_format if args.nchw else torch.channels_last
    model = model.to(memory_format=memory_format)
    optimizer = torch.optim.Adam(model.parameters(), lr=LEARNING_RATE)
    loss_fn = nn.CrossEntropyLoss()
    generator = torch.Generator().manual_seed(args.seed)

    model.train()
    epoch_seconds, rss = [], []
    for epoch in range(args.epochs):
        start = time.perf_counter()
        order = torch.randperm(len(train_x), generator=generator)
        for begin in range(0, len(order), BATCH_SIZE):
            batch = order[begin:begin + BATCH_SIZE]
            optimizer.zero_grad(set_to_none=True)
            x = train_x[batch].to(device).contiguous(memory_format=memory_format)
            with torch.autocast(device.type, dtype=torch.bfloat16, enabled=args.precision == "bf16"):
                loss = loss_fn(model(x), train_y[batch].to(device))
            loss.backward()
            optimizer.step()
        if device.type == "cuda":
            torch.cuda.synchronize()
        epoch_seconds.append(time.perf_counter() - start)
        rss.append(status_mib("VmRSS"))
        print(f"epoch {epoch + 1}/{args.epochs}: last batch loss {loss.item():.4f}  {epoch_seconds[-1]:.1f}s  "
              f"{len(train_x) / epoch_seconds[-1]:.0f} img/s  RSS {rss[-1]:.0f} MiB", flush=True)
    train_seconds = sum(epoch_seconds)

    model.eval()
    correct = 0
    with torch.inference_mode():
        for begin in range(0, len(test_x), 1000):
            x = test_x[begin:begin + 1000].to(device).contiguous(memory_format=memory_format)
            predicted = model(x).argmax(dim=1).cpu()
            correct += int((predicted == test_y[begin:begin + 1000]).sum())

    print(json.dumps({
        "Model": args.model,
        "ImagesPerSecond": args.epochs * len(train_x) / train_seconds,
        "TrainSeconds": train_seconds,
        "EpochSeconds": epoch_seconds,
        "RssMiB": rss,
        "PeakRssMiB": status_mib("VmHWM"),
        "MicroAccuracy": correct / len(test_x),
        "Threads": args.threads,
        "Device": args.device,
        "ChannelsLast": not args.nchw,
        "Precision": args.precision,
    }))


if __name__ == "__main__":
    main()
