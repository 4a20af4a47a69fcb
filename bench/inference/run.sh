#!/usr/bin/env bash
# Inference benchmark: the `basic` CNN on the 10,000 Fashion-MNIST test images with PyTorch (once per allocator of
# bench/pytorch_allocators.sh: the fastest counts) and with MlCnn, alternating, then a comparison table
# (bench/inference/compare.py). See bench/README.md, "Inference".
# Usage: bash bench/inference/run.sh [--runs R] [--threads N] [--repeats N] [--latency-calls N]
#   defaults: 3 runs, 2 threads, 5 batch repeats per run, 2000 single-image calls per run
# Trains bench/inference/model.zip (an ML.NET model: 1 epoch, basic) with the benchmark app when it is missing; delete it
# to retrain.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../.." && pwd)"
source "$root/bench/pytorch_allocators.sh"
runs=3
threads=2
repeats=5
calls=2000
usage="usage: bash bench/inference/run.sh [--runs R] [--threads N] [--repeats N] [--latency-calls N]"
while [ $# -gt 0 ]; do
  [ $# -ge 2 ] || { echo "$usage" >&2; exit 2; }
  case "$1" in
    --runs) runs="$2"; shift 2 ;;
    --threads) threads="$2"; shift 2 ;;
    --repeats) repeats="$2"; shift 2 ;;
    --latency-calls) calls="$2"; shift 2 ;;
    *) echo "$usage" >&2; exit 2 ;;
  esac
done

data="$root/data/fashion-mnist"
model="$here/model.zip"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
results="$work/results.tsv"

bash "$root/scripts/fetch-fashion-mnist.sh" "$data"
tcmalloc="$(tcmalloc_library)"
echo "inference: building the benchmark app (Release; build time is excluded)" >&2
dotnet build "$here/Inference.csproj" -c Release -p:MlCnnSkipNative=true >&2

if [ ! -s "$model" ]; then
  echo "inference: training $model (basic, 1 epoch)" >&2
  dotnet "$here/bin/Release/net10.0/mlcnn-inference-bench.dll" --train --model "$model" --data "$data" --threads "$threads" >&2
fi

# Runs a command, echoing its output to stderr, and appends "NAME<TAB>last stdout line" to the results.
record() {
  local name="$1"
  shift
  "$@" | tee "$work/$name.log" >&2
  printf '%s\t%s\n' "$name" "$(tail -n 1 "$work/$name.log")" >>"$results"
}

echo "inference: load average before the runs: $(cut -d' ' -f1-3 /proc/loadavg) (run on an idle machine)" >&2
for run in $(seq 1 "$runs"); do
  for allocator in "${PYTORCH_ALLOCATORS[@]}"; do
    echo "inference: run $run/$runs: PyTorch ($allocator)" >&2
    mapfile -t environment < <(pytorch_allocator_env "$allocator" "$tcmalloc")
    record "pytorch-$allocator" env "${environment[@]}" /usr/bin/python3 "$here/pytorch_inference.py" --data "$data" \
      --threads "$threads" --repeats "$repeats" --latency-calls "$calls"
  done
  echo "inference: run $run/$runs: MlCnn" >&2
  record mlcnn dotnet "$here/bin/Release/net10.0/mlcnn-inference-bench.dll" --model "$model" --data "$data" \
    --threads "$threads" --repeats "$repeats" --latency-calls "$calls"
done

/usr/bin/python3 "$here/compare.py" "$results"
