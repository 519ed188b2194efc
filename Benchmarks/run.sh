#!/usr/bin/env bash
# Times speclens against the reference-style implementation (reference_analysis.py), side by
# side in one command, on the same inputs and the same 2 cores, and checks they agree.
# usage: Benchmarks/run.sh [PYTHON]   (PYTHON: an interpreter with torch and safetensors)
# Defaults to the minilm fixtures (all four runs, the 36 encoder matrices).
set -euo pipefail
cd "$(dirname "$0")/.."
PYTHON=${1:-python3}
FIXTURES=${SPECLENS_FIXTURES:-../shared/fixtures}/minilm
RUNS=("$FIXTURES/full" "$FIXTURES/lora-r1-a2" "$FIXTURES/lora-r8-a16" "$FIXTURES/lora-r64-a128")
swift build -c release --product speclens >/dev/null
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT

start=$(date +%s.%N)
.build/release/speclens analyze "$FIXTURES/base" "${RUNS[@]}" --include 'encoder\.layer' \
    --workers 2 --spectrum-buckets 0 -o "$out/speclens.json" 2>/dev/null
speclens_seconds=$(echo "$(date +%s.%N) - $start" | bc)

start=$(date +%s.%N)
OPENBLAS_NUM_THREADS=2 "$PYTHON" Benchmarks/reference_analysis.py "$FIXTURES/base" "${RUNS[@]}" \
    --include 'encoder\.layer' --threads 2 > "$out/reference.json"
reference_seconds=$(echo "$(date +%s.%N) - $start" | bc)

"$PYTHON" - "$out/speclens.json" "$out/reference.json" "$speclens_seconds" "$reference_seconds" <<'PY'
import json, sys
ours, ref = json.load(open(sys.argv[1])), json.load(open(sys.argv[2]))
s, r = float(sys.argv[3]), float(sys.argv[4])
print(f"speclens   {s:7.2f} s (wall, incl. process start and reading)")
print(f"reference  {r:7.2f} s (wall, incl. interpreter and torch import)")
print(f"ratio      {r / s:7.2f}x faster")
for run in ours["runs"]:
    theirs = ref[run["id"]]
    same = run["summary"]["intruders_by_epsilon"] == theirs["intruders_by_epsilon"]
    print(f"  {run['id']:15s} intruder curve {'equal' if same else 'DIFFERS'}; mean effective rank "
          f"{run['summary']['mean_effective_rank']:.3f} vs {theirs['mean_effective_rank']:.3f}")
PY
