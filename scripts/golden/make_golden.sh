#!/usr/bin/env bash
# Writes the golden set into OUT with the speclens binary BIN: the demo (site, dataset, single
# file), the MiniLM sweep (full + three LoRA adapters: dataset, site, CSV and JSONL export), every
# PEFT variant of Tests/SpeclensCheckpointsTests/PEFTReference (dataset and site), the 12-run
# experiment of `make check-site` (read at ε = 0.7, 0.5, 0.9) and a site of two experiments.
# Two golden sets made by two builds compare with `diff -r`: a refactoring must leave them equal,
# except for deliberate, documented additions.
#
# Usage: scripts/golden/make_golden.sh BIN OUT   (run from the repository root; the inputs are read
# by the same relative paths each time, so that recorded paths are equal too, whatever OUT is)
set -euo pipefail
BIN=$(realpath "$1"); OUT=$2
FIXTURES=${SPECLENS_FIXTURES:-../shared/fixtures}
rm -rf "$OUT"; mkdir -p "$OUT"
export OPENBLAS_NUM_THREADS=1

"$BIN" demo -o "$OUT/demo" --single-file "$OUT/demo-single.html" --fresh >/dev/null

M=$FIXTURES/minilm
"$BIN" analyze "$M/base" "$M/full" "$M/lora-r1-a2" "$M/lora-r8-a16" "$M/lora-r64-a128" -o "$OUT/minilm.json" >/dev/null
"$BIN" render "$OUT/minilm.json" -o "$OUT/minilm" --epsilon 0.9,0.5 >/dev/null
"$BIN" export "$OUT/minilm.json" -o "$OUT/minilm.csv" >/dev/null
"$BIN" export "$OUT/minilm.json" -o "$OUT/minilm.jsonl" --format jsonl >/dev/null

P=Tests/SpeclensCheckpointsTests/PEFTReference
for variant in $(ls "$P"); do
  [ -d "$P/$variant/adapter" ] || continue
  "$BIN" analyze "$P/$variant/base" "$P/$variant/adapter" -o "$OUT/peft-$variant.json" --allow-unrelated >/dev/null 2>&1 \
    || "$BIN" analyze "$P/$variant/base" "$P/$variant/adapter" -o "$OUT/peft-$variant.json" >/dev/null
  "$BIN" render "$OUT/peft-$variant.json" -o "$OUT/peft-$variant" >/dev/null
done

/usr/bin/python3 Tests/browser/twelve_runs.py "$OUT/demo/dataset.json" "$OUT/twelve.json"
"$BIN" render "$OUT/twelve.json" -o "$OUT/twelve" --epsilon 0.7,0.5,0.9 --single-file "$OUT/twelve-single.html" >/dev/null
"$BIN" export "$OUT/twelve.json" -o "$OUT/twelve.csv" >/dev/null
(cd "$OUT" && "$BIN" site demo/dataset.json twelve.json -o experiments --epsilon 0.7,0.5 >/dev/null)
find "$OUT" -name '*.journal' -delete
echo "golden set: $(find "$OUT" -type f | wc -l) files in $OUT"
