"""Per-step operator self times of two sets of Chrome traces (MlCnn's MLCNN_PROFILE, PyTorch's profiler), as a table.

Usage: /usr/bin/python3 bench/profile/table.py --mlcnn 'PREFIX*.json' --pytorch 'PREFIX*.json' [--rows 16]
Self time: an event's duration less that of the events nested in it on the same thread. Per step: the mean over the
traces. "step" is the mean span of a trace's events (first start to last end).
"""
import argparse
import collections
import glob
import json


def load(path):
    with open(path) as f:
        data = json.load(f)
    events = data["traceEvents"] if isinstance(data, dict) else data
    return [e for e in events if e.get("ph") == "X"]


def per_step(pattern):
    """(self microseconds per op per step, calls per step, mean step span) over the traces matching pattern."""
    files = sorted(glob.glob(pattern))
    if not files:
        raise SystemExit(f"table: no trace matches {pattern}")
    self_us, calls, span = collections.Counter(), collections.Counter(), 0.0
    for path in files:
        events = load(path)
        threads = collections.defaultdict(list)
        for e in events:
            threads[e["tid"]].append(e)
        for thread in threads.values():
            thread.sort(key=lambda e: (e["ts"], -e["dur"]))
            open_events = []
            for e in thread:
                e["self"] = e["dur"]
                while open_events and open_events[-1]["ts"] + open_events[-1]["dur"] <= e["ts"]:
                    open_events.pop()
                if open_events:
                    open_events[-1]["self"] -= e["dur"]
                open_events.append(e)
            for e in thread:
                self_us[e["name"]] += e["self"]
                calls[e["name"]] += 1
        span += max(e["ts"] + e["dur"] for e in events) - min(e["ts"] for e in events)
    n = len(files)
    return {k: v / n for k, v in self_us.items()}, {k: v / n for k, v in calls.items()}, span / n


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--mlcnn", required=True)
    parser.add_argument("--pytorch", required=True)
    parser.add_argument("--rows", type=int, default=16)
    args = parser.parse_args()
    ours, our_calls, our_span = per_step(args.mlcnn)
    theirs, their_calls, their_span = per_step(args.pytorch)
    names = sorted(set(ours) | set(theirs), key=lambda k: -max(ours.get(k, 0), theirs.get(k, 0)))[: args.rows]
    print("| operator | MlCnn ms/step (calls) | PyTorch ms/step (calls) |")
    print("|---|---|---|")
    for name in names:
        cell = lambda t, c: f"{t[name] / 1000:.2f} ({c[name]:.0f})" if name in t else "-"
        print(f"| {name} | {cell(ours, our_calls)} | {cell(theirs, their_calls)} |")
    print(f"| all operators (self) | {sum(ours.values()) / 1000:.2f} | {sum(theirs.values()) / 1000:.2f} |")
    print(f"| step span | {our_span / 1000:.2f} | {their_span / 1000:.2f} |")


if __name__ == "__main__":
    main()
