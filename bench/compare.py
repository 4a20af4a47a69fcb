"""Prints the training benchmark table of one model from lines of "IMPL<TAB>JSON", where IMPL is mlcnn or
pytorch-ALLOCATOR (one PyTorch line per allocator of bench/pytorch_allocators.sh and one MlCnn line per run).

Usage: /usr/bin/python3 bench/compare.py RESULTS_FILE
The JSON objects are the last stdout lines of bench/pytorch_train.py and bench/training (fields in bench/README.md).
MlCnn is compared with PyTorch's fastest allocator (the highest median); every allocator's median is listed.
bench/inference/compare.py reuses parse(), best() and median().
"""
import json
import statistics
import sys

FIELDS = ("Model", "ImagesPerSecond", "TrainSeconds", "EpochSeconds", "RssMiB", "PeakRssMiB", "MicroAccuracy", "Threads")
MLCNN_FIELDS = ("InputImagesPerSecond",)
RSS_GROWTH_LIMIT = 5.0  # percent: RSS after the last epoch at most 5% above RSS after epoch 1 (issue #6, measured at epoch 5)
INPUT_MULTIPLE = 5.0  # the input pipeline should deliver at least 5x the training throughput (issue #6)


def parse(path, fields=FIELDS, mlcnn_fields=()):
    """(PyTorch records by allocator, MlCnn records); every record needs `fields`, MlCnn's also `mlcnn_fields`."""
    pytorch, mlcnn = {}, []
    with open(path) as f:
        for number, line in enumerate(f, start=1):
            impl, _, text = line.rstrip("\n").partition("\t")
            try:
                record = json.loads(text)
            except json.JSONDecodeError:
                sys.exit(f"compare: line {number}: the last output line of {impl} is not JSON: {text!r}")
            required = fields + (mlcnn_fields if impl == "mlcnn" else ())
            missing = [name for name in required if not isinstance(record, dict) or name not in record]
            if not (impl == "mlcnn" or impl.startswith("pytorch-")) or missing:
                sys.exit(f"compare: line {number}: unknown implementation {impl!r} or missing fields {missing}")
            if impl == "mlcnn":
                mlcnn.append(record)
            else:
                pytorch.setdefault(impl[len("pytorch-"):], []).append(record)
    if not mlcnn or not pytorch or any(len(records) != len(mlcnn) for records in pytorch.values()):
        sys.exit("compare: expected one result per PyTorch allocator and one MlCnn result per run")
    return pytorch, mlcnn


def best(pytorch, field):
    """(allocator, records) of the PyTorch allocator with the highest median `field`."""
    return max(pytorch.items(), key=lambda item: median(item[1], field))


def median(records, field):
    return statistics.median(record[field] for record in records)


def allocator_spreads(pytorch, field):
    """Each allocator's median of `field` and its runs, e.g. "glibc 1200 (1150 / 1200 / 1210), tcmalloc ..."."""
    def runs(records):
        return " / ".join(f"{record[field]:.0f}" for record in records)
    return ", ".join(f"{name} {median(records, field):.0f} ({runs(records)})" for name, records in pytorch.items())


def rss_growth(record):
    """RSS after the last epoch relative to RSS after epoch 1, in percent; None with fewer than 2 epochs."""
    rss = record["RssMiB"]
    return (rss[-1] / rss[0] - 1) * 100 if len(rss) >= 2 else None


def images_per_epoch(record):
    return round(record["ImagesPerSecond"] * record["TrainSeconds"] / len(record["EpochSeconds"]))


def check_same_setup(records):
    """Every run trained the same model with the same epochs, images and threads; exits naming the difference."""
    for name, key in (("model", lambda r: r["Model"]), ("epochs", lambda r: len(r["EpochSeconds"])),
                      ("images per epoch", images_per_epoch), ("threads", lambda r: r["Threads"])):
        values = sorted({key(r) for r in records}, key=str)
        if len(values) != 1:
            sys.exit(f"compare: the runs differ in {name}: {values}; compare like with like")


