#!/usr/bin/env bash
# Data-parallel benchmark (issue 16) on this machine: one process with 2 threads against 2 processes with 1 thread each
# (mlcnn train --nproc-per-node 2, Gloo over 127.0.0.1), identical work: the same model, data, epochs, seed and effective
# batch (64 = 2 x 32). Reports throughput (all ranks' images per second of training), test accuracy, and the share of
# the training steps rank 0 spent averaging gradients (AllReduceSeconds / TrainSeconds), per model, alternating the
# two setups in each run.
# Usage: bash bench/distributed/run.sh [--runs R] [--train N] [--epochs E] [--models "basic resnet"]
#        (defaults: 3 runs, 12000 training images, 3 epochs, basic and resnet)
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../.." && pwd)"
runs=3 train=12000 epochs=3 models="basic resnet"
while [ $# -gt 0 ]; do
  [ $# -ge 2 ] || { echo "distributed-bench: $1 needs a value" >&2; exit 2; }
  case "$1" in
    --runs) runs="$2" ;; --train) train="$2" ;; --epochs) epochs="$2" ;; --models) models="$2" ;;
    *) echo "distributed-bench: unknown option $1 (--runs, --train, --epochs, --models)" >&2; exit 2 ;;
  esac
  shift 2
done
bash "$root/scripts/fetch-fashion-mnist.sh" "$root/data/fashion-mnist" >&2
out="$root/artifacts/bench/distributed"
rm -rf "$out"
mkdir -p "$out"
/usr/bin/python3 "$root/bench/sweeps/slice.py" --idx "$root/data/fashion-mnist" --out "$out/data" --train "$train" --test 2000
dotnet build "$root/src/Ml.Cnn.Cli/Ml.Cnn.Cli.csproj" -c Release -p:MlCnnSkipNative=true -nologo -v q >&2
mlcnn=(dotnet "$root/src/Ml.Cnn.Cli/bin/Release/net10.0/mlcnn.dll")
results="$out/results.tsv"
printf 'model\tsetup\trun\timages_per_second\ttrain_seconds\tallreduce_share\taccuracy\n' >"$results"
echo "distributed-bench: load average before the runs: $(cut -d' ' -f1-3 /proc/loadavg)" >&2
for run in $(seq 1 "$runs"); do
  for model in $models; do
    for setup in "1x2" "2x1"; do
      common=(train --data "$out/data" --model "$out/$model-$setup.zip" --arch "$model" --epochs "$epochs" --seed 1 --device cpu --precision fp32 --json --force)
      if [ "$setup" = 1x2 ]; then
        line="$("${mlcnn[@]}" "${common[@]}" --batch-size 64 --threads 2 2>>"$out/train.log" | tail -n 1)"
        world=1
      else
        line="$("${mlcnn[@]}" "${common[@]}" --batch-size 32 --threads 1 --nproc-per-node 2 2>>"$out/train.log" | tail -n 1)"
        world=2
      fi
      printf '%s\n' "$line" | /usr/bin/python3 -c "
import json, sys
d = json.load(sys.stdin)
share = d.get('AllReduceSeconds', 0) / d['TrainSeconds']
print('\t'.join(['$model', '$setup', '$run', '%.1f' % (d['ImagesPerSecond'] * $world), '%.2f' % d['TrainSeconds'], '%.3f' % share, '%.4f' % d['MicroAccuracy']]))
" >>"$results"
      echo "distributed-bench: run $run $model $setup: $(tail -n 1 "$results")" >&2
    done
  done
done
/usr/bin/python3 - "$results" "$runs" "$epochs" "$train" <<'PY'
import csv, statistics, sys
rows = list(csv.DictReader(open(sys.argv[1]), delimiter="\t"))
runs, epochs, train = sys.argv[2], sys.argv[3], sys.argv[4]
def spread(values, fmt):
    return f"{fmt.format(statistics.median(values))} ({fmt.format(min(values))}–{fmt.format(max(values))})"
print(f"{runs} runs, {epochs} epochs of {train} Fashion-MNIST images, effective batch 64, Adam, median (min–max):")
print("| model | setup | images/s (all ranks) | ratio 2x1 / 1x2 | all-reduce share of the steps | test accuracy |")
print("|---|---|---|---|---|---|")
for model in dict.fromkeys(r["model"] for r in rows):
    by = {s: [r for r in rows if r["model"] == model and r["setup"] == s] for s in ("1x2", "2x1")}
    ratios = [float(b["images_per_second"]) / float(a["images_per_second"]) for a, b in zip(by["1x2"], by["2x1"])]
    for setup, label in (("1x2", "1 process x 2 threads"), ("2x1", "2 processes x 1 thread")):
        r = by[setup]
        ratio = spread(ratios, "{:.2f}") if setup == "2x1" else "1"
        share = spread([float(x["allreduce_share"]) for x in r], "{:.1%}") if setup == "2x1" else "-"
        print(f"| {model} | {label} | {spread([float(x['images_per_second']) for x in r], '{:.0f}')} | {ratio} | {share} | {spread([float(x['accuracy']) for x in r], '{:.4f}')} |")
PY
