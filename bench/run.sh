#!/usr/bin/env bash
# Trains the `basic` CNN on Fashion-MNIST with PyTorch and with MlCnn, alternating, and prints a comparison table.
# Usage: bash bench/run.sh [--epochs N] [--runs R]   (defaults: 1 epoch, 1 run; 2 threads, batch 128, Adam 1e-3)
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
epochs=1
runs=1
threads=2
while [ $# -gt 0 ]; do
  case "$1" in
    --epochs) epochs="$2"; shift 2 ;;
    --runs) runs="$2"; shift 2 ;;
    *) echo "usage: bash bench/run.sh [--epochs N] [--runs R]" >&2; exit 2 ;;
  esac
done

data="$root/data/fashion-mnist"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
results="$work/results.tsv"

bash "$root/scripts/fetch-fashion-mnist.sh" "$data"
echo "bench: building the MlCnn CLI (Release)" >&2
dotnet build "$root/src/Ml.Cnn.Cli" -c Release >&2

# Runs a command, echoing its output to stderr, and appends "NAME<TAB>last stdout line" to the results.
record() {
  local name="$1"
  shift
  "$@" | tee "$work/$name.log" >&2
  printf '%s\t%s\n' "$name" "$(tail -n 1 "$work/$name.log")" >>"$results"
}

for run in $(seq 1 "$runs"); do
  echo "bench: run $run/$runs: PyTorch" >&2
  record pytorch /usr/bin/python3 "$root/bench/pytorch_basic.py" --data "$data" --epochs "$epochs" --threads "$threads"
  echo "bench: run $run/$runs: MlCnn" >&2
  record mlcnn dotnet run --project "$root/src/Ml.Cnn.Cli" -c Release --no-build -- \
    train --data "$data" --model /tmp/mlcnn-bench.mlcnn --arch basic --epochs "$epochs" --batch-size 128 \
    --optimizer adam --learning-rate 0.001 --seed 1 --threads "$threads" --json
done

/usr/bin/python3 "$root/bench/compare.py" "$results"
