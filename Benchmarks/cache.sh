#!/usr/bin/env bash
# The base decomposition cache: a new LoRA adapter analysed against a base already in the cache
# (warm: the cache filled by an analysis of another adapter) vs an empty cache (cold) and
# --no-cache, in one command, release build, OPENBLAS_NUM_THREADS=1 and the default workers.
# Runs the MiniLM fixtures (base + lora-r1-a2, primed with lora-r8-a16) and a RoBERTa-base-shaped
# synthetic model (4 layers: 768×768, 3072×768, 768×3072; two r = 8 adapters from
# roberta_lora.py). Prints the median of REPEATS runs of each (wall-clock and CPU seconds), the
# ratios, and the cache's size. Extra arguments after REPEATS go to every analysis (e.g.
# --no-controls).
#
# usage: Benchmarks/cache.sh [PYTHON] [REPEATS] [ANALYSIS OPTION...]   (PYTHON needs numpy)
set -euo pipefail
cd "$(dirname "$0")/.."
python=${1:-python3}
repeats=${2:-3}
extra=("${@:3}")
swift build -c release >/dev/null
bin=$PWD/.build/release/speclens
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
export OPENBLAS_NUM_THREADS=1
"$python" Benchmarks/roberta_lora.py "$work/roberta" --layers 4 --adapters 2
fixtures=${SPECLENS_FIXTURES:-$PWD/../shared/fixtures}/minilm

# "WALL CPU": wall-clock and CPU (user + system) seconds of `speclens analyze "$@"`. CPU time
# is the steadier figure on a machine shared with other work.
seconds() {
    /usr/bin/time -f "%e %U %S" -o "$work/time" "$bin" analyze "$@" "${extra[@]}" -o "$work/d.json" >/dev/null 2>&1
    awk '{ printf "%.2f %.2f", $1, $2 + $3 }' "$work/time"
}
median() { tr ' ' '\n' | sort -n | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'; }
ratio() { echo "$1 $2" | awk '{ printf "%.3f", $1 / $2 }'; }

# measure NAME BASE PRIMER ADAPTER
measure() {
    local name=$1 base=$2 primer=$3 adapter=$4 size t
    local -a none_wall=() none_cpu=() cold_wall=() cold_cpu=() warm_wall=() warm_cpu=()
    for _ in $(seq "$repeats"); do
        read -r -a t <<<"$(seconds "$base" "$adapter" --no-cache)"
        none_wall+=("${t[0]}") none_cpu+=("${t[1]}")
        rm -rf "$work/cache"
        read -r -a t <<<"$(seconds "$base" "$adapter" --cache "$work/cache")"
        cold_wall+=("${t[0]}") cold_cpu+=("${t[1]}")
        rm -rf "$work/cache"
        "$bin" analyze "$base" "$primer" --cache "$work/cache" "${extra[@]}" -o "$work/primer.json" >/dev/null 2>&1
        read -r -a t <<<"$(seconds "$base" "$adapter" --cache "$work/cache")"
        warm_wall+=("${t[0]}") warm_cpu+=("${t[1]}")
    done
    size=$(du -sb "$work/cache/decompositions" | cut -f1)
    local nw nc cw cc ww wc
    nw=$(echo "${none_wall[*]}" | median) nc=$(echo "${none_cpu[*]}" | median)
    cw=$(echo "${cold_wall[*]}" | median) cc=$(echo "${cold_cpu[*]}" | median)
    ww=$(echo "${warm_wall[*]}" | median) wc=$(echo "${warm_cpu[*]}" | median)
    echo "$name: cache $size bytes ($(echo "$size" | awk '{ printf "%.1f", $1 / 1048576 }') MiB)"
    printf '  wall s: no cache %s | cold %s | warm %s | warm/cold %s | cold/no cache %s\n' \
        "$nw" "$cw" "$ww" "$(ratio "$ww" "$cw")" "$(ratio "$cw" "$nw")"
    printf '  CPU s:  no cache %s | cold %s | warm %s | warm/cold %s | cold/no cache %s\n' \
        "$nc" "$cc" "$wc" "$(ratio "$wc" "$cc")" "$(ratio "$cc" "$nc")"
}

echo "median of $repeats runs each; cores: $(nproc); $("$bin" --version)"
if [ -d "$fixtures/base" ]; then
    measure "MiniLM (37 matrices)" "$fixtures/base" "$fixtures/lora-r8-a16" "$fixtures/lora-r1-a2"
fi
measure "RoBERTa-shaped (24 matrices)" "$work/roberta/base" "$work/roberta/lora-0" "$work/roberta/lora-1"
