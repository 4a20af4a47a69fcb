#!/usr/bin/env bash
# Makes MlCnn's NuGet packages into a local feed folder: Ml.Cnn (the meta-package), Ml.Cnn.Core (with
# runtimes/linux-x64/native/libmlcnn.so, built against this machine's libtorch), Ml.Cnn.Transforms, Ml.Cnn.Estimators,
# Ml.Cnn.Sweeps, Ml.Cnn.Reports and Ml.Cnn.Interactive (the notebook extension). Use the folder as a package source
# (nuget.config, or `#i "nuget: FOLDER"` in a notebook).
# Usage: bash scripts/pack.sh [FEED] [--no-build]   (default FEED: artifacts/feed; --no-build packs the Release build
#        that is there, as the tests do after scripts/setup.sh)
# The last stdout line is the feed folder.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
feed="$root/artifacts/feed"
build=yes
for arg in "$@"; do
  case "$arg" in
    --no-build) build=no ;;
    -*) echo "pack: unknown option $arg (usage: bash scripts/pack.sh [FEED] [--no-build])" >&2; exit 2 ;;
    *) feed="$arg" ;;
  esac
done
feed="$(realpath -m "$feed")"
if [ "$build" = yes ]; then bash "$root/scripts/setup.sh"; fi
mkdir -p "$feed"
for project in Ml.Cnn.Core Ml.Cnn.Transforms Ml.Cnn.Estimators Ml.Cnn.Sweeps Ml.Cnn.Reports Ml.Cnn Ml.Cnn.Interactive; do
  options=(-c Release -p:MlCnnSkipNative=true -o "$feed" -nologo -v q)
  if [ "$build" = no ]; then options+=(--no-build); fi
  dotnet pack "$root/src/$project/$project.csproj" "${options[@]}" >&2
done
echo "pack: packages in $feed:" >&2
ls "$feed"/*.nupkg >&2
printf '%s\n' "$feed"
