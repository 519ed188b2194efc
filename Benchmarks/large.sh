#!/usr/bin/env bash
# Side by side on LLaMA-7B-shaped matrices (one layer: q/k/v/o 4096×4096, gate/up 11008×4096,
# down 4096×11008): speclens against the reference-style implementation, same 2 cores.
# usage: Benchmarks/large.sh [PYTHON]   (PYTHON: with torch, numpy and safetensors)
set -euo pipefail
cd "$(dirname "$0")/.."
PYTHON=${1:-python3}
swift build -c release --product speclens >/dev/null
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
"$PYTHON" Benchmarks/synthetic_model.py "$work" --layers 1 --hidden 4096 --ffn 11008
/usr/bin/time -f "speclens:  %e s wall, peak RSS %M KB" .build/release/speclens analyze \
    "$work/base" "$work/tuned" --workers 2 --spectrum-buckets 0 -o "$work/speclens.json" 2>&1 | tail -1
/usr/bin/time -f "reference: %e s wall, peak RSS %M KB" "$PYTHON" Benchmarks/reference_analysis.py \
    "$work/base" "$work/tuned" --threads 2 > "$work/reference.json" 2>"$work/time.txt" || true
tail -1 "$work/time.txt"
