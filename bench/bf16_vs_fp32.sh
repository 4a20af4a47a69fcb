#!/usr/bin/env bash
# MlCnn with bf16 autocast against PyTorch in float32 on identical work (issue 17: bf16 becomes the CPU default only at
# >= 2x the best PyTorch fp32): `basic` on all 60,000 Fashion-MNIST training images (or `resnet` on their 32x32 RGB
# conversion, bench/make_rgb32.py), 1 epoch, batch 128, Adam 1e-3, seed 1, 2 threads. Each round runs PyTorch fp32 with
# tcmalloc and with glibc's raised thresholds (its two fast allocators, bench/pytorch_allocators.sh), MlCnn bf16 and
# MlCnn fp32, one process each, then prints per round the best PyTorch and MlCnn bf16 / that, and the median of the
# rounds' ratios.
# Usage: bash bench/bf16_vs_fp32.sh [--model basic|resnet] [--runs R]   (defaults: basic, 3)
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/.." && pwd)"
source "$here/pytorch_allocators.sh"
runs=3
model=basic
usage="usage: bash bench/bf16_vs_fp32.sh [--model basic|resnet] [--runs R]"
while [ $# -gt 0 ]; do
  [ $# -ge 2 ] || { echo "$usage" >&2; exit 2; }
  case "$1" in
    --runs) [[ "$2" =~ ^[1-9][0-9]*$ ]] || { echo "$usage" >&2; exit 2; }; runs="$2" ;;
    --model) [[ "$2" =~ ^(basic|resnet)$ ]] || { echo "$usage" >&2; exit 2; }; model="$2" ;;
    *) echo "$usage" >&2; exit 2 ;;
  esac
  shift 2
done
python=/usr/bin/python3
"$python" -c "import torch" 2>/dev/null || { echo "bf16-vs-fp32: $python cannot import torch (Debian: apt-get install python3-torch)" >&2; exit 1; }
[ -s "$root/native/build/libmlcnn.so" ] || { echo "bf16-vs-fp32: native/build/libmlcnn.so is missing; run bash scripts/build-native.sh" >&2; exit 1; }
tcmalloc="$(tcmalloc_library)"
data="$root/data/fashion-mnist"
bash "$root/scripts/fetch-fashion-mnist.sh" "$data" >&2
if [ "$model" = resnet ]; then
  "$python" "$here/make_rgb32.py" --source "$data" --out "$root/data/fashion-mnist-rgb32" >&2
  data="$root/data/fashion-mnist-rgb32"
fi
dotnet build "$here/training/Training.csproj" -c Release -p:MlCnnSkipNative=true -nologo -v q >&2
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
: >"$work/results"
echo "bf16-vs-fp32: load average before the runs: $(cut -d' ' -f1-3 /proc/loadavg)" >&2
common=(--model "$model" --data "$data" --epochs 1 --threads 2 --seed 1)
for run in $(seq 1 "$runs"); do
  for allocator in tcmalloc glibc-thresholds; do
    line="$(cd "$root" && env $(pytorch_allocator_env "$allocator" "$tcmalloc") "$python" "$here/pytorch_train.py" "${common[@]}" 2>/dev/null | tail -n 1)"
    printf '%s\tpytorch-fp32-%s\t%s\n' "$run" "$allocator" "$line" >>"$work/results"
  done
  for precision in bf16 fp32; do
    line="$(cd "$root" && dotnet "$here/training/bin/Release/net10.0/mlcnn-training-bench.dll" "${common[@]}" --precision "$precision" 2>/dev/null | tail -n 1)"
    printf '%s\tmlcnn-%s\t%s\n' "$run" "$precision" "$line" >>"$work/results"
  done
  echo "bf16-vs-fp32: round $run/$runs done" >&2
done
"$python" - "$work/results" <<'PY'
import json, statistics, sys
rounds = {}
for line in open(sys.argv[1]):
    run, name, text = line.rstrip("\n").split("\t", 2)
    rounds.setdefault(run, {})[name] = json.loads(text)
ratios = []
for run, r in rounds.items():
    best = max((v for k, v in r.items() if k.startswith("pytorch")), key=lambda v: v["ImagesPerSecond"])
    bf16, fp32 = r["mlcnn-bf16"], r["mlcnn-fp32"]
    ratio = bf16["ImagesPerSecond"] / best["ImagesPerSecond"]
    ratios.append(ratio)
    print(f"round {run}: PyTorch fp32 best {best['ImagesPerSecond']:.0f} img/s (acc {best['MicroAccuracy']:.4f}); MlCnn bf16 "
          f"{bf16['ImagesPerSecond']:.0f} (acc {bf16['MicroAccuracy']:.4f}), fp32 {fp32['ImagesPerSecond']:.0f}; bf16 / PyTorch fp32 = {ratio:.2f}")
print(f"MlCnn bf16 / best PyTorch fp32, median of the rounds: {statistics.median(ratios):.2f} (target >= 2)")
PY
