#!/usr/bin/env bash
# Executes the notebooks of examples/notebooks in real Jupyter with the .NET Interactive kernel, and writes the executed
# copies (with their outputs) back in place, so the repository shows them rendered. A notebook whose cell fails or writes
# an error or standard-error output fails the script and is left as it was.
#   - installs Jupyter's nbconvert (apt: jupyter-nbconvert) and the dotnet-interactive tool (artifacts/tools) when missing
#   - registers the kernel as ".net-csharp" in artifacts/jupyter, started with --http-local-only; to open the notebooks
#     in a Jupyter of your own with it: export JUPYTER_PATH="$PWD/artifacts/jupyter"
#   - builds (scripts/setup.sh), fetches Fashion-MNIST, packs the NuGet feed the notebooks load (artifacts/feed)
# Usage: bash scripts/run-notebooks.sh [NOTEBOOK.ipynb ...]   (default: every notebook of examples/notebooks)
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
log() { echo "run-notebooks: $*" >&2; }
tool_version=1.0.712001
tools="$root/artifacts/tools"
jupyter_path="$root/artifacts/jupyter"

if ! command -v jupyter-nbconvert >/dev/null; then
  log "installing jupyter-nbconvert (apt-get)"
  if [ "$(id -u)" -eq 0 ]; then sudo=""; else sudo="sudo"; fi
  $sudo apt-get update -qq >&2
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq jupyter-nbconvert >&2
fi
if [ ! -d "$tools/.store/microsoft.dotnet-interactive/$tool_version" ]; then
  log "installing the dotnet-interactive tool $tool_version into $tools"
  rm -rf "$tools"
  dotnet tool install Microsoft.dotnet-interactive --version "$tool_version" --tool-path "$tools" >&2
fi
mkdir -p "$jupyter_path/kernels/.net-csharp"
cat > "$jupyter_path/kernels/.net-csharp/kernel.json" <<JSON
{
  "argv": ["$tools/dotnet-interactive", "jupyter", "--default-kernel", "csharp", "{connection_file}", "--http-local-only"],
  "display_name": ".NET (C#)",
  "language": "C#"
}
JSON

bash "$root/scripts/setup.sh"
bash "$root/scripts/fetch-fashion-mnist.sh"
version="$(sed -n 's:.*<Version>\(.*\)</Version>.*:\1:p' "$root/Directory.Build.props" | head -1)"
[ -n "$version" ] || { log "error: no <Version> in Directory.Build.props"; exit 1; }

if [ "$#" -gt 0 ]; then notebooks=("$@"); else notebooks=("$root"/examples/notebooks/*.ipynb); fi
export DOTNET_INTERACTIVE_CLI_TELEMETRY_OPTOUT=1
export JUPYTER_PATH="$jupyter_path${JUPYTER_PATH:+:$JUPYTER_PATH}"
out="$(mktemp -d)"
trap 'rm -rf "$out"' EXIT
# The tests pack and empty the same NuGet cache entries under this lock (tests/Shared/PackageCacheLock.cs).
exec 9>"${TMPDIR:-/tmp}/mlcnn-nuget-cache.lock"
flock 9
bash "$root/scripts/pack.sh" --no-build >/dev/null
# The kernel restores Ml.Cnn.Interactive from the feed: drop this version from the NuGet cache so it takes the new packages.
rm -rf "${NUGET_PACKAGES:-$HOME/.nuget/packages}"/ml.cnn*/"$version"
for notebook in "${notebooks[@]}"; do
  log "executing $notebook"
  executed="$out/$(basename "$notebook")"
  # The kernel starts in the notebook's own folder (--ExecutePreprocessor's default), where its relative paths point.
  jupyter-nbconvert --to notebook --execute --ExecutePreprocessor.kernel_name=.net-csharp \
    --ExecutePreprocessor.timeout=600 --output-dir "$out" "$notebook" >&2
  python3 - "$executed" <<'PY'
import json, sys
path = sys.argv[1]
cells = json.load(open(path, encoding="utf-8"))["cells"]
bad = [(i, o) for i, c in enumerate(cells) for o in c.get("outputs", [])
       if o.get("output_type") == "error" or (o.get("output_type") == "stream" and o.get("name") == "stderr")]
for i, o in bad:
    print(f"run-notebooks: {path}: cell {i}: {o.get('ename') or 'stderr'}: {o.get('evalue') or ''.join(o.get('text', ''))}", file=sys.stderr)
sys.exit(1 if bad else 0)
PY
  cp "$executed" "$notebook"
done
log "executed ${#notebooks[@]} notebooks; their outputs are saved in place"
