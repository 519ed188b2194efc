#!/usr/bin/env bash
# The base decomposition cache: a new LoRA adapter analysed against a base already in the cache
# (warm: the cache filled by an analysis of another adapter) vs an empty cache (cold) and
# --no-cache, in one command, release build, OPENBLAS_NUM_THREADS=1 and the default workers.
# Runs the MiniLM fixtures (base + lora-r1-a2, primed with lora-r8-a16) and a RoBERTa-base-shaped
# synthetic model (4 layers: 768×768, 3072×768, 768×3072; two r = 8 adapters from
# roberta_lora.py). Prints the median of REPEATS runs of each, the ratios, and the cache's size.
#
# usage: Benchmarks/cache.sh [PYTHON] [REPEATS]   (PYTHON needs numpy)
set -euo pipefail
cd "$(dirname "$0")/.."
python=${1:-python3}
repeats=${2:-3}
swift build -c release >/dev/null
bin=$PWD/.build/release/speclens
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
export OPENBLAS_NUM_THREADS=1
"$python" Benchmarks/roberta_lora.py "$work/roberta" --layers 4 --adapters 2
fixtures=${SPECLENS_FIXTURES:-$PWD/../shared/fixtures}/minilm

# Seconds (3 decimals) that `speclens analyze "$@"` takes.
seconds() {
    local start end
    start=$(date +%s%N)
    "$bin" analyze "$@" -o "$work/d.json" >/dev/null 2>&1
    end=$(date +%s%N)
    echo $(((end - start) / 1000000)) | awk '{ printf "%.3f", $1 / 1000 }'
}
median() { tr ' ' '\n' | sort -n | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'; }

# measure NAME BASE PRIMER ADAPTER
measure() {
    local name=$1 base=$2 primer=$3 adapter=$4 none="" cold="" warm="" size
    for _ in $(seq "$repeats"); do
        none+=" $(seconds "$base" "$adapter" --no-cache)"
        rm -rf "$work/cache"
        cold+=" $(seconds "$base" "$adapter" --cache "$work/cache")"
        rm -rf "$work/cache"
        "$bin" analyze "$base" "$primer" --cache "$work/cache" -o "$work/primer.json" >/dev/null 2>&1
        warm+=" $(seconds "$base" "$adapter" --cache "$work/cache")"
    done
    size=$(du -sb "$work/cache/decompositions" | cut -f1)
    local n c w
    n=$(echo $none | median) c=$(echo $cold | median) w=$(echo $warm | median)
    printf '%-28s no cache %7.3f s | cold %7.3f s | warm %7.3f s | warm/cold %.3f | cold/no cache %.3f | cache %s bytes (%.1f MiB)\n' \
        "$name" "$n" "$c" "$w" "$(echo "$w $c" | awk '{ print $1 / $2 }')" "$(echo "$c $n" | awk '{ print $1 / $2 }')" \
        "$size" "$(echo "$size" | awk '{ print $1 / 1048576 }')"
}

echo "median of $repeats runs each; cores: $(nproc); $("$bin" --version)"
if [ -d "$fixtures/base" ]; then
    measure "MiniLM (37 matrices)" "$fixtures/base" "$fixtures/lora-r8-a16" "$fixtures/lora-r1-a2"
fi
measure "RoBERTa-shaped (24 matrices)" "$work/roberta/base" "$work/roberta/lora-0" "$work/roberta/lora-1"
