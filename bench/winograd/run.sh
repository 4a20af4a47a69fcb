#!/usr/bin/env bash
# Winograd against direct 3x3 convolutions: first oneDNN's primitives alone on the `resnet` preset's shapes
# (bench/winograd/primitives.cpp) and, on AVX-512 CPUs, the shim's fused Winograd kernel on the same shapes
# (bench/winograd/fused.cpp), then MlCnn's fp32 training of the preset in one build: runs alternate MLCNN_WINOGRAD=0
# (libtorch's direct convolutions) and the default (the fused Winograd convolution for its 3x3 stride-1 layers,
# native/src/fused_winograd.cpp, with oneDNN's Winograd weight gradient at 64 channels, native/src/winograd_conv.cpp),
# each recording steps FIRST .. FIRST+COUNT-1 through MLCNN_PROFILE; then
# bench/winograd/steps.py prints the median step time per setting and run, and the ratio. A short ONEDNN_VERBOSE run
# per setting (10 steps) first checks which convolution each setting runs; steps.py also prints, from those runs, the
# median time of each oneDNN convolution and reorder on the shapes the Winograd path takes (bench/README.md, "Winograd").
# Usage: bash bench/winograd/run.sh [--runs R] [--first N] [--count N] [--threads N]
#   defaults: 3 runs, steps 60-89, 2 threads; batch 128 on Fashion-MNIST as 32x32 RGB (bench/make_rgb32.py).
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
bench="$(cd "$here/.." && pwd)"
root="$(cd "$bench/.." && pwd)"
source "$bench/training_inputs.sh"
runs=3
first=60
count=30
threads=2
usage="usage: bash bench/winograd/run.sh [--runs R] [--first N] [--count N] [--threads N]"
while [ $# -gt 0 ]; do
  [ $# -ge 2 ] || { echo "$usage" >&2; exit 2; }
  [[ "$2" =~ ^[1-9][0-9]*$ ]] || { echo "winograd: $1 must be a positive integer (got '$2')" >&2; echo "$usage" >&2; exit 2; }
  case "$1" in
    --runs) runs="$2" ;;
    --first) first="$2" ;;
    --count) count="$2" ;;
    --threads) threads="$2" ;;
    *) echo "$usage" >&2; exit 2 ;;
  esac
  shift 2
done
fail() { echo "winograd: $*" >&2; exit 1; }
python=/usr/bin/python3
[ -s "$root/native/build/libmlcnn.so" ] || fail "native/build/libmlcnn.so is missing; run bash scripts/build-native.sh"
dll="$(prepare_training_inputs "$root" resnet)" || fail "preparing the training benchmark failed (see above)"
data="$root/data/fashion-mnist-rgb32"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

# oneDNN's primitives alone (bench/winograd/primitives.cpp), before the trainings.
g++ -O2 -std=c++17 "$here/primitives.cpp" -ldnnl -o "$work/primitives" ||
  fail "building bench/winograd/primitives.cpp failed (it needs oneDNN's headers: apt-get install libdnnl-dev)"
OMP_NUM_THREADS="$threads" "$work/primitives"
if grep -qw avx512f /proc/cpuinfo; then
  g++ -O3 -march=x86-64-v4 -fopenmp -std=c++17 "$here/fused.cpp" -o "$work/fused" || fail "building bench/winograd/fused.cpp failed"
  OMP_NUM_THREADS="$threads" "$work/fused"
else
  echo "winograd: no AVX-512 here, so no fused Winograd kernel (the shim runs it on AVX-512 CPUs only)"
fi
echo

train() {  # train SETTING LIMIT [env...]: one short fp32 ResNet run of bench/training
  local setting="$1" limit="$2"
  shift 2
  env MLCNN_WINOGRAD="$setting" "$@" dotnet "$dll" --model resnet --data "$data" --epochs 1 --limit "$limit" \
    --threads "$threads" --precision fp32
}
for setting in 0 1; do
  train "$setting" 1280 ONEDNN_VERBOSE=1 >"$work/verbose_$setting.log" 2>&1 || fail "the ONEDNN_VERBOSE run with MLCNN_WINOGRAD=$setting failed"
  used=$(grep -c '^onednn_verbose,exec,cpu,convolution,jit_wino' "$work/verbose_$setting.log" || true)
  if [ "$setting" = 0 ] && [ "$used" -ne 0 ]; then fail "MLCNN_WINOGRAD=0 still ran $used Winograd convolutions"; fi
  if [ "$setting" = 1 ] && [ "$used" -eq 0 ]; then fail "no oneDNN Winograd weight gradient ran (a oneDNN without it, or a build without libdnnl-dev)"; fi
  echo "winograd: MLCNN_WINOGRAD=$setting: $used oneDNN Winograd convolution calls in 10 steps" >&2
done
limit=$(((first + count) * 128))
echo "winograd: load average before the runs: $(cut -d' ' -f1-3 /proc/loadavg) (run on an idle machine)" >&2
for run in $(seq 1 "$runs"); do
  for setting in 0 1; do
    echo "winograd: run $run/$runs, MLCNN_WINOGRAD=$setting" >&2
    train "$setting" "$limit" MLCNN_PROFILE="$work/run${run}_w${setting}_:$first:$count" >/dev/null 2>&1 ||
      fail "the run with MLCNN_WINOGRAD=$setting failed"
  done
done
"$python" "$here/steps.py" "$work" "$runs"
