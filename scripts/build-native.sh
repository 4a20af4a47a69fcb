#!/usr/bin/env bash
# Configures and builds native/ into native/build. When CMake reports that no libtorch can be found, installs Debian's
# libtorch-dev (once) and tries again. Idempotent: a second run only rebuilds what changed.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
build="$root/native/build"
log="$(mktemp)"
trap 'rm -f "$log"' EXIT

configure() { cmake -S "$root/native" -B "$build" -DCMAKE_BUILD_TYPE=Release >"$log" 2>&1; }

if ! configure; then
  if grep -q MLCNN_NO_LIBTORCH "$log"; then
    echo "setup: no libtorch found; installing Debian's libtorch-dev (apt-get)" >&2
    if [ "$(id -u)" -eq 0 ]; then sudo=""; else sudo="sudo"; fi
    $sudo apt-get update -qq >&2
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq libtorch-dev >&2
    configure || { cat "$log" >&2; exit 1; }
  else
    cat "$log" >&2
    exit 1
  fi
fi
# Optional parts CMake reports missing: install the Debian package (once) and configure again.
optional() {
  local marker="$1" package="$2" what="$3"
  if grep -q "$marker" "$log" && command -v apt-get >/dev/null; then
    echo "setup: $what not found; installing Debian's $package (apt-get)" >&2
    if [ "$(id -u)" -eq 0 ]; then sudo=""; else sudo="sudo"; fi
    $sudo apt-get update -qq >&2
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "$package" >&2 || echo "setup: $package could not be installed; $what stays disabled" >&2
    rm -f "$build/CMakeCache.txt"
    configure || { cat "$log" >&2; exit 1; }
  fi
}
optional MLCNN_NO_STB libstb-dev "stb_image (image decoding)"
optional MLCNN_NO_GLOO libgloo-dev "Gloo's headers (distributed training)"
optional MLCNN_NO_DNNL libdnnl-dev "oneDNN's headers (Winograd convolutions)"
grep -E "^-- mlcnn:" "$log" >&2 || true
cmake --build "$build" -j "$(nproc)" >"$log" 2>&1 || { cat "$log" >&2; exit 1; }
echo "setup: native library ready at $build/libmlcnn.so" >&2
