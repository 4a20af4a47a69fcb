# Sourced by the benchmark scripts that profile bench/training (bench/profile/run.sh, bench/winograd/run.sh): the data a
# model trains on, fetched or converted when missing, and bench/training built (Release, the shim's native library as
# built by scripts/build-native.sh).

# prepare_training_inputs ROOT MODEL: Fashion-MNIST in ROOT/data/fashion-mnist and, for resnet, its 32x32 RGB conversion
# in ROOT/data/fashion-mnist-rgb32 (bench/make_rgb32.py); then builds bench/training. Prints the training benchmark's dll.
prepare_training_inputs() {
  local root="$1" model="$2"
  bash "$root/scripts/fetch-fashion-mnist.sh" "$root/data/fashion-mnist" >&2 ||
    { echo "bench: fetching Fashion-MNIST failed" >&2; return 1; }
  if [ "$model" = resnet ]; then
    /usr/bin/python3 "$root/bench/make_rgb32.py" --source "$root/data/fashion-mnist" --out "$root/data/fashion-mnist-rgb32" >&2 ||
      { echo "bench: converting Fashion-MNIST to 32x32 RGB failed" >&2; return 1; }
  fi
  dotnet build "$root/bench/training/Training.csproj" -c Release -p:MlCnnSkipNative=true >/dev/null ||
    { echo "bench: building bench/training failed" >&2; return 1; }
  printf '%s\n' "$root/bench/training/bin/Release/net10.0/mlcnn-training-bench.dll"
}
