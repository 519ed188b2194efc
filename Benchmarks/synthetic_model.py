#!/usr/bin/env python3
"""Writes a LLaMA-shaped synthetic base model and a full fine-tune of it (base/, tuned/) as
safetensors, for benchmarks of speed and memory. Not part of speclens; needs numpy, safetensors.

usage: synthetic_model.py OUT_DIR --layers N [--hidden H] [--ffn F]
"""
import argparse
import os

import numpy as np
from safetensors.numpy import save_file

parser = argparse.ArgumentParser()
parser.add_argument("out")
parser.add_argument("--layers", type=int, default=2)
parser.add_argument("--hidden", type=int, default=512)
parser.add_argument("--ffn", type=int, default=1376)
args = parser.parse_args()
h, f = args.hidden, args.ffn
shapes = {"self_attn.q_proj": (h, h), "self_attn.k_proj": (h, h), "self_attn.v_proj": (h, h),
          "self_attn.o_proj": (h, h), "mlp.gate_proj": (f, h), "mlp.up_proj": (f, h),
          "mlp.down_proj": (h, f)}
rng = np.random.default_rng(0)
base, tuned = {}, {}
for layer in range(args.layers):
    for module, (o, i) in shapes.items():
        name = f"model.layers.{layer}.{module}.weight"
        w = (rng.standard_normal((o, i), dtype=np.float32) / np.sqrt(i)).astype(np.float32)
        base[name] = w
        tuned[name] = (w + 1e-3 * rng.standard_normal((o, i), dtype=np.float32)).astype(np.float32)
for folder, tensors in (("base", base), ("tuned", tuned)):
    os.makedirs(os.path.join(args.out, folder), exist_ok=True)
    save_file(tensors, os.path.join(args.out, folder, "model.safetensors"))
