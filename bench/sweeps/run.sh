#!/usr/bin/env bash
# Sweep benchmark (issue 15): on Fashion-MNIST, the same budget in epochs for (a) TPE + ASHA and (b) random search
# without pruning: the best validation accuracy each finds and the wall time to find it; then the throughput of
# --workers 1 and 2 on this machine's cores. Every study is kept in artifacts/bench/sweeps/*.db (SQLite).
# Usage: bash bench/sweeps/run.sh [--runs R] [--train N] [--max-epochs E] [--random-trials T] [--arch A]
#        (defaults: 3 runs (seeds 1..R), 12000 training images (20% held out for validation), 2000 test images,
#         9 epochs, 6 random trials: a budget of 54 epochs; basic)
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../.." && pwd)"
runs=3 train=12000 epochs=9 random_trials=6 arch=basic
while [ $# -gt 0 ]; do
  [ $# -ge 2 ] || { echo "sweep-bench: $1 needs a value" >&2; exit 2; }
  case "$1" in
    --runs) runs="$2" ;; --train) train="$2" ;; --max-epochs) epochs="$2" ;; --random-trials) random_trials="$2" ;; --arch) arch="$2" ;;
    *) echo "sweep-bench: unknown option $1 (--runs, --train, --max-epochs, --random-trials, --arch)" >&2; exit 2 ;;
  esac
  shift 2
done
budget=$((epochs * random_trials))
bash "$root/scripts/fetch-fashion-mnist.sh" "$root/data/fashion-mnist" >&2
out="$root/artifacts/bench/sweeps"
rm -rf "$out"
mkdir -p "$out"
/usr/bin/python3 "$here/slice.py" --idx "$root/data/fashion-mnist" --out "$out/data" --train "$train" --test 2000
dotnet build "$root/src/Ml.Cnn.Cli/Ml.Cnn.Cli.csproj" -c Release -p:MlCnnSkipNative=true -nologo -v q >&2
mlcnn=(dotnet "$root/src/Ml.Cnn.Cli/bin/Release/net10.0/mlcnn.dll")
sweep() { "${mlcnn[@]}" sweep --data "$out/data" --space "$here/space.json" --arch "$arch" --device cpu --json "$@" 2>>"$out/sweeps.log"; }
epochs_in() { /usr/bin/python3 -c "import sqlite3,sys; print(sqlite3.connect(sys.argv[1]).execute('SELECT COUNT(*) FROM mlcnn_trial_epochs').fetchone()[0])" "$1"; }
test_of() { tail -n 1 "$1" | /usr/bin/python3 -c "import json,sys; print(json.load(sys.stdin)['Test']['MicroAccuracy'])"; }
echo "sweep-bench: budget $budget epochs per strategy; load average before the runs: $(cut -d' ' -f1-3 /proc/loadavg)" >&2
for run in $(seq 1 "$runs"); do
  db="$out/random-$run.db"
  sweep --study random --storage "sqlite:$db" --sampler random --pruner none --trials "$random_trials" --max-epochs "$epochs" --seed "$run" >"$out/random-$run.out"
  echo "sweep-bench: run $run random: $(epochs_in "$db") epochs" >&2
  db_tpe="$out/tpe-asha-$run.db"
  trials=$random_trials
  # The study continues with one more trial until it has used the budget (a rerun with a larger --trials resumes it).
  while :; do
    sweep --study tpe-asha --storage "sqlite:$db_tpe" --sampler tpe --pruner asha --trials "$trials" --max-epochs "$epochs" --seed "$run" >"$out/tpe-asha-$run.out"
    [ "$(epochs_in "$db_tpe")" -lt "$budget" ] || break
    trials=$((trials + 1))
  done
  echo "sweep-bench: run $run tpe+asha: $(epochs_in "$db_tpe") epochs in $trials trials" >&2
done
search="{\"random, no pruning\": [$(for r in $(seq 1 "$runs"); do printf '%s{"db": "%s", "test": %s}' "$([ "$r" -gt 1 ] && echo ,)" "$out/random-$r.db" "$(test_of "$out/random-$r.out")"; done)], \"TPE + ASHA\": [$(for r in $(seq 1 "$runs"); do printf '%s{"db": "%s", "test": %s}' "$([ "$r" -gt 1 ] && echo ,)" "$out/tpe-asha-$r.db" "$(test_of "$out/tpe-asha-$r.out")"; done)]}"
workers="{\"1\": [], \"2\": []}"
for run in $(seq 1 "$runs"); do
  for k in 1 2; do
    sweep --study workers --storage "sqlite:$out/workers-$k-$run.db" --sampler random --pruner none --trials 4 --max-epochs 2 --seed "$run" --workers "$k" --threads 2 >/dev/null
    echo "sweep-bench: run $run: --workers $k done" >&2
  done
done
workers="{\"1\": [$(for r in $(seq 1 "$runs"); do printf '%s"%s"' "$([ "$r" -gt 1 ] && echo ,)" "$out/workers-1-$r.db"; done)], \"2\": [$(for r in $(seq 1 "$runs"); do printf '%s"%s"' "$([ "$r" -gt 1 ] && echo ,)" "$out/workers-2-$r.db"; done)]}"
echo "Search, $runs runs (seeds 1..$runs), budget $budget epochs each, $arch on $train Fashion-MNIST images (20% validation), median (min–max):"
/usr/bin/python3 "$here/studies.py" search "$search"
echo
echo "Throughput, $runs runs: 4 trials x 2 epochs, random, no pruning, 2 threads in all:"
/usr/bin/python3 "$here/studies.py" workers "$workers"
