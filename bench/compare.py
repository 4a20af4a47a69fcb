"""Prints the benchmark table from lines of "IMPL<TAB>JSON" (IMPL is pytorch or mlcnn), one pair per run.

Usage: /usr/bin/python3 bench/compare.py RESULTS_FILE
"""
import json
import statistics
import sys

FIELDS = ("ImagesPerSecond", "TrainSeconds", "MicroAccuracy")


def parse(path, fields=FIELDS, mlcnn_fields=()):
    """The records of each implementation; every record needs `fields`, MlCnn's also `mlcnn_fields`."""
    results = {"pytorch": [], "mlcnn": []}
    with open(path) as f:
        for number, line in enumerate(f, start=1):
            impl, _, text = line.rstrip("\n").partition("\t")
            try:
                record = json.loads(text)
            except json.JSONDecodeError:
                sys.exit(f"compare: line {number}: the last output line of {impl} is not JSON: {text!r}")
            required = fields + (mlcnn_fields if impl == "mlcnn" else ())
            missing = [name for name in required if name not in record]
            if impl not in results or missing:
                sys.exit(f"compare: line {number}: unknown implementation {impl!r} or missing fields {missing}")
            results[impl].append(record)
    if not results["pytorch"] or len(results["pytorch"]) != len(results["mlcnn"]):
        sys.exit("compare: expected one pytorch and one mlcnn result per run")
    return results["pytorch"], results["mlcnn"]


def median(records, field):
    return statistics.median(record[field] for record in records)


def main():
    if len(sys.argv) != 2:
        sys.exit(__doc__.strip())
    pytorch, mlcnn = parse(sys.argv[1])
    row = "{:<8}{:>16}{:>14}{:>16}{:>14}"
    print(row.format("run", "PyTorch img/s", "PyTorch acc", "MlCnn img/s", "MlCnn acc"))
    for run, (p, m) in enumerate(zip(pytorch, mlcnn), start=1):
        print(row.format(run, f"{p['ImagesPerSecond']:.1f}", f"{p['MicroAccuracy']:.4f}",
                         f"{m['ImagesPerSecond']:.1f}", f"{m['MicroAccuracy']:.4f}"))
    p_speed, m_speed = median(pytorch, "ImagesPerSecond"), median(mlcnn, "ImagesPerSecond")
    print(row.format("median", f"{p_speed:.1f}", f"{median(pytorch, 'MicroAccuracy'):.4f}",
                     f"{m_speed:.1f}", f"{median(mlcnn, 'MicroAccuracy'):.4f}"))
    print(f"MlCnn / PyTorch throughput (medians): {m_speed / p_speed:.3f}")
    inputs = [record.get("InputImagesPerSecond") for record in mlcnn]
    if all(inputs):
        input_speed = statistics.median(inputs)
        print(f"MlCnn input pipeline alone (median): {input_speed:.0f} img/s = {input_speed / m_speed:.1f}x its training throughput")


if __name__ == "__main__":
    main()
