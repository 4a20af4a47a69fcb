"""Trains the `basic` CNN on Fashion-MNIST with PyTorch and reports training throughput.

Usage: /usr/bin/python3 bench/pytorch_basic.py [--data DIR] [--epochs N] [--threads N] [--seed S]
Only the epoch loop is timed (all images are converted to one float tensor beforehand; evaluation is not timed).
The last stdout line is a JSON object: {"ImagesPerSecond", "TrainSeconds", "MicroAccuracy", "Threads"}.
"""
import argparse
import gzip
import json
import os
import time

import numpy as np
import torch
from torch import nn

BATCH_SIZE = 128
LEARNING_RATE = 1e-3


def read_idx(data_dir, name):
    path = os.path.join(data_dir, name)
    if os.path.exists(path):
        with open(path, "rb") as f:
            raw = f.read()
    else:
        with gzip.open(path + ".gz", "rb") as f:
            raw = f.read()
    dims = raw[3]
    shape = [int.from_bytes(raw[4 + 4 * i:8 + 4 * i], "big") for i in range(dims)]
    return np.frombuffer(raw, dtype=np.uint8, offset=4 + 4 * dims).reshape(shape)


def load_split(data_dir, prefix):
    images = read_idx(data_dir, f"{prefix}-images-idx3-ubyte")
    labels = read_idx(data_dir, f"{prefix}-labels-idx1-ubyte")
    x = torch.from_numpy(images.astype(np.float32) / 255.0).unsqueeze(1).contiguous()
    return x, torch.from_numpy(labels.astype(np.int64))


def basic_network():
    return nn.Sequential(
        nn.Conv2d(1, 32, 3), nn.ReLU(), nn.MaxPool2d(2),
        nn.Conv2d(32, 64, 3), nn.ReLU(), nn.MaxPool2d(2),
        nn.Conv2d(64, 64, 3), nn.ReLU(),
        nn.Flatten(), nn.Linear(576, 64), nn.ReLU(), nn.Linear(64, 10))


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", default="data/fashion-mnist")
    parser.add_argument("--epochs", type=int, default=1)
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()

    torch.set_num_threads(args.threads)
    torch.manual_seed(args.seed)
    train_x, train_y = load_split(args.data, "train")
    test_x, test_y = load_split(args.data, "t10k")
    model = basic_network()
    optimizer = torch.optim.Adam(model.parameters(), lr=LEARNING_RATE)
    loss_fn = nn.CrossEntropyLoss()
    generator = torch.Generator().manual_seed(args.seed)

    model.train()
    start = time.perf_counter()
    for epoch in range(args.epochs):
        order = torch.randperm(len(train_x), generator=generator)
        for begin in range(0, len(order), BATCH_SIZE):
            batch = order[begin:begin + BATCH_SIZE]
            optimizer.zero_grad(set_to_none=True)
            loss = loss_fn(model(train_x[batch]), train_y[batch])
            loss.backward()
            optimizer.step()
        print(f"epoch {epoch + 1}/{args.epochs}: last batch loss {loss.item():.4f}", flush=True)
    train_seconds = time.perf_counter() - start

    model.eval()
    correct = 0
    with torch.inference_mode():
        for begin in range(0, len(test_x), 1000):
            predicted = model(test_x[begin:begin + 1000]).argmax(dim=1)
            correct += int((predicted == test_y[begin:begin + 1000]).sum())

    print(json.dumps({
        "ImagesPerSecond": args.epochs * len(train_x) / train_seconds,
        "TrainSeconds": train_seconds,
        "MicroAccuracy": correct / len(test_x),
        "Threads": args.threads,
    }))


if __name__ == "__main__":
    main()
