#!/usr/bin/env bash
# Prepares, on a machine with the .NET SDK, what bench/gpu/run.sh needs on a GPU machine that has no .NET and no
# network, under artifacts/gpu (gitignored, about 56 MB):
#   training-app.tar.xz   bench/training published self-contained for linux-x64 (no .NET and no ICU needed to run it)
#   fashion-mnist/*.gz    the four Fashion-MNIST IDX files, gzipped (fetched first when missing)
# Then carry artifacts/gpu to the GPU machine with the working tree and run `bash bench/gpu/run.sh` there.
# See bench/README.md, "GPU".
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../.." && pwd)"
out="$root/artifacts/gpu"
mnist="$root/data/fashion-mnist"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
command -v dotnet >/dev/null || { echo "gpu-pack: dotnet not found; install the .NET 10 SDK" >&2; exit 1; }

bash "$root/scripts/fetch-fashion-mnist.sh" "$mnist"
rm -rf "$out"
mkdir -p "$out/fashion-mnist"
echo "gpu-pack: publishing bench/training self-contained for linux-x64" >&2
dotnet publish "$root/bench/training/Training.csproj" -c Release -r linux-x64 --self-contained -p:MlCnnSkipNative=true -p:InvariantGlobalization=true \
  -o "$work/app" -nologo -v quiet >&2
tar -C "$work/app" -cf - . | xz -T0 -6 >"$out/training-app.tar.xz"
for name in train-images-idx3-ubyte train-labels-idx1-ubyte t10k-images-idx3-ubyte t10k-labels-idx1-ubyte; do
  if [ -f "$mnist/$name" ]; then gzip -9 -c "$mnist/$name" >"$out/fashion-mnist/$name.gz"; else cp "$mnist/$name.gz" "$out/fashion-mnist/"; fi
done
echo "gpu-pack: $(du -sh "$out" | cut -f1) in $out; carry artifacts/gpu and run: bash bench/gpu/run.sh" >&2
