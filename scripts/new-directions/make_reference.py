#!/usr/bin/env python3
"""Float64 reference for `top_span_fraction_top_k` (docs/method.md §1.7) on the MiniLM fine-tunes
of ../shared/fixtures/minilm: for each run and each of the 36 encoder matrices, the norm of each
top-10 fine-tuned left singular vector's projection on the span of W0's top 20 left singular
vectors, computed from the checkpoints in float64 with numpy's SVD, independently of speclens.
LoRA runs are merged as W0 + (alpha/r)·B·A in float64.

Usage: make_reference.py FIXTURES/minilm OUT.json   (numpy only; reads safetensors by hand)
"""
import json
import os
import struct
import sys

import numpy as np

K = 10


def read_safetensors(path):
    with open(path, 'rb') as f:
        length = struct.unpack('<Q', f.read(8))[0]
        header = json.loads(f.read(length))
        data = f.read()
    tensors = {}
    for name, info in header.items():
        if name == '__metadata__' or info['dtype'] != 'F32':
            continue
        start, end = info['data_offsets']
        tensors[name] = np.frombuffer(data[start:end], dtype='<f4').reshape(info['shape']).astype(np.float64)
    return tensors


def top_left(matrix, count):
    u, _, _ = np.linalg.svd(matrix, full_matrices=False)
    return u[:, :count]


def main(folder, out):
    base = read_safetensors(os.path.join(folder, 'base', 'model.safetensors'))
    names = sorted(n for n in base if n.startswith('encoder.layer') and n.endswith('.weight') and base[n].ndim == 2)
    result = {}
    for run in ['full', 'lora-r1-a2', 'lora-r8-a16', 'lora-r64-a128']:
        path = os.path.join(folder, run)
        if run == 'full':
            tuned = read_safetensors(os.path.join(path, 'model.safetensors'))
            weight = lambda name: tuned['bert.' + name]
        else:
            config = json.load(open(os.path.join(path, 'adapter_config.json')))
            adapter = read_safetensors(os.path.join(path, 'adapter_model.safetensors'))
            scale = config['lora_alpha'] / config['r']

            def weight(name, adapter=adapter, scale=scale):
                stem = 'base_model.model.bert.' + name[:-len('.weight')]
                a, b = adapter.get(stem + '.lora_A.weight'), adapter.get(stem + '.lora_B.weight')
                return base[name] if a is None else base[name] + scale * (b @ a)
        matrices = {}
        for name in names:
            span = top_left(base[name], 2 * K)
            top = top_left(weight(name), K)
            matrices[name] = [round(float(x), 6) for x in np.linalg.norm(span.T @ top, axis=0)]
        result[run] = matrices
    with open(out, 'w') as f:
        json.dump(result, f, indent=1, sort_keys=True)
        f.write('\n')


if __name__ == '__main__':
    main(sys.argv[1], sys.argv[2])
