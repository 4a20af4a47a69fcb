"""Prints the inference benchmark table from lines of "IMPL<TAB>JSON" (IMPL is pytorch or mlcnn), one pair per run.

Usage: /usr/bin/python3 bench/inference/compare.py RESULTS_FILE
Exits with status 1 when a MlCnn run reports that concurrent predictions differ from the serial ones (bit for bit as
the model comes; labels, or scores by more than 1e-5, with BatchConcurrentPredictions).
"""
import importlib.util
import os
import sys

FIELDS = ("BatchImagesPerSecond", "LatencyP50Ms", "LatencyP99Ms")
MLCNN_FIELDS = ("ConcurrentImagesPerSecond", "ResultsEqualSerial", "BatchedConcurrentImagesPerSecond",
                "BatchedLabelsEqualSerial", "BatchedMaxScoreDifference", "NativeLatencyP50Ms")
BATCHED_TOLERANCE = 1e-5


def load_training_compare():
    """bench/compare.py, the training benchmark's table code, whose parse() and median() this table reuses."""
    path = os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), "compare.py")
    spec = importlib.util.spec_from_file_location("bench_compare", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


TRAINING = load_training_compare()
median = TRAINING.median
best = TRAINING.best


def parse(path):
    return TRAINING.parse(path, FIELDS, MLCNN_FIELDS)


def main():
    if len(sys.argv) != 2:
        sys.exit(__doc__.strip())
    by_allocator, mlcnn = parse(sys.argv[1])
    allocator, pytorch = best(by_allocator, "BatchImagesPerSecond")
    print(f"PyTorch batch img/s by allocator, median (runs): {TRAINING.allocator_spreads(by_allocator, 'BatchImagesPerSecond')}; "
          f"compared below: {allocator}, the fastest")
    p0, m0 = pytorch[0], mlcnn[0]
    print(f"{p0['Threads']} thread(s); batch {p0['BatchSize']} over {p0['Images']} images x {p0['Repeats']} repeats "
          f"(median per run); latency over {p0['LatencyCalls']} single-image calls; "
          f"{m0['ConcurrentCallers']} concurrent callers (MlCnn)")
    row = "{:<8}{:>14}{:>12}{:>12}{:>14}{:>12}{:>12}{:>14}{:>14}"
    print(row.format("run", "PyTorch img/s", "p50 ms", "p99 ms", "MlCnn img/s", "p50 ms", "p99 ms", "MlCnn conc.",
                     "conc. batched"))
    for run, (p, m) in enumerate(zip(pytorch, mlcnn), start=1):
        print(row.format(run, f"{p['BatchImagesPerSecond']:.0f}", f"{p['LatencyP50Ms']:.3f}", f"{p['LatencyP99Ms']:.3f}",
                         f"{m['BatchImagesPerSecond']:.0f}", f"{m['LatencyP50Ms']:.3f}", f"{m['LatencyP99Ms']:.3f}",
                         f"{m['ConcurrentImagesPerSecond']:.0f}", f"{m['BatchedConcurrentImagesPerSecond']:.0f}"))
    p = {name: median(pytorch, name) for name in FIELDS}
    m = {name: median(mlcnn, name) for name in FIELDS + ("ConcurrentImagesPerSecond", "SerialImagesPerSecond",
                                                         "BatchedConcurrentImagesPerSecond",
                                                         "NativeLatencyP50Ms", "NativeLatencyP99Ms")}
    print(row.format("median", f"{p['BatchImagesPerSecond']:.0f}", f"{p['LatencyP50Ms']:.3f}", f"{p['LatencyP99Ms']:.3f}",
                     f"{m['BatchImagesPerSecond']:.0f}", f"{m['LatencyP50Ms']:.3f}", f"{m['LatencyP99Ms']:.3f}",
                     f"{m['ConcurrentImagesPerSecond']:.0f}", f"{m['BatchedConcurrentImagesPerSecond']:.0f}"))
    print(f"MlCnn / PyTorch ({allocator}) batch throughput (medians): {m['BatchImagesPerSecond'] / p['BatchImagesPerSecond']:.3f} (higher is better for MlCnn)")
    print(f"MlCnn / PyTorch latency p50: {m['LatencyP50Ms'] / p['LatencyP50Ms']:.3f}, p99: "
          f"{m['LatencyP99Ms'] / p['LatencyP99Ms']:.3f} (lower is better for MlCnn)")
    print(f"MlCnn single-image rate: serial {m['SerialImagesPerSecond']:.0f} img/s, "
          f"{m0['ConcurrentCallers']} concurrent callers {m['ConcurrentImagesPerSecond']:.0f} img/s, with "
          f"BatchConcurrentPredictions {m['BatchedConcurrentImagesPerSecond']:.0f} img/s (largest score difference "
          f"{max(r['BatchedMaxScoreDifference'] for r in mlcnn):.1e})")
    if all("ForwardP50Ms" in r for r in pytorch):
        print(f"diagnostics, single image: PyTorch forward alone p50 {median(pytorch, 'ForwardP50Ms'):.3f} ms; MlCnn native "
              f"call alone (Network.Predict) p50 {m['NativeLatencyP50Ms']:.3f} ms, p99 {m['NativeLatencyP99Ms']:.3f} ms")
    unequal = [run for run, r in enumerate(mlcnn, start=1) if not r["ResultsEqualSerial"] or not r["BatchedLabelsEqualSerial"]
               or r["BatchedMaxScoreDifference"] > BATCHED_TOLERANCE]
    if unequal:
        print(f"compare: FAILED: MlCnn concurrent predictions differ from the serial ones in run(s) {unequal}")
        sys.exit(1)
    print("MlCnn concurrent predictions equal the serial ones: yes")


if __name__ == "__main__":
    main()
