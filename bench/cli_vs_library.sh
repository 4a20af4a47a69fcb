#!/usr/bin/env bash
# The CLI against the library on identical work (issue 17, "CLI = library speed"): `mlcnn train` and bench/training
# train the same `basic` network on all 60,000 Fashion-MNIST training images (1 epoch, batch 128, Adam 1e-3, seed 1,
# 2 threads), alternating, one process per run; each reports img/s over the seconds inside the epoch loop.
# Usage: bash bench/cli_vs_library.sh [--runs R]   (default 3)
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/.." && pwd)"
runs=3
if [ $# -gt 0 ]; then
  [ $# -eq 2 ] && [ "$1" = --runs ] && [[ "$2" =~ ^[1-9][0-9]*$ ]] || { echo "usage: bash bench/cli_vs_library.sh [--runs R]" >&2; exit 2; }
  runs="$2"
fi
data="$root/data/fashion-mnist"
bash "$root/scripts/fetch-fashion-mnist.sh" "$data" >&2
dotnet build "$root/src/Ml.Cnn.Cli/Ml.Cnn.Cli.csproj" -c Release -p:MlCnnSkipNative=true -nologo -v q >&2
dotnet build "$here/training/Training.csproj" -c Release -p:MlCnnSkipNative=true -nologo -v q >&2
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
: >"$work/results"
echo "cli-vs-library: load average before the runs: $(cut -d' ' -f1-3 /proc/loadavg)" >&2
for run in $(seq 1 "$runs"); do
  cli="$(dotnet "$root/src/Ml.Cnn.Cli/bin/Release/net10.0/mlcnn.dll" train --data "$data" --model "$work/model.zip" --arch basic \
    --epochs 1 --batch-size 128 --optimizer adam --learning-rate 0.001 --seed 1 --threads 2 --force --json 2>/dev/null | tail -n 1)"
  library="$(dotnet "$here/training/bin/Release/net10.0/mlcnn-training-bench.dll" --model basic --data "$data" --epochs 1 \
    --threads 2 --seed 1 2>/dev/null | tail -n 1)"
  printf 'cli\t%s\nlibrary\t%s\n' "$cli" "$library" >>"$work/results"
  echo "cli-vs-library: run $run/$runs done" >&2
done
/usr/bin/python3 - "$work/results" <<'PY'
import json, statistics, sys
by = {}
for line in open(sys.argv[1]):
    name, _, text = line.rstrip("\n").partition("\t")
    by.setdefault(name, []).append(json.loads(text)["ImagesPerSecond"])
for name in ("cli", "library"):
    print(f"{name:8} median {statistics.median(by[name]):6.0f} img/s (runs {' / '.join(f'{v:.0f}' for v in by[name])})")
print(f"cli / library = {statistics.median(by['cli']) / statistics.median(by['library']):.3f}")
PY
