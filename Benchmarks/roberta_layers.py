#!/usr/bin/env python3
"""Writes RoBERTa-base-shaped synthetic layers (768x768 query/key/value/attention output,
3072x768 intermediate, 768x3072 output) as a BERT-named base model, a full fine-tune of it and a
LoRA adapter (PEFT layout), deterministically, for timing speclens's decomposition paths.
Not part of speclens; needs numpy and safetensors.

usage: roberta_layers.py OUT_DIR [--layers 4] [--spectrum decaying|gaussian] [--rank 8] [--hidden 768] [--ffn 3072]

--spectrum gaussian: Gaussian weights (a flat top spectrum, the worst case for randomized
methods); decaying (default): random singular vectors with singular values 2 / (1 + i/30)^0.8 (times a 5%
log-normal jitter), close to the profile of the MiniLM fixtures' attention matrices (sigma_10 /
sigma_1 ~ 0.8, sigma_32 ~ 0.57, sigma_100 ~ 0.31).
"""
import argparse
import json
import os

import numpy as np
from safetensors.numpy import save_file

parser = argparse.ArgumentParser()
parser.add_argument("out")
parser.add_argument("--layers", type=int, default=4)
parser.add_argument("--spectrum", choices=["decaying", "gaussian"], default="decaying")
parser.add_argument("--rank", type=int, default=8)
parser.add_argument("--hidden", type=int, default=768)
parser.add_argument("--ffn", type=int, default=3072)
args = parser.parse_args()
h, f = args.hidden, args.ffn
shapes = {"attention.self.query": (h, h), "attention.self.key": (h, h), "attention.self.value": (h, h),
          "attention.output.dense": (h, h), "intermediate.dense": (f, h), "output.dense": (h, f)}
rng = np.random.default_rng(0)


def orthonormal(n, k):
    q, _ = np.linalg.qr(rng.standard_normal((n, k)))
    return q


base, tuned, adapter = {}, {}, {}
for layer in range(args.layers):
    for module, (o, i) in shapes.items():
        name = f"encoder.layer.{layer}.{module}"
        if args.spectrum == "decaying":
            p = min(o, i)
            sigma = 2.0 / (1 + np.arange(p) / 30.0) ** 0.8 * np.exp(0.05 * rng.standard_normal(p))
            w = (orthonormal(o, p) * np.sort(sigma)[::-1]) @ orthonormal(i, p).T
        else:
            w = rng.standard_normal((o, i)) / np.sqrt(max(o, i))
        w = w.astype(np.float32)
        base[name + ".weight"] = w
        norm = np.linalg.norm(w)
        # Full fine-tune: a small dense update (3% of ||W0||_F) plus a weaker rank-4 drift.
        d = rng.standard_normal((o, i))
        d *= 0.03 * norm / np.linalg.norm(d)
        d += (orthonormal(o, 4) * 0.3) @ orthonormal(i, 4).T
        tuned[name + ".weight"] = (w + d).astype(np.float32)
        # LoRA: B (o x r), A (r x i), scale alpha/r = 2; B·A's singular values near the top of W0's.
        r = args.rank
        a = (rng.standard_normal((r, i)) / np.sqrt(i)).astype(np.float32)
        b = (rng.standard_normal((o, r)) * 0.6 / np.sqrt(r)).astype(np.float32)
        adapter[f"base_model.model.{name}.lora_A.weight"] = a
        adapter[f"base_model.model.{name}.lora_B.weight"] = b
config = {"model_type": "bert", "architectures": ["BertModel"], "hidden_size": h, "intermediate_size": f,
          "num_hidden_layers": args.layers, "num_attention_heads": 12}
for folder, tensors in (("base", base), ("full", tuned)):
    os.makedirs(os.path.join(args.out, folder), exist_ok=True)
    save_file(tensors, os.path.join(args.out, folder, "model.safetensors"))
    with open(os.path.join(args.out, folder, "config.json"), "w") as handle:
        json.dump(config, handle)
lora = os.path.join(args.out, f"lora-r{args.rank}")
os.makedirs(lora, exist_ok=True)
save_file(adapter, os.path.join(lora, "adapter_model.safetensors"))
with open(os.path.join(lora, "adapter_config.json"), "w") as handle:
    json.dump({"peft_type": "LORA", "r": args.rank, "lora_alpha": 2 * args.rank, "use_rslora": False,
               "use_dora": False, "fan_in_fan_out": False, "bias": "none",
               "target_modules": ["query", "key", "value", "dense"], "base_model_name_or_path": "synthetic"}, handle)
