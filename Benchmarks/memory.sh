#!/usr/bin/env bash
# Peak resident memory of `speclens analyze` on a 4-layer and a 16-layer LLaMA-shaped model
# (hidden 512): it should not grow with the number of layers.
# usage: Benchmarks/memory.sh [PYTHON]   (PYTHON: an interpreter with numpy and safetensors)
set -euo pipefail
cd "$(dirname "$0")/.."
PYTHON=${1:-python3}
swift build -c release --product speclens >/dev/null
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
for layers in 4 16; do
    "$PYTHON" Benchmarks/synthetic_model.py "$work/m$layers" --layers "$layers"
    size=$(du -sh "$work/m$layers/base" | cut -f1)
    /usr/bin/time -f "$layers layers (base $size): %e s wall, peak RSS %M KB" \
        .build/release/speclens analyze "$work/m$layers/base" "$work/m$layers/tuned" \
        -o "$work/d$layers.json" 2>&1 | tail -1
done
