#!/usr/bin/env bash
# Times the default analysis (certified top triplets, whole spectrum for a sample) against the
# exact path with every spectrum (`--full-spectra --tuned-decomposition exact`, what speclens did
# before), interleaved in one command, on RoBERTa-base-shaped synthetic layers (roberta_layers.py)
# for one full fine-tune and one LoRA adapter, and prints the paths taken and whether intruder
# counts agree.
# usage: Benchmarks/fastpath.sh [PYTHON] [decaying|gaussian] [REPEATS]
set -euo pipefail
cd "$(dirname "$0")/.."
PYTHON=${1:-python3}
SPECTRUM=${2:-decaying}
REPEATS=${3:-2}
[ -n "${SPECLENS_BENCH_NO_BUILD:-}" ] || swift build -c release --product speclens >/dev/null
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
"$PYTHON" Benchmarks/roberta_layers.py "$out/model" --spectrum "$SPECTRUM"
export OPENBLAS_NUM_THREADS=1
# CPU seconds (user + system) rather than wall time: the figure that does not depend on what
# else runs on the machine.
run() {  # name, run dir, extra flags...
    local name=$1 tuned=$2; shift 2
    local TIMEFORMAT="%U %S"
    local cpu
    cpu=$( { time .build/release/speclens analyze "$out/model/base" "$tuned" --workers 2 \
        -o "$out/$name.json" "$@" 2>/dev/null; } 2>&1 )
    echo "$name $(echo "$cpu" | awk '{print $1 + $2}')" >> "$out/times"
}
for _ in $(seq "$REPEATS"); do
    for kind in full lora-r8; do
        run "$kind-exact" "$out/model/$kind" --full-spectra --tuned-decomposition exact
        run "$kind-default" "$out/model/$kind"
    done
done
"$PYTHON" - "$out" <<'PY'
import json, statistics, sys, collections
out = sys.argv[1]
times = collections.defaultdict(list)
for line in open(f"{out}/times"):
    name, seconds = line.split()
    times[name].append(float(seconds))
for kind in ("full", "lora-r8"):
    exact, fast = statistics.median(times[f"{kind}-exact"]), statistics.median(times[f"{kind}-default"])
    a, b = json.load(open(f"{out}/{kind}-exact.json")), json.load(open(f"{out}/{kind}-default.json"))
    paths = collections.Counter()
    for m in b["runs"][0]["matrices"]:
        paths[m.get("tuned_decomposition")] += 1
        for c in m.get("null_controls") or []:
            paths["control " + str(c.get("decomposition"))] += 1
    same = a["runs"][0]["summary"]["intruders_by_epsilon"] == b["runs"][0]["summary"]["intruders_by_epsilon"]
    worst = max(abs(x - y) for ma, mb in zip(a["runs"][0]["matrices"], b["runs"][0]["matrices"])
                for x, y in zip(ma["max_cosine_top_k"], mb["max_cosine_top_k"]))
    print(f"{kind:8s} exact+full spectra {exact:6.2f} s CPU  default {fast:6.2f} s CPU  ratio {fast / exact:.2f}  "
          f"(runs {times[kind + '-exact']} / {times[kind + '-default']})")
    print(f"         paths {dict(paths)}; intruder curve {'equal' if same else 'DIFFERS'}; max |Δ max|cos|| {worst:.2e}")
PY
