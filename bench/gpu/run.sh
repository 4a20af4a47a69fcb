#!/usr/bin/env bash
# GPU benchmark and check, for a machine with an NVIDIA GPU, a CUDA PyTorch for python3, CMake and g++, but no .NET and
# no network (artifacts/gpu from bench/gpu/pack.sh carries the .NET side and the data). It
#   1. builds the native shim against python3's torch into native/build-gpu (the same native/CMakeLists.txt);
#   2. unpacks the self-contained training benchmark and converts Fashion-MNIST to 32x32 RGB (bench/make_rgb32.py);
#   3. per run, trains the ResNet with PyTorch (plain fp32 eager: bench/pytorch_train.py), with MlCnn as it comes (mixed
#      precision: bf16 autocast by default on CUDA) and with MlCnn in fp32, alternating;
#   4. prints bench/compare.py's table for MlCnn's default against PyTorch and for MlCnn fp32 against PyTorch.
# Usage: bash bench/gpu/run.sh [--model resnet|basic] [--epochs N] [--runs R] [--limit N] [--device cuda|cpu]
#   defaults: resnet, 2 epochs, 2 runs, all 60,000 images, cuda (--device cpu only to try the script without a GPU)
# Results and logs go to $OUT when set (the device tool's output folder), else artifacts/gpu/results.
# See bench/README.md, "GPU".
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../.." && pwd)"
model=resnet
epochs=2
runs=2
limit=
device=cuda
usage="usage: bash bench/gpu/run.sh [--model resnet|basic] [--epochs N] [--runs R] [--limit N] [--device cuda|cpu]"
while [ $# -gt 0 ]; do
  [ $# -ge 2 ] || { echo "$usage" >&2; exit 2; }
  case "$1" in
    --model) model="$2" ;;
    --epochs) epochs="$2" ;;
    --runs) runs="$2" ;;
    --limit) limit="$2" ;;
    --device) device="$2" ;;
    *) echo "$usage" >&2; exit 2 ;;
  esac
  shift 2
done
case "$model" in basic | resnet) ;; *) echo "gpu: --model must be basic or resnet" >&2; exit 2 ;; esac
case "$device" in cuda | cpu) ;; *) echo "gpu: --device must be cuda or cpu" >&2; exit 2 ;; esac

python="${PYTHON:-python3}"
kit="$root/artifacts/gpu"
results="${OUT:-$kit/results}"
build="$root/native/build-gpu"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
mkdir -p "$results"
fail() { echo "gpu: $*" >&2; exit 1; }

[ -s "$kit/training-app.tar.xz" ] || fail "$kit/training-app.tar.xz is missing; run bash bench/gpu/pack.sh where .NET is, then carry artifacts/gpu"
"$python" -c "import numpy, torch" 2>/dev/null || fail "$python cannot import numpy and torch (set PYTHON to an interpreter that can)"
if [ "$device" = cuda ]; then
  "$python" -c "import torch; assert torch.cuda.is_available()" 2>/dev/null || fail "$python's torch sees no CUDA device"
  { nvidia-smi -L || true; "$python" -c "import torch; print('torch', torch.__version__, 'cuda', torch.version.cuda, torch.cuda.get_device_name(0))"; } | tee "$results/device.txt" >&2
fi

echo "gpu: building the native shim into $build (log: $results/native-build.log)" >&2
{ cmake -S "$root/native" -B "$build" -DCMAKE_BUILD_TYPE=Release && cmake --build "$build" -j "$(nproc)"; } >"$results/native-build.log" 2>&1 ||
  { tail -n 60 "$results/native-build.log" >&2; fail "the native build failed (see above and $results/native-build.log)"; }
grep -E "^-- mlcnn:" "$results/native-build.log" >&2 || true
export MLCNN_NATIVE="$build/libmlcnn.so"

mkdir -p "$work/app"
xz -dc "$kit/training-app.tar.xz" | tar -C "$work/app" -xf -
app="$work/app/mlcnn-training-bench"
if [ "$model" = resnet ]; then
  data="$work/rgb32"
  "$python" "$here/../make_rgb32.py" --source "$kit/fashion-mnist" --out "$data" >&2
else
  data="$kit/fashion-mnist"
fi

# Runs a command, its output echoed to stderr and to a log, and appends "IMPL<TAB>last stdout line" to each results file.
record() {
  local impl="$1" log="$2" status
  shift 2
  local files=()
  while [ "$1" != -- ]; do files+=("$1"); shift; done
  shift
  set +e
  "$@" 2>&1 | tee "$log" >&2
  status="${PIPESTATUS[0]}"
  set -e
  [ "$status" -eq 0 ] || fail "$impl exited with status $status: $* (log: $log)"
  for file in "${files[@]}"; do printf '%s\t%s\n' "$impl" "$(tail -n 1 "$log")" >>"$file"; done
}

mixed="$results/training-$model-$device-default.tsv"
fp32="$results/training-$model-$device-fp32.tsv"
: >"$mixed"
: >"$fp32"
common=(--model "$model" --data "$data" --epochs "$epochs" --threads 2 --seed 1 --device "$device")
[ -z "$limit" ] || common+=(--limit "$limit")
for run in $(seq 1 "$runs"); do
  echo "gpu: run $run/$runs: PyTorch fp32" >&2
  # On the GPU the host allocator does not touch the step's tensors: PyTorch runs with glibc as installed.
  record pytorch-glibc "$results/pytorch-$run.log" "$mixed" "$fp32" -- "$python" "$here/../pytorch_train.py" "${common[@]}"
  echo "gpu: run $run/$runs: MlCnn, default precision" >&2
  record mlcnn "$results/mlcnn-default-$run.log" "$mixed" -- "$app" "${common[@]}"
  echo "gpu: run $run/$runs: MlCnn, fp32" >&2
  record mlcnn "$results/mlcnn-fp32-$run.log" "$fp32" -- "$app" "${common[@]}" --precision fp32
done

for file in "$mixed" "$fp32"; do
  echo
  echo "== $(basename "$file" .tsv)"
  "$python" "$here/../compare.py" "$file"
done | tee "$results/tables.txt"
