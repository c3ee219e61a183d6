#!/usr/bin/env bash
# Checks that Swiftlet's safetensors files and PyTorch's interoperate, in both directions:
#   1. `swiftlet model init --preset 2nn` writes a file that safetensors.torch.load_file reads, with
#      PyTorch's names and shapes (fc1.weight [200, 784], …), loadable into the equivalent torch.nn model;
#   2. a file written by safetensors.torch.save_file from a torch model passes `swiftlet model inspect`.
# Needs Python 3 with: pip install safetensors numpy (plus torch for the torch.nn checks; without torch the
# same files are read and written through safetensors.numpy).
# Usage (from anywhere): scripts/check-safetensors-interop.sh
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
python="${PYTHON:-python3}"
"$python" -c "import safetensors, numpy" 2>/dev/null || {
    echo "error: needs Python packages safetensors and numpy: $python -m pip install safetensors numpy" >&2
    exit 2
}

tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT

swiftlet() { swift run -c release swiftlet "$@"; }

echo "== swiftlet model init --preset 2nn --seed 1"
swiftlet model init --preset 2nn --seed 1 --output "$tmp/m.safetensors"
test -s "$tmp/m.safetensors" || { echo "error: swiftlet wrote no file at $tmp/m.safetensors" >&2; exit 1; }

echo "== PyTorch reads the Swiftlet file"
"$python" scripts/check_safetensors_interop.py check-swift-file "$tmp/m.safetensors"

echo "== Swiftlet reads a PyTorch file"
"$python" scripts/check_safetensors_interop.py write-torch-file "$tmp/torch.safetensors"
if ! swiftlet model inspect "$tmp/torch.safetensors" --preset 2nn; then
    echo "FAIL: swiftlet model inspect rejected the file written by safetensors.torch.save_file" >&2
    exit 1
fi

echo "== Swiftlet rejects a truncated file"
head -c 1000 "$tmp/torch.safetensors" > "$tmp/truncated.safetensors"
if swiftlet model inspect "$tmp/truncated.safetensors" >/dev/null 2>&1; then
    echo "FAIL: swiftlet model inspect accepted a truncated safetensors file" >&2
    exit 1
fi

echo "safetensors interop: OK"
