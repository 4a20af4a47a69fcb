# Sourced by the benchmark scripts: the memory allocators PyTorch runs with, so that every comparison is against
# PyTorch's best configuration on this machine (issue 17). glibc: as installed; glibc-thresholds: glibc with mmap and trim
# thresholds raised, so the few-MB tensors of each step are not mapped and unmapped (page faults) every step; tcmalloc:
# gperftools' tcmalloc preloaded, the fix PyTorch's CPU tuning guides give. The fastest is taken, and reported.
PYTORCH_ALLOCATORS=(glibc glibc-thresholds tcmalloc)

# Finds libtcmalloc_minimal.so.4, installing Debian's libtcmalloc-minimal4 when it is missing; prints its path.
tcmalloc_library() {
  local library
  library="$(/sbin/ldconfig -p 2>/dev/null | awk '/libtcmalloc_minimal\.so\.4 / {print $NF; exit}')"
  if [ -z "$library" ]; then
    if [ "$(id -u)" -eq 0 ] && command -v apt-get >/dev/null; then
      echo "bench: installing libtcmalloc-minimal4 (tcmalloc for the PyTorch runs)" >&2
      (apt-get install -y libtcmalloc-minimal4 >&2 || { apt-get update >&2 && apt-get install -y libtcmalloc-minimal4 >&2; }) ||
        { echo "bench: installing libtcmalloc-minimal4 failed" >&2; return 1; }
      library="$(/sbin/ldconfig -p | awk '/libtcmalloc_minimal\.so\.4 / {print $NF; exit}')"
    fi
  fi
  [ -n "$library" ] || { echo "bench: libtcmalloc_minimal.so.4 not found; install it (Debian: apt-get install libtcmalloc-minimal4)" >&2; return 1; }
  printf '%s\n' "$library"
}

# The environment assignments (for env) of one allocator configuration; $2 is tcmalloc's path.
pytorch_allocator_env() {
  case "$1" in
    glibc) ;;
    glibc-thresholds) printf '%s\n' "MALLOC_MMAP_THRESHOLD_=1000000000" "MALLOC_TRIM_THRESHOLD_=4000000000" ;;
    tcmalloc) printf '%s\n' "LD_PRELOAD=$2" ;;
    *) echo "bench: unknown allocator $1" >&2; return 1 ;;
  esac
}
