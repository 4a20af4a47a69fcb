#!/usr/bin/env bash
# ML.NET input paths against today's sources, same run, same model (basic), data (the first N Fashion-MNIST training
# images), batch 128, Adam, threads: folder vs rawbytes and idx vs vectors, alternating, one process per run.
# Targets of issue 13: rawbytes >= 90% of folder, vectors >= 95% of idx. See bench/README.md, "ML.NET input paths".
# Usage: bash bench/mlnet/run.sh [--runs R] [--limit N] [--epochs N] [--threads N]   (defaults: 3 runs, 10000 images, 1 epoch, 2 threads)
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../.." && pwd)"
runs=3 limit=10000 epochs=1 threads=2
while [ $# -gt 0 ]; do
  [ $# -ge 2 ] || { echo "mlnet-bench: $1 needs a value" >&2; exit 2; }
  case "$1" in
    --runs) runs="$2" ;; --limit) limit="$2" ;; --epochs) epochs="$2" ;; --threads) threads="$2" ;;
    *) echo "mlnet-bench: unknown option $1 (--runs, --limit, --epochs, --threads)" >&2; exit 2 ;;
  esac
  shift 2
done
bash "$root/scripts/fetch-fashion-mnist.sh" "$root/data/fashion-mnist" >&2
pngs="$root/artifacts/bench/fashion-png-$limit"
/usr/bin/python3 "$here/make_pngs.py" --idx "$root/data/fashion-mnist" --out "$pngs" --limit "$limit"
dotnet build "$here/MlNet.csproj" -c Release -p:MlCnnSkipNative=true -nologo -v q >&2
dll="$here/bin/Release/net10.0/mlcnn-mlnet-bench.dll"
results="$root/artifacts/bench/mlnet.tsv"
: >"$results"
echo "mlnet-bench: load average before the runs: $(cut -d' ' -f1-3 /proc/loadavg)" >&2
for run in $(seq 1 "$runs"); do
  for path in folder rawbytes idx vectors; do
    line="$(dotnet "$dll" --path "$path" --pngs "$pngs" --idx "$root/data/fashion-mnist" --limit "$limit" --epochs "$epochs" --threads "$threads" | tail -n 1)"
    echo "mlnet-bench: run $run: $line" >&2
    printf '%s\n' "$line" >>"$results"
  done
done
/usr/bin/python3 - "$results" <<'PY'
import json, statistics, sys
rows = [json.loads(line) for line in open(sys.argv[1]) if line.strip()]
by = {}
for r in rows:
    by.setdefault(r["Path"], []).append(r["ImagesPerSecond"])
def show(path):
    v = by[path]
    return f"{statistics.median(v):8.0f} img/s (runs {' / '.join(f'{x:.0f}' for x in v)})"
print(f"{'path':10} median training throughput")
for p in ("folder", "rawbytes", "idx", "vectors"):
    print(f"{p:10} {show(p)}")
def paired(a, b):
    """Each run's a / b (the two ran back to back, so a drift in the machine's speed hits both), and their median."""
    ratios = [x / y for x, y in zip(by[a], by[b])]
    return f"{statistics.median(ratios):.3f} (runs {' / '.join(f'{r:.3f}' for r in ratios)})"
print(f"rawbytes / folder, median of each run's ratio = {paired('rawbytes', 'folder')}  (target >= 0.90)")
print(f"vectors / idx, median of each run's ratio     = {paired('vectors', 'idx')}  (target >= 0.95)")
PY
