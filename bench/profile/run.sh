#!/usr/bin/env bash
# Where a training step's time goes, operator by operator, in MlCnn and in PyTorch on the same network, batch (128),
# threads and precision (issue 17's profile; bench/README.md, "Profile"). MlCnn records steps through MLCNN_PROFILE
# (native/src/profile.cpp) while bench/training trains on Fashion-MNIST; PyTorch (tcmalloc, channels-last) through its
# profiler in bench/profile/pytorch_profile.py; bench/profile/table.py prints both as one table.
# Usage: bash bench/profile/run.sh [--model basic|resnet] [--precision fp32|bf16] [--first N] [--count N] [--threads N]
#   defaults: basic, fp32, steps 60-69, 2 threads. perf cannot name operators here: Debian's libtorch is stripped.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
bench="$(cd "$here/.." && pwd)"
root="$(cd "$bench/.." && pwd)"
source "$bench/pytorch_allocators.sh"
source "$bench/training_inputs.sh"
model=basic
precision=fp32
first=60
count=10
threads=2
usage="usage: bash bench/profile/run.sh [--model basic|resnet] [--precision fp32|bf16] [--first N] [--count N] [--threads N]"
while [ $# -gt 0 ]; do
  [ $# -ge 2 ] || { echo "$usage" >&2; exit 2; }
  case "$1" in
    --model) model="$2" ;;
    --precision) precision="$2" ;;
    --first) first="$2" ;;
    --count) count="$2" ;;
    --threads) threads="$2" ;;
    *) echo "$usage" >&2; exit 2 ;;
  esac
  shift 2
done
case "$model" in basic | resnet) ;; *) echo "profile: --model must be basic or resnet" >&2; exit 2 ;; esac
case "$precision" in fp32 | bf16) ;; *) echo "profile: --precision must be fp32 or bf16" >&2; exit 2 ;; esac
fail() { echo "profile: $*" >&2; exit 1; }
python=/usr/bin/python3
"$python" -c "import torch" 2>/dev/null || fail "$python cannot import torch (Debian: apt-get install python3-torch)"
[ -s "$root/native/build/libmlcnn.so" ] || fail "native/build/libmlcnn.so is missing; run bash scripts/build-native.sh"
tcmalloc="$(tcmalloc_library)" || fail "tcmalloc is needed for PyTorch's best configuration"
dll="$(prepare_training_inputs "$root" "$model")" || fail "preparing the training benchmark failed (see above)"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
limit=$(((first + count) * 128))
echo "profile: MlCnn, $model, $precision, steps $first-$((first + count - 1))" >&2
(cd "$root" && MLCNN_PROFILE="$work/mlcnn_:$first:$count" dotnet "$dll" \
  --model "$model" --epochs 1 --limit "$limit" --threads "$threads" --precision "$precision" >&2) || fail "the MlCnn run failed"
echo "profile: PyTorch (tcmalloc), $model, $precision" >&2
LD_PRELOAD="$tcmalloc" "$python" "$here/pytorch_profile.py" --model "$model" --precision "$precision" --out "$work/pytorch_" \
  --first "$first" --count "$count" --threads "$threads" || fail "the PyTorch run failed"
"$python" "$here/table.py" --mlcnn "$work/mlcnn_*.json" --pytorch "$work/pytorch_*.json"
