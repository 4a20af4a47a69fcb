#!/usr/bin/env bash
# Runs every test: sets up (scripts/setup.sh), fetches Fashion-MNIST (the tests train on small slices of it), then
# dotnet test on the whole solution. Extra arguments go to dotnet test (e.g. --filter).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
bash "$root/scripts/setup.sh"
bash "$root/scripts/fetch-fashion-mnist.sh"
dotnet test "$root/MlCnn.sln" -c Release --no-build -nologo "$@"
