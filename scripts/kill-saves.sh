#!/usr/bin/env bash
# Kills `mlcnn train` with SIGKILL at random moments while it rewrites latest.ckpt (every epoch) and best.ckpt, KILLS
# times, resuming each time. After every kill each checkpoint and model present must be complete (magic and SHA-256
# trailer). Then the resumed run finishes, and its model must be byte-identical to an uninterrupted run's (CPU, 1 thread).
# Not part of the tests (CheckpointKillTests kills 4 times in every run).
#   bash scripts/kill-saves.sh [KILLS (default 30)] [EPOCHS (default 300)]
# Needs a build (scripts/setup.sh) and Fashion-MNIST in data/fashion-mnist.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
kills="${1:-30}"
epochs="${2:-300}"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
cli=(dotnet "$root/src/Ml.Cnn.Cli/bin/Release/net10.0/mlcnn.dll")

python3 - "$root/data/fashion-mnist" "$work/data" <<'PY'
import gzip, os, sys
source, target = sys.argv[1], sys.argv[2]
os.makedirs(target)
def read(name):
    path = os.path.join(source, name)
    return gzip.open(path + ".gz").read() if not os.path.exists(path) else open(path, "rb").read()
for split, count in (("train", 64), ("t10k", 16)):
    images, labels = read(f"{split}-images-idx3-ubyte"), read(f"{split}-labels-idx1-ubyte")
    open(os.path.join(target, f"{split}-images-idx3-ubyte"), "wb").write(images[:4] + count.to_bytes(4, "big") + images[8:16] + images[16:16 + count * 784])
    open(os.path.join(target, f"{split}-labels-idx1-ubyte"), "wb").write(labels[:4] + count.to_bytes(4, "big") + labels[8:8 + count])
PY

train() { # $1 = folder for model and checkpoints, then extra flags
  local out="$1"; shift
  "${cli[@]}" train --data "$work/data" --model "$out/m.zip" --arch simple --epochs "$epochs" --batch-size 32 --device cpu \
    --threads 1 --seed 1 --early-stopping 1000000 --monitor TrainLoss --checkpoint-dir "$out/ckpt" "$@"
}

complete() { # every checkpoint in $1 has its magic and a matching SHA-256 trailer; the model zip passes zip's CRC checks
  python3 - "$1" <<'PY'
import hashlib, os, sys, zipfile
bad = []
for path in (os.path.join(sys.argv[1], "ckpt", "latest.ckpt"), os.path.join(sys.argv[1], "ckpt", "best.ckpt")):
    if os.path.exists(path):
        data = open(path, "rb").read()
        if not data.startswith(b"MLCNNCKP") or hashlib.sha256(data[:-32]).digest() != data[-32:]:
            bad.append(path)
model = os.path.join(sys.argv[1], "m.zip")
if os.path.exists(model):
    try:
        with zipfile.ZipFile(model) as z:
            if z.testzip() is not None:
                bad.append(model)
    except zipfile.BadZipFile:
        bad.append(model)
print(" ".join(bad))
sys.exit(1 if bad else 0)
PY
}

same_model() { # the two model zips hold the same entries with the same bytes (zip timestamps differ between saves)
  python3 - "$1" "$2" <<'PY'
import sys, zipfile
def entries(path):
    with zipfile.ZipFile(path) as z:
        return {name: z.read(name) for name in z.namelist()}
sys.exit(0 if entries(sys.argv[1]) == entries(sys.argv[2]) else 1)
PY
}

mkdir -p "$work/whole" "$work/killed"
train "$work/whole" >/dev/null 2>&1
damaged=0
for ((k = 1; k <= kills; k++)); do
  train "$work/killed" --resume >/dev/null 2>&1 &
  pid=$!
  sleep "$(python3 -c "import random; print(round(random.Random($k).uniform(1.5, 4.0), 2))")"
  kill -9 "$pid" 2>/dev/null || true
  wait "$pid" 2>/dev/null || true
  complete "$work/killed" >/dev/null || damaged=$((damaged + 1))
done
epoch_at_end=$(python3 -c "
import json, struct, sys
data = open('$work/killed/ckpt/latest.ckpt', 'rb').read()
n = struct.unpack('<i', data[12:16])[0]
print(json.loads(data[16:16 + n])['Epoch'])")
train "$work/killed" --resume >/dev/null 2>&1
if same_model "$work/whole/m.zip" "$work/killed/m.zip"; then same=yes; else same=no; fi
orphans=$(find "$work/killed" -name '.*.tmp' | wc -l)
echo "kills: $kills; damaged files after a kill: $damaged; last kill at epoch $epoch_at_end of $epochs;" \
  "resumed model identical to an uninterrupted run (every zip entry): $same; temporary files left: $orphans"
[ "$damaged" -eq 0 ] && [ "$same" = yes ]
