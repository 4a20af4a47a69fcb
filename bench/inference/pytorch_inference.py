"""Inference benchmark of the `basic` CNN with PyTorch: batch throughput and single-image latency (p50, p99).

Usage: /usr/bin/python3 bench/inference/pytorch_inference.py [--data DIR] [--threads N] [--repeats R]
       [--latency-calls N] [--batch-size N] [--seed S]
The network is bench/pytorch_train.py's `basic` network with PyTorch's default (random) initialization: inference cost
does not depend on the weight values, so no trained weights are loaded. The model runs in eval() under
torch.inference_mode(). Like MlCnn, each call starts from uint8 pixels and converts them (x.float() / 255) and applies
softmax; a single-image call also takes the arg max and the probabilities back to Python, as MlCnn's Predict returns
the label and the scores. Batches run in channels-last memory format (a copy of the model too), single images in
NCHW: each in the format that is faster for it here. The last stdout line is a JSON object (see the end of main()).
"""
import argparse
import copy
import json
import math
import os
import statistics
import sys
import time

import torch

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
from pytorch_train import basic_network, read_idx  # noqa: E402  (the training benchmark's network and IDX reader)


def predict_all(model, images, count, batch_size):
    """Softmax probabilities and arg max of the first count images, batch_size at a time (uint8 in, float32 out), in
    channels-last memory format (the model too): 1.7x NCHW's batch throughput here; single images stay NCHW, which is
    faster for them (1.04 against 1.44 ms p50 in a trial of 2026-12-03)."""
    for begin in range(0, count, batch_size):
        x = (images[begin:begin + batch_size].float() / 255).contiguous(memory_format=torch.channels_last)
        torch.softmax(model(x), dim=1).argmax(dim=1)


def predict_one(model, image):
    """Label index and probabilities of one uint8 image [1, 1, H, W]."""
    probabilities = torch.softmax(model(image.float() / 255), dim=1)
    return int(probabilities.argmax(dim=1)), probabilities[0].numpy()


def percentile(sorted_values, p):
    """Nearest-rank percentile (the same rule as bench/inference/Program.cs)."""
    return sorted_values[max(0, math.ceil(p * len(sorted_values)) - 1)]


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", default="data/fashion-mnist")
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--repeats", type=int, default=5)
    parser.add_argument("--latency-calls", type=int, default=2000)
    parser.add_argument("--batch-size", type=int, default=256)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()

    torch.set_num_threads(args.threads)
    torch.manual_seed(args.seed)
    images = torch.from_numpy(read_idx(args.data, "t10k-images-idx3-ubyte").copy()).unsqueeze(1).contiguous()
    count = len(images)
    calls = min(args.latency_calls, count)
    model = basic_network().eval()
    batch_model = copy.deepcopy(model).to(memory_format=torch.channels_last)
    print(f"inference: PyTorch {torch.__version__}, {torch.get_num_threads()} thread(s), basic, {count} images",
          file=sys.stderr)

    with torch.inference_mode():
        for _ in range(3):  # warm-up, as in Program.cs
            predict_all(batch_model, images, min(count, 10 * args.batch_size), args.batch_size)
        for i in range(200):
            predict_one(model, images[i % count:i % count + 1])

        batch_runs = []
        for run in range(args.repeats):
            start = time.perf_counter()
            predict_all(batch_model, images, count, args.batch_size)
            batch_runs.append(count / (time.perf_counter() - start))
            print(f"inference: batch run {run + 1}/{args.repeats}: {batch_runs[-1]:.0f} img/s", file=sys.stderr)

        latencies = []
        for i in range(calls):
            start = time.perf_counter()
            predict_one(model, images[i:i + 1])
            latencies.append((time.perf_counter() - start) * 1000)

        # Diagnostic: the forward pass alone on a prepared float tensor (no conversion, softmax or result extraction).
        forward = []
        prepared = [images[i:i + 1].float() / 255 for i in range(calls)]
        for x in prepared:
            start = time.perf_counter()
            model(x)
            forward.append((time.perf_counter() - start) * 1000)

    latencies.sort()
    forward.sort()
    print(json.dumps({
        "Implementation": "PyTorch",
        "Threads": torch.get_num_threads(),
        "Images": count,
        "BatchSize": args.batch_size,
        "Repeats": args.repeats,
        "BatchImagesPerSecond": statistics.median(batch_runs),
        "BatchImagesPerSecondRuns": [round(x, 1) for x in batch_runs],
        "LatencyCalls": calls,
        "LatencyP50Ms": percentile(latencies, 0.50),
        "LatencyP99Ms": percentile(latencies, 0.99),
        "LatencyMeanMs": statistics.fmean(latencies),
        "SerialImagesPerSecond": calls / (sum(latencies) / 1000),
        "ForwardP50Ms": percentile(forward, 0.50),
        "ForwardP99Ms": percentile(forward, 0.99),
    }))


if __name__ == "__main__":
    main()
