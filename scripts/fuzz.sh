#!/usr/bin/env bash
# Seeded mutation fuzzing of every reader (not part of the normal test run, which runs 300 inputs per reader):
# IDX (raw), gzip, PNG / JPEG / BMP / GIF through the native decoder, CSV/TSV image tables, model files and checkpoint
# files. Every input must end in the reader's typed error or a result its oracle confirms: no crash (an untyped exception,
# or a dead test host), no hang (a 60 s watchdog per input), no wrong result. Prints one line of counts per reader.
#   bash scripts/fuzz.sh [INPUTS_PER_READER (default 10000)] [SEED (default 18)]
# Needs a build (scripts/setup.sh) and Fashion-MNIST (scripts/fetch-fashion-mnist.sh) for the model and checkpoint files.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
inputs="${1:-10000}"
seed="${2:-18}"
report="$(mktemp)"
trap 'rm -f "$report"' EXIT
export MLCNN_FUZZ_INPUTS="$inputs" MLCNN_FUZZ_SEED="$seed" MLCNN_FUZZ_REPORT="$report"
status=0
for project in Core Transforms Estimators; do
  dotnet test "$root/tests/Ml.Cnn.$project.Tests" -c Release --no-build --filter "Category=Fuzz" --nologo -v quiet >&2 || status=1
done
python3 - "$report" <<'PY'
import json, sys
rows = [json.loads(line) for line in open(sys.argv[1])]
print(f"{'reader':<26} {'inputs':>7} {'refused':>8} {'correct':>8} {'undetect.':>9} {'crashes':>8} {'hangs':>6} {'wrong':>6}")
for r in rows:
    print(f"{r['Reader']:<26} {r['Inputs']:>7} {r['Refused']:>8} {r['Correct']:>8} {r['Undetectable']:>9} {r['Crashes']:>8} {r['Hangs']:>6} {r['WrongResults']:>6}")
print(f"{'total':<26} {sum(r['Inputs'] for r in rows):>7}   (seed {rows[0]['Seed'] if rows else '?'}; {len(rows)} readers reported)")
PY
exit "$status"
