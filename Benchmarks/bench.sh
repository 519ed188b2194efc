#!/usr/bin/env bash
# `make bench` / `make bench-large`: builds speclens in release mode, writes the benchmark inputs
# deterministically into .build/bench (kept between runs; remade when bench_inputs.py changes),
# then times speclens against the reference-style implementation (bench.py).
# usage: Benchmarks/bench.sh [--large | --layers N] [bench.py options, e.g. --reps 5 --workers 2]
#   --layers N: a RoBERTa-base-shaped set of N layers instead of 12 (quicker, e.g. on a busy machine)
# PYTHON: an interpreter with torch, safetensors and numpy; default /tmp/peftenv/bin/python when
# present, else a virtual environment made (once) in .build/bench-venv with torch (CPU wheels),
# safetensors and numpy.
set -euo pipefail
cd "$(dirname "$0")/.."
set_name=roberta12
generate=(--layers 12)
if [ "${1:-}" = "--large" ]; then
    shift
    set_name=llama7b-layer
    generate=(--large)
elif [ "${1:-}" = "--layers" ]; then
    set_name=roberta$2
    generate=(--layers "$2")
    shift 2
fi

if [ -z "${PYTHON:-}" ]; then
    if [ -x /tmp/peftenv/bin/python ]; then
        PYTHON=/tmp/peftenv/bin/python
    else
        if [ ! -x .build/bench-venv/bin/python ]; then
            echo "bench: making .build/bench-venv (torch CPU, safetensors, numpy)"
            python3 -m venv .build/bench-venv
            .build/bench-venv/bin/pip install -q torch --index-url https://download.pytorch.org/whl/cpu
            .build/bench-venv/bin/pip install -q safetensors numpy
        fi
        PYTHON=.build/bench-venv/bin/python
    fi
fi
"$PYTHON" -c "import torch, safetensors, numpy" || { echo "bench: $PYTHON lacks torch, safetensors or numpy (set PYTHON=…)"; exit 1; }

swift build -c release --product speclens >/dev/null
inputs=.build/bench/$set_name
stamp=$(sha256sum Benchmarks/bench_inputs.py | cut -c1-16)
if [ "$(cat "$inputs/.stamp" 2>/dev/null)" != "$stamp" ]; then
    echo "bench: writing inputs into $inputs"
    rm -rf "$inputs"
    "$PYTHON" Benchmarks/bench_inputs.py "$inputs" "${generate[@]}"
    echo "$stamp" > "$inputs/.stamp"
fi
"$PYTHON" Benchmarks/bench.py .build/release/speclens "$inputs" --python "$PYTHON" "$@"