def main():
    if len(sys.argv) != 2:
        sys.exit(__doc__.strip())
    by_allocator, mlcnn = parse(sys.argv[1], FIELDS, MLCNN_FIELDS)
    check_same_setup([r for records in by_allocator.values() for r in records] + mlcnn)
    allocator, pytorch = best(by_allocator, "ImagesPerSecond")
    first = pytorch[0]
    epochs = len(first["EpochSeconds"])
    print(f"model {first['Model']}: {epochs} epoch(s) of {images_per_epoch(first)} images, {first['Threads']} thread(s), "
          f"{len(pytorch)} run(s)")
    growth = f"; growth = RSS after epoch {epochs} / RSS after epoch 1 - 1" if epochs >= 2 else ""
    print(f"img/s = all epochs' images / training-loop seconds; acc = test MicroAccuracy; peak RSS = VmHWM in MiB{growth}")
    print(f"PyTorch img/s by allocator, median (runs): {allocator_spreads(by_allocator, 'ImagesPerSecond')}; "
          f"compared below: {allocator}, the fastest")

    def growth_text(value):
        return "-" if value is None else f"{value:+.1f}%"

    row = "{:<7}{:>14}{:>8}{:>10}{:>9}  {:>14}{:>8}{:>10}{:>9}{:>14}"
    print(row.format("run", "PyTorch img/s", "acc", "peak RSS", "growth", "MlCnn img/s", "acc", "peak RSS", "growth", "input img/s"))
    for run, (p, m) in enumerate(zip(pytorch, mlcnn), start=1):
        print(row.format(run, f"{p['ImagesPerSecond']:.1f}", f"{p['MicroAccuracy']:.4f}", f"{p['PeakRssMiB']:.0f}",
                         growth_text(rss_growth(p)), f"{m['ImagesPerSecond']:.1f}", f"{m['MicroAccuracy']:.4f}",
                         f"{m['PeakRssMiB']:.0f}", growth_text(rss_growth(m)), f"{m['InputImagesPerSecond']:.0f}"))

    p_speed, m_speed = median(pytorch, "ImagesPerSecond"), median(mlcnn, "ImagesPerSecond")
    p_acc, m_acc = median(pytorch, "MicroAccuracy"), median(mlcnn, "MicroAccuracy")
    p_peak, m_peak = median(pytorch, "PeakRssMiB"), median(mlcnn, "PeakRssMiB")
    p_growth = statistics.median(rss_growth(r) for r in pytorch) if epochs >= 2 else None
    m_growth = statistics.median(rss_growth(r) for r in mlcnn) if epochs >= 2 else None
    input_speed = median(mlcnn, "InputImagesPerSecond")
    print(row.format("median", f"{p_speed:.1f}", f"{p_acc:.4f}", f"{p_peak:.0f}", growth_text(p_growth),
                     f"{m_speed:.1f}", f"{m_acc:.4f}", f"{m_peak:.0f}", growth_text(m_growth), f"{input_speed:.0f}"))

    print(f"MlCnn / PyTorch ({allocator}) throughput (medians): {m_speed / p_speed:.3f}")
    print(f"accuracy, MlCnn - PyTorch (medians): {(m_acc - p_acc) * 100:+.2f} points")
    print(f"peak RSS (VmHWM, medians): PyTorch {p_peak:.0f} MiB, MlCnn {m_peak:.0f} MiB")
    if epochs >= 2:
        verdict = "yes" if m_growth <= RSS_GROWTH_LIMIT else "NO"
        note = "" if epochs >= 5 else f" (the criterion is measured at epoch 5; this run has {epochs} epochs)"
        print(f"RSS growth, epoch 1 -> {epochs} (median over runs): PyTorch {growth_text(p_growth)}, MlCnn "
              f"{growth_text(m_growth)}; MlCnn grows at most {RSS_GROWTH_LIMIT:.0f}%: {verdict}{note}")
    else:
        print("RSS growth: needs at least 2 epochs (--epochs 5 for the criterion)")
    multiple = input_speed / m_speed
    verdict = "yes" if multiple >= INPUT_MULTIPLE else "NO"
    print(f"MlCnn input pipeline alone (median): {input_speed:.0f} img/s = {multiple:.1f}x its training throughput; "
          f">= {INPUT_MULTIPLE:.0f}x: {verdict}")


if __name__ == "__main__":
    main()
