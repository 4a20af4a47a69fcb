#!/usr/bin/env bash
# Runs every test: sets up (scripts/setup.sh), fetches Fashion-MNIST (the tests train on small slices of it), starts a
# PostgreSQL server for the sweep tests (scripts/postgres.sh), then dotnet test on the whole solution. Extra arguments go to dotnet test (e.g. --filter).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
bash "$root/scripts/setup.sh"
bash "$root/scripts/fetch-fashion-mnist.sh"
# The sweep tests use a real PostgreSQL server: started here on its own port and folder, stopped on exit.
MLCNN_POSTGRES="$(bash "$root/scripts/postgres.sh" start)"
export MLCNN_POSTGRES
trap 'bash "$root/scripts/postgres.sh" stop' EXIT
dotnet test "$root/MlCnn.sln" -c Release --no-build -nologo "$@"
