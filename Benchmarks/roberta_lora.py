#!/usr/bin/env python3
"""Writes a RoBERTa-base-shaped synthetic base model (query/key/value/attention.output.dense
768×768, intermediate.dense 3072×768, output.dense 768×3072 per layer) and LoRA adapters of it
in PEFT's layout, for the base-cache benchmark (cache.sh). Not part of speclens; needs numpy.

usage: roberta_lora.py OUT_DIR [--layers N] [--rank R] [--adapters K]
Writes OUT_DIR/base/{model.safetensors,config.json} and OUT_DIR/lora-K/{adapter_config.json,
adapter_model.safetensors} for K = 0…adapters-1 (each from its own seed).
"""
import argparse
import json
import os
import struct

import numpy as np


def save(path, tensors):
    """A safetensors file of float32 tensors (numpy only)."""
    header, blobs, offset = {}, [], 0
    for name, array in tensors.items():
        data = np.ascontiguousarray(array, dtype="<f4").tobytes()
        header[name] = {"dtype": "F32", "shape": list(array.shape), "data_offsets": [offset, offset + len(data)]}
        blobs.append(data)
        offset += len(data)
    text = json.dumps(header).encode()
    text += b" " * ((8 - len(text) % 8) % 8)
    with open(path, "wb") as file:
        file.write(struct.pack("<Q", len(text)) + text)
        for blob in blobs:
            file.write(blob)


parser = argparse.ArgumentParser()
parser.add_argument("out")
parser.add_argument("--layers", type=int, default=4)
parser.add_argument("--rank", type=int, default=8)
parser.add_argument("--adapters", type=int, default=2)
args = parser.parse_args()
h, f = 768, 3072
shapes = {"attention.self.query": (h, h), "attention.self.key": (h, h), "attention.self.value": (h, h),
          "attention.output.dense": (h, h), "intermediate.dense": (f, h), "output.dense": (h, f)}
rng = np.random.default_rng(0)
base = {}
for layer in range(args.layers):
    for module, (o, i) in shapes.items():
        base[f"encoder.layer.{layer}.{module}.weight"] = (rng.standard_normal((o, i)) / np.sqrt(i)).astype(np.float32)
os.makedirs(os.path.join(args.out, "base"), exist_ok=True)
save(os.path.join(args.out, "base", "model.safetensors"), base)
with open(os.path.join(args.out, "base", "config.json"), "w") as file:
    json.dump({"model_type": "roberta", "hidden_size": h, "intermediate_size": f,
               "num_hidden_layers": args.layers, "architectures": ["RobertaModel"]}, file)
for k in range(args.adapters):
    rng = np.random.default_rng(100 + k)
    tensors = {}
    for layer in range(args.layers):
        for module, (o, i) in shapes.items():
            prefix = f"base_model.model.roberta.encoder.layer.{layer}.{module}"
            tensors[prefix + ".lora_A.weight"] = (rng.standard_normal((args.rank, i)) / np.sqrt(i)).astype(np.float32)
            tensors[prefix + ".lora_B.weight"] = (0.05 * rng.standard_normal((o, args.rank))).astype(np.float32)
    folder = os.path.join(args.out, f"lora-{k}")
    os.makedirs(folder, exist_ok=True)
    save(os.path.join(folder, "adapter_model.safetensors"), tensors)
    with open(os.path.join(folder, "adapter_config.json"), "w") as file:
        json.dump({"peft_type": "LORA", "r": args.rank, "lora_alpha": 2 * args.rank, "fan_in_fan_out": False,
                   "target_modules": ["query", "key", "value", "dense"], "base_model_name_or_path": "synthetic-roberta"},
                  file)
