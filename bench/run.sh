#!/usr/bin/env bash
# Training benchmark: the same model, data, batch size and threads trained by PyTorch eager (bench/pytorch_train.py with
# /usr/bin/python3, once per allocator of bench/pytorch_allocators.sh: the fastest counts) and by MlCnn (bench/training),
# alternating per run, then a table per model (bench/compare.py).
# See bench/README.md, "Training".
# Usage: bash bench/run.sh [--model basic|resnet|all] [--epochs N] [--runs R] [--threads N] [--limit N] [--precision fp32|bf16]
#   defaults: all models, 1 epoch, 1 run, 2 threads, all 60,000 training images (--limit N: the first N), fp32 on both
#   sides (bf16: PyTorch's torch.autocast with bfloat16, MlCnn's TrainingPrecision.BFloat16)
# basic trains on Fashion-MNIST (fetched by scripts/fetch-fashion-mnist.sh), resnet on its 32x32 RGB conversion
# (bench/make_rgb32.py). The results ("IMPL<TAB>JSON" per run; IMPL is pytorch-ALLOCATOR or mlcnn) are kept in
# artifacts/bench/training-MODEL-PRECISION.tsv.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
source "$here/pytorch_allocators.sh"
root="$(cd "$here/.." && pwd)"
models=all
epochs=1
runs=1
threads=2
limit=
precision=fp32
usage="usage: bash bench/run.sh [--model basic|resnet|all] [--epochs N] [--runs R] [--threads N] [--limit N] [--precision fp32|bf16]"

fail() { echo "bench: $*" >&2; exit 1; }
positive() { [[ "$2" =~ ^[1-9][0-9]*$ ]] || { echo "bench: $1 must be a positive integer (got '$2')" >&2; echo "$usage" >&2; exit 2; }; }

while [ $# -gt 0 ]; do
  case "$1" in -h | --help) echo "$usage"; exit 0 ;; esac
  [ $# -ge 2 ] || { echo "bench: $1 needs a value" >&2; echo "$usage" >&2; exit 2; }
  case "$1" in
    --model) models="$2" ;;
    --epochs) positive "$1" "$2"; epochs="$2" ;;
    --runs) positive "$1" "$2"; runs="$2" ;;
    --threads) positive "$1" "$2"; threads="$2" ;;
    --limit) positive "$1" "$2"; limit="$2" ;;
    --precision)
      [[ "$2" =~ ^(fp32|bf16)$ ]] || { echo "bench: --precision must be fp32 or bf16 (got '$2')" >&2; echo "$usage" >&2; exit 2; }
      precision="$2" ;;
    *) echo "bench: unknown option $1" >&2; echo "$usage" >&2; exit 2 ;;
  esac
  shift 2
done
case "$models" in
  basic | resnet) ;;
  all) models="basic resnet" ;;
  *) echo "bench: --model must be basic, resnet or all (got '$models')" >&2; echo "$usage" >&2; exit 2 ;;
esac

python=/usr/bin/python3
native="$root/native/build/libmlcnn.so"
[ -x "$python" ] || fail "$python not found; the PyTorch side needs the system Python with torch (Debian: apt-get install python3-torch)"
"$python" -c "import numpy, torch" 2>/dev/null ||
  fail "$python cannot import numpy and torch; install them for that interpreter (Debian: apt-get install python3-torch)"
command -v dotnet >/dev/null || fail "dotnet not found; install the .NET 10 SDK"
[ -s "$native" ] || fail "$native is missing; build it first with: bash scripts/build-native.sh"
tcmalloc="$(tcmalloc_library)" || fail "tcmalloc is needed for the fair PyTorch baseline"

mnist="$root/data/fashion-mnist"
rgb32="$root/data/fashion-mnist-rgb32"
out="$root/artifacts/bench"
dll="$here/training/bin/Release/net10.0/mlcnn-training-bench.dll"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
mkdir -p "$out"

bash "$root/scripts/fetch-fashion-mnist.sh" "$mnist" || fail "fetching Fashion-MNIST into $mnist failed (see above)"
if [[ " $models " == *" resnet "* ]]; then
  "$python" "$here/make_rgb32.py" --source "$mnist" --out "$rgb32" || fail "converting Fashion-MNIST to $rgb32 failed (see above)"
fi
echo "bench: building bench/training (Release; build time is excluded)" >&2
dotnet build "$here/training/Training.csproj" -c Release -p:MlCnnSkipNative=true >&2 ||
  fail "building bench/training/Training.csproj failed (see above)"

# Runs a command with its output echoed to stderr and appends "IMPL<TAB>last stdout line" to the results file.
record() {
  local impl="$1" results="$2" log="$work/$1.log" status
  shift 2
  set +e
  "$@" | tee "$log" >&2
  status="${PIPESTATUS[0]}"
  set -e
  [ "$status" -eq 0 ] || fail "$impl exited with status $status: $*"
  printf '%s\t%s\n' "$impl" "$(tail -n 1 "$log")" >>"$results"
}

common=(--epochs "$epochs" --threads "$threads" --seed 1)
[ -z "$limit" ] || common+=(--limit "$limit")
echo "bench: load average before the runs: $(cut -d' ' -f1-3 /proc/loadavg) (run on an idle machine)" >&2
for model in $models; do
  if [ "$model" = basic ]; then data="$mnist"; else data="$rgb32"; fi
  results="$out/training-$model-$precision.tsv"
  : >"$results"
  for run in $(seq 1 "$runs"); do
    for allocator in "${PYTORCH_ALLOCATORS[@]}"; do
      echo "bench: $model, run $run/$runs: PyTorch ($allocator)" >&2
      mapfile -t environment < <(pytorch_allocator_env "$allocator" "$tcmalloc")
      record "pytorch-$allocator" "$results" env "${environment[@]}" "$python" "$here/pytorch_train.py" --model "$model" \
        --data "$data" --precision "$precision" "${common[@]}"
    done
    echo "bench: $model, run $run/$runs: MlCnn" >&2
    record mlcnn "$results" dotnet "$dll" --model "$model" --data "$data" --precision "$precision" "${common[@]}"
  done
done

for model in $models; do
  echo
  "$python" "$here/compare.py" "$out/training-$model-$precision.tsv"
done
for model in $models; do echo "bench: results kept in $out/training-$model-$precision.tsv" >&2; done
