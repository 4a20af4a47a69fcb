"""Median training-step time per run with MLCNN_WINOGRAD=0 (direct) and 1 (Winograd), from bench/winograd/run.sh's traces.

Usage: /usr/bin/python3 bench/winograd/steps.py DIR RUNS
A step's time is the span of its trace's events (first start to last end), as in bench/profile/table.py. First, from
DIR/verbose_0.log and verbose_1.log (ONEDNN_VERBOSE output), the median time of each oneDNN convolution and reorder on
the 3x3 stride-1 shapes of 32+ channels, per setting.
"""
import collections
import glob
import json
import os
import re
import statistics
import sys


def span_ms(path):
    with open(path) as f:
        data = json.load(f)
    events = [e for e in (data["traceEvents"] if isinstance(data, dict) else data) if e.get("ph") == "X"]
    return (max(e["ts"] + e["dur"] for e in events) - min(e["ts"] for e in events)) / 1000


# Training-batch (128) problems of the layers the Winograd path takes: 3x3 stride-1 convolutions of 32+ input channels,
# and the activation reorders (NHWC <-> blocked) around them.
CONVOLUTION = re.compile(r"mb128_ic(?:[3-9]\d|\d{3,})oc\d+_ih\d+oh\d+kh3sh1.*")
REORDER = re.compile(r"128x(?:[3-9]\d|\d{3,})x\d+x\d+")


def primitives(log):
    """{(primitive, implementation, direction, problem): [ms]} of the exec lines on those problems."""
    times = collections.defaultdict(list)
    with open(log) as f:
        for line in f:
            fields = line.strip().split(",")
            if len(fields) < 11 or fields[:2] != ["onednn_verbose", "exec"]:
                continue
            pattern = {"convolution": CONVOLUTION, "reorder": REORDER}.get(fields[3])
            if pattern is not None and pattern.fullmatch(fields[9]):
                times[(fields[3], fields[4], fields[5], fields[9])].append(float(fields[-1]))
    return times


def main():
    folder, runs = sys.argv[1], int(sys.argv[2])
    for setting, name in ((0, "direct"), (1, "Winograd")):
        print(f"oneDNN primitives on the Winograd shapes, {name} (MLCNN_WINOGRAD={setting}): median ms (calls)")
        for (kind, impl, direction, problem), ms in sorted(primitives(os.path.join(folder, f"verbose_{setting}.log")).items()):
            print(f"  {kind:11} {impl:26} {direction:16} {problem:60} {statistics.median(ms):6.3f} ({len(ms)})")
    medians = {0: [], 1: []}
    for run in range(1, runs + 1):
        for setting in (0, 1):
            files = glob.glob(os.path.join(folder, f"run{run}_w{setting}_*.json"))
            if not files:
                raise SystemExit(f"steps: no trace of run {run} with MLCNN_WINOGRAD={setting} in {folder}")
            medians[setting].append(statistics.median(span_ms(p) for p in files))
    steps = len(glob.glob(os.path.join(folder, "run1_w0_*.json")))
    print(f"resnet fp32, batch 128: median step time (ms) of {steps} steps per run, {runs} run(s), alternating")
    print("run      direct   Winograd   Winograd / direct")
    for i, (d, w) in enumerate(zip(medians[0], medians[1]), start=1):
        print(f"{i:<8} {d:7.2f}   {w:8.2f}   {w / d:.3f}")
    d, w = statistics.median(medians[0]), statistics.median(medians[1])
    ratios = [b / a for a, b in zip(medians[0], medians[1])]
    print(f"median   {d:7.2f}   {w:8.2f}   {w / d:.3f} (run ratios {min(ratios):.3f}-{max(ratios):.3f})")


if __name__ == "__main__":
    main()
