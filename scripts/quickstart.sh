#!/usr/bin/env bash
# The main job: set up, fetch Fashion-MNIST, train the `basic` CNN for 5 epochs, save it to fashion-mnist.zip (an ML.NET model) and
# print the test metrics. Extra arguments go to `mlcnn train` (e.g. --epochs 10 --arch resnet --json).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
bash "$root/scripts/setup.sh"
bash "$root/scripts/fetch-fashion-mnist.sh"
dotnet "$root/src/Ml.Cnn.Cli/bin/Release/net10.0/mlcnn.dll" train --data "$root/data/fashion-mnist" \
  --model "$root/fashion-mnist.zip" --arch basic --epochs 5 "$@"
